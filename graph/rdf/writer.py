"""Records -> RDF: every statement derived from an article, in its own graph.

:func:`article_quads` turns one :class:`~geokg.ingest.records.ArticleResult`
into quads whose graph is the article's IRI: the article, its sentences, its
entity mentions and extraction mentions (Web Annotation selectors into the
article text), the claims they evidence (coded ``sem:Event`` s and
``gk:Statement`` s), the actors involved and, with a :class:`RunInfo`, the
``prov:Activity`` that produced them.  Re-ingesting an article replaces
exactly its graph; the union over articles is the dataset.  The descriptions
of the places and publishers it names, and each actor's label, kind and
sector, go to a graph named by that node instead
(:func:`description_graph`): every article naming an actor writes the same
triples, and a store keeps one copy instead of one per article graph (7% of
the quads on AG News items and generated articles;
``benchmarks/bench_bytes.py``).

How much evidence is written is the evidence level (``evidence=`` or
``RunInfo.evidence``; recorded on the run as ``gk:evidenceLevel``):

``none``
    The article, its claims (coded events, statements: relation, polarity,
    mode, confidence, kind, subject/object/attribution text, codes, actors,
    date, place), the actors and ``<run> prov:used <article>``.
``mention`` (default)
    Also, per report of a claim, on the claim itself: ``gk:span`` (the
    report's offsets into the article text as one value: the clause's
    ``"start,end"``, the sentence's ``",start,end"``, then those of the
    relation words, the subject and the object where they are a slice of the
    text); no mention node and no sentence node (a sentence's text is the
    article text's slice its offsets give).
``full``
    Also a ``gk:Mention`` per report (``gk:hasMention``), in Web Annotation
    form (``oa:hasTarget``, quote and position selectors, ``oa:hasBody``),
    its ``gk:Argument`` spans (role,
    head lemma, preposition, coreference, NER label), the entity mentions,
    every sentence (its text, offsets, ``dct:isPartOf`` and ``gk:sentenceIndex``;
    each report's ``gk:inSentence`` names it),
    the article's ``dct:identifier``, SEM role nodes,
    ``prov:wasDerivedFrom``/``prov:wasGeneratedBy`` on each claim, a second
    type where the ontology implies it (``gk:Event``, the schema.org type of
    actors, ``schema:Place``) and every value below.

Levels ``none`` and ``mention`` leave out what a reader can derive:

* a claim's ``gk:polarity``, ``gk:mode``, ``gk:extractionKind`` and
  ``gk:confidence`` when they equal the declared default
  (:data:`~geokg.graph.rdf.evidence.CLAIM_DEFAULTS`, ``sh:defaultValue`` in
  ``ontology/shapes.ttl``);
* an event's ``gk:quadClass`` and ``gk:goldstein`` when its CAMEO concept
  (``ontology/cameo.ttl``, the store's vocabulary graph) states the same
  (:func:`cameo_scores`), and ``gk:relationText`` when it equals
  ``gk:relationLemma`` or (level ``mention``) when ``gk:span`` gives its
  offsets in the claim's sentence (:func:`~geokg.graph.rdf.evidence.relation_in_text`),
  and likewise ``gk:subjectText`` and ``gk:objectText`` at level ``mention``
  (:func:`~geokg.graph.rdf.evidence.argument_in_text`; a coreference
  resolution, "Claudia Sheinbaum" for "She", is always written);
* ``prov:wasDerivedFrom`` (the claim's graph is its article), a sentence's
  ``dct:isPartOf`` (so is its graph) and the article's ``dct:identifier``
  (the last segment of its IRI).

Each node gets one ``rdf:type`` (events ``sem:Event``, actors ``sem:Actor``
with ``gk:actorKind``, places ``sem:Place``).  The run's description (type,
label, model, software, level) is not in the article graphs: :func:`run_quads`
gives it as its own graph, which a build writes once per store.

What reads level ``mention`` reads ``full`` (a superset); level ``none`` has no
sentence or span to show.

Output is a pure function of the records: no clock, no blank nodes (every
node gets an IRI derived from stable ids), so the same corpus always gives an
isomorphic dataset.  Bad records raise :class:`RDFWriteError` naming the
article and the record.

Examples
--------
>>> from geokg.ingest.records import Article, ArticleResult, Sentence
>>> art = Article.create(title="Mexico rejects plan", text="", url="https://x.test/a")
>>> res = ArticleResult(article=art, sentences=(Sentence(art.id, 0, 0, 19, "Mexico rejects plan"),))
>>> g = article_graph(res, evidence="full")  # level mention writes no sentence triples
>>> g.identifier == article_iri(art.id)
True
>>> from geokg.ontology.namespace import SCHEMA as schema
>>> sorted(g.objects(sentence_iri(art.id, 0), schema.text))
[rdflib.term.Literal('Mexico rejects plan')]
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

from geokg.graph.rdf.evidence import (
    _INTEGER,
    CLAIM_DEFAULTS,
    DEFAULT_EVIDENCE,
    DCTERMS,
    GK,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    RDFWriteError,
    Term,
    Triple,
    WriteContext,
    _iri,
    _literal,
    argument_in_text,
    check_evidence,
    check_records,
    compact_mention_triples,
    entity_mention_id,
    entity_mention_triples,
    extraction_mention_triples,
    nt_literal,
    nt_term,
    relation_in_text,
    sentence_triples,
)
from geokg.graph.rdf.places import event_place_triples
from geokg.ingest.records import (
    KINDS,
    MODES,
    POLARITIES,
    Actor,
    Argument,
    Article,
    ArticleResult,
    Event,
    Extraction,
    Mention,
)
from geokg.ontology.iris import model_iri, run_iri, software_iri
from geokg.ontology.namespace import (
    ID,
    XSD,
    actor_iri,
    article_iri,
    bind_prefixes,
    cameo_iri,
    event_iri,
    iri_segment,
    mention_iri,
    plover_iri,
    publisher_iri,
    sentence_iri,
    statement_iri,
)
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

__all__ = [
    "RunInfo",
    "RDFWriteError",
    "Quad",
    "Triple",
    "NodeTriple",
    "article_triples",
    "article_quads",
    "article_nquads",
    "article_graph",
    "results_dataset",
    "run_quads",
    "cameo_scores",
    "entity_mention_id",
    "DESCRIBED_BASES",
    "description_graph",
]

Quad = tuple[Node, Node, Node, URIRef]
#: A triple of rdflib terms (what :func:`article_triples` yields).
NodeTriple = tuple[Node, Node, Node]

_ISO3 = re.compile(r"[A-Z]{3}")
#: IRI bases of the nodes whose description (the triples with the node as subject) is written in a
#: graph of its own, named by the node, instead of in every article graph that names it.
DESCRIBED_BASES = tuple(f"{ID}{kind}/" for kind in ("actor", "place", "publisher"))
_DESCRIBED = tuple(f"<{base}" for base in DESCRIBED_BASES)
_ACTOR, _COUNTRY = f"<{ID}actor/", f"<{ID}actor/country:"
#: What an article's coding says about an actor in its context (names it used, role; the country of an
#: actor that is not a country): this stays in the article graph, where it can differ between articles.
#: The actor's ``rdf:type`` is in its description, and in an article graph only where nothing else
#: there names the actor (:func:`_placed`).
_IN_CONTEXT = frozenset((SKOS.altLabel, GK.actorRole))
_CODED_COUNTRY = frozenset((GK.countryCode, GK.country))
_TYPE = RDF.type
_ALT = SKOS.altLabel


def _words(result: ArticleResult) -> str:
    """The article's title and content with each run of whitespace as one space (as names are written)."""
    article = result.article
    return " ".join(f"{article.title or ''}\n{article.content}".split())


