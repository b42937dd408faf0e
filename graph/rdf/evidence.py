"""Textual evidence as RDF: sentences, mentions, selectors and argument spans.

Helpers of :mod:`geokg.graph.rdf.writer`.  At evidence level ``mention`` (the
default, :func:`compact_mention_triples`) a report of a claim is two triples
on the claim itself: its sentence (``gk:inSentence``) and the clause's
offsets into ``Article.content`` as one compact value (``gk:span``,
``"start,end"``); no mention node.  At level ``full``
(:func:`extraction_mention_triples`) each report is also a ``gk:Mention``
(an ``oa:Annotation``, linked by ``gk:hasMention``) whose target is a span of
the article text described by an ``oa:TextQuoteSelector`` (the exact text)
and an ``oa:TextPositionSelector`` (character offsets), with its argument
spans.
Every node gets an IRI below its mention's IRI (no blank nodes).

No ``oa:prefix``/``oa:suffix`` are written (the offsets point into the
article text, which the graph holds), and a mention names no
``prov:wasGeneratedBy`` of its own (the run is the ``prov:Activity`` that
``prov:used`` its article; at level ``full`` claims name it too).  A
sentence is its article, start offset and text; level ``full`` adds its
index and end offset.  That keeps the graph about 6%
smaller; ingest loads every quad into six store indexes.

The writers yield triples of terms already written in N-Triples syntax
(``<iri>``, ``"text"``, ``"5"^^<…#integer>``): ingest formats millions of
them, and plain strings are several times cheaper to build and join into
N-Quads than rdflib term objects.  :func:`nt_term` turns one back into an
rdflib term.

Examples
--------
>>> from geokg.ingest.records import Article, Mention
>>> art = Article.create(title="Mexico rejects plan", text="", url="https://x.test/a")
>>> ctx = WriteContext(art, article_iri(art.id), None, {}, frozenset())
>>> m = Mention(art.id, 0, 0, 6, "Mexico", "GPE", "country:MEX")
>>> triples = list(entity_mention_triples(ctx, m))
>>> [o for _, p, o in triples if p == OA.exact]
['"Mexico"']
>>> list(entity_mention_triples(ctx, Mention(art.id, 0, 5, 99, "x", "GPE")))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
geokg.graph.rdf.evidence.RDFWriteError: article '...': mention 'x' span [5, 99) is empty or outside the text (length 19)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from geokg.graph.rdf.syntax import NT_ESCAPES
from geokg.ingest.records import (
    Actor,
    Argument,
    Article,
    Extraction,
    Mention,
    stable_id,
)
from geokg.ontology import namespace as _ns
from geokg.ontology.namespace import (
    XSD,
    actor_iri,
    article_iri,
    iri_segment,
    mention_iri,
    sentence_iri,
)
from rdflib import Literal, URIRef
from rdflib.term import Node

__all__ = [
    "CLAIM_DEFAULTS",
    "DEFAULT_EVIDENCE",
    "EVIDENCE_LEVELS",
    "RDFWriteError",
    "WriteContext",
    "Term",
    "Triple",
    "entity_mention_id",
    "sentence_triples",
    "entity_mention_triples",
    "extraction_mention_triples",
    "compact_mention_triples",
    "argument_in_text",
    "span_value",
    "GRAPH_FORMAT",
    "relation_in_text",
    "check_evidence",
    "check_records",
    "nt_term",
    "nt_literal",
]

#: The version of what the writer emits where a reader parses values (``gk:span`` above
#: all): 1, the clause's ``"start,end"``; 2, then the relation words' offsets; 3 (now), the
#: clause's, its sentence's, then the relation words', subject's and object's offsets, and
#: no sentence nodes at level ``mention``.  Part of the build journal's digests, so a
#: rebuild after a change of format writes every article again instead of skipping it.
GRAPH_FORMAT = 3

#: How much textual evidence the writer emits, least first (see :func:`check_evidence`).
EVIDENCE_LEVELS = ("none", "mention", "full")
#: The level ``geokg build`` writes unless told otherwise.
DEFAULT_EVIDENCE = "mention"

#: What a claim's property is when a graph written at level ``none`` or ``mention`` leaves it
#: out (``sh:defaultValue`` in ``ontology/shapes.ttl``); level ``full`` writes every value.
#: The confidence default is the extractor's score before any penalty
#: (:mod:`geokg.ingest.extract.confidence`), its most common value.
CLAIM_DEFAULTS = MappingProxyType({
    "polarity": "positive", "mode": "asserted", "extractionKind": "event", "confidence": 0.9,
})

#: An RDF term in N-Triples syntax: ``<iri>`` or a quoted literal.
Term = str
Triple = tuple[Term, Term, Term]


class _Terms:
    """A namespace whose terms are looked up once, as ``<iri>`` strings.

    The first lookup of a name checks it against the namespace (a closed
    ``DefinedNamespace`` raises ``AttributeError`` on a typo) and stores the
    N-Triples form as a plain attribute.
    """

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Term:
        term = f"<{getattr(self._namespace, name)}>"
        setattr(self, name, term)
        return term


DCTERMS, GK, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS = (
    _Terms(n) for n in (_ns.DCTERMS, _ns.GK, _ns.OA, _ns.PROV, _ns.RDF, _ns.RDFS, _ns.SCHEMA, _ns.SEM, _ns.SKOS)
)
_INTEGER = f"^^<{XSD.integer}>"
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "'": "'"}
_ESCAPED = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _quoted(text: str) -> str:
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.translate(NT_ESCAPES)
    return f'"{text}"'


def nt_literal(lexical: str, datatype: object = None) -> Term:
    """A literal in N-Triples syntax (``datatype`` an IRI, or ``None`` for a plain string).

    Examples
    --------
    >>> nt_literal('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    >>> nt_literal("2024-11-26", XSD.date)
    '"2024-11-26"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    return _quoted(lexical) if datatype is None else f"{_quoted(lexical)}^^<{datatype}>"


def _literal(value: object) -> Term:
    """``value`` as a literal in N-Triples syntax, as ``rdflib.Literal(value)`` would type it.

    Examples
    --------
    >>> for v in ("Mexico", "", 'a "b"\\n', 42, -1, 2.5):
    ...     assert nt_term(_literal(v)) == Literal(v)
    """
    kind = type(value)
    if kind is str:
        return _quoted(value)  # type: ignore[arg-type]
    if kind is int:
        return f'"{value}"{_INTEGER}'
    lit = Literal(value)
    if lit.language:
        return f"{_quoted(str(lit))}@{lit.language}"
    return nt_literal(str(lit), lit.datatype)


def _iri(text: str) -> Term:
    """``<text>`` for IRIs built from checked parts."""
    return f"<{text}>"


def nt_term(text: Term) -> Node:
    """The rdflib term of an N-Triples term written by the writers.

    Examples
    --------
    >>> nt_term("<https://x.test/a>")
    rdflib.term.URIRef('https://x.test/a')
    >>> nt_term('"a \\\\"b\\\\"\\\\n"') == Literal('a "b"\\n')
    True
    >>> nt_term('"5"^^<http://www.w3.org/2001/XMLSchema#integer>') == Literal(5)
    True
    >>> nt_term('"hola"@es') == Literal("hola", lang="es")
    True
    """
    if text[0] == "<":
        return URIRef(text[1:-1])
    end = text.rindex('"')
    lexical = text[1:end]
    if "\\" in lexical:
        lexical = _ESCAPED.sub(
            lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) > 1 else _UNESCAPES[m.group(1)], lexical
        )
    rest = text[end + 1 :]
    if rest.startswith("^^<"):
        return Literal(lexical, datatype=URIRef(rest[3:-1]))
    if rest.startswith("@"):
        return Literal(lexical, lang=rest[1:])
    return Literal(lexical)


