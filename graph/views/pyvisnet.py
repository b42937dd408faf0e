"""pyvis networks in and out of geokg's graph view, drawn only with geokg's own offline page.

:func:`graph_from_pyvis` reads a :class:`pyvis.network.Network` into a
networkx graph that :class:`~geokg.graph.views.graphview.GraphView` draws
(``GraphView.from_pyvis``); :func:`pyvis_from_view` gives a view back as a
pyvis ``Network`` (``GraphView.to_pyvis``), for code that already works on
pyvis networks.

Mapping (pyvis → geokg → pyvis): node ``id``, ``label``, ``title`` and
``color`` (a string, or the ``background`` of a colour dict) are kept; edge
``title`` becomes the event's sentence (shown as the quote of its tooltip),
edge ``label`` its relation, and edge ``color`` is kept; ``value`` (or
``weight``) becomes the event count.  Node shapes and sizes are geokg's (by
kind and by number of events).  All text stays plain text: an HTML
``title`` is shown as its source, never as markup.

Never write the page with pyvis itself (``Network.show``, ``save_graph``,
``write_html``): pyvis 0.3.2 links its scripts and styles from CDNs even with
``cdn_resources="local"``, so the page is neither offline nor covered by a
Content-Security-Policy.  Save ``GraphView.from_pyvis(net)`` instead.

pyvis is imported only inside these functions.

Examples
--------
>>> from pyvis.network import Network
>>> net = Network(directed=True)
>>> net.add_node("usa", label="United States", title="A country", color="#1f77b4")
>>> net.add_node("rus", label="Russia", color={"background": "#d62728", "border": "#000000"})
>>> net.add_edge("usa", "rus", title="Washington imposed new sanctions.", color="#b2182b")
>>> g = graph_from_pyvis(net)
>>> g.nodes["rus"]["color"], g.edges["usa", "rus", 0]["sentence"]
('#d62728', 'Washington imposed new sanctions.')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.views.data import ViewData

__all__ = ["graph_from_pyvis", "pyvis_from_view"]


def _color(value: Any, key: str) -> Any:
    """A pyvis colour: a string, or the ``key`` entry of a colour dict."""
    return value.get(key) if isinstance(value, dict) else value


def _network_class() -> Any:
    try:
        from pyvis.network import Network
    except ImportError:  # pragma: no cover - pyvis is a dependency of geokg
        raise ImportError("pyvis is not installed: pip install pyvis") from None
    return Network


def graph_from_pyvis(net: Any) -> Any:
    """A networkx graph of a pyvis ``Network``, with the attributes the graph view reads.

    Returns a ``MultiDiGraph`` for a directed network, else a ``MultiGraph``.

    Raises
    ------
    TypeError
        When ``net`` is not a :class:`pyvis.network.Network`.
    """
    import networkx as nx

    if not isinstance(net, _network_class()):
        raise TypeError(f"net must be a pyvis.network.Network, got {type(net).__name__}")
    g = nx.MultiDiGraph() if net.directed else nx.MultiGraph()
    for node in net.nodes:
        color = _color(node.get("color"), "background")
        attrs = {"label": node.get("label"), "title": node.get("title"), "color": color}
        g.add_node(node["id"], **{k: v for k, v in attrs.items() if v is not None})
    for edge in net.edges:
        attrs = {
            "label": edge.get("label"), "sentence": edge.get("title"), "color": _color(edge.get("color"), "color"),
            "count": edge.get("value", edge.get("weight")),
        }
        g.add_edge(edge["from"], edge["to"], **{k: v for k, v in attrs.items() if v is not None})
    return g


def _edge_title(events: list[list[Any]]) -> str:
    """An edge's tooltip text: its event's sentence (or relation), or a count and the relations."""
    if len(events) == 1:
        return events[0][2] or events[0][0]
    labels = list(dict.fromkeys(ev[0] for ev in events))
    return f"{sum(ev[8] for ev in events)} events: " + "; ".join(labels)


def pyvis_from_view(data: ViewData, *, height: str = "720px", heading: str = "") -> Any:
    """The drawn graph of a view as a pyvis ``Network`` (nodes at their positions, edges in their colours).

    Node ids are the input graph's ids when pyvis accepts them (``str`` or
    ``int``), else their text; ``title`` holds the node's title text and each
    edge's tooltip text (:func:`_edge_title`).  Draw it with
    ``GraphView.from_pyvis``, not with pyvis's own HTML writer (see the module
    docstring).
    """
    payload = data.payload
    net = _network_class()(height=height, directed=bool(payload["meta"]["directed"]), heading=heading)
    ids = [
        node_id if isinstance(node_id, (str, int)) and not isinstance(node_id, bool) else info[7]
        for node_id, info in zip(data.node_ids or [info[7] for info in payload["info"]], payload["info"])
    ]
    for node, info, node_id in zip(payload["nodes"], payload["info"], ids):
        extra = {"title": info[5]} if info[5] is not None else {}
        net.add_node(node_id, label=info[0], shape=node["shape"], color=node["color"], size=node["size"],
                     x=node["x"], y=node["y"], **extra)
    for edge, evs in zip(payload["edges"], payload["edgeEvents"]):
        events = [payload["events"][e] for e in evs]
        net.add_edge(ids[edge["from"]], ids[edge["to"]], color=edge["color"], width=edge["width"],
                     title=_edge_title(events), value=sum(ev[8] for ev in events))
    return net
