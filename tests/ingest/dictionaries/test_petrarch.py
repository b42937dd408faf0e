"""The PETRARCH-format readers on small hand-written dictionaries (written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest
from geokg.ingest.dictionaries.petrarch import (
    DictionaryError,
    parse_date,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
)

VERBS = """\
# a comment line
<!-- a block
comment -->
&VEHICLE
+TRUCK
+ARMORED_CAR_
&QUIET_
+SILENT

--- HAND [---] ---
HAND
GIVE {GAVE GIVEN GIVES GIVING}  # irregular forms
+PASS_OVER {+PASSED_OVER +PASSES_OVER +PASSING_OVER}
- * &VEHICLE (TO +)                 [0712]   # GIVE
- $ * {FINANCIAL HELP} (TO +)       [071]    # HAND
- * (OVER &VEHICLE)                 [0712]
- POLICE * SUSPECT                  [0841:084] # HAND
- * BADLY                           [---]    # GIVE
~ a (a b ATTACK) SAY = a b 015

--- WIRE [110] ---
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED WIRE_+TAPPING}
- * [###]  # WIRE
- * NOTHING
"""


def test_verbs_synsets_blocks_and_forms():
    v = read_verbs(VERBS, "demo.verbs")
    assert v.synsets == {"VEHICLE": ("truck", "armored car"), "QUIET": ("silent",)}
    assert v.blocks == {"HAND": "", "WIRE": "110"}
    lemmas = {e.lemma: e for e in v.verbs}
    assert set(lemmas) == {"hand", "give", "pass over", "wire tap"}
    assert lemmas["give"].forms == ("gave", "given", "gives", "giving")
    assert lemmas["pass over"].forms[0] == "passed over"
    assert lemmas["wire tap"].block == "WIRE"


def test_verb_patterns_slots_markers_and_codes():
    v = read_verbs(VERBS, "demo.verbs")
    p = {x.line: x for x in v.patterns}
    first = p[14]
    assert (first.verb, first.object, first.preps, first.target, first.code) == (
        "give", ("&VEHICLE",), (("to", ()),), "prep:to", "0712")
    second = p[15]
    assert (second.verb, second.subject, second.object, second.source, second.target) == (
        "hand", (), ("financial", "help"), "subject", "prep:to")
    assert p[16].verb == "" and p[16].preps == (("over", ("&VEHICLE",)),)  # no comment: every verb
    assert (p[17].subject, p[17].object, p[17].code, p[17].reverse) == (("police",), ("suspect",), "0841", "084")
    assert p[18].code == ""  # [---]: no event
    assert p[23].code == "###"  # a code in brackets is not a comment


def test_a_pattern_whose_comment_names_two_verbs_is_read_for_each():
    # "# GIVE , PROVIDE": the pattern was TABARI's for both verbs; not the first one only
    v = read_verbs("--- GRANT [060] ---\nGIVE\nPROVIDE\nLEND\n- * AID [070]  # GIVE , PROVIDE\n"
                   "- * LOAN [071]  # LEND , LEND\n- * ACCESS [060]  # jw 11/14/91\n")
    assert [(x.verb, x.object, x.code, x.line) for x in v.patterns] == [
        ("give", ("aid",), "070", 5), ("provide", ("aid",), "070", 5), ("lend", ("loan",), "071", 6),
        ("", ("access",), "060", 7)]


def test_bad_pattern_is_skipped_with_its_line_or_raises_when_strict():
    v = read_verbs(VERBS, "demo.verbs")
    assert len(v.problems) == 1 and v.problems[0].startswith("demo.verbs:24:") and "[code]" in v.problems[0]
    with pytest.raises(DictionaryError, match="demo.verbs:24"):
        read_verbs(VERBS, "demo.verbs", strict=True)
    with pytest.raises(DictionaryError, match="x.txt:1: expected a synonym set"):
        read_verbs("GIVE\n", "x.txt")
    assert "verb '*'" in read_verbs("--- A [010] ---\nA\n- B C [010]\n").problems[0]


def test_agents_plurals_prefix_and_substitution():
    text = "!PERSON! = MAN, WOMEN\nSENTRY {SENTRIES} [~MIL]  # note\nRELIEF_WORKER [NGO~]\nFERRY!PERSON! [~BUS]\n"
    agents = read_agents(text)
    assert [(a.term, a.plurals, a.code, a.prefix) for a in agents] == [
        ("sentry", ("sentries",), "MIL", False), ("relief worker", (), "NGO", True),
        ("ferryman", (), "BUS", False), ("ferrywomen", (), "BUS", False)]
    with pytest.raises(DictionaryError, match="a.txt:1"):
        read_agents("LONELY_NOUN\n", "a.txt")
    problems: list[str] = []
    assert read_agents("LONELY_NOUN\nGUARD [~COP]\n", "a.txt", problems)[0].term == "guard"
    assert problems == ["a.txt:1: expected 'NOUN {PLURALS} [~CODE]', got 'LONELY_NOUN'"]


ACTORS = """\
RIVERLAND_  [RVL]
+RIVERLANDER_
+PORT_AMBER

ARLO_VANCE_  ; a made-up leader
+PRESIDENT_VANCE
\t[RVLELI]
\t[RVLGOV 100101-121231]
\t[RVLMIL <051231]
\t[RVLOPP >20200601]

RIVER_GUARD [RVLMIL]
THE_GUARD
"""


def test_actors_names_default_and_date_ranges():
    acts = read_actors(ACTORS, "demo.actors")
    assert [a.names for a in acts] == [("riverland", "riverlander", "port amber"), ("arlo vance", "president vance"),
                                       ("river guard",), ("the guard",)]
    vance = acts[1]
    assert vance.default == "RVLELI"
    assert [vance.code_on(date(y, 6, 1)) for y in (2004, 2008, 2011, 2021)] == ["RVLMIL", "RVLELI", "RVLGOV", "RVLOPP"]
    assert vance.code_on(date(2012, 12, 31)) == "RVLGOV"  # limits are inclusive
    assert acts[3].default == "RVLMIL"  # no code, right after a coded record: its code


def test_actor_errors_name_file_and_line():
    with pytest.raises(DictionaryError, match=r"b.txt:2: bad date '2010011'"):
        read_actors("X_\n\t[ABCGOV 2010011-20120101]\n", "b.txt")
    with pytest.raises(DictionaryError, match="b.txt:1: a synonym with no actor"):
        read_actors("+X\n", "b.txt")
    problems: list[str] = []
    acts = read_actors("X_\n\t[ABCGOV 2010011-20120101]\n\t[ABCELI]\n", "b.txt", problems)
    assert acts[0].default == "ABCELI" and len(problems) == 1


def test_parse_date_two_and_four_digit_years():
    assert parse_date("300101") == date(2030, 1, 1)
    assert parse_date("310101") == date(1931, 1, 1)
    assert parse_date("20090120") == date(2009, 1, 20)
    with pytest.raises(DictionaryError, match="bad date"):
        parse_date("20091320")


def test_discards_scope_and_whole_words():
    d = read_discards("# sports\n+GRAND PRIX   # story\nTENNIS_\n\nchampion\n")
    assert [(x.phrase, x.story, x.whole_word, x.line) for x in d] == [
        ("grand prix", True, False, 2), ("tennis", False, True, 3), ("champion", False, False, 5)]
