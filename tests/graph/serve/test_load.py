"""The serve load test (benchmarks/serve_load.py): slow, loopback only, bounded in clients and time."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "serve_load.py"


@pytest.mark.slow
def test_good_queries_stay_fast_while_pathological_ones_run() -> None:
    spec = importlib.util.spec_from_file_location("serve_load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.run("geokg", clients=50, seconds=20.0, timeout=5.0, workers=6)
    print(module.table(result))
    assert result["errors"] == {}  # no 500 (nor other 5xx but 503), no failed connection
    assert result["good_ok"] > 500
    assert result["status"].get("pathological 503", 0) >= 15  # they ran, and were stopped
    assert not any(k.startswith("good 5") for k in result["status"])
    assert result["good_p99_ms"] < 1000, f"good queries' p99 {result['good_p99_ms']} ms"
