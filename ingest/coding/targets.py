"""Finding the targets of an extraction: who an act is aimed at.

:class:`TargetRules` is the part of :class:`~geokg.ingest.coding.extraction.ExtractionCoder`
that picks target actors: the object's (its possessor first), the armed party a thing acted
on is held by, the coder's own followers, the partner of a relation inside the object, a
recipient or target-preposition argument (and an active verb's "by" phrase: the owner of its
object), what a thing carries or who holds it, a place argument (never where a statement or an
appeal is made), else a party named without a country placed in the event's or the article's
country, else the town naming a bomb; plus the targets told by other clauses of the sentence
(an object pronoun's antecedent, a participle naming a holder, the subject of a clause inside
the object).

Examples
--------
>>> _possessor(Argument("object", "Gondor's peace plan", 0, 19, head="plan")).text
'Gondor'
>>> _possessor(Argument("object", "Gondor's Rohan", 0, 14, head="Rohan")) is None  # a name: coded whole
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geokg.ingest.actors.coder import ActorCoder
from geokg.ingest.actors.data import CodingContext
from geokg.ingest.actors.words import PRONOUNS, singular
from geokg.ingest.coding.filters import PASSIVE_RE, headed_by, instrument_modifiers
from geokg.ingest.coding.lexicon import VerbLexicon
from geokg.ingest.coding.rules import (
    CLAIM_NOUNS,
    OWNER_TARGETS,
    PEOPLE_CODES,
    PEOPLE_SECTORS,
    PLACE_PREPS,
    STATE_SECTORS,
    STATIC_PREPS,
    TARGET_PREPS,
    VIOLENCE_ROOTS,
    is_title_case,
    relation_root,
)
from geokg.ingest.records import Actor, Argument, Extraction

__all__ = ["TargetRules", "country_or_people"]

#: Places beside the event (:data:`~geokg.ingest.coding.rules.STATIC_PREPS`) are no target
#: except for acts that go somewhere: visits and meetings, aid and deployments, retreats,
#: shows of force ("arrived in Bosnia", "deploy peacekeepers in Iraq")
_DESTINATION_ROOTS = frozenset({"04", "07", "08", "15", "16"})
#: Roots of statements and appeals: where they are made names no party ("called in Baghdad
#: for calm"); intents, demands and rejections are often about the place ("ruled out a troop
#: reduction in X").
_VERBAL_ROOTS = frozenset({"01", "02"})
#: ... at a location, that is: what is refused or agreed *to* do somewhere ("refused to deploy
#: troops in Iraq", "willing to withdraw from Lebanon") is aimed at that place
_LOCATION_PREPS = frozenset({"in", "at", "across", "throughout", "within", "inside"})
#: A verbal defence (CAMEO 052) is of a party, or of a thing whose owner is the target: where the thing lies, or whom
#: it is about, names no party ("defended its record *in Peru*", "defended its policy *toward Peru*").
_DEFEND = "052"
#: Where the "of" phrase of a thing defended ends: a phrase of place, topic or purpose.
_HOLDER_END = re.compile(r"\s(?:in|on|at|over|about|toward|towards|to|for|against)\s")
#: Prepositions of a place phrase whose noun may hold the place's town (:meth:`TargetRules._nested_place`),
#: and of the town inside it ("at stations *around Lima*", "in a market *in Cusco*").
_PLACE_HOLDER_PREPS = frozenset({"at", "in", "on", "outside", "inside", "near"})
_NESTED_PLACE_PREPS = frozenset({"in", "around", "across", "throughout", "outside"})
#: Prepositions of what an act is about (:meth:`TargetRules._topic`).
_TOPIC_PREPS = frozenset({"on", "over", "about", "regarding", "concerning"})
#: People a victims' phrase calls armed ("four *armed* Palestinians"): an armed force, not civilians (:meth:`_victims`).
_ARMED = re.compile(r"\barmed\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+\w", re.IGNORECASE)
#: Sectors of a party a target may name without a country ("killed 24 Islamic militants").
_VAGUE_TARGET_SECTORS = frozenset({"REB", "UAF", "SEP", "CRM", "OPP"})
#: Roots of acts on a thing held by an armed party (coercion, assaults, fights, mass violence):
#: "stormed *insurgent*-held police stations" targets the insurgents, not the stations' country.
_ARMED_OWNER_ROOTS = frozenset({"17", "18", "19", "20"})
#: ... and protests: "protested a *rebel* blockade" is aimed at the rebels.
_HELD_THING_ROOTS = _ARMED_OWNER_ROOTS | {"14"}
#: Heads of bombings and attacks a town may name ("a *Baghdad* car bomb"): none a state is
#: named for by its capital the way it is for "*Moscow* air strikes"
_BLAST_HEADS = frozenset({"bomb", "bombing", "bomber", "blast", "explosion", "attack", "mortar", "grenade",
                          "ambush", "shooting"})
#: Roots of verbal and cooperative acts (statements to material cooperation, yielding) whose
#: "in <meeting>" phrase names what the source joins ("agreed to take part in talks").
_JOINED_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "08"})
#: A modifier naming who holds a place ("*rebel*-held", "*militia*-controlled").
_HELD = re.compile(r"-(?:held|controlled|occupied|run|led|dominated|infested)$", re.IGNORECASE)


class TargetRules:
    """Target rules of :class:`~geokg.ingest.coding.extraction.ExtractionCoder` (a mixin:
    it reads the coder's ``actors`` and ``lexicon``)."""

    actors: ActorCoder
    lexicon: VerbLexicon

    def _instrument(self, subject: Argument) -> bool:
        """Whether a subject is headed by a harmful thing or event (:func:`headed_by` ``INSTRUMENTS``)."""
        return headed_by(self.lexicon, subject, "INSTRUMENTS")

    def _condemned_agents(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                          context, doc, code: str) -> tuple[Actor, ...]:
        """The agent of the act a disapproval or rejection is about, as PETRARCH's validation records
        code it ("condemned an attack *by X*": X, not the victims): the subject of the nominal
        extraction of the object's event noun ("the killing of two soldiers *by X*", the "by" phrase
        parsed onto either noun or verb; the extractor's nominal tells the noun names an act), else
        nothing."""
        obj = ex.object
        if code[:2] not in ("11", "12") or obj is None or not obj.head:
            return ()
        src_ids = {a.id for a in sources}
        for sib in siblings:
            if (sib.kind == "nominal" and sib.subject.text and obj.start <= sib.rel_start and sib.rel_end <= obj.end
                    and singular(sib.lemma.lower()) == singular((obj.head or "").lower())):
                found = tuple(a for a in self.actors.code_arguments(sib.subject, doc=doc, context=context)
                              if a.id not in src_ids)
                if found:
                    return found
        return ()

    def _targets(self, ex: Extraction, sources: Sequence[Actor], context, doc, skip_object: bool,
                 code: str | None = None) -> tuple[Actor, ...]:
        """Target actors (:meth:`_found_targets`), a country's civilians where violence only
        counts its victims (:meth:`_counted_victims`; :meth:`_uncounted_country` where no
        argument names their country)."""
        found = self._found_targets(ex, sources, context, doc, skip_object, code)
        return self._counted_victims(ex, found, code) if found else self._uncounted_country(ex, sources, context, code)

    def _found_targets(self, ex: Extraction, sources: Sequence[Actor], context, doc, skip_object: bool,
                       code: str | None = None) -> tuple[Actor, ...]:
        """Target actors: the object's, else the first prepositional or place argument's;
        else a party named without a country ("kills 24 Islamic militants")."""
        src_ids = {a.id for a in sources}
        armed = self._armed_holders(ex, sources, context, code)
        if armed:
            return armed
        unknown: list[Actor] = []  # parties without a country or name: the last resort

        def usable(arg: Argument | None) -> tuple[Actor, ...]:
            if arg is None or (arg.prep in ("in", "during") and arg is not ex.object and self._instrument(arg)):
                return ()  # "killed in a *Taliban* attack": the attack's agent is no target
            if arg is not ex.object and self._topic(arg):
                return ()  # "urged dialogue *on the Bolivia question*": what it is about
            # the source itself is no target -- except people of a kind, who may act on others of
            # their kind ("a man killed ten people": civilians both)
            coded = self.actors.code_arguments(arg, doc=doc, context=context)
            found = [a for a in coded
                     if a.id not in src_ids or (a.sector in PEOPLE_SECTORS and a.id.startswith("actor:")
                                                and arg.text != ex.subject.text)]
            # an "unspecified police" target says little: keep targets with a country or a name
            # first, and the others only when no argument names one
            vague = [a for a in found if a.id.startswith("actor:") and a.country is None]
            named = tuple(self._victims(a, arg, code) for a in found if a not in vague)
            if not named and (vague or len(found) < len(coded)):
                # the possessor when its party is coded as the source's or without a country:
                # "the opposition party began talks with *Premier X's* ruling party"
                named = self._possessor_party(arg, src_ids, context, doc)
            # ... and people of no country a coercive or violent act is done to ("police dispersed *protesters*")
            unknown.extend(a for a in vague if not named and (a.sector in _VAGUE_TARGET_SECTORS or (
                a.sector in PEOPLE_SECTORS and (code or "")[:2] in _ARMED_OWNER_ROOTS)))
            return named

        measured = self.lexicon.measured_head(ex)  # "its number of *troops*": the troops
        if not skip_object or (ex.object is not None and not self.actors.is_role_word(measured)):
            found = self._object_targets(ex, usable, code, doc)
            if found is not None:
                return found
        found = self._followers(ex, sources)
        if found:
            return found
        kept = len(unknown)
        meetings = self._meeting_phrases(ex, code)
        for arg in (p for thing in (ex.object, *meetings) for p in _partner_phrases(thing, doc)):
            # the partner of a relation inside the object: "welcomed a resumption of ties *with X*",
            # or inside a meeting taken part in: "joined peace talks *with X*"
            found = usable(arg)
            if found:
                return found
        del unknown[kept:]  # ... but "investigate links *between guerrillas* and ..." names no party
        found = self._prepositional_targets(ex, usable) or self._inner_targets(ex, usable, skip_object, code, doc)
        if not found and (code or "")[:2] in _ARMED_OWNER_ROOTS:
            # "battled *militants* in Najaf": the fighters named without a country are the place's, and
            # they, not the place, are fought (the place is the target only where no party is named)
            found = self._domestic_parties(ex, sources, unknown, context)
        if not found and not (_among_themselves(ex, code) and self._at_home(ex, sources)):
            found = self._place_targets(ex, usable, src_ids, code, skip=meetings)
        return (found or self._domestic_parties(ex, sources, unknown, context) or self._town_target(ex, src_ids, code)
                or self._nested_place(ex, src_ids, code, meetings, doc))

    def _object_targets(self, ex: Extraction, usable, code: str | None, doc=None) -> tuple[Actor, ...] | None:
        """The targets the object names, or None to look further.  The owner of a theme: "boycott *Algeria's*
        elections", "suspend aid *to Bosnia*"; a possessor first: "approve *Sharon's* Gaza pullout plan" is Sharon's,
        not Gaza's.  A thing defended is its owner's or holder's ("defended *Peru's* plan", "the right *of Peru* to
        act"), else no party's: no further look ("defended its record *in Peru*", "defended the invasion *of Peru*");
        not a pronoun ("defended *itself* against charges by Peru")."""
        if code == _JUDICIAL and ex.object is not None:
            # people (or files) handed over are the theme of judicial cooperation, whose partner is whom they go to:
            # "extradited two drug lords *to Chile*"
            found = next((f for x in ex.extras if x.prep == "to" for f in [usable(x)] if f), ())
            if found:
                return found
        owner = None if ex.object is None or self.actors.is_role_word(ex.object.head or "") else (
            _possessor(ex.object))
        if (code == _DEFEND and ex.object is not None and ex.object.text.lower().strip() not in PRONOUNS
                and not self._party_headed(ex, doc)):
            head = ex.object.head or (ex.object.text.split() or [""])[-1]
            # ... but an act's "of" phrase names whom it is done to ("the invasion *of Peru*")
            return usable(owner) or (() if self.lexicon.is_event_noun(head) else usable(_holder_phrase(ex.object)))
        return usable(owner) or usable(ex.object) or None

    def _party_headed(self, ex: Extraction, doc) -> bool:
        """Whether the object of ``ex`` is headed by actors (:meth:`_actor_headed`); in a Title Case sentence, where
        every word is capitalised, only if its head word is part of the name of an actor it names ("Defends *Peru*",
        "Defends Ana *Ruiz*"; not "Defends Peruvian Human Rights *Record*")."""
        obj = ex.object
        if not self._actor_headed(obj):
            return False
        sent = doc.char_span(ex.sent_start, ex.sent_end, alignment_mode="expand") if doc is not None else None
        if sent is None or not is_title_case(sent.text):
            return True
        head = (obj.head or (obj.text.split() or [""])[-1]).lower()
        return any(head in (a.name or "").lower().split() for a in self.actors.code_arguments(obj, doc=doc))

    def _inner_targets(self, ex: Extraction, usable, skip_object: bool, code: str | None, doc) -> tuple[Actor, ...]:
        """Targets named inside the object's noun phrase (cut from its span) where no argument
        names one: whom the thing is for, the owner of a stance, who a thing carries or holds."""
        # whom a thing given, withheld or extended is for: "froze half of a loan programme *for Peru*"
        found = next((f for arg in _partner_phrases(ex.object, doc, _BENEFICIARY_PREPS, clauses=False)
                      for f in [usable(arg)] if f), ())
        if not found and not skip_object and ex.object is not None and (code or "")[:2] not in _ARMED_OWNER_ROOTS:
            # the owner of a stance told by a participle after it: "wrecked a cease-fire *called by
            # X*", "rejected a plan *drawn up by X*" (not a theme: "imposed sanctions *approved by* X")
            found = next((f for p in _carried_or_held(ex.object, doc, carried=False) for f in [usable(p)] if f), ())
        if not found and (code or "")[:2] in _ARMED_OWNER_ROOTS:
            # "opened fire on a convoy *carrying X*", "moved into an area *controlled by militants*"
            things = [a for a in [ex.object, *(x for x in ex.extras if x.prep in TARGET_PREPS)]
                      if a is not None and not self.actors.is_role_word(a.head or "")]  # not "a militant *wanted by X*"
            found = next((f for arg in things for p in _carried_or_held(arg, doc) for f in [usable(p)] if f), ())
        return found

    def _counted_victims(self, ex: Extraction, found: tuple[Actor, ...], code: str | None) -> tuple[Actor, ...]:
        """A country as the target of violence whose object only counts people ("a bomb killed
        *15*", "wounding *at least ten others*", "kills *dozens*"): the people counted, its
        civilians, not its state (the country stays where it happened)."""
        obj = ex.object
        if (len(found) != 1 or not found[0].id.startswith("country:") or found[0].country is None
                or (code or "")[:2] not in VIOLENCE_ROOTS or obj is None or not _counts_people(obj.text)):
            return found
        return (self.actors.sector_actor(found[0].country, "CVL", obj.text),)

    def _uncounted_country(self, ex: Extraction, sources: Sequence[Actor], context, code: str | None
                           ) -> tuple[Actor, ...]:
        """The civilians of the place where violence happened as its target when its object only
        counts people and no argument names their party ("Car bombs kill *seven* in Lima", "...
        killed 44 people and wounded *27*"): the scene's country, else the article's main country --
        neither when it is a source's own state ("Chile kills five": whose five is unknown), nor
        for "others", who are of the kind counted before them ("killed a Chilean soldier and
        wounded *two others*").  People a state arrests, jails or expels (17x) and only counts are
        the scene's, else that state's own ("Chile jails *five* over a bomb plot")."""
        obj = ex.object
        root = (code or "")[:2]
        if (context is None or obj is None or root not in (*VIOLENCE_ROOTS, "17")
                or not _counts_people(obj.text) or _OTHERS.search(obj.text)):
            return ()
        states = {a.country for a in sources if a.id.startswith("country:") or a.sector in STATE_SECTORS}
        if root == "17":
            iso = context.scene_country or (next(iter(states)) if len(states) == 1 else None)
        else:
            iso = context.scene_country or context.default_country
            iso = None if iso in states else iso
        return (self.actors.sector_actor(iso, "CVL", obj.text),) if iso else ()

    def _victims(self, actor: Actor, arg: Argument, code: str | None) -> Actor:
        """A country named by its people ("killed ten *Palestinians*", "*Israelis* were
        wounded", "an Australian *employee* abducted": a role of no sector, "three British
        *nationals*": a people class of the lexicon) as the target of violence: the people,
        its civilians, not its state."""
        if (code or "")[:2] not in VIOLENCE_ROOTS or not actor.id.startswith("country:"):
            return actor
        head = arg.head or ""
        if not (self.actors.names_nationals(arg.text, actor.country) or self.actors.is_role_word(head)
                or (head[:1].islower() and self.lexicon.names_people(head))):
            return actor
        # ... armed people ("killed four *armed* Palestinians") an armed force, as the phrase rules code them
        return self.actors.sector_actor(actor.country, "UAF" if _ARMED.search(arg.text) else "CVL", arg.text)

    def _between_phrase(self, arg: Argument, doc) -> Argument | None:
        """The "between" phrase hanging on an argument's noun in the Doc but cut from its span
        ("*Talks* between X and Y resumed"), else None."""
        return next((p for p in _partner_phrases(arg, doc) if p.prep == "between"), None)

    def _claim_owners(self, ex: Extraction, sources: Sequence[Actor], context, doc) -> tuple[Actor, ...]:
        """Whom a denial answers (CAMEO 016, "deny responsibility"): the owner of the claim denied --
        its possessor ("rejected *the US*'s charges"), a "by" phrase ("allegations *by X*") or a body
        named before the claim's noun ("denied *a New York Times* report") -- never a party the claim
        is about ("denied *his party* instigated rallies", "rejects charges of collaboration *with
        Iran*", "denied the decision was linked to demands *by militants*": a clause, no claim noun)."""
        obj = ex.object
        if obj is None or singular((obj.head or "").lower()) not in CLAIM_NOUNS:
            return ()
        src_ids = {a.id for a in sources}
        possessor = _possessor(obj)
        owners = [*_partner_phrases(obj, doc, frozenset({"by"}), clauses=False), *(x for x in ex.extras if x.prep == "by")]
        before = obj.text[:max(obj.text.find(obj.head), 0)].rstrip()  # the words before the claim's noun
        if possessor is not None:
            owners.append(possessor)
        elif before:
            owners.append(replace(obj, text=before, end=obj.start + len(before), head=before.split()[-1],
                                  head_lemma="", resolved=""))
        found = (a for arg in owners for a in self.actors.code_arguments(arg, doc=doc, context=context))
        return tuple({a.id: a for a in found if a.id not in src_ids}.values())

    def _possessor_party(self, arg: Argument, src_ids: set[str], context, doc) -> tuple[Actor, ...]:
        """The possessor of an argument whose party is coded as a source's or without a country
        ("X's opposition party began talks with *Premier Y's* ruling party": Y's side), none of
        them a source; none without a possessor."""
        owner = _possessor(replace(arg, head=arg.head or arg.text.split()[-1]))
        if owner is None:
            return ()
        return tuple(a for a in self.actors.code_arguments(owner, doc=doc, context=context)
                     if a.id not in src_ids and a.country)

    def _followers(self, ex: Extraction, sources: Sequence[Actor]) -> tuple[Actor, ...]:
        """The people of the source's country as the target when the object is the source's own
        followers ("the cleric urged *his supporters* to stay calm"); none when the sources
        have no one country or are those people themselves."""
        m = _OWN_PEOPLE.match(ex.object.text.strip()) if ex.object is not None else None
        if m is None or m.group(1).lower() not in self.actors.words.get("follower_heads", ()):
            return ()
        countries = {a.country for a in sources if a.country}
        if len(countries) != 1:
            return ()
        found = self.actors.sector_actor(countries.pop(), "CVL", ex.object.text)
        return () if found.id in {a.id for a in sources} else (found,)

    def _town_of(self, subject: Argument) -> str | None:
        """The country of a town, a capital or a country's bare name modifying a harmful thing
        ("a *Baghdad* car bomb", "the *Jakarta* embassy blast", "*Iraq* mortar attack kills 25"):
        where it happened, not who acted; None when the modifiers name a country by its
        adjective ("an *Israeli* air strike", "*US* bomb attack") or a party ("a *Taliban* attack")."""
        head = singular((subject.head_lemma or subject.head or subject.text.split()[-1]).lower())
        if head not in _BLAST_HEADS:
            return None  # "*Moscow* air strikes": a capital also stands for its government
        premod = instrument_modifiers(subject.text, subject.head or subject.text.split()[-1])
        if not premod or self.actors.names_country(premod, kinds=("adjective", "demonym")):
            return None
        iso = self.actors.place_country(premod)
        if iso is None:
            return None
        mods = replace(subject, text=premod, end=subject.start + len(premod), head=premod.split()[-1], resolved=premod)
        if any(not a.id.startswith("country:") for a in self.actors.code_arguments(mods)):
            return None
        return iso

    def _town_target(self, ex: Extraction, src_ids: set[str], code: str | None) -> tuple[Actor, ...]:
        """The country of the town that names a violent act's instrument ("a *Baghdad* car bomb
        killed nine"): what happens in a country is done to it (the PLOVER convention)."""
        subject = ex.subject
        if ((code or "")[:2] not in VIOLENCE_ROOTS or not subject.text or PASSIVE_RE.search(ex.relation)
                or not self._instrument(subject)):
            return ()
        iso = self._town_of(subject)
        if iso is None:
            return ()
        found = self.actors.country_actor(iso)
        return () if found.id in src_ids else (found,)

    def _armed_holders(self, ex: Extraction, sources: Sequence[Actor], context: CodingContext | None,
                       code: str | None) -> tuple[Actor, ...]:
        """The armed party a thing acted on is named for, as the target of an attack, a coercive
        act or a protest on that thing ("stormed *insurgent*-held police stations", "bombed *rebel*
        positions near X", "raided hideouts *of the militants*") rather than the country where
        it lies; a party without a country belongs to the place named in the object, else to
        the event's place, else to the article's main country."""
        obj = ex.object
        if (obj is None or (code or "")[:2] not in _HELD_THING_ROOTS or not obj.head or not obj.head[:1].islower()
                or self.actors.is_role_word(obj.head)):
            return ()
        words = obj.text.split()
        if obj.head not in words:
            return ()
        h = words.index(obj.head)
        if h + 1 < len(words) and words[h + 1].lower() != "of":
            return ()  # a head inside the phrase: no noun phrase of a thing ("38 people in an attack ...")
        # the modifiers before the head ("Shi'ite *militia*-held"), and an "of" phrase after it
        # ... a "-held" modifier alone where there is one ("*insurgent*-held police stations":
        # the stations' own kind names no holder)
        held = [_HELD.sub("", w) for w in words[:h] if _HELD.search(w)]
        phrases = [held or [_HELD.sub("", w) for w in words[:h]], words[h + 2:] if h + 1 < len(words) else []]
        src_ids = {a.id for a in sources}
        found: dict[str, Actor] = {}
        for phrase in phrases:
            if not any(self.actors.is_role_word(w.lower()) for w in phrase):
                continue
            text = " ".join(phrase)
            arg = Argument("object", text, obj.start, obj.start + len(text), head=phrase[-1])
            for a in self.actors.code_arguments(arg):
                if a.sector not in _VAGUE_TARGET_SECTORS or a.id in src_ids:
                    continue
                if a.country is None:
                    iso = self._place_of(ex, obj) or (context.default_country if context is not None else None)
                    if iso is None:
                        continue
                    a = self.actors.sector_actor(iso, a.sector, text)
                if a.id not in src_ids:
                    found[a.id] = a
        return tuple(found.values())

    def _place_of(self, ex: Extraction, obj: Argument) -> str | None:
        """The country of the place a thing acted on lies in: named in the object ("the city of
        Fallujah"), else in a place argument, else in a location phrase of the event ("in the
        Iraqi city of Najaf")."""
        found = self.actors.place_country(obj.text, obj.label) or self._place(ex)
        for x in ex.extras:
            if found:
                break
            if x.prep in _LOCATION_PREPS:  # "near the Afghan border" may be across it
                found = self.actors.place_country(x.text, x.label)
        return found

    def _domestic_parties(self, ex: Extraction, sources: Sequence[Actor], vague: Sequence[Actor],
                          context: CodingContext | None) -> tuple[Actor, ...]:
        """Armed groups, criminals or opposition named without a country ("killed 24 Islamic
        militants", "resumed talks with rebels") as targets of the country where the event
        happens, else of the article's main country, else of the sources' one country; without
        them, people a coercive or violent act is done to ("police dispersed protesters"), of the
        place, else of the one state acting."""
        if not vague or not sources:
            return ()  # "the fight against terrorists": a mention, not a new event
        countries = {a.country for a in sources if a.country}
        own = countries.pop() if len(countries) == 1 else None
        parties = [a for a in vague if a.sector not in PEOPLE_SECTORS]
        vague = parties or vague  # armed groups, criminals, opposition first
        if not parties:
            # people of no country ("police dispersed *protesters*"): the place's, else the people of a
            # state that acts at home -- not the article's main country ("seized *an Iraqi-Polish woman*")
            states = all(a.id.startswith("country:") or a.sector in STATE_SECTORS for a in sources)
            iso = self._place(ex) or (own if states else None)
        else:
            iso = self._place(ex) or (context.default_country if context is not None else None) or own
        if iso is None:
            return ()
        out = {}
        for a in vague:
            found = self.actors.sector_actor(iso, a.sector, a.name)
            if found.id not in {s.id for s in sources}:
                out[found.id] = found
        return tuple(out.values())

    def _prepositional_targets(self, ex: Extraction, usable) -> tuple[Actor, ...]:
        """The first recipient or target-preposition argument that names actors; for an
        active verb whose object names none, its "by" phrase: the owner of the object
        ("rejected a call *by the UN*")."""
        # a "with"/"against" phrase the parser took for a time ("with Syrian President Assad Tuesday")
        extras = [x for x in ex.extras if x.role != "source" and (x.role != "time" or x.prep in ("with", "against"))]
        for x in extras:
            if x.role == "recipient":
                found = usable(x)
                if found:
                    return found
        preps = TARGET_PREPS
        if ex.object is not None and not PASSIVE_RE.search(ex.relation):
            preps = (*TARGET_PREPS, "by")
        for prep in preps:
            for x in extras:
                if x.role != "place" and x.prep == prep:
                    found = usable(x)
                    if found:
                        return found
        return ()

    def _topic(self, arg: Argument) -> bool:
        """Whether ``arg`` names what an act is about, not whom: "on/over/about" and a topic noun
        (``topic_heads`` in ``actors/words.tsv``: "urged dialogue *on the Bolivia question*")."""
        head = (arg.head or (arg.text.split()[-1] if arg.text.strip() else "")).lower()
        return arg.prep in _TOPIC_PREPS and head in self.actors.words["topic_heads"]

    def _at_home(self, ex: Extraction, sources: Sequence[Actor]) -> bool:
        """Whether every place of ``ex`` lies in a source's country, or a source has none (a
        body of several countries: "EU ministers met in X"): a meeting there is no visit."""
        countries = {a.country for a in sources}
        places = [self.actors.place_country(x.text, x.label) for x in ex.extras
                  if x.role == "place" or x.prep in PLACE_PREPS]
        return None in countries or all(iso in countries for iso in places if iso)

    def _meeting_phrases(self, ex: Extraction, code: str | None) -> tuple[Argument, ...]:
        """The "in" phrases of a verbal or cooperative act ("took part *in peace talks*") headed by
        an event noun: a meeting or an effort the source joins, whose place is no party."""
        if (code or "")[:2] not in _JOINED_ROOTS:
            return ()
        return tuple(x for x in ex.extras if x.prep == "in" and x.role != "place" and x.head
                     and x.head[:1].islower() and self.lexicon.is_event_noun(x.head))

    def _actor_headed(self, obj: Argument | None) -> bool:
        """Whether an object that names actors is headed by one: a name ("*Iran*", "the *UN*"), a role or
        people word ("the *envoy*", "US *officials*", "*Iranians*") -- not a thing that only mentions them
        ("a firm *stance* against Peru", "hidden *sites* in Chile", "a Peruvian *victory*")."""
        if obj is None:
            return False
        head = obj.head or (obj.text.split() or [""])[-1]
        return bool(head) and (head[:1].isupper() or self.actors.is_role_word(head)
                               or self.lexicon.names_people(head) or self.actors.names_country(head))

    def _place_targets(self, ex: Extraction, usable, src_ids: set[str], code: str | None,
                       skip: Sequence[Argument] = ()) -> tuple[Actor, ...]:
        """A place argument as the target: "withdraw from Chad", "fired at Russia", "arrived in
        Bosnia" -- a place the act goes to or from; where an attack or a protest happens
        ("killed three in Mosul", "near the border") is only its place, and so is where a
        statement or an appeal is made, and where a meeting joined is held (``skip``: "take
        part in talks in Abuja")."""
        for x in ex.extras:
            if (x.role != "place" and x.prep not in PLACE_PREPS) or x in skip:
                continue
            root = (code or "")[:2]
            if (code in OWNER_TARGETS or (x.prep in STATIC_PREPS and root not in _DESTINATION_ROOTS)
                    or ((root in _VERBAL_ROOTS or code == _DEFEND) and x.prep in _LOCATION_PREPS
                        and not _INFINITIVE.search(ex.relation))):
                found = () if self.actors.place_country(x.text, x.label) else usable(x)
            else:
                iso = self.actors.place_country(x.text, x.label)
                if iso is None:
                    found = usable(x)
                else:
                    a = self.actors.country_actor(iso)
                    found = () if a.id in src_ids else (country_or_people(self.actors, iso, ex, code),)
            if found:
                return found
        return ()

    def _nested_place(self, ex: Extraction, src_ids: set[str], code: str | None, skip: Sequence[Argument],
                      doc) -> tuple[Actor, ...]:
        """The country of a place named inside a place phrase or the object of violence with no
        other target, read in the Doc ("set off bombs at stations *around Lima*",
        "exploded a series of bombs *in the capital Lima*"): what happens in a country is done to
        it (the PLOVER convention)."""
        if (code or "")[:2] not in VIOLENCE_ROOTS or doc is None or len(src_ids) > 1:
            return ()  # two sides ("X and Y fought ..."): each is the other's target
        holders = [x for x in ex.extras if x.prep in _PLACE_HOLDER_PREPS and x not in skip]
        if ex.object is not None and not ex.object.prep:
            holders.append(ex.object)  # "exploded a series of bombs *in the capital Lima*"
        for x in holders:
            span = doc.char_span(x.start, x.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for c in span.root.children:
                # "at stations *around Lima*"; "in the capital *Lima*" (a name in apposition)
                pobj = (next((g for g in c.children if g.dep_ == "pobj"), None)
                        if c.dep_ == "prep" and c.lower_ in _NESTED_PLACE_PREPS else c if c.dep_ == "appos" else None)
                if pobj is None:
                    continue
                place = doc[pobj.left_edge.i:pobj.right_edge.i + 1]
                iso = self.actors.place_country(place.text, pobj.ent_type_)
                a = self.actors.country_actor(iso) if iso else None
                if a is not None and a.id not in src_ids:
                    return (a,)
        return ()

    def _pronoun_targets(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                         context, doc) -> tuple[Actor, ...]:
        """The target of an object pronoun that names no target (resolved to the subject itself:
        "police stopped three men and shot *them*" is not about the police): the object of the
        nearest earlier verb of the same subject in the sentence."""
        if ex.object is None or ex.object.text.lower() not in _OBJECT_PRONOUNS or not ex.subject.text:
            return ()
        src_ids = {a.id for a in sources}
        earlier = [g for g in siblings if g is not ex and g.kind == "event" and g.object is not None
                   and g.rel_end <= ex.rel_start and (g.subject.start, g.subject.end) == (ex.subject.start, ex.subject.end)]
        for g in sorted(earlier, key=lambda g: -g.rel_start):
            found = tuple(a for a in self.actors.code_arguments(g.object, doc=doc, context=context)
                          if a.id not in src_ids)
            if found:
                return found
        if ex.object.text.lower() in _PERSON_PRONOUNS:
            # "a Chilean engineer was freed on Monday, a week after *he* was seized by armed men": a person
            # pronoun is the nearest person or people named before it in the sentence
            before = [x for g in siblings if g is not ex and g.kind == "event" for x in (g.subject, g.object)
                      if x is not None and x.text and x.end <= ex.object.start and x.text.lower() not in _ALL_PRONOUNS]
            for arg in sorted(before, key=lambda x: -x.end):
                found = tuple(a for a in self.actors.code_arguments(arg, doc=doc, context=context)
                              if a.id not in src_ids and (a.kind == "person" or a.sector in PEOPLE_SECTORS))
                if found:
                    return found[:1]
        return ()

    def _holder_targets(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                        context, doc) -> tuple[Actor, ...]:
        """The holder of a thing acted on, told by a participle after it ("stormed police
        stations *held by insurgents*", "attacked positions *controlled by the Taliban*"):
        the agent of the participle whose object is this object."""
        obj = ex.object
        if obj is None:
            return ()
        src_ids = {a.id for a in sources}
        for g in siblings:
            if (g is ex or g.kind != "event" or g.object is None or not g.subject.text or g.rel_start < obj.end
                    or (g.object.start, g.object.end) != (obj.start, obj.end)):
                continue
            found = [a for a in self.actors.code_arguments(g.subject, doc=doc, context=context) if a.id not in src_ids]
            vague = [a for a in found if a.id.startswith("actor:") and a.country is None]
            named = tuple(a for a in found if a not in vague)
            return named or self._domestic_parties(ex, sources, [a for a in vague if a.sector in _VAGUE_TARGET_SECTORS],
                                                   context)
        return ()

    def _clause_targets(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                        context, doc) -> tuple[Actor, ...]:
        """The subject of the first clause inside ``ex``'s object ("demanded that *the US* cancel")."""
        assert ex.object is not None
        inner = sorted((x for x in siblings if x is not ex and x.kind != "role" and x.subject.text
                        and ex.object.start <= x.rel_start < ex.object.end), key=lambda x: x.rel_start)
        return next((found for x in inner for found in [self._subject_targets(x, sources, context, doc)] if found), ())

    def _subject_targets(self, clause: Extraction, sources: Sequence[Actor], context, doc) -> tuple[Actor, ...]:
        """The actors of ``clause``'s subject that are not among ``sources``: whom a demand of that clause asks."""
        src_ids = {a.id for a in sources}
        return tuple(a for a in self.actors.code_arguments(clause.subject, doc=doc, context=context)
                     if a.id not in src_ids)

    @staticmethod
    def _clause_object(ex: Extraction, siblings: Sequence[Extraction]) -> Extraction | None:
        """The clause that is ``ex``'s object, opened by its subject ("insisted *Peru must leave*", "said
        that *they* would ..."), else None (a noun phrase, even one a relative clause describes: "demanded
        the release of prisoners *who were* arrested"; and a clause in the demanded mode, "demanded that
        *Peru leave*", which is coded as the demand itself)."""
        obj = ex.object
        if obj is None:
            return None
        start = obj.start + (len("that ") if obj.text.lower().startswith("that ") else 0)
        return next((x for x in siblings if x is not ex and x.kind == "event" and x.subject.text
                     and x.subject.start == start and obj.start <= x.rel_start < obj.end
                     and x.mode != "demanded"), None)

    def _condition_targets(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                           context, doc) -> tuple[Actor, ...]:
        """The side a threat, or an offer (03), is held over: the subject of its condition ("threatened
        to stop the talks *if the United States* goes ahead", "threatened to quit *unless Sharon* agrees",
        "willing to resume talks *if Chile* is ready to ..."), an ``if``/``unless`` clause on the act's
        verb, the verb it completes or its complement."""
        tok = relation_root(ex, doc) if doc is not None else None
        if tok is None:
            return ()
        verbs = {tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp"))}
        # "is willing *to resume* talks if ...": the complement of a predicate adjective
        verbs.update(x for a in tok.children if a.dep_ == "acomp" for x in a.children if x.dep_ == "xcomp")
        if tok.dep_ in ("xcomp", "ccomp"):
            verbs.add(tok.head)
        conditions = [c for v in verbs for c in v.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)]
        src_ids = {a.id for a in sources}
        for x in siblings:
            if x is ex or x.kind != "event" or not x.subject.text:
                continue
            if any(x.rel_start <= c.idx < x.rel_end for c in conditions):
                found = tuple(a for a in self.actors.code_arguments(x.subject, doc=doc, context=context)
                              if a.id not in src_ids)
                if found:
                    return found
        for c in conditions:  # a condition no extraction holds ("if Chile *is* ready to ..."): its subject
            subj = next((t for t in c.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
                words = doc[subj.left_edge.i:subj.right_edge.i + 1]
                arg = Argument("subject", words.text, words.start_char, words.end_char, subj.text, subj.lemma_,
                               subj.ent_type_)
                found = tuple(a for a in self.actors.code_arguments(arg, doc=doc, context=context) if a.id not in src_ids)
                if found:
                    return found
        return ()

    def _purpose_targets(self, ex: Extraction, sources: Sequence[Actor], context, doc) -> tuple[Actor, ...]:
        """Whom a protest is aimed at, when its clause names nobody: the actors of its stated demand
        ("teachers marched *to demand* the resignation of *the Peruvian president*", "students rallied
        *calling for* talks with *Peru*", "a sit-in *to demand* wages from *the ministry*"): the object
        and phrases of a verb of saying or wanting (``verbs_frames.tsv``) that completes the protest's
        verb or its object (``advcl``, ``xcomp``, ``acl``); not the protesters' own actors, not another
        clause's phrases ("blocked the bridge *crossing the Maipo*")."""
        tok = relation_root(ex, doc) if doc is not None else None
        if tok is None:
            return ()
        heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
        src_ids = {a.id for a in sources}
        for clause in (c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB"
                       and any(self.lexicon.has_frame(c.lemma_, k) for k in ("speech", "request"))):
            for arg in (c for c in clause.children if c.dep_ in ("dobj", "obj", "prep", "dative")):
                span = doc[arg.left_edge.i:arg.right_edge.i + 1]
                head = next((t for t in span if t.dep_ == "pobj"), arg) if arg.dep_ == "prep" else arg
                phrase = Argument("other", span.text, span.start_char, span.end_char, head=head.text,
                                  head_lemma=head.lemma_, label=head.ent_type_)
                found = tuple(a for a in self.actors.code_arguments(phrase, doc=doc, context=context)
                              if a.id not in src_ids)
                if found:
                    return found
        return ()

    def _place(self, ex: Extraction) -> str | None:
        for x in ex.extras:
            if x.role == "place" or (x.prep in PLACE_PREPS and x.label in ("GPE", "LOC", "FAC")):
                iso = self.actors.place_country(x.text, x.label)
                if iso:
                    return iso
        return None


#: CAMEO's code of judicial cooperation (extradition, handing over suspects): its partner is whom they are sent to.
_JUDICIAL = "063"
#: Subordinators of a threat's condition (a threat only: an *if* also conditions promises, "will send aid if asked")
_CONDITION_MARKS = frozenset({"if", "unless"})
#: A possessive pronoun's people: "*his* (own) supporters", "their loyal followers"
_OWN_PEOPLE = re.compile(r"^(?:his|her|its|their)\s+(?:\w+\s+)?(\w+)$", re.IGNORECASE)
#: Participles after a thing whose object is who the thing carries ("a convoy *carrying* X")
_CARRY_LEMMAS = frozenset({"carry", "transport", "escort", "ferry"})


#: Words of a phrase that only counts people: numbers, their qualifiers, and bare "people"
_COUNT_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands dozen dozens scores".split())
_COUNT_WORDS = _COUNT_NUMBERS | frozenset(
    "at least more than about some nearly almost over up to around another other others people persons "
    "of a and or".split())
_NUMBER_TOKEN = re.compile(r"^\d[\d,.]*$")


#: "two others": people of the kind counted before them, no count of a country's people.
_OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)


def _counts_people(text: str) -> bool:
    """Whether ``text`` only counts people: a number with qualifiers, maybe "people" or "others".

    Examples
    --------
    >>> _counts_people("at least 25"), _counts_people("Three"), _counts_people("15 others"), _counts_people("dozens of people")
    (True, True, True, True)
    >>> _counts_people("24 Islamic militants"), _counts_people("others"), _counts_people("the convoy")
    (False, False, False)
    """
    words = text.lower().replace("-", " ").split()
    return (any(w in _COUNT_NUMBERS or _NUMBER_TOKEN.match(w) for w in words)
            and all(w in _COUNT_WORDS or _NUMBER_TOKEN.match(w) for w in words))


def _carried_or_held(arg: Argument | None, doc, carried: bool = True) -> list[Argument]:
    """Who a thing carries or who holds it, told by a participle after it in the Doc ("a
    convoy *carrying the minister*", "an area *controlled by militants*"), as arguments;
    none without a Doc or for a name.  ``carried=False``: only the agents of participles
    ("a plan *drawn up by X*")."""
    if arg is None or doc is None or not arg.text or not (arg.head or "")[:1].islower():
        return []
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return []
    # ... after the head, or (an agent only) after a noun of its "of" phrase ("a team of
    # commissioners *proposed by X*")
    if not carried and span.root.pos_ != "NOUN":
        return []  # a clause ("that they would not give in ..."), no thing
    nouns = [span.root] if carried else [span.root, *(t for t in span if t.dep_ == "pobj" and t.head.lower_ == "of"
                                                      and t.head.head.i == span.root.i)]
    out = []
    for verb in (v for noun in nouns for v in noun.children):
        if verb.dep_ != "acl" or verb.i < verb.head.i:
            continue
        for c in verb.children:
            if carried and verb.lemma_ in _CARRY_LEMMAS and c.dep_ == "dobj":
                pobj = c
            elif c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            else:
                continue
            if pobj is None:
                continue
            words = doc[pobj.left_edge.i:pobj.right_edge.i + 1]
            out.append(Argument("other", words.text, words.start_char, words.end_char, pobj.text, pobj.lemma_,
                                pobj.ent_type_, "by"))
    return out


_POSSESSIVE = re.compile(r"^(.*\S)(?:'s|\u2019s|(?<=s)'|(?<=s)\u2019)\s+\S", re.DOTALL)


def country_or_people(actors, iso: str, ex: Extraction, code: str | None) -> Actor:
    """The country ``iso`` as an event's target, or its people (``CVL``) when the event is an act done to people
    (:data:`~geokg.ingest.coding.rules.PEOPLE_CODES`) whose object names no actor: "police arrested *two brothers*
    in Lima" is done to Peruvians, not to Peru."""
    if ex.object is not None and (code or "").startswith(PEOPLE_CODES):
        return actors.sector_actor(iso, "CVL", ex.object.text)
    return actors.country_actor(iso)


def _possessor(arg: Argument | None) -> Argument | None:
    """The possessor of a thing's noun phrase ("*Prime Minister Ariel Sharon*'s Gaza pullout
    plan"), as an argument; None unless the phrase is headed by a common noun after the
    possessive (a name -- "Mexico's President X" -- is coded whole, and so is a role word:
    the caller checks that)."""
    if arg is None or not arg.head or not arg.head[:1].islower():
        return None
    m = _POSSESSIVE.match(arg.text)
    if m is None or arg.head not in arg.text[m.end(1):].split():
        return None  # "members of *Iraq's* forces": the possessive is inside a phrase after the head
    owner = m.group(1)
    return replace(arg, text=owner, end=arg.start + len(owner), head=owner.split()[-1], head_lemma="", label="",
                   resolved="")


#: Codes of meetings a plural subject may hold among its own members.
_MEETING_CODES = frozenset({"036", "040", "046"})


def _among_themselves(ex: Extraction, code: str | None) -> bool:
    """Whether a meeting with neither object nor partner may be held among the members a
    plural noun subject names ("EU interior *ministers* are to meet in X"): where they meet at
    home is no party (:meth:`TargetRules._at_home`).

    >>> ex = Extraction("a", 0, 0, 30, Argument("subject", "EU ministers", 0, 12, head="ministers"), "meet", "meet",
    ...                 13, 17, extras=(Argument("place", "Rome", 21, 25, prep="in"),))
    >>> _among_themselves(ex, "036"), _among_themselves(ex, "042")
    (True, False)
    """
    head = ex.subject.head or ""
    if code not in _MEETING_CODES or ex.object is not None or not head[:1].islower():
        return False
    if any(x.prep in ("with", "between", "to") for x in ex.extras):
        return False
    return singular(head.lower()) != head.lower()


#: Object pronouns that may stand for an earlier object of the same subject.
_OBJECT_PRONOUNS = frozenset({"them", "him", "her", "he", "she"})  # "he" too: the patient of a passive
#: Pronouns of one person ("*he* was abducted", "shot *her*")
_PERSON_PRONOUNS = frozenset({"him", "her", "he", "she"})
_ALL_PRONOUNS = _OBJECT_PRONOUNS | {"it", "they", "we", "i", "you", "us", "me"}

#: Prepositions whose phrase, inside an object noun phrase, names the other party of a relation.
_PARTNER_PREPS = frozenset({"with", "between", "against", "toward", "towards"})
#: Prepositions of whom a thing given or withheld is for: "aid *to* X", "a programme *for* X"
_BENEFICIARY_PREPS = frozenset({"for", "to"})


def _path_up(tok, root) -> list:
    """The tokens from ``tok`` up its heads to ``root`` (``root`` left out; ``tok`` in its subtree)."""
    out = []
    while tok.i != root.i and tok.head.i != tok.i:
        out.append(tok)
        tok = tok.head
    return out


def _holder_phrase(obj: Argument) -> Argument | None:
    """The "of" phrase of a thing, up to a phrase of place or topic: "the right *of Peruvian troops* to act",
    "the record *of the Chilean army* in Peru"; None without one.

    >>> _holder_phrase(Argument("object", "the right of Peruvian troops to act", 0, 35)).text
    'Peruvian troops'
    >>> _holder_phrase(Argument("object", "its record", 0, 10)) is None
    True
    """
    at = obj.text.find(" of ")
    if at < 0:
        return None
    text = _HOLDER_END.split(obj.text[at + 4:], maxsplit=1)[0].strip()
    if not text:
        return None
    start = obj.start + at + 4
    return Argument("other", text, start, start + len(text), head=text.split()[-1], prep="of")


def _partner_phrases(obj: Argument | None, doc, preps: frozenset[str] = _PARTNER_PREPS,
                     clauses: bool = True) -> list[Argument]:
    """The ``with``/``between``/``against`` phrases (or others: ``preps``) that hang inside an object
    noun phrase in the Doc but were cut from its span ("a resumption of ties *with Osgiliath*",
    "ties *between Gondor and Osgiliath*"), as arguments; none without a Doc.  ``clauses`` False:
    only phrases of the noun phrase itself, not of a clause inside it ("a request to join a panel
    *to study* a fund *for X*")."""
    if obj is None or doc is None or not obj.text:
        return []
    span = doc.char_span(obj.start, obj.end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for tok in span.root.subtree:
        if tok.dep_ != "prep" or tok.lower_ not in preps or tok.i < span.start:
            continue
        if not clauses and any(t.pos_ in ("VERB", "AUX") for t in _path_up(tok.head, span.root)):
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.i < span.end and tok.i < span.end and pobj.right_edge.i < span.end:
            continue  # inside the object's own span: coded with it
        words = doc[pobj.left_edge.i:pobj.right_edge.i + 1]
        out.append(Argument("other", words.text, words.start_char, words.end_char, pobj.text, pobj.lemma_,
                            pobj.ent_type_, tok.lower_))
    return out
