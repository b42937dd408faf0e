"""Event-coding rules that need no lexicon: constants, event ids and event filters.

:func:`event_id` makes the stable id of an event; :func:`drop_less_specific` and
:func:`drop_motives` remove events another event of the sentence says better;
:func:`governing_extraction` finds the clause that governs another ("X demanded
that *Y cancel* ...").

Examples
--------
>>> relation_lemmas("staged", "stag")
['stage', 'staged']
>>> is_title_case("Mexico Rejects US Military Action"), is_title_case("Mexico rejects US military action")
(True, False)
>>> is_state([Actor("country:MEX", "Mexico", "country", "MEX")])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from geokg.ingest.records import Actor, Argument, Event, Extraction, stable_id

__all__ = [
    "AGENTLESS_ROOTS",
    "DOMESTIC_PREFIXES",
    "ENTITY_LABELS",
    "MODAL_RE",
    "NON_EVENT_KINDS",
    "OBLIGATION_RE",
    "PLACE_PREPS",
    "RECIPROCAL_ROOTS",
    "STATE_SECTORS",
    "TARGET_PREPS",
    "drop_less_specific",
    "drop_motives",
    "event_id",
    "governing_extraction",
    "head_pos",
    "is_state",
    "is_title_case",
    "relation_lemmas",
]

#: Sectors whose actors count as "state" for the lexicon's source constraint.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
NON_EVENT_KINDS = frozenset({"role", "attribute", "relation"})
TARGET_PREPS = ("against", "to", "with", "on", "toward", "towards", "at", "from", "for", "into", "upon")
PLACE_PREPS = ("over", "in", "into", "inside", "near", "at", "across", "throughout", "within", "outside")
OBLIGATION_RE = re.compile(r"\b(must|should|ought|has to|have to|had to|need to|needs to)\b", re.IGNORECASE)
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
MODAL_RE = re.compile(r"\b(would|could|might|may|will|shall|can|should|must|'ll|wo)\b", re.IGNORECASE)
#: Codes whose events, when no target is named, target the country where they happen.
DOMESTIC_PREFIXES = ("14", "17", "081", "082", "083")
#: Roots whose events are kept without a known source (violence against a known target).
AGENTLESS_ROOTS = frozenset({"18", "19", "20"})
#: CAMEO roots of reciprocal events (consult, cooperate, agree, fight).
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_TITLE_WORD = re.compile(r"[A-Za-z][\w'-]*")
_LETTERS = re.compile(r"[a-z]+")


def event_id(source: Actor | None, what: str, target: Actor | None, when: date | None, article_id: str) -> str:
    """Stable event id from (source, CAMEO code or lemma, target, date).

    Without a date the article id stands in for it (see the module doc).

    Examples
    --------
    >>> a = Actor("country:MEX", "Mexico", "country", "MEX")
    >>> event_id(a, "120", None, date(2025, 1, 1), "x") == event_id(a, "120", None, date(2025, 1, 1), "y")
    True
    >>> event_id(a, "120", None, None, "x") == event_id(a, "120", None, None, "y")
    False
    """
    return stable_id(
        "event", source.id if source else "-", what, target.id if target else "-",
        when.isoformat() if when else f"article:{article_id}",
    )


def is_state(actors: Sequence[Actor]) -> bool | None:
    """Whether some actor is a state actor (a country, an IGO or a state sector); None for no actors."""
    if not actors:
        return None
    return any(a.kind == "country" or a.kind == "igo" or a.sector in STATE_SECTORS for a in actors)


def is_title_case(title: str) -> bool:
    """Whether most words of a headline are capitalised ("Mexico Rejects US Military Action")."""
    words = [w for w in _TITLE_WORD.findall(title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def governing_extraction(ex: Extraction, siblings: Sequence[Extraction]) -> Extraction | None:
    """The extraction whose object contains ``ex``'s relation (the smallest such object)."""
    best = None
    for g in siblings:
        if g is ex or g.object is None or g.kind in NON_EVENT_KINDS:
            continue
        inside = g.object.start <= ex.rel_start < g.object.end and g.rel_start != ex.rel_start
        if inside and (best is None or (g.object.end - g.object.start) < (best.object.end - best.object.start)):
            best = g
    return best


def relation_lemmas(relation: str, lemma: str) -> list[str]:
    """Fallback lemmas from the relation's last word when the parser's lemma is odd
    ("staged" lemmatised as "stag"): the word with -d, -ed, -ing, -s removed or -e added."""
    words = _LETTERS.findall(relation.lower())
    if not words:
        return []
    w = words[-1]
    out = []
    for cut, add in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if w.endswith(cut) and len(w) - len(cut) >= 3:
            out.append(w[: len(w) - len(cut)] + add)
    out.append(w)
    return [c for c in dict.fromkeys(out) if c != lemma]


def head_pos(arg: Argument, doc) -> str | None:
    """The part of speech of an argument's head token in ``doc`` (None without a doc)."""
    if doc is None or not arg.head:
        return None
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    head = next((t for t in span if t.text == arg.head), None) if span is not None else None
    return head.pos_ if head is not None else None


def drop_motives(events: list[Event]) -> list[Event]:
    """Drop a demand that only states the purpose of a protest or threat by the same
    source ("staged demonstrations *to demand* reforms", "would blockade Paris *to demand* ...")."""
    keep = []
    for e in events:
        rel = e.extraction.relation.lower()
        if (e.cameo or "")[:2] in ("10", "02") and rel.startswith("to ") and e.source is not None and any(
                o is not e and o.extraction.sentence == e.extraction.sentence and o.source is not None
                and o.source.id == e.source.id and (o.cameo or "")[:2] in ("13", "14")
                for o in events):
            continue
        keep.append(e)
    return keep


def drop_less_specific(events: list[Event]) -> list[Event]:
    """Drop an event that another event of the same sentence and CAMEO root says more
    fully: same source but no target, or same target but no source ("demanded ..." and
    "demanded that the US ...")."""
    keep = []
    for e in events:
        root_ = (e.cameo or "")[:2]
        redundant = False
        for o in events:
            if o is e or o.extraction.sentence != e.extraction.sentence or (o.cameo or "")[:2] != root_:
                continue
            if e.target is None and o.target is not None and e.source is not None and o.source is not None \
                    and o.source.id == e.source.id or e.source is None and o.source is not None and e.target is not None and o.target is not None \
                    and o.target.id == e.target.id:
                redundant = True
            if redundant:
                break
        if not redundant:
            keep.append(e)
    return keep
