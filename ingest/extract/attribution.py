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

from spacy.tokens import Token

from .config import Lexicon

__all__ = ["source_token", "subject_of", "is_speech"]

_SUBJ = ("nsubj", "nsubjpass", "csubj")


def is_speech(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` is a reporting verb (say, warn, state, report...)."""
    return verb.lemma_.lower() in lex.speech


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject token of ``verb``, following conjunction, xcomp and
    subjectless participial clauses up to their controller."""
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return child
    if depth > 6:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ == "mark" for c in verb.children):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and verb.tag_ == "VBG":
        return verb.head
    return None


def source_token(verb: Token, lex: Lexicon) -> Token | None:
    """Head token of the source a clause headed by ``verb`` is attributed to."""
    node = verb
    # climb through xcomp/conj chains to the clause that is a complement
    for _ in range(6):
        if node.dep_ in ("xcomp", "conj") and node.head is not node:
            node = node.head
            continue
        break
    if node.dep_ in ("ccomp", "parataxis") and is_speech(node.head, lex):
        return subject_of(node.head)
    for child in node.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl") and is_speech(child, lex) \
                and not any(c.dep_ == "ccomp" for c in child.children) and child.i > node.i:
            s = subject_of(child)
            if s is not None and s.i > node.i:
                return s
        if child.dep_ == "prep" and child.lower_ == "according":
            for gc in child.children:
                if gc.dep_ == "prep" and gc.lower_ == "to":
                    for ggc in gc.children:
                        if ggc.dep_ == "pobj":
                            return ggc
    return None
