"""geokg.graph: records → RDF store, SPARQL, networkx projections, views, exports, CLI.

The public API is re-exported here and imported lazily (PEP 562).

Examples
--------
>>> import geokg.graph as gg
>>> gg.open_store.__module__
'geokg.graph.store'
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build": "build", "BuildReport": "build",
    "open_store": "store", "STORES": "store", "GraphStore": "store", "QueryError": "store",
    "StoreError": "store", "StoreLockedError": "store",
    "SparqlEndpointStore": "remote",
    "run_query": "query", "format_table": "query", "QueryTable": "query",
    "run_named": "queries", "named_query": "queries", "list_queries": "queries",
    "RunInfo": "rdf", "article_graph": "rdf", "article_quads": "rdf", "results_dataset": "rdf",
    "export": "exports", "EXPORTS": "exports",
    "actor_graph": "project", "aggregate_dyads": "project",
    "event_rows": "tables", "actors_table": "tables",
    "GraphView": "view",
    "remove_articles": "articles",
    "store_stats": "stats",
    "SparqlServer": "serve", "ServeConfig": "serve",
    "SnapshotPublisher": "snapshot", "writing_store": "snapshot",
    "open_reader": "snapshot_reader", "LiveReader": "snapshot_reader", "StoreBusyError": "snapshot_reader",
    "reading_note": "snapshot_reader",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'geokg.graph' has no attribute {name!r}") from None
    return getattr(importlib.import_module(f"geokg.graph.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
