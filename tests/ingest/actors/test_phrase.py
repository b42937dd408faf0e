"""Phrase rules: countries, capitals, sectors, organisations, people, the article context."""

from __future__ import annotations

import pytest
from geokg.ingest.actors import ActorCoder, CodingContext, actor_code
from geokg.ingest.actors.phrase import (
    PhraseRules,
    country_of,
    is_generic,
    name_run,
    office_country,
    strip_titles,
)
from geokg.ingest.records import Actor, Argument


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.default()


def arg(text: str, head: str = "", label: str = "", resolved: str = "") -> Argument:
    return Argument("subject", text, 0, len(text), head=head, label=label, resolved=resolved)


def code(coder, *a, context=None):
    actor = coder.code_argument(arg(*a), context=context)
    return None if actor is None else (actor.id, actor.country, actor.sector, actor.kind)


# -- countries ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, head, label, expected",
    [
        ("Mexico", "Mexico", "GPE", ("country:MEX", "MEX", None, "country")),
        ("the US", "US", "GPE", ("country:USA", "USA", None, "country")),
        ("The United States", "States", "GPE", ("country:USA", "USA", None, "country")),
        ("Britain", "Britain", "GPE", ("country:GBR", "GBR", None, "country")),
        ("Ivory Coast", "Coast", "GPE", ("country:CIV", "CIV", None, "country")),
        ("North Korea", "Korea", "GPE", ("country:PRK", "PRK", None, "country")),
        ("Iran", "Iran", "GPE", ("country:IRN", "IRN", None, "country")),        # pycountry: "Iran, Islamic Republic of"
        ("Czechia", "Czechia", "GPE", ("country:CZE", "CZE", None, "country")),  # pycountry name only
    ],
)
def test_countries(coder, text, head, label, expected):
    assert code(coder, text, head, label) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Washington", "actor:USA-GOV"),
        ("the Kremlin", "actor:RUS-GOV"),
        ("Beijing", "actor:CHN-GOV"),
        ("the White House", "actor:USA-GOV"),
        ("Kyiv", "actor:UKR-GOV"),
        ("Brussels", "org:eu"),
    ],
)
def test_capitals_and_seats_are_metonyms(coder, text, expected):
    assert coder.code_argument(arg(text)).id == expected


# -- sectors -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, head, expected",
    [
        ("The Mexican government", "government", "actor:MEX-GOV"),
        ("US officials", "officials", "actor:USA-GOV"),
        ("Mexican authorities", "authorities", "actor:MEX-GOV"),
        ("Mexican forces", "forces", "actor:MEX-MIL"),
        ("the US military", "military", "actor:USA-MIL"),
        ("Israeli troops", "troops", "actor:ISR-MIL"),
        ("Turkish police", "police", "actor:TUR-COP"),
        ("Argentine prosecutors", "prosecutors", "actor:ARG-JUD"),
        ("Polish lawmakers", "lawmakers", "actor:POL-LEG"),
        ("Afghan rebel leaders", "leaders", "actor:AFG-REB"),       # modifier gives a person role's sector
        ("Israeli intelligence officials", "officials", "actor:ISR-SPY"),
        ("Algerian government forces", "forces", "actor:DZA-MIL"),  # a collective head keeps its sector
        ("Security forces in Guinea", "forces", "actor:GIN-COP"),   # country from a prepositional phrase
        ("the president of Armenia", "president", "actor:ARM-GOV"),
        ("Mexico's cartels", "cartels", "actor:MEX-CRM"),
        ("Palestinians", "Palestinians", "actor:PSE-CVL"),
        ("Bosnian Serbs", "Serbs", "actor:BIH-CVL"),               # the nearer country word wins
        ("former Brazilian ministers", "ministers", "actor:BRA-ELI"),
    ],
)
def test_sector_actors(coder, text, head, expected):
    assert coder.code_argument(arg(text, head)).id == expected


def test_sector_actor_record(coder):
    a = coder.code_argument(arg("The Mexican government", "government"))
    assert (a.name, a.kind, a.country, a.sector, a.role) == ("Mexican government", "organization", "MEX", "GOV", None)
    assert "The Mexican government" in a.aliases
    assert coder.code_argument(arg("Mexican cartel members", "members")).kind == "group"


def test_possessor_person_gives_the_country(coder):
    assert coder.code_argument(arg("Sheinbaum's government", "government")).id == "actor:MEX-GOV"


