"""Groups and armed men named by whom they follow (geokg.ingest.actors.allegiance)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.actors import ActorCoder
from geokg.ingest.actors.allegiance import allegiance_span, followed_actor, follows
from geokg.ingest.actors.doc import DocIndex, noun_phrase
from geokg.ingest.records import Actor, Argument
from spacy.tokens import Doc


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.default()


def test_the_span_of_whom_a_group_follows():
    assert follows("linked", "to") and follows("Led", "by") and not follows("led", "the")
    assert allegiance_span(["a", "cell", "linked", "to", "the", "Tigers", "in", "Lima"], 1) == (4, 6)
    assert allegiance_span(["a", "cell", "of", "the", "Tigers"], 1) is None  # "of" only for a band head
    assert allegiance_span(["a", "cell", "of", "the", "Tigers"], 1, of=True) == (3, 5)
    assert allegiance_span(["a", "cell", "linked", "to"], 1) is None


def test_only_a_named_actor_of_a_known_country_is_followed():
    tigers = Actor("group:LKA-tigers", "Tigers", "group", "LKA", "REB")
    ruiz = Actor("person:ana-ruiz", "Ana Ruiz", "person")
    words = ["a", "cell", "linked", "to", "the", "Tigers"]
    assert followed_actor(words, 1, True, lambda s, e: tigers) == tigers
    assert followed_actor(words, 1, True, lambda s, e: ruiz) is None  # an ad-hoc person says nothing of the cell
    assert followed_actor(words, 1, True, lambda s, e: ruiz, known=lambda i: i == ruiz.id) == ruiz
    assert followed_actor(words, 1, True, lambda s, e: Actor("actor:LKA-REB", "rebels", "group", "LKA", "REB")) is None


@pytest.mark.parametrize("text, head, expected", [
    ("a cell linked to Hamas", "cell", "group:PSE-hamas"),        # a band stands for whom it follows
    ("the group led by Hamas", "group", "group:PSE-hamas"),
    ("militiamen loyal to Hamas", "militiamen", "actor:PSE-UAF"),  # armed men keep their sector
    ("gunmen loyal to the Taliban", "gunmen", "actor:AFG-UAF"),
    ("a Peruvian group linked to Hamas", "group", "country:PER"),  # its own nationality says whose it is
])
def test_a_group_or_armed_men_are_whom_they_follow(coder, text, head, expected):
    assert coder.code_argument(Argument("subject", text, 0, len(text), head=head)).id == expected


def test_a_cut_phrase_is_restored_through_the_following_participle():
    # "A cell linked to Hamas bombed the embassy": the extractor cuts the subject to "A cell"
    words = ["A", "cell", "linked", "to", "Hamas", "bombed", "the", "embassy"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 5, 1, 2, 3, 5, 7, 5],
              deps=["det", "nsubj", "acl", "prep", "pobj", "ROOT", "det", "dobj"],
              pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "VERB", "DET", "NOUN"])
    cut = Argument("subject", "A cell", 0, 6, head="cell")
    assert noun_phrase(cut, doc) == DocIndex(doc).noun_phrase(cut) == (0, len("A cell linked to Hamas"))
    words[2] = "bombed"  # "A cell bombed to ...": a clause of its own is not restored
    doc = Doc(doc.vocab, words=words, heads=[1, 5, 1, 2, 3, 5, 7, 5],
              deps=["det", "nsubj", "acl", "prep", "pobj", "ROOT", "det", "dobj"],
              pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "VERB", "DET", "NOUN"])
    assert noun_phrase(cut, doc) == DocIndex(doc).noun_phrase(cut) == (0, 6)
