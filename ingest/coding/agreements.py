"""The parties of an agreement named again: "Peru and Chile agreed to a truce ... Bolivia welcomed *the agreement*".

A news item tells an agreement once with its parties and then names it again as a thing:
it is welcomed, hailed, rejected or criticised.  An event whose object is that thing,
named by a definite agreement noun ("*the* agreement", "*this* deal"), is done to the
parties, whom the sentence does not name: the welcome of a ceasefire praises the sides
that agreed to it.  :func:`agreement_parties` gives such an event, when it has no target,
the sources of the last event before it whose object is an agreement noun ("agreed to *a
ceasefire*", "signed *a trade pact*"), other than its own sources.  Without such an event
the target stays unknown (and :func:`~geokg.ingest.coding.rules.drop_targetless` may drop
the event).

Examples
--------
>>> is_agreement_noun("the agreement"), is_agreement_noun("a ceasefire"), is_agreement_noun("the scientists")
(True, True, False)
>>> names_agreement_again("the deal"), names_agreement_again("a deal")
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geokg.ingest.records import Actor, Event, Extraction, event_id

__all__ = ["AGREEMENT_NOUNS", "agreement_parties", "is_agreement_noun", "names_agreement_again"]

#: Nouns of an agreement between parties.
AGREEMENT_NOUNS = frozenset({"agreement", "agreements", "deal", "deals", "accord", "accords", "ceasefire",
                             "cease-fire", "truce", "pact", "treaty"})
#: CAMEO codes (prefixes) of making an agreement: intents (03, "agreed to a ceasefire"), consultations (04, "reached a
#: deal in talks"), signing ("signed a pact", 057), yielding (08, "accepted a truce"); not praise or any other act
#: on an agreement ("hailed the accord" names it again).
_AGREEING = ("03", "04", "057", "08")
#: Determiners that name again a thing already told.
_DEFINITE = frozenset({"the", "this", "that"})


def is_agreement_noun(text: str) -> bool:
    """Whether a noun phrase is headed by an agreement noun (its last word)."""
    words = text.lower().split()
    return bool(words) and words[-1] in AGREEMENT_NOUNS


def names_agreement_again(text: str) -> bool:
    """Whether a noun phrase names an agreement already told: a definite determiner and an agreement noun
    ("the agreement", "this deal"; not "a deal", nor "the agreement on trade", whose head is not last)."""
    words = text.lower().split()
    return len(words) >= 2 and words[0] in _DEFINITE and is_agreement_noun(text)


def agreement_parties(per_ex: Sequence[tuple[Extraction, list[Event]]], article_id: str
                      ) -> list[tuple[Extraction, list[Event]]]:
    """Targets for events of an agreement named again (see the module doc); other events unchanged.

    ``per_ex`` pairs each extraction of an article with its events, in the order of the text.
    """
    parties: dict[str, Actor] = {}  # the sources of the last agreement told so far ...
    told = -1  # ... and the sentence that told it
    out = list(per_ex)  # in the caller's order; read in the order of the text
    for k in sorted(range(len(out)), key=lambda k: (out[k][0].sent_start, out[k][0].rel_start)):
        ex, evs = out[k]
        obj = ex.object
        if obj is None or not evs or (obj.head or (obj.text.split() or [""])[-1]).lower() not in AGREEMENT_NOUNS:
            continue
        if parties and names_agreement_again(obj.text):
            out[k] = (ex, [e for ev in evs for e in _with_parties(ev, tuple(parties.values()), article_id)])
            continue
        # "agreed to *a ceasefire*": its parties (not "backed away from *parts* of the agreement": head "parts")
        found = {e.source.id: e.source for e in evs if e.source is not None and (e.cameo or "").startswith(_AGREEING)}
        if found:  # the conjuncts of one sentence ("X and Y agreed") are parties of one agreement
            parties = {**parties, **found} if ex.sentence == told else found
            told = ex.sentence
    return out


def _with_parties(event: Event, parties: tuple[Actor, ...], article_id: str) -> list[Event]:
    """``event`` once per party that is not its source, when it has no target; else ``event``."""
    if event.target is not None or event.cameo is None:
        return [event]
    own = {event.source.id, event.source.country} if event.source is not None else set()
    others = [p for p in parties if p.id not in own]
    if not others:
        return [event]
    return [replace(event, target=p, id=event_id(event.source, event.cameo, p, event.date, article_id))
            for p in others]
