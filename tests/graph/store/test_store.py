"""Stores: replace/remove named graphs, persistence, locks, read-only opening."""

from __future__ import annotations

import subprocess
import sys

import pytest
from geokg.graph.store import (
    STORES,
    OxigraphGraphStore,
    QueryError,
    StoreError,
    StoreLockedError,
    iter_union,
    open_store,
)
from rdflib import Literal, URIRef

G1 = URIRef("https://w3id.org/geokg/id/article/a1")
G2 = URIRef("https://w3id.org/geokg/id/article/a2")
S, P = URIRef("urn:s"), URIRef("urn:p")


@pytest.fixture(params=["oxigraph.v1", "rdflib-memory.v1", "sparql.v1"])
def store(request, tmp_path):
    if request.param == "sparql.v1":
        st = open_store(request.getfixturevalue("oxigraph_server"))
    else:
        location = tmp_path / "store" if request.param == "oxigraph.v1" else None
        st = open_store(location, kind=request.param)
    yield st
    st.close()


def test_replace_keeps_other_graphs(store):
    store.replace_graphs({G1: [(S, P, Literal("a"))], G2: [(S, P, Literal("b"))]})
    store.replace_graphs({G1: [(S, P, Literal("c"))]})
    values = sorted(str(r[0]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert values == ["b", "c"]
    assert store.graphs() == [G1, G2]


def test_remove_graph_exactly(store):
    store.replace_graphs({G1: [(S, P, Literal("a"))], G2: [(S, P, Literal("a")), (S, P, Literal("z"))]})
    assert store.remove_graph(G2) is True
    assert store.remove_graph(G2) is False
    assert sorted(str(o) for _, _, o in iter_union(store)) == ["a"]


def test_union_deduplicates_shared_statements(store):
    store.replace_graphs({G1: [(S, P, Literal("same"))], G2: [(S, P, Literal("same"))]})
    assert list(iter_union(store)) == [(S, P, Literal("same"))]
    rows = list(store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o }"))
    assert len(rows) == 1


def test_bindings_are_safe(store):
    tricky = 'x" } ;\n DROP ALL ; { "\\'
    store.replace_graphs({G1: [(S, P, Literal(tricky))]})
    rows = list(store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal(tricky)}))
    assert [r[0] for r in rows] == [S]
    assert len(store) == 1


def test_bad_iri_binding_is_refused(store):
    with pytest.raises(QueryError, match="not a valid IRI"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("urn:x> } DROP ALL {")})


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELECT WHERE {")


def test_store_registry_names():
    import geokg.graph.store.remote  # noqa: F401

    assert {"oxigraph.v1", "rdflib-memory.v1", "sparql.v1"} <= set(STORES.names())


def test_unreachable_endpoint_is_clear():
    port = 9  # the discard port: nothing listens on it here
    st = open_store(f"http://127.0.0.1:{port}")
    with pytest.raises(StoreError, match="cannot reach SPARQL endpoint"):
        st.query("ASK {}")


def test_oxigraph_persists_across_reopen(tmp_path):
    loc = tmp_path / "db"
    with open_store(loc) as st:
        st.replace_graphs({G1: [(S, P, Literal("kept"))]})
    with open_store(loc, read_only=True) as st:
        assert [str(o) for _, _, o in iter_union(st)] == ["kept"]


def test_read_only_on_missing_store_is_clear(tmp_path):
    with pytest.raises(StoreError, match="not a geokg/Oxigraph store"):
        open_store(tmp_path / "nothing-here", read_only=True)


def test_locked_store_gives_clear_error(tmp_path):
    loc = tmp_path / "db"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import pyoxigraph,sys,time; s=pyoxigraph.Store({str(loc)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreLockedError, match="in use by another geokg process"):
            open_store(loc)
        # Readers still get in while the writer holds the lock.
        with open_store(loc, read_only=True) as ro:
            assert len(ro) == 0
    finally:
        holder.kill()
        holder.wait()


def _damage(kind, loc):
    import os

    files = sorted(os.listdir(loc))
    if kind == "current-points-nowhere":
        (loc / "CURRENT").write_text("MANIFEST-999999\n")
    elif kind == "current-garbage":
        (loc / "CURRENT").write_bytes(b"\x00\xff garbage")
    elif kind == "manifest-garbage":
        manifest = next(f for f in files if f.startswith("MANIFEST"))
        (loc / manifest).write_bytes(bytes(range(256)) * 8)
    elif kind == "sst-truncated":
        sst = next(f for f in files if f.endswith(".sst"))
        os.truncate(loc / sst, 100)
    elif kind == "sst-missing":
        os.remove(loc / next(f for f in files if f.endswith(".sst")))


@pytest.mark.parametrize(
    "kind", ["current-points-nowhere", "current-garbage", "manifest-garbage", "sst-truncated", "sst-missing"]
)
@pytest.mark.parametrize("read_only", [True, False])
def test_damaged_store_gives_clear_error(tmp_path, kind, read_only):
    loc = tmp_path / "db"
    with open_store(loc) as st:
        st.replace_graphs({G1: [(S, P, Literal(f"v{i}")) for i in range(200)]})
    assert any(p.suffix == ".sst" for p in loc.iterdir())  # closing flushed the data to a table file
    _damage(kind, loc)
    with pytest.raises(StoreError, match="the store is damaged or incomplete") as info:
        open_store(loc, read_only=read_only)
    assert str(loc) in str(info.value)
    assert not isinstance(info.value, StoreLockedError)


def test_folder_of_other_files_is_not_made_a_store(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(StoreError, match="holds other files and no Oxigraph store"):
        OxigraphGraphStore(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]
    with OxigraphGraphStore(tmp_path / "empty") as st:  # a new folder is fine, and so is reopening it
        assert len(st) == 0
    with OxigraphGraphStore(tmp_path / "empty") as st:
        assert len(st) == 0
