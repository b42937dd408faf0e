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

from dataclasses import dataclass, field, replace
from itertools import product

from geokg.ingest.extract.arguments import ArgSpan, make_arg, np_bounds, pp_role
from geokg.ingest.extract.attribution import _source_index, _subject_index
from geokg.ingest.extract.config import ExtractorConfig, Lexicon
from geokg.ingest.extract.doctable import DocTable
from geokg.ingest.extract.frames import Frame, combine_modes
from geokg.ingest.extract.modality import governing_mode, governor_effect, is_negated, own_mode
from spacy.tokens import Doc, Span, Token

__all__ = [
    "ClauseContext", "verb_frames", "conjuncts", "clause_span", "pp_args", "arg_span", "antecedent",
    "relation_tokens", "particles", "PARTICLE_ADVERBS",
]

_SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_OBJ = ("dobj", "attr", "oprd")
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
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
    _table: DocTable | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.lex = self.config.lexicon
        if self.noun_preps is None:
            self.noun_preps = self.config.noun_preps

    def table(self, doc: Doc) -> DocTable:
        """The :class:`~geokg.ingest.extract.doctable.DocTable` of ``doc`` (built once per Doc)."""
        tab = self._table
        if tab is None or tab.doc is not doc:
            tab = self._table = DocTable(doc)
        return tab


def conjuncts(tok: Token, tab: DocTable | None = None) -> list[Token]:
    """``tok`` and the tokens conjoined to it (``conj`` chain)."""
    if tab is None:
        tab = DocTable(tok.doc)
    dep, children = tab.dep, tab.children
    out = [tok.i]
    stack = [tok.i]
    while stack:
        t = stack.pop()
        for c in children[t]:
            if c > t and dep[c] == "conj":
                out.append(c)
                stack.append(c)
    if len(out) == 1:
        return [tok]
    doc = tok.doc
    return [doc[i] for i in sorted(out)]


def clause_span(verb: Token, role: str, tab: DocTable | None = None) -> ArgSpan:
    """A clause (e.g. a ``ccomp``) as an argument, without its leading *that*."""
    if tab is None:
        tab = DocTable(verb.doc)
    i = verb.i
    start, end = tab.left_edge(i), tab.right_edge(i) + 1
    dep, punct, space = tab.dep, tab.is_punct, tab.is_space
    while start < i and (dep[start] == "mark" or punct[start]):
        start += 1
    while end - 1 > i and (punct[end - 1] or space[end - 1]):
        end -= 1
    return ArgSpan(role, start, end, i)


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
    tab = ctx.table(tok.doc)
    dep, pos = tab.dep[tok.i], tab.pos[tok.i]
    if dep in ("csubj", "csubjpass", "ccomp", "xcomp") or (pos in ("VERB", "AUX") and dep != "conj"):
        span = clause_span(tok, role, tab)
        span.prep = prep
        return span
    return make_arg(role, tok, ctx.noun_preps, prep, keep_conj=not ctx.split_conj,
                    trim_titles=ctx.lex.is_role_noun if ctx.trim_titles else None)


def _split(tok: Token, ctx: ClauseContext) -> list[Token]:
    tab = ctx.table(tok.doc)
    if not ctx.split_conj or tab.pos[tok.i] in ("VERB", "AUX"):
        return [tok]
    return conjuncts(tok, tab)


def pp_args(head: Token, ctx: ClauseContext, *, skip: frozenset[str] = frozenset()) -> list[ArgSpan]:
    """Prepositional phrases (and DATE adverbials) hanging from ``head``."""
    out: list[ArgSpan] = []
    doc = head.doc
    tab = ctx.table(doc)
    deps, lower, pos, words, children = tab.dep, tab.lower, tab.pos, tab.words, tab.children
    for c in children[head.i]:
        dep = deps[c]
        if dep == "prep" and lower[c] not in skip and lower[c] != "according":
            p = None
            for g in children[c]:
                if deps[g] in ("pobj", "pcomp"):
                    p = g
                    break
            if p is None:
                continue
            prep_text = words[c]
            if deps[p] == "pcomp" and pos[p] == "ADP":  # "out of", "because of"
                inner = next((g for g in children[p] if deps[g] == "pobj"), None)
                if inner is None:
                    continue
                prep_text = f"{words[c]} {words[p]}"
                p = inner
            pobj = doc[p]
            span = make_arg(pp_role(doc[c], pobj), antecedent(pobj), ctx.noun_preps, prep_text.lower(),
                            keep_conj=True) if pos[p] not in ("VERB", "AUX") else arg_span(
                                pobj, "other", ctx, prep_text.lower())
            out.append(span)
        elif dep == "npadvmod" and tab.ent_type[c] in ("DATE", "TIME"):
            s, e = np_bounds(doc[c], ctx.noun_preps)
            out.append(ArgSpan("time", s, e, c))
    return out


