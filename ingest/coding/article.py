"""Coding one article: all its extractions, then article-level rules, actors and mentions.

:class:`EventCoder` (see :mod:`geokg.ingest.coding`) codes every extraction of an
article with :class:`~geokg.ingest.coding.extraction.ExtractionCoder`, then gives
conjoined subjects of reciprocal events each other as targets, turns claimed uses of
force into accusations, gives an attack with no named attacker the one the headline or
the body names (:func:`~geokg.ingest.coding.attackers.shared_attackers`) and a headline event with
no target the body's (:func:`~geokg.ingest.coding.attackers.shared_targets`), drops duplicates, less specific events and the tolls of
attacks told by a participle, and codes the article's entity mentions.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from geokg.ingest.actors.data import CodingContext, merge_actor
from geokg.ingest.coding.agreements import agreement_parties
from geokg.ingest.coding.attackers import shared_attackers, shared_targets
from geokg.ingest.coding.extraction import ExtractionCoder
from geokg.ingest.coding.rules import (
    ENTITY_LABELS,
    PLACE_PREPS,
    RECIPROCAL_ROOTS,
    STATIC_PREPS,
    VIOLENCE_ROOTS,
    drop_consequences,
    drop_less_specific,
    drop_motives,
    drop_targetless,
    event_id,
    governing_extraction,
    is_title_case,
    stated_clause,
)
from geokg.ingest.dates import event_date
from geokg.ingest.records import Actor, Article, Event, Extraction, Mention

__all__ = ["EventCoder"]

_CLAIMED = "015"  # claim responsibility: the act claimed is an event of its own
#: Codes of acts two parties do with each other (consult, negotiate, fight).
_MUTUAL_CODES = frozenset({"040", "046", "190"})
#: Roots of acts whose refusal by conjoined subjects is a refusal of each other (agree, meet).
_REFUSED_TOGETHER = frozenset({"03", "04"})
#: Prepositions of where a mutual act happens -- not "over" ("clashed *over* a plan").
_WHERE_PREPS = frozenset({*PLACE_PREPS, *STATIC_PREPS} - {"over"})


def _office_and_holder(a: Actor, b: Actor) -> bool:
    """Whether ``a`` and ``b`` are a person and the office that person holds (one actor read
    twice: "India's prime minister, Manmohan Singh" gives the government and the person)."""
    if (a.kind == "person") == (b.kind == "person"):
        return False
    person, office = (a, b) if a.kind == "person" else (b, a)
    return office.country is not None and office.country == person.country and office.kind != "country"


def _only_the_place(ex: Extraction, ev: Event, place_country) -> bool:
    """Whether the target of ``ev`` is only the country where a meeting, a negotiation or a
    fight happens ("Putin and Schroeder met *in Moscow*", "X and Y clashed *near the Iraqi
    city*": a place the parser took for the object; ``place_country(text, label)`` reads
    its country): conjoined subjects are the better party -- but not of a visit or an
    arrival ("X and Y are expected in Kiev")."""
    if ev.cameo not in _MUTUAL_CODES or ev.target is None or ev.target.kind != "country":
        return False
    if ex.object is None:
        return ev.place is not None and ev.target.country == ev.place
    return (ex.object.prep in _WHERE_PREPS
            and place_country(ex.object.text, ex.object.label) == ev.target.country)


def _mutual(ex: Extraction, code: str, noun_code) -> bool:
    """Whether conjoined subjects can be each other's party: "the US and Mexico fought",
    "clashed on the border", "fought a fierce battle" (the generic fight, 190) yes;
    "peacekeepers and police moved into an area" (an occupation, 192), "stormed police
    stations" (a fight with a thing of its own) no -- that is the conjuncts' joint act."""
    if code[:2] not in VIOLENCE_ROOTS or ex.object is None:
        return True
    obj = ex.object
    return code == "190" and bool(obj.prep or (noun_code(obj.text, None) or "")[:2] in VIOLENCE_ROOTS)


