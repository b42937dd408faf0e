"""Coding one extraction's sources (:mod:`geokg.ingest.coding.sources`): who acted, the police of
the place they act in, the agent of the noun an act happened in, and the type a harm takes from
its cause."""

from __future__ import annotations

from dataclasses import replace

import pytest
from coding_helpers import codes, make, model_events  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)
from geokg.ingest.coding import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_a_nationality_group_that_uses_force_is_an_armed_group_not_the_state(coder):
    # "an Iraqi group" that kills or threatens is no state: an unidentified armed group of Chile
    art, ex = make("A Chilean group killed two Peruvian hostages.", "A Chilean group", "killed", "kill",
                   "two Peruvian hostages")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:CHL-UAF"]
    art, ex = make("A Chilean group threatened to behead a Peruvian hostage.", "A Chilean group",
                   "threatened to behead", "behead", "a Peruvian hostage", mode="intended")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:CHL-UAF"]
    # ... and one that frees its captives is their captor
    art, ex = make("A Chilean group freed two Peruvian hostages.", "A Chilean group", "freed", "free",
                   "two Peruvian hostages")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:CHL-UAF"]
    # ... but the country itself stays the country
    art, ex = make("Chile killed two Peruvian hostages.", "Chile", "killed", "kill", "two Peruvian hostages")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["country:CHL"]


def test_the_by_phrase_of_the_noun_an_attack_happened_in_names_its_agent(coder):
    import spacy
    from spacy.tokens import Doc

    words = ["Nine", "Chilean", "soldiers", "were", "killed", "during", "a", "raid", "by", "Peruvian", "bombers", "."]
    heads = [2, 2, 4, 4, 4, 4, 7, 5, 7, 10, 8, 4]
    deps = ["nummod", "amod", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "prep", "amod", "pobj", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 10 + [False, False], heads=heads, deps=deps)
    art, ex = make(doc.text, "", "were killed", "kill", "Nine Chilean soldiers",
                   extras=[("time", "during", "a raid")])
    assert [(s, t) for _, s, t in ((e.cameo, e.source and e.source.id, e.target and e.target.id)
                                    for e in coder.code_extraction(ex, art, doc))] == [("country:PER", "actor:CHL-MIL")]
    # without the agent's phrase in the Doc nobody is named
    doc = Doc(spacy.blank("en").vocab, words=words[:8] + ["."], spaces=[True] * 7 + [False, False],
              heads=heads[:8] + [4], deps=deps[:8] + ["punct"])
    art, ex = make(doc.text, "", "were killed", "kill", "Nine Chilean soldiers", extras=[("time", "during", "a raid")])
    assert [e.source for e in coder.code_extraction(ex, art, doc)] == [None]


def _when_doc(subject: list[str], subject_lemmas: list[str], pos: list[str]):
    # "Two Chilean guards were killed when <subject> blew up a post ."
    import spacy
    from spacy.tokens import Doc

    n = len(subject)
    words = ["Two", "Chilean", "guards", "were", "killed", "when", *subject, "blew", "up", "a", "post", "."]
    v = 6 + n  # "blew"
    heads = [2, 2, 4, 4, 4, v, *[v - 1] * (n - 1), v, 4, v, v + 3, v, 4]
    deps = ["nummod", "amod", "nsubjpass", "auxpass", "ROOT", "advmod", *["amod"] * (n - 1), "nsubj", "advcl",
            "prt", "det", "dobj", "punct"]
    lemmas = ["two", "chilean", "guard", "be", "kill", "when", *subject_lemmas, "blow", "up", "a", "post", "."]
    tags = ["CD", "JJ", "NNS", "VBD", "VBN", "WRB", *pos, "VBD", "RP", "DT", "NN", "."]
    upos = ["NUM", "ADJ", "NOUN", "AUX", "VERB", "ADV", *["ADJ"] * (n - 1), "NOUN", "VERB", "ADP", "DET", "NOUN",
            "PUNCT"]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[True] * (len(words) - 2) + [False, False], heads=heads,
               deps=deps, lemmas=lemmas, tags=tags, pos=upos)


