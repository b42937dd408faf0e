"""Textual evidence as RDF: sentences, mentions, selectors and argument spans.

Helpers of :mod:`geokg.graph.rdf`.  A mention is a ``gk:Mention`` (an
``oa:Annotation``) whose target is a span of the article text described by an
``oa:TextQuoteSelector`` (exact text with prefix and suffix) and an
``oa:TextPositionSelector`` (character offsets into ``Article.content``).
Every node gets an IRI below its mention's IRI (no blank nodes).

Examples
--------
>>> from geokg.ingest.records import Article, Mention
>>> art = Article.create(title="Mexico rejects plan", text="", url="https://x.test/a")
>>> ctx = WriteContext(art, article_iri(art.id), None, {}, frozenset())
>>> m = Mention(art.id, 0, 0, 6, "Mexico", "GPE", "country:MEX")
>>> triples = list(entity_mention_triples(ctx, m))
>>> [str(o) for _, p, o in triples if p == OA.exact]
['Mexico']
>>> list(entity_mention_triples(ctx, Mention(art.id, 0, 5, 99, "x", "GPE")))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
geokg.graph.rdf_evidence.RDFWriteError: article '...': mention 'x' span [5, 99) is empty or outside the text (length 19)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from geokg.ingest.records import Actor, Argument, Article, Extraction, Mention, stable_id
from geokg.ontology import namespace as _ns
from geokg.ontology.namespace import (
    XSD,
    actor_iri,
    article_iri,
    iri_segment,
    mention_iri,
    sentence_iri,
)

__all__ = [
    "RDFWriteError",
    "WriteContext",
    "Triple",
    "QUOTE_CONTEXT",
    "entity_mention_id",
    "sentence_triples",
    "entity_mention_triples",
    "extraction_mention_triples",
]

Triple = tuple[Node, Node, Node]

#: Characters of context kept in ``oa:prefix`` / ``oa:suffix``.
QUOTE_CONTEXT = 32


class _Terms:
    """A namespace whose terms are looked up once.

    rdflib builds (and, for closed namespaces, checks) a new ``URIRef`` on
    every attribute lookup; the writer looks terms up hundreds of thousands of
    times per corpus.  The first lookup of a name stores the term as a plain
    attribute, so the terms are the same, only found faster.  An unknown name
    still raises the namespace's own ``AttributeError``.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


DCTERMS, GK, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS = (
    _Terms(n) for n in (_ns.DCTERMS, _ns.GK, _ns.OA, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SCHEMA, _ns.SEM, _ns.SKOS)
)
_XSD_INTEGER = URIRef(str(XSD.integer))


def _literal(value: object) -> Literal:
    """``Literal(value)``, built directly for the two common cases.

    rdflib's constructor infers a datatype and normalises the lexical form
    for every value; for an exact ``str`` (a plain literal) and an exact
    ``int`` (an ``xsd:integer``) the result is known, so the same term is
    built without that work (about ten times faster).  Anything else goes
    through ``Literal``.

    Examples
    --------
    >>> for v in ("Mexico", "", 42, -1):
    ...     fast, slow = _literal(v), Literal(v)
    ...     assert fast == slow and fast.value == slow.value and fast.datatype == slow.datatype
    >>> _literal(2.5) == Literal(2.5)
    True
    """
    kind = type(value)
    if kind is str:
        lit = str.__new__(Literal, value)
        lit._language = None
        lit._datatype = None
        lit._value = value
        lit._ill_typed = None
        return lit
    if kind is int:
        lit = str.__new__(Literal, str(value))
        lit._language = None
        lit._datatype = _XSD_INTEGER
        lit._value = value
        lit._ill_typed = None
        return lit
    return Literal(value)


def _iri(text: str) -> URIRef:
    """``URIRef(text)`` for IRIs built from checked parts (skips re-validation)."""
    return str.__new__(URIRef, text)


class RDFWriteError(ValueError):
    """A record that cannot be written; the message names article and record."""


