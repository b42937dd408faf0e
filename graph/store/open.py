"""Open a graph store by location and registry name: the one entry point that knows every store.

Stores are chosen by versioned name through :data:`~geokg.graph.store.base.STORES`:

``oxigraph.v1``
    Embedded Oxigraph (RocksDB) in a directory, the default; with no
    directory, an in-memory Oxigraph store.
``rdflib-memory.v1``
    rdflib's pure-Python in-memory ``Dataset`` (for comparison and debugging).
``sparql.v1``
    A remote SPARQL 1.1 endpoint, chosen by an ``http(s)://`` location.

This module imports the stores (so they are registered) and the snapshot
protocol; none of them imports it back.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> store = open_store(None)
>>> g = URIRef("https://w3id.org/geokg/id/article/a1")
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))]})
>>> len(store)
1
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("new"))]})
>>> [str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['new']
>>> store.remove_graph(g)
True
>>> len(store)
0
>>> sorted(STORES.names())
['oxigraph.v1', 'rdflib-memory.v1', 'sparql.v1']
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# the imports of the store modules register their factories in STORES
from geokg.graph.store import embedded, memory, remote  # noqa: F401
from geokg.graph.store.base import STORES, GraphStore
from geokg.graph.store.reader import open_reader
from geokg.graph.store.snapshot import DEFAULT_WRITER_WAIT, SnapshotPublisher

__all__ = ["open_store", "writing_store"]


def _is_url(location: object) -> bool:
    return location is not None and str(location).startswith(("http://", "https://"))


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    kind: str = "oxigraph.v1",
    read_only: bool = False,
) -> GraphStore:
    """Open a store by registry name (default: embedded Oxigraph).

    ``location=None`` gives an in-memory store; an ``http(s)://`` URL a
    remote SPARQL endpoint (``sparql.v1``).  An Oxigraph folder opened
    ``read_only`` goes through :func:`geokg.graph.store.reader.open_reader`: while
    an ingest writes it, the reader gets the ingest's newest snapshot.
    """
    if _is_url(location):
        kind = "sparql.v1"
    elif read_only and kind == "oxigraph.v1" and location is not None:
        return open_reader(location)  # never a store an ingest is writing: its snapshot then
    return STORES.get(kind)(location, read_only=read_only)


@contextmanager
def writing_store(location: str | os.PathLike[str], *, wait: float = DEFAULT_WRITER_WAIT) -> Iterator[Any]:
    """Open a store for a short write (``geokg remove``) under the writer locks.

    Readers get a snapshot of the store as it was until the store is closed;
    an ``http(s)://`` endpoint is opened as is (no locks).
    """
    if _is_url(location):
        store = open_store(location)
        try:
            yield store
        finally:
            store.close()
        return
    publisher = SnapshotPublisher(location, wait=wait)
    store = publisher.open()
    try:
        publisher.committed(force=True)
        yield store
    finally:
        try:
            store.close()
        finally:
            publisher.close()
