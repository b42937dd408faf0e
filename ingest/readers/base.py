"""Shared plumbing of the readers: registry, options, decoding, article building.

A *reader* is a generator function ``reader(source, options) -> Iterator[Article
| ReadError]`` registered in :data:`READERS` under a versioned name; it never
raises for bad input, it yields a :class:`~geokg.ingest.records.ReadError`
that names the input and says why.  :data:`SUFFIXES` maps file suffixes to
reader names.

Examples
--------
>>> decode_bytes("café".encode("utf-8"))
'café'
>>> decode_bytes(b"\\xff\\xfeh\\x00i\\x00")
'hi'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
Traceback (most recent call last):
...
geokg.ingest.readers.base.SourceError: looks like binary data
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterator, Mapping, Union

from geokg.ingest.records import Article, ReadError
from geokg.ingest.registry import Registry
from geokg.ingest.text import clean_text, strip_wire_markers

__all__ = [
    "ReadOptions",
    "Record",
    "Reader",
    "READERS",
    "SUFFIXES",
    "SourceError",
    "decode_bytes",
    "read_bytes",
    "build_article",
    "language_code",
]

#: What readers yield.
Record = Union[Article, ReadError]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options every reader receives.

    Parameters
    ----------
    timeout
        Seconds allowed for fetching one URL (connect and read, in total).
    max_bytes
        Largest response body read from a URL; larger ones are refused.
    allow_private_addresses
        Let redirects and URLs found in feeds reach loopback, private and
        link-local addresses (see :mod:`geokg.ingest.readers.netpolicy`).
    """

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    allow_private_addresses: bool = False


#: The signature of a reader.
Reader = Callable[[str, ReadOptions], Iterator[Record]]

#: Readers by versioned name ("text.v1", "html.v1", ...); populated by the
#: ``@READERS.register`` decorators of the reader modules.
READERS: Registry[Reader] = Registry("reader")

#: File suffix (lower case, with the dot) -> reader name.
SUFFIXES: Mapping[str, str] = MappingProxyType({
    ".txt": "text.v1",
    ".md": "markdown.v1",
    ".markdown": "markdown.v1",
    ".html": "html.v1",
    ".htm": "html.v1",
    ".jsonl": "jsonl.v1",
    ".ndjson": "jsonl.v1",
    ".csv": "csv.v1",
    ".tsv": "csv.v1",
    ".xml": "feed.v1",
    ".rss": "feed.v1",
    ".atom": "feed.v1",
})


