"""Tables of events, actors and mentions read from a store.

Every article's graph repeats the descriptions of the actors it mentions, and
Oxigraph's union default graph keeps one solution per *quad*, so a query that
joins several optional properties multiplies rows by the number of articles
that repeat each one.  These helpers instead ask a few flat ``DISTINCT``
questions and assemble the rows in Python: cost linear in the graph.

Examples
--------
>>> from geokg.graph.store import open_store
>>> event_rows(open_store(None))
[]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geokg.graph.store import GraphStore
from rdflib.term import Node

__all__ = ["parse_span", "span_sentence", "span_parts", "span_relation", "describe", "ActorInfo", "EventRow", "actors_table", "event_rows", "flat_event_row", "EVENT_COLUMNS"]

SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
GK = "https://w3id.org/geokg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"

# The reports of every event: the article graphs that type it (every evidence level) and, in
# each article's graph, its reports: the clause's offsets (gk:span, "start,end") and the sentence
# (levels mention and full; none at level none).  An event reported twice in one article has two
# spans and two sentences there: each span goes with the sentence that holds it (_reports).  Two queries rather than one OPTIONAL: Oxigraph evaluates the
# optional part for every event graph apart (0.31 CPU s on the AG News store against 0.10 for both).
_REPORTING = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT DISTINCT ?event ?article
WHERE { GRAPH ?article { ?event a sem:Event } }
"""

_MENTIONS = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?event ?span ?sentence ?article ?sstart
WHERE {
  GRAPH ?article { ?event a sem:Event ; gk:span ?span }
  ?article schema:text ?content
  BIND (STRAFTER(STRAFTER(?span, ","), ",") AS ?rest)  # from the third field: the sentence's offsets
  BIND (xsd:integer(STRBEFORE(?rest, ",")) AS ?sstart)
  BIND (SUBSTR(?content, ?sstart + 1, xsd:integer(STRBEFORE(CONCAT(STRAFTER(?rest, ","), ","), ",")) - ?sstart) AS ?sentence)
}
"""

_ARTICLES = """
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?article ?p ?o
WHERE { ?article a schema:NewsArticle ; ?p ?o . VALUES ?p { schema:url dct:title dct:issued } }
"""

# QuadClass and Goldstein score of each CAMEO concept (the vocabulary graph): an event's own
# values where its graph states them, else its concept's (levels none and mention leave them
# out where they equal the concept's).
_CONCEPT_SCORES = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
SELECT DISTINCT ?concept ?p ?o
WHERE { ?concept ?p ?o . VALUES ?p { gk:quadClass gk:goldstein } FILTER (STRSTARTS(STR(?concept), "https://w3id.org/geokg/cameo/")) }
"""


def describe(store: GraphStore, cls: str, props: list[str] | None = None) -> dict[str, dict[str, list[Node]]]:
    """Every resource of class ``cls`` with its (distinct) property values.

    Returns ``{iri: {property_iri: [values...]}}``; values are sorted for
    determinism.  The resources are found first (a distinct subquery): joined
    directly, the union graph pairs each graph's type of a resource with every
    graph's statements about it (2.3M solutions for 6,055 distinct ones on the
    AG News store, 1.15 CPU s against 0.07).
    """
    values = ""
    if props:
        values = " VALUES ?p { " + " ".join(f"<{p}>" for p in props) + " }"
    query = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ ?s a <{cls}> }} }} "
             f"?s ?p ?o .{values} }}")
    out: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in store.query(query):
        out[str(s)][str(p)].append(o)
    for props_of in out.values():
        for key in props_of:
            props_of[key] = sorted(set(props_of[key]), key=str)
    return out


def _first(values: list[Node] | None) -> Any:
    if not values:
        return None
    value = values[0]
    py = getattr(value, "toPython", None)
    out = py() if py else value
    return out if isinstance(out, (int, float, date)) else str(out)


def _tail(iri: Any, marker: str) -> str | None:
    return str(iri).split(marker, 1)[-1] if iri is not None else None


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """An actor as the store describes it."""

    iri: str
    label: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventRow:
    """One (event, mention) pair with what is known of the event.

    ``start``/``end`` are the clause's offsets into the article text and
    ``sentence_start`` the sentence's; on a graph written at evidence level
    ``none`` there is one row per (event, reporting article) and ``sentence``,
    ``start``, ``end`` and ``sentence_start`` are ``None``.
    """

    event: str
    source: ActorInfo | None
    target: ActorInfo | None
    relation: str | None
    lemma: str | None
    cameo: str | None
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    date: date | None
    polarity: str | None
    mode: str | None
    sentence: str | None
    start: int | None
    end: int | None
    article: str | None
    url: str | None
    title: str | None
    published: date | None
    extra: dict[str, Any] = field(default_factory=dict)
    sentence_start: int | None = None


