"""Checks of the attribute values a graph view reads: plain text, http(s) URLs, codes, dates, colours.

The graph view takes its labels, URLs, dates and codes from user graphs;
:class:`AttrChecker` normalises each value or drops it, recording a problem
that names the node or edge and the attribute, so one bad value never stops a
view.  Text stays plain text (the page inserts it with ``textContent``).

Examples
--------
>>> chk = AttrChecker()
>>> chk.date("edge 'a'->'b'", "2024-13-01"), chk.quad("edge 'a'->'b'", 2.0)
(None, 2)
>>> chk.problems
["edge 'a'->'b': date='2024-13-01' ignored (not an ISO date)"]
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

__all__ = ["AttrChecker", "plain_text", "safe_http_url"]

_MAX_TEXT = 1000
#: CSS colours a node or edge may bring (``color_by="attribute"``): hex, a name, rgb()/hsl().
_CSS_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]{5,60}\))$")


def safe_http_url(value: Any) -> str | None:
    """Return ``value`` if it is an absolute http(s) URL, else ``None``.

    Examples
    --------
    >>> safe_http_url("https://news.example/a?b=1")
    'https://news.example/a?b=1'
    >>> safe_http_url("javascript:alert(1)") is None, safe_http_url(" JaVaScRiPt:x") is None
    (True, True)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in text for c in "\x00\r\n\t<>\"'` "):
        return None
    return text


def plain_text(value: Any, limit: int = _MAX_TEXT) -> str | None:
    """``value`` as stripped text of at most ``limit`` characters (cut with an ellipsis), or ``None`` when empty."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class AttrChecker:
    """Normalise attribute values, recording a problem for each bad one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, where: str, attr: str, value: Any, why: str) -> None:
        self.problems.append(f"{where}: {attr}={value!r} ignored ({why})")

    def code(self, where: str, attr: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.bad(where, attr, value, "not a string")
            return None
        return value.strip().upper() or None

    def url(self, where: str, attr: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        url = safe_http_url(value)
        if url is None:
            self.bad(where, attr, value, "not an http(s) URL")
        return url

    def date(self, where: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, (date, datetime)):
            return value.isoformat()[:10]
        if isinstance(value, str):
            try:
                date.fromisoformat(value.strip()[:10])
                return value.strip()[:10]
            except ValueError:
                pass
        self.bad(where, "date", value, "not an ISO date")
        return None

    def quad(self, where: str, value: Any) -> int | None:
        if value is None or value == "":
            return None
        try:
            q = int(value)
        except (TypeError, ValueError):
            q = 0
        if q not in (1, 2, 3, 4) or (isinstance(value, float) and not value.is_integer()):
            self.bad(where, "quad_class", value, "not 1..4")
            return None
        return q

    def number(self, where: str, attr: str, value: Any) -> float | None:
        if value is None or value == "":
            return None
        try:
            x = float(value)
        except (TypeError, ValueError):
            x = math.nan
        if not math.isfinite(x):
            self.bad(where, attr, value, "not a finite number")
            return None
        return x

    def count(self, where: str, value: Any) -> int:
        if value is None:
            return 1
        try:
            c = int(value)
        except (TypeError, ValueError):
            c = 0
        if c < 1:
            self.bad(where, "count", value, "not a positive integer; using 1")
            return 1
        return c

    def cameo(self, where: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        if not text.isdigit() or len(text) < 2:
            self.bad(where, "cameo", value, "not a CAMEO code")
            return None
        return text

    def color(self, where: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _CSS_COLOR.match(value.strip()):
            self.bad(where, "color", value, "not a CSS colour")
            return None
        return value.strip()
