"""The attacker a headline and its body share: one attack told twice.

A news item often tells one attack twice, once in the headline and once in the body,
and names the attacker only once: "Three people killed at checkpoint" over "... were
shot dead *by Afghan troops*", or "*US* jet fires at house" over "... At least three
people were killed."  :func:`shared_attackers` gives a violent event with no source
(violence against a known target, kept by the coder: see
:data:`~geokg.ingest.coding.rules.AGENTLESS_ROOTS`) the source of a violent event on the
other side of the headline -- the headline's for a body event, the body's for a headline
event -- whose target is the same victim (:func:`same_victims`).  Events of the body
never lend their source to each other: two sentences of a body often tell two attacks
("six were killed in suicide bombings while 47 died in US air strikes").

The same holds for a target: :func:`shared_targets` gives a headline event with a source and
no target the targets of a body event of the same source and CAMEO root ("Chile rejects border
plan" over "Chile on Monday rejected a *Peruvian* plan to redraw the border").

Examples
--------
>>> from geokg.ingest.records import Actor
>>> afg = Actor("country:AFG", "Afghanistan", "country", "AFG")
>>> cvl = Actor("actor:AFG-CVL", "Afghan civilians", "group", "AFG", "CVL")
>>> cop = Actor("actor:AFG-COP", "Afghan police", "group", "AFG", "COP")
>>> same_victims(afg, cvl), same_victims(cvl, cop), same_victims(cvl, cvl)
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geokg.ingest.coding.rules import PEOPLE_SECTORS, VIOLENCE_ROOTS, is_state
from geokg.ingest.records import Actor, Event, Extraction, event_id

if TYPE_CHECKING:
    from geokg.ingest.coding.cameo import CameoTable

__all__ = ["ARMED_SECTORS", "same_victims", "shared_attackers", "shared_targets"]

#: Sectors of armed bodies: soldiers, police, rebels, militias -- one side for :func:`same_victims`.
ARMED_SECTORS = frozenset({"MIL", "COP", "SPY", "REB", "UAF", "SEP", "INS"})


def _side(actor: Actor) -> str:
    """The kind of victim an actor is: people, an armed body, or its sector (else kind)."""
    sector = actor.sector or ""
    if sector in PEOPLE_SECTORS or sector in ("LAB", "AGR", "EDU", "MED", "REL", "BUS", "REF"):
        return "people"
    if sector in ARMED_SECTORS or (actor.kind == "group" and not sector):
        return "armed"  # a named armed group ("Hamas") is an armed body
    return sector or actor.kind


def same_victims(a: Actor, b: Actor) -> bool:
    """Whether two targets can name the same victims: the same actor, or actors of one
    country where one is the country itself ("five Palestinians": Palestine / Hamas) or
    both are people, or both armed bodies (soldiers / police).  Civilians and rebels,
    or a government and civilians, are different victims."""
    if a.id == b.id:
        return True
    if a.country is None or a.country != b.country:
        return False
    return a.kind == "country" or b.kind == "country" or _side(a) == _side(b)


def _violent(ev: Event) -> bool:
    return (ev.cameo or "")[:2] in VIOLENCE_ROOTS and ev.target is not None


def shared_attackers(per_ex: Sequence[tuple[Extraction, list[Event]]], body_offset: int, article_id: str,
                     table: CameoTable | None = None) -> list[tuple[Extraction, list[Event]]]:
    """``per_ex`` (each extraction with its events) where a violent event with no source
    takes the sources of the violent events on the other side of the headline (before
    ``body_offset``) whose target is the same victim (:func:`same_victims`): one event per
    source (at most 4), with a new id.  An item without a headline (``body_offset`` 0)
    is returned as is, and so is an event no donor matches; a donor's source is never
    the event's own target.  An event coded ``180`` (violence with no known attacker, the
    non-state default) whose donor, a state force, used military force (19x) is that force: ``190`` ("Three
    killed at checkpoint" over "... shot dead by troops"), its Goldstein score from ``table``
    (a :class:`~geokg.ingest.coding.cameo.CameoTable`) when given."""
    if body_offset <= 0:
        return list(per_ex)
    donors = [(ex.sent_start < body_offset, ev) for ex, evs in per_ex for ev in evs
              if ev.source is not None and _violent(ev)]
    if not donors:
        return list(per_ex)
    out = []
    for ex, evs in per_ex:
        headline = ex.sent_start < body_offset
        new: list[Event] = []
        for ev in evs:
            if ev.source is not None or not _violent(ev):
                new.append(ev)
                continue
            sources = {d.source.id: d for side, d in donors
                       if side != headline and d.extraction.sentence != ex.sentence
                       and same_victims(ev.target, d.target) and d.source.id != ev.target.id}
            if not sources:
                new.append(ev)
                continue
            for donor in list(sources.values())[:4]:
                new.append(_lent(ev, donor, article_id, table))
        out.append((ex, new))
    return out


def _lent(ev: Event, donor: Event, article_id: str, table: CameoTable | None) -> Event:
    """``ev`` with the source of ``donor`` (and a state donor's military force for a ``180``)."""
    src, code, goldstein = donor.source, ev.cameo, ev.goldstein
    if ev.cameo == "180" and (donor.cameo or "")[:2] == "19" and is_state([src]):
        code = "190"  # the attack the other side tells as military force
        if table is not None and code in table:
            goldstein = table[code].goldstein
    return replace(ev, source=src, cameo=code, goldstein=goldstein,
                   id=event_id(src, code, ev.target, ev.date, article_id))


def shared_targets(per_ex: Sequence[tuple[Extraction, list[Event]]], body_offset: int, article_id: str,
                   known: Callable[[str], bool] = lambda actor_id: False) -> list[tuple[Extraction, list[Event]]]:
    """``per_ex`` where a headline event (before ``body_offset``) with a source and no target
    takes the targets of the first body event with the same source and the same CAMEO root
    that has one: one event per target (at most 4), with a new id -- none where that is the body
    event itself (same code and date: the body's sentence is its evidence).  Only targets with a
    country or that ``known`` (an actor id -> bool) knows are lent: an ad-hoc name (a town read as
    a person) is not spread.  Body events keep theirs; an item without a headline
    (``body_offset`` 0) is returned as is."""
    if body_offset <= 0:
        return list(per_ex)
    donors = [ev for ex, evs in per_ex if ex.sent_start >= body_offset for ev in evs
              if ev.source is not None and ev.target is not None and ev.cameo
              and (ev.target.country is not None or known(ev.target.id))]
    if not donors:
        return list(per_ex)
    out = []
    for ex, evs in per_ex:
        new: list[Event] = []
        headline = ex.sent_start < body_offset
        for ev in evs:
            wants = headline and ev.source is not None and ev.target is None and bool(ev.cameo)
            found = [d for d in donors if d.source.id == ev.source.id and d.cameo[:2] == ev.cameo[:2]] if wants else []
            if not found:
                new.append(ev)
                continue
            first = min(d.extraction.sentence for d in found)
            for d in [d for d in found if d.extraction.sentence == first][:4]:
                lent = replace(ev, target=d.target, id=event_id(ev.source, ev.cameo, d.target, ev.date, article_id))
                if lent.id != d.id:  # the same event as the body's: the body's sentence tells it, target and all
                    new.append(lent)
        out.append((ex, new))
    return out
