"""Event places as RDF: a shared node per gazetteer place with its WGS84 point.

:func:`event_place_triples` geocodes an event (:meth:`geokg.ingest.places.Geocoder.event_place`,
disambiguated by the countries and places its article names) and links it by
``sem:hasPlace`` to a node shared by every article that names the place::

    <https://w3id.org/geokg/id/place/geonames/703448>
        a sem:Place ; rdfs:label "Kyiv" ; gk:placeKind "city" ;
        gk:countryCode "UKR" ; wgs84:lat 50.45466 ; wgs84:long 30.5238 ;
        rdfs:seeAlso <https://sws.geonames.org/703448/> .

``wgs84:`` is W3C WGS84 Basic Geo (decimal degrees; not ``geo:``, which rdflib binds to GeoSPARQL): numbers a SPARQL bounding box can
filter on (Oxigraph has no GeoSPARQL functions).  A region without a GeoNames id gets
``place/geonames-admin1/<CC.code>``.  An event whose place is not in the gazetteer but
whose coder found a country keeps the former node ``place/<ISO3>`` (a label, no point).
Level ``full`` also types places ``schema:Place``.

Examples
--------
>>> from geokg.ingest.places import Place
>>> kyiv = Place("703448", "Kyiv", "city", "UKR", "12", 50.45466, 30.5238, 2952301)
>>> str(place_node_iri(kyiv))
'https://w3id.org/geokg/id/place/geonames/703448'
>>> [p.rsplit("#", 1)[-1].rstrip(">") for _, p, _ in place_triples(kyiv)][:5]
['type', 'type', 'label', 'placeKind', 'countryCode']
>>> [p.rsplit("#", 1)[-1].rstrip(">") for _, p, _ in place_triples(kyiv, full=False)][:2]
['type', 'label']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from geokg.graph.rdf.evidence import (
    GK,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    Term,
    Triple,
    WriteContext,
    _iri,
    _literal,
    _Terms,
    nt_literal,
)
from geokg.ontology import namespace as _ns
from geokg.ontology.namespace import ID, XSD, place_iri
from rdflib import URIRef

if TYPE_CHECKING:
    from geokg.ingest.places import Geocoder, Place, PlaceContext
    from geokg.ingest.records import Event, Mention

__all__ = ["event_place_triples", "geocoder", "place_node_iri", "place_triples"]

GEO = _Terms(_ns.GEO)
_MEMO = ("geokg.graph.rdf.places", "context")
_GEOCODER: list[Geocoder] = []


def geocoder() -> Geocoder:
    """The process's geocoder over the packaged gazetteer (loaded on first use)."""
    if not _GEOCODER:
        from geokg.ingest.places import Geocoder

        _GEOCODER.append(Geocoder())
    return _GEOCODER[0]


def place_node_iri(place: Place) -> URIRef:
    """IRI of a gazetteer place: ``<ID>place/geonames/<id>`` or ``.../geonames-admin1/<CC.code>``."""
    return URIRef(f"{ID}place/{place.iri_key}")


def _degrees(value: float) -> Term:
    lexical = f"{value:.5f}".rstrip("0")
    return nt_literal(lexical + "0" if lexical.endswith(".") else lexical, XSD.decimal)


def place_triples(place: Place, full: bool = True) -> Iterator[Triple]:
    """The place node: type (``sem:Place``; also ``schema:Place`` when ``full``), label, kind,
    country and point."""
    node = _iri(place_node_iri(place))
    yield node, RDF.type, SEM.Place
    if full:
        yield node, RDF.type, SCHEMA.Place
    yield node, RDFS.label, _literal(place.name)
    yield node, GK.placeKind, _literal(place.kind)
    yield node, GK.countryCode, _literal(place.country)
    yield node, GEO.lat, _degrees(place.lat)
    yield node, GEO.long, _degrees(place.lon)
    if place.id.isdigit():
        yield node, RDFS.seeAlso, _iri(f"https://sws.geonames.org/{place.id}/")


def _context(ctx: WriteContext, mentions: Sequence[Mention]) -> PlaceContext:
    found = ctx.memo.get(_MEMO)
    if found is None:
        from geokg.ingest.places import PLACE_LABELS

        names = dict.fromkeys(m.text for m in mentions if m.label in PLACE_LABELS)
        countries = {a.country for a in ctx.actors.values() if a.country}
        found = ctx.memo[_MEMO] = geocoder().context(names, countries)
    return found


def event_place_triples(ctx: WriteContext, node: Term, event: Event,
                        mentions: Sequence[Mention]) -> Iterator[Triple]:
    """``node sem:hasPlace <place>`` and the place's triples, for one event (none when
    it has no place)."""
    place = geocoder().event_place(event.extraction, event.place, mentions, ctx.content, _context(ctx, mentions))
    if place is not None:
        yield node, SEM.hasPlace, _iri(place_node_iri(place))
        yield from place_triples(place, ctx.evidence == "full")
    elif event.place and event.place.strip():
        legacy = _iri(place_iri(event.place))
        yield node, SEM.hasPlace, legacy
        yield legacy, RDF.type, SEM.Place
        if ctx.evidence == "full":
            yield legacy, RDF.type, SCHEMA.Place
        yield legacy, RDFS.label, _literal(event.place.strip())
