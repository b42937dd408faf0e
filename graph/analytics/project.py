"""networkx projections of a geokg RDF store.

:func:`actor_graph` gives the *actor graph*: actors are nodes, each event is a
directed edge from its source actor to its target actor (a ``MultiDiGraph``,
so parallel events stay visible), carrying the relation, codes, date, the
evidence sentence and the source article.  :func:`aggregate_dyads` folds the
parallel edges into one edge per dyad with counts.

Both read the store through :mod:`geokg.graph.query.tables` (flat SPARQL), so they
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
from typing import Any, TypedDict, Unpack

from geokg.graph.query.tables import ActorInfo, event_rows
from geokg.graph.store import GraphStore

__all__ = [
    "RowFilters",
    "actor_graph",
    "actor_graph_from_rows",
    "aggregate_dyads",
    "event_graph",
    "event_graph_from_rows",
    "filter_rows",
]


class RowFilters(TypedDict, total=False):
    """Which event rows to keep: the keyword arguments of :func:`filter_rows`."""

    start: date | None
    end: date | None
    plover: set[str] | None
    cameo: set[str] | None
    quad_class: set[int] | None


def _node_attrs(actor: ActorInfo) -> dict[str, Any]:
    return {"label": actor.label, "kind": actor.kind, "country": actor.country, "sector": actor.sector}


def actor_graph(
    store: GraphStore,
    *,
    edge_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
    **filters: Unpack[RowFilters],
) -> Any:
    """Project the store onto a ``networkx.MultiDiGraph`` of actors.

    One edge per (event, mention): an event reported by two articles gives two
    parallel edges with the same ``event`` attribute.

    Parameters
    ----------
    store
        Any geokg store.
    edge_attrs
        Callback that receives each edge's attributes and returns them
        (changed) or ``None`` to drop the edge.
    **filters
        ``start``, ``end``, ``plover``, ``cameo``, ``quad_class``: which
        events to keep (see :func:`filter_rows`).
    """
    return actor_graph_from_rows(event_rows(store), edge_attrs=edge_attrs, **filters)


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


# --------------------------------------------------------------------------- #
# Event graphs and pure projections over event rows (appended; the functions
# above are unchanged).



def _cameo_match(code: str | None, prefixes: set[str]) -> bool:
    return code is not None and any(code.startswith(p) for p in prefixes)


def filter_rows(
    rows: Any,
    *,
    start: date | None = None,
    end: date | None = None,
    plover: set[str] | None = None,
    cameo: set[str] | None = None,
    quad_class: set[int] | None = None,
) -> list[Any]:
    """Keep the event rows within a time window and of the given event types.

    Same rules as :func:`actor_graph`: with ``start`` or ``end`` given,
    undated events are dropped.  ``cameo`` holds code *prefixes* (``"19"``
    keeps every "Fight" code, ``"1711"`` only that one).

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> rows = [R(date=date(2025, 1, 5), plover="REJECT", cameo="120", quad_class=3),
    ...         R(date=None, plover="ASSAULT", cameo="190", quad_class=4),
    ...         R(date=date(2025, 3, 1), plover="ASSAULT", cameo="193", quad_class=4)]
    >>> [r.cameo for r in filter_rows(rows, cameo={"19"})]
    ['190', '193']
    >>> [r.cameo for r in filter_rows(rows, start=date(2025, 2, 1))]
    ['193']
    >>> [r.cameo for r in filter_rows(rows, quad_class={3}, plover={"REJECT", "ASSAULT"})]
    ['120']
    """
    out = []
    for row in rows:
        if (start or end) and row.date is None:
            continue
        if (start and row.date < start) or (end and row.date > end):
            continue
        if plover is not None and row.plover not in plover:
            continue
        if cameo is not None and not _cameo_match(row.cameo, cameo):
            continue
        if quad_class is not None and row.quad_class not in quad_class:
            continue
        out.append(row)
    return out


def _row_attrs(row: Any) -> dict[str, Any]:
    """What an event row says about its event (the attributes shared by edges and event nodes)."""
    return {
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
    }


def _edge_attrs_of(row: Any) -> dict[str, Any]:
    return {"event": row.event, **_row_attrs(row), "count": 1}


def _add_actor(g: Any, actor: ActorInfo, **extra: Any) -> None:
    if actor.iri not in g:
        g.add_node(actor.iri, **extra, **_node_attrs(actor))


def _apply(callback: Callable[[dict[str, Any]], dict[str, Any] | None] | None, attrs: dict[str, Any]) -> Any:
    """``attrs`` passed through a caller's callback (``None``: drop the edge or node)."""
    return attrs if callback is None else callback(attrs)


