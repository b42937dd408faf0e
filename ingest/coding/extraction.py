"""Coding one extraction: its event type, sources and targets.

:class:`ExtractionCoder` holds the actor coder, the verb lexicon and the CAMEO
table, and codes one extraction at a time (:meth:`ExtractionCoder.code_extraction`):
the type from the lexicon after polarity and mode, sources from the subject (or the
governing clause, the nominal's modifiers, an earlier clause, the named group of an
"in <attack>" phrase), targets by :class:`~geokg.ingest.coding.targets.TargetRules`
(the object's, its possessor first; a recipient, a prepositional or place argument; else an
armed group named without a country, placed in the event's or the article's country).  See
:mod:`geokg.ingest.coding` for the rules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Sequence
from pathlib import Path
from typing import Self

from geokg.ingest.actors.coder import ActorCoder
from geokg.ingest.actors.data import CodingContext, Memo
from geokg.ingest.actors.words import singular
from geokg.ingest.coding.cameo import CameoTable
from geokg.ingest.coding.context import article_context
from geokg.ingest.coding.filters import (
    NON_EVENT_READINGS,
    PASSIVE_RE,
    clause_marks,
    conditional_threat,
    clause_reading,
    control_verbs,
    headed_by,
    headline_misreading,
    headline_passive,
    status_complement,
    historical,
    instrument_modifiers,
    mentions_accident,
    plain_negation,
)
from geokg.ingest.coding.lexicon import VerbLexicon, read_rows
from geokg.ingest.coding.rules import (
    AGENTLESS_ROOTS,
    DOMESTIC_PREFIXES,
    MODAL_RE,
    NON_EVENT_KINDS,
    OBLIGATION_RE,
    OWNER_TARGETS,
    PEOPLE_SECTORS,
    PLACE_PREPS,
    STATIC_PREPS,
    VIOLENCE_ROOTS,
    background_clause,
    hyphen_prefix,
    political_dyad,
    controlling_extraction,
    event_id,
    governing_extraction,
    head_pos,
    is_state,
    relation_root,
    under_negation,
)
from geokg.ingest.coding.targets import TargetRules
from geokg.ingest.dates import TimeExpression, event_date, find_time_expressions
from geokg.ingest.records import Actor, Argument, Article, Event, Extraction

__all__ = ["ExtractionCoder"]

#: A preposition of what a harmful thing hits or where ("an attack *on* a base", "a raid *in* X").
_AIMED_AT = re.compile(r"\s+(?:on|against|at|in|near|inside|outside)\s", re.IGNORECASE)
#: Reciprocal pronouns: "X and Y accused *each other*".
_RECIPROCALS = frozenset({"each other", "one another"})

_THREAT = re.compile(r"\bthreat", re.IGNORECASE)
_WILLING = re.compile(r"\b(?:is|are|was|were|be|been|being|am|'s|'re)\s+(?:not\s+|now\s+|still\s+)?prepared\b",
                      re.IGNORECASE)


class ExtractionCoder(TargetRules):
    """Code extractions one at a time into events (see module doc)."""

    def __init__(self, actors: ActorCoder, lexicon: VerbLexicon, table: CameoTable,
                 event_sectors: dict[tuple[str, str], str] | None = None,
                 event_codes: dict[tuple[str, str], str] | None = None) -> None:
        self.actors = actors
        self.lexicon = lexicon
        self.table = table
        self.event_sectors = dict(event_sectors or {})
        self.event_codes = dict(event_codes or {})
        for code in self.event_codes.values():
            if code not in table:
                raise KeyError(f"roles_event_codes: unknown CAMEO code {code!r}")
        self._times = Memo(1 << 12)  # text -> its time expressions
        self._event_types = Memo(1 << 14)  # the words and readings of an extraction -> its type
        self.clause_marks = clause_marks()  # subordinators of clauses that are no event
        self._control_verbs = control_verbs()  # verbs whose infinitive is no purpose ("vowed to fight")
        self._instruments = self.lexicon.class_terms("INSTRUMENTS")[0]

    def _find_times(self, text: str) -> Sequence[TimeExpression]:
        """:func:`~geokg.ingest.dates.find_time_expressions`, memoised."""
        found = self._times.get(text)
        if found is None:
            found = self._times.put(text, tuple(find_time_expressions(text)))
        return found

    @classmethod
    def default(cls, data_dir: str | Path | None = None, actors: ActorCoder | None = None) -> Self:
        """The coder built from the package data files (and ``actors`` when given)."""
        table = CameoTable.default(data_dir)
        sectors = {(role, prefix): sector for _, (role, prefix, sector) in read_rows("coding/roles_event_sectors.tsv", data_dir, 3)}
        codes = {(role, prefix): code for _, (role, prefix, code) in read_rows("coding/roles_event_codes.tsv", data_dir, 3)}
        return cls(actors or ActorCoder(data_dir), VerbLexicon.default(data_dir, table), table, sectors, codes)

    def with_lexicon(self, lexicon: VerbLexicon) -> Self:
        """A copy of this coder that types events with ``lexicon`` (its own, empty memo of
        event types; the actor coder and the CAMEO table are shared)."""
        import copy

        out = copy.copy(self)
        out.lexicon = lexicon
        out._event_types = Memo(1 << 14)
        return out

    @classmethod
    def from_files(cls, *gazetteers: str | Path) -> Self:
        """The default coder with extra actor gazetteers (see :meth:`ActorCoder.from_files`)."""
        return cls.default(actors=ActorCoder.from_files(*gazetteers))

    # -- article context -------------------------------------------------------------------
    def context_for(self, article: Article, extractions: Sequence[Extraction], doc=None) -> CodingContext:
        """People, office holders and the main country of an article (:func:`article_context`)."""
        return article_context(self.actors, article, extractions, doc)

    # -- one extraction --------------------------------------------------------------------
    def event_type(self, ex: Extraction, sources: Sequence[Actor], object_actors: Sequence[Actor],
                   doc=None, mode: str | None = None) -> tuple[str | None, bool]:
        """The CAMEO code of an extraction (after polarity and mode), or None; and
        whether its object is the event's theme (the noun or thing acted on:
        "issued *ultimatums*", "shared *intelligence*") rather than its target.
        ``mode`` overrides the extraction's mode.

        The result depends on the extraction's words, on whether the sources are
        state actors and the object names actors, and on two readings of the Doc
        (whether the act is prepared, the part of speech of an event noun object):
        it is memoised on the coder by those."""
        if ex.kind in NON_EVENT_KINDS:
            return None, False
        ex = self._hyphenated(ex, doc)
        readings = self._readings(ex, doc, self.lexicon.main_clause(ex, doc))
        return self._typed(ex, sources, object_actors, mode or ex.mode, readings)

    def _hyphenated(self, ex: Extraction, doc) -> Extraction:
        """``ex`` with the lexicon's hyphenated lemma where the text has one ("test-fired": the
        lexicon's "test-fire", :func:`~geokg.ingest.coding.rules.hyphen_prefix`), else ``ex``."""
        prefix = hyphen_prefix(ex, doc) if ex.kind == "event" else ""
        if prefix and f"{prefix}-{ex.lemma.lower()}" in self.lexicon.rows:
            return replace(ex, lemma=f"{prefix}-{ex.lemma.lower()}")
        return ex

    def _readings(self, ex: Extraction, doc, main: bool | None) -> tuple[bool, str | None, bool | None]:
        """What :meth:`event_type` reads of the Doc: whether the act is prepared, the part of
        speech of the object's head where it matters, and ``main``: whether the verb heads a
        main clause (:meth:`~geokg.ingest.coding.lexicon.VerbLexicon.main_clause`)."""
        prepared = self._prepared(ex, doc)
        lemma = ex.lemma.lower().strip()
        obj = ex.object
        noun_pos = None
        if (obj is not None and self.lexicon.frame(lemma) == "support"
                and self.lexicon.is_event_noun(obj.head or obj.text.split()[-1])):
            noun_pos = head_pos(obj, doc)
        elif obj is not None and self.lexicon.user_patterns is not None and self.lexicon.frame(lemma):
            noun_pos = head_pos(obj, doc)  # a frame verb's object: a clause ("said *it would leave*") or not
        return prepared, noun_pos, main

    def _may_code(self, ex: Extraction, mode: str, main: bool | None) -> bool:
        """False when :meth:`code_extraction` codes no event from ``ex`` whatever its sources
        and object name: no demand, and no lexicon row, noun row, threat or PETRARCH pattern
        that could type it (each path of :meth:`_event_type`, taken in the most permissive
        way), so the actors of such an extraction are not coded at all."""
        if mode == "demanded" or (mode == "hypothetical" and OBLIGATION_RE.search(ex.relation)):
            return True  # a demand is coded from the governing clause (_demand)
        if mode == "hypothetical" and not MODAL_RE.search(ex.relation):
            return False
        lex = self.lexicon
        if lex.user_patterns is not None or _THREAT.search(ex.relation):
            return True
        lemma = ex.lemma.lower().strip()
        obj = ex.object
        if (obj is not None and lex.frame(lemma) == "support"
                and lex.is_event_noun(obj.head or obj.text.split()[-1])):
            return True
        if any(lex.has_rows(c) for c in (lemma, *lex.relation_lemmas(ex.relation, ex.lemma))):
            return True
        if ex.kind == "nominal" and lex.noun_row(ex.relation) is not None:
            return True
        # the back-off reads the object's actors only to drop a verb's own code (object_actor False)
        return lex.pattern_code(ex, mode, "backoff", main=main, object_actor=True)[0] is not None

    def _typed(self, ex: Extraction, sources: Sequence[Actor], object_actors: Sequence[Actor], mode: str,
               readings: tuple[bool, str | None, bool | None]) -> tuple[str | None, bool]:
        """:meth:`event_type` of an event extraction, given the Doc's :meth:`_readings`."""
        if mode == "hypothetical" and not MODAL_RE.search(ex.relation):
            return None, False  # a condition ("unless Baghdad accepted ..."), not an event
        prepared, noun_pos, main = readings
        obj = ex.object
        state = is_state(sources)
        key = (ex.kind, ex.relation, ex.lemma, mode, ex.polarity,
               (obj.text, obj.head) if obj is not None else None,
               tuple((x.role, x.prep, x.text) for x in ex.extras),
               state, bool(object_actors), prepared, noun_pos, main)
        found = self._event_types.get(key)
        if found is None:
            found = self._event_types.put(key, self._event_type(ex, state, bool(object_actors), mode, prepared,
                                                                noun_pos, main))
        return found

    def _event_type(self, ex: Extraction, state: bool | None, object_is_actor: bool, mode: str,
                    prepared: bool, noun_pos: str | None, main: bool | None = None) -> tuple[str | None, bool]:
        """:meth:`event_type` of the memo key's values (reads no other field of ``ex``)."""
        objects: list[str] = []
        obj_index = None
        if ex.kind == "nominal":
            objects.append(ex.relation)
        if ex.object is not None:
            obj_index = len(objects)
            objects.append(ex.object.text)
        objects.extend(f"{x.prep} {x.text}".strip() for x in ex.extras if x.role not in ("time", "source"))
        lemma = ex.lemma.lower().strip()
        if mode == "intended" and self.lexicon.frame_in(ex.relation, "asserted"):
            mode = "asserted"
        if prepared and mode == "intended":
            mode = "asserted"  # "prepared to attend the summit": the act, not a promise
        if mode in ("asserted", "reported") and self.lexicon.frame_in(ex.relation, "intent"):
            mode = "intended"
        code, theme = None, False
        if (self.lexicon.frame(lemma) == "support" and ex.object is not None
                and self.lexicon.is_event_noun(ex.object.head or ex.object.text.split()[-1])
                and noun_pos not in ("VERB", "AUX")):
            code = self.lexicon.noun_code(ex.object.text, state)
            theme = code is not None
        if code is None:  # a user's PETRARCH-format verb patterns come before geokg's rows
            code, theme = self.lexicon.pattern_code(ex, mode, "user", clause_object=(
                None if noun_pos is None else noun_pos in ("VERB", "AUX")))
            if code is not None:  # final, as in PETRARCH: its patterns code modality and negation
                return code, theme
        if code is None:
            for candidate in (lemma, *self.lexicon.relation_lemmas(ex.relation, ex.lemma)):
                code, hit = self.lexicon.match(candidate, objects, object_is_actor=object_is_actor,
                                               source_state=state)
                if code is not None:
                    lemma = candidate
                    break
            # the object of a material act is its theme ("deploy *troops*", "impose *sanctions*");
            # the object of a verbal act is a stance whose owner is the target ("reject a *US offer*")
            theme = (hit is not None and hit == obj_index and code is not None
                     and self.table[code].quad_class in (2, 4)
                     and self.lexicon.names_theme(lemma, ex.object.head or ex.object.text.split()[-1]))
            if code is not None and hit is None:  # a row without constraint: a fitting PETRARCH pattern is more specific
                code, theme = next((c for c in [self.lexicon.specific_pattern(ex, lemma, code)] if c[0]), (code, theme))
        if code is None and ex.kind == "nominal":
            code = self.lexicon.noun_code(ex.relation, state)
        if code is None and mode == "intended" and _THREAT.search(ex.relation):
            code, mode = "130", "asserted"  # "threatened to deliver devastating blows"
        if code is None:  # PETRARCH's verb patterns, where geokg's rows fire on nothing
            people = ex.object is not None and self.lexicon.names_people(ex.object.head or ex.object.text.split()[-1])
            code, theme = self.lexicon.pattern_code(ex, mode, "backoff", main=main,
                                                    object_actor=object_is_actor or people)
        if code is None:
            return None, False
        return self._final_code(ex, code, theme, lemma, mode, prepared)

    def _final_code(self, ex: Extraction, code: str, theme: bool, lemma: str, mode: str,
                    prepared: bool) -> tuple[str | None, bool]:
        """The code of a matched row after deliberation, readiness, negation and mode
        (:meth:`CameoTable.transform`): "is considering whether to impose sanctions" 014,
        "prepared to resume shelling" 150, "refused to meet" 12x, "threatened to quit" 130."""
        if (ex.polarity != "negative" and self.lexicon.frame_in(ex.relation, "deliberation")
                and self.lexicon.frame(lemma) != "deliberation"):
            return "014", False  # "is considering whether to impose sanctions": a decision not yet taken
        if prepared and code[:2] in VIOLENCE_ROOTS:
            code, theme = "150", False  # "prepared to resume shelling": a show of force
        if ex.polarity == "negative":
            refusal = self.lexicon.frame_in(ex.relation, "refusal")
            if not refusal and plain_negation(ex.relation, mode):
                return None, False  # "have not met since 1949": nothing done, nothing refused
            negated = self.table.transform(code, negated=True)
            if negated is None and refusal and not code.startswith("12"):
                negated = "120"
            return negated, theme
        code = self.table.transform(code, mode=mode)
        if mode == "intended" and code is not None and code[:2] == "03" and _THREAT.search(ex.relation):
            # "threatened to quit unless ...": a threat is coercion whatever it names (PETRARCH THREATEN [130])
            code, theme = "130", False
        return code, theme

    def code_extraction(self, ex: Extraction, article: Article, doc=None,
                        context: CodingContext | None = None, siblings: Sequence[Extraction] = ()) -> list[Event]:
        """The events of one extraction (one per source x target pair; none for non-events).

        ``siblings`` are the other extractions of the sentence: a demanded clause
        ("X demanded that Y cancel the plan", "X said Y must leave") is coded as a
        demand from the governing clause's subject (X) to its own subject (Y), and a
        clause object gives its subject as the target ("demanded that *the US* ...").
        """
        if ex.kind in NON_EVENT_KINDS or under_negation(ex, doc) or background_clause(ex, doc):
            return []
        if clause_reading(ex, doc, self.clause_marks, self._control_verbs, self._instruments) in NON_EVENT_READINGS:
            return []  # a purpose, a background or a not yet happened event (filters.clause_reading)
        if historical(ex, article.published, doc):
            return []  # "the 1994 bombing", "defected 40 years ago": history, not news
        if ex.subject.text and self._headed_by(ex.subject, "ACCIDENTS"):
            return []  # "the storm killed ten": nobody acted
        mode, governor = self._mode(ex, siblings)
        main = self.lexicon.main_clause(ex, doc)
        typed = self._hyphenated(ex, doc)
        if not self._may_code(typed, mode, main):
            return []  # nothing could type it: its actors are not coded
        readings = self._readings(typed, doc, main)
        sources = self._sources(ex, doc, context, siblings)
        object_actors = self.actors.code_arguments(ex.object, doc=doc, context=context) if ex.object else ()
        code, theme = self._typed(typed, sources, object_actors, mode, readings)
        code, theme = self._reread(ex, doc, code, theme, mode, object_actors)
        code, sources, targets, demanded = self._demand(ex, mode, governor, code, sources, doc, context)
        if code is None:
            return []
        if not demanded and headline_passive(ex, article, code):
            targets, sources = tuple(sources), ()
        elif not demanded and status_complement(self.lexicon, ex):
            # "three drivers held hostage in X": the subject is the captive, the captor unnamed
            targets, sources = tuple(sources), ()
        elif not demanded and theme and self.lexicon.frame(ex.lemma) == "converse":
            # "X received weapons from Y": Y gives, X receives
            givers = next((self.actors.code_arguments(x, doc=doc, context=context)
                           for x in ex.extras if x.prep == "from"), ())
            targets = tuple(a for a in sources if a.id not in {g.id for g in givers})
            sources = givers
        elif not demanded:
            targets = self._targets(ex, sources, context, doc, skip_object=theme, code=code)
            if not targets and ex.object is not None and not object_actors:
                targets = self._clause_targets(ex, sources, siblings, context, doc)
            if not targets:
                targets = (self._pronoun_targets(ex, sources, siblings, context, doc)
                           or self._holder_targets(ex, sources, siblings, context, doc))
        if doc is not None:  # "Iran Agrees to *Suspend* ...": a Title Case headline's made-up names
            known = self.actors.is_known
            sources = tuple(a for a in sources if not headline_misreading(a, ex, doc, known))
            targets = tuple(a for a in targets if not headline_misreading(a, ex, doc, known))
        code = self._role_code(ex.subject, code) if sources else code
        sources = tuple(self._refine_sector(a, ex.subject, code) for a in sources)
        # an event without a known source says little, except violence against a known
        # target ("ten soldiers were killed"); demands keep their demandee
        if not sources and (not targets or code[:2] not in AGENTLESS_ROOTS) and not (demanded and targets):
            return []
        if ex.kind == "nominal" and not targets and self.table[code].quad_class != 4:
            return []  # "their political demands": a mention of a stance, not a new event
        if (code[:2] in VIOLENCE_ROOTS and (not sources or self._headed_by(ex.subject, "VEHICLES"))
                and mentions_accident(self.lexicon, ex, article)):
            return []  # "killed in a plane crash", "killed as an earthquake struck": nobody acted
        events = self._events(ex, article, code, sources, targets)
        return [e for e in events if political_dyad(e.source, e.target, code)]

    def _reread(self, ex: Extraction, doc, code: str | None, theme: bool, mode: str,
                object_actors: Sequence[Actor]) -> tuple[str | None, bool]:
        """A typed act read again with its object's actors and its clause: people seized are
        abducted (181), an act still to come held over an "unless" clause is a threat (13x)."""
        if (code is not None and code.startswith("171") and object_actors
                and all(a.sector in PEOPLE_SECTORS for a in object_actors)):
            code, theme = "181", False  # "seized two Frenchmen": people taken are abducted, not confiscated
        if (code is not None and code[:2] != "13" and mode in ("future", "intended")
                and conditional_threat(ex, doc, self.clause_marks)):
            code = self.table.transform(code, mode="intended")  # the threatened act: 13x
            if code is None or code[:2] != "13":
                code = "130"  # "will withdraw its force unless ...": held over the other side
        return code, theme

    def _sources(self, ex: Extraction, doc, context: CodingContext | None,
                 siblings: Sequence[Extraction]) -> tuple[Actor, ...]:
        """The subject's actors, else a nominal's agent, else the subject of an earlier clause."""
        subject = ex.subject
        # a passive's agent aimed at something, in its text or just after it in the Doc
        by_aimed = subject.start > ex.rel_start and (_AIMED_AT.search(subject.text) is not None or (
            doc is not None and _AIMED_AT.match(self._doc_text(doc, context), subject.end) is not None))
        if subject.text and (not PASSIVE_RE.search(ex.relation) or by_aimed) and self._instrument(subject):
            # "an attack on a UN convoy killed two" / "two were killed by an attack on a UN
            # convoy" (a passive's agent aimed at something): the convoy is hit, not acting;
            # only a modifier names who acted ("US drone strikes killed ...")
            # ... but a town or a capital only says where it happened ("a *Baghdad* car bomb")
            return () if self._town_of(subject) else self._instrument_agent(subject, context)
        sources = self.actors.code_arguments(subject, doc=doc, context=context) if subject.text else ()
        if not sources and not subject.text:
            # "five guards were killed *in a Taliban attack*": the attack's agent acted
            sources = next((found for x in ex.extras if x.prep in ("in", "during") and self._instrument(x)
                            for found in [self._attack_agent(x, siblings, doc, context)] if found), ())
        if not sources and ex.kind == "nominal" and not ex.subject.text:
            sources = self._nominal_agent(ex, doc, context)
        if not sources:
            sources = self._inherited_subject(ex, siblings, context, doc)
        return tuple(sources)

    def _doc_text(self, doc, context: CodingContext | None) -> str:
        """``doc.text``, built once per article (the text of the context's Doc index)."""
        return self.actors.doc_index(doc, context).text if context is not None else doc.text

    def _instrument_agent(self, arg: Argument, context: CodingContext | None) -> tuple[Actor, ...]:
        """Who acted through a harmful thing or event: its "by" phrase ("the shelling of X
        *by Y*") else its modifiers ("*US* drone strikes"); none when it names nobody."""
        if " by " in arg.text:
            agent = arg.text.rsplit(" by ", 1)[1]
            by = replace(arg, text=agent, start=arg.end - len(agent), head=agent.split()[-1], resolved=agent)
            return tuple(self.actors.code_arguments(by, doc=None, context=context))
        premod = instrument_modifiers(arg.text, arg.head or arg.text.split()[-1])
        if not premod:
            return ()
        mods = replace(arg, text=premod, end=arg.start + len(premod), head=premod.split()[-1], resolved=premod)
        return tuple(self.actors.code_arguments(mods, doc=None, context=context))

    def _attack_agent(self, arg: Argument, siblings: Sequence[Extraction], doc, context) -> tuple[Actor, ...]:
        """Who acted in the attack an "in" phrase names: its agent ("killed in an attack *by
        Taliban fighters*"), else a named group or an armed force among its modifiers ("in a
        *Taliban* attack", "in an *Algeria rebel* attack", "in a *US military* raid") -- never a
        place, a nationality or a government ("in a *Baghdad* rocket attack", "in *Iraqi*
        violence": where it happened, not who did it)."""
        if " by " in arg.text:
            return self._instrument_agent(arg, context)

        def agents(found: Sequence[Actor]) -> tuple[Actor, ...]:
            return tuple(a for a in found if (a.kind in ("group", "organization") and not a.id.startswith("actor:"))
                         or (a.id.startswith("actor:") and a.sector in _ARMED_SECTORS))

        nominal = next((g for g in siblings if g.kind == "nominal" and g.subject.text
                        and arg.start <= g.rel_start < arg.end), None)
        found = agents(self.actors.code_arguments(nominal.subject, doc=doc, context=context)) if nominal else ()
        return found or agents(self._instrument_agent(arg, context))

    def _headed_by(self, subject: Argument, word_class: str) -> bool:
        """:func:`~geokg.ingest.coding.filters.headed_by` with this coder's lexicon."""
        return headed_by(self.lexicon, subject, word_class)

    def _mode(self, ex: Extraction, siblings: Sequence[Extraction]) -> tuple[str, Extraction | None]:
        """The extraction's mode and, for a demanded / intended clause, its governing extraction."""
        mode = ex.mode
        governor = None
        if ((ex.polarity == "positive" or mode == "demanded") and ex.kind != "nominal"
                and mode in ("demanded", "intended", "hypothetical")):
            governor = controlling_extraction(ex, siblings)
            # "Obama wants Putin to act": a wanted clause with a subject of its own is a request
            if (mode == "intended" and governor is not None and ex.subject.text
                    and self.lexicon.frame(governor.lemma) == "request"
                    and (governor.subject.start, governor.subject.end) != (ex.subject.start, ex.subject.end)):
                mode = "demanded"
        return mode, governor

    def _demand(self, ex: Extraction, mode: str, governor: Extraction | None, code: str | None,
                sources: Sequence[Actor], doc, context: CodingContext | None
                ) -> tuple[str | None, tuple[Actor, ...], tuple[Actor, ...], bool]:
        """A demanded clause as a demand (or appeal) from the governor's subject to the clause's
        subject: (code, sources, targets, demanded); unchanged when the clause is no demand."""
        demanded = mode == "demanded" or (mode == "hypothetical" and bool(OBLIGATION_RE.search(ex.relation)))
        if not (demanded and (ex.polarity == "positive" or mode == "demanded") and ex.kind != "nominal"):
            return code, tuple(sources), (), False
        if ex.polarity == "negative" and code:  # "demanded that its partners refuse to recognize X"
            code = self.table.transform(code, mode="demanded")
        frame = self.lexicon.frame(governor.lemma) if governor is not None else None
        speech = frame == "speech"
        if mode != "demanded" and not speech:
            return code, tuple(sources), (), False  # "agreed that their countries should cooperate" is no demand
        if code is None or mode != "demanded":
            code = self.table.transform(code, mode="demanded") if code else ("100" if speech else None)
        if code and governor is not None and (frame == "request" or self._is_appeal(governor)):
            code = self._appeal_code(code)  # "asked Y to help" is an appeal (023), not a demand
        demanders: tuple[Actor, ...] = ()
        if governor is not None and governor.subject.text:
            demanders = tuple(self.actors.code_arguments(governor.subject, doc=doc, context=context))
        targets = tuple(t for t in sources if t.id not in {a.id for a in demanders}
                        and not (t.id.startswith("actor:") and t.country is None))
        return code, demanders, targets, True

    def _events(self, ex: Extraction, article: Article, code: str, sources: Sequence[Actor],
                targets: Sequence[Actor]) -> list[Event]:
        """One event per source x target pair (at most 4 x 4), dated and placed."""
        info = self.table[code]
        when = event_date(ex, article, find=self._find_times)
        place = self._place(ex)
        if not targets and sources and code.startswith(DOMESTIC_PREFIXES) and code not in OWNER_TARGETS:
            # protests, coercion and concessions without an explicit target are directed at
            # the country where they happen: the event place, else the source's own country
            near = any(x.prep in STATIC_PREPS for x in ex.extras if x.role == "place" or x.prep in PLACE_PREPS)
            iso = (None if near else place) or next((a.country for a in sources if a.country), None)
            if iso and not any(a.id == f"country:{iso}" for a in sources):
                targets = (self.actors.country_actor(iso),)
        pairs = [(src, tgt) for src in list(sources)[:4] or [None] for tgt in list(targets)[:4] or [None]]
        if not targets and len(sources) > 1 and _reciprocal(ex):
            # "X and Y accused *each other*": each source acts on the others
            pairs = [(src, tgt) for src in sources[:4] for tgt in sources[:4] if src.id != tgt.id]
        out = []
        for src, tgt in pairs:
            out.append(Event(
                id=event_id(src, code, tgt, when.date if when else None, article.id),
                extraction=ex, source=src, target=tgt, cameo=code,
                plover=info.plover, plover_mode=info.plover_mode, quad_class=info.quad_class,
                goldstein=info.goldstein, date=when.date if when else None,
                date_text=when.text if when else None, place=place,
            ))
        return out

    def _prepared(self, ex: Extraction, doc) -> bool:
        """Whether ``ex`` is an act someone prepares ("prepared to attend", or an
        infinitive whose verb in the Doc hangs on "prepare")."""
        if self.lexicon.frame_in(ex.relation, "preparation"):
            # "is prepared to lift": a predicate adjective of willingness, not a preparation
            return not _WILLING.search(ex.relation)
        if doc is None or ex.relation[:3].lower() != "to ":
            return False
        root = relation_root(ex, doc)
        if root is None or root.dep_ != "xcomp":
            return False
        return self.lexicon.frame(root.head.lemma_) == "preparation"

    def _is_appeal(self, ex: Extraction) -> bool:
        """Whether the verb of ``ex`` is one of appealing ("ask", "urge", "call on": CAMEO 02)."""
        for lemma in (ex.lemma, *self.lexicon.relation_lemmas(ex.relation, ex.lemma)):
            code = self.lexicon.lookup(lemma)
            if code is not None:
                return code[:2] == "02"
        return False

    def _appeal_code(self, code: str) -> str:
        """The appeal (02x) that matches a demand (10x): CAMEO numbers them alike
        ("demand aid" 103 / "appeal for aid" 023); other codes stay."""
        if not code.startswith("10"):
            return code
        for size in range(len(code), 1, -1):
            appeal = "02" + code[2:size]
            if appeal in self.table:
                return appeal if len(appeal) > 2 else "020"
        return "020"

    def _nominal_agent(self, ex: Extraction, doc, context) -> tuple[Actor, ...]:
        """The agent named by an event noun's modifiers: "*Palestinian* riots", "*US* air strikes"."""
        if doc is None:
            return ()
        head = relation_root(ex, doc)
        if head is None:
            return ()
        mods = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod")]
        # a lower-case word that names the event with its head is no agent: "a *general* strike"
        # (a term of the lexicon's rows or classes), not a general's strike
        mods = [t for t in mods if not (t.is_lower and self.lexicon.names_event(f"{t.lower_} {head.lower_}"))]
        if not mods:
            return ()
        start = min(t.left_edge.idx for t in mods)
        end = max(t.right_edge.idx + len(t.right_edge.text) for t in mods)
        text = self.actors.doc_index(doc, context).text[start:end]
        last = mods[-1]
        arg = Argument("subject", text, start, end, head=last.text, label=last.ent_type_)
        return self.actors.code_arguments(arg, context=context)

    def _inherited_subject(self, ex: Extraction, siblings: Sequence[Extraction], context, doc) -> tuple[Actor, ...]:
        """Sources for a clause whose subject names no actor: the issuer of a document
        ("the PKK issued a declaration demanding ...") or, for a subjectless clause,
        the nearest earlier clause's subject ("students staged protests to demand ...")."""
        subj = ex.subject
        if subj.text.lower() in ("he", "she", "they", "it", "we") and not subj.resolved:
            # "Annan announced that he will withdraw ...": the speaker
            governor = governing_extraction(ex, siblings)
            if governor is not None and governor.subject.text and self.lexicon.frame(governor.lemma) in (
                    "speech", "accusation"):
                found = self.actors.code_arguments(governor.subject, doc=doc, context=context)
                if found:
                    return found
        for g in siblings:
            if g is ex or g.object is None or not subj.text:
                continue
            if g.object.start == subj.start and g.object.end == subj.end:
                if g.subject.text:
                    found = self.actors.code_arguments(g.subject, doc=doc, context=context)
                else:
                    # "a report released in Kigali alleged ...": the agent of the participle
                    # that modifies the subject, else the country where it happened (PETRARCH
                    # takes a noun phrase's actor from its modifiers when its head names none)
                    found = next((self.actors.code_arguments(x, doc=doc, context=context)
                                  for x in g.extras if x.prep == "by"), ())
                    if not found:
                        iso = next((c for x in g.extras if x.role == "place" or x.prep in PLACE_PREPS
                                    for c in [self.actors.place_country(x.text, x.label)] if c), None)
                        found = (self.actors.country_actor(iso),) if iso else ()
                if found:
                    return found
        nonfinite = ex.relation.lower().startswith("to ") or ex.relation.lower().endswith("ing")
        if not subj.text and ex.kind != "nominal" and nonfinite:
            before = [g for g in siblings if g is not ex and g.subject.text and g.rel_end <= ex.rel_start
                      and g.kind not in NON_EVENT_KINDS]
            for g in sorted(before, key=lambda g: -g.rel_start):
                found = self.actors.code_arguments(g.subject, doc=doc, context=context)
                if found:
                    return found
        return ()

    def _role_code(self, arg: Argument, code: str) -> str:
        """The code an event takes from its source's role word (``coding/roles_event_codes.tsv``):
        "protesters torched cars" is a violent protest (145)."""
        if not self.event_codes:
            return code
        role = singular((arg.head_lemma or arg.head or "").lower())
        for size in range(len(code), 1, -1):
            new = self.event_codes.get((role, code[:size]))
            if new:
                return new
        return code

    def _refine_sector(self, actor: Actor, arg: Argument, code: str) -> Actor:
        if not actor.id.startswith("actor:") or not actor.country:
            return actor
        role = singular(arg.head_lemma or arg.head or "")
        for size in range(len(code), 2, -1):
            sector = self.event_sectors.get((role, code[:size]))
            if sector:
                return self.actors.sector_actor(actor.country, sector, arg.text)
        return actor


#: Sectors of armed forces: who acts in an attack its modifiers name ("a *rebel* attack").
_ARMED_SECTORS = frozenset({"REB", "UAF", "SEP", "MIL", "COP"})


def _reciprocal(ex: Extraction) -> bool:
    """Whether the object or a phrase of the clause is a reciprocal pronoun ("accused *each
    other*", "clashed *with one another*")."""
    args = ([ex.object] if ex.object is not None else []) + list(ex.extras)
    return any(a.text.lower().strip() in _RECIPROCALS for a in args)
