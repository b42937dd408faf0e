"""A small static website of a geokg graph that works from ``file://``, offline.

:func:`write_site` writes::

    index.html            counts, a timeline (inline SVG), top actors, dyads, communities,
                          and the interactive graph (graph.html in an iframe)
    graph.html            the full interactive view (:class:`~geokg.graph.views.graphview.GraphView`)
    actors.html events.html   lists of every actor and every event
    actors/<slug>.html    one page per actor: ego network (inline SVG), its events with provenance
    actors/<slug>.graph.html  interactive ego view, for the most active actors only
    events/<slug>.html    one page per event: every mention, the sentence with its span marked

The pages have no script at all (the graph views have only their own, hashed
scripts) and a Content-Security-Policy that forbids loading anything from the
network.  All article text is untrusted: templates are rendered by Jinja2
with autoescaping, and only ``http(s)`` URLs become links.  File names are
deterministic (a slug of the label plus a short hash of the IRI) and links
are relative, so the folder can be moved, zipped or served as it is.

Examples
--------
>>> import tempfile
>>> from geokg.graph.store import open_store
>>> index = write_site(open_store(None), tempfile.mkdtemp(), graph_view=False)
>>> index.name, "No event links two actors yet." in index.read_text(encoding="utf-8")
('index.html', True)
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from geokg.graph.analytics.network import (
    centrality_table,
    communities,
    dyad_balance,
    ego_network,
    event_records,
    timeline,
)
from geokg.graph.analytics.project import actor_graph_from_rows
from geokg.graph.query.tables import event_rows, span_sentence
from geokg.graph.site.model import SiteActor, SiteEvent, SiteModel, build_site_model
from geokg.graph.site.svg import EgoNode, ego_svg, timeline_svg
from geokg.graph.store import GraphStore

__all__ = ["SITE_CSP", "render_site", "sentence_spans", "write_site"]

_SPANS = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
SELECT DISTINCT ?article ?span
WHERE { GRAPH ?article { ?x gk:span ?span } }
"""

#: Content-Security-Policy of the site's pages (``{style}`` is the hash of their stylesheet).
SITE_CSP = ("default-src 'none'; style-src {style}; img-src data:; frame-src 'self' file:; "
            "base-uri 'none'; form-action 'none'; object-src 'none'")
_MAX_ACTOR_EVENTS = 500


def sentence_spans(store: GraphStore) -> dict[str, list[tuple[int, int]]]:
    """Offsets of every sentence a claim's report cites in its article's text, by article IRI.

    Examples
    --------
    >>> from geokg.graph.store import open_store
    >>> sentence_spans(open_store(None))
    {}
    """
    out: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for article, span in store.query(_SPANS):  # a report's span gives its sentence's offsets
        sentence = span_sentence(span)
        if sentence is not None:
            out[str(article)].add(sentence)
    return {k: sorted(v) for k, v in out.items()}


def _template_env() -> Any:
    import jinja2

    folder = files("geokg.graph.site") / "templates"

    def load(name: str) -> str | None:
        if not name.startswith("site_"):
            return None
        path = folder / name
        return path.read_text(encoding="utf-8") if path.is_file() else None

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def _cameo_labels() -> dict[str, str]:
    try:
        from geokg.ingest.coding.cameo import CameoTable

        return {code: c.label for code, c in CameoTable.default().items()}
    except Exception:  # noqa: BLE001 - labels are a nicety; pages work without them
        return {}


class _Writer:
    """Renders pages into ``out`` and remembers what it wrote."""

    def __init__(self, out: Path, title: str, counts: dict[str, Any], has_graph: bool) -> None:
        from markupsafe import Markup

        self.out = out
        self.env = _template_env()
        css = self.env.get_template("site_style.html").render()
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        self.common = {
            "site_title": title, "counts": counts, "has_graph": has_graph, "css": Markup(css),
            "csp": SITE_CSP.format(style=f"'sha256-{digest}'"),
        }
        self.written: list[Path] = []

    def page(self, template: str, rel: str, **context: Any) -> Path:
        path = self.out / rel
        root = "../" * rel.count("/")
        html = self.env.get_template(template).render(**self.common, root=root, **context)
        path.write_text(html, encoding="utf-8")
        self.written.append(path)
        return path