#: Columns of the GDELT-style event table (:func:`event_rows` flattened).
EVENT_COLUMNS = [
    "event_id", "date", "source_name", "source_country", "source_sector", "target_name", "target_country",
    "target_sector", "cameo", "cameo_root", "plover", "quad_class", "goldstein", "polarity", "mode",
    "relation", "source_url", "published", "sentence",
]


def actors_table(store: GraphStore) -> dict[str, ActorInfo]:
    """All actors in the store, by IRI."""
    props = [RDFS_LABEL, SKOS_ALT, GK + "actorKind", GK + "countryCode", GK + "sector"]
    out = {}
    for iri, p in describe(store, SEM + "Actor", props).items():
        labels = [str(v) for v in p.get(RDFS_LABEL, [])]
        out[iri] = ActorInfo(
            iri=iri,
            label=labels[0] if labels else iri.rsplit("/", 1)[-1],
            kind=_first(p.get(GK + "actorKind")),
            country=_first(p.get(GK + "countryCode")),
            sector=_first(p.get(GK + "sector")),
            aliases=tuple(sorted(set(labels[1:]) | {str(v) for v in p.get(SKOS_ALT, [])})),
        )
    return out


def _reports(store: GraphStore) -> dict[str, list[tuple]]:
    """``{event IRI: [(sentence, article, start, end, sentence start, relation words), ...]}``,
    ``None`` where unknown.

    One tuple per mention, and one of ``None`` s but the article for each
    article graph that types the event without a mention of it (level none).
    The relation words are the sentence's slice that the span gives, if any.
    """
    out: dict[str, list[tuple]] = defaultdict(list)
    mentioned: set[tuple[Node, Node]] = set()
    for ev, span, sentence, article, sstart in store.query(_MENTIONS):
        if sentence is None:  # a span without its sentence's offsets
            continue
        start, end = parse_span(span)
        sstart, text = int(sstart), str(sentence)
        if sstart <= start and end <= sstart + len(text):  # the report's own sentence
            mentioned.add((ev, article))
            rel = span_relation(span)
            words = text[rel[0] - sstart:rel[1] - sstart] if rel and sstart <= rel[0] < rel[1] <= end else None
            out[str(ev)].append((text, str(article), start, end, sstart, words))
    for ev, article in store.query(_REPORTING):
        if (ev, article) not in mentioned:
            out[str(ev)].append((None, str(article), None, None, None, None))
    return out


def parse_span(value: Any) -> tuple[int, int]:
    """The clause's ``(start, end)`` of a ``gk:span`` value (its first two fields; the sentence's
    follow, :func:`span_sentence`, then those of the relation words, the subject and the object,
    :func:`span_parts`).

    Examples
    --------
    >>> parse_span("4,9,0,12")
    (4, 9)
    >>> parse_span("4,9,0,12,6,8")
    (4, 9)
    """
    start, end = str(value).split(",")[:2]
    return int(start), int(end)


def span_sentence(value: Any) -> tuple[int, int] | None:
    """The sentence's ``(start, end)`` of a ``gk:span`` value (its third and fourth fields),
    ``None`` if it gives none.

    Examples
    --------
    >>> span_sentence("4,9,0,12,6,8"), span_sentence("4,9")
    ((0, 12), None)
    """
    fields = str(value).split(",")[2:4]
    return (int(fields[0]), int(fields[1])) if len(fields) == 2 and all(fields) else None


def span_parts(value: Any) -> tuple[tuple[int, int] | None, ...]:
    """The ``(start, end)`` of the relation words, the subject and the object that a ``gk:span``
    value gives after the clause's and the sentence's offsets; ``None`` for each it does not
    give (an empty pair ``",,"`` or a pair left out at the end).

    Examples
    --------
    >>> span_parts("4,9,0,12,6,8")
    ((6, 8), None, None)
    >>> span_parts("0,18,0,19,,,0,5,14,18")
    (None, (0, 5), (14, 18))
    >>> span_parts("4,9,0,12")
    (None, None, None)
    """
    fields = str(value).split(",")[4:]
    pairs = [fields[i:i + 2] for i in range(0, 6, 2)]
    return tuple((int(p[0]), int(p[1])) if len(p) == 2 and p[0] and p[1] else None for p in pairs)


def span_relation(value: Any) -> tuple[int, int] | None:
    """The relation words' ``(start, end)`` of a ``gk:span`` value, ``None`` if it gives none.

    Examples
    --------
    >>> span_relation("4,9,0,12,6,8"), span_relation("4,9,0,12"), span_relation("4,9,0,12,,,4,5")
    ((6, 8), None, None)
    """
    return span_parts(value)[0]


