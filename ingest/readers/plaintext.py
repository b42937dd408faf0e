"""Plain-text reader (``text.v1``) and the document logic it shares with Markdown.

A document may start with a ``---`` front-matter block (``title``, ``date`` or
``published``, ``source``, ``url`` or ``link``, ``language`` or ``lang``).
Without a title there, the first non-empty line is the title (unless it is
longer than :data:`MAX_TITLE` characters, then the document has no title and
all of it is body).  When the front-matter title is repeated as the first
line of the body, that line is dropped (see
:func:`~geokg.ingest.readers.base.build_article`).

Examples
--------
>>> a = parse_document("---\\ntitle: Grain deal\\ndate: 4 March 2025\\n---\\nGrain deal\\n\\nShips left.", "x.txt")
>>> a.title, a.text, a.published
('Grain deal', 'Ships left.', datetime.date(2025, 3, 4))
"""

from __future__ import annotations

from typing import Callable, Iterator

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
from geokg.ingest.text import clean_text, parse_date, split_front_matter

__all__ = ["MAX_TITLE", "split_title", "parse_document", "read_document", "read_text"]

#: A first line longer than this is body text, not a title.
MAX_TITLE = 200


def split_title(text: str) -> tuple[str, str]:
    """Split clean text into (first non-empty line, the rest).

    Examples
    --------
    >>> split_title("\\nHeadline\\nFirst line.\\n\\nSecond.")
    ('Headline', 'First line.\\n\\nSecond.')
    >>> split_title("x" * 201)[0]
    ''
    """
    text = text.strip()
    first, _, rest = text.partition("\n")
    if len(first) > MAX_TITLE:
        return "", text
    return first.strip(), rest.strip()


def parse_document(
    raw: str,
    origin: str,
    *,
    convert: Callable[[str], str] | None = None,
    url: str | None = None,
) -> Record:
    """Build an article from a decoded text document.

    Parameters
    ----------
    raw
        The document text, possibly with front matter.
    origin
        Where it came from (for the article and for errors).
    convert
        Markup-to-text converter for the body (Markdown); ``None`` for plain
        text (only :func:`~geokg.ingest.text.clean_text`).
    url
        URL to use when the front matter names none (a fetched document).

    Returns
    -------
    Article or ReadError

    Examples
    --------
    >>> parse_document("Only a headline", "h.txt")
    ReadError(origin='h.txt', reason='no article text')
    """
    if not raw.strip():
        return ReadError(origin, "empty")
    meta, body = split_front_matter(raw)
    body = convert(body) if convert else clean_text(body)
    title = clean_text(meta.get("title", "")).replace("\n", " ")
    if not title:
        title, body = split_title(body)
    return build_article(
        origin,
        title=title,
        text=body,
        url=meta.get("url") or meta.get("link") or url,
        source=meta.get("source") or meta.get("publisher"),
        published=parse_date(meta.get("date") or meta.get("published")),
        language=meta.get("language") or meta.get("lang"),
    )


def read_document(
    source: str,
    *,
    convert: Callable[[str], str] | None = None,
) -> Iterator[Record]:
    """Read, decode and parse one text document file (one record).

    Examples
    --------
    >>> list(read_document("missing.txt"))
    [ReadError(origin='missing.txt', reason='no such file or directory')]
    """
    origin = str(source)
    try:
        raw = decode_bytes(read_bytes(source))
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    yield parse_document(raw, origin, convert=convert)


@READERS.register("text.v1")
def read_text(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read a plain-text file as one article.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "a.txt")
    ...     _ = p.write_bytes(b"")
    ...     list(read_text(str(p)))[0].reason
    'empty'
    """
    yield from read_document(source)
