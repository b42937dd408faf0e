"""Browser tests of the graph view page in headless Chromium (Playwright).

Every page is loaded from a file:// URL with every other request blocked and
recorded: the page must make none.  Needs the Python package ``playwright``
and Debian's ``chromium`` at /usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from geokg.graph.views.graphview import GraphView
from geokg.graph.views.sample import synthetic_event_graph

pytestmark = pytest.mark.browser

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_URL = "javascript:window.__pwned=1"


def wait_ready(page_or_frame: Any, timeout: float) -> None:
    """Wait until the view has settled: the page marks ``<html data-gk-ready="1">``.

    A selector wait runs in Playwright's isolated world; a string
    ``wait_for_function`` is evaluated with ``eval``, which the page's CSP
    (no ``'unsafe-eval'``) refuses, so it failed whenever the first check came
    before the view settled.
    """
    page_or_frame.wait_for_selector("html[data-gk-ready='1']", state="attached", timeout=timeout)


class Loaded:
    """A page loaded from a file, with its console errors and requests recorded."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1200, 860)) -> None:
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(r: Any) -> None:
            if r.request.url == self.url:
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.goto(self.url)
        wait_ready(self.page, timeout=60_000)

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def assert_clean(self) -> None:
        others = [u for u in self.requests if u != self.url]
        assert others == [] and self.blocked == [], f"network requests: {others + self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def load(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Loaded] = []

    def _load(view: GraphView, name: str = "view.html", **kw: Any) -> Loaded:
        page = Loaded(browser, view.save(tmp_path / name), **kw)
        pages.append(page)
        return page

    yield _load
    for p in pages:
        p.close()


def _node_dom(lp: Loaded, node_id: int) -> tuple[float, float]:
    pos = lp.js("id => { const n = geokgNetwork.getPositions([id])[id]; return geokgNetwork.canvasToDOM(n); }",
                node_id)
    box = lp.page.locator("#gk-graph").bounding_box()
    return box["x"] + pos["x"], box["y"] + pos["y"]


# ------------------------------------------------------------------ load / offline / counts


def test_small_page_loads_offline_settles_and_draws_all_nodes(load: Any) -> None:
    g = synthetic_event_graph(40, 90, seed=11)
    view = GraphView.from_networkx(g)
    assert view.physics == "browser"
    lp = load(view)
    assert lp.js("geokgNetwork.body.data.nodes.length") == 40
    assert lp.js("Object.keys(geokgNetwork.body.nodes).length") >= 40
    assert lp.js("geokgNetwork.body.data.edges.length") == view.n_edges
    assert lp.js("geokgNetwork.physics.physicsEnabled") is False  # stabilised, then switched off
    assert lp.js("geokg.settledAt") < 20_000
    status = lp.page.locator("#gk-status").inner_text()
    assert "40 of 40 actors" in status and "90 of 90 events" in status
    lp.assert_clean()


def test_large_page_uses_precomputed_layout(load: Any) -> None:
    g = synthetic_event_graph(600, 1800, seed=12)
    view = GraphView.from_networkx(g)
    assert view.physics == "layout"
    lp = load(view)
    assert lp.js("geokgNetwork.body.data.nodes.length") == 600
    assert lp.js("geokgNetwork.physics.physicsEnabled") is False
    # nodes stay where Python put them
    first = view.data.payload["nodes"][0]
    pos = lp.js("geokgNetwork.getPositions([0])[0]")
    assert abs(pos["x"] - first["x"]) < 1 and abs(pos["y"] - first["y"]) < 1
    lp.assert_clean()


def test_screenshot_draws_the_graph(load: Any, tmp_path: Path) -> None:
    view = GraphView.from_networkx(synthetic_event_graph(80, 200, seed=13), title="geokg screenshot")
    lp = load(view, viewport=(1280, 860))
    lp.page.wait_for_timeout(200)
    lp.page.screenshot(path=tmp_path / "geokg-view.png")
    assert (tmp_path / "geokg-view.png").stat().st_size > 20_000
    inked = lp.js("""() => {
        const c = document.querySelector('#gk-graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++; }
        return n;
    }""")
    assert inked > 5_000, "the canvas is (almost) blank"
    legend = lp.page.locator("#gk-legend").inner_text()
    assert "Material conflict" in legend and "Country (node colour)" in legend
    lp.assert_clean()


