"""Records and data files of actor coding: entries, the article context, memos, readers."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest
from geokg.ingest.actors.data import (
    ActorDataError,
    CodingContext,
    Memo,
    merge_actor,
    org_entries,
    person_entries,
    read_jsonl,
    read_tsv,
    split_cell,
    with_alias,
)
from geokg.ingest.records import Actor


def test_memo_is_bounded_and_keeps_the_newest():
    m = Memo(3)
    for k in range(10):
        assert m.put(k, k * k) == k * k
    assert len(m) == 3 and m.get(9) == 81 and m.get(0) is None
    assert m.get("absent", "default") == "default"
    m.put("none", None)
    assert m.get("none", "default") is None  # None is a value like any other


def test_memo_pickles_empty_and_rejects_a_bad_size():
    m = Memo(5)
    m.put("a", 1)
    copy = pickle.loads(pickle.dumps(m))
    assert (copy.maxsize, len(copy), copy.get("a")) == (5, 0, None)
    copy.put("b", 2)
    assert copy.get("b") == 2
    with pytest.raises(ValueError, match="0"):
        Memo(0)


def test_context_memo_is_no_part_of_its_value():
    a = CodingContext("x", "MEX")
    b = CodingContext("x", "MEX")
    a.memo["k"] = 1
    assert a == b and "memo" not in repr(a)
    assert replace(a, default_country="PER").memo == {}


def test_actor_helpers():
    a = Actor("person:x", "X", "person", None, None, None, ("X",))
    b = Actor("person:x", "X", "person", "MEX", "GOV", "Minister", ("Mr X",))
    m = merge_actor(a, b)
    assert (m.country, m.sector, m.role, m.aliases) == ("MEX", "GOV", "Minister", ("Mr X", "X"))
    assert with_alias(a, "X") is a and with_alias(a, "").aliases == ("X",)
    assert split_cell(" a; ;b ") == ["a", "b"]


def test_gazetteer_entries():
    orgs = list(org_entries([{"name": "Zorvian Guard", "aliases": ["ZG"], "country": "ZRV", "sector": "MIL"},
                             {"name": "Kai Nu", "kind": "person", "role": "Chief", "country": "ZRV"}]))
    assert [(t, e.kind, e.actor.id) for t, e in orgs] == [
        ("Zorvian Guard", "org", "org:zorvian-guard"), ("ZG", "org", "org:zorvian-guard"),
        ("Kai Nu", "person", "org:kai-nu")]
    people = list(person_entries([{"name": "Ana Ruiz", "aliases": ["Ruiz"], "country": "PER"}]))
    assert [(t, e.actor.id, e.iso3) for t, e in people] == [("Ana Ruiz", "person:ana-ruiz", "PER"),
                                                           ("Ruiz", "person:ana-ruiz", "PER")]


def test_readers_name_the_file_and_line(tmp_path):
    (tmp_path / "x.tsv").write_text("# comment\na\tb\n\na\tb\tc\n")
    with pytest.raises(ActorDataError, match="x.tsv:4"):
        read_tsv("x.tsv", tmp_path, 2)
    assert read_tsv("x.tsv", tmp_path, 3) == [["a", "b", ""], ["a", "b", "c"]]
    with pytest.raises(ActorDataError, match="nope.tsv"):
        read_tsv("nope.tsv", tmp_path, 2)
    with pytest.raises(ActorDataError, match="g.jsonl:2.*name"):
        read_jsonl('{"name": "A"}\n{"aliases": []}\n', "g.jsonl")
