"""The actor gazetteer: country, role, organisation and people terms, and the scanner.

:class:`Gazetteer` loads the data files of ``ingest/data/`` (``actors/countries.tsv`` and
pycountry, ``actors/countries_seats.tsv``, ``actors/roles.tsv``, ``actors/roles_sectors.tsv``,
``actors/words.tsv``, ``actors/orgs.jsonl``, ``actors/people.jsonl``) into token-tuple
indexes and finds the longest gazetteer terms in a token sequence.  It also builds
the canonical country and sector actors and finds the country of a place phrase.

Examples
--------
>>> g = Gazetteer.default()
>>> g.countries_in("Mexican troops crossed into Guatemala"), g.place_country("near Kabul")
(['MEX', 'GTM'], 'AFG')
>>> g.sector_actor("MEX", "GOV").id, g.country_actor("MEX").name
('actor:MEX-GOV', 'Mexico')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Self

from geokg.ingest.actors.data import (
    ActorDataError,
    Entry,
    Memo,
    TermMatch,
    alias_tuple,
    data_text,
    org_entries,
    person_entries,
    read_jsonl,
    read_tsv,
    split_cell,
)
from geokg.ingest.actors.petrarch import read_petrarch_dictionary
from geokg.ingest.actors.words import (
    COLLECTIVE_SECTORS,
    demonym_plurals,
    foldable,
    singular,
    tokenize,
    words_of,
)
from geokg.ingest.records import Actor

if TYPE_CHECKING:
    from geokg.ingest.dates import PlaceIndex

__all__ = ["Gazetteer"]

#: Phrases up to this many tokens (characters) have their scan (tokens) memoised;
#: whole articles are not.
_MEMO_TOKENS = 40
_MEMO_CHARS = 300
_NONE = object()  # "not memoised yet" (None is a result)
#: The kinds of entries that name a country (:meth:`Gazetteer.country_mentions`).
_COUNTRY_KINDS = frozenset({"name", "adjective", "demonym", "capital", "seat"})


def _prefixes(index: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """The first two, three ... tokens of the index's keys of two tokens or more."""
    return frozenset(k[:j] for k in index for j in range(2, len(k) + 1))


