"""Readers of a store that an ingest may be writing: the store itself, or its newest snapshot.

The protocol (locks, snapshots, who waits for whom) is described in
:mod:`geokg.graph.store.snapshot`.  :func:`open_reader` opens a store for reading
(``open_store(path, read_only=True)`` calls it); :class:`LiveReader` serves
long-lived readers (``geokg serve``); :func:`reading_note` says, for people,
when what is read is a running ingest's snapshot.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from geokg.graph.store import open_store
>>> tmp = Path(tempfile.mkdtemp())
>>> open_store(tmp / "store").close()
>>> with open_reader(tmp / "store") as st:
...     st.snapshot is None, reading_note(st) is None
(True, True)
>>> import shutil; shutil.rmtree(tmp)
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import IO, Any

import geokg.graph.store.snapshot as proto
from geokg.graph.store.base import StoreError, StoreLockedError
from geokg.graph.store.embedded import OxigraphGraphStore
from geokg.graph.store.snapshot import (
    SnapshotInfo,
    collect_snapshots,
    latest_snapshot,
    snapshots_dir,
)

__all__ = ["DEFAULT_READER_WAIT", "StoreBusyError", "ReadOnlyStore", "open_reader", "LiveReader", "reading_note"]

#: Seconds a reader waits for a starting writer's first snapshot.
DEFAULT_READER_WAIT = 10.0

_ARTICLE_PREFIX = "https://w3id.org/geokg/id/article/"


class StoreBusyError(StoreLockedError):
    """An ingest is writing the store and has not published a snapshot yet."""


class ReadOnlyStore(OxigraphGraphStore):
    """A store opened read-only through the access protocol (see :func:`open_reader`).

    ``location`` is the store asked for; ``snapshot`` is the snapshot read
    (``None``: the store itself).  :meth:`close` releases the lock that keeps
    a writer out (or the snapshot in place); closing the process does too.
    """

    def __init__(
        self,
        location: str | os.PathLike[str],
        *,
        snapshot: SnapshotInfo | None = None,
        lock: IO[bytes] | None = None,
    ) -> None:
        super().__init__(snapshot.path if snapshot is not None else location, read_only=True)
        self.location = str(location)
        self.snapshot = snapshot
        self._lock = lock

    @property
    def pyoxigraph(self) -> Any:
        """The underlying ``pyoxigraph.Store``."""
        return self._ox

    def close(self) -> None:
        """Release the store and its lock, and clean up leftover snapshots when no writer runs: a
        snapshot's reader, and a reader of the store itself (a snapshot read while the writer closed
        stays until a reader closes after it)."""
        try:
            if hasattr(self, "_ox"):
                super().close()
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None
                collect_snapshots(self.location)


def _open_snapshot(location: Path, info: SnapshotInfo) -> ReadOnlyStore | None:
    """Open a snapshot under its shared lock; ``None`` when it was deleted meanwhile."""
    lock_path = info.path.with_name(f"{info.name}.lock")
    lock = proto._lock_file(lock_path, create=False)
    if lock is None:
        return None
    if not proto._try_lock(lock, exclusive=False) or not proto._same_file(lock, lock_path):
        lock.close()
        return None
    try:
        return ReadOnlyStore(location, snapshot=info, lock=lock)
    except BaseException:
        lock.close()
        raise


def open_reader(location: str | os.PathLike[str], *, wait: float = DEFAULT_READER_WAIT) -> ReadOnlyStore:
    """Open a store for reading: the store itself, or while a writer runs its newest snapshot.

    Parameters
    ----------
    location
        The store's folder.
    wait
        Seconds to wait for a starting writer's first snapshot.

    Raises
    ------
    StoreError
        Not a store, or a corrupt one.
    StoreBusyError
        A writer is running and has published no snapshot within ``wait``.
    """
    primary = Path(location)
    if not (primary / "CURRENT").is_file():
        raise StoreError(f"{location}: not a geokg/Oxigraph store (run 'geokg build' first)")
    if not proto.LOCKING:
        return ReadOnlyStore(primary)
    snaps = snapshots_dir(primary)
    try:
        snaps.mkdir(exist_ok=True)
    except OSError:
        pass
    access = proto._lock_file(snaps / proto.ACCESS_LOCK)
    if access is None:  # no way to lock (read-only media): no geokg writer can lock it either
        return ReadOnlyStore(primary)
    deadline = time.monotonic() + wait
    try:
        while True:
            token = proto._writer_token(snaps)
            if token is None:
                if proto._try_lock(access, exclusive=False):
                    store, access = ReadOnlyStore(primary, lock=access), None
                    return store
            elif token:
                info = latest_snapshot(primary, token=token)
                if info is not None:
                    opened = _open_snapshot(primary, info)
                    if opened is not None:
                        return opened
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"{location}: an ingest is writing the store and has not published a snapshot for readers "
                    "yet; retry in a few seconds"
                )
            time.sleep(proto._POLL)
    finally:
        if access is not None:
            access.close()


class LiveReader:
    """A read-only store for long-lived readers (``geokg serve``) that follows writers.

    :meth:`store` gives the store to read now; :meth:`refresh` (call it
    between requests, and when idle) lets go of the store itself as soon as
    a writer waits for it, moves to a writer's newer snapshot, and back to
    the store itself when the writer is done.
    """

    def __init__(self, location: str | os.PathLike[str], *, wait: float = DEFAULT_READER_WAIT) -> None:
        self.location = str(location)
        self.wait = wait
        self._store: ReadOnlyStore | None = None

    def store(self) -> ReadOnlyStore:
        """The store to read now (opened, or switched, as needed)."""
        self.refresh()
        if self._store is None:
            self._store = open_reader(self.location, wait=self.wait)
        return self._store

    def refresh(self) -> None:
        """Follow writers: release, switch or keep the open store."""
        current = self._store
        if current is None or not proto.LOCKING:
            return
        token = proto._writer_token(snapshots_dir(self.location))
        if current.snapshot is None:
            if token is not None:
                self.close()  # a writer waits for the store itself: let it in
            return
        latest = latest_snapshot(self.location, token=token) if token else None
        if latest is not None and latest.name == current.snapshot.name:
            return
        if token is None or latest is not None:  # the writer is done, or has a newer snapshot
            try:
                fresh = open_reader(self.location, wait=0)
            except StoreError:
                return  # keep reading the one we have
            self.close()
            self._store = fresh

    def close(self) -> None:
        """Release the open store, if any."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()


def reading_note(store: Any) -> str | None:
    """A line for people when ``store`` is a running ingest's snapshot, else ``None``.

    Examples
    --------
    >>> reading_note(object()) is None
    True
    """
    info = getattr(store, "snapshot", None)
    if info is None:
        return None
    articles = sum(1 for g in store.graphs() if str(g).startswith(_ARTICLE_PREFIX))
    return (f"an ingest is writing {store.location}; reading its snapshot of {info.when()} "
            f"({articles:,} articles)")
