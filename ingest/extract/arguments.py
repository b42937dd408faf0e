"""Noun-phrase spans and argument roles.

An argument is kept as an :class:`ArgSpan` (token offsets, head token, role,
preposition) while rules run, and becomes a :class:`~geokg.ingest.records.Argument`
(character offsets into the Doc text) at the end.

Span policy (:func:`np_bounds`): the head's subtree, keeping determiners,
compounds, adjectives, possessors, numbers and the prepositional phrases named
in ``noun_preps`` (by default only ``of``: "20 million doses of fentanyl"), and
cutting relative clauses, appositions, participle clauses, other
prepositional phrases, conjuncts and edge punctuation.  Conjuncts are separate
arguments (coordination is expanded by the clause rules).

Prepositional phrases become extras (:func:`pp_role`): ``time`` when the
object is a DATE/TIME entity or a time word, ``place`` for GPE/LOC/FAC
objects of locative prepositions, ``recipient`` for actors after *to*/*for*,
``instrument`` after *with*/*using* for plain common nouns (no actor modifier
such as "Mexican authorities", no clause), else ``other``.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> words = ["Police", "seized", "doses", "of", "fentanyl", "in", "Sinaloa"]
>>> doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 2, 3, 1, 5],
...           deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj"],
...           ents=["O", "O", "O", "O", "O", "O", "B-GPE"])
>>> np_bounds(doc[2], ("of",))
(2, 5)
>>> pp_role(doc[5], doc[6])
'place'
"""

from __future__ import annotations

from dataclasses import dataclass

from geokg.ingest.extract.doctable import DocTable
from geokg.ingest.records import Argument
from spacy.tokens import Doc, Token

__all__ = [
    "ArgSpan",
    "AllPreps",
    "np_bounds",
    "make_arg",
    "name_span",
    "title_word",
    "is_name",
    "pp_role",
    "to_argument",
    "TIME_LABELS",
    "PLACE_LABELS",
    "ACTOR_LABELS",
]

TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})

# Dependency labels of left modifiers that belong to a noun phrase.
_LEFT_KEEP = frozenset({
    "det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "predet",
    "advmod", "npadvmod", "case", "neg", "punct", "nn", "attr", "dep", "preconj",
})
# Dependency labels of right modifiers that may belong to a noun phrase.
_RIGHT_KEEP = frozenset({"nummod", "compound", "case", "amod", "npadvmod", "quantmod"})
_TIME_PREPS = frozenset({"during", "since", "until", "till", "after", "before", "throughout", "amid"})
_PLACE_PREPS = frozenset({
    "in", "at", "near", "over", "across", "inside", "within", "into", "through", "from",
    "outside", "around", "along", "on", "off", "throughout", "toward", "towards", "to",
    "between", "beyond", "above", "below", "under", "onto", "via",
})
_TIME_WORDS = frozenset({
    "year", "month", "week", "day", "today", "yesterday", "tomorrow", "morning",
    "evening", "night", "afternoon", "hour", "decade", "century", "weekend", "time",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "spring", "summer", "autumn",
    "winter", "period", "season", "era",
})
_INSTRUMENT_PREPS = frozenset({"with", "using", "by"})


class AllPreps(frozenset):
    """A stand-in for ``noun_preps`` that keeps every prepositional phrase in a noun phrase.

    >>> "against" in AllPreps()
    True
    """

    def __contains__(self, item: object) -> bool:
        return True


@dataclass(slots=True)
class ArgSpan:
    """An argument while the rules run: token range ``[start, end)`` and head."""

    role: str
    start: int
    end: int
    head: int
    prep: str = ""
    resolved: str = ""
    text: str = ""  # override of the surface text (role records only)
    label: str | None = None  # override of the NER label (None: take the head's)

    def tokens(self) -> range:
        """Token indices covered."""
        return range(self.start, self.end)


def np_bounds(head: Token, noun_preps: tuple[str, ...] | frozenset[str] = ("of",),
              *, keep_conj: bool = False) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``head``.

    Left modifiers (with their subtrees) are kept; on the right the phrase
    stops at the first relative clause, apposition, comma, conjunct or
    prepositional phrase not listed in ``noun_preps``.
    """
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_KEEP:
            start = child.left_edge.i
            break
    end = head.i + 1
    for child in head.rights:
        dep = child.dep_
        if dep == "prep" and child.lower_ in noun_preps:
            pobj = _pobj(child)
            if pobj is None:
                break
            if pobj.pos_ in ("VERB", "AUX"):  # "the idea of running workshops"
                end = max(end, pobj.right_edge.i + 1)
            else:
                end = max(end, np_bounds(pobj, noun_preps, keep_conj=True)[1])
        elif dep in _RIGHT_KEEP:
            end = max(end, child.right_edge.i + 1)
        elif keep_conj and dep in ("cc", "conj"):
            if dep == "conj":
                end = max(end, np_bounds(child, noun_preps, keep_conj=True)[1])
        else:
            break
    doc = head.doc
    # trim edge punctuation, spaces and stray conjunctions
    while start < head.i and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].is_space
                                or doc[end - 1].dep_ in ("cc", "case")):
        end -= 1
    return start, end


_NOT_NAMES = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"})


def is_name(tok: Token) -> bool:
    """Whether ``tok`` can be part of a person's name (a proper noun not tagged as a place etc.)."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_NAMES


