"""Actor coding: who is an argument (country, sector, person, organisation)?

:class:`ActorCoder` turns an :class:`~geokg.ingest.records.Argument` into an
:class:`~geokg.ingest.records.Actor` with a canonical id:

* ``country:MEX`` -- a country by name ("Mexico", "the US");
* ``actor:MEX-GOV`` -- a country's sector ("the Mexican government", "US officials",
  "Washington", "the Kremlin"; sector codes in ``roles_sectors.tsv``);
* ``person:claudia-sheinbaum`` -- a named person, with country and role from the
  phrase ("US President Donald Trump"), the article (role records, earlier mentions)
  or the gazetteer of well-known people;
* ``org:cia`` / ``group:MEX-sinaloa-cartel`` -- gazetteer organisations and groups,
  ``org:<slug>`` for other named organisations.

Everything comes from data files in ``ingest/data/``: ``countries.tsv`` (+ pycountry),
``countries_seats.tsv``, ``roles.tsv``, ``roles_sectors.tsv``, ``actors_orgs.jsonl``
and ``actors_people.jsonl``.  :meth:`ActorCoder.from_files` adds gazetteers, e.g.
the PETRARCH validation dictionaries (:func:`read_petrarch_dictionary`).

Arguments that name no actor -- "reports", "fentanyl", "20 million doses" -- code
to ``None``: geokg keeps them as the extraction's text, not as actors.

Examples
--------
>>> from geokg.ingest.records import Argument
>>> coder = ActorCoder.default()
>>> def arg(text, head="", label=""):
...     return Argument("subject", text, 0, len(text), head=head, label=label)
>>> coder.code_argument(arg("The Mexican government", head="government")).id
'actor:MEX-GOV'
>>> a = coder.code_argument(arg("Mexico's President Claudia Sheinbaum", "Sheinbaum", "PERSON"))
>>> a.id, a.country, a.sector, a.role, a.kind
('person:claudia-sheinbaum', 'MEX', 'GOV', 'President', 'person')
>>> coder.code_argument(arg("The CIA")).id, coder.code_argument(arg("the Kremlin")).id
('org:cia', 'actor:RUS-GOV')
>>> coder.code_argument(arg("over 20 million doses of fentanyl", head="doses")) is None
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from geokg.ingest.records import Actor, Argument, ArticleResult

__all__ = [
    "ActorCoder",
    "ActorDataError",
    "ActorResolver",
    "CodingContext",
    "actor_code",
    "read_petrarch_dictionary",
    "resolve_actors",
    "slug",
    "tokenize",
]

_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"                     # U.S. U.N.
    r"|['’]s\b"                             # possessive 's
    r"|\w+(?:[-.]\w+|['’](?!s\b)\w+)*"      # words: al-Qaeda, N'Djamena, MS-13
    r"|[^\w\s]",
)
_LED_RE = re.compile(r"^([A-Z][\w.]*)(?=-(?:led|backed|based|owned|run|allied|aligned|sponsored|supported|"
                     r"dominated|controlled|held|funded|friendly)$)")
#: Closed-class words the phrase rules rely on.
_PREPS = frozenset([
    "of", "in", "at", "from", "for", "with", "by", "on", "to", "against", "over", "near", "into",
    "inside", "under", "about", "after", "before", "during", "since", "between", "among", "across",
    "toward", "towards", "through", "within", "without", "amid", "along", "around", "outside",
])
_CLAUSE = frozenset([
    "who", "which", "that", "whose", "whom", "where", "when", "said", "says", "saying",
    "suggesting", ",", ";", ":", "(", ")",
])
_DETS = frozenset([
    "the", "a", "an", "this", "that", "these", "those", "some", "any", "its", "their", "his",
    "her", "our",
])
_PRONOUNS = frozenset([
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it",
    "its", "they", "them", "their", "this", "that", "these", "those", "who", "which", "what",
    "itself", "themselves", "himself", "herself", "one",
])
_NO_SINGULAR = frozenset([
    "news", "series", "species", "status", "press", "bus", "gas", "analysis", "crisis", "arms",
    "us",
])
#: Sectors whose actors do not take the article's main country when none is named:
#: armed groups are often foreign or transnational ("the militant group").
_NO_DEFAULT_SECTORS = frozenset({"REB", "UAF", "SEP", "REF", "IGO", "NGO"})
_COLLECTIVE_KIND = frozenset({"CVL", "REB", "CRM", "REF", "OPP", "LAB", "UAF", "AGR", "REL", "SEP", "ELI"})


class ActorDataError(ValueError):
    """A gazetteer or lexicon file is missing or malformed (the message names it)."""


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into (token, start, end) triples; possessive 's is its own token,
    and so is the suffix of "Vietnamese-led", "U.S.-backed" style compounds.

    Examples
    --------
    >>> [t for t, _, _ in tokenize("Mexico's U.S.-backed al-Qaeda and Vietnamese-led forces")]
    ['Mexico', "'s", 'U.S.', '-', 'backed', 'al-Qaeda', 'and', 'Vietnamese', '-led', 'forces']
    """
    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        cut = _LED_RE.match(word)
        if cut:
            k = m.start() + len(cut.group(1))
            out.append((cut.group(1), m.start(), k))
            out.append((word[len(cut.group(1)):], k, m.end()))
        else:
            out.append((word, m.start(), m.end()))
    return out


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids ("Claudia Sheinbaum" -> "claudia-sheinbaum").

    Examples
    --------
    >>> slug("Recep Tayyip Erdoğan"), slug("Kurdistan Workers' Party")
    ('recep-tayyip-erdogan', 'kurdistan-workers-party')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"['’]", "", ascii_.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def _singular(word: str) -> str:
    w = word.lower()
    if w in _NO_SINGULAR or len(w) <= 3:
        return w
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies"):
        return w[:-1] if len(w) <= 4 else w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _foldable(word: str, homographs: frozenset[str]) -> bool:
    """Whether a nationality word may match in lower case ("tunisian rioters"): not short
    words or English words ("us", "polish", "swiss" ...)."""
    return len(word) >= 5 and word.lower() not in homographs and word.replace(" ", "").isalpha()