class EventCoder(ExtractionCoder):
    """Code an article's extractions into events, actors and mentions (see :mod:`geokg.ingest.coding`)."""

    # -- one article -------------------------------------------------------------------------
    def code_article(self, doc, article: Article, extractions: Sequence[Extraction]
                     ) -> tuple[tuple[Event, ...], tuple[Actor, ...], tuple[Mention, ...]]:
        """Events, actors and mentions of one parsed article (``doc`` may be None)."""
        extractions = list(extractions)
        context = self.context_for(article, extractions, doc)
        by_sentence: dict[int, list[Extraction]] = {}
        for ex in extractions:
            by_sentence.setdefault(ex.sentence, []).append(ex)
        per_ex: list[tuple[Extraction, list[Event]]] = []
        for ex in extractions:
            per_ex.append((ex, self.code_extraction(ex, article, doc, context, by_sentence[ex.sentence])))
        per_ex = self._reciprocal(per_ex, article)
        per_ex = self._accusations(per_ex, article, by_sentence, context, doc)
        # the headline and the body telling one attack: the attacker one of them names
        per_ex = shared_attackers(per_ex, article.body_offset, article.id, self.table)
        per_ex = shared_targets(per_ex, article.body_offset, article.id, self.actors.is_known)  # ... and the target
        per_ex = agreement_parties(per_ex, article.id)  # "welcomed *the agreement*": the parties told before
        # a nominal event inside the object of a coded event in the same sentence is its duplicate, but for
        # the act a claim of responsibility (015) names: "X claimed the attack on Y" is X's attack as well
        covered = [(ex.sentence, arg.start, arg.end) for ex, evs in per_ex
                   if evs and ex.kind != "nominal" and not all(e.cameo == _CLAIMED for e in evs)
                   for arg in (ex.object, *ex.extras) if arg is not None]
        events: dict[str, Event] = {}
        for ex, evs in per_ex:
            if ex.kind == "nominal" and any(s == ex.sentence and a <= ex.rel_start and ex.rel_end <= b
                                            for s, a, b in covered):
                continue
            for ev in evs:
                events.setdefault(ev.id, ev)
        events = {e.id: e for e in drop_targetless(drop_consequences(drop_motives(drop_less_specific(
            list(events.values()))), doc), self.dyadic_roots)}
        mentions = tuple(self._mentions(doc, article, context)) if doc is not None else ()
        actors: dict[str, Actor] = {}
        for ev in events.values():
            for a in (ev.source, ev.target):
                if a is not None:
                    actors[a.id] = merge_actor(actors[a.id], a) if a.id in actors else a
        for m, a in mentions:
            if a is not None:
                actors[a.id] = merge_actor(actors[a.id], a) if a.id in actors else a
        ordered = sorted(events.values(), key=lambda e: (e.extraction.sent_start, e.extraction.rel_start, e.id))
        return tuple(ordered), tuple(actors[k] for k in sorted(actors)), tuple(m for m, _ in mentions)

    def _reciprocal(self, per_ex: list[tuple[Extraction, list[Event]]], article: Article
                    ) -> list[tuple[Extraction, list[Event]]]:
        """"The US and Mexico are engaged in discussions": conjoined subjects of a
        reciprocal event (consult, cooperate, agree, fight) are each other's target."""
        by_rel: dict[tuple[int, int, int], list[Event]] = {}
        for ex, evs in per_ex:
            for ev in evs:
                by_rel.setdefault((ex.sentence, ex.rel_start, ex.rel_end), []).append(ev)
        out = []
        for ex, evs in per_ex:
            new = []
            for ev in evs:
                siblings = by_rel.get((ex.sentence, ex.rel_start, ex.rel_end), [])
                # another conjunct's subject, not a second reading of this one ("India's prime
                # minister, Manmohan Singh": the office and its holder are one actor)
                others = [o.source for o in siblings if o.source is not None and ev.source is not None
                          and o.source.id != ev.source.id and o.cameo == ev.cameo
                          and not _office_and_holder(o.source, ev.source)]
                if ((ev.target is None or _only_the_place(ex, ev, self.actors.place_country)) and others and ev.cameo
                        and (ev.cameo[:2] in RECIPROCAL_ROOTS or self._refused_together(ex, ev.cameo))
                        and _mutual(ex, ev.cameo, self.lexicon.noun_code)):
                    tgt = others[0]
                    ev = replace(ev, target=tgt, id=event_id(ev.source, ev.cameo, tgt, ev.date, article.id))
                new.append(ev)
            out.append((ex, new))
        return out

    def _refused_together(self, ex: Extraction, code: str) -> bool:
        """Whether ``code`` is the refusal (12x) of an agreement or a meeting the verb names
        ("India and Pakistan *failed to agree* on X": each refuses the other)."""
        if code[:2] != "12" or ex.polarity != "negative":
            return False
        found = self.lexicon.lookup(ex.lemma.lower().strip())
        return found is not None and found[:2] in _REFUSED_TOGETHER

    def _accusations(self, per_ex: list[tuple[Extraction, list[Event]]], article: Article,
                     by_sentence: dict[int, list[Extraction]], context, doc) -> list[tuple[Extraction, list[Event]]]:
        """"The US claimed that ISIL had attacked Iraq", "Iraq said that Iran had shelled
        its towns": a claim that someone else used force is an accusation (CAMEO 112) from
        the claimant to the accused -- the PETRARCH-2 transformation "a (b ATTACK) SAY =
        a b 112".

        * An allegation verb ("claim", "allege", "accuse"; frame ``accusation``) makes an
          accusation of any use of force or coercion it claims, and the accusation
          *replaces* the claimed events: the sentence tells a claim, not a fact.
        * A verb of saying (frame ``speech``) that comes before its clause makes an
          accusation of violence (CAMEO 18-20) by another country's actor; the reported
          event is kept.  "A says A attacked B" is no accusation, and a report after the
          fact ("rebels attacked X, police said") is only the event it reports.

        The claim must be the clause the verb governs, told as done: not a relative
        clause, a noun or an aim inside it ("said it backs a plan *that would impose* a
        blockade", "warned that *Russia's attacks* ...")."""
        out: list[tuple[Extraction, list[Event]]] = []
        added: list[tuple[Extraction, list[Event]]] = []
        for ex, evs in per_ex:
            hostile = [e for e in evs if e.source is not None and (e.quad_class or 0) == 4]
            governor = None
            if hostile and ex.kind == "event" and ex.mode in ("asserted", "reported"):
                governor = governing_extraction(ex, by_sentence.get(ex.sentence, []))
            frame = self.lexicon.frame(governor.lemma) if governor is not None else None
            alleged = frame == "accusation"
            said = frame == "speech" and governor.rel_end <= ex.rel_start
            if not (alleged or said) or not stated_clause(ex, governor, doc):
                out.append((ex, evs))
                continue
            if said:
                hostile = [e for e in hostile if (e.cameo or "")[:2] in VIOLENCE_ROOTS]
            # the speaker: the governor's subject, else the source its own events found
            # ("a report released in Kigali alleged ...": see ExtractionCoder._inherited_subject)
            own = [e for g, gevs in per_ex if g is governor for e in gevs]
            speakers = self.actors.code_arguments(governor.subject, doc=doc, context=context) or tuple(
                {e.source.id: e.source for e in own if e.source is not None}.values())
            when = event_date(governor, article, find=self._find_times)  # the statement's date
            place = self._place(governor)
            info = self.table["112"]
            new = []
            accused_ids = set()
            for spk in speakers[:2]:
                for accused in {e.source.id: e.source for e in hostile}.values():
                    if accused.id == spk.id or (said and (accused.country is None or spk.country == accused.country)):
                        continue  # "an official said gunmen abducted ...": news told, no country accused
                    accused_ids.add(accused.id)
                    new.append(Event(
                        id=event_id(spk, "112", accused, when.date if when else None, article.id),
                        extraction=governor, source=spk, target=accused, cameo="112", plover=info.plover,
                        plover_mode=info.plover_mode, quad_class=info.quad_class, goldstein=info.goldstein,
                        date=when.date if when else None, date_text=when.text if when else None, place=place,
                    ))
            if alleged:  # the alleged events are now accusations (a speaker's own acts stay events)
                evs = [e for e in evs if e.source is None or e.source.id not in accused_ids]
            out.append((ex, evs))
            if new:
                added.append((governor, new))
        return out + added

    def _mentions(self, doc, article: Article, context: CodingContext) -> Iterable[tuple[Mention, Actor | None]]:
        index = self.actors.doc_index(doc, context)
        sentences = index.sentences
        starts = [a for a, _, _, _ in sentences]
        for ent, label, text in index.entities:
            if label not in ENTITY_LABELS:
                continue
            actor = self.actors.code_entity(text, label, context)
            k = bisect.bisect_right(starts, ent.start) - 1
            if (actor is not None and actor.id.startswith("org:") and not self.actors.is_known(actor.id)
                    and is_title_case(index.text[sentences[k][2]:sentences[k][3]])):  # the entity's sentence
                actor = None  # Title-Case headlines fool the NER: "Mexico Rejects US Military ..."
            yield Mention(article.id, max(k, 0), ent.start_char, ent.end_char,
                          text, label, actor.id if actor else None), actor
