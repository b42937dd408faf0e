"""The watch loop: a cycle every ``every`` seconds until stopped; SIGTERM stops it cleanly.

SIGTERM (and Ctrl-C) raise :class:`WatchStopped` wherever the loop is: while
it sleeps it just ends; in a cycle the cycle is abandoned at once.  Nothing is
lost either way: a cycle's decisions are applied from its pending file, and
the next start applies a pending file that is left (see
:mod:`geokg.graph.watch.cycle`).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokg.graph.watch.cycle import CycleReport, Watcher, WatchOptions

if TYPE_CHECKING:  # pragma: no cover
    from geokg.ingest.pipeline import Pipeline

__all__ = ["WatchStopped", "stop_on_sigterm", "watch"]


class WatchStopped(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM (a ``KeyboardInterrupt``, so ``except Exception`` lets it pass)."""


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into :class:`WatchStopped` in the main thread while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise WatchStopped(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def watch(
    sources: list[str],
    out: str | Path,
    *,
    every: float = 900.0,
    once: bool = False,
    options: WatchOptions = WatchOptions(),
    pipeline: Pipeline | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
    on_cycle: Callable[[CycleReport], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    cycles: int | None = None,
) -> list[CycleReport]:
    """Poll ``sources`` into ``out``: one cycle with ``once``, else one every ``every`` seconds.

    A cycle that fails as a whole (the store locked by another writer, a full
    disk) is reported to ``on_error`` (re-raised with ``once``) and tried again
    next time; its articles are not lost (its pending file stays).
    ``cycles`` stops after that many cycles (tests).  Returns the reports.

    Examples
    --------
    >>> import tempfile
    >>> reports = watch(["missing-list.txt"], tempfile.mkdtemp(), once=True)
    >>> reports[0].failures[0]["reason"]
    'no such file or directory'
    """
    watcher = Watcher(sources, out, options=options, pipeline=pipeline, pipeline_factory=pipeline_factory)
    reports: list[CycleReport] = []
    with stop_on_sigterm():
        while True:
            started = time.monotonic()
            try:
                report = watcher.cycle()
            except Exception as exc:
                if once or on_error is None:
                    raise
                on_error(exc)
            else:
                reports.append(report)
                if on_cycle is not None:
                    on_cycle(report)
            if once or (cycles is not None and len(reports) >= cycles):
                return reports
            time.sleep(max(0.0, every - (time.monotonic() - started)))
