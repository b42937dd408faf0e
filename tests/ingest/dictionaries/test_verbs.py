"""The verb-pattern matcher: clauses from hand-built spaCy Docs and from extractions."""

from __future__ import annotations

import spacy
from geokg.ingest.dictionaries.petrarch import read_verbs
from geokg.ingest.dictionaries.verbs import Clause, PatternLexicon, regular_forms
from geokg.ingest.records import Argument, Extraction
from spacy.tokens import Doc

DICT = """\
&VEHICLE
+TRUCK
+ARMORED_CAR
--- HAND [---] ---
HAND
GIVE {GAVE GIVEN GIVES GIVING}
- * &VEHICLE (TO +)                 [0712]   # GIVE
- * {FINANCIAL HELP} (TO +)         [071]    # HAND
- * HELP                            [070]    # HAND
- POLICE * SUSPECT                  [0841:084] # HAND
- * (OVER &VEHICLE)                 [0714]
--- STAGE [---] ---
STAGE [140]
- * MOCK ATTACKS                    [062]   # STAGE
--- CORDON [---] ---
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}
- * ROAD                            [174]   # CORDON_OFF
- * (INTO +)                        [999]   # CORDON_OFF
"""

LEX = PatternLexicon(read_verbs(DICT), keep_code=lambda c: c != "999")


def _doc(words, heads, deps, lemmas):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_clause_from_a_hand_built_parse():
    # "Rebels gave two trucks to the army"
    doc = _doc(["Rebels", "gave", "two", "trucks", "to", "the", "army"], [1, 1, 3, 1, 1, 6, 4],
               ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj"],
               ["rebel", "give", "two", "truck", "to", "the", "army"])
    cl = Clause.from_token(doc[1])
    assert (cl.lemma, cl.object_head, cl.surface) == ("give", "truck", "gave")
    assert "rebel" in cl.subject and cl.preps[0][:2] == ("to", "army")
    m = LEX.match(cl)
    assert (m.code, m.target, m.uses_object, m.pattern.line) == ("0712", "prep:to", True, 7)


def test_most_specific_pattern_wins_and_phrases_need_all_words():
    base = {"preps": (("to", "mali", frozenset({"mali"})),)}
    fin = Clause("hand", obj=frozenset({"financial", "help", "some"}), object_head="help", **base)
    assert LEX.match(fin).code == "071"
    plain = Clause("hand", obj=frozenset({"help"}), object_head="help", **base)
    assert LEX.match(plain).code == "070"  # "{FINANCIAL HELP}" needs both words
    # the phrase's last word must be the object's head, not any word of it
    assert LEX.match(Clause("hand", obj=frozenset({"help", "desk"}), object_head="desk")) is None


def test_subject_reverse_code_and_block_wide_patterns():
    m = LEX.match(Clause("hand", subject=frozenset({"police"}), obj=frozenset({"suspect"}), object_head="suspect"))
    assert (m.code, m.reverse) == ("0841", "084")
    assert LEX.match(Clause("hand", obj=frozenset({"suspect"}), object_head="suspect")) is None
    # a pattern whose comment names no verb of its block applies to every verb of it
    over = (("over", "car", frozenset({"armored", "car"})),)
    assert LEX.match(Clause("give", preps=over)).code == LEX.match(Clause("hand", preps=over)).code == "0714"
    # ... one that names a verb, to that verb only
    assert LEX.match(Clause("hand", obj=frozenset({"truck"}), object_head="truck",
                            preps=(("to", "x", frozenset({"x"})),))) is None


def test_verb_code_forms_particles_and_filtered_codes():
    assert LEX.match(Clause("stage", obj=frozenset({"rally"}), object_head="rally")).code == "140"
    assert LEX.match(Clause("stage", obj=frozenset({"mock", "attack"}), object_head="attack")).code == "062"
    # spaCy's wrong lemma "stag" for "staged": the surface form finds the verb
    assert LEX.match(Clause("stag", surface="staged")).code == "140"
    assert LEX.match(Clause("cordon off", obj=frozenset({"road"}), object_head="road")).code == "174"
    assert LEX.match(Clause("cordon off", preps=(("into", "x", frozenset({"x"})),))) is None  # 999 filtered
    assert LEX.dropped == 1
    assert regular_forms("tap") == ("taps", "taped", "taping")  # regular rule only; irregulars come from {...}