class SourceError(Exception):
    """Raised inside readers when a whole source cannot be used; the reason is
    turned into a :class:`ReadError` at the reader's edge."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it shares a prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CC = frozenset("\t\n\r\x0c")
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def _looks_binary_text(s: str, allow_nul: bool = False) -> bool:
    """True when a decoded string is mostly not text (control characters)."""
    if "\x00" in s and not allow_nul:
        return True
    sample = s[:20000]
    # printable ASCII is never a control, surrogate, private or unassigned character: only the rest is looked up
    bad = sum(
        1 for c in _NOT_PRINTABLE_ASCII.findall(sample)
        if c not in _ALLOWED_CC and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad > max(2, len(sample) // 100)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None, *, allow_nul: bool = False) -> str:
    """Decode ``data`` to text, or raise :class:`SourceError`.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict
    UTF-8; then the ``declared`` charset (an HTTP header or HTML ``<meta
    charset>``) if it decodes cleanly; then ``charset_normalizer``'s best
    guess (see :func:`_guess`).  Data with NUL bytes (outside UTF-16/32), or that decodes to mostly
    control characters, is refused as binary.

    Parameters
    ----------
    data
        The raw bytes.
    declared
        A charset name the container declares, or ``None``.
    allow_nul
        Record formats (JSONL, CSV) pass ``True``: a stray NUL byte then spoils
        only the record it is in, not the whole file (mostly-control data is
        still refused).

    Returns
    -------
    str
        The decoded text (BOM removed).

    Raises
    ------
    SourceError
        ``"empty"`` for no bytes, ``"looks like binary data"`` when it is not
        text.

    Examples
    --------
    >>> decode_bytes("naïve".encode("latin-1"), declared="latin-1")
    'naïve'
    >>> decode_bytes(b"")
    Traceback (most recent call last):
    ...
    geokg.ingest.readers.base.SourceError: empty
    """
    if not data:
        raise SourceError("empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {enc} after its byte-order mark: {exc.reason}") from None
            if _looks_binary_text(text, allow_nul):
                raise SourceError("looks like binary data")
            return text
    if b"\x00" in data and not allow_nul:
        raise SourceError("looks like binary data")
    # Valid UTF-8 with non-ASCII bytes is almost never anything else, so it
    # goes before a declared charset (which is often wrong in the wild).
    candidates = ["utf-8"]
    declared_codec = _codec(declared)
    if declared_codec and declared_codec != "utf-8":
        candidates.append(declared_codec)
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary_text(text, allow_nul):
            raise SourceError("looks like binary data")
        return text
    guess = _guess(data)
    if guess is None or _looks_binary_text(guess, allow_nul):
        raise SourceError("looks like binary data")
    return guess


_TYPOGRAPHY_OK = frozenset("\u2026\u20ac\u00b0\u00a7\u00a9\u00ae\u2122\u2022\u00b7\u00bf\u00a1\u00a0")
_PREFERRED = {"cp1252": 0, "cp1251": 1, "cp1250": 2}


def _odd_chars(text: str) -> int:
    """Count signs of a wrong code page in decoded text: non-ASCII symbols
    glued to letters ("zakoñczy³y") and non-Latin letters glued to ASCII
    letters ("Cafй").  Typographic quotes, dashes and ellipses are fine."""
    sample = text[:20000]
    n = 0
    for i, c in enumerate(sample):
        if ord(c) < 128:
            continue
        prev = sample[i - 1] if i else " "
        nxt = sample[i + 1] if i + 1 < len(sample) else " "
        cat = unicodedata.category(c)
        if cat.startswith("L"):
            if (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha()):
                n += not unicodedata.name(c, "").startswith("LATIN")
        elif cat.startswith("M") or cat in ("Pi", "Pf", "Pd", "Zs") or c in _TYPOGRAPHY_OK:
            continue
        elif prev.isalpha() or nxt.isalpha():
            n += 1
    return n


def _guess(data: bytes) -> str | None:
    """charset_normalizer's guess, made safer for short texts.

    Among the candidates as little chaotic as the best one, take the one whose
    text shows the fewest signs of a wrong code page (:func:`_odd_chars`); on a
    tie prefer Windows-1252, -1251, -1250 (the usual legacy encodings of
    news sites), then charset_normalizer's order.  (Its own first choice often picks a DOS code page for a short
    Latin-1 sentence.)
    """
    from charset_normalizer import from_bytes  # installed with trafilatura

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.02]
    scored = [
        (_odd_chars(str(m)), _PREFERRED.get(m.encoding, 9), i, str(m))
        for i, m in enumerate(tied)
    ]
    return min(scored)[3]


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a whole file, turning OS errors into :class:`SourceError`.

    Examples
    --------
    >>> read_bytes("/no/such/file.txt")
    Traceback (most recent call last):
    ...
    geokg.ingest.readers.base.SourceError: no such file or directory
    """
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file or directory") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None


_LANG = re.compile(r"^([a-z]{2})(?:[-_].*)?$")


def language_code(tag: str | None) -> str | None:
    """ISO 639-1 code from a language tag ("en-GB" -> "en"), else ``None``.

    Examples
    --------
    >>> language_code("en-GB"), language_code("FR"), language_code("english")
    ('en', 'fr', None)
    """
    if not tag:
        return None
    m = _LANG.match(tag.strip().lower())
    return m.group(1) if m else None


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = clean_text(str(value)).replace("\n", " ")
    return text or None


def build_article(
    origin: str,
    *,
    title: str | None,
    text: str | None,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    language: str | None = None,
) -> Record:
    """Clean the fields and build an :class:`Article`, or a :class:`ReadError`
    when no body text is left.

    The title is cleaned to one line and, when the body starts with a line
    equal to it (case-insensitively), that line is dropped; ``url`` must be an
    ``http(s)`` URL (other values are dropped); ``source`` is cleaned and
    ``language`` reduced to an ISO 639-1 code.

    Examples
    --------
    >>> a = build_article("x.txt", title=" Talks\\n resume ", text="Body\\u00a0text.")
    >>> a.title, a.text, a.origin
    ('Talks resume', 'Body text.', 'x.txt')
    >>> build_article("x.txt", title="Talks", text="TALKS\\n\\nBody.").text
    'Body.'
    >>> build_article("x.txt", title="Only a title", text="  ")
    ReadError(origin='x.txt', reason='no article text')
    """
    body = strip_wire_markers(clean_text(text or ""))
    clean_title = strip_wire_markers(_opt(title) or "", title=True)
    if clean_title:
        # the headline is often repeated as the first line of the body
        first, _, rest = body.partition("\n")
        if first.strip().casefold() == clean_title.casefold() and rest.strip():
            body = rest.strip()
    if not body:
        return ReadError(origin, "no article text")
    clean_url = _opt(url)
    if clean_url and not re.match(r"^https?://\S+$", clean_url, re.I):
        clean_url = None
    return Article.create(
        title=clean_title,
        text=body,
        url=clean_url,
        source=_opt(source),
        published=published,
        origin=origin,
        language=language_code(language),
    )
