"""Exports bind the one prefix table (geokg.ontology.namespace.PREFIXES), rdfs: included."""

from __future__ import annotations

import pytest
from geokg.graph import exports
from geokg.graph.store import open_store
from geokg.ontology import namespace
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS


def test_exports_use_the_ontology_prefixes():
    assert exports.PREFIXES is namespace.PREFIXES
    assert exports.bind_prefixes is namespace.bind_prefixes
    assert namespace.PREFIXES["rdfs"] == str(RDFS)


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_turtle_export_binds_rdfs(kind, tmp_path):
    store = open_store(None, kind=kind)
    actor = URIRef("https://w3id.org/geokg/id/actor/country:MEX")
    store.replace_graphs({URIRef("urn:g"): [(actor, RDFS.label, Literal("Mexico"))]})
    text = exports.write_turtle(store, tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in text
    assert "rdfs:label" in text


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_union_exports_hold_each_triple_of_every_graph_once(kind, fmt, tmp_path):
    from rdflib import BNode, Graph
    from rdflib.compare import isomorphic

    store = open_store(None, kind=kind)
    actor, node = URIRef("https://w3id.org/geokg/id/actor/country:MEX"), BNode("b0")
    shared = (actor, RDFS.label, Literal("Mexico"))
    store.replace_graphs({
        URIRef("urn:g1"): [shared, (actor, RDFS.comment, Literal("a \"quoted\"\nline", lang="en"))],
        URIRef("urn:g2"): [shared, (actor, RDFS.seeAlso, node), (node, RDFS.label, Literal(3))],
    })
    path = exports.export(store, fmt, tmp_path / f"g.{fmt}")
    got = Graph().parse(path, format="turtle" if fmt == "turtle" else "nt")
    want = Graph()
    for t in [shared, (actor, RDFS.comment, Literal("a \"quoted\"\nline", lang="en")),
              (actor, RDFS.seeAlso, node), (node, RDFS.label, Literal(3))]:
        want.add(t)
    assert isomorphic(got, want)
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if "Mexico" in x]
    assert len(lines) == 1  # the triple both graphs hold is written once


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_trig_export_keeps_the_named_graphs(kind, tmp_path):
    from rdflib import Dataset

    store = open_store(None, kind=kind)
    actor = URIRef("https://w3id.org/geokg/id/actor/country:MEX")
    store.replace_graphs({URIRef("urn:g1"): [(actor, RDFS.label, Literal("Mexico"))],
                          URIRef("urn:g2"): [(actor, RDFS.label, Literal("México", lang="es"))]})
    text = exports.write_trig(store, tmp_path / "g.trig").read_text(encoding="utf-8")
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in text
    ds = Dataset()
    ds.parse(data=text, format="trig")
    assert {str(o) for _, _, o in ds.graph(URIRef("urn:g1"))} == {"Mexico"}
    assert {str(o) for _, _, o in ds.graph(URIRef("urn:g2"))} == {"México"}


def _tricky_store(kind):
    """Two graphs sharing a triple; literals holding ' <', quotes, a newline, a language, a datatype; a blank node."""
    from rdflib import BNode

    store = open_store(None, kind=kind)
    actor, node = URIRef("https://w3id.org/geokg/id/actor/country:MEX"), BNode("b0")
    shared = (actor, RDFS.label, Literal("Mexico"))
    store.replace_graphs({
        URIRef("urn:g1"): [shared, (actor, RDFS.comment, Literal('x <urn:y> "q" .\nz <', lang="en"))],
        URIRef("urn:g2"): [shared, (actor, RDFS.seeAlso, node), (node, RDFS.label, Literal(3)),
                           (node, RDFS.comment, Literal("a <b", datatype=URIRef("urn:dt")))],
    })
    return store


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
@pytest.mark.parametrize("default_graph", [False, True])
def test_trig_and_turtle_in_one_pass_are_the_two_writers_files(kind, default_graph, tmp_path):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    store = _tricky_store(kind)
    if default_graph and kind == "oxigraph.v1":  # a triple outside the named graphs: the two writers' way
        import pyoxigraph as ox

        exports._ox(store).add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("d <e")))
    trig, ttl = exports.write_trig_and_turtle(store, tmp_path / "both.trig", tmp_path / "both.ttl")
    assert trig.read_bytes() == exports.write_trig(store, tmp_path / "alone.trig").read_bytes()
    got = Graph().parse(ttl, format="turtle")
    want = Graph().parse(exports.write_turtle(store, tmp_path / "alone.ttl"), format="turtle")
    assert isomorphic(got, want)
    assert len(got) == 5  # the union of the named graphs (the default graph is not exported), each triple once
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in ttl.read_text(encoding="utf-8")
