"""Coding one extraction: event types, polarity and mode, sources, targets, themes."""

from __future__ import annotations

from datetime import date

import pytest
from coding_helpers import codes, make  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)
from geokg.ingest.coding import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


# -- event types -------------------------------------------------------------------------------

def test_reject_with_target_from_the_object_owner(coder):
    art, ex = make("Mexico rejects US military action.", "Mexico", "rejects", "reject", "US military action")
    (ev,) = coder.code_extraction(ex, art)
    assert (ev.cameo, ev.plover, ev.quad_class, ev.goldstein) == ("1212", "REJECT", 3, -4.0)
    assert (ev.source.id, ev.target.id) == ("country:MEX", "actor:USA-MIL")


def test_arrest_and_seize(coder):
    art, ex = make("Mexican police arrested two cartel leaders.", "Mexican police", "arrested", "arrest",
                   "two cartel leaders")
    assert codes(coder, art, ex) == [("173", "actor:MEX-COP", "actor:MEX-CRM")]
    art, ex = make("Mexican authorities seized 20 tons of cocaine in Sinaloa.", "Mexican authorities", "seized",
                   "seize", "20 tons of cocaine", extras=[("place", "in", "Sinaloa")])
    (ev,) = coder.code_extraction(ex, art)
    # "authorities" that seize property act as police; the drugs are the theme, not a target
    assert (ev.cameo, ev.plover, ev.plover_mode, ev.source.id) == ("1711", "COERCE", "seize", "actor:MEX-COP")
    # whose drugs were seized is not said: the place is Mexico, the target is nobody (issue #17)
    assert ev.place == "MEX" and ev.target is None


def test_theme_and_recipient(coder):
    art, ex = make("Finland will give Tanzania a grant.", "Finland", "will give", "give", "a grant",
                   extras=[("recipient", "", "Tanzania")], mode="future")
    assert codes(coder, art, ex) == [("0331", "country:FIN", "country:TZA")]  # intent to give economic aid
    art, ex = make("The CIA shared intelligence with Mexican authorities.", "The CIA", "shared", "share",
                   "intelligence", extras=[("instrument", "with", "Mexican authorities")])
    assert codes(coder, art, ex) == [("064", "org:cia", "actor:MEX-GOV")]


def test_support_verbs_take_the_type_of_their_noun(coder):
    art, ex = make("The CIA has increased secret drone flights over Mexico.", "The CIA", "has increased",
                   "increase", "secret drone flights", extras=[("place", "over", "Mexico")])
    (ev,) = coder.code_extraction(ex, art)
    assert (ev.cameo, ev.plover, ev.source.id, ev.target.id, ev.place) == ("150", "MOBILIZE", "org:cia",
                                                                           "country:MEX", "MEX")


def test_negation(coder):
    art, ex = make("Mexico did not reject the plan.", "Mexico", "did not reject", "reject", "the plan",
                   polarity="negative")
    assert codes(coder, art, ex) == []
    art, ex = make("Mexico refused to cooperate with Washington.", "Mexico", "refused to cooperate", "cooperate",
                   extras=[("other", "with", "Washington")], polarity="negative")
    assert codes(coder, art, ex) == [("121", "country:MEX", "actor:USA-GOV")]
    art, ex = make("Syria will not accept refugees.", "Syria", "will not accept", "accept", "refugees",
                   polarity="negative", mode="future")
    assert codes(coder, art, ex)[0][0][:2] == "12"
    art, ex = make("Israel did not attack Gaza.", "Israel", "did not attack", "attack", "Gaza",
                   polarity="negative")
    assert codes(coder, art, ex) == []
    art, ex = make("Rebels refused to attack the town.", "Rebels", "refused to attack", "attack", "the town",
                   polarity="negative")
    assert codes(coder, art, ex)[0][0] == "120"


def test_intentions_and_threats(coder):
    art, ex = make("Iran promised to provide aid to Iraq.", "Iran", "promised to provide", "provide", "aid",
                   extras=[("recipient", "to", "Iraq")], mode="intended")
    assert codes(coder, art, ex) == [("033", "country:IRN", "country:IRQ")]
    art, ex = make("Iran threatened to attack Iraq.", "Iran", "threatened to attack", "attack", "Iraq",
                   mode="intended")
    assert codes(coder, art, ex) == [("1384", "country:IRN", "country:IRQ")]
    art, ex = make("Russia would impose sanctions on Georgia.", "Russia", "would impose", "impose", "sanctions",
                   extras=[("other", "on", "Georgia")], mode="hypothetical")
    assert codes(coder, art, ex) == [("1312", "country:RUS", "country:GEO")]
    # a condition is not an event: "unless Baghdad accepted ..."
    art, ex = make("Iran will attack unless Iraq accepted its terms.", "Iraq", "accepted", "accept", "its terms",
                   mode="hypothetical")
    assert codes(coder, art, ex) == []
    # "decided to" reports an act
    art, ex = make("The court decided to allow the party to run.", "The court", "decided to allow", "allow",
                   "the party", mode="intended")
    assert codes(coder, art, ex)[0][0] == "080"


def test_roles_attributes_and_relations_are_not_events(coder):
    for kind in ("role", "attribute", "relation"):
        art, ex = make("Claudia Sheinbaum is Mexico's president.", "Claudia Sheinbaum", "is", "hold role",
                       "Mexico's president", kind=kind)
        assert coder.code_extraction(ex, art) == []


def test_time_and_place_of_an_event(coder):
    art, ex = make("Mexican police arrested two cartel leaders in Sinaloa on Monday.", "Mexican police", "arrested",
                   "arrest", "two cartel leaders", extras=[("place", "in", "Sinaloa"), ("time", "on", "Monday")])
    (ev,) = coder.code_extraction(ex, art)
    assert (ev.date, ev.date_text, ev.place) == (date(2025, 1, 20), "on Monday", "MEX")
    # the memoised time expressions give the same date again
    assert coder.code_extraction(ex, art)[0].date == date(2025, 1, 20)



def test_a_demanded_refusal_is_a_demand_of_the_governing_subject(coder):
    """"X demanded that Y refuse to do Z": X demands of Y; Y refuses nothing yet."""
    from dataclasses import replace

    text = "Athens demanded that Rome refuse to recognize Skopje."
    art, gov = make(text, "Athens", "demanded", "demand", "that Rome refuse to recognize Skopje")
    _, ex = make(text, "Rome", "refuse to recognize", "recognize", "Skopje", polarity="negative", mode="demanded")
    gov = replace(gov, object=replace(gov.object, head="refuse"))
    events, _, _ = coder.code_article(None, art, [gov, ex])
    coded = {(e.cameo[:2], e.source and e.source.country, e.target and e.target.country)
             for e in events if e.extraction.relation == "refuse to recognize"}
    assert coded == {("10", "GRC", "ITA")}


def test_a_plain_negation_is_no_event_but_a_refusal_is(coder):
    """"have not met" says nothing was done; "will not meet" and "refused to meet" refuse."""
    art, ex = make("Oslo has not met Rome officials.", "Oslo", "has not met", "meet", "Rome officials",
                   polarity="negative")
    assert codes(coder, art, ex) == []
    art, ex = make("Oslo will not meet Rome officials.", "Oslo", "will not meet", "meet", "Rome officials",
                   polarity="negative", mode="future")
    assert [c[:2] for c, _, _ in codes(coder, art, ex)] == ["12"]
    art, ex = make("Oslo refused to meet Rome officials.", "Oslo", "refused to meet", "meet", "Rome officials",
                   polarity="negative")
    assert [c[:2] for c, _, _ in codes(coder, art, ex)] == ["12"]
