"""PETRARCH files -> geokg data files -> the same dictionaries; loading any format; the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from geokg.ingest.dictionaries import DictionaryError, convert, load_dictionaries
from geokg.ingest.dictionaries.conversion import detect_kind, main, read_folder

FILES = {
    "Demo.verbs.txt": "&VEHICLE\n+TRUCK\n--- GIVE [070] ---\nGIVE {GAVE GIVEN}\n+HAND_OVER {+HANDED_OVER , +HANDS_OVER}\n- * &VEHICLE (TO +) [0712] # GIVE\n"
                      "- POLICE * SUSPECT [0841:084]\n",
    "Demo.agents.txt": "SENTRY {SENTRIES} [~MIL]\nRELIEF_WORKER [NGO~]\n",
    "Demo.actors.txt": "ARLO_VANCE_\n+PRESIDENT_VANCE\n\t[RVLELI]\n\t[RVLGOV 100101-121231]\n\nRIVER_GUARD [RVLMIL]\n",
    "Demo.discards.txt": "+GRAND PRIX\nTENNIS_\n",
}


@pytest.fixture()
def src(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_round_trip_through_geokg_files(src, tmp_path):
    original = load_dictionaries(sorted(src.iterdir()))
    convert(sorted(src.iterdir()), tmp_path / "out")
    back = read_folder(tmp_path / "out")
    assert back.verbs.synsets == original.verbs.synsets
    assert [(v.lemma, v.code, v.forms) for v in back.verbs.verbs] == [
        ("give", "", ("gave", "given")), ("hand over", "", ("handed over", "hands over"))]
    assert back.verbs.patterns == original.verbs.patterns
    # the block's code ("--- GIVE [070] ---") is the code of its verbs without one of their own
    assert back.verbs.blocks == original.verbs.blocks == {"GIVE": "070"}
    assert [(a.term, a.plurals, a.code, a.prefix) for a in back.agents] == [
        (a.term, a.plurals, a.code, a.prefix) for a in original.agents]
    assert [(d.phrase, d.story, d.whole_word) for d in back.discards] == [("grand prix", True, False), ("tennis", False, True)]
    assert [(a.names, a.default, a.codes) for a in back.actors] == [(a.names, a.default, a.codes) for a in original.actors]
    assert back.actors[0].code_on(date(2011, 1, 1)) == "RVLGOV"
    assert back.counts() == {"verbs": 2, "verb_patterns": 2, "verb_synsets": 1, "agents": 2, "actors": 2,
                             "actor_names": 3, "discards": 2}


def test_folder_and_single_geokg_files_load(src, tmp_path):
    convert([src], tmp_path / "out")  # a folder of PETRARCH files
    assert load_dictionaries([tmp_path / "out"]).counts()["verb_patterns"] == 2
    assert len(load_dictionaries([tmp_path / "out" / "agents.tsv"]).agents) == 2
    own = tmp_path / "team-actors.jsonl"  # a project's own actor list
    own.write_text(json.dumps({"name": "Sal Okoro", "aliases": ["Okoro"], "code": "RVLGOV"}) + "\n")
    acts = load_dictionaries([own]).actors
    assert acts[0].names == ("sal okoro", "okoro") and acts[0].code_on(None) == "RVLGOV"


def test_bad_inputs_name_the_file(tmp_path):
    with pytest.raises(DictionaryError, match="does not exist"):
        load_dictionaries([tmp_path / "nope.txt"])
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"names": ["a"]}\n')
    with pytest.raises(DictionaryError, match=r"x.jsonl:1: an actor needs names and a code"):
        load_dictionaries([bad])
    bad = tmp_path / "discards.tsv"
    bad.write_text("world cup\tseason\t0\n")
    with pytest.raises(DictionaryError, match=r"discards.tsv:1: scope must be"):
        load_dictionaries([bad])
    bad = tmp_path / "notes.tsv"
    bad.write_text("a\tb\n")
    with pytest.raises(DictionaryError, match="not a geokg dictionary file"):
        load_dictionaries([bad])


def test_kind_detection_by_name_then_content(tmp_path):
    p = tmp_path / "mine.txt"
    assert detect_kind(p, "--- GIVE [070] ---\nGIVE\n") == "verbs"
    assert detect_kind(p, "SENTRY [~MIL]\n") == "agents"
    assert detect_kind(p, "ARLO [RVLGOV]\n") == "actors"
    assert detect_kind(p, "GRAND PRIX\n") == "discards"
    assert detect_kind(tmp_path / "Phoenix.agents.txt", "ARLO [RVLGOV]\n") == "agents"


def test_module_cli(src, tmp_path, capsys):
    assert main([str(src / "Demo.verbs.txt"), "--out", str(tmp_path / "o")]) == 0
    assert json.loads(capsys.readouterr().out)["verb_patterns"] == 2
    assert main(["x"]) == 2
    assert main([str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")]) == 2


def test_shipped_names_stand_for_shipped_files():
    from geokg.ingest.dictionaries.conversion import resolve_paths

    paths = resolve_paths(["phoenix-agents", "cameo-verbs", "mine.txt"])
    assert [p.name for p in paths] == ["agents.tsv", "verb_synsets.tsv", "verb_blocks.tsv", "verbs.tsv",
                                       "verb_patterns.tsv", "mine.txt"]
    assert len(load_dictionaries(["phoenix-agents"]).agents) > 3000


def test_cli_convert_and_bad_build_dictionary(src, tmp_path):
    from geokg.graph.cli import app
    from typer.testing import CliRunner

    runner = CliRunner()
    done = runner.invoke(app, ["dictionaries", "convert", str(src / "Demo.agents.txt"), "--out", str(tmp_path / "o")])
    assert done.exit_code == 0 and json.loads(done.stdout)["agents"] == 2
    assert (tmp_path / "o" / "agents.tsv").is_file()
    bad = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "b"), "--dictionary", str(tmp_path / "nope.txt")])
    assert bad.exit_code == 2 and "nope.txt" in bad.output and "does not exist" in bad.output
