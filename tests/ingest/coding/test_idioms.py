"""Idioms a clause spreads over its verb, object and prepositional phrases (geokg.ingest.coding.idioms)."""

from __future__ import annotations

import pytest
from coding_helpers import codes, make  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.idioms import idiom_readings


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_readings_of_each_shape():
    _, ex = make("Chile took part in talks.", "Chile", "took", "take", "part", extras=[("other", "in", "talks")])
    assert ("take part in", ("talks",), False) in list(idiom_readings(ex))
    _, ex = make("Rebels took control of the town.", "Rebels", "took", "take", "control of the town")
    assert list(idiom_readings(ex)) == [("take control of", ("the town",), False)]
    _, ex = make("Police took the activists into custody on Monday.", "Police", "took", "take", "the activists",
                 extras=[("other", "into", "custody"), ("time", "on", "Monday")])
    assert list(idiom_readings(ex)) == [("take into custody", ("the activists",), True)]  # no time phrase
    _, ex = make("Chile lashed out at Peru.", "Chile", "lashed out", "lash out", None, extras=[("place", "at", "Peru")])
    assert ("lash out at", ("Peru",), False) in list(idiom_readings(ex))


@pytest.mark.parametrize(("text", "subject", "obj", "phrase", "expected"), [
    # the rows "take into custody" (173) and "take to court" (115) name the idiom as one lemma; the
    # extractor gives the verb, its object and the phrase apart, so they coded nothing before
    ("Peruvian police took the Chilean activists into custody.", "Peruvian police", "the Chilean activists",
     ("other", "into", "custody"), [("173", "actor:PER-COP", "actor:CHL-OPP")]),
    ("Peru took the Chilean government to court.", "Peru", "the Chilean government", ("other", "to", "court"),
     [("115", "country:PER", "actor:CHL-GOV")]),
])
def test_a_phrase_that_completes_the_verb(coder, text, subject, obj, phrase, expected):
    art, ex = make(text, subject, "took", "take", obj, extras=[phrase])
    assert codes(coder, art, ex) == expected


def test_another_phrase_is_no_such_act(coder):
    art, ex = make("Peru took the Chilean government to Lima.", "Peru", "took", "take", "the Chilean government",
                   extras=[("place", "to", "Lima")])
    assert [c for c, _, _ in codes(coder, art, ex)] not in (["173"], ["115"])


def test_a_light_verb_noun_and_its_preposition(coder):
    art, ex = make("Chile took part in talks with Peru.", "Chile", "took", "take", "part",
                   extras=[("other", "in", "talks"), ("instrument", "with", "Peru")])
    assert [c for c, _, _ in codes(coder, art, ex)] == ["040"]  # a meeting (take part in @TALKS), not 030


def test_a_phrasal_verb_without_rows_of_its_own(coder):
    # "back out" has no row; its idiom "back out of" (120) comes before the rows of "back" alone (051)
    art, ex = make("Chile backed out of the deal with Peru.", "Chile", "backed out", "back out", None,
                   extras=[("other", "of", "the deal with Peru")])
    assert [c for c, _, _ in codes(coder, art, ex)] == ["120"]


def test_the_verbs_own_rows_come_first(coder):
    # "mobilize" has a row of its own (154): the idiom reading "mobilize against" (113) is for a clause
    # whose verb has no row that fits, so the extractor's lemma decides, as before
    art, ex = make("Chile mobilized its troops against Peru.", "Chile", "mobilized", "mobilize", "its troops",
                   extras=[("other", "against", "Peru")])
    assert [c for c, _, _ in codes(coder, art, ex)] == ["154"]
    assert coder.lexicon.match("mobilize against", ["Peru"])[0] == "113"


@pytest.mark.model
def test_model_idioms_read_across_a_parsed_clause(geokg_pipeline):
    from geokg.ingest.records import Article

    texts = {
        "Peruvian police took three Chilean activists into custody in Lima on Monday.": ("173", "actor:PER-COP"),
        "Peru took the Chilean government to court on Monday.": ("115", "country:PER"),
        "Rebel leaders from Peru called on Chile to intervene in the crisis.": ("020", "actor:PER-REB"),
    }
    for text, (code, source) in texts.items():
        (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
        assert [(e.cameo, e.source.id) for e in result.events] == [(code, source)], text
