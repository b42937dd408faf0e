"""geokg's extractor as a CaRB system, and where the shared evaluation data lives.

Examples
--------
>>> import spacy
>>> extract = geokg_carb_extractor(spacy.blank("en"))  # nothing is parsed until it is called
>>> callable(extract)
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from geokg.ingest.evaluation.carb import ScoredTuple
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["geokg_carb_extractor", "shared_data_dir"]


def shared_data_dir() -> Path:
    """The third-party evaluation data folder (``shared/data``).

    ``$GEOKG_SHARED`` (the ``shared`` folder) wins; then ``../shared`` beside the
    current directory; then ``../shared`` beside the source tree.

    Examples
    --------
    >>> shared_data_dir().name
    'data'
    """
    env = os.environ.get("GEOKG_SHARED")
    if env:
        return Path(env) / "data"
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = root.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def geokg_carb_extractor(
    nlp: Language | None = None, *, model: str | None = None, batch_size: int = 64
) -> Callable[[list[str]], Iterator[list[ScoredTuple]]]:
    """A batch extractor (sentences → tuples per sentence) for :func:`evaluate_carb`.

    CaRB sentences are already tokenized: each is split on whitespace and
    parsed as those tokens.  ``nlp=None`` loads ``model`` (default: geokg's
    configured pipeline) on the first call.
    """
    from geokg.ingest.extract import carb_tuples

    loaded: list[Language] = [nlp] if nlp is not None else []

    def extract(sentences: list[str]) -> Iterator[list[ScoredTuple]]:
        if not loaded:
            from geokg.ingest.pipeline import load_pipeline

            loaded.append(load_pipeline(model))
        pipe = loaded[0]
        docs = pipe.pipe((Doc(pipe.vocab, words=s.split()) for s in sentences), batch_size=batch_size)
        for doc in docs:
            yield [ScoredTuple(rel, tuple(args), conf) for conf, rel, args in carb_tuples(doc)]

    return extract
