"""Nominal events: event nouns with their arguments.

A noun whose lemma is listed in ``extract/nominals.tsv`` ("arrest", "bust",
"ultimatum", "fight", "dismantling") gives a ``kind="nominal"`` record with
the noun's lemma as the relation lemma, when it has at least one argument:

* **subject**: the possessor ("Sheinbaum's fight"), a *by*-phrase, or a
  GPE/NORP/ORG modifier ("US airstrikes", "Mexican raids"); else implicit
  (empty);
* **object**: the *of*/*against*/*on*/*into* phrase ("arrests of cartel
  leaders", "fight against cartels");
* **extras**: the other prepositional phrases, by role (``to Mexico`` ->
  recipient, ``in Sinaloa`` -> place, ``in December`` -> time).

The mode comes from a governing verb: the object of *demand* is demanded,
of *want*/*plan* intended.  Nouns already used as the event of a light verb
("conducted arrests", see :mod:`.clauses`) are not repeated.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.clauses import ClauseContext
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["the", "arrests", "of", "leaders"], heads=[1, 1, 1, 2],
...           deps=["det", "ROOT", "prep", "pobj"], pos=["DET", "NOUN", "ADP", "NOUN"],
...           lemmas=["the", "arrest", "of", "leader"], sent_starts=[True, False, False, False])
>>> f = nominal_frames(doc[:], 0, ClauseContext(ExtractorConfig()), [])[0]
>>> (f.kind, f.lemma, doc[f.obj.start:f.obj.end].text)
('nominal', 'arrest', 'leaders')
"""

from __future__ import annotations

from geokg.ingest.extract.arguments import ArgSpan
from geokg.ingest.extract.clauses import ClauseContext, arg_span, pp_args
from geokg.ingest.extract.frames import Frame
from spacy.tokens import Span, Token

__all__ = ["nominal_frames"]

_OBJ_PREPS = ("of", "against", "on", "into")
_ACTOR_MOD = frozenset({"GPE", "NORP", "ORG"})


def _governor_mode(noun: Token, ctx: ClauseContext) -> str:
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return ctx.lex.mode_verbs.get(head.lemma_.lower(), "") or "asserted"
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB" and head.lower_ == "for":
        # "call for the release", "push for talks"
        return ctx.lex.mode_verbs.get(head.head.lemma_.lower(), "") or "asserted"
    return "asserted"


def _claimer(noun: Token, ctx: ClauseContext) -> ArgSpan | None:
    """The subject of a verb that claims ``noun`` as its own act ("the group *claimed* the attack",
    "*took* responsibility *for* the bombing"; ``claim`` verbs of ``extract/verbs.tsv``), else None."""
    head, how = noun.head, "direct"
    if noun.dep_ == "dobj":
        verb = head
    elif noun.dep_ == "pobj" and head.lower_ == "for":
        how = "responsibility"
        owner = head.head  # "responsibility for X", or the verb itself when the parser attaches "for" to it
        verb = owner.head if owner.dep_ == "dobj" else owner
        if not any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in verb.children):
            return None
    else:
        return None
    allowed = ctx.lex.claim_verbs.get(verb.lemma_.lower())
    if allowed is None or (how == "direct" and allowed != "direct"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return arg_span(subj, "subject", ctx) if subj is not None else None


def nominal_frames(sent: Span, sent_index: int, ctx: ClauseContext, done: list[Frame]) -> list[Frame]:
    """Nominal-event frames of ``sent``; ``done`` holds the frames found so far."""
    lex = ctx.lex
    used = {i for f in done for i in f.rel_tokens}
    frames: list[Frame] = []
    doc = sent.doc
    tab = ctx.table(doc)
    tpos, tdep, tlemma = tab.pos, tab.dep, tab.lemma
    for i in range(sent.start, sent.end):
        if tpos[i] != "NOUN" or tdep[i] in ("compound",) or i in used:
            continue
        lemma = tlemma[i].lower()
        if lemma not in lex.event_nouns:
            continue
        noun = doc[i]
        subj = None
        for c in noun.lefts:
            if c.dep_ == "poss":
                subj = arg_span(c, "subject", ctx)
            elif subj is None and c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in _ACTOR_MOD:
                subj = ArgSpan("subject", c.left_edge.i, c.i + 1, c.i)
        obj = None
        skip = set()
        for c in noun.rights:
            if c.dep_ == "prep" and c.lower_ in _OBJ_PREPS and obj is None:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    obj = arg_span(pobj, "object", ctx, c.lower_)
                    skip.add(c.lower_)
            elif (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")) and subj is None:
                # "the shelling of Kyiv *by Russian forces*": the parser often makes the agent a prep
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                    subj = arg_span(pobj, "subject", ctx)
                    skip.add("by")
        if subj is None:
            subj = _claimer(noun, ctx)
        extras = pp_args(noun, ctx, skip=frozenset(skip))
        if subj is None and obj is None and not extras:
            continue
        frames.append(Frame(
            kind="nominal", sent=sent_index, pred=noun.i, lemma=lex.event_nouns[lemma],
            rel_tokens=[noun.i], subj=subj, obj=obj, pps=extras,
            mode=_governor_mode(noun, ctx), lemma_fixed=True,
        ))
    return frames
