"""The packaged ontology files: find them, list them, parse them.

``geokg.ttl`` (the gk: ontology), ``shapes.ttl`` (SHACL shapes) and the
CAMEO/PLOVER SKOS schemes ship as package data of ``geokg.ontology``.

Examples
--------
>>> ontology_path("nope.ttl")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
FileNotFoundError: no ontology file 'nope.ttl' in geokg.ontology; known: ...
"""

from __future__ import annotations

import re
from importlib.resources import files
from importlib.resources.abc import Traversable

from geokg.ontology.namespace import bind_prefixes
from rdflib import Graph

__all__ = ["load_ontology", "load_shapes", "ontology_files", "ontology_path"]

_NAME = re.compile(r"[A-Za-z0-9_.\-]+\.(ttl|md)")


def ontology_files() -> list[str]:
    """Names of the Turtle/Markdown files shipped in ``geokg.ontology``, sorted.

    Examples
    --------
    >>> {"geokg.ttl", "shapes.ttl"} <= set(ontology_files())
    True
    """
    root = files("geokg.ontology")
    return sorted(p.name for p in root.iterdir() if _NAME.fullmatch(p.name))


def ontology_path(name: str) -> Traversable:
    """Return the packaged file ``name`` ("geokg.ttl", "shapes.ttl", ...).

    Raises
    ------
    FileNotFoundError
        Naming the file and the known ones, when there is no such file.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise FileNotFoundError(f"{name!r} is not an ontology file name like 'geokg.ttl'")
    path = files("geokg.ontology") / name
    if not path.is_file():
        known = ", ".join(ontology_files()) or "none"
        raise FileNotFoundError(f"no ontology file {name!r} in geokg.ontology; known: {known}")
    return path


def _load(names: tuple[str, ...]) -> Graph:
    graph = bind_prefixes(Graph())
    for name in names:
        text = ontology_path(name).read_text(encoding="utf-8")
        try:
            graph.parse(data=text, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise ValueError(f"cannot parse ontology file {name!r}: {exc}") from exc
    return graph


def load_ontology(*extra: str) -> Graph:
    """Parse ``geokg.ttl`` (plus ``extra`` packaged files, e.g. "cameo.ttl").

    Examples
    --------
    >>> len(load_ontology()) > 100
    True
    """
    return _load(("geokg.ttl", *extra))


def load_shapes() -> Graph:
    """Parse the SHACL shapes ``shapes.ttl``.

    Examples
    --------
    >>> from rdflib.namespace import SH, RDF
    >>> any(load_shapes().subjects(RDF.type, SH.NodeShape))
    True
    """
    return _load(("shapes.ttl",))
