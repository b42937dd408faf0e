"""Phrase rules: the actor one noun phrase names.

:class:`PhraseRules` extends the :class:`~geokg.ingest.actors.gazetteer.Gazetteer`
with the rules that code one conjunct of an argument, given its tokens and head:
organisations and known people first, then person names, seats and capitals (the
government), country names, role words with their country ("the Mexican
government", "US officials", "Sheinbaum's government") and demonyms
("Palestinians").  A role word with no country takes the country of a post-head
phrase ("officials *in Guinea*"), of a possessor, else the article's main country.

Examples
--------
>>> rules = PhraseRules.default()
>>> words = ["the", "Mexican", "government"]
>>> rules.code_phrase(words, 2, "", [], None, "the Mexican government").id
'actor:MEX-GOV'
>>> rules.code_phrase(["police"], 0, "", [], CodingContext(default_country="IND"), "police").id
'actor:IND-COP'
>>> strip_titles(["President", "Claudia", "Sheinbaum"], frozenset({"president"}))
['Claudia', 'Sheinbaum']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from geokg.ingest.actors.data import (
    CodingContext,
    Entry,
    TermMatch,
    alias_tuple,
    merge_actor,
    with_alias,
)
from geokg.ingest.actors.allegiance import ARMED_SECTORS, followed_actor
from geokg.ingest.actors.gazetteer import Gazetteer
from geokg.ingest.actors.words import (
    CLAUSE_WORDS,
    DETERMINERS,
    NO_DEFAULT_SECTORS,
    PREPOSITIONS,
    WORD_RE,
    is_pronoun,
    singular,
    slug,
)
from geokg.ingest.records import Actor

__all__ = ["PhraseRules", "country_of", "is_generic", "name_run", "office_country", "strip_titles"]


#: Sectors of private bodies: an intergovernmental body does not stand for its members' airlines or farmers.
_PRIVATE_SECTORS = frozenset({"BUS", "MED", "EDU", "AGR", "REL"})
#: Sectors of a party that holds the place a facility head names ("police *stations*", "a rebel *base*").
_HOLDER_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "REB", "UAF", "SEP", "INS"})
#: Endings of English adjectives and participles, which no nationality word has: a sentence's first word
#: ("*Mutinous* soldiers", "*Masked* gunmen") is capitalised without naming a people.
_ADJECTIVE_ENDINGS = ("ous", "ful", "less", "ive", "able", "ible", "ed", "ing", "ly")


#: Words before a head that make its holder a former one ("*former* President X", "the *ousted* leader").
_FORMER = frozenset({"former", "ex-", "ousted", "exiled"})


@dataclass(slots=True)  # not frozen: made for every phrase, and faster so
class _PhraseView:
    """One phrase with its term matches (what :meth:`PhraseRules.code_phrase` reads)."""

    words: list[str]
    head: int
    label: str
    persons: object
    context: CodingContext | None
    alias: str
    matches: list[TermMatch]
    at: dict[int, TermMatch]
    hm: TermMatch | None
    premods: list[TermMatch]
    post: list[TermMatch]
    post_place: str | None
    post_unknown: bool
    former: bool


class PhraseRules(Gazetteer):
    """The gazetteer plus the rules that code one noun phrase (see module doc)."""

    def code_phrase(self, words: list[str], head: int, label: str, persons, context: CodingContext | None,
                     alias: str) -> Actor | None:
        if self._eponym(words, head, context):
            return None  # "the Kyoto Protocol", "backs Kyoto": a document, not Japan
        if words[head].lower() in self.words["relational_heads"] and self._named_other_side(words, head):
            return None  # "Peru's militia ally", "a Shining Path ally": the other side, whom the phrase does not name
        v = self._view(words, head, label, persons, context, alias)
        if words[head].lower() in self.words["member_heads"] and any(
                e.kind == "org" and e.actor is not None and e.actor.kind == "igo"
                for m in v.premods for e in m.entries):
            return None  # "European nations", "NATO countries": the body's members, not the body
        hm = v.hm
        led = self._follower(v)
        if led is not None:
            return led
        # 1. organisations and known people
        if hm is not None:
            org = hm.first("org")
            if org is not None and org.actor is not None:
                return with_alias(org.actor, alias)
            known = hm.first("person")
            if known is not None and known.actor is not None and not self._another_bearer(v, known):
                return self._person(known.actor, v.premods, context, alias, v.former)
        # 2. person names
        person = self._person_name(v)
        if person is not None or hm is None:
            return person if person is not None else self._unmatched_head(v)
        # 3. seats and capitals stand for the government
        place = hm.first("seat")
        if place is None and len(words) - sum(1 for w in words if w.lower() in DETERMINERS) <= hm.end - hm.start + 1:
            place = hm.first("capital")
        if place is not None and hm.first("name") is None:
            return self.sector_actor(place.iso3, place.sector or "GOV", alias)
        # 4. countries by name
        name = hm.first("name")
        if name is not None and hm.first("role") is None and not self._one_person(v):
            return self.country_actor(name.iso3, alias)
        # 5. role words: "the Mexican government", "US officials", "Sheinbaum's government"
        if hm.first("role") is not None:
            return self._role_head(v)
        # 6. demonyms as heads: "Palestinians", "a Saudi"
        dem = hm.first("demonym", "adjective")
        if dem is not None:
            premod_country = country_of(v.premods)
            if any(w.lower() == "ethnic" for w in words[:head]):
                iso = premod_country or (context.default_country if context else None)
                return self.sector_actor(iso, "CVL", alias) if iso else None
            # "four *armed* Palestinians": armed people of the country (UAF, like "armed men"), not its civilians
            armed = any(w.lower() == "armed" for w in words[:head])
            return self.sector_actor(premod_country or dem.iso3, "UAF" if armed else "CVL", alias)
        return None

    def _follower(self, v: _PhraseView) -> Actor | None:
        """A group or armed men named by whom they follow (:mod:`~geokg.ingest.actors.allegiance`): "the group led
        by Abu Ali" is Abu Ali's actor, "militiamen loyal to a Chilean cleric" Chile's armed men; else None."""
        role = v.hm.first("role") if v.hm is not None else None
        band = role is not None and role.sector is None and v.words[v.head].lower() in self.words["band_heads"]
        if country_of(v.premods) or not band and (role is None or role.sector not in ARMED_SECTORS):
            return None  # "an Iraqi group linked to X" is Iraqi whoever it follows

        def code(start: int, end: int) -> Actor | None:
            persons = [(a - start, b - start) for a, b in v.persons if a >= start and b <= end]
            sub = v.words[start:end]
            return self.code_phrase(sub, len(sub) - 1, "PERSON" if persons else "", persons, v.context, " ".join(sub))

        led = followed_actor(v.words, v.head, band, code, self.is_known)
        if led is None:
            return None
        return with_alias(led, v.alias) if band else self.sector_actor(led.country, role.sector, v.alias)

    def _view(self, words: list[str], head: int, label: str, persons, context: CodingContext | None,
              alias: str) -> _PhraseView:
        """The term matches of a phrase: at the head, before it and in a post-head phrase."""
        matches = self._scan(words)
        at = {i: m for m in matches for i in range(m.start, m.end)}
        hm = at.get(head)
        premods = [m for m in matches if m.end <= head or (hm is not None and m is not hm and m.start < hm.start)]
        premods = [m for m in premods if hm is None or m.end <= hm.start]
        premods = self._residence_first(words, premods)
        # post-head prepositional phrases: "of Mexico", "in Guinea"
        post: list[TermMatch] = []
        post_place: str | None = None
        post_unknown = False
        post_preps = ("of", "in", "from") if hm is not None else ("of", "in", "from", "by", "against", "with", "on", "over")
        for i in range(head + 1, len(words)):
            if words[i].lower() in post_preps and i + 1 < len(words):
                end = next((k for k in range(i + 1, len(words)) if words[k].lower() in PREPOSITIONS or words[k] in CLAUSE_WORDS),
                           len(words))
                if words[i].lower() in ("on", "over") and words[end - 1].lower() in self.words["topic_heads"]:
                    break  # "dialogue *on the Bolivia question*": a topic, no party
                if words[end - 1].lower() in self.words["relational_heads"]:
                    break  # "the chief of *Peru's militia ally*": the ally's, not Peru's
                post.extend(m for m in matches if i < m.start < end)
                if not post:
                    phrase = words[i + 1:end]
                    if any(w[:1].isupper() for w in phrase):
                        post_place = self.place_country(" ".join(phrase))
                        post_unknown = post_place is None
                break
            if words[i].lower() in PREPOSITIONS or words[i].lower() in CLAUSE_WORDS:
                break
        former = not _FORMER.isdisjoint(map(str.lower, words[:head]))
        return _PhraseView(words, head, label, persons, context, alias, matches, at, hm, premods, post,
                           post_place, post_unknown, former)

    def _another_bearer(self, v: _PhraseView, known: Entry) -> bool:
        """Whether the one-word name of a dictionary person (``Entry.surname_only``) names somebody else here: a
        given name of its own before it ("*Margaret* Hassan", not "*President* Hassan"), or the article named
        another bearer of it ("Hassan" after "Margaret Hassan")."""
        if not known.surname_only or v.hm.end - v.hm.start != 1:
            return False
        head, words = v.head, v.words
        before = words[head - 1] if head > 0 else ""
        if (before[:1].isupper() and before.isalpha() and (head - 1) not in v.at
                and before.lower() not in self.words["titles"] and before.lower() not in DETERMINERS):
            return True
        seen = v.context.people.get(words[head].lower()) if v.context is not None else None
        return seen is not None and known.actor is not None and seen.id != known.actor.id

    def _one_person(self, v: _PhraseView) -> bool:
        """Whether the head is a nationality word counted as a noun ("*a* Palestinian", "*an*
        American from Ohio", "two Italian" in a headline): a person of the country even where
        a dictionary lists the word as a name of the country."""
        head, words = v.head, v.words
        last = head == len(words) - 1 or words[head + 1].lower() in PREPOSITIONS or words[head + 1] in CLAUSE_WORDS
        return (head > 0 and last and v.hm.start == head and v.hm.end == head + 1
                and v.hm.first("demonym") is not None
                and (words[head - 1].lower() in ("a", "an", "one", "another") or self._is_count(words[head - 1])))

    def _unknown_nationality(self, v: _PhraseView) -> bool:
        """"ethnic Albanians", "Soviet forces": a nationality word geokg does not map to a
        country of today -- do not guess the article's country."""
        titles = self.words["titles"]
        return any(
            w[:1].isupper() and i not in v.at and w.lower() not in DETERMINERS and w.lower().rstrip(".") not in titles
            and not self._is_count(w) and not w.lower().endswith(_ADJECTIVE_ENDINGS)
            and w.lower() not in self.words["common_modifiers"] and w.lower() not in self.words["religions"]
            and WORD_RE.match(w)
            for i, w in enumerate(v.words[:v.head])
        ) or any(w.lower() == "ethnic" for w in v.words[:v.head])

    def _with_country(self, v: _PhraseView, iso: str | None, sector_hint: str | None) -> str | None:
        """The country of a role phrase: its modifier, post-head phrase, possessor, else the article's."""
        if iso:
            return iso
        post_iso = country_of(v.post) or v.post_place
        if post_iso:
            return post_iso
        possessor = self._possessor_country(v.words, v.head, v.matches, v.context)
        if possessor:
            return possessor
        if v.post_unknown or self._unknown_nationality(v) or sector_hint in NO_DEFAULT_SECTORS:
            return None
        if v.context is None:
            return None
        if singular(v.words[v.head]) in self.words["scene_people"] or v.words[v.head].lower() in self.words["scene_people"]:
            # "five people were killed": the people where it happened
            return v.context.scene_country or v.context.default_country
        return v.context.default_country

    def _person_name(self, v: _PhraseView) -> Actor | None:
        """A person named in the phrase (a PERSON entity or a capitalised name run), else None."""
        words, head, hm, titles = v.words, v.head, v.hm, self.words["titles"]
        in_person = any(s <= head < e for s, e in v.persons)
        name_like = (v.label == "PERSON" and words[head][:1].isupper() and head > 0 and words[head - 1][:1].isupper()
                     and (head - 1) not in v.at)
        gazetteer_head = hm is not None and hm.first("name", "capital", "seat", "org", "demonym") is not None
        if (in_person and not gazetteer_head) or (
                v.label == "PERSON" and not gazetteer_head and (hm is None or hm.first("role") is None or name_like)):
            span = next(((s, e) for s, e in v.persons if s <= head < e), None)
            name_words = words[span[0]:span[1]] if span else name_run(words, head, v.at, titles, name_like)
            start = span[0] if span else head - len(name_words) + 1
            # "*Briton* Ana Ruiz", an entity that took in the nationality before the name: a modifier, not a name
            while len(name_words) > 1 and (m := v.at.get(start)) is not None and m.first("demonym", "adjective"):
                name_words, start = name_words[1:], start + 1
            name_words = strip_titles(name_words, titles)
            if name_words:
                return self._named_person(" ".join(name_words), v.premods, v.context, v.alias, v.former)
        elif v.context is not None and not gazetteer_head and words[head][:1].isupper():
            # a later mention the parser did not tag ("Walker urged ..." after "Minister Ignacio
            # Walker"): the name, or the surname, of a person the article names
            name_words = strip_titles(name_run(words, head, v.at, titles), titles)
            if name_words and " ".join(name_words).lower() in v.context.people:
                return self._named_person(" ".join(name_words), v.premods, v.context, v.alias, v.former)
        return None

    def _unmatched_head(self, v: _PhraseView) -> Actor | None:
        """A head the gazetteer does not know: its modifiers, post-head phrase, or an entity label."""
        words, head, label = v.words, v.head, v.label
        low = words[head].lower()
        people = low in self.words["ethnic_groups"] or singular(low) in self.words["religions"]
        if people and low.endswith("s") and country_of(v.premods):
            # "Turkish Kurds", "Lebanese Shiites": people of the country, as "Bosnian Serbs" are, not its state
            return self.sector_actor(country_of(v.premods), "CVL", v.alias)
        if v.premods and not (words[head][:1].isupper() and label in ("PERSON", "ORG")):
            if low in self.words["facility_heads"] and not country_of(v.premods):
                # "police stations", "an army base": the state or armed party that holds it, as "police"
                # alone is (not "civilian buildings", "newspaper offices": property, no party)
                role = next((m for m in reversed(v.premods)
                             if any(e.kind == "role" and e.sector in _HOLDER_SECTORS for e in m.entries)), None)
                if role is not None:
                    return self.code_phrase(words[:role.end], role.end - 1, label, [], v.context, v.alias)
            return self._from_modifiers(v.premods, v.context, None, v.former)
        if v.post and not is_pronoun(words[head]):
            return self._from_modifiers(v.post, v.context, None, v.former)
        if label == "ORG" and words[head][:1].isupper():
            iso = self.place_country(" ".join(words[: head + 1])) if head < 2 else None
            if iso:
                return self.country_actor(iso)
            return self._unknown_org(words, head, v.matches, v.alias)
        if label in ("GPE", "LOC", "FAC") and words[head][:1].isupper():
            iso = self.place_country(" ".join(words[: head + 1]), label)
            return self.country_actor(iso) if iso else None
        return None

    def _role_head(self, v: _PhraseView) -> Actor | None:
        """A role word as head: its sector (or its modifier's) and its country or holder."""
        words, head, premods, alias, context = v.words, v.head, v.premods, v.alias, v.context
        role = v.hm.first("role")
        if v.label == "ORG" and words[head][:1].isupper() and any(
                w[:1].isupper() for w in words[:v.hm.start] if not self._is_count(w) and w.lower() not in DETERMINERS
        ) and not premods:
            # "the Revolutionary Guards": a name around the role word; not "four National Guards"
            # (a count of the role's members, the role term "national guard" itself)
            return self._unknown_org(words, head, v.matches, alias)
        premod_org = next((e.actor for m in reversed(premods) for e in m.entries if e.kind == "org" and e.actor), None)
        if premod_org is not None and premod_org.kind == "igo" and role.sector in _PRIVATE_SECTORS:
            # "European airlines", "EU farmers": people of the member states, not the body
            return self.sector_actor(None, role.sector, alias)
        if premod_org is not None and premod_org.kind == "igo" and words[head].lower() in self.words["delegate_heads"]:
            # "Iran's UN ambassador", "North Korea's U.N. diplomats": a country's delegates to the body
            owner = self._possessed_by_country(words, premods, premod_org)
            if owner is not None:
                return self.sector_actor(owner, "GOV", alias)
        if premod_org is not None:
            return with_alias(premod_org, alias)
        premod_country = country_of(premods)
        sector = role.sector
        mod_role = next((e for m in reversed(premods) for e in m.entries if e.kind == "role" and e.sector), None)
        if mod_role is not None:
            # "rebel leaders", "intelligence officials", "opposition groups": the modifier
            # names the sector of person roles, of generic heads and of sector-less heads
            generic = role.sector == "GOV" and is_generic(words[head])
            if role.person_role or sector is None or generic:
                sector = mod_role.sector
        elif sector == "GOV" and is_generic(words[head]) and any(w.lower() in self.words["religions"] for w in words[:head]):
            sector = "REL"  # "Muslim leaders": religious leaders, not a government
        if v.former:
            sector = "ELI"
        if sector is None and premod_country is None and not v.post:
            return None
        iso = self._with_country(v, premod_country, sector)
        if role.person_role and iso and context is not None and role.role:
            holder = context.roles.get((iso, role.role.lower()))
            if holder is not None:
                return with_alias(holder, alias)
        if iso is None and (sector is None or sector == "GOV"):
            return None  # a government of no country ("African leaders", a headline's "PM") names no actor
        if sector is None and words[head].lower() in self.words["partisan_heads"]:
            sector = "CVL"  # "supporters of a sacked Afghan governor": people of the country, not its state
        if sector is None:
            return self.country_actor(iso, alias)
        return self.sector_actor(iso, sector, alias)

    def _eponym(self, words: list[str], head: int, context: CodingContext | None) -> bool:
        """Whether the phrase names a document after a place: an ``eponym_heads`` noun after a
        place name ("the Kyoto Protocol": head or modifier), or the place word alone where the
        article uses it so (``context.eponyms``: "Putin backs Kyoto")."""
        heads = self.words["eponym_heads"]
        if words[head].lower() in heads and head > 0:
            return words[head - 1][:1].isupper() and self.place_name_country(words[head - 1]) is not None
        if not words[head][:1].isupper():
            return False
        if head + 1 < len(words) and words[head + 1].lower() in heads:
            return self.place_name_country(words[head]) is not None
        alone = head == len(words) - 1 and all(w.lower() in DETERMINERS for w in words[:head])
        return alone and context is not None and words[head].lower() in context.eponyms

    def _residence_first(self, words: list[str], premods: list[TermMatch]) -> list[TermMatch]:
        """``premods`` without an ethnic group's nationality word that follows another
        nationality ("*Bosnian* Serb premier", "*Iraqi* Kurdish leaders": the country they
        live in, not the group's kin state; ``ethnic_groups`` in ``actors/words.tsv``)."""
        ethnic = self.words["ethnic_groups"]
        out: list[TermMatch] = []
        for m in premods:
            prev = out[-1] if out else None
            if (prev is not None and prev.end == m.start and m.end - m.start == 1 and words[m.start].lower() in ethnic
                    and country_of([prev]) and country_of([m]) and country_of([prev]) != country_of([m])):
                continue
            out.append(m)
        return out

    def _is_count(self, word: str) -> bool:
        """Whether ``word`` belongs to a count ("at least", "four", "50", "dozens")."""
        return word.lower() in self.words["count_words"] or word.replace(",", "").replace(".", "").isdigit()

    def _from_modifiers(self, mods: list[TermMatch], context, alias: str, former: bool) -> Actor | None:
        """An actor named only by modifiers: "US military action", "Indian proposal"."""
        org = next((e.actor for m in reversed(mods) for e in m.entries if e.kind == "org" and e.actor), None)
        if org is not None:
            return with_alias(org, alias)
        person = next((e.actor for m in reversed(mods) for e in m.entries if e.kind == "person" and e.actor), None)
        if person is not None:
            return with_alias(person, alias)
        iso = country_of(mods)
        role = next((e for m in reversed(mods) for e in m.entries if e.kind == "role" and e.sector), None)
        seat = next((e for m in mods for e in m.entries if e.kind == "seat"), None)
        if role is not None and (iso or role.sector in ("IGO", "NGO")):
            return self.sector_actor(iso, "ELI" if former else role.sector, alias)
        if seat is not None:
            return self.sector_actor(seat.iso3, seat.sector or "GOV", alias)
        if iso:
            return self.country_actor(iso, alias)
        return None

    def _named_other_side(self, words: list[str], head: int) -> bool:
        """Whether a relational head ("ally", "rivals": ``relational_heads``) is named after the
        other side: a possessor ("*Peru's* militia ally") or a name before it ("a *Shining Path*
        ally", "*Chile* war allies"), not a nationality word ("*German* allies" are German)."""
        if any(w in ("'s", "’s") for w in words[:head]):
            return True
        # a word geokg lists first as a nationality ("German"; dictionaries may add it as a name too)
        return any(m.entries[0].kind not in ("adjective", "demonym") for m in self._scan(words[:head]))

    @staticmethod
    def _possessed_by_country(words: list[str], premods, org: Actor) -> str | None:
        """The country whose possessive comes before the body ``org`` among the phrase's
        modifiers ("*Iran's* UN ambassador"), else None ("the UN's envoy", "the Dutch UN envoy")."""
        at = next((m.start for m in premods for e in m.entries if e.actor is org), None)
        for m in premods:
            if at is not None and m.end < at and words[m.end] in ("'s", "’s"):
                iso = next((e.iso3 for e in m.entries if e.kind in ("name", "capital", "seat") and e.iso3), None)
                if iso:
                    return iso
        return None

    def _possessor_country(self, words, head, matches, context) -> str | None:
        """Country of a possessor person: "Sheinbaum's government"."""
        for i in range(head - 1, 0, -1):
            if words[i] in ("'s", "’s"):
                owner = [m for m in matches if m.end == i]
                if owner:
                    e = owner[0].first("person")
                    if e is not None and e.actor is not None:
                        return e.actor.country
                if context is not None:
                    key = words[i - 1].lower()
                    p = context.people.get(key)
                    if p is not None:
                        return p.country
        return None

    def _person(self, known: Actor, premods, context, alias: str, former: bool) -> Actor:
        if context is not None:
            seen = context.people.get(known.name.lower())
            if seen is not None and seen.id == known.id:
                known = merge_actor(known, seen)
        org = next((e.actor for m in reversed(premods) for e in m.entries if e.kind == "org" and e.actor), None)
        if org is not None and (org.kind == "igo" or org.sector == "IGO") and known.sector != "IGO":
            # "U.N. mediator Diego Cordovez": named as an agent of an international body
            known = replace(known, country=None, sector="IGO")
        return with_alias(known, alias)

    def _named_person(self, name: str, premods, context, alias: str, former: bool) -> Actor:
        iso = country_of(premods)
        role = next((e for m in reversed(premods) for e in m.entries if e.kind == "role" and e.person_role), None)
        org = next((e.actor for m in reversed(premods) for e in m.entries if e.kind == "org" and e.actor), None)
        known = None
        if context is not None:
            known = context.people.get(name.lower()) or (
                context.people.get(name.split()[-1].lower()) if len(name.split()) == 1 else None)
            if " " not in name and (known is None or " " not in known.name):
                known = _fuller_person(name, context) or known
        if known is not None and (iso is None or known.country in (None, iso)):
            merged = known
            if iso and not merged.country:
                merged = replace(merged, country=iso)
            if role is not None and not merged.role:
                merged = replace(merged, role=role.role, sector=merged.sector or role.sector)
            return with_alias(office_country(merged, context), alias)
        sector = ("ELI" if former else role.sector) if role is not None else None
        if org is not None and not iso:
            # "U.N. mediator Diego Cordovez": a person of an international body
            sector = org.sector if org.kind == "igo" or org.sector in ("IGO", "NGO") else sector
        person = Actor(f"person:{slug(name)}", name, "person", iso, sector,
                       role.role if role is not None else None, alias_tuple(alias, name))
        return office_country(person, context)

    def _unknown_org(self, words, head, matches, alias) -> Actor:
        start = 0
        while start < head and (words[start].lower() in DETERMINERS or self._is_count(words[start])):
            start += 1  # "at least 50 Mahdi Army fighters": the count is no part of the name
        name = " ".join(words[start:head + 1]).replace(" 's", "'s").replace(" - ", "-")
        iso = country_of([m for m in matches if m.start <= head])
        role = next((e for m in matches if m.start <= head for e in m.entries if e.kind == "role" and e.sector), None)
        return Actor(f"org:{slug(name)}", name, "organization", iso, role.sector if role else None, None,
                     alias_tuple(alias, name))


