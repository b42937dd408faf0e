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

import re

from bisect import bisect_right
from collections.abc import Sequence

from geokg.ingest.actors.allegiance import follows
from geokg.ingest.actors.words import NAME_PARTICLES
from geokg.ingest.records import Argument

__all__ = ["DocIndex", "doc_memo", "noun_phrase", "person_name", "person_spans", "title_case", "title_sentence"]

#: Entities a phrase may not start inside: a cut "[North] Korean officials" names another country.
_PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})


def _entity_start(left: int, spans: Sequence[tuple[int, int]]) -> int:
    """``left``, or the start of the place entity it falls inside ("North Korean" for
    a phrase cut to "Korean and U.S. officials")."""
    for a, b in spans:
        if a < left < b:
            return a
    return left


class DocIndex:
    """The text, entities and PERSON spans of one ``Doc`` (see module doc)."""

    __slots__ = ("_person_ends", "_phrases", "_places", "_sentences", "_table", "_text", "doc", "entities", "persons")

    def __init__(self, doc) -> None:
        self.doc = doc
        self._text: str | None = None
        text = self.text
        all_ents = doc.ents  # spaCy builds the spans anew on every read
        names = _Names(doc)
        ents = (e if e.label_ != "PERSON" else names.person_name(e) for e in all_ents)
        spans = [(e, e.label_, e.start_char, e.end_char) for e in ents if e is not None]
        #: (span, label, text) of every entity, in order (a span's text is its slice of
        #: the Doc's text: tokens are separated by at most one space)
        self.entities: tuple = tuple((e, label, text[a:b]) for e, label, a, b in spans)
        self.persons: tuple[tuple[int, int], ...] = tuple((a, b) for _, label, a, b in spans if label == "PERSON")
        # entities do not overlap: their ends are in order too
        self._person_ends = [b for _, b in self.persons]
        self._places = tuple((a, b) for _, label, a, b in spans if label in _PLACE_LABELS)
        self._phrases: dict[tuple[int, int, str], tuple[int, int] | None] = {}
        self._table: tuple | None = None
        self._sentences: tuple[tuple[int, int, int, int], ...] | None = None

    @property
    def sentences(self) -> tuple[tuple[int, int, int, int], ...]:
        """(start, end, start_char, end_char) of each sentence of ``doc.sents``, in order (read once)."""
        if self._sentences is None:
            self._sentences = tuple((s.start, s.end, s.start_char, s.end_char) for s in self.doc.sents)
        return self._sentences

    def _tokens(self) -> tuple:
        """(token starts, token lengths, POS ids, entity type ids, the ids of VERB and AUX), one list
        per attribute, read from the Doc at once (built on first use)."""
        if self._table is None:
            from spacy.attrs import ENT_TYPE, IDX, LENGTH, POS
            from spacy.parts_of_speech import AUX, VERB

            columns = self.doc.to_array([IDX, LENGTH, POS, ENT_TYPE]).T.tolist() if len(self.doc) else [[]] * 4
            self._table = (*columns, (int(VERB), int(AUX)))
        return self._table

    def noun_phrase(self, arg: Argument) -> tuple[int, int] | None:
        """:func:`noun_phrase` of ``arg`` in the Doc (memoised by offsets and head)."""
        key = (arg.start, arg.end, arg.head)
        if key not in self._phrases:
            self._phrases[key] = self._noun_phrase(arg)
        return self._phrases[key]

    def _noun_phrase(self, arg: Argument) -> tuple[int, int] | None:
        """:func:`noun_phrase` read from the token table (the same result, fewer spaCy objects)."""
        if not arg.head:
            return (arg.start, arg.end)
        starts, lengths, pos, ents, verbs = self._tokens()
        text = self.text
        size = len(text)  # the tokens tile the text
        # doc.char_span(arg.start, arg.end, alignment_mode="expand")
        head = None
        if 0 <= arg.start < size and 0 <= arg.end - 1 < size:
            start = bisect_right(starts, arg.start) - 1
            end = bisect_right(starts, arg.end - 1) - 1
            if arg.start == starts[start] + lengths[start]:
                start += 1
            word, n = arg.head, len(arg.head)
            for k in range(start, end + 1):
                idx, length = starts[k], lengths[k]
                if length == n and text[idx:idx + length] == word:
                    head = k
                    break
        if head is None:
            return (arg.start, arg.end)
        if pos[head] in verbs and not ents[head]:
            return None
        token = self.doc[head]
        left = _entity_start(max(arg.start, token.left_edge.idx), self._places)
        right = arg.end
        edge = token.right_edge.i
        edge_end = starts[edge] + lengths[edge]
        if (edge_end > right and _no_clause([k for k in range(head + 1, edge + 1) if pos[k] in verbs], head,
                                            lambda k: text[starts[k]:starts[k] + lengths[k]])
                and not _role_marker(self.text, arg.end)):
            right = edge_end
        return (left, right)

    @property
    def text(self) -> str:
        """``doc.text`` (built on first use)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text


def _lower_words(doc) -> frozenset[str]:
    """The texts of the Doc's lower-case alphabetic tokens (read as one array)."""
    from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH

    if not len(doc):
        return frozenset()
    strings = doc.vocab.strings
    table = doc.to_array([IS_LOWER, IS_ALPHA, ORTH])
    orths = set(table[(table[:, 0] != 0) & (table[:, 1] != 0), 2].tolist())  # each word once
    return frozenset(strings[orth] for orth in orths)


