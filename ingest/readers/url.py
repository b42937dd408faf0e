"""URL reader (``url.v1``): fetch an http(s) page or feed with ``urllib``.

Only ``http`` and ``https`` are fetched (redirects to other schemes are
refused too).  Limits: a total time budget (``ReadOptions.timeout``, default
20 s, for connecting and reading), a body size cap (``ReadOptions.max_bytes``,
default 5 MB, checked against ``Content-Length`` and while reading in
chunks) and at most 5 redirects.  Address policy
(:mod:`~geokg.ingest.readers.netpolicy`): a URL the user typed is fetched as
typed, but redirects and URLs found inside feeds (``discovered=True``) that
resolve to loopback, private, link-local, multicast or reserved addresses
are refused unless ``ReadOptions.allow_private_addresses``.  The request says ``User-Agent: geokg/0.1``.
The ``Content-Type`` decides how the body is read: HTML with the HTML reader's
logic, RSS/Atom/XML with the feed logic, ``text/plain`` and
``text/markdown`` as documents; without a usable type the body is sniffed.
Every failure is a :class:`~geokg.ingest.records.ReadError` naming the URL.

Examples
--------
>>> list(read_url("ftp://files.test/a.txt"))
[ReadError(origin='ftp://files.test/a.txt', reason="unsupported URL scheme 'ftp' (only http and https)")]
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
from collections.abc import Iterator
from email.message import Message
from urllib.parse import urlsplit

from geokg.ingest.readers.base import (
    READERS,
    ReadOptions,
    Record,
    SourceError,
    decode_bytes,
)
from geokg.ingest.readers.feed import parse_feed
from geokg.ingest.readers.htmlpage import parse_html
from geokg.ingest.readers.markdown import markdown_to_text
from geokg.ingest.readers.netpolicy import (
    MAX_REDIRECTS,
    AddressPolicy,
    BlockedAddressError,
    TooLargeError,
    open_url,
)
from geokg.ingest.readers.plaintext import parse_document
from geokg.ingest.records import ReadError

__all__ = ["FETCH_FAILURES", "MAX_REDIRECTS", "USER_AGENT", "FetchError", "as_fetch_error", "check_url", "fetch",
           "read_capped", "read_url"]

USER_AGENT = "geokg/0.1"
_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/feed+xml", "application/xml", "text/xml",
)


class FetchError(Exception):
    """A fetch failed; the message is the ReadError reason."""


def _check_scheme(newurl: str) -> None:
    scheme = urlsplit(newurl).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"redirect to unsupported URL scheme {scheme!r}: {newurl}")


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched, or ``None`` when it is a fetchable URL.

    Examples
    --------
    >>> check_url("https://news.test/a"), check_url("file:///etc/hosts"), check_url("http://")
    (None, "unsupported URL scheme 'file' (only http and https)", 'invalid URL: no host')
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"invalid URL: {exc}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"unsupported URL scheme {scheme!r} (only http and https)"
    if not parts.hostname:
        return "invalid URL: no host"
    if any(c.isspace() for c in url):
        return "invalid URL: contains whitespace"
    return None


def _set_socket_timeout(resp: http.client.HTTPResponse, seconds: float) -> None:
    """Shrink the read timeout of the response's socket (best effort)."""
    sock = getattr(getattr(resp, "fp", None), "raw", None)
    sock = getattr(sock, "_sock", None)
    if sock is not None:
        try:
            sock.settimeout(max(seconds, 0.001))
        except OSError:
            pass


