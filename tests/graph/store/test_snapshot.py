"""Readers while an ingest writes: snapshots, the lock protocol, and a real concurrent build."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import geokg.graph.store.reader as reader_mod
import geokg.graph.store.snapshot as snap
import pytest
from geokg.graph.builder.parallel import ArticleOutput, GraphWriter
from geokg.graph.cli import app
from geokg.graph.store import StoreLockedError, open_store
from geokg.graph.store.reader import LiveReader, StoreBusyError, open_reader
from geokg.graph.store.snapshot import SnapshotPublisher, latest_snapshot, snapshots_dir
from rdflib import Literal, URIRef
from typer.testing import CliRunner

pytestmark = pytest.mark.skipif(not snap.LOCKING, reason="no fcntl.flock on this platform")

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "examples" / "articles"
ARTICLE = "https://w3id.org/geokg/id/article/"
VOCABULARY = "https://w3id.org/geokg/id/graph/vocabulary"
S, P = URIRef("urn:s"), URIRef("urn:p")
G = URIRef(ARTICLE + "a")
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _values(store) -> list[str]:
    return sorted(str(r[0]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }"))


def _write(store, value: str) -> None:
    store.replace_graphs({G: [(S, P, Literal(value))]})


def _snapshot_names(location) -> set[str]:
    d = snapshots_dir(location)
    return {n for n in os.listdir(d) if re.fullmatch(r"\d{6}", n)} if d.is_dir() else set()


@pytest.fixture()
def loc(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as st:
        _write(st, "v0")
    return path


@pytest.fixture()
def fast_grace(monkeypatch):
    monkeypatch.setattr(snap, "_WRITER_GRACE", 0.1)


# --------------------------------------------------------------------------- #
# The protocol, in one process (flock locks are per open file, so this is real locking)


def test_no_writer_reads_the_store_itself(loc):
    with open_store(loc, read_only=True) as st:
        assert st.snapshot is None and _values(st) == ["v0"]
        assert reader_mod.reading_note(st) is None


def test_a_snapshot_a_writer_left_is_deleted_when_a_reader_of_the_store_itself_closes(loc, monkeypatch):
    # a reader that closed its snapshot while the writer still held its lock could not delete it, and the writer
    # kept it as in use: the next reader deletes it, also one that reads the store itself
    pub = SnapshotPublisher(loc, interval=0)
    store = pub.open()
    _write(store, "v1")
    pub.publish()
    store.close()
    monkeypatch.setattr(snap, "_delete_unused", lambda *a, **k: [])  # the writer's cleanup finds it in use
    pub.close()
    monkeypatch.undo()
    assert _snapshot_names(loc)  # left behind
    with open_store(loc, read_only=True) as st:
        assert st.snapshot is None and _values(st) == ["v1"]
    assert _snapshot_names(loc) == set()


def test_reader_gets_the_newest_snapshot_while_a_writer_holds_the_store(loc):
    pub = SnapshotPublisher(loc, interval=0)
    store = pub.open()
    try:
        _write(store, "v1")
        first = pub.publish()
        _write(store, "v2")  # committed, not yet published
        with open_store(loc, read_only=True) as reader:
            assert reader.snapshot == first and _values(reader) == ["v1"]
            assert reader.location == str(loc)
            note = reader_mod.reading_note(reader)
            assert note and "reading its snapshot of" in note and "(1 articles)" in note
            second = pub.publish()
            assert second.seq > first.seq
            with open_store(loc, read_only=True) as newer:
                assert newer.snapshot == second and _values(newer) == ["v2"]
            assert _values(reader) == ["v1"]  # an open snapshot does not change under its reader
    finally:
        store.close()
        pub.close()
    assert _snapshot_names(loc) == set() and latest_snapshot(loc) is None
    with open_store(loc, read_only=True) as st:
        assert st.snapshot is None and _values(st) == ["v2"]


def test_no_snapshot_yet_waits_then_gives_a_clear_error(loc):
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="has not published a snapshot for readers yet; retry") as info:
            open_reader(loc, wait=0.3)
        assert time.monotonic() - started >= 0.3
        assert str(loc) in str(info.value)
        # A reader waiting for the first snapshot gets it as soon as it is published.
        threading.Timer(0.2, pub.publish).start()
        with open_reader(loc, wait=5) as reader:
            assert reader.snapshot is not None and _values(reader) == ["v0"]
    finally:
        store.close()
        pub.close()


def test_gc_never_deletes_a_snapshot_in_use(loc):
    pub = SnapshotPublisher(loc, interval=0)
    store = pub.open()
    try:
        _write(store, "s1")
        s1 = pub.publish()
        held = open_reader(loc)
        assert held.snapshot == s1
        _write(store, "s2")
        s2 = pub.publish()
        _write(store, "s3")
        s3 = pub.publish()
        # s2 nobody reads: gone; s1 is read: kept, and still answers.
        assert _snapshot_names(loc) == {s1.name, s3.name} and s2.name not in {s1.name, s3.name}
        assert _values(held) == ["s1"] and len(held) == 1
        held.close()  # the writer still runs: the reader cannot clean up, the next publish does
        assert s1.name in _snapshot_names(loc)
        s4 = pub.publish()
        assert _snapshot_names(loc) == {s4.name}
        last = open_reader(loc)
        assert last.snapshot == s4
    finally:
        store.close()
        pub.close()
    assert _snapshot_names(loc) == {s4.name}  # still read when the writer ended
    assert _values(last) == ["s3"]
    last.close()  # no writer now: the last reader cleans up
    assert _snapshot_names(loc) == set() and latest_snapshot(loc) is None


def test_committed_is_rate_limited(loc):
    now = [0.0]
    pub = SnapshotPublisher(loc, interval=2.0, clock=lambda: now[0])
    store = pub.open()
    try:
        pub.committed(["batch"])
        pub.committed(["batch"])
        now[0] = 1.9
        pub.committed(["batch"])
        assert pub.published == 1
        now[0] = 2.0
        pub.committed(["batch"])
        assert pub.published == 2
        pub.committed(force=True)
        assert pub.published == 3
    finally:
        store.close()
        pub.close()


def test_second_writer_is_refused_clearly(loc, fast_grace):
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        with pytest.raises(StoreLockedError, match="in use by another geokg process") as info:
            SnapshotPublisher(loc).open()
        assert str(loc) in str(info.value)
    finally:
        store.close()
        pub.close()


def test_writer_waits_for_readers_of_the_store_itself(loc):
    reader = open_reader(loc)
    assert reader.snapshot is None
    with pytest.raises(StoreLockedError, match="readers still have the store open") as info:
        SnapshotPublisher(loc, wait=0.3).open()
    assert str(loc) in str(info.value)
    # While the writer waits, new readers do not take the store itself: they wait for a snapshot.
    threading.Timer(0.3, reader.close).start()
    pub = SnapshotPublisher(loc, wait=10)
    store = pub.open()  # gets in once the reader closed
    try:
        assert not hasattr(reader, "_ox")
        with pytest.raises(StoreBusyError):
            open_reader(loc, wait=0)
    finally:
        store.close()
        pub.close()


def test_live_reader_lets_a_writer_in_and_follows_its_snapshots(loc):
    live = LiveReader(loc, wait=5)
    assert live.store().snapshot is None
    opened: dict = {}

    def start_writer():
        opened["pub"] = pub = SnapshotPublisher(loc, wait=10, interval=0)
        opened["store"] = pub.open()
        pub.publish()

    writer = threading.Thread(target=start_writer)
    writer.start()
    deadline = time.monotonic() + 10
    while "store" not in opened and time.monotonic() < deadline:
        live.refresh()  # what geokg serve's worker does while idle
        time.sleep(0.05)
    writer.join()
    pub, store = opened["pub"], opened["store"]
    try:
        first = live.store().snapshot
        assert first is not None and _values(live.store()) == ["v0"]
        _write(store, "v1")
        pub.publish()
        assert live.store().snapshot.seq > first.seq and _values(live.store()) == ["v1"]
    finally:
        store.close()
        pub.close()
    assert live.store().snapshot is None and _values(live.store()) == ["v1"]
    live.close()
    assert _snapshot_names(loc) == set()


def test_pointer_update_is_atomic(tmp_path):
    snaps = snapshots_dir(tmp_path / "store")
    snaps.mkdir()
    stop = threading.Event()

    def publish():
        seq = 0
        while not stop.is_set():
            seq += 1
            snap._write_pointer(snaps, snap.SnapshotInfo(seq, snaps / f"{seq:06d}", time.time(), "tok" * 20))

    t = threading.Thread(target=publish)
    t.start()
    seen = []
    try:
        while len(seen) < 3000:
            info = latest_snapshot(tmp_path / "store", token="tok" * 20)
            if info is not None or seen:
                assert info is not None  # once there, never missing nor half-written
                seen.append(info.seq)
    finally:
        stop.set()
        t.join()
    assert seen == sorted(seen) and seen[-1] > seen[0]
    assert [p.name for p in snaps.iterdir()] == ["latest.json"]  # no temp file left behind


def test_pointer_of_another_writer_run_is_ignored(loc):
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        info = pub.publish()
        assert latest_snapshot(loc, token=pub.token) == info
        assert latest_snapshot(loc, token="someone-else") is None
    finally:
        store.close()
        pub.close()


def test_graph_writer_calls_on_commit_after_each_committed_batch(tmp_path):
    calls = []
    with open_store(tmp_path / "store") as st:
        writer = GraphWriter(st, batch_size=2, on_commit=lambda batch: calls.append(
            ([o.article_id for o in batch], sorted(str(g) for g in st.graphs()))))
        for i in range(5):
            writer.add(_output(i, 3))
        writer.close()
    assert [ids for ids, _ in calls] == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    # When it is called, the batch is in the store.
    assert all(all(ARTICLE + a in graphs for a in ids) for ids, graphs in calls)


def test_without_flock_readers_read_the_store_itself(loc, monkeypatch):
    monkeypatch.setattr(snap, "LOCKING", False)
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        assert pub.publish() is None
        assert not snapshots_dir(loc).exists()
    finally:
        store.close()
        pub.close()
    with open_reader(loc) as st:
        assert st.snapshot is None and _values(st) == ["v0"]


def test_module_imports_without_fcntl():
    code = ("import sys; sys.modules['fcntl'] = None; import geokg.graph.store.snapshot as s, geokg.graph.store.reader; "
            "print(s.LOCKING)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- #
# The CLI


def test_cli_query_says_it_reads_a_snapshot(loc):
    runner = CliRunner()
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        pub.publish()
        result = runner.invoke(app, ["query", "SELECT ?o WHERE { ?s ?p ?o }", "--store", str(loc), "-f", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["o", "v0"]
        assert re.search(r"note: an ingest is writing .*store; reading its snapshot of \d\d:\d\d:\d\d \(1 articles\)",
                         result.stderr)
    finally:
        store.close()
        pub.close()
    result = runner.invoke(app, ["stats", "--store", str(loc)])
    assert result.exit_code == 0 and "note:" not in result.stderr


def test_cli_remove_is_a_writer(loc, fast_grace):
    runner = CliRunner()
    pub = SnapshotPublisher(loc)
    store = pub.open()
    try:
        result = runner.invoke(app, ["remove", ARTICLE + "a", "--store", str(loc)])
        assert result.exit_code == 2 and "in use by another geokg process" in result.stderr
    finally:
        store.close()
        pub.close()
    result = runner.invoke(app, ["remove", ARTICLE + "a", "--store", str(loc)])
    assert result.exit_code == 0 and "removed" in result.stdout
    with open_store(loc, read_only=True) as st:
        assert st.graphs() == [] and st.snapshot is None
    assert _snapshot_names(loc) == set()


def test_cli_damaged_store_is_a_message_not_a_traceback(loc):
    (loc / "CURRENT").write_text("MANIFEST-999999\n")
    result = CliRunner().invoke(app, ["query", "ASK {}", "--store", str(loc)])
    assert result.exit_code == 2
    assert "the store is damaged or incomplete" in result.stderr and str(loc) in result.stderr


def _serve_query(server, query: str) -> tuple[int, dict, str]:
    import urllib.error
    import urllib.parse
    import urllib.request

    url = f"{server.url}/query?{urllib.parse.urlencode({'query': query})}"
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def test_serve_lets_a_build_in_and_answers_from_its_snapshots(loc):
    from geokg.graph.serve import ServeConfig, SparqlServer

    q = "SELECT ?o WHERE { ?s ?p ?o }"
    with SparqlServer(ServeConfig(str(loc), port=0, timeout=20)) as server:
        assert _serve_query(server, q)[2].split() == ["o", "v0"]  # its worker has the store itself open
        pub = SnapshotPublisher(loc, wait=10, interval=0)
        started = time.monotonic()
        store = pub.open()  # the idle worker lets go within a second
        try:
            assert time.monotonic() - started < 5
            status, headers, body = _serve_query(server, q)
            assert status == 503 and headers.get("Retry-After") == "2"
            assert "has not published a snapshot" in body
            pub.publish()
            _write(store, "v1")
            assert _serve_query(server, q)[2].split() == ["o", "v0"]  # the snapshot, not the write after it
            pub.publish()
            assert _serve_query(server, q)[2].split() == ["o", "v1"]
        finally:
            store.close()
            pub.close()
        assert _serve_query(server, q)[2].split() == ["o", "v1"]
    assert _snapshot_names(loc) == set()


def test_serve_refuses_a_damaged_store_clearly(loc):
    from geokg.graph.serve import ServeConfig, SparqlServer
    from geokg.graph.store import StoreError

    (loc / "CURRENT").write_text("MANIFEST-999999\n")
    with pytest.raises(StoreError, match="damaged or incomplete"):
        SparqlServer(ServeConfig(str(loc), port=0))


# --------------------------------------------------------------------------- #
# Concurrency: a writer process, readers in this one


def _output(i: int, n: int) -> ArticleOutput:
    g = f"{ARTICLE}a{i}"
    nquads = "".join(f'<urn:a{i}> <urn:p{j}> "v{j}" <{g}> .\n' for j in range(n))
    return ArticleOutput(article_id=f"a{i}", origin=None, graph=g, nquads=nquads, digest="d")


def _size(i: int) -> int:
    return 300 + 97 * (i % 11)


WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from test_snapshot import _output, _size
from geokg.graph.builder.parallel import GraphWriter
from geokg.graph.store.snapshot import SnapshotPublisher
loc, n, atomic = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "atomic"
pub = SnapshotPublisher(loc, interval=0.1)
store = pub.open()
store.replace_nquads(["{vocab}"], '<urn:v> <urn:v> "v" <{vocab}> .\\n')
pub.committed(force=True)
print("ready", flush=True)
writer = GraphWriter(store, batch_size=5, atomic=atomic, on_commit=pub.committed)
for i in range(n):
    writer.add(_output(i, _size(i)))
    time.sleep(0.01)
writer.close()
pub.committed(force=True)
if sys.argv[4] == "hold":
    sys.stdin.readline()
store.close()
pub.close()
"""