# ------------------------------------------------------------------ filters


def test_event_type_filter_through_the_select(load: Any) -> None:
    g = synthetic_event_graph(30, 80, seed=14)
    counts: dict[str, int] = {}
    for *_, d in g.edges(data=True):
        if d["plover"]:
            counts[d["plover"]] = counts.get(d["plover"], 0) + 1
    plover = max(counts, key=counts.get)
    view = GraphView.from_networkx(g, aggregate=False)
    assert max(len(v) for v in view.data.payload["edgeEvents"]) == 1  # one drawn edge per event
    lp = load(view)
    lp.page.select_option("#gk-type", f"plover:{plover}")
    matching = [(u, v) for u, v, d in g.edges(data=True) if d["plover"] == plover]
    actors = {n for uv in matching for n in uv}
    assert lp.js("geokgNetwork.body.data.edges.length") == len(matching)
    assert lp.js("geokgNetwork.body.data.nodes.length") == len(actors) < 30
    assert f"{len(matching)} of 80 events" in lp.page.locator("#gk-status").inner_text()
    # unchecking "hide unlinked" brings every actor back, edges stay filtered
    lp.page.uncheck("#gk-hide")
    assert lp.js("geokgNetwork.body.data.nodes.length") == 30
    assert lp.js("geokgNetwork.body.data.edges.length") == len(matching)
    lp.page.click("#gk-reset")
    assert lp.js("geokgNetwork.body.data.edges.length") == 80
    lp.assert_clean()


def test_date_and_quad_filters_and_empty_result_keeps_actors(load: Any) -> None:
    g = synthetic_event_graph(30, 100, seed=15)
    view = GraphView.from_networkx(g, aggregate=False)
    lp = load(view)
    lp.page.fill("#gk-from", "2023-03-01")
    lp.page.fill("#gk-to", "2023-08-31")
    lp.page.dispatch_event("#gk-to", "change")
    inside = [d for *_, d in g.edges(data=True) if d["date"] and "2023-03-01" <= d["date"] <= "2023-08-31"]
    assert 0 < len(inside) < 100
    assert lp.js("geokgNetwork.body.data.edges.length") == len(inside)
    lp.page.select_option("#gk-quad", "4")
    both = [d for d in inside if d["quad_class"] == 4]
    assert lp.js("geokgNetwork.body.data.edges.length") == len(both)
    # a range with no event: links vanish, actors do not, and the page says why
    shown = lp.js("geokg.setFilters({type: '', quad: '', from: '1990-01-01', to: '1990-12-31'})")
    assert shown == {"nodes": 30, "edges": 0, "events": 0}
    assert "No event matches" in lp.page.locator("#gk-status").inner_text()
    # from > to is swapped, not an empty graph
    shown = lp.js("geokg.setFilters({from: '2023-08-31', to: '2023-03-01'})")
    assert shown["edges"] == len(inside)
    assert "swapped" in lp.page.locator("#gk-status").inner_text()
    lp.assert_clean()


def test_actor_search_selects_and_focuses(load: Any) -> None:
    g = synthetic_event_graph(25, 60, seed=16)
    view = GraphView.from_networkx(g)
    lp = load(view)
    target = view.data.payload["info"][7][0]
    lp.page.fill("#gk-search", target)
    lp.page.press("#gk-search", "Enter")
    assert 7 in lp.js("geokgNetwork.getSelectedNodes()")
    assert "match" in lp.page.locator("#gk-status").inner_text()
    lp.page.fill("#gk-search", "no-such-actor-xyz")
    lp.page.press("#gk-search", "Enter")
    assert lp.js("geokgNetwork.getSelectedNodes()") == []
    assert "No actor matches" in lp.page.locator("#gk-status").inner_text()
    lp.assert_clean()


