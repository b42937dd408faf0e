"""GraphML and GEXF exports of the networkx projections (for Gephi, yEd, Cytoscape).

networkx's writers accept only strings, numbers and booleans as attribute
values, and GraphML wants one type per attribute name.  :func:`exportable`
makes a copy that satisfies both: ``None`` values are dropped, dates become
ISO strings, lists/sets/tuples are joined with ``"; "``, anything else becomes
its string, and an attribute that mixes ints and floats becomes float (mixed
with text: text).  Attribute names the GEXF writer treats specially
(``start``, ``end``, ``viz``, ``id``) are renamed with a ``gk_`` prefix.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> from datetime import date
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="Alpha", country=None)
>>> _ = g.add_edge("a", "b", date=date(2025, 1, 2), goldstein=-4, tags=("x", "y"))
>>> _ = g.add_edge("a", "b", date=None, goldstein=2.5)
>>> h = exportable(g)
>>> h.nodes["a"], sorted(h.edges(keys=True, data=True))[0][3]
({'label': 'Alpha'}, {'date': '2025-01-02', 'goldstein': -4.0, 'tags': 'x; y'})
>>> out = write_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
>>> nx.read_graphml(out).number_of_edges()
2
"""

from __future__ import annotations

import math
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "PROJECTIONS", "export_projection", "exportable", "write_gexf", "write_graphml"]

#: Export formats by name (the names ``geokg export`` can use).
FORMATS = ("graphml", "gexf")
#: Projections :func:`export_projection` can write.
PROJECTIONS = ("actors", "events")
_RESERVED = {"start", "end", "viz", "id", "pid"}


def _scalar(value: Any) -> Any:
    """A writer-safe value, or ``None`` to drop the attribute."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | str):
        if isinstance(value, float) and math.isnan(value):
            return None
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = [str(_scalar(v)) for v in value if _scalar(v) is not None]
        items = sorted(items) if isinstance(value, set | frozenset) else items
        return "; ".join(items) if items else None
    return str(value)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        v = _scalar(value)
        if v is not None:
            name = str(key)
            out[f"gk_{name}" if name in _RESERVED else name] = v
    return out


def _unify(items: list[dict[str, Any]]) -> None:
    """Give every attribute one type across ``items`` (in place)."""
    kinds: dict[str, set[type]] = {}
    for attrs in items:
        for k, v in attrs.items():
            kinds.setdefault(k, set()).add(bool if isinstance(v, bool) else type(v))
    for k, types in kinds.items():
        if len(types) < 2:
            continue
        target: type = float if types <= {int, float} else str
        for attrs in items:
            if k in attrs:
                v = attrs[k]
                attrs[k] = float(v) if target is float else (str(v).lower() if isinstance(v, bool) else str(v))


def exportable(g: Any) -> Any:
    """A copy of ``g`` whose attributes the GraphML and GEXF writers accept.

    See the module docstring for the conversions.  Node ids become strings.
    """
    h = g.__class__()
    h.graph.update(_clean(g.graph))
    nodes = [(str(n), _clean(d)) for n, d in g.nodes(data=True)]
    if g.is_multigraph():
        edges = [(str(u), str(v), str(k), _clean(d)) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edges = [(str(u), str(v), None, _clean(d)) for u, v, d in g.edges(data=True)]
    _unify([d for _, d in nodes])
    _unify([e[3] for e in edges])
    h.add_nodes_from(nodes)
    for u, v, k, d in edges:
        if k is None:
            h.add_edge(u, v, **d)
        else:
            h.add_edge(u, v, key=k, **d)
    return h


def write_graphml(g: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``g`` as GraphML (UTF-8) and return the path.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.DiGraph([("a", "b", {"count": 2, "first": None})])
    >>> p = write_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(p)["a"]["b"]
    {'count': 2}
    """
    import networkx as nx

    out = Path(path)
    nx.write_graphml(exportable(g), out, encoding="utf-8", prettyprint=True)
    return out


def write_gexf(g: Any, path: str | os.PathLike[str]) -> Path:
    """Write ``g`` as GEXF 1.2 (UTF-8) and return the path.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", label="met", date="2025-01-02")
    >>> _ = g.add_edge("a", "b", label="called", date=None)
    >>> p = write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> sorted(d["label"] for *_, d in nx.read_gexf(p).edges(data=True))
    ['called', 'met']
    """
    import networkx as nx

    out = Path(path)
    nx.write_gexf(exportable(g), out, encoding="utf-8", prettyprint=True)
    return out


def export_projection(
    store: Any,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    kind: str = "actors",
    **filters: Any,
) -> Path:
    """Project ``store`` and write the graph as ``graphml`` or ``gexf``.

    Parameters
    ----------
    store
        Any geokg store.
    fmt : {"graphml", "gexf"}
        File format.
    path
        Output file.
    kind : {"actors", "events"}
        :func:`~geokg.graph.analytics.project.actor_graph` (actors as nodes, one edge
        per event mention) or :func:`~geokg.graph.analytics.project.event_graph`
        (actors and events as nodes).
    **filters
        ``start``, ``end``, ``plover`` (and, for ``events``, ``cameo``,
        ``quad_class``) passed to the projection.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geokg.graph.store import open_store
    >>> export_projection(open_store(None), "gml", "x.gml")
    Traceback (most recent call last):
    ...
    ValueError: unknown graph format 'gml'; choose one of graphml, gexf
    >>> p = export_projection(open_store(None), "gexf", pathlib.Path(tempfile.mkdtemp()) / "e.gexf", kind="events")
    >>> p.read_text(encoding="utf-8").startswith("<?xml")
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if kind not in PROJECTIONS:
        raise ValueError(f"unknown projection {kind!r}; choose one of {', '.join(PROJECTIONS)}")
    from geokg.graph.analytics.project import actor_graph, event_graph

    g = actor_graph(store, **filters) if kind == "actors" else event_graph(store, **filters)
    g.graph["projection"] = kind
    return write_graphml(g, path) if fmt == "graphml" else write_gexf(g, path)
