"""Records -> RDF: every statement derived from an article, in its own graph.

:func:`article_quads` turns one :class:`~geokg.ingest.records.ArticleResult`
into quads whose graph is the article's IRI: the article, its sentences, its
entity mentions and extraction mentions (Web Annotation selectors into the
article text), the claims they evidence (coded ``sem:Event`` s and
``gk:Statement`` s), the actors involved and, with a :class:`RunInfo`, the
``prov:Activity`` that produced them.  Re-ingesting an article replaces
exactly its graph; the union over articles is the dataset.

Output is a pure function of the records: no clock, no blank nodes (every
node gets an IRI derived from stable ids), so the same corpus always gives an
isomorphic dataset.  Bad records raise :class:`RDFWriteError` naming the
article and the record.

Examples
--------
>>> from geokg.ingest.records import Article, ArticleResult, Sentence
>>> art = Article.create(title="Mexico rejects plan", text="", url="https://x.test/a")
>>> res = ArticleResult(article=art, sentences=(Sentence(art.id, 0, 0, 19, "Mexico rejects plan"),))
>>> g = article_graph(res)
>>> g.identifier == article_iri(art.id)
True
>>> sorted(g.objects(sentence_iri(art.id, 0), SCHEMA.text))
[rdflib.term.Literal('Mexico rejects plan')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from geokg.ingest.records import KINDS, MODES, POLARITIES, Actor, Argument, Article, ArticleResult, Event
from geokg.ingest.records import Extraction, Mention
from geokg.graph.rdf_evidence import (
    DCTERMS,
    GK,
    PROV,
    QUOTE_CONTEXT,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    RDFWriteError,
    Triple,
    WriteContext,
    _iri,
    _literal,
    entity_mention_id,
    entity_mention_triples,
    extraction_mention_triples,
    sentence_triples,
)
from geokg.ontology.iris import model_iri, run_iri, software_iri
from geokg.ontology.namespace import (
    XSD,
    actor_iri,
    article_iri,
    bind_prefixes,
    cameo_iri,
    event_iri,
    iri_segment,
    mention_iri,
    place_iri,
    plover_iri,
    publisher_iri,
    sentence_iri,
    statement_iri,
)

__all__ = [
    "RunInfo",
    "RDFWriteError",
    "Quad",
    "Triple",
    "article_triples",
    "article_quads",
    "article_graph",
    "results_dataset",
    "entity_mention_id",
    "QUOTE_CONTEXT",
]

Quad = tuple[Node, Node, Node, URIRef]

_ISO3 = re.compile(r"[A-Z]{3}")
#: schema.org type of each actor kind (other kinds are only ``sem:Actor``).
_SCHEMA_TYPE = {
    "person": SCHEMA.Person,
    "country": SCHEMA.Country,
    **dict.fromkeys(
        ("organisation", "organization", "igo", "ngo", "group", "company", "party"), SCHEMA.Organization
    ),
}


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What produced the graph: model name/version and geokg version.

    The run's IRI is derived from these values only (never from a clock).

    Examples
    --------
    >>> RunInfo("en_core_web_sm", "3.8.0", "0.1.0").iri
    rdflib.term.URIRef('https://w3id.org/geokg/id/run/geokg/0.1.0/en_core_web_sm/3.8.0')
    >>> RunInfo("", "3.8.0", "0.1.0")
    Traceback (most recent call last):
    ...
    ValueError: RunInfo.model must be a non-empty string, got ''
    """

    model: str
    model_version: str
    geokg_version: str

    def __post_init__(self) -> None:
        for name in ("model", "model_version", "geokg_version"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"RunInfo.{name} must be a non-empty string, got {value!r}")

    @property
    def iri(self) -> URIRef:
        """The ``prov:Activity`` IRI of this run."""
        return run_iri(self.model, self.model_version, self.geokg_version)


# --------------------------------------------------------------- literals


