"""A hostile-request corpus: every answer is a 4xx or 503 one-liner, never a 500; partial requests are cut off."""

from __future__ import annotations

import socket
import time
import urllib.parse

import pytest
from geokg.graph.serve import ServeConfig, SparqlServer

from .conftest import raw, request


@pytest.fixture(scope="module")
def server(store_dir):
    with SparqlServer(ServeConfig(store_dir, port=0, timeout=3.0, idle_timeout=1.0, max_body=64 * 1024,
                                  workers=2)) as srv:
        yield srv


def _q(query: str) -> str:
    return "/query?" + urllib.parse.urlencode({"query": query})


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SPARQL = {"Content-Type": "application/sparql-query"}
CORPUS = [
    # malformed SPARQL
    ("GET", _q("SELEC ?x"), {}, b"", 400), ("GET", _q("SELECT * WHERE { ?s ?p "), {}, b"", 400),
    ("GET", _q("{{{{{{{{{{{{{{{{{{{{"), {}, b"", 400), ("GET", _q("SELECT * WHERE { ?s ?p ?o } LIMIT -1"), {}, b"", 400),
    ("GET", _q("SELECT (<urn:f>(?x) AS ?y) WHERE { ?s ?p ?x }"), {}, b"", None),
    ("GET", _q("SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, '(')) }"), {}, b"", None),
    ("GET", _q("\x00\x01\x02"), {}, b"", 400), ("GET", _q(" "), {}, b"", 400),
    ("GET", _q("DROP ALL"), {}, b"", 400), ("POST", "/query", SPARQL, b"INSERT DATA { <a:b> <a:c> <a:d> }", 400),
    # refused features and bad parameters
    ("POST", "/update", FORM, b"update=DROP+ALL", 403), ("GET", "/query", {}, b"", 400),
    ("GET", "/query?query=ASK{}&query=ASK{}", {}, b"", 400), ("GET", "/query?query=%ff%fe", {}, b"", 400),
    ("GET", "/query?query=%", {}, b"", None), ("GET", "/query?" + "a=1&" * 200, {}, b"", 400),
    ("GET", "/named/../../etc/passwd", {}, b"", 400), ("GET", "/named/country-events?from=yesterday", {}, b"", 400),
    ("GET", "/nothing", {}, b"", 404),
    # bodies and content types
    ("POST", "/query", FORM, b"query=" + b"A" * 70_000, 413),
    ("POST", "/query", {"Content-Type": "text/plain"}, b"ASK {}", 415),
    ("POST", "/query", {"Content-Type": "application/json"}, b'{"query": "ASK {}"}', 415),
    ("POST", "/query", FORM, b"query=%C3%28", 400), ("POST", "/query", SPARQL, b"ASK { \xff\xfe }", 400),
    ("POST", "/query", {**FORM, "Content-Length": "-5"}, b"", 400),
    ("POST", "/query", {**FORM, "Content-Length": "abc"}, b"", 400),
    ("POST", "/query", {**FORM, "Content-Length": "99999999999999999999"}, b"", 413),
    ("POST", "/query", {**FORM, "Transfer-Encoding": "chunked"}, b"5\r\nquery\r\n0\r\n\r\n", 411),
    # methods
    ("PUT", "/query", {}, b"", 405), ("DELETE", "/", {}, b"", 405), ("TRACE", "/query", {}, b"", 405),
    ("PATCH", "/update", {}, b"", 405), ("FOO", "/query", {}, b"", 405), ("GET", "/update", {}, b"", 405),
    ("POST", "/", FORM, b"", 405), ("OPTIONS", "/query", {}, b"", 405),
    # odd headers
    ("GET", _q("ASK {}"), {"Host": ""}, b"", 400), ("GET", _q("ASK {}"), {"Host": "a" * 5000}, b"", 403),
    ("GET", _q("ASK {}"), {"Accept": "\x7f" * 100}, b"", 200), ("GET", _q("ASK {}"), {"Origin": "file://"}, b"", 403),
    ("GET", _q("ASK {}"), {"X-Forwarded-Host": "evil.example"}, b"", 200),
]
RAW = [
    b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n",
    b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n", b"\r\n\r\n\r\n",
    b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
]


