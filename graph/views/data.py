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
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "AUTO_AGGREGATE_EDGES",
    "BROWSER_PHYSICS_MAX_NODES",
    "KIND_SHAPES",
    "MAX_PARALLEL",
    "QUAD_COLORS",
    "QUAD_NAMES",
    "ViewData",
    "build_view_data",
    "code_color",
    "safe_http_url",
]

#: Edge colour per CAMEO QuadClass (green = cooperation, red = conflict,
#: light = verbal, dark = material); key ``None`` is "unknown".
QUAD_COLORS: dict[int | None, str] = {
    1: "#74c476", 2: "#1a7f37", 3: "#f4877f", 4: "#b2182b", None: "#9e9e9e",
}
QUAD_NAMES: dict[int | None, str] = {
    1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
    4: "Material conflict", None: "Unknown",
}
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
_MAX_TEXT = 1000


@dataclass
class ViewData:
    """The payload of one view plus the problems met while building it."""

    payload: dict[str, Any]
    problems: list[str] = field(default_factory=list)

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


def safe_http_url(value: Any) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL, else ``None``.

    Examples
    --------
    >>> safe_http_url("https://news.example/a?b=1")
    'https://news.example/a?b=1'
    >>> safe_http_url("javascript:alert(1)") is None, safe_http_url(" JaVaScRiPt:x") is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in text for c in "\x00\r\n\t<>\"'` "):
        return None
    return text