def _decimal(value: float, what: str) -> Literal:
    """``value`` as an ``xsd:decimal`` literal with a canonical lexical form."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise RDFWriteError(f"{what} {value!r} is not a number")
    if not math.isfinite(float(value)):
        raise RDFWriteError(f"{what} {value!r} is not finite")
    lexical = format(Decimal(repr(float(value))), "f")
    if "." not in lexical:
        lexical += ".0"
    return Literal(lexical, datatype=XSD.decimal)


def _date(value: date, what: str) -> Literal:
    if not isinstance(value, date):
        raise RDFWriteError(f"{what} {value!r} is not a date")
    day = value.date() if isinstance(value, datetime) else value
    return Literal(day.isoformat(), datatype=XSD.date)


def _context(result: ArticleResult, run: RunInfo | None, sentences: frozenset[int]) -> WriteContext:
    article = result.article
    if not isinstance(article, Article):
        raise RDFWriteError(f"ArticleResult.article {article!r} is not an Article")
    actors: dict[str, Actor] = {}
    for actor in (*result.actors, *(a for e in result.events for a in (e.source, e.target))):
        if actor is not None:
            actors.setdefault(actor.id, actor)
    return WriteContext(
        article=article,
        node=article_iri(article.id),
        run=run.iri if run else None,
        actors=actors,
        sentences=sentences,
    )


# ---------------------------------------------------------------- writers


def _article(ctx: WriteContext) -> Iterator[Triple]:
    a, node = ctx.article, ctx.node
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, DCTERMS.identifier, _literal(a.id)
    yield node, SCHEMA.text, _literal(a.content)
    if a.title:
        yield node, DCTERMS.title, _literal(a.title)
    if a.url:
        yield node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)
    if a.published is not None:
        yield node, DCTERMS.issued, _date(a.published, f"article {a.id!r} published")
    if a.language:
        yield node, DCTERMS.language, _literal(a.language)
    if a.source and a.source.strip():
        publisher = publisher_iri(a.source)
        yield node, DCTERMS.publisher, publisher
        yield publisher, RDF.type, SCHEMA.Organization
        yield publisher, RDFS.label, _literal(a.source.strip())


def _run(ctx: WriteContext, run: RunInfo) -> Iterator[Triple]:
    node, model, software = run.iri, model_iri(run.model, run.model_version), software_iri(run.geokg_version)
    yield node, RDF.type, PROV.Activity
    yield node, RDF.type, GK.ExtractionRun
    yield node, RDFS.label, _literal(f"geokg {run.geokg_version} with {run.model} {run.model_version}")
    yield node, PROV.used, model
    yield node, PROV.used, ctx.node
    yield node, PROV.wasAssociatedWith, software
    yield model, RDF.type, PROV.Entity
    yield model, RDF.type, SCHEMA.SoftwareApplication
    yield model, RDFS.label, _literal(run.model)
    yield model, SCHEMA.softwareVersion, _literal(run.model_version)
    yield software, RDF.type, PROV.SoftwareAgent
    yield software, RDF.type, SCHEMA.SoftwareApplication
    yield software, RDFS.label, _literal("geokg")
    yield software, SCHEMA.softwareVersion, _literal(run.geokg_version)


def _country_stub(code: str) -> Iterator[Triple]:
    """A minimal ``country:CODE`` actor when the records lack one.

    Only for ISO 3166-1 alpha-3 codes pycountry knows (so a CAMEO region code
    such as "AFR" never becomes a country); empty otherwise.
    """
    import pycountry  # local: loads its database lazily

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return
    node = actor_iri(f"country:{code}")
    yield node, RDF.type, SEM.Actor
    yield node, RDF.type, SCHEMA.Country
    yield node, RDFS.label, _literal(country.name)
    yield node, GK.actorKind, _literal("country")
    yield node, GK.countryCode, _literal(code)


def _actor(ctx: WriteContext, actor: Actor) -> Iterator[Triple]:
    if not isinstance(actor.name, str) or not actor.name.strip():
        raise ctx.fail(f"actor {actor.id!r} has no name")
    node = actor_iri(actor.id)
    kind = (actor.kind or "").strip().lower()
    yield node, RDF.type, SEM.Actor
    if kind in _SCHEMA_TYPE:
        yield node, RDF.type, _SCHEMA_TYPE[kind]
    yield node, RDFS.label, _literal(actor.name.strip())
    for alias in actor.aliases:
        if alias and alias.strip() and alias.strip() != actor.name.strip():
            yield node, SKOS.altLabel, _literal(alias.strip())
    if kind:
        yield node, GK.actorKind, _literal(kind)
    if actor.sector:
        yield node, GK.sector, _literal(actor.sector)
    if actor.role:
        yield node, GK.actorRole, _literal(actor.role)
    if actor.country:
        code = actor.country.strip().upper()
        yield node, GK.countryCode, _literal(code)
        if kind != "country" and _ISO3.fullmatch(code):
            country = f"country:{code}"
            stub = [] if country in ctx.actors else list(_country_stub(code))
            if country in ctx.actors or stub:  # link only to a country the graph describes
                yield node, GK.country, actor_iri(country)
                yield from stub


def _attribution_actor(ctx: WriteContext, mentions: Iterable[Mention], arg: Argument) -> str | None:
    """The one known actor named inside the attribution span, if any."""
    inside = {
        m.actor_id
        for m in mentions
        if m.actor_id in ctx.actors and arg.start <= m.start and m.end <= arg.end
    }
    if len(inside) == 1:
        return inside.pop()
    name = arg.name.strip().casefold()
    named = {
        a.id
        for a in ctx.actors.values()
        if name and name in {n.strip().casefold() for n in (a.name, *a.aliases)}
    }
    return named.pop() if len(named) == 1 else None


def _claim(
    ctx: WriteContext, node: URIRef, ext: Extraction, mentions: tuple[Mention, ...]
) -> Iterator[Triple]:
    """What events and statements share: relation, modality, evidence."""
    what = f"extraction {ext.id} ({ext.relation!r})"
    for field, value, allowed in (
        ("polarity", ext.polarity, POLARITIES),
        ("mode", ext.mode, MODES),
        ("kind", ext.kind, KINDS),
    ):
        if value not in allowed:
            raise ctx.fail(f"{what} has {field} {value!r}; expected one of {', '.join(allowed)}")
    confidence = _decimal(ext.confidence, f"{what} confidence")
    if not 0 <= ext.confidence <= 1:
        raise ctx.fail(f"{what} confidence {ext.confidence!r} is not between 0 and 1")
    yield node, GK.hasMention, mention_iri(ext.id)
    yield node, PROV.wasDerivedFrom, ctx.node
    if ctx.run is not None:
        yield node, PROV.wasGeneratedBy, ctx.run
    yield node, GK.extractionKind, _literal(ext.kind)
    yield node, GK.polarity, _literal(ext.polarity)
    yield node, GK.mode, _literal(ext.mode)
    yield node, GK.confidence, confidence
    if ext.relation:
        yield node, GK.relationText, _literal(ext.relation)
    if ext.lemma:
        yield node, GK.relationLemma, _literal(ext.lemma)
    if ext.subject.name:
        yield node, GK.subjectText, _literal(ext.subject.name)
    if ext.object is not None and ext.object.name:
        yield node, GK.objectText, _literal(ext.object.name)
    if ext.attribution is not None:
        yield node, GK.attributionText, _literal(ext.attribution.name)
        source = _attribution_actor(ctx, mentions, ext.attribution)
        if source is not None:
            yield node, SEM.accordingTo, actor_iri(source)


def _role(event: URIRef, actor: Actor, prop: URIRef, role: URIRef, name: str) -> Iterator[Triple]:
    node = actor_iri(actor.id)
    link = URIRef(f"{event}/role/{name}/{iri_segment(actor.id, what='actor id')}")
    yield event, prop, node
    yield event, SEM.hasActor, link
    yield link, RDF.type, SEM.Role
    yield link, RDF.value, node
    yield link, SEM.roleType, role


def _event(ctx: WriteContext, event: Event, mentions: tuple[Mention, ...]) -> Iterator[Triple]:
    node = event_iri(event.id)
    what = f"event {event.id!r}"
    yield node, RDF.type, SEM.Event
    yield node, RDF.type, GK.Event
    yield from _claim(ctx, node, event.extraction, mentions)
    try:
        if event.cameo:
            yield node, SEM.eventType, cameo_iri(event.cameo)
        if event.plover:
            yield node, GK.ploverCategory, plover_iri(event.plover)
    except ValueError as exc:
        raise ctx.fail(f"{what}: {exc}") from None
    if event.plover_mode:
        yield node, GK.ploverMode, _literal(event.plover_mode)
    if event.quad_class is not None:
        if isinstance(event.quad_class, bool) or event.quad_class not in range(5):
            raise ctx.fail(f"{what} quad class {event.quad_class!r} is not 0-4")
        yield node, GK.quadClass, _literal(int(event.quad_class))
    if event.goldstein is not None:
        score = _decimal(event.goldstein, f"{what} Goldstein score")
        if not -10 <= event.goldstein <= 10:
            raise ctx.fail(f"{what} Goldstein score {event.goldstein!r} is outside [-10, 10]")
        yield node, GK.goldstein, score
    if event.source is not None:
        yield from _role(node, event.source, GK.sourceActor, GK.SourceRole, "source")
    if event.target is not None:
        yield from _role(node, event.target, GK.targetActor, GK.TargetRole, "target")
    if event.date is not None:
        yield node, SEM.hasTimeStamp, _date(event.date, f"{what} date")
    if event.date_text:
        yield node, GK.timeText, _literal(event.date_text)
    if event.place and event.place.strip():
        place = place_iri(event.place)
        yield node, SEM.hasPlace, place
        yield place, RDF.type, SEM.Place
        yield place, RDF.type, SCHEMA.Place
        yield place, RDFS.label, _literal(event.place.strip())


def _statement(ctx: WriteContext, ext: Extraction, mentions: tuple[Mention, ...]) -> Iterator[Triple]:
    node = statement_iri(ext.id)
    yield node, RDF.type, GK.Statement
    yield from _claim(ctx, node, ext, mentions)


def _plan(result: ArticleResult) -> tuple[dict[str, Extraction], dict[str, list[URIRef]]]:
    """Distinct extractions by id, and the claims (events or a statement) each evidences."""
    extractions: dict[str, Extraction] = {}
    for ext in (*result.extractions, *(e.extraction for e in result.events)):
        extractions.setdefault(ext.id, ext)
    bodies: dict[str, list[URIRef]] = {ext_id: [] for ext_id in extractions}
    for event in result.events:
        node = event_iri(event.id)
        if node not in bodies[event.extraction.id]:
            bodies[event.extraction.id].append(node)
    for ext_id, claims in bodies.items():
        if not claims:
            claims.append(statement_iri(ext_id))
    return extractions, bodies


def _triples(result: ArticleResult, run: RunInfo | None) -> Iterator[Triple]:
    extractions, bodies = _plan(result)
    known = {s.index for s in result.sentences}
    implied: dict[int, Extraction] = {}
    for ext in extractions.values():
        if ext.sentence not in known:
            implied.setdefault(ext.sentence, ext)
    ctx = _context(result, run, frozenset(known | set(implied)))
    yield from _article(ctx)
    if run is not None:
        yield from _run(ctx, run)
    for sentence in result.sentences:
        ctx.own(sentence.article_id, f"sentence {sentence.index}")
        yield from sentence_triples(ctx, sentence.index, sentence.start, sentence.end)
    for index, ext in sorted(implied.items()):
        yield from sentence_triples(ctx, index, ext.sent_start, ext.sent_end)
    for actor in ctx.actors.values():
        yield from _actor(ctx, actor)
    for mention in result.mentions:
        yield from entity_mention_triples(ctx, mention)
    for ext_id, ext in extractions.items():
        if bodies[ext_id] == [statement_iri(ext_id)]:  # no event was coded from it
            yield from _statement(ctx, ext, result.mentions)
        yield from extraction_mention_triples(ctx, ext, bodies[ext_id])
    for event in result.events:
        yield from _event(ctx, event, result.mentions)


def article_triples(result: ArticleResult, *, run: RunInfo | None = None) -> Iterator[Triple]:
    """Yield every triple derived from ``result`` (may repeat a triple).

    Sentences an extraction points to but ``result.sentences`` lacks are
    written from the extraction's sentence offsets.  Extractions no event was
    coded from become ``gk:Statement`` s.

    Raises
    ------
    RDFWriteError
        When a record does not fit the article (wrong article id, offsets
        outside the text, values outside their allowed sets, ids that cannot
        become IRIs); the message starts with the article id.

    Examples
    --------
    >>> from geokg.ingest.records import Actor, Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/c")
    >>> list(article_triples(ArticleResult(article=art, actors=(Actor(" ", "X", "person"),))))
    Traceback (most recent call last):
    ...
    geokg.graph.rdf_evidence.RDFWriteError: article '69c5f35e8e2ceb5d': empty actor id ' ' cannot be made into an IRI
    """
    try:
        yield from _triples(result, run)
    except RDFWriteError:
        raise
    except ValueError as exc:  # an id or code the IRI helpers refused
        article_id = getattr(getattr(result, "article", None), "id", None)
        raise RDFWriteError(f"article {article_id!r}: {exc}") from exc


def article_quads(result: ArticleResult, *, run: RunInfo | None = None) -> Iterator[Quad]:
    """Yield each distinct triple of ``result`` as a quad in the article's graph.

    The graph name is :func:`~geokg.ontology.iris.article_iri` of the article,
    so a store can replace or drop exactly this article.

    Examples
    --------
    >>> from geokg.ingest.records import Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/b")
    >>> quads = list(article_quads(ArticleResult(article=art)))
    >>> {q[3] for q in quads} == {article_iri(art.id)}
    True
    """
    graph = article_iri(result.article.id)
    seen: set[Triple] = set()
    for triple in article_triples(result, run=run):
        if triple not in seen:
            seen.add(triple)
            yield (*triple, graph)


def article_graph(result: ArticleResult, *, run: RunInfo | None = None) -> Graph:
    """The article's named graph as an rdflib :class:`~rdflib.Graph`.

    Examples
    --------
    >>> from geokg.ingest.records import Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/b")
    >>> len(article_graph(ArticleResult(article=art), run=RunInfo("m", "1", "0.1")))
    19
    """
    graph = bind_prefixes(Graph(identifier=article_iri(result.article.id)))
    for s, p, o, _ in article_quads(result, run=run):
        graph.add((s, p, o))
    return graph


def results_dataset(results: Iterable[ArticleResult], *, run: RunInfo | None = None) -> Dataset:
    """An in-memory :class:`~rdflib.Dataset` with one named graph per article.

    Examples
    --------
    >>> from geokg.ingest.records import Article, ArticleResult
    >>> arts = [Article.create(title=t, text="x", url=f"https://x.test/{t}") for t in "ab"]
    >>> ds = results_dataset(ArticleResult(article=a) for a in arts)
    >>> sorted(str(g.identifier) == str(article_iri(a.id)) for g in ds.graphs() for a in arts).count(True)
    2
    """
    ds = bind_prefixes(Dataset())
    for result in results:
        ds.addN(article_quads(result, run=run))
    return ds
