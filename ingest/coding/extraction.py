"""Coding one extraction: its event type, sources and targets.

:class:`ExtractionCoder` holds the actor coder, the verb lexicon and the CAMEO
table, and codes one extraction at a time (:meth:`ExtractionCoder.code_extraction`):
the type from the lexicon after polarity and mode, sources by
:class:`~geokg.ingest.coding.sources.SourceRules` (the subject, or the governing clause, the
nominal's modifiers, an earlier clause, the named group of an "in <attack>" phrase), targets
by :class:`~geokg.ingest.coding.targets.TargetRules`
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
from geokg.ingest.actors.words import PREPOSITIONS
from geokg.ingest.coding.attackers import ARMED_SECTORS
from geokg.ingest.coding.cameo import CameoTable
from geokg.ingest.coding.context import article_context
from geokg.ingest.coding.filters import (
    NON_EVENT_READINGS,
    clause_marks,
    conditional_threat,
    clause_reading,
    control_verbs,
    headline_misreading,
    headline_passive,
    status_complement,
    historical,
    mentions_accident,
    named_hazard,
    plain_negation,
)
from geokg.ingest.coding.lexicon import NO_EVENT, VerbLexicon, read_rows
from geokg.ingest.coding.rules import (
    AGENTLESS_ROOTS,
    CUT_CODES,
    DOMESTIC_PREFIXES,
    DYADIC_ROOTS,
    HOSTED_CODES,
    MODAL_RE,
    NON_EVENT_KINDS,
    OBLIGATION_RE,
    OWNER_TARGETS,
    PARTY_ROOTS,
    PEOPLE_SECTORS,
    PLACE_PREPS,
    PRAISE_CODES,
    STATIC_PREPS,
    VIOLENCE_ROOTS,
    background_clause,
    home_visit,
    hyphen_prefix,
    political_dyad,
    controlling_extraction,
    event_id,
    head_pos,
    is_state,
    relation_root,
    self_directed,
    under_negation,
)
from geokg.ingest.coding.sources import SourceRules
from geokg.ingest.coding.targets import TargetRules, country_or_people
from geokg.ingest.dates import TimeExpression, event_date, find_time_expressions
from geokg.ingest.records import Actor, Article, Event, Extraction

__all__ = ["ExtractionCoder"]

#: Reciprocal pronouns: "X and Y accused *each other*".
_RECIPROCALS = frozenset({"each other", "one another"})

_THREAT = re.compile(r"\bthreat", re.IGNORECASE)
#: Objects that are one person himself ("themselves" may be a misparse of another side), and the
#: roots of acts that, done to oneself, are no event.
_REFLEXIVES = frozenset({"himself", "herself", "self", "oneself"})
_SELF_HARM_ROOTS = frozenset({"09", "18", "19", "20"})
#: Prepositions of the actors an act is aimed at ("fired rockets *at* X", "used force *against* X").
_AIMED_PREPS = frozenset({"at", "against"})
#: "is expected to", "were expected to": what others expect of the subject, not its intent.
_EXPECTED = re.compile(
    r"\b(?:is|are|was|were|be|been|being|'s|'re)\s+(?:not\s+|now\s+|still\s+|widely\s+)?expected\s+to\b", re.IGNORECASE)
_WILLING = re.compile(r"\b(?:is|are|was|were|be|been|being|am|'s|'re)\s+(?:not\s+|now\s+|still\s+)?prepared\b",
                      re.IGNORECASE)


class ExtractionCoder(TargetRules, SourceRules):
    """Code extractions one at a time into events (see module doc)."""

    def __init__(self, actors: ActorCoder, lexicon: VerbLexicon, table: CameoTable,
                 event_sectors: dict[tuple[str, str], str] | None = None,
                 event_codes: dict[tuple[str, str], str] | None = None) -> None:
        self.actors = actors
        self.lexicon = lexicon
        self.table = table
        self.event_sectors = dict(event_sectors or {})
        self.event_codes = dict(event_codes or {})
        #: roots whose events need a target (:func:`~geokg.ingest.coding.rules.drop_targetless`)
        self.dyadic_roots = DYADIC_ROOTS | PARTY_ROOTS | HOSTED_CODES | PRAISE_CODES | CUT_CODES
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
        lemma = ex.lemma.lower()
        prefix = hyphen_prefix(ex, doc) if ex.kind == "event" and lemma in self.lexicon.hyphen_heads() else ""
        if prefix and f"{prefix}-{lemma}" in self.lexicon.rows:
            return replace(ex, lemma=f"{prefix}-{lemma}")
        return ex

    def _readings(self, ex: Extraction, doc, main: bool | None) -> tuple[bool, str | None, bool | None]:
        """What :meth:`event_type` reads of the Doc: whether the act is prepared, the part of
        speech of the object's head where it matters, and ``main``: whether the verb heads a
        main clause (:meth:`~geokg.ingest.coding.lexicon.VerbLexicon.main_clause`)."""
        prepared = self._prepared(ex, doc)
        lemma = ex.lemma.lower().strip()
        obj = ex.object
        noun_pos = None
        if (obj is not None and self.lexicon.has_frame(lemma, "support")
                and self.lexicon.is_event_noun(obj.head or obj.text.split()[-1])):
            noun_pos = head_pos(obj, doc)
        elif obj is not None and self.lexicon.user_patterns is not None and self.lexicon.frame(lemma) not in (
                None, "motion", "managing"):  # a verb of motion or of leading frames no clause
            noun_pos = head_pos(obj, doc)  # a frame verb's object: a clause ("said *it would leave*") or not
        return prepared, noun_pos, main

    def _may_code(self, ex: Extraction, mode: str, main: bool | None) -> bool:
        """False when :meth:`code_extraction` codes no event from ``ex`` whatever its sources
        and object name: no demand, and no lexicon row, noun row, threat or PETRARCH pattern
        that could type it (each path of :meth:`_event_type`, taken in the most permissive
        way), so the actors of such an extraction are not coded at all."""
        if _demand_mode(ex, mode):
            return True  # a demand is coded from the governing clause (_demand)
        if mode == "hypothetical" and not MODAL_RE.search(ex.relation):
            return False
        lex = self.lexicon
        if lex.user_patterns is not None or _THREAT.search(ex.relation):
            return True
        lemma = ex.lemma.lower().strip()
        obj = ex.object
        if (obj is not None and lex.has_frame(lemma, "support")
                and lex.is_event_noun(obj.head or obj.text.split()[-1])):
            return True
        if lex.may_fit(ex.relation, ex.lemma, _row_objects(ex)) or lex.idioms(ex):
            return True  # a row that may fit, not only rows of the verb ("signed *autographs*" fits none)
        if ex.kind == "nominal" and lex.noun_row(ex.relation) is not None:
            return True
        if mode == "intended" and ex.object is not None and lex.commissive_code(ex.relation):
            return True  # a promise to actors (_event_type)
        # the back-off reads the object's actors only to drop a verb's own code (object_actor False)
        return lex.pattern_code(ex, mode, "backoff", main=main, object_actor=True)[0] is not None

    def _typed(self, ex: Extraction, sources: Sequence[Actor], object_actors: Sequence[Actor], mode: str,
               readings: tuple[bool, str | None, bool | None]) -> tuple[str | None, bool]:
        """:meth:`event_type` of an event extraction, given the Doc's :meth:`_readings`."""
        if mode == "hypothetical" and not MODAL_RE.search(ex.relation):
            return None, False  # a condition ("unless Baghdad accepted ..."), not an event
        prepared, noun_pos, main = readings
        obj = ex.object
        state = None if self._state_free(ex) else is_state(sources)
        key = (ex.kind, ex.relation, ex.lemma, mode, ex.polarity,
               (obj.text, obj.head) if obj is not None else None,
               tuple((x.role, x.prep, x.text) for x in ex.extras),
               state, bool(object_actors), prepared, noun_pos, main)
        found = self._event_types.get(key)
        if found is None:
            found = self._event_types.put(key, self._event_type(ex, state, bool(object_actors), mode, prepared,
                                                                noun_pos, main))
        return found

    def _state_free(self, ex: Extraction) -> bool:
        """Whether the type of ``ex`` does not depend on whether its sources are a state: no
        event noun is coded from it (noun rows may say) and no row of its lemmas constrains the
        source (:meth:`~geokg.ingest.coding.lexicon.VerbLexicon.state_free`)."""
        lemma = ex.lemma.lower().strip()
        lex = self.lexicon
        return (ex.kind != "nominal" and not lex.has_frame(lemma, "support")
                and lex.state_free(ex.relation, ex.lemma))

    def _event_type(self, ex: Extraction, state: bool | None, object_is_actor: bool, mode: str,
                    prepared: bool, noun_pos: str | None, main: bool | None = None) -> tuple[str | None, bool]:
        """:meth:`event_type` of the memo key's values (reads no other field of ``ex``)."""
        lemma = ex.lemma.lower().strip()
        if mode == "intended" and self.lexicon.frame_in(ex.relation, "asserted"):
            mode = "asserted"
        if prepared and mode == "intended":
            mode = "asserted"  # "prepared to attend the summit": the act, not a promise
        if mode in ("asserted", "reported") and self.lexicon.frame_in(ex.relation, "intent"):
            mode = "intended"
        code, theme = None, False
        if (self.lexicon.has_frame(lemma, "support") and ex.object is not None
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
            code, theme, lemma = self._row_code(ex, lemma, mode, state, object_is_actor)
            if code == NO_EVENT:
                return None, False  # a row reading no event ("a ruling *struck down* the rules")
        if code is None and ex.kind == "nominal":
            code = self.lexicon.noun_code(ex.relation, state)
        if code is None and mode == "intended" and _THREAT.search(ex.relation):
            code, mode = "130", "asserted"  # "threatened to deliver devastating blows"
        if code is None:  # PETRARCH's verb patterns, where geokg's rows fire on nothing
            code, theme = self._backoff_code(ex, mode, main, object_is_actor)
        if code is None:
            return None, False
        return self._final_code(ex, code, theme, lemma, mode, prepared)

    def _row_code(self, ex: Extraction, lemma: str, mode: str, state: bool | None,
                  object_is_actor: bool) -> tuple[str | None, bool, str]:
        """The code of geokg's rows for ``ex`` (:data:`NO_EVENT` for a row reading no event), whether its
        object is the theme, and the lemma of the rows.  The most specific rows first: the verb's own, an
        idiom's (:meth:`_idiom_code`), then those of the verb without its particle ("backed out *of* the
        deal" is "back out of", 120, not "back", 051); a fitting PETRARCH pattern outranks a verb row
        without a constraint."""
        objects = _row_objects(ex)
        obj_index = (1 if ex.kind == "nominal" else 0) if ex.object is not None else None
        idiom_first = " " in lemma and " ".join(lemma.split()) not in self.lexicon.rows
        if idiom_first:
            code, lemma = self._idiom_code(ex, lemma, object_is_actor, state)
            if code is not None:
                return code, False, lemma
        for candidate in (lemma, *self.lexicon.relation_lemmas(ex.relation, ex.lemma)):
            code, hit = self.lexicon.match(candidate, objects, object_is_actor=object_is_actor, source_state=state)
            if code is not None:
                lemma = candidate
                break
        if code is None:  # no row of the verb fits: an idiom ("took *part in* talks")
            if not idiom_first:
                code, lemma = self._idiom_code(ex, lemma, object_is_actor, state)
            return code, False, lemma
        if code == NO_EVENT:
            return code, False, lemma
        # the object of a material act is its theme ("deploy *troops*", "impose *sanctions*");
        # the object of a verbal act is a stance whose owner is the target ("reject a *US offer*")
        theme = (hit is not None and hit == obj_index and self.table[code].quad_class in (2, 4)
                 and any(self.lexicon.names_theme(lemma, head) for head in
                         (ex.object.head or ex.object.text.split()[-1], self.lexicon.theme_head(ex)) if head))
        if hit is not None:  # a row's object term: a PETRARCH pattern naming more of the object refines it
            found = self.lexicon.longer_pattern(ex, lemma, code, objects[hit])
            if found[0]:
                code, theme = found
        else:  # a row without constraint: a fitting PETRARCH pattern is more specific
            found = self.lexicon.specific_pattern(ex, lemma, code)
            # ... but not a pattern that only says the row's act is intended, where the clause tells it done:
            # "met Peru's president for talks" is a meeting held (040), not PETRARCH's intent to meet (036)
            if found[0] and not (mode in ("asserted", "reported") and code in self.table
                                 and found[0] == self.table.transform(code, mode="intended")):
                code, theme = found
        return code, theme, lemma

    def _idiom_code(self, ex: Extraction, lemma: str, object_is_actor: bool,
                    state: bool | None) -> tuple[str | None, str]:
        """The code of the first :meth:`~geokg.ingest.coding.lexicon.VerbLexicon.idioms` reading of ``ex``
        whose rows fit, and its lemma: "took the activists *into custody*" 173 (take into custody),
        "backed out *of* the deal" 120; (None, ``lemma``) when none fits."""
        for idiom, texts, own_object in self.lexicon.idioms(ex):
            code, _ = self.lexicon.match(idiom, texts, object_is_actor=object_is_actor and own_object,
                                         source_state=state)
            if code is not None:
                return code, idiom
        return None, lemma

    def _backoff_code(self, ex: Extraction, mode: str, main: bool | None,
                      object_is_actor: bool) -> tuple[str | None, bool]:
        """The code of PETRARCH's verb patterns for an extraction geokg's rows do not code, and
        whether its object is the theme: the verb's patterns and own code; force aimed "at" actors;
        else a promise of the act to actors (the commissive verb's own code)."""
        people = ex.object is not None and self.lexicon.names_people(ex.object.head or ex.object.text.split()[-1])
        code, theme = self.lexicon.pattern_code(ex, mode, "backoff", main=main, object_actor=object_is_actor or people)
        if code is not None and code[:2] == "06" and not people and not self._actor_headed(ex.object):
            # material cooperation needs a partner: a block's 060 only on an object headed by actors, not on
            # one that mentions them ("eased its stance *against the US*", "found activities *in Iran*")
            code, theme = self.lexicon.pattern_code(ex, mode, "backoff", main=main, object_actor=False)
        if code is None and any(x.prep in _AIMED_PREPS and self.actors.code_arguments(x) for x in ex.extras):
            # force aimed at actors ("fired anti-aircraft batteries *at Russia*") is force on them; not
            # another act, whose "at"/"against" phrase is a place or a noun's ("the group *at the UN*")
            code, theme = self.lexicon.pattern_code(ex, mode, "backoff", main=main, object_actor=True)
            if code is not None and (code not in self.table or self.table[code].quad_class != 4):
                code, theme = None, False
        if code in ("042", "043") and ex.object is not None and self.lexicon.names_troops(
                ex.object.head or ex.object.text.split()[-1]):
            # "rushed *reinforcements* to the border": troops moved somewhere are deployed (CAMEO 154, as PETRARCH's
            # "SEND * &MILITARY" and "&MILITARY RUSH"), not on a visit (042)
            code, theme = "154", True
        if code is None and mode == "intended" and object_is_actor:
            # "promised to democratize *Peru*": an act no dictionary codes, promised to actors, is
            # the promise (PETRARCH's PROMISE, OFFER, PLEDGE: 030)
            code, theme = self.lexicon.commissive_code(ex.relation), False
        return code, theme

    def _final_code(self, ex: Extraction, code: str, theme: bool, lemma: str, mode: str,
                    prepared: bool) -> tuple[str | None, bool]:
        """The code of a matched row after deliberation, readiness, negation and mode
        (:meth:`CameoTable.transform`): "is considering whether to impose sanctions" 014,
        "prepared to resume shelling" 150, "refused to meet" 12x, "threatened to quit" 130."""
        if (theme and ex.object is not None and self.lexicon.names_persons(ex.object.head or ex.object.text.split()[-1])
                and self.actors.countries_in(ex.object.text)):
            # a PETRARCH pattern's object naming people of a country is the target, as with geokg's rows
            # ("expelled two *Russian* diplomats"); whose "1,000 prisoners" are is left to the theme's owner
            theme = False
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
        if ex.kind in NON_EVENT_KINDS:
            return []
        mode, governor = self._mode(ex, siblings)
        main = self.lexicon.main_clause(ex, doc)
        typed = self._hyphenated(ex, doc)
        typable = self._may_code(typed, mode, main)
        continued = self._continued_meeting(ex, mode, doc, context)
        # the news filters cost more than the typing checks, so they come after them
        if not (typable or continued) or not self._news(ex, article, doc):
            return []
        if continued is not None:
            code, parties = continued
            return [e for e in self._events(ex, article, code, parties, (), mutual=True)
                    if political_dyad(e.source, e.target, code)]
        if not typable:
            return []  # nothing could type it: its actors are not coded
        readings = self._readings(typed, doc, main)
        object_actors = self.actors.code_arguments(ex.object, doc=doc, context=context) if ex.object else ()
        if (self._state_free(typed) and not _demand_mode(ex, mode)
                and self._typed(typed, (), object_actors, mode, readings)[0] is None):
            return []  # no type, whoever its sources are: they are not coded (the same call below is memoised)
        sources = self._sources(ex, doc, context, siblings)
        # "talks *between X and Y*": an event noun's parties act on each other
        between = self._between_parties(ex, doc, context) if not sources and ex.kind == "nominal" else ()
        sources = between or sources
        code, theme = self._typed_by(typed, ex, article, sources, object_actors, mode, readings)
        if self._wished(ex, mode, governor) or (
                code is not None and code[:2] == "13" and self._foretold(ex, mode, governor, sources, doc, context)):
            return []  # "Chile hopes Peru would leave", "Chile said Peru would attack": Chile's wish or forecast
        code, theme = self._reread(ex, doc, code, theme, mode, object_actors)
        code = self._cause_code(ex, code, is_state(sources), doc)
        code, sources, targets, demanded = self._demand(ex, mode, governor, code, sources, doc, context)
        if code is None or _self_done(ex, code) or (demanded and _own_country(sources, targets)):
            return []  # "the bomber killed *himself*"; "Chile should pull out", said by Chile's president
        if not demanded:
            sources, targets = self._roles(ex, article, doc, context, siblings, code, theme, sources,
                                           object_actors, between)
        elif between:
            targets = ()
        if doc is not None:  # "Iran Agrees to *Suspend* ...": a Title Case headline's made-up names
            known = self.actors.is_known
            sources = tuple(a for a in sources if not headline_misreading(a, ex, doc, known))
            targets = tuple(a for a in targets if not headline_misreading(a, ex, doc, known))
        code = self._role_code(ex.subject, code) if sources else code
        sources = tuple(self._home_party(self._refine_sector(a, ex.subject, code), code, context, targets)
                        for a in sources)
        if not sources and code[:2] in AGENTLESS_ROOTS and self._harmless_subject(ex):
            return []  # "terror scares hit Australia", "a mix-up hits Portugal": nothing fought
        # an event without a known source says little, except violence against a known
        # target ("ten soldiers were killed"); nor does a demand without its demander ("X was urged to leave")
        if not sources and (not targets or code[:2] not in AGENTLESS_ROOTS):
            return []
        if ex.kind == "nominal" and not (targets or between) and self.table[code].quad_class != 4:
            return []  # "their political demands": a mention of a stance, not a new event
        if code[:2] in VIOLENCE_ROOTS and self._accident(ex, article, sources):
            return []  # "killed in a plane crash", "killed as an earthquake struck", "a train killed": nobody acted
        targets = self._other_parties(ex, sources, targets, code, doc)
        events = self._events(ex, article, code, sources, targets, mutual=bool(between))
        return [e for e in events
                if political_dyad(e.source, e.target, code) and not home_visit(e.source, e.target, e.cameo)]

    def _other_parties(self, ex: Extraction, sources: Sequence[Actor], targets: tuple[Actor, ...], code: str,
                       doc) -> tuple[Actor, ...]:
        """``targets``, or none where the act is its sources' own country's (:func:`self_directed`) and the
        text tells that country ("*Chilean* President Ana Ruiz promised to reform Chile")."""
        if targets and sources and all(self_directed(s, t, code) for s in sources for t in targets) and (
                self._home_stated(ex, sources, doc)):
            return ()
        return targets

    def _home_stated(self, ex: Extraction, sources: Sequence[Actor], doc) -> bool:
        """Whether the sources' country is told, not the article's taken for it: the subject's noun phrase names
        it ("the *Peruvian* navy", "*Chilean* President Ana Ruiz", a title the extractor cut off the
        subject) or the sources are actors the gazetteer knows (Putin)."""
        subject = ex.subject
        text = subject.text
        span = doc.char_span(subject.start, subject.end, alignment_mode="expand") if doc is not None and text else None
        if span is not None and len(span):
            text = doc.text[min(span.root.left_edge.idx, subject.start):subject.end]
        return self.actors.names_country(text) or all(self.actors.is_known(a.id) for a in sources)

    def _news(self, ex: Extraction, article: Article, doc) -> bool:
        """Whether the clause of ``ex`` tells news of its own: not negated, no background, purpose,
        history or event still to come, and not a harm nobody did."""
        if under_negation(ex, doc) or background_clause(ex, doc):
            return False
        if clause_reading(ex, doc, self.clause_marks, self._control_verbs, self._instruments) in NON_EVENT_READINGS:
            return False  # a purpose, a background or a not yet happened event (filters.clause_reading)
        if historical(ex, article.published, doc):
            return False  # "the 1994 bombing", "defected 40 years ago": history, not news
        # "the storm killed ten", "Ivan devastates Grenada" (Hurricane Ivan): nobody acted
        return not (ex.subject.text and (self._headed_by(ex.subject, "ACCIDENTS")
                                         or named_hazard(self.lexicon, ex.subject, article)))

    def _accident(self, ex: Extraction, article: Article, sources: Sequence[Actor]) -> bool:
        """Whether a harm is an accident: told beside one (``@ACCIDENTS``) with no source or a vehicle
        as its subject, or done by a civil vehicle (``@CIVIL_VEHICLES``) no armed actor drives."""
        if (not sources or self._headed_by(ex.subject, "VEHICLES")) and mentions_accident(self.lexicon, ex, article):
            return True
        return self._headed_by(ex.subject, "CIVIL_VEHICLES") and not any(a.sector in ARMED_SECTORS for a in sources)

    def _typed_by(self, typed: Extraction, ex: Extraction, article: Article, sources: Sequence[Actor],
                  object_actors: Sequence[Actor], mode: str, readings) -> tuple[str | None, bool]:
        """:meth:`_typed` by ``sources``, except for a headline passive ("Peruvian General Killed"), whose
        subject is the victim: whether a state did it is not told, so the type is chosen without it."""
        code, theme = self._typed(typed, sources, object_actors, mode, readings)
        if sources and code is not None and not self._state_free(typed) and headline_passive(ex, article, code):
            return self._typed(typed, (), object_actors, mode, readings)
        return code, theme

    def _roles(self, ex: Extraction, article: Article, doc, context: CodingContext | None,
               siblings: Sequence[Extraction], code: str, theme: bool, sources: Sequence[Actor],
               object_actors: Sequence[Actor], between: Sequence[Actor]) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
        """Sources and targets of a typed act that is no demand, by how its clause tells it:
        a headline passive or a captive's status (the subject is the victim), a converse verb
        (the giver acts), an event noun's "between" parties (no other target), else the
        target rules.  Without sources, only a converse verb finds some, and only a harm may be
        told by its victims alone (:data:`AGENTLESS_ROOTS`): no other act is coded, so its targets
        are not looked for."""
        converse = theme and self.lexicon.frame(ex.lemma) == "converse"
        if not sources and not converse and code[:2] not in AGENTLESS_ROOTS:
            return (), ()  # :meth:`code_extraction` drops an act nobody did
        sources = tuple(sources)
        targets: tuple[Actor, ...] = ()
        if headline_passive(ex, article, code):
            targets, sources = tuple(self._victims(a, ex.subject, code) for a in sources), ()
        elif status_complement(self.lexicon, ex):
            # "three drivers held hostage in X": the subject is the captive, the captor unnamed
            targets, sources = tuple(self._victims(a, ex.subject, code) for a in sources), ()
        elif converse:
            # "X received weapons from Y": Y gives, X receives
            givers = next((self.actors.code_arguments(x, doc=doc, context=context)
                           for x in ex.extras if x.prep == "from"), ())
            targets = tuple(a for a in sources if a.id not in {g.id for g in givers})
            sources = givers
        elif between:
            targets = ()
        elif code[:2] in ("02", "10") and (asked := self._clause_object(ex, siblings)) is not None:
            # "insisted that Peru must leave": the clause's subject is asked; "insisted that they would not
            # give in to the rebels' demands" asks nothing of anyone (no target: drop_targetless drops it)
            targets = self._subject_targets(asked, sources, context, doc)
        else:
            targets = (self._condemned_agents(ex, sources, siblings, context, doc, code)
                       or self._targets(ex, sources, context, doc, skip_object=theme, code=code))
            if not targets and ex.object is not None and not object_actors:
                targets = self._clause_targets(ex, sources, siblings, context, doc)
            if not targets:
                targets = (self._pronoun_targets(ex, sources, siblings, context, doc)
                           or self._holder_targets(ex, sources, siblings, context, doc))
            if not targets and code[:2] in ("03", "13"):
                targets = self._condition_targets(ex, sources, siblings, context, doc)
            if not targets and code[:2] == "14":
                targets = self._purpose_targets(ex, sources, context, doc)
            if code == "016":  # a denial answers the claim's owner, not whom the claim names
                targets = self._claim_owners(ex, sources, context, doc)
        return sources, targets

    def _reread(self, ex: Extraction, doc, code: str | None, theme: bool, mode: str,
                object_actors: Sequence[Actor]) -> tuple[str | None, bool]:
        """A typed act read again with its object's actors and its clause: people seized are
        abducted (181), an act still to come held over an "unless" clause is a threat (13x)."""
        people = ex.object is not None and self.lexicon.names_people(ex.object.head or ex.object.text.split()[-1])
        if (code is not None and code.startswith("171") and object_actors
                and (people or all(a.sector in PEOPLE_SECTORS for a in object_actors))):
            code, theme = "181", False  # "seized two Frenchmen": people taken are abducted, not confiscated
        elif theme and code is not None and object_actors and (
                (code[:2] in VIOLENCE_ROOTS and all(a.sector in PEOPLE_SECTORS for a in object_actors))
                or (code[:2] == "17" and self.actors.is_role_word(self.lexicon.measured_head(ex)))):
            # people a violent or coercive act is done to are its target: "have taken a citizen hostage",
            # "arrested *two members* of Hamas" (PETRARCH's "ARREST * MEMBERS" names them as its object)
            theme = False
        if (code is not None and code[:2] != "13" and mode in ("future", "intended")
                and conditional_threat(ex, doc, self.clause_marks)):
            code = self.table.transform(code, mode="intended")  # the threatened act: 13x
            if code is None or code[:2] != "13":
                code = "130"  # "will withdraw its force unless ...": held over the other side
        return code, theme

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

    def _foretold(self, ex: Extraction, mode: str, governor: Extraction | None, sources: Sequence[Actor],
                  doc, context: CodingContext | None) -> bool:
        """Whether ``ex`` is what a speaker says another party would or could do ("Chile said *Peru
        would attack* Bolivia", "Chile said *sanctions would destroy* its economy"): a forecast,
        no threat by that party (the caller asks for threats only: a host's word that leaders
        "would join" a summit reports their plan).  A speaker of the party's own country or body
        speaks for it ("a Peruvian general said *Peru could strike back*", "the rebel group said *it
        would kill* a captive"); "Peru must leave" is a demand."""
        if mode != "hypothetical" or governor is None or OBLIGATION_RE.search(ex.relation) or not ex.subject.text:
            return False
        if self.lexicon.frame(governor.lemma) != "speech" or not governor.subject.text:
            return False
        speakers = self.actors.code_arguments(governor.subject, doc=doc, context=context)
        own = {a.id for a in speakers} | {a.country for a in speakers if a.country}
        return not any(a.id in own or (a.country and a.country in own) for a in sources)

    def _wished(self, ex: Extraction, mode: str, governor: Extraction | None) -> bool:
        """Whether ``ex`` is what the subject of a verb of wanting (frame ``request``) wishes another party would
        or will do ("Chile hopes *Peru would leave*"), or what others expect of its subject ("Peru *is expected
        to* sign"): a wish or a forecast, neither that party's intent nor its act ("Chile hopes to leave", its
        own subject, is Chile's intent; "Chile expects to sign" too)."""
        if _EXPECTED.search(ex.relation):
            return True
        if mode not in ("hypothetical", "future") or governor is None or not ex.subject.text:
            return False
        if not governor.subject.text or self.lexicon.frame(governor.lemma) != "request":
            return False
        return (governor.subject.start, governor.subject.end) != (ex.subject.start, ex.subject.end)

    def _demand(self, ex: Extraction, mode: str, governor: Extraction | None, code: str | None,
                sources: Sequence[Actor], doc, context: CodingContext | None
                ) -> tuple[str | None, tuple[Actor, ...], tuple[Actor, ...], bool]:
        """A demanded clause as a demand (or appeal) from the governor's subject to the clause's
        subject: (code, sources, targets, demanded); unchanged when the clause is no demand."""
        demanded = _demand_mode(ex, mode)
        if not (demanded and (ex.polarity == "positive" or mode == "demanded") and ex.kind != "nominal"):
            return code, tuple(sources), (), False
        if ex.polarity == "negative" and code:  # "demanded that its partners refuse to recognize X"
            code = self.table.transform(code, mode="demanded")
        frame = self.lexicon.frame(governor.lemma) if governor is not None else None
        speech = frame == "speech"
        if mode != "demanded" and not speech:
            # "agreed that their countries should cooperate" is no demand; "Peru must help flood victims",
            # said by nobody (a headline's opinion), no intent of the clause's subject either
            return (code if governor is not None else None), tuple(sources), (), False
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
                targets: Sequence[Actor], mutual: bool = False) -> list[Event]:
        """One event per source x target pair (at most 4 x 4), dated and placed; ``mutual``:
        the sources act on each other."""
        info = self.table.for_act(code, _acts(ex))  # "resigned": RETREAT, as the PLOVER manual files resignations
        when = event_date(ex, article, find=self._find_times)
        # the "between" phrase of mutual parties names no place
        place = self._place(replace(ex, extras=tuple(x for x in ex.extras if x.prep != "between")) if mutual else ex)
        if not targets and sources and code.startswith(DOMESTIC_PREFIXES) and code not in OWNER_TARGETS:
            # protests, coercion and concessions without an explicit target are directed at
            # the country where they happen: the event place, else the source's own country
            near = any(x.prep in STATIC_PREPS for x in ex.extras if x.role == "place" or x.prep in PLACE_PREPS)
            iso = (None if near else place) or next((a.country for a in sources if a.country), None)
            if iso and not any(a.id == f"country:{iso}" for a in sources):
                targets = (country_or_people(self.actors, iso, ex, code),)  # "arrested two brothers": its people
        pairs = [(src, tgt) for src in list(sources)[:4] or [None] for tgt in list(targets)[:4] or [None]]
        if not targets and len(sources) > 1 and (mutual or _reciprocal(ex)):
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


