"""Canonical URLs and durations for ``geokg watch``.

Two feed links name the same page when their :func:`canonical_url` is equal:
the scheme and host are lower-cased, a default port and the fragment are
dropped, an empty path becomes ``/``, and tracking parameters (``utm_*``,
``fbclid``, ``gclid`` and the like, see :data:`TRACKING_PARAMS`) are removed;
the other query parameters keep their order.

Examples
--------
>>> canonical_url("HTTPS://News.Test:443/a/b?utm_source=rss&id=7&fbclid=x#top")
'https://news.test/a/b?id=7'
>>> parse_every("15m"), parse_every("90"), parse_every("1h30m")
(900.0, 90.0, 5400.0)
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonical_url", "parse_every"]

#: Query parameters that only track the reader (dropped from canonical URLs).
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
    "_ga", "_gl", "ref_src", "cmpid", "ocid", "spm", "smid", "sref", "wt.mc_id", "at_medium",
    "at_campaign", "mkt_tok", "vero_id", "oly_enc_id", "oly_anon_id", "__twitter_impression",
})
#: Prefixes of tracking parameter names (``utm_source``, ``pk_campaign``...).
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "itm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def _tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring).

    A string that is not an http(s) URL with a host is returned stripped
    but otherwise unchanged.

    Examples
    --------
    >>> canonical_url("http://Wire.Test:80?gclid=1&utm_medium=x")
    'http://wire.test/'
    >>> canonical_url("https://w.test/p?b=2&a=1&UTM_Campaign=z")
    'https://w.test/p?b=2&a=1'
    >>> canonical_url("https://w.test:8443/p")
    'https://w.test:8443/p'
    >>> canonical_url(" not a url ")
    'not a url'
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.username or ""
        if parts.password:
            userinfo += f":{parts.password}"
        host = f"{userinfo}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))


def parse_every(text: str) -> float:
    """Seconds in a duration such as ``"15m"``, ``"30s"``, ``"1h30m"`` or ``"90"``.

    Raises
    ------
    ValueError
        Naming the text when it is not a positive duration.

    Examples
    --------
    >>> parse_every("2d")
    172800.0
    >>> parse_every("soon")
    Traceback (most recent call last):
    ...
    ValueError: invalid duration 'soon' (use e.g. 30s, 15m, 1h)
    """
    cleaned = text.strip().lower().replace(" ", "")
    pos, total = 0, 0.0
    for m in _DURATION.finditer(cleaned):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNIT[m.group(2).lower()]
        pos = m.end()
    if not cleaned or pos != len(cleaned) or total <= 0:
        raise ValueError(f"invalid duration {text!r} (use e.g. 30s, 15m, 1h)")
    return total