def _placed(triples: Iterable[Triple], words: str | None = None) -> Iterator[tuple[Triple, bool]]:
    """Each distinct triple with whether it goes to its subject's description graph (else to the article's).

    An actor's ``rdf:type`` goes to its description, and to the article graph as well when no other
    triple there names the actor (as object, or as the subject of what the article says about it):
    every actor an article names stays named by it (:func:`~geokg.graph.store.drop_unused_descriptions`)
    without a type quad per article and actor.  An actor's ``skos:altLabel`` stays in the article
    graph when ``words`` (the article's text, :func:`_words`) holds it -- a name the article used --
    and goes to its description otherwise: a dictionary's other names for it ("United Mexican
    States"), the same for every article.
    """
    seen: set[Triple] = set()
    named: set[Term] = set()  # the actors the article graph names
    typed: list[Triple] = []
    for triple in triples:
        if triple in seen:
            continue
        seen.add(triple)
        s, p, o = triple
        if s.startswith(_DESCRIBED) and (_described(s, p) or (
                p == _ALT and words is not None and str(nt_term(o)) not in words)):
            if p == _TYPE and s.startswith(_ACTOR):
                typed.append(triple)
            yield triple, True
        else:
            if o.startswith(_ACTOR):
                named.add(o)
            if s.startswith(_ACTOR):
                named.add(s)
            yield triple, False
    for triple in typed:
        if triple[0] not in named:
            yield triple, False


