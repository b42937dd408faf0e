"""Targets named beside the object or the place (issue #17): the owner of a stance told by a
participle ("a team of envoys *proposed by X*"), a party named by its possessor ("talks with
*X's* ruling party"), the meeting a source takes part in, whose place is no party, and the owner of
a claim a denial answers.  Every
sentence here is written for these tests."""

from __future__ import annotations

import pytest
import spacy
from coding_helpers import codes, make  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.targets import _carried_or_held
from geokg.ingest.records import Argument
from spacy.tokens import Doc

# "Chile rejected a team of envoys proposed by Peru"
TEAM_WORDS = ["Chile", "rejected", "a", "team", "of", "envoys", "proposed", "by", "Peru"]
TEAM_HEADS = [1, 1, 3, 1, 3, 4, 5, 6, 7]
TEAM_DEPS = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "acl", "agent", "pobj"]
TEAM_POS = ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "VERB", "ADP", "PROPN"]


def _object(doc, start: int, end: int) -> Argument:
    span = doc[start:end]
    return Argument("object", span.text, span.start_char, span.end_char, head=span.root.text)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_the_agent_of_a_participle_after_an_of_phrase_is_the_owner():
    doc = Doc(spacy.blank("en").vocab, words=TEAM_WORDS, heads=TEAM_HEADS, deps=TEAM_DEPS, pos=TEAM_POS)
    (arg,) = _carried_or_held(_object(doc, 2, 6), doc, carried=False)  # "a team of envoys"
    assert (arg.text, arg.prep) == ("Peru", "by")
    # carried (the armed-owner rule) reads the head's own participles only
    assert _carried_or_held(_object(doc, 2, 6), doc) == []


def test_agents_only_skip_what_a_thing_carries_and_clauses():
    # "Gunmen stopped a convoy carrying the minister": who it carries is no owner of a stance
    words = ["Gunmen", "stopped", "a", "convoy", "carrying", "the", "minister"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3, 6, 4],
              deps=["nsubj", "ROOT", "det", "dobj", "acl", "det", "dobj"],
              pos=["NOUN", "VERB", "DET", "NOUN", "VERB", "DET", "NOUN"],
              lemmas=["gunman", "stop", "a", "convoy", "carry", "the", "minister"])
    assert _carried_or_held(_object(doc, 2, 4), doc, carried=False) == []
    assert [a.text for a in _carried_or_held(_object(doc, 2, 4), doc)] == ["the minister"]
    # a clause object ("rejected *that Peru proposed ...*"): no thing
    clause = Doc(spacy.blank("en").vocab, words=["Peru", "proposed", "talks"], heads=[1, 1, 1],
                 deps=["nsubj", "ROOT", "dobj"], pos=["PROPN", "VERB", "NOUN"])
    assert _carried_or_held(_object(clause, 0, 3), clause, carried=False) == []


def test_the_possessor_stands_for_a_party_coded_as_the_source(coder):
    # both parties are Chilean parties: the possessor is the other side
    art, ex = make("The Chilean opposition party began talks with the Chilean president's ruling party.",
                   "The Chilean opposition party", "began", "begin", "talks",
                   extras=[("other", "with", "the Chilean president's ruling party")])
    assert [t for _, _, t in codes(coder, art, ex)] == ["actor:CHL-GOV"]


