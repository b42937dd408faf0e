"""Which addresses geokg may fetch from, and a fetcher that keeps to it.

A URL found inside a feed, a redirect's ``Location`` or a URL the ``watch``
command follows must not make geokg reach the machine it runs on, the local
network or a cloud metadata service (``169.254.169.254``).
:class:`AddressPolicy` resolves a URL's host with :func:`socket.getaddrinfo`
and refuses it (:class:`BlockedAddressError`) when **any** answer is loopback,
private, link-local, multicast, reserved, unspecified or otherwise not a
global unicast address — IPv4 and IPv6, including IPv4-mapped, 6to4 and Teredo
IPv6 addresses that carry such an IPv4 address.

:func:`open_url` fetches under a policy.  Every connection it makes — the
first one and the one after each redirect — goes through
:func:`_pinned_connect`, which resolves the host once, checks every answer and
then connects to those same checked addresses (never to the name), so a DNS
answer that changes between the check and the connection (DNS rebinding)
cannot slip another address in.  A redirect is also checked when it is
received, to refuse it with a message that names it.  TLS still verifies the
certificate and sends SNI for the host name.  Proxies from the environment are
not used (a proxy would resolve the name itself, out of the policy's reach).

Examples
--------
>>> AddressPolicy().check("http://127.0.0.1:8080/feed")
Traceback (most recent call last):
...
geokg.ingest.readers.netpolicy.BlockedAddressError: http://127.0.0.1:8080/feed: refused address 127.0.0.1 (loopback); pass --allow-private-addresses to allow it
>>> AddressPolicy(allow_private=True).check("http://127.0.0.1:8080/feed") is None
True
>>> blocked_reason("::ffff:169.254.169.254"), blocked_reason("93.184.216.34") is None
('link-local', True)
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["MAX_REDIRECTS", "AddressPolicy", "BlockedAddressError", "TooLargeError", "blocked_reason", "open_url"]

MAX_REDIRECTS = 5
_Addr = tuple[int, int, int, str, Any]  # a getaddrinfo answer


class BlockedAddressError(ValueError):
    """A URL resolves to an address the policy refuses; the message names both."""


class TooLargeError(ValueError):
    """The response's ``Content-Length`` exceeds ``max_bytes``."""


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64: the last 32 bits
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(address: str) -> str | None:
    """Why ``address`` (an IP literal) may not be fetched from, or ``None``.

    Examples
    --------
    >>> [blocked_reason(a) for a in ("10.1.2.3", "::1", "fe80::1", "224.0.0.1", "0.0.0.0", "100.64.0.1")]
    ['private', 'loopback', 'link-local', 'multicast', 'unspecified', 'not global']
    >>> blocked_reason("2002:7f00:1::"), blocked_reason("2606:4700::1111")
    ('loopback', None)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d
            return blocked_reason(str(ip.ipv4_mapped))
        inner = _embedded_v4(ip)
        if inner is not None:
            reason = blocked_reason(str(inner))
            if reason:
                return reason
    for reason, bad in (
        ("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast), ("private", ip.is_private), ("reserved", ip.is_reserved),
    ):
        if bad:
            return reason
    return None if ip.is_global else "not global"


@dataclass(frozen=True)
class AddressPolicy:
    """Refuse hosts that resolve to non-public addresses unless ``allow_private``.

    Parameters
    ----------
    allow_private
        Allow every address (``--allow-private-addresses``).
    """

    allow_private: bool = False

    def resolve(self, host: str, port: int, *, url: str | None = None) -> list[_Addr]:
        """The ``getaddrinfo`` answers for ``host:port``, all checked.

        Raises
        ------
        BlockedAddressError
            When any answer is refused (named with ``url`` or ``host``).
        OSError
            When the name does not resolve.
        """
        answers = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        if not self.allow_private:
            for answer in answers:
                address = str(answer[4][0])
                reason = blocked_reason(address)
                if reason:
                    raise BlockedAddressError(
                        f"{url or host}: refused address {address} ({reason}); "
                        "pass --allow-private-addresses to allow it"
                    )
        return answers

    def check(self, url: str) -> None:
        """Resolve ``url``'s host and raise :class:`BlockedAddressError` if refused.

        Raises
        ------
        BlockedAddressError
            A refused address, or a URL without a host.
        OSError
            The name does not resolve.
        """
        if self.allow_private:
            return
        parts = urlsplit(url)
        if not parts.hostname:
            raise BlockedAddressError(f"{url}: no host")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        self.resolve(parts.hostname, port, url=url)


def _pinned_connect(policy: AddressPolicy) -> Callable[..., socket.socket]:
    """A ``socket.create_connection`` that connects only to checked answers."""

    def connect(address: tuple[str, int], timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,
                source_address: Any = None, **_: Any) -> socket.socket:
        host, port = address
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in policy.resolve(host, port):
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)  # the checked address itself, never the name again
                return sock
            except OSError as exc:
                error = exc
                sock.close()
        raise error or OSError(f"cannot resolve {host}")

    return connect


class _PinnedHTTP(urllib.request.HTTPHandler):
    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__()
        self.policy = policy

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_connection_class(http.client.HTTPConnection, req, self), req)


class _PinnedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__()
        self.policy = policy

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_connection_class(http.client.HTTPSConnection, req, self),  # type: ignore[arg-type]
                            req, context=self._context)  # type: ignore[attr-defined]


def _connection_class(base: type, req: urllib.request.Request, handler: Any) -> Callable[..., Any]:
    """``base`` with its socket factory replaced: the first request may use another policy."""
    policy = getattr(req, "_geokg_policy", None) or handler.policy

    def make(*args: Any, **kwargs: Any) -> Any:
        conn = base(*args, **kwargs)
        conn._create_connection = _pinned_connect(policy)
        return conn

    return make


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, policy: AddressPolicy, on_redirect: Callable[[str], None] | None) -> None:
        super().__init__()
        self.policy = policy
        self.on_redirect = on_redirect

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if self.on_redirect is not None:
            self.on_redirect(newurl)  # the caller's own checks (e.g. the scheme)
        self.policy.check(newurl)  # a clear message now; the connection is pinned anyway
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new._geokg_policy = self.policy  # redirects never get the first request's policy
        return new


def open_url(
    url: str,
    *,
    policy: AddressPolicy,
    timeout: float,
    max_bytes: int,
    headers: dict[str, str] | None = None,
    first_policy: AddressPolicy | None = None,
    on_redirect: Callable[[str], None] | None = None,
) -> Any:
    """Open ``url`` under ``policy`` (checked before every connection, redirects included).

    Parameters
    ----------
    url
        An http(s) URL.
    policy
        The address policy for every request.
    timeout
        Socket timeout in seconds (connect and each read).
    max_bytes
        A response whose ``Content-Length`` exceeds it is refused
        (:class:`TooLargeError`); the caller still caps what it reads.
    headers
        Request headers.
    first_policy
        Another policy for the first request only (a URL the user typed).
    on_redirect
        Called with each redirect target before the policy; may raise.

    Returns
    -------
    http.client.HTTPResponse
        Open; the caller reads and closes it.

    Raises
    ------
    BlockedAddressError
        A refused address (also as a redirect target).
    TooLargeError
        ``Content-Length`` above ``max_bytes``.
    urllib.error.URLError, OSError, http.client.HTTPException
        As :func:`urllib.request.urlopen`.
    """
    if first_policy is None:
        first_policy = policy
    first_policy.check(url)
    request = urllib.request.Request(url, headers=dict(headers or {}))
    request._geokg_policy = first_policy  # type: ignore[attr-defined]
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.UnknownHandler(), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), _CheckedRedirects(policy, on_redirect),
                    _PinnedHTTP(policy), _PinnedHTTPS(policy)):
        opener.add_handler(handler)
    resp = opener.open(request, timeout=timeout)
    length = resp.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        resp.close()
        raise TooLargeError(f"too large: Content-Length {int(length)} bytes exceeds the limit of {max_bytes} bytes")
    return resp