def _described(s: Term, p: Term) -> bool:
    """Whether triple ``(s, p, _)`` goes to the graph named by ``s`` (its description) rather than the article's."""
    if not s.startswith(_DESCRIBED):
        return False
    if not s.startswith(_ACTOR):
        return True  # places and publishers: gazetteer or name only, the same in every article
    return p not in _IN_CONTEXT and (p not in _CODED_COUNTRY or s.startswith(_COUNTRY))
#: :data:`~geokg.graph.rdf.evidence.CLAIM_DEFAULTS` as (property, value) terms in N-Triples syntax.
_DEFAULT_TERMS = MappingProxyType({
    GK.polarity: _literal(CLAIM_DEFAULTS["polarity"]), GK.mode: _literal(CLAIM_DEFAULTS["mode"]),
    GK.extractionKind: _literal(CLAIM_DEFAULTS["extractionKind"]),
    GK.confidence: nt_literal(str(CLAIM_DEFAULTS["confidence"]), XSD.decimal),
})
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
    """What produced the graph: model name/version, geokg version and evidence level.

    The run's IRI is derived from the versions only (never from a clock);
    ``evidence`` (one of ``none``, ``mention``, ``full``; see
    :func:`~geokg.graph.rdf.evidence.check_evidence`) decides how much
    textual evidence the writer emits and is recorded on the run
    (``gk:evidenceLevel``).

    Examples
    --------
    >>> RunInfo("en_core_web_sm", "3.8.0", "0.1.0").iri
    rdflib.term.URIRef('https://w3id.org/geokg/id/run/geokg/0.1.0/en_core_web_sm/3.8.0/mention')
    >>> RunInfo("", "3.8.0", "0.1.0")
    Traceback (most recent call last):
    ...
    ValueError: RunInfo.model must be a non-empty string, got ''
    >>> RunInfo("m", "1", "0.1", evidence="all")
    Traceback (most recent call last):
    ...
    ValueError: evidence level 'all' is not one of none, mention, full
    """

    model: str
    model_version: str
    geokg_version: str
    evidence: str = DEFAULT_EVIDENCE

    def __post_init__(self) -> None:
        for name in ("model", "model_version", "geokg_version"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"RunInfo.{name} must be a non-empty string, got {value!r}")
        check_evidence(self.evidence)

    @property
    def iri(self) -> URIRef:
        """The ``prov:Activity`` IRI of this run: the versions, then the evidence level."""
        return URIRef(f"{run_iri(self.model, self.model_version, self.geokg_version)}/{self.evidence}")

    @property
    def graph(self) -> URIRef:
        """The named graph that describes the run (written once per store: :func:`run_quads`)."""
        return URIRef(str(self.iri).replace("/id/run/", "/id/graph/run/", 1))


# --------------------------------------------------------------- literals


