"""SPARQL helpers: reading queries, running them, formatting answers."""

from __future__ import annotations

import json

import pytest
from geokg.graph.query.sparql import format_table, read_query, run_query
from geokg.graph.store import QueryError, open_store
from rdflib import Literal, URIRef


@pytest.fixture()
def store():
    st = open_store(None)
    st.replace_graphs({
        URIRef("urn:g"): [
            (URIRef("urn:mx"), URIRef("urn:name"), Literal("Mexico")),
            (URIRef("urn:us"), URIRef("urn:name"), Literal("United States")),
            (URIRef("urn:mx"), URIRef("urn:pop"), Literal(126)),
        ]
    })
    return st


def test_select_rows_and_formats(store):
    table = run_query(store, "SELECT ?n WHERE { ?a <urn:name> ?n } ORDER BY ?n")
    assert table.rows == [["Mexico"], ["United States"]]
    assert format_table(table, "csv").splitlines() == ["n", "Mexico", "United States"]
    assert format_table(table, "tsv").splitlines()[1] == "Mexico"
    assert json.loads(format_table(table, "json"))["rows"][1] == {"n": "United States"}
    text = format_table(table, "table")
    assert "United States" in text and "2 row(s)" in text


def test_numbers_stay_numbers(store):
    table = run_query(store, "SELECT ?p WHERE { ?a <urn:pop> ?p }")
    assert table.rows == [[126]]


def test_ask(store):
    table = run_query(store, "ASK { ?a <urn:name> 'Mexico' }")
    assert table.boolean is True
    assert json.loads(format_table(table, "json")) == {"boolean": True}


def test_construct_is_refused_with_a_message(store):
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_query(store, "CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }")


def test_unknown_format(store):
    with pytest.raises(ValueError, match="unknown format"):
        format_table(run_query(store, "ASK {}"), "xml")


def test_read_query_file_and_text(tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("SELECT * WHERE { ?s ?p ?o }")
    assert read_query(str(f)).startswith("SELECT")
    assert read_query("ASK {}") == "ASK {}"
    with pytest.raises(FileNotFoundError, match="missing.rq"):
        read_query(str(tmp_path / "missing.rq"))


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_every_rdf_export_round_trips(tmp_path, kind):
    from geokg.graph.exports import EXPORTS, export
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    st = open_store(None, kind=kind)
    g1, g2 = URIRef("urn:g1"), URIRef("urn:g2")
    st.replace_graphs({g1: [(URIRef("urn:a"), URIRef("urn:p"), Literal("x \" y\n", lang="en"))],
                       g2: [(URIRef("urn:a"), URIRef("urn:q"), Literal(3))]})
    union = Graph()
    union.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x \" y\n", lang="en")))
    union.add((URIRef("urn:a"), URIRef("urn:q"), Literal(3)))
    formats = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
    assert set(formats) | {"events-csv"} == set(EXPORTS)
    for name, rdflib_format in formats.items():
        path = export(st, name, tmp_path / f"{kind}.{name}")
        if name in ("turtle", "ntriples"):
            assert isomorphic(Graph().parse(path, format=rdflib_format), union), name
        else:
            ds = Dataset().parse(path, format=rdflib_format)
            assert {str(c.identifier) for c in ds.graphs() if len(c)} >= {"urn:g1", "urn:g2"}, name
            expected = Graph()
            expected.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x \" y\n", lang="en")))
            got = Graph()
            for t in ds.graph(g1):
                got.add(t)
            assert isomorphic(got, expected), name
