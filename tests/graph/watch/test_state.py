"""The watch state: atomic saves, clear errors for damaged files, the pending cycle."""

from __future__ import annotations

import json

import pytest
from geokg.graph.watch.state import StateError, WatchState, atomic_write, read_pending


def test_round_trip(tmp_path):
    path = tmp_path / "s.json"
    state = WatchState(cycle=3, feeds={"f": {"etag": '"x"', "failures": 0}}, hashes={"h": "a1"},
                       articles={"a1": {"url": "https://w.test/1", "signature": "", "sources": []}})
    state.save(path)
    assert WatchState.load(path) == state
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed


def test_missing_file_is_an_empty_state(tmp_path):
    assert WatchState.load(tmp_path / "none.json") == WatchState()


@pytest.mark.parametrize("content, message", [
    ("{torn", "cannot read"),
    ('{"geokg-watch": 99}', "not a geokg watch state"),
    ('["a list"]', "not a geokg watch state"),
    ('{"geokg-watch": 1, "seen": 5}', "malformed"),
])
def test_damaged_state_is_named(tmp_path, content, message):
    path = tmp_path / "watch-state.json"
    path.write_text(content)
    with pytest.raises(StateError, match=message) as info:
        WatchState.load(path)
    assert "watch-state.json" in str(info.value)


def test_atomic_write_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    import os

    path = tmp_path / "s.json"
    WatchState(cycle=1).save(path)

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        WatchState(cycle=2).save(path)
    monkeypatch.undo()
    assert WatchState.load(path).cycle == 1


def test_pending(tmp_path):
    path = tmp_path / "p.json"
    assert read_pending(path) is None
    atomic_write(path, json.dumps({"articles": [], "sources": {}, "state": WatchState().to_dict(), "log": None}))
    assert read_pending(path)["articles"] == []
    path.write_text('{"articles": []}')
    with pytest.raises(StateError, match="not a geokg watch pending cycle"):
        read_pending(path)