@pytest.mark.model
def test_model_the_owner_of_a_rejected_proposal_is_the_target(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Chilean senators refused to accept a new set of rules proposed by Peruvian President Alan Garcia."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    events = [(e.extraction.lemma, e.target and e.target.country) for e in result.events]
    assert ("accept", "PER") in events, events  # not the senators' own country


@pytest.mark.model
def test_model_talks_joined_keep_their_partner_as_target(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Chilean rebels agreed to take part in peace talks with Peru in Bogota."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    targets = {e.target and e.target.id for e in result.events if e.extraction.lemma == "take"}
    assert targets == {"country:PER"}, targets


@pytest.mark.model
def test_model_the_place_of_talks_taken_part_in_is_no_target(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Chilean rebels agreed to take part in peace talks in Bogota."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    events = [(e.extraction.lemma, e.cameo, e.target and e.target.id) for e in result.events]
    # Bogota is no party; "take part in" talks is an intent to meet (036, geokg.ingest.coding.idioms), and an
    # intent to meet that names nobody to meet is dropped (rules.CUT_CODES), as "plans to visit" is
    assert events == [], events
    text = "Chilean rebels agreed to take part in peace talks with Peru in Bogota."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    events = [(e.extraction.lemma, e.cameo, e.target and e.target.id) for e in result.events]
    assert events == [("take", "036", "country:PER")], events


def test_members_meeting_at_home_have_no_place_target(open_coder):
    coder = open_coder  # a meeting with no named party: the default drops it (drop_targetless)
    # a plural subject meeting with no partner in its own country: among themselves
    art, ex = make("Chilean ministers met in Santiago on Monday.", "Chilean ministers", "met", "meet",
                   extras=[("place", "in", "Santiago")])
    assert [(c, t) for c, _, t in codes(coder, art, ex)] == [("040", None)]
    # ... abroad it is a visit to the host country
    art, ex = make("Chilean ministers met in Lima on Monday.", "Chilean ministers", "met", "meet",
                   extras=[("place", "in", "Lima")])
    assert [(c, t) for c, _, t in codes(coder, art, ex)] == [("040", "country:PER")]
    # ... and one minister meeting there meets its people
    art, ex = make("The Chilean minister met in Santiago on Monday.", "The Chilean minister", "met", "meet",
                   extras=[("place", "in", "Santiago")])
    assert [(c, t) for c, _, t in codes(coder, art, ex)] == [("040", "country:CHL")]


def test_the_parties_between_which_an_event_noun_happens_act_on_each_other(coder):
    art, ex = make("Negotiations between Chile and Peru resumed on Monday.", "", "Negotiations", "negotiation",
                   extras=[("place", "between", "Chile and Peru")], kind="nominal")
    assert sorted((s, t) for _, s, t in codes(coder, art, ex)) == [("country:CHL", "country:PER"),
                                                                  ("country:PER", "country:CHL")]
    # parties without a country take the event's; the "between" phrase is no place
    art, ex = make("Clashes between police and rebels in Chile killed three.", "", "Clashes", "clash",
                   extras=[("other", "between", "police and rebels"), ("place", "in", "Chile")], kind="nominal")
    events, _, _ = coder.code_article(None, art, [ex])
    assert sorted((e.source.id, e.target.id, e.place) for e in events) == [
        ("actor:CHL-COP", "actor:CHL-REB", "CHL"), ("actor:CHL-REB", "actor:CHL-COP", "CHL")]
    # one party only: nothing between two
    art, ex = make("Negotiations between Chile and its creditors resumed.", "", "Negotiations", "negotiation",
                   extras=[("place", "between", "Chile and its creditors")], kind="nominal")
    assert codes(coder, art, ex) == []


@pytest.mark.model
def test_model_negotiations_between_two_countries_are_coded_both_ways(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Negotiations between Chile and Peru on their maritime border ended on Monday without progress."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    pairs = {(e.source.id, e.target.id) for e in result.events if e.source and e.target}
    assert {("country:CHL", "country:PER"), ("country:PER", "country:CHL")} <= pairs, result.events


@pytest.mark.model
def test_model_talks_between_two_countries_resumed_are_talks_both_ways(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Talks between Chile and Peru resumed on Monday."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    assert sorted((e.source.id, e.target.id, e.cameo[:2]) for e in result.events) == [
        ("country:CHL", "country:PER", "04"), ("country:PER", "country:CHL", "04")]
    # a verb that is no continuation tells something else than the talks
    (result,) = list(geokg_pipeline.process([Article.create(title="", text="Talks between Chile and Peru collapsed.")]))
    assert not any(e.cameo.startswith("04") for e in result.events), result.events


@pytest.mark.model
def test_model_a_later_mention_by_surname_is_the_person_named_before(geokg_pipeline):
    from geokg.ingest.records import Article

    text = "Peru's president met Chilean Foreign Minister Ignacio Walker on Monday. Bolivia accused Walker of lying."
    (result,) = list(geokg_pipeline.process([Article.create(title="", text=text)]))
    accused = [(e.target and e.target.id, e.target and e.target.country) for e in result.events
               if e.extraction.lemma == "accuse"]
    assert accused == [("person:ignacio-walker", "CHL")], result.events


@pytest.mark.parametrize("text, obj, extras, target", [
    ("Chile denied charges of collaboration with Peru.", "charges of collaboration with Peru", (), None),
    ("Chile denied Peru's charges.", "Peru's charges", (), "country:PER"),
    ("Chile denied allegations by Peru.", "allegations", (("other", "by", "Peru"),), "country:PER"),
])
def test_a_denial_answers_the_claims_owner_not_whom_the_claim_names(open_coder, text, obj, extras, target):
    coder = open_coder  # a denial to no named party: the default drops it (drop_targetless)
    art, ex = make(text, "Chile", "denied", "deny", obj, extras=extras)
    assert codes(coder, art, ex) == [("016", "country:CHL", target)]
