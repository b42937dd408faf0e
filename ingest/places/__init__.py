"""Places: a GeoNames-derived gazetteer and a geocoder that gives events coordinates.

See :mod:`geokg.ingest.places.gazetteer` (the table and its sources) and
:mod:`geokg.ingest.places.geocode` (how a name and an event are resolved).
"""

from geokg.ingest.places.gazetteer import KINDS, Gazetteer, Place, normalise
from geokg.ingest.places.geocode import PLACE_LABELS, Geocoder, PlaceContext

__all__ = ["KINDS", "PLACE_LABELS", "Gazetteer", "Geocoder", "Place", "PlaceContext", "normalise"]