def _decimal(value: float, what: str) -> Term:
    """``value`` as an ``xsd:decimal`` literal with a canonical lexical form."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise RDFWriteError(f"{what} {value!r} is not a number")
    if not math.isfinite(float(value)):
        raise RDFWriteError(f"{what} {value!r} is not finite")
    lexical = format(Decimal(repr(float(value))), "f")
    if "." not in lexical:
        lexical += ".0"
    return nt_literal(lexical, XSD.decimal)


def _date(value: date, what: str) -> Term:
    if not isinstance(value, date):
        raise RDFWriteError(f"{what} {value!r} is not a date")
    day = value.date() if isinstance(value, datetime) else value
    return nt_literal(day.isoformat(), XSD.date)


def _context(result: ArticleResult, run: RunInfo | None, sentences: frozenset[int], evidence: str) -> WriteContext:
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
        evidence=evidence,
    )


# ---------------------------------------------------------------- writers


def _article(ctx: WriteContext) -> Iterator[Triple]:
    a, node = ctx.article, ctx.ref
    yield node, RDF.type, SCHEMA.NewsArticle
    if ctx.evidence == "full":  # else the IRI's last segment (article_iri) says it
        yield node, DCTERMS.identifier, _literal(a.id)
    yield node, SCHEMA.text, _literal(a.content)
    if a.title:
        yield node, DCTERMS.title, _literal(a.title)
    if a.url:
        yield node, SCHEMA.url, nt_literal(a.url, XSD.anyURI)
    if a.published is not None:
        yield node, DCTERMS.issued, _date(a.published, f"article {a.id!r} published")
    if a.language:
        yield node, DCTERMS.language, _literal(a.language)
    if a.source and a.source.strip():
        publisher = _iri(publisher_iri(a.source))
        yield node, DCTERMS.publisher, publisher
        yield publisher, RDF.type, SCHEMA.Organization
        yield publisher, RDFS.label, _literal(a.source.strip())


def _run_triples(run: RunInfo) -> Iterator[Triple]:
    """The run's description (its graph, :attr:`RunInfo.graph`): one ``rdf:type`` per node
    (``gk:ExtractionRun`` is a ``prov:Activity``), model, software and evidence level."""
    node, model, software = _iri(run.iri), _iri(model_iri(run.model, run.model_version)), _iri(software_iri(run.geokg_version))
    yield node, RDF.type, GK.ExtractionRun
    yield node, RDFS.label, _literal(f"geokg {run.geokg_version} with {run.model} {run.model_version}")
    yield node, PROV.used, model
    yield node, PROV.wasAssociatedWith, software
    yield node, GK.evidenceLevel, _literal(run.evidence)
    yield model, RDF.type, SCHEMA.SoftwareApplication
    yield model, RDFS.label, _literal(run.model)
    yield model, SCHEMA.softwareVersion, _literal(run.model_version)
    yield software, RDF.type, PROV.SoftwareAgent
    yield software, RDF.type, SCHEMA.SoftwareApplication
    yield software, RDFS.label, _literal("geokg")
    yield software, SCHEMA.softwareVersion, _literal(run.geokg_version)


def _country_stub(code: str, full: bool) -> Iterator[Triple]:
    """A minimal ``country:CODE`` actor when the records lack one.

    Only for ISO 3166-1 alpha-3 codes pycountry knows (so a CAMEO region code
    such as "AFR" never becomes a country); empty otherwise.
    """
    import pycountry  # local: loads its database lazily

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return
    node = _iri(actor_iri(f"country:{code}"))
    yield node, RDF.type, SEM.Actor
    if full:
        yield node, RDF.type, SCHEMA.Country
    yield node, RDFS.label, _literal(country.name)
    yield node, GK.actorKind, _literal("country")
    yield node, GK.countryCode, _literal(code)


def _actor(ctx: WriteContext, actor: Actor) -> Iterator[Triple]:
    if not isinstance(actor.name, str) or not actor.name.strip():
        raise ctx.fail(f"actor {actor.id!r} has no name")
    node = _iri(actor_iri(actor.id))
    kind = (actor.kind or "").strip().lower()
    yield node, RDF.type, SEM.Actor
    if kind in _SCHEMA_TYPE and ctx.evidence == "full":  # else gk:actorKind says it
        yield node, RDF.type, _SCHEMA_TYPE[kind]
    yield node, RDFS.label, _literal(actor.name.strip())
    name = actor.name.strip()
    for alias in actor.aliases:
        alias = " ".join(alias.split()) if isinstance(alias, str) else ""
        if alias and alias != name:
            yield node, SKOS.altLabel, _literal(alias)
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
            stub = [] if country in ctx.actors else list(_country_stub(code, ctx.evidence == "full"))
            if country in ctx.actors or stub:  # link only to a country the graph describes
                yield node, GK.country, _iri(actor_iri(country))
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
    ctx: WriteContext, node: Term, ext: Extraction, ext_id: str, mentions: tuple[Mention, ...]
) -> Iterator[Triple]:
    """What events and statements share: relation, modality, evidence (``ext_id`` is ``ext.id``)."""
    what = f"extraction {ext_id} ({ext.relation!r})"
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
    lean = ctx.evidence != "full"
    if not lean:  # else the article's graph says where the claim comes from, and the run prov:used it;
        # the report's Web Annotation form (its sentence and span are on the claim at every level but none)
        yield node, GK.hasMention, _iri(mention_iri(ext_id))
        yield node, PROV.wasDerivedFrom, ctx.ref
        if ctx.run_ref is not None:
            yield node, PROV.wasGeneratedBy, ctx.run_ref
    for prop, value in (
        (GK.extractionKind, _literal(ext.kind)), (GK.polarity, _literal(ext.polarity)),
        (GK.mode, _literal(ext.mode)), (GK.confidence, confidence),
    ):
        if not lean or _DEFAULT_TERMS[prop] != value:  # a declared default is left out
            yield node, prop, value
    if ext.relation and (not lean or (ext.relation != ext.lemma and not (  # readers fall back on the lemma
            ctx.evidence == "mention" and relation_in_text(ctx, ext)))):  # or take the span's slice
        yield node, GK.relationText, _literal(ext.relation)
    if ext.lemma:
        yield node, GK.relationLemma, _literal(ext.lemma)
    compact = ctx.evidence == "mention"  # the span gives the words that are a slice of the sentence
    if ext.subject.name and not (compact and argument_in_text(ctx, ext, ext.subject)):
        yield node, GK.subjectText, _literal(ext.subject.name)
    if ext.object is not None and ext.object.name and not (compact and argument_in_text(ctx, ext, ext.object)):
        yield node, GK.objectText, _literal(ext.object.name)
    if ext.attribution is not None:
        yield node, GK.attributionText, _literal(ext.attribution.name)
        source = _attribution_actor(ctx, mentions, ext.attribution)
        if source is not None:
            yield node, SEM.accordingTo, _iri(actor_iri(source))


def _role(event: str, actor: Actor, prop: Term, role: Term, name: str, full: bool) -> Iterator[Triple]:
    """``event`` is the event's IRI (not in N-Triples syntax); SEM role nodes only when ``full``."""
    node = _iri(actor_iri(actor.id))
    yield f"<{event}>", prop, node
    if not full:  # gk:sourceActor / gk:targetActor are sub-properties of sem:hasActor
        return
    link = f"<{event}/role/{name}/{iri_segment(actor.id, what='actor id')}>"
    yield f"<{event}>", SEM.hasActor, link
    yield link, RDF.type, SEM.Role
    yield link, RDF.value, node
    yield link, SEM.roleType, role


