"""Per-Doc token attribute table: the attributes the rules read, as plain lists.

Creating :class:`~spacy.tokens.Token` objects and reading their string
attributes (``pos_``, ``dep_``, ``lower_`` ...) costs a hash lookup each
time; the rules read the same attributes of the same tokens many times.  A
:class:`DocTable` reads each attribute column once (with ``Doc.to_array``),
on first use, and keeps it for the rest of one extraction call.  It holds no
state beyond the Doc it was built for and is never shared between calls
(see :meth:`geokg.ingest.extract.clauses.ClauseContext.table`).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["Police", "arrested", "two", "men"],
...           heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "nummod", "dobj"],
...           pos=["NOUN", "VERB", "NUM", "NOUN"])
>>> tab = DocTable(doc)
>>> tab.pos[1], tab.dep[3], tab.head[2], tab.children[1]
('VERB', 'dobj', 3, [0, 3])
>>> tab.text, tab.span_text(2, 4), tab.left_edge(3)
('Police arrested two men ', 'two men', 2)
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    TAG,
)
from spacy.parts_of_speech import NAMES as _POS_NAMES
from spacy.tokens import Doc

__all__ = ["verb_lemma", "DocTable"]


class DocTable:
    """Token attribute columns of one Doc (indexed by token index), read lazily.

    Parameters
    ----------
    doc
        The Doc; it must not be changed while the table is in use.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        self._edges: dict[int, tuple[int, int]] = {}

    def _ints(self, attr: int) -> list[int]:
        if not self.n:
            return []
        return self.doc.to_array(attr).astype("int64").tolist()

    def _strings(self, attr: int) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(attr).tolist()] if self.n else []

    @cached_property
    def pos(self) -> list[str]:
        """``Token.pos_``."""
        names = _POS_NAMES
        return [names[p] if p else "" for p in self._ints(POS)]

    @cached_property
    def dep(self) -> list[str]:
        """``Token.dep_``."""
        return self._strings(DEP)

    @cached_property
    def tag(self) -> list[str]:
        """``Token.tag_``."""
        return self._strings(TAG)

    @cached_property
    def lower(self) -> list[str]:
        """``Token.lower_``."""
        return self._strings(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """``Token.lemma_``, with verb forms the model cut wrongly repaired (:func:`verb_lemma`)."""
        lemmas = self._strings(LEMMA)
        tags = self.tag
        lower = self.lower
        return [verb_lemma(lower[i], tags[i], lem) if tags[i] in ("VBD", "VBN", "VBZ", "VBG") else lem
                for i, lem in enumerate(lemmas)]

    @cached_property
    def ent_type(self) -> list[str]:
        """``Token.ent_type_``."""
        return self._strings(ENT_TYPE)

    @cached_property
    def words(self) -> list[str]:
        """``Token.text``."""
        return self._strings(ORTH)

    @cached_property
    def idx(self) -> list[int]:
        """``Token.idx`` (character offset)."""
        return self._ints(IDX)

    @cached_property
    def is_alpha(self) -> list[int]:
        """``Token.is_alpha`` (0/1)."""
        return self._ints(IS_ALPHA)

    @cached_property
    def is_punct(self) -> list[int]:
        """``Token.is_punct`` (0/1)."""
        return self._ints(IS_PUNCT)

    @cached_property
    def is_space(self) -> list[int]:
        """``Token.is_space`` (0/1)."""
        return self._ints(IS_SPACE)

    @cached_property
    def head(self) -> list[int]:
        """Index of ``Token.head``."""
        return [i + h for i, h in enumerate(self._ints(HEAD))]

    @cached_property
    def children(self) -> list[list[int]]:
        """Indices of ``Token.children`` (ascending, as spaCy yields them)."""
        kids: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                kids[h].append(i)
        return kids

    def _edge_pair(self, i: int) -> tuple[int, int]:
        pair = self._edges.get(i)
        if pair is None:
            tok = self.doc[i]
            pair = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return pair

    def left_edge(self, i: int) -> int:
        """Index of ``Token.left_edge`` of token ``i`` (memoised)."""
        return self._edge_pair(i)[0]

    def right_edge(self, i: int) -> int:
        """Index of ``Token.right_edge`` of token ``i`` (memoised)."""
        return self._edge_pair(i)[1]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (``end > start``)."""
        return self.text[self.idx[start]:self.idx[end - 1] + len(self.words[end - 1])]

    @cached_property
    def text(self) -> str:
        """``Doc.text`` (built once)."""
        return self.doc.text


_CVC = re.compile(r"^[^aeiou]*[aeiou][bcdfgklmnprstvz]$")


def verb_lemma(word: str, tag: str, lemma: str) -> str:
    """The lemma of a verb form, repaired when the model cut a final *-e* ("staged" -> "stag",
    "hopes" -> "hop").

    English doubles the last consonant of a one-syllable verb ending in vowel + consonant
    before *-ed* ("stop" -> "stopped"), so "staged" cannot come from "stag": when the word
    is the lemma + "ed" and the lemma has that shape, the lemma is the word minus "d"; so
    for "-es" ("hopes") and "-ing" ("hoping").

    Examples
    --------
    >>> verb_lemma("staged", "VBD", "stag"), verb_lemma("voted", "VBD", "vot"), verb_lemma("opened", "VBD", "open")
    ('stage', 'vote', 'open')
    >>> verb_lemma("jailed", "VBN", "jail"), verb_lemma("helped", "VBD", "help"), verb_lemma("ran", "VBD", "run")
    ('jail', 'help', 'run')
    >>> verb_lemma("hopes", "VBZ", "hop"), verb_lemma("hoping", "VBG", "hop"), verb_lemma("fixes", "VBZ", "fix")
    ('hope', 'hope', 'fix')
    """
    if tag in ("VBD", "VBN") and word == lemma + "ed" and _CVC.match(lemma):
        return word[:-1]
    if tag == "VBZ" and word == lemma + "es" and _CVC.match(lemma) and lemma[-1] not in "sz":
        return word[:-1]  # "hopes" -> "hop": a verb in -s, -z takes -es ("buses"), no other
    if tag == "VBG" and word == lemma + "ing" and _CVC.match(lemma):
        return lemma + "e"  # "hoping" -> "hop": "hop" makes "hopping"
    return lemma