def _writer(loc: Path, n: int, mode: str, end: str = "close") -> subprocess.Popen:
    code = WRITER.format(tests=str(Path(__file__).parent), vocab=VOCABULARY)
    proc = subprocess.Popen([sys.executable, "-c", code, str(loc), str(n), mode, end],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def _counts(store) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in store.query(COUNTS)}


class _Reads:
    """Reads while a writer runs: each read's graph sizes must match the final store's."""

    def __init__(self, loc: Path) -> None:
        self.loc = loc
        self.seen: list[tuple[object, dict[str, int]]] = []
        self.busy = 0

    def read(self) -> None:
        try:
            with open_store(self.loc, read_only=True) as st:
                self.seen.append((st.snapshot, _counts(st)))
        except StoreBusyError:
            self.busy += 1

    def check(self, final: dict[str, int]) -> set[str]:
        """Consistency of every read; the article counts seen (for the caller to judge coverage)."""
        previous: set[str] = set()
        sizes = set()
        for info, counts in self.seen:
            assert counts.get(VOCABULARY), "the vocabulary graph is always there"
            for g, n in counts.items():
                assert n == final[g], f"{g}: {n} quads in a read, {final[g]} in the end (half-written)"
            articles = {g for g in counts if g.startswith(ARTICLE)}
            assert previous <= articles, "articles seen never disappear"
            previous = articles
            sizes.add(len(articles))
        return sizes