def _event(ctx: WriteContext, event: Event, ext_id: str, mentions: tuple[Mention, ...]) -> Iterator[Triple]:
    iri = event_iri(event.id)
    node = _iri(iri)
    what = f"event {event.id!r}"
    yield node, RDF.type, SEM.Event
    if ctx.evidence == "full":  # else gk:Event follows from the properties' domains
        yield node, RDF.type, GK.Event
    yield from _claim(ctx, node, event.extraction, ext_id, mentions)
    concept: Term | None = None
    try:
        if event.cameo:
            concept = _iri(cameo_iri(event.cameo))
            yield node, SEM.eventType, concept
        if event.plover:
            yield node, GK.ploverCategory, _iri(plover_iri(event.plover))
    except ValueError as exc:
        raise ctx.fail(f"{what}: {exc}") from None
    if event.plover_mode:
        yield node, GK.ploverMode, _literal(event.plover_mode)
    yield from _scores(ctx, node, event, concept)
    if event.source is not None:
        yield from _role(iri, event.source, GK.sourceActor, GK.SourceRole, "source", ctx.evidence == "full")
    if event.target is not None:
        yield from _role(iri, event.target, GK.targetActor, GK.TargetRole, "target", ctx.evidence == "full")
    if event.date is not None:
        yield node, SEM.hasTimeStamp, _date(event.date, f"{what} date")
    if event.date_text:
        yield node, GK.timeText, _literal(event.date_text)
    yield from event_place_triples(ctx, node, event, mentions)  # geocoded (geokg.graph.rdf.places)


