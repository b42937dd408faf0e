"""Counts that summarise a geokg store.

Examples
--------
>>> from geokg.graph.store import open_store
>>> store_stats(open_store(None))["quads"]
0
"""

from __future__ import annotations

from geokg.graph.store import GraphStore

__all__ = ["store_stats", "STATS_QUERY"]

#: One query that counts what a store holds (over the union graph).
STATS_QUERY = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX gk: <https://w3id.org/geokg/ontology#>
SELECT
  (COUNT(DISTINCT ?article) AS ?articles)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?actor) AS ?actors)
WHERE {
  { ?article a schema:NewsArticle }
  UNION { ?event a sem:Event }
  UNION { ?actor a sem:Actor }
}
"""


def store_stats(store: GraphStore) -> dict[str, int]:
    """Return counts of articles, events, actors, named graphs and quads."""
    row = next(iter(store.query(STATS_QUERY)), None)
    counts = {"articles": 0, "events": 0, "actors": 0}
    if row is not None:
        counts = {k: int(row[i]) for i, k in enumerate(counts)}
    counts["graphs"] = len(store.graphs())
    counts["quads"] = len(store)
    return counts