#: Adverbs that act as verb particles right after the verb ("pushed back against").
PARTICLE_ADVERBS = frozenset({"back", "away", "out", "off", "up", "down", "ahead", "forward", "together", "apart"})


def particles(verb: Token, tab: DocTable | None = None) -> list[Token]:
    """Particles of ``verb``: ``prt`` children and particle-like adverbs right after it."""
    if tab is None:
        tab = DocTable(verb.doc)
    doc = verb.doc
    return [doc[c] for c in _particle_indices(verb.i, tab)]


def _particle_indices(i: int, tab: DocTable) -> list[int]:
    dep, lower = tab.dep, tab.lower
    out = []
    for c in tab.children[i]:
        if c > i and (dep[c] == "prt" or (dep[c] == "advmod" and lower[c] in PARTICLE_ADVERBS and c <= i + 2)):
            out.append(c)
    return out


def relation_tokens(verb: Token, lex: Lexicon, tab: DocTable | None = None) -> list[int]:
    """The verb with its auxiliaries, negation and particles (token indices)."""
    if tab is None:
        tab = DocTable(verb.doc)
    i = verb.i
    deps, lower, negwords = tab.dep, tab.lower, lex.negwords
    toks = [i]
    for c in tab.children[i]:
        dep = deps[c]
        if dep in ("aux", "auxpass", "neg") or (dep == "advmod" and lower[c] in negwords):
            toks.append(c)
    toks.extend(_particle_indices(i, tab))
    return toks


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative", "ccomp") for c in verb.children)


def _merged_governor(verb: Token) -> bool:
    """Whether ``verb`` is folded into its xcomp's relation ("wants to deploy")."""
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children) and not _has_object(verb) \
        and not any(c.dep_ in _OBJ for c in verb.children)


_BLOCK_MERGE = frozenset({"dobj", "dative", "ccomp", *_OBJ})


def _merged_at(i: int, tab: DocTable) -> bool:
    """:func:`_merged_governor` of token ``i``, read from the table."""
    dep, pos = tab.dep, tab.pos
    kids = tab.children[i]
    if not any(dep[c] == "xcomp" and pos[c] in ("VERB", "AUX") for c in kids):
        return False
    return not any(dep[c] in _BLOCK_MERGE and not _participle_clause(c, i, tab) for c in kids)


def _subject_at(verb: int, top: int, tab: DocTable) -> int | None:
    dep, pos, head, children = tab.dep, tab.pos, tab.head, tab.children
    for v in (verb, top):
        if any(dep[c] in _SUBJ for c in children[v]):
            return _nearest_subject(v, tab)
    for c in children[top]:  # "soldiers wounded in X *described* ...": the participle's noun
        if dep[c] == "ccomp" and c < top and _reduced_relative(c, [dep[g] for g in children[c]], tab):
            return next(g for g in children[c] if dep[g] == "nsubj")
    h = head[top]
    if dep[top] == "xcomp" and pos[h] in ("VERB", "AUX"):
        dobj = next((c for c in children[h] if dep[c] == "dobj" and not _participle_clause(c, h, tab)), None)
        if dobj is not None:
            return dobj
    if dep[top] in ("acl", "relcl") and pos[h] in ("NOUN", "PROPN", "PRON", "NUM"):
        if tab.tag[top] in ("VBG", "VBN"):
            return h
    si = _subject_index(top, 0, tab)
    return si if si is None or dep[si] not in _SUBJ else _nearest_subject(head[si], tab)