def _concept_scores(store: GraphStore) -> dict[str, dict[str, list[Node]]]:
    out: dict[str, dict[str, list[Node]]] = defaultdict(dict)
    for concept, p, o in store.query(_CONCEPT_SCORES):
        out[str(concept)][str(p)] = [o]
    return out


def _with_defaults(props: dict[str, list[Node]], concepts: dict[str, dict[str, list[Node]]]) -> dict[str, list[Node]]:
    """An event's properties with what levels none and mention leave out filled in: the declared
    defaults (:data:`~geokg.graph.rdf.evidence.CLAIM_DEFAULTS`), the relation words (its lemma;
    :func:`event_rows` takes them from a report's span where it gives them) and
    the scores of its CAMEO concept."""
    from geokg.graph.rdf.evidence import CLAIM_DEFAULTS
    from rdflib import Literal

    out = dict(props)
    for name, value in CLAIM_DEFAULTS.items():
        out.setdefault(GK + name, [Literal(value)])
    if GK + "relationLemma" in out:
        out.setdefault(GK + "relationText", out[GK + "relationLemma"])
    concept = concepts.get(str(_first(props.get(SEM + "eventType"))), {})
    for name in ("quadClass", "goldstein"):
        if GK + name in concept:
            out.setdefault(GK + name, concept[GK + name])
    return out


def event_rows(store: GraphStore) -> list[EventRow]:
    """One row per (event, mention), sorted by date then event.

    Values a graph leaves out (levels none and mention) are read as the
    ontology declares them: defaults, the relation words from the first
    report's span (:func:`span_relation`) or else the lemma, and the
    CAMEO concept's QuadClass and Goldstein score.
    """
    actors = actors_table(store)
    concepts = _concept_scores(store)
    described = describe(store, SEM + "Event")
    stated = {iri for iri, p in described.items() if GK + "relationText" in p}
    events = {iri: _with_defaults(p, concepts) for iri, p in described.items()}
    articles: dict[str, dict[str, Any]] = defaultdict(dict)
    for a, p, o in store.query(_ARTICLES):
        articles[str(a)][str(p).rsplit("/", 1)[-1]] = _first([o])
    mentions = _reports(store)
    rows = []
    for iri, p in events.items():
        src = p.get(GK + "sourceActor")
        tgt = p.get(GK + "targetActor")
        base = dict(
            event=iri,
            source=actors.get(str(src[0])) if src else None,
            target=actors.get(str(tgt[0])) if tgt else None,
            relation=_first(p.get(GK + "relationText")),
            lemma=_first(p.get(GK + "relationLemma")),
            cameo=_tail(_first(p.get(SEM + "eventType")), "/cameo/"),
            plover=_tail(_first(p.get(GK + "ploverCategory")), "/plover/"),
            quad_class=_first(p.get(GK + "quadClass")),
            goldstein=float(g) if (g := _first(p.get(GK + "goldstein"))) is not None else None,
            date=_first(p.get(SEM + "hasTimeStamp")),
            polarity=_first(p.get(GK + "polarity")),
            mode=_first(p.get(GK + "mode")),
        )
        reports = sorted(mentions.get(iri) or [(None,) * 6], key=str)
        if iri not in stated:  # level mention: the relation words are the first report's slice
            base["relation"] = next((r[5] for r in reports if r[5]), base["relation"])
        for sentence, article, start, end, sstart, _words in reports:
            art = articles.get(article or "", {})
            rows.append(EventRow(
                **base, sentence=sentence, start=start, end=end, article=article,
                url=art.get("url"), title=art.get("title"), published=art.get("issued"), sentence_start=sstart,
            ))
    rows.sort(key=lambda r: (r.date is None, r.date or date.min, r.event, r.start or 0))
    return rows


def flat_event_row(row: EventRow) -> dict[str, Any]:
    """A row of the GDELT-style table (:data:`EVENT_COLUMNS`)."""
    s, t = row.source, row.target
    return {
        "event_id": row.event.rsplit("/", 1)[-1],
        "date": row.date.isoformat() if row.date else None,
        "source_name": s.label if s else None,
        "source_country": s.country if s else None,
        "source_sector": s.sector if s else None,
        "target_name": t.label if t else None,
        "target_country": t.country if t else None,
        "target_sector": t.sector if t else None,
        "cameo": row.cameo,
        "cameo_root": row.cameo[:2] if row.cameo else None,
        "plover": row.plover,
        "quad_class": row.quad_class,
        "goldstein": row.goldstein,
        "polarity": row.polarity,
        "mode": row.mode,
        "relation": row.lemma,
        "source_url": row.url,
        "published": row.published.isoformat() if isinstance(row.published, date) else row.published,
        "sentence": row.sentence,
    }

