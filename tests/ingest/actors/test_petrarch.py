"""Extra gazetteers: JSONL files and PETRARCH actor and agent dictionaries."""

from __future__ import annotations

import pytest
from geokg.ingest.actors import (
    ActorCoder,
    ActorDataError,
    actor_code,
    read_petrarch_dictionary,
)
from geokg.ingest.records import Argument


def arg(text: str, head: str = "", label: str = "") -> Argument:
    return Argument("subject", text, 0, len(text), head=head, label=label)


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


def test_petrarch_dated_codes_and_agents():
    entries = read_petrarch_dictionary("OLD_NAME\n\t[ABC 19900101-19991231]\n\t[DEFGOV]\n"
                                       "WARLORD {WARLORDS} [~REB]\n")
    found = {(t, e.kind, e.iso3, e.sector) for t, e in entries}
    # the undated code wins over the dated one; agents are role words of their sector
    assert ("Old Name", "org", "DEF", "GOV") in found
    assert ("warlord", "role", None, "REB") in found and ("warlords", "role", None, "REB") in found


def test_empty_petrarch_dictionary_is_named():
    with pytest.raises(ActorDataError, match="empty.txt"):
        read_petrarch_dictionary("# nothing here\n", origin="empty.txt")