def test_misspelled_possessive_in_headline(coder):
    assert coder.code_argument(arg("Mexicos President", "President")).country == "MEX"


# -- organisations -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The CIA", ("org:cia", "USA", "SPY", "organization")),
        ("the US military's Northern Command", ("org:us-northern-command", "USA", "MIL", "organization")),
        ("the Sinaloa Cartel", ("group:MEX-sinaloa-cartel", "MEX", "CRM", "group")),
        ("the United Nations", ("org:un", None, "IGO", "igo")),
        ("NATO", ("org:nato", None, "IGO", "igo")),
        ("Hezbollah", ("group:LBN-hezbollah", "LBN", "REB", "group")),
        ("the Pentagon", ("org:pentagon", "USA", "MIL", "organization")),
        ("NATO peacekeeping troops", ("org:nato", None, "IGO", "igo")),
        ("the Taliban", ("group:AFG-taliban", "AFG", "REB", "group")),
    ],
)
def test_gazetteer_organisations(coder, text, expected):
    assert code(coder, text) == expected


def test_unknown_named_organisation(coder):
    a = coder.code_argument(arg("the Kenya Anti-Corruption Commission", "Commission", "ORG"))
    assert (a.id, a.country, a.kind) == ("org:kenya-anti-corruption-commission", "KEN", "organization")


# -- people ----------------------------------------------------------------------------------

def test_person_with_country_and_role_from_the_phrase(coder):
    a = coder.code_argument(arg("Mexico's President Claudia Sheinbaum", "Sheinbaum", "PERSON"))
    assert (a.id, a.country, a.sector, a.role, a.kind) == (
        "person:claudia-sheinbaum", "MEX", "GOV", "President", "person")
    b = coder.code_argument(arg("US President Donald Trump", "Trump", "PERSON"))
    assert (b.id, b.country, b.role) == ("person:donald-trump", "USA", "President")


def test_unknown_person_gets_role_and_country_from_modifiers(coder):
    a = coder.code_argument(arg("British Defence Secretary Tom King", "King", "PERSON"))
    assert (a.id, a.country, a.role) == ("person:tom-king", "GBR", "Defence Secretary")
    b = coder.code_argument(arg("Lt. Gen. Prosper Avril", "Avril", "PERSON"))
    assert b.id == "person:prosper-avril" and b.country is None


def test_surnames_and_aliases_of_known_people(coder):
    assert coder.code_argument(arg("Sheinbaum", "Sheinbaum", "PERSON")).id == "person:claudia-sheinbaum"
    assert coder.code_argument(arg("President Sheinbaum", "Sheinbaum", "PERSON")).id == "person:claudia-sheinbaum"
    assert coder.code_argument(arg("Zelenskyy", "Zelenskyy", "PERSON")).id == "person:volodymyr-zelensky"


def test_person_of_an_international_body(coder):
    a = coder.code_argument(arg("U.N. mediator Diego Cordovez", "Cordovez", "PERSON"))
    assert a.id == "person:diego-cordovez" and actor_code(a) == "IGO"


@pytest.mark.parametrize("text, head, expected", [
    ("Chile's UN ambassador", "ambassador", "actor:CHL-GOV"),      # the country's delegate to the body
    ("Peru's U.N. diplomats", "diplomats", "actor:PER-GOV"),
    ("the UN ambassador", "ambassador", "org:un"),                  # no country: the body's
    ("the UN's envoy", "envoy", "org:un"),
    ("Chile's EU commissioner", "commissioner", "org:eu"),          # no delegate: serves the body
])
def test_a_countrys_delegates_to_an_international_body_are_the_countrys(coder, text, head, expected):
    assert coder.code_argument(arg(text, head)).id == expected


@pytest.mark.parametrize("text, head", [("European nations", "nations"), ("some European countries", "countries"),
                                        ("EU member states", "states"), ("NATO countries", "countries")])
def test_a_bodys_member_states_are_not_the_body(coder, text, head):
    assert coder.code_argument(arg(text, head)) is None
    # the body itself, its leaders and its members as people stay the body's
    assert coder.code_argument(arg("the European Union", "Union")).id == "org:eu"
    assert coder.code_argument(arg("European leaders", "leaders")).id == "org:eu"


