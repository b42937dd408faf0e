"""Verb clauses: subject, relation, object and prepositional phrases.

For every verb of a sentence one :class:`~geokg.ingest.extract.frames.Frame`
per (subject conjunct, object conjunct) pair is built:

* **subject**: ``nsubj``/``nsubjpass``/``csubj``; else inherited - a verb
  conjunct takes its first conjunct's subject, an ``xcomp`` takes its
  controller (the governor's object for *urge X to*, else the governor's
  subject), a subjectless participle clause (", stating that") takes the
  subject of the clause it hangs from, a participle modifying a noun takes
  that noun ("cartels operating in Mexico"; passive for "-ed" participles:
  "operatives wanted by US authorities"), relative pronouns are replaced by
  their antecedent.  Active clauses without any subject are skipped.
* **relation**: auxiliaries, negation, the verb and its particle ("has
  strongly pushed back" -> "has pushed back").  A governor of an ``xcomp``
  without its own object is *merged* into the complement's relation: "wants to
  deploy" gives one record, lemma ``deploy``, mode ``intended``; "refused to
  sign" gives lemma ``sign``, polarity ``negative``.
* **object**: ``dobj``/``attr``/``oprd``; else a clausal complement (the
  claim of a speech verb); else (in the logical view) the first
  prepositional object ("pushed back against reports").
* **prepositional phrases** of the verb and of its object noun become extras;
  ``dative`` objects become recipients; DATE adverbials become time extras.
* **light verbs** (*conduct*, *carry out*, *launch*, ...) with an event-noun
  object give the noun's lemma: "conducted arrests" -> lemma ``arrest``
  (relation text stays "conducted arrests"; the noun's *of*-object, if any,
  becomes the object).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Police", "arrested", "two", "men"],
...           heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "nummod", "dobj"],
...           pos=["NOUN", "VERB", "NUM", "NOUN"], lemmas=["police", "arrest", "two", "man"],
...           sent_starts=[True, False, False, False])
>>> ctx = ClauseContext(ExtractorConfig())
>>> [(f.lemma, f.subj.start, f.obj.start) for f in verb_frames(doc[:], 0, ctx)]
[('arrest', 0, 2)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from spacy.tokens import Span, Token

from .arguments import ArgSpan, make_arg, np_bounds, pp_role
from .attribution import source_token, subject_of
from .config import ExtractorConfig, Lexicon
from .frames import Frame, combine_modes
from .modality import governor_effect, is_negated, own_mode

__all__ = [
    "ClauseContext", "verb_frames", "conjuncts", "clause_span", "pp_args", "arg_span", "antecedent",
    "relation_tokens", "particles", "PARTICLE_ADVERBS",
]

_SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_OBJ = ("dobj", "attr", "oprd")
_RELPRON = frozenset({"who", "whom", "which", "that", "whose"})
_MAX_COMBOS = 6


@dataclass
class ClauseContext:
    """What the clause rules need: the config, its lexicon and switches."""

    config: ExtractorConfig
    split_conj: bool = True
    noun_preps: tuple[str, ...] | frozenset[str] | None = None
    trim_titles: bool = True
    lex: Lexicon = field(init=False)

    def __post_init__(self) -> None:
        self.lex = self.config.lexicon
        if self.noun_preps is None:
            self.noun_preps = self.config.noun_preps


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens conjoined to it (``conj`` chain)."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.rights:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def clause_span(verb: Token, role: str) -> ArgSpan:
    """A clause (e.g. a ``ccomp``) as an argument, without its leading *that*."""
    start, end = verb.left_edge.i, verb.right_edge.i + 1
    doc = verb.doc
    while start < verb.i and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1
    while end - 1 > verb.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return ArgSpan(role, start, end, verb.i)


def antecedent(tok: Token) -> Token:
    """Replace a relative pronoun by the noun its relative clause modifies."""
    if tok.lower_ in _RELPRON and tok.tag_ in ("WDT", "WP", "WP$", "IN", "DT"):
        node = tok.head
        for _ in range(4):
            if node.dep_ == "relcl":
                return node.head
            if node.dep_ in ("conj", "xcomp", "ccomp") and node.head is not node:
                node = node.head
                continue
            break
    return tok


def arg_span(tok: Token, role: str, ctx: ClauseContext, prep: str = "") -> ArgSpan:
    """The argument headed by ``tok``: a clause span for verbs, else its noun phrase."""
    tok = antecedent(tok)
    if tok.dep_ in ("csubj", "csubjpass", "ccomp", "xcomp") or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "conj"):
        span = clause_span(tok, role)
        span.prep = prep
        return span
    return make_arg(role, tok, ctx.noun_preps, prep, keep_conj=not ctx.split_conj,
                    trim_titles=ctx.lex.is_role_noun if ctx.trim_titles else None)


def _split(tok: Token, ctx: ClauseContext) -> list[Token]:
    if not ctx.split_conj or tok.pos_ in ("VERB", "AUX"):
        return [tok]
    return conjuncts(tok)


def pp_args(head: Token, ctx: ClauseContext, *, skip: frozenset[str] = frozenset()) -> list[ArgSpan]:
    """Prepositional phrases (and DATE adverbials) hanging from ``head``."""
    out = []
    for child in head.children:
        dep = child.dep_
        if dep == "prep" and child.lower_ not in skip and child.lower_ != "according":
            pobj = None
            for gc in child.children:
                if gc.dep_ in ("pobj", "pcomp"):
                    pobj = gc
                    break
            if pobj is None:
                continue
            prep_text = child.text
            if pobj.dep_ == "pcomp" and pobj.pos_ == "ADP":  # "out of", "because of"
                inner = next((g for g in pobj.children if g.dep_ == "pobj"), None)
                if inner is None:
                    continue
                prep_text = f"{child.text} {pobj.text}"
                pobj = inner
            span = make_arg(pp_role(child, pobj), antecedent(pobj), ctx.noun_preps, prep_text.lower(),
                            keep_conj=True) if pobj.pos_ not in ("VERB", "AUX") else arg_span(
                                pobj, "other", ctx, prep_text.lower())
            out.append(span)
        elif dep == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            s, e = np_bounds(child, ctx.noun_preps)
            out.append(ArgSpan("time", s, e, child.i))
    return out


#: Adverbs that act as verb particles right after the verb ("pushed back against").
PARTICLE_ADVERBS = frozenset({"back", "away", "out", "off", "up", "down", "ahead", "forward", "together", "apart"})


def particles(verb: Token) -> list[Token]:
    """Particles of ``verb``: ``prt`` children and particle-like adverbs right after it."""
    out = []
    for child in verb.rights:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLE_ADVERBS
                                   and child.i <= verb.i + 2):
            out.append(child)
    return out


def relation_tokens(verb: Token, lex: Lexicon) -> list[int]:
    """The verb with its auxiliaries, negation and particles (token indices)."""
    toks = [verb.i]
    for child in verb.children:
        dep = child.dep_
        if dep in ("aux", "auxpass", "neg") or (dep == "advmod" and child.lower_ in lex.negwords):
            toks.append(child.i)
    toks.extend(p.i for p in particles(verb))
    return toks


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative", "ccomp") for c in verb.children)


def _merged_governor(verb: Token) -> bool:
    """Whether ``verb`` is folded into its xcomp's relation ("wants to deploy")."""
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children) and not _has_object(verb) \
        and not any(c.dep_ in _OBJ for c in verb.children)