@dataclass(frozen=True)
class WriteContext:
    """What every writer needs to know about the article being written.

    Parameters
    ----------
    article
        The article; offsets point into ``article.content``.
    node
        The article's IRI (also its graph's name).
    run
        IRI of the extraction run, or ``None``.
    actors
        Known actors by id (those the graph describes).
    sentences
        Indexes of the sentences the graph describes.
    memo
        Values the writers compute once per article (IRIs, IRI segments).
    """

    article: Article
    node: URIRef
    run: URIRef | None
    actors: dict[str, Actor]
    sentences: frozenset[int]
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def content(self) -> str:
        """The article text offsets point into."""
        return self.article.content

    def fail(self, message: str) -> RDFWriteError:
        """An error naming this article."""
        return RDFWriteError(f"article {self.article.id!r}: {message}")

    def span(self, start: int, end: int, what: str) -> tuple[int, int]:
        """Check that ``[start, end)`` is a non-empty span of the text."""
        n = len(self.content)
        if isinstance(start, bool) or isinstance(end, bool) or not (
            isinstance(start, int) and isinstance(end, int)
        ):
            raise self.fail(f"{what} offsets {start!r}, {end!r} are not integers")
        if not 0 <= start < end <= n:
            raise self.fail(f"{what} span [{start}, {end}) is empty or outside the text (length {n})")
        return start, end

    def own(self, article_id: str, what: str) -> None:
        """Fail unless a record's ``article_id`` is this article's."""
        if article_id != self.article.id:
            raise self.fail(f"{what} belongs to article {article_id!r}")


def entity_mention_id(mention: Mention) -> str:
    """Stable id of an entity mention (article, span and NER label).

    Examples
    --------
    >>> m = Mention("a1", 0, 0, 6, "Mexico", "GPE", "country:MEX")
    >>> entity_mention_id(m) == entity_mention_id(m)
    True
    """
    return stable_id("mention", mention.article_id, mention.start, mention.end, mention.label)


def sentence_triples(ctx: WriteContext, index: int, start: int, end: int) -> Iterator[Triple]:
    """A ``gk:Sentence``: index, offsets and its text (sliced from the article).

    Examples
    --------
    >>> from geokg.ingest.records import Article
    >>> art = Article.create(title="T", text="One. Two.", url="https://x.test/s")
    >>> ctx = WriteContext(art, article_iri(art.id), None, {}, frozenset({1}))
    >>> [str(o) for _, p, o in sentence_triples(ctx, 1, 3, 7) if p == SCHEMA.text]
    ['One.']
    """
    node = sentence_iri(ctx.article.id, index)
    start, end = ctx.span(start, end, f"sentence {index}")
    yield node, RDF.type, GK.Sentence
    yield node, DCTERMS.isPartOf, ctx.node
    yield node, GK.sentenceIndex, _literal(index)
    yield node, OA.start, _literal(start)
    yield node, OA.end, _literal(end)
    yield node, SCHEMA.text, _literal(ctx.content[start:end])


def _target(ctx: WriteContext, node: URIRef, start: int, end: int) -> Iterator[Triple]:
    """``oa:hasTarget`` of mention ``node``: quote and position selectors."""
    target, quote, position = _iri(f"{node}/target"), _iri(f"{node}/quote"), _iri(f"{node}/position")
    text = ctx.content
    yield node, OA.hasTarget, target
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, ctx.node
    yield target, OA.hasSelector, quote
    yield target, OA.hasSelector, position
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, _literal(text[start:end])
    if start > 0:
        yield quote, OA.prefix, _literal(text[max(0, start - QUOTE_CONTEXT) : start])
    if end < len(text):
        yield quote, OA.suffix, _literal(text[end : end + QUOTE_CONTEXT])
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, _literal(start)
    yield position, OA.end, _literal(end)


