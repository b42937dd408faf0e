"""geokg.graph.store: where the graph lives (embedded Oxigraph, rdflib memory, remote SPARQL) and its snapshots.

Modules, lowest first (each imports only those above it): :mod:`.base` (interface,
errors, the ``STORES`` registry), :mod:`.terms` (rdflib ↔ Oxigraph ↔ N-Quads),
:mod:`.embedded` / :mod:`.memory` / :mod:`.remote` (the stores), :mod:`.snapshot`
and :mod:`.reader` (readers beside a running ingest), :mod:`.open` (``open_store``,
``writing_store``), :mod:`.articles` (articles in a store).
"""

from geokg.graph.store.articles import remove_articles, resolve_article
from geokg.graph.store.base import (
    STORES,
    GraphStore,
    QueryError,
    StoreError,
    StoreLockedError,
    iter_union,
    union_graph,
    values_clause,
)
from geokg.graph.store.embedded import OxigraphGraphStore
from geokg.graph.store.memory import MemoryGraphStore
from geokg.graph.store.open import open_store, writing_store
from geokg.graph.store.reader import (
    LiveReader,
    ReadOnlyStore,
    StoreBusyError,
    open_reader,
    reading_note,
)
from geokg.graph.store.remote import SparqlEndpointStore, insert_data
from geokg.graph.store.snapshot import SnapshotInfo, SnapshotPublisher
from geokg.graph.store.terms import to_nquads

__all__ = [
    "STORES", "GraphStore", "LiveReader", "MemoryGraphStore", "OxigraphGraphStore", "QueryError",
    "ReadOnlyStore", "SnapshotInfo", "SnapshotPublisher", "SparqlEndpointStore", "StoreBusyError",
    "StoreError", "StoreLockedError", "insert_data", "iter_union", "open_reader", "open_store",
    "reading_note", "remove_articles", "resolve_article", "to_nquads", "union_graph", "values_clause",
    "writing_store",
]
