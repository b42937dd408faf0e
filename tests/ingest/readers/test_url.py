"""Tests for the URL reader (url.v1) against a local http.server on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from geokg.ingest.readers import iter_articles, read_url
from geokg.ingest.readers.base import ReadOptions
from geokg.ingest.readers.url import FETCH_FAILURES, USER_AGENT, as_fetch_error
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"
RELEASE = threading.Event()  # lets slow handlers finish at teardown
SEEN_AGENTS: list[str] = []
SEEN_PATHS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # silence
        pass

    def send_body(self, body: bytes, ctype: str | None, *, length: bool = True, status: int = 200) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        SEEN_PATHS.append(self.path)
        path = self.path
        if path == "/page":
            self.send_body((FIX / "page.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/latin1-page":
            html = "<html><body><p>La reuni\xf3n en Bogot\xe1 termin\xf3 sin acuerdo alguno.</p></body></html>"
            self.send_body(html.encode("latin-1"), "text/html; charset=ISO-8859-1")
        elif path == "/feed":
            self.send_body((FIX / "feed.rss").read_bytes(), "application/rss+xml")
        elif path == "/plain":
            self.send_body((FIX / "note.txt").read_bytes(), "text/plain; charset=utf-8")
        elif path == "/untyped-html":
            self.send_body((FIX / "bare.html").read_bytes(), None)
        elif path == "/json":
            self.send_body(b'{"text": "x"}', "application/json")
        elif path == "/png":
            self.send_body(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        elif path == "/empty":
            self.send_body(b"", "text/html")
        elif path == "/missing":
            self.send_body(b"not here", "text/plain", status=404)
        elif path == "/slow":
            RELEASE.wait(3)
            self.send_body(b"<p>late</p>", "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                if RELEASE.wait(0.1):
                    break
                try:
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                except OSError:
                    break
        elif path == "/big":
            self.send_body(b"<p>" + b"a" * 20_000 + b"</p>", "text/html")
        elif path == "/big-unsized":
            self.send_body(b"<p>" + b"a" * 20_000 + b"</p>", "text/html", length=False)
        elif path == "/loop-a":
            self.redirect("/loop-b")
        elif path == "/loop-b":
            self.redirect("/loop-a")
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self.redirect(f"/chain/{n - 1}" if n > 0 else "/page")
        elif path == "/to-ftp":
            self.redirect("ftp://files.example/a.txt")
        elif path == "/to-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-mapped":
            self.redirect(f"http://[::ffff:127.0.0.1]:{self.server.server_address[1]}/page")
        elif path == "/links-feed":
            port = self.server.server_address[1]
            body = (f'<rss version="2.0"><channel><title>W</title><item><title>a</title>'
                    f'<link>http://127.0.0.1:{port}/page</link><description>x</description></item>'
                    f'</channel></rss>').encode()
            self.send_body(body, "application/rss+xml")
        else:
            self.send_body(b"no route", "text/plain", status=404)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    RELEASE.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        RELEASE.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def read(url: str, discovered: bool = False, **kw: float) -> list[Article | ReadError]:
    return list(read_url(url, ReadOptions(**kw), discovered=discovered))  # type: ignore[arg-type]


def test_html_page(base: str) -> None:
    [a] = read(f"{base}/page")
    assert isinstance(a, Article)
    assert a.title == "Envoys resume border talks"
    assert a.url == "https://herald.example/2025/05/envoys-resume-talks"  # og:url, not the fetch URL
    assert a.published == date(2025, 5, 12)
    assert a.origin == f"{base}/page"
    assert USER_AGENT in SEEN_AGENTS


def test_header_charset_is_honoured(base: str) -> None:
    [a] = read(f"{base}/latin1-page")
    assert isinstance(a, Article)
    assert "reunión en Bogotá terminó" in a.text
    assert a.url == f"{base}/latin1-page"  # no canonical: the URL fetched


def test_feed_by_content_type(base: str) -> None:
    recs = read(f"{base}/feed")
    assert [r.origin for r in recs] == [f"{base}/feed#item{n}" for n in (1, 2, 3)]
    assert isinstance(recs[0], Article) and recs[0].title == "Bridge talks make progress"
    assert isinstance(recs[1], ReadError)


def test_plain_text_and_sniffed_html(base: str) -> None:
    [t] = read(f"{base}/plain")
    assert isinstance(t, Article) and t.title == "Grain convoy reaches the capital"
    assert t.url == f"{base}/plain"
    [h] = read(f"{base}/untyped-html")
    assert isinstance(h, Article) and h.title == "Port workers strike"


@pytest.mark.parametrize(
    "route, reason",
    [
        ("/json", "unsupported content type 'application/json'"),
        ("/png", "unsupported content type 'image/png'"),
        ("/empty", "empty"),
        ("/missing", "HTTP 404 Not Found"),
    ],
)
def test_unusable_responses(base: str, route: str, reason: str) -> None:
    assert read(f"{base}{route}") == [ReadError(f"{base}{route}", reason)]


def test_timeout(base: str) -> None:
    t0 = time.monotonic()
    [r] = read(f"{base}/slow", timeout=0.3)
    assert r == ReadError(f"{base}/slow", "timed out after 0.3 s")
    assert time.monotonic() - t0 < 2


def test_total_time_budget_for_a_trickling_body(base: str) -> None:
    t0 = time.monotonic()
    [r] = read(f"{base}/trickle", timeout=0.5)
    assert isinstance(r, ReadError) and r.reason == "timed out after 0.5 s"
    assert time.monotonic() - t0 < 2


def test_oversized_body(base: str) -> None:
    [r1] = read(f"{base}/big", max_bytes=1000)
    assert r1 == ReadError(
        f"{base}/big", "too large: Content-Length 20007 bytes exceeds the limit of 1000 bytes"
    )
    [r2] = read(f"{base}/big-unsized", max_bytes=1000)
    assert r2 == ReadError(f"{base}/big-unsized", "too large: more than 1000 bytes")
    [ok] = read(f"{base}/big-unsized", max_bytes=30_000)
    assert isinstance(ok, Article)


def test_redirect_loop_and_limit(base: str) -> None:
    # the test server is on loopback: its redirects need --allow-private-addresses
    [loop] = read(f"{base}/loop-a", allow_private_addresses=True)
    assert isinstance(loop, ReadError) and loop.reason.startswith("too many redirects")
    [ok] = read(f"{base}/chain/4", allow_private_addresses=True)  # 5 redirects: allowed
    assert isinstance(ok, Article) and ok.title == "Envoys resume border talks"
    [too_many] = read(f"{base}/chain/5", allow_private_addresses=True)  # 6 redirects
    assert isinstance(too_many, ReadError) and too_many.reason.startswith("too many redirects")


def test_redirect_to_other_scheme_refused(base: str) -> None:
    [r] = read(f"{base}/to-ftp")
    assert r == ReadError(f"{base}/to-ftp", "redirect to unsupported URL scheme 'ftp': ftp://files.example/a.txt")


@pytest.mark.parametrize(
    "url, reason",
    [
        ("ftp://files.example/a.txt", "unsupported URL scheme 'ftp' (only http and https)"),
        ("file:///etc/hostname", "unsupported URL scheme 'file' (only http and https)"),
        ("http:///nohost", "invalid URL: no host"),
    ],
)
def test_bad_urls_are_not_fetched(url: str, reason: str) -> None:
    assert read(url) == [ReadError(url, reason)]
    assert list(iter_articles([url])) == [ReadError(url, reason)]


def test_connection_refused() -> None:
    import socket

    with socket.socket() as s:  # find a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [r] = read(f"http://127.0.0.1:{port}/x", timeout=2)
    assert isinstance(r, ReadError) and r.reason.startswith("cannot connect")


def test_iter_articles_dispatches_urls(base: str) -> None:
    recs = list(iter_articles([f"{base}/page", f"{base}/slow"], timeout=0.3))
    assert isinstance(recs[0], Article)
    assert recs[1] == ReadError(f"{base}/slow", "timed out after 0.3 s")


def _refusal(url: str, address: str, reason: str) -> str:
    return f"refused: {url}: refused address {address} ({reason}); pass --allow-private-addresses to allow it"


def test_typed_url_is_fetched_but_its_redirects_to_loopback_are_refused(base: str) -> None:
    SEEN_PATHS.clear()
    [r] = read(f"{base}/chain/1")
    assert r == ReadError(f"{base}/chain/1", _refusal(f"{base}/chain/0", "127.0.0.1", "loopback"))
    assert SEEN_PATHS == ["/chain/1"]  # the redirect target was never requested


@pytest.mark.parametrize(
    "route, target, address, reason",
    [
        ("/to-metadata", "http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local"),
        ("/to-mapped", "http://[::ffff:127.0.0.1]:{port}/page", "::ffff:127.0.0.1", "loopback"),
    ],
)
def test_redirects_to_metadata_and_mapped_loopback_are_refused(base: str, route, target, address, reason) -> None:
    port = base.rsplit(":", 1)[1]
    [r] = read(f"{base}{route}", allow_private_addresses=False)
    assert r == ReadError(f"{base}{route}", _refusal(target.format(port=port), address, reason))


def test_discovered_urls_are_checked_before_connecting(base: str) -> None:
    from geokg.ingest.readers.feed import entry_links

    SEEN_PATHS.clear()
    [feed_entry] = read(f"{base}/links-feed")  # typed by the user: fetched
    assert isinstance(feed_entry, Article)
    data, _, _ = __import__("geokg.ingest.readers.url", fromlist=["fetch"]).fetch(
        f"{base}/links-feed", trust_first=True)
    [link] = entry_links(data, f"{base}/links-feed")
    assert link == f"{base}/page"
    [r] = read(link, discovered=True)
    assert r == ReadError(link, _refusal(link, "127.0.0.1", "loopback"))
    assert "/page" not in SEEN_PATHS  # 0 requests reached the loopback page
    [ok] = read(link, discovered=True, allow_private_addresses=True)
    assert isinstance(ok, Article)


def test_iter_articles_passes_allow_private_addresses(base: str) -> None:
    [refused] = list(iter_articles([f"{base}/chain/1"]))
    assert isinstance(refused, ReadError) and "refused address 127.0.0.1" in refused.reason
    [ok] = list(iter_articles([f"{base}/chain/1"], allow_private_addresses=True))
    assert isinstance(ok, Article)


@pytest.mark.parametrize(("exc", "reason"), [
    (urllib.error.URLError(TimeoutError()), "timed out after 2 s"),
    (urllib.error.URLError(ssl.SSLError(1, "bad cert")), "TLS error: bad cert"),
    (urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")), "cannot connect: Connection refused"),
    (urllib.error.URLError("weird"), "cannot fetch: weird"),
    (socket.gaierror(-2, "Name or service not known"), "cannot connect: Name or service not known"),
    (OSError(5, "I/O error"), "connection error: I/O error"),
    (http.client.BadStatusLine("x"), "bad HTTP response: BadStatusLine: x"),
])
def test_as_fetch_error_words_each_failure(exc: BaseException, reason: str) -> None:
    """The one mapping the URL reader and the feed watcher share (url.as_fetch_error)."""
    assert isinstance(exc, FETCH_FAILURES)
    assert str(as_fetch_error(exc, 2.0)) == reason
