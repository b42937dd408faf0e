"""events-near: bounding box in SPARQL, haversine in Python."""

from __future__ import annotations

import math

import pytest
from geokg.graph.query.named import run_named
from geokg.graph.query.near import bounding_box, haversine_km
from geokg.graph.store import QueryError, open_store
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GK = Namespace("https://w3id.org/geokg/ontology#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ID = "https://w3id.org/geokg/id/"

PLACES = [  # id, name, kind, lat, lon
    ("703448", "Kyiv", "city", 50.45466, 30.5238),
    ("706483", "Kharkiv", "city", 49.98081, 36.25272),   # ~410 km from Kyiv
    ("690791", "Bila Tserkva", "city", 49.80939, 30.11209),  # ~78 km
    ("690791x", "Ukraine", "country", 50.45466, 30.5238),  # a country at its capital: never "near"
    ("4031574", "Fiji east", "city", -16.0, 179.9),   # across the antimeridian
    ("4031575", "Fiji west", "city", -16.0, -179.9),
]


@pytest.fixture(scope="module")
def store():
    st = open_store(None)
    quads = []
    for n, (pid, name, kind, lat, lon) in enumerate(PLACES):
        art = URIRef(f"{ID}article/a{n}")
        p, e, s = (URIRef(f"{ID}{x}/{pid}") for x in ("place", "event", "sentence"))
        for t in [(p, RDFS.label, Literal(name)), (p, GK.placeKind, Literal(kind)),
                  (p, WGS.lat, Literal(str(lat), datatype=XSD.decimal)), (p, WGS.long, Literal(str(lon), datatype=XSD.decimal)),
                  (e, RDF.type, SEM.Event), (e, SEM.hasPlace, p), (e, GK.span, Literal("0,5")), (e, GK.inSentence, s),
                  (s, DCT.isPartOf, art), (e, PROV.wasDerivedFrom, art), (e, SEM.hasTimeStamp, Literal(f"2025-04-{10 + n}", datatype=XSD.date))]:
            quads.append((*t, art))
    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad[3], []).append(quad[:3])
    st.replace_graphs(graphs)
    return st


def test_haversine_and_box():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(50.45466, 30.5238, 49.98081, 36.25272) == pytest.approx(410, abs=5)
    _, _, west, east = bounding_box(-16, 179.9, 50)
    assert west > east  # crosses the antimeridian
    assert bounding_box(89.9, 0, 100)[2:] == (-180.0, 180.0)
    lat, lon = 50.0, 30.0
    s, n, w, e = bounding_box(lat, lon, 100)
    for bearing in range(0, 360, 15):  # every point at 100 km lies in the box
        b = math.radians(bearing)
        d = 100 / 6371.0088
        la = math.asin(math.sin(math.radians(lat)) * math.cos(d) + math.cos(math.radians(lat)) * math.sin(d) * math.cos(b))
        lo = math.radians(lon) + math.atan2(math.sin(b) * math.sin(d) * math.cos(math.radians(lat)),
                                            math.cos(d) - math.sin(math.radians(lat)) * math.sin(la))
        assert s <= math.degrees(la) <= n and w <= math.degrees(lo) <= e


def test_events_near_a_place_name(store):
    table = run_named(store, "events-near", place="Kyiv", km=100)
    assert [r[table.columns.index("where")] for r in table.rows] == ["Kyiv", "Bila Tserkva"]
    assert table.columns[0] == "km" and table.rows[0][0] == 0.0 and 70 < table.rows[1][0] < 90
    wide = run_named(store, "events-near", place="Kyiv", km=500)
    assert {r[table.columns.index("where")] for r in wide.rows} == {"Kyiv", "Bila Tserkva", "Kharkiv"}


def test_events_near_lat_lon_dates_and_antimeridian(store):
    table = run_named(store, "events-near", lat=50.45, lon=30.52, km=500, **{"from": "2025-04-11", "to": "2025-04-12"})
    assert {r[table.columns.index("where")] for r in table.rows} == {"Kharkiv", "Bila Tserkva"}
    fiji = run_named(store, "events-near", lat=-16.0, lon=180.0, km=50)
    assert {r[fiji.columns.index("where")] for r in fiji.rows} == {"Fiji east", "Fiji west"}


@pytest.mark.parametrize("params, message", [
    ({"km": 10}, "needs a place"),
    ({"place": "Nowhere-on-Sea", "km": 10}, "no single place"),
    ({"place": "Kyiv", "km": -1}, "positive"),
    ({"lat": 95, "lon": 0, "km": 10}, "outside"),
])
def test_bad_parameters_are_named(store, params, message):
    with pytest.raises(QueryError, match=message):
        run_named(store, "events-near", **params)
