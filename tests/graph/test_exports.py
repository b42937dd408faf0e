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
