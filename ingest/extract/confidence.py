"""Confidence of a record: a documented heuristic in [0.05, 0.99].

Start at 0.9 and subtract:

* 0.03 per token beyond 6 in the subject or object (long spans are more often
  wrong), at most 0.25 per argument;
* 0.12 for a hypothetical, 0.05 for an intended/demanded/future record;
* 0.15 for a pronoun argument that coreference left unresolved;
* 0.2 for an implicit (empty) subject, 0.1 for a clausal subject;
* 0.15 for a nominal event, 0.05 for role/attribute records;
* 0.05 per relation word beyond 4;
* the frame's parse-oddity penalty (e.g. 0.1 for the Title-Case headline
  fallback, 0.1 for a subject taken from an ``xcomp`` controller).

Examples
--------
>>> from geokg.ingest.extract.frames import Frame
>>> from geokg.ingest.extract.arguments import ArgSpan
>>> f = Frame(kind="event", sent=0, pred=1, lemma="seize", rel_tokens=[1],
...           subj=ArgSpan("subject", 0, 1, 0), obj=ArgSpan("object", 2, 4, 3))
>>> score(f, pronoun_heads=set())
0.9
>>> f.mode = "hypothetical"
>>> score(f, pronoun_heads=set())
0.78
"""

from __future__ import annotations

from collections.abc import Collection

from geokg.ingest.extract.arguments import ArgSpan
from geokg.ingest.extract.frames import Frame

__all__ = ["score"]

_MODE_PENALTY = {"hypothetical": 0.12, "intended": 0.05, "demanded": 0.05, "future": 0.05}
_KIND_PENALTY = {"nominal": 0.15, "role": 0.05, "attribute": 0.05}


def _span_penalty(span: ArgSpan | None, pronoun_heads: Collection[int]) -> float:
    if span is None:
        return 0.0
    n = span.end - span.start
    p = min(0.25, 0.03 * max(0, n - 6))
    if span.head in pronoun_heads and not span.resolved:
        p += 0.15
    return p


def score(frame: Frame, pronoun_heads: Collection[int], clausal_heads: Collection[int] = ()) -> float:
    """Confidence of ``frame`` (see the module docstring)."""
    c = 0.9
    subj = frame.agent if frame.passive and frame.agent is not None else frame.subj
    if frame.passive and frame.agent is None:
        c -= 0.2
    elif subj is None or subj.end <= subj.start:
        c -= 0.2
    elif subj.head in clausal_heads:
        c -= 0.1
    c -= _span_penalty(frame.subj, pronoun_heads)
    c -= _span_penalty(frame.obj, pronoun_heads)
    c -= _MODE_PENALTY.get(frame.mode, 0.0)
    c -= _KIND_PENALTY.get(frame.kind, 0.0)
    c -= 0.05 * max(0, len(set(frame.rel_tokens)) - 4)
    c -= frame.odd
    return round(min(0.99, max(0.05, c)), 3)
