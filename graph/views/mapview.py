"""The map view: geocoded events on an offline basemap, as one self-contained HTML page.

Events (with a ``sem:hasPlace`` that has ``wgs84:lat``/``wgs84:long``) are points coloured
by QuadClass and sized by their number of mentions; a time slider, QuadClass check boxes
and an actor/place filter narrow them and hovering shows the event, place, date and
sentence.  The basemap is Natural Earth 1:110m land (public domain) from the vendored
``world-atlas`` TopoJSON (``static/VENDOR.md``), drawn by ``static/geokg-map.js`` on a
``<canvas>`` (equirectangular): no tile server, no network request.  The page has the
graph view's strict Content-Security-Policy (only the hashed inline script runs).

Examples
--------
>>> view = MapView.from_records([{"lat": 50.45, "lon": 30.52, "quad": 4, "mentions": 2,
...     "date": "2025-04-24", "text": "Russia attack Kyiv", "place": "Kyiv"}])
>>> html = view.html()
>>> "geokg-map-canvas" in html and "Kyiv" in html and "http://" not in html.split("<body>")[1]
True
"""

from __future__ import annotations

import html as _html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from geokg.graph.views.graphview import _asset, _json_for_script, _script_safe, _sha256

__all__ = ["MAP_QUERY", "MapEmbed", "MapView", "map_embed", "map_records", "render_map_page"]

_PREFIXES = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
#: The geocoded events (an event reported by k articles is one point).  The other columns
#: come from one-property queries joined in Python: an event's triples stand in every
#: article graph that reports it, and one query with a chain of OPTIONALs over the union
#: graph multiplies those copies (minutes on 1,900 AG News items; seconds this way).
MAP_QUERY = _PREFIXES + """SELECT DISTINCT ?event ?p ?lat ?lon WHERE {
  ?event sem:hasPlace ?p . ?p wgs84:lat ?lat ; wgs84:long ?lon .
  FILTER EXISTS { ?event a sem:Event }
  #@actor
}"""
#: column -> the pattern giving it for ?event (``?v`` is the value).
_EVENT_COLUMNS = {
    # the event's own QuadClass, else its CAMEO concept's (levels none and mention leave out what equals it)
    "quad": "{ ?event gk:quadClass ?v } UNION { ?event sem:eventType ?c . ?c gk:quadClass ?v "
            "FILTER NOT EXISTS { ?event gk:quadClass ?own } }",
    "date": "?event sem:hasTimeStamp ?v",
    "relation": "?event gk:relationLemma ?v", "source_iri": "?event gk:sourceActor ?v",
    "target_iri": "?event gk:targetActor ?v",
    # one value per report: the article graph and the clause's span in it (levels mention and full)
    "mention": "GRAPH ?g { ?event gk:span ?span } BIND (CONCAT(STR(?g), \"#\", ?span) AS ?v)",
}
_LABELS = _PREFIXES + "SELECT DISTINCT ?x ?v WHERE { ?x rdfs:label ?v }"
#: The columns and sentences are read for events with a place only (the others are not drawn).
_PLACED = "?event sem:hasPlace ?place . "
_SENTENCES = _PREFIXES + ("SELECT DISTINCT ?event ?v WHERE { " + _PLACED +
                          "GRAPH ?g { ?event gk:span ?span } ?g schema:text ?text "  # the span's 3rd, 4th fields
                          "BIND (STRAFTER(STRAFTER(?span, \",\"), \",\") AS ?r) "
                          "BIND (xsd:integer(STRBEFORE(?r, \",\")) AS ?s0) "
                          "BIND (SUBSTR(?text, ?s0 + 1, xsd:integer(STRBEFORE(CONCAT(STRAFTER(?r, \",\"), \",\"), \",\")) - ?s0) AS ?v) }")


def _rows(store: Any, query: str) -> list[dict[str, Any]]:
    from geokg.graph.query.sparql import run_query

    return run_query(store, query).to_dicts()


