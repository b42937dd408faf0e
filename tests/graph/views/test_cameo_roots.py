"""graph/views/static/cameo_roots.json (the view's event-type names) is the CAMEO table's root names."""

from __future__ import annotations

import json
from pathlib import Path

import geokg.graph.views as views
from geokg.ingest.coding.cameo import CameoTable

STATIC = Path(views.__file__).parent / "static" / "cameo_roots.json"


def test_cameo_roots_json_matches_the_table():
    shipped = json.loads(STATIC.read_text(encoding="utf-8"))
    expected = {c.code: c.label.capitalize() for c in CameoTable.default().roots()}
    assert len(expected) == 20
    assert shipped == expected, (
        "graph/views/static/cameo_roots.json differs from ingest/data/coding/cameo_roots.tsv; regenerate: "
        "json.dumps({c.code: c.label.capitalize() for c in CameoTable.default().roots()}, indent=2)"
    )