class RDFWriteError(ValueError):
    """A record that cannot be written; the message names article and record."""


def check_evidence(level: object) -> str:
    """``level`` if it is one of :data:`EVIDENCE_LEVELS`, else a :class:`ValueError` naming it.

    ``none``: events, statements, actors and article metadata.  ``mention``
    (the default): also, per report of a claim, its sentence (stored once) and the
    clause's offsets as one value (``gk:inSentence``, ``gk:span`` on the claim).  ``full``: also
    Web Annotation targets and selectors, ``gk:Argument`` spans, entity
    mentions and SEM role nodes.

    Examples
    --------
    >>> check_evidence("full")
    'full'
    >>> check_evidence("some")
    Traceback (most recent call last):
    ...
    ValueError: evidence level 'some' is not one of none, mention, full
    """
    if level not in EVIDENCE_LEVELS:
        raise ValueError(f"evidence level {level!r} is not one of {', '.join(EVIDENCE_LEVELS)}")
    return level  # type: ignore[return-value]


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
    evidence
        The evidence level (one of :data:`EVIDENCE_LEVELS`).
    memo
        Values the writers compute once per article (IRIs, IRI segments).

    ``ref`` and ``run_ref`` are ``node`` and ``run`` in N-Triples syntax.
    """

    article: Article
    node: URIRef
    run: URIRef | None
    actors: dict[str, Actor]
    sentences: frozenset[int]
    evidence: str = DEFAULT_EVIDENCE
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)
    ref: Term = field(init=False, compare=False, repr=False)
    run_ref: Term | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", _iri(self.node))
        object.__setattr__(self, "run_ref", None if self.run is None else _iri(self.run))

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
    """A ``gk:Sentence`` at level ``full``: its article (``dct:isPartOf``), index, offsets and
    text (sliced from the article).

    No ``rdf:type``: ``gk:inSentence`` has range ``gk:Sentence``.  Level
    ``mention`` writes no sentence node: a report's span gives its
    sentence's offsets into the article text, whose slice is the sentence's
    text (:func:`compact_mention_triples`).

    Examples
    --------
    >>> from geokg.ingest.records import Article
    >>> art = Article.create(title="T", text="One. Two.", url="https://x.test/s")
    >>> ctx = WriteContext(art, article_iri(art.id), None, {}, frozenset({1}), evidence="full")
    >>> [o for _, p, o in sentence_triples(ctx, 1, 3, 7) if p == SCHEMA.text]
    ['"One."']
    """
    node = _iri(sentence_iri(ctx.article.id, index))
    start, end = ctx.span(start, end, f"sentence {index}")
    yield node, OA.start, f'"{start}"{_INTEGER}'
    yield node, SCHEMA.text, _quoted(ctx.content[start:end])
    yield node, DCTERMS.isPartOf, ctx.ref
    yield node, GK.sentenceIndex, f'"{index}"{_INTEGER}'
    yield node, OA.end, f'"{end}"{_INTEGER}'


def _target(ctx: WriteContext, iri: str, start: int, end: int) -> Iterator[Triple]:
    """``oa:hasTarget`` of the mention with IRI ``iri``: quote and position selectors."""
    node, target, quote, position = f"<{iri}>", f"<{iri}/target>", f"<{iri}/quote>", f"<{iri}/position>"
    yield node, OA.hasTarget, target
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, ctx.ref
    yield target, OA.hasSelector, quote
    yield target, OA.hasSelector, position
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, _quoted(ctx.content[start:end])
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, f'"{start}"{_INTEGER}'
    yield position, OA.end, f'"{end}"{_INTEGER}'


def _mention_header(ctx: WriteContext, node: Term, sentence: int, motivation: Term) -> Iterator[Triple]:
    yield node, RDF.type, GK.Mention
    yield node, RDF.type, OA.Annotation
    yield node, OA.motivatedBy, motivation
    if sentence in ctx.sentences:
        yield node, GK.inSentence, _sentence_ref(ctx, sentence)


def entity_mention_triples(ctx: WriteContext, mention: Mention) -> Iterator[Triple]:
    """A named-entity mention: ``oa:identifying`` annotation whose body is its actor."""
    what = f"mention {mention.text!r}"
    ctx.own(mention.article_id, what)
    start, end = ctx.span(mention.start, mention.end, what)
    iri = mention_iri(entity_mention_id(mention))
    node = _iri(iri)
    yield from _mention_header(ctx, node, mention.sentence, OA.identifying)
    yield from _target(ctx, iri, start, end)
    if mention.label:
        yield node, GK.nerLabel, _quoted(mention.label)
    if mention.actor_id:
        body = ctx.memo.get(("actor", mention.actor_id))
        if body is None:
            body = ctx.memo[("actor", mention.actor_id)] = _iri(actor_iri(mention.actor_id))
        yield node, OA.hasBody, body


def check_records(ctx: WriteContext, mentions: tuple[Mention, ...], ext: Extraction | None, ext_id: str = "") -> None:
    """Check records a lower evidence level does not write, as :func:`entity_mention_triples` and
    :func:`extraction_mention_triples` would: the same input fails at every level."""
    for mention in mentions:
        what = f"mention {mention.text!r}"
        ctx.own(mention.article_id, what)
        ctx.span(mention.start, mention.end, what)
    if ext is not None:
        what = f"extraction {ext_id or ext.id} ({ext.relation!r})"
        ctx.own(ext.article_id, what)
        ctx.span(*_clause_span(ext), what)
        _check_relation(ctx, ext, what)


def _argument(ctx: WriteContext, mention: str, arg: Argument, role: str, what: str) -> Iterator[Triple]:
    if arg.start == arg.end and not arg.text:
        return  # an implicit argument (e.g. the agent of an agentless passive): nothing to quote
    start, end = ctx.span(arg.start, arg.end, f"{what} {role} {arg.text!r}")
    segment = ctx.memo.get(("role", role))
    if segment is None:
        segment = ctx.memo[("role", role)] = (iri_segment(role, what="argument role"), _literal(role))
    node = f"<{mention}/arg/{start}-{end}-{segment[0]}>"
    yield f"<{mention}>", GK.hasArgument, node
    yield node, RDF.type, GK.Argument
    yield node, GK.argumentRole, segment[1]
    yield node, SCHEMA.text, _quoted(ctx.content[start:end])
    yield node, OA.start, f'"{start}"{_INTEGER}'
    yield node, OA.end, f'"{end}"{_INTEGER}'
    for prop, value in (
        (GK.headLemma, arg.head_lemma),
        (GK.preposition, arg.prep),
        (GK.resolvedText, arg.resolved),
        (GK.nerLabel, arg.label),
    ):
        if value:
            yield node, prop, _literal(value)


def _check_relation(ctx: WriteContext, ext: Extraction, what: str) -> None:
    """The relation words' span must lie in the text, as level ``full`` writes it."""
    if ext.rel_start != ext.rel_end or ext.relation:
        ctx.span(ext.rel_start, ext.rel_end, f"{what} relation {ext.relation!r}")


