"""Consistent reads while an ingest writes: store snapshots and an access protocol.

Oxigraph (RocksDB) lets one process write a store, and opening a store
read-only while another process writes it is undefined behaviour.  So geokg
readers never open a store that is being written:

* A **writer** (``geokg build``, ``geokg remove``, a writable ``geokg serve``)
  takes the store's writer locks *before* it opens the store
  (:meth:`SnapshotPublisher.open`).  While it writes it publishes
  **snapshots**: RocksDB checkpoints made by ``Store.backup`` (hard links to
  the immutable SST files; a few ms after bulk loads, about 0.1-0.3 s after
  transactions, whose write buffer it flushes) in ``<store>.snapshots/NNNNNN/``.
  A build publishes one when it starts, then at most one every ``interval``
  seconds and only between committed batches (so a snapshot holds whole
  articles), and one when the ingest is done.  ``<store>.snapshots/latest.json``
  names the newest; it is replaced atomically (``os.replace``).
* A **reader** (:func:`geokg.graph.store.reader.open_reader`, which
  ``open_store(path, read_only=True)`` uses) reads the store itself when no writer is around, holding a shared
  lock that keeps writers out while it is open.  When a writer is around it
  reads the newest snapshot, holding that snapshot's lock so it is not
  deleted under it.  ``store.snapshot`` says which (``None``: the store
  itself); ``reading_note`` words it for people.  Long-lived readers use a
  ``LiveReader``, which lets go of the store itself when a writer waits.
* The writer deletes the older snapshots nobody reads after each publish,
  and all of them when it ends (readers then read the store itself again).
  A snapshot left by a killed writer, or one a reader still had open when
  the writer ended, is deleted by the next writer, or by a reader closing it.

Lock files (``fcntl.flock``: released by the kernel when a process dies), in
``<store>.snapshots/``:

``writer.lock``
    exclusive by a writer from start to end (and briefly by whoever cleans
    up); readers probe it to learn whether a writer is around.  It holds the
    writer's run token, which ``latest.json`` repeats, so a pointer left by a
    killed writer is never mistaken for the running writer's.
``access.lock``
    exclusive by the writer while it has the store open; shared by readers of
    the store itself.
``NNNNNN.lock``
    shared by readers of snapshot ``NNNNNN``; a snapshot is deleted only
    under an exclusive lock.

Waiting: a writer waits up to ``wait`` seconds (default 60) for readers of the
store itself to close it (short commands end soon; ``geokg serve`` lets go as
soon as it sees a writer), then fails with :class:`StoreLockedError`.  A
reader that finds a writer but no snapshot yet (the writer is starting) waits
up to ``wait`` seconds (default 10) for the first one, then fails with
``StoreBusyError`` ("retry in a few seconds").

A snapshot is as old as its time says (``interval`` seconds at most, plus
the batch being written): readers never see a half-written article, but they
do not see the articles committed since.

Platforms without ``fcntl`` (Windows) get no locks and no snapshots: readers
open the store read-only as before, which is unsafe while an ingest runs.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from rdflib import Literal, URIRef
>>> from geokg.graph.store.reader import open_reader
>>> tmp = Path(tempfile.mkdtemp())
>>> publisher = SnapshotPublisher(tmp / "store", interval=0)
>>> store = publisher.open()
>>> store.replace_graphs({URIRef("urn:a"): [(URIRef("urn:s"), URIRef("urn:p"), Literal("v1"))]})
>>> info = publisher.publish()
>>> store.replace_graphs({URIRef("urn:a"): [(URIRef("urn:s"), URIRef("urn:p"), Literal("v2"))]})
>>> reader = open_reader(tmp / "store")     # a writer is around: the newest snapshot
>>> reader.snapshot == info, [str(r[0]) for r in reader.query("SELECT ?o { ?s ?p ?o }")]
(True, ['v1'])
>>> reader.close(); store.close(); publisher.close()
>>> reader = open_reader(tmp / "store")     # no writer: the store itself
>>> reader.snapshot is None, [str(r[0]) for r in reader.query("SELECT ?o { ?s ?p ?o }")]
(True, ['v2'])
>>> reader.close()
>>> import shutil; shutil.rmtree(tmp)
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import time
import uuid
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from geokg.graph.store.base import StoreError, StoreLockedError
from geokg.graph.store.embedded import OxigraphGraphStore

try:
    import fcntl
except ImportError:  # Windows: no flock; see the module notes
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LOCKING",
    "DEFAULT_SNAPSHOT_INTERVAL",
    "DEFAULT_WRITER_WAIT",
    "SnapshotInfo",
    "SnapshotPublisher",
    "latest_snapshot",
    "collect_snapshots",
    "snapshots_dir",
]

#: Whether this platform has the locks the protocol needs (``fcntl.flock``).
LOCKING = fcntl is not None
#: Seconds between two snapshots of a running build, at least.
DEFAULT_SNAPSHOT_INTERVAL = 3.0
#: Seconds a writer waits for readers of the store itself to close it.
DEFAULT_WRITER_WAIT = 60.0

WRITER_LOCK = "writer.lock"
ACCESS_LOCK = "access.lock"
POINTER = "latest.json"
_NAME = re.compile(r"^(\d{6,})(?:\.lock)?$")
#: A writer retries its lock this long: readers probe it for microseconds.
_WRITER_GRACE = 2.0
_POLL = 0.05


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One published snapshot: where it is, when it was taken, by which writer run."""

    seq: int
    path: Path
    created: float
    token: str

    @property
    def name(self) -> str:
        """The snapshot's folder name (``NNNNNN``)."""
        return f"{self.seq:06d}"

    def when(self) -> str:
        """Local time of day it was taken (``HH:MM:SS``).

        Examples
        --------
        >>> len(SnapshotInfo(1, Path("x"), time.time(), "t").when())
        8
        """
        return time.strftime("%H:%M:%S", time.localtime(self.created))