def _nearest_subject(v: int, tab: DocTable) -> int:
    """The subject of verb ``v``; of two split by a dash, the one after it (a dateline parsed
    as a second subject: "GAZA CITY, ... - Israeli helicopters attacked")."""
    subjects = [c for c in tab.children[v] if tab.dep[c] in _SUBJ]
    before = [c for c in subjects if c < v]
    doc = tab.doc
    if len(before) > 1 and any(tab.lower[i] in _DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_
                               for i in range(before[-2] + 1, before[-1])):
        return before[-1]  # a spaced dash, not a hyphen inside a name ("al-Sistani")
    return subjects[0]


def _comma_subjects(si: int, tab: DocTable) -> list[int]:
    """Other subjects of subject ``si``'s verb, joined to it by a comma only ("China, ASEAN
    agree": the parser makes both subjects of the verb): they are its conjuncts."""
    v = tab.head[si]
    if tab.dep[si] != "nsubj" or v == si:
        return []
    out = []
    for c in tab.children[v]:
        if c != si and tab.dep[c] == "nsubj" and c < v:
            a, b = sorted((c, si))
            between = [tab.lower[i] for i in range(a + 1, tab.left_edge(b))]
            if between == [","]:
                out.append(c)
    return out


def verb_frames(sent: Span, sent_index: int, ctx: ClauseContext) -> list[Frame]:
    """Frames for the verbs of ``sent`` (see the module docstring)."""
    frames: list[Frame] = []
    doc = sent.doc
    tab = ctx.table(doc)
    pos, dep, head = tab.pos, tab.dep, tab.head
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB" or dep[i] in ("amod", "compound", "aux", "auxpass", "pcomp", "csubj"):
            continue
        if _merged_at(i, tab) or _status_of(i, ctx, tab):  # "hostage" in "took them hostage" is the verb's
            continue
        chain: list[Token] = []
        node = i
        while dep[node] == "xcomp" and pos[head[node]] in ("VERB", "AUX") and _merged_at(head[node], tab) \
                and len(chain) < 5:
            node = head[node]
            chain.insert(0, doc[node])
        if not chain:
            chain = _predicate_adjective(i, tab)
        frames.extend(_frames_for(doc[i], chain, sent_index, ctx))
    return frames


def _predicate_adjective(i: int, tab: DocTable) -> list[Token]:
    """[copula, adjective] when verb ``i`` completes a predicate adjective ("is *prepared* to
    lift", "are *ready* to help"): merged like a control verb, the copula's subject is the
    verb's and the adjective's mode (``extract/verbs.tsv``) is the clause's."""
    dep, pos, head = tab.dep, tab.pos, tab.head
    adj = head[i]
    if dep[i] != "xcomp" or pos[adj] != "ADJ" or dep[adj] != "acomp":
        return []
    cop = head[adj]
    if pos[cop] not in ("AUX", "VERB") or any(dep[c] in _BLOCK_MERGE for c in tab.children[adj]):
        return []
    doc = tab.doc
    return [doc[cop], doc[adj]]


def _voice(verb: Token, chain: list[Token], tab) -> tuple[int | None, bool, int | None]:
    """Subject index, whether the clause is passive, and the passive's "by" agent index."""
    dep, children = tab.dep, tab.children
    vi = verb.i
    kids = children[vi]
    kid_deps = [dep[c] for c in kids]
    top = chain[0] if chain else verb
    si = _subject_at(vi, top.i, tab)
    passive = any(d in ("auxpass", "nsubjpass", "csubjpass") for d in kid_deps) or (
        dep[vi] in ("acl", "advcl") and tab.tag[vi] == "VBN"
        and not any(d in ("nsubj", "aux") for d in kid_deps)) or _reduced_relative(vi, kid_deps, tab) \
        or _absolute_participle(vi, tab) or _raised_participle(vi, kid_deps, tab) \
        or _passive_conjunct(vi, kid_deps, tab)
    agent = None
    for c, d in zip(kids, kid_deps):
        if d == "agent":
            pobj = next((g for g in children[c] if dep[g] == "pobj"), None)
            if pobj is not None:
                agent = pobj
    return si, passive, agent


