"""An event coder with dictionaries: verb patterns, agents, dated actors, discards.

:func:`build_coder` makes an :class:`DictionaryCoder` (an
:class:`~geokg.ingest.coding.EventCoder`) from geokg's own data plus

* the shipped PETRARCH-2 verb patterns as a back-off (``backoff``): tried only where
  geokg's rows code nothing, for a main clause told as done and not a frame verb
  (:meth:`geokg.ingest.coding.lexicon.VerbLexicon.pattern_code`), a verb without a fitting
  pattern taking its own code or its block's (``verb_blocks.tsv``); a pattern that
  constrains subject, object or a preposition also outranks a geokg row without
  constraint (:meth:`~geokg.ingest.coding.lexicon.VerbLexicon.specific_pattern`);
* the shipped Phoenix agents (``agents``): common nouns that give an actor its sector,
  for the nouns geokg's role list does not know;
* the shipped Phoenix named actors (``actors``, on by default), after geokg's own entries,
  with date-ranged codes resolved as of the article's date (a former president is no
  longer GOV; "President Bush" in 2004 is George W. Bush) by
  :class:`geokg.ingest.actors.dated.DatedPeople`, for the arguments and for the people
  the article names (:meth:`DictionaryCoder.context_for`); their countries are countries,
  legacy codes mapped to ISO ("TMP" -> "TLS") and regions ("MEA", "INT") no country;
* the shipped Phoenix discards (``discards``): sentences and stories about sport and
  entertainment are not coded (:meth:`DictionaryCoder.discarded` says why);
* user dictionaries (``paths``, PETRARCH or geokg format: :func:`load_dictionaries`):
  their verb patterns, else their verbs' own codes, come before geokg's rows and are
  final, as in PETRARCH (no intent or negation transform: their patterns code those);
  the codes they define beyond CAMEO ("904", "345") join the code table
  (:meth:`~geokg.ingest.coding.cameo.CameoTable.with_codes`); a reverse code ("[032:033]")
  adds the target's event back; their actors and agents are added before geokg's own
  entries of the same term (a user's "KUWAIT [KUW]" codes Kuwait KUW), with their own codes.

Everything is held by the coder: two coders with different settings coexist.

Examples
--------
>>> d = Discards([Discard("world cup", False, False), Discard("tennis", True, True)])
>>> d.sentence_reason("Mexico beat Peru in the World Cup qualifier"), d.story_reason("Tennis: a final")
('world cup', 'tennis')
>>> d.sentence_reason("Tennison said"), d.story_reason("tennisplayer")
(None, None)
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from geokg.ingest.actors.dated import DatedPeople, country_codes
from geokg.ingest.actors.doc import DocIndex
from geokg.ingest.coding.article import EventCoder
from geokg.ingest.dictionaries.conversion import (
    Dictionaries,
    load_dictionaries,
    read_geokg_file,
)
from geokg.ingest.dictionaries.petrarch import DatedActor, Discard
from geokg.ingest.records import Actor, Article

__all__ = ["DictionaryCoder", "Discards", "actor_entries", "agent_entries", "build_coder", "phoenix_people",
           "shipped_folder", "user_codes"]

#: The sectors geokg knows (``actors/roles_sectors.tsv``); other PETRARCH sector codes are left out.
_COLLECTIVE = frozenset({"CVL", "REB", "CRM", "REF", "OPP", "LAB", "UAF", "AGR", "REL", "SEP", "ELI"})


def shipped_folder() -> Path:
    """The folder of the shipped converted dictionaries (``ingest/data/petrarch``)."""
    from geokg.ingest.resources import data_path

    return Path(str(data_path("petrarch/verbs.tsv"))).parent


_TIME_PHRASE = re.compile(r"^(\d+|.* (ago|later))$")
_WORD = re.compile(r"[a-z0-9]+(?:['.&-][a-z0-9]+)*")


class Discards:
    """PETRARCH discard phrases matched in text (case-insensitive, on word boundaries at
    the start; the last word of a phrase is a stem -- "champion" matches "championship"
    -- unless the phrase is whole-word, a final ``_`` in PETRARCH).

    PETRARCH also discards sentences that name a year or say "years ago" (history, not
    news); geokg dates the events it codes, so these time phrases are left out unless
    ``time_phrases`` is true.  Phrases are indexed by their first word (a one-word phrase,
    a stem, by its first three letters): a text is read once, word by word.
    """

    def __init__(self, discards: Iterable[Discard], time_phrases: bool = False) -> None:
        by_prefix: dict[str, list[tuple[tuple[str, ...], bool, bool, str]]] = {}
        for d in discards:
            if not (time_phrases or d.story or not _TIME_PHRASE.match(d.phrase)):
                continue
            words = tuple(_WORD.findall(d.phrase))
            if words:
                by_prefix.setdefault(words[0][:3], []).append((words, d.whole_word, d.story, d.phrase))
        # a longer phrase's first word is whole, so it is looked up by that word; a one-word
        # phrase (a stem) by its first three letters -- at a word, the longer phrases first
        self._longer: dict[str, list[tuple[tuple[str, ...], bool, bool, str]]] = {}
        self._single: dict[str, list[tuple[tuple[str, ...], bool, bool, str]]] = {}
        for key, entries in by_prefix.items():
            for e in sorted(entries, key=lambda e: -len(e[0])):  # longest phrase first
                if len(e[0]) > 1:
                    self._longer.setdefault(e[0][0], []).append(e)
                else:
                    self._single.setdefault(key, []).append(e)

    def _entries(self, text: str) -> list[tuple[list[str], int, list]]:
        """(the words of ``text``, a word's index, the entries that may start there) for the
        words where an entry may start, in order (most words begin no phrase)."""
        words = _WORD.findall(text.lower())
        longer, single, none = self._longer, self._single, ()
        return [(words, i, [*longer.get(w, none), *single.get(w[:3], none)]) for i, w in enumerate(words)
                if w in longer or w[:3] in single]

    def _find(self, text: str, story_only: bool) -> str | None:
        for words, i, entries in self._entries(text):
            for phrase, whole, story, name in entries:
                if story_only and not story:
                    continue
                n = len(phrase)
                got = words[i:i + n]
                if len(got) == n and got[:-1] == list(phrase[:-1]) and (
                        got[-1] == phrase[-1] if whole else got[-1].startswith(phrase[-1])):
                    return name
        return None

    def reasons(self, text: str) -> tuple[str | None, str | None]:
        """(:meth:`sentence_reason`, :meth:`story_reason`) of ``text``, read once."""
        first = None
        for words, i, entries in self._entries(text):
            for phrase, whole, story, name in entries:
                if first is not None and not story:
                    continue
                n = len(phrase)
                got = words[i:i + n]
                if len(got) == n and got[:-1] == list(phrase[:-1]) and (
                        got[-1] == phrase[-1] if whole else got[-1].startswith(phrase[-1])):
                    if story:
                        return first or name, name
                    first = name
        return first, None

    def story_reason(self, text: str) -> str | None:
        """The story-level phrase found in ``text``, else None."""
        return self._find(text, True)

    def sentence_reason(self, text: str) -> str | None:
        """The first sentence- or story-level phrase found in ``text``, else None."""
        return self._find(text, False)


def _code_parts(code: str, sectors: frozenset[str], countries: Mapping[str, str] | None = None
                ) -> tuple[str | None, str | None, str]:
    """(country, sector, kind) of a CAMEO actor code: "USAGOV" -> ("USA", "GOV", "organization");
    with ``countries`` (:func:`geokg.ingest.actors.dated.country_codes`) the country is mapped
    ("JAPGOV" -> "JPN") and a prefix that names none ("INTREB", "MEAGOV") gives no country."""
    code = code.upper()
    head = code[:3]
    rest = [code[i:i + 3] for i in range(3, len(code), 3)]
    sector = next((s for s in rest if s in sectors), None)
    if head == "IGO":
        return None, "IGO", "igo"
    if head in ("NGO", "MNC"):
        return None, "NGO" if head == "NGO" else "BUS", "organization"
    if head in sectors:  # an agent-first code ("GOV..."): no country
        return None, head, "group" if head in _COLLECTIVE else "organization"
    if countries is not None:
        head = countries.get(head)
    return head, sector, "group" if sector in _COLLECTIVE else "organization"


def _dated_parts(code: str, sectors: frozenset[str], countries: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(country, sector) of a dated code (picklable, unlike a lambda: coders go to worker processes)."""
    return _code_parts(code, sectors, countries)[:2]


def _no_parts(code: str) -> tuple[None, None]:
    return None, None


def actor_entries(actors: Iterable[DatedActor], sectors: frozenset[str], countries: Mapping[str, str] | None = None
                  ) -> tuple[list, dict[str, tuple[DatedActor, Actor]]]:
    """Gazetteer entries for named actors (their code without a date: the default, else
    the latest range) and, by actor id, the records whose code depends on the date with
    the actor of their undated code (:class:`geokg.ingest.actors.dated.DatedPeople`).

    With ``countries`` (Phoenix's dictionaries), a bare country code names a country, dated
    or not ("Serbia", "East Timor"), mapped to its ISO code and left out when it names none.
    Other actors with date ranges are people (``person:<slug>``, as are a user's dated
    countries: their codes are their own); the rest country names for a bare country code,
    else organisations (``petr:<CODE>``)."""
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.actors.words import slug

    entries: list = []
    dated: dict[str, tuple[DatedActor, Actor]] = {}
    for a in actors:
        code = a.code_on(None)
        if not code or not re.fullmatch(r"[A-Za-z]{3}\w*", code):
            continue
        iso, sector, kind = _code_parts(code, sectors, countries)
        if countries is not None:  # "the United Nations": geokg's "United Nations" comes first
            names = tuple(dict.fromkeys(_without_article(n) for n in a.names))
            if names != a.names:  # most names have no article: no copy of the record
                a = replace(a, names=names)
        if countries is not None and len(code) > 3 and any("(" in n for n in a.names):
            a = replace(a, names=tuple(dict.fromkeys(w for n in a.names for w in _name_and_acronym(n))))
        display = _entry_name(a.names[0])
        # a person of no country but while in office ("Kofi Annan": [IGOUNO 1997-2006], else [ELI])
        sector_only = a.codes and code.upper() in sectors
        if len(code) == 3 and countries is not None and not sector_only:  # Phoenix's countries, some dated
            if iso:
                entries.extend((_entry_name(n), Entry("name", iso3=iso)) for n in a.names)
        elif a.codes:
            actor = Actor(f"person:{slug(a.names[0])}", display, "person", iso, sector, None, (display,))
            dated[actor.id] = (a, actor)
            alone = all(" " not in n.strip() for n in a.names)  # "HASSAN_": no given name to tell him by
            entries.extend((_entry_name(n), Entry("person", iso3=iso, sector=sector, actor=actor, surname_only=alone))
                           for n in a.names)
        elif len(code) == 3 and iso:
            entries.extend((_entry_name(n), Entry("name", iso3=iso)) for n in a.names)
        else:
            actor = Actor(f"petr:{code.upper()}", display, kind, iso, sector, None, (display,))
            entries.extend((_entry_name(n), Entry("org", iso3=iso, sector=sector, actor=actor)) for n in a.names)
    return entries, dated


#: Phoenix's "<name> (<acronym>)" ("irish republican army (ira)"): neither is written so in a text.
_NAME_ACRONYM = re.compile(r"\s*\(([a-z][a-z0-9-]{2,9})\)\s*$")


def _name_and_acronym(name: str) -> list[str]:
    """The names a Phoenix organisation's name stands for: "irish republican army (ira)" is
    "irish republican army" and "IRA" (in capitals, matched as written) when the letters in
    brackets are the name's initials in order, "free aceh movement (gam)" only the name before
    them; a longer word in brackets qualifies the name ("direct action (greece)" is no "direct
    action"), and a one-word name stays as it is ("lashkar-e-taiba (let)" is no "LET").

    >>> _name_and_acronym("irish republican army (ira)"), _name_and_acronym("free aceh movement (gam)")
    (['irish republican army', 'IRA'], ['free aceh movement'])
    >>> _name_and_acronym("direct action (greece)"), _name_and_acronym("lashkar-e-taiba (let)")
    (['direct action (greece)'], ['lashkar-e-taiba (let)'])
    """
    m = _NAME_ACRONYM.search(name)
    letters = m.group(1).replace("-", "") if m is not None else ""
    if m is None or len(name[:m.start()].split()) < 2 or len(letters) > 5:
        return [name]
    initials = iter(w[0] for w in name[:m.start()].split())
    if not all(any(c == i for i in initials) for c in letters):  # not a subsequence of the initials
        return [name[:m.start()]]
    return [name[:m.start()], m.group(1).upper()]


_TITLE_S = re.compile(r"'S\b")  # "Lord'S" from str.title()


def _entry_name(name: str) -> str:
    """A dictionary name as the gazetteer reads it: title case, an acronym as written ("IRA")."""
    return name if name.isupper() else _TITLE_S.sub("'s", name.title())


def _without_article(name: str) -> str:
    """A name without its leading "the" when two or more words remain ("the white house")."""
    words = name.split()
    return " ".join(words[1:]) if len(words) > 2 and words[0].lower() == "the" else name


def agent_entries(agents: Iterable, sectors: frozenset[str]) -> list:
    """Role-word gazetteer entries for agents whose sector geokg knows."""
    from geokg.ingest.actors.data import Entry

    out = []
    for a in agents:
        sector = next((a.code[i:i + 3] for i in range(0, len(a.code), 3) if a.code[i:i + 3] in sectors), None)
        if sector is None:
            continue
        for term in (a.term, *a.plurals):
            out.append((term, Entry("role", sector=sector)))
    return out


class DictionaryCoder(EventCoder):
    """:class:`EventCoder` plus discards and date-ranged actors (see the module doc)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.discards: Discards | None = None
        self.dated: DatedPeople = DatedPeople({}, _no_parts)  # people with date-ranged codes
        self.sizes: dict[str, int] = {}
        self.extra_entries: list = []  # the gazetteer entries of the shipped dictionaries (see build_coder)
        self.first_entries: list = []  # and of the user's, which come before geokg's own
        self.data_dir: str | Path | None = None

    def with_gazetteers(self, paths: Sequence[str | Path]) -> DictionaryCoder:
        """A copy whose actor coder also reads the gazetteers ``paths`` (as
        :meth:`geokg.ingest.actors.ActorCoder.from_files` does: after geokg's own entries,
        where the user's dictionaries come before them); lexicon, discards and dated
        actors are shared."""
        import copy

        from geokg.ingest.actors.coder import ActorCoder
        from geokg.ingest.actors.data import Memo

        out = copy.copy(self)
        out.actors = ActorCoder(data_dir=self.data_dir, extra=[*_gazetteer_entries(paths), *self.extra_entries],
                                first=self.first_entries)
        out._event_types = Memo(1 << 14)  # its memo of event types reads the actors' state
        return out

    def discarded(self, doc, article: Article) -> list[str]:
        """Why parts of an article are not coded: ``story: PHRASE`` (the whole article)
        or ``sentence: PHRASE`` per discarded sentence."""
        if self.discards is None:
            return []
        anywhere, story = self.discards.reasons(article.content)
        if story:
            return [f"story: {story}"]
        if doc is None:
            return []
        return [f"sentence: {r}" for r in self._sentence_reasons(doc, doc.text, article, anywhere).values()]

    def code_article(self, doc, article: Article, extractions):
        index = self.actors.doc_index(doc)
        self.actors.share_doc_index(index)  # built once for the discards and the article's context
        try:
            return self._code_article(doc, index, article, extractions)
        finally:
            self.actors.share_doc_index(None)

    def _code_article(self, doc, index, article: Article, extractions):
        """:meth:`code_article` with the Doc's index (None without a Doc)."""
        if self.discards is not None:
            anywhere, story = self.discards.reasons(article.content)
            if story:
                return (), (), ()
            if doc is not None:
                dropped = self._dropped_sentences(doc, index, article, anywhere)
                extractions = [ex for ex in extractions if ex.sentence not in dropped]
        events, actors, mentions = super().code_article(doc, article, extractions)
        if self.lexicon.user_patterns is not None:
            events = self._with_reverse(events, article)
        if self.dated:
            when = article.published
            events = tuple(self._event_as_of(e, when) for e in events)
            actors = tuple(self._as_of(a, when) for a in actors)
        return events, actors, mentions

    def _dropped_sentences(self, doc, index, article: Article, anywhere: str | None) -> set[int]:
        """The sentences with a discard phrase (:meth:`_sentence_reasons`)."""
        return set(self._sentence_reasons(doc, index.text, article, anywhere, index))

    def _sentence_reasons(self, doc, text: str, article: Article, anywhere: str | None,
                          index: DocIndex | None = None) -> dict[int, str]:
        """The discard phrase of each sentence that has one, by sentence index; ``text`` is the Doc's
        (``index``: its :class:`~geokg.ingest.actors.doc.DocIndex`, when built).
        None in the article (``anywhere``) means none in its sentences when they are slices of its
        text that cut no word."""
        bounds = ([(a, b) for _, _, a, b in index.sentences] if index is not None
                  else [(s.start_char, s.end_char) for s in doc.sents])
        if anywhere is None and text == article.content and all(
                a == 0 or text[a - 1].isspace() for a, _ in bounds):
            return {}
        found = ((i, self.discards.sentence_reason(text[a:b])) for i, (a, b) in enumerate(bounds))
        return {i: r for i, r in found if r}

    def _with_reverse(self, events: tuple, article: Article) -> tuple:
        """The events plus, for each coded by a user pattern with a reverse code
        (PETRARCH's ``[032:033]``: a visit and its reception), the target's event back."""
        from geokg.ingest.dictionaries.verbs import Clause
        from geokg.ingest.records import event_id

        out = list(events)
        seen = {(e.source.id if e.source else "", e.cameo, e.target.id if e.target else "") for e in events}
        for e in events:
            if e.source is None or e.target is None:
                continue
            found = self.lexicon.user_patterns.match(Clause.from_extraction(e.extraction))
            if found is None or not found.reverse or found.code != e.cameo or found.reverse not in self.table:
                continue
            if found.pattern is not None and found.pattern.compound == "subject":
                continue  # "% * [030:030]": conjoined subjects, each other's targets already (reciprocal events)
            key = (e.target.id, found.reverse, e.source.id)
            if key in seen:
                continue
            seen.add(key)
            info = self.table[found.reverse]
            out.append(replace(e, id=event_id(e.target, found.reverse, e.source, e.date, article.id), source=e.target,
                               target=e.source, cameo=found.reverse, plover=info.plover,
                               plover_mode=info.plover_mode, quad_class=info.quad_class, goldstein=info.goldstein))
        return tuple(out)

    def _event_as_of(self, e, when: date | None):
        """The event with its actors as of ``when`` (the same event when they do not change)."""
        source, target = self._as_of(e.source, when), self._as_of(e.target, when)
        return e if source is e.source and target is e.target else replace(e, source=source, target=target)

    def _as_of(self, actor: Actor | None, when: date | None) -> Actor | None:
        return self.dated.as_of(actor, when) if actor is not None else None

    def context_for(self, article: Article, extractions, doc=None):
        """The article context with its people as of the article's date
        (:meth:`geokg.ingest.actors.dated.DatedPeople.people_as_of`)."""
        context = super().context_for(article, extractions, doc)
        if not self.dated:
            return context
        people = self.dated.people_as_of(context.people, article.published)
        if people == dict(context.people):
            return context
        roles = {k: people.get(v.name.lower(), v) for k, v in context.roles.items()}
        out = replace(context, people=people, roles=roles)
        out.memo.update(context.memo)  # the Doc's index
        return out


def phoenix_people(actors: Iterable[DatedActor]) -> list[DatedActor]:
    """The people of Phoenix's named actors: the records with date ranges whose code names
    more than a country (countries, organisations and groups are left out)."""
    return [a for a in actors if a.codes and len(a.code_on(None)) > 3]


def build_coder(paths: Sequence[str | Path] = (), *, backoff: bool = True, agents: bool = False,
                actors: bool | str = True, discards: bool = True, gazetteers: Sequence[str | Path] = (),
                data_dir: str | Path | None = None) -> DictionaryCoder:
    """The event coder with the shipped and user dictionaries (see the module doc);
    ``gazetteers`` are read as by :meth:`geokg.ingest.actors.ActorCoder.from_files`;
    ``actors="people"`` loads only the Phoenix people (:func:`phoenix_people`).

    The cyclic garbage collector is paused while the coder is built (and resumed as it
    was): building makes some 300,000 objects and no cyclic garbage, and the collections
    they would trigger cost ~40% of the build.
    """
    with _collector_paused():
        return _build_coder(paths, backoff=backoff, agents=agents, actors=actors, discards=discards,
                            gazetteers=gazetteers, data_dir=data_dir)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block; re-enable it after if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_coder(paths: Sequence[str | Path], *, backoff: bool, agents: bool, actors: bool | str,
                 discards: bool, gazetteers: Sequence[str | Path], data_dir: str | Path | None
                 ) -> DictionaryCoder:
    """:func:`build_coder`'s work."""
    from geokg.ingest.actors.coder import ActorCoder
    from geokg.ingest.coding.cameo import CameoTable
    from geokg.ingest.coding.lexicon import VerbLexicon, read_rows
    from geokg.ingest.dictionaries.verbs import PatternLexicon

    user = load_dictionaries(paths) if paths else Dictionaries()
    shipped = Dictionaries()
    folder = shipped_folder()
    for name, wanted in (("verb_patterns.tsv", backoff), ("verbs.tsv", backoff), ("verb_synsets.tsv", backoff),
                         ("verb_blocks.tsv", backoff),
                         ("agents.tsv", agents), ("actors.jsonl", actors), ("discards.tsv", discards)):
        if wanted:
            part = read_geokg_file(folder / name)
            if name == "actors.jsonl" and wanted == "people":
                part.actors = phoenix_people(part.actors)
            shipped.extend(part)
    table = CameoTable.default(data_dir)
    if user.verbs.patterns or user.verbs.verbs:
        # the codes a user's verb dictionary defines are its own ("904", "345"): the table takes them
        table = table.with_codes(sorted(user_codes(user.verbs)))
    lexicon = VerbLexicon.default(data_dir, table)
    if user.verbs.patterns or user.verbs.verbs:
        lexicon.user_patterns = PatternLexicon(user.verbs, keep_code=table.__contains__, object_anywhere=True)
    if backoff:
        suffixes = tuple((suffix, ending) for _, (suffix, ending) in
                         read_rows("coding/verbs_nominal_suffixes.tsv", data_dir, 2))
        lexicon.backoff = PatternLexicon(shipped.verbs, keep_code=table.__contains__, nominal_suffixes=suffixes)
    sectors = _known_sectors(data_dir)
    countries = country_codes(data_dir)
    # a user's country codes are their own ("GON": Gondor, "RHO": Rhodesia before 1979)
    countries.update((c[:3].upper(), c[:3].upper()) for a in user.actors for c in (a.default, *(x.code for x in a.codes))
                     if re.fullmatch(r"[A-Za-z]{3}\w*", c or "") and c[:3].upper() not in countries)
    first, dated = actor_entries(user.actors, sectors)  # a user's codes are their own ("GON": Gondor)
    extra, shipped_dated = actor_entries(shipped.actors, sectors, countries)
    dated = {**shipped_dated, **dated}
    first += agent_entries(user.agents, sectors)
    extra += agent_entries(shipped.agents, sectors)
    first = [*_gazetteer_entries(gazetteers), *first]
    actor_coder = ActorCoder(data_dir=data_dir, extra=extra, first=first)
    ev_sectors = {(r, p): s for _, (r, p, s) in read_rows("coding/roles_event_sectors.tsv", data_dir, 3)}
    ev_codes = {(r, p): c for _, (r, p, c) in read_rows("coding/roles_event_codes.tsv", data_dir, 3)}
    coder = DictionaryCoder(actor_coder, lexicon, table, ev_sectors, ev_codes)
    # a user's discards all hold; PETRARCH's time phrases ("years ago", "1988") not (see Discards)
    phrases = [*user.discards, *(d for d in shipped.discards if d.story or not _TIME_PHRASE.match(d.phrase))]
    coder.discards = Discards(phrases, time_phrases=True) if phrases else None
    coder.dated = DatedPeople(dated, partial(_dated_parts, sectors=sectors, countries=countries))
    coder.extra_entries = extra
    coder.first_entries = first
    coder.data_dir = data_dir
    coder.sizes = {"geokg_verb_rows": sum(len(v) for v in lexicon.rows.values()),
                   "user_pattern_rows": len(lexicon.user_patterns) if lexicon.user_patterns else 0,
                   "backoff_pattern_rows": len(lexicon.backoff) if lexicon.backoff else 0,
                   "actor_entries": len(extra) + len(first), "discards": len(phrases)}
    return coder


#: An event code a user dictionary may define: two to four digits ("904"), as event-type IRIs
#: need (:func:`geokg.ontology.iris.cameo_iri`); PETRARCH's lettered codes ("174K") are left out.
_USER_CODE = re.compile(r"\d{2,4}")


def user_codes(verbs) -> set[str]:
    """The well-formed codes of a verb dictionary (patterns, reverse codes, verbs, blocks);
    others ("174K", "025?", "102b", "+++") are left out, so their patterns are dropped.

    >>> from geokg.ingest.dictionaries.petrarch import read_verbs
    >>> sorted(user_codes(read_verbs("--- HAGGLE [174K:09x] ---\\nHAGGLE\\n- * OVER PRICE [904]\\n")))
    ['904']
    """
    found = {p.code for p in verbs.patterns} | {p.reverse for p in verbs.patterns}
    found |= {v.code for v in verbs.verbs} | set(verbs.blocks.values())
    return {c for c in found if c and _USER_CODE.fullmatch(c)}


def _gazetteer_entries(paths: Sequence[str | Path]) -> list:
    """Entries of extra gazetteers, read as :meth:`Gazetteer.from_files` reads them."""
    from geokg.ingest.actors.data import org_entries, read_jsonl
    from geokg.ingest.actors.petrarch import read_petrarch_dictionary

    out: list = []
    for path in paths:
        p = Path(path)
        text = p.read_text(encoding="utf-8", errors="replace")
        out.extend(org_entries(read_jsonl(text, str(p))) if p.suffix == ".jsonl"
                   else read_petrarch_dictionary(text, origin=str(p)))
    return out


def _known_sectors(data_dir: str | Path | None) -> frozenset[str]:
    from geokg.ingest.actors.data import read_tsv

    return frozenset(row[0] for row in read_tsv("actors/roles_sectors.tsv", data_dir, 3))

