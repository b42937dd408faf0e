"""geokg.ingest: sources → clean articles → spaCy → records.

Subpackages, one job each: :mod:`.readers` (sources → articles), :mod:`.extract`
(Doc → subject–relation–object extractions), :mod:`.actors` (who: country, sector),
:mod:`.coding` (what: CAMEO/PLOVER event types), :mod:`.evaluation` (gold sets);
:mod:`.records`, :mod:`.pipeline`, :mod:`.text`, :mod:`.dates` sit at this level.
The extractor function is ``geokg.ingest.extract.extract`` (``geokg.ingest.extract``
is its subpackage).

The public API is re-exported here and imported lazily (PEP 562), so
``import geokg.ingest`` stays cheap and spaCy loads only when used.

Examples
--------
>>> import geokg.ingest as gi
>>> gi.Article.__name__, gi.iter_articles.__module__
('Article', 'geokg.ingest.readers.sources')
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    # records
    "Article": "records", "Sentence": "records", "Mention": "records", "Argument": "records",
    "Extraction": "records", "Actor": "records", "Event": "records", "ArticleResult": "records",
    "ReadError": "records", "stable_id": "records", "event_id": "records",
    "Registry": "registry",
    # readers and text
    "iter_articles": "readers.sources", "read_article": "readers.sources", "READERS": "readers.base",
    "clean_text": "text",
    # spaCy side
    "Pipeline": "pipeline", "Settings": "pipeline", "load_pipeline": "pipeline", "resolve_model": "pipeline",
    "DEFAULT_MODEL": "pipeline", "FastAttributeRuler": "attribute_rules",
    "use_fast_attribute_ruler": "attribute_rules", "FastLemmatizer": "lemmas", "use_fast_lemmatizer": "lemmas",
    # extraction, coding
    "ExtractorConfig": "extract.config",
    "EventCoder": "coding.article", "ActorCoder": "actors.coder",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'geokg.ingest' has no attribute {name!r}") from None
    return getattr(importlib.import_module(f"geokg.ingest.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