def test_clause_from_an_extraction():
    subj = Argument("subject", "Riverland police", 0, 16, head="police", head_lemma="police")
    obj = Argument("object", "the main road", 27, 40, head="road", head_lemma="road")
    into = Argument("other", "the valley", 46, 56, head="valley", head_lemma="valley", prep="into")
    when = Argument("time", "Monday", 60, 66, head="Monday", prep="on")
    ex = Extraction("a", 0, 0, 66, subj, "cordoned off", "cordon off", 17, 26, object=obj, extras=(into, when))
    cl = Clause.from_extraction(ex)
    assert (cl.lemma, cl.object_head, cl.surface) == ("cordon off", "road", "cordoned")  # the verb, not its particle
    assert cl.subject == {"riverland", "police"} and cl.preps == (("into", "valley", frozenset({"the", "valley"})),)
    assert "off" in cl.after
    assert LEX.match(cl).code == "174"


def test_a_phrasal_lemma_gives_its_preposition_to_the_object():
    lex = PatternLexicon(read_verbs("--- VOTE [030] ---\nVOTE [030]\n- * (AGAINST) [120] # VOTE\n"))
    subj = Argument("subject", "Riverland", 0, 9, head="Riverland")
    obj = Argument("object", "the motion", 24, 34, head="motion", head_lemma="motion")
    ex = Extraction("a", 0, 0, 34, subj, "voted against", "vote against", 10, 23, object=obj)
    assert Clause.from_extraction(ex).preps == (("against", "motion", frozenset({"the", "motion"})),)
    assert lex.match(Clause.from_extraction(ex)).code == "120"
    plain = Extraction("a", 0, 0, 34, subj, "voted", "vote", 10, 15)
    assert lex.match(Clause.from_extraction(plain)).code == "030"


def test_a_prepositional_object_fits_only_a_pattern_that_names_the_preposition():
    # PETRARCH reads "pushed into the town" as a phrase (INTO), not as the object of "* &TOWN"
    lex = PatternLexicon(read_verbs("&TOWN\n+TOWN\n--- PUSH [---] ---\nPUSH\n- * &TOWN [027] # URGE\n"
                                    "- * FOR &TOWN [1014] # PUSH\n- * (INTO) [192] # PUSH\n"))
    subj = Argument("subject", "Riverland troops", 0, 16, head="troops", head_lemma="troop")
    town = Argument("object", "the town", 29, 37, head="town", head_lemma="town")
    into = Extraction("a", 0, 0, 37, subj, "pushed into", "push into", 17, 28, object=town)
    assert Clause.from_extraction(into).object_prep == "into"
    assert lex.match(Clause.from_extraction(into)).code == "192"
    pushed_for = Extraction("a", 0, 0, 37, subj, "pushed for", "push for", 17, 27, object=town)
    assert lex.match(Clause.from_extraction(pushed_for)).code == "1014"  # the pattern names "for"
    urged = Extraction("a", 0, 0, 37, subj, "pushed", "push", 17, 23, object=town)
    assert lex.match(Clause.from_extraction(urged)).code == "027"  # a direct object


VALIDATE_STYLE = """\
&NEGAUX
+WILL NOT
+CA N'T
&COIN
+DUCAT
+SILVER CROWN
--- QUARREL [121] ---
QUARREL
- &NEGAUX * OVER TOLLS [904]
- * OVER TOLLS [121]
--- GIFT [070] ---
GIFT
- * &COIN [903]
- * CATAPULTS [071]
--- DEPARTED [032:033] ---
DEPARTED
--- DEPART [012] ---
DEPART
"""


def _rel(relation: str, lemma: str, obj: str = "", head: str = "") -> Extraction:
    subj = Argument("subject", "Riverland", 0, 9, head="Riverland")
    o = Argument("object", obj, 30, 30 + len(obj), head=head, head_lemma=head) if obj else None
    return Extraction("a", 0, 0, 60, subj, relation, lemma, 10, 10 + len(relation), object=o)


def test_words_before_the_verb_fill_a_pattern_s_pre_verb_slots():
    lex = PatternLexicon(read_verbs(VALIDATE_STYLE))
    negated = Clause.from_extraction(_rel("will not quarrel over", "quarrel over", "the tolls", "tolls"))
    assert negated.before == {"will", "not"} and negated.surface == "quarrel"
    assert lex.match(negated).code == "904"
    assert lex.match(Clause.from_extraction(_rel("quarrelled over", "quarrel over", "the tolls", "tolls"))).code == "121"
    assert lex.match(Clause.from_extraction(_rel("ca n't quarrel over", "quarrel over", "the tolls", "tolls"))).code == "904"


