"""A small pool of query worker processes, with admission limits.

Each worker (:mod:`geokg.graph.serve.worker`) runs one query at a time, so a
long query holds one worker until it ends or its ``timeout`` stops it (by
ending that process); the other workers keep answering.  Limits, all
answered with ``("overloaded", reason)`` (HTTP 503 with ``Retry-After``):

* ``per_client`` queries running or waiting per client address, and
  ``max_queries`` in total;
* a query waits at most ``queue_wait`` seconds for a free worker;
* a query running longer than ``nice_after`` seconds gets a lower CPU
  priority (its worker is replaced afterwards); queries running longer than
  ``long_after`` seconds are *long*: each client may have one, and long
  queries may hold at most ``long_slots`` workers — a query that becomes long
  beyond that is stopped, so some workers always stay free for short queries.

Workers are forked from multiprocessing's fork server with pyoxigraph already
imported (a replacement starts in milliseconds, not the second a fresh
interpreter takes); they are started in the background, ahead of need.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from typing import Any

from geokg.graph.serve.config import ServeConfig
from geokg.graph.serve.worker import worker_main

__all__ = ["WorkerPool"]

_PRELOAD = ["pyoxigraph", "geokg.graph.store", "geokg.graph.serve.worker"]
_START_WAIT = 60.0


def _context() -> Any:
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    except ValueError:  # no fork server on this platform
        return mp.get_context("spawn")


class _Worker:
    """One worker process and its pipe."""

    def __init__(self, ctx: Any, config: ServeConfig) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, config.store, config.writable, config.limit),
                                daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.niced = False
        if not self.conn.poll(_START_WAIT) or self.conn.recv()[0] != "ready":
            self.kill()
            raise RuntimeError("a query worker did not start")

    def lower_priority(self) -> None:
        """Let short queries' workers have the CPU first."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, 10)
            self.niced = True
        except (OSError, AttributeError):
            pass

    def kill(self) -> None:
        """End the process (a running query with it)."""
        try:
            self.proc.kill()
            self.proc.join(5)
        except (OSError, ValueError, AttributeError):
            pass
        self.conn.close()


class WorkerPool:
    """Run queries on a pool of worker processes (see the module docstring)."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.size = 1 if config.writable else max(1, config.workers)
        self._ctx = _context()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._count = 0  # workers alive or starting
        self._inflight = 0
        self._clients: Counter[str] = Counter()
        self._long: Counter[str] = Counter()
        self._closed = False
        self._replenish()

    # -- workers -------------------------------------------------------------
    def _replenish(self) -> None:
        """Start workers in the background until there are ``size``."""
        with self._cond:
            missing = 0 if self._closed else self.size - self._count
            self._count += missing
        for _ in range(missing):
            threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        try:
            worker = _Worker(self._ctx, self.config)
        except Exception:  # counted as missing again; the next request retries
            with self._cond:
                self._count -= 1
                self._cond.notify_all()
            return
        with self._cond:
            if self._closed:
                worker.kill()
                return
            self._idle.append(worker)
            self._cond.notify_all()

    def _acquire(self) -> _Worker | None:
        deadline = time.monotonic() + self.config.queue_wait
        with self._cond:
            while not self._idle:
                if self._count < self.size:
                    self._cond.release()
                    try:
                        self._replenish()
                    finally:
                        self._cond.acquire()
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    return None
                self._cond.wait(min(left, 0.5))
            return self._idle.pop()

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and not worker.niced and not self._closed:
            with self._cond:
                self._idle.append(worker)
                self._cond.notify_all()
            return
        worker.kill()  # stopped, dead, or at a low priority: replace it
        with self._cond:
            self._count -= 1
        self._replenish()

    # -- admission -----------------------------------------------------------
    def _admit(self, client: str) -> str | None:
        with self._cond:
            if self._inflight >= self.config.max_queries:
                return f"the server is running {self._inflight} queries; retry shortly"
            if self._clients[client] >= self.config.per_client:
                return f"at most {self.config.per_client} queries at once per client; retry when one has finished"
            self._inflight += 1
            self._clients[client] += 1
            return None

    def _leave(self, client: str) -> None:
        with self._cond:
            self._inflight -= 1
            self._clients[client] -= 1
            if self._clients[client] <= 0:
                del self._clients[client]

    def _may_go_long(self, client: str) -> bool:
        with self._cond:
            if self._long[client] >= 1 or sum(self._long.values()) >= self.config.long_slots:
                return False
            self._long[client] += 1
            return True

    def _end_long(self, client: str) -> None:
        with self._cond:
            self._long[client] -= 1
            if self._long[client] <= 0:
                del self._long[client]

    # -- running -------------------------------------------------------------
    def run(self, kind: str, text: str, client: str = "") -> tuple[str, Any]:
        """Run a request; return ``(status, data)`` (statuses: see :mod:`.worker`,
        plus ``timeout``, ``overloaded`` and ``crashed``)."""
        refusal = self._admit(client)
        if refusal:
            return "overloaded", refusal
        try:
            worker = self._acquire()
            if worker is None:
                return "overloaded", f"all {self.size} query workers are busy; retry shortly"
            return self._execute(worker, kind, text, client)
        finally:
            self._leave(client)

    def _execute(self, worker: _Worker, kind: str, text: str, client: str) -> tuple[str, Any]:
        timeout, long_after = self.config.timeout, self.config.long_after
        nice_after = min(self.config.nice_after, long_after)
        healthy, is_long = False, False
        stopped = f"the query took longer than {timeout:g} s and was stopped"
        try:
            worker.conn.send((kind, text))
            started = time.monotonic()
            if not worker.conn.poll(min(timeout, nice_after)):
                worker.lower_priority()  # short queries' workers get the CPU first
                if not worker.conn.poll(max(0.0, min(timeout, long_after) - (time.monotonic() - started))):
                    if timeout <= long_after:
                        return "timeout", stopped
                    is_long = self._may_go_long(client)
                    if not is_long:
                        return "overloaded", ("the query runs long and the workers for long queries are taken "
                                              "(one per client); it was stopped")
                    if not worker.conn.poll(max(0.0, timeout - (time.monotonic() - started))):
                        return "timeout", stopped
            outcome = worker.conn.recv()
            healthy = True
            return outcome
        except (EOFError, OSError):
            return "crashed", "the query worker stopped (the query may need too much memory)"
        finally:
            if is_long:
                self._end_long(client)
            self._release(worker, healthy)

    def close(self) -> None:
        """End every worker."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for worker in idle:
            worker.kill()
