"""Title-Case headlines ("Mexico Rejects US Military Action Against Cartels").

The small English model tags Title-Case words as proper nouns and often
swallows the whole headline into one ORG entity.  For a sentence in Title
Case (:func:`is_title_case`) :func:`headline_frames`

* drops NER labels of entities that contain the relation verb (they are
  artefacts of the capitalisation), and
* when the parser found no verb clause, falls back to a positional rule: the
  first token tagged as a finite verb (VBZ/VBD/VBP), or whose lower-cased form
  ends in *-s*/*-es*/*-ed* and whose stem is a known verb (``extract/verbs.tsv``
  and ``extract/headline_verbs.tsv``), becomes the relation;
  the words before it are the subject, the noun phrase after it (up to the
  first preposition) the object and the prepositional phrases after that
  become extras.  Fallback frames carry a 0.15 oddity penalty.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> is_title_case(nlp("Mexico Rejects US Military Action Against Cartels")[:])
True
>>> is_title_case(nlp("Mexico rejects the plan")[:])
False
"""

from __future__ import annotations

from geokg.ingest.extract.arguments import ArgSpan, pp_role
from geokg.ingest.extract.clauses import ClauseContext
from geokg.ingest.extract.doctable import DocTable
from geokg.ingest.extract.frames import Frame
from spacy.tokens import Span, Token

__all__ = ["is_title_case", "headline_frames"]

_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with",
                    "by", "as", "from", "over", "against", "amid", "after", "vs"})
#: Words a headline's count of victims may start with ("Kill *at* Least 20", "Kill *Dozens*").
_COUNT_STARTS = frozenset({"at", "dozens", "scores", "hundreds", "thousands", "more", "over", "nearly", "some"})
_PREPS = frozenset({"of", "in", "on", "at", "to", "for", "with", "by", "from", "over", "against",
                    "amid", "after", "into", "toward", "towards", "despite", "before", "near", "across"})


def is_title_case(sent: Span, tab: DocTable | None = None) -> bool:
    """Whether most content words of ``sent`` start with a capital letter.

    ``tab``: the Doc's :class:`~geokg.ingest.extract.doctable.DocTable`, when
    the caller has one.
    """
    if tab is None:
        tab = DocTable(sent.doc)
    alpha, lower, text = tab.is_alpha, tab.lower, tab.words
    words = [text[i] for i in range(sent.start, sent.end) if alpha[i] and lower[i] not in _SMALL]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.8 * len(words) and any(w[0].isupper() for w in words[1:])


def _verb_candidate(tok: Token, ctx: ClauseContext) -> str:
    """Lemma when ``tok`` looks like the headline's verb, else ""."""
    if tok.tag_ in ("VBZ", "VBD", "VBP") and tok.pos_ in ("VERB", "AUX") and tok.lemma_ != "be":
        return tok.lemma_.lower()
    low = tok.lower_
    lex = ctx.lex
    for stem in (low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else "",
                 low[:-2] if low.endswith("ed") else "", low[:-1] if low.endswith("d") else ""):
        if stem and stem in lex.headline_verbs:
            return stem
    return ""


def _plural_before_verb(toks: list[Token], k: int, ctx: ClauseContext) -> bool:
    """Whether the "-s" word ``toks[k]`` is the plural of an event noun because a verb's plain
    form and a count follow it: "Peru *Raids* Leave at Least 20 Dead", "Border *Clashes* Kill
    Five" (not "Chile *Urges* End to Talks": "urge" is no event noun)."""
    low, nouns = toks[k].lower_, ctx.lex.event_nouns
    if k + 2 >= len(toks) or not low.endswith("s") or (low[:-1] not in nouns and low[:-2] not in nouns):
        return False
    verb, count = toks[k + 1], toks[k + 2]
    return (verb.text[:1].isupper() and verb.lower_ in ctx.lex.headline_verbs and verb.lower_ not in _PREPS
            and (count.like_num or count.lower_ in _COUNT_STARTS))


def _fallback(sent: Span, sent_index: int, ctx: ClauseContext) -> list[Frame]:
    toks = [t for t in sent if not t.is_space]
    plural = False  # the word before was a plural noun: a verb's plain form may follow it
    for k, tok in enumerate(toks):
        if k == 0 or tok.lower_ in _PREPS:
            continue
        lemma = _verb_candidate(tok, ctx) or (tok.lower_ if plural and tok.lower_ in ctx.lex.headline_verbs else "")
        plural = bool(lemma) and _plural_before_verb(toks, k, ctx)
        if not lemma or plural:
            continue
        subj = ArgSpan("subject", toks[0].i, tok.i, tok.i - 1)
        j = k + 1
        while j < len(toks) and toks[j].lower_ not in _PREPS and not toks[j].is_punct:
            j += 1
        obj = ArgSpan("object", toks[k + 1].i, toks[j - 1].i + 1, toks[j - 1].i) if j > k + 1 else None
        pps = []
        while j < len(toks) - 1 and toks[j].lower_ in _PREPS:
            m = j + 1
            while m < len(toks) and toks[m].lower_ not in _PREPS and not toks[m].is_punct:
                m += 1
            if m > j + 1:
                pps.append(ArgSpan(pp_role(toks[j], toks[m - 1]), toks[j + 1].i, toks[m - 1].i + 1,
                                   toks[m - 1].i, toks[j].lower_))
            j = m
        return [Frame(kind="event", sent=sent_index, pred=tok.i, lemma=lemma, rel_tokens=[tok.i],
                      subj=subj, obj=obj, pps=pps, odd=0.15)]
    return []


def _clear_bogus_labels(frame: Frame, sent: Span) -> None:
    rel = set(frame.rel_tokens)
    doc = sent.doc
    for span in (frame.subj, frame.obj, frame.agent, *frame.pps):
        if span is None or span.end <= span.start:
            continue
        head = doc[span.head]
        if not head.ent_type_:
            continue
        ent = next((e for e in sent.ents if e.start <= head.i < e.end), None)
        if ent is not None and any(ent.start <= r < ent.end for r in rel):
            span.label = ""


def headline_frames(sent: Span, sent_index: int, ctx: ClauseContext, frames: list[Frame]) -> list[Frame]:
    """Repair or replace the verb frames of a Title-Case sentence."""
    if not frames:
        frames = _fallback(sent, sent_index, ctx)
    for f in frames:
        _clear_bogus_labels(f, sent)
    return frames
