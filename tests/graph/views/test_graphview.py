"""Unit tests of the offline graph view (no browser): payload, HTML, escaping."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import warnings
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pytest
from geokg.graph.analytics.network import pagerank_array as pagerank
from geokg.graph.views.data import (
    QUAD_COLORS,
    build_view_data,
    code_color,
    safe_http_url,
)
from geokg.graph.views.graphview import GraphView, render_page
from geokg.graph.views.layout import force_layout
from geokg.graph.views.sample import synthetic_event_graph

HOSTILE = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">"


def _two_actor_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("usa", label="United States", kind="country", country="USA", sector="GOV")
    g.add_node("rus", label="Russia", kind="country", country="RUS", sector="GOV")
    return g


def _data_json(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page, re.DOTALL)
    assert m, "data block missing"
    return json.loads(m.group(1))


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# ------------------------------------------------------------------ page / offline


def test_page_is_self_contained_and_locked_down() -> None:
    page = GraphView.from_networkx(synthetic_event_graph(20, 40, seed=3)).html()
    p = _Collect()
    p.feed(page)
    tags = [t for t, _ in p.tags]
    assert "link" not in tags and "iframe" not in tags and "img" not in tags
    for tag, attrs in p.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:|//)", page)
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp
    # Every executable inline script is allowed by its hash, and nothing else is.
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "script-src 'unsafe-inline'" not in csp
    assert "vis-network" in page and "@version 10.1.5" in page  # vendored, licence header kept


def test_hostile_text_cannot_close_the_data_script() -> None:
    g = _two_actor_graph()
    g.nodes["usa"]["label"] = HOSTILE
    g.nodes["usa"]["title"] = HOSTILE
    g.add_edge("usa", "rus", label=HOSTILE, sentence=HOSTILE, article_title=HOSTILE,
               source_url="https://news.example/a", quad_class=3)
    view = GraphView.from_networkx(g, title=HOSTILE)
    page = view.html()
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == 3  # data block + two code blocks, nothing injected
    data = _data_json(page)
    assert data["info"][0][0] == HOSTILE  # the text survives as data
    assert data["events"][0][2] == HOSTILE
    assert "<title>&lt;/script&gt;" in page


def test_repr_html_is_an_escaped_srcdoc_iframe() -> None:
    g = synthetic_event_graph(6, 8, seed=1)
    g.nodes["a0"]["label"] = "Zürich — 東京 🌍"
    view = GraphView.from_networkx(g, title='a "quoted" <title>')
    out = view._repr_html_()
    assert out.isascii()  # non-ASCII as character references: any host encoding works
    p = _Collect()
    p.feed(out)
    assert [t for t, _ in p.tags] == ["iframe"]  # the page's own tags stay inside the attribute
    attrs = p.tags[0][1]
    assert attrs["srcdoc"] == view.html()
    assert "allow-scripts" in attrs["sandbox"] and "allow-same-origin" not in attrs["sandbox"]
    assert "720px" in attrs["style"]


def test_save_writes_the_page(tmp_path) -> None:
    view = GraphView.from_networkx(synthetic_event_graph(5, 5, seed=1))
    out = view.save(tmp_path / "g.html")
    assert out.read_text(encoding="utf-8") == view.html()
    with pytest.raises(IsADirectoryError, match="directory"):
        view.save(tmp_path)


# ------------------------------------------------------------------ encoding


def test_edge_colour_width_and_direction() -> None:
    g = _two_actor_graph()
    g.add_edge("usa", "rus", label="attacked", quad_class=4, count=8)
    g.add_edge("rus", "usa", label="praised", quad_class=1)
    g.add_edge("rus", "usa", label="mentioned")
    data = build_view_data(g, layout_budget=0).payload
    edges = data["edges"]
    assert [e["color"] for e in edges] == [QUAD_COLORS[4], QUAD_COLORS[1], QUAD_COLORS[None]]
    assert edges[0]["width"] > edges[1]["width"] == edges[2]["width"]
    assert data["meta"]["directed"] is True
    assert (edges[0]["from"], edges[0]["to"]) == (0, 1) and (edges[1]["from"], edges[1]["to"]) == (1, 0)
    # Three edges between one pair: every one on its own curve.
    shapes = {json.dumps(e.get("smooth"), sort_keys=True) for e in edges}
    assert len(shapes) == 3
    assert QUAD_COLORS[1] != QUAD_COLORS[2] != QUAD_COLORS[3] != QUAD_COLORS[4]


def test_reverse_edges_with_same_offset_do_not_overlap() -> None:
    g = _two_actor_graph()
    g.add_edge("usa", "rus", label="a")
    g.add_edge("rus", "usa", label="b")
    e1, e2 = build_view_data(g, layout_budget=0).payload["edges"]
    # Opposite directions: same curve type would put them on opposite sides;
    # our offsets alternate, so after direction flip both types must be equal.
    assert e1["smooth"]["roundness"] == e2["smooth"]["roundness"]
    assert e1["smooth"]["type"] == e2["smooth"]["type"]


def test_node_colour_by_country_or_sector_is_stable() -> None:
    g = synthetic_event_graph(30, 60, seed=4)
    by_country = build_view_data(g, layout_budget=0).payload
    by_sector = build_view_data(g, color_by="sector", layout_budget=0).payload
    for node, inf in zip(by_country["nodes"], by_country["info"]):
        assert node["color"] == code_color(inf[2])
    for node, inf in zip(by_sector["nodes"], by_sector["info"]):
        assert node["color"] == code_color(inf[3])
    legend = {c[0]: c[2] for c in by_country["legend"]["colors"]}
    assert sum(legend.values()) == 30
    assert len({code_color(c) for c in ("USA", "RUS", "CHN", "FRA", "DEU", "GBR")}) == 6


def test_size_by_degree_pagerank_or_none() -> None:
    g = nx.DiGraph()
    g.add_edges_from([("hub", x) for x in "abcdef"] + [(x, "hub") for x in "abc"])
    deg = build_view_data(g, layout_budget=0).payload
    sizes = {inf[0]: n["size"] for n, inf in zip(deg["nodes"], deg["info"])}
    assert sizes["hub"] == max(sizes.values()) and sizes["hub"] > sizes["d"]
    pr = build_view_data(g, size_by="pagerank", layout_budget=0).payload
    sizes = {inf[0]: n["size"] for n, inf in zip(pr["nodes"], pr["info"])}
    assert sizes["hub"] == max(sizes.values())
    flat = build_view_data(g, size_by=None, layout_budget=0).payload
    assert len({n["size"] for n in flat["nodes"]}) == 1


def test_pagerank_matches_networkx() -> None:
    pytest.importorskip("scipy")
    g = synthetic_event_graph(40, 120, seed=5, multigraph=False)
    nodes = list(g)
    idx = {n: i for i, n in enumerate(nodes)}
    edges = [(idx[u], idx[v]) for u, v in g.edges()]
    w = [d["count"] for *_, d in g.edges(data=True)]
    ours = pagerank(len(nodes), edges, w)
    ref = nx.pagerank(g, weight="count", tol=1e-13, max_iter=1000)
    assert np.allclose(ours, [ref[n] for n in nodes], atol=1e-6)


# ------------------------------------------------------------------ aggregation / top-N


def test_top_n_keeps_busiest_actors_and_aggregates_dyads() -> None:
    g = synthetic_event_graph(60, 300, seed=6)
    view = GraphView.from_networkx(g, top_n=10, layout_budget=0)
    data = view.data.payload
    wdeg = {n: 0 for n in g}
    for u, v in g.edges():
        wdeg[u] += 1
        wdeg[v] += 1
    expected = sorted(wdeg, key=lambda n: (-wdeg[n], g.nodes[n]["label"], n))[:10]
    assert [inf[7] for inf in data["info"]] == expected
    assert data["meta"]["aggregated"] and view.n_nodes == 10
    keep = set(expected)
    inner = [(u, v) for u, v in g.edges() if u in keep and v in keep]
    assert view.n_edges == len(set(inner))  # one edge per directed dyad
    assert data["meta"]["eventsShown"] == len(inner)
    assert "top 10 of 60" in data["meta"]["notices"][0]
    assert all(len(evs) >= 1 for evs in data["edgeEvents"])


def test_small_graph_keeps_one_edge_per_event_but_merges_crowded_dyads() -> None:
    g = _two_actor_graph()
    for i in range(9):
        g.add_edge("usa", "rus", label=f"r{i}")
    g.add_edge("rus", "usa", label="back")
    data = build_view_data(g, layout_budget=0).payload
    assert not data["meta"]["aggregated"]
    assert sorted(len(e) for e in data["edgeEvents"]) == [1, 9]  # 9 > MAX_PARALLEL -> merged
    assert build_view_data(g, aggregate=False, layout_budget=0).payload["edgeEvents"] != []
    assert len(build_view_data(g, aggregate=True, layout_budget=0).payload["edges"]) == 2


def test_max_nodes_cuts_big_graphs() -> None:
    g = synthetic_event_graph(50, 100, seed=2)
    data = build_view_data(g, max_nodes=20, layout_budget=0).payload
    assert len(data["nodes"]) == 20 and data["meta"]["actorsTotal"] == 50


def test_digraph_counts_and_undirected_graphs() -> None:
    g = synthetic_event_graph(10, 40, seed=8, multigraph=False)
    data = build_view_data(g, layout_budget=0).payload
    assert data["meta"]["eventsShown"] == 40 == data["meta"]["eventsTotal"]
    u = nx.Graph([("a", "b"), ("b", "c")])
    data = build_view_data(u, layout_budget=0).payload
    assert data["meta"]["directed"] is False and len(data["edges"]) == 2
    assert [inf[0] for inf in data["info"]] == ["a", "b", "c"]  # label falls back to the node id


def test_event_type_options_and_dates() -> None:
    g = synthetic_event_graph(20, 80, seed=9)
    data = build_view_data(g, layout_budget=0, cameo_names={"19": "Fight"}).payload
    plover = {p for p, _ in data["types"]["plover"]}
    assert plover == {d["plover"] for *_, d in g.edges(data=True) if d["plover"]}
    roots = {r[0]: r for r in data["types"]["cameo"]}
    assert all(len(r) == 2 for r in roots)
    if "19" in roots:
        assert roots["19"][1] == "Fight"
    dates = [d["date"] for *_, d in g.edges(data=True) if d["date"]]
    assert data["meta"]["dateMin"] == min(dates) and data["meta"]["dateMax"] == max(dates)


# ------------------------------------------------------------------ bad input


def test_bad_attribute_values_are_dropped_named_and_warned() -> None:
    g = _two_actor_graph()
    g.nodes["usa"]["url"] = "javascript:window.__pwned=1"
    g.add_edge("usa", "rus", quad_class=7, date="yesterday", source_url="javascript:alert(1)",
               goldstein="very", count=-2, cameo="abc")
    with pytest.warns(UserWarning, match="bad attribute"):
        view = GraphView.from_networkx(g)
    probs = "\n".join(view.problems)
    for needle in ("node 'usa': url=", "quad_class=7", "date='yesterday'", "source_url='javascript:",
                   "goldstein='very'", "count=-2", "cameo='abc'"):
        assert needle in probs, needle
    assert all(p.startswith(("node 'usa'", "edge 'usa'->'rus'")) for p in view.problems)
    data = view.data.payload
    assert data["info"][0][4] is None and data["articles"] == []
    ev = data["events"][0]
    assert ev[1] is None and ev[6] is None and ev[7] is None and ev[8] == 1
    assert "javascript:" not in json.dumps(data) and "__pwned" not in view.html()


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"color_by": "colour"}, ValueError, "color_by"),
        ({"size_by": "betweenness"}, ValueError, "size_by"),
        ({"physics": "fast"}, ValueError, "physics"),
        ({"height": "100px; background:url(http://x)"}, ValueError, "height"),
        ({"top_n": 0}, ValueError, "top_n"),
        ({"aggregate": "yes"}, ValueError, "aggregate"),
        ({"title": 3}, TypeError, "title"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, exc, match) -> None:
    with pytest.raises(exc, match=match):
        GraphView.from_networkx(nx.DiGraph(), **kwargs)


def test_not_a_graph() -> None:
    with pytest.raises(TypeError, match="g must be a networkx graph"):
        GraphView.from_networkx({"a": "b"})


def test_render_page_rejects_bad_height() -> None:
    with pytest.raises(ValueError, match="height"):
        render_page({}, title="x", height="1px}body{x")


def test_empty_graph_renders() -> None:
    view = GraphView.from_networkx(nx.MultiDiGraph())
    assert view.n_nodes == 0 and _data_json(view.html())["nodes"] == []


def test_safe_http_url() -> None:
    assert safe_http_url("http://a.example/x") == "http://a.example/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//a.example", "/x", "https://", 3,
                'https://a.example/"onmouseover="x', "vbscript:x", "file:///etc/passwd"):
        assert safe_http_url(bad) is None, bad


# ------------------------------------------------------------------ physics / layout


def test_physics_mode() -> None:
    small = GraphView.from_networkx(synthetic_event_graph(30, 60, seed=1))
    big = GraphView.from_networkx(synthetic_event_graph(400, 800, seed=1))
    assert small.physics == "browser" and big.physics == "layout"
    assert GraphView.from_networkx(synthetic_event_graph(30, 60, seed=1), physics=False).physics == "layout"


def test_layout_is_deterministic_finite_and_spread() -> None:
    g = synthetic_event_graph(300, 900, seed=2)
    idx = {n: i for i, n in enumerate(g)}
    edges = np.array([(idx[u], idx[v]) for u, v in g.edges()])
    p1 = force_layout(300, edges, seed=1, time_budget=0)
    p2 = force_layout(300, edges, seed=1, time_budget=0)
    assert np.array_equal(p1, p2) and np.isfinite(p1).all()
    # linked nodes are separated, and connected nodes sit closer than random pairs
    deg = np.bincount(edges.ravel(), minlength=300)
    linked = p1[deg > 0]
    d = np.linalg.norm(linked[:, None] - linked[None], axis=2)
    np.fill_diagonal(d, np.inf)
    assert d.min() > 0.3
    elen = np.median(np.linalg.norm(p1[edges[:, 0]] - p1[edges[:, 1]], axis=1))
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, 300, 2000), rng.integers(0, 300, 2000)
    assert elen < 0.6 * np.median(np.linalg.norm(p1[i] - p1[j], axis=1))


def test_unlinked_nodes_go_around_the_core() -> None:
    pos = force_layout(10, [[0, 1], [1, 2], [2, 0]], seed=0, time_budget=0)
    r = np.linalg.norm(pos, axis=1)
    assert r[3:].min() > r[:3].max()


def test_layout_respects_time_budget() -> None:
    import time

    g = synthetic_event_graph(2000, 6000, seed=3)
    idx = {n: i for i, n in enumerate(g)}
    edges = [(idx[u], idx[v]) for u, v in g.edges()]
    t = time.perf_counter()
    pos = force_layout(2000, edges, iterations=100_000, time_budget=0.5)
    assert time.perf_counter() - t < 2.0 and np.isfinite(pos).all()


def test_no_warning_for_clean_input() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        GraphView.from_networkx(synthetic_event_graph(10, 20, seed=1))