def _text(value: Any, limit: int = _MAX_TEXT) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class _Checker:
    """Normalise attribute values, recording a problem for each bad one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, where: str, attr: str, value: Any, why: str) -> None:
        self.problems.append(f"{where}: {attr}={value!r} ignored ({why})")

    def code(self, where: str, attr: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.bad(where, attr, value, "not a string")
            return None
        return value.strip().upper() or None

    def url(self, where: str, attr: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        url = safe_http_url(value)
        if url is None:
            self.bad(where, attr, value, "not an http(s) URL")
        return url

    def date(self, where: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, (date, datetime)):
            return value.isoformat()[:10]
        if isinstance(value, str):
            try:
                date.fromisoformat(value.strip()[:10])
                return value.strip()[:10]
            except ValueError:
                pass
        self.bad(where, "date", value, "not an ISO date")
        return None

    def quad(self, where: str, value: Any) -> int | None:
        if value is None or value == "":
            return None
        try:
            q = int(value)
        except (TypeError, ValueError):
            q = 0
        if q not in (1, 2, 3, 4) or (isinstance(value, float) and not value.is_integer()):
            self.bad(where, "quad_class", value, "not 1..4")
            return None
        return q

    def number(self, where: str, attr: str, value: Any) -> float | None:
        if value is None or value == "":
            return None
        try:
            x = float(value)
        except (TypeError, ValueError):
            x = math.nan
        if not math.isfinite(x):
            self.bad(where, attr, value, "not a finite number")
            return None
        return x

    def count(self, where: str, value: Any) -> int:
        if value is None:
            return 1
        try:
            c = int(value)
        except (TypeError, ValueError):
            c = 0
        if c < 1:
            self.bad(where, "count", value, "not a positive integer; using 1")
            return 1
        return c

    def cameo(self, where: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        if not text.isdigit() or len(text) < 2:
            self.bad(where, "cameo", value, "not a CAMEO code")
            return None
        return text


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


def build_view_data(
    g: Any,
    *,
    color_by: str = "country",
    size_by: str | None = "degree",
    title: str = "geokg",
    top_n: int | None = None,
    physics: str | bool = "auto",
    aggregate: bool | None = None,
    max_nodes: int = 5000,
    seed: int = 0,
    layout_budget: float = 6.0,
    cameo_names: dict[str, str] | None = None,
) -> ViewData:
    """Build the view payload of ``g``; see :class:`geokg.graph.views.graphview.GraphView`.

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
    _check_choice("color_by", color_by, ("country", "sector"))
    _check_choice("size_by", size_by, ("degree", "pagerank", None))
    _check_choice("physics", physics, ("auto", "browser", "layout", True, False))
    _check_choice("aggregate", aggregate, (None, True, False))
    if top_n is not None and (not isinstance(top_n, int) or isinstance(top_n, bool) or top_n < 1):
        raise ValueError(f"top_n must be a positive int or None; got {top_n!r}")
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int; got {max_nodes!r}")

    chk = _Checker()
    notices: list[str] = []
    directed = g.is_directed()
    labels = {n: _text(d.get("label"), 200) or str(n) for n, d in g.nodes(data=True)}

    # Weighted degree (events, using ``count``) over the whole input graph.
    raw_edges = list(g.edges(data=True))
    wdeg: Counter[Any] = Counter({n: 0 for n in g.nodes})
    counts = []
    for u, v, d in raw_edges:
        c = chk.count(f"edge {u!r}->{v!r}", d.get("count"))
        counts.append(c)
        wdeg[u] += c
        wdeg[v] += c
    n_total, e_total = g.number_of_nodes(), sum(counts)
    limit = top_n
    if limit is None and n_total > max_nodes:
        limit = max_nodes
    if limit is not None and limit < n_total:
        keep = _select_nodes(wdeg, labels, limit)
        notices.append(f"Showing the top {len(keep)} of {n_total} actors by number of events.")
    else:
        keep = list(g.nodes)
    index = {n: i for i, n in enumerate(keep)}
    trimmed = len(keep) < n_total

    # Events, articles and bundling.
    events: list[list[Any]] = []
    articles: list[list[Any]] = []
    article_index: dict[tuple[Any, Any], int] = {}
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (u, v, d), c in zip(raw_edges, counts):
        if u not in index or v not in index:
            continue
        where = f"edge {u!r}->{v!r}"
        url = chk.url(where, "source_url", d.get("source_url"))
        atitle = _text(d.get("article_title"), 300)
        art = None
        if url or atitle:
            art = article_index.setdefault((url, atitle), len(articles))
            if art == len(articles):
                articles.append([url, atitle])
        events.append([
            _text(d.get("label"), 200) or _text(d.get("lemma"), 200) or "related to",
            chk.date(where, d.get("date")),
            _text(d.get("sentence")),
            art,
            chk.cameo(where, d.get("cameo")),
            chk.code(where, "plover", d.get("plover")),
            chk.quad(where, d.get("quad_class")),
            chk.number(where, "goldstein", d.get("goldstein")),
            c,
        ])
        a, b = index[u], index[v]
        key = (a, b) if directed else (min(a, b), max(a, b))
        groups[key].append(len(events) - 1)

    if aggregate is None:
        aggregate = trimmed or len(events) > AUTO_AGGREGATE_EDGES
    bundles: list[tuple[int, int, list[int]]] = []
    for (a, b), evs in groups.items():
        if aggregate or len(evs) > MAX_PARALLEL:
            bundles.append((a, b, evs))
        else:
            bundles.extend((a, b, [e]) for e in evs)

    # Node metrics over the drawn graph.
    n = len(keep)
    pairs = [(a, b) for a, b, _ in bundles]
    weights = [sum(events[e][8] for e in evs) for _, _, evs in bundles]
    import numpy as np
    from geokg.graph.views.layout import force_layout, pagerank

    edge_arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    if size_by == "pagerank":
        score = pagerank(n, edge_arr, np.array(weights, dtype=float)) if n else np.zeros(0)
    else:
        score = np.zeros(n)
        if len(pairs):
            np.add.at(score, edge_arr[:, 0], weights)
            np.add.at(score, edge_arr[:, 1], weights)
    degree = np.zeros(n, dtype=np.int64)
    if len(pairs):
        np.add.at(degree, edge_arr[:, 0], weights)
        np.add.at(degree, edge_arr[:, 1], weights)
    top = float(score.max()) if n and score.max() > 0 else 1.0
    sizes = [14.0] * n if size_by is None else [round(8 + 22 * math.sqrt(s / top), 1) for s in score]

    if physics == "auto":
        mode = "browser" if n <= BROWSER_PHYSICS_MAX_NODES else "layout"
    elif physics in ("browser", True):
        mode = "browser"
    else:
        mode = "layout"
    pos = force_layout(n, edge_arr, seed=seed, time_budget=layout_budget) * _PX_PER_UNIT

    nodes: list[dict[str, Any]] = []
    info: list[list[Any]] = []
    color_counts: Counter[str | None] = Counter()
    kinds_present: Counter[str] = Counter()
    for i, node in enumerate(keep):
        d = g.nodes[node]
        where = f"node {node!r}"
        country = chk.code(where, "country", d.get("country"))
        sector = chk.code(where, "sector", d.get("sector"))
        kind = _text(d.get("kind"), 40)
        kind = kind.lower() if kind else None
        code = country if color_by == "country" else sector
        color_counts[code] += 1
        kinds_present[kind if kind in KIND_SHAPES else "other"] += 1
        label = labels[node]
        short = label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "\u2026"
        nodes.append({
            "id": i, "label": short, "shape": KIND_SHAPES.get(kind or "", "dot"),
            "color": code_color(code), "size": sizes[i],
            "x": round(float(pos[i, 0]), 1), "y": round(float(pos[i, 1]), 1),
        })
        info.append([
            label, kind, country, sector, chk.url(where, "url", d.get("url")),
            _text(d.get("title")), int(degree[i]), _text(str(node), 200),
        ])

    # Edges: colour by dominant QuadClass, width by count, curve offsets for parallels.
    per_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, (a, b, _) in enumerate(bundles):
        per_pair[(min(a, b), max(a, b))].append(k)
    edges: list[dict[str, Any]] = []
    edge_events: list[list[int]] = []
    for k, (a, b, evs) in enumerate(bundles):
        qc: Counter[int | None] = Counter()
        for e in evs:
            if events[e][6] is not None:
                qc[events[e][6]] += events[e][8]
        quad = max(qc, key=lambda q: (qc[q], q)) if qc else None
        total = weights[k]
        edge: dict[str, Any] = {
            "id": k, "from": a, "to": b,
            "color": QUAD_COLORS[quad],
            "width": round(min(12.0, 1.0 + 1.6 * math.log2(total)), 2),
        }
        if a == b:
            same = per_pair[(a, a)]
            edge["selfReference"] = {"size": 18 + 8 * same.index(k), "angle": 0.785}
        else:
            same = per_pair[(min(a, b), max(a, b))]
            smooth = _smooth_for(same.index(k), len(same), reverse=a > b)
            if smooth:
                edge["smooth"] = smooth
        edges.append(edge)
        edge_events.append(evs)

    # Legend and event-type options.
    legend_colors = [
        [code or "unknown", code_color(code), cnt]
        for code, cnt in sorted(color_counts.items(), key=lambda kv: (-kv[1], kv[0] or "~"))
    ]
    plovers: Counter[str] = Counter()
    roots: Counter[str] = Counter()
    for ev in events:
        if ev[5]:
            plovers[ev[5]] += ev[8]
        if ev[4]:
            roots[ev[4][:2]] += ev[8]
    names = cameo_names or {}
    types = {
        "plover": [[p, c] for p, c in sorted(plovers.items())],
        "cameo": [[r, names.get(r, ""), c] for r, c in sorted(roots.items())],
    }
    dates = sorted(ev[1] for ev in events if ev[1])
    if not events and n:
        notices.append("This graph has no events (edges) to draw.")
    payload = {
        "meta": {
            "title": title, "directed": directed, "physics": mode, "colorBy": color_by,
            "sizeBy": size_by, "aggregated": bool(aggregate), "actorsTotal": n_total,
            "eventsTotal": e_total, "eventsShown": sum(weights),
            "dateMin": dates[0] if dates else None, "dateMax": dates[-1] if dates else None,
            "notices": notices,
        },
        "nodes": nodes, "info": info, "edges": edges, "edgeEvents": edge_events,
        "events": events, "articles": articles,
        "legend": {
            "colors": legend_colors,
            "kinds": [[k, KIND_SHAPES.get(k, "dot"), c] for k, c in sorted(kinds_present.items())],
        },
        "quad": [[q, QUAD_NAMES[q], QUAD_COLORS[q]] for q in (1, 2, 3, 4, None)],
        "types": types,
    }
    return ViewData(payload=payload, problems=chk.problems)