def name_span(head: Token, stop: int = -1) -> tuple[int, int]:
    """Token range of the name ending at ``head``: the run of name-like compounds
    before it (not reaching back to token ``stop``, e.g. a title word)."""
    doc = head.doc
    start = head.i
    while start - 1 > stop:
        prev = doc[start - 1]
        if prev.dep_ == "compound" and prev.head.i == head.i and is_name(prev) and prev.ent_type_ == head.ent_type_:
            start -= 1
        elif (prev.text == "-" and prev.ent_iob_ == "I" and prev.ent_type_ == head.ent_type_ and start - 2 > stop
              and not prev.whitespace_ and not doc[start - 2].whitespace_):
            start -= 1  # a hyphen inside the name ("Chen Shui-bian"): the name goes on before it
        else:
            break
    return start, head.i + 1


def title_word(head: Token, is_role) -> Token | None:
    """The role word of a titled name ("President" in "US President Joe Doe"), if any."""
    if not is_name(head) or is_role(head.lemma_):
        return None
    roles = [c for c in head.lefts if c.dep_ in ("compound", "nmod") and is_role(c.lemma_)]
    return roles[-1] if roles else None


def _pobj(prep: Token) -> Token | None:
    for child in prep.rights:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def make_arg(role: str, head: Token, noun_preps: tuple[str, ...] | frozenset[str] = ("of",),
             prep: str = "", *, keep_conj: bool = False, trim_titles=None) -> ArgSpan:
    """An :class:`ArgSpan` for the noun phrase headed by ``head``.

    With ``trim_titles`` (a predicate telling role nouns) a titled name
    ("Mexico's President Claudia Sheinbaum") is cut to the name; the title is a
    role record of its own.
    """
    if head.pos_ in ("VERB", "AUX") or head.dep_ == "pcomp":
        start, end = head.left_edge.i, head.right_edge.i + 1
    elif trim_titles is not None and not keep_conj and (role_word := title_word(head, trim_titles)) is not None:
        start, end = name_span(head, role_word.i)
    else:
        start, end = np_bounds(head, noun_preps, keep_conj=keep_conj)
    return ArgSpan(role, start, end, head.i, prep)


def pp_role(prep: Token, pobj: Token) -> str:
    """Role of a prepositional phrase: time, place, recipient, instrument or other."""
    p = prep.lower_
    label = pobj.ent_type_
    if label in TIME_LABELS or pobj.lower_ in _TIME_WORDS or pobj.lemma_.lower() in _TIME_WORDS:
        return "time"
    if p in _TIME_PREPS and not label:
        return "time"
    if label in PLACE_LABELS and p in _PLACE_PREPS and p not in ("to", "toward", "towards"):
        return "place"
    if label == "ORG" and pobj.pos_ == "PROPN" and p in ("in", "at", "near", "inside", "across", "throughout"):
        return "place"  # the small model often labels regions ORG ("in Sinaloa")
    if label in ACTOR_LABELS and p in ("to", "for"):
        return "recipient"
    if label in PLACE_LABELS and p in ("to", "toward", "towards"):
        return "place"
    if p in _INSTRUMENT_PREPS and label not in ACTOR_LABELS and pobj.pos_ == "NOUN" and p != "by" \
            and not any(c.dep_ in ("acl", "relcl") or c.ent_type_ in ACTOR_LABELS for c in pobj.children):
        return "instrument"
    return "other"


def to_argument(doc: Doc, span: ArgSpan, doc_text: str | None = None, tab: DocTable | None = None) -> Argument:
    """Turn an :class:`ArgSpan` into a record :class:`Argument` (char offsets).

    Pass ``doc_text`` (``doc.text``, computed once) when converting many spans:
    ``Doc.text`` rebuilds the string on every access.  With ``tab`` (the Doc's
    :class:`~geokg.ingest.extract.doctable.DocTable`) the attributes are read
    from the table.
    """
    if tab is not None:
        return _to_argument_tab(span, tab)
    if span.end <= span.start:
        # implicit argument: empty text at the head's position
        pos = doc[span.head].idx if 0 <= span.head < len(doc) else 0
        return Argument(role=span.role, text="", start=pos, end=pos, prep=span.prep)
    first, last = doc[span.start], doc[span.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    head = doc[span.head]
    text = span.text or (doc.text[start:end] if doc_text is None else doc_text[start:end])
    return Argument(
        role=span.role,
        text=text,
        start=start,
        end=end,
        head=head.text,
        head_lemma=head.lemma_,
        label=head.ent_type_ if span.label is None else span.label,
        prep=span.prep,
        resolved=span.resolved,
    )


def _to_argument_tab(span: ArgSpan, tab: DocTable) -> Argument:
    idx = tab.idx
    if span.end <= span.start:
        pos = idx[span.head] if 0 <= span.head < tab.n else 0
        return Argument(role=span.role, text="", start=pos, end=pos, prep=span.prep)
    h = span.head
    if h < 0:
        h += tab.n
    start, end = idx[span.start], idx[span.end - 1] + len(tab.words[span.end - 1])
    return Argument(
        role=span.role,
        text=span.text or tab.text[start:end],
        start=start,
        end=end,
        head=tab.words[h],
        head_lemma=tab.lemma[h],
        label=tab.ent_type[h] if span.label is None else span.label,
        prep=span.prep,
        resolved=span.resolved,
    )
