"""Finding the sources of an extraction: who acted, and the type a harm takes from its cause.

:class:`SourceRules` is the part of :class:`~geokg.ingest.coding.extraction.ExtractionCoder`
that picks source actors: the subject's (police and criminals of the place they act in; a
harmful thing's "by" phrase or modifiers, never the town naming a bomb), the agent of the noun
an agentless act happened in ("killed in a raid *by* X", "in a *Taliban* attack"), the armed
subject of its "when" clause ("were killed *when militants* blew up a post"), a nominal's
modifiers, an earlier clause's subject, the parties of a "between" phrase (each acting on the
other) and of talks that resumed; it also refines a source's sector by its role, and types a
harm told by a generic violence verb by the fighting or attack named with it (``_cause_code``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geokg.ingest.actors.data import CodingContext
from geokg.ingest.actors.words import PREPOSITIONS, singular
from geokg.ingest.coding.filters import PASSIVE_RE, headed_by, instrument_modifiers
from geokg.ingest.coding.rules import (
    NON_EVENT_KINDS,
    PEOPLE_SECTORS,
    PLACE_PREPS,
    STATE_SECTORS,
    VIOLENCE_ROOTS,
    governing_extraction,
    relation_root,
)
from geokg.ingest.records import Actor, Argument, Extraction

__all__ = ["SourceRules"]

#: A preposition of what a harmful thing hits or where ("an attack *on* a base", "a raid *in* X").
_AIMED_AT = re.compile(r"\s+(?:on|against|at|in|near|inside|outside)\s", re.IGNORECASE)
#: Sectors of armed groups that take the article's country when they act as a party (:meth:`SourceRules._home_party`).
_HOME_SECTORS = frozenset({"REB", "UAF", "SEP"})
#: Sectors of forces that act where they belong: police and criminals ("police arrested X in London").
_LOCAL_SECTORS = frozenset({"COP", "CRM"})
#: Prepositions of a place the act happens in ("arrested two men *in* London").
_IN_PREPS = frozenset({"in", "at", "inside", "within", "throughout"})
#: Prepositions that place an armed group in a country (:meth:`SourceRules._placed_armed`).
_WITHIN_PREPS = frozenset({"in", "inside", "across", "throughout"})
#: Sectors of armed forces: who acts in an attack its modifiers name ("a *rebel* attack").
_ARMED_SECTORS = frozenset({"REB", "UAF", "SEP", "MIL", "COP"})


#: The codes of verbs that tell a harm, not how it was done ("killed", "wounded", "hit"):
#: the fighting or attack named with them gives the event's type (``_cause_code``).
_GENERIC_VIOLENCE = frozenset({"180", "190"})
#: Verbs of two sides fighting: a "when" clause of one is the cause of a harm ("were killed
#: when rebels clashed with troops").
_FIGHT_VERBS = frozenset({"clash", "fight", "battle"})
#: Verbs that name who did a harm, with the preposition of the doer: "attacks *blamed on* X",
#: "an attack *carried out by* X".
_BLAME_PREPS = {"blame": "on", "carry": "by"}


def _doc_causes(ex: Extraction, doc) -> tuple[str | None, list[Argument]]:
    """What the Doc tells of the cause of the harm ``ex`` tells, beyond its own arguments: the
    lemma of a verb of fighting in a "when"/"as" clause of its verb, and the "in"/"during"
    phrases of the verbs conjoined with it (each as an argument up to its head noun)."""
    tok = relation_root(ex, doc) if doc is not None and ex.kind == "event" else None
    if tok is None:
        return None, []
    verbs = [tok, *(c for c in tok.children if c.dep_ == "conj")]
    if tok.dep_ == "conj":
        verbs.append(tok.head)
    fought = next((c.lemma_.lower() for v in verbs for c in v.children
                   if c.dep_ == "advcl" and c.lemma_.lower() in _FIGHT_VERBS
                   and any(m.dep_ == "advmod" and m.lower_ in ("when", "as") or m.dep_ == "mark"
                           and m.lower_ in ("when", "as") for m in c.children)), None)
    phrases = []
    for v in verbs[1:]:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during"):
                for obj in (x for x in c.children if x.dep_ == "pobj"):
                    span = doc[obj.left_edge.i:obj.i + 1]
                    phrases.append(Argument("other", span.text, span.start_char, span.end_char, head=obj.text,
                                            prep=c.lower_))
    return fought, phrases


def _armed(found: Sequence[Actor]) -> tuple[Actor, ...]:
    """The named groups and armed forces among ``found`` (not places, nationalities or governments)."""
    return tuple(a for a in found if (a.kind in ("group", "organization") and not a.id.startswith("actor:"))
                 or (a.id.startswith("actor:") and a.sector in _ARMED_SECTORS))


class SourceRules:
    """The source rules of :class:`~geokg.ingest.coding.extraction.ExtractionCoder` (see the
    module doc); they use its actor coder (``self.actors``), lexicon and CAMEO table."""

    def _cause_code(self, ex: Extraction, code: str | None, state: bool | None, doc=None) -> str | None:
        """The code of the fighting or attack that did a harm told by a generic violence verb
        ("killed", "wounded", "hit": 180/190), when its subject or an "in"/"during" phrase names
        one: "killed *in clashes*" 190, "*Israeli air strikes* killed" 195, "*a car bomb* killed"
        1832 -- the event is the fighting or the bombing, whoever did it (PETRARCH CAMEO.2.0 KILL:
        "* (IN CLASH)" [193], "AIRSTRIKE *" [195], "{&CAR &WEAPON} *" [1832]; DIE: "* (IN
        CLASHES)" [190]).  The cause is headed by a term of ``@INSTRUMENTS`` or ``@FIGHTING``; a
        verb of its own kind keeps its code ("shot dead in clashes" 193).  In the Doc, the phrase
        may hang on a conjoined verb ("one was killed and three were wounded *in clashes*"), and a
        "when" clause of fighting is the cause too ("were killed *when* rebels *clashed* with
        troops": PETRARCH DIE "* (AFTER CLASH)" [190]).  An explosion (``@EXPLOSIONS``) no state set
        off is a non-military bombing (183: "a blast *hit* the embassy", not the block's 190)."""
        if code not in _GENERIC_VIOLENCE:
            return code
        causes = [ex.subject] if ex.subject.text else []
        causes += [x for x in ex.extras if x.prep in ("in", "during") and x is not ex.object]
        if ex.object is not None and ex.lemma.split()[-1] in ("in", "during"):
            causes.append(ex.object)  # "wounded in | clashes"
        fought, phrases = _doc_causes(ex, doc)
        if fought is not None:
            found = self.lexicon.lookup(fought, source_state=state)
            if found is not None and found[:2] == "19":
                return found
        for arg in (*causes, *phrases):
            if self._headed_by(arg, "ARTILLERY"):
                return "194"  # "a mortar round killed", "killed in rocket fire": artillery fire (@ARTILLERY)
            if not (self._headed_by(arg, "INSTRUMENTS") or self._headed_by(arg, "FIGHTING")):
                continue  # "destroyed *by fire*": a harm, not a fight
            if state is not True and self._headed_by(arg, "EXPLOSIONS"):
                return "183"  # "a blast hit the embassy": a bombing, whoever set it off (CAMEO 183)
            head = arg.head or arg.text.split()[-1]
            at = arg.text.find(head)
            found = self.lexicon.noun_code(arg.text[:at + len(head)] if at >= 0 else head, state)
            if found is not None and found[:2] in VIOLENCE_ROOTS and found != code:
                return found
        return code

    def _harmless_subject(self, ex: Extraction) -> bool:
        """Whether the subject of a violent verb with no actor and no geokg row (a PETRARCH block
        code: "hit", "rock", "overcome") names nothing that can do harm: neither people nor
        attackers, nor a weapon, an attack or a fight (``@INSTRUMENTS``, ``@FIGHTING``), nor a
        vehicle -- "*terror scares* hit Australia", "*a schooling mix-up* hits Portugal" use the
        verb as a figure of speech.
        The subject of a passive is its victim, not its doer ("ten were killed"): never harmless."""
        subject = ex.subject
        if not subject.text.strip() or PASSIVE_RE.search(ex.relation) or subject.start > ex.rel_start:
            return False
        if self.lexicon.clause_rows(ex.relation, ex.lemma):
            return False  # a verb geokg codes ("kill", "attack") is violence whoever its subject
        if subject.label in ("PERSON", "NORP", "ORG", "GPE"):
            return False
        head = subject.head or subject.text.split()[-1]
        return not (self.lexicon.names_people(head) or any(
            self._headed_by(subject, c) for c in ("INSTRUMENTS", "FIGHTING", "VEHICLES", "WEAPONS", "HEAVYWEAPONS",
                                                  "ATTACKERS")
            if c in self.lexicon.classes))

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
            if self._town_of(subject):
                return ()
            return self._instrument_agent(subject, context) or self._blamed_agent(ex, doc, context)
        if (ex.kind == "nominal" and subject.text and doc is not None and subject.end <= ex.rel_start
                and self._town_of(replace(subject, text=self._doc_text(doc, context)[subject.start:ex.rel_end],
                                          end=ex.rel_end, head=ex.relation.split()[-1], head_lemma=ex.lemma))):
            return ()  # "the *Jakarta* bombing": the town says where it happened, not who acted
        sources = self.actors.code_arguments(subject, doc=doc, context=context) if subject.text else ()
        if sources and not self.actors.names_country(subject.text):
            sources = self._local_forces(ex, sources)
        if not sources and not subject.text and doc is not None:
            # "killed in a raid *by Peruvian bombers*": the agent of the noun the act happened in
            sources = next((found for x in ex.extras if x.prep in ("in", "during")
                            for found in [self._noun_agent(x, doc, context)] if found), ())
        if not sources and not subject.text:
            # "five guards were killed *in a Taliban attack*": the attack's agent acted
            sources = next((found for x in ex.extras if x.prep in ("in", "during") and self._instrument(x)
                            for found in [self._attack_agent(x, siblings, doc, context)] if found), ())
        if not sources and not subject.text and doc is not None:
            sources = self._when_agent(ex, doc, context) or self._blamed_agent(ex, doc, context)
        if not sources and ex.kind == "nominal" and not ex.subject.text:
            sources = self._nominal_agent(ex, doc, context)
        if not sources:
            sources = self._inherited_subject(ex, siblings, context, doc)
        return self._placed_armed(ex, tuple(sources), siblings)

    def _placed_armed(self, ex: Extraction, sources: tuple[Actor, ...], siblings: Sequence[Extraction]
                      ) -> tuple[Actor, ...]:
        """Rebels, militants or gunmen named with no country are of the country where their clause places
        them ("gunmen seized two engineers *in Lima*": Peru's; "militants holding aid workers *in
        Bolivia*"), as PLOVER's gold records code them, or where another clause of the same subject
        phrase does ("rebels struck army posts *across Peru*, killing ten guards"), or any clause of
        the sentence when this one took its subject from another.  "At" and "near" name a target or a
        border as often as a place, so only "in", "inside", "across" and "throughout" count."""
        def placeless(a: Actor) -> bool:
            return a.country is None and a.id == f"actor:{a.sector}" and a.sector in _HOME_SECTORS

        if not any(placeless(a) for a in sources):
            return sources
        subj = (ex.subject.start, ex.subject.end)
        told = (ex, *(s for s in siblings
                      if s is not ex and (not ex.subject.text or (s.subject.start, s.subject.end) == subj)))
        iso = self._place_country(told, _WITHIN_PREPS)
        if iso is None:
            return sources
        return tuple(self.actors.sector_actor(iso, a.sector, a.name) if placeless(a) else a for a in sources)

    def _place_country(self, exs: Sequence[Extraction], preps: frozenset[str], labelled: bool = False) -> str | None:
        """The country of the first place phrase of ``exs`` after one of ``preps`` (a "place" argument, or with
        ``labelled`` any phrase the NER tags as a place), or None."""
        return next((c for e in exs for x in e.extras
                     if x.prep in preps and (x.role == "place" or labelled and x.label in ("GPE", "LOC", "FAC"))
                     for c in [self.actors.place_country(x.text, x.label)] if c), None)

    def _doc_text(self, doc, context: CodingContext | None) -> str:
        """``doc.text``, built once per article (the text of the context's Doc index)."""
        return self.actors.doc_index(doc, context).text if context is not None else doc.text

    def _local_forces(self, ex: Extraction, sources: Sequence[Actor]) -> tuple[Actor, ...]:
        """Police and criminals named with no nationality belong to the country where they act
        ("police arrested two Pakistanis *in London*": British police), not to the article's
        main country (which the people they act on may give); "near the border" may be across it."""
        iso = self._place_country((ex,), _IN_PREPS, labelled=True)
        if iso is None:
            return tuple(sources)
        return tuple(self.actors.sector_actor(iso, a.sector, ex.subject.text)
                     if a.id.startswith("actor:") and a.sector in _LOCAL_SECTORS and a.country != iso else a
                     for a in sources)

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

    def _noun_agent(self, arg: Argument, doc, context: CodingContext | None) -> tuple[Actor, ...]:
        """The actors of the "by" phrase of the noun an act happened in, read in the Doc ("killed
        during an air raid *by Peruvian bombers*", "seized in an operation *by officers from the
        police*", "killed in a jail break attempt *by rebel inmates*"): a by-phrase names the agent
        outright, a country too (unlike a modifier: "in a *Baghdad* attack"); so does the "with"
        party of a fight noun ("killed in clashes *with militants*").  None when the noun has
        neither of its own."""
        span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
        if span is None or not len(span):
            return ()
        by = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is None and singular(span.root.lemma_.lower()) in self.lexicon.class_terms("FIGHTS")[0]:
            # "killed in clashes *with rebels*": the other side of a fight acted on the victims
            by = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ in ("with", "against")), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if pobj is None:
            return ()
        start, end = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
        agent = Argument("subject", self._doc_text(doc, context)[start:end], start, end, head=pobj.text,
                         head_lemma=pobj.lemma_, label=pobj.ent_type_)
        return tuple(self.actors.code_arguments(agent, doc=doc, context=context))

    def _attack_agent(self, arg: Argument, siblings: Sequence[Extraction], doc, context) -> tuple[Actor, ...]:
        """Who acted in the attack an "in" phrase names: its agent ("killed in an attack *by
        Taliban fighters*"), else a named group or an armed force among its modifiers ("in a
        *Taliban* attack", "in an *Algeria rebel* attack", "in a *US military* raid") -- never a
        place, a nationality or a government ("in a *Baghdad* rocket attack", "in *Iraqi*
        violence": where it happened, not who did it), except the nationality of a state's kind of
        force, an air strike or shelling (a noun coded 19x whoever acts: "in an *Israeli* air strike")."""
        if " by " in arg.text:
            return self._instrument_agent(arg, context)

        nominal = next((g for g in siblings if g.kind == "nominal" and g.subject.text
                        and arg.start <= g.rel_start < arg.end), None)
        found = _armed(self.actors.code_arguments(nominal.subject, doc=doc, context=context)) if nominal else ()
        if found:
            return found
        found = self._instrument_agent(arg, context)
        # ... but a state's air strike or shelling (conventional force, CAMEO 19x) is its forces' ("killed in an
        # *Israeli* air strike"): a nationality names who struck, as no one else strikes from the air
        head = arg.head or arg.text.split()[-1]
        code = self.lexicon.noun_code(arg.text[:arg.text.find(head) + len(head)] if head in arg.text else head, False)
        states = dict.fromkeys(a.country for a in found
                               if a.country and (a.kind == "country" or a.sector in PEOPLE_SECTORS))
        if (code or "")[:2] == "19" and states:  # "an Israeli" is Israel here
            return tuple(self.actors.country_actor(iso) for iso in states)
        return _armed(found)

    def _when_agent(self, ex: Extraction, doc, context) -> tuple[Actor, ...]:
        """The armed actors that are the subject of a "when"/"as" clause of an agentless harm
        ("two soldiers were wounded *when rebels set off* a mine", "were killed *as Chilean
        troops stormed* the camp"): they did the harm.  Only armed forces and named groups
        (``_ARMED_SECTORS``), not a vehicle or a crowd ("when their truck hit a mine")."""
        tok = relation_root(ex, doc) if ex.kind == "event" else None
        if tok is None:
            return ()
        clauses = (c for v in (tok, *(c for c in tok.children if c.dep_ == "conj")) for c in v.children
                   if c.dep_ == "advcl" and c.pos_ == "VERB"
                   and any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as") for m in c.children))
        for verb in clauses:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            found = self._armed_words(doc, context, subj, subj.left_edge.idx, subj.idx + len(subj.text))
            if found:
                return found
        return ()

    def _blamed_agent(self, ex: Extraction, doc, context) -> tuple[Actor, ...]:
        """The armed actors the sentence of an agentless harm blames it on ("two guards died in a raid
        *blamed on Peruvian rebels*", "a bombing officials say was *carried out by Chilean militants*"):
        named as its doers.  Only in the harm's own sentence, and only armed forces and named groups."""
        sent = doc.char_span(ex.sent_start, ex.sent_end, alignment_mode="expand") if doc is not None else None
        if sent is None:
            return ()
        for tok in sent:
            prep = _BLAME_PREPS.get(tok.lemma_.lower())
            if prep is None:
                continue
            for p in tok.children:
                if p.dep_ in ("prep", "agent") and p.lower_ == prep:
                    obj = next((c for c in p.children if c.dep_ == "pobj"), None)
                    if obj is None:
                        continue
                    found = self._armed_words(doc, context, obj, obj.left_edge.idx,
                                              obj.right_edge.idx + len(obj.right_edge.text))
                    if found:
                        return found
        return ()

    def _armed_words(self, doc, context, head, start: int, end: int) -> tuple[Actor, ...]:
        """The named groups and armed forces (:func:`_armed`) that the Doc's characters ``start:end``, headed
        by token ``head``, name."""
        agent = Argument("subject", self._doc_text(doc, context)[start:end], start, end, head=head.text,
                         head_lemma=head.lemma_, label=head.ent_type_)
        return _armed(self.actors.code_arguments(agent, doc=doc, context=context))

    def _headed_by(self, subject: Argument, word_class: str) -> bool:
        """:func:`~geokg.ingest.coding.filters.headed_by` with this coder's lexicon."""
        return headed_by(self.lexicon, subject, word_class)

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
                if found and not (subj.text.lower() == "they" and all(a.kind == "person" for a in found)):
                    return found  # not "Downer declared that *they* could fire a missile": others than him
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
        role = self._counted_role(arg)
        for size in range(len(code), 1, -1):
            new = self.event_codes.get((role, code[:size]))
            if new:
                return new
        return code

    def _counted_role(self, arg: Argument) -> str:
        """The singular role word heading ``arg``, read past a quantity head and its "of"
        ("hundreds of *villagers*", "a crowd of angry *protesters*"; ``quantity_heads``)."""
        role = singular((arg.head_lemma or arg.head or "").lower())
        quantities = self.actors.words["quantity_heads"]
        if role not in quantities and (arg.head or "").lower() not in quantities:
            return role
        words = arg.text.lower().split()
        if "of" not in words:
            return role
        rest = words[words.index("of") + 1:]
        stop = next((i for i, w in enumerate(rest) if w in PREPOSITIONS or not w.isalpha()), len(rest))
        return singular(rest[stop - 1]) if stop else role

    def _refine_sector(self, actor: Actor, arg: Argument, code: str) -> Actor:
        """The source's sector from its role word and the event (``coding/roles_event_sectors.tsv``):
        "authorities" that arrest act as police; a country read from a bare collective ("an
        *Iraqi group* killed a hostage") is no state but a group of that country."""
        if not (actor.id.startswith("actor:") or actor.kind == "country") or not actor.country:
            return actor
        role = singular(arg.head_lemma or arg.head or "")
        for size in range(len(code), 1, -1):
            sector = self.event_sectors.get((role, code[:size]))
            if sector:
                return self.actors.sector_actor(actor.country, sector, arg.text)
        return actor

    def _home_party(self, actor: Actor, code: str, context: CodingContext | None,
                    targets: Sequence[Actor] = ()) -> Actor:
        """An armed group named without a country (rebels, militias, separatists: "militants", "rebel
        leaders"; the phrase rules give them no default country) that negotiates, asks, welcomes or
        yields (CAMEO QuadClass 1 or 2) is a party of the country whose state it deals with ("rebel
        groups agreed to talks *with the Sudanese government* in Abuja": Sudan's), else of the
        article's country: attackers of no named country may come from abroad, but a party to talks
        has a home ("militants holding UN workers negotiated with the Afghan government")."""
        if (context is None or actor.country or actor.id != f"actor:{actor.sector}"
                or actor.sector not in _HOME_SECTORS or self.table[code].quad_class not in (1, 2)):
            return actor
        states = {a.country for a in targets if a.country and (a.kind == "country" or a.sector in STATE_SECTORS)}
        home = next(iter(states)) if len(states) == 1 else context.default_country
        return self.actors.sector_actor(home, actor.sector, actor.name) if home else actor

    def _continued_meeting(self, ex: Extraction, mode: str, doc, context: CodingContext | None
                           ) -> tuple[str, tuple[Actor, ...]] | None:
        """"Talks between X and Y *resumed*": an aspectual verb (frame ``support``) whose subject
        is an event noun with a "between" phrase in the Doc is that event between its parties,
        each acting on the other: (the noun's code, the parties), else None."""
        subj = ex.subject
        if (ex.kind != "event" or ex.object is not None or ex.polarity != "positive"
                or mode not in ("asserted", "reported") or not subj.head or subj.label
                or self.lexicon.frame(ex.lemma.lower()) != "support"):
            return None
        head = subj.head.lower()  # "Talks between ..." opening the sentence
        code = self.lexicon.noun_code(head, None) if self.lexicon.is_event_noun(head) else None
        if code is None:
            return None
        between = self._between_phrase(subj, doc)
        if between is None:
            return None
        parties = self._between_parties(replace(ex, extras=(*ex.extras, between)), doc, context)
        return (code, parties) if parties else None

    def _between_parties(self, ex: Extraction, doc, context: CodingContext | None) -> tuple[Actor, ...]:
        """The parties of an event noun's "between" phrase ("negotiations *between X and Y*",
        "clashes *between X's troops and Y's police*") when it names two or more; else none."""
        arg = next((x for x in ex.extras if x.prep == "between"), None)
        if arg is None:
            return ()
        # a party named without a country belongs to the event's, else the article's country
        iso = self._place(replace(ex, extras=tuple(x for x in ex.extras if x is not arg))) or (
            context.default_country if context is not None else None)
        found: dict[str, Actor] = {}
        for a in self.actors.code_arguments(arg, doc=doc, context=context):
            if a.id.startswith("actor:") and a.country is None and iso and a.sector:
                a = self.actors.sector_actor(iso, a.sector, a.name)
            found.setdefault(a.id, a)
        return tuple(found.values()) if len(found) > 1 else ()
