"""Tests of geokg.graph.analytics.netexport: GraphML/GEXF exports of the projections."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import networkx as nx
import pytest
from geokg.graph.analytics.netexport import (
    FORMATS,
    export_projection,
    exportable,
    write_gexf,
    write_graphml,
)


def _messy() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="test", created=date(2025, 1, 1))
    g.add_node("a", label="Alpha", country=None, aliases=["A", "Alf"], score=1)
    g.add_node("b", label="Beta <b>&", score=2.5, tags={"y", "x"}, start="reserved")
    g.add_node(3, label="Three")
    g.add_edge("a", "b", key="e1#0", date=date(2025, 1, 2), goldstein=-4, quad_class=3, label="met",
               seen=datetime(2025, 1, 2, 10, 30), flag=True, nan=float("nan"))
    g.add_edge("a", "b", key="e1#5", date=None, goldstein=2.5, quad_class=None, label="met again", flag=False)
    g.add_edge("b", 3, key="e2#0", goldstein=None, label=None, obj=Path("x"))
    return g


def test_exportable_converts_values() -> None:
    h = exportable(_messy())
    assert h.graph == {"name": "test", "created": "2025-01-01"}
    assert h.nodes["a"] == {"label": "Alpha", "aliases": "A; Alf", "score": 1.0}  # int/float unified
    assert h.nodes["b"] == {"label": "Beta <b>&", "score": 2.5, "tags": "x; y", "gk_start": "reserved"}
    assert "3" in h and 3 not in h
    e = h.edges["a", "b", "e1#0"]
    assert e == {"date": "2025-01-02", "goldstein": -4.0, "quad_class": 3, "label": "met",
                 "seen": "2025-01-02T10:30:00", "flag": True}
    assert h.edges["a", "b", "e1#5"] == {"goldstein": 2.5, "label": "met again", "flag": False}
    assert h.edges["b", "3", "e2#0"] == {"obj": "x"}


def test_exportable_mixed_text_and_numbers_become_text() -> None:
    g = nx.DiGraph()
    g.add_edge("a", "b", v=1)
    g.add_edge("b", "c", v="high")
    g.add_edge("c", "d", v=True)
    h = exportable(g)
    assert [h.edges[e]["v"] for e in [("a", "b"), ("b", "c"), ("c", "d")]] == ["1", "high", "true"]


def test_graphml_round_trip_keeps_parallel_edges(tmp_path: Path) -> None:
    path = write_graphml(_messy(), tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert sorted(d["label"] for *_, d in back.edges(data=True) if "label" in d) == ["met", "met again"]
    assert back.nodes["b"]["label"] == "Beta <b>&"
    # one GraphML key per attribute name and scope (no duplicate typed keys)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = [(k.get("for"), k.get("attr.name")) for k in ET.parse(path).getroot().findall("g:key", ns)]
    assert len(keys) == len(set(keys))


def test_gexf_round_trip(tmp_path: Path) -> None:
    path = write_gexf(_messy(), tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert back.nodes["a"]["label"] == "Alpha"
    labels = sorted(d.get("label") or "" for *_, d in back.edges(data=True))
    assert labels == ["", "met", "met again"]
    assert ET.parse(path).getroot().tag.endswith("gexf")


def test_raw_networkx_writers_reject_what_exportable_fixes(tmp_path: Path) -> None:
    with pytest.raises((nx.NetworkXError, TypeError, KeyError, ValueError)):
        nx.write_graphml(_messy(), tmp_path / "raw.graphml")



@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["actors", "events"])
def test_export_projection_of_a_store(tmp_path: Path, fmt: str, kind: str, hand_store) -> None:
    store = hand_store
    path = export_projection(store, fmt, tmp_path / f"g.{fmt}", kind=kind)
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    if kind == "actors":
        assert back.number_of_nodes() == 2 and back.number_of_edges() == 2  # two mentions
        assert {d["label"] for _, d in back.nodes(data=True)} == {"Mexico", "United States"}
        assert {d["date"] for *_, d in back.edges(data=True)} == {"2025-03-04"}
    else:
        assert back.number_of_nodes() == 3 and back.number_of_edges() == 2
        ev = next(d for _, d in back.nodes(data=True) if d.get("node_type") == "event")
        assert ev["mentions"] == 2 and ev["cameo"] == "120"


def test_export_projection_filters_and_errors(tmp_path: Path, hand_store) -> None:
    store = hand_store
    path = export_projection(store, "graphml", tmp_path / "none.graphml", start=date(2026, 1, 1))
    assert nx.read_graphml(path).number_of_nodes() == 0
    with pytest.raises(ValueError, match="unknown graph format 'csv'"):
        export_projection(store, "csv", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="unknown projection 'dyads'"):
        export_projection(store, "gexf", tmp_path / "x.gexf", kind="dyads")
    with pytest.raises(TypeError):
        export_projection(store, "gexf", tmp_path / "x.gexf", colour="red")


@pytest.mark.model
def test_export_the_sample_corpus(sample_store_dir: Path, tmp_path: Path) -> None:
    from geokg.graph.analytics.project import actor_graph, event_graph
    from geokg.graph.store import open_store

    out = tmp_path
    store = open_store(sample_store_dir, read_only=True)
    try:
        for kind, project in (("actors", actor_graph), ("events", event_graph)):
            g = project(store)
            for fmt in FORMATS:
                path = export_projection(store, fmt, out / f"{kind}.{fmt}", kind=kind)
                back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
                assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    finally:
        store.close()