def _passive_conjunct(vi: int, kid_deps: list[str], tab) -> bool:
    """Whether verb ``vi`` is a past participle conjoined to a passive verb that shares its
    auxiliary ("he was shot *and killed*", "were abducted *and later released*"): a VBN
    ``conj`` with no subject, auxiliary or object of its own -- passive as its first conjunct
    is, so the shared subject is its patient, not its agent.  A regular "-ed" form the tagger
    read as a past tense (VBD: "was seized ... *but then released* unharmed") is the same
    participle."""
    if tab.dep[vi] != "conj" or not (tab.tag[vi] == "VBN" or (tab.tag[vi] == "VBD" and tab.lower[vi].endswith("ed"))):
        return False
    if any(d in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "dative") for d in kid_deps):
        return False
    h = tab.head[vi]
    return h != vi and tab.tag[h] == "VBN" and any(tab.dep[c] in ("auxpass", "nsubjpass") for c in tab.children[h])


def _absolute_participle(vi: int, tab, depth: int = 0) -> bool:
    """Whether verb ``vi`` is the past participle of a "with" absolute ("clashes raged, *with*
    five villagers *killed* and two more *kidnapped*"): a participle with a subject and no
    auxiliary, marked by "with" (a ``mark``, or the ``pcomp`` of a "with" phrase), or a
    conjunct of one (which the tagger may read as a past tense): its subject is its patient."""
    kids = tab.children[vi]
    conj = tab.dep[vi] == "conj"
    if tab.tag[vi] not in (("VBN", "VBD") if conj else ("VBN",)) or not any(tab.dep[c] == "nsubj" for c in kids) \
            or any(tab.dep[c] in ("aux", "auxpass", "dobj") for c in kids):
        return False
    h = tab.head[vi]
    if any(tab.dep[c] == "mark" and tab.lower[c] == "with" for c in kids) or (
            tab.dep[vi] == "pcomp" and tab.lower[h] == "with"):
        return True
    return depth < 3 and conj and h != vi and _absolute_participle(h, tab, depth + 1)


def _raised_participle(vi: int, kid_deps: list[str], tab) -> bool:
    """Whether verb ``vi`` is a past participle complement of a passive verb ("nine soldiers
    were *reported wounded*", "two rebels were *found killed*"): a VBN ``xcomp`` with no
    auxiliary or object of its own whose governor is passive -- the raised subject is the
    participle's patient, not its agent ("were said *to have killed* X" has an auxiliary)."""
    if tab.tag[vi] != "VBN" or tab.dep[vi] not in ("xcomp", "oprd"):
        return False
    if any(d in ("aux", "auxpass", "dobj", "dative", "nsubj", "ccomp") for d in kid_deps):
        return False
    h = tab.head[vi]
    return h != vi and any(tab.dep[c] in ("auxpass", "nsubjpass") for c in tab.children[h])