@pytest.mark.parametrize("method, target, headers, body, expected", CORPUS)
def test_corpus_request(server, method, target, headers, body, expected) -> None:
    status, answer = request(server.httpd.port, method, target, headers=headers, body=body)
    assert status is not None and status != 500 and (status < 500 or status == 503), answer[:300]
    if expected is not None:
        assert status == expected, answer[:300]
    if 400 <= status < 500:
        text = answer.split(b"\r\n\r\n", 1)[1]
        assert text.count(b"\n") <= 1 and len(text) < 700  # one line


@pytest.mark.parametrize("data", RAW)
def test_raw_garbage(server, data) -> None:
    status, answer = raw(server.httpd.port, data)
    assert status is None or (status != 500 and (status < 500 or status == 503)), answer[:300]


def test_query_failures_are_400(server) -> None:  # errors found while evaluating: the query's fault
    status, answer = request(server.httpd.port, "GET", _q("SELECT * WHERE { BIND(<urn:x> AS ?e) SERVICE ?e { } }"),
                             wait=10)
    assert status == 400  # refused before it runs
    status, answer = request(server.httpd.port, "GET", _q("SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, '(')) }"))
    assert status in (200, 400), answer[:200]


@pytest.mark.parametrize("partial", [b"GET /query?query=ASK", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                                     (b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                                      b"Content-Type: application/x-www-form-urlencoded\r\n\r\nquery=")])
def test_partial_requests_are_cut_off(server, partial) -> None:
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.httpd.port), timeout=10) as s:
        s.sendall(partial)
        try:
            while s.recv(4096):
                pass
        except (ConnectionResetError, TimeoutError):
            pass
    assert time.monotonic() - t0 < 4  # idle_timeout is 1 s


def test_connection_cap(store_dir) -> None:
    with SparqlServer(ServeConfig(store_dir, port=0, max_connections=3, idle_timeout=3, workers=1)) as srv:
        held = [socket.create_connection(("127.0.0.1", srv.httpd.port)) for _ in range(3)]
        time.sleep(0.2)
        status, answer = raw(srv.httpd.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert status == 503 and b"Retry-After" in answer
        for s in held:
            s.close()


def test_a_trickling_request_is_cut_off(store_dir) -> None:
    # one byte every 0.3 s never trips the 1 s idle timeout; the 2 s request deadline ends it
    config = ServeConfig(store_dir, port=0, idle_timeout=1.0, request_timeout=2.0, workers=1)
    with SparqlServer(config) as srv:
        t0 = time.monotonic()
        with socket.create_connection(("127.0.0.1", srv.httpd.port), timeout=10) as s:
            try:
                for byte in b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
                    s.sendall(bytes([byte]))
                    time.sleep(0.3)
                    if time.monotonic() - t0 > 8:
                        break
            except OSError:
                pass
        assert time.monotonic() - t0 < 4


def test_per_client_connection_cap(store_dir) -> None:
    config = ServeConfig(store_dir, port=0, per_client_connections=2, idle_timeout=3, workers=1)
    with SparqlServer(config) as srv:
        held = [socket.create_connection(("127.0.0.1", srv.httpd.port), source_address=("127.0.0.9", 0))
                for _ in range(2)]
        time.sleep(0.2)
        status, _ = raw(srv.httpd.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", source="127.0.0.9")
        assert status == 503
        status, _ = raw(srv.httpd.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", source="127.0.0.10")
        assert status == 200
        for s in held:
            s.close()


def test_load_and_service_refused_in_updates(tmp_path, listener) -> None:
    from geokg.graph.store import open_store

    open_store(tmp_path / "w").close()
    with SparqlServer(ServeConfig(str(tmp_path / "w"), port=0, writable=True)) as srv:
        for update in (f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>",
                       f"load silent <http://127.0.0.1:{listener.port}/d> INTO GRAPH <urn:g>",
                       f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/q> {{ ?s ?p ?o }} }}"):
            status, answer = request(srv.httpd.port, "POST", "/update", body=update.encode(),
                                     headers={"Content-Type": "application/sparql-update"})
            assert status == 400 and b"is not allowed on this endpoint" in answer, answer
        status, _ = request(srv.httpd.port, "POST", "/update", body=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                            headers={"Content-Type": "application/sparql-update"})
        assert status == 204
    time.sleep(0.3)
    assert listener.connections == []