def test_a_leader_of_a_body_of_another_sector_is_of_that_body_not_the_government(coder):
    assert coder.code_argument(arg("the leader of a Peruvian rebel group", "leader")).id == "actor:PER-REB"
    assert coder.code_argument(arg("leaders of a Chilean militant group", "leaders")).id == "actor:CHL-REB"
    # a body of the government, and a country, stay the government's
    assert coder.code_argument(arg("officials of the Peruvian interior ministry", "officials")).id == "actor:PER-GOV"
    assert coder.code_argument(arg("the leader of Chile", "leader")).id == "actor:CHL-GOV"


def test_a_carrier_or_a_tycoon_of_a_country_is_its_business_not_its_state(coder):
    assert coder.code_argument(arg("Chilean Airways", "Airways", "ORG")).id == "actor:CHL-BUS"
    assert coder.code_argument(arg("a Peruvian tycoon", "tycoon")).id == "actor:PER-BUS"


def test_the_international_war_crimes_tribunals_are_no_state_of_their_seat(coder):
    # "The Hague" is a Dutch city: the tribunal sitting there is an international court
    for text in ("the UN war crimes tribunal", "The Hague tribunal", "the ICTY"):
        a = coder.code_argument(arg(text, "tribunal" if "tribunal" in text else "ICTY"))
        assert (a.id, a.country, a.sector) == ("org:icty", None, "JUD"), text
    assert coder.code_argument(arg("the Rwanda tribunal", "tribunal")).id == "org:ictr"


def test_context_resolves_surnames_and_office_holders(coder):
    full = Actor("person:ana-ruiz", "Ana Ruiz", "person", "PER", "GOV", "President")
    ctx = CodingContext("a1", "PER", {"ana ruiz": full, "ruiz": full}, {("PER", "president"): full})
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=ctx).id == "person:ana-ruiz"
    assert coder.code_argument(arg("the Peruvian president", "president"), context=ctx).id == "person:ana-ruiz"
    # office holder without a country takes the article's country
    p = coder.code_argument(arg("President Jon Doe", "Doe", "PERSON"), context=ctx)
    assert p.country == "PER"


def test_context_resolves_an_untagged_later_mention_of_a_person(coder):
    # the parser tags "Ana Ruiz" a PERSON but not a later bare "Ruiz"
    full = Actor("person:ana-ruiz", "Ana Ruiz", "person", "PER", "GOV", "President")
    ctx = CodingContext("a1", "PER", {"ana ruiz": full, "ruiz": full}, {("PER", "president"): full})
    assert coder.code_argument(arg("Ruiz", "Ruiz"), context=ctx).id == "person:ana-ruiz"
    assert coder.code_argument(arg("President Ruiz", "Ruiz"), context=ctx).id == "person:ana-ruiz"
    # a name the article gives nobody, a lower-case word or a gazetteer term stays as it was
    assert coder.code_argument(arg("Soto", "Soto"), context=ctx) is None
    assert coder.code_argument(arg("Peru", "Peru"), context=ctx).id == "country:PER"
    assert coder.code_argument(arg("Ruiz", "Ruiz")) is None


def test_context_default_country_for_bare_role_words(coder):
    ctx = CodingContext("a1", "MEX")
    assert coder.code_argument(arg("police", "police"), context=ctx).id == "actor:MEX-COP"
    assert coder.code_argument(arg("police", "police")).id == "actor:COP"
    # armed groups, refugees and unknown nationalities do not take the default
    assert coder.code_argument(arg("the rebels", "rebels"), context=ctx).country is None
    assert coder.code_argument(arg("Soviet security forces", "forces"), context=ctx).country is None
    # ... but an adjective or participle is no nationality, though a sentence's first word is capitalised
    assert coder.code_argument(arg("Mutinous soldiers", "soldiers"), context=ctx).id == "actor:MEX-MIL"
    assert coder.code_argument(arg("Baton-wielding riot police", "police"), context=ctx).id == "actor:MEX-COP"
    # a party or ideology word is no unknown nationality: the party is the article's country's
    assert coder.code_argument(arg("the opposition Socialist Party", "Party"), context=ctx).id == "actor:MEX-PTY"
    assert coder.code_argument(arg("Republican senators", "senators"), context=ctx).country == "MEX"
    # the dead do not act: a body, coffin or remains names no actor ("the UN body" is the UN)
    assert coder.code_argument(arg("The body of the late Chilean president Ana Ruiz", "body"), context=ctx) is None
    assert coder.code_argument(arg("the coffin of Ana Ruiz", "coffin"), context=ctx) is None
    assert coder.code_argument(arg("the UN body", "body"), context=ctx).id == "org:un"
    # a party gathered to celebrate is its guests, not a political party
    assert coder.code_argument(arg("a wedding party", "party"), context=ctx).id == "actor:MEX-CVL"
    assert coder.code_argument(arg("the ruling party", "party"), context=ctx).id == "actor:MEX-PTY"


