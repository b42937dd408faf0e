"""Targets inside the object ("a resumption of ties *with Hillland*") and other coding details of issue #17."""

from __future__ import annotations

import spacy
from geokg.ingest.coding.targets import _partner_phrases
from geokg.ingest.records import Argument
from spacy.tokens import Doc

# "Riverland welcomed a resumption of ties with Hillland after a rift"
WORDS = ["Riverland", "welcomed", "a", "resumption", "of", "ties", "with", "Hillland", "after", "a", "rift"]
HEADS = [1, 1, 3, 1, 3, 4, 5, 6, 1, 10, 8]
DEPS = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj", "prep", "det", "pobj"]


def _doc():
    return Doc(spacy.blank("en").vocab, words=WORDS, heads=HEADS, deps=DEPS,
               ents=["B-GPE", "O", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "O"])


def _object(doc, start: int, end: int) -> Argument:
    span = doc[start:end]
    return Argument("object", span.text, span.start_char, span.end_char, head=span.root.text)


def test_a_with_phrase_cut_from_the_object_is_its_partner():
    doc = _doc()
    (arg,) = _partner_phrases(_object(doc, 2, 6), doc)  # "a resumption of ties"
    assert (arg.text, arg.prep, arg.head, arg.label) == ("Hillland", "with", "Hillland", "GPE")
    assert doc.text[arg.start:arg.end] == "Hillland"


def test_no_partner_when_the_phrase_is_in_the_span_or_hangs_on_the_verb():
    doc = _doc()
    assert _partner_phrases(_object(doc, 2, 8), doc) == []  # "with Hillland" is already in the object
    assert _partner_phrases(_object(doc, 9, 11), doc) == []  # "a rift": no phrase of its own
    assert _partner_phrases(None, doc) == [] and _partner_phrases(_object(doc, 2, 6), None) == []


def test_a_contracted_can_t_is_a_modal():
    from geokg.ingest.coding.rules import MODAL_RE

    # spaCy splits "can't" into "ca" + "n't" as it splits "won't" into "wo" + "n't"
    assert MODAL_RE.search("ca n't clash over") and MODAL_RE.search("wo n't clash over")
    assert not MODAL_RE.search("cancelled") and not MODAL_RE.search("called")


# "Gunmen fired on a convoy carrying the minister" / "... on a town held by rebels"
CARRY_WORDS = ["Gunmen", "fired", "on", "a", "convoy", "carrying", "the", "minister"]
CARRY_HEADS = [1, 1, 1, 4, 2, 4, 7, 5]
CARRY_DEPS = ["nsubj", "ROOT", "prep", "det", "pobj", "acl", "det", "dobj"]
HELD_WORDS = ["Gunmen", "fired", "on", "a", "town", "held", "by", "rebels"]
HELD_HEADS = [1, 1, 1, 4, 2, 4, 5, 6]
HELD_DEPS = ["nsubj", "ROOT", "prep", "det", "pobj", "acl", "agent", "pobj"]


def test_who_a_thing_carries_or_who_holds_it_is_found_after_it():
    from geokg.ingest.coding.targets import _carried_or_held

    for words, heads, deps, party in [(CARRY_WORDS, CARRY_HEADS, CARRY_DEPS, "the minister"),
                                      (HELD_WORDS, HELD_HEADS, HELD_DEPS, "rebels")]:
        lemmas = [{"carrying": "carry", "held": "hold"}.get(w, w.lower()) for w in words]
        doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
        (arg,) = _carried_or_held(_object(doc, 3, 5), doc)  # "a convoy" / "a town"
        assert arg.text == party
        assert _carried_or_held(_object(doc, 6, 8), doc) == []  # no participle after it
        assert _carried_or_held(_object(doc, 3, 5), None) == []
