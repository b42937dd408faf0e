"""The coder with dictionaries: back-off, user patterns, agents, dated actors, discards."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from geokg.ingest.dictionaries.coder import Discards, build_coder
from geokg.ingest.dictionaries.petrarch import Discard, read_verbs
from geokg.ingest.dictionaries.verbs import PatternLexicon
from geokg.ingest.records import Argument, Article, Extraction

BACKOFF = """\
--- GRILL [---] ---
GRILL [090]
- * (ABOUT &PLAN) [0311]
&PLAN
--- QUESTION [090] ---
QUIZ
--- IMPOSE [---] ---
IMPOSE
- * LEVY [163] # IMPOSE
--- CONDUCT [040] ---
CONDUCT
- * CENSUS [090] # CONDUCT
--- REJECT [---] ---
REJECT [111]
--- SAY [---] ---
SAY [010]
"""


def _ex(subject: str, relation: str, lemma: str, obj: str | None = None, mode: str = "asserted", **kw):
    text = f"{subject} {relation} {obj or ''}".strip()
    s = Argument("subject", subject, 0, len(subject), head=subject.split()[-1], label="GPE")
    o = None
    if obj:
        start = len(subject) + len(relation) + 2
        o = Argument("object", obj, start, start + len(obj), head=obj.split()[-1], head_lemma=obj.split()[-1])
    r0 = len(subject) + 1
    return Extraction("a", 0, 0, len(text), s, relation, lemma, r0, r0 + len(relation), object=o, mode=mode, **kw)


def _type(coder, ex):
    """The event type of ``ex`` with its object's actors coded, as the pipeline codes them."""
    objects = coder.actors.code_arguments(ex.object) if ex.object is not None else []
    return coder.event_type(ex, [], objects)


@pytest.fixture(scope="module")
def coders():
    with_backoff = build_coder(backoff=False, discards=False, actors=False)
    with_backoff.lexicon.backoff = PatternLexicon(read_verbs(BACKOFF), keep_code=with_backoff.table.__contains__)
    return with_backoff, build_coder(backoff=False, discards=False, actors=False)


def test_backoff_only_where_geokg_codes_nothing(coders):
    on, off = coders
    grill = _ex("Mexico", "grilled", "grill", "Canada")
    assert _type(on, grill)[0] == "090" and _type(off, grill)[0] is None
    reject = _ex("Mexico", "rejected", "reject", "the plan")
    assert _type(on, reject)[0] == _type(off, reject)[0] != "111"  # geokg's row wins


def test_backoff_needs_a_main_clause_and_no_frame_verb(coders):
    on, _ = coders
    assert _type(on, _ex("Mexico", "to grill", "grill", "Canada"))[0] is None
    assert _type(on, _ex("Mexico", "grilling", "grill", "Canada"))[0] is None
    # a condition is no event; a modal clause is coded as geokg codes its own ("would not give permission": 12x)
    assert _type(on, _ex("Mexico", "grilled", "grill", "Canada", mode="hypothetical"))[0] is None
    assert _type(on, _ex("Mexico", "may grill", "grill", "Canada", mode="hypothetical"))[0] == (
        on.table.transform("090", mode="hypothetical"))
    assert on.lexicon.pattern_code(_ex("Mexico", "said", "say"), "asserted", "backoff") == (None, False)


def test_an_intended_act_is_backed_off_but_a_threat_stays_a_threat(coders):
    on, off = coders
    for mode in ("intended", "future"):
        will = _ex("Mexico", "will grill", "grill", "Canada", mode=mode)
        assert _type(on, will)[0] == on.table.transform("090", mode=mode)
        assert _type(off, will)[0] is None
    assert _type(on, _ex("Mexico", "threatened to grill", "grill", "Canada", mode="intended"))[0] == "130"


