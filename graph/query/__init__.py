"""geokg.graph.query: SPARQL for people — run queries, named parameterised queries, event tables, store stats."""

from geokg.graph.query.named import (
    NamedQuery,
    Param,
    list_queries,
    named_query,
    run_named,
)
from geokg.graph.query.sparql import (
    FORMATS,
    QueryTable,
    format_table,
    read_query,
    run_query,
)
from geokg.graph.query.stats import store_stats
from geokg.graph.query.tables import (
    ActorInfo,
    EventRow,
    actors_table,
    event_rows,
    flat_event_row,
)

__all__ = [
    "FORMATS", "ActorInfo", "EventRow", "NamedQuery", "Param", "QueryTable", "actors_table",
    "event_rows", "flat_event_row", "format_table", "list_queries", "named_query", "read_query",
    "run_named", "run_query", "store_stats",
]
