"""Shared fixtures: a small store, a server on it, raw HTTP helpers and a recording listener."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from geokg.graph.store import open_store
from rdflib import Literal, URIRef

G = URIRef("https://w3id.org/geokg/id/article/a1")
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="package")
def store_dir(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("hostile") / "store"
    with open_store(path) as st:
        st.replace_graphs({G: [(URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(f"v{i}")) for i in range(400)]})
    return str(path)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection (and what it received first)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(300))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def raw(port: int, data: bytes, *, source: str = "127.0.0.1", wait: float = 5.0) -> tuple[int | None, bytes]:
    """Send raw bytes; return (status or None when closed without an answer, the whole answer)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait, source_address=(source, 0)) as s:
        try:
            s.sendall(data)
        except OSError:
            pass
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                    break
        except (TimeoutError, ConnectionResetError, OSError):
            pass
    answer = b"".join(chunks)
    if not answer.startswith(b"HTTP/"):
        return None, answer
    return int(answer.split(b" ", 2)[1]), answer


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":", 1)[1])
    return True


def request(port: int, method: str, target: str, *, headers: dict[str, str] | None = None, body: bytes = b"",
            source: str = "127.0.0.1", wait: float = 15.0) -> tuple[int | None, bytes]:
    """One HTTP/1.1 request with a correct Host unless ``headers`` names another."""
    hdrs = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    if body or method == "POST":
        hdrs.setdefault("Content-Length", str(len(body)))
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in hdrs.items()) + "\r\n"
    return raw(port, head.encode("latin-1") + body, source=source, wait=wait)