def _fuller_person(surname: str, context) -> Actor | None:
    """The one person of the article whose fuller name ends with ``surname`` ("John Kerry"
    for a headline's "Kerry", named before him), else the one whose name of two words begins
    with it (a family name written first: "Hu Jintao" for "President Hu"), else None."""
    low = surname.lower()
    names = [(p, p.name.lower().split()) for p in context.people.values()]
    for found in ({p.id: p for p, parts in names if len(parts) > 1 and parts[-1] == low},
                  {p.id: p for p, parts in names if len(parts) == 2 and parts[0] == low}):
        if found:
            return next(iter(found.values())) if len(found) == 1 else None
    return None


def office_country(person: Actor, context: CodingContext | None) -> Actor:
    """A state office holder named without a country ("President Mugabe") gets the
    article's main country."""
    if person.country or person.role is None or context is None or not context.default_country:
        return person
    if person.sector not in (None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "ELI"):
        return person
    return replace(person, country=context.default_country, sector=person.sector or "GOV")



def is_generic(word: str) -> bool:
    return singular(word) in ("official", "leader", "member", "authority", "representative", "chief", "head")


def country_of(matches: Iterable[TermMatch]) -> str | None:
    """The country of the last country-bearing match (nearest the head)."""
    iso = None
    for m in matches:
        for e in m.entries:
            if e.kind in ("name", "adjective", "demonym", "capital", "seat") and e.iso3:
                iso = e.iso3
                break
            if e.kind in ("org", "person") and e.actor is not None and e.actor.country:
                iso = e.actor.country
                break
    return iso


def name_run(words: list[str], head: int, at: Mapping[int, TermMatch], titles: frozenset[str],
              head_is_name: bool = False) -> list[str]:
    """Capitalised words around the head that are not gazetteer terms or titles."""
    if head in at and not head_is_name:
        return []
    s = head
    while (s - 1 >= 0 and words[s - 1][:1].isupper() and (s - 1) not in at
           and words[s - 1].lower().rstrip(".") not in titles):
        s -= 1
    e = head + 1
    while e < len(words) and words[e][:1].isupper() and e not in at:
        e += 1
    return words[s:e]


def strip_titles(words: list[str], titles: frozenset[str]) -> list[str]:
    while words and (words[0].lower().rstrip(".") in titles or words[0].lower() in DETERMINERS):
        words = words[1:]
    return [w for w in words if w not in ("'s", "’s")]
