"""JSON Lines reader (``jsonl.v1``): one article per line.

Each non-blank line is a JSON object with the article text under ``text``
(or ``body`` / ``content``) and optional ``title``, ``date`` (or
``published``), ``url`` (or ``link``), ``source`` and ``language``.  A line
that is not valid JSON, not an object or has no text gives a
:class:`~geokg.ingest.records.ReadError` for ``path#L<n>`` (``n`` counted
from 1); the other lines are still read.

Examples
--------
>>> recs = list(parse_jsonl('{"title": "T", "text": "Body."}\\n{oops\\n', "w.jsonl"))
>>> recs[0].title, recs[0].origin
('T', 'w.jsonl#L1')
>>> print(recs[1])
w.jsonl#L2: invalid JSON: Expecting property name enclosed in double quotes (column 2)
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping

from geokg.ingest.readers.base import (
    READERS,
    ReadOptions,
    Record,
    SourceError,
    build_article,
    decode_bytes,
    read_bytes,
)
from geokg.ingest.records import ReadError
from geokg.ingest.text import parse_date

__all__ = ["TEXT_KEYS", "record_from_mapping", "parse_jsonl", "read_jsonl"]

#: Keys that may hold the article text, in order of preference.
TEXT_KEYS = ("text", "body", "content")
_FIELDS = {
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "pubdate"),
    "url": ("url", "link"),
    "source": ("source", "publisher"),
    "language": ("language", "lang"),
}


def _get(row: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = row.get(key)
        if value is not None and str(value).strip():
            return value
    return None


def record_from_mapping(
    row: Mapping[str, Any], origin: str, *, text_keys: tuple[str, ...] = TEXT_KEYS
) -> Record:
    """Build an article from a mapping of field names (lower-case) to values.

    Shared by the JSON Lines and CSV readers.

    Examples
    --------
    >>> record_from_mapping({"body": "Text.", "date": "2025-03-04"}, "r").published
    datetime.date(2025, 3, 4)
    >>> record_from_mapping({"title": "T"}, "r")
    ReadError(origin='r', reason="no text (expected 'text', 'body' or 'content')")
    """
    text = _get(row, text_keys)
    if text is None:
        names = [repr(k) for k in text_keys]
        expected = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        return ReadError(origin, f"no text (expected {expected})")
    if not isinstance(text, str):
        return ReadError(origin, f"text must be a string, not {type(text).__name__}")
    title = _get(row, _FIELDS["title"])
    date_value = _get(row, _FIELDS["date"])
    url = _get(row, _FIELDS["url"])
    source = _get(row, _FIELDS["source"])
    language = _get(row, _FIELDS["language"])
    return build_article(
        origin,
        title=str(title) if title is not None else "",
        text=text,
        url=url if isinstance(url, str) else None,
        source=str(source) if source is not None else None,
        published=parse_date(str(date_value)) if date_value is not None else None,
        language=language if isinstance(language, str) else None,
    )


def parse_jsonl(text: str, origin: str) -> Iterator[Record]:
    """Articles and errors from JSON Lines ``text``; origins are ``origin#L<n>``.

    Examples
    --------
    >>> recs = list(parse_jsonl('"just a string"\\n\\n{"text": "Hi."}', "s.jsonl"))
    >>> [type(r).__name__ for r in recs], recs[0].reason, recs[1].origin
    (['ReadError', 'Article'], 'expected a JSON object, found str', 's.jsonl#L3')
    """
    seen = False
    # split on "\n" only: U+2028 and friends may appear raw inside JSON strings
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{origin}#L{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield ReadError(where, "invalid JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, f"expected a JSON object, found {type(obj).__name__}")
            continue
        yield record_from_mapping({str(k).lower(): v for k, v in obj.items()}, where)
    if not seen:
        yield ReadError(origin, "empty")


@READERS.register("jsonl.v1")
def read_jsonl(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read a JSON Lines file (see :func:`parse_jsonl`).

    Examples
    --------
    >>> list(read_jsonl("missing.jsonl"))
    [ReadError(origin='missing.jsonl', reason='no such file or directory')]
    """
    origin = str(source)
    try:
        text = decode_bytes(read_bytes(source), allow_nul=True)
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    yield from parse_jsonl(text, origin)
