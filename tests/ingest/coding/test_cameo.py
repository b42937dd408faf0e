"""CAMEO table: codes, PLOVER crosswalk, Goldstein, QuadClass, polarity/mode transforms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from geokg.ingest.coding.cameo import (
    CameoCode,
    CameoError,
    CameoTable,
    build_table,
    normalize_plover,
    parent,
    read_table,
    root,
    write_table,
)

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
REF = SHARED / "data" / "cameo"


@pytest.fixture(scope="module")
def table() -> CameoTable:
    return CameoTable.default()


def test_twenty_roots_with_quad_classes(table):
    roots = table.roots()
    assert [r.code for r in roots] == [f"{i:02d}" for i in range(1, 21)]
    quads = {r.code: r.quad_class for r in roots}
    assert {c for c, q in quads.items() if q == 1} == {"01", "02", "03", "04", "05"}
    assert {c for c, q in quads.items() if q == 2} == {"06", "07", "08"}
    assert {c for c, q in quads.items() if q == 3} == {"09", "10", "11", "12", "13"}
    assert {c for c, q in quads.items() if q == 4} == {f"{i}" for i in range(14, 21)}


@pytest.mark.parametrize(
    "code, label, goldstein, plover, mode",
    [
        ("1711", "Confiscate property", -9.2, "COERCE", "seize"),
        ("173", "Arrest, detain, or charge with legal action", -5.0, "COERCE", "arrest"),
        ("1212", "Reject military cooperation", -4.0, "REJECT", "assist"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, "COERCE", "restrict"),
        ("154", "Mobilize or increase armed forces", -7.2, "MOBILIZE", "troops"),
        ("042", "Make a visit", 1.9, "CONSULT", "visit"),
    ],
)
def test_codes_carry_reference_values(table, code, label, goldstein, plover, mode):
    c = table[code]
    assert (c.label, c.goldstein, c.plover, c.plover_mode) == (label, goldstein, plover, mode)


def test_statements_and_appeals_have_no_plover_category(table):
    assert table["010"].plover is None and table["020"].plover is None
    assert table["020"].label.startswith("Make an appeal")


def test_missing_goldstein_is_inherited_from_parent(table):
    # 1213 is not in the GDELT table; its parent 121 is -4.0
    assert table["1213"].goldstein == table["121"].goldstein == -4.0


@pytest.mark.parametrize(
    "code, legacy",
    [("100", "DEMAND"), ("111", "DISAPPROVE"), ("090", "INVESTIGATE"), ("190", "FIGHT"),
     ("081", "CONCEDE"), ("0841", "RETREAT"), ("0813", "CONCEDE"), ("163", "SANCTION"), ("030", "AGREE")],
)
def test_legacy_plover_names(table, code, legacy):
    assert table[code].plover_legacy == legacy


def test_normalize_plover_maps_old_names():
    assert [normalize_plover(n) for n in ("DEMAND", "disapprove", "FIGHT", "INVESTIGATE", "REJECT", None, "")] == [
        "REQUEST", "ACCUSE", "ASSAULT", "ACCUSE", "REJECT", None, None]


def test_root_and_parent():
    assert root("0841") == "08" and parent("0841") == "084" and parent("08") is None


@pytest.mark.parametrize(
    "code, kwargs, expected",
    [
        ("120", {"negated": True}, None),          # "did not reject" is no rejection
        ("190", {"negated": True}, None),          # "did not attack" is no event
        ("060", {"negated": True}, "121"),         # "refused to cooperate" -> reject cooperation
        ("064", {"negated": True}, "1214"),
        ("080", {"negated": True}, "124"),         # "will not accept" -> decline to yield
        ("040", {"mode": "intended"}, "036"),      # intent to meet
        ("072", {"mode": "future"}, "0332"),       # will provide military aid
        ("190", {"mode": "intended"}, "1384"),     # intent to attack -> threaten
        ("163", {"mode": "hypothetical"}, "1312"),  # would impose sanctions -> threaten
        ("0841", {"mode": "demanded"}, "1053"),    # demand release
        ("111", {"mode": "reported"}, "111"),
        ("030", {"mode": "intended"}, "030"),
    ],
)
def test_transforms(table, code, kwargs, expected):
    assert table.transform(code, **kwargs) == expected


def test_transform_unknown_code_is_named(table):
    with pytest.raises(KeyError, match="9999"):
        table.transform("9999")


def test_every_transform_target_is_a_known_code(table):
    for code in table:
        for kwargs in ({"negated": True}, {"mode": "intended"}, {"mode": "demanded"}):
            out = table.transform(code, **kwargs)
            assert out is None or out in table


def test_transform_of_an_event_code_is_an_event_code(table):
    # a root ("10" DEMAND, "12" REJECT) names a class, not an event: "should withdraw" is 100,
    # "failed to agree" 120 (issue #17: 9 AG News events were coded "10" or "12")
    for code in (c for c in table if len(c) >= 3):
        for kwargs in ({"negated": True}, {"mode": "intended"}, {"mode": "demanded"}):
            out = table.transform(code, **kwargs)
            assert out is None or re.fullmatch(r"\d{3,4}", out), (code, kwargs, out)


def test_table_round_trip(tmp_path, table):
    rows = [table[c] for c in table]
    write_table(rows, tmp_path / "t.tsv")
    assert read_table(tmp_path / "t.tsv") == rows


def test_bad_table_names_the_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("code\tlabel\tgoldstein\tquad_class\tplover\tplover_mode\tplover_legacy\n1x\tOops\t1\t1\t\t\t\n")
    with pytest.raises(CameoError, match="bad.tsv:2"):
        read_table(bad)
    with pytest.raises(CameoError, match="nope.tsv"):
        read_table(tmp_path / "nope.tsv")


def test_code_record():
    c = CameoCode("1711", "Confiscate property", -9.2, 4, "COERCE", "seize", "COERCE")
    assert c.root == "17"


@pytest.mark.shared
def test_committed_table_matches_reference_files(table):
    if not (REF / "CAMEO.goldsteinscale.txt").is_file():
        pytest.skip("../shared CAMEO reference tables are absent")
    built = build_table(REF / "CAMEO.goldsteinscale.txt", REF / "CAMEO2PLOVER-2021.txt")
    assert built == [table[c] for c in table]


def test_an_acts_plover_category_overrides_the_crosswalk_only_for_that_act(table):
    # plover_acts.tsv: a resignation is RETREAT (PLOVER manual), other 083 codes stay CONCEDE (CAMEO2PLOVER-2021)
    resign = table.for_act("0831", ["resign in", "resign", "post"])
    assert (resign.code, resign.plover, resign.plover_mode, resign.plover_legacy) == ("0831", "RETREAT", "resign", "RETREAT")
    assert (resign.label, resign.goldstein, resign.quad_class) == (table["0831"].label, 5.0, 2)
    assert table.for_act("083", ["step down"]).plover == "RETREAT"
    assert table.for_act("0831", ["hold", "poll"]) == table["0831"]
    assert table.for_act("0841", ["resign"]) == table["0841"]  # a release is no resignation: the act needs its code
    assert table.legacy_name("0831", "RETREAT") == "RETREAT" and table.legacy_name("0831", "CONCEDE") == "CONCEDE"
    assert table.with_codes(["0831X"]).for_act("0831X", ["quit"]).plover == "RETREAT"


@pytest.mark.parametrize("code, acts, plover", [
    ("055", ["apologize to", "apologize"], "CONCEDE"),  # "Expressions of regret or remorse ... as CONCEDE"
    ("055", ["offer", "", "apology"], "CONCEDE"),
    ("056", ["pardon"], "CONCEDE"),                     # "Formal pardons and amnesties ... as CONCEDE"
    ("056", ["grant", "", "amnesty"], "CONCEDE"),
    ("056", ["forgive", "", "debt"], "SUPPORT"),        # forgiving a debt: the crosswalk's SUPPORT
    ("051", ["apologize"], "SUPPORT"),                  # praise: the act's category needs the act's code
    ("0871", ["announce", "", "ceasefire"], "CONCEDE"),  # "declarations (but not implementations) of ceasefires"
    ("0874", ["declare"], "CONCEDE"),
    ("0871", ["observe", "", "ceasefire"], "RETREAT"),   # "observing a ceasefire": RETREAT, as the crosswalk says
])
def test_apologies_pardons_amnesties_and_declared_ceasefires_are_plover_concede(table, code, acts, plover):
    info = table.for_act(code, acts)
    assert (info.code, info.plover, info.plover_legacy) == (code, plover, plover)


def test_a_bad_plover_act_row_names_its_file_and_line(tmp_path):
    data = Path(__file__).resolve().parents[3] / "ingest" / "data"
    (tmp_path / "coding").mkdir()
    for name in ("coding/cameo.tsv", "coding/cameo_transforms.tsv"):
        (tmp_path / name).write_text((data / name).read_text())
    (tmp_path / "coding/plover_acts.tsv").write_text("083\tresign\tRETREAT\tresign\tRETREAT\n083\tquit\tLEAVE\t\tLEAVE\n")
    with pytest.raises(CameoError, match=r"plover_acts.tsv:2.*LEAVE"):
        CameoTable.default(tmp_path)
    (tmp_path / "coding/plover_acts.tsv").unlink()
    with pytest.raises(CameoError, match="plover_acts.tsv"):
        CameoTable.default(tmp_path)
