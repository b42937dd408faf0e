"""Browser tests of the static site in headless Chromium (Playwright), from file:// URLs.

Every request outside the site folder is blocked and recorded: pages must make
none.  Needs the Python package ``playwright`` and Debian's ``chromium`` at
/usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]


def _site_tests() -> Any:
    spec = importlib.util.spec_from_file_location("geokg_test_site_helpers", HERE / "test_render.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


class Site:
    """A browser context confined to one site folder, recording requests and console errors."""

    def __init__(self, browser: Any, root: Path, viewport: tuple[int, int] = (1280, 900)) -> None:
        self.root = root.resolve()
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.outside: list[str] = []
        self.errors: list[str] = []

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith("file://") and self.root in _file_of(url).resolve().parents:
                r.continue_()
            else:
                self.outside.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def open(self, rel: str | Path) -> Any:
        self.page.goto((self.root / rel).as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests outside the site: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"

    def pwned(self) -> bool:
        return any(f.evaluate("typeof window.__pwned !== 'undefined'") for f in self.page.frames)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def site(browser: Any) -> Iterator[Any]:
    opened: list[Site] = []

    def _open(root: Path, **kw: Any) -> Site:
        s = Site(browser, root, **kw)
        opened.append(s)
        return s

    yield _open
    for s in opened:
        s.close()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geokg.graph.site.render import write_site

    helpers = _site_tests()
    out = tmp_path_factory.mktemp("site-browser-hostile")
    write_site(helpers.hand_store(), out, title=f"Site {helpers.HOSTILE_SCRIPT}", interactive_egos=4)
    return out


def _wait_ready(page: Any, frame: Any, timeout: float = 60.0) -> None:
    """Wait until the embedded view has settled (it marks ``<html data-gk-ready="1">``).

    A selector wait runs in Playwright's isolated world; a string
    ``wait_for_function`` would be ``eval``-ed, which the view's CSP forbids.
    """
    frame.wait_for_selector("html[data-gk-ready='1']", state="attached", timeout=timeout * 1000)


def _relative_links(page: Any) -> list[str]:
    # getAttribute, then resolve: SVG <a> elements have no string ``href`` property
    return page.evaluate("""() => Array.from(document.querySelectorAll('a[href], iframe[src]'))
        .map(e => e.getAttribute(e.hasAttribute('href') ? 'href' : 'src'))
        .filter(v => !/^https?:/i.test(v))
        .map(v => new URL(v, document.baseURI).href)""")


def test_hostile_text_does_not_execute(site: Any, hostile_site: Path) -> None:
    helpers = _site_tests()
    s = site(hostile_site)
    pages = ["index.html", "actors.html", "events.html"]
    pages += [f"actors/{p.name}" for p in sorted((hostile_site / "actors").glob("*.html"))]
    pages += [f"events/{p.name}" for p in sorted((hostile_site / "events").glob("*.html"))]
    for rel in pages:
        page = s.open(rel)
        page.wait_for_timeout(150)
        assert not s.pwned(), rel
        assert page.evaluate("document.querySelectorAll('img').length") == 0, rel
        hrefs = page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
        assert all(h.startswith(("https://", "http://")) or ":" not in h for h in hrefs), (rel, hrefs)
    page = s.open(next(p for p in pages if p.startswith("events/alpha")))
    body = page.evaluate("document.body.textContent")
    assert helpers.HOSTILE_SCRIPT in body and helpers.HOSTILE_IMG in body and helpers.HOSTILE_URL in body
    assert page.title().startswith("Alpha Ministry <script>")
    assert page.locator("mark").first.inner_text().startswith("The Alpha Ministry <img")
    s.assert_clean()


def test_links_between_pages_resolve_and_navigate(site: Any, hostile_site: Path) -> None:
    s = site(hostile_site)
    page = s.open("index.html")
    checked = 0
    for rel in ["index.html", "actors.html", "events.html", *[f"actors/{p.name}" for p in
                sorted((hostile_site / "actors").glob("*.html")) if not p.name.endswith((".graph.html", ".map.html"))]]:
        page = s.open(rel)
        for url in _relative_links(page):
            assert url.startswith("file://"), url
            target = _file_of(url)
            assert target.is_file() and s.root in target.resolve().parents, (rel, url)
            checked += 1
    assert checked > 30
    # click through: overview -> actor -> event -> back to the overview
    page = s.open("index.html")
    page.locator("table a[href^='actors/']").first.click()
    page.wait_for_load_state("load")
    assert "/actors/" in page.url and page.locator("h1").inner_text()
    page.locator("a[href^='../events/']").first.click()
    page.wait_for_load_state("load")
    assert "/events/" in page.url and page.locator("mark").count() >= 1
    page.locator("header a.gk-brand").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    s.assert_clean()


def test_embedded_graph_views_load_inside_the_site(site: Any, hostile_site: Path) -> None:
    s = site(hostile_site)
    page = s.open("index.html")
    frame_el = page.locator("iframe.gk-frame[src$='graph.html']")  # the map has a frame too
    frame_el.scroll_into_view_if_needed()
    frame = next(f for f in page.frames if f.url.endswith("/graph.html"))
    _wait_ready(page, frame)
    assert frame.evaluate("geokgNetwork.body.data.nodes.length") == 4
    actor = next(p for p in (hostile_site / "actors").glob("mexico-*.html") if not p.name.endswith((".graph.html", ".map.html")))
    page = s.open(f"actors/{actor.name}")
    page.locator("iframe.gk-frame[src$='.graph.html']").scroll_into_view_if_needed()
    frame = next(f for f in page.frames if f.url.endswith(".graph.html"))
    _wait_ready(page, frame)
    assert frame.evaluate("geokgNetwork.body.data.nodes.length") == 2
    assert not s.pwned()
    s.assert_clean()


@pytest.mark.model
def test_sample_site_renders(site: Any, tmp_path_factory: pytest.TempPathFactory, sample_store_dir: Path,
                             tmp_path: Path) -> None:
    from geokg.graph.site.render import write_site
    from geokg.graph.store import open_store

    out = tmp_path_factory.mktemp("site-browser-sample")
    store = open_store(sample_store_dir, read_only=True)
    try:
        write_site(store, out / "site", title="geokg sample corpus")
    finally:
        store.close()
    # A viewport as tall as the page: the embedded view is drawn on screen (Chromium
    # does not paint frames outside the viewport, and a full-page capture resizes it).
    s = site(out / "site", viewport=(1280, 3800))
    page = s.open("index.html")
    bars = page.evaluate("""() => Array.from(document.querySelectorAll('svg.gk-timeline rect'))
        .filter(r => r.getBBox().height > 1).length""")
    assert bars >= 10
    page.locator("iframe.gk-frame[src$='graph.html']").scroll_into_view_if_needed()
    frame = next(f for f in page.frames if f.url.endswith("/graph.html"))
    _wait_ready(page, frame)
    assert frame.evaluate("geokgNetwork.body.data.nodes.length") > 20
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.screenshot(path=tmp_path / "geokg-site-index.png", full_page=True)
    assert (tmp_path / "geokg-site-index.png").stat().st_size > 50_000
    link = page.locator("table a[href^='actors/']", has_text="Mexico").first
    link.click()
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 1280, "height": 1400})
    assert page.locator("h1").inner_text() == "Mexico"
    circles = page.evaluate("document.querySelectorAll('svg.gk-ego circle').length")
    assert circles >= 3
    rows = page.locator("table tbody tr").count()
    assert rows >= 5 and page.locator("table mark").count() == rows
    page.screenshot(path=tmp_path / "geokg-site-actor.png", full_page=False)
    for url in _relative_links(page):
        assert _file_of(url).is_file(), url
    assert not s.pwned()
    s.assert_clean()
