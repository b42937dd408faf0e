"""What the coders read from a parsed article, computed once per ``Doc``.

spaCy builds ``doc.text`` and ``doc.ents`` anew on every access, so the coders
read them through a :class:`DocIndex`: the text, the entity spans and the
character spans of PERSON entities.  :func:`noun_phrase` cuts an argument to its
head's noun phrase and :func:`person_spans` finds the person names inside an
argument.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.records import Argument
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["President", "Claudia", "Sheinbaum", "spoke"],
...           ents=["O", "B-PERSON", "I-PERSON", "O"])
>>> index = DocIndex(doc)
>>> index.text, index.persons, [label for _, label, _ in index.entities]
('President Claudia Sheinbaum spoke ', ((10, 27),), ['PERSON'])
>>> arg = Argument("subject", "President Claudia Sheinbaum", 0, 27)
>>> person_spans(arg, [("President", 0, 9), ("Claudia", 10, 17), ("Sheinbaum", 18, 27)], index)
[(1, 3)]
"""

from __future__ import annotations

from collections.abc import Sequence

from geokg.ingest.records import Argument

__all__ = ["DocIndex", "noun_phrase", "person_spans"]


class DocIndex:
    """The text, entities and PERSON spans of one ``Doc`` (see module doc)."""

    __slots__ = ("_phrases", "_text", "doc", "entities", "persons")

    def __init__(self, doc) -> None:
        self.doc = doc
        self._text: str | None = None
        text = self.text
        spans = [(e, e.label_, e.start_char, e.end_char) for e in doc.ents]
        #: (span, label, text) of every entity, in order (a span's text is its slice of
        #: the Doc's text: tokens are separated by at most one space)
        self.entities: tuple = tuple((e, label, text[a:b]) for e, label, a, b in spans)
        self.persons: tuple[tuple[int, int], ...] = tuple((a, b) for _, label, a, b in spans if label == "PERSON")
        self._phrases: dict[tuple[int, int, str], tuple[int, int] | None] = {}

    def noun_phrase(self, arg: Argument) -> tuple[int, int] | None:
        """:func:`noun_phrase` of ``arg`` in the Doc (memoised by offsets and head)."""
        key = (arg.start, arg.end, arg.head)
        if key not in self._phrases:
            self._phrases[key] = noun_phrase(arg, self.doc)
        return self._phrases[key]

    @property
    def text(self) -> str:
        """``doc.text`` (built on first use)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text


def noun_phrase(arg: Argument, doc) -> tuple[int, int] | None:
    """Character span of the argument's noun phrase in ``doc`` (from the head's
    left edge), or None when the argument is a clause (its head is a verb)."""
    if not arg.head:
        return (arg.start, arg.end)
    head = None
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is not None:
        word = arg.head
        for t in span:
            if t.text == word:
                head = t
                break
    if head is None:
        return (arg.start, arg.end)
    if head.pos_ in ("VERB", "AUX") and not head.ent_type_:
        return None
    left = max(arg.start, head.left_edge.idx)
    # the extractor may cut the phrase's trailing prepositional phrase ("Rebels [in the Ivory Coast]")
    right = arg.end
    edge = head.right_edge
    if edge.idx + len(edge.text) > right and all(t.pos_ not in ("VERB", "AUX") for t in doc[head.i + 1: edge.i + 1]):
        right = edge.idx + len(edge.text)
    return (left, right)


def person_spans(arg: Argument, toks: Sequence[tuple[str, int, int]], index: DocIndex) -> list[tuple[int, int]]:
    """Token spans (start, end) of the PERSON entities inside the argument; ``toks``
    are the argument text's (token, start, end) triples."""
    spans: list[tuple[int, int]] = []
    for start_char, end_char in index.persons:
        if end_char <= arg.start or start_char >= arg.end:
            continue
        s = next((i for i, (_, a, b) in enumerate(toks) if b > start_char - arg.start), None)
        e = next((i for i, (_, a, b) in reversed(list(enumerate(toks))) if a < end_char - arg.start), None)
        if s is not None and e is not None and e >= s:
            spans.append((s, e + 1))
    return spans