def test_a_verb_without_a_code_takes_its_blocks(coders):
    on, _ = coders
    quiz = _ex("Mexico", "quizzed", "quiz", "Canada")
    canada = on.actors.code_arguments(quiz.object)
    assert canada and on.event_type(quiz, [], canada)[0] == "090" and on.lexicon.lookup("quiz") is None


def test_a_verb_code_without_a_pattern_needs_an_actor_object(coders):
    # "Blair faces one of the trickiest speeches", "the government needs more reforms" (issue #17)
    on, _ = coders
    assert _type(on, _ex("Mexico", "quizzed", "quiz", "the plan"))[0] is None
    assert _type(on, _ex("Mexico", "quizzed", "quiz"))[0] is None
    assert _type(on, _ex("Mexico", "grilled", "grill", "the plan"))[0] is None  # so the verb's own code


def test_a_patient_verb_is_no_act_of_its_subject(coders):
    # "three soldiers died in Gaza fighting": PETRARCH's DIE block codes 190, the dead as the attacker
    on, _ = coders
    on.lexicon.backoff = PatternLexicon(read_verbs("--- DIE [190] ---\nDIE\n"), keep_code=on.table.__contains__)
    try:
        assert on.lexicon.frame("die") == "patient"
        assert _type(on, _ex("Mexico", "died", "die"))[0] is None
        assert _type(on, _ex("Mexico", "died in", "die in", "fighting"))[0] is None
    finally:
        on.lexicon.backoff = PatternLexicon(read_verbs(BACKOFF), keep_code=on.table.__contains__)


def test_a_pattern_with_a_constraint_outranks_a_geokg_row_without_one(coders):
    on, off = coders
    levy = _ex("Mexico", "imposed", "impose", "a levy")
    assert off.lexicon.lookup("impose", ["a levy"]) == "172"  # geokg's row without constraint
    assert _type(on, levy)[0] == "163" and _type(off, levy)[0] == "172"
    assert _type(on, _ex("Mexico", "imposed", "impose", "a fee"))[0] == "172"  # no pattern fits
    on.lexicon.specific_first = False
    try:
        assert _type(on.with_lexicon(on.lexicon), levy)[0] == "172"
    finally:
        on.lexicon.specific_first = True


def test_a_light_verb_takes_only_a_pattern_on_its_object(coders):
    on, off = coders
    census = _ex("Mexico", "conducted", "conduct", "a census")
    assert on.lexicon.frame("conduct") == "support" and _type(off, census)[0] is None
    assert _type(on, census)[0] == "090"
    assert _type(on, _ex("Mexico", "conducted", "conduct", "a poll"))[0] is None  # not the block's 040


