"""Shared fixtures: the real spaCy pipeline (loaded once) and the ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The configured trained pipeline with geokg's components, loaded once."""
    from geokg.ingest.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def geokg_pipeline(nlp):
    """A full geokg Pipeline (model + extractor + coder), loaded once."""
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    return Pipeline.create(Settings(model=resolve_model()), nlp=nlp)