def _clause_span(ext: Extraction) -> tuple[int, int]:
    parts = [(ext.rel_start, ext.rel_end)]
    for arg in (ext.subject, ext.object):
        if arg is not None and (arg.start != arg.end or arg.text):
            parts.append((arg.start, arg.end))
    return min(p[0] for p in parts), max(p[1] for p in parts)


def _sentence_ref(ctx: WriteContext, sentence: int) -> Term:
    iri = ctx.memo.get(("sentence", sentence))
    if iri is None:
        iri = ctx.memo[("sentence", sentence)] = _iri(sentence_iri(ctx.article.id, sentence))
    return iri


def relation_in_text(ctx: WriteContext, ext: Extraction) -> bool:
    """Whether a reader can take ``ext``'s relation words from the article text: they are its
    slice ``[rel_start, rel_end)`` (then ``gk:span`` carries their offsets and level
    ``mention`` leaves ``gk:relationText`` out)."""
    return _in_text(ctx, ext.relation, ext.rel_start, ext.rel_end)


def argument_in_text(ctx: WriteContext, ext: Extraction, arg: Argument | None) -> bool:
    """Whether a reader can take ``arg``'s name (``gk:subjectText``, ``gk:objectText``) of
    ``ext`` from the article text: it is the text itself, not a coreference resolution, and
    the text's slice ``[start, end)`` (then ``gk:span`` carries its offsets and level
    ``mention`` leaves the text out)."""
    return arg is not None and not arg.resolved and _in_text(ctx, arg.text, arg.start, arg.end)


