"""networkx projections of a geokg RDF store.

:func:`actor_graph` gives the *actor graph*: actors are nodes, each event is a
directed edge from its source actor to its target actor (a ``MultiDiGraph``,
so parallel events stay visible), carrying the relation, codes, date, the
evidence sentence and the source article.  :func:`aggregate_dyads` folds the
parallel edges into one edge per dyad with counts.

Both read the store through SPARQL only, so they work on every store kind.

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

__all__ = ["EVENTS_QUERY", "actor_graph", "aggregate_dyads"]

#: One row per (event, article that reports it), over the union graph.
EVENTS_QUERY = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?event ?src ?tgt
       (SAMPLE(?rel) AS ?relation) (SAMPLE(?lem) AS ?lemma) (SAMPLE(?ct) AS ?cameo)
       (SAMPLE(?pc) AS ?plover) (SAMPLE(?q) AS ?quad) (SAMPLE(?gs) AS ?goldstein)
       (SAMPLE(?d) AS ?date) (SAMPLE(?sent) AS ?sentence) (SAMPLE(?u) AS ?url) (SAMPLE(?t) AS ?title)
       (COUNT(DISTINCT ?article) AS ?reports)
WHERE {
  ?event a sem:Event ; gk:sourceActor ?src ; gk:targetActor ?tgt .
  OPTIONAL { ?event gk:relationText ?rel }
  OPTIONAL { ?event gk:relationLemma ?lem }
  OPTIONAL { ?event sem:eventType ?ct }
  OPTIONAL { ?event gk:ploverCategory ?pc }
  OPTIONAL { ?event gk:quadClass ?q }
  OPTIONAL { ?event gk:goldstein ?gs }
  OPTIONAL { ?event sem:hasTimeStamp ?d }
  OPTIONAL { ?event gk:hasMention/gk:inSentence/schema:text ?sent }
  OPTIONAL { ?event prov:wasDerivedFrom ?article .
             OPTIONAL { ?article schema:url ?u } OPTIONAL { ?article dct:title ?t } }
}
GROUP BY ?event ?src ?tgt
ORDER BY ?event
"""

ACTORS_QUERY = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?k) AS ?kind) (SAMPLE(?c) AS ?country) (SAMPLE(?s) AS ?sector)
WHERE {
  ?actor a sem:Actor .
  OPTIONAL { ?actor rdfs:label ?l }
  OPTIONAL { ?actor gk:actorKind ?k }
  OPTIONAL { ?actor gk:countryCode ?c }
  OPTIONAL { ?actor gk:sector ?s }
}
GROUP BY ?actor
"""


def _code_from_iri(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).rstrip("/").rsplit("/", 1)[-1]


def _py(value: Any) -> Any:
    if value is None:
        return None
    to_python = getattr(value, "toPython", None)
    out = to_python() if to_python else value
    return out if isinstance(out, (int, float, date)) else str(out)


def actor_graph(
    store: GraphStore,
    *,
    start: date | None = None,
    end: date | None = None,
    plover: set[str] | None = None,
    edge_attrs: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
) -> Any:
    """Project the store onto a ``networkx.MultiDiGraph`` of actors.

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
    actors = {}
    for row in store.query(ACTORS_QUERY):
        actors[str(row[0])] = {
            "label": _py(row[1]) or _code_from_iri(row[0]),
            "kind": _py(row[2]),
            "country": _py(row[3]),
            "sector": _py(row[4]),
        }
    for row in store.query(EVENTS_QUERY):
        (event, src, tgt, relation, lemma, cameo, plov, quad, gold, when, sentence, url, title, reports) = row
        when_py = _py(when)
        when_d = when_py if isinstance(when_py, date) else None
        if (start or end) and when_d is None:
            continue
        if start and when_d and when_d < start:
            continue
        if end and when_d and when_d > end:
            continue
        plover_cat = _code_from_iri(plov)
        if plover is not None and plover_cat not in plover:
            continue
        attrs: dict[str, Any] | None = {
            "event": str(event),
            "label": _py(relation) or _py(lemma) or "",
            "lemma": _py(lemma),
            "cameo": _code_from_iri(cameo),
            "plover": plover_cat,
            "quad_class": int(_py(quad)) if quad is not None else None,
            "goldstein": float(_py(gold)) if gold is not None else None,
            "date": when_d.isoformat() if when_d else None,
            "sentence": _py(sentence),
            "source_url": _py(url),
            "article_title": _py(title),
            "count": int(_py(reports) or 1),
        }
        if edge_attrs is not None:
            attrs = edge_attrs(attrs)
            if attrs is None:
                continue
        for node in (str(src), str(tgt)):
            if node not in g:
                g.add_node(node, **actors.get(node, {"label": _code_from_iri(node)}))
        g.add_edge(str(src), str(tgt), key=str(event), **attrs)
    return g


def aggregate_dyads(g: Any) -> Any:
    """Fold parallel edges into one ``DiGraph`` edge per dyad.

    Edge attributes: ``count`` (events), ``plover`` (the most frequent
    category), ``quad_class`` (the most frequent), ``goldstein`` (mean),
    ``first``/``last`` dates, ``label`` (e.g. "3 events").

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
        count = sum(int(d.get("count", 1)) for d in edges)
        out.add_edge(
            u, v,
            count=len(edges),
            reports=count,
            plover=plovers.most_common(1)[0][0] if plovers else None,
            quad_class=quads.most_common(1)[0][0] if quads else None,
            goldstein=round(sum(golds) / len(golds), 3) if golds else None,
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
            label=f"{len(edges)} event{'s' if len(edges) != 1 else ''}",
            sentence=next((d.get("sentence") for d in edges if d.get("sentence")), None),
        )
    return out