def _mention_header(ctx: WriteContext, node: URIRef, sentence: int, motivation: URIRef) -> Iterator[Triple]:
    yield node, RDF.type, GK.Mention
    yield node, RDF.type, OA.Annotation
    yield node, OA.motivatedBy, motivation
    if sentence in ctx.sentences:
        iri = ctx.memo.get(("sentence", sentence))
        if iri is None:
            iri = ctx.memo[("sentence", sentence)] = sentence_iri(ctx.article.id, sentence)
        yield node, GK.inSentence, iri
    if ctx.run is not None:
        yield node, PROV.wasGeneratedBy, ctx.run


def entity_mention_triples(ctx: WriteContext, mention: Mention) -> Iterator[Triple]:
    """A named-entity mention: ``oa:identifying`` annotation whose body is its actor."""
    what = f"mention {mention.text!r}"
    ctx.own(mention.article_id, what)
    start, end = ctx.span(mention.start, mention.end, what)
    node = mention_iri(entity_mention_id(mention))
    yield from _mention_header(ctx, node, mention.sentence, OA.identifying)
    yield from _target(ctx, node, start, end)
    if mention.label:
        yield node, GK.nerLabel, _literal(mention.label)
    if mention.actor_id:
        yield node, OA.hasBody, actor_iri(mention.actor_id)


def _argument(ctx: WriteContext, mention: URIRef, arg: Argument, role: str, what: str) -> Iterator[Triple]:
    if arg.start == arg.end and not arg.text:
        return  # an implicit argument (e.g. the agent of an agentless passive): nothing to quote
    start, end = ctx.span(arg.start, arg.end, f"{what} {role} {arg.text!r}")
    segment = ctx.memo.get(("role", role))
    if segment is None:
        segment = ctx.memo[("role", role)] = iri_segment(role, what="argument role")
    node = _iri(f"{mention}/arg/{start}-{end}-{segment}")
    yield mention, GK.hasArgument, node
    yield node, RDF.type, GK.Argument
    yield node, GK.argumentRole, _literal(role)
    yield node, SCHEMA.text, _literal(ctx.content[start:end])
    yield node, OA.start, _literal(start)
    yield node, OA.end, _literal(end)
    for prop, value in (
        (GK.headLemma, arg.head_lemma),
        (GK.preposition, arg.prep),
        (GK.resolvedText, arg.resolved),
        (GK.nerLabel, arg.label),
    ):
        if value:
            yield node, prop, _literal(value)


def _clause_span(ext: Extraction) -> tuple[int, int]:
    parts = [(ext.rel_start, ext.rel_end)]
    for arg in (ext.subject, ext.object):
        if arg is not None and (arg.start != arg.end or arg.text):
            parts.append((arg.start, arg.end))
    return min(p[0] for p in parts), max(p[1] for p in parts)


def extraction_mention_triples(
    ctx: WriteContext, ext: Extraction, bodies: list[URIRef]
) -> Iterator[Triple]:
    """The evidence of an extraction: the clause span and its argument spans.

    The quoted span runs from the first to the last character of subject,
    relation and object; ``bodies`` are the claims (events or a statement)
    it evidences.  Each argument (and the relation words) becomes a
    ``gk:Argument`` with its own offsets.
    """
    what = f"extraction {ext.id} ({ext.relation!r})"
    ctx.own(ext.article_id, what)
    node = mention_iri(ext.id)
    start, end = ctx.span(*_clause_span(ext), what)
    yield from _mention_header(ctx, node, ext.sentence, OA.describing)
    yield from _target(ctx, node, start, end)
    for body in bodies:
        yield node, OA.hasBody, body
    relation = Argument("relation", ext.relation, ext.rel_start, ext.rel_end)
    slots = [("subject", ext.subject), ("relation", relation)]
    slots += [("object", ext.object)] if ext.object is not None else []
    slots += [("source", ext.attribution)] if ext.attribution is not None else []
    slots += [(arg.role or "other", arg) for arg in ext.extras]
    for role, arg in slots:
        yield from _argument(ctx, node, arg, role, what)