def test_the_armed_subject_of_a_when_clause_did_an_agentless_harm(coder):
    doc = _when_doc(["Peruvian", "militants"], ["peruvian", "militant"], ["JJ", "NNS"])
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards")
    assert [e.source.id for e in coder.code_extraction(ex, art, doc)] == ["actor:PER-REB"]
    # a vehicle that hit a mine did no harm of its own: nobody is named
    doc = _when_doc(["their", "truck"], ["their", "truck"], ["PRP$", "NN"])
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards")
    assert [e.source for e in coder.code_extraction(ex, art, doc)] == [None]


def _blame_doc(verb: str, prep: str, doer: list[str]):
    import spacy
    from spacy.tokens import Doc

    # "Two Chilean guards were killed in an attack blamed on Peruvian militants ."
    words = ["Two", "Chilean", "guards", "were", "killed", "in", "an", "attack", verb, prep, *doer, "."]
    n = len(words)
    heads = [2, 2, 4, 4, 4, 4, 7, 5, 7, 8, *([n - 2] * (len(doer) - 1)), 9, 4]
    deps = ["nummod", "amod", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "acl",
            "agent" if prep == "by" else "prep", *(["amod"] * (len(doer) - 1)), "pobj", "punct"]
    lemmas = ["two", "chilean", "guard", "be", "kill", "in", "an", "attack", "blame" if verb == "blamed" else "carry",
              prep, *[w.lower().rstrip("s") for w in doer], "."]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[True] * (n - 2) + [False, False], heads=heads,
               deps=deps, lemmas=lemmas)


@pytest.mark.parametrize(("verb", "prep"), [("blamed", "on"), ("carried", "by")])
def test_the_armed_party_an_agentless_harm_is_blamed_on_did_it(coder, verb, prep):
    doc = _blame_doc(verb, prep, ["Peruvian", "militants"])
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards", extras=[("other", "in", "an attack")])
    assert [e.source.id for e in coder.code_extraction(ex, art, doc)] == ["actor:PER-REB"]
    # a government blamed is no armed doer named: nobody is
    doc = _blame_doc(verb, prep, ["the", "government"])
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards", extras=[("other", "in", "an attack")])
    assert [e.source for e in coder.code_extraction(ex, art, doc)] == [None]


def test_the_other_side_of_a_fight_the_victims_fell_in_is_its_source(coder):
    import spacy
    from spacy.tokens import Doc

    words = ["Two", "Chilean", "guards", "were", "killed", "in", "clashes", "with", "Peruvian", "troops", "."]
    heads = [2, 2, 4, 4, 4, 4, 5, 6, 9, 7, 4]
    deps = ["nummod", "amod", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "prep", "amod", "pobj", "punct"]
    lemmas = ["two", "chilean", "guard", "be", "kill", "in", "clash", "with", "peruvian", "troop", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 9 + [False, False], heads=heads, deps=deps,
              lemmas=lemmas)
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards", extras=[("other", "in", "clashes")])
    assert [e.source.id for e in coder.code_extraction(ex, art, doc)] == ["actor:PER-MIL"]
    # "in talks with ..." is no fight: its partner harmed nobody
    words[6], lemmas[6] = "talks", "talk"
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 9 + [False, False], heads=heads, deps=deps,
              lemmas=lemmas)
    art, ex = make(doc.text, "", "were killed", "kill", "Two Chilean guards", extras=[("other", "in", "talks")])
    assert [e.source for e in coder.code_extraction(ex, art, doc)] == [None]