def _scores(ctx: WriteContext, node: Term, event: Event, concept: Term | None) -> Iterator[Triple]:
    """QuadClass and Goldstein score, left out at levels none and mention where the event's
    CAMEO concept (``ontology/cameo.ttl``, the store's vocabulary graph) states the same."""
    what = f"event {event.id!r}"
    stated = cameo_scores().get(concept or "", (None, None)) if ctx.evidence != "full" else (None, None)
    if event.quad_class is not None:
        if isinstance(event.quad_class, bool) or event.quad_class not in range(5):
            raise ctx.fail(f"{what} quad class {event.quad_class!r} is not 0-4")
        quad = f'"{int(event.quad_class)}"{_INTEGER}'
        if quad != stated[0]:
            yield node, GK.quadClass, quad
    if event.goldstein is not None:
        score = _decimal(event.goldstein, f"{what} Goldstein score")
        if not -10 <= event.goldstein <= 10:
            raise ctx.fail(f"{what} Goldstein score {event.goldstein!r} is outside [-10, 10]")
        if score != stated[1]:
            yield node, GK.goldstein, score


@functools.lru_cache(maxsize=1)
def cameo_scores() -> dict[Term, tuple[Term | None, Term | None]]:
    """CAMEO concept -> its QuadClass and Goldstein score as ``ontology/cameo.ttl`` states them
    (N-Triples terms; ``None`` where it states none).

    Examples
    --------
    >>> cameo_scores()[_iri(cameo_iri("042"))]
    ('"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1.9"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    """
    from geokg.ontology.files import ontology_path

    out: dict[Term, tuple[Term | None, Term | None]] = {}
    text = ontology_path("cameo.ttl").read_text(encoding="utf-8")
    for code, body in re.findall(r"^cameo:(\w+) a skos:Concept ;(.*?) \.$", text, flags=re.M | re.S):
        quad = re.search(r"gk:quadClass (\d+)", body)
        gold = re.search(r"gk:goldstein (-?[0-9.]+)", body)
        out[_iri(cameo_iri(code))] = (
            f'"{quad.group(1)}"{_INTEGER}' if quad else None,
            _decimal(float(gold.group(1)), "Goldstein score") if gold else None,
        )
    return out


def _statement(ctx: WriteContext, ext: Extraction, ext_id: str, mentions: tuple[Mention, ...]) -> Iterator[Triple]:
    node = _iri(statement_iri(ext_id))
    yield node, RDF.type, GK.Statement
    yield from _claim(ctx, node, ext, ext_id, mentions)


def _plan(result: ArticleResult) -> tuple[dict[str, Extraction], dict[str, list[Term]], list[str]]:
    """Distinct extractions by id, the claims (events or a statement) each evidences, and each event's extraction id."""
    extractions: dict[str, Extraction] = {}
    event_ext = [e.extraction.id for e in result.events]  # ``Extraction.id`` hashes: compute each once
    for ext in result.extractions:
        extractions.setdefault(ext.id, ext)
    for ext_id, event in zip(event_ext, result.events):
        extractions.setdefault(ext_id, event.extraction)
    bodies: dict[str, list[Term]] = {ext_id: [] for ext_id in extractions}
    for ext_id, event in zip(event_ext, result.events):
        node = _iri(event_iri(event.id))
        if node not in bodies[ext_id]:
            bodies[ext_id].append(node)
    for ext_id, claims in bodies.items():
        if not claims:
            claims.append(_iri(statement_iri(ext_id)))
    return extractions, bodies, event_ext


def _evidence(run: RunInfo | None, evidence: str | None) -> str:
    """The level to write: ``evidence``, else the run's, else the default."""
    if evidence is not None:
        return check_evidence(evidence)
    return run.evidence if run is not None else DEFAULT_EVIDENCE


def _sentences(ctx: WriteContext, result: ArticleResult, implied: dict[int, Extraction]) -> Iterator[Triple]:
    """Sentences: all of them at level ``full``; none at the other levels (at ``mention`` the
    claims' spans give the offsets of their sentences)."""
    for sentence in result.sentences:
        ctx.own(sentence.article_id, f"sentence {sentence.index}")
        if ctx.evidence == "full":
            yield from sentence_triples(ctx, sentence.index, sentence.start, sentence.end)
    for index, ext in sorted(implied.items()):
        if ctx.evidence == "full":
            yield from sentence_triples(ctx, index, ext.sent_start, ext.sent_end)