def _dyad_rows(rows: list[Any], actors: dict[str, SiteActor], limit: int) -> list[dict[str, Any]]:
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    for r in dyad_balance(rows, freq="day"):
        key = (r["actor_a"], r["actor_b"])
        d = folded.setdefault(key, {"a": actors.get(r["actor_a"]), "b": actors.get(r["actor_b"]), "events": 0,
                                    "cooperation": 0, "conflict": 0, "_g": [], "first": r["period"],
                                    "last": r["period"]})
        d["events"] += r["events"]
        d["cooperation"] += r["cooperation"]
        d["conflict"] += r["conflict"]
        if r["goldstein"] is not None:
            d["_g"].append((r["goldstein"], r["events"] - r["uncoded"]))
        d["last"] = r["period"]
    out = sorted(folded.values(), key=lambda d: (-d["events"], d["a"].label.lower() if d["a"] else "",
                                                 d["b"].label.lower() if d["b"] else ""))[:limit]
    for d in out:
        weights = d.pop("_g")
        total = sum(w for _, w in weights)
        d["goldstein"] = sum(g * w for g, w in weights) / total if total else None
    return out


def _ego_drawing(g: Any, actor: SiteActor, model: SiteModel, max_nodes: int) -> tuple[str, str | None]:
    """The SVG ego network of ``actor`` and a notice when it was cut."""
    center = EgoNode(actor.iri, actor.label, None, actor.country, len(actor.events), None)
    if actor.iri not in g:
        return ego_svg(center, [], title=f"Ego network of {actor.label}"), None
    per: dict[str, Counter[int | None]] = defaultdict(Counter)
    for u, v, d in [*g.out_edges(actor.iri, data=True), *g.in_edges(actor.iri, data=True)]:
        other = v if u == actor.iri else u
        if other == actor.iri:
            continue
        per[other][d.get("quad_class")] += 1
    ranked = sorted(per, key=lambda n: (-sum(per[n].values()), model.actor_by_iri[n].label.lower(), n))
    notice = None
    if len(ranked) > max_nodes - 1:
        notice = f"Showing the {max_nodes - 1} partners with most events of {len(ranked)}."
        ranked = ranked[: max_nodes - 1]
    partners = []
    for n in ranked:
        info = model.actor_by_iri[n]
        quads = per[n]
        coded = {q: c for q, c in quads.items() if q is not None}
        dominant = max(coded, key=lambda q: (coded[q], q)) if coded else None
        partners.append(EgoNode(n, info.label, f"{info.slug}.html", info.country, sum(quads.values()), dominant))
    keep = set(ranked)
    links: Counter[tuple[str, str]] = Counter()
    for a in ranked:
        for b in g.successors(a):
            if b in keep and b != a:
                links[tuple(sorted((a, b)))] += g.number_of_edges(a, b)
    return ego_svg(center, partners, links=[(a, b, n) for (a, b), n in sorted(links.items())],
                   title=f"Ego network of {actor.label}"), notice


def _clean_stale(folder: Path, keep: set[Path]) -> None:
    for old in folder.glob("*.html"):
        if old not in keep:
            old.unlink()


def render_site(
    rows: Iterable[Any],
    out_dir: str | os.PathLike[str],
    *,
    title: str = "geokg",
    sentence_spans: dict[str, list[tuple[int, int]]] | None = None,
    top_actors: int = 25,
    ego_nodes: int = 40,
    interactive_egos: int = 12,
    graph_view: bool = True,
    seed: int = 0,
    map_view: Any = None,
) -> Path:
    """Write the site for event rows already read; see :func:`write_site`.

    ``map_view`` (a :class:`~geokg.graph.views.mapview.MapView` of the geocoded events) adds
    ``map.html`` to the index and ``actors/<slug>.map.html`` to each actor page with a place.
    """
    rows = list(rows)
    out = Path(out_dir)
    (out / "actors").mkdir(parents=True, exist_ok=True)
    (out / "events").mkdir(parents=True, exist_ok=True)
    model = build_site_model(rows, sentence_spans=sentence_spans)
    g = actor_graph_from_rows(rows)
    records = event_records(rows)
    site = _Site(out=out, title=title, seed=seed, model=model, g=g, table=centrality_table(g, seed=seed),
                 records=records, writer=_Writer(out, title, _site_counts(model, g, records), graph_view),
                 cameo=_cameo_labels())
    has_map = _write_views(site, graph_view=graph_view, map_view=map_view)
    _write_overview(site, rows, top_actors=top_actors, has_map=has_map)
    interactive = {r["actor"] for r in site.table[:interactive_egos]} if graph_view else set()
    for actor in model.actors:
        _write_actor_page(site, actor, ego_nodes=ego_nodes, interactive=actor.iri in interactive,
                          map_view=map_view if has_map else None)
    for e in model.events:
        site.writer.page("site_event.html", f"events/{e.slug}.html", page_title=_event_title(e, model), event=e,
                         src=model.actor_by_iri.get(e.source or ""), tgt=model.actor_by_iri.get(e.target or ""),
                         cameo_label=site.cameo.get(e.cameo or ""))
    keep = set(site.writer.written)
    _clean_stale(out / "actors", keep)
    _clean_stale(out / "events", keep)
    if not graph_view and (out / "graph.html").exists():
        (out / "graph.html").unlink()
    if not has_map and (out / "map.html").exists():
        (out / "map.html").unlink()
    return out / "index.html"