def test_the_agent_of_an_attack_in_an_in_phrase_is_the_source_not_the_target(coder):
    art, ex = make("Five Afghan guards were killed in a Taliban attack.", "", "were killed", "kill",
                   "Five Afghan guards", extras=[("other", "in", "a Taliban attack")])
    assert codes(coder, art, ex) == [("180", "group:AFG-taliban", "country:AFG")]
    # an armed force among the modifiers acted too
    art, ex = make("Five Afghan guards were killed in an Afghan rebel attack.", "", "were killed", "kill",
                   "Five Afghan guards", extras=[("other", "in", "an Afghan rebel attack")])
    assert codes(coder, art, ex) == [("180", "actor:AFG-REB", "country:AFG")]
    # a place modifier says where, not who
    art, ex = make("Five Afghan guards were killed in a Kabul bomb attack.", "", "were killed", "kill",
                   "Five Afghan guards", extras=[("other", "in", "a Kabul bomb attack")])
    assert codes(coder, art, ex) == [("180", None, "country:AFG")]


def test_a_nationality_names_who_struck_from_the_air_but_not_who_attacked(coder):
    # an air strike or shelling is a state's force (19x): its nationality names the state
    art, ex = make("Five Afghan guards were killed in a Pakistani air strike.", "", "were killed", "kill",
                   "Five Afghan guards", extras=[("other", "in", "a Pakistani air strike")])
    assert {(c[:2], s) for c, s, _ in codes(coder, art, ex)} == {("19", "country:PAK")}
    # ... not of an attack anyone may make (where it happened), nor a town's
    art, ex = make("Five Afghan guards were killed in a Pakistani attack.", "", "were killed", "kill",
                   "Five Afghan guards", extras=[("other", "in", "a Pakistani attack")])
    assert "country:PAK" not in {s for _, s, _ in codes(coder, art, ex)}
    for town in ("Kabul", "Kandahar"):
        art, ex = make(f"Five Afghan guards were killed in a {town} air strike.", "", "were killed", "kill",
                       "Five Afghan guards", extras=[("other", "in", f"a {town} air strike")])
        assert "country:AFG" not in {s for _, s, _ in codes(coder, art, ex)}


# -- a harm told by a generic violence verb takes the type of the fighting named with it (issue #17)

def test_toll_of_clashes_is_fighting_not_an_assault(coder):
    art, ex = make("Two Kenyan policemen were killed in clashes with gunmen near Garissa.", "",
                   "were killed", "kill", "Two Kenyan policemen", extras=[("other", "in", "clashes")])
    assert [c[0] for c in codes(coder, art, ex)] == ["190"]  # not an unconventional assault (180)
    art, ex = make("Two Kenyan policemen were killed in a shootout with gunmen near Garissa.", "",
                   "were killed", "kill", "Two Kenyan policemen", extras=[("other", "in", "a shootout")])
    assert [c[0] for c in codes(coder, art, ex)] == ["193"]
    art, ex = make("Fierce fighting killed 12 Somali soldiers.", "Fierce fighting", "killed", "kill",
                   "12 Somali soldiers")
    assert [c[0] for c in codes(coder, art, ex)] == ["190"]


def test_toll_of_an_air_raid_or_a_car_bomb(coder):
    art, ex = make("Four Malian soldiers were killed during an air raid on their camp.", "", "were killed",
                   "kill", "Four Malian soldiers", extras=[("time", "during", "an air raid")])
    assert [c[0] for c in codes(coder, art, ex)] == ["195"]
    art, ex = make("A car bomb killed nine Somali civilians in Mogadishu.", "A car bomb", "killed", "kill",
                   "nine Somali civilians", extras=[("place", "in", "Mogadishu")])
    assert [c[0] for c in codes(coder, art, ex)] == ["1832"]
    # artillery fire is fighting with artillery, whoever fired it (PETRARCH "MORTAR *" [194])
    art, ex = make("A mortar round killed two Somali soldiers.", "A mortar round", "killed", "kill",
                   "two Somali soldiers")
    assert [c[0] for c in codes(coder, art, ex)] == ["194"]
    # an explosion no state set off is a non-military bombing, not fighting
    art, ex = make("An explosion killed nine Somali civilians.", "An explosion", "killed", "kill",
                   "nine Somali civilians")
    assert [c[0] for c in codes(coder, art, ex)] == ["183"]
    # "hit" has no geokg row: PETRARCH's PHYSICAL_CONFLICT block codes it 190, the blast makes it 183
    from geokg.ingest.dictionaries.coder import build_coder

    art, ex = make("A blast hit the Somali parliament.", "A blast", "hit", "hit", "the Somali parliament")
    assert [c[0] for c in codes(build_coder(), art, ex)] == ["183"]


