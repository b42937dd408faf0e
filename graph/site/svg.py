"""Inline SVG drawings for the static site, made in Python (no JavaScript).

:func:`timeline_svg` draws events per period stacked by QuadClass;
:func:`ego_svg` draws an actor and its partners on rings, each partner a link
to its page.  Every piece of text is escaped here (the results are inserted
into pages as markup), and links are relative paths built by the caller.

Examples
--------
>>> svg = timeline_svg([{"period": "2025-01", "verbal_cooperation": 2, "material_cooperation": 0,
...                      "verbal_conflict": 1, "material_conflict": 0, "uncoded": 0, "events": 3}])
>>> svg.startswith("<svg") and "2025-01: 3 events" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from geokg.graph.analytics.temporal import QUAD_KEYS
from geokg.graph.views.data import QUAD_COLORS, QUAD_NAMES, code_color

__all__ = ["EgoNode", "ego_svg", "timeline_svg"]

#: (QuadClass, timeline column) in stacking order, from the one QuadClass table.
_QUADS: tuple[tuple[int | None, str], ...] = tuple(QUAD_KEYS.items())
_FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\""


def _e(text: Any) -> str:
    return escape(str(text), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    exp = 10 ** math.floor(math.log10(value))
    return math.ceil(value / exp) * exp


def timeline_svg(rows: Sequence[dict[str, Any]], *, width: int = 1080, height: int = 240, title: str = "Events") -> str:
    """Stacked bars of events per period (rows of :func:`geokg.graph.analytics.network.timeline`).

    Each bar has a native tooltip (``<title>``) with its counts; a legend
    names the QuadClass colours.  An empty input gives a short message.

    Examples
    --------
    >>> "No dated events" in timeline_svg([])
    True
    """
    if not rows:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" role="img" '
                f'aria-label="{_e(title)}"><text x="8" y="24" {_FONT} font-size="13" fill="#57606a">'
                "No dated events to plot.</text></svg>")
    left, right, top, bottom = 40, 10, 12, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max(int(r.get("events", 0)) for r in rows))
    n = len(rows)
    slot = plot_w / n
    bar = max(1.0, min(28.0, slot * 0.78))
    parts = [_svg_open(width, height, title, "gk-timeline")]
    parts.extend(_y_axis(left, width - right, top, plot_h, peak))
    every = max(1, math.ceil(n / max(1, plot_w // 62)))
    for i, r in enumerate(rows):
        x = left + i * slot + (slot - bar) / 2
        parts.extend(_timeline_bar(r, x, bar, top, plot_h, peak))
        if i % every == 0:
            cx = left + i * slot + slot / 2
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14:.1f}" text-anchor="middle" {_FONT} '
                         f'font-size="11" fill="#57606a">{_e(r["period"])}</text>')
    parts.extend(_quad_legend(left, height - 18))
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width: int, height: int, title: str, cls: str) -> str:
    """The opening ``<svg>`` tag and its accessible ``<title>``."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{_e(title)}" class="{cls}"><title>{_e(title)}</title>')


def _y_axis(x1: float, x2: float, top: float, plot_h: float, peak: int) -> list[str]:
    """Grid lines and labels at 0, half and the top of the value axis."""
    parts = []
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        val = peak * frac
        label = f"{val:g}" if val == int(val) else f"{val:.1f}"
        parts.append(f'<line x1="{x1}" x2="{x2}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de" '
                     f'stroke-width="1"/>')
        parts.append(f'<text x="{x1 - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT} font-size="11" '
                     f'fill="#57606a">{_e(label)}</text>')
    return parts


def _timeline_bar(r: dict[str, Any], x: float, bar: float, top: float, plot_h: float, peak: int) -> list[str]:
    """One period's stacked bar (a segment per QuadClass) with its tooltip."""
    y = top + plot_h
    counts = [(q, int(r.get(key, 0))) for q, key in _QUADS]
    total = int(r.get("events", sum(c for _, c in counts)))
    tip = f"{r['period']}: {total} event{'s' if total != 1 else ''}"
    detail = ", ".join(f"{QUAD_NAMES[q].lower()} {c}" for q, c in counts if c)
    parts = [f'<g><title>{_e(tip + (" (" + detail + ")" if detail else ""))}</title>']
    for q, c in counts:
        if not c:
            continue
        h = plot_h * c / peak
        y -= h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                     f'fill="{QUAD_COLORS[q]}"/>')
    if total == 0:
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar:.1f}" height="{plot_h:.1f}" '
                     'fill="transparent"/>')
    parts.append("</g>")
    return parts


def _quad_legend(lx: float, ly: float) -> list[str]:
    """The QuadClass colours, named, in one row from ``(lx, ly)``."""
    parts = []
    for q, _ in _QUADS:
        name = QUAD_NAMES[q]
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="11" height="11" fill="{QUAD_COLORS[q]}"/>')
        parts.append(f'<text x="{lx + 15}" y="{ly + 1}" {_FONT} font-size="11" fill="#24292f">{_e(name)}</text>')
        lx += 22 + 7 * len(name)
    return parts