def _pairs(store: Any, query: str, key: str) -> dict[str, list[Any]]:
    """``key`` value -> the ``?v`` values of its rows."""
    out: dict[str, list[Any]] = {}
    for row in _rows(store, query):
        out.setdefault(str(row[key]), []).append(row["v"])
    return out


def _first(values: list[Any] | None) -> Any:
    return min(values, key=str) if values else None


def map_records(store: Any, query: str = MAP_QUERY) -> list[dict[str, Any]]:
    """One record per geocoded event of ``store`` (``query`` selects ?event ?p ?lat ?lon)."""
    places: dict[str, dict[str, Any]] = {}
    for row in sorted(_rows(store, query), key=lambda r: str(r["p"])):
        places.setdefault(str(row["event"]), row)
    columns = {c: _pairs(store, f"{_PREFIXES}SELECT DISTINCT ?event ?v WHERE {{ {_PLACED}{pattern} }}", "event")
               for c, pattern in _EVENT_COLUMNS.items()}
    labels, sentences = _pairs(store, _LABELS, "x"), _pairs(store, _SENTENCES, "event")
    records = []
    for event, row in sorted(places.items()):
        mentions = columns["mention"].get(event, [])
        rec = {"event": event, "lat": row["lat"], "lon": row["lon"], "place": _first(labels.get(str(row["p"]))),
               "mentions": len(set(map(str, mentions))) or 1,
               "sentence": _first(sentences.get(event))}
        rec.update({c: _first(columns[c].get(event)) for c in ("quad", "date", "relation")})
        for side in ("source", "target"):
            iri = _first(columns[f"{side}_iri"].get(event))
            rec[f"{side}_iri"], rec[side] = (str(iri) if iri else None), _first(labels.get(str(iri)))
        records.append(rec)
    return records



@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: _asset("templates", name)),
                              autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@dataclass(frozen=True)
class MapEmbed:
    """The parts another page needs to show a map: ``section`` (controls and canvas, HTML),
    ``scripts`` (the basemap and data blocks and the script, HTML) and ``script_hash``
    (the CSP source of the one inline script)."""

    section: str
    scripts: str
    script_hash: str


def map_embed(payload: Mapping[str, Any], *, title: str = "Map", width: str = "100%") -> MapEmbed:
    """Render the map of ``payload`` (:meth:`MapView.payload`) for embedding in a page
    (the graph view's Map tab, the site's pages); one map per page."""
    from markupsafe import Markup

    app_js, basemap, script_hash = _static()
    section = _env().get_template("map-section.html.j2").render(title=title, width=width)
    scripts = Markup(
        '<script type="application/json" id="geokg-basemap">{}</script>\n'
        '<script type="application/json" id="geokg-map-data">{}</script>\n<script>{}</script>\n'
    ).format(Markup(basemap), Markup(_json_for_script(dict(payload))), Markup(app_js))
    return MapEmbed(section, str(scripts), script_hash)


@lru_cache(maxsize=1)
def _static() -> tuple[str, str, str]:
    """The map script, the basemap as script-safe JSON and the script's CSP hash (read once)."""
    app_js = _script_safe("geokg-map.js", _asset("static", "geokg-map.js"))
    return app_js, _json_for_script(json.loads(_asset("static", "land-110m.json"))), _sha256(app_js)


def render_map_page(payload: Mapping[str, Any], *, title: str = "geokg map", width: str = "1100px") -> str:
    """One HTML page with the basemap, the events ``payload`` and the map script inlined."""
    parts = map_embed(payload, title=title, width=width)
    csp = "; ".join([
        "default-src 'none'", f"script-src {parts.script_hash}", "style-src 'unsafe-inline'", "img-src data:",
        "connect-src 'none'", "font-src 'none'", "media-src 'none'", "object-src 'none'", "frame-src 'none'",
        "worker-src 'none'", "base-uri 'none'", "form-action 'none'",
    ])
    return _env().get_template("map.html.j2").render(title=title, csp=csp, section=parts.section,
                                                     scripts=parts.scripts)