def test_a_violent_verb_with_a_harmless_subject_is_a_figure_of_speech():
    from geokg.ingest.dictionaries.coder import build_coder

    coder = build_coder()  # "hit": PETRARCH's PHYSICAL_CONFLICT block code 190
    art, ex = make("Terror scares hit Somalia.", "Terror scares", "hit", "hit", "Somalia")
    assert codes(coder, art, ex) == []
    art, ex = make("A rocket hit a Somali town.", "A rocket", "hit", "hit", "a Somali town")
    assert codes(coder, art, ex) == [("194", None, "country:SOM")]  # kept; artillery fire (@ARTILLERY), not 190


def test_a_verb_of_its_own_kind_keeps_its_code_in_clashes(coder):
    art, ex = make("Somali troops shot two gunmen in clashes near Kismayo.", "Somali troops", "shot", "shoot",
                   "two gunmen", extras=[("other", "in", "clashes")])
    assert [c[0] for c in codes(coder, art, ex)] == ["193"]


def test_a_fire_is_no_fight(coder):
    art, ex = make("Two Kenyan policemen were killed in a fire in Garissa.", "", "were killed", "kill",
                   "Two Kenyan policemen", extras=[("other", "in", "a fire")])
    assert [c[0] for c in codes(coder, art, ex)] == ["180"]  # not "fire" the verb's 193


def _model_codes(nlp, text: str):
    return [(e.cameo, e.extraction.lemma) for e in model_events(nlp, EventCoder.default(), text)]


@pytest.mark.model
def test_model_toll_of_clashes_told_by_a_conjoined_verb_or_a_when_clause(nlp):
    events = _model_codes(nlp, "One Kenyan policeman was killed and two others were wounded in clashes with "
                               "gunmen near Garissa.")
    assert ("190", "kill") in events and ("180", "kill") not in events, events
    events = _model_codes(nlp, "Two Kenyan policemen were killed when protesters clashed with soldiers in Garissa.")
    assert ("190", "kill") in events, events
    # a bomb going off is no fight: the toll stays an assault
    events = _model_codes(nlp, "Two Kenyan policemen were killed when a bomb exploded in Garissa.")
    assert ("180", "kill") in events, events
def test_police_without_a_nationality_belong_to_the_place_they_act_in(coder):
    # the article names only the arrested people's country: the police are still of the place
    art, ex = make("Police arrested two Chileans in Lima on Tuesday.", "Police", "arrested", "arrest", "two Chileans",
                   extras=[("place", "in", "Lima")])
    assert {(s, t) for _, s, t in codes(coder, art, ex)} == {("actor:PER-COP", "actor:CHL-CVL")}
    art, ex = make("Chilean police arrested two Peruvians in Lima on Tuesday.", "Chilean police", "arrested", "arrest",
                   "two Peruvians", extras=[("place", "in", "Lima")])
    assert {s for _, s, _ in codes(coder, art, ex)} == {"actor:CHL-COP"}  # a nationality word says whose


def test_police_acting_near_a_border_keep_their_country(coder):
    art, ex = make("Police arrested two Chileans near the Peruvian border on Tuesday.", "Police", "arrested", "arrest",
                   "two Chileans", extras=[("place", "near", "the Peruvian border")])
    assert {s for _, s, _ in codes(coder, art, ex)} == {"actor:CHL-COP"}  # the article's country, not across the border