def _in_text(ctx: WriteContext, text: str, start: int, end: int) -> bool:
    return bool(text) and 0 <= start < end <= len(ctx.content) and ctx.content[start:end] == text


def span_value(
    start: int,
    end: int,
    sentence: tuple[int, int],
    relation: tuple[int, int] | None = None,
    subject: tuple[int, int] | None = None,
    obj: tuple[int, int] | None = None,
) -> Term:
    """The compact value of a report's offsets into the article text (``gk:span``): the clause's
    ``"start,end"``, as in an RFC 5147 ``char=start,end`` fragment, then the sentence's
    ``",start,end"``, then those of the relation words, the subject and the object where they
    are a slice of the text.  A part that is not is an empty pair (``",,"``); empty pairs at
    the end are left out.

    Examples
    --------
    >>> span_value(0, 18, (0, 19))
    '"0,18,0,19"'
    >>> span_value(0, 18, (0, 19), (6, 13))
    '"0,18,0,19,6,13"'
    >>> span_value(0, 18, (0, 19), (6, 13), (0, 5), (14, 18))
    '"0,18,0,19,6,13,0,5,14,18"'
    >>> span_value(0, 18, (0, 19), None, None, (14, 18))
    '"0,18,0,19,,,,,14,18"'
    """
    parts = [relation, subject, obj]
    while parts and parts[-1] is None:
        parts.pop()
    tail = "".join(",," if p is None else f",{p[0]},{p[1]}" for p in parts)
    return f'"{start},{end},{sentence[0]},{sentence[1]}{tail}"'


