"""What ``geokg watch`` remembers between cycles and across restarts.

:class:`WatchState` is one JSON file (``watch-state.json`` in the output
folder), always replaced atomically (written to a temporary file, fsynced,
then ``os.replace``), so a kill leaves either the old or the new state:

``feeds``
    per feed URL: ``etag`` / ``last_modified`` (conditional GET), ``failures``
    in a row, ``retry_at`` (epoch seconds; exponential backoff) and ``error``.
``seen``
    per canonical URL: ``status`` (``ingested``, ``duplicate``, ``failed``),
    the ``article`` it became or duplicates, and the ``feeds`` that listed it.
``hashes``
    content hash of an article's words -> article id.
``articles``
    per stored article id: its canonical ``url``, MinHash ``signature`` and
    ``sources`` (``[url, publisher]`` pairs: the syndicated copies).
``retries``
    per canonical URL that failed for a passing reason: ``attempts``, ``reason``.

A cycle's decisions are first written as a *pending* file
(``watch-pending.json``: the articles to ingest, the source lists to write
and the state to commit) and only then applied: ingest, write the state,
delete the pending file.  A watch that starts and finds a pending file applies
it again first; the build journal makes the re-ingest idempotent.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / STATE_NAME
>>> state = WatchState.load(path)
>>> state.seen["https://w.test/a"] = {"status": "ingested", "article": "a1", "feeds": ["f"]}
>>> state.save(path)
>>> WatchState.load(path).seen["https://w.test/a"]["article"]
'a1'
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "LOG_NAME",
    "PENDING_NAME",
    "STATE_NAME",
    "STATE_VERSION",
    "StateError",
    "WatchState",
    "atomic_write",
    "read_pending",
]

#: File names in the output folder.
STATE_NAME = "watch-state.json"
PENDING_NAME = "watch-pending.json"
LOG_NAME = "watch-log.jsonl"
#: Format version written in the state file.
STATE_VERSION = 1


class StateError(ValueError):
    """A state or pending file that cannot be read; the message names it."""


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: temporary file, fsync, ``os.replace``, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StateError(f"{path}: cannot read ({exc})") from None


@dataclass
class WatchState:
    """The watch's memory (see the module docstring)."""

    cycle: int = 0
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    retries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Any, *, origin: str = "state") -> WatchState:
        """The state in ``data`` (as :meth:`to_dict` wrote it).

        Raises
        ------
        StateError
            When ``data`` is not a watch state of this version.
        """
        if not isinstance(data, dict) or data.get("geokg-watch") != STATE_VERSION:
            raise StateError(f"{origin}: not a geokg watch state (version {STATE_VERSION})")
        try:
            return cls(
                cycle=int(data.get("cycle", 0)),
                **{k: dict(data.get(k) or {}) for k in ("feeds", "seen", "hashes", "articles", "retries")},
            )
        except (TypeError, ValueError) as exc:
            raise StateError(f"{origin}: malformed watch state ({exc})") from None

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-ready data."""
        return {"geokg-watch": STATE_VERSION, **asdict(self)}

    def copy(self) -> WatchState:
        """A deep copy (a cycle works on a copy and commits it at the end)."""
        return copy.deepcopy(self)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> WatchState:
        """The state in ``path``; an empty state when the file does not exist.

        Raises
        ------
        StateError
            When the file exists but is not a watch state.
        """
        p = Path(path)
        data = _read_json(p)
        return cls() if data is None else cls.from_dict(data, origin=str(p))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Replace ``path`` atomically with this state."""
        atomic_write(Path(path), json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True))


def read_pending(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The pending cycle in ``path`` (``None`` when there is none).

    Raises
    ------
    StateError
        When the file is not a pending cycle.
    """
    p = Path(path)
    data = _read_json(p)
    if data is None:
        return None
    if not isinstance(data, dict) or not {"articles", "sources", "state", "log"} <= set(data):
        raise StateError(f"{p}: not a geokg watch pending cycle")
    WatchState.from_dict(data["state"], origin=str(p))
    return data