def _seconds_by_first(index: Iterable[tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """First token -> the second tokens of the index's keys of two tokens or more that start with it."""
    seconds: dict[str, set[str]] = {}
    for key in index:
        if len(key) > 1:
            seconds.setdefault(key[0], set()).add(key[1])
    return {k: frozenset(v) for k, v in seconds.items()}


def _sizes_by_first(index: Iterable[tuple[str, ...]]) -> dict[str, frozenset[int]]:
    """First token -> the lengths of the index's keys that start with it."""
    sizes: dict[str, set[int]] = {}
    for key in index:
        sizes.setdefault(key[0], set()).add(len(key))
    return {k: frozenset(v) for k, v in sizes.items()}


class Gazetteer:
    """Gazetteer terms of actors and places (see module doc).

    Build it once with :meth:`default` or :meth:`from_files`; its terms do not change
    afterwards and it is safe to share.  Token readings, phrase scans, tokens and
    place lookups are memoised on it (bounded :class:`~geokg.ingest.actors.data.Memo`).
    """

    def __init__(self, data_dir: str | Path | None = None, extra: Iterable[tuple[str, Entry]] = (),
                 places: PlaceIndex | None = None, first: Iterable[tuple[str, Entry]] = ()) -> None:
        """``extra`` entries come after geokg's own for the same term, ``first`` entries (a
        user's dictionaries) before them: a user's "KUWAIT [KUW]" codes Kuwait as KUW."""
        self._exact: dict[tuple[str, ...], list[Entry]] = {}
        self._folded: dict[tuple[str, ...], list[Entry]] = {}
        self._roles: dict[tuple[str, ...], Entry] = {}
        self.country_names: dict[str, str] = {}
        self.country_adjectives: dict[str, str] = {}
        self.sector_nouns: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        self.words: dict[str, frozenset[str]] = {}
        self._places = places
        for term, entry in first:
            self._add(term, entry, fold=len(term.split()) > 1 or entry.kind == "role")
        self._load(data_dir)
        for term, entry in extra:
            if not self._person_word(term, entry):
                self._add(term, entry, fold=len(term.split()) > 1 or entry.kind == "role")
        self._known_ids = frozenset(
            e.actor.id for entries in self._exact.values() for e in entries if e.actor is not None)
        # term lengths by first token, for each index: the scanner tries only those
        self._exact_sizes = _sizes_by_first(self._exact)
        self._folded_sizes = _sizes_by_first(self._folded)
        self._role_sizes = _sizes_by_first(self._roles)
        # and their first two, three ... tokens: most tokens that may start a term start none
        # here, and the others only short ones
        self._exact_pairs = _prefixes(self._exact)
        self._folded_pairs = _prefixes(self._folded)
        self._role_pairs = _prefixes(self._roles)
        # the second tokens of the terms of two tokens or more, by first token: a test of the
        # next token without a pair (the first two tokens of _exact_pairs ...)
        self._seconds = (_seconds_by_first(self._exact), _seconds_by_first(self._folded),
                         _seconds_by_first(self._roles))
        self._token_memo = Memo(1 << 16)   # token -> (lower, singular, term sizes, entries)
        self._scan_memo = Memo(1 << 14)    # token tuple of a phrase -> its matches
        self._text_memo = Memo(1 << 14)    # phrase -> its tokens
        self._place_memo = Memo(1 << 14)   # place phrase -> ISO3 or None

    # -- construction ------------------------------------------------------------------
    @classmethod
    def default(cls) -> Self:
        """The coder built from the package data files."""
        return cls()

    @classmethod
    def from_files(cls, *paths: str | Path, data_dir: str | Path | None = None) -> Self:
        """The default coder plus extra gazetteers.

        Each path is a JSONL gazetteer in the ``actors/orgs.jsonl`` format (objects
        with ``name``, ``aliases``, ``country``, ``sector``, ``kind`` or ``role``) or
        a PETRARCH ``.txt`` actor/agent dictionary (:func:`read_petrarch_dictionary`).
        """
        extra: list[tuple[str, Entry]] = []
        for path in paths:
            p = Path(path)
            try:
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise ActorDataError(f"cannot read gazetteer {str(p)!r}: {exc}") from exc
            if p.suffix == ".jsonl":
                extra.extend(org_entries(read_jsonl(text, str(p))))
            else:
                extra.extend(read_petrarch_dictionary(text, origin=str(p)))
        return cls(data_dir=data_dir, extra=extra)

    def _add(self, term: str, entry: Entry, fold: bool = False) -> None:
        toks = tuple(t for t, _, _ in tokenize(term))
        if not toks:
            return
        if entry.kind == "role":
            self._roles.setdefault(tuple(singular(t) for t in toks), entry)
            return
        self._exact.setdefault(toks, []).append(entry)
        if fold:
            self._folded.setdefault(tuple(t.lower() for t in toks), []).append(entry)
            if entry.kind == "person" and len(toks) > 2 and toks[-2].isalpha() and toks[-1].isalpha():
                # a given name of two syllables is often hyphenated in the text: "CHEN SHUI BIAN" in a
                # dictionary is "Chen Shui-bian" in the news ("Roh Moo-hyun", "Kim Jong-il")
                hyphenated = (*toks[:-2], f"{toks[-2]}-{toks[-1]}")
                self._folded.setdefault(tuple(t.lower() for t in hyphenated), []).append(entry)

    def _person_word(self, term: str, entry: Entry) -> bool:
        """Whether an extra country-name entry is a word geokg knows only as that country's
        demonym, in the singular (Phoenix lists "Briton" among Britain's names): one person
        of the country ("a Briton" is a British civilian), not its state.  A word that is
        also an adjective ("Israeli") keeps the name: alone it is mostly a modifier ("*Israeli*
        attacks"; :meth:`PhraseRules.code_phrase` reads "*a* Palestinian"); so does a plural
        ("the Palestinians will not accept": the nation may act as its state)."""
        low = term.lower()
        if entry.kind != "name" or not entry.iso3 or singular(low) != low or (low.endswith("s") and not low.endswith("ss")):
            return False
        toks = tuple(t for t, _, _ in tokenize(term))
        kinds = {e.kind for e in self._exact.get(toks, ()) if e.iso3 == entry.iso3}
        return "demonym" in kinds and "adjective" not in kinds

    def _load(self, data_dir: str | Path | None) -> None:
        import pycountry

        for name, words in read_tsv("actors/words.tsv", data_dir, 2):
            self.words[name] = frozenset(words.lower().split())
        for name in ("titles", "common_modifiers", "religions", "quantity_heads", "party_heads", "english_homographs", "count_words",
                     "ethnic_groups", "scene_people", "partisan_heads",
                     "eponym_heads", "facility_heads", "remains_heads", "remains_of_heads"):
            if name not in self.words:
                raise ActorDataError(f"actors/words.tsv: the list {name!r} is missing")
        for code, label, noun in read_tsv("actors/roles_sectors.tsv", data_dir, 3):
            self.sectors[code] = label
            self.sector_nouns[code] = noun or label.lower()
        for term, sector, role, rtype in read_tsv("actors/roles.tsv", data_dir, 4):
            if sector and sector not in self.sectors:
                raise ActorDataError(f"actors/roles.tsv: unknown sector {sector!r} for {term!r}")
            self._add(term, Entry("role", sector=sector or None, role=role or None,
                                   person_role=rtype == "person"))
        rows = read_tsv("actors/countries.tsv", data_dir, 5)
        listed = {r[0] for r in rows}
        for c in pycountry.countries:
            names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
            for name in filter(None, names):
                if "," not in name:
                    self._add(name, Entry("name", iso3=c.alpha_3), fold=True)
            if c.alpha_3 not in listed:
                self.country_names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
        for iso3, names, adjectives, demonyms, capitals in rows:
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise ActorDataError(f"actors/countries.tsv: bad ISO3 code {iso3!r}")
            for n in split_cell(names):
                self._add(n, Entry("name", iso3=iso3), fold=len(n.split()) > 1)
            for a in split_cell(adjectives):
                self._add(a, Entry("adjective", iso3=iso3), fold=foldable(a, self.words["english_homographs"]))
            for d in split_cell(demonyms) or split_cell(adjectives):
                for form in [d, *demonym_plurals(d)]:
                    self._add(form, Entry("demonym", iso3=iso3), fold=foldable(form, self.words["english_homographs"]))
            for cap in split_cell(capitals):
                self._add(cap, Entry("capital", iso3=iso3, sector="GOV"))
            first = split_cell(names)
            self.country_names[iso3] = first[0] if first else iso3
            adj = split_cell(adjectives)
            if adj:
                self.country_adjectives[iso3] = adj[0]
        for term, iso3, sector in read_tsv("actors/countries_seats.tsv", data_dir, 3):
            self._add(term, Entry("seat", iso3=iso3, sector=sector or "GOV"), fold=True)
        self._org_text = data_text("actors/orgs.jsonl", data_dir)
        for term, entry in org_entries(read_jsonl(self._org_text, "actors/orgs.jsonl")):
            self._add(term, entry, fold=len(term.split()) > 1)
        for term, entry in person_entries(read_jsonl(data_text("actors/people.jsonl", data_dir),
                                                  "actors/people.jsonl")):
            self._add(term, entry, fold=len(term.split()) > 1)

    # -- public helpers ------------------------------------------------------------------
    def country_name(self, iso3: str) -> str:
        """Display name of a country code ("MEX" -> "Mexico")."""
        return self.country_names.get(iso3, iso3)

    def sector_actor(self, iso3: str | None, sector: str, alias: str | None = None) -> Actor:
        """The ``actor:ISO-SECTOR`` actor ("Mexican government")."""
        noun = self.sector_nouns.get(sector, sector.lower())
        if iso3:
            adj = self.country_adjectives.get(iso3, self.country_name(iso3))
            name, key = f"{adj} {noun}", f"actor:{iso3}-{sector}"
        else:
            name, key = f"Unspecified {noun}", f"actor:{sector}"
        kind = "group" if sector in COLLECTIVE_SECTORS else "organization"
        return Actor(key, name, kind, iso3, sector, None, alias_tuple(alias, name))

    def country_actor(self, iso3: str, alias: str | None = None) -> Actor:
        """The ``country:ISO`` actor."""
        name = self.country_name(iso3)
        return Actor(f"country:{iso3}", name, "country", iso3, None, None, alias_tuple(alias, name))

    def countries_in(self, text: str) -> list[str]:
        """ISO3 codes of the countries named in ``text`` (names, adjectives, capitals, seats)."""
        return [iso for iso, _ in self.country_terms(words_of(text))]

    def names_country(self, text: str, kinds: Sequence[str] = ("name", "adjective", "demonym")) -> bool:
        """Whether ``text`` names a country by its name, adjective or demonym (``kinds``) -- not
        only a place in it (a capital, a seat, a city).

        >>> g = Gazetteer.default()
        >>> g.names_country("an Iraqi car"), g.names_country("a Baghdad car")
        (True, False)
        >>> g.names_country("an Iraq car", kinds=("adjective", "demonym")), g.names_country("a US car", kinds=("adjective",))
        (False, True)
        """
        return any(any(e.kind in kinds and e.iso3 for e in m.entries)
                   and not m.first("capital", "seat")  # a dictionary may list a capital as a name
                   for m in self._scan(words_of(text)))

    def names_nationals(self, text: str, iso3: str) -> bool:
        """Whether ``text`` names people of ``iso3`` by their demonym: a word that is only
        that ("Palestinians", "a Briton"), or one that ends the phrase, its head ("an
        Italian") -- not an adjective before a head ("*Palestinian* positions").

        >>> g = Gazetteer.default()
        >>> g.names_nationals("ten Palestinians", "PSE"), g.names_nationals("Palestinian positions", "PSE")
        (True, False)
        >>> g.names_nationals("Kidnapped Italian", "ITA")
        True
        """
        words = words_of(text)
        for m in self._scan(words):
            kinds = {e.kind for e in m.entries if e.iso3 == iso3}
            if "demonym" in kinds and ("adjective" not in kinds or m.end == len(words)) and m.first("role") is None:
                return True
        return False

    def country_terms(self, words: Sequence[str]) -> list[tuple[str, int]]:
        """(ISO3, token index) of every country term in the tokens ``words`` (:func:`words_of`), in order."""
        out = []
        for m in self._scan(words):
            for e in m.entries:
                if e.kind in _COUNTRY_KINDS and e.iso3:
                    out.append((e.iso3, m.start))
                    break
        return out

    def country_mentions(self, text: str) -> list[tuple[str, int]]:
        """(ISO3, character offset) of every country term in ``text``, in order."""
        words = words_of(text)
        out = []
        pos = k = start = 0  # the offsets of tokens 0..k-1 are known; pos is after token k-1
        for iso, i in self.country_terms(words):
            while k <= i:  # tokens tile the text's non-space characters in order
                start = text.find(words[k], pos)
                pos = start + len(words[k])
                k += 1
            out.append((iso, start))
        return out

    def place_country(self, text: str, label: str = "") -> str | None:
        """The country of a place phrase ("in Sinaloa", "near Kabul"), or None.

        Countries, capitals and seats come from the gazetteer; provinces and cities
        from the place index (:class:`geokg.ingest.dates.PlaceIndex`).
        """
        found = self._place_memo.get(text, _NONE)
        if found is _NONE:
            found = self._place_memo.put(text, self._place_country(text))
        return found

    def eponyms(self, words: Sequence[str]) -> frozenset[str]:
        """The lower-case place words of ``words`` (:func:`words_of`) that name a document after
        a place ("Kyoto" in "the Kyoto Protocol"; ``eponym_heads`` in ``actors/words.tsv``)."""
        heads = self.words["eponym_heads"]
        return frozenset(w.lower() for w, nxt in zip(words, words[1:])
                         if nxt.lower() in heads and w[:1].isupper() and self.place_name_country(w))

    def place_name_country(self, text: str) -> str | None:
        """The country of ``text`` when all of it is one place name -- a country, a capital or a
        city of the place index ("Jakarta", "Manhattan") -- else None (not "Australian Embassy",
        "U.S. Offensive": a name that only modifies)."""
        words = [t for t, _, _ in self._tokens(text) if t.lower() != "the"]
        if not words:
            return None
        matches = self._scan(words)
        if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(words)):
            e = matches[0].first("name", "capital")
            return e.iso3 if e is not None else None
        return None if matches else self._place_index().lookup(" ".join(words))

    def _place_country(self, text: str) -> str | None:
        found = self.countries_in(text)
        if found:
            return found[0]
        places = self._place_index()
        toks = [t for t, _, _ in self._tokens(text)]
        for size in range(min(4, len(toks)), 0, -1):
            for i in range(len(toks) - size + 1):
                chunk = toks[i:i + size]
                if not chunk[0][:1].isupper():
                    continue
                iso = places.lookup(" ".join(chunk))
                if iso:
                    return iso
        return None

    def _place_index(self) -> PlaceIndex:
        if self._places is None:
            from geokg.ingest.dates import PlaceIndex

            self._places = PlaceIndex()
        return self._places

    # -- scanning ------------------------------------------------------------------------
    def _tokens(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """:func:`~geokg.ingest.actors.words.tokenize` of ``text``, memoised for phrases."""
        if len(text) > _MEMO_CHARS:
            return tuple(tokenize(text))
        toks = self._text_memo.get(text)
        if toks is None:
            toks = self._text_memo.put(text, tuple(tokenize(text)))
        return toks

    def _token(self, tok: str) -> tuple:
        """(whether a term may start at the token, its lower case, its singular, the
        lengths > 1 of the terms it may start (longest first), the entries of the token
        alone or None, the tokens that may follow it in such a term -- as written, in lower
        case, in the singular) of one token."""
        info = self._token_memo.get(tok)
        if info is None and "-" in tok[1:-1]:
            info = self._dual_nationality(tok)
        if info is None:
            low, sing = tok.lower(), singular(tok)
            if (tok not in self._exact_sizes and low not in self._folded_sizes and sing not in self._role_sizes
                    and not (tok.endswith("s") and tok[:1].isupper() and tok[:-1] in self._exact_sizes)):
                return self._token_memo.put(tok, (False, low, sing, (), None, None))  # most words start no term
            sizes = set(self._exact_sizes.get(tok, ()))
            sizes.update(self._folded_sizes.get(low, ()))
            sizes.update(self._role_sizes.get(sing, ()))
            sizes.discard(1)
            entries = list(self._exact.get((tok,), ()))
            if not entries:
                entries = list(self._folded.get((low,), ()))
            if not entries and tok.endswith("s") and tok[:1].isupper():
                # "Mexicos President": possessive written without the apostrophe
                entries = [e for e in self._exact.get((tok[:-1],), ()) if e.kind == "name"]
            role = self._roles.get((sing,))
            if role is not None and (entries == [] or all(e.kind == "role" for e in entries)):
                entries = [role]
            exact, folded, roles = self._seconds
            nexts = (exact.get(tok, frozenset()), folded.get(low, frozenset()), roles.get(sing, frozenset()))
            info = self._token_memo.put(tok, (bool(sizes or entries), low, sing,
                                              tuple(sorted(sizes, reverse=True)), tuple(entries) or None, nexts))
        return info

    def _dual_nationality(self, tok: str) -> tuple | None:
        """:meth:`_token` of "Lebanese-American", "Chinese-American": a nationality adjective
        before "-American" names an American of that origin; None for any other hyphenated
        token ("US-Iraqi troops" are both, "Israeli-Palestinian talks" between both)."""
        first, _, last = tok.rpartition("-")
        if last != "American" or not first[:1].isupper() or not first[1:].islower():  # not "US-American"
            return None
        origin = any(e.kind in ("demonym", "adjective") and e.iso3 for e in self._token(first)[4] or ())
        return self._token_memo.put(tok, self._token(last)) if origin else None

    def _scan(self, toks: Sequence[str]) -> tuple[TermMatch, ...]:
        """Greedy longest-match of gazetteer terms over ``toks`` (memoised for phrases)."""
        key = tuple(toks)
        if len(key) > _MEMO_TOKENS:
            return self._scan_tokens(key)
        found = self._scan_memo.get(key)
        if found is None:
            found = self._scan_memo.put(key, self._scan_tokens(key))
        return found

    def _longest_prefix(self, toks: tuple[str, ...], infos: list[tuple], i: int) -> int:
        """How many tokens from ``toks[i]`` begin a term of two tokens or more (as written,
        in lower case or in the singular; 1 when none); ``infos``: the tokens' :meth:`_token`."""
        n = len(toks)
        exact = folded = role = True
        info = infos[i]
        lows, sings = (info[1],), (info[2],)
        size = 1
        while i + size < n:
            nxt = infos[i + size]
            lows, sings = lows + (nxt[1],), sings + (nxt[2],)
            exact = exact and toks[i:i + size + 1] in self._exact_pairs
            folded = folded and lows in self._folded_pairs
            role = role and sings in self._role_pairs
            if not (exact or folded or role):
                break
            size += 1
        return size

    def _scan_tokens(self, toks: tuple[str, ...]) -> tuple[TermMatch, ...]:
        n = len(toks)
        known, token = self._token_memo.get, self._token
        out: list[TermMatch] = []
        infos = list(map(known, toks))
        if None in infos:
            infos = [info or token(t) for info, t in zip(infos, toks)]
        i = 0  # the first token not inside a match
        # only the tokens that may start a term are tried
        for i0 in [k for k, info in enumerate(infos) if info[0]]:
            if i0 < i:
                continue
            i = i0
            info = infos[i]
            sizes = info[3]   # multi-token terms, longest first
            if sizes and i + 1 < n:
                nxt = infos[i + 1]
                exact_next, folded_next, role_next = info[5]
                if toks[i + 1] in exact_next or nxt[1] in folded_next or nxt[2] in role_next:
                    found = self._longer_match(toks, infos, i)
                    if found is not None:
                        out.append(found)
                        i = found.end
                        continue
            if info[4] is not None:
                out.append(TermMatch(i, i + 1, info[4]))
            i += 1
        return tuple(out)

    def _longer_match(self, toks: tuple[str, ...], infos: list[tuple], i: int) -> TermMatch | None:
        """The longest term of two tokens or more that starts at ``toks[i]`` (``infos``: the
        tokens' :meth:`_token`), else None."""
        info, n = infos[i], len(toks)
        longest = self._longest_prefix(toks, infos, i)
        for size in info[3]:
            if size > longest or size > n - i:
                continue  # no longer term starts here
            key = toks[i:i + size]
            key_infos = infos[i:i + size]
            entries = list(self._exact.get(key, ()))
            if not entries:
                entries = list(self._folded.get(tuple(x[1] for x in key_infos), ()))
            role = self._roles.get(tuple(x[2] for x in key_infos))
            if role is not None and (entries == [] or all(e.kind == "role" for e in entries)):
                entries = [role]
            elif role is not None:
                entries = entries + [role]
            if entries:
                return TermMatch(i, i + size, tuple(entries))
        return None