def test_armed_groups_of_no_named_country_are_the_articles_when_they_act_as_a_party(coder):
    # militants who negotiate have a home: the article's country; those who attack may come from abroad
    art, ex = make("Militants negotiated with Peruvian officials in Lima.", "Militants", "negotiated with",
                   "negotiate with", "Peruvian officials")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:PER-REB"]
    art, ex = make("Militants killed two Peruvian soldiers in Lima.", "Militants", "killed", "kill",
                   "two Peruvian soldiers")
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:REB"]


def test_armed_groups_of_no_named_country_are_of_the_country_their_clause_places_them_in(coder):
    # "gunmen seized two Chileans *in Lima*": Peru's, as PLOVER's gold records code them
    art, ex = make("Gunmen seized two Chilean engineers in Lima.", "Gunmen", "seized", "seize",
                   "two Chilean engineers", extras=[("place", "in", "Lima")])
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:PER-UAF"]
    # "at" names what is hit as often as where: no country from it
    art, ex = make("Militants fired at Chilean outposts.", "Militants", "fired at", "fire at", "Chilean outposts")
    ex = replace(ex, extras=(replace(ex.object, role="place", prep="at"),), object=None)
    assert [s for _, s, _ in codes(coder, art, ex)] == ["actor:REB"]
    # another clause of the same subject phrase: "gunmen attacked a post in Lima, *killing* two guards"
    text = "Gunmen attacked a post in Lima, killing two Chilean guards."
    _, attack = make(text, "Gunmen", "attacked", "attack", "a post", extras=[("place", "in", "Lima")])
    art, killing = make(text, "Gunmen", "killing", "kill", "two Chilean guards")
    assert {e.source.id for e in coder.code_extraction(killing, art, None, None, [attack, killing])} == {"actor:PER-UAF"}


def test_they_in_a_persons_speech_complement_is_not_the_speaker(coder):
    # "President X said *he* would attack Peru": X; "... said *they* would attack Peru": others than X
    got = {}
    for pronoun in ("he", "they"):
        text = f"Chilean President Ana Ruiz said {pronoun} would attack Peru."
        art, said = make(text, "Chilean President Ana Ruiz", "said", "say", f"{pronoun} would attack Peru",
                         subj_label="PERSON")
        _, attack = make(text, pronoun, "would attack", "attack", "Peru", mode="hypothetical")
        events, _, _ = coder.code_article(None, art, [said, replace(attack, article_id=art.id)])
        got[pronoun] = [(e.source and e.source.id, e.target and e.target.id) for e in events]
    assert got == {"he": [("person:ana-ruiz", "country:PER")], "they": []}


def test_an_armed_group_in_talks_with_a_state_is_of_that_states_country(coder):
    # the article's main country is Ecuador (Quito, Ecuador); the rebels talking to Peru's government are Peru's
    text = "In Quito, Ecuador's capital, rebels negotiated with the Peruvian government."
    art, ex = make(text, "rebels", "negotiated with", "negotiate with", "the Peruvian government")
    assert codes(coder, art, ex) == [("046", "actor:PER-REB", "actor:PER-GOV")]


@pytest.mark.model
def test_model_the_claimer_of_an_attack_is_its_source(nlp):
    # a claim of responsibility (015) and the act it claims, with the claimer as its source
    events = model_events(nlp, EventCoder.default(), "A Peruvian rebel group claimed responsibility for the "
                                                      "bombing of a Chilean army post.")
    found = {(e.cameo[:2], e.source and e.source.country, e.target and e.target.id) for e in events}
    assert {("01", "PER", "actor:CHL-MIL"), ("18", "PER", "actor:CHL-MIL")} <= found, found
    events = model_events(nlp, EventCoder.default(), "Chilean militants claimed the attack on a Peruvian patrol.")
    assert [(e.cameo, e.source and e.source.id) for e in events if e.cameo[:2] == "18"] == [
        ("180", "actor:CHL-REB")]
