"""The address policy: refused addresses, every DNS answer, redirects, and pinning against DNS rebinding."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from geokg.ingest.readers import netpolicy
from geokg.ingest.readers.netpolicy import (
    AddressPolicy,
    BlockedAddressError,
    blocked_reason,
    open_url,
)

HITS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        HITS.append(self.path)
        body = b"hello"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("2002:a00:1::", "private"),
        ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
        ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"),
        ("::ffff:169.254.169.254", "link-local"), ("224.0.0.251", "multicast"), ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("240.0.0.1", "private"),
        ("100.64.0.1", "not global"), ("64:ff9b::7f00:1", "loopback"),
    ],
)
def test_refused_addresses(address: str, reason: str) -> None:
    assert blocked_reason(address) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(address) is None


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: list[list[str]]) -> list[str]:
    """getaddrinfo returns the next list of answers on each call; records the names asked."""
    asked: list[str] = []

    def fake(host, port, family=0, type=0, proto=0, flags=0):
        asked.append(host)
        batch = answers[min(len(asked), len(answers)) - 1]
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port) if ":" not in a else (a, port, 0, 0)) for a in batch]

    monkeypatch.setattr(netpolicy.socket, "getaddrinfo", fake)
    return asked


def test_any_refused_answer_refuses_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, [["93.184.216.34", "10.1.2.3"]])
    with pytest.raises(BlockedAddressError, match=r"http://mixed\.test/a: refused address 10\.1\.2\.3 \(private\)"):
        AddressPolicy().check("http://mixed.test/a")
    AddressPolicy(allow_private=True).check("http://mixed.test/a")  # lifted


def test_blocked_address_error_is_a_value_error() -> None:
    assert issubclass(BlockedAddressError, ValueError)
    with pytest.raises(ValueError, match="169.254.169.254"):
        AddressPolicy().check("http://169.254.169.254/latest/meta-data/")


def test_dns_rebinding_between_check_and_connect_is_refused(monkeypatch, port) -> None:
    # the first answer (the check) is public, the next one (at connect time) is loopback
    asked = _fake_dns(monkeypatch, [["93.184.216.34"], ["127.0.0.1"]])
    HITS.clear()
    with pytest.raises(BlockedAddressError, match="127.0.0.1"):
        open_url(f"http://rebind.test:{port}/secret", policy=AddressPolicy(), timeout=2, max_bytes=1000)
    assert asked == ["rebind.test", "rebind.test"]
    assert HITS == []  # nothing reached the loopback listener


def test_connection_is_pinned_to_the_checked_answer(monkeypatch, port) -> None:
    # '.test' never resolves for real: the connection can only use the checked answer
    asked = _fake_dns(monkeypatch, [["127.0.0.1"]])
    HITS.clear()
    with open_url(f"http://pinned.test:{port}/x", policy=AddressPolicy(allow_private=True),
                  timeout=2, max_bytes=1000) as resp:
        assert resp.read() == b"hello"
    assert HITS == ["/x"] and set(asked) == {"pinned.test"}


def test_first_policy_applies_to_the_first_request_only(port) -> None:
    HITS.clear()
    with open_url(f"http://127.0.0.1:{port}/typed", policy=AddressPolicy(),
                  first_policy=AddressPolicy(allow_private=True), timeout=2, max_bytes=1000) as resp:
        assert resp.status == 200
    with pytest.raises(BlockedAddressError):
        open_url(f"http://127.0.0.1:{port}/found", policy=AddressPolicy(), timeout=2, max_bytes=1000)
    assert HITS == ["/typed"]


def test_content_length_cap(port) -> None:
    with pytest.raises(netpolicy.TooLargeError, match="exceeds the limit of 3 bytes"):
        open_url(f"http://127.0.0.1:{port}/big", policy=AddressPolicy(allow_private=True), timeout=2, max_bytes=3)
