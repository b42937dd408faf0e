"""The intermediate frame the rules build, and its conversion to records.

A :class:`Frame` keeps the *surface* analysis of one predication (surface
subject, direct object, prepositional phrases, passive flag, by-agent, the
relation words with auxiliaries and negation).  Two views are derived from it:

* :func:`frame_to_extraction` gives the logical record: passives are turned
  around (the by-agent becomes the subject, the surface subject the object),
  a verb without a direct object takes its first non-time/place prepositional
  object as the object and the preposition into the lemma ("push back
  against"), the other phrases become ``extras``.
* :func:`geokg.ingest.extract.carb.frame_to_carb` gives the surface n-ary
  tuple CaRB expects.

Agentless passives ("X was arrested in Sinaloa") give a record whose subject is
*implicit*: an empty :class:`~geokg.ingest.records.Argument` (``text == ""``,
offsets at the verb) and whose object is the surface subject; the record's
confidence is lowered.  Set ``ExtractorConfig(agentless_passives=False)`` to
drop them.

Examples
--------
>>> f = Frame(kind="event", sent=0, pred=1, lemma="reject", rel_tokens=[1])
>>> (f.polarity, f.mode)
('positive', 'asserted')
>>> combine_modes("asserted", "intended")
'intended'
>>> combine_modes("hypothetical", "intended")
'hypothetical'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geokg.ingest.extract.arguments import ArgSpan, to_argument
from geokg.ingest.extract.doctable import DocTable
from geokg.ingest.records import Extraction
from spacy.tokens import Doc

__all__ = ["Frame", "frame_to_extraction", "combine_modes", "relation_text", "MODE_RANK"]

#: Precedence of modes when several apply (higher wins).
MODE_RANK = {"asserted": 0, "reported": 1, "future": 2, "intended": 3, "demanded": 4, "hypothetical": 5}


def combine_modes(*modes: str) -> str:
    """The strongest of ``modes`` by :data:`MODE_RANK`."""
    best = "asserted"
    for m in modes:
        if m and MODE_RANK.get(m, 0) > MODE_RANK[best]:
            best = m
    return best


@dataclass(slots=True)
class Frame:
    """One predication found by the rules (token offsets, surface view)."""

    kind: str
    sent: int
    pred: int
    lemma: str
    rel_tokens: list[int]
    subj: ArgSpan | None = None
    obj: ArgSpan | None = None
    pps: list[ArgSpan] = field(default_factory=list)
    agent: ArgSpan | None = None
    passive: bool = False
    polarity: str = "positive"
    mode: str = "asserted"
    attribution: ArgSpan | None = None
    rel_text: str = ""          # fixed relation text (role/attribute records)
    carb_rel: str = ""          # fixed CaRB relation text
    odd: float = 0.0            # parse-oddity penalty (0..1)
    confidence: float = 1.0
    extra_args: list[ArgSpan] = field(default_factory=list)  # roles already final (nominals)
    lemma_fixed: bool = False   # keep the lemma when a prepositional object is promoted


def relation_text(doc: Doc, tokens: list[int]) -> str:
    """Surface text of relation tokens in sentence order."""
    return " ".join(doc[i].text for i in sorted(set(tokens)))


def _implicit(role: str, at: int) -> ArgSpan:
    return ArgSpan(role, at, at, at)


def frame_to_extraction(doc: Doc, frame: Frame, article_id: str,
                        sent_bounds: tuple[int, int], agentless: bool = True,
                        doc_text: str | None = None, tab: DocTable | None = None) -> Extraction | None:
    """The logical :class:`Extraction` for ``frame`` (``None`` when unusable).

    ``tab``: the Doc's :class:`~geokg.ingest.extract.doctable.DocTable`, when
    the caller has one.
    """
    if tab is None:
        tab = DocTable(doc)
    if doc_text is None:
        doc_text = tab.text
    roles = _event_roles(frame, agentless)
    if roles is None:
        return None
    subj, obj, pps, lemma = roles
    rel_tokens = list(frame.rel_tokens)
    if subj is None:
        subj = _implicit("subject", frame.pred)
    subject = to_argument(doc, _with_role(subj, "subject"), doc_text, tab)
    obj_arg = to_argument(doc, _with_role(obj, "object"), doc_text, tab) if obj is not None else None
    extras = tuple(to_argument(doc, pp, doc_text, tab) for pp in pps) + tuple(
        to_argument(doc, a, doc_text, tab) for a in frame.extra_args)
    attribution = (to_argument(doc, _with_role(frame.attribution, "source"), doc_text, tab)
                   if frame.attribution is not None else None)
    toks = sorted(set(rel_tokens)) or [frame.pred]
    rel_start = tab.idx[toks[0]]
    rel_end = tab.idx[toks[-1]] + len(tab.words[toks[-1]])
    if obj is not None and obj.prep and obj is not frame.obj and frame.kind == "event" \
            and not frame.lemma_fixed:
        relation = relation_text(doc, toks) + " " + obj.prep
    else:
        relation = frame.rel_text or relation_text(doc, toks)
    return Extraction(
        article_id=article_id,
        sentence=frame.sent,
        sent_start=sent_bounds[0],
        sent_end=sent_bounds[1],
        subject=subject,
        relation=relation,
        lemma=lemma,
        rel_start=rel_start,
        rel_end=rel_end,
        object=obj_arg,
        extras=extras,
        polarity=frame.polarity,
        mode=frame.mode,
        attribution=attribution,
        kind=frame.kind,
        confidence=round(frame.confidence, 3),
    )


def _event_roles(frame: Frame, agentless: bool) -> tuple[ArgSpan | None, ArgSpan | None, list[ArgSpan], str] | None:
    """Subject, object, other arguments and lemma of a frame after voice and preposition promotion.

    A passive takes its agent as subject (an implicit one when ``agentless``, else None
    is returned) and its surface subject as object; an event with no object promotes its
    first recipient or other prepositional argument ("pushed back *against* X").
    """
    subj, obj = frame.subj, frame.obj
    pps = list(frame.pps)
    lemma = frame.lemma
    if frame.kind == "event" and frame.passive:
        if frame.agent is not None:
            subj, obj, surf_obj = frame.agent, frame.subj, frame.obj
        else:
            if not agentless or frame.subj is None:
                return None
            subj, obj, surf_obj = _implicit("subject", frame.pred), frame.subj, frame.obj
        if surf_obj is not None:
            pps.insert(0, _with_role(surf_obj, "other"))
    if frame.kind == "event" and obj is None:
        for i, pp in enumerate(pps):
            if pp.prep and pp.prep != "by" and (
                    pp.role == "recipient" or (pp.role == "other" and (
                        not frame.lemma_fixed or pp.prep in ("against", "on", "of", "into")))):
                obj = pp
                del pps[i]
                if not frame.lemma_fixed:
                    lemma = f"{lemma} {pp.prep}"
                break
    return subj, obj, pps, lemma


def _with_role(span: ArgSpan, role: str) -> ArgSpan:
    if span.role == role:
        return span
    return ArgSpan(role, span.start, span.end, span.head, span.prep, span.resolved, span.text, span.label)