# ------------------------------------------------------------------ tooltips


def _pair_graph(sentence: str, **edge: Any) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("a", label="Alpha Ministry", kind="organization", country="FRA", sector="GOV",
               title="A ministry of the Alpha government")
    g.add_node("b", label="Beta Army", kind="organization", country="DEU", sector="MIL")
    g.add_edge("a", "b", label="threatened", date="2024-05-06", sentence=sentence, plover="THREATEN",
               cameo="130", quad_class=3, goldstein=-4.4, source_url="https://news.example/story",
               article_title="Alpha threatens Beta", **edge)
    return g


def test_hover_shows_formatted_tooltips_and_click_shows_details(load: Any) -> None:
    sentence = "Alpha Ministry threatened Beta Army in a statement on Monday."
    lp = load(GraphView.from_networkx(_pair_graph(sentence)))
    ax, ay = _node_dom(lp, 0)
    bx, by = _node_dom(lp, 1)
    lp.page.mouse.move(ax, ay)
    tip = lp.page.locator("#gk-tooltip")
    tip.wait_for(state="visible")
    assert "Alpha Ministry" in tip.inner_text() and "A ministry of the Alpha government" in tip.inner_text()
    lp.page.mouse.move((ax + bx) / 2, (ay + by) / 2)  # middle of the (straight) edge
    tip.locator("blockquote").wait_for(state="attached")
    assert tip.locator("blockquote").inner_text() == sentence
    text = tip.inner_text()
    assert "threatened" in text and "2024-05-06" in text and "Verbal conflict" in text and "THREATEN" in text
    lp.page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    details = lp.page.locator("#gk-details")
    details.wait_for(state="visible")
    link = details.locator("a")
    assert link.get_attribute("href") == "https://news.example/story"
    assert link.inner_text() == "Alpha threatens Beta" and link.get_attribute("rel").startswith("noopener")
    lp.assert_clean()


def test_tooltip_builder_returns_an_element_with_the_sentence(load: Any) -> None:
    g = synthetic_event_graph(15, 30, seed=17)
    view = GraphView.from_networkx(g, aggregate=False)
    lp = load(view)
    want = view.data.payload["events"][view.data.payload["edgeEvents"][3][0]][2]
    got = lp.js("""() => { const t = geokg.tooltip('edge', 3);
        return [t instanceof HTMLElement, t.querySelector('blockquote').textContent]; }""")
    assert got == [True, want]
    lp.assert_clean()


# ------------------------------------------------------------------ hostile content


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("x", label=HOSTILE_SCRIPT, kind="person", country="USA", title=HOSTILE_IMG, url=HOSTILE_URL)
    g.add_node("y", label=HOSTILE_IMG, kind="group", country="<b>X</b>", sector=HOSTILE_SCRIPT)
    g.add_edge("x", "y", label=HOSTILE_IMG, sentence=HOSTILE_SCRIPT + " and " + HOSTILE_IMG,
               article_title=HOSTILE_IMG, source_url=HOSTILE_URL, plover=HOSTILE_SCRIPT,
               cameo="190", quad_class=4, date="2024-01-01")
    g.add_edge("y", "x", label="said", sentence="plain", article_title=HOSTILE_SCRIPT,
               source_url="https://news.example/ok", quad_class=1)
    return g