def snapshots_dir(location: str | os.PathLike[str]) -> Path:
    """The folder beside a store that holds its locks and snapshots.

    Examples
    --------
    >>> snapshots_dir("/data/out/store").as_posix()
    '/data/out/store.snapshots'
    """
    path = Path(os.path.abspath(location))
    return path.with_name(path.name + ".snapshots")


# --------------------------------------------------------------------------- #
# Lock files


def _lock_file(path: Path, *, create: bool = True) -> IO[bytes] | None:
    """Open a lock file (``None`` when it is missing, or cannot be created)."""
    try:
        return os.fdopen(os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o666), "r+b")
    except FileNotFoundError:  # not there (create=False), or its folder is gone
        return None
    except PermissionError:
        try:
            return open(path, "rb")  # flock needs no write access
        except OSError:
            return None


def _try_lock(fh: IO[bytes], *, exclusive: bool) -> bool:
    assert fcntl is not None
    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _wait_lock(fh: IO[bytes], *, exclusive: bool, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not _try_lock(fh, exclusive=exclusive):
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL / 5)
    return True


def _same_file(fh: IO[bytes], path: Path) -> bool:
    """Whether ``path`` still names the file ``fh`` has open (not deleted meanwhile)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    fs = os.fstat(fh.fileno())
    return (st.st_ino, st.st_dev) == (fs.st_ino, fs.st_dev)


def _writer_token(snaps: Path) -> str | None:
    """The running writer's token (``""`` while unknown), or ``None`` when no writer is around."""
    fh = _lock_file(snaps / WRITER_LOCK, create=False)
    if fh is None:
        return None
    with fh:
        if _try_lock(fh, exclusive=False):
            return None  # nobody holds it exclusively (closing fh drops our probe)
        fh.seek(0)
        return fh.read(200).decode("ascii", "replace").strip()


def _set_token(fh: IO[bytes], token: str) -> None:
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(token.encode("ascii"))
        fh.flush()
    except OSError:  # a read-only lock file: readers then wait for a pointer that matches
        pass


# --------------------------------------------------------------------------- #
# Snapshots on disk


