"""Role and attribute records: titles, appositions and copulas.

* **Title before a name** - "Mexico's President Claudia Sheinbaum", "US
  President Donald Trump": a PERSON name whose compound modifiers include a
  role noun (``extract/roles.tsv``) gives a ``kind="role"`` record
  (subject: the name; lemma ``hold role``; object: the normalised title, e.g.
  "President of Mexico", whose offsets cover the source words "Mexico's
  President"; the organisation or country is also an ``of`` extra).
* **Apposition** - "Claudia Sheinbaum, the president of Mexico," gives a role
  record when the appositive is headed by a role noun, else an attribute
  record (lemma ``be``): "Sinaloa, home to the Sinaloa Cartel".
* **Copula** - "X is the capital of Y" gives an attribute record (lemma
  ``be``, object "the capital of Y"); with a role noun and a person subject it
  is a role record.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.clauses import ClauseContext
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["President", "Ana", "Ruiz", "spoke"],
...           heads=[2, 2, 3, 3], deps=["compound", "compound", "nsubj", "ROOT"],
...           pos=["PROPN", "PROPN", "PROPN", "VERB"],
...           lemmas=["President", "Ana", "Ruiz", "speak"],
...           ents=["O", "B-PERSON", "I-PERSON", "O"], sent_starts=[True, False, False, False])
>>> f = role_frames(doc[:], 0, ClauseContext(ExtractorConfig()))[0]
>>> (f.kind, f.lemma, doc[f.subj.start:f.subj.end].text, f.obj.text)
('role', 'hold role', 'Ana Ruiz', 'President')
"""

from __future__ import annotations

from geokg.ingest.extract.arguments import (
    AllPreps,
    ArgSpan,
    is_name,
    make_arg,
    name_span,
    np_bounds,
    title_word,
)
from geokg.ingest.extract.attribution import source_token, subject_of
from geokg.ingest.extract.clauses import (
    ClauseContext,
    antecedent,
    arg_span,
    pp_args,
    relation_tokens,
)
from geokg.ingest.extract.frames import Frame
from geokg.ingest.extract.modality import is_negated, own_mode
from spacy.tokens import Span, Token

__all__ = ["role_frames", "title_frame"]

_ORG_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC"})


def title_frame(head: Token, sent_index: int, ctx: ClauseContext) -> Frame | None:
    """Role record for a title in front of a name ("US President Donald Trump")."""
    lex = ctx.lex
    role = title_word(head, lex.is_role_noun)
    if role is None:
        return None
    name_start, name_end = name_span(head, role.i)
    mods = [c for c in head.lefts if c.i < name_start and c.dep_ in ("compound", "amod", "poss", "nmod")]
    org = None
    title_words = []
    for c in [*mods, *role.lefts]:
        if c is role:
            continue
        if c.dep_ == "poss" or c.ent_type_ in _ORG_LABELS:
            org = c
        elif c.head is role and c.dep_ in ("compound", "amod", "nmod"):
            title_words.append(c)
    role_text = " ".join(t.text for t in sorted([*title_words, role], key=lambda t: t.i))
    obj_start = min([role.i, *(t.left_edge.i for t in title_words),
                     *([org.left_edge.i] if org is not None else [])])
    extras = []
    if org is not None:
        s, e = np_bounds(org, ctx.noun_preps)
        while e - 1 > org.i and (head.doc[e - 1].tag_ == "POS" or head.doc[e - 1].dep_ == "case"):
            e -= 1
        org_text = head.doc[s:e].text
        extras.append(ArgSpan("other", s, e, org.i, "of"))
        text = f"{role_text} of {org_text}" if org.ent_type_ != "NORP" else f"{org_text} {role_text}"
    else:
        text = role_text
    obj = ArgSpan("object", obj_start, role.i + 1, role.i, text=text)
    return Frame(
        kind="role", sent=sent_index, pred=role.i, lemma="hold role", rel_tokens=[role.i],
        subj=ArgSpan("subject", name_start, name_end, head.i), obj=obj, extra_args=extras,
        rel_text="hold role", carb_rel="is",
    )


