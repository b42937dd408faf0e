"""CSV / TSV reader (``csv.v1``): one article per row.

The first non-blank row is the header.  Column names are matched
case-insensitively: the text comes from ``text`` (or ``body``, ``content``,
``description``); ``title``, ``date`` (or ``published``), ``url`` (or
``link``), ``source`` and ``language`` are optional.  ``.tsv`` files are
tab-separated; for ``.csv`` the delimiter is whichever of ``,`` ``;`` tab
``|`` is most frequent in the header line (comma on a tie).  A row with the
wrong number of fields, malformed quoting or no text gives a
:class:`~geokg.ingest.records.ReadError` for ``path#row<n>``, where ``n``
counts data rows from 1 (the header and blank lines are not counted); the
other rows are still read.

Examples
--------
>>> recs = list(parse_csv("Title,Text\\nTalks,They met.\\nBad,row,extra\\n", "w.csv"))
>>> recs[0].title, recs[0].origin
('Talks', 'w.csv#row1')
>>> print(recs[1])
w.csv#row2: expected 2 fields, found 3
"""

from __future__ import annotations

import csv
import io
from typing import Iterator

from geokg.ingest.readers.base import (
    READERS,
    ReadOptions,
    Record,
    SourceError,
    decode_bytes,
    read_bytes,
)
from geokg.ingest.readers.jsonl import record_from_mapping
from geokg.ingest.records import ReadError

__all__ = ["CSV_TEXT_COLUMNS", "sniff_delimiter", "parse_csv", "read_csv"]

#: Columns that may hold the article text, in order of preference.
CSV_TEXT_COLUMNS = ("text", "body", "content", "description")
_MAX_ERRORS = 1000  # stop reporting row errors after this many in one file


def sniff_delimiter(text: str) -> str:
    """The most frequent of ``,`` ``;`` tab ``|`` in the first line (comma on a tie).

    Examples
    --------
    >>> sniff_delimiter("title;text;date\\n"), sniff_delimiter("a\\tb\\n"), sniff_delimiter("x\\n")
    (';', '\\t', ',')
    """
    first = next((line for line in text.split("\n") if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def parse_csv(text: str, origin: str, *, delimiter: str | None = None) -> Iterator[Record]:
    """Articles and errors from CSV ``text``; origins are ``origin#row<n>``.

    Parameters
    ----------
    text
        Decoded CSV text.
    origin
        The file (or URL) it came from.
    delimiter
        Field delimiter; ``None`` to sniff it (:func:`sniff_delimiter`).

    Examples
    --------
    >>> [r.title for r in parse_csv("title\\ttext\\nA\\tFirst.\\nB\\tSecond.\\n", "t.tsv", delimiter="\\t")]
    ['A', 'B']
    """
    delimiter = delimiter or sniff_delimiter(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    n = 0
    errors = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            if header is None:
                yield ReadError(origin, f"malformed CSV header: {exc}")
                return
            n += 1
            errors += 1
            yield ReadError(f"{origin}#row{n}", f"malformed CSV: {exc}")
            if errors >= _MAX_ERRORS:
                yield ReadError(origin, f"stopped after {errors} bad rows")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff").lower() for cell in row]
            if not any(c in header for c in CSV_TEXT_COLUMNS):
                expected = ", ".join(repr(c) for c in CSV_TEXT_COLUMNS)
                found = ", ".join(repr(c) for c in header)
                yield ReadError(origin, f"no text column (expected one of {expected}; found {found})")
                return
            continue
        n += 1
        where = f"{origin}#row{n}"
        if len(row) != len(header):
            errors += 1
            yield ReadError(where, f"expected {len(header)} fields, found {len(row)}")
            if errors >= _MAX_ERRORS:
                yield ReadError(origin, f"stopped after {errors} bad rows")
                return
            continue
        fields = {name: value for name, value in zip(header, row) if name}
        yield record_from_mapping(fields, where, text_keys=CSV_TEXT_COLUMNS)
    if header is None:
        yield ReadError(origin, "empty")


@READERS.register("csv.v1")
def read_csv(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read a CSV or TSV file (``.tsv``: tab-separated; see :func:`parse_csv`).

    Examples
    --------
    >>> list(read_csv("missing.tsv"))
    [ReadError(origin='missing.tsv', reason='no such file or directory')]
    """
    origin = str(source)
    try:
        text = decode_bytes(read_bytes(source), allow_nul=True).replace("\x00", "\ufffd")
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    delimiter = "\t" if origin.lower().endswith(".tsv") else None
    yield from parse_csv(text, origin, delimiter=delimiter)
