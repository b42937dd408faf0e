"""Named queries: parameters, safe binding, answers on a hand-built graph."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geokg.graph.queries import list_queries, named_query, run_named
from geokg.graph.rdf import article_graph
from geokg.graph.store import QueryError, open_store
from geokg.ontology import article_iri

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rdf" / "sample_records.py"


def _records():
    spec = importlib.util.spec_from_file_location("sample_records_for_queries", FIXTURE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def store():
    rec = _records()
    st = open_store(None)
    for result in (rec.sample_result(), rec.second_result()):
        st.replace_graphs({article_iri(result.article.id): list(article_graph(result, run=rec.RUN))})
    return st


def test_every_query_declares_values_and_runs_empty():
    empty = open_store(None)
    names = [q.name for q in list_queries()]
    assert {"events-between", "actor-timeline", "top-actors", "who-said-what", "event-mentions", "country-events"} <= set(names)
    for q in list_queries():
        required = {p.name: ("2025-01-01" if p.type == "date" else 1 if p.type == "integer" else "urn:x" if p.type == "iri" else "X")
                    for p in q.params if not p.optional}
        assert run_named(empty, q.name, **required).rows == []


def test_events_between_both_directions_and_dates(store):
    rows = run_named(store, "events-between", country_a="USA", country_b="MEX").to_dicts()
    assert rows and all(r["plover"] == "REJECT" for r in rows)
    assert {r["source"] for r in rows} == {"Mexico"}
    assert run_named(store, "events-between", country_a="MEX", country_b="USA", to="2025-03-01").rows == []
    assert run_named(store, "events-between", country_a="MEX", country_b="USA", **{"from": "2025-03-04"}).rows


def test_actor_timeline_by_alias(store):
    by_label = run_named(store, "actor-timeline", label="Mexico").to_dicts()
    assert by_label and by_label[0]["role"] == "source" and by_label[0]["other"] == "United States"
    assert run_named(store, "actor-timeline", label="United Mexican States").rows == run_named(
        store, "actor-timeline", label="Mexico").rows


def test_event_mentions_point_into_article(store):
    rec = _records()
    event = "https://w3id.org/geokg/id/event/mex-usa-120-2025-03-04"
    rows = run_named(store, "event-mentions", event=event).to_dicts()
    assert len({r["article"] for r in rows}) == 2  # the same event reported by two articles
    content = rec.sample_result().article.content
    first = [r for r in rows if r["article"] == str(article_iri(rec.sample_result().article.id))][0]
    assert content[first["start"]:first["end"]] == first["exact"]


def test_hostile_values_are_data(store):
    before = len(store)
    for value in ['Mexico" } } ; DROP ALL ; { {', "Mex\nico", "{?s ?p ?o}", "\\"]:
        assert run_named(store, "actor-timeline", label=value).rows == []
    assert len(store) == before


def test_parameter_errors():
    with pytest.raises(QueryError, match="needs parameter 'country_b'"):
        named_query("events-between").render({"country_a": "MEX"})
    with pytest.raises(QueryError, match="no parameter"):
        named_query("events-between").render({"country_a": "MEX", "country_b": "USA", "bogus": 1})
    with pytest.raises(QueryError, match="not a valid date"):
        named_query("events-between").render({"country_a": "MEX", "country_b": "USA", "from": "March"})
    with pytest.raises(QueryError, match="not a valid iri"):
        named_query("event-mentions").render({"event": "urn:x> } DROP ALL {"})
    with pytest.raises(QueryError, match="no named query 'nope'"):
        named_query("nope")
