"""Tests of geokg.graph.analytics.network: centrality, communities, ego networks, paths, time series."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

import geokg.graph.analytics.network as an
import networkx as nx
import pytest
from geokg.graph.query.tables import ActorInfo, EventRow

ROOT = Path(__file__).resolve().parents[3]


def _graph(edges: list[tuple[str, str, dict]], labels: dict[str, str] | None = None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, label in (labels or {}).items():
        g.add_node(n, label=label)
    for u, v, d in edges:
        g.add_edge(u, v, **d)
    return g


def _shuffled_copy(g: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    h = nx.MultiDiGraph()
    h.add_nodes_from(nodes)
    for u, v, k, d in edges:
        h.add_edge(u, v, key=k, **d)
    return h


# --------------------------------------------------------------------------- PageRank / centrality


def test_pagerank_matches_networkx() -> None:
    pytest.importorskip("scipy")
    rng = random.Random(3)
    g = nx.gnm_random_graph(60, 150, seed=5, directed=True)
    g.add_node(999)  # isolated, dangling
    for u, v in g.edges:
        g[u][v]["weight"] = rng.randint(1, 6)
    ours, theirs = an.pagerank(g), nx.pagerank(g, tol=1e-12)
    assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-8
    assert abs(sum(ours.values()) - 1.0) < 1e-9


def test_pagerank_empty_and_undirected() -> None:
    assert an.pagerank(nx.DiGraph()) == {}
    pr = an.pagerank(nx.path_graph(3))
    assert pr[1] > pr[0] == pytest.approx(pr[2])


def test_centrality_counts_parallel_edges_counts_and_self_loops() -> None:
    g = _graph([
        ("usa", "mex", {"quad_class": 3}), ("usa", "mex", {"quad_class": 4}), ("mex", "usa", {"count": 3}),
        ("mex", "mex", {}), ("can", "usa", {}),
    ], {"usa": "United States", "mex": "Mexico", "can": "Canada"})
    rows = {r["actor"]: r for r in an.centrality_table(g)}
    assert rows["mex"]["events"] == 2 + 3 + 1 and rows["mex"]["out_events"] == 4 and rows["mex"]["in_events"] == 3
    assert rows["usa"]["events"] == 6 and rows["usa"]["partners"] == 2
    assert rows["mex"]["partners"] == 1  # itself is not a partner
    assert rows["usa"]["betweenness"] == 1.0 and rows["can"]["betweenness"] == 0.0
    assert [r["rank"] for r in an.centrality_table(g)] == [1, 2, 3]
    assert len(an.centrality_table(g, top=2)) == 2


def test_centrality_is_independent_of_insertion_order() -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(40, 90, seed=7, directed=True))
    for n in g:
        g.nodes[n]["label"] = f"actor {n % 13}"  # repeated labels: ties broken by id
    first = an.centrality_table(g)
    assert an.centrality_table(_shuffled_copy(g, 1)) == first
    assert an.centrality_table(_shuffled_copy(g, 2)) == first


def test_sampled_betweenness_on_large_graph_is_seeded() -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(650, 1300, seed=8, directed=True))
    a = an.centrality_table(g, seed=4)
    b = an.centrality_table(_shuffled_copy(g, 9), seed=4)
    assert [r["betweenness"] for r in a] == [r["betweenness"] for r in b]
    assert any(r["betweenness"] > 0 for r in a)


# --------------------------------------------------------------------------- communities


def _two_cliques() -> nx.MultiDiGraph:
    edges = []
    for group in (["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]):
        edges += [(u, v, {}) for i, u in enumerate(group) for v in group[i + 1:]]
    edges.append(("a1", "b1", {}))
    return _graph(edges)


def test_communities_find_two_cliques() -> None:
    found = an.communities(_two_cliques())
    assert [set(c.members) for c in found] == [{"a1", "a2", "a3", "a4"}, {"b1", "b2", "b3", "b4"}] or \
        [set(c.members) for c in found] == [{"b1", "b2", "b3", "b4"}, {"a1", "a2", "a3", "a4"}]
    assert [c.id for c in found] == [0, 1]
    assert all(c.events_inside == 6 and c.size == 4 for c in found)


def test_communities_are_deterministic() -> None:
    g = nx.MultiDiGraph(nx.connected_caveman_graph(5, 6))
    first = an.communities(g, seed=3)
    assert len(first) == 5
    for s in range(3):
        assert an.communities(_shuffled_copy(g, s), seed=3) == first
    assert an.communities(nx.MultiDiGraph()) == []


def test_communities_weight_by_events() -> None:
    # b talks to a 5 times and to c once: with weights, b sits with a.
    g = _graph([("a", "b", {"count": 5}), ("b", "c", {}), ("c", "d", {"count": 5}), ("d", "e", {"count": 5}),
                ("c", "e", {"count": 5})])
    found = an.communities(g)
    assert {frozenset(c.members) for c in found} == {frozenset("ab"), frozenset("cde")}


# --------------------------------------------------------------------------- ego networks


def test_resolve_actor_by_iri_tail_label_and_errors() -> None:
    g = nx.MultiDiGraph()
    g.add_node("https://w3id.org/geokg/id/actor/country:MEX", label="Mexico")
    g.add_node("https://w3id.org/geokg/id/actor/person:x", label="Alex Smith")
    g.add_node("https://w3id.org/geokg/id/actor/person:y", label="alex smith")
    assert an.resolve_actor(g, "country:MEX").endswith("country:MEX")
    assert an.resolve_actor(g, "  MEXICO ").endswith("country:MEX")
    with pytest.raises(ValueError, match="ambiguous"):
        an.resolve_actor(g, "Alex Smith")
    with pytest.raises(KeyError, match="did you mean: Mexico"):
        an.resolve_actor(g, "Mexica")
    with pytest.raises(KeyError, match="'Zanzibar'"):
        an.resolve_actor(g, "Zanzibar")


def test_ego_network_radius_direction_and_cap() -> None:
    g = _graph([("c", "p1", {}), ("p2", "c", {}), ("p2", "c", {}), ("p1", "q", {}), ("x", "y", {})])
    assert sorted(an.ego_network(g, "c")) == ["c", "p1", "p2"]
    two = an.ego_network(g, "c", radius=2)
    assert sorted(two) == ["c", "p1", "p2", "q"] and two.number_of_edges() == 4
    assert two.graph["center"] == "c" and "truncated" not in two.graph
    capped = an.ego_network(g, "c", radius=2, max_nodes=2)
    assert sorted(capped) == ["c", "p2"]  # nearest first, then the partner with most events
    assert capped.graph["truncated"] == (2, 4)
    assert sorted(an.ego_network(g, "c", radius=0)) == ["c"]
    with pytest.raises(ValueError, match="radius"):
        an.ego_network(g, "c", radius=-1)
    # the input is untouched and the result is a copy
    capped.add_node("new")
    assert "new" not in g


# --------------------------------------------------------------------------- shortest paths


def test_shortest_paths_ignore_direction_and_carry_events() -> None:
    g = _graph([
        ("a", "b", {"label": "met", "date": "2025-01-03"}),
        ("b", "a", {"label": "thanked", "date": "2025-01-01"}),
        ("c", "b", {"label": "accused"}),
        ("a", "d", {"label": "called"}), ("d", "c", {"label": "warned"}),
        ("z", "z", {}),
    ], {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta", "z": "Zeta"})
    paths = an.shortest_paths(g, "Alpha", "Gamma")
    assert [p.labels for p in paths] == [("Alpha", "Beta", "Gamma"), ("Alpha", "Delta", "Gamma")]
    first = paths[0].hops[0]
    assert (first.source, first.target) == ("a", "b")
    assert [(e["label"], e["source"]) for e in first.events] == [("thanked", "b"), ("met", "a")]  # by date
    assert [e["label"] for e in paths[0].hops[1].events] == ["accused"]
    assert len(an.shortest_paths(g, "a", "c", max_paths=1)) == 1
    assert an.shortest_paths(g, "a", "z") == []
    same = an.shortest_paths(g, "a", "a")
    assert [p.nodes for p in same] == [("a",)] and same[0].hops == ()


# --------------------------------------------------------------------------- time series

MEX = ActorInfo("urn:mex", "Mexico", "country", "MEX")
USA = ActorInfo("urn:usa", "United States", "country", "USA")
CAN = ActorInfo("urn:can", "Canada", "country", "CAN")


def _row(event: str, src: ActorInfo | None, tgt: ActorInfo | None, quad: int | None, gold: float | None,
         when: date | None, published: date | None = None, article: str = "urn:a1") -> EventRow:
    return EventRow(event, src, tgt, "rel", "rel", None, None, quad, gold, when, None, None, "S.", 0, 1,
                    article, None, None, published)


def test_event_records_dedupe_and_publication_fallback() -> None:
    rows = [
        _row("e1", MEX, USA, 1, 3.0, date(2025, 1, 5)),
        _row("e1", MEX, USA, 1, 3.0, date(2025, 1, 5), article="urn:a2"),  # second mention
        _row("e2", USA, None, 4, -9.0, None, published=date(2025, 2, 1)),
        _row("e3", USA, MEX, 2, None, None),
    ]
    recs = an.event_records(rows)
    assert [(r["event"], r["date"], r["date_is_published"]) for r in recs] == [
        ("e1", date(2025, 1, 5), False), ("e2", date(2025, 2, 1), True)]
    assert [r["event"] for r in an.event_records(rows, undated="drop")] == ["e1"]
    assert len(an.event_records(rows, unique=False)) == 3
    with pytest.raises(ValueError, match="undated"):
        an.event_records(rows, undated="guess")
    with pytest.raises(TypeError, match="networkx graph or an iterable"):
        an.event_records(42)


def test_timeline_bins_fill_and_totals() -> None:
    rows = [
        _row("e1", MEX, USA, 1, 3.0, date(2025, 1, 5)),
        _row("e2", MEX, USA, 4, -9.0, date(2025, 1, 20)),
        _row("e3", USA, MEX, None, None, date(2025, 3, 2)),
        _row("e4", USA, MEX, 3, -2.0, date(2025, 3, 3)),
    ]
    months = an.timeline(rows)
    assert [m["period"] for m in months] == ["2025-01", "2025-02", "2025-03"]
    assert months[0]["verbal_cooperation"] == 1 and months[0]["material_conflict"] == 1
    assert months[0]["goldstein"] == -3.0 and months[0]["balance"] == 0.0
    assert months[1]["events"] == 0 and months[1]["goldstein"] is None and months[1]["balance"] is None
    assert months[2]["uncoded"] == 1 and months[2]["balance"] == -1.0
    for m in months:
        assert m["events"] == sum(m[k] for k in an.QUAD_KEYS.values())
    assert [m["period"] for m in an.timeline(rows, fill=False)] == ["2025-01", "2025-03"]
    days = an.timeline(rows, freq="day")
    assert days[0]["period"] == "2025-01-05" and days[-1]["period"] == "2025-03-03" and len(days) == 58
    assert [y["period"] for y in an.timeline(rows, freq="year")] == ["2025"]
    assert an.timeline([]) == []
    with pytest.raises(ValueError, match="freq"):
        an.timeline(rows, freq="week")


def test_dyad_balance_directed_undirected_and_min_events() -> None:
    rows = [
        _row("e1", USA, MEX, 4, -8.0, date(2025, 2, 1)),
        _row("e2", MEX, USA, 1, 3.0, date(2025, 2, 20)),
        _row("e3", MEX, USA, 2, 6.0, date(2025, 3, 2)),
        _row("e4", CAN, USA, 1, 1.0, date(2025, 3, 9)),
        _row("e5", MEX, None, 4, -10.0, date(2025, 3, 9)),  # one actor: no dyad
    ]
    und = an.dyad_balance(rows)
    assert [(r["label_a"], r["label_b"], r["period"], r["events"]) for r in und] == [
        ("Mexico", "United States", "2025-02", 2), ("Mexico", "United States", "2025-03", 1),
        ("Canada", "United States", "2025-03", 1)]
    assert und[0]["cooperation"] == 1 and und[0]["conflict"] == 1 and und[0]["goldstein"] == -2.5
    assert und[1]["balance"] == 1.0
    directed = an.dyad_balance(rows, directed=True)
    assert {(r["label_a"], r["label_b"]) for r in directed} == {
        ("Mexico", "United States"), ("United States", "Mexico"), ("Canada", "United States")}
    assert [r["label_a"] for r in an.dyad_balance(rows, min_events=2)] == ["Mexico", "Mexico"]
    # same answer from the actor graph's edges
    g = nx.MultiDiGraph()
    for r in rows:
        if r.source and r.target:
            g.add_node(r.source.iri, label=r.source.label)
            g.add_node(r.target.iri, label=r.target.label)
            g.add_edge(r.source.iri, r.target.iri, event=r.event, date=r.date.isoformat(),
                       quad_class=r.quad_class, goldstein=r.goldstein)
    assert an.dyad_balance(g) == und


def test_to_dataframe_needs_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        an.to_dataframe([{"a": 1}])


# --------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def sample_rows(sample_store_dir: Path) -> list[EventRow]:
    from geokg.graph.query.tables import event_rows
    from geokg.graph.store import open_store

    store = open_store(sample_store_dir, read_only=True)
    try:
        return event_rows(store)
    finally:
        store.close()


@pytest.mark.model
def test_analytics_on_the_sample_corpus(sample_rows: list[EventRow]) -> None:
    from geokg.graph.analytics.project import actor_graph_from_rows

    g = actor_graph_from_rows(sample_rows)
    table = an.centrality_table(g)
    assert len(table) == g.number_of_nodes() > 20
    # events = undirected degree (self-loops once), so the top row has the highest degree
    degree = {n: sum(1 for _ in g.in_edges(n)) + sum(1 for _ in g.out_edges(n))
              - sum(1 for _ in nx.selfloop_edges(g.subgraph([n]))) for n in g}
    assert table[0]["events"] == max(degree.values())
    assert {r["actor"]: r["events"] for r in table} == degree
    assert abs(sum(r["pagerank"] for r in table) - 1) < 1e-4

    comms = an.communities(g)
    assert sorted(n for c in comms for n in c.members) == sorted(g.nodes)
    assert an.communities(g) == comms

    # Every dated (or published) event with both actors is in one dyad bin, once.
    records = an.event_records(sample_rows)
    both = [r for r in records if r["source"] and r["target"]]
    assert sum(r["events"] for r in an.dyad_balance(sample_rows)) == len(both)
    assert sum(r["events"] for r in an.timeline(sample_rows)) == len(records)
    assert len(records) == len({r.event for r in sample_rows})  # every article has a publication date

    top = table[0]["actor"]
    ego = an.ego_network(g, top, max_nodes=10)
    assert top in ego and ego.number_of_nodes() <= 10
    far = max(g.nodes, key=lambda n: (nx.has_path(g.to_undirected(as_view=True), top, n) and
                                      nx.shortest_path_length(g.to_undirected(as_view=True), top, n), str(n)))
    paths = an.shortest_paths(g, top, far)
    assert paths and all(p.nodes[0] == top and p.nodes[-1] == far for p in paths)
    assert all(h.events for p in paths for h in p.hops)