def test_object_words_anywhere_in_the_object_only_when_asked():
    strict = PatternLexicon(read_verbs(VALIDATE_STYLE))
    loose = PatternLexicon(read_verbs(VALIDATE_STYLE), object_anywhere=True)
    cl = Clause.from_extraction(_rel("gifted", "gift", "two catapults wagons", "wagons"))
    assert strict.match(cl).code == "070" and loose.match(cl).code == "071"  # "* CATAPULTS" as PETRARCH reads it
    # not a word of the object's own prepositional phrase: the head is "set"
    assert loose.match(Clause.from_extraction(_rel("gifted", "gift", "a set of catapults", "set"))).code == "070"
    # a multi-word synonym still needs its head: "silver" alone is no "silver crown"
    assert loose.match(Clause.from_extraction(_rel("gifted", "gift", "silver bowls", "bowls"))).code == "070"


def test_a_surface_form_with_its_own_entry_comes_first_and_keeps_its_reverse_code():
    lex = PatternLexicon(read_verbs(VALIDATE_STYLE))
    m = lex.match(Clause.from_extraction(_rel("departed for", "depart for")))
    assert (m.code, m.reverse) == ("032", "033")
    m = lex.match(Clause.from_extraction(_rel("will depart", "depart")))
    assert (m.code, m.reverse) == ("012", "")


def test_an_object_slot_filled_by_the_verb_s_own_preposition_does_not_use_the_object():
    # "- * WITH" fits "skirmished with the Hillland guards" by the relation's own "with": the
    # guards are the other party, not a thing acted on; "- * LANCES" stands on the object
    lex = PatternLexicon(read_verbs("--- SKIRMISH [190] ---\nSKIRMISH\n- * WITH [190]\nBRANDISH\n- * LANCES [195]\n"))
    m = lex.match(Clause.from_extraction(_rel("skirmished with", "skirmish with", "the Hillland guards", "guards")))
    assert (m.code, m.uses_object) == ("190", False)
    m = lex.match(Clause.from_extraction(_rel("brandished", "brandish", "long lances", "lances")))
    assert (m.code, m.uses_object) == ("195", True)


def test_an_event_noun_names_the_verb_it_nominalises_in_the_dictionary():
    verbs = read_verbs("--- INVADE [192] ---\nINVADE\n--- PATROL [150] ---\nPATROL\n"
                       "--- PROTEST [140] ---\nDEMONSTRATE [141]\n--- SHELL [190] ---\nSHELL\n")
    rules = (("ation", "ate"), ("sion", "de"), ("ion", ""), ("ing", ""))
    lex = PatternLexicon(verbs, nominal_suffixes=rules)
    assert lex.verb_of_noun("invasion") == "invade"       # -sion -> -de
    assert lex.verb_of_noun("Demonstration") == "demonstrate"
    assert lex.verb_of_noun("shelling") == "shell"
    assert lex.verb_of_noun("patrol") == "patrol"         # the noun is the verb
    # a rule whose result is no verb here, or that leaves a stem under three letters, gives nothing
    assert lex.verb_of_noun("occupation") is None and lex.verb_of_noun("ion") is None
    assert PatternLexicon(verbs).verb_of_noun("invasion") is None  # no rules: only the verbs themselves


def test_a_pattern_without_a_code_of_its_own_names_no_act_before_the_verbs_own_code():
    # PETRARCH's "FACE * THREAT [:130]" (the other side threatens) and "FACE * RUN-OFF [---]": no meeting (040)
    lex = PatternLexicon(read_verbs("--- MEET_PEOPLE [040] ---\nFACE\n- * THREAT [:130] # FACE\n"
                                    "- * RUN-OFF [---] # FACE\n"))
    assert lex.match(Clause("face", obj=frozenset({"threat"}), object_head="threat")).code == ""
    assert lex.match(Clause("face", obj=frozenset({"run-off"}), object_head="run-off")).code == ""
    assert lex.match(Clause("face", obj=frozenset({"rival"}), object_head="rival")).code == "040"  # its own code


def test_a_verb_listed_again_with_its_own_code_takes_that_code():
    # CAMEO.2.0 lists "BEAT" in the DESTROY block [190] and again as "BEAT {BEATS ...} [182]": in
    # PETRARCH the later entry replaces the earlier, so "beat" is an assault, not the block's 190
    lex = PatternLexicon(read_verbs("--- CRUSH [190] ---\nCRUSH\nTHRASH\nTHRASH {THRASHES THRASHED} [182]\n"
                                    "--- HAIL [051] ---\nHAIL [050]\nHAIL\n"))
    assert lex.match(Clause("thrash", obj=frozenset({"protester"}), object_head="protester")).code == "182"
    assert lex.match(Clause("crush", obj=frozenset({"rebel"}), object_head="rebel")).code == "190"
    assert lex.match(Clause("hail", obj=frozenset({"envoy"}), object_head="envoy")).code == "050"  # first explicit
    assert "thrash" not in lex.block_only and "crush" in lex.block_only
