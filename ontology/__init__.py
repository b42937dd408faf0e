"""geokg.ontology: vocabulary (Turtle), SHACL shapes and event-type schemes.

The Turtle files ship as package data: ``geokg.ttl`` (the gk: ontology),
``shapes.ttl`` (SHACL shapes for everything :mod:`geokg.graph.rdf.writer` writes) and
the CAMEO/PLOVER SKOS schemes.  This package re-exports the namespaces and
resource IRI helpers of :mod:`geokg.ontology.namespace`, the file loaders of
:mod:`geokg.ontology.files` and the validator of :mod:`geokg.ontology.validation`;
the event-type vocabulary (PLOVER categories, QuadClass names) and the SKOS scheme
generator are in :mod:`geokg.ontology.schemes`.

Examples
--------
>>> g = load_ontology()
>>> (GK.Event, RDFS.subClassOf, SEM.Event) in g
True
>>> ontology_path("nope.ttl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
FileNotFoundError: no ontology file 'nope.ttl' in geokg.ontology; known: ...
"""

from __future__ import annotations

from geokg.ontology.files import (
    load_ontology,
    load_shapes,
    ontology_files,
    ontology_path,
)
from geokg.ontology.namespace import *  # noqa: F403 - re-export
from geokg.ontology.namespace import __all__ as _namespace_all
from geokg.ontology.validation import ValidationResult, validate_graph

__all__ = [
    *_namespace_all,
    "ontology_path",
    "ontology_files",
    "load_ontology",
    "load_shapes",
    "validate_graph",
    "ValidationResult",
]