def _appos_frame(noun: Token, appos: Token, sent_index: int, ctx: ClauseContext) -> Frame | None:
    lex = ctx.lex
    if appos.pos_ not in ("NOUN", "PROPN"):
        return None
    a_role = lex.is_role_noun(appos.lemma_)
    n_role = lex.is_role_noun(noun.lemma_)
    if n_role and appos.ent_type_ == "PERSON":
        # "the president, Claudia Sheinbaum,"
        noun, appos = appos, noun
        a_role = True
    subj = make_arg("subject", noun, ctx.noun_preps, trim_titles=lex.is_role_noun if ctx.trim_titles else None)
    obj = make_arg("object", appos, AllPreps())
    kind = "role" if a_role and (is_name(noun) or noun.ent_type_ == "PERSON") else "attribute"
    return Frame(
        kind=kind, sent=sent_index, pred=appos.i, lemma="hold role" if kind == "role" else "be",
        rel_tokens=[appos.i], subj=subj, obj=obj,
        rel_text="hold role" if kind == "role" else "be", carb_rel="is",
    )


def _copula_frame(cop: Token, sent_index: int, ctx: ClauseContext) -> Frame | None:
    lex = ctx.lex
    tab = ctx.table(cop.doc)
    subj_tok = subject_of(cop, 0, tab)
    pred = next((cop.doc[c] for c in tab.children[cop.i] if tab.dep[c] in ("attr", "acomp")), None)
    if subj_tok is None or pred is None:
        return None
    subj_tok = antecedent(subj_tok)
    if subj_tok.lower_ in ("there", "it", "this", "that") and subj_tok.pos_ in ("PRON", "DET", "ADV"):
        if subj_tok.lower_ != "it":
            return None
    subj = arg_span(subj_tok, "subject", ctx)
    obj = make_arg("object", pred, AllPreps())
    if pred.dep_ == "acomp":
        obj = ArgSpan("object", pred.left_edge.i, pred.i + 1, pred.i)
        for c in pred.rights:
            if c.dep_ in ("prep", "xcomp") and c.i == obj.end:
                obj.end = c.right_edge.i + 1
    kind = "role" if lex.is_role_noun(pred.lemma_) and (subj_tok.ent_type_ == "PERSON" or is_name(subj_tok)) \
        else "attribute"
    src = source_token(cop, lex, tab)
    mode = own_mode(cop, lex, tab)
    attribution = arg_span(src, "source", ctx) if src is not None else None
    if attribution is not None and mode == "asserted":
        mode = "reported"
    pps = pp_args(cop, ctx)
    rel_tokens = relation_tokens(cop, lex, tab)
    gov = cop
    while gov.dep_ == "xcomp" and gov.head.pos_ in ("VERB", "AUX") and len(rel_tokens) < 8:
        gov = gov.head  # "is revealed to be", "seems to be"
        rel_tokens.extend(relation_tokens(gov, lex, tab))
    return Frame(
        kind=kind, sent=sent_index, pred=cop.i, lemma="hold role" if kind == "role" else "be",
        rel_tokens=rel_tokens, subj=subj, obj=obj, pps=pps,
        polarity="negative" if is_negated(cop, lex, tab) else "positive", mode=mode,
        attribution=attribution,
    )


def role_frames(sent: Span, sent_index: int, ctx: ClauseContext) -> list[Frame]:
    """Role and attribute frames of ``sent`` (see the module docstring)."""
    frames: list[Frame] = []
    doc = sent.doc
    tab = ctx.table(doc)
    tpos, tdep, children = tab.pos, tab.dep, tab.children
    for i in range(sent.start, sent.end):
        pos = tpos[i]
        if pos == "PROPN":
            f = title_frame(doc[i], sent_index, ctx)
            if f is not None:
                frames.append(f)
        if pos in ("NOUN", "PROPN"):
            for c in children[i]:
                if c > i and tdep[c] == "appos":
                    f = _appos_frame(doc[i], doc[c], sent_index, ctx)
                    if f is not None:
                        frames.append(f)
        elif pos == "AUX" and tab.lemma[i] == "be" and tdep[i] not in ("aux", "auxpass"):
            f = _copula_frame(doc[i], sent_index, ctx)
            if f is not None:
                frames.append(f)
    return frames
