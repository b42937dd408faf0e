"""Fixtures of the watch tests; plain helpers are in watch_helpers.py beside them, imported by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from watch_helpers import start_server


@pytest.fixture
def feed_server():
    """A local feed server; stopped at the end of the test (daemon threads, bounded delays)."""
    fs = start_server()
    yield fs
    fs.stop()


@pytest.fixture(scope="module")
def blank_pipeline():
    """spaCy's blank English pipeline, no extractor or coder: articles and sentences only."""
    import spacy
    from geokg.ingest.pipeline import Pipeline, Settings

    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, extractor=lambda doc, article_id: iter(()), coder=None, settings=Settings(model="blank"))




_VOCABULARY: list = []


@pytest.fixture(autouse=True)
def _vocabulary_once(monkeypatch):
    """Each build rewrites the vocabulary graph (about 2 s of ontology parsing); parse it once per session."""
    from geokg.graph.builder import run
    from rdflib import URIRef

    real = run.write_vocabulary

    def cached(store):
        if not _VOCABULARY:
            from geokg.graph.store import open_store

            with open_store(None) as memory:
                real(memory)
                _VOCABULARY.extend(memory.dataset().graph(URIRef(run.VOCABULARY_GRAPH)))
        store.replace_graphs({URIRef(run.VOCABULARY_GRAPH): list(_VOCABULARY)})
        return len(_VOCABULARY)

    monkeypatch.setattr(run, "write_vocabulary", cached)