def _text(r: Mapping[str, Any]) -> str:
    parts = [str(r.get(k) or "") for k in ("source", "relation", "target")]
    return r.get("text") or " ".join(p for p in parts if p) or "event"


@dataclass(frozen=True)
class MapView:
    """A map of geocoded events; :meth:`html`, :meth:`save`, and ``_repr_html_`` in notebooks.

    ``events`` are dicts with ``lat``, ``lon`` and optionally ``quad`` (0-4), ``mentions``,
    ``date`` (ISO), ``text`` (or ``source``/``relation``/``target``), ``place``, ``sentence``.
    """

    events: tuple[Mapping[str, Any], ...]
    title: str = "geokg map"
    problems: tuple[str, ...] = field(default=())

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], *, title: str = "geokg map") -> MapView:
        """Keep the records with a valid point; the others are named in :attr:`problems`."""
        good, problems = [], []
        for n, r in enumerate(records):
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, TypeError, ValueError):
                problems.append(f"event {n} ({r.get('event', '?')}): no numeric lat/lon")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                problems.append(f"event {n} ({r.get('event', '?')}): lat/lon {lat}, {lon} outside the globe")
                continue
            good.append({**r, "lat": lat, "lon": lon})
        return cls(tuple(good), title, tuple(problems))

    @classmethod
    def from_store(cls, store: Any, *, actor: str | None = None, title: str = "geokg map") -> MapView:
        """The geocoded events of a store; with ``actor`` (an actor IRI) only its events."""
        query = MAP_QUERY
        if actor is not None:
            if any(c in actor for c in '<>"{}|^`\\ \n'):
                raise ValueError(f"actor IRI {actor!r} is not a valid IRI")
            query = query.replace("#@actor", f"{{ ?event gk:sourceActor <{actor}> }} UNION {{ ?event gk:targetActor <{actor}> }}")
        return cls.from_records(map_records(store, query), title=title)

    def for_actor(self, actor_iri: str, *, title: str | None = None) -> MapView:
        """The events of this view whose source or target is ``actor_iri`` (records from
        :meth:`from_store` carry ``source_iri`` and ``target_iri``)."""
        keep = tuple(e for e in self.events if actor_iri in (e.get("source_iri"), e.get("target_iri")))
        return MapView(keep, title or self.title)

    def payload(self) -> dict[str, Any]:
        """The JSON the page script reads: compact event rows and the sorted distinct days."""
        days = sorted({str(e["date"])[:10] for e in self.events if e.get("date")})
        index = {d: i for i, d in enumerate(days)}
        rows = []
        for e in self.events:
            day = str(e["date"])[:10] if e.get("date") else None
            quad = int(e["quad"]) if e.get("quad") not in (None, "") else 0
            actors = " ".join(str(e.get(k) or "") for k in ("source", "target", "text"))
            rows.append([round(e["lat"], 4), round(e["lon"], 4), quad, int(e.get("mentions") or 1),
                         index.get(day, -1), _text(e), str(e.get("place") or ""), day or "", actors,
                         str(e.get("sentence") or "")[:300]])
        return {"events": rows, "days": days or [""]}

    def embed(self, *, title: str = "Events on the map") -> MapEmbed:
        """The map's parts for another page (the graph view's Map tab)."""
        return map_embed(self.payload(), title=title)

    def html(self) -> str:
        """The page (every script and the basemap inlined)."""
        return render_map_page(self.payload(), title=self.title)

    def save(self, path: str | Path) -> Path:
        """Write :meth:`html` to ``path`` and return it."""
        path = Path(path)
        path.write_text(self.html(), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        """An isolated ``<iframe srcdoc>`` (scripts only, no same-origin access), as GraphView's."""
        srcdoc = _html.escape(self.html(), quote=True).encode("ascii", "xmlcharrefreplace").decode("ascii")
        return (f'<iframe class="geokg-map" srcdoc="{srcdoc}" style="width:100%;height:720px;border:1px solid #d0d7de" '
                f'sandbox="allow-scripts" title="{_html.escape(self.title, quote=True)}"></iframe>')
