"""The place gazetteer: cities, first-level regions and countries with coordinates.

Read from ``ingest/data/places/gazetteer.tsv``, a table derived from GeoNames data
(:mod:`geokg.ingest.places.table` says how and where each point comes from), plus
``landmarks.tsv`` ("White House" -> Washington), ``stopnames.txt`` (words never taken
for a place alone: "Gulf") and the country names of ``actors/countries.tsv`` ("US", "Britain").

Examples
--------
>>> gaz = Gazetteer.default()
>>> kyiv = gaz.lookup("Kyiv")[0]
>>> kyiv.iri_key, kyiv.kind, kyiv.country
('geonames/703448', 'city', 'UKR')
>>> gaz.lookup("Kiev")[0] == kyiv
True
>>> gaz.country("MEX").name, gaz.lookup("White House")[0].name
('Mexico', 'Washington')
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geokg.ingest.resources import data_text

__all__ = ["KINDS", "Gazetteer", "Place", "normalise"]

#: Allowed values of :attr:`Place.kind`.
KINDS = ("city", "region", "country")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a point with a GeoNames id.

    Parameters
    ----------
    id
        GeoNames id of a city, US state or country (``"703448"``), or the GeoNames
        admin1 code of another region (``"MX.25"``).
    name, kind, country
        English name, ``city``/``region``/``country`` and ISO 3166-1 alpha-3 code.
    admin1
        GeoNames admin1 code of a city or region ("" for a country).
    lat, lon
        WGS84 degrees (a country: its capital; a region: the population-weighted
        mean of its cities).
    population
        GeoNames population (0 when unknown).
    """

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int = 0

    @property
    def iri_key(self) -> str:
        """The IRI path under ``place/``: ``geonames/<id>`` or ``geonames-admin1/<CC.code>``."""
        return f"geonames-admin1/{self.id}" if "." in self.id else f"geonames/{self.id}"

    @property
    def wkt(self) -> str:
        """The point as WKT (longitude first), e.g. ``POINT(30.5238 50.45466)``."""
        return f"POINT({self.lon:.5f} {self.lat:.5f})".replace(".00000", ".0")


def normalise(name: str) -> str:
    """The lookup key of a place name: case-folded, accents dropped, spaces collapsed,
    a leading "the" and a trailing possessive dropped.

    >>> normalise("  The  Hague's "), normalise("Herāt")
    ('hague', 'herat')
    """
    if name.isascii():  # most names: NFKD, combining marks and case folding beyond lower() change nothing
        key = " ".join(name.split()).lower()
    else:
        decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
        key = " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split()).casefold()
    key = key.removesuffix("'s")
    key = key.removeprefix("the ")
    return key


class Gazetteer:
    """Places by normalised name, id and country (load with :meth:`default`)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, places: Iterable[Place], aliases: Iterable[tuple[str, Place]] = ()) -> None:
        self._by_name: dict[str, list[Place]] = {}
        self._by_id: dict[str, Place] = {}
        self._countries: dict[str, Place] = {}
        self._landmark: dict[str, Place] = {}
        self._country_alias: set[tuple[str, str]] = set()
        self._stop: frozenset[str] = frozenset()
        for place in places:
            if place.kind not in KINDS:
                raise ValueError(f"place {place.id!r} has kind {place.kind!r}; expected one of {KINDS}")
            self._by_id[place.id] = place
            self._add(place.name, place)
            if place.kind == "country":
                self._countries[place.country] = place
        for name, place in aliases:
            self._add(name, place)

    def _add(self, name: str, place: Place) -> None:
        bucket = self._by_name.setdefault(normalise(name), [])
        if place not in bucket:
            bucket.append(place)

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer, loaded once per process (about 0.3 s)."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls.from_data()
            return cls._default

    @classmethod
    def from_data(cls, data_dir: str | Path | None = None) -> Gazetteer:
        """Read ``places/gazetteer.tsv``, ``places/landmarks.tsv`` and ``actors/countries.tsv``."""
        places, aliases = [], []
        for n, line in enumerate(data_text("places/gazetteer.tsv", data_dir).splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 9:
                raise ValueError(f"places/gazetteer.tsv line {n}: expected 9 columns, got {len(cells)}")
            kind, ident, name, iso3, admin1, lat, lon, pop, alts = cells
            place = Place(ident, name, kind, iso3, admin1, float(lat), float(lon), int(pop or 0))
            places.append(place)
            aliases.extend((a, place) for a in alts.split("|") if a)
        gaz = cls(places, aliases)
        for name, place in list(gaz._country_aliases(data_dir)):
            if normalise(name) != normalise(place.name):
                gaz._country_alias.add((normalise(name), place.country))
            gaz._add(name, place)
        for name, place in list(gaz._landmarks(data_dir)):
            gaz._landmark[normalise(name)] = place
        gaz._stop = frozenset(normalise(w) for w in data_text("places/stopnames.txt", data_dir).splitlines()
                              if w.strip() and not w.startswith("#"))
        return gaz

    def _country_aliases(self, data_dir: str | Path | None) -> Iterable[tuple[str, Place]]:
        for line in data_text("actors/countries.tsv", data_dir).splitlines():
            if not line or line.startswith("#"):
                continue
            iso3, names = line.split("\t")[:2]
            place = self._countries.get(iso3)
            if place is not None:
                yield from ((n.strip(), place) for n in names.split(";") if n.strip())

    def _landmarks(self, data_dir: str | Path | None) -> Iterable[tuple[str, Place]]:
        for n, line in enumerate(data_text("places/landmarks.tsv", data_dir).splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            landmark, city, iso3 = line.split("\t")
            found = [p for p in self.lookup(city) if p.kind == "city" and p.country == iso3]
            if not found:
                raise ValueError(f"places/landmarks.tsv line {n}: no city {city!r} in {iso3}")
            yield landmark, max(found, key=lambda p: p.population)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (any kind), most populous first; a landmark
        ("White House") gives only the city it is in, a stop name ("Gulf") nothing."""
        key = normalise(name)
        if key in self._stop:
            return ()
        if key in self._landmark:
            return (self._landmark[key],)
        found = self._by_name.get(key, ())
        return tuple(sorted(found, key=lambda p: -p.population))

    def is_country_alias(self, name: str, place: Place) -> bool:
        """Whether ``name`` is a secondary name of the country ``place`` ("Gaza" for
        the Palestinian Territory), not its own name."""
        return place.kind == "country" and (normalise(name), place.country) in self._country_alias

    def get(self, ident: str) -> Place | None:
        """The place with GeoNames id (or admin1 code) ``ident``."""
        return self._by_id.get(ident)

    def country(self, iso3: str) -> Place | None:
        """The country place of an ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3)

    def region_of(self, place: Place) -> Place | None:
        """The first-level region a city lies in, when the table has it."""
        if place.kind != "city" or not place.admin1:
            return None
        for p in self._by_id.values():  # rare call; regions are few
            if p.kind == "region" and p.country == place.country and p.admin1 == place.admin1:
                return p
        return None