@dataclass
class _Site:
    """One site being written: its data, and the writer that remembers the pages written."""

    out: Path
    title: str
    seed: int
    model: SiteModel
    g: Any
    table: list[dict[str, Any]]
    records: list[dict[str, Any]]
    writer: _Writer
    cameo: dict[str, str]

    @functools.cached_property
    def rank(self) -> dict[str, dict[str, Any]]:
        """Centrality rows by actor IRI."""
        return {r["actor"]: r for r in self.table}

    @functools.cached_property
    def published(self) -> dict[str, bool]:
        """Whether each dated event's date is its article's publication date."""
        return {r["event"]: r["date_is_published"] for r in self.records}


def _site_counts(model: SiteModel, g: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The totals every page's header shows."""
    n_events = len(model.events)
    return {
        "articles": model.articles, "events": n_events, "mentions": model.mentions, "actors": len(model.actors),
        "dyads": len({tuple(sorted((u, v))) for u, v in g.edges() if u != v}),
        "first": min((e.date for e in model.events if e.date), default=None),
        "last": max((e.date for e in model.events if e.date), default=None),
        "dated_by_publication": sum(1 for r in records if r["date_is_published"]),
        "undated": n_events - len(records),
    }


def _save_view(site: _Site, view: Any, rel: str) -> None:
    """Save an interactive page (graph view or map) into the site and note it as written."""
    view.save(site.out / rel)
    site.writer.written.append(site.out / rel)


def _write_views(site: _Site, *, graph_view: bool, map_view: Any) -> bool:
    """Write ``graph.html`` (with ``graph_view``) and ``map.html`` (with geocoded events); whether a map was written."""
    from geokg.graph.views.graphview import GraphView

    if graph_view:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bad attribute values are dropped by the view itself
            view = GraphView.from_networkx(site.g, title=f"{site.title} — actors and events", seed=site.seed)
        _save_view(site, view, "graph.html")
    has_map = map_view is not None and bool(map_view.events)
    if has_map:
        _save_view(site, map_view, "map.html")
    return has_map


def _write_overview(site: _Site, rows: list[Any], *, top_actors: int, has_map: bool) -> None:
    """Write ``index.html`` (timeline, top actors, dyads, communities) and the actor and event lists."""
    model = site.model
    dates = sorted(r["date"] for r in site.records)
    freq = "day" if dates and (dates[-1] - dates[0]).days <= 62 else "month"
    top = [{**r, "page": model.actor_by_iri[r["actor"]]} for r in site.table[:top_actors]]
    comms = []
    for c in communities(site.g, seed=site.seed)[:8]:
        if c.size < 2:
            break
        comms.append({"actors": [model.actor_by_iri[m] for m in c.members[:8]], "more": max(0, c.size - 8),
                      "size": c.size, "events_inside": c.events_inside})
    site.writer.page(
        "site_index.html", "index.html", page_title="Overview",
        timeline_svg=_markup(timeline_svg(timeline(rows, freq=freq), title=f"Events per {freq}")),
        timeline_freq=freq, top_actors=top, more_actors=len(model.actors) > len(top),
        dyads=_dyad_rows(rows, model.actor_by_iri, 12), communities=comms, seed=site.seed, has_map=has_map,
    )
    site.writer.page("site_list.html", "actors.html", page_title="Actors", kind="actors", actors=model.actors,
                     events=[], actor_by_iri=model.actor_by_iri)
    site.writer.page("site_list.html", "events.html", page_title="Events", kind="events", actors=[],
                     events=model.events, actor_by_iri=model.actor_by_iri)


def _write_actor_page(site: _Site, actor: SiteActor, *, ego_nodes: int, interactive: bool, map_view: Any) -> None:
    """Write ``actors/<slug>.html`` with its ego network (and interactive ego view, and map, when asked)."""
    from geokg.graph.views.graphview import GraphView

    svg, notice = _ego_drawing(site.g, actor, site.model, ego_nodes)
    ego_view = None
    if interactive:
        ego = ego_network(site.g, actor.iri, 1, max_nodes=ego_nodes)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            view = GraphView.from_networkx(ego, title=f"{actor.label} — ego network", height="520px",
                                           seed=site.seed, layout_budget=0.5)
        ego_view = f"{actor.slug}.graph.html"
        _save_view(site, view, f"actors/{ego_view}")
    events_notice = None
    if len(actor.events) > _MAX_ACTOR_EVENTS:
        events_notice = f"Showing the first {_MAX_ACTOR_EVENTS} of {len(actor.events)} events (by date)."
    actor_map = map_view.for_actor(actor.iri, title=f"{actor.label} — events on the map") if map_view else None
    map_page = f"{actor.slug}.map.html" if actor_map is not None and actor_map.events else None
    if map_page is not None:
        _save_view(site, actor_map, f"actors/{map_page}")
    site.writer.page("site_actor.html", f"actors/{actor.slug}.html", page_title=actor.label, actor=actor,
                     stats=_actor_stats(site, actor), ego_svg=_markup(svg), ego_notice=notice, ego_view=ego_view,
                     events=_actor_events(site, actor), events_notice=events_notice, map_page=map_page)


def _actor_stats(site: _Site, actor: SiteActor) -> dict[str, Any]:
    """An actor's counts and centrality rank."""
    events = site.model.event_by_iri
    r = site.rank.get(actor.iri)
    return {
        "events": len(actor.events), "as_source": sum(1 for i in actor.events if events[i].source == actor.iri),
        "as_target": sum(1 for i in actor.events if events[i].target == actor.iri),
        "partners": r["partners"] if r else 0, "rank": r["rank"] if r else None, "ranked": len(site.table),
    }


def _actor_events(site: _Site, actor: SiteActor) -> list[dict[str, Any]]:
    """The rows of an actor page's event table (at most :data:`_MAX_ACTOR_EVENTS`)."""
    model, published = site.model, site.published
    events = []
    for iri in actor.events[:_MAX_ACTOR_EVENTS]:
        e = model.event_by_iri[iri]
        is_source = e.source == actor.iri
        other = e.target if is_source else e.source
        first: dict[tuple[Any, Any], Any] = {}
        for m in e.mentions:
            first.setdefault((m.url or m.raw_url, m.title), m)
        sources = list(first.values())
        events.append({
            "event": e, "date": e.first_date, "date_is_published": bool(published.get(iri)) and not e.date,
            "arrow": "→" if is_source and other != actor.iri else ("←" if not is_source else "↻"),
            "counterpart": model.actor_by_iri.get(other) if other and other != actor.iri else None,
            "cameo_label": site.cameo.get(e.cameo or ""), "mention": e.mentions[0], "sources": sources,
        })
    return events


def _event_title(e: SiteEvent, model: SiteModel) -> str:
    src = model.actor_by_iri.get(e.source or "")
    tgt = model.actor_by_iri.get(e.target or "")
    return " ".join(x for x in (src.label if src else "", e.relation, tgt.label if tgt else "") if x)


def _markup(svg: str) -> Any:
    from markupsafe import Markup

    return Markup(svg)  # built by site_svg, which escapes every text it draws


def write_site(
    store: GraphStore,
    out_dir: str | os.PathLike[str],
    *,
    title: str = "geokg",
    top_actors: int = 25,
    ego_nodes: int = 40,
    interactive_egos: int = 12,
    graph_view: bool = True,
    seed: int = 0,
) -> Path:
    """Write the static site of ``store`` into ``out_dir``; return ``index.html``.

    Parameters
    ----------
    store
        Any geokg store.
    out_dir
        Output folder (created).  ``actors/`` and ``events/`` inside it are
        the site's own: stale pages there are removed.
    title : str
        Site title (escaped like everything else).
    top_actors : int
        Rows of the overview's top-actor table.
    ego_nodes : int
        Most actors drawn in an ego network (the centre included).
    interactive_egos : int
        Actors (the most active) whose page also embeds an interactive ego
        view (each is a self-contained ~0.7 MB page; 0 for none).
    graph_view : bool
        Write ``graph.html`` (the full interactive view) and the ego views, and the maps of
        geocoded events (``map.html``, ``actors/<slug>.map.html``).
    seed : int
        Seed of the communities, layouts and sampled betweenness.
    """
    from geokg.graph.views.mapview import MapView

    return render_site(
        event_rows(store), out_dir, title=title, sentence_spans=sentence_spans(store), top_actors=top_actors,
        ego_nodes=ego_nodes, interactive_egos=interactive_egos, graph_view=graph_view, seed=seed,
        map_view=MapView.from_store(store, title=f"{title} — events on the map") if graph_view else None,
    )
