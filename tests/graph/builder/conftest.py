"""Fixtures for the builder tests: Dask's scratch folder under pytest's tmp_path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def dask_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where a test's LocalCluster keeps its scratch folder (``dask-scratch-space``): under ``tmp_path``,
    which pytest removes, not in ``/tmp``.  Dask reads the variable when first imported (the builds import it
    lazily, and so do the worker processes); once imported, its configuration is set for the test."""
    folder = tmp_path / "dask-tmp"
    monkeypatch.setenv("DASK_TEMPORARY_DIRECTORY", str(folder))
    config = sys.modules.get("dask.config")
    if config is None:
        yield folder
        return
    with config.set({"temporary-directory": str(folder)}):
        yield folder