@pytest.mark.parametrize("mode", ["bulk", "atomic"])
def test_readers_see_whole_batches_while_a_writer_process_writes(tmp_path, mode):
    loc = tmp_path / "store"
    n = 120
    writer = _writer(loc, n, mode)
    reads = _Reads(loc)
    held = open_reader(loc)  # one reader keeps its snapshot for the whole run
    first = _counts(held)
    while writer.poll() is None:
        reads.read()
        time.sleep(0.02)
    assert writer.returncode == 0, writer.stderr.read()
    reads.read()  # after the end: the store itself
    with open_store(loc, read_only=True) as st:
        assert st.snapshot is None
        final = _counts(st)
    assert len([g for g in final if g.startswith(ARTICLE)]) == n
    assert all(final[f"{ARTICLE}a{i}"] == _size(i) for i in range(n))
    sizes = reads.check(final)
    snapshots = {info.seq for info, _ in reads.seen if info is not None}
    assert len(snapshots) >= 3 and len(sizes) >= 3, (snapshots, sizes)  # reads saw the ingest progress
    assert _counts(held) == first and held.snapshot is not None  # its snapshot survived the GC
    held.close()
    assert _snapshot_names(loc) == set()


def test_killed_writer_leaves_readers_the_store_itself(tmp_path, fast_grace):
    loc = tmp_path / "store"
    writer = _writer(loc, 20, "atomic", end="hold")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open_store(loc, read_only=True) as st:
            if len(_counts(st)) == 21:
                break
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert _snapshot_names(loc) and latest_snapshot(loc) is not None  # left behind
    with open_store(loc, read_only=True) as st:  # the kernel dropped the dead writer's locks
        assert st.snapshot is None and len(_counts(st)) == 21
    pub = SnapshotPublisher(loc)
    store = pub.open()  # the next writer deletes what the dead one left
    assert _snapshot_names(loc) == set() and latest_snapshot(loc) is None
    store.close()
    pub.close()


