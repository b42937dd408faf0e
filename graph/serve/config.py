"""How ``geokg serve`` serves a store: :class:`ServeConfig`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ServeConfig"]


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How to serve a store.

    Parameters
    ----------
    store
        The store folder.
    host, port
        Where to listen (loopback by default; port 0: any free port).
    writable
        Accept SPARQL Update on ``/update`` (then one worker holds the store).
    timeout
        Seconds a query may run before its worker is stopped.
    limit
        Most rows (or triples) per answer.
    allow_service
        Let queries use ``SERVICE`` and updates ``LOAD`` (the server then
        sends requests to other hosts); refused with a 400 by default.
    cors
        An origin (``https://app.example``) allowed to call the endpoint from a
        browser; no CORS headers are sent without it.
    allowed_hosts
        More ``Host`` names to answer (e.g. the machine's name when bound to
        ``0.0.0.0``); the bound name/address (and ``localhost``, ``127.0.0.1``,
        ``[::1]`` when bound to loopback) are always answered, others get 403.
    workers
        Query worker processes (read-only); each runs one query at a time.
    max_long
        Workers that queries running longer than ``long_after`` seconds may hold
        at once (default a third of ``workers``, at least 1): the rest stay free
        for short queries; a query that becomes long beyond it is stopped (503).
    long_after
        Seconds after which a query counts as long.
    nice_after
        Seconds after which a query's worker runs at a lower CPU priority (then
        it is replaced), so that short queries get the CPU first.
    per_client, max_queries
        Queries (running or waiting) per client address and in total; beyond
        them 503 with ``Retry-After``.
    queue_wait
        Seconds a query waits for a free worker before a 503.
    max_body
        Largest request body (bytes); larger ones get 413.
    max_connections, per_client_connections
        Open connections at once, in total and per client address; more are
        answered 503 and closed.
    idle_timeout
        Seconds a connection may stay silent (while sending a request, or between requests).
    request_timeout
        Seconds a request (line, headers and body) may take to arrive, however
        slowly it trickles in; then the connection is closed.
    """

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float = 30.0
    limit: int = 10_000
    allow_service: bool = False
    cors: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    workers: int = 6
    max_long: int | None = None
    long_after: float = 1.0
    nice_after: float = 0.25
    per_client: int = 4
    max_queries: int = 64
    queue_wait: float = 5.0
    max_body: int = 256 * 1024
    max_connections: int = 256
    per_client_connections: int = 32
    idle_timeout: float = 10.0
    request_timeout: float = 15.0

    @property
    def long_slots(self) -> int:
        """How many workers long queries may hold at once."""
        if self.max_long is not None:
            return max(1, self.max_long)
        return max(1, self.workers // 3)
