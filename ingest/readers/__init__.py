"""geokg.ingest.readers: files, directories, globs and URLs -> clean articles.

The entry point is :func:`iter_articles`; it yields
:class:`~geokg.ingest.records.Article` records and, for every input that
cannot be read, a :class:`~geokg.ingest.records.ReadError` naming it (it
never raises for bad input).  Readers are registered in :data:`READERS`
under versioned names and chosen by file suffix through :data:`SUFFIXES`:

==============  ===========================================
``text.v1``     ``.txt`` (optional ``---`` front matter)
``markdown.v1`` ``.md``, ``.markdown``
``html.v1``     ``.html``, ``.htm`` (trafilatura)
``jsonl.v1``    ``.jsonl``, ``.ndjson``
``csv.v1``      ``.csv``, ``.tsv``
``feed.v1``     ``.xml``, ``.rss``, ``.atom`` (feedparser)
``url.v1``      ``http://`` and ``https://`` URLs
==============  ===========================================

Examples
--------
>>> READERS.names()
['csv.v1', 'feed.v1', 'html.v1', 'jsonl.v1', 'markdown.v1', 'text.v1', 'url.v1']
>>> SUFFIXES[".ndjson"]
'jsonl.v1'
"""

from geokg.ingest.readers.base import (
    READERS,
    SUFFIXES,
    Reader,
    ReadOptions,
    Record,
    SourceError,
    build_article,
    decode_bytes,
    language_code,
    read_bytes,
)
from geokg.ingest.readers.csvfile import parse_csv, read_csv
from geokg.ingest.readers.feed import parse_feed, read_feed
from geokg.ingest.readers.htmlpage import parse_html, read_html
from geokg.ingest.readers.htmltext import html_to_text, page_meta
from geokg.ingest.readers.jsonl import parse_jsonl, read_jsonl, record_from_mapping
from geokg.ingest.readers.markdown import markdown_to_text, read_markdown
from geokg.ingest.readers.plaintext import parse_document, read_text
from geokg.ingest.readers.sources import (
    SKIPPED_NAMES,
    iter_articles,
    read_article,
    reader_for,
)
from geokg.ingest.readers.url import FetchError, check_url, fetch, read_url

__all__ = [
    "iter_articles",
    "read_article",
    "reader_for",
    "READERS",
    "SUFFIXES",
    "SKIPPED_NAMES",
    "Reader",
    "ReadOptions",
    "Record",
    "SourceError",
    "build_article",
    "decode_bytes",
    "read_bytes",
    "language_code",
    "parse_document",
    "markdown_to_text",
    "html_to_text",
    "page_meta",
    "parse_html",
    "parse_jsonl",
    "record_from_mapping",
    "parse_csv",
    "parse_feed",
    "FetchError",
    "check_url",
    "fetch",
    "read_text",
    "read_markdown",
    "read_html",
    "read_jsonl",
    "read_csv",
    "read_feed",
    "read_url",
]
