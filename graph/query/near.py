"""Events near a place: the ``events-near`` named query's Python step.

Oxigraph has no GeoSPARQL functions, so :func:`run_events_near` finds the centre (a
place name resolved by the gazetteer, or ``lat``/``lon``), binds a bounding box that
holds the circle of ``km`` kilometres, runs ``events-near.rq`` (plain numeric filters on
``wgs84:lat``/``wgs84:long``) and keeps the rows within ``km`` by the haversine
distance, which it adds as the column ``km``, nearest first.

Examples
--------
>>> round(haversine_km(50.45, 30.52, 49.99, 36.23))  # Kyiv - Kharkiv
409
>>> box = bounding_box(50.45, 30.52, 100)
>>> [round(v, 2) for v in box]
[49.55, 51.35, 29.11, 31.93]
"""

from __future__ import annotations

import math
from typing import Any

from geokg.graph.query.sparql import QueryTable, run_query
from geokg.graph.store import GraphStore, QueryError

__all__ = ["EARTH_RADIUS_KM", "bounding_box", "centre", "haversine_km", "run_events_near"]

#: mean Earth radius (IUGG), km
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points (degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) degrees of a box holding every point within ``km``;
    west > east when it crosses the antimeridian; the whole longitude range near a pole."""
    dlat = math.degrees(km / EARTH_RADIUS_KM) + 1e-7  # a hair wider: the haversine step is exact
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if south <= -90 or north >= 90 or km >= math.pi * EARTH_RADIUS_KM / 2:
        return south, north, -180.0, 180.0
    dlon = math.degrees(math.asin(min(1.0, math.sin(km / EARTH_RADIUS_KM) / math.cos(math.radians(lat))))) + 1e-7
    west, east = lon - dlon, lon + dlon
    if dlon >= 180:
        return south, north, -180.0, 180.0
    return south, north, (west + 540) % 360 - 180, (east + 540) % 360 - 180


def centre(params: dict[str, Any]) -> tuple[float, float, str]:
    """(lat, lon, label) of the query's centre: ``place`` (gazetteer) or ``lat``/``lon``."""
    place, lat, lon = params.get("place"), params.get("lat"), params.get("lon")
    if lat not in (None, "") and lon not in (None, ""):
        try:
            la, lo = float(lat), float(lon)
        except ValueError:
            raise QueryError(f"events-near: lat {lat!r} / lon {lon!r} are not numbers") from None
        if not (-90 <= la <= 90 and -180 <= lo <= 180):
            raise QueryError(f"events-near: lat {la} / lon {lo} are outside [-90, 90] / [-180, 180]")
        return la, lo, f"{la}, {lo}"
    if place in (None, ""):
        raise QueryError("events-near needs a place (-p place=Kyiv) or both lat and lon")
    from geokg.ingest.places import Geocoder

    found = Geocoder().resolve(str(place))
    if found is None:
        raise QueryError(f"events-near: the gazetteer has no single place called {place!r}")
    return found.lat, found.lon, found.name


def run_events_near(store: GraphStore, query: Any, params: dict[str, Any]) -> QueryTable:
    """Run ``events-near`` (see the module doc); ``query`` is its :class:`NamedQuery`."""
    try:
        km = float(params.get("km") or "nan")
    except ValueError:
        km = math.nan
    if not km > 0:
        raise QueryError(f"events-near: km must be a positive number, got {params.get('km')!r}")
    lat, lon, _ = centre(params)
    south, north, west, east = bounding_box(lat, lon, km)
    bound = {k: v for k, v in params.items() if k not in ("south", "north", "west", "east")}
    bound.update(south=south, north=north, west=west, east=east, km=km)
    table = run_query(store, query.render(bound))
    ilat, ilon = table.columns.index("plat"), table.columns.index("plong")
    keep = []
    for row, terms in zip(table.rows, table.terms):
        d = haversine_km(lat, lon, float(row[ilat]), float(row[ilon]))
        if d <= km:
            keep.append((d, [round(d, 1), *row], [None, *terms]))
    keep.sort(key=lambda x: x[0])
    return QueryTable(["km", *table.columns], [r for _, r, _ in keep], [t for _, _, t in keep])
