"""Turn a networkx event graph into the JSON payload of the graph view.

This is the pure part of :mod:`geokg.graph.views.graphview`: it validates attributes,
keeps the top-N actors, bundles events into drawn edges, computes colours,
sizes and the layout, and returns plain dicts/lists ready for ``json.dumps``.
Nothing here renders HTML or touches files.

The payload (``ViewData.payload``) has these keys:

``meta``
    title, directed flag, physics mode (``"browser"`` or ``"layout"``),
    totals, notices.
``nodes`` / ``info``
    vis-network node dicts (``id`` = index) and, per node,
    ``[label, kind, country, sector, url, title, degree, original_id]``.
``edges`` / ``edgeEvents``
    vis-network edge dicts (``id`` = index) and, per edge, the indices of the
    events it bundles.
``events``
    ``[label, date, sentence, article, cameo, plover, quad, goldstein, count]``
    rows; ``article`` indexes ``articles`` (``[url, title]`` rows).
``legend``, ``quad``, ``types``
    legend entries, QuadClass names/colours, and the event-type options.

All text stays plain text here; the page's script inserts it with
``textContent`` and only ever links ``http(s)`` URLs.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("usa", label="United States", kind="country", country="USA")
>>> g.add_node("rus", label="Russia", kind="country", country="RUS")
>>> _ = g.add_edge("usa", "rus", label="sanctioned", quad_class=4, date="2024-01-02")
>>> _ = g.add_edge("usa", "rus", label="met", quad_class=1, date="2024-02-01")
>>> vd = build_view_data(g, layout_budget=0)
>>> [n["label"] for n in vd.payload["nodes"]]
['United States', 'Russia']
>>> len(vd.payload["edges"]), len(vd.payload["events"])
(2, 2)
>>> vd.payload["edges"][0]["color"] == QUAD_COLORS[4]
True
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from geokg.graph.views.checks import AttrChecker, plain_text, safe_http_url
from geokg.ontology.schemes import NO_QUAD_CLASS, QUAD_CLASSES

__all__ = [
    "AUTO_AGGREGATE_EDGES",
    "BROWSER_PHYSICS_MAX_NODES",
    "KIND_SHAPES",
    "MAX_PARALLEL",
    "QUAD_COLORS",
    "QUAD_NAMES",
    "ViewData",
    "ViewOptions",
    "build_view_data",
    "code_color",
    "safe_http_url",
]

#: Edge colour per CAMEO QuadClass (green = cooperation, red = conflict,
#: light = verbal, dark = material); key ``None`` is "unknown".
QUAD_COLORS: dict[int | None, str] = {
    1: "#74c476", 2: "#1a7f37", 3: "#f4877f", 4: "#b2182b", None: "#9e9e9e",
}
#: Legend names of the QuadClasses (from :mod:`geokg.ontology.schemes`); ``None``: uncoded events.
QUAD_NAMES: dict[int | None, str] = {**QUAD_CLASSES, None: NO_QUAD_CLASS}
#: vis-network shape per actor kind (anything else is a dot).
KIND_SHAPES: dict[str, str] = {
    "person": "dot", "country": "diamond", "organization": "square", "group": "triangle",
    "igo": "star", "event": "triangleDown",
}
UNKNOWN_COLOR = "#b0b0b0"
#: Above this many events, ``aggregate=None`` draws one edge per directed dyad.
AUTO_AGGREGATE_EDGES = 1500
#: ``physics="auto"`` simulates in the browser up to this many nodes.
BROWSER_PHYSICS_MAX_NODES = 300
#: A dyad with more events than this is drawn as one bundled edge.
MAX_PARALLEL = 6
_PX_PER_UNIT = 60.0
_MAX_LABEL = 40


@dataclass
class ViewData:
    """The payload of one view plus the problems met while building it.

    ``node_ids`` are the input graph's node ids of the drawn nodes, in payload
    order (not in the payload: the page shows them as text only).
    """

    payload: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    node_ids: list[Any] = field(default_factory=list, repr=False)

    @property
    def n_nodes(self) -> int:
        """Number of drawn actors."""
        return len(self.payload["nodes"])

    @property
    def n_edges(self) -> int:
        """Number of drawn edges (bundles)."""
        return len(self.payload["edges"])


def code_color(code: str | None) -> str:
    """Stable colour for a country/sector code (hash of the code -> HSL).

    Examples
    --------
    >>> code_color("FRA") == code_color("FRA"), code_color("FRA") != code_color("DEU")
    (True, True)
    >>> code_color(None)
    '#b0b0b0'
    """
    if not code:
        return UNKNOWN_COLOR
    h = zlib.crc32(code.encode("utf-8"))
    hue = (h % 360) / 360.0
    sat = (58 + ((h >> 9) % 3) * 12) / 100.0
    light = (40 + ((h >> 12) % 3) * 8) / 100.0
    import colorsys

    r, g, b = colorsys.hls_to_rgb(hue, light, sat)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _check_choice(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")


def _select_nodes(weighted_degree: dict[Any, int], labels: dict[Any, str], top_n: int) -> list[Any]:
    ranked = sorted(weighted_degree, key=lambda n: (-weighted_degree[n], labels[n], str(n)))
    return ranked[:top_n]


def _smooth_for(k: int, m: int, reverse: bool) -> dict[str, Any] | bool:
    """Curve of the k-th of m edges between one pair (opposite sides alternate)."""
    if m == 1:
        return False
    offset = k if m % 2 == 0 else k - 1
    if m % 2 == 1 and k == 0:
        return False
    step = min(0.2, 0.9 / math.ceil(m / 2))
    roundness = round((offset // 2 + 1) * step, 3)
    clockwise = offset % 2 == 0
    if reverse:
        clockwise = not clockwise
    return {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": roundness}


@dataclass(frozen=True)
class ViewOptions:
    """How a view is drawn; checked when made (a bad value raises :class:`ValueError` naming it).

    Attributes
    ----------
    color_by : {"country", "sector", "attribute"}
        Node colour: a stable colour per country or sector code, or each
        node's own ``color`` (a CSS colour, as pyvis networks carry; edges
        with a ``color`` keep theirs too, the others are coloured by QuadClass).
    size_by : {"degree", "pagerank", None}
        Node size: number of events, PageRank, or constant.
    top_n : int, optional
        Keep only the ``top_n`` actors with most events (and merge the
        events of each dyad into one edge).  Graphs with more than
        ``max_nodes`` actors are cut to ``max_nodes`` anyway.
    physics : {"auto", "browser", "layout"} or bool
        ``"browser"``: a short vis-network simulation (150 iterations) that
        is switched off once stabilised; ``"layout"``: positions computed in
        Python, physics off.  ``"auto"`` simulates up to 300 actors.
    aggregate : bool, optional
        ``True``: one edge per directed dyad with a count; ``False``: one
        curved edge per event (dyads with more than 6 events are merged
        anyway); ``None``: merge when cut by ``top_n`` or above 1,500 events.
    max_nodes : int
        Upper bound on drawn actors when ``top_n`` is None.
    seed : int
        Layout seed.
    layout_budget : float
        Seconds the Python layout may take (0 = no limit).

    Examples
    --------
    >>> ViewOptions(size_by="size")
    Traceback (most recent call last):
    ...
    ValueError: size_by must be one of 'degree', 'pagerank', None; got 'size'
    """

    color_by: str = "country"
    size_by: str | None = "degree"
    top_n: int | None = None
    physics: str | bool = "auto"
    aggregate: bool | None = None
    max_nodes: int = 5000
    seed: int = 0
    layout_budget: float = 6.0

    def __post_init__(self) -> None:
        _check_choice("color_by", self.color_by, ("country", "sector", "attribute"))
        _check_choice("size_by", self.size_by, ("degree", "pagerank", None))
        _check_choice("physics", self.physics, ("auto", "browser", "layout", True, False))
        _check_choice("aggregate", self.aggregate, (None, True, False))
        top_n = self.top_n
        if top_n is not None and (not isinstance(top_n, int) or isinstance(top_n, bool) or top_n < 1):
            raise ValueError(f"top_n must be a positive int or None; got {top_n!r}")
        if not isinstance(self.max_nodes, int) or self.max_nodes < 1:
            raise ValueError(f"max_nodes must be a positive int; got {self.max_nodes!r}")

    def physics_mode(self, n: int) -> str:
        """``"browser"`` or ``"layout"`` for a view of ``n`` nodes."""
        if self.physics == "auto":
            return "browser" if n <= BROWSER_PHYSICS_MAX_NODES else "layout"
        return "browser" if self.physics in ("browser", True) else "layout"


def build_view_data(
    g: Any, *, title: str = "geokg", cameo_names: dict[str, str] | None = None, **options: Any
) -> ViewData:
    """Build the view payload of ``g``; see :class:`geokg.graph.views.graphview.GraphView`.

    ``options`` are the fields of :class:`ViewOptions`; ``cameo_names`` names
    the CAMEO roots in the event-type filter.

    Examples
    --------
    >>> build_view_data("not a graph")
    Traceback (most recent call last):
    ...
    TypeError: g must be a networkx graph, got str
    """
    import networkx as nx

    if not isinstance(g, nx.Graph):
        raise TypeError(f"g must be a networkx graph, got {type(g).__name__}")
    opts = ViewOptions(**options)
    chk = AttrChecker()
    notices: list[str] = []
    labels = {n: plain_text(d.get("label"), 200) or str(n) for n, d in g.nodes(data=True)}
    raw_edges, counts = _edge_counts(g, chk)
    keep = _kept_nodes(g, raw_edges, counts, labels, opts, notices)
    index = {n: i for i, n in enumerate(keep)}
    events, articles, groups = _collect_events(raw_edges, counts, index, g.is_directed(), chk)
    aggregate = opts.aggregate
    if aggregate is None:
        aggregate = len(keep) < g.number_of_nodes() or len(events) > AUTO_AGGREGATE_EDGES
    bundles = _bundle(groups, aggregate)
    weights = [sum(events[e][8] for e in evs) for _, _, evs in bundles]
    nodes, info, legend = _node_payload(g, keep, labels, bundles, weights, opts, chk)
    own = _own_edge_colors(raw_edges, index, chk) if opts.color_by == "attribute" else None
    edges, edge_events = _edge_payload(bundles, events, weights, own)
    if not events and keep:
        notices.append("This graph has no events (edges) to draw.")
    dates = sorted(ev[1] for ev in events if ev[1])
    meta = {
        "title": title, "directed": g.is_directed(), "physics": opts.physics_mode(len(keep)),
        "colorBy": opts.color_by, "sizeBy": opts.size_by, "aggregated": bool(aggregate),
        "actorsTotal": g.number_of_nodes(), "eventsTotal": sum(counts), "eventsShown": sum(weights),
        "dateMin": dates[0] if dates else None, "dateMax": dates[-1] if dates else None, "notices": notices,
    }
    payload = {
        "meta": meta, "nodes": nodes, "info": info, "edges": edges, "edgeEvents": edge_events,
        "events": events, "articles": articles, "legend": legend,
        "quad": [[q, QUAD_NAMES[q], QUAD_COLORS[q]] for q in (1, 2, 3, 4, None)],
        "types": _event_types(events, cameo_names or {}),
    }
    return ViewData(payload=payload, problems=chk.problems, node_ids=keep)


def _edge_counts(g: Any, chk: AttrChecker) -> tuple[list[tuple[Any, Any, dict[str, Any]]], list[int]]:
    """The edges of ``g`` and the number of events each stands for (its checked ``count``)."""
    raw_edges = list(g.edges(data=True))
    return raw_edges, [chk.count(f"edge {u!r}->{v!r}", d.get("count")) for u, v, d in raw_edges]


def _kept_nodes(
    g: Any, raw_edges: list[Any], counts: list[int], labels: dict[Any, str], opts: ViewOptions, notices: list[str]
) -> list[Any]:
    """The actors to draw: all, or the ``top_n`` (else ``max_nodes``) with most events."""
    wdeg: Counter[Any] = Counter({n: 0 for n in g.nodes})
    for (u, v, _), c in zip(raw_edges, counts):
        wdeg[u] += c
        wdeg[v] += c
    n_total = g.number_of_nodes()
    limit = opts.top_n
    if limit is None and n_total > opts.max_nodes:
        limit = opts.max_nodes
    if limit is None or limit >= n_total:
        return list(g.nodes)
    keep = _select_nodes(wdeg, labels, limit)
    notices.append(f"Showing the top {len(keep)} of {n_total} actors by number of events.")
    return keep


def _collect_events(
    raw_edges: list[Any], counts: list[int], index: dict[Any, int], directed: bool, chk: AttrChecker
) -> tuple[list[list[Any]], list[list[Any]], dict[tuple[int, int], list[int]]]:
    """Event rows and article rows of the edges between kept actors, and the events of each dyad."""
    events: list[list[Any]] = []
    articles: list[list[Any]] = []
    article_index: dict[tuple[Any, Any], int] = {}
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (u, v, d), c in zip(raw_edges, counts):
        if u not in index or v not in index:
            continue
        where = f"edge {u!r}->{v!r}"
        url = chk.url(where, "source_url", d.get("source_url"))
        atitle = plain_text(d.get("article_title"), 300)
        art = None
        if url or atitle:
            art = article_index.setdefault((url, atitle), len(articles))
            if art == len(articles):
                articles.append([url, atitle])
        events.append([
            plain_text(d.get("label"), 200) or plain_text(d.get("lemma"), 200) or "related to",
            chk.date(where, d.get("date")),
            plain_text(d.get("sentence")),
            art,
            chk.cameo(where, d.get("cameo")),
            chk.code(where, "plover", d.get("plover")),
            chk.quad(where, d.get("quad_class")),
            chk.number(where, "goldstein", d.get("goldstein")),
            c,
        ])
        a, b = index[u], index[v]
        groups[(a, b) if directed else (min(a, b), max(a, b))].append(len(events) - 1)
    return events, articles, groups


def _bundle(groups: dict[tuple[int, int], list[int]], aggregate: bool) -> list[tuple[int, int, list[int]]]:
    """Drawn edges: one per event, or one per dyad (``aggregate``, or more than :data:`MAX_PARALLEL` events)."""
    bundles: list[tuple[int, int, list[int]]] = []
    for (a, b), evs in groups.items():
        if aggregate or len(evs) > MAX_PARALLEL:
            bundles.append((a, b, evs))
        else:
            bundles.extend((a, b, [e]) for e in evs)
    return bundles


def _node_metrics(
    n: int, bundles: list[tuple[int, int, list[int]]], weights: list[int], size_by: str | None
) -> tuple[Any, list[float], Any]:
    """Edge index array, node sizes (by ``size_by``) and weighted degrees over the drawn graph."""
    import numpy as np
    from geokg.graph.analytics.network import pagerank_array as pagerank

    edge_arr = np.array([(a, b) for a, b, _ in bundles], dtype=np.int64).reshape(-1, 2)
    degree = np.zeros(n, dtype=np.int64)
    if len(bundles):
        np.add.at(degree, edge_arr[:, 0], weights)
        np.add.at(degree, edge_arr[:, 1], weights)
    if size_by == "pagerank":
        score = pagerank(n, edge_arr, np.array(weights, dtype=float)) if n else np.zeros(0)
    else:
        score = degree.astype(float)
    top = float(score.max()) if n and score.max() > 0 else 1.0
    sizes = [14.0] * n if size_by is None else [round(8 + 22 * math.sqrt(s / top), 1) for s in score]
    return edge_arr, sizes, degree


def _node_payload(
    g: Any, keep: list[Any], labels: dict[Any, str], bundles: list[Any], weights: list[int],
    opts: ViewOptions, chk: AttrChecker,
) -> tuple[list[dict[str, Any]], list[list[Any]], dict[str, Any]]:
    """vis-network nodes (laid out), their info rows, and the legend of colours and kinds."""
    from geokg.graph.views.layout import force_layout

    edge_arr, sizes, degree = _node_metrics(len(keep), bundles, weights, opts.size_by)
    pos = force_layout(len(keep), edge_arr, seed=opts.seed, time_budget=opts.layout_budget) * _PX_PER_UNIT
    nodes: list[dict[str, Any]] = []
    info: list[list[Any]] = []
    color_counts: Counter[str | None] = Counter()
    kinds_present: Counter[str] = Counter()
    for i, node in enumerate(keep):
        d = g.nodes[node]
        where = f"node {node!r}"
        country = chk.code(where, "country", d.get("country"))
        sector = chk.code(where, "sector", d.get("sector"))
        kind = plain_text(d.get("kind"), 40)
        kind = kind.lower() if kind else None
        code = _node_color_code(opts.color_by, country, sector, d, where, chk)
        color_counts[code] += 1
        kinds_present[kind if kind in KIND_SHAPES else "other"] += 1
        label = labels[node]
        short = label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "\u2026"
        nodes.append({
            "id": i, "label": short, "shape": KIND_SHAPES.get(kind or "", "dot"),
            "color": _color_of(code, opts.color_by), "size": sizes[i],
            "x": round(float(pos[i, 0]), 1), "y": round(float(pos[i, 1]), 1),
        })
        info.append([
            label, kind, country, sector, chk.url(where, "url", d.get("url")),
            plain_text(d.get("title")), int(degree[i]), plain_text(str(node), 200),
        ])
    return nodes, info, _legend(color_counts, kinds_present, opts.color_by)


def _node_color_code(color_by: str, country: str | None, sector: str | None, d: dict[str, Any], where: str,
                     chk: AttrChecker) -> str | None:
    """What a node is coloured by: its country or sector code, or its own colour (``"attribute"``)."""
    if color_by == "attribute":
        return chk.color(where, d.get("color"))
    return country if color_by == "country" else sector


def _color_of(code: str | None, color_by: str) -> str:
    """The colour drawn for a node coloured by ``code``."""
    if color_by == "attribute":
        return code or UNKNOWN_COLOR
    return code_color(code)


def _legend(color_counts: Counter[str | None], kinds_present: Counter[str], color_by: str) -> dict[str, Any]:
    """Legend entries: node colours by code (most frequent first) and node shapes by kind."""
    colors = [
        [code or "unknown", _color_of(code, color_by), cnt]
        for code, cnt in sorted(color_counts.items(), key=lambda kv: (-kv[1], kv[0] or "~"))
    ]
    kinds = [[k, KIND_SHAPES.get(k, "dot"), c] for k, c in sorted(kinds_present.items())]
    return {"colors": colors, "kinds": kinds}


def _own_edge_colors(raw_edges: list[Any], index: dict[Any, int], chk: AttrChecker) -> list[str | None]:
    """The checked ``color`` of each drawn event, in event order (``color_by="attribute"``)."""
    return [
        chk.color(f"edge {u!r}->{v!r}", d.get("color"))
        for u, v, d in raw_edges if u in index and v in index
    ]


def _edge_payload(
    bundles: list[tuple[int, int, list[int]]], events: list[list[Any]], weights: list[int],
    own_colors: list[str | None] | None = None,
) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """vis-network edges: colour by dominant QuadClass, width by count, curve offsets for parallels.

    With ``own_colors`` (one per event, or None), an edge takes the first own
    colour of its events instead.
    """
    per_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (a, b, _) in enumerate(bundles):
        per_pair[(min(a, b), max(a, b))].append(k)
    edges: list[dict[str, Any]] = []
    for k, (a, b, evs) in enumerate(bundles):
        qc: Counter[int | None] = Counter()
        for e in evs:
            if events[e][6] is not None:
                qc[events[e][6]] += events[e][8]
        quad = max(qc, key=lambda q: (qc[q], q)) if qc else None
        own = next((own_colors[e] for e in evs if own_colors[e]), None) if own_colors else None
        edge: dict[str, Any] = {
            "id": k, "from": a, "to": b,
            "color": own or QUAD_COLORS[quad],
            "width": round(min(12.0, 1.0 + 1.6 * math.log2(weights[k])), 2),
        }
        same = per_pair[(min(a, b), max(a, b))]
        if a == b:
            edge["selfReference"] = {"size": 18 + 8 * same.index(k), "angle": 0.785}
        else:
            smooth = _smooth_for(same.index(k), len(same), reverse=a > b)
            if smooth:
                edge["smooth"] = smooth
        edges.append(edge)
    return edges, [evs for _, _, evs in bundles]


def _event_types(events: list[list[Any]], cameo_names: dict[str, str]) -> dict[str, Any]:
    """The event-type filter's options: PLOVER categories and CAMEO roots with their event counts."""
    plovers: Counter[str] = Counter()
    roots: Counter[str] = Counter()
    for ev in events:
        if ev[5]:
            plovers[ev[5]] += ev[8]
        if ev[4]:
            roots[ev[4][:2]] += ev[8]
    return {
        "plover": [[p, c] for p, c in sorted(plovers.items())],
        "cameo": [[r, cameo_names.get(r, ""), c] for r, c in sorted(roots.items())],
    }
