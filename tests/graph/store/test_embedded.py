"""The embedded Oxigraph store's rewrite into an empty folder, and its repair after a crash."""

from __future__ import annotations

from pathlib import Path

from geokg.graph.store import OxigraphGraphStore
from geokg.graph.store.embedded import _folder_bytes, _siblings


def _nquads(batch: int, n: int = 400) -> tuple[list[str], str]:
    graph = f"https://w3id.org/geokg/id/article/b{batch}"
    lines = [f'<urn:s{batch}-{i}> <urn:p{i % 7}> "value {i} of a batch, some words repeated" <{graph}> .\n'
             for i in range(n)]
    return [graph], "".join(lines)


def _written(folder: Path, batches: int = 12) -> OxigraphGraphStore:
    store = OxigraphGraphStore(folder)
    for b in range(batches):  # several bulk loads, as a build writes them
        graphs, data = _nquads(b)
        store.replace_nquads(graphs, data, atomic=False)
        store.flush()
    return store


def test_rewrite_keeps_every_quad_in_fewer_bytes(tmp_path):
    store = _written(tmp_path / "store")
    before_quads = set(store._ox)
    before, after = store.rewrite()
    assert set(store._ox) == before_quads and len(store) == 12 * 400
    assert after < before, (before, after)
    assert not any(p.exists() for p in _siblings(tmp_path / "store"))
    graphs, data = _nquads(99)  # the store is open for writing again
    store.replace_nquads(graphs, data)
    assert len(store) == 13 * 400
    store.close()


def test_a_crash_between_the_renames_brings_the_old_store_back(tmp_path):
    folder = tmp_path / "store"
    _written(folder, batches=2).close()
    copy, old = _siblings(folder)
    folder.rename(old)  # the old store moved away ...
    copy.mkdir()
    (copy / "half-written.sst").write_bytes(b"x")  # ... the copy not in place yet
    store = OxigraphGraphStore(folder)
    assert len(store) == 2 * 400
    assert not copy.exists() and not old.exists()
    store.close()


def test_a_crash_after_the_swap_removes_the_old_store(tmp_path):
    folder = tmp_path / "store"
    _written(folder, batches=1).close()
    copy, old = _siblings(folder)
    _written(old, batches=2).close()  # the old store, not deleted yet
    store = OxigraphGraphStore(folder)
    assert len(store) == 400 and not old.exists()
    assert _folder_bytes(folder) > 0
    store.close()


def test_a_failed_swap_leaves_the_old_store_open_and_whole(tmp_path, monkeypatch):
    import pytest

    folder = tmp_path / "store"
    store = _written(folder, batches=2)
    rename = Path.rename

    failed = []

    def failing(self, target):
        if Path(target) == folder and not failed:  # the copy cannot take the store's name (once)
            failed.append(self)
            raise OSError("input/output error")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError):
        store.rewrite()
    monkeypatch.undo()
    assert failed == [_siblings(folder)[0]]
    assert len(store) == 2 * 400  # reopened: the old store, back in its place
    assert not any(p.exists() for p in _siblings(folder))
    store.close()


def test_a_file_deleted_while_the_folder_is_counted_counts_nothing(tmp_path, monkeypatch):
    # RocksDB compacts an open store in the background: an SST file listed may be gone at its stat
    from pathlib import Path

    from geokg.graph.store.embedded import _folder_bytes

    (tmp_path / "kept.sst").write_bytes(b"x" * 10)
    (tmp_path / "gone.sst").write_bytes(b"x" * 7)
    stat, seen = Path.stat, []

    def vanishing(self, *args, **kwargs):  # there at the listing and is_file(), gone at the next stat
        if self.name == "gone.sst":
            seen.append(self)
            if len(seen) > 1:
                raise FileNotFoundError(str(self))
        return stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", vanishing)
    assert _folder_bytes(tmp_path) == 10