# --------------------------------------------------------------------------- #
# The real thing: `geokg build` in a subprocess, queries from this process


def _corpus(folder: Path, editions: int) -> int:
    """Copies of the sample Markdown articles, each edition a different article (title and URL)."""
    folder.mkdir()
    count = 0
    for k in range(editions):
        for path in sorted(CORPUS.glob("[0-9]*.md")):
            text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} (edition {k})",
                          path.read_text(encoding="utf-8"), count=1, flags=re.M)
            text = re.sub(r"^url: (\S+)$", lambda m: f"url: {m.group(1)}/edition-{k}", text, count=1, flags=re.M)
            (folder / f"{k}-{path.name}").write_text(text, encoding="utf-8")
            count += 1
    return count


@pytest.mark.model
def test_queries_during_geokg_build_see_a_consistent_graph(tmp_path):
    articles = _corpus(tmp_path / "corpus", editions=10)
    out = tmp_path / "out"
    loc = out / "store"
    build = subprocess.Popen(
        [sys.executable, "-m", "geokg.graph.cli", "build", str(tmp_path / "corpus"), "--out", str(out), "--no-html",
         "--store-batch", "16"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    reads = _Reads(loc)
    cli_note = None
    started = time.monotonic()
    try:
        while build.poll() is None and time.monotonic() - started < 240:
            if (loc / "CURRENT").is_file():
                reads.read()
                partial = reads.seen and 0 < sum(g.startswith(ARTICLE) for g in reads.seen[-1][1]) < articles
                if cli_note is None and partial:
                    q = subprocess.run(
                        [sys.executable, "-m", "geokg.graph.cli", "query", "ASK {}", "--store", str(loc)],
                        capture_output=True, text=True, timeout=120,
                    )
                    assert q.returncode == 0, q.stderr
                    cli_note = (q.stderr, build.poll() is None)
            time.sleep(0.3)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.wait() == 0, build.stderr.read()
    reads.read()
    with open_store(loc, read_only=True) as st:
        assert st.snapshot is None
        final = _counts(st)
    assert sum(g.startswith(ARTICLE) for g in final) == articles
    sizes = reads.check(final)
    snapshots = {info.seq for info, _ in reads.seen if info is not None}
    print(f"reads {len(reads.seen)}, snapshots {sorted(snapshots)}, articles seen {sorted(sizes)}, busy {reads.busy}")
    assert len(snapshots) >= 2 and len(sizes) >= 3, (snapshots, sizes, reads.busy)
    assert cli_note is not None
    if cli_note[1]:  # the build still ran when the query ended: it said what it read
        assert "note: an ingest is writing" in cli_note[0], cli_note[0]
    assert _snapshot_names(loc) == set()
