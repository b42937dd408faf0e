"""What every graph store shares: the interface, its errors, the registry, safe bindings, the union graph.

Stores register their factory in :data:`STORES` under a versioned name
(``oxigraph.v1`` in :mod:`.embedded`, ``rdflib-memory.v1`` in :mod:`.memory`,
``sparql.v1`` in :mod:`.remote`); :func:`geokg.graph.store.open_store` picks one.
Nothing here imports a store, so the stores import this module and never each other.

Examples
--------
>>> print(values_clause("SELECT ?a WHERE { ?a ?p ?name }", {"name": Literal('x" } DROP ALL {')}))
SELECT ?a WHERE { ?a ?p ?name }
VALUES (?name) { ("x\\" } DROP ALL {") }
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from geokg.ingest.registry import Registry
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

__all__ = [
    "STORES",
    "GraphStore",
    "StoreError",
    "StoreLockedError",
    "QueryError",
    "Triple",
    "values_clause",
    "iter_union",
    "union_graph",
]

Triple = tuple[Node, Node, Node]

#: Store factories by versioned name: ``factory(location, read_only=...) -> GraphStore``.
STORES: Registry[Any] = Registry("store")


class StoreError(RuntimeError):
    """A store could not be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(ValueError):
    """A SPARQL query is malformed or failed."""


class GraphStore(Protocol):
    """What geokg needs from a store."""

    location: str | None

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None: ...

    def remove_graph(self, graph: URIRef) -> bool: ...

    def has_graph(self, graph: URIRef) -> bool: ...

    def graphs(self) -> list[URIRef]: ...

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result: ...

    def dataset(self) -> Dataset: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


def values_clause(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """Append ``bindings`` to a query as a trailing ``VALUES`` clause.

    SPARQL 1.1 allows a ``VALUES`` block after the solution modifiers; it is
    joined with the query pattern before projection, and every value is
    written in its escaped N-Triples form, so user text cannot change the
    query's structure.

    Examples
    --------
    >>> values_clause("SELECT ?a WHERE { ?a ?p ?o }", {"bad name": Literal("x")})
    Traceback (most recent call last):
    ...
    geokg.graph.store.base.QueryError: bad variable name 'bad name'
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise QueryError(f"bad variable name {name!r}")
    for value in bindings.values():
        if isinstance(value, URIRef) and any(c in str(value) for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"not a valid IRI: {str(value)!r}")
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(bindings[n].n3() for n in names)
    return f"{sparql.rstrip()}\nVALUES ({head}) {{ ({row}) }}"


def iter_union(store: GraphStore) -> Iterator[Triple]:
    """Triples of the union graph (distinct), for exports."""
    seen: set[Triple] = set()
    for s, p, o, _g in store.dataset().quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # Oxigraph types every plain literal as xsd:string
        t = (s, p, o)
        if t not in seen:
            seen.add(t)
            yield t


def union_graph(store: GraphStore) -> Graph:
    """The union of all named graphs as one rdflib ``Graph`` (copies)."""
    g = Graph()
    for t in iter_union(store):
        g.add(t)
    return g