def _demonym_plurals(word: str) -> list[str]:
    if word.endswith(("ese", "sh", "ch", "ss", "s")) or " " in word and word.split()[-1].endswith("ese"):
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One reading of a gazetteer term."""

    kind: str  # org | person | name | adjective | demonym | capital | seat | role
    iso3: str | None = None
    sector: str | None = None
    actor: Actor | None = None
    role: str | None = None
    person_role: bool = False


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    entries: tuple[_Entry, ...]

    def first(self, *kinds: str) -> _Entry | None:
        for e in self.entries:
            if e.kind in kinds:
                return e
        return None


@dataclass(frozen=True)
class CodingContext:
    """What the article tells about its actors, for coding one argument.

    ``people`` maps lower-case full names and surnames of persons seen in the
    article to their actors; ``roles`` maps (country, role) pairs to the person
    who holds the role in the article ("Mexico's President" -> Sheinbaum);
    ``default_country`` is the article's main country, used for role words with
    no country ("police said").
    """

    article_id: str | None = None
    default_country: str | None = None
    people: Mapping[str, Actor] = field(default_factory=dict)
    roles: Mapping[tuple[str, str], Actor] = field(default_factory=dict)


def _data_path_text(name: str, data_dir: str | Path | None) -> str:
    try:
        if data_dir is not None:
            return Path(data_dir, name).read_text(encoding="utf-8")
        return (resources.files("geokg.ingest") / "data" / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ActorDataError(f"cannot read actor data file {name!r}: {exc}") from exc


def _tsv(name: str, data_dir: str | Path | None, width: int) -> list[list[str]]:
    rows = []
    for n, line in enumerate(_data_path_text(name, data_dir).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > width:
            raise ActorDataError(f"{name}:{n}: expected at most {width} columns, got {len(cells)}")
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def _jsonl(text: str, origin: str) -> list[dict]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ActorDataError(f"{origin}:{n}: bad JSON: {exc}") from exc
        if not isinstance(obj, dict) or not obj.get("name"):
            raise ActorDataError(f"{origin}:{n}: expected an object with a 'name'")
        out.append(obj)
    return out


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


class ActorCoder:
    """Codes arguments to actors from gazetteers and role lexicons (see module doc).

    Build it once with :meth:`default` or :meth:`from_files`; it is immutable
    afterwards and safe to share.
    """

    def __init__(self, data_dir: str | Path | None = None, extra: Iterable[tuple[str, _Entry]] = (),
                 places=None) -> None:
        self._exact: dict[tuple[str, ...], list[_Entry]] = {}
        self._folded: dict[tuple[str, ...], list[_Entry]] = {}
        self._roles: dict[tuple[str, ...], _Entry] = {}
        self.country_names: dict[str, str] = {}
        self.country_adjectives: dict[str, str] = {}
        self.sector_nouns: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        self.words: dict[str, frozenset[str]] = {}
        self._places = places
        self._load(data_dir)
        for term, entry in extra:
            self._add(term, entry, fold=len(term.split()) > 1 or entry.kind == "role")
        self._known_ids = frozenset(
            e.actor.id for entries in self._exact.values() for e in entries if e.actor is not None)
        self._max = max(len(k) for k in list(self._exact) + list(self._folded) + list(self._roles))

    # -- construction ------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorCoder:
        """The coder built from the package data files."""
        return cls()

    @classmethod
    def from_files(cls, *paths: str | Path, data_dir: str | Path | None = None) -> ActorCoder:
        """The default coder plus extra gazetteers.

        Each path is a JSONL gazetteer in the ``actors_orgs.jsonl`` format (objects
        with ``name``, ``aliases``, ``country``, ``sector``, ``kind`` or ``role``) or
        a PETRARCH ``.txt`` actor/agent dictionary (:func:`read_petrarch_dictionary`).
        """
        extra: list[tuple[str, _Entry]] = []
        for path in paths:
            p = Path(path)
            try:
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise ActorDataError(f"cannot read gazetteer {str(p)!r}: {exc}") from exc
            if p.suffix == ".jsonl":
                extra.extend(_org_entries(_jsonl(text, str(p))))
            else:
                extra.extend(read_petrarch_dictionary(text, origin=str(p)))
        return cls(data_dir=data_dir, extra=extra)

    def _add(self, term: str, entry: _Entry, fold: bool = False) -> None:
        toks = tuple(t for t, _, _ in tokenize(term))
        if not toks:
            return
        if entry.kind == "role":
            self._roles.setdefault(tuple(_singular(t) for t in toks), entry)
            return
        self._exact.setdefault(toks, []).append(entry)
        if fold:
            self._folded.setdefault(tuple(t.lower() for t in toks), []).append(entry)

    def _load(self, data_dir: str | Path | None) -> None:
        import pycountry

        for name, words in _tsv("actors_words.tsv", data_dir, 2):
            self.words[name] = frozenset(words.lower().split())
        for name in ("titles", "common_modifiers", "quantity_heads", "english_homographs"):
            if name not in self.words:
                raise ActorDataError(f"actors_words.tsv: the list {name!r} is missing")
        for code, label, noun in _tsv("roles_sectors.tsv", data_dir, 3):
            self.sectors[code] = label
            self.sector_nouns[code] = noun or label.lower()
        for term, sector, role, rtype in _tsv("roles.tsv", data_dir, 4):
            if sector and sector not in self.sectors:
                raise ActorDataError(f"roles.tsv: unknown sector {sector!r} for {term!r}")
            self._add(term, _Entry("role", sector=sector or None, role=role or None,
                                   person_role=rtype == "person"))
        rows = _tsv("countries.tsv", data_dir, 5)
        listed = {r[0] for r in rows}
        for c in pycountry.countries:
            names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
            for name in filter(None, names):
                if "," not in name:
                    self._add(name, _Entry("name", iso3=c.alpha_3), fold=True)
            if c.alpha_3 not in listed:
                self.country_names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
        for iso3, names, adjectives, demonyms, capitals in rows:
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                raise ActorDataError(f"countries.tsv: bad ISO3 code {iso3!r}")
            for n in _split(names):
                self._add(n, _Entry("name", iso3=iso3), fold=len(n.split()) > 1)
            for a in _split(adjectives):
                self._add(a, _Entry("adjective", iso3=iso3), fold=_foldable(a, self.words["english_homographs"]))
            for d in _split(demonyms) or _split(adjectives):
                for form in [d, *_demonym_plurals(d)]:
                    self._add(form, _Entry("demonym", iso3=iso3), fold=_foldable(form, self.words["english_homographs"]))
            for cap in _split(capitals):
                self._add(cap, _Entry("capital", iso3=iso3, sector="GOV"))
            first = _split(names)
            self.country_names[iso3] = first[0] if first else iso3
            adj = _split(adjectives)
            if adj:
                self.country_adjectives[iso3] = adj[0]
        for term, iso3, sector in _tsv("countries_seats.tsv", data_dir, 3):
            self._add(term, _Entry("seat", iso3=iso3, sector=sector or "GOV"), fold=True)
        self._org_text = _data_path_text("actors_orgs.jsonl", data_dir)
        for term, entry in _org_entries(_jsonl(self._org_text, "actors_orgs.jsonl")):
            self._add(term, entry, fold=len(term.split()) > 1)
        for term, entry in _person_entries(_jsonl(_data_path_text("actors_people.jsonl", data_dir),
                                                  "actors_people.jsonl")):
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
        kind = "group" if sector in _COLLECTIVE_KIND else "organization"
        return Actor(key, name, kind, iso3, sector, None, _aliases(alias, name))

    def country_actor(self, iso3: str, alias: str | None = None) -> Actor:
        """The ``country:ISO`` actor."""
        name = self.country_name(iso3)
        return Actor(f"country:{iso3}", name, "country", iso3, None, None, _aliases(alias, name))

    def countries_in(self, text: str) -> list[str]:
        """ISO3 codes of the countries named in ``text`` (names, adjectives, capitals, seats)."""
        return [iso for iso, _ in self.country_mentions(text)]

    def country_mentions(self, text: str) -> list[tuple[str, int]]:
        """(ISO3, character offset) of every country term in ``text``, in order."""
        toks = tokenize(text)
        out = []
        for m in self._scan([t for t, _, _ in toks]):
            for e in m.entries:
                if e.kind in ("name", "adjective", "demonym", "capital", "seat") and e.iso3:
                    out.append((e.iso3, toks[m.start][1]))
                    break
        return out

    def place_country(self, text: str, label: str = "") -> str | None:
        """The country of a place phrase ("in Sinaloa", "near Kabul"), or None.

        Countries, capitals and seats come from the gazetteer; provinces and cities
        from the place index (:class:`geokg.ingest.dates.PlaceIndex`).
        """
        found = self.countries_in(text)
        if found:
            return found[0]
        places = self._place_index()
        toks = [t for t, _, _ in tokenize(text)]
        for size in range(min(4, len(toks)), 0, -1):
            for i in range(len(toks) - size + 1):
                chunk = toks[i:i + size]
                if not chunk[0][:1].isupper():
                    continue
                iso = places.lookup(" ".join(chunk))
                if iso:
                    return iso
        return None

    def _place_index(self):
        if self._places is None:
            from geokg.ingest.dates import PlaceIndex

            self._places = PlaceIndex()
        return self._places

    # -- scanning ------------------------------------------------------------------------
    def _scan(self, toks: Sequence[str]) -> list[_Match]:
        """Greedy longest-match of gazetteer terms over ``toks``."""
        out: list[_Match] = []
        i, n = 0, len(toks)
        while i < n:
            found: _Match | None = None
            for size in range(min(self._max, n - i), 0, -1):
                key = tuple(toks[i:i + size])
                entries = list(self._exact.get(key, ()))
                if not entries:
                    entries = list(self._folded.get(tuple(t.lower() for t in key), ()))
                if not entries and size == 1 and key[0].endswith("s") and key[0][:1].isupper():
                    # "Mexicos President": possessive written without the apostrophe
                    entries = [e for e in self._exact.get((key[0][:-1],), ()) if e.kind == "name"]
                role = self._roles.get(tuple(_singular(t) for t in key))
                if role is not None and (entries == [] or all(e.kind == "role" for e in entries)):
                    entries = [role]
                elif role is not None and size > 1:
                    entries = entries + [role]
                if entries:
                    found = _Match(i, i + size, tuple(entries))
                    break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    # -- coding --------------------------------------------------------------------------
    def code_argument(self, arg: Argument, doc=None, context: CodingContext | None = None) -> Actor | None:
        """The actor an argument names, or None when it names none.

        ``doc`` (the spaCy Doc the argument's offsets point into) sharpens the head
        and the person-name spans; ``context`` supplies the article's people and
        main country.
        """
        actors = self.code_arguments(arg, doc=doc, context=context)
        return actors[0] if actors else None

    def code_arguments(self, arg: Argument, doc=None, context: CodingContext | None = None) -> tuple[Actor, ...]:
        """All actors of an argument: one per conjunct ("Hungarian and Romanian officials")."""
        text = arg.name.strip()
        if not text:
            return ()
        if arg.resolved and context is not None and text.lower() in context.people:
            # a pronoun resolved to a person the article names ("he" -> "Kofi Annan")
            return (_office_country(context.people[text.lower()], context),)
        if doc is not None and not arg.resolved:
            trimmed = _noun_phrase(arg, doc)
            if trimmed is None:
                return ()
            if trimmed != (arg.start, arg.end):
                arg = replace(arg, text=doc.text[trimmed[0]:trimmed[1]], start=trimmed[0], end=trimmed[1])
                text = arg.text.strip()
        toks = tokenize(text)
        words = [t for t, _, _ in toks]
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return ()
        persons = self._person_spans(arg, text, toks, doc)
        head = self._head_index(words, arg.head if not arg.resolved else "", persons)
        if head is None:
            return ()
        while (head + 2 < len(words) and words[head].lower() in self.words["quantity_heads"] and words[head + 1].lower() == "of"):
            # "Tens of thousands of university students": the head is what is counted
            rest = words[head + 2:]
            sub = self._head_index(rest, "", [])
            if sub is None:
                break
            head = head + 2 + sub
        parts = self._conjuncts(words, head)
        out: list[Actor] = []
        for part_words, part_head, offset in parts:
            part_persons = [(s - offset, e - offset) for s, e in persons if s >= offset and e <= offset + len(part_words)]
            actor = self._code_phrase(part_words, part_head, arg.label, part_persons, context, text)
            if actor is not None and actor.id not in {a.id for a in out}:
                out.append(actor)
        return tuple(out)

    def is_role_word(self, word: str) -> bool:
        """Whether ``word`` is a role noun ("troops", "officials")."""
        return bool(word) and (_singular(word),) in self._roles

    def is_known(self, actor_id: str) -> bool:
        """Whether ``actor_id`` is a gazetteer entry (not an ad-hoc ``org:<slug>``)."""
        return actor_id in self._known_ids

    def _person_spans(self, arg: Argument, text: str, toks, doc) -> list[tuple[int, int]]:
        """Token spans of PERSON names inside the argument (from the Doc when given)."""
        spans: list[tuple[int, int]] = []
        if doc is not None and not arg.resolved:
            for ent in doc.ents:
                if ent.label_ != "PERSON" or ent.end_char <= arg.start or ent.start_char >= arg.end:
                    continue
                s = next((i for i, (_, a, b) in enumerate(toks) if b > ent.start_char - arg.start), None)
                e = next((i for i, (_, a, b) in reversed(list(enumerate(toks))) if a < ent.end_char - arg.start), None)
                if s is not None and e is not None and e >= s:
                    spans.append((s, e + 1))
        return spans

    def _head_index(self, words: list[str], head: str, persons) -> int | None:
        if head:
            for i, w in enumerate(words):
                if w == head:
                    return i
            for i, w in enumerate(words):
                if w.lower() == head.lower():
                    return i
        # heuristic: last word of the first chunk (multi-word terms are not split)
        protected: set[int] = set()
        for m in self._scan(words):
            if m.end - m.start > 1:
                protected.update(range(m.start + 1, m.end))
        last = None
        for i, w in enumerate(words):
            lw = w.lower()
            if i > 0 and i not in protected and (lw in _PREPS or lw in _CLAUSE or lw == "and"):
                break
            if re.match(r"\w", w) and lw not in _DETS:
                last = i
        return last

    def _conjuncts(self, words: list[str], head: int) -> list[tuple[list[str], int, int]]:
        """Split "X and Y officials" / "the US and Mexico" into conjuncts.

        Only top-level coordination before the first preposition or clause word
        after the head is split, and only when every conjunct contains a gazetteer
        term; a conjunct that is only a country modifier ("Hungarian and Romanian
        officials") borrows the last conjunct's head noun.
        """
        end = len(words)
        for i in range(head + 1, len(words)):
            if words[i].lower() in _PREPS or words[i].lower() in _CLAUSE - {","}:
                end = i
                break
        cuts = [i for i in range(end) if words[i].lower() in ("and", "&") or (words[i] == "," and i < end - 1)]
        if not cuts:
            return [(words, head, 0)]
        bounds = [-1, *cuts, end]
        pieces = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
        pieces = [(s, e) for s, e in pieces if e > s and any(re.match(r"\w", w) for w in words[s:e])]
        if len(pieces) < 2:
            return [(words, head, 0)]
        matches = self._scan(words)
        at = {i: m for m in matches for i in range(m.start, m.end)}
        def identifiable(s: int, e: int) -> bool:
            # a gazetteer term, or a capitalised name ("Barack Obama and Vladimir Putin")
            caps = [w for w in words[s:e] if w[:1].isupper() and w.lower() not in _DETS]
            return any(i in at for i in range(s, e)) or len(caps) >= 2

        if not all(identifiable(s, e) for s, e in pieces):
            return [(words, head, 0)]
        out = []
        last_s, last_e = pieces[-1]
        last_head = head if last_s <= head < last_e else _last_word(words[last_s:last_e]) + last_s
        k = last_s
        while k < last_head and (words[k].lower() in _DETS or (k in at and at[k].first("adjective", "demonym", "name"))):
            k += 1
        shared = words[k:last_head + 1]
        for s, e in pieces:
            piece_head = head if s <= head < e else _last_word(words[s:e]) + s
            ph = at.get(piece_head)
            modifier_only = (
                (s, e) != (last_s, last_e) and ph is not None and ph.first("adjective", "demonym", "name") is not None
                and ph.first("role") is None and k > last_s and k <= last_head
                and (ph.first("adjective") is not None or words[piece_head][-1:] == "s")
            )
            if modifier_only and ph.first("name") is not None and ph.first("adjective") is None:
                modifier_only = False
            if modifier_only:
                sub = words[s:piece_head + 1] + shared
                out.append((sub, len(sub) - 1, s))
            else:
                tail = words[s:end] if (s, e) == (last_s, last_e) else words[s:e]
                out.append((tail, piece_head - s, s))
        return out

    def _code_phrase(self, words: list[str], head: int, label: str, persons, context: CodingContext | None,
                     alias: str) -> Actor | None:
        titles = self.words["titles"]
        matches = self._scan(words)
        at = {i: m for m in matches for i in range(m.start, m.end)}
        hm = at.get(head)
        premods = [m for m in matches if m.end <= head or (hm is not None and m is not hm and m.start < hm.start)]
        premods = [m for m in premods if hm is None or m.end <= hm.start]
        # post-head prepositional phrases: "of Mexico", "in Guinea"
        post: list[_Match] = []
        post_place: str | None = None
        post_unknown = False
        post_preps = ("of", "in", "from") if hm is not None else ("of", "in", "from", "by", "against", "with", "on", "over")
        for i in range(head + 1, len(words)):
            if words[i].lower() in post_preps and i + 1 < len(words):
                end = next((k for k in range(i + 1, len(words)) if words[k].lower() in _PREPS or words[k] in _CLAUSE),
                           len(words))
                post.extend(m for m in matches if i < m.start < end)
                if not post:
                    phrase = words[i + 1:end]
                    if any(w[:1].isupper() for w in phrase):
                        post_place = self.place_country(" ".join(phrase))
                        post_unknown = post_place is None
                break
            if words[i].lower() in _PREPS or words[i].lower() in _CLAUSE:
                break
        premod_country = _country_of(premods)
        premod_org = next((e.actor for m in reversed(premods) for e in m.entries if e.kind == "org" and e.actor), None)
        former = any(w.lower() in ("former", "ex-", "ousted", "exiled") for w in words[:head])
        in_person = any(s <= head < e for s, e in persons)

        # "ethnic Albanians", "Soviet forces": a nationality word geokg does not map to a
        # country of today -- do not guess the article's country
        unknown_nationality = any(
            w[:1].isupper() and i not in at and w.lower() not in _DETS and w.lower().rstrip(".") not in titles
            and w.lower() not in self.words["common_modifiers"] and re.match(r"\w", w)
            for i, w in enumerate(words[:head])
        ) or any(w.lower() == "ethnic" for w in words[:head])

        sector_hint = None

        def with_country(iso: str | None) -> str | None:
            if iso:
                return iso
            post_iso = _country_of(post) or post_place
            if post_iso:
                return post_iso
            possessor = self._possessor_country(words, head, matches, context)
            if possessor:
                return possessor
            if post_unknown or unknown_nationality or sector_hint in _NO_DEFAULT_SECTORS:
                return None
            return context.default_country if context else None

        # 1. organisations and known people
        if hm is not None:
            org = hm.first("org")
            if org is not None and org.actor is not None:
                return _with_alias(org.actor, alias)
            known = hm.first("person")
            if known is not None and known.actor is not None:
                return self._person(known.actor, premods, context, alias, former)
        # 2. person names
        name_like = (label == "PERSON" and words[head][:1].isupper() and head > 0 and words[head - 1][:1].isupper()
                     and (head - 1) not in at)
        gazetteer_head = hm is not None and hm.first("name", "capital", "seat", "org", "demonym") is not None
        if (in_person and not gazetteer_head) or (
                label == "PERSON" and not gazetteer_head and (hm is None or hm.first("role") is None or name_like)):
            span = next(((s, e) for s, e in persons if s <= head < e), None)
            name_words = words[span[0]:span[1]] if span else _name_run(words, head, at, titles, name_like)
            name_words = _strip_titles(name_words, titles)
            if name_words:
                return self._named_person(" ".join(name_words), premods, context, alias, former)
        if hm is None:
            if premods and not (words[head][:1].isupper() and label in ("PERSON", "ORG")):
                return self._from_modifiers(premods, context, None, former)
            if post and words[head].lower() not in _PRONOUNS:
                return self._from_modifiers(post, context, None, former)
            if label == "ORG" and words[head][:1].isupper():
                iso = self.place_country(" ".join(words[: head + 1])) if head < 2 else None
                if iso:
                    return self.country_actor(iso)
                return self._unknown_org(words, head, matches, alias)
            if label in ("GPE", "LOC", "FAC") and words[head][:1].isupper():
                iso = self.place_country(" ".join(words[: head + 1]), label)
                return self.country_actor(iso) if iso else None
            return None
        # 3. seats and capitals stand for the government
        place = hm.first("seat")
        if place is None and len(words) - sum(1 for w in words if w.lower() in _DETS) <= hm.end - hm.start + 1:
            place = hm.first("capital")
        if place is not None and hm.first("name") is None:
            return self.sector_actor(place.iso3, place.sector or "GOV", alias)
        # 4. countries by name
        name = hm.first("name")
        if name is not None and hm.first("role") is None:
            return self.country_actor(name.iso3, alias)
        # 5. role words: "the Mexican government", "US officials", "Sheinbaum's government"
        role = hm.first("role")
        if role is not None:
            if label == "ORG" and words[head][:1].isupper() and any(w[:1].isupper() for w in words[:head] if w.lower() not in _DETS) and not premods:
                return self._unknown_org(words, head, matches, alias)
            if premod_org is not None:
                return _with_alias(premod_org, alias)
            sector = role.sector
            mod_role = next((e for m in reversed(premods) for e in m.entries if e.kind == "role" and e.sector), None)
            if mod_role is not None:
                # "rebel leaders", "intelligence officials", "opposition groups": the modifier
                # names the sector of person roles, of generic heads and of sector-less heads
                generic = role.sector == "GOV" and _is_generic(words[head])
                if role.person_role or sector is None or generic:
                    sector = mod_role.sector
            if former:
                sector = "ELI"
            if sector is None and premod_country is None and not post:
                return None
            sector_hint = sector
            iso = with_country(premod_country)
            if role.person_role and iso and context is not None and role.role:
                holder = context.roles.get((iso, role.role.lower()))
                if holder is not None:
                    return _with_alias(holder, alias)
            if sector is None and iso is None:
                return None
            if sector is None:
                return self.country_actor(iso, alias)
            return self.sector_actor(iso, sector, alias)
        # 6. demonyms as heads: "Palestinians", "a Saudi"
        dem = hm.first("demonym", "adjective")
        if dem is not None:
            if any(w.lower() == "ethnic" for w in words[:head]):
                iso = premod_country or (context.default_country if context else None)
                return self.sector_actor(iso, "CVL", alias) if iso else None
            iso = premod_country or dem.iso3
            return self.sector_actor(iso, "CVL", alias)
        return None

    def _from_modifiers(self, mods: list[_Match], context, alias: str, former: bool) -> Actor | None:
        """An actor named only by modifiers: "US military action", "Indian proposal"."""
        org = next((e.actor for m in reversed(mods) for e in m.entries if e.kind == "org" and e.actor), None)
        if org is not None:
            return _with_alias(org, alias)
        person = next((e.actor for m in reversed(mods) for e in m.entries if e.kind == "person" and e.actor), None)
        if person is not None:
            return _with_alias(person, alias)
        iso = _country_of(mods)
        role = next((e for m in reversed(mods) for e in m.entries if e.kind == "role" and e.sector), None)
        seat = next((e for m in mods for e in m.entries if e.kind == "seat"), None)
        if role is not None and (iso or role.sector in ("IGO", "NGO")):
            return self.sector_actor(iso, "ELI" if former else role.sector, alias)
        if seat is not None:
            return self.sector_actor(seat.iso3, seat.sector or "GOV", alias)
        if iso:
            return self.country_actor(iso, alias)
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
                known = _merge_actor(known, seen)
        return _with_alias(known, alias)

    def _named_person(self, name: str, premods, context, alias: str, former: bool) -> Actor:
        iso = _country_of(premods)
        role = next((e for m in reversed(premods) for e in m.entries if e.kind == "role" and e.person_role), None)
        org = next((e.actor for m in reversed(premods) for e in m.entries if e.kind == "org" and e.actor), None)
        known = None
        if context is not None:
            known = context.people.get(name.lower()) or (
                context.people.get(name.split()[-1].lower()) if len(name.split()) == 1 else None)
        if known is not None and (iso is None or known.country in (None, iso)):
            merged = known
            if iso and not merged.country:
                merged = replace(merged, country=iso)
            if role is not None and not merged.role:
                merged = replace(merged, role=role.role, sector=merged.sector or role.sector)
            return _with_alias(_office_country(merged, context), alias)
        sector = ("ELI" if former else role.sector) if role is not None else None
        if org is not None and not iso:
            # "U.N. mediator Diego Cordovez": a person of an international body
            sector = org.sector if org.kind == "igo" or org.sector in ("IGO", "NGO") else sector
        person = Actor(f"person:{slug(name)}", name, "person", iso, sector,
                       role.role if role is not None else None, _aliases(alias, name))
        return _office_country(person, context)

    def _unknown_org(self, words, head, matches, alias) -> Actor:
        start = 0
        while start < head and words[start].lower() in _DETS:
            start += 1
        name = " ".join(words[start:head + 1]).replace(" 's", "'s").replace(" - ", "-")
        iso = _country_of([m for m in matches if m.start <= head])
        role = next((e for m in matches if m.start <= head for e in m.entries if e.kind == "role" and e.sector), None)
        return Actor(f"org:{slug(name)}", name, "organization", iso, role.sector if role else None, None,
                     _aliases(alias, name))

    # -- mentions ------------------------------------------------------------------------
    def code_entity(self, text: str, label: str, context: CodingContext | None = None) -> Actor | None:
        """Code an NER entity mention (its text and spaCy label) to an actor."""
        if label not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            return None
        words = [t for t, _, _ in tokenize(text)]
        if not words:
            return None
        if label == "NORP":
            m = self._scan(words)
            if len(m) == 1 and m[0].start == 0 and m[0].end == len(words):
                adj = m[0].first("adjective")
                if adj is not None and adj.iso3:
                    return self.country_actor(adj.iso3, text)
        arg = Argument("other", text, 0, len(text), head=_entity_head(words), label=label)
        actor = self.code_argument(arg, context=context)
        if actor is None and label in ("GPE", "LOC"):
            iso = self.place_country(text, label)
            return self.country_actor(iso, text) if iso else None
        return actor


def _noun_phrase(arg: Argument, doc) -> tuple[int, int] | None:
    """Character span of the argument's noun phrase in ``doc`` (from the head's
    left edge), or None when the argument is a clause (its head is a verb)."""
    if not arg.head:
        return (arg.start, arg.end)
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    head = next((t for t in span if t.text == arg.head), None) if span is not None else None
    if head is None:
        return (arg.start, arg.end)
    if head.pos_ in ("VERB", "AUX") and not head.ent_type_:
        return None
    left = max(arg.start, head.left_edge.idx)
    # the extractor may cut the phrase's trailing prepositional phrase ("Rebels [in the Ivory Coast]")
    right = arg.end
    edge = head.right_edge
    if edge.idx + len(edge.text) > right and all(t.pos_ not in ("VERB", "AUX") for t in doc[head.i + 1: edge.i + 1]):
        right = edge.idx + len(edge.text)
    return (left, right)


def _office_country(person: Actor, context: CodingContext | None) -> Actor:
    """A state office holder named without a country ("President Mugabe") gets the
    article's main country."""
    if person.country or person.role is None or context is None or not context.default_country:
        return person
    if person.sector not in (None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "ELI"):
        return person
    return replace(person, country=context.default_country, sector=person.sector or "GOV")


def _entity_head(words: list[str]) -> str:
    for i, w in enumerate(words):
        if w.lower() in ("of",) and i > 0:
            return words[i - 1]
    return words[-1] if words[-1] not in ("'s", "’s") else words[-2] if len(words) > 1 else words[-1]


def _skip_modifiers(words, piece, kinds) -> int:
    s, e = piece
    k = 0
    while s + k < e - 1 and (s + k) in kinds and kinds[s + k].first("adjective", "demonym", "name"):
        k += 1
    return k


def _last_word(words: list[str]) -> int:
    for i in range(len(words) - 1, -1, -1):
        if re.match(r"\w", words[i]):
            return i
    return len(words) - 1


def _is_generic(word: str) -> bool:
    return _singular(word) in ("official", "leader", "member", "authority", "representative", "chief", "head")


def _country_of(matches: Iterable[_Match]) -> str | None:
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


def _name_run(words: list[str], head: int, at: Mapping[int, _Match], titles: frozenset[str],
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


def _strip_titles(words: list[str], titles: frozenset[str]) -> list[str]:
    while words and (words[0].lower().rstrip(".") in titles or words[0].lower() in _DETS):
        words = words[1:]
    return [w for w in words if w not in ("'s", "’s")]


def _aliases(*names: str | None) -> tuple[str, ...]:
    return tuple(sorted({n.strip() for n in names if n and n.strip()}))


def _with_alias(actor: Actor, alias: str | None) -> Actor:
    if not alias or alias in actor.aliases:
        return actor
    return replace(actor, aliases=_aliases(alias, *actor.aliases))


def _merge_actor(a: Actor, b: Actor) -> Actor:
    """``a`` with the gaps filled from ``b`` and the aliases of both."""
    return replace(
        a,
        country=a.country or b.country,
        sector=a.sector or b.sector,
        role=a.role or b.role,
        aliases=_aliases(*a.aliases, *b.aliases),
    )


def _org_entries(objs: Iterable[dict]) -> Iterable[tuple[str, _Entry]]:
    for o in objs:
        name = o["name"]
        kind = o.get("kind") or "organization"
        key = o.get("id") or f"{'group' if kind == 'group' else 'org'}:{slug(name)}"
        actor = Actor(key, name, kind, o.get("country"), o.get("sector"), o.get("role"),
                      _aliases(name, *o.get("aliases", [])))
        if "role" in o and kind == "person":
            yield name, _Entry("person", iso3=actor.country, sector=actor.sector, actor=actor)
            continue
        for term in [name, *o.get("aliases", [])]:
            yield term, _Entry("org", iso3=actor.country, sector=actor.sector, actor=actor)


def _person_entries(objs: Iterable[dict]) -> Iterable[tuple[str, _Entry]]:
    for o in objs:
        name = o["name"]
        actor = Actor(f"person:{slug(name)}", name, "person", o.get("country"), o.get("sector"),
                      o.get("role"), _aliases(name, *o.get("aliases", [])))
        for term in [name, *o.get("aliases", [])]:
            yield term, _Entry("person", iso3=actor.country, sector=actor.sector, actor=actor)


# -- PETRARCH dictionaries -----------------------------------------------------------------

_PETR_CODE = re.compile(r"\[\s*([^\]\s]+)[^\]]*\]")


def read_petrarch_dictionary(text: str, origin: str = "<petrarch>") -> list[tuple[str, _Entry]]:
    """Gazetteer entries from a PETRARCH actor or agent dictionary.

    Actor lines are ``NAME [CODE]`` with ``+SYNONYM`` lines after them and
    date-restricted codes on indented lines (the first undated code, else the last
    one, is used); agent lines are ``WORD {PLURAL} [~SEC]`` (or ``[SEC~]``).
    Underscores join the words of a phrase; ``#`` starts a comment, ``<!-- -->``
    encloses one.  Codes are CAMEO style: three letters of country then sector codes
    ("CALGOV" -> country CAL, sector GOV; "IGO..." -> an intergovernmental body).

    Raises
    ------
    ActorDataError
        When ``text`` holds no entry at all (the message names ``origin``).
    """
    entries: list[tuple[str, _Entry]] = []
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if names and codes:
            undated = [c for c in codes if " " not in c.strip()]
            code = (undated[0] if undated else codes[-1]).split()[0]
            entries.extend(_petrarch_entries(names, code))
        names.clear()
        codes.clear()

    text = re.sub(r"<!\s*--.*?-->", "", text, flags=re.DOTALL)
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        stripped = line.strip()
        if not stripped or (stripped.startswith("!") and "=" in stripped):
            continue  # blank, or a substitution set (!PERSON! = MAN, ...)
        if raw[:1] in (" ", "\t") and stripped.startswith("["):
            codes.extend(c.strip() for c in re.findall(r"\[([^\]]+)\]", stripped))
            continue
        if stripped.startswith("+"):
            names.append(_petr_phrase(stripped[1:]))
            continue
        flush()
        head = re.split(r"[\[{]", stripped)[0]
        if not head.strip():
            continue
        names.append(_petr_phrase(head))
        for plural in re.findall(r"\{([^}]*)\}", stripped):
            names.extend(_petr_phrase(p) for p in plural.split() if p.strip())
        codes.extend(c.strip() for c in re.findall(r"\[([^\]]+)\]", stripped))
    flush()
    out = [(t if e.kind != "role" else t.lower(), e) for t, e in entries if t.strip() and "!" not in t]
    if not out:
        raise ActorDataError(f"{origin}: no PETRARCH dictionary entries found")
    return out


def _petrarch_entries(names: list[str], code: str) -> list[tuple[str, _Entry]]:
    """Entries for the names of one PETRARCH record with its code."""
    out: list[tuple[str, _Entry]] = []
    if code.startswith("~") or code.endswith("~"):  # an agent: a role word
        sector = code.strip("~")[:3] or None
        return [(n, _Entry("role", sector=sector)) for n in names]
    if not re.fullmatch(r"[A-Za-z]{3}\w*", code):
        return out
    iso, sector = code[:3].upper(), (code[3:6].upper() or None)
    kind = "igo" if iso == "IGO" else "group" if sector in _COLLECTIVE_KIND else "organization"
    actor = Actor(f"petr:{code.upper()}", names[0], kind, None if iso == "IGO" else iso,
                  sector or ("IGO" if iso == "IGO" else None))
    for n in names:
        for form in dict.fromkeys((n, n.upper())):
            if sector is None and iso != "IGO":
                out.append((form, _Entry("name", iso3=iso)))  # a country-level actor
            else:
                out.append((form, _Entry("org", iso3=actor.country, sector=actor.sector, actor=actor)))
    return out


def _petr_phrase(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip().title() if text.strip() else ""


# -- codes and resolution ------------------------------------------------------------------


def actor_code(actor: Actor | None) -> str | None:
    """A CAMEO-style three-letter code for evaluation and display.

    The country when known; "IGO" for intergovernmental bodies, "NGO" for
    NGOs, "IMG" (international militarised group) for armed groups without a
    country; None otherwise.

    Examples
    --------
    >>> actor_code(Actor("org:un", "United Nations", "igo", None, "IGO"))
    'IGO'
    >>> actor_code(Actor("country:MEX", "Mexico", "country", "MEX"))
    'MEX'
    """
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.kind == "igo" or actor.sector == "IGO":
        return "IGO"
    if actor.sector == "NGO":
        return "NGO"
    if actor.sector in ("REB", "UAF"):
        return "IMG"
    return None


class ActorResolver:
    """Merge person actors across articles, deterministically.

    "Sheinbaum" (``person:sheinbaum``) is merged into "Claudia Sheinbaum"
    (``person:claudia-sheinbaum``) when exactly one fuller name with that surname is
    compatible with it: same country (or one unknown) and, when both are known, the
    same sector.  People who share a surname but differ in country stay apart, and a
    surname shared by two compatible full names stays unresolved.

    Add results as they come with :meth:`add`; :meth:`mapping` depends only on the
    *set* of person actors seen (their attributes are combined by vote, ties broken
    alphabetically), so any order of the same corpus gives the same ids.
    :meth:`apply` rewrites a result with the current mapping, keeping every alias.

    Examples
    --------
    >>> full = Actor("person:ryutaro-hashimoto", "Ryutaro Hashimoto", "person", "JPN", "GOV")
    >>> short = Actor("person:hashimoto", "Hashimoto", "person", None, None, None, ("Hashimoto",))
    >>> other = Actor("person:hashimoto", "Hashimoto", "person", "KEN")
    >>> r = ActorResolver()
    >>> r.add_actors([full, short])
    >>> r.mapping()["person:hashimoto"].id
    'person:ryutaro-hashimoto'
    >>> r2 = ActorResolver()
    >>> r2.add_actors([full, other])
    >>> "person:hashimoto" in r2.mapping()
    False
    """

    def __init__(self) -> None:
        self._versions: dict[str, list[Actor]] = {}

    def add(self, results: Iterable[ArticleResult]) -> None:
        """Record the person actors of ``results``."""
        for r in results:
            self.add_actors(_result_actors(r))

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Record person actors directly."""
        for a in actors:
            if a.kind == "person":
                self._versions.setdefault(a.id, []).append(a)

    def people(self) -> dict[str, Actor]:
        """Person id -> the actor combined from every version seen."""
        return {k: _combine(v) for k, v in sorted(self._versions.items())}

    def mapping(self) -> dict[str, Actor]:
        """Surname-only person id -> the canonical person it resolves to."""
        people = self.people()
        full = [a for a in people.values() if len(a.name.split()) > 1]
        out: dict[str, Actor] = {}
        for a in people.values():
            if len(a.name.split()) > 1:
                continue
            key = slug(a.name)
            cands = [f for f in full if slug(f.name.split()[-1]) == key and _compatible(a, f)]
            if len(cands) == 1:
                out[a.id] = _merge_actor(cands[0], a)
        return out

    def apply(self, result: ArticleResult) -> ArticleResult:
        """``result`` with person ids replaced by their canonical ids."""
        return _remap(result, self.mapping())


def _compatible(a: Actor, b: Actor) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.sector and b.sector and a.sector != b.sector and "ELI" not in (a.sector, b.sector))


def _combine(versions: Sequence[Actor]) -> Actor:
    """One actor from several versions of the same id: each field by vote (ties: alphabetical)."""
    def vote(values):
        values = [v for v in values if v]
        if not values:
            return None
        counts = Counter(values)
        return min(counts, key=lambda v: (-counts[v], v))

    first = min(versions, key=lambda a: (a.name, a.country or "", a.sector or "", a.role or ""))
    return replace(
        first,
        name=vote([a.name for a in versions]) or first.name,
        country=vote([a.country for a in versions]),
        sector=vote([a.sector for a in versions]),
        role=vote([a.role for a in versions]),
        aliases=_aliases(*(x for a in versions for x in a.aliases)),
    )


def resolve_actors(results: Iterable[ArticleResult]) -> list[ArticleResult]:
    """Resolve surname-only people across a corpus (see :class:`ActorResolver`)."""
    results = list(results)
    resolver = ActorResolver()
    resolver.add(results)
    mapping = resolver.mapping()
    return [_remap(r, mapping) for r in results]


def _result_actors(r: ArticleResult) -> Iterable[Actor]:
    yield from r.actors
    for ev in r.events:
        if ev.source is not None:
            yield ev.source
        if ev.target is not None:
            yield ev.target


def _remap(result: ArticleResult, mapping: Mapping[str, Actor]) -> ArticleResult:
    if not mapping:
        return result

    def m(a: Actor | None) -> Actor | None:
        if a is None or a.id not in mapping:
            return a
        return _merge_actor(mapping[a.id], a)

    events = []
    for ev in result.events:
        src, tgt = m(ev.source), m(ev.target)
        if src is ev.source and tgt is ev.target:
            events.append(ev)
            continue
        from geokg.ingest.coding import event_id

        events.append(replace(ev, source=src, target=tgt, id=event_id(src, ev.cameo or ev.extraction.lemma, tgt,
                                                                      ev.date, result.article.id)))
    actors: dict[str, Actor] = {}
    for a in result.actors:
        b = m(a)
        actors[b.id] = _merge_actor(actors[b.id], b) if b.id in actors else b
    mentions = tuple(
        replace(x, actor_id=mapping[x.actor_id].id) if x.actor_id in mapping else x for x in result.mentions
    )
    return replace(result, events=tuple(events), actors=tuple(actors[k] for k in sorted(actors)), mentions=mentions)