def test_the_backoff_leaves_subordinate_clauses_alone(coders):
    from spacy.tokens import Doc

    on, _ = coders
    words = ["Rebels", "that", "quizzed", "Kabul", "fled", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[4, 2, 0, 2, 4, 4],
              deps=["nsubj", "nsubj", "relcl", "dobj", "ROOT", "punct"], lemmas=["rebel", "that", "quiz", "Kabul", "flee", "."])
    start = len("Rebels that ")
    probe = Extraction("a", 0, 0, len(doc.text), Argument("subject", "that", 7, 11), "quizzed", "quiz", start,
                       start + len("quizzed"), object=Argument("object", "Kabul", 20, 25, head="Kabul", label="GPE"))
    assert on.lexicon.main_clause(probe, doc) is False and on.lexicon.main_clause(probe, None) is None
    kabul = on.actors.code_arguments(probe.object)
    assert on.event_type(probe, [], kabul, doc=doc)[0] is None and on.event_type(probe, [], kabul)[0] == "090"
    said = Doc(spacy.blank("en").vocab, words=["Kabul", "said", "rebels", "quizzed", "it"], heads=[1, 1, 3, 1, 3],
               deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"], lemmas=["Kabul", "say", "rebel", "quiz", "it"])
    reported = Extraction("a", 0, 0, len(said.text), Argument("subject", "rebels", 11, 17), "quizzed", "quiz", 18, 25)
    assert on.lexicon.main_clause(reported, said) is True


def test_user_patterns_come_before_geokg_rows(tmp_path):
    user = tmp_path / "Mine.verbs.txt"
    user.write_text("&PLAN\n+PLAN\n+PROPOSAL\n--- REJECT [---] ---\nREJECT\n- * &PLAN [1231] # REJECT\n")
    coder = build_coder([user], backoff=False, discards=False, actors=False)
    assert _type(coder, _ex("Mexico", "rejected", "reject", "the proposal"))[0] == "1231"
    assert coder.sizes["user_pattern_rows"] == 1
    # another coder in the same process keeps geokg's code
    assert _type(build_coder(backoff=False, discards=False, actors=False),
                 _ex("Mexico", "rejected", "reject", "the proposal"))[0] != "1231"


def test_dated_actor_as_of_the_article_date(tmp_path):
    people = tmp_path / "Mine.actors.txt"
    people.write_text("ARLO_VANCETTI_\n+PRESIDENT_VANCETTI\n\t[MEXELI]\n\t[MEXGOV 100101-121231]\n")
    coder = build_coder([people], backoff=False, discards=False, actors=False)
    codes = {}
    for year in (2011, 2020):
        art = Article.create(title="t", text="Arlo Vancetti rejected the plan", published=date(year, 5, 1))
        s = Argument("subject", "Arlo Vancetti", 0, 13, head="Vancetti", label="PERSON")
        o = Argument("object", "the plan", 23, 31, head="plan", head_lemma="plan")
        ex = Extraction(art.id, 0, 0, 31, s, "rejected", "reject", 14, 22, object=o)
        events, actors, _ = coder.code_article(None, art, [ex])
        codes[year] = (events[0].source.id, events[0].source.country, events[0].source.sector)
        assert {a.id: a.sector for a in actors}[events[0].source.id] == codes[year][2]
    assert codes == {2011: ("person:arlo-vancetti", "MEX", "GOV"), 2020: ("person:arlo-vancetti", "MEX", "ELI")}


def test_a_one_word_dictionary_name_with_another_given_name_is_somebody_else(tmp_path):
    # the dictionary knows a "Vancetti" by that one word only (as Phoenix knows a "HASSAN_")
    people = tmp_path / "Mine.actors.txt"
    people.write_text("VANCETTI_\n\t[MEXELI]\n\t[MEXGOV 100101-121231]\n")
    coder = build_coder([people], backoff=False, discards=False, actors=False)
    code = coder.actors.code_entity
    assert code("Vancetti", "PERSON").id == code("President Vancetti", "PERSON").id == "person:vancetti"
    other = code("Chilean Lena Vancetti", "PERSON")  # a given name of her own, and a nationality
    assert (other.id, other.name, other.country) == ("person:lena-vancetti", "Lena Vancetti", "CHL")
    # a person the dictionary names in full keeps its other forms ("Arlo Vancetti", "Vancetti")
    people.write_text("ARLO_VANCETTI_\n+VANCETTI_\n\t[MEXELI]\n\t[MEXGOV 100101-121231]\n")
    coder = build_coder([people], backoff=False, discards=False, actors=False)
    assert coder.actors.code_entity("Lena Vancetti", "PERSON").id == "person:arlo-vancetti"


def test_user_agents_give_unknown_nouns_a_sector(tmp_path):
    agents = tmp_path / "Mine.agents.txt"
    agents.write_text("LANCER [~MIL]\n")
    coder = build_coder([agents], backoff=False, discards=False, actors=False)
    arg = Argument("subject", "Mexican lancers", 0, 15, head="lancers")
    assert [a.id for a in coder.actors.code_arguments(arg)] == ["actor:MEX-MIL"]
    assert build_coder(backoff=False, discards=False, actors=False).actors.code_arguments(arg) != coder.actors.code_arguments(arg)


def _discarding(tmp_path, phrases: str):
    """A coder with the user's discard ``phrases`` and a blank pipeline that splits sentences."""
    discards = tmp_path / "Mine.discards.txt"
    discards.write_text(phrases)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return build_coder([discards], backoff=False), nlp


def test_discards_story_and_sentence(tmp_path):
    coder, nlp = _discarding(tmp_path, "+GRAND PRIX\nBADMINTON_\n")
    art = Article.create(title="t", text="Mexico rejected the plan. The badminton team rejected the plan.")
    doc = nlp(art.content)
    plan = Argument("object", "the plan", 16, 24, head="plan", head_lemma="plan")
    first = Extraction(art.id, 0, 0, 25, Argument("subject", "Mexico", 0, 6, head="Mexico", label="GPE"),
                       "rejected", "reject", 7, 15, object=plan)
    second = Extraction(art.id, 1, 26, 63, Argument("subject", "Mexico", 26, 32, head="Mexico", label="GPE"),
                        "rejected", "reject", 47, 55, object=plan)
    exs = [first, second]
    events, _, _ = coder.code_article(doc, art, exs)
    assert {e.extraction.sentence for e in events} == {0}
    assert coder.discarded(doc, art) == ["sentence: badminton"]
    prix = Article.create(title="Grand Prix", text="Mexico rejected the plan.")
    assert coder.code_article(None, prix, [first]) == ((), (), ())
    assert coder.discarded(None, prix) == ["story: grand prix"]


def test_an_article_without_discard_phrases_reads_no_sentence_again(tmp_path, monkeypatch):
    coder, nlp = _discarding(tmp_path, "BADMINTON_\n")
    art = Article.create(title="t", text="Mexico rejected the plan. Peru agreed to it.")

    def unread(text):
        raise AssertionError(f"sentence read again: {text!r}")

    monkeypatch.setattr(coder.discards, "sentence_reason", unread)
    assert coder.discarded(nlp(art.content), art) == []


def test_time_discards_are_left_out_unless_asked():
    items = [Discard("1988", False, False), Discard("years ago", False, False), Discard("bowler", False, False)]
    assert Discards(items).sentence_reason("In 1988, two years ago, a bowler") == "bowler"
    assert Discards(items, time_phrases=True).sentence_reason("In 1988") == "1988"


def test_shipped_backoff_is_loaded_by_default():
    coder = build_coder()
    assert coder.lexicon.backoff is not None and coder.sizes["backoff_pattern_rows"] > 4000
    assert coder.discards is not None and build_coder(backoff=False).lexicon.backoff is None


def test_shipped_phoenix_actors_are_loaded_by_default():
    assert len(build_coder(backoff=False, discards=False).dated) > 10000  # people with date-ranged codes
    assert not build_coder(backoff=False, discards=False, actors=False).dated
    people = build_coder(backoff=False, discards=False, actors="people")
    assert people.sizes["actor_entries"] < build_coder(backoff=False, discards=False).sizes["actor_entries"]


def test_backoff_leaves_auxiliaries_alone(coders):
    on, _ = coders
    on.lexicon.backoff = PatternLexicon(read_verbs("--- BE [030] ---\nBE [030]\n"))
    try:
        assert on.lexicon.pattern_code(_ex("Talks", "were", "be", "no deal"), "asserted", "backoff") == (None, False)
    finally:
        on.lexicon.backoff = PatternLexicon(read_verbs(BACKOFF), keep_code=on.table.__contains__)


def test_user_bare_verb_codes_come_before_geokg_rows_except_frame_verbs(tmp_path):
    # as in PETRARCH, a user's verb is coded by its patterns, else its own code (issue #17)
    user = tmp_path / "Mine.verbs.txt"
    user.write_text("--- CONDEMN [---] ---\nCONDEMN [122]\n--- GRILL [---] ---\nGRILL [090]\n"
                    "--- SAY [010] ---\nSAY\n--- URGE [102] ---\nURGE\n")
    coder = build_coder([user], backoff=False, discards=False, actors=False)
    plain = build_coder(backoff=False, discards=False, actors=False)
    condemn = _ex("Mexico", "condemned", "condemn", "the raid")
    assert _type(coder, condemn)[0] == "122" != _type(plain, condemn)[0]
    # unlike the shipped back-off, a user's verb code holds in any clause
    assert _type(coder, _ex("Mexico", "grilling", "grill", "Canada"))[0] == "090"
    # a frame verb keeps geokg's reading when its object is a clause (or unknown): what was said is the event
    said = _ex("Mexico", "said", "say", "it would leave")
    assert _type(coder, said)[0] == _type(plain, said)[0] != "010"
    lex = coder.lexicon
    assert lex.pattern_code(said, "asserted", "user", clause_object=True) == (None, False)
    urged = _ex("Mexico", "urged", "urge", "Riverland")
    assert lex.pattern_code(urged, "asserted", "user", clause_object=False)[0] == "102"  # an act of its own
    assert lex.pattern_code(urged, "asserted", "user")[0] is None


def test_a_user_code_is_final_and_may_lie_beyond_cameo(tmp_path):
    user = tmp_path / "Mine.verbs.txt"
    user.write_text("&COIN\n+DUCAT\n--- GIFT [070] ---\nGIFT\n- * &COIN [903]\n- * GRAIN [1741]\n"
                    "--- QUIBBLE [121] ---\nQUIBBLE\n- * OVER TOLLS [102b]\n- * OVER FEES [174K]\n")
    coder = build_coder([user], backoff=False, discards=False, actors=False)
    plain = build_coder(backoff=False, discards=False, actors=False)
    # "will gift": geokg's intent transform is not applied to a user's code (PETRARCH applies none)
    assert _type(coder, _ex("Riverland", "will gift", "gift", "grain", mode="intended"))[0] == "1741"
    assert _type(coder, _ex("Riverland", "gifted", "gift", "ducats"))[0] == "903"
    assert _type(coder, _ex("Riverland", "did not gift", "gift", "grain", polarity="negative"))[0] == "1741"
    assert (coder.table["1741"].plover, coder.table["1741"].quad_class) == (coder.table["174"].plover, 4)
    assert coder.table["903"].quad_class == 0 and "903" not in plain.table and "102b" not in coder.table
    assert coder.lexicon.user_patterns.dropped == 2  # "102b" and "174K": no event-type IRI can hold them


def test_reverse_codes_add_the_target_s_event(tmp_path):
    from geokg.ingest.records import Actor

    user = tmp_path / "Mine.verbs.txt"
    user.write_text("--- CALL_ON [032:033] ---\nCALL_ON\n")
    coder = build_coder([user], backoff=False, discards=False, actors=False)
    riv = Actor("country:RIV", "Riverland", "country", "RIV")
    hil = Actor("country:HIL", "Hillland", "country", "HIL")
    ex = _ex("Riverland", "called on", "call on", "Hillland")
    art = Article.create(title="", text="Riverland called on Hillland", published=date(2020, 1, 1), origin="t")
    event = coder._events(ex, art, "032", [riv], [hil])[0]
    out = coder._with_reverse((event,), art)
    assert [(e.source.id, e.cameo, e.target.id) for e in out] == [
        ("country:RIV", "032", "country:HIL"), ("country:HIL", "033", "country:RIV")]
    assert out[1].id != out[0].id and out[1].plover == coder.table["033"].plover
    assert coder._with_reverse(out, art) == out  # nothing twice


def test_with_gazetteers_shares_lexicon_and_discards(tmp_path):
    verbs = tmp_path / "Mine.verbs.txt"
    verbs.write_text("--- GRILL [---] ---\nGRILL [090]\n")
    actors = tmp_path / "Mine.actors.txt"
    actors.write_text("RIVERLAND_ [MEX]\n")
    coder = build_coder([verbs], backoff=False)
    other = coder.with_gazetteers([actors])
    assert other.lexicon is coder.lexicon and other.discards is coder.discards
    arg = Argument("subject", "Riverland", 0, 9, head="Riverland", label="GPE")
    assert [a.id for a in other.actors.code_arguments(arg)] == ["country:MEX"]
    assert [a.id for a in coder.actors.code_arguments(arg)] != ["country:MEX"]


def test_user_actor_codes_come_before_geokgs(tmp_path):
    user = tmp_path / "Mine.actors.txt"
    user.write_text("KUWAIT [KUW]\n")
    arg = Argument("subject", "Kuwait", 0, 6, head="Kuwait", label="GPE")
    assert build_coder([user], backoff=False, discards=False, actors=False).actors.code_argument(arg).country == "KUW"
    assert build_coder(backoff=False, discards=False, actors=False).actors.code_argument(arg).country == "KWT"


def test_phoenix_countries_are_countries_and_regions_no_country():
    from geokg.ingest.actors.dated import country_codes
    from geokg.ingest.dictionaries.coder import actor_entries
    from geokg.ingest.dictionaries.petrarch import DatedActor, DatedCode

    sectors = frozenset({"GOV", "REB", "ELI"})
    timor = DatedActor(("east timor",), (DatedCode("TMPOCC", None, date(1999, 8, 30)),
                                         DatedCode("TMP", date(1999, 8, 30), None)), "")
    front = DatedActor(("border salvation front",), (), "INTREB")
    entries, dated = actor_entries([timor, front], sectors, country_codes())
    kinds = {t: (e.kind, e.iso3) for t, e in entries}
    assert kinds["East Timor"] == ("name", "TLS") and not dated  # a dated country is no person
    assert kinds["Border Salvation Front"] == ("org", None)  # "INT": international, no country
    # a user's dictionary keeps its own codes, dated countries included
    _, user_dated = actor_entries([timor], sectors)
    assert list(user_dated) == ["person:east-timor"]


def test_a_phoenix_person_of_no_country_but_in_office_is_a_person_of_that_office():
    # "[IGOUNO 1997-2006] [ELI]": a default of a sector alone names no country, it is no country record
    from geokg.ingest.actors.dated import DatedPeople, country_codes
    from geokg.ingest.dictionaries.coder import _dated_parts, actor_entries
    from geokg.ingest.dictionaries.petrarch import DatedActor, DatedCode

    sectors = frozenset({"GOV", "IGO", "ELI"})
    countries = country_codes()
    envoy = DatedActor(("ines arbeloa", "secretary-general ines arbeloa"),
                       (DatedCode("IGOUNO", date(1997, 1, 1), date(2006, 12, 31)),), "ELI")
    entries, dated = actor_entries([envoy], sectors, countries)
    assert {t: e.kind for t, e in entries}["Ines Arbeloa"] == "person"
    assert list(dated) == ["person:ines-arbeloa"]
    people = DatedPeople(dated, lambda code: _dated_parts(code, sectors, countries))
    person = dated["person:ines-arbeloa"][1]
    assert (people.as_of(person, date(2004, 1, 1)).country, people.as_of(person, date(2004, 1, 1)).sector) == (None, "IGO")
    # with no date: the U.N.'s too, the only office held (no country for the story's main country to fill)
    assert people.as_of(person, None).sector == "IGO"


def test_phoenix_names_with_an_acronym_in_brackets_are_matched_as_written():
    from geokg.ingest.actors.dated import country_codes
    from geokg.ingest.dictionaries.coder import actor_entries
    from geokg.ingest.dictionaries.petrarch import DatedActor

    sectors = frozenset({"REB"})
    front = DatedActor(("andean liberation front (alf)",), (), "PERREB")  # "ALF": its initials
    movement = DatedActor(("free andes movement (gam)",), (), "CHLREB")  # not its initials: no acronym
    action = DatedActor(("direct action (bolivia)",), (), "BOLREB")  # a qualifier, no acronym
    entries, _ = actor_entries([front, movement, action], sectors, country_codes())
    names = {t: e.actor.name for t, e in entries}
    assert names == {"Andean Liberation Front": "Andean Liberation Front", "ALF": "Andean Liberation Front",
                     "Free Andes Movement": "Free Andes Movement", "Direct Action (Bolivia)": "Direct Action (Bolivia)"}


def test_article_people_as_of_its_date(tmp_path):
    people = tmp_path / "Mine.actors.txt"
    people.write_text("ARLO_VANCETTI_\n\t[MEXELI]\n\t[MEXGOV 100101-121231]\nDORA_KELMET_\n\t[IGOUNO 050101-151231]\n")
    coder = build_coder([people], backoff=False, discards=False, actors=False)
    nlp = spacy.blank("en")
    text = "Vancetti met Dora Kelmet."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, 8, "PERSON"), doc.char_span(13, 24, "PERSON")]
    found = {}
    for year in (2011, 2020):
        art = Article.create(title="t", text=text, published=date(year, 5, 1))
        ctx = coder.context_for(art, [], doc)
        found[year] = {k: (p.id, p.country, p.sector) for k, p in ctx.people.items()}
    # a surname alone: the one person of that name in office on the date
    assert found[2011]["vancetti"] == ("person:arlo-vancetti", "MEX", "GOV")
    assert found[2020]["vancetti"][0] == "person:vancetti"  # in office no more: not guessed
    assert found[2011]["dora kelmet"] == ("person:dora-kelmet", None, "IGO")

