"""Tests of the confidence heuristic (geokg.ingest.extract.confidence)."""

from __future__ import annotations

from geokg.ingest.extract.arguments import ArgSpan
from geokg.ingest.extract.confidence import score
from geokg.ingest.extract.frames import Frame


def frame(**kw) -> Frame:
    base = dict(kind="event", sent=0, pred=1, lemma="seize", rel_tokens=[1],
                subj=ArgSpan("subject", 0, 1, 0), obj=ArgSpan("object", 2, 3, 2))
    base.update(kw)
    return Frame(**base)


def test_penalties_order_records_sensibly() -> None:
    plain = score(frame(), set())
    assert plain > score(frame(mode="hypothetical"), set())
    assert plain > score(frame(obj=ArgSpan("object", 2, 20, 2)), set())          # long span
    assert plain > score(frame(), {0})                                            # unresolved pronoun
    resolved = frame(subj=ArgSpan("subject", 0, 1, 0, resolved="Chile"))
    assert score(resolved, {0}) == plain
    assert plain > score(frame(passive=True, agent=None), set())                  # implicit subject
    assert plain > score(frame(kind="nominal"), set())
    assert 0.05 <= score(frame(mode="hypothetical", kind="nominal", odd=0.9), {0, 2}) < 0.2
