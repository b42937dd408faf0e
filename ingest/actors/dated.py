"""Named people whose codes change with the date: who an actor is as of an article's date.

A Phoenix actor record (:class:`geokg.ingest.dictionaries.petrarch.DatedActor`) gives a
person date-ranged codes: Abdelaziz Bouteflika is ``DZAGOV`` from 1999, George W. Bush
``USAGOV`` from 2001 to 2009 and ``USAELI`` outside it.  :class:`DatedPeople` holds these
records by actor id and answers three questions as of a date:

* :meth:`DatedPeople.as_of`: the country and sector of a known person on that date (a
  former president is no longer GOV; a U.N. official has no country);
* the same name for several records ("President Bush": George H. W. and George W. Bush):
  the one in office on that date, when another is not;
* :meth:`DatedPeople.by_surname`: a surname with its title ("President Bush") is the record
  of that name in office on that date; a surname alone the one person of that surname who
  held an office (a range of a sector other than ELI) on that date, if one did; with no
  date (an undated article), the best known who ever held an office, when the country of
  those offices is clear ("Bush" in an undated story is an American president).

:meth:`DatedPeople.people_as_of` applies them to an article's people before its events are
coded, so a surname the article names with a title ("President Bush") is not given the
article's main country by guess.

The records are read through their ``names``, ``codes`` (each with ``code`` and
``valid(date)``) and ``code_on(date)``; the code of a record is split into country and
sector by the ``parts`` function given to the constructor.

Examples
--------
>>> from datetime import date
>>> from geokg.ingest.dictionaries.petrarch import DatedActor, DatedCode
>>> from geokg.ingest.records import Actor
>>> w = DatedActor(("george w. bush", "president bush"),
...                (DatedCode("USAGOV", date(2001, 1, 20), date(2009, 1, 20)),), "USAELI")
>>> hw = DatedActor(("george bush", "president bush"),
...                 (DatedCode("USAGOV", date(1989, 1, 20), date(1993, 1, 20)),), "USAELI")
>>> people = DatedPeople({"person:george-w-bush": (w, Actor("person:george-w-bush", "George W. Bush", "person")),
...                       "person:george-bush": (hw, Actor("person:george-bush", "George Bush", "person"))},
...                      lambda code: (code[:3] or None, code[3:6] or None))
>>> a = people.as_of(Actor("person:george-bush", "George Bush", "person"), date(2004, 6, 1))
>>> a.id, a.country, a.sector
('person:george-w-bush', 'USA', 'GOV')
>>> people.as_of(a, date(2012, 1, 1)).sector
'ELI'
>>> people.by_surname("Bush", date(1990, 1, 1)).id
'person:george-bush'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from geokg.ingest.actors.data import Memo, alias_tuple
from geokg.ingest.records import Actor

__all__ = ["DatedPeople", "country_codes"]

#: The sector of an elite range (a person of standing, not in office): it names no office.
_ELITE = "ELI"
#: Name suffixes that are no surname.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Sectors whose actors have no country (an official of the U.N. is not one of Ghana's).
_NO_COUNTRY = frozenset({"IGO", "NGO"})
_UNKNOWN = object()  # not yet in a memo (None is a result)


class DatedPeople:
    """Date-ranged person records by actor id (see the module doc).

    ``records``: actor id -> (record, the actor its default code gives); ``parts``: a
    code -> (country, sector) function ("USAGOV" -> ("USA", "GOV"); "IGOUNO" -> (None, "IGO")).
    """

    def __init__(self, records: Mapping[str, tuple[Any, Actor]],
                 parts: Callable[[str], tuple[str | None, str | None]]) -> None:
        self._records = dict(records)
        self._parts = parts
        by_name: dict[str, list[str]] = {}
        surnames: dict[str, list[str]] = {}
        for pid, (rec, _) in self._records.items():
            for name in rec.names:
                words = name.lower().split()
                by_name.setdefault(" ".join(words), []).append(pid)
                while words and words[-1].rstrip(".,") in _SUFFIXES:
                    words = words[:-1]  # "George Bush Jr": the surname is Bush
                if len(words) > 1 and pid not in surnames.get(words[-1], ()):
                    surnames.setdefault(words[-1], []).append(pid)
        self._alternatives = {
            pid: tuple(dict.fromkeys(x for n in rec.names for x in by_name[" ".join(n.lower().split())]))
            for pid, (rec, _) in self._records.items()}
        self._surnames = {k: tuple(v) for k, v in surnames.items()}
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        # (surname in lower case, titled) -> _undated_surname: an undated corpus asks for the same surnames
        # article after article, and a common one ("Kim") has many records to rank
        self._undated = Memo(1 << 12)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._records

    def record(self, actor_id: str) -> Any | None:
        """The record of a person id, or None."""
        found = self._records.get(actor_id)
        return found[0] if found is not None else None

    def _standing(self, pid: str, when: date) -> int:
        """2: a range of an office holds on ``when``; 1: an elite range holds; 0: none."""
        rec = self._records[pid][0]
        held = [self._parts(c.code)[1] for c in rec.codes if c.valid(when)]
        if any(s != _ELITE for s in held):
            return 2
        return 1 if held else 0

    def as_of(self, actor: Actor, when: date | None) -> Actor:
        """``actor`` (a person of a record) with its country and sector as of ``when``;
        a name shared by several records goes to the one in office on ``when``."""
        if actor.id not in self._records:
            return actor
        pid = actor.id
        if when is not None and len(self._alternatives[pid]) > 1:
            own = self._standing(pid, when)
            best = max(self._alternatives[pid], key=lambda x: self._standing(x, when))
            if self._standing(best, when) > own:
                pid = best
        elif len(self._alternatives[pid]) > 1:
            # no date: a name several records share ("President Bush") is the best known's (the most names)
            best = max(self._alternatives[pid], key=lambda x: len(self._records[x][0].names))
            if len(self._records[best][0].names) > len(self._records[pid][0].names):
                pid = best
        rec, base = self._records[pid]
        code = rec.code_on(when) if when is not None else (self._titled_code(rec, actor) or self._undated_code(rec))
        country, sector = self._parts(code) if code else (None, None)
        if not code and pid == actor.id and actor.sector != base.sector:
            country, sector = actor.country, actor.sector  # no code then: what the text said ("U.N. mediator X")
        if country is None and sector not in _NO_COUNTRY:  # "ELI": a code of no country says none
            country = actor.country if pid == actor.id else base.country
        if pid != actor.id:
            actor = replace(actor, id=base.id, name=base.name, aliases=alias_tuple(*actor.aliases, base.name))
        role = actor.role
        if role and sector not in (None, _ELITE) and role.lower().startswith("former "):
            role = role[len("former "):]  # "Former President" (as of today) was President then
        if (country, sector, role) == (actor.country, actor.sector, actor.role):
            return actor
        return replace(actor, country=country, sector=sector, role=role)

    def _titled_code(self, rec: Any, actor: Actor) -> str | None:
        """With no date: the record's office of the sector the text's title gives ("*President*
        Bush said": in office then, whatever the record's default), else None; not a former one."""
        if not actor.role or actor.sector in (None, _ELITE) or actor.role.lower().startswith(("former", "ex-")):
            return None
        return next((c.code for c in rec.codes if self._parts(c.code)[1] == actor.sector), None)

    def _undated_code(self, rec: Any) -> str | None:
        """The code of a record with no date: the default, but the office of one who only held
        offices of no country ("Kofi Annan": the U.N.'s in any year, not the main country of an
        undated story about Syria)."""
        offices = {c.code for c in rec.codes if self._parts(c.code)[1] != _ELITE}
        if offices and all(self._parts(c)[0] is None and self._parts(c)[1] in _NO_COUNTRY for c in offices):
            return min(offices)
        return rec.code_on(None)

    def by_surname(self, surname: str, when: date | None, title: str | None = None) -> Actor | None:
        """The person a surname names on ``when`` (as of ``when``), else None: with a title,
        the record of that name ("President Bush") in office then; else the one person of
        that surname in an office on ``when`` -- or, of several, the best known (the most
        names in the dictionary) when they all hold office in one country or it has at
        least twice as many names as any other.  With no date (an undated article): the
        best known of the people of that surname who ever held an office, with the country
        of those offices when they all held them in one country ("Bush": both presidents),
        else None."""
        if when is None:
            key = (surname.lower(), bool(title))
            found = self._undated.get(key, _UNKNOWN)
            if found is _UNKNOWN:
                found = self._undated.put(key, self._undated_surname(surname, title))
            return found
        if title:
            named = self._by_name.get(f"{title} {surname}".lower())
            if named:
                return self.as_of(self._records[named[0]][1], when)
        pids = [p for p in self._surnames.get(surname.lower(), ()) if self._standing(p, when) == 2]
        if not pids:
            return None
        pids.sort(key=lambda p: -len(self._records[p][0].names))
        found = [self.as_of(self._records[p][1], when) for p in pids]
        if len({a.country for a in found}) > 1 and (
                len(self._records[pids[0]][0].names) < 2 * len(self._records[pids[1]][0].names)):
            return None
        return found[0]

    def _undated_surname(self, surname: str, title: str | None) -> Actor | None:
        """:meth:`by_surname` with no date: the best known of the people of that surname who
        ever held an office, with the country of their offices -- when the others who held
        one elsewhere are at most half as well known (fewer than half as many names), and it
        has two names at least."""
        offices = {p: {self._parts(c.code)[0] for c in self._records[p][0].codes if self._parts(c.code)[1] != _ELITE}
                   for p in self._surnames.get(surname.lower(), ())}
        ranked = sorted((p for p, found in offices.items() if found), key=lambda p: -len(self._records[p][0].names))
        if not ranked or len(offices[ranked[0]]) != 1 or None in offices[ranked[0]]:
            return None
        known = len(self._records[ranked[0]][0].names)
        if known < 2:  # a record of one name is no well-known holder of the surname ("Hu": not Hu Jintao's)
            return None
        if any(offices[p] != offices[ranked[0]] and 2 * len(self._records[p][0].names) > known for p in ranked[1:]):
            return None
        base = self._records[ranked[0]][1]
        return replace(base, country=next(iter(offices[ranked[0]])), sector="GOV" if title else base.sector)

    def people_as_of(self, people: Mapping[str, Actor], when: date | None) -> dict[str, Actor]:
        """An article's people (name -> person) as of ``when``: known people get their codes
        on that date; a person of no known country named by a surname alone gets the one
        office holder of that surname (:meth:`by_surname`), keeping the article's role."""
        out: dict[str, Actor] = {}
        for key, p in people.items():
            if p.kind == "person" and p.id in self._records:
                p = self.as_of(p, when)
            elif p.kind == "person" and p.country is None and len(p.name.split()) == 1:
                found = self.by_surname(p.name, when, p.role)
                if found is not None:
                    p = replace(found, role=p.role or found.role, aliases=alias_tuple(*p.aliases, *found.aliases))
            out[key] = p
        return out


def country_codes(data_dir: str | Path | None = None) -> dict[str, str]:
    """CAMEO country prefix -> the ISO code geokg gives that country: ISO 3166 alpha-3 codes
    and geokg's own (``actors/countries.tsv``) as themselves, legacy CAMEO codes through
    ``coding/cameo_legacy_codes.tsv`` ("JAP" -> "JPN", "TMP" -> "TLS"), and CAMEO's
    "IMG" (international militarised group) kept.  Region and other prefixes ("MEA",
    "INT") are not countries: they are absent.

    >>> codes = country_codes()
    >>> codes["MEX"], codes["JAP"], codes["IMG"], "INT" in codes, "MEA" in codes
    ('MEX', 'JPN', 'IMG', False, False)
    """
    import pycountry
    from geokg.ingest.actors.data import read_tsv

    out = {c.alpha_3: c.alpha_3 for c in pycountry.countries}
    out.update((row[0], row[0]) for row in read_tsv("actors/countries.tsv", data_dir, 5) if row[0])
    out.update((old.upper(), new.upper()) for old, new in read_tsv("coding/cameo_legacy_codes.tsv", data_dir, 2))
    out["IMG"] = "IMG"
    return out