def compact_mention_triples(
    ctx: WriteContext, ext: Extraction, bodies: list[Term], *, ext_id: str | None = None
) -> Iterator[Triple]:
    """The evidence of an extraction at level ``mention``, on each claim it evidences.

    One triple per claim (``bodies``, in N-Triples syntax), no mention node
    and no sentence node: ``gk:span``, the report's offsets into the article
    text as one compact value (:func:`span_value`: the clause's
    ``"start,end"``, whose slice of the article text is the quoted text; the
    sentence's, whose slice is the sentence's text; then those of the
    relation words, the subject and the object where they are slices of the
    text, :func:`relation_in_text`, :func:`argument_in_text`).  A claim
    reported twice in one article has two.  Level ``full`` (which calls this
    too) also writes ``gk:inSentence``, the sentence node it describes.

    Examples
    --------
    >>> from geokg.ingest.records import Article, Argument, Extraction
    >>> art = Article.create(title="", text="Kenya thanked Chad.", url="https://x.test/k")
    >>> ext = Extraction(art.id, 0, 0, 19, Argument("subject", "Kenya", 0, 5), "thanked", "thank", 6, 13,
    ...                  Argument("object", "Chad", 14, 18))
    >>> ctx = WriteContext(art, article_iri(art.id), None, {}, frozenset({0}))
    >>> [(p.split("#")[-1], o) for _, p, o in compact_mention_triples(ctx, ext, ["<urn:c>"])]
    [('span>', '"0,18,0,19,6,13,0,5,14,18"')]
    """
    ext_id = ext.id if ext_id is None else ext_id
    what = f"extraction {ext_id} ({ext.relation!r})"
    ctx.own(ext.article_id, what)
    start, end = ctx.span(*_clause_span(ext), what)
    _check_relation(ctx, ext, what)
    # the sentence's offsets (widened to hold the clause where an extractor's offsets run past it)
    sentence_span = ctx.span(min(ext.sent_start, start), max(ext.sent_end, end), f"{what} sentence {ext.sentence}")
    span = span_value(
        start, end, sentence_span,
        (ext.rel_start, ext.rel_end) if relation_in_text(ctx, ext) else None,
        (ext.subject.start, ext.subject.end) if argument_in_text(ctx, ext, ext.subject) else None,
        (ext.object.start, ext.object.end) if ext.object is not None and argument_in_text(ctx, ext, ext.object) else None,
    )
    # level full also names the sentence node (at level mention the span's offsets give the sentence)
    full = ctx.evidence == "full" and ext.sentence in ctx.sentences
    sentence = _sentence_ref(ctx, ext.sentence) if full else None
    for claim in bodies:
        if sentence is not None:
            yield claim, GK.inSentence, sentence
        yield claim, GK.span, span


def extraction_mention_triples(
    ctx: WriteContext, ext: Extraction, bodies: list[Term], *, ext_id: str | None = None
) -> Iterator[Triple]:
    """The evidence of an extraction at level ``full``: a mention node with the clause span and its argument spans.

    Also writes :func:`compact_mention_triples` (the claims' sentence and
    span), so what reads level ``mention`` reads ``full`` too.

    The quoted span runs from the first to the last character of subject,
    relation and object; ``bodies`` are the claims (events or a statement,
    in N-Triples syntax) it evidences.  Each argument (and the relation
    words) becomes a ``gk:Argument`` with its own offsets.  ``ext_id`` is
    ``ext.id`` when the caller has it already.
    """
    ext_id = ext.id if ext_id is None else ext_id
    what = f"extraction {ext_id} ({ext.relation!r})"
    ctx.own(ext.article_id, what)
    iri = mention_iri(ext_id)
    node = _iri(iri)
    start, end = ctx.span(*_clause_span(ext), what)
    yield from _mention_header(ctx, node, ext.sentence, OA.describing)
    yield from _target(ctx, iri, start, end)
    for body in bodies:
        yield node, OA.hasBody, body
    yield from compact_mention_triples(ctx, ext, bodies, ext_id=ext_id)
    relation = Argument("relation", ext.relation, ext.rel_start, ext.rel_end)
    slots = [("subject", ext.subject), ("relation", relation)]
    slots += [("object", ext.object)] if ext.object is not None else []
    slots += [("source", ext.attribution)] if ext.attribution is not None else []
    slots += [(arg.role or "other", arg) for arg in ext.extras]
    for role, arg in slots:
        yield from _argument(ctx, iri, arg, role, what)