def _triples(result: ArticleResult, run: RunInfo | None, evidence: str) -> Iterator[Triple]:
    if run is not None and run.evidence != evidence:  # the run is the one that wrote this level
        run = replace(run, evidence=evidence)
    extractions, bodies, event_ext = _plan(result)
    known = {s.index for s in result.sentences}
    implied: dict[int, Extraction] = {}
    for ext in extractions.values():
        if ext.sentence not in known:
            implied.setdefault(ext.sentence, ext)
    ctx = _context(result, run, frozenset(known | set(implied)), evidence)
    yield from _article(ctx)
    if run is not None:  # the run's description is its own graph (run_quads), written once per store
        yield ctx.run_ref, PROV.used, ctx.ref
    yield from _sentences(ctx, result, implied)
    for actor in ctx.actors.values():
        yield from _actor(ctx, actor)
    if evidence == "full":
        for mention in result.mentions:
            yield from entity_mention_triples(ctx, mention)
    else:  # entity mentions are evidence of level full only; bad ones still fail here
        check_records(ctx, result.mentions, None)
    for ext_id, ext in extractions.items():
        if bodies[ext_id] == [_iri(statement_iri(ext_id))]:  # no event was coded from it
            yield from _statement(ctx, ext, ext_id, result.mentions)
        if evidence == "full":
            yield from extraction_mention_triples(ctx, ext, bodies[ext_id], ext_id=ext_id)
        elif evidence == "mention":
            yield from compact_mention_triples(ctx, ext, bodies[ext_id], ext_id=ext_id)
        else:
            check_records(ctx, (), ext, ext_id)
    for ext_id, event in zip(event_ext, result.events):
        yield from _event(ctx, event, ext_id, result.mentions)


def _checked(result: ArticleResult, run: RunInfo | None, evidence: str | None = None) -> Iterator[Triple]:
    """:func:`_triples`, with IRI helper failures turned into :class:`RDFWriteError`."""
    try:
        yield from _triples(result, run, _evidence(run, evidence))
    except RDFWriteError:
        raise
    except ValueError as exc:  # an id or code the IRI helpers refused
        article_id = getattr(getattr(result, "article", None), "id", None)
        raise RDFWriteError(f"article {article_id!r}: {exc}") from exc


def description_graph(node: Node) -> URIRef | None:
    """The graph that holds ``node``'s description, when it is an actor, place or publisher.

    A place or a publisher is described (type, label, kind, country,
    coordinates) in a graph named by its own IRI, written by every article
    that names it: a store keeps each description once (a quad is stored once
    however many articles write it) instead of once per article graph.  So is
    an actor's type, label, kind and sector (and a country's code); what
    an article's coding says about it in its context, where articles may
    differ, stays in the article graph: the names it used (``skos:altLabel``; the actor's other names
    are in its description), ``gk:actorRole``, and the
    ``gk:countryCode`` / ``gk:country`` of an actor that is not a country.
    Everything else an article yields lives in the article's graph.

    Examples
    --------
    >>> from geokg.ontology.namespace import actor_iri, event_iri
    >>> description_graph(actor_iri("country:MEX")) == actor_iri("country:MEX")
    True
    >>> description_graph(event_iri("e1")) is None
    True
    """
    return node if isinstance(node, URIRef) and str(node).startswith(DESCRIBED_BASES) else None


def article_nquads(result: ArticleResult, *, run: RunInfo | None = None, evidence: str | None = None) -> str:
    """The article's quads as N-Quads text: each distinct triple once.

    ``evidence`` is the evidence level (default: ``run.evidence``, else
    ``"mention"``); the other writers take it too.

    This is what ingest writes to the store: the writers build every term in
    N-Triples syntax, so no rdflib term is made.  The graph name is
    :func:`~geokg.ontology.iris.article_iri` of the article, except for the
    descriptions of actors, places and publishers, which go to the graph
    named by the node they describe (:func:`description_graph`).

    Raises
    ------
    RDFWriteError
        As :func:`article_triples`.

    Examples
    --------
    >>> from geokg.ingest.records import Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/b")
    >>> text = article_nquads(ArticleResult(article=art))
    >>> print(text.splitlines()[0])  # doctest: +ELLIPSIS
    <https://w3id.org/geokg/id/article/...> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> <https://w3id.org/geokg/id/article/...> .
    >>> len(text.splitlines()) == len(set(text.splitlines())) == len(article_graph(ArticleResult(article=art)))
    True
    """
    tail = f" <{article_iri(result.article.id)}> .\n"
    return "".join([
        f"{s} {p} {o} {s} .\n" if described else f"{s} {p} {o}{tail}"
        for (s, p, o), described in _placed(_checked(result, run, evidence), _words(result))
    ])