def read_capped(resp: http.client.HTTPResponse, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """The body of ``resp``, read until ``deadline`` (``time.monotonic()``) and at most
    ``max_bytes``; raises :class:`FetchError` past either (``timeout`` names the limit)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {timeout:g} s")
        _set_socket_timeout(resp, remaining)
        chunk = resp.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"too large: more than {max_bytes} bytes")
        chunks.append(chunk)


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
    policy: AddressPolicy | None = None,
    trust_first: bool = False,
) -> tuple[bytes, Message, str]:
    """Fetch ``url``; return (body, response headers, final URL after redirects).

    ``policy`` (default: :class:`AddressPolicy` ``()``, public addresses only)
    is checked before every connection, redirects included, and the
    connection is pinned to the checked addresses (see
    :mod:`geokg.ingest.readers.netpolicy`); ``trust_first`` exempts the first
    request (a URL the user typed), never its redirects.

    Raises
    ------
    FetchError
        With a human-readable reason (not an http(s) URL, timeout, too large,
        HTTP status, too many redirects, connection failure...).

    Examples
    --------
    >>> fetch("file:///etc/hostname")
    Traceback (most recent call last):
    ...
    geokg.ingest.readers.url.FetchError: unsupported URL scheme 'file' (only http and https)
    """
    problem = check_url(url)
    if problem:
        raise FetchError(problem)
    deadline = time.monotonic() + timeout
    policy = policy if policy is not None else AddressPolicy()
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"}
    try:
        with open_url(url, policy=policy, timeout=timeout, max_bytes=max_bytes, headers=headers,
                      first_policy=AddressPolicy(allow_private=True) if trust_first else None,
                      on_redirect=_check_scheme) as resp:
            return read_capped(resp, deadline, timeout, max_bytes), resp.headers, resp.geturl()
    except FetchError:
        raise
    except FETCH_FAILURES as exc:
        raise as_fetch_error(exc, timeout) from None


#: The exceptions a fetch through :func:`geokg.ingest.readers.netpolicy.open_url` can raise that
#: :func:`as_fetch_error` turns into a :class:`FetchError` (``URLError``, ``HTTPError`` and
#: ``socket.gaierror`` are ``OSError``\ s).
FETCH_FAILURES = (BlockedAddressError, TooLargeError, OSError, http.client.HTTPException, ValueError)


def as_fetch_error(exc: BaseException, timeout: float) -> FetchError:
    """The :class:`FetchError`, with a human-readable reason, for an exception of a fetch.

    Shared by :func:`fetch` and the feed watcher's conditional GET, so both word a failure alike.

    Examples
    --------
    >>> as_fetch_error(TimeoutError(), 0.5)
    FetchError('timed out after 0.5 s')
    >>> as_fetch_error(ValueError("no host"), 20)
    FetchError('invalid URL: no host')
    """
    if isinstance(exc, (BlockedAddressError, TooLargeError)):
        return FetchError(f"refused: {exc}" if isinstance(exc, BlockedAddressError) else str(exc))
    if isinstance(exc, urllib.error.HTTPError):
        if 300 <= exc.code < 400 and "redirect" in str(exc.reason).lower():
            return FetchError(f"too many redirects (more than {MAX_REDIRECTS}) or a redirect loop")
        return FetchError(f"HTTP {exc.code} {exc.reason}")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return FetchError(f"timed out after {timeout:g} s")
        if isinstance(reason, ssl.SSLError):
            return FetchError(f"TLS error: {reason}")
        if isinstance(reason, OSError):
            return FetchError(f"cannot connect: {reason.strerror or reason}")
        return FetchError(f"cannot fetch: {reason}")
    if isinstance(exc, TimeoutError):
        return FetchError(f"timed out after {timeout:g} s")
    if isinstance(exc, http.client.HTTPException):
        return FetchError(f"bad HTTP response: {type(exc).__name__}: {exc}")
    if isinstance(exc, socket.gaierror):  # the policy resolves the name before connecting
        return FetchError(f"cannot connect: {exc.strerror or exc}")
    if isinstance(exc, OSError):
        return FetchError(f"connection error: {exc.strerror or exc}")
    if isinstance(exc, ValueError):
        return FetchError(f"invalid URL: {exc}")
    return FetchError(f"cannot fetch: {type(exc).__name__}: {exc}")

def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    return None


@READERS.register("url.v1")
def read_url(source: str, options: ReadOptions = ReadOptions(), *, discovered: bool = False) -> Iterator[Record]:
    """Fetch an http(s) URL and read it as an HTML page, a feed or a text
    document, depending on its ``Content-Type`` (see the module docstring).

    A URL the user typed (``discovered=False``) is fetched as typed; a URL
    found in a feed or page (``discovered=True``) and every redirect are
    refused when they resolve to loopback, private, link-local, multicast
    or reserved addresses, unless ``options.allow_private_addresses``.

    Examples
    --------
    >>> list(read_url("mailto:desk@news.test"))
    [ReadError(origin='mailto:desk@news.test', reason="unsupported URL scheme 'mailto' (only http and https)")]
    """
    url = str(source).strip()
    problem = check_url(url)
    if problem:
        yield ReadError(url, problem)
        return
    try:
        data, headers, final_url = fetch(
            url, timeout=options.timeout, max_bytes=options.max_bytes,
            policy=AddressPolicy(allow_private=options.allow_private_addresses), trust_first=not discovered,
        )
    except FetchError as exc:
        yield ReadError(url, str(exc))
        return
    if not data.strip():
        yield ReadError(url, "empty")
        return
    ctype = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
    charset = headers.get_content_charset()
    kind = None
    if ctype in _HTML_TYPES:
        kind = "html"
    elif ctype in _FEED_TYPES or ctype.endswith("+xml"):
        kind = "feed"
    elif ctype in ("text/plain", "text/markdown", "text/x-markdown"):
        kind = ctype
    elif ctype in ("", "application/octet-stream", "binary/octet-stream"):
        kind = _sniff(data)
    if kind is None:
        yield ReadError(url, f"unsupported content type {ctype or 'unknown'!r}")
        return
    if kind == "html":
        yield parse_html(data, url, base_url=final_url, declared=charset)
    elif kind == "feed":
        yield from parse_feed(data, url, content_type=headers.get("Content-Type"))
    else:
        try:
            text = decode_bytes(data, charset)
        except SourceError as exc:
            yield ReadError(url, str(exc))
            return
        convert = markdown_to_text if "markdown" in kind else None
        yield parse_document(text, url, convert=convert, url=final_url)
