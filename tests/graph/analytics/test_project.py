"""Tests of the event-graph projection and the row filters appended to geokg.graph.analytics.project."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from geokg.graph.analytics.project import (
    actor_graph,
    actor_graph_from_rows,
    event_graph,
    event_graph_from_rows,
    filter_rows,
)
from geokg.graph.query.tables import ActorInfo, EventRow, event_rows

MEX = ActorInfo("urn:mex", "Mexico", "country", "MEX")
USA = ActorInfo("urn:usa", "United States", "country", "USA")


def _row(event: str, src: ActorInfo | None, tgt: ActorInfo | None, cameo: str | None, plover: str | None,
         quad: int | None, when: date | None, article: str = "urn:a1", start: int = 0) -> EventRow:
    return EventRow(event, src, tgt, "acted", "act", cameo, plover, quad, -1.0, when, "positive", "asserted",
                    f"Sentence of {event}.", start, start + 5, article, f"https://news.example/{article[-2:]}",
                    f"Title {article}", date(2025, 6, 1))


ROWS = [
    _row("e1", MEX, USA, "120", "REJECT", 3, date(2025, 1, 5)),
    _row("e1", MEX, USA, "120", "REJECT", 3, date(2025, 1, 5), article="urn:a2", start=7),
    _row("e2", USA, MEX, "190", "ASSAULT", 4, date(2025, 3, 1)),
    _row("e3", USA, None, "193", "ASSAULT", 4, None),
    _row("e4", None, MEX, "040", "CONSULT", 1, date(2025, 4, 1)),
    _row("e5", MEX, MEX, None, None, None, date(2025, 5, 1)),
]


def test_filter_rows_window_and_types() -> None:
    assert [r.event for r in filter_rows(ROWS, start=date(2025, 2, 1))] == ["e2", "e4", "e5"]
    assert [r.event for r in filter_rows(ROWS, end=date(2025, 1, 31))] == ["e1", "e1"]
    assert [r.event for r in filter_rows(ROWS, cameo={"19"})] == ["e2", "e3"]
    assert [r.event for r in filter_rows(ROWS, cameo={"190", "04"})] == ["e2", "e4"]
    assert [r.event for r in filter_rows(ROWS, plover={"REJECT"}, quad_class={3, 4})] == ["e1", "e1"]
    assert filter_rows(ROWS) == ROWS


def test_event_graph_nodes_edges_and_attributes() -> None:
    g = event_graph_from_rows(ROWS)
    events = {n for n, d in g.nodes(data=True) if d["node_type"] == "event"}
    actors = {n for n, d in g.nodes(data=True) if d["node_type"] == "actor"}
    assert events == {"e1", "e2", "e3", "e4", "e5"} and actors == {"urn:mex", "urn:usa"}
    e1 = g.nodes["e1"]
    assert e1["mentions"] == 2 and e1["articles"] == 2 and e1["kind"] == "event"
    assert (e1["date"], e1["cameo"], e1["plover"], e1["quad_class"], e1["label"]) == (
        "2025-01-05", "120", "REJECT", 3, "acted")
    assert g.nodes["e3"]["date"] is None and g.nodes["e3"]["published"] == "2025-06-01"
    assert g.has_edge("urn:mex", "e1") and g.has_edge("e1", "urn:usa")
    assert g["urn:mex"]["e1"]["role"] == "source" and g["e1"]["urn:usa"]["role"] == "target"
    assert g["urn:mex"]["e1"]["quad_class"] == 3  # edges carry the event's codes for the view
    assert list(g.predecessors("e4")) == [] and list(g.successors("e4")) == ["urn:mex"]
    assert g.has_edge("urn:mex", "e5") and g.has_edge("e5", "urn:mex")  # self-directed event
    assert g.nodes["urn:mex"]["label"] == "Mexico" and g.nodes["urn:mex"]["country"] == "MEX"


def test_event_graph_filters_partial_and_callback() -> None:
    assert set(event_graph_from_rows(ROWS, partial=False)) == {"e1", "e2", "e5", "urn:mex", "urn:usa"}
    assert {n for n in event_graph_from_rows(ROWS, cameo={"19"}) if n.startswith("e")} == {"e2", "e3"}
    assert {n for n in event_graph_from_rows(ROWS, start=date(2025, 3, 1)) if n.startswith("e")} == {"e2", "e4", "e5"}

    def only_conflict(attrs: dict) -> dict | None:
        if attrs["quad_class"] not in (3, 4):
            return None
        return {**attrs, "label": attrs["label"].upper()}

    g = event_graph_from_rows(ROWS, event_attrs=only_conflict)
    assert {n for n in g if n.startswith("e")} == {"e1", "e2", "e3"}
    assert g.nodes["e1"]["label"] == "ACTED" and g["urn:mex"]["e1"]["label"] == "ACTED"


def test_actor_graph_from_rows_filters() -> None:
    g = actor_graph_from_rows(ROWS)
    assert g.number_of_edges() == 4  # e1 twice (two mentions), e2, e5; partial events are left out
    assert actor_graph_from_rows(ROWS, cameo={"12"}).number_of_edges() == 2
    assert actor_graph_from_rows(ROWS, quad_class={4}).number_of_edges() == 1



def test_projections_of_a_hand_made_store_agree(hand_store) -> None:
    store = hand_store
    rows = event_rows(store)
    assert len(rows) == 2  # one event, reported by two articles
    a, b = actor_graph(store), actor_graph_from_rows(rows)
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    g = event_graph(store)
    ev = "https://w3id.org/geokg/id/event/mex-usa-120-2025-03-04"
    assert g.nodes[ev]["mentions"] == 2 and g.nodes[ev]["articles"] == 2
    assert list(g.predecessors(ev)) == ["https://w3id.org/geokg/id/actor/country:MEX"]
    assert list(g.successors(ev)) == ["https://w3id.org/geokg/id/actor/country:USA"]
    assert event_graph(store, plover={"ASSAULT"}).number_of_nodes() == 0


@pytest.mark.model
def test_event_graph_of_the_sample_corpus(tmp_path: Path, geokg_pipeline) -> None:
    from geokg.graph.builder.run import build
    from geokg.graph.store import open_store

    root = Path(__file__).resolve().parents[3]
    build([root / "examples" / "articles" / "09-mexico-sends-cartel-figures.md"], tmp_path, pipeline=geokg_pipeline,
          html=False)
    store = open_store(tmp_path / "store", read_only=True)
    try:
        rows = event_rows(store)
        g = event_graph(store)
        assert sorted(n for n, d in g.nodes(data=True) if d["node_type"] == "event") == sorted({r.event for r in rows})
        a, b = actor_graph(store), actor_graph_from_rows(rows)
        assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))
    finally:
        store.close()
