"""The extractor: spaCy ``Doc`` -> :class:`~geokg.ingest.records.Extraction` records.

:func:`extract` runs, per sentence, the verb-clause rules
(:mod:`.clauses`), the role/attribute rules (:mod:`.roles`) and the
nominal-event rules (:mod:`.nominal`), then article-level coreference
(:mod:`.coref`) and the confidence heuristic (:mod:`.confidence`).  It is a
pure function of the Doc and the config: no I/O, the lexicon is loaded once
per :class:`~geokg.ingest.extract.config.ExtractorConfig` object.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Police", "arrested", "two", "men", "."],
...           heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nummod", "dobj", "punct"],
...           pos=["NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
...           lemmas=["police", "arrest", "two", "man", "."],
...           sent_starts=[True, False, False, False, False])
>>> [(x.subject.text, x.lemma, x.object.text) for x in extract(doc, article_id="a1")]
[('Police', 'arrest', 'two men')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from geokg.ingest.extract.clauses import ClauseContext, verb_frames
from geokg.ingest.extract.confidence import score
from geokg.ingest.extract.config import ExtractorConfig
from geokg.ingest.extract.coref import resolve_frames
from geokg.ingest.extract.frames import Frame, frame_to_extraction
from geokg.ingest.extract.headline import headline_frames, is_title_case
from geokg.ingest.extract.nominal import nominal_frames
from geokg.ingest.extract.roles import role_frames
from geokg.ingest.records import Extraction
from spacy.tokens import Doc

__all__ = ["extract", "doc_frames", "DEFAULT_CONFIG", "DocFrames"]

#: The configuration used when none is given (its lexicon loads on first use).
DEFAULT_CONFIG = ExtractorConfig()


@dataclass(frozen=True, slots=True)
class DocFrames:
    """Frames of a Doc with the sentence boundaries they refer to."""

    frames: tuple[Frame, ...]
    sent_bounds: tuple[tuple[int, int], ...]


def doc_frames(doc: Doc, config: ExtractorConfig | None = None, *, split_conj: bool = True,
               nominals: bool | None = None, roles: bool | None = None,
               noun_preps: tuple[str, ...] | frozenset[str] | None = None,
               trim_titles: bool = True) -> DocFrames:
    """All frames of ``doc`` after coreference and confidence scoring."""
    return _doc_frames(doc, config, split_conj=split_conj, nominals=nominals, roles=roles,
                       noun_preps=noun_preps, trim_titles=trim_titles)[0]


def _doc_frames(doc: Doc, config: ExtractorConfig | None = None, *, split_conj: bool = True,
                nominals: bool | None = None, roles: bool | None = None,
                noun_preps: tuple[str, ...] | frozenset[str] | None = None,
                trim_titles: bool = True) -> tuple[DocFrames, ClauseContext]:
    """:func:`doc_frames` and the context it used (with the Doc's attribute table)."""
    cfg = config or DEFAULT_CONFIG
    if not isinstance(doc, Doc):
        raise TypeError(f"extract() needs a spaCy Doc, got {type(doc).__name__}: {doc!r:.80}")
    if len(doc) and not doc.has_annotation("DEP"):
        raise ValueError(f"Doc {doc.text[:60]!r} has no dependency parse; run a parser first")
    ctx = ClauseContext(cfg, split_conj=split_conj, noun_preps=noun_preps, trim_titles=trim_titles)
    use_nominals = cfg.nominals if nominals is None else nominals
    use_roles = cfg.roles if roles is None else roles
    frames: list[Frame] = []
    bounds: list[tuple[int, int]] = []
    tab = ctx.table(doc)
    text = tab.text
    alpha = tab.is_alpha
    for index, sent in enumerate(doc.sents):
        start_char = sent.start_char
        end_char = sent.end_char
        while end_char > start_char and text[end_char - 1].isspace():
            end_char -= 1
        bounds.append((start_char, end_char))
        if not any(alpha[sent.start:sent.end]):
            continue
        sent_frames = verb_frames(sent, index, ctx)
        if is_title_case(sent, tab):
            sent_frames = headline_frames(sent, index, ctx, sent_frames)
        if use_roles:
            sent_frames.extend(role_frames(sent, index, ctx))
        if use_nominals:
            sent_frames.extend(nominal_frames(sent, index, ctx, sent_frames))
        frames.extend(sent_frames)
    pronoun_heads = resolve_frames(doc, frames, ctx) if cfg.coref else _pronoun_heads(doc, frames, ctx)
    for f in frames:
        f.confidence = score(f, pronoun_heads)
    return DocFrames(tuple(frames), tuple(bounds)), ctx


def _pronoun_heads(doc: Doc, frames: list[Frame], ctx: ClauseContext) -> set[int]:
    pron = ctx.lex.pronouns
    out = set()
    for f in frames:
        for span in (f.subj, f.obj, f.agent):
            if span is not None and span.end > span.start and doc[span.head].lower_ in pron:
                out.add(span.head)
    return out


def extract(doc: Doc, *, article_id: str = "", config: ExtractorConfig | None = None) -> Iterator[Extraction]:
    """Yield the :class:`~geokg.ingest.records.Extraction` records of ``doc``.

    Parameters
    ----------
    doc
        A parsed Doc (tagger, parser, lemmatizer and NER annotations).
    article_id
        Copied into every record.
    config
        Extractor settings; :data:`DEFAULT_CONFIG` when ``None``.
    """
    cfg = config or DEFAULT_CONFIG
    result, ctx = _doc_frames(doc, cfg)
    tab = ctx.table(doc)
    text = tab.text
    seen: set[str] = set()
    for f in result.frames:
        if f.confidence < cfg.min_confidence:
            continue
        rec = frame_to_extraction(doc, f, article_id, result.sent_bounds[f.sent], cfg.agentless_passives, text,
                                  tab)
        if rec is None or rec.id in seen:
            continue
        seen.add(rec.id)
        yield rec
