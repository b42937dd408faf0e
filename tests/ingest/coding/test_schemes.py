"""SKOS schemes of the CAMEO codes and PLOVER categories (built from the CAMEO table)."""

from __future__ import annotations

import pytest
from geokg.ingest.coding import cameo
from geokg.ingest.coding import schemes as cameo_schemes
from geokg.ingest.coding.cameo import PLOVER_NS


def test_scheme_writers_are_importable_from_cameo():
    assert cameo.scheme_graph is cameo_schemes.scheme_graph
    assert cameo.write_schemes is cameo_schemes.write_schemes
    with pytest.raises(AttributeError, match="no_such_name"):
        cameo.no_such_name  # noqa: B018


def test_plover_scheme_keeps_legacy_names_as_deprecated():
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, SKOS

    g = cameo_schemes.scheme_graph(scheme="plover")
    fight = URIRef(PLOVER_NS + "FIGHT")
    assert (fight, OWL.deprecated, Literal(True)) in g
    assert (fight, SKOS.broadMatch, URIRef(PLOVER_NS + "ASSAULT")) in g
    assert (URIRef(PLOVER_NS + "ASSAULT"), SKOS.topConceptOf, URIRef(PLOVER_NS.rstrip("/"))) in g


def test_unknown_scheme_is_named():
    with pytest.raises(ValueError, match="'skos'"):
        cameo_schemes.scheme_graph(scheme="skos")


def test_write_schemes(tmp_path):
    paths = cameo_schemes.write_schemes(tmp_path)
    assert [p.name for p in paths] == ["cameo.ttl", "plover.ttl"]
    from rdflib import Graph

    assert paths[0].read_text(encoding="utf-8").startswith("# geokg SKOS scheme of CAMEO event codes")
    assert len(Graph().parse(paths[1])) == len(cameo_schemes.scheme_graph(scheme="plover"))