class _Names:
    """:func:`person_name` for the PERSON entities of one Doc, reading what it needs of the
    Doc once: whether it has sentences, which sentences are Title Case (:func:`title_sentence`)
    and (only when a PERSON entity stands in one) the Doc's lower-case words."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self._sentenced: bool | None = None
        self._common: frozenset[str] | None = None

    def person_name(self, ent):
        """:func:`person_name` of ``ent`` (the Doc's lower-case words as ``common``)."""
        if self._sentenced is None:
            self._sentenced = self.doc.has_annotation("SENT_START") or self.doc.has_annotation("DEP")
        title = False
        if self._sentenced:
            title = title_sentence(ent.sent)
        if title and self._common is None:
            self._common = _lower_words(self.doc)
        return _name_before_verb(ent, self._common if title else frozenset())


def person_name(ent, common: frozenset[str] = frozenset()):
    """The name in a PERSON entity: its words before the first verb, None when it starts
    with one.  A Title Case headline fools the NER: "Powell Calls for Support" is the
    person "Powell", "Seeks Talks" none (its verbs are tagged VERB all the same).  In a
    Title Case sentence the name also ends before a word that the article writes in lower
    case (``common``): "Kerry Challenges Bush Record" -- "the record deficit" -- names "Bush",
    "Car Bomb" -- "a car bomb" -- none; name particles ("van", "bin") are no such words."""
    doc = ent.doc
    title = bool(common) and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")) and title_case(ent.sent)
    return _name_before_verb(ent, common if title else frozenset())


def _name_before_verb(ent, common: frozenset[str]):
    """:func:`person_name` given the lower-case words that end a name (empty: none do)."""
    from spacy.parts_of_speech import AUX, VERB
    from spacy.tokens import Span

    doc = ent.doc
    verbs = (VERB, AUX)
    for k, token in enumerate(ent):
        if token.pos in verbs or (common and (token.lower_ in common or token.tag_ in _COMMON_TAGS)
                                  and token.lower_ not in NAME_PARTICLES):
            return Span(doc, ent.start, ent.start + k, label=ent.label) if k else None
    return ent


#: Tags of words no name is made of, though a Title Case headline capitalises them: a plural common noun
#: ("*Wreckers* Cut Power Lines") or an adjective ("*Rival* Gunmen Clash").
_COMMON_TAGS = frozenset({"NNS", "JJ", "JJR", "JJS"})


def title_case(sent) -> bool:
    """Whether most longer words of ``sent`` are capitalised (a headline)."""
    words = [t.text for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def title_sentence(sent) -> bool:
    """:func:`title_case` of the sentence ``sent``, memoised on its Doc (``doc.user_data``, by
    token offsets: the coders read it for every entity and actor of a sentence).

    >>> import spacy
    >>> doc = spacy.blank("en")("Rebels Seize Northern Border Town")
    >>> title_sentence(doc[:]), doc.user_data[_TITLES]
    (True, {(0, 5): True})
    """
    memo = doc_memo(sent.doc, _TITLES)
    key = (sent.start, sent.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = title_case(sent)
    return found


_TITLES = "geokg.title_sentences"


def doc_memo(doc, name: str) -> dict:
    """The memo ``name`` kept on ``doc`` (a dict in ``doc.user_data``, made on first use): what the
    coders read of one article's Doc again and again.  The Doc must not be retokenised after.

    >>> import spacy
    >>> doc = spacy.blank("en")("Talks resumed")
    >>> doc_memo(doc, "geokg.example") is doc_memo(doc, "geokg.example")
    True
    """
    data = doc.user_data
    memo = data.get(name)
    if memo is None:
        memo = data[name] = {}
    return memo


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
    places = tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ in _PLACE_LABELS)
    left = _entity_start(max(arg.start, head.left_edge.idx), places)
    # the extractor may cut the phrase's trailing prepositional phrase ("Rebels [in the Ivory Coast]")
    right = arg.end
    edge = head.right_edge
    if (edge.idx + len(edge.text) > right
            and _no_clause([t.i for t in doc[head.i + 1: edge.i + 1] if t.pos_ in ("VERB", "AUX")], head.i,
                           lambda k: doc[k].text)
            and not _role_marker(doc.text, arg.end)):
        right = edge.idx + len(edge.text)
    return (left, right)


def _no_clause(verbs: list[int], head: int, word) -> bool:
    """Whether the words after a noun phrase's head up to its right edge make no clause of their own: no verb
    among them (token indices ``verbs``), or only the participle right after the head that says whom the phrase
    follows ("the group *led* by Abu Ali", :func:`~geokg.ingest.actors.allegiance.follows`; ``word`` gives a
    token's text by index)."""
    return not verbs or (verbs == [head + 1] and follows(word(head + 1), word(head + 2)))


#: Words after a noun phrase that start no part of it: a role or a comparison ("killed five guards *as* the Peruvian
#: interior minister, Ana Ruiz, spoke in Lima": the minister is none of the guards).
_ROLE_MARKERS = frozenset({"as", "like", "than"})


def _role_marker(text: str, end: int) -> bool:
    """Whether the first word after character ``end`` of ``text`` is a :data:`_ROLE_MARKERS` word."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() in _ROLE_MARKERS


_NEXT_WORD = re.compile(r"\s*(\w+)")


def person_spans(arg: Argument, toks: Sequence[tuple[str, int, int]], index: DocIndex) -> list[tuple[int, int]]:
    """Token spans (start, end) of the PERSON entities inside the argument; ``toks``
    are the argument text's (token, start, end) triples."""
    spans: list[tuple[int, int]] = []
    persons = index.persons
    # the first PERSON entity that ends after the argument starts (entities are in order)
    for k in range(bisect_right(index._person_ends, arg.start), len(persons)):
        start_char, end_char = persons[k]
        if start_char >= arg.end:
            break
        s = next((i for i, (_, a, b) in enumerate(toks) if b > start_char - arg.start), None)
        e = next((i for i, (_, a, b) in reversed(list(enumerate(toks))) if a < end_char - arg.start), None)
        if s is not None and e is not None and e >= s:
            spans.append((s, e + 1))
    return spans
