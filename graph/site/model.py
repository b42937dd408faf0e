"""The pure part of the static site: event rows -> pages' content.

:func:`build_site_model` groups the (event, mention) rows of a store into
actors, events and mentions, gives every actor and event a deterministic file
name (a slug of its label plus a short hash of its IRI) and cuts each mention's
sentence into the text before, inside and after the mention's span so the
page can mark it.  Nothing here writes HTML or touches files; text stays plain
(the templates escape it).

Examples
--------
>>> from datetime import date
>>> from geokg.graph.query.tables import ActorInfo, EventRow
>>> mex = ActorInfo("https://w3id.org/geokg/id/actor/country:MEX", "Mexico", "country", "MEX")
>>> usa = ActorInfo("https://w3id.org/geokg/id/actor/country:USA", "United States", "country", "USA")
>>> row = EventRow("https://w3id.org/geokg/id/event/e1", mex, usa, "rejected", "reject", "120", "REJECT",
...                3, -4.0, date(2025, 3, 4), None, None, "Mexico rejected the US plan.", 110, 137,
...                "urn:art", "https://news.example/a", "Mexico says no", None)
>>> model = build_site_model([row], sentence_spans={"urn:art": [(110, 138)]})
>>> [a.slug for a in model.actors]
['mexico-...', 'united-states-...']
>>> m = model.events[0].mentions[0]
>>> (m.before, m.marked, m.after)
('', 'Mexico rejected the US plan', '.')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geokg.graph.views.data import safe_http_url
from geokg.ontology.schemes import NO_QUAD_CLASS, QUAD_CLASSES

__all__ = [
    "QUAD_LABELS",
    "SiteActor",
    "SiteEvent",
    "SiteMention",
    "SiteModel",
    "build_site_model",
    "page_slug",
    "slugify",
    "split_span",
]

#: Short names of the CAMEO QuadClasses shown in tables.
QUAD_LABELS: dict[int | None, str] = {q: name.lower() for q, name in {**QUAD_CLASSES, None: NO_QUAD_CLASS}.items()}


def slugify(text: str, limit: int = 48) -> str:
    """A lowercase ASCII slug of ``text`` (``"x"`` when nothing is left).

    Examples
    --------
    >>> slugify("Côte d'Ivoire <script>")
    'cote-d-ivoire-script'
    >>> slugify("日本")
    'x'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def page_slug(label: str, key: str) -> str:
    """``slugify(label)`` plus 8 hex digits of the SHA-1 of ``key`` (unique, stable).

    Examples
    --------
    >>> page_slug("Mexico", "https://w3id.org/geokg/id/actor/country:MEX")
    'mexico-3a0d9ecb'
    """
    return f"{slugify(label)}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def split_span(sentence: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    """Cut ``sentence`` at ``[start, end)`` (offsets relative to the sentence).

    An invalid span leaves the whole sentence unmarked.

    Examples
    --------
    >>> split_span("Alpha met Beta.", 0, 14)
    ('', 'Alpha met Beta', '.')
    >>> split_span("Alpha met Beta.", 3, 99)
    ('Alpha met Beta.', '', '')
    """
    if start is None or end is None or not 0 <= start < end <= len(sentence):
        return sentence, "", ""
    return sentence[:start], sentence[start:end], sentence[end:]


@dataclass(frozen=True, slots=True)
class SiteMention:
    """One report of an event: the article and the sentence with its marked span."""

    article: str | None
    title: str | None
    url: str | None  # only an http(s) URL; the raw one stays in ``raw_url``
    raw_url: str | None
    published: str | None
    sentence: str
    before: str
    marked: str
    after: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class SiteEvent:
    """An event page."""

    iri: str
    slug: str
    source: str | None  # actor IRI
    target: str | None
    relation: str
    lemma: str | None
    cameo: str | None
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None
    polarity: str | None
    mode: str | None
    mentions: tuple[SiteMention, ...]

    @property
    def quad_label(self) -> str:
        """Name of the QuadClass."""
        return QUAD_LABELS.get(self.quad_class, QUAD_LABELS[None])

    @property
    def first_date(self) -> str | None:
        """The event date, else the earliest publication date of its articles."""
        if self.date:
            return self.date
        pubs = sorted(m.published for m in self.mentions if m.published)
        return pubs[0] if pubs else None


@dataclass(frozen=True, slots=True)
class SiteActor:
    """An actor page."""

    iri: str
    slug: str
    label: str
    kind: str | None
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    events: tuple[str, ...]  # event IRIs, by date


@dataclass
class SiteModel:
    """Actors and events of the site, with lookups by IRI."""

    actors: list[SiteActor]
    events: list[SiteEvent]
    articles: int
    mentions: int
    actor_by_iri: dict[str, SiteActor] = field(default_factory=dict)
    event_by_iri: dict[str, SiteEvent] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.actor_by_iri = {a.iri: a for a in self.actors}
        self.event_by_iri = {e.iri: e for e in self.events}


def _iso(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def _mention(row: Any, spans: dict[str, list[tuple[int, int]]]) -> SiteMention:
    """A report; its span is marked from the row's own sentence offset, else from ``spans``.

    Rows of a graph written at evidence level ``none`` carry no sentence and no span.
    """
    sentence = row.sentence or ""
    rel_start = rel_end = None
    s0 = getattr(row, "sentence_start", None)
    if sentence and s0 is not None and row.start is not None and row.end is not None:
        spans = {row.article or "": [(s0, s0 + len(sentence))]}
    if sentence and row.start is not None and row.end is not None:
        for s_start, s_end in spans.get(row.article or "", ()):
            if s_start <= row.start and row.end <= s_end and s_end - s_start == len(sentence):
                rel_start, rel_end = row.start - s_start, row.end - s_start
                break
    before, marked, after = split_span(sentence, rel_start, rel_end)
    return SiteMention(
        article=row.article, title=row.title, url=safe_http_url(row.url), raw_url=row.url,
        published=_iso(row.published), sentence=sentence, before=before, marked=marked, after=after,
        start=row.start, end=row.end,
    )


def build_site_model(rows: Any, *, sentence_spans: dict[str, list[tuple[int, int]]] | None = None) -> SiteModel:
    """Group event rows into the site's actors and events.

    Parameters
    ----------
    rows
        :class:`~geokg.graph.query.tables.EventRow` objects (one per mention).
    sentence_spans
        ``{article IRI: [(start, end), ...]}`` offsets of the sentences in
        the article text; each mention's span is made relative to the
        sentence that contains it.  Without it nothing is marked.

    Returns
    -------
    SiteModel
        Actors sorted by label, events by date (undated last) then IRI.
    """
    spans = sentence_spans or {}
    by_event: dict[str, list[Any]] = defaultdict(list)
    infos: dict[str, Any] = {}
    for row in rows:
        by_event[row.event].append(row)
        for actor in (row.source, row.target):
            if actor is not None:
                infos.setdefault(actor.iri, actor)
    events = []
    for iri, ev_rows in by_event.items():
        first = ev_rows[0]
        mentions = tuple(_mention(r, spans) for r in ev_rows)
        src, tgt = first.source, first.target
        name = " ".join(x for x in (src.label if src else "", first.lemma or first.relation or "event",
                                    tgt.label if tgt else "") if x)
        events.append(SiteEvent(
            iri=iri, slug=page_slug(name, iri), source=src.iri if src else None, target=tgt.iri if tgt else None,
            relation=first.relation or first.lemma or "related to", lemma=first.lemma, cameo=first.cameo,
            plover=first.plover, quad_class=first.quad_class, goldstein=first.goldstein, date=_iso(first.date),
            polarity=first.polarity, mode=first.mode, mentions=mentions,
        ))
    events.sort(key=lambda e: (e.first_date is None, e.first_date or "", e.iri))
    per_actor: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for a in {e.source, e.target} - {None}:
            per_actor[a].append(e.iri)
    actors = sorted(
        (SiteActor(iri=iri, slug=page_slug(a.label, iri), label=a.label, kind=a.kind, country=a.country,
                   sector=a.sector, aliases=tuple(a.aliases), events=tuple(per_actor[iri]))
         for iri, a in infos.items()),
        key=lambda a: (a.label.lower(), a.iri),
    )
    articles = {r.article for rs in by_event.values() for r in rs if r.article}
    return SiteModel(
        actors=actors, events=events, articles=len(articles), mentions=sum(len(rs) for rs in by_event.values()),
    )