def article_triples(
    result: ArticleResult, *, run: RunInfo | None = None, evidence: str | None = None
) -> Iterator[NodeTriple]:
    """Yield every triple derived from ``result`` as rdflib terms (may repeat a triple).

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
    geokg.graph.rdf.evidence.RDFWriteError: article '69c5f35e8e2ceb5d': empty actor id ' ' cannot be made into an IRI
    """
    terms: dict[Term, Node] = {}  # IRIs and small literals repeat: parse each once

    def term(text: Term) -> Node:
        node = terms.get(text)
        if node is None:
            node = terms[text] = nt_term(text)
        return node

    for s, p, o in _checked(result, run, evidence):
        yield term(s), term(p), term(o)


def article_quads(result: ArticleResult, *, run: RunInfo | None = None, evidence: str | None = None) -> Iterator[Quad]:
    """Yield each distinct triple of ``result`` as a quad in the article's graph.

    The graph name is :func:`~geokg.ontology.iris.article_iri` of the article,
    so a store can replace or drop exactly this article; the descriptions of
    actors, places and publishers (triples whose subject is one) go to the
    graph named by that node (:func:`description_graph`), shared by every
    article that names it.

    Examples
    --------
    >>> from geokg.ingest.records import Actor, Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/b", source="Wire")
    >>> quads = list(article_quads(ArticleResult(article=art, actors=(Actor("country:MEX", "Mexico", "country"),))))
    >>> sorted({str(q[3]).split("/id/")[1] for q in quads})
    ['actor/country:MEX', 'article/...', 'publisher/Wire']
    """
    graph = article_iri(result.article.id)
    terms: dict[Term, Node] = {}  # IRIs and small literals repeat: parse each once
    for triple, described in _placed(_checked(result, run, evidence), _words(result)):
        s, p, o = (terms[t] if t in terms else terms.setdefault(t, nt_term(t)) for t in triple)
        yield s, p, o, s if described else graph


def article_graph(result: ArticleResult, *, run: RunInfo | None = None, evidence: str | None = None) -> Graph:
    """Every triple the article yields, as an rdflib :class:`~rdflib.Graph` named by the article.

    Its named graph and the descriptions of the actors, places and publishers
    it names (which a store keeps in their own graphs: :func:`article_quads`).

    Examples
    --------
    >>> from geokg.ingest.records import Article, ArticleResult
    >>> art = Article.create(title="T", text="Body.", url="https://x.test/b")
    >>> len(article_graph(ArticleResult(article=art), run=RunInfo("m", "1", "0.1")))  # the run: run_quads
    5
    """
    graph = bind_prefixes(Graph(identifier=article_iri(result.article.id)))
    for s, p, o, _ in article_quads(result, run=run, evidence=evidence):
        graph.add((s, p, o))
    return graph


def run_quads(run: RunInfo) -> Iterator[Quad]:
    """The run's description, in its own graph (:attr:`RunInfo.graph`): written once per store.

    Each article graph holds only ``<run> prov:used <article>``; the run's
    type, label, model, software and evidence level stand here once.

    Examples
    --------
    >>> run = RunInfo("m", "1", "0.1", evidence="none")
    >>> quads = list(run_quads(run))
    >>> {q[3] for q in quads} == {run.graph}, len(quads)
    (True, 12)
    """
    for s, p, o in _run_triples(run):
        yield nt_term(s), nt_term(p), nt_term(o), run.graph


def results_dataset(
    results: Iterable[ArticleResult], *, run: RunInfo | None = None, evidence: str | None = None
) -> Dataset:
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
        ds.addN(article_quads(result, run=run, evidence=evidence))
    if run is not None:
        ds.addN(run_quads(run if evidence is None else replace(run, evidence=check_evidence(evidence))))
    return ds