# -- compounds and non-actors --------------------------------------------------------------


def test_modifiers_name_the_owner_of_a_thing(coder):
    assert coder.code_argument(arg("US military action", "action")).id == "actor:USA-MIL"
    assert coder.code_argument(arg("an Indian proposal", "proposal")).id == "country:IND"


# -- the rules on token lists --------------------------------------------------------------

def test_code_phrase_on_tokens(coder):
    assert isinstance(coder, PhraseRules)
    words = ["the", "Mexican", "government"]
    assert coder.code_phrase(words, 2, "", [], None, "the Mexican government").id == "actor:MEX-GOV"
    # the person span marks the name: the role words before it are its title
    words = ["Defence", "Minister", "Ana", "Ruiz"]
    p = coder.code_phrase(words, 3, "PERSON", [(2, 4)], None, "Defence Minister Ana Ruiz")
    assert (p.id, p.role) == ("person:ana-ruiz", "Defence Minister")


def test_phrase_helpers(coder):
    assert strip_titles(["the", "President", "Jon", "Doe", "'s"], frozenset({"president"})) == ["Jon", "Doe"]
    assert is_generic("officials") and not is_generic("troops")
    matches = coder._scan(["Mexican", "and", "Peruvian", "police"])
    assert country_of(matches) == "PER"
    assert name_run(["said", "Jon", "Doe", "today"], 2, {}, frozenset()) == ["Jon", "Doe"]
    doe = Actor("person:jon-doe", "Jon Doe", "person", None, None, "President")
    assert office_country(doe, CodingContext(default_country="PER")).country == "PER"
    assert office_country(doe, None).country is None


def test_known_person_named_as_agent_of_an_international_body():
    from geokg.ingest.actors import ActorCoder
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.records import Actor, Argument

    lena = Actor("person:lena-marsh", "Lena Marsh", "person", "ECU", None)
    coder = ActorCoder(extra=[("Lena Marsh", Entry("person", iso3="ECU", actor=lena))])
    for text, expected in (("U.N. mediator Lena Marsh", (None, "IGO")), ("Lena Marsh", ("ECU", None))):
        a = coder.code_argument(Argument("subject", text, 0, len(text), head="Marsh", label="PERSON"))
        assert (a.id, a.country, a.sector) == ("person:lena-marsh", *expected)


# -- counts of role members are no organisation names ------------------------------------

@pytest.mark.parametrize(
    "text",
    ["at least six National Guards", "Six National Guards", "some 40 National Guards", "National Guards"],
)
def test_a_count_of_role_members_is_the_role_of_the_country(coder, text):
    ctx = CodingContext(default_country="PER")
    assert code(coder, text, "Guards", "ORG", context=ctx)[:3] == ("actor:PER-MIL", "PER", "MIL")


def test_a_count_is_no_part_of_an_unknown_organisation_name(coder):
    found = code(coder, "at least 30 Zenda Liberation Front", "Front", "ORG")
    assert found is not None and found[0] == "org:zenda-liberation-front"


def test_a_name_before_a_role_word_still_makes_an_organisation(coder):
    found = code(coder, "the Zenda Home Guards", "Guards", "ORG")
    assert found is not None and found[0].startswith("org:")


def test_servicemen_are_military(coder):
    assert code(coder, "two Peruvian servicemen", "servicemen")[:3] == ("actor:PER-MIL", "PER", "MIL")


# -- a nationality before an ethnic group's names where they live --------------------------

@pytest.mark.parametrize(
    "text, head, expected",
    [
        ("the Bosnian Serb premier", "premier", "actor:BIH-GOV"),
        ("Iraqi Kurdish leaders", "leaders", "actor:IRQ-GOV"),
        ("Serb police", "police", "actor:SRB-COP"),          # one nationality: unchanged
        ("Turkish Cypriot officials", "officials", "actor:CYP-GOV"),  # "Cypriot" is no ethnic group word
    ],
)
def test_the_country_of_residence_before_an_ethnic_group(coder, text, head, expected):
    assert code(coder, text, head)[0] == expected


