"""``geokg serve`` under hostile use: no outbound requests, no foreign Host, no 500s, no blocked clients."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse

import pytest
from geokg.graph.serve import ServeConfig, SparqlServer, remote_access

from .conftest import CROSS_JOIN, request


@pytest.fixture(scope="module")
def server(store_dir):
    config = ServeConfig(store_dir, port=0, timeout=6.0, limit=50, idle_timeout=1.0, workers=4)
    with SparqlServer(config) as srv:
        yield srv


def _port(server) -> int:
    return server.httpd.port


def _get(server, query: str, **kw):
    return request(_port(server), "GET", "/query?" + urllib.parse.urlencode({"query": query}), **kw)


def _service_queries(port: int) -> list[str]:
    u = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ SERVICE {u} {{ ?s ?p ?o }} }}",
        f"select * where {{ service {u} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE SILENT {u} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SeRvIcE {u} {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE {u} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE#comment\n{u}{{ ?s ?p ?o }} }} }}",
        f"PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
        f"PREFIX a: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICEa:x {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o.SERVICE {u} {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_and_nothing_goes_out(server, listener) -> None:
    for query in _service_queries(listener.port):
        for status, answer in (
            _get(server, query),
            request(_port(server), "POST", "/query", body=query.encode(),
                    headers={"Content-Type": "application/sparql-query"}),
            request(_port(server), "POST", "/query", body=urllib.parse.urlencode({"query": query}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"}),
        ):
            assert status == 400, (query, answer)
            assert b"SERVICE (a federated query to another server) is not allowed" in answer
    time.sleep(0.3)
    assert listener.connections == []  # 0 outbound requests caused by queries


def test_standard_variants_agree_with_rdflib_parse_tree(listener) -> None:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery

    def has_service(node) -> bool:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(node, dict):
            return any(has_service(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(has_service(v) for v in node)
        return False

    for query in _service_queries(listener.port)[:6]:  # the ones rdflib's grammar reads as SERVICE
        assert has_service(parseQuery(query)) and remote_access(query)
    for query in ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }', "SELECT ?service WHERE { ?service ?p ?o }"):
        assert not has_service(parseQuery(query)) and remote_access(query) is None


def test_service_as_data_is_answered_without_going_out(server, listener) -> None:
    u = f"http://127.0.0.1:{listener.port}/sparql"
    status, answer = _get(server, f'SELECT ?x WHERE {{ BIND("SERVICE <{u}> {{ ?s ?p ?o }}" AS ?x) }} # SERVICE')
    assert status == 200, answer
    # a named query's parameter is data (a VALUES literal), never query text
    target = "/named/country-events?" + urllib.parse.urlencode({"country": f'X" }} SERVICE <{u}> {{ ?s ?p ?o }} #'})
    status, answer = request(_port(server), "GET", target)
    assert status == 200, answer
    time.sleep(0.3)
    assert listener.connections == []


def test_allow_service_really_goes_out(store_dir, listener) -> None:  # the listener does see a SERVICE call
    with SparqlServer(ServeConfig(store_dir, port=0, timeout=5, allow_service=True, workers=1)) as srv:
        status, _ = _get(srv, f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}")
    assert status == 200
    assert len(listener.connections) == 1 and listener.connections[0].startswith(b"POST /x")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.nip.io", "localhost.evil.example",
                                  "10.0.0.1", "[::2]:1"])
def test_foreign_host_headers_get_403(server, host) -> None:
    status, answer = _get(server, "ASK {}", headers={"Host": host})
    assert status == 403 and b"does not answer for Host" in answer and b"boolean" not in answer


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}"])
def test_loopback_names_are_answered(server, host) -> None:
    status, answer = _get(server, "ASK {}", headers={"Host": host.format(port=_port(server))})
    assert status == 200 and b'"boolean": true' in answer


def test_origin_checks_and_no_cors_headers(server) -> None:
    port = _port(server)
    status, answer = _get(server, "ASK {}", headers={"Origin": "http://evil.example"})
    assert status == 403 and b"cross-origin" in answer
    assert _get(server, "ASK {}", headers={"Origin": "null"})[0] == 403
    status, answer = _get(server, "ASK {}", headers={"Origin": f"http://127.0.0.1:{port}"})
    assert status == 200 and b"access-control" not in answer.lower()
    assert request(port, "OPTIONS", "/query", headers={"Origin": "http://evil.example"})[0] == 403


def test_cors_only_for_the_given_origin(store_dir) -> None:
    with SparqlServer(ServeConfig(store_dir, port=0, cors="https://app.example", workers=1)) as srv:
        status, answer = _get(srv, "ASK {}", headers={"Origin": "https://app.example"})
        assert status == 200 and b"Access-Control-Allow-Origin: https://app.example" in answer
        status, answer = request(srv.httpd.port, "OPTIONS", "/query", headers={"Origin": "https://app.example"})
        assert status == 204 and b"Access-Control-Allow-Methods" in answer
        assert _get(srv, "ASK {}", headers={"Origin": "https://other.example"})[0] == 403


def test_a_cross_join_does_not_block_other_clients(server) -> None:
    result: dict[str, object] = {}

    def slow() -> None:
        result["slow"] = _get(server, CROSS_JOIN, source="127.0.0.2")

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(1.5)  # the cross join is running (and is now a long query)
    assert thread.is_alive()
    t0 = time.monotonic()
    status, answer = _get(server, "ASK {}", source="127.0.0.3")
    elapsed = time.monotonic() - t0
    assert status == 200 and b'"boolean": true' in answer
    assert elapsed < 1.0, f"ASK took {elapsed:.2f} s while a cross join ran"
    thread.join(20)
    status, answer = result["slow"]
    assert status == 503 and b"stopped" in answer


def test_per_client_cap_gives_503_with_retry_after(store_dir) -> None:
    config = ServeConfig(store_dir, port=0, timeout=4.0, per_client=1, workers=2, long_after=0.5)
    with SparqlServer(config) as srv:
        thread = threading.Thread(target=lambda: _get(srv, CROSS_JOIN, source="127.0.0.4"))
        thread.start()
        time.sleep(1.0)
        status, answer = _get(srv, "ASK {}", source="127.0.0.4")
        assert status == 503 and b"Retry-After: 2" in answer and b"per client" in answer
        assert _get(srv, "ASK {}", source="127.0.0.5")[0] == 200  # another client is served
        thread.join(10)


def test_long_query_slots_are_limited(store_dir) -> None:
    # one long query at a time (max_long=1): a second one from another client is stopped once it runs long
    config = ServeConfig(store_dir, port=0, timeout=5.0, workers=3, max_long=1, long_after=0.5)
    with SparqlServer(config) as srv:
        first = threading.Thread(target=lambda: _get(srv, CROSS_JOIN, source="127.0.0.6"))
        first.start()
        time.sleep(1.0)
        t0 = time.monotonic()
        status, answer = _get(srv, CROSS_JOIN, source="127.0.0.7")
        assert status == 503 and b"workers for long queries are taken" in answer
        assert time.monotonic() - t0 < 3
        assert _get(srv, "ASK {}", source="127.0.0.8")[0] == 200
        first.join(10)


def test_named_query_route(server) -> None:
    status, answer = request(_port(server), "GET", "/named/country-events?country=MEX")
    assert status == 200 and json.loads(answer.split(b"\r\n\r\n", 1)[1])["head"]["vars"]
    status, answer = request(_port(server), "GET", "/named/no-such-query")
    assert status == 400 and b"no-such-query" in answer
    status, answer = request(_port(server), "GET", "/named/country-events?nope=1")
    assert status == 400 and b"no parameter" in answer
