"""Time series of geokg events: timelines and the cooperation–conflict balance of dyads.

Input is an actor graph (:func:`geokg.graph.analytics.project.actor_graph`) or event
rows (:func:`geokg.graph.query.tables.event_rows`); output is tidy rows (lists of
dicts), one per period (and dyad), which :func:`to_dataframe` turns into a
pandas ``DataFrame`` when pandas is installed.  Re-exported by
:mod:`geokg.graph.analytics.network`.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> _ = g.add_edge("a", "b", date="2025-01-02", quad_class=4, goldstein=-10.0)
>>> [(r["period"], r["material_conflict"]) for r in timeline(g, freq="year")]
[('2025', 1)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from geokg.ontology.schemes import NO_QUAD_CLASS, QUAD_CLASSES

__all__ = ["QUAD_KEYS", "dyad_balance", "event_records", "timeline", "to_dataframe"]

#: Column names of the four CAMEO QuadClasses (index = QuadClass) and uncoded events.
#: Derived from :data:`geokg.ontology.schemes.QUAD_CLASSES` ("Verbal cooperation" -> "verbal_cooperation").
QUAD_KEYS: dict[int | None, str] = {
    q: name.lower().replace(" ", "_") for q, name in {**QUAD_CLASSES, None: NO_QUAD_CLASS}.items()
}


def _label(g: Any, node: Any) -> str:
    return str(g.nodes[node].get("label") or node)


def _count(d: dict[str, Any]) -> int:
    c = d.get("count", 1)
    return c if isinstance(c, int) and not isinstance(c, bool) and c > 0 else 1


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def event_records(data: Any, *, undated: str = "published", unique: bool = True) -> list[dict[str, Any]]:
    """Normalise events for the time series: one dict per event.

    Parameters
    ----------
    data
        An actor graph (its edges; ``source``/``target`` are the nodes) or
        an iterable of :class:`~geokg.graph.query.tables.EventRow` (events with one
        actor only are kept, with ``None`` for the other).
    undated : {"published", "drop"}
        What to do with an event without a date: use its article's
        publication date (``published`` attribute or field) when there is
        one, or drop it.
    unique : bool
        Count each event once even when several articles report it (rows
        and actor-graph edges carry one entry per mention).

    Returns
    -------
    list of dict
        ``event, source, target, source_label, target_label, date,
        date_is_published, quad_class, goldstein, count``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", event="e1", date="2025-01-02", quad_class=1)
    >>> _ = g.add_edge("a", "b", event="e1", date="2025-01-02", quad_class=1)
    >>> _ = g.add_edge("b", "a", event="e2", date=None, published="2025-02-01", quad_class=4)
    >>> [(r["event"], r["date"].isoformat(), r["date_is_published"]) for r in event_records(g)]
    [('e1', '2025-01-02', False), ('e2', '2025-02-01', True)]
    >>> len(event_records(g, undated="drop", unique=False))
    2
    """
    if undated not in ("published", "drop"):
        raise ValueError(f"undated must be 'published' or 'drop'; got {undated!r}")
    out, seen = [], set()
    for r in _raw_records(data):
        if unique and r["event"] is not None:
            if r["event"] in seen:
                continue
            seen.add(r["event"])
        when = _as_date(r["date"])
        from_pub = False
        if when is None and undated == "published":
            when = _as_date(r.pop("published"))
            from_pub = when is not None
        r.pop("published", None)
        if when is None:
            continue
        quad = r["quad_class"]
        r.update(date=when, date_is_published=from_pub, quad_class=quad if quad in (1, 2, 3, 4) else None)
        out.append(r)
    return out


def _raw_records(data: Any) -> list[dict[str, Any]]:
    """One dict per actor-graph edge or event row, before dates are checked (see :func:`event_records`)."""
    import networkx as nx

    if isinstance(data, nx.Graph):
        return [{
            "event": d.get("event"), "source": u, "target": v,
            "source_label": _label(data, u), "target_label": _label(data, v),
            "date": d.get("date"), "published": d.get("published"),
            "quad_class": d.get("quad_class"), "goldstein": d.get("goldstein"), "count": _count(d),
        } for u, v, d in data.edges(data=True)]
    if not isinstance(data, Iterable) or isinstance(data, (str, bytes)):
        raise TypeError(f"data must be a networkx graph or an iterable of event rows, got {type(data).__name__}")
    raw = []
    for row in data:
        s, t = getattr(row, "source", None), getattr(row, "target", None)
        raw.append({
            "event": row.event, "source": s.iri if s else None, "target": t.iri if t else None,
            "source_label": s.label if s else None, "target_label": t.label if t else None,
            "date": row.date, "published": row.published,
            "quad_class": row.quad_class, "goldstein": row.goldstein, "count": 1,
        })
    return raw


def _period(d: date, freq: str) -> str:
    if freq == "day":
        return d.isoformat()
    if freq == "month":
        return d.isoformat()[:7]
    return str(d.year)


def _periods(first: date, last: date, freq: str) -> list[str]:
    from datetime import timedelta

    if freq == "day":
        return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    if freq == "month":
        out, y, m = [], first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    return [str(y) for y in range(first.year, last.year + 1)]


def _check_freq(freq: str) -> None:
    if freq not in ("day", "month", "year"):
        raise ValueError(f"freq must be 'day', 'month' or 'year'; got {freq!r}")


def _bin_row(records: list[dict[str, Any]]) -> dict[str, Any]:
    quads: Counter[int | None] = Counter()
    golds = []
    for r in records:
        quads[r["quad_class"]] += r["count"]
        if r["goldstein"] is not None:
            golds.extend([float(r["goldstein"])] * r["count"])
    coop, conflict = quads[1] + quads[2], quads[3] + quads[4]
    return {
        "events": sum(quads.values()),
        **{QUAD_KEYS[q]: quads[q] for q in (1, 2, 3, 4, None)},
        "cooperation": coop,
        "conflict": conflict,
        "goldstein": round(sum(golds) / len(golds), 3) if golds else None,
        "balance": round((coop - conflict) / (coop + conflict), 3) if coop + conflict else None,
    }


def timeline(data: Any, *, freq: str = "month", undated: str = "published", fill: bool = True) -> list[dict[str, Any]]:
    """Events per day, month or year, by QuadClass, with the mean Goldstein score.

    Parameters
    ----------
    data
        An actor graph or event rows (see :func:`event_records`).
    freq : {"day", "month", "year"}
        Bin size; periods are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    undated : {"published", "drop"}
        See :func:`event_records`.
    fill : bool
        Include empty periods between the first and the last.

    Returns
    -------
    list of dict
        ``period, events, verbal_cooperation, material_cooperation,
        verbal_conflict, material_conflict, uncoded, cooperation, conflict,
        goldstein, balance`` (``balance`` = (cooperation - conflict) /
        (cooperation + conflict)), by period.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", date="2025-01-02", quad_class=1, goldstein=3.0)
    >>> _ = g.add_edge("a", "b", date="2025-03-09", quad_class=4, goldstein=-10.0)
    >>> [(r["period"], r["events"], r["material_conflict"], r["goldstein"]) for r in timeline(g)]
    [('2025-01', 1, 0, 3.0), ('2025-02', 0, 0, None), ('2025-03', 1, 1, -10.0)]
    """
    _check_freq(freq)
    records = event_records(data, undated=undated)
    bins: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        bins[_period(r["date"], freq)].append(r)
    if not bins:
        return []
    if fill:
        dates = [r["date"] for r in records]
        keys = _periods(min(dates), max(dates), freq)
    else:
        keys = sorted(bins)
    return [{"period": k, **_bin_row(bins.get(k, []))} for k in keys]


def dyad_balance(
    data: Any,
    *,
    freq: str = "month",
    directed: bool = False,
    undated: str = "published",
    min_events: int = 1,
) -> list[dict[str, Any]]:
    """The cooperation–conflict balance of each dyad over time.

    Parameters
    ----------
    data
        An actor graph or event rows (see :func:`event_records`); events
        with a single actor are left out.
    freq : {"day", "month", "year"}
        Bin size.
    directed : bool
        ``False`` (default) merges A→B and B→A into one dyad whose
        ``actor_a`` sorts first by IRI; ``True`` keeps directions
        (``actor_a`` is the source).
    undated : {"published", "drop"}
        See :func:`event_records`.
    min_events : int
        Leave out dyads with fewer events over the whole period.

    Returns
    -------
    list of dict
        One tidy row per (dyad, period) with events: ``actor_a, actor_b,
        label_a, label_b, period, events``, the QuadClass counts,
        ``cooperation, conflict, goldstein`` (mean) and ``balance``.
        Sorted by the dyad's total events (most first), labels, period.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("mex", {"label": "Mexico"}), ("usa", {"label": "United States"})])
    >>> _ = g.add_edge("usa", "mex", date="2025-02-01", quad_class=4, goldstein=-8.0)
    >>> _ = g.add_edge("mex", "usa", date="2025-02-20", quad_class=1, goldstein=3.0)
    >>> _ = g.add_edge("mex", "usa", date="2025-03-02", quad_class=2, goldstein=6.0)
    >>> [(r["label_a"], r["label_b"], r["period"], r["cooperation"], r["conflict"], r["goldstein"], r["balance"])
    ...  for r in dyad_balance(g)]
    [('Mexico', 'United States', '2025-02', 1, 1, -2.5, 0.0), ('Mexico', 'United States', '2025-03', 1, 0, 6.0, 1.0)]
    >>> [(r["label_a"], r["period"]) for r in dyad_balance(g, directed=True)]
    [('Mexico', '2025-02'), ('Mexico', '2025-03'), ('United States', '2025-02')]
    """
    _check_freq(freq)
    groups, labels = _dyad_bins(event_records(data, undated=undated), freq, directed)
    totals = {pair: sum(x["count"] for rs in bins.values() for x in rs) for pair, bins in groups.items()}
    order = sorted(
        (p for p in groups if totals[p] >= min_events),
        key=lambda p: (-totals[p], labels[p[0]].lower(), labels[p[1]].lower(), str(p)),
    )
    return [
        {"actor_a": a, "actor_b": b, "label_a": labels[a], "label_b": labels[b], "period": k,
         **_bin_row(groups[(a, b)][k])}
        for a, b in order for k in sorted(groups[(a, b)])
    ]


def _dyad_bins(
    records: list[dict[str, Any]], freq: str, directed: bool
) -> tuple[dict[tuple[Any, Any], dict[str, list[dict[str, Any]]]], dict[Any, str]]:
    """Event records by dyad and period (two-actor events only), and the actors' labels."""
    groups: dict[tuple[Any, Any], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[Any, str] = {}
    for r in records:
        if r["source"] is None or r["target"] is None:
            continue
        labels[r["source"]] = r["source_label"] or str(r["source"])
        labels[r["target"]] = r["target_label"] or str(r["target"])
        pair = (r["source"], r["target"])
        if not directed and str(pair[1]) < str(pair[0]):
            pair = (pair[1], pair[0])
        groups[pair][_period(r["date"], freq)].append(r)
    return groups, labels


def to_dataframe(rows: list[dict[str, Any]]) -> Any:
    """Tidy rows as a pandas ``DataFrame`` (pandas is optional).

    Raises
    ------
    ImportError
        When pandas is not installed (the rows stay usable as they are).
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas (pip install pandas); the rows are plain dicts") from None
    return pd.DataFrame(rows)