def test_discard_reasons_read_once_are_the_two_reasons():
    d = Discards([Discard("world cup", False, False), Discard("tennis", True, True), Discard("cricket", False, True)])
    for text in ("Mexico beat Peru in the World Cup qualifier", "Tennis: a final", "World Cup and tennis",
                 "Cricket, then the world cup", "nothing here", "", "Tennison said", "the world cupola"):
        assert d.reasons(text) == (d.sentence_reason(text), d.story_reason(text)), text


def test_sentences_are_read_again_when_a_word_spans_their_boundary():
    from spacy.tokens import Doc

    coder = build_coder(backoff=False)
    coder.discards = Discards([Discard("tennis", False, True)])  # a sentence phrase, whole word
    words = ["Officials", "met", "in", "Tennisville", ".", "Tennis", "fans", "cheered", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, False, False, True, True, False, False],
              sent_starts=[True, False, False, False, False, True, False, False, False])
    art = Article.create(title="", text=doc.text)
    # "tennisville.tennis" is one word of the article, "tennis" a word of its second sentence
    assert coder.discards.reasons(art.content) == (None, None)
    found = coder._dropped_sentences(doc, coder.actors.doc_index(doc), art, None)
    assert found == {i for i, s in enumerate(doc.sents) if coder.discards.sentence_reason(s.text)} == {1}
    plain = Doc(doc.vocab, words=["Officials", "met", ".", "Fans", "cheered", "."],
                spaces=[True, False, True, True, False, False], sent_starts=[True, False, False, True, False, False])
    assert coder._dropped_sentences(plain, coder.actors.doc_index(plain), Article.create(title="", text=plain.text),
                                    None) == set()


# -- the collector paused while building --------------------------------------------------
def test_collector_paused_restores_the_state_it_found():
    import gc

    from geokg.ingest.dictionaries.coder import _collector_paused

    was = gc.isenabled()
    try:
        for before in (True, False):
            gc.enable() if before else gc.disable()
            with _collector_paused():
                assert not gc.isenabled()
            assert gc.isenabled() is before
        gc.enable()
        with pytest.raises(ValueError), _collector_paused():
            raise ValueError("a failed build")
        assert gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
