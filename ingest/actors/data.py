"""Records and data files of actor coding.

:class:`Entry` is one reading of a gazetteer term (a country name, a role word, an
organisation ...), :class:`TermMatch` a run of tokens the gazetteer matched, and
:class:`CodingContext` what an article tells about its actors.  The readers here
load the TSV/JSONL files of ``ingest/data/`` and raise :class:`ActorDataError`
naming the file and line of a malformed row.

Examples
--------
>>> a = Actor("person:x", "X", "person", None, None, None, ("X",))
>>> b = Actor("person:x", "X", "person", "MEX", "GOV", None, ("Mr X",))
>>> m = merge_actor(a, b)
>>> m.country, m.sector, m.aliases
('MEX', 'GOV', ('Mr X', 'X'))
>>> with_alias(a, "Mr X").aliases
('Mr X', 'X')
>>> split_cell("Mexico; United Mexican States;")
['Mexico', 'United Mexican States']
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from geokg.ingest import resources
from geokg.ingest.actors.words import slug
from geokg.ingest.records import Actor

__all__ = [
    "ActorDataError",
    "CodingContext",
    "Entry",
    "Memo",
    "TermMatch",
    "alias_tuple",
    "data_text",
    "merge_actor",
    "org_entries",
    "person_entries",
    "read_jsonl",
    "read_tsv",
    "split_cell",
    "with_alias",
]


class ActorDataError(ValueError):
    """A gazetteer or lexicon file is missing or malformed (the message names it)."""



@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a gazetteer term."""

    kind: str  # org | person | name | adjective | demonym | capital | seat | role
    iso3: str | None = None
    sector: str | None = None
    actor: Actor | None = None
    role: str | None = None
    person_role: bool = False
    #: a person's one-word name where the dictionary gives it no longer one (Phoenix's "HASSAN_"): a different
    #: given name before it in the text names somebody else ("Margaret Hassan")
    surname_only: bool = False


@dataclass(frozen=True, slots=True)
class TermMatch:
    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, *kinds: str) -> Entry | None:
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
    no country ("police said"); ``scene_country`` the country of the first place the
    article names as where something happens ("killed *in Fallujah*"), which
    civilians with no country take ("five people were killed": the people there);
    ``eponyms`` the place words the article uses as names of documents ("Kyoto" of
    "the Kyoto Protocol"), which name no country anywhere in it ("Putin backs Kyoto").

    ``memo`` is the coders' memo for the article (coded arguments, the Doc's
    index); it is no part of the context's value, and the context must not be
    changed once coding has started.
    """

    article_id: str | None = None
    default_country: str | None = None
    people: Mapping[str, Actor] = field(default_factory=dict)
    roles: Mapping[tuple[str, str], Actor] = field(default_factory=dict)
    scene_country: str | None = None
    eponyms: frozenset[str] = frozenset()
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)


class Memo:
    """A bounded memo for one coder object: at most ``maxsize`` entries, the oldest
    dropped first.  It needs no lock: every step is one atomic dict operation (a
    racing thread at worst drops one entry too many).  It pickles empty.

    Examples
    --------
    >>> m = Memo(2)
    >>> m.put("a", 1), m.put("b", 2), m.put("c", 3)
    (1, 2, 3)
    >>> m.get("a"), m.get("c"), len(m)
    (None, 3, 2)
    """

    __slots__ = ("_data", "get", "maxsize")

    def __init__(self, maxsize: int = 4096) -> None:
        if maxsize < 1:
            raise ValueError(f"Memo maxsize must be positive, got {maxsize!r}")
        self.maxsize = maxsize
        self._data: dict = {}
        #: ``get(key, default=None)``: the value stored for ``key``, else ``default``.
        self.get = self._data.get

    def put(self, key: Hashable, value):
        """Store ``value`` for ``key`` and return it."""
        data = self._data
        if len(data) >= self.maxsize:
            try:
                del data[next(iter(data))]
            except (KeyError, RuntimeError, StopIteration):  # another thread got there first
                pass
        data[key] = value
        return value

    def __len__(self) -> int:
        return len(self._data)

    def __getstate__(self) -> int:
        return self.maxsize

    def __setstate__(self, maxsize: int) -> None:
        self.__init__(maxsize)


def data_text(name: str, data_dir: str | Path | None) -> str:
    try:
        return resources.data_text(name, data_dir)
    except OSError as exc:
        raise ActorDataError(f"cannot read actor data file {name!r}: {exc}") from exc


def read_tsv(name: str, data_dir: str | Path | None, width: int) -> list[list[str]]:
    rows = []
    for n, line in enumerate(data_text(name, data_dir).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > width:
            raise ActorDataError(f"{name}:{n}: expected at most {width} columns, got {len(cells)}")
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def read_jsonl(text: str, origin: str) -> list[dict]:
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


def split_cell(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]



def alias_tuple(*names: str | None) -> tuple[str, ...]:
    return tuple(sorted({n.strip() for n in names if n and n.strip()}))


def with_alias(actor: Actor, alias: str | None) -> Actor:
    if not alias or alias in actor.aliases:
        return actor
    return replace(actor, aliases=alias_tuple(alias, *actor.aliases))


def merge_actor(a: Actor, b: Actor) -> Actor:
    """``a`` with the gaps filled from ``b`` and the aliases of both."""
    country, sector, role = a.country or b.country, a.sector or b.sector, a.role or b.role
    aliases = alias_tuple(*a.aliases, *b.aliases)
    if country == a.country and sector == a.sector and role == a.role and aliases == a.aliases:
        return a  # nothing to fill (the same value as the copy)
    return replace(a, country=country, sector=sector, role=role, aliases=aliases)


def org_entries(objs: Iterable[dict]) -> Iterable[tuple[str, Entry]]:
    for o in objs:
        name = o["name"]
        kind = o.get("kind") or "organization"
        key = o.get("id") or f"{'group' if kind == 'group' else 'org'}:{slug(name)}"
        actor = Actor(key, name, kind, o.get("country"), o.get("sector"), o.get("role"),
                      alias_tuple(name, *o.get("aliases", [])))
        if "role" in o and kind == "person":
            yield name, Entry("person", iso3=actor.country, sector=actor.sector, actor=actor)
            continue
        for term in [name, *o.get("aliases", [])]:
            yield term, Entry("org", iso3=actor.country, sector=actor.sector, actor=actor)


def person_entries(objs: Iterable[dict]) -> Iterable[tuple[str, Entry]]:
    for o in objs:
        name = o["name"]
        actor = Actor(f"person:{slug(name)}", name, "person", o.get("country"), o.get("sector"),
                      o.get("role"), alias_tuple(name, *o.get("aliases", [])))
        for term in [name, *o.get("aliases", [])]:
            yield term, Entry("person", iso3=actor.country, sector=actor.sector, actor=actor)