def test_pm_is_a_prime_minister(coder):
    assert code(coder, "the Peruvian PM", "PM")[:3] == ("actor:PER-GOV", "PER", "GOV")


# -- a government of no country names no actor --------------------------------------------

@pytest.mark.parametrize("text, head", [("African leaders", "leaders"), ("a junior minister", "minister"),
                                        ("Western political leaders", "leaders")])
def test_a_government_of_no_country_is_no_actor(coder, text, head):
    assert code(coder, text, head) is None
    assert code(coder, text, head, context=CodingContext()) is None


def test_a_government_takes_the_article_country(coder):
    assert code(coder, "a junior minister", "minister", context=CodingContext(default_country="PER"))[0] == "actor:PER-GOV"


def test_a_religion_is_no_nationality(coder):
    # "a Muslim cleric" in a Peruvian story is Peru's, as "a radical cleric" is: the religion word
    # does not stop the article's country as an unknown nationality would ("Soviet troops")
    ctx = CodingContext(default_country="PER")
    assert code(coder, "a radical Muslim cleric", "cleric", context=ctx)[0] == "actor:PER-REL"
    assert code(coder, "two Sunni clerics", "clerics", context=ctx)[0] == "actor:PER-REL"
    # before a generic head it names religious leaders, not a government ("rebel leaders" are rebels)
    assert code(coder, "Muslim leaders", "leaders", context=ctx)[0] == "actor:PER-REL"
    assert code(coder, "Peruvian leaders", "leaders", context=ctx)[0] == "actor:PER-GOV"
    # ... and it is no actor's kind before a place: "a Muslim Chilean province" is Chile's
    assert code(coder, "a southern Muslim Chilean province", "province", context=ctx)[0] == "country:CHL"


def test_settlers_are_civilians(coder):
    # Phoenix agents: SETTLER [CVL]; "settler leaders" speak for settlers, not for a government
    ctx = CodingContext(default_country="PER")
    assert code(coder, "Jewish settlers", "settlers", context=ctx)[0] == "actor:PER-CVL"
    assert code(coder, "settler leaders", "leaders", context=ctx)[0] == "actor:PER-CVL"


def test_armed_forces_of_no_country_stay_actors(coder):
    assert code(coder, "Soviet troops", "troops")[0] == "actor:MIL"


# -- civilians named by where they are take the scene's country ----------------------------

def test_people_take_the_country_where_it_happened(coder):
    ctx = CodingContext(default_country="PER", scene_country="ECU")
    assert code(coder, "six people", "people", context=ctx)[0] == "actor:ECU-CVL"
    assert code(coder, "six civilians", "civilians", context=ctx)[0] == "actor:ECU-CVL"
    assert code(coder, "the police", "police", context=ctx)[0] == "actor:PER-COP"  # not people of the scene
    assert code(coder, "the man", "man", context=ctx)[0] == "actor:PER-CVL"  # may be someone named before
    assert code(coder, "six Chilean civilians", "civilians", context=ctx)[0] == "actor:CHL-CVL"
    assert code(coder, "six people", "people", context=CodingContext(default_country="PER"))[0] == "actor:PER-CVL"


def test_supporters_of_a_country_are_its_people_not_its_state(coder):
    assert code(coder, "supporters of a sacked Peruvian mayor", "supporters")[:3] == ("actor:PER-CVL", "PER", "CVL")
    assert code(coder, "Chilean loyalists", "loyalists")[:3] == ("actor:CHL-CVL", "CHL", "CVL")
    assert code(coder, "Hamas supporters", "supporters")[0] == "group:PSE-hamas"  # an organisation's own


# -- a place that names a document names no country ----------------------------------------

@pytest.mark.parametrize("text, head", [("the Lima Protocol", "Protocol"), ("the Lima Protocol", "Lima"),
                                        ("the Quito accords", "accords")])
def test_a_document_named_after_a_place_is_no_actor(coder, text, head):
    assert code(coder, text, head) is None