@dataclass(frozen=True, slots=True)
class EgoNode:
    """A node of :func:`ego_svg`: label, link, country (colour), events with the centre."""

    key: str
    label: str
    href: str | None
    country: str | None
    events: int
    quad: int | None  # dominant QuadClass of its events with the centre


def ego_svg(
    center: EgoNode,
    partners: Sequence[EgoNode],
    *,
    links: Sequence[tuple[str, str, int]] = (),
    width: int = 960,
    height: int = 560,
    title: str = "Ego network",
) -> str:
    """The centre in the middle, partners on one or two rings, each a link.

    Parameters
    ----------
    center : EgoNode
        The actor of the page.
    partners : sequence of EgoNode
        Its partners, most events first (the caller caps their number).
    links : sequence of (key, key, events)
        Events between partners, drawn as thin grey chords.
    width, height : int
        Size of the drawing.
    title : str
        Accessible title.

    Examples
    --------
    >>> c = EgoNode("a", "Alpha", None, "FRA", 3, None)
    >>> p = EgoNode("b", "<b>Beta</b>", "b.html", "DEU", 3, 4)
    >>> svg = ego_svg(c, [p])
    >>> "&lt;b&gt;Beta&lt;/b&gt;" in svg and '<a href="b.html">' in svg and "<b>" not in svg
    True
    """
    cx, cy = width / 2, height / 2
    pos, angles = _ring_positions(center, partners, width, height)
    peak = max([p.events for p in partners] + [1])
    parts = [_svg_open(width, height, title, "gk-ego")]
    for a, b, n in links:
        if a in pos and b in pos and a != b:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#c8ccd1" '
                         f'stroke-width="{min(4.0, 0.8 + 0.5 * n):.1f}" stroke-opacity="0.7"/>')
    for p in partners:
        x, y = pos[p.key]
        w = 1.2 + 5.0 * math.sqrt(p.events / peak)
        parts.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{QUAD_COLORS[p.quad]}" '
                     f'stroke-width="{w:.1f}" stroke-opacity="0.85"><title>{_e(center.label)} \u2014 '
                     f'{_e(p.label)}: {p.events} event{"s" if p.events != 1 else ""}'
                     f' ({_e(QUAD_NAMES[p.quad].lower())} mostly)</title></line>')
    for p in partners:
        parts.append(_ego_node(p, pos[p.key], 6 + 8 * math.sqrt(p.events / peak), angles[p.key]))
    parts.append(_ego_node(center, pos[center.key], 16, None))
    if not partners:
        parts.append(f'<text x="{cx:.1f}" y="{cy + 44:.1f}" text-anchor="middle" {_FONT} font-size="12" '
                     'fill="#57606a">No event with another actor.</text>')
    parts.append("</svg>")
    return "".join(parts)


def _ring_positions(
    center: EgoNode, partners: Sequence[EgoNode], width: int, height: int
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Positions of the centre and of the partners on a ring (two staggered rings above 16), and their angles."""
    cx, cy = width / 2, height / 2
    n = len(partners)
    staggered = n > 16
    rx, ry = width * 0.36, height * 0.36
    pos: dict[str, tuple[float, float]] = {center.key: (cx, cy)}
    angles: dict[str, float] = {}
    for i, p in enumerate(partners):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, n)
        scale = (0.72 if i % 2 else 1.0) if staggered else 1.0
        pos[p.key] = (cx + rx * scale * math.cos(angle), cy + ry * scale * math.sin(angle))
        angles[p.key] = angle
    return pos, angles


def _ego_node(n: EgoNode, at: tuple[float, float], radius: float, angle: float | None) -> str:
    """A node of the ego drawing: circle, label (outwards from the centre, or below it) and tooltip, linked."""
    x, y = at
    bold = angle is None  # the centre
    if angle is None:
        tx, ty, anchor = x, y + radius + 15, "middle"
    else:  # the label goes outwards, away from the centre's lines
        c, s_ = math.cos(angle), math.sin(angle)
        tx, ty = x + (radius + 4) * c, y + (radius + 4) * s_ + 4 + (8 * s_ if abs(c) < 0.35 else 0)
        anchor = "start" if c > 0.35 else ("end" if c < -0.35 else "middle")
    body = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{code_color(n.country)}" '
            f'stroke="#ffffff" stroke-width="2"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" {_FONT} font-size="{13 if bold else 11}" '
            f'font-weight="{600 if bold else 400}" fill="#24292f" paint-order="stroke" stroke="#ffffff" '
            f'stroke-width="3">{_e(_short(n.label, 28))}</text>'
            f"<title>{_e(n.label)}{' (' + _e(n.country) + ')' if n.country else ''}: {n.events} event"
            f"{'s' if n.events != 1 else ''}</title>")
    if n.href:
        return f'<a href="{_e(n.href)}">{body}</a>'
    return f"<g>{body}</g>"
