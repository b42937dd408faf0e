"""rdflib's pure-Python in-memory ``Dataset`` as a store, ``rdflib-memory.v1`` (for comparison and debugging).

Examples
--------
>>> from rdflib import URIRef, Literal
>>> store = MemoryGraphStore()
>>> store.replace_graphs({URIRef("urn:g"): [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))]})
>>> store.graphs(), len(store)
([rdflib.term.URIRef('urn:g')], 1)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from geokg.graph.store.base import STORES, QueryError, StoreError, Triple, values_clause
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Node

__all__ = ["MemoryGraphStore"]


class MemoryGraphStore:
    """rdflib's in-memory ``Dataset`` behind the same interface."""

    def __init__(self, location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        if location is not None:
            raise StoreError("the rdflib memory store has no location")
        self.location = None
        self.read_only = read_only
        self._ds = Dataset(default_union=True)

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Replace each named graph with the given triples."""
        for name, triples in graphs.items():
            self._ds.remove_graph(name)
            g = self._ds.graph(name)
            g.addN((s, p, o, g) for s, p, o in triples)

    def remove_graph(self, graph: URIRef) -> bool:
        """Drop a named graph; ``False`` when it was not there."""
        if not self.has_graph(graph):
            return False
        self._ds.remove_graph(graph)
        return True

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists and holds triples."""
        return len(self._ds.graph(graph)) > 0

    def graphs(self) -> list[URIRef]:
        """Names of all non-empty named graphs."""
        return sorted(
            g.identifier for g in self._ds.graphs() if isinstance(g.identifier, URIRef) and len(g)
            and not str(g.identifier).startswith("urn:x-rdflib:")
        )

    def dataset(self) -> Dataset:
        """The underlying rdflib ``Dataset``."""
        return self._ds

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run SPARQL over the union of all graphs."""
        try:
            return self._ds.query(values_clause(sparql, bindings))
        except Exception as exc:  # pyparsing raises its own exception types
            if type(exc).__name__ in ("ParseException", "ParseSyntaxException"):
                raise QueryError(f"malformed SPARQL: {exc}") from None
            raise

    def __len__(self) -> int:
        return sum(len(g) for g in self._ds.graphs())

    def flush(self) -> None:
        """Nothing to flush in memory."""

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> "MemoryGraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STORES.register("rdflib-memory.v1")(MemoryGraphStore)
