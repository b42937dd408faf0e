"""geokg.graph.analytics: networkx projections of the graph, centrality, communities, paths, time series, GraphML/GEXF."""

from geokg.graph.analytics.netexport import export_projection, write_gexf, write_graphml
from geokg.graph.analytics.network import (
    ActorPath,
    Community,
    Hop,
    centrality_table,
    communities,
    ego_network,
    pagerank,
    resolve_actor,
    shortest_paths,
)
from geokg.graph.analytics.project import (
    actor_graph,
    actor_graph_from_rows,
    aggregate_dyads,
    event_graph,
    filter_rows,
)
from geokg.graph.analytics.temporal import (
    dyad_balance,
    event_records,
    timeline,
    to_dataframe,
)

__all__ = [
    "ActorPath", "Community", "Hop", "actor_graph", "actor_graph_from_rows", "aggregate_dyads",
    "centrality_table", "communities", "dyad_balance", "ego_network", "event_graph", "event_records",
    "export_projection", "filter_rows", "pagerank", "resolve_actor", "shortest_paths", "timeline",
    "to_dataframe", "write_gexf", "write_graphml",
]
