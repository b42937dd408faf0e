"""HTTP for ``geokg watch``: conditional GET, per-host politeness, time and size caps.

* :func:`conditional_get` sends ``If-None-Match`` / ``If-Modified-Since``
  from the validators of the previous poll; a ``304 Not Modified`` is a
  :class:`Response` with ``status == 304`` and no body.
* Every request goes through :func:`geokg.ingest.readers.netpolicy.open_url`
  (or :func:`geokg.ingest.readers.url.fetch`, built on it): the address policy
  is checked before each connection, redirects included.  A feed URL the user
  gave is trusted for its first request only (``trust_first``); the links a
  feed lists are not.
* A fetch has a total time budget (connect and read) and a body size cap.
* :class:`HostGate` lets one request at a time reach a host, and waits
  ``delay`` seconds between two requests to it.
* :func:`backoff_delay` is the exponential backoff after failures.

Examples
--------
>>> [backoff_delay(n, base=60, cap=3600) for n in (0, 1, 2, 3, 7)]
[0.0, 60.0, 120.0, 240.0, 3600.0]
"""

from __future__ import annotations

import threading
import time
import urllib.error
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from geokg.ingest.readers.netpolicy import (
    AddressPolicy,
    open_url,
)
from geokg.ingest.readers.url import (
    FETCH_FAILURES,
    USER_AGENT,
    FetchError,
    as_fetch_error,
    check_url,
    fetch,
    read_capped,
)

__all__ = ["FetchError", "HostGate", "Response", "backoff_delay", "conditional_get", "fetch_page"]



@dataclass(frozen=True)
class Response:
    """What a GET returned: status (200 or 304), body, headers, final URL."""

    status: int
    body: bytes
    headers: Message
    url: str

    @property
    def etag(self) -> str | None:
        """The ``ETag`` header, or ``None``."""
        return self.headers.get("ETag") if self.headers is not None else None

    @property
    def last_modified(self) -> str | None:
        """The ``Last-Modified`` header, or ``None``."""
        return self.headers.get("Last-Modified") if self.headers is not None else None


def backoff_delay(failures: int, *, base: float, cap: float) -> float:
    """Seconds to wait after ``failures`` failures in a row: ``base * 2**(failures-1)``, at most ``cap``."""
    if failures <= 0:
        return 0.0
    return float(min(cap, base * 2 ** min(failures - 1, 30)))


class HostGate:
    """One request at a time per host, ``delay`` seconds apart.

    Examples
    --------
    >>> gate = HostGate(delay=0.0)
    >>> with gate.slot("https://a.test/x"):
    ...     pass
    """

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold the host of ``url`` for one request."""
        host = (urlsplit(url).netloc or url).lower()
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, -1e18) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


def _http_only(target: str) -> None:
    problem = check_url(target)
    if problem:
        raise FetchError(f"redirect to {target}: {problem}")


def conditional_get(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: AddressPolicy,
    trust_first: bool = True,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
) -> Response:
    """GET ``url`` with the validators of the previous response.

    Raises
    ------
    FetchError
        With a reason: refused address, HTTP status, timeout, too large,
        connection failure.
    """
    problem = check_url(url)
    if problem:
        raise FetchError(problem)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
               "Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    first = AddressPolicy(allow_private=True) if trust_first else None
    try:
        with open_url(url, policy=policy, timeout=timeout, max_bytes=max_bytes, headers=headers,
                      first_policy=first, on_redirect=_http_only) as resp:
            body = read_capped(resp, deadline, timeout, max_bytes)
            return Response(resp.status, body, resp.headers, resp.geturl())
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(304, b"", exc.headers, url)
        raise as_fetch_error(exc, timeout) from None
    except FETCH_FAILURES as exc:
        raise as_fetch_error(exc, timeout) from None


def fetch_page(url: str, *, policy: AddressPolicy, timeout: float, max_bytes: int) -> tuple[bytes, Message, str]:
    """Fetch an article page a feed links to (never trusted: the policy applies from the first request).

    Raises
    ------
    FetchError
        As :func:`geokg.ingest.readers.url.fetch`.
    """
    return fetch(url, timeout=timeout, max_bytes=max_bytes, policy=policy)