def test_a_place_word_alone_names_the_document_where_the_article_does(coder):
    assert code(coder, "Lima", "Lima", "GPE", context=CodingContext(eponyms=frozenset({"lima"}))) is None
    assert code(coder, "Lima", "Lima", "GPE", context=CodingContext())[0] == "actor:PER-GOV"  # the capital


def test_eponyms_are_place_names_before_a_document_noun(coder):
    from geokg.ingest.actors.words import words_of
    assert coder.eponyms(words_of("Peru signed the Lima Protocol and the Peruvian treaty.")) == {"lima"}


def test_armed_men_are_unidentified_armed_forces(coder):
    assert code(coder, "unknown armed men in uniform", "men", context=CodingContext(default_country="PER"))[0] == "actor:UAF"


def test_a_nationality_word_counted_as_a_noun_is_a_person_even_when_listed_as_a_name():
    # a dictionary may list "Estonian" among Estonia's names (Phoenix does so for some demonyms)
    from geokg.ingest.actors.coder import ActorCoder
    from geokg.ingest.actors.data import Entry
    from geokg.ingest.records import Argument

    coder = ActorCoder(extra=[("Estonian", Entry("name", iso3="EST"))])

    def ids(text, head=None):
        arg = Argument("object", text, 0, len(text), head=head or text.split()[-1])
        return [a.id for a in coder.code_arguments(arg)]

    assert ids("an Estonian") == ["actor:EST-CVL"]
    assert ids("two Estonian") == ["actor:EST-CVL"]
    assert ids("an Estonian from Tartu", "Estonian") == ["actor:EST-CVL"]
    assert ids("Estonian") == ["country:EST"]  # alone: mostly a modifier ("*Estonian* attacks")


def test_people_named_by_occupation_and_nationality_are_civilians_not_the_state():
    from geokg.ingest.actors.coder import ActorCoder
    from geokg.ingest.records import Argument

    coder = ActorCoder.default()
    for text, want in [("an Estonian engineer", "EST-CVL"), ("two Chilean truck drivers", "CHL-CVL"),
                       ("Peruvian tourists", "PER-CVL"), ("a Bolivian columnist", "BOL-MED")]:
        arg = Argument("object", text, 0, len(text), head=text.split()[-1])
        assert [a.id for a in coder.code_arguments(arg)] == [f"actor:{want}"], text


def test_maoists_are_rebels(coder):
    # "Maoists" in the news are the insurgents of that name (Nepal, India, Peru): rebels, like "guerrillas"
    assert code(coder, "More than 1,000 Maoists", "Maoists")[:3] == ("actor:REB", None, "REB")
    assert code(coder, "Peruvian Maoists", "Maoists")[:3] == ("actor:PER-REB", "PER", "REB")


@pytest.mark.parametrize("text, head, expected", [
    ("French auto giant Renault", "Renault", "actor:FRA-BUS"),
    ("Dutch steel groups", "groups", "actor:NLD-BUS"),
    ("the Chilean media group Copesa", "Copesa", "actor:CHL-BUS"),
])
def test_an_industrys_giant_or_group_is_a_business_of_its_country(coder, text, head, expected):
    # not the state its nationality names: "a French auto giant" is a French business
    assert code(coder, text, head)[0] == expected


def test_armed_people_of_a_country_are_an_armed_force_not_its_civilians(coder):
    assert code(coder, "four armed Peruvians", "Peruvians")[:3] == ("actor:PER-UAF", "PER", "UAF")
    assert code(coder, "four Peruvians", "Peruvians")[:3] == ("actor:PER-CVL", "PER", "CVL")


def test_a_nationality_the_person_entity_took_in_is_no_part_of_the_name(coder):
    import spacy
    from spacy.tokens import Doc

    # the parser's PERSON entity "Briton Ana Ruiz": Ana Ruiz, British
    words = ["Briton", "Ana", "Ruiz", "appealed", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, False, False],
              pos=["PROPN", "PROPN", "PROPN", "VERB", "PUNCT"], heads=[2, 2, 3, 3, 3],
              deps=["compound", "compound", "nsubj", "ROOT", "punct"],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    arg = Argument("subject", "Briton Ana Ruiz", 0, 15, head="Ruiz", label="PERSON")
    assert [(a.id, a.name, a.country) for a in coder.code_arguments(arg, doc=doc)] == [
        ("person:ana-ruiz", "Ana Ruiz", "GBR")]
