"""Validate geokg RDF against ``shapes.ttl`` (pySHACL, imported lazily).

Examples
--------
>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

__all__ = ["ValidationResult", "validate_graph"]


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of a SHACL validation: verdict, report text and report graph."""

    conforms: bool
    text: str
    report: Graph

    def __bool__(self) -> bool:
        return self.conforms


def validate_graph(data: Graph, *, inference: str = "rdfs", extra: tuple[str, ...] = ()) -> ValidationResult:
    """Validate ``data`` (one article graph, or any graph) with geokg's shapes.

    Parameters
    ----------
    data
        The graph to check.  Validate article graphs one at a time: a shared
        event may carry several values across articles.
    inference
        pySHACL inference over ``data`` + ontology: ``"rdfs"`` (default),
        ``"none"``, ``"owlrl"`` or ``"both"``.
    extra
        More packaged ontology files to load with ``geokg.ttl`` ("cameo.ttl").

    Raises
    ------
    ImportError
        When pySHACL is not installed (it is a test/extra dependency).
    """
    try:
        import pyshacl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("SHACL validation needs pyshacl: pip install pyshacl") from exc
    from geokg.ontology.files import load_ontology, load_shapes

    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(*extra),
        inference=inference,
        abort_on_first=False,
    )
    return ValidationResult(bool(conforms), str(text), report)
