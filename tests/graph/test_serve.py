"""``geokg serve``: SPARQL protocol, read-only by default, limits and timeouts."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from geokg.graph.serve import ServeConfig, SparqlServer
from geokg.graph.store import QueryError, StoreError, open_store
from rdflib import Literal, URIRef

G = URIRef("https://w3id.org/geokg/id/article/a1")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("served") / "store"
    with open_store(path) as st:
        st.replace_graphs({G: [(URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(f"v{i}")) for i in range(400)]})
    return path


def _get(url: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, dict(resp.headers), resp.read().decode()


def _q(server, query: str, accept: str = "application/sparql-results+json"):
    return _get(f"{server.url}/query?{urllib.parse.urlencode({'query': query})}", accept)


@pytest.fixture(scope="module")
def server(store_dir):
    with SparqlServer(ServeConfig(str(store_dir), port=0, timeout=2.0, limit=50)) as srv:
        yield srv


def test_binds_loopback_and_serves_offline_page(server):
    assert server.url.startswith("http://127.0.0.1:")
    status, headers, page = _get(server.url + "/", "text/html")
    assert status == 200 and "<textarea" in page
    assert "src=" not in page and "href=" not in page  # nothing fetched from anywhere


def test_select_json_and_csv(server):
    status, _, body = _q(server, "SELECT ?o WHERE { <urn:s7> <urn:p> ?o }")
    assert json.loads(body)["results"]["bindings"] == [{"o": {"type": "literal", "value": "v7"}}]
    _, _, csv_body = _q(server, "SELECT ?o WHERE { <urn:s7> <urn:p> ?o }", "text/csv")
    assert csv_body.splitlines() == ["o", "v7"]


def test_result_limit(server):
    _, headers, body = _q(server, "SELECT ?s WHERE { ?s ?p ?o }")
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["X-Geokg-Truncated"] == "true"


def test_timeout_stops_the_query_and_server_recovers(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(urllib.error.HTTPError) as info:
        _q(server, slow)
    assert info.value.code == 503 and "stopped" in info.value.read().decode()
    _, _, body = _q(server, "ASK { <urn:s1> ?p ?o }")
    assert json.loads(body)["boolean"] is True


def test_malformed_query_is_400(server):
    with pytest.raises(urllib.error.HTTPError) as info:
        _q(server, "SELEC ?x")
    assert info.value.code == 400 and "malformed SPARQL" in info.value.read().decode()


def test_update_refused_when_read_only(server):
    req = urllib.request.Request(server.url + "/update", data=b"update=DROP+ALL", method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert info.value.code == 403
    _, _, body = _q(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "400"


def test_geokg_remote_store_talks_to_it(server):
    remote = open_store(server.url)
    assert [str(r[0]) for r in remote.query("SELECT ?o WHERE { <urn:s3> <urn:p> ?o }")] == ["v3"]
    with pytest.raises(QueryError, match="malformed SPARQL"):
        remote.query("SELEC")
    with pytest.raises(StoreError, match="refused the write"):
        remote.replace_graphs({G: [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))]})


def test_writable_accepts_updates(tmp_path):
    path = tmp_path / "w"
    open_store(path).close()
    with SparqlServer(ServeConfig(str(path), port=0, writable=True)) as srv:
        remote = open_store(srv.url)
        remote.replace_graphs({G: [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))]})
        assert len(remote) == 1


def test_not_a_store(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a geokg/Oxigraph store"):
        SparqlServer(ServeConfig(str(tmp_path / "nothing")))