def _names(snaps: Path) -> set[str]:
    try:
        entries = os.listdir(snaps)
    except FileNotFoundError:
        return set()
    return {m.group(1) for m in map(_NAME.match, entries) if m}


def latest_snapshot(location: str | os.PathLike[str], *, token: str | None = None) -> SnapshotInfo | None:
    """The newest published snapshot of a store (``None``: none, or not ``token``'s writer's)."""
    snaps = snapshots_dir(location)
    try:
        data = json.loads((snaps / POINTER).read_text(encoding="utf-8"))
        info = SnapshotInfo(int(data["seq"]), snaps / f"{int(data['seq']):06d}", float(data["created"]),
                            str(data["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if token is not None and info.token != token:
        return None
    return info


def _write_pointer(snaps: Path, info: SnapshotInfo) -> None:
    tmp = snaps / f".{POINTER}.{info.token}.tmp"
    tmp.write_text(json.dumps({"seq": info.seq, "created": info.created, "token": info.token}), encoding="utf-8")
    os.replace(tmp, snaps / POINTER)  # readers see the old pointer or the new one, never a mix


def _delete_unused(snaps: Path, keep: Iterable[str] = ()) -> list[str]:
    """Delete the snapshots (and stray files) no reader has open, but ``keep``.

    The caller holds ``writer.lock`` exclusively.  Returns the names deleted.
    """
    kept = set(keep)
    if not kept:
        (snaps / POINTER).unlink(missing_ok=True)
    for stray in snaps.glob(f".{POINTER}.*.tmp"):
        stray.unlink(missing_ok=True)
    deleted = []
    for name in sorted(_names(snaps) - kept):
        lock_path = snaps / f"{name}.lock"
        fh = _lock_file(lock_path)
        if fh is None:
            continue
        with fh:
            if not _try_lock(fh, exclusive=True):
                continue  # a reader has it open
            lock_path.unlink(missing_ok=True)  # first: a reader that opened it now sees it gone
            shutil.rmtree(snaps / name, ignore_errors=True)
            deleted.append(name)
    return deleted


def collect_snapshots(location: str | os.PathLike[str]) -> list[str]:
    """Delete a store's leftover snapshots when no writer is around; the names deleted.

    Best effort (nothing happens without write access, or while a writer
    runs); readers call it when they close a snapshot.
    """
    snaps = snapshots_dir(location)
    if not LOCKING or not snaps.is_dir():
        return []
    fh = _lock_file(snaps / WRITER_LOCK)
    if fh is None:
        return []
    with fh:
        if not _try_lock(fh, exclusive=True):
            return []
        _set_token(fh, "")
        try:
            return _delete_unused(snaps)
        except OSError:
            return []


# --------------------------------------------------------------------------- #
# Writer side


class SnapshotPublisher:
    """The writer's side: its locks, and the snapshots it publishes for readers.

    Parameters
    ----------
    location
        The store's folder.
    interval
        Seconds between two snapshots at least (:meth:`committed`).
    wait
        Seconds :meth:`open` waits for readers of the store itself to close it.
    clock
        Monotonic clock (tests).

    Call :meth:`open` to take the locks and open the store, :meth:`publish`
    (or the rate-limited :meth:`committed`) when the store holds whole
    articles only, close the store, then :meth:`close`.
    """

    def __init__(
        self,
        location: str | os.PathLike[str],
        *,
        interval: float = DEFAULT_SNAPSHOT_INTERVAL,
        wait: float = DEFAULT_WRITER_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.location = Path(location)
        self.dir = snapshots_dir(location)
        self.interval = interval
        self.wait = wait
        self.clock = clock
        self.token = uuid.uuid4().hex
        self.store: OxigraphGraphStore | None = None
        self.latest: SnapshotInfo | None = None
        self.published = 0
        self._locks: list[IO[bytes]] = []
        self._last = -math.inf
        self._seq = 1

    def acquire(self) -> None:
        """Take the writer locks (before the store is opened for writing).

        Raises
        ------
        StoreLockedError
            Another geokg writer has the store, or readers keep it open for
            longer than ``wait`` seconds.
        """
        if not LOCKING or self._locks:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.location}: cannot create {self.dir} for the store's locks ({exc})") from None
        writer = _lock_file(self.dir / WRITER_LOCK)
        if writer is None:
            raise StoreError(f"{self.location}: cannot create the lock file {self.dir / WRITER_LOCK}")
        if not _wait_lock(writer, exclusive=True, seconds=_WRITER_GRACE):
            writer.close()
            raise StoreLockedError(
                f"{self.location}: the store is in use by another geokg process (a build or another writer "
                "has it); wait for it to finish"
            )
        self._locks.append(writer)
        _set_token(writer, self.token)
        try:
            _delete_unused(self.dir)  # what a killed writer left, and its pointer
            access = _lock_file(self.dir / ACCESS_LOCK)
            if access is None or not _wait_lock(access, exclusive=True, seconds=self.wait):
                if access is not None:
                    access.close()
                raise StoreLockedError(
                    f"{self.location}: readers still have the store open (geokg query, export, stats or serve); "
                    f"waited {self.wait:g} s for them to close it: stop them, then retry"
                )
            self._locks.append(access)
            self._seq = max((int(n) for n in _names(self.dir)), default=0) + 1
        except BaseException:
            self._release()
            raise

    def open(self) -> OxigraphGraphStore:
        """Take the writer locks, then open the store for writing (created when missing)."""
        self.acquire()
        try:
            self.store = OxigraphGraphStore(self.location)
        except BaseException:
            self._release()
            raise
        return self.store

    def publish(self) -> SnapshotInfo | None:
        """Snapshot the store now and point readers to it (``None`` without locking).

        Call it only when the store holds whole articles (between batches).
        """
        if not LOCKING or self.store is None or not self._locks:
            return None
        name = f"{self._seq:06d}"
        self._seq += 1
        lock = _lock_file(self.dir / f"{name}.lock")  # exists before the snapshot: readers lock it
        if lock is None:
            raise StoreError(f"{self.location}: cannot create {self.dir / name}.lock")
        lock.close()
        target = self.dir / name
        try:
            self.store._ox.backup(str(target))  # a RocksDB checkpoint: hard links to the SST files
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            (self.dir / f"{name}.lock").unlink(missing_ok=True)
            raise StoreError(f"{self.location}: cannot snapshot the store into {target} ({exc})") from None
        info = SnapshotInfo(int(name), target, time.time(), self.token)
        _write_pointer(self.dir, info)
        self.latest = info
        self.published += 1
        self._last = self.clock()
        _delete_unused(self.dir, keep=[name])
        return info

    def committed(self, *_batch: Any, force: bool = False) -> None:
        """After a committed batch: publish when ``interval`` seconds have passed since the last one.

        Meant as :class:`~geokg.graph.builder.parallel.GraphWriter`'s ``on_commit``;
        ``force`` publishes now.  A snapshot that fails (disk full) is warned
        about and retried after ``interval``; readers keep the previous one
        meanwhile.
        """
        if not force and self.clock() - self._last < self.interval:
            return
        try:
            self.publish()
        except (OSError, StoreError) as exc:
            self._last = self.clock()
            warnings.warn(f"no snapshot for readers: {exc}", RuntimeWarning, stacklevel=2)

    def close(self) -> None:
        """Delete the snapshots nobody reads and release the locks.

        Close the store first: readers read the store itself as soon as the
        locks are gone.
        """
        if not self._locks:
            return
        try:
            _delete_unused(self.dir)
        except OSError:
            pass  # leftovers are deleted by the next writer or reader
        finally:
            self._release()

    def _release(self) -> None:
        for fh in reversed(self._locks):  # access.lock first, writer.lock last
            fh.close()
        self._locks.clear()

    def __enter__(self) -> "SnapshotPublisher":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None and hasattr(self.store, "_ox"):
            self.store.close()
        self.close()
