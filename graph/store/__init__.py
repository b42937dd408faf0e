"""geokg.graph.store: where the graph lives (embedded Oxigraph, rdflib memory, remote SPARQL) and its snapshots."""

from geokg.graph.store.articles import remove_articles, resolve_article
from geokg.graph.store.core import (
    STORES,
    GraphStore,
    MemoryGraphStore,
    OxigraphGraphStore,
    QueryError,
    StoreError,
    StoreLockedError,
    iter_union,
    open_store,
    to_nquads,
    union_graph,
    values_clause,
)
from geokg.graph.store.reader import (
    LiveReader,
    ReadOnlyStore,
    StoreBusyError,
    open_reader,
    reading_note,
)
from geokg.graph.store.remote import SparqlEndpointStore, insert_data
from geokg.graph.store.snapshot import SnapshotInfo, SnapshotPublisher, writing_store

__all__ = [
    "STORES", "GraphStore", "LiveReader", "MemoryGraphStore", "OxigraphGraphStore", "QueryError",
    "ReadOnlyStore", "SnapshotInfo", "SnapshotPublisher", "SparqlEndpointStore", "StoreBusyError",
    "StoreError", "StoreLockedError", "insert_data", "iter_union", "open_reader", "open_store",
    "reading_note", "remove_articles", "resolve_article", "to_nquads", "union_graph", "values_clause",
    "writing_store",
]
