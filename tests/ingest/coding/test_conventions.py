"""CAMEO / PETRARCH coding conventions: accusations from claims, appeals, negated purposes,
participle consequences, preparations, converse verbs, violent protest, document issuers.

Fast tests build Docs and events by hand; the ``model`` tests run the trained pipeline on
sentences written for these tests.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import spacy
from coding_helpers import (  # tests/ingest/coding/conftest.py puts it on the path
    PUB,
    codes,
    make,
    model_events,
)
from geokg.ingest.actors import actor_code
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.rules import (
    drop_consequences,
    drop_less_specific,
    stated_clause,
    under_negation,
)
from geokg.ingest.records import Actor, Argument, Article, Event, Extraction
from spacy.tokens import Doc

JOR = Actor("country:JOR", "Jordan", "country", "JOR")
JPN = Actor("country:JPN", "Japan", "country", "JPN")
REB = Actor("actor:REB", "Unspecified rebels", "group", None, "REB")


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def _doc(words, heads, deps, tags=None, pos=None):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def _ex_on(doc, i: int, relation: str | None = None, sentence: int = 0) -> Extraction:
    """An extraction whose relation is token ``i`` (or the tokens of ``relation`` from ``i``)."""
    tok = doc[i]
    text = relation or tok.text
    subj = Argument("subject", "", 0, 0)
    return Extraction("a", sentence, 0, len(doc.text), subj, text, tok.lemma_ or tok.text.lower(),
                      tok.idx, tok.idx + len(text))


# -- fast: rules on hand-built Docs and events ------------------------------------------------------

def test_general_code_is_dropped_for_a_specific_one_on_the_same_dyad():
    ex = Extraction("a", 0, 0, 50, Argument("subject", "x", 0, 1), "asked", "ask", 10, 15)
    general = Event("g", ex, source=JOR, target=JPN, cameo="020")
    specific = Event("s", ex, source=JOR, target=JPN, cameo="023")
    other_target = Event("o", ex, source=JOR, target=None, cameo="020")
    assert drop_less_specific([general, specific]) == [specific]
    # the general code stays when the specific one is about another dyad
    lone = Event("l", ex, source=JPN, target=JOR, cameo="020")
    assert drop_less_specific([lone, specific]) == [lone, specific]
    assert other_target not in drop_less_specific([general, specific, other_target])


def test_general_violence_is_dropped_for_a_specific_act_on_the_same_dyad_in_its_sentence():
    # "a mortar attack on a base killed four guards": the attack (180) and the killing by artillery fire (194)
    ex = Extraction("a", 1, 0, 50, Argument("subject", "", 0, 0), "killed", "kill", 10, 16)
    attack = Event("g", ex, source=None, target=JPN, cameo="180")
    fire = Event("s", ex, source=None, target=JPN, cameo="194")
    assert drop_less_specific([attack, fire]) == [fire]
    # ... not another sentence's (a headline and its body may tell two acts), nor another target's
    headline = Event("h", replace(ex, sentence=0), source=None, target=JPN, cameo="180")
    assert drop_less_specific([headline, fire]) == [headline, fire]
    other = Event("o", ex, source=None, target=JOR, cameo="180")
    assert drop_less_specific([other, fire]) == [other, fire]


def test_infinitive_of_a_negated_verb_is_under_negation():
    # "Brazil did not send troops to help Peru"
    words = ["Brazil", "did", "not", "send", "troops", "to", "help", "Peru"]
    doc = _doc(words, heads=[3, 3, 3, 3, 3, 6, 3, 6],
               deps=["nsubj", "aux", "neg", "ROOT", "dobj", "aux", "advcl", "dobj"],
               pos=["PROPN", "AUX", "PART", "VERB", "NOUN", "PART", "VERB", "PROPN"])
    help_ = _ex_on(doc, 5, "to help")
    assert under_negation(help_, doc)
    # the same clause under an affirmed verb is an event
    words2 = ["Brazil", "sent", "troops", "to", "help", "Peru"]
    doc2 = _doc(words2, heads=[1, 1, 1, 4, 1, 4], deps=["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj"],
                pos=["PROPN", "VERB", "NOUN", "PART", "VERB", "PROPN"])
    assert not under_negation(_ex_on(doc2, 3, "to help"), doc2)
    assert not under_negation(help_, None)


def test_stated_clause_is_the_complement_not_a_relative_clause():
    # "Chad said rebels that attacked Niger fled" / "Chad said rebels attacked Niger"
    words = ["Chad", "said", "rebels", "that", "attacked", "Niger", "fled"]
    doc = _doc(words, heads=[1, 1, 6, 4, 2, 4, 1], deps=["nsubj", "ROOT", "nsubj", "nsubj", "relcl", "dobj", "ccomp"])
    said, attacked, fled = _ex_on(doc, 1), _ex_on(doc, 4), _ex_on(doc, 6)
    assert stated_clause(fled, said, doc)
    assert not stated_clause(attacked, said, doc)
    assert stated_clause(attacked, said, None)


def test_participle_consequence_of_violence_is_dropped():
    # "Rebels shelled the town , killing ten"
    words = ["Rebels", "shelled", "the", "town", ",", "killing", "ten"]
    doc = _doc(words, heads=[1, 1, 3, 1, 1, 1, 5], deps=["nsubj", "ROOT", "det", "dobj", "punct", "advcl", "dobj"],
               tags=["NNS", "VBD", "DT", "NN", ",", "VBG", "CD"])
    shell, kill = _ex_on(doc, 1), _ex_on(doc, 5)
    main = Event("m", shell, source=REB, cameo="194", quad_class=4)
    consequence = Event("k", kill, source=REB, cameo="180", quad_class=4)
    assert drop_consequences([main, consequence], doc) == [main]
    # another actor's violence is its own event; without a Doc nothing is dropped
    other = Event("o", kill, source=JOR, cameo="180", quad_class=4)
    assert drop_consequences([main, other], doc) == [main, other]
    assert drop_consequences([main, consequence], None) == [main, consequence]


def test_appeal_codes_mirror_demand_codes(coder):
    assert coder._appeal_code("103") == "023"
    assert coder._appeal_code("1053") == "0253"
    assert coder._appeal_code("10") == "020"
    assert coder._appeal_code("100") == "020"
    assert coder._appeal_code("190") == "190"


def test_new_frames_are_read(coder):
    lex = coder.lexicon
    assert lex.frame("want") == "request" and lex.frame("receive") == "converse"
    assert lex.frame("prepare") == "preparation"
    assert lex.frame_in("prepared to attend", "preparation")


def test_violence_by_protesters_is_a_violent_protest(coder):
    art, ex = make("Chilean protesters destroyed a bank.", "Chilean protesters", "destroyed", "destroy", "a bank")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["145"]
    art, ex = make("Chilean soldiers destroyed a bank.", "Chilean soldiers", "destroyed", "destroy", "a bank")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["1712"]


def test_a_siege_by_a_crowd_counted_by_a_quantity_is_a_protest(coder):
    # the role is read past the quantity head ("Hundreds of *villagers*"): blocking is 144, not 191
    art, ex = make("Hundreds of villagers besieged a Peruvian army camp.", "Hundreds of villagers", "besieged",
                   "besiege", "a Peruvian army camp")
    ex = replace(ex, subject=replace(ex.subject, head="Hundreds", head_lemma="hundred"))
    assert [c for c, _, _ in codes(coder, art, ex)] == ["144"]
    art, ex = make("Peruvian troops besieged a rebel camp.", "Peruvian troops", "besieged", "besiege", "a rebel camp")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["191"]


def test_a_clash_of_supporters_with_police_is_a_riot(coder):
    art, ex = make("Supporters of the governor clashed with Peruvian police.", "Supporters of the governor",
                   "clashed with", "clash with", "Peruvian police")
    ex = replace(ex, subject=replace(ex.subject, head="Supporters", head_lemma="supporter"))
    assert [c for c, _, _ in codes(coder, art, ex)] == ["145"]


def test_shooting_down_a_proposal_is_rejecting_it(coder):
    art, ex = make("Chile shot down a Peruvian proposal.", "Chile", "shot down", "shoot down", "a Peruvian proposal")
    assert codes(coder, art, ex) == [("120", "country:CHL", "country:PER")]
    art, ex = make("Chile shot down a Peruvian helicopter.", "Chile", "shot down", "shoot down", "a Peruvian helicopter")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["190"]


def test_welcoming_a_speech_or_a_victory_is_praise_and_welcoming_a_leader_is_hosting(coder):
    art, ex = make("Chile welcomed a Peruvian speech.", "Chile", "welcomed", "welcome", "a Peruvian speech")
    assert codes(coder, art, ex) == [("051", "country:CHL", "country:PER")]
    art, ex = make("Chile welcomed the Peruvian victory.", "Chile", "welcomed", "welcome", "the Peruvian victory")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["051"]
    art, ex = make("Chile welcomed the Peruvian president.", "Chile", "welcomed", "welcome", "the Peruvian president")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["043"]


def test_harm_a_person_does_to_himself_is_no_event(coder):
    art, ex = make("A Peruvian rebel killed himself in Lima.", "A Peruvian rebel", "killed", "kill", "himself")
    assert codes(coder, art, ex) == []
    art, ex = make("A Peruvian rebel killed a soldier in Lima.", "A Peruvian rebel", "killed", "kill", "a soldier")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["180"]


def test_a_visit_to_ones_own_country_is_no_event(coder):
    art, ex = make("The Chilean president flew back to Chile on Monday.", "The Chilean president", "flew back to",
                   "fly back to", "Chile")
    assert codes(coder, art, ex) == []
    art, ex = make("The Chilean president flew to Peru on Monday.", "The Chilean president", "flew to", "fly to", "Peru")
    assert [t for _, _, t in codes(coder, art, ex)] == ["country:PER"]


def test_stopping_its_own_nuclear_work_is_yielding(open_coder):
    coder = open_coder  # yielding to no named party: the default drops it (drop_targetless)
    art, ex = make("Peru suspended its uranium enrichment programme.", "Peru", "suspended", "suspend",
                   "its uranium enrichment programme")
    assert codes(coder, art, ex) == [("080", "country:PER", None)]
    art, ex = make("Chile froze its nuclear programme.", "Chile", "froze", "freeze", "its nuclear programme")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["080"]
    # suspending talks stays a cut in relations
    art, ex = make("Chile suspended talks with Peru.", "Chile", "suspended", "suspend", "talks with Peru")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["164"]


def test_a_shooting_is_small_arms_fighting_by_forces_and_an_assault_by_others(coder):
    art, ex = make("Militants gunned down a Peruvian engineer.", "Militants", "gunned down", "gun down",
                   "a Peruvian engineer")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["180"]
    art, ex = make("Chilean troops shot two smugglers.", "Chilean troops", "shot", "shoot", "two smugglers")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["193"]


@pytest.mark.model
def test_model_voting_in_an_election_is_no_event(nlp):
    # geokg's rows come before PETRARCH's VOTE [030] (the back-off of the default build)
    from geokg.ingest.dictionaries.coder import build_coder

    coder = build_coder(discards=False, actors=False)
    assert list(model_events(nlp, coder, "Peruvians voted for a new Peruvian president on Sunday.")) == []
    assert list(model_events(nlp, coder, "Chileans voted in a referendum on Sunday.")) == []


@pytest.mark.model
def test_model_what_ones_own_country_should_do_is_no_demand(nlp, coder):
    # "X should ..." said of the speaker's own country is a stance, not a demand on it
    events = model_events(nlp, coder, "The Chilean president said Chile should pull its troops out of Peru soon.")
    assert [e for e in events if e.cameo.startswith("10")] == []
    events = model_events(nlp, coder, "The Chilean president said Peru should pull its troops out of Bolivia soon.")
    assert [(e.cameo, e.target.id) for e in events if e.cameo.startswith("10")] == [("100", "country:PER")]


def test_dispersing_protesters_is_repression_not_a_statement(coder):
    art, ex = make("Peruvian police dispersed Chilean protesters.", "Peruvian police", "dispersed", "disperse",
                   "Chilean protesters")
    assert codes(coder, art, ex) == [("175", "actor:PER-COP", "actor:CHL-CVL")]
    art, ex = make("Peruvian police broke up a rally.", "Peruvian police", "broke up", "break up", "a rally")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["175"]


def test_charging_into_a_place_is_a_raid_not_an_accusation(coder):
    art, ex = make("Chilean troops charged into a Peruvian camp.", "Chilean troops", "charged into", "charge into",
                   "a Peruvian camp")
    assert [c for c, _, _ in codes(coder, art, ex)] == ["190"]


def test_receiving_aid_is_aid_from_the_giver(coder):
    art, ex = make("Ghana received weapons from Togo.", "Ghana", "received", "receive", "weapons",
                   extras=[("other", "from", "Togo")])
    assert codes(coder, art, ex) == [("072", "country:TGO", "country:GHA")]


def test_evidence_against_someone_is_an_accusation(coder):
    art, ex = make("Chile presented evidence against Bolivia.", "Chile", "presented", "present", "evidence",
                   extras=[("other", "against", "Bolivia")])
    assert codes(coder, art, ex) == [("112", "country:CHL", "country:BOL")]


@pytest.mark.parametrize(("rel", "lemma"), [("fired", "fire"), ("launched", "launch")])
def test_drones_fired_or_launched_are_aerial_weapons_not_the_target(coder, rel, lemma):
    # "fired 40 drones at Peru": the drones are what is fired (CAMEO 195), the place is the target
    art, ex = make(f"Chile {rel} 40 drones at Peru.", "Chile", rel, lemma, "40 drones", extras=[("other", "at", "Peru")])
    assert codes(coder, art, ex) == [("195", "country:CHL", "country:PER")]


def test_troops_sent_as_members_of_a_force_are_the_theme_not_the_target(coder):
    # "sent 2,000 members of the Chilean army": the army is what is sent, as in "sent 2,000 troops"
    art, ex = make("Chile sent 2,000 members of the Chilean army to Peru.", "Chile", "sent", "send",
                   "2,000 members of the Chilean army", extras=[("other", "to", "Peru")])
    ex = replace(ex, object=replace(ex.object, head="members", head_lemma="member"))  # the parser's head
    assert [(c, t) for c, _, t in codes(coder, art, ex)] == [("154", "country:PER")]


def test_unnamed_agent_has_the_null_country_code():
    assert actor_code(REB) == "---"
    assert actor_code(Actor("group:al-qaeda", "al-Qaeda", "group", None, "REB")) == "IMG"


# -- real model -------------------------------------------------------------------------------------

def run(nlp, coder, text: str):
    from geokg.ingest.extract import extract

    art = Article.create(title="", text=text, published=PUB)
    doc = nlp(art.content)
    events, _, _ = coder.code_article(doc, art, list(extract(doc, article_id=art.id)))
    return [(e.cameo, actor_code(e.source), actor_code(e.target)) for e in events]


def roots(events) -> list[str]:
    return sorted(c[:2] for c, _, _ in events)


@pytest.mark.model
def test_model_said_that_another_country_attacked_is_an_accusation(nlp, coder):
    events = run(nlp, coder, "Armenia said that Azerbaijan had shelled its villages.")
    assert ("112", "ARM", "AZE") in events, events


@pytest.mark.model
def test_model_said_that_gunmen_attacked_is_news_not_an_accusation(nlp, coder):
    # armed men of no country are nobody's accused: the official tells the news
    events = run(nlp, coder, "An Armenian police official said gunmen abducted a French engineer.")
    assert not any(c.startswith("11") for c, _, _ in events), events


@pytest.mark.model
def test_model_alleged_attack_is_only_the_allegation(nlp, coder):
    events = run(nlp, coder, "Armenia alleged that Azerbaijani troops shelled a border village.")
    assert ("112", "ARM", "AZE") in events and roots(events) == ["11"], events


@pytest.mark.model
def test_model_report_after_the_fact_stays_the_event(nlp, coder):
    events = run(nlp, coder, "Azerbaijani troops shelled Armenian villages on Monday, Armenian officials said.")
    assert roots(events) == ["19"] and events[0][1:] == ("AZE", "ARM"), events


@pytest.mark.model
def test_model_relative_clause_inside_a_statement_is_no_accusation(nlp, coder):
    events = run(nlp, coder, "Chile said it will support a resolution that aims to impose sanctions on Venezuela.")
    assert not any(c.startswith("11") for c, _, _ in events), events


@pytest.mark.model
def test_model_asking_someone_to_help_is_an_appeal_for_aid(nlp, coder):
    events = run(nlp, coder, "Jordan asked Japan to provide aid to Syrian refugees.")
    assert events == [("023", "JOR", "JPN")], events


@pytest.mark.model
def test_model_wanting_someone_to_act_is_an_appeal(nlp, coder):
    events = run(nlp, coder, "Turkey wants Russia to withdraw its troops from Syria.")
    assert [(c[:2], s, t) for c, s, t in events] == [("02", "TUR", "RUS")], events


@pytest.mark.model
def test_model_purpose_of_a_negated_act_is_no_event(nlp, coder):
    events = run(nlp, coder, "Brazil will not send troops to help Colombia.")
    assert not any(c.startswith("07") for c, _, _ in events), events


@pytest.mark.model
def test_model_killing_that_follows_shelling_is_one_event(nlp, coder):
    events = run(nlp, coder, "Insurgents shelled a Peruvian village near the border, killing five people.")
    assert roots(events) == ["19"] and events[0][2] == "PER", events


@pytest.mark.model
def test_model_launching_rockets_at_a_country_is_an_attack(nlp, coder):
    events = run(nlp, coder, "Palestinian militants launched rockets at Israel.")
    assert ("194", "PSE", "ISR") in events, events


@pytest.mark.model
def test_model_received_weapons_are_aid_from_the_giver(nlp, coder):
    events = run(nlp, coder, "The Ukrainian army received weapons from Poland.")
    assert events == [("072", "POL", "UKR")], events


@pytest.mark.model
def test_model_presented_evidence_against(nlp, coder):
    events = run(nlp, coder, "Britain presented evidence against Iran at the United Nations.")
    assert ("112", "GBR", "IRN") in events, events


@pytest.mark.model
def test_model_protesters_destroying_property_riot(nlp, coder):
    events = run(nlp, coder, "Kenyan protesters destroyed several police vehicles in Nairobi.")
    assert ("145", "KEN", "KEN") in events, events


@pytest.mark.model
def test_model_preparing_to_act(nlp, coder):
    attend = run(nlp, coder, "The Indian prime minister prepared to attend a summit in Tokyo.")
    assert [(c[:2], s, t) for c, s, t in attend] == [("04", "IND", "JPN")], attend
    attack = run(nlp, coder, "Turkish troops prepared to attack Kurdish positions in Syria.")
    assert [c for c, _, _ in attack] == ["150"], attack


@pytest.mark.model
def test_model_document_takes_its_issuer_from_where_it_was_released(nlp, coder):
    events = run(nlp, coder, "A study published on Monday in the Kenyan capital alleged that Ethiopian troops "
                             "had shelled villages in Somalia.")
    assert events == [("112", "KEN", "ETH")], events


@pytest.mark.parametrize("subject, expected", [("Chilean troops", ("191", "actor:CHL-MIL", "country:PER")),
                                               ("Peruvian farmers", ("144", "actor:PER-AGR", "country:PER"))])
def test_forces_blocking_roads_restrict_movement_and_others_protest(coder, subject, expected):
    art, ex = make(f"{subject} blocked the main roads in Lima.", subject, "blocked", "block", "the main roads",
                   extras=[("place", "in", "Lima")])
    assert codes(coder, art, ex) == [expected]