def _row_objects(ex: Extraction) -> list[str]:
    """The texts geokg's rows are matched against: a nominal's own noun, the object, then each
    prepositional phrase but of time and source ("met *for talks*")."""
    objects = [ex.relation] if ex.kind == "nominal" else []
    if ex.object is not None:
        objects.append(ex.object.text)
    objects.extend(f"{x.prep} {x.text}".strip() for x in ex.extras if x.role not in ("time", "source"))
    return objects


def _demand_mode(ex: Extraction, mode: str) -> bool:
    """Whether ``ex`` in ``mode`` is a demanded clause, coded as a demand from its governor
    (``ExtractionCoder._demand``): "demanded that X *leave*", "said X *must leave*"."""
    return mode == "demanded" or (mode == "hypothetical" and bool(OBLIGATION_RE.search(ex.relation)))


def _reciprocal(ex: Extraction) -> bool:
    """Whether the object or a phrase of the clause is a reciprocal pronoun ("accused *each
    other*", "clashed *with one another*")."""
    args = ([ex.object] if ex.object is not None else []) + list(ex.extras)
    return any(a.text.lower().strip() in _RECIPROCALS for a in args)


def _self_done(ex: Extraction, code: str) -> bool:
    """Whether ``ex`` is harm or an inquiry a person does to himself ("killed *himself*", "checked
    *himself* into hospital"): no event."""
    return code[:2] in _SELF_HARM_ROOTS and ex.object is not None and ex.object.text.lower() in _REFLEXIVES


def _own_country(sources: Sequence[Actor], targets: Sequence[Actor]) -> bool:
    """Whether every target is the country itself that the sources belong to (a demand on it is a
    stance: "Chile should pull out", said by Chile's president)."""
    homes = {a.country for a in sources if a.country}
    return bool(targets) and all(t.id == f"country:{t.country}" and t.country in homes for t in targets)


def _acts(ex: Extraction) -> tuple[str, ...]:
    """What an extraction says was done, for :meth:`CameoTable.for_act`: its lemma, without a
    trailing preposition ("resign in" protest), and its object's head ("submitted his *resignation*")."""
    lemma = ex.lemma.lower().strip()
    words = lemma.split()
    head = (ex.object.head_lemma or ex.object.head or "").lower() if ex.object is not None else ""
    return (lemma, " ".join(words[:-1]) if len(words) > 1 and words[-1] in PREPOSITIONS else "", head)
