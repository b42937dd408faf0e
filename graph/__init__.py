"""geokg.graph: records → RDF store, SPARQL, networkx projections, views, exports, CLI.

Subpackages, one job each: :mod:`.rdf` (records → RDF), :mod:`.store` (where the graph
lives), :mod:`.builder` (the main job), :mod:`.query` (SPARQL for people),
:mod:`.analytics` (networkx), :mod:`.views` (HTML graph views), :mod:`.site` (static
site), :mod:`.watch` (following feeds); :mod:`.exports`, :mod:`.serve` and :mod:`.cli` sit at this level.  The public
API is re-exported here and imported lazily (PEP 562).

Examples
--------
>>> import geokg.graph as gg
>>> gg.open_store.__module__
'geokg.graph.store.open'
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build": "builder.run", "BuildReport": "builder.run",
    "open_store": "store.open", "STORES": "store.base", "GraphStore": "store.base", "QueryError": "store.base",
    "StoreError": "store.base", "StoreLockedError": "store.base",
    "SparqlEndpointStore": "store.remote",
    "run_query": "query.sparql", "format_table": "query.sparql", "QueryTable": "query.sparql",
    "run_named": "query.named", "named_query": "query.named", "list_queries": "query.named",
    "RunInfo": "rdf.writer", "article_graph": "rdf.writer", "article_quads": "rdf.writer",
    "results_dataset": "rdf.writer",
    "export": "exports", "EXPORTS": "exports",
    "actor_graph": "analytics.project", "aggregate_dyads": "analytics.project",
    "event_rows": "query.tables", "actors_table": "query.tables",
    "GraphView": "views.graphview", "MapView": "views.mapview",
    "remove_articles": "store.articles",
    "store_stats": "query.stats",
    "SparqlServer": "serve", "ServeConfig": "serve",
    "SnapshotPublisher": "store.snapshot", "writing_store": "store.open",
    "open_reader": "store.reader", "LiveReader": "store.reader", "StoreBusyError": "store.reader",
    "reading_note": "store.reader",
    "Watcher": "watch.cycle", "WatchOptions": "watch.cycle",
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
