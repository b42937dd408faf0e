"""networkx projections of a geokg RDF store.

:func:`actor_graph` gives the *actor graph*: actors are nodes, each event is a
directed edge from its source actor to its target actor (a ``MultiDiGraph``,
so parallel events stay visible), carrying the relation, codes, date, the
evidence sentence and the source article.  :func:`aggregate_dyads` folds the
parallel edges into one edge per dyad with counts.

Both read the store through :mod:`geokg.graph.tables` (flat SPARQL), so they
work on every store kind.

Examples
--------
>>> from geokg.graph.store import open_store
>>> g = actor_graph(open_store(None))
>>> g.number_of_nodes(), g.number_of_edges()
(0, 0)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .store import GraphStore
from .tables import ActorInfo, event_rows

__all__ = ["actor_graph", "aggregate_dyads"]


def _node_attrs(actor: ActorInfo) -> dict[str, Any]:
    return {"label": actor.label, "kind": actor.kind, "country": actor.country, "sector": actor.sector}


def actor_graph(
    store: GraphStore,
    *,
    start: date | None = None,
    end: date | None = None,
    plover: set[str] | None = None,
    edge_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
) -> Any:
    """Project the store onto a ``networkx.MultiDiGraph`` of actors.

    One edge per (event, mention): an event reported by two articles gives two
    parallel edges with the same ``event`` attribute.

    Parameters
    ----------
    store
        Any geokg store.
    start, end
        Keep events dated within ``[start, end]`` (undated events are dropped
        when either bound is given).
    plover
        Keep events whose PLOVER category is in this set.
    edge_attrs
        Callback that receives each edge's attributes and returns them
        (changed) or ``None`` to drop the edge.
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    for row in event_rows(store):
        if row.source is None or row.target is None:
            continue
        if (start or end) and row.date is None:
            continue
        if (start and row.date < start) or (end and row.date > end):
            continue
        if plover is not None and row.plover not in plover:
            continue
        attrs: dict[str, Any] | None = {
            "event": row.event,
            "label": row.relation or row.lemma or "",
            "lemma": row.lemma,
            "cameo": row.cameo,
            "plover": row.plover,
            "quad_class": row.quad_class,
            "goldstein": row.goldstein,
            "date": row.date.isoformat() if row.date else None,
            "polarity": row.polarity,
            "mode": row.mode,
            "sentence": row.sentence,
            "source_url": row.url,
            "article_title": row.title,
            "count": 1,
        }
        if edge_attrs is not None:
            attrs = edge_attrs(attrs)
            if attrs is None:
                continue
        for actor in (row.source, row.target):
            if actor.iri not in g:
                g.add_node(actor.iri, **_node_attrs(actor))
        g.add_edge(row.source.iri, row.target.iri, key=f"{row.event}#{row.start}", **attrs)
    return g


def aggregate_dyads(g: Any) -> Any:
    """Fold parallel edges into one ``DiGraph`` edge per dyad.

    Edge attributes: ``count`` (edges folded), ``plover`` and ``quad_class``
    (the most frequent), ``goldstein`` (mean), ``first``/``last`` dates,
    ``label`` (e.g. "3 events").

    Examples
    --------
    >>> import networkx as nx
    >>> m = nx.MultiDiGraph()
    >>> _ = m.add_edge("a", "b", plover="REJECT", quad_class=3, goldstein=-4.0, date="2025-01-02")
    >>> _ = m.add_edge("a", "b", plover="REJECT", quad_class=3, goldstein=-2.0, date="2025-01-01")
    >>> d = aggregate_dyads(m)
    >>> d["a"]["b"]["count"], d["a"]["b"]["goldstein"], d["a"]["b"]["first"]
    (2, -3.0, '2025-01-01')
    """
    from collections import Counter

    import networkx as nx

    out = nx.DiGraph()
    out.add_nodes_from(g.nodes(data=True))
    groups: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for u, v, data in g.edges(data=True):
        groups.setdefault((u, v), []).append(data)
    for (u, v), edges in groups.items():
        dates = sorted(d["date"] for d in edges if d.get("date"))
        golds = [d["goldstein"] for d in edges if d.get("goldstein") is not None]
        plovers = Counter(d.get("plover") for d in edges if d.get("plover"))
        quads = Counter(d.get("quad_class") for d in edges if d.get("quad_class"))
        out.add_edge(
            u, v,
            count=len(edges),
            plover=plovers.most_common(1)[0][0] if plovers else None,
            quad_class=quads.most_common(1)[0][0] if quads else None,
            goldstein=round(sum(golds) / len(golds), 3) if golds else None,
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            label=f"{len(edges)} event{'s' if len(edges) != 1 else ''}",
            sentence=next((d.get("sentence") for d in edges if d.get("sentence")), None),
        )
    return out
