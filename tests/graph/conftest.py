"""Fixtures for the graph tests: headless Chromium driven by Playwright, a hand-made store."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Debian's chromium; Playwright never downloads a browser here.
CHROMIUM = Path("/usr/bin/chromium")
#: Without the background-networking flags Chromium tries to reach Google's hosts at start.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session; the test skips cleanly when it is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; never `playwright install`)")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def hand_store() -> Any:
    """An in-memory store with the two hand-built articles of ``tests/fixtures/rdf/sample_records.py``.

    Both report the same event (one event, two mentions).
    """
    from geokg.graph.rdf.writer import article_graph
    from geokg.graph.store import open_store

    path = Path(__file__).resolve().parents[1] / "fixtures" / "rdf" / "sample_records.py"
    spec = importlib.util.spec_from_file_location("geokg_sample_records_hand_store", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    store = open_store(None)
    for result in (mod.sample_result(), mod.second_result()):
        graph = article_graph(result, run=mod.RUN)
        store.replace_graphs({graph.identifier: list(graph)})
    return store
