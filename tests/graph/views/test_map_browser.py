"""Browser tests of the map view in headless Chromium (Playwright, Debian's chromium).

The page is loaded from file:// with every other request blocked and recorded: it must make
none, log no console error, draw its points, filter them and show tooltips.  The 10,000-event
timing is marked ``bench`` (out of the default run).
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from geokg.graph.views.mapview import MapView

pytestmark = pytest.mark.browser

KYIV = {"lat": 50.45, "lon": 30.52, "quad": 4, "mentions": 3, "date": "2025-04-24", "source": "Russia",
        "relation": "attack", "target": "Ukraine", "place": "Kyiv", "sentence": "Russia attacked Kyiv."}
DOHA = {"lat": 25.29, "lon": 51.53, "quad": 1, "mentions": 1, "date": "2025-01-15", "source": "Qatar",
        "relation": "announce", "target": "", "place": "Doha", "sentence": "Qatar announced the deal in Doha."}
UNDATED = {"lat": 38.9, "lon": -77.04, "quad": 2, "mentions": 1, "text": "US sends aid", "place": "Washington"}


class Page:
    """A map page loaded from a file, its requests and console errors recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1200) -> None:
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []

        def route(r: Any) -> None:
            if r.request.url == self.url:
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        start = time.perf_counter()
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-gk-map-ready='1']", state="attached", timeout=10000)
        self.seconds = time.perf_counter() - start

    def visible(self) -> int:
        return self.page.evaluate("() => window.geokgMap.visible()")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def small_map(browser, tmp_path):
    path = MapView.from_records([KYIV, DOHA, UNDATED], title="test map").save(tmp_path / "map.html")
    page = Page(browser, path)
    yield page
    page.close()


def _pixel(page: Page, lat: float, lon: float) -> list[int]:
    return page.page.evaluate(
        """([lat, lon]) => { const c = document.getElementById('geokg-map-canvas');
             const b = c.getBoundingClientRect(); const p = window.geokgMap.point(lat, lon);
             const r = c.width / b.width;
             return Array.from(c.getContext('2d').getImageData((p[0] - b.left) * r, (p[1] - b.top) * r, 1, 1).data); }""",
        [lat, lon])


def test_points_drawn_no_requests_no_errors(small_map):
    assert small_map.visible() == 3
    red = _pixel(small_map, KYIV["lat"], KYIV["lon"])  # QuadClass 4: red
    assert red[0] > 150 and red[1] < 120 and red[2] < 120, red
    green = _pixel(small_map, DOHA["lat"], DOHA["lon"])  # QuadClass 1: green
    assert green[1] > green[0] and green[1] > green[2], green
    sea = _pixel(small_map, -40.0, -140.0)  # the Pacific: basemap sea colour
    assert sea[2] > 200 and sea[0] < 230, sea
    assert small_map.requests == [] and small_map.errors == []


def test_filters_slider_and_tooltip(small_map):
    page = small_map.page
    page.uncheck("input[data-quad='4']")
    assert small_map.visible() == 2
    page.check("input[data-quad='4']")
    page.fill("#geokg-map-filter", "qatar")
    assert small_map.visible() == 1
    page.fill("#geokg-map-filter", "")
    page.eval_on_selector("#geokg-map-slider", "s => { s.value = 0; s.dispatchEvent(new Event('input')); }")
    assert small_map.visible() == 2  # the first day (Doha) and the undated event
    assert "2025-01-15" in page.inner_text("#geokg-map-day")
    page.eval_on_selector("#geokg-map-slider", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    x, y = page.evaluate("([a, b]) => window.geokgMap.point(a, b)", [KYIV["lat"], KYIV["lon"]])
    page.mouse.move(x, y)
    tip = page.inner_text("#geokg-map-tip")
    assert "Russia attack Ukraine" in tip and "Kyiv" in tip and "material conflict" in tip and "3 mentions" in tip
    assert small_map.errors == []


def test_hostile_text_stays_text(browser, tmp_path):
    evil = {**KYIV, "sentence": "<img src=x onerror=\"window.__pwned=1\">", "place": "<script>window.__pwned=1</script>"}
    page = Page(browser, MapView.from_records([evil]).save(tmp_path / "evil.html"))
    x, y = page.page.evaluate("([a, b]) => window.geokgMap.point(a, b)", [KYIV["lat"], KYIV["lon"]])
    page.page.mouse.move(x, y)
    assert page.page.evaluate("() => window.__pwned") is None
    assert "<script>" in page.page.inner_text("#geokg-map-tip")
    assert page.requests == [] and page.errors == []
    page.close()


def synthetic_events(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    return [{"lat": rnd.uniform(-60, 75), "lon": rnd.uniform(-180, 180), "quad": rnd.randint(0, 4),
             "mentions": rnd.randint(1, 20), "date": f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
             "source": f"actor {rnd.randint(0, 500)}", "relation": "meet", "target": f"actor {rnd.randint(0, 500)}",
             "place": f"place {i}", "sentence": "A synthetic sentence."} for i in range(n)]


@pytest.mark.bench
def test_ten_thousand_events_interactive_under_two_seconds(browser, tmp_path):
    path = MapView.from_records(synthetic_events(10_000)).save(tmp_path / "big.html")
    page = Page(browser, path)
    start = time.perf_counter()
    page.page.eval_on_selector("#geokg-map-slider", "s => { s.value = 100; s.dispatchEvent(new Event('input')); }")
    visible = page.visible()
    redraw = time.perf_counter() - start
    print(f"10,000 events: page ready in {page.seconds:.2f} s, slider redraw {redraw * 1000:.0f} ms ({visible} visible)")
    assert page.seconds < 2.0 and redraw < 0.5
    assert page.requests == [] and page.errors == []
    page.close()


def test_graph_view_map_tab(browser, tmp_path):
    import networkx as nx
    from geokg.graph.views.graphview import GraphView

    g = nx.MultiDiGraph()
    g.add_edge("a", "b", label="attack", quad_class=4, date="2025-04-24")
    view = GraphView.from_networkx(g, title="tabs").with_map(MapView.from_records([KYIV, DOHA]))
    page = Page(browser, view.save(tmp_path / "graph.html"))
    p = page.page
    p.wait_for_selector("html[data-gk-ready='1']", state="attached", timeout=10000)
    assert p.is_hidden("#geokg-map-section") and p.is_visible("#gk-main")
    p.click("#gk-tab-map")
    assert p.is_visible("#geokg-map-section") and p.is_hidden("#gk-main")
    assert p.get_attribute("#gk-tab-map", "aria-selected") == "true"
    assert page.visible() == 2 and p.evaluate("document.getElementById('geokg-map-canvas').clientWidth") > 600
    red = _pixel(page, KYIV["lat"], KYIV["lon"])
    assert red[0] > 150 and red[1] < 120, red
    p.click("#gk-tab-graph")
    assert p.is_hidden("#geokg-map-section") and p.is_visible("#gk-main")
    assert page.requests == [] and page.errors == []
    page.close()