def _subject(verb: Token, chain: list[Token]) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return child
    top = chain[0] if chain else verb
    for child in top.children:
        if child.dep_ in _SUBJ:
            return child
    if top.dep_ == "xcomp" and top.head.pos_ in ("VERB", "AUX"):
        gov = top.head
        dobj = next((c for c in gov.children if c.dep_ in ("dobj",)), None)
        if dobj is not None:
            return dobj
    if top.dep_ in ("acl", "relcl") and top.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        if top.tag_ in ("VBG", "VBN"):
            return top.head
    return subject_of(top)


def verb_frames(sent: Span, sent_index: int, ctx: ClauseContext) -> list[Frame]:
    """Frames for the verbs of ``sent`` (see the module docstring)."""
    frames: list[Frame] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.dep_ in ("amod", "compound", "aux", "auxpass", "pcomp", "csubj"):
            continue
        if _merged_governor(verb):
            continue
        chain: list[Token] = []
        node = verb
        while node.dep_ == "xcomp" and node.head.pos_ in ("VERB", "AUX") and _merged_governor(node.head) \
                and len(chain) < 5:
            node = node.head
            chain.insert(0, node)
        frames.extend(_frames_for(verb, chain, sent_index, ctx))
    return frames


def _frames_for(verb: Token, chain: list[Token], sent_index: int, ctx: ClauseContext) -> list[Frame]:
    lex = ctx.lex
    subj_tok = _subject(verb, chain)
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children) or (
        verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "aux") for c in verb.children))
    agent = None
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                agent = pobj
    lemma = verb.lemma_.lower()
    if passive and agent is None and lemma in lex.stative:
        passive = False
    if subj_tok is None and not passive:
        return []
    # relation tokens, polarity and mode over the merged chain
    rel_tokens: list[int] = []
    negations = 0
    modes = []
    for gov in chain:
        rel_tokens.extend(relation_tokens(gov, lex))
        if is_negated(gov, lex):
            negations += 1
        m, neg = governor_effect(gov, lex)
        negations += int(neg)
        modes.extend([m, own_mode(gov, lex)])
    rel_tokens.extend(relation_tokens(verb, lex))
    negations += int(is_negated(verb, lex))
    modes.append(own_mode(verb, lex))
    # unmerged governor of an xcomp / ccomp: its effect on this clause
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ in ("VERB", "AUX") and not chain:
        m, neg = governor_effect(verb.head, lex)
        modes.append(m)
        negations += int(neg)
    top = chain[0] if chain else verb
    if top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
        # "would need to be coordinated and approved": modality spreads over conjuncts
        modes.append(own_mode(top.head, lex))
    prts = particles(verb)
    for c in prts:
        lemma = f"{lemma} {c.lower_}"
    # objects
    objs = [c for c in verb.children if c.dep_ in _OBJ]
    clausal = [c for c in verb.children if c.dep_ == "ccomp"]
    datives = [c for c in verb.children if c.dep_ == "dative"]
    pps = pp_args(verb, ctx, skip=frozenset({"by"}) if agent is not None else frozenset())
    for prt in prts:
        if prt.dep_ == "advmod":  # "pushed back against X": the phrase hangs from "back"
            pps.extend(pp_args(prt, ctx))
    for d in datives:
        if d.pos_ == "ADP":  # "to Mexico" parsed as dative
            pobj = next((g for g in d.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                pps.append(arg_span(pobj, "recipient", ctx, d.lower_))
        else:
            pps.append(arg_span(d, "recipient", ctx))
    if not objs and not clausal:
        objs = _raised_objects(verb)
    obj_heads: list[Token | None] = []
    for o in objs:
        obj_heads.extend(_split(o, ctx))
    noun_pps: list[ArgSpan] = []
    for o in objs:
        noun_pps.extend(pp_args(o, ctx, skip=frozenset(ctx.noun_preps)))
    light_noun = None
    if lemma in lex.light and objs and objs[0].lemma_.lower() in lex.event_nouns:
        light_noun = objs[0]
    light_nouns = {t.i for t in conjuncts(light_noun)} if light_noun is not None else set()
    if not obj_heads and clausal:
        obj_heads = [clausal[0]]
    if not obj_heads:
        obj_heads = [None]
    subj_heads: list[Token | None] = _split(subj_tok, ctx) if subj_tok is not None else [None]
    src = source_token(verb, lex)
    attribution = arg_span(src, "source", ctx) if src is not None else None
    mode = combine_modes(*modes)
    if attribution is not None and mode == "asserted":
        mode = "reported"
    polarity = "negative" if negations % 2 else "positive"
    frames = []
    for s, o in list(product(subj_heads, obj_heads))[:_MAX_COMBOS]:
        subj = arg_span(s, "subject", ctx) if s is not None else None
        obj = arg_span(o, "object", ctx) if o is not None else None
        f_lemma = lemma
        f_obj = obj
        f_pps = list(pps)
        rel = list(rel_tokens)
        if light_noun is not None and o is not None and o.i in light_nouns:
            f_lemma, f_obj, noun_pps_o = _light_event(o, ctx)
            rel.append(o.i)
            f_pps.extend(noun_pps_o)
        else:
            f_pps.extend(p for p in noun_pps if o is not None and _within(p, o)
                         and not (obj is not None and obj.start <= p.start and p.end <= obj.end))
        frames.append(Frame(
            kind="event",
            sent=sent_index,
            pred=verb.i,
            lemma=f_lemma,
            rel_tokens=rel,
            subj=subj,
            obj=f_obj,
            pps=f_pps,
            agent=arg_span(agent, "subject", ctx) if agent is not None else None,
            passive=passive,
            polarity=polarity,
            mode=mode,
            attribution=attribution,
            lemma_fixed=f_lemma != lemma,
        ))
    return frames


def _light_event(noun: Token, ctx: ClauseContext) -> tuple[str, ArgSpan | None, list[ArgSpan]]:
    """Lemma, object and extras of an event noun after a light verb ("conducted raids on X")."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "against", "on"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                obj = arg_span(pobj, "object", ctx, prep.lower_)
                return noun.lemma_.lower(), obj, pp_args(noun, ctx, skip=frozenset({prep.lower_}))
    return noun.lemma_.lower(), None, pp_args(noun, ctx)


def _raised_objects(verb: Token) -> list[Token]:
    """Objects shared with a later verb conjunct ("signed and ratified a pact")."""
    if any(c.dep_ in ("prep", "dobj", "ccomp", "xcomp", "attr", "acomp") for c in verb.children):
        return []
    for c in verb.rights:
        if c.dep_ == "conj" and c.pos_ == "VERB" and any(g.dep_ == "cc" for g in verb.children) \
                and not any(g.dep_ in _SUBJ for g in c.children):
            return [g for g in c.children if g.dep_ == "dobj"]
    return []


def _within(pp: ArgSpan, head: Token) -> bool:
    """Whether a noun-attached phrase belongs to the object ``head``."""
    return head.left_edge.i <= pp.start and pp.end <= head.right_edge.i + 1
