"""Who said it: attribution of claims to a source.

A clause is *attributed* when

* it is the clausal complement of a speech verb ("analysts warn that ...",
  "officials said X did Y", "..., stating that ..."): the source is the speech
  verb's subject (for a subjectless participle such as *stating*, the subject
  of the clause it hangs from);
* a speech verb hangs from it as a parenthetical ("X did Y, officials said"):
  the source is that verb's subject;
* it carries *according to X*: the source is X.

The source becomes :attr:`Extraction.attribution` (role ``source``); the claim
keeps its own subject.  The speech act is also emitted as its own record by
the clause rules (subject *analysts*, lemma *warn*, object the claim).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> lex = ExtractorConfig().lexicon
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Analysts", "warn", "that", "talks", "failed"],
...           heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp"],
...           lemmas=["analyst", "warn", "that", "talk", "fail"])
>>> source_token(doc[4], lex).text
'Analysts'
"""

from __future__ import annotations

from geokg.ingest.extract.config import Lexicon
from geokg.ingest.extract.doctable import DocTable
from spacy.tokens import Token

__all__ = ["source_token", "subject_of", "is_speech"]

_SUBJ = ("nsubj", "nsubjpass", "csubj")


def is_speech(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` is a reporting verb (say, warn, state, report...)."""
    return verb.lemma_.lower() in lex.speech


def subject_of(verb: Token, depth: int = 0, tab: DocTable | None = None) -> Token | None:
    """The subject token of ``verb``, following conjunction, xcomp and
    subjectless participial clauses up to their controller.

    ``tab`` is the Doc's :class:`~geokg.ingest.extract.doctable.DocTable`
    when the caller has one (it is built otherwise).
    """
    if tab is None:
        tab = DocTable(verb.doc)
    i = _subject_index(verb.i, depth, tab)
    return None if i is None else verb.doc[i]


def _subject_index(i: int, depth: int, tab: DocTable) -> int | None:
    dep, pos, head, children = tab.dep, tab.pos, tab.head, tab.children
    while True:
        kids = children[i]
        for c in kids:
            if dep[c] in _SUBJ:
                return c
        if depth > 6:
            return None
        d = dep[i]
        h = head[i]
        if d == "conj" and pos[h] in ("VERB", "AUX"):
            i, depth = h, depth + 1
            continue
        if d in ("xcomp", "advcl") and pos[h] in ("VERB", "AUX") and not any(dep[c] == "mark" for c in kids):
            i, depth = h, depth + 1
            continue
        if d in ("acl", "relcl") and pos[h] in ("NOUN", "PROPN", "PRON") and tab.tag[i] == "VBG":
            return h
        return None


def source_token(verb: Token, lex: Lexicon, tab: DocTable | None = None) -> Token | None:
    """Head token of the source a clause headed by ``verb`` is attributed to.

    ``tab`` as for :func:`subject_of`.
    """
    if tab is None:
        tab = DocTable(verb.doc)
    i = _source_index(verb.i, lex, tab)
    return None if i is None else verb.doc[i]


def _source_index(node: int, lex: Lexicon, tab: DocTable) -> int | None:
    dep, head, children, lower = tab.dep, tab.head, tab.children, tab.lower
    speech = lex.speech
    lemma = tab.lemma
    # climb through xcomp/conj chains to the clause that is a complement
    for _ in range(6):
        if dep[node] in ("xcomp", "conj") and head[node] != node:
            node = head[node]
            continue
        break
    if dep[node] in ("ccomp", "parataxis") and lemma[head[node]].lower() in speech:
        return _subject_index(head[node], 0, tab)
    for child in children[node]:
        d = dep[child]
        if d in ("parataxis", "ccomp", "advcl") and lemma[child].lower() in speech \
                and not any(dep[c] == "ccomp" for c in children[child]) and child > node:
            s = _subject_index(child, 0, tab)
            if s is not None and s > node:
                return s
        if d == "prep" and lower[child] == "according":
            for gc in children[child]:
                if dep[gc] == "prep" and lower[gc] == "to":
                    for ggc in children[gc]:
                        if dep[ggc] == "pobj":
                            return ggc
    return None
