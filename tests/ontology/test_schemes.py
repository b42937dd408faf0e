"""The event-type vocabulary and SKOS schemes: ontology/cameo.ttl and plover.ttl are what the table generates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from geokg.ingest.coding import cameo
from geokg.ingest.coding.cameo import CAMEO_NS, GK_NS, PLOVER_NS, CameoTable
from geokg.ontology import schemes
from geokg.ontology.schemes import scheme_graph, scheme_text
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, SKOS, XSD

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
GK = GK_NS


@pytest.fixture(scope="module")
def rows():
    return list(CameoTable.default().values())


@pytest.mark.parametrize("name", ["cameo", "plover"])
def test_committed_scheme_is_current(name, rows):
    committed = (ONTOLOGY / f"{name}.ttl").read_text(encoding="utf-8")
    assert committed == scheme_text(rows, name), (
        f"ontology/{name}.ttl is stale: regenerate with geokg.ingest.coding.cameo.write_schemes('ontology')")
    assert isomorphic(Graph().parse(data=committed, format="turtle"), scheme_graph(rows, name))


def test_ingest_caller_passes_the_packaged_table(rows):
    assert isomorphic(cameo.scheme_graph(scheme="plover"), scheme_graph(rows, "plover"))


def test_vocabulary_is_shared_with_ingest():
    assert cameo.QUAD_CLASSES is schemes.QUAD_CLASSES
    assert cameo.PLOVER_CATEGORIES is schemes.PLOVER_CATEGORIES
    assert cameo.LEGACY_PLOVER is schemes.LEGACY_PLOVER
    assert sorted(schemes.QUAD_CLASSES) == [1, 2, 3, 4]
    assert {c.quad_class for c in CameoTable.default().values()} <= set(schemes.QUAD_CLASSES)


def test_write_schemes(tmp_path):
    paths = cameo.write_schemes(tmp_path)
    assert [p.name for p in paths] == ["cameo.ttl", "plover.ttl"]
    assert paths[0].read_text(encoding="utf-8").startswith("# geokg SKOS scheme of CAMEO event codes")
    assert len(Graph().parse(paths[1])) == len(cameo.scheme_graph(scheme="plover"))


def test_cameo_concepts(rows):
    g = scheme_graph(rows, "cameo")
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


def test_broader_skips_unlisted_codes():
    row = SimpleNamespace(code="1711", label="x", goldstein=None, quad_class=4, plover=None, plover_legacy=None)
    top = SimpleNamespace(code="17", label="COERCE", goldstein=-7.0, quad_class=4, plover=None, plover_legacy=None)
    g = scheme_graph([row, top], "cameo")
    assert g.value(URIRef(CAMEO_NS + "1711"), SKOS.broader) == URIRef(CAMEO_NS + "17")
    assert g.value(URIRef(CAMEO_NS + "1711"), URIRef(GK + "goldstein")) is None


def test_plover_concepts(rows):
    g = scheme_graph(rows, "plover")
    reject = URIRef(PLOVER_NS + "REJECT")
    assert g.value(reject, URIRef(GK + "quadClass")) == Literal(3, datatype=XSD.integer)
    demand = URIRef(PLOVER_NS + "DEMAND")
    assert (demand, OWL.deprecated, Literal(True)) in g
    assert (demand, SKOS.closeMatch, URIRef(PLOVER_NS + "REQUEST")) in g
    fight = URIRef(PLOVER_NS + "FIGHT")
    assert (fight, OWL.deprecated, Literal(True)) in g
    assert (fight, SKOS.broadMatch, URIRef(PLOVER_NS + "ASSAULT")) in g
    assert (URIRef(PLOVER_NS + "ASSAULT"), SKOS.topConceptOf, URIRef(PLOVER_NS.rstrip("/"))) in g


def test_unknown_scheme_is_an_error(rows):
    with pytest.raises(ValueError, match="'nope'"):
        scheme_graph(rows, "nope")
    with pytest.raises(ValueError, match="'skos'"):
        cameo.scheme_graph(scheme="skos")


def test_quad_class_tables_derive_from_the_vocabulary():
    from geokg.graph.analytics.temporal import QUAD_KEYS
    from geokg.graph.site.model import QUAD_LABELS
    from geokg.graph.views.data import QUAD_NAMES

    names = {**schemes.QUAD_CLASSES, None: schemes.NO_QUAD_CLASS}
    assert QUAD_NAMES == names
    assert QUAD_LABELS == {q: n.lower() for q, n in names.items()}
    assert QUAD_KEYS == {q: n.lower().replace(" ", "_") for q, n in names.items()}
    assert QUAD_KEYS[4] == "material_conflict" and QUAD_LABELS[None] == "uncoded"
