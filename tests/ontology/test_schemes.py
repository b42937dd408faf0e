"""The committed SKOS schemes ontology/cameo.ttl and plover.ttl are what the table generates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from geokg.ingest.coding.cameo import (
    CAMEO_NS,
    GK_NS,
    PLOVER_NS,
    scheme_graph,
    write_schemes,
)
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, SKOS, XSD

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
GK = GK_NS


@pytest.mark.parametrize("name", ["cameo", "plover"])
def test_committed_scheme_is_current(name):
    committed = Graph().parse(ONTOLOGY / f"{name}.ttl", format="turtle")
    assert isomorphic(committed, scheme_graph(scheme=name)), (
        f"ontology/{name}.ttl is stale: regenerate with geokg.ingest.coding.cameo.write_schemes('ontology')")


def test_write_schemes(tmp_path):
    paths = write_schemes(tmp_path)
    assert [p.name for p in paths] == ["cameo.ttl", "plover.ttl"]
    assert paths[0].read_text().startswith("# geokg SKOS scheme")


def test_cameo_concepts():
    g = scheme_graph(scheme="cameo")
    c = URIRef(CAMEO_NS + "1711")
    assert g.value(c, SKOS.broader) == URIRef(CAMEO_NS + "171")
    assert g.value(URIRef(CAMEO_NS + "171"), SKOS.broader) == URIRef(CAMEO_NS + "17")
    assert (URIRef(CAMEO_NS + "17"), SKOS.topConceptOf, URIRef(CAMEO_NS.rstrip("/"))) in g
    assert g.value(c, SKOS.notation) == Literal("1711")
    assert g.value(c, URIRef(GK + "goldstein")) == Literal(Decimal("-9.2"), datatype=XSD.decimal)
    assert g.value(c, URIRef(GK + "quadClass")) == Literal(4, datatype=XSD.integer)
    assert (c, SKOS.broadMatch, URIRef(PLOVER_NS + "COERCE")) in g
    # the REJECT root maps one to one; YIELD (08) splits into CONCEDE and RETREAT
    assert (URIRef(CAMEO_NS + "12"), SKOS.closeMatch, URIRef(PLOVER_NS + "REJECT")) in g
    assert not list(g.objects(URIRef(CAMEO_NS + "08"), SKOS.closeMatch))
    # the legacy name is linked when it differs
    assert (URIRef(CAMEO_NS + "190"), SKOS.broadMatch, URIRef(PLOVER_NS + "FIGHT")) in g


def test_plover_concepts():
    g = scheme_graph(scheme="plover")
    reject = URIRef(PLOVER_NS + "REJECT")
    assert g.value(reject, URIRef(GK + "quadClass")) == Literal(3, datatype=XSD.integer)
    demand = URIRef(PLOVER_NS + "DEMAND")
    assert (demand, OWL.deprecated, Literal(True)) in g
    assert (demand, SKOS.closeMatch, URIRef(PLOVER_NS + "REQUEST")) in g
    assert (URIRef(PLOVER_NS + "FIGHT"), SKOS.broadMatch, URIRef(PLOVER_NS + "ASSAULT")) in g


def test_unknown_scheme_is_an_error():
    with pytest.raises(ValueError, match="nope"):
        scheme_graph(scheme="nope")