def test_hostile_text_and_urls_do_not_execute(load: Any) -> None:
    with pytest.warns(UserWarning):
        view = GraphView.from_networkx(_hostile_graph(), title=HOSTILE_SCRIPT)
    lp = load(view)
    # Render every tooltip, hover both nodes and an edge, open details for all.
    for kind, n in (("node", 2), ("edge", 2)):
        for i in range(n):
            lp.js("([k, i]) => { document.body.appendChild(geokg.tooltip(k, i)); geokg.showDetails(k, i); }",
                  [kind, i])
    ax, ay = _node_dom(lp, 0)
    bx, by = _node_dom(lp, 1)
    lp.page.mouse.move(ax, ay)
    lp.page.locator("#gk-tooltip").wait_for(state="visible")
    lp.page.mouse.move(bx, by)
    lp.page.select_option("#gk-type", index=1)  # option text comes from hostile PLOVER
    lp.page.click("#gk-reset")
    lp.page.wait_for_timeout(300)
    assert lp.js("typeof window.__pwned") == "undefined"
    assert lp.js("document.querySelectorAll('img').length") == 0
    hrefs = lp.js("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    body = lp.js("document.body.textContent")
    assert HOSTILE_SCRIPT in body and HOSTILE_IMG in body  # shown as text
    assert lp.page.title() == HOSTILE_SCRIPT
    # The page's own URL guard refuses script URLs even if one slipped into the data.
    assert lp.js(f"geokg.safeHref({HOSTILE_URL!r})") is None
    assert lp.js("geokg.safeHref(' JAVASCRIPT:alert(1)')") is None
    assert lp.js("geokg.safeHref('data:text/html,<script>x</script>')") is None
    lp.assert_clean()


def test_injected_inline_script_is_blocked_by_csp(load: Any) -> None:
    lp = load(GraphView.from_networkx(_pair_graph("plain")))
    lp.js("""() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';
                     document.body.appendChild(s); }""")
    lp.page.wait_for_timeout(100)
    assert lp.js("typeof window.__pwned") == "undefined"
    lp.errors.clear()  # the CSP refusal is itself reported on the console


# ------------------------------------------------------------------ pyvis networks


def test_pyvis_network_page_is_offline(load: Any) -> None:
    """A pyvis Network drawn by GraphView.from_pyvis: geokg's page, no request, pyvis's colours and titles."""
    from pyvis.network import Network

    net = Network(directed=True)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "orange"]
    for i, colour in enumerate(colours):
        net.add_node(f"n{i}", label=f"Node {i}", title=f"Title {i}", color=colour)
    for i in range(3):
        net.add_edge(f"n{i}", f"n{i + 1}", title=f"Edge {i}", color="#654321")
    lp = load(GraphView.from_pyvis(net, physics="layout"), "pyvis.html")
    assert lp.js("geokgNetwork.body.data.nodes.length") == 4
    assert lp.js("geokgNetwork.body.data.nodes.get().map(n => n.color)") == colours
    assert lp.js("geokgNetwork.body.data.edges.get().map(e => e.color)") == ["#654321"] * 3
    lp.assert_clean()


# ------------------------------------------------------------------ notebook iframe


def test_repr_html_iframe_renders(browser: Any, tmp_path: Path) -> None:
    view = GraphView.from_networkx(synthetic_event_graph(20, 40, seed=18), height="400px")
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><html><body><h1>cell</h1>" + view._repr_html_() + "</body></html>",
                    encoding="utf-8")
    ctx = browser.new_context()
    try:
        requests: list[str] = []
        url = host.resolve().as_uri()
        ctx.route("**/*", lambda r: r.continue_() if r.request.url in (url, "about:srcdoc") else r.abort())
        page = ctx.new_page()
        page.on("request", lambda req: requests.append(req.url))
        page.goto(url)
        frame = page.frame_locator("iframe.geokg-view")
        frame.locator("#gk-graph canvas").wait_for()
        inner = next(f for f in page.frames if f != page.main_frame)
        wait_ready(inner, timeout=30_000)
        assert inner.evaluate("geokgNetwork.body.data.nodes.length") == 20
        assert [u for u in requests if u not in (url, "about:srcdoc")] == []
        assert page.locator("iframe.geokg-view").bounding_box()["height"] > 400
    finally:
        ctx.close()


@pytest.mark.skipif(not os.environ.get("GEOKG_BROWSER_SLOW"), reason="set GEOKG_BROWSER_SLOW=1 (5,000 actors)")
def test_five_thousand_actors_load(load: Any) -> None:
    view = GraphView.from_networkx(synthetic_event_graph(5000, seed=19))
    lp = load(view)
    assert lp.js("geokgNetwork.body.data.nodes.length") == 5000
    lp.assert_clean()