def actor_graph_from_rows(
    rows: Any,
    *,
    edge_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
    **filters: Unpack[RowFilters],
) -> Any:
    """:func:`actor_graph` over rows already read (:func:`geokg.graph.query.tables.event_rows`).

    Gives the same graph as ``actor_graph(store, ...)`` for the rows of that
    store, so callers that need both the rows and the graph query once.

    Examples
    --------
    >>> actor_graph_from_rows([]).number_of_nodes()
    0
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    for row in filter_rows(rows, **filters):
        if row.source is None or row.target is None:
            continue
        attrs = _apply(edge_attrs, _edge_attrs_of(row))
        if attrs is None:
            continue
        _add_actor(g, row.source)
        _add_actor(g, row.target)
        g.add_edge(row.source.iri, row.target.iri, key=f"{row.event}#{row.start}", **attrs)
    return g


#: Event attributes that the edges of an event graph repeat, for the view's colours and filters.
_SHARED = ("label", "date", "cameo", "plover", "quad_class", "goldstein", "sentence", "source_url", "article_title")


def _event_node_attrs(mentions: list[Any]) -> dict[str, Any]:
    """An event node's attributes, from its first mention, with its mention and article counts."""
    first = mentions[0]
    published = first.published.isoformat() if isinstance(first.published, date) else first.published
    return {
        "node_type": "event", "kind": "event", **_row_attrs(first), "published": published,
        "mentions": len(mentions), "articles": len({m.article for m in mentions if m.article}),
    }


def _add_event(g: Any, event: str, first: Any, attrs: dict[str, Any]) -> None:
    """Add an event node and its ``source actor -> event -> target actor`` edges."""
    g.add_node(event, **attrs)
    shared = {k: attrs.get(k) for k in _SHARED}
    if first.source is not None:
        _add_actor(g, first.source, node_type="actor")
        g.add_edge(first.source.iri, event, role="source", **shared)
    if first.target is not None:
        _add_actor(g, first.target, node_type="actor")
        g.add_edge(event, first.target.iri, role="target", **shared)


def event_graph_from_rows(
    rows: Any,
    *,
    event_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
    partial: bool = True,
    **filters: Unpack[RowFilters],
) -> Any:
    """Events and actors as nodes: ``source actor -> event -> target actor``.

    A pure function of the event rows (one per mention, e.g. :class:`~geokg.graph.query.tables.EventRow`):
    each event becomes one node whatever the number of articles that report it.  ``filters`` are those of
    :func:`filter_rows`; ``event_attrs`` receives each event node's attributes and returns them (changed)
    or ``None`` to drop the event; ``partial`` keeps events with only a source or only a target actor.

    Returns a ``networkx.DiGraph``.  Actor nodes carry ``node_type="actor"``,
    ``label``, ``kind``, ``country``, ``sector``.  Event nodes carry
    ``node_type="event"``, ``kind="event"``, the event's attributes
    (``label`` (the relation), ``lemma``, ``cameo``, ``plover``,
    ``quad_class``, ``goldstein``, ``date`` (ISO string or ``None``),
    ``polarity``, ``mode``, ``sentence``, ``source_url``, ``article_title``),
    ``published`` (of the first mention) and ``mentions``/``articles``
    counts.  Edges carry ``role`` (``"source"`` or ``"target"``) and the
    event's ``label``, ``date``, ``cameo``, ``plover``, ``quad_class``,
    ``goldstein``, ``sentence``, ``source_url`` and ``article_title``, so the
    graph view can colour and filter them.

    Examples
    --------
    >>> from geokg.graph.query.tables import ActorInfo, EventRow
    >>> mex, usa = ActorInfo("urn:mex", "Mexico", "country", "MEX"), ActorInfo("urn:usa", "United States")
    >>> def row(ev, src, tgt, url):
    ...     return EventRow(ev, src, tgt, "rejected", "reject", "120", "REJECT", 3, -4.0,
    ...                     date(2025, 3, 4), None, None, "Mexico rejected the plan.", 0, 15,
    ...                     "urn:a", url, "Title", None)
    >>> g = event_graph_from_rows([row("urn:e1", mex, usa, "https://a.example/1"),
    ...                            row("urn:e1", mex, usa, "https://b.example/2"),
    ...                            row("urn:e2", mex, None, None)])
    >>> sorted(g.nodes), g.nodes["urn:e1"]["mentions"], g.nodes["urn:e1"]["date"]
    (['urn:e1', 'urn:e2', 'urn:mex', 'urn:usa'], 2, '2025-03-04')
    >>> sorted((u, v, d["role"]) for u, v, d in g.edges(data=True))
    [('urn:e1', 'urn:usa', 'target'), ('urn:mex', 'urn:e1', 'source'), ('urn:mex', 'urn:e2', 'source')]
    >>> event_graph_from_rows([row("urn:e2", mex, None, None)], partial=False).number_of_nodes()
    0
    """
    import networkx as nx

    by_event: dict[str, list[Any]] = {}
    for row in filter_rows(rows, **filters):
        by_event.setdefault(row.event, []).append(row)
    g = nx.DiGraph()
    for event, mentions in by_event.items():
        first = mentions[0]
        if first.source is None and first.target is None:
            continue
        if not partial and (first.source is None or first.target is None):
            continue
        attrs = _apply(event_attrs, _event_node_attrs(mentions))
        if attrs is not None:
            _add_event(g, event, first, attrs)
    return g


def event_graph(
    store: GraphStore,
    *,
    event_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
    partial: bool = True,
    **filters: Unpack[RowFilters],
) -> Any:
    """Project the store onto an actor–event ``networkx.DiGraph``.

    See :func:`event_graph_from_rows` for the nodes, edges and parameters.

    Examples
    --------
    >>> from geokg.graph.store import open_store
    >>> event_graph(open_store(None)).number_of_nodes()
    0
    """
    return event_graph_from_rows(event_rows(store), event_attrs=event_attrs, partial=partial, **filters)