def _spooled(folder: Path, monkeypatch) -> tuple[OxigraphGraphStore, list[bool]]:
    """A store with a blank-node graph written before its spool starts, then batches spooled;
    the list gets what each rewrite's spool load returned."""
    from rdflib import BNode, Literal, URIRef

    store = OxigraphGraphStore(folder)
    node = BNode("list1")  # blank nodes before the spool: copied from the store with their labels
    store.replace_graphs({URIRef("urn:vocabulary"): [(URIRef("urn:a"), URIRef("urn:p"), node),
                                                     (node, URIRef("urn:q"), Literal("x"))]})
    store.start_spool()
    for b in range(3):
        graphs, data = _nquads(b)
        store.replace_nquads(graphs, data, atomic=b == 0)  # transactions and bulk loads alike
    spooled = []
    load = OxigraphGraphStore._rewrite_from_spool

    def spy(self, copy):
        spooled.append(load(self, copy))
        return spooled[-1]

    monkeypatch.setattr(OxigraphGraphStore, "_rewrite_from_spool", spy)
    return store, spooled


def test_a_rewrite_loads_the_spool_and_the_graphs_before_it(tmp_path, monkeypatch):
    from geokg.graph.store.embedded import _spool_path

    store, spooled = _spooled(tmp_path / "store", monkeypatch)
    assert _spool_path(tmp_path / "store").stat().st_size > 0
    quads = set(store._ox)
    store.rewrite()
    assert spooled == [True]
    assert set(store._ox) == quads and len(store) == 3 * 400 + 2  # blank-node labels kept
    assert not _spool_path(tmp_path / "store").exists()
    store.rewrite()  # no spool any more: the store is read back
    assert spooled == [True, False] and set(store._ox) == quads
    store.close()


def test_a_graph_replaced_after_it_was_spooled_makes_the_rewrite_read_the_store(tmp_path, monkeypatch):
    store, spooled = _spooled(tmp_path / "store", monkeypatch)
    graphs, data = _nquads(1, n=10)  # batch 1 again, shorter: the spool holds both versions
    store.replace_nquads(graphs, data, atomic=False)
    store.remove_graph(graphs[0].replace("b1", "b2"))
    quads = set(store._ox)
    store.rewrite()
    assert spooled == [False]
    assert set(store._ox) == quads and len(store) == 400 + 10 + 2
    store.close()


def test_a_write_the_spool_cannot_follow_makes_the_rewrite_read_the_store(tmp_path, monkeypatch):
    from rdflib import BNode, Literal, URIRef

    store, spooled = _spooled(tmp_path / "store", monkeypatch)
    store.replace_graphs({URIRef("urn:late"): [(BNode("b"), URIRef("urn:p"), Literal("y"))]})  # renamed by a load
    store.replace_nquads(["urn:g"], '_:c <urn:p> "z" <urn:g> .\n', atomic=False)
    quads = set(store._ox)
    store.rewrite()
    assert spooled == [False] and set(store._ox) == quads
    store.close()


def test_a_spool_left_by_a_crash_is_deleted_when_the_store_opens(tmp_path):
    from geokg.graph.store.embedded import _spool_path

    store = OxigraphGraphStore(tmp_path / "store")
    store.start_spool()
    graphs, data = _nquads(0)
    store.replace_nquads(graphs, data)
    store._spool._file.flush()  # a crash: the store not closed, the spool still there
    spool = _spool_path(tmp_path / "store")
    assert spool.stat().st_size > 0
    store._ox.flush()
    del store._ox
    store._spool = None
    again = OxigraphGraphStore(tmp_path / "store")
    assert not spool.exists() and len(again) == 400
    again.start_spool()
    again.close()  # closing drops the spool too
    assert not spool.exists()


def test_a_spool_that_does_not_parse_makes_the_rewrite_read_the_store(tmp_path, monkeypatch):
    from geokg.graph.store.embedded import _spool_path

    store, spooled = _spooled(tmp_path / "store", monkeypatch)
    store._spool._file.write("<urn:broken\n")  # damaged on disk after the loads
    quads = set(store._ox)
    store.rewrite()
    assert spooled == [False] and set(store._ox) == quads
    assert not _spool_path(tmp_path / "store").exists() and not _siblings(tmp_path / "store")[0].exists()
    store.close()
