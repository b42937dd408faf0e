"""CaRB adapter: the extractor's frames as surface n-ary Open-IE tuples.

CaRB (Bhardwaj et al., 2019) scores ``(relation, arg1, arg2, arg3...)``
tuples against gold ones word by word.  :func:`carb_tuples` turns the
*surface* view of each frame into that shape:

* ``arg1`` is the surface subject (for passives too: "X | was arrested by |
  police");
* the relation carries auxiliaries, negation, merged control verbs and the
  particle ("did not approve", "wants to deploy", "has pushed back");
* ``arg2`` is the direct object or clausal complement; without one, the first
  prepositional phrase's preposition joins the relation and its object
  becomes ``arg2`` ("was arrested in | Sinaloa");
* later args are the remaining prepositional phrases with their preposition
  ("in December") and time adverbials.

Role records become ``(name, "is", title)``, attribute records
``(subject, "is", object)``; nominal events are left out (CaRB annotates
verbal predications).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Police", "did", "not", "arrest", "him", "in", "May"],
...           heads=[3, 3, 3, 3, 3, 3, 5], deps=["nsubj", "aux", "neg", "ROOT", "dobj", "prep", "pobj"],
...           pos=["NOUN", "AUX", "PART", "VERB", "PRON", "ADP", "PROPN"],
...           lemmas=["police", "do", "not", "arrest", "he", "in", "May"],
...           ents=["O", "O", "O", "O", "O", "O", "B-DATE"],
...           sent_starts=[True, False, False, False, False, False, False])
>>> carb_tuples(doc)[0][1:]
('did not arrest', ['Police', 'him', 'in May'])
"""

from __future__ import annotations

from geokg.ingest.extract.arguments import AllPreps, ArgSpan
from geokg.ingest.extract.config import ExtractorConfig
from geokg.ingest.extract.core import DEFAULT_CONFIG, doc_frames
from geokg.ingest.extract.frames import Frame, relation_text
from spacy.tokens import Doc

__all__ = ["carb_tuples", "frame_to_carb"]


def _text(doc: Doc, span: ArgSpan) -> str:
    if span.end <= span.start:
        return ""
    return doc[span.start:span.end].text


def _pp_text(doc: Doc, span: ArgSpan) -> str:
    t = _text(doc, span)
    return f"{span.prep} {t}" if span.prep else t


def frame_to_carb(doc: Doc, frame: Frame) -> tuple[float, str, list[str]] | None:
    """One CaRB tuple ``(confidence, relation, args)`` for ``frame``, or ``None``."""
    if frame.subj is None or frame.subj.end <= frame.subj.start:
        return None
    arg1 = _text(doc, frame.subj)
    if frame.kind in ("role", "attribute") and frame.carb_rel:
        obj = _text(doc, frame.obj) if frame.obj is not None else ""
        return (frame.confidence, frame.carb_rel, [arg1, obj]) if obj else None
    rel = relation_text(doc, frame.rel_tokens)
    pps = list(frame.pps)
    args = [arg1]
    if frame.passive and frame.agent is not None:
        rel += " by"
        args.append(_text(doc, frame.agent))
        if frame.obj is not None:
            args.append(_text(doc, frame.obj))
    elif frame.obj is not None:
        args.append(_text(doc, frame.obj))
    elif pps:
        first = pps.pop(0)
        if first.prep:
            rel += f" {first.prep}"
        args.append(_text(doc, first))
    args.extend(_pp_text(doc, p) for p in pps)
    args = [a for a in args if a]
    if len(args) < 2 and not rel:
        return None
    return frame.confidence, rel, args


def carb_tuples(doc: Doc, config: ExtractorConfig | None = None, **options) -> list[tuple[float, str, list[str]]]:
    """CaRB tuples ``(confidence, relation, [arg1, arg2, ...])`` for ``doc``."""
    cfg = config or DEFAULT_CONFIG
    opts = dict(nominals=False, trim_titles=False, noun_preps=AllPreps(), split_conj=True)
    opts.update(options)
    result = doc_frames(doc, cfg, **opts)
    out = []
    seen = set()
    for f in result.frames:
        t = frame_to_carb(doc, f)
        if t is None:
            continue
        key = (t[1], tuple(t[2]))
        if key in seen:
            continue
        seen.add(key)
        out.append(t)
    return out
