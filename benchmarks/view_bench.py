"""Benchmark: time until the graph view is static in headless Chromium.

Side by side in one run:

* 1,000 actors: pyvis 0.3.2 defaults (barnesHut physics, 1,000 stabilisation
  iterations) vs geokg ``GraphView`` (target: GraphView static >= 20x sooner);
* 5,000 actors: ``GraphView`` vs pyvis with physics off (target <= 3x), and
  every page < 10 MB.

"Static" = the network's physics is off or stopped (vis-network's own state,
polled every 50 ms) and nothing has been drawn on the canvas for 1 s; the
reported time is the end of the last canvas frame, from navigation start.
"First view" = stabilisation iterations done (pyvis hides its loading bar),
or the first drawn frame when physics is off; the graph may still move after.  Python
build time (graph -> HTML, including GraphView's layout) is reported apart.
pyvis pages link Bootstrap/vis CSS from CDNs; those requests are answered
locally with empty bodies (this machine is offline), and counted.

Usage: ``python benchmarks/view_bench.py [--timeout 300] [--quick]``.
Needs playwright (Python) and Debian's chromium at /usr/bin/chromium.
This is a script, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

INIT_SCRIPT = """
(() => {
  const b = window.__bench = { lastDraw: 0, draws: 0, staticSince: null, readyAt: null };
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  const stamp = () => { b.lastDraw = performance.now(); };
  CanvasRenderingContext2D.prototype.clearRect = function (...a) {
    b.draws++; setTimeout(stamp, 0);  // runs once the frame being drawn is finished
    return clear.apply(this, a);
  };
  setInterval(() => {
    const net = window.geokgNetwork || window.network;
    if (!net || !net.physics) { return; }
    const ph = net.physics;
    const off = ph.physicsEnabled === false || ph.options.enabled === false;
    if (b.readyAt === null && b.draws > 0 && (off || ph.ready === true)) { b.readyAt = performance.now(); }
    const idle = off || (ph.stabilized === true && ph.viewFunction === undefined);
    if (idle && b.draws > 0) { if (b.staticSince === null) { b.staticSince = performance.now(); } }
    else { b.staticSince = null; }
  }, 50);
})();
"""


def pyvis_page(g: Any, path: Path, *, physics: bool) -> float:
    """Write the page a pyvis user gets by default; return build seconds."""
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(height="720px", width="100%", directed=True, cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        net.add_node(n, label=d["label"], title=d.get("title") or d["label"], group=d.get("country") or "none")
    for u, v, d in g.edges(data=True):
        net.add_edge(u, v, title=f"{d['label']}: {d['sentence']}")
    if not physics:
        net.toggle_physics(False)
    path.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - t


def geokg_page(g: Any, path: Path) -> float:
    from geokg.graph.views.graphview import GraphView

    t = time.perf_counter()
    GraphView.from_networkx(g, title="bench").save(path)
    return time.perf_counter() - t


def settle_time(browser: Any, path: Path, timeout: float) -> dict[str, Any]:
    """Load ``path``; return seconds until static, draws, external requests."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    url = path.resolve().as_uri()
    external: list[str] = []

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            external.append(r.request.url)
            r.fulfill(status=200, body="", content_type="text/plain")

    ctx.route("**/*", route)
    ctx.add_init_script(INIT_SCRIPT)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, timeout=timeout * 1000)
    start = time.perf_counter()
    result: dict[str, Any] = {"settle": None, "external": external, "errors": errors}
    while time.perf_counter() - start < timeout:
        st = page.evaluate("() => ({now: performance.now(), ...window.__bench})")
        if st["staticSince"] is not None and st["now"] - max(st["staticSince"], st["lastDraw"]) > 1000:
            result.update(settle=st["lastDraw"] / 1000.0, draws=st["draws"])
            result["first"] = st["readyAt"] / 1000.0 if st["readyAt"] else None
            own = page.evaluate("window.geokg ? window.geokg.settledAt : null")
            result["own"] = own / 1000.0 if own is not None else None
            break
        page.wait_for_timeout(200)
    else:
        st = page.evaluate("window.__bench")
        result["draws"] = st["draws"]
        result["first"] = st["readyAt"] / 1000.0 if st["readyAt"] else None
    ctx.close()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per page before giving up")
    ap.add_argument("--quick", action="store_true", help="200/1,000 actors instead of 1,000/5,000")
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep the pages in")
    args = ap.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: pip install playwright (never `playwright install`)")
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} missing: apt-get install -y chromium")
        return 2
    from geokg.graph.views.sample import synthetic_event_graph

    small, big = (200, 1000) if args.quick else (1000, 5000)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="geokg-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    cases = [
        (f"{small:,} actors", small, "pyvis defaults", lambda g, p: pyvis_page(g, p, physics=True)),
        (f"{small:,} actors", small, "geokg GraphView", geokg_page),
        (f"{big:,} actors", big, "pyvis physics off", lambda g, p: pyvis_page(g, p, physics=False)),
        (f"{big:,} actors", big, "geokg GraphView", geokg_page),
    ]
    rows = []
    graphs = {n: synthetic_event_graph(n, seed=42) for n in (small, big)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for i, (case, n, tool, build) in enumerate(cases):
            g = graphs[n]
            path = tmp / f"case{i}.html"
            build_s = build(g, path)
            res = settle_time(browser, path, args.timeout)
            rows.append((case, g.number_of_edges(), tool, build_s, path.stat().st_size / 1e6, res))
            print(f"  done: {case} {tool}: settle {res['settle']}", file=sys.stderr, flush=True)
        browser.close()

    def fmt(x: float | None) -> str:
        return "timeout" if x is None else f"{x:8.2f}"

    print(f"\nChromium headless, 2 cores; pages in {tmp}")
    print(f"{'case':<14} {'events':>7} {'tool':<18} {'build s':>8} {'page MB':>8} {'first view s':>12} "
          f"{'static s':>9} {'ext req':>7}")
    for case, e, tool, build_s, mb, res in rows:
        print(f"{case:<14} {e:>7} {tool:<18} {build_s:8.2f} {mb:8.2f} {fmt(res.get('first')):>12} "
              f"{fmt(res['settle']):>9} {len(res['external']):>7}")
        if res["errors"]:
            print(f"{'':14} page errors: {res['errors'][:2]}")
    s = [r[5]["settle"] for r in rows]
    if s[0] and s[1]:
        print(f"\n{small:,} actors: GraphView static {s[0] / s[1]:.1f}x sooner than pyvis defaults (target >= 20x)")
    elif s[1]:
        print(f"\n{small:,} actors: pyvis defaults still moving after {args.timeout:.0f} s; GraphView static "
              f"in {s[1]:.2f} s (> {args.timeout / s[1]:.0f}x sooner)")
    f0 = rows[0][5].get("first")
    if f0 and s[1]:
        print(f"{small:,} actors: pyvis stabilisation iterations alone take {f0:.1f} s = {f0 / s[1]:.0f}x "
              "GraphView's time to static")
    if s[2] and s[3]:
        print(f"{big:,} actors: GraphView / pyvis physics-off = {s[3] / s[2]:.2f}x (target <= 3x)")
        tot = (rows[3][3] + s[3]) / (rows[2][3] + s[2])
        print(f"{big:,} actors incl. Python build: GraphView / pyvis physics-off = {tot:.2f}x")
    print(f"largest page: {max(r[4] for r in rows):.2f} MB (target < 10 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