def _reduced_relative(vi: int, kid_deps: list[str], tab) -> bool:
    """Whether verb ``vi`` is a participle the parser took for a finite verb with a subject:
    "three soldiers *wounded* last week in X described ..." parsed as "soldiers" subject of
    a complement "wounded" -- a past participle (VBN) with a subject, no auxiliary, no object,
    hanging as a complement on a later verb that has no subject of its own, or with that verb
    as its conjunct: the noun is the participle's patient (a passive), and the later verb is
    the sentence's."""
    if "nsubj" not in kid_deps or any(d in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp") for d in kid_deps):
        return False
    if tab.tag[vi] == "VBN" and tab.dep[vi] == "ccomp":
        h = tab.head[vi]
        return h > vi and not any(tab.dep[c] in _SUBJ for c in tab.children[h])
    # ... or the finite verb is parsed as its conjunct, with no "and" between: "three UN workers
    # *abducted* last month *are* still being held" -- a later verb with an auxiliary of its own
    # and no subject, joined to the participle by no conjunction
    if tab.tag[vi] not in ("VBN", "VBD") or not tab.lower[vi].endswith("ed") or "cc" in kid_deps:
        return False
    return any(tab.dep[c] == "conj" and c > vi and any(tab.dep[g] in ("aux", "auxpass") for g in tab.children[c])
               and not any(tab.dep[g] in _SUBJ for g in tab.children[c]) for c in tab.children[vi])


def _relation_state(verb: Token, chain: list[Token], lex, tab) -> tuple[list[int], int, list]:
    """Relation tokens, negation count and modes over the merged chain and its governors."""
    doc, dep, pos, vi = verb.doc, tab.dep, tab.pos, verb.i
    rel_tokens: list[int] = []
    negations = 0
    modes = []
    for gov in chain:
        rel_tokens.extend(relation_tokens(gov, lex, tab))
        if is_negated(gov, lex, tab):
            negations += 1
        m, neg = governor_effect(gov, lex)
        negations += int(neg)
        modes.extend([m, own_mode(gov, lex, tab)])
    rel_tokens.extend(relation_tokens(verb, lex, tab))
    negations += int(is_negated(verb, lex, tab))
    modes.append(own_mode(verb, lex, tab))
    # unmerged governor of the clause (of its merged chain): its effect on this clause
    top = chain[0] if chain else verb
    m, neg = governing_mode(top, lex, tab)
    modes.append(m)
    negations += int(neg)
    th = tab.head[top.i]
    if dep[top.i] == "conj" and pos[th] in ("VERB", "AUX"):
        # "would need to be coordinated and approved": modality spreads over conjuncts
        modes.append(own_mode(doc[th], lex, tab))
        negations += int(_shared_negation(top.i, th, lex, tab))
    return rel_tokens, negations, modes


def _shared_negation(ci: int, hi: int, lex, tab) -> bool:
    """Whether conjunct ``ci`` of verb ``hi`` shares its negation: joined by "or" or "nor", with
    no subject or negation of its own ("will not dismantle its programs *or improve* ties";
    not "did not attend *and left*", where "and" joins two acts)."""
    return (is_negated(tab.doc[hi], lex, tab) and not is_negated(tab.doc[ci], lex, tab)
            and any(tab.dep[c] == "cc" and tab.lower[c] in ("or", "nor") for c in tab.children[hi])
            and not any(tab.dep[c] in _SUBJ for c in tab.children[ci]))


def _verb_arguments(verb: Token, prt_ids, has_agent: bool, ctx: ClauseContext, tab
                    ) -> tuple[list[Token], list[int], list[ArgSpan]]:
    """Objects, clausal complements and prepositional / recipient arguments of a verb."""
    doc, dep, pos, children, lower = verb.doc, tab.dep, tab.pos, tab.children, tab.lower
    kids = children[verb.i]
    kid_deps = [dep[c] for c in kids]
    objs = [doc[c] for c, d in zip(kids, kid_deps) if d in _OBJ and not _participle_clause(c, verb.i, tab)]
    clausal = [c for c, d in zip(kids, kid_deps) if d == "ccomp"]
    datives = [c for c, d in zip(kids, kid_deps) if d == "dative"]
    pps = pp_args(verb, ctx, skip=frozenset({"by"}) if has_agent else frozenset())
    for c in prt_ids:
        if dep[c] == "advmod":  # "pushed back against X": the phrase hangs from "back"
            pps.extend(pp_args(doc[c], ctx))
    for d in datives:
        if pos[d] == "ADP":  # "to Mexico" parsed as dative
            pobj = next((g for g in children[d] if dep[g] == "pobj"), None)
            if pobj is not None:
                pps.append(arg_span(doc[pobj], "recipient", ctx, lower[d]))
        else:
            pps.append(arg_span(doc[d], "recipient", ctx))
    for c, d in zip(kids, kid_deps):
        # "agreed to talks with X": a noun parsed as the verb's infinitive complement is a
        # prepositional object ("to talks"), with the noun's own phrases
        if d == "xcomp" and pos[c] in ("NOUN", "PROPN"):
            to = next((g for g in children[c] if dep[g] == "aux" and lower[g] == "to"), None)
            if to is not None:
                pps.append(make_arg("other", doc[c], ctx.noun_preps, "to", keep_conj=True))
    if not objs and not clausal:
        objs = _raised_objects(verb, tab)
    return objs, clausal, pps


#: How a status noun after a captor verb may hang from it: "took the officers *hostage*" (an object or a
#: complement, however the parser reads it: "took hostage two workers", "took six officers hostage in Lima").
_STATUS_DEPS = frozenset({*_OBJ, "ccomp", "advcl", "dep", "npadvmod", "xcomp"})


def _status_of(i: int, ctx: ClauseContext, tab) -> bool:
    """Whether token ``i`` is a bare status noun beside its verb's object ("took the officers *hostage*",
    ``captor`` verbs of ``extract/verbs.tsv``): a word of the relation, no argument of its own (a
    headline's line break, or a place or time phrase, which is the verb's, may hang on it; the
    object may be parsed as its subject)."""
    v = tab.head[i]
    if v == i or tab.dep[i] not in _STATUS_DEPS:
        return False
    if tab.lemma[i].lower() not in ctx.lex.captor_status.get(tab.lemma[v].lower(), frozenset()):
        return False
    if any(tab.pos[c] not in ("SPACE", "PUNCT") and tab.dep[c] not in ("prep", "nsubj") for c in tab.children[i]):
        return False
    return _small_clause_subject(i, tab) is not None or any(c != i and tab.dep[c] in _OBJ for c in tab.children[v])


def _small_clause_subject(i: int, tab) -> int | None:
    """The subject the parser gives status noun ``i`` ("took [*26 people* hostage]"): the captor verb's object."""
    return next((c for c in tab.children[i] if tab.dep[c] == "nsubj"), None)


def _frames_for(verb: Token, chain: list[Token], sent_index: int, ctx: ClauseContext) -> list[Frame]:
    lex = ctx.lex
    doc = verb.doc
    tab = ctx.table(doc)
    vi = verb.i
    si, passive, agent_i = _voice(verb, chain, tab)
    subj_tok = None if si is None else doc[si]
    agent = None if agent_i is None else doc[agent_i]
    lemma = tab.lemma[vi].lower()
    if passive and agent is None and lemma in lex.stative:
        passive = False
    if subj_tok is None and not passive:
        return []
    rel_tokens, negations, modes = _relation_state(verb, chain, lex, tab)
    prt_ids = _particle_indices(vi, tab)
    for c in prt_ids:
        lemma = f"{lemma} {tab.lower[c]}"
    objs, clausal, pps = _verb_arguments(verb, prt_ids, agent is not None, ctx, tab)
    status = next((doc[c] for c in tab.children[vi] if _status_of(c, ctx, tab)), None)
    if status is not None:  # "took the officers hostage": the relation is "took hostage", its object the officers
        held = _small_clause_subject(status.i, tab)
        objs = [o for o in objs if o.i != status.i] + ([doc[held]] if held is not None else [])
        clausal = [c for c in clausal if c != status.i]
        pps.extend(pp_args(status, ctx))  # "... hostage *in Lima*": the taking's place
        rel_tokens = sorted([*rel_tokens, status.i])
        lemma = f"{lemma} {tab.lemma[status.i].lower()}"
    obj_heads: list[Token | None] = []
    for o in objs:
        obj_heads.extend(_split(o, ctx))
    noun_pps: list[ArgSpan] = []
    for o in objs:
        noun_pps.extend(pp_args(o, ctx, skip=frozenset(ctx.noun_preps)))
    light_noun = None
    if lemma in lex.light and objs and tab.lemma[objs[0].i].lower() in lex.event_nouns:
        light_noun = objs[0]
    if not obj_heads and clausal:
        obj_heads = [doc[clausal[0]]]
    src = _source_index(vi, lex, tab)
    attribution = arg_span(doc[src], "source", ctx) if src is not None else None
    mode = combine_modes(*modes)
    if attribution is not None and mode == "asserted":
        mode = "reported"
    base = Frame(kind="event", sent=sent_index, pred=verb.i, lemma=lemma, rel_tokens=rel_tokens, subj=None,
                 obj=None, pps=pps, agent=arg_span(agent, "subject", ctx) if agent is not None else None,
                 passive=passive, polarity="negative" if negations % 2 else "positive", mode=mode,
                 attribution=attribution, lemma_fixed=False)
    subj_heads: list[Token | None] = _split(subj_tok, ctx) if subj_tok is not None else [None]
    if subj_tok is not None:
        subj_heads = [*subj_heads, *(doc[c] for c in _comma_subjects(subj_tok.i, tab))]
    return _combine(base, subj_heads, obj_heads or [None], light_noun, noun_pps, ctx, tab)


def _combine(base: Frame, subj_heads, obj_heads, light_noun, noun_pps: list[ArgSpan], ctx: ClauseContext,
             tab) -> list[Frame]:
    """One frame per (subject conjunct, object conjunct) pair, from the clause's ``base`` frame."""
    light_nouns = {t.i for t in conjuncts(light_noun, tab)} if light_noun is not None else set()
    frames = []
    for s, o in list(product(subj_heads, obj_heads))[:_MAX_COMBOS]:
        subj = arg_span(s, "subject", ctx) if s is not None else None
        obj = arg_span(o, "object", ctx) if o is not None else None
        f_lemma, f_obj, f_pps, rel = base.lemma, obj, list(base.pps), list(base.rel_tokens)
        if light_noun is not None and o is not None and o.i in light_nouns:
            f_lemma, f_obj, noun_pps_o = _light_event(o, ctx)
            rel.append(o.i)
            f_pps.extend(noun_pps_o)
        else:
            f_pps.extend(p for p in noun_pps if o is not None and _within(p, o, tab)
                         and not (obj is not None and obj.start <= p.start and p.end <= obj.end))
        frames.append(replace(base, lemma=f_lemma, rel_tokens=rel, subj=subj, obj=f_obj, pps=f_pps,
                              lemma_fixed=f_lemma != base.lemma))
    return frames


def _light_event(noun: Token, ctx: ClauseContext) -> tuple[str, ArgSpan | None, list[ArgSpan]]:
    """Lemma, object and extras of an event noun after a light verb ("conducted raids on X"); the
    lemma is the relation lemma ``extract/nominals.tsv`` gives the noun ("made a trip": visit)."""
    lemma = noun.lemma_.lower()
    lemma = ctx.lex.event_nouns.get(lemma, lemma)
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "against", "on"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                obj = arg_span(pobj, "object", ctx, prep.lower_)
                return lemma, obj, pp_args(noun, ctx, skip=frozenset({prep.lower_}))
    return lemma, None, pp_args(noun, ctx)


def _participle_clause(obj: int, verb: int, tab: DocTable) -> bool:
    """Whether object ``obj`` of ``verb`` is a participle clause the parser took for an object:
    it comes after a comma that follows the verb's own words, and starts with an "-ing" word
    parsed as its modifier ("threatened to kill a captive, *increasing* pressure on X")."""
    first = tab.left_edge(obj)
    return (first > verb + 1 and first < obj and tab.tag[first] == "VBG" and tab.dep[first] == "amod"
            and tab.head[first] == obj and tab.lower[first - 1] == ",")


def _raised_objects(verb: Token, tab: DocTable) -> list[Token]:
    """Objects shared with a later verb conjunct ("signed and ratified a pact")."""
    dep, pos, children = tab.dep, tab.pos, tab.children
    i = verb.i
    kids = children[i]
    if any(dep[c] in ("prep", "dobj", "ccomp", "xcomp", "attr", "acomp") for c in kids):
        return []
    for c in kids:
        if c > i and dep[c] == "conj" and pos[c] == "VERB" and any(dep[g] == "cc" for g in kids) \
                and not any(dep[g] in _SUBJ for g in children[c]):
            doc = verb.doc
            return [doc[g] for g in children[c] if dep[g] == "dobj"]
    return []


def _within(pp: ArgSpan, head: Token, tab: DocTable) -> bool:
    """Whether a noun-attached phrase belongs to the object ``head``."""
    return tab.left_edge(head.i) <= pp.start and pp.end <= tab.right_edge(head.i) + 1
