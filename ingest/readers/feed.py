"""RSS / Atom reader (``feed.v1``): one article per feed entry (feedparser).

The text of an entry is its first ``content`` (RSS ``content:encoded``, Atom
``<content>``) or else its ``summary`` / ``description``; HTML is turned into
text with :func:`~geokg.ingest.readers.htmltext.html_to_text`.  The date is
``published`` (else ``updated``) as written in the feed; the source is the
entry's ``<source>`` title or else the feed's title.  An entry without text
gives a :class:`~geokg.ingest.records.ReadError` for ``path#item<n>`` (``n``
counted from 1); a document that is not an RSS/Atom feed gives one
``ReadError`` for the whole file.

Examples
--------
>>> rss = b'''<rss version="2.0"><channel><title>Wire</title>
... <item><title>Port reopens</title><link>https://w.test/1</link>
... <pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
... <description>&lt;p&gt;The port &lt;b&gt;reopened&lt;/b&gt;.&lt;/p&gt;</description></item>
... <item><title>No body</title></item></channel></rss>'''
>>> first, second = parse_feed(rss, "f.xml")
>>> first.title, first.text, first.published, first.source, first.origin
('Port reopens', 'The port reopened.', datetime.date(2025, 3, 4), 'Wire', 'f.xml#item1')
>>> print(second)
f.xml#item2: no text (entry has no content or summary)
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from geokg.ingest.readers.base import (
    READERS,
    ReadOptions,
    Record,
    SourceError,
    build_article,
    decode_bytes,
    read_bytes,
)
from geokg.ingest.readers.htmltext import html_to_text
from geokg.ingest.records import ReadError
from geokg.ingest.text import clean_text, parse_date

__all__ = ["entry_links", "parse_feed", "read_feed"]

_SAX_POSITION = re.compile(r"^<unknown>:\d+:\d+: ")


def _detail_text(value: str | None, mime: str | None) -> str:
    if not value:
        return ""
    if mime and "html" not in mime.lower():  # text/plain: entities already decoded
        return clean_text(value)
    return html_to_text(value)


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = _detail_text(content.get("value"), content.get("type"))
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return _detail_text(entry.get("summary"), detail.get("type"))


def _entry_date(entry: Any) -> date | None:
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning
    for key in ("published", "updated", "created"):
        d = parse_date(dict.get(entry, key))
        if d:
            return d
    for key in ("published_parsed", "updated_parsed"):
        st = dict.get(entry, key)
        if isinstance(st, time.struct_time):
            try:
                return date(st.tm_year, st.tm_mon, st.tm_mday)
            except ValueError:
                continue
    return None


def parse_feed(data: bytes, origin: str, *, content_type: str | None = None) -> Iterator[Record]:
    """Articles and errors from the bytes of an RSS or Atom feed.

    Parameters
    ----------
    data
        The feed document (feedparser handles its XML encoding).
    origin
        The file or URL it came from; entries are ``origin#item<n>``.
    content_type
        The HTTP ``Content-Type`` when fetched from a URL (charset hint).

    Examples
    --------
    >>> list(parse_feed(b"<config><debug>1</debug></config>", "c.xml"))
    [ReadError(origin='c.xml', reason='not an RSS or Atom feed')]
    """
    try:
        decode_bytes(data)  # refuse empty and binary input with the usual reasons
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    import feedparser

    headers = {"content-type": content_type} if content_type else None
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser is tolerant; this is a last guard
        yield ReadError(origin, f"cannot parse feed: {exc}")
        return
    if not parsed.get("version") and not parsed.entries:
        reason = "not an RSS or Atom feed"
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None and not isinstance(
            problem, feedparser.CharacterEncodingOverride
        ):
            # feedparser's positions refer to its own rewritten document: drop them
            detail = _SAX_POSITION.sub("", str(problem))
            reason += f" ({detail})"
        yield ReadError(origin, reason)
        return
    if not parsed.entries:
        yield ReadError(origin, "feed has no entries")
        return
    feed_info = parsed.get("feed", {})
    feed_title = clean_text(feed_info.get("title") or "") or None
    feed_lang = feed_info.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#item{n}"
        try:
            text = _entry_text(entry)
            if not text:
                yield ReadError(where, "no text (entry has no content or summary)")
                continue
            title_detail = entry.get("title_detail") or {}
            title = _detail_text(entry.get("title"), title_detail.get("type") or "text/plain")
            source_info = entry.get("source") or {}
            yield build_article(
                where,
                title=title,
                text=text,
                url=entry.get("link"),
                source=source_info.get("title") or feed_title,
                published=_entry_date(entry),
                language=title_detail.get("language") or feed_lang,
            )
        except Exception as exc:  # one odd entry must not stop the feed
            yield ReadError(where, f"cannot read entry: {type(exc).__name__}: {exc}")


def entry_links(data: bytes, base_url: str | None = None) -> list[str]:
    """The http(s) links of a feed's entries, resolved against ``base_url``, in order, once each.

    These are *discovered* URLs: fetch them with
    ``read_url(link, options, discovered=True)`` so that the address policy
    (:mod:`geokg.ingest.readers.netpolicy`) refuses links that point at
    loopback, private or link-local addresses.

    Examples
    --------
    >>> rss = b'''<rss version="2.0"><channel><title>W</title>
    ... <item><link>/2025/a</link></item><item><link>ftp://x.test/b</link></item>
    ... <item><link>http://169.254.169.254/latest/</link></item></channel></rss>'''
    >>> entry_links(rss, "https://w.test/feed.xml")
    ['https://w.test/2025/a', 'http://169.254.169.254/latest/']
    """
    from urllib.parse import urljoin, urlsplit

    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception:  # feedparser is tolerant; this is a last guard
        return []
    links: list[str] = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(base_url, link) if base_url else link
        if urlsplit(link).scheme.lower() in ("http", "https") and link not in links:
            links.append(link)
    return links


@READERS.register("feed.v1")
def read_feed(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read an RSS or Atom feed file (see :func:`parse_feed`).

    Examples
    --------
    >>> list(read_feed("missing.rss"))
    [ReadError(origin='missing.rss', reason='no such file or directory')]
    """
    origin = str(source)
    try:
        data = read_bytes(source)
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    yield from parse_feed(data, origin)
