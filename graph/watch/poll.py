"""Polling: sources -> feeds -> items -> articles (page text, else the feed's summary).

A *source* of ``geokg watch`` is an http(s) URL (a feed, or a page that is
itself one item), a local RSS/Atom file (``.xml``, ``.rss``, ``.atom``), or a
*URL list*: a text file with one URL per line (blank lines and ``#``
comments ignored).  :func:`expand_sources` turns them into the list of URLs
and files to poll, and reasons for the lines it cannot use.

:func:`poll_feed` fetches one of them with a conditional GET and returns a
:class:`FeedPoll` with its :class:`FeedItem` s (link, canonical URL, title,
the feed's own text as an article).  :func:`fetch_article` then fetches an
item's page (trafilatura) and builds the article from it, falling back to the
feed's summary when the page cannot be fetched or read.

Examples
--------
>>> rss = b'''<rss version="2.0"><channel><title>Wire</title>
... <item><title>Port reopens</title><link>https://w.test/1?utm_source=rss</link>
... <description>The port reopened on Monday.</description></item>
... <item><title>Link only</title><link>https://w.test/2</link></item></channel></rss>'''
>>> items, problem = feed_items(rss, "https://w.test/feed")
>>> [(i.url, i.summary is not None) for i in items], problem
([('https://w.test/1', True), ('https://w.test/2', False)], None)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geokg.graph.watch.canon import canonical_url
from geokg.graph.watch.fetching import (
    FetchError,
    HostGate,
    Response,
    conditional_get,
    fetch_page,
)
from geokg.ingest.readers.base import SourceError, build_article, read_bytes
from geokg.ingest.readers.netpolicy import AddressPolicy
from geokg.ingest.readers.url import check_url
from geokg.ingest.records import Article, ReadError

__all__ = ["FEED_SUFFIXES", "FeedItem", "FeedPoll", "Fetched", "expand_sources", "feed_items", "fetch_article",
           "poll_feed"]

#: Local files read as feeds; any other file is a URL list.
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed (or a listed page): where it links and what the feed says of it."""

    feed: str
    link: str | None
    url: str
    title: str = ""
    summary: Article | None = None
    published: date | None = None
    source: str | None = None
    page: Response | None = None  # the page itself when the source was a page, not a feed


@dataclass(frozen=True)
class FeedPoll:
    """What polling one source gave: ``status`` is ``ok``, ``not-modified`` or ``failed``."""

    feed: str
    status: str
    items: tuple[FeedItem, ...] = ()
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    errors: tuple[ReadError, ...] = field(default=())


@dataclass(frozen=True)
class Fetched:
    """An item's article (``None`` when it failed), how it was made and why it failed."""

    item: FeedItem
    article: Article | None
    via: str  # "page", "summary" or "" (failed)
    reason: str | None = None


def expand_sources(sources: list[str]) -> tuple[list[str], list[ReadError]]:
    """URLs and feed files to poll, and errors for unusable sources or list lines.

    Examples
    --------
    >>> expand_sources(["https://w.test/feed", "ftp://x.test/f", "missing.txt"])[0]
    ['https://w.test/feed']
    """
    out: list[str] = []
    errors: list[ReadError] = []
    for source in sources:
        text = str(source).strip()
        if "://" in text:
            problem = check_url(text)
            (errors.append(ReadError(text, problem)) if problem else out.append(text))
            continue
        path = Path(text)
        if path.suffix.lower() in FEED_SUFFIXES:
            (out.append(text) if path.is_file() else errors.append(ReadError(text, "no such file")))
            continue
        try:
            lines = read_bytes(path).decode("utf-8", errors="replace").splitlines()
        except SourceError as exc:
            errors.append(ReadError(text, str(exc)))
            continue
        for n, line in enumerate(lines, start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            problem = check_url(url)
            (errors.append(ReadError(f"{text}#L{n}", problem)) if problem else out.append(url))
    return list(dict.fromkeys(out)), errors


def feed_items(data: bytes, feed: str, *, content_type: str | None = None) -> tuple[list[FeedItem], str | None]:
    """The items of a feed document, or ``([], reason)`` when it is not a feed."""
    import feedparser
    from geokg.ingest.readers.feed import parse_feed

    texts: dict[int, Article] = {}
    for record in parse_feed(data, feed, content_type=content_type):
        if isinstance(record, ReadError):
            if record.origin == feed:  # the whole document
                return [], None if record.reason == "feed has no entries" else record.reason
            continue
        texts[int(record.origin.rsplit("#item", 1)[1])] = record
    parsed = feedparser.parse(data, response_headers={"content-type": content_type} if content_type else None)
    items = []
    for n, entry in enumerate(parsed.entries, start=1):
        summary = texts.get(n)
        link = (entry.get("link") or "").strip() or None
        if link and check_url(link):
            link = None
        if link is None and summary is None:
            continue  # nothing to fetch and nothing to read
        url = canonical_url(link) if link else f"urn:geokg:entry:{summary.id}"  # type: ignore[union-attr]
        items.append(FeedItem(
            feed=feed, link=link, url=url, title=(summary.title if summary else (entry.get("title") or "").strip()),
            summary=summary, published=summary.published if summary else None,
            source=summary.source if summary else None,
        ))
    problem = parsed.get("bozo_exception")
    if not items and parsed.get("bozo") and problem is not None and not isinstance(
            problem, feedparser.CharacterEncodingOverride):
        return [], f"malformed feed: {type(problem).__name__}: {problem}"
    return items, None


def _is_html(resp: Response) -> bool:
    ctype = (resp.headers.get_content_type() or "").lower() if resp.headers.get("Content-Type") else ""
    head = resp.body[:2048].lstrip().lower()
    return ctype in _HTML_TYPES or (ctype in ("", "application/octet-stream") and b"<html" in head)


def poll_feed(
    feed: str,
    known: dict[str, object],
    *,
    policy: AddressPolicy,
    gate: HostGate,
    timeout: float,
    max_bytes: int,
) -> FeedPoll:
    """Poll one source (conditional GET with the validators in ``known``)."""
    if "://" not in feed:  # a local feed file
        try:
            data = read_bytes(feed)
        except SourceError as exc:
            return FeedPoll(feed, "failed", error=str(exc))
        stamp = str(os.stat(feed).st_mtime_ns)
        if stamp == known.get("last_modified"):
            return FeedPoll(feed, "not-modified", last_modified=stamp)
        items, problem = feed_items(data, feed)
        return FeedPoll(feed, "failed", error=problem) if problem else FeedPoll(feed, "ok", tuple(items),
                                                                                last_modified=stamp)
    try:
        with gate.slot(feed):
            resp = conditional_get(feed, etag=known.get("etag"), last_modified=known.get("last_modified"),  # type: ignore[arg-type]
                                   policy=policy, timeout=timeout, max_bytes=max_bytes)
    except FetchError as exc:
        return FeedPoll(feed, "failed", error=str(exc))
    if resp.status == 304:
        return FeedPoll(feed, "not-modified", etag=known.get("etag"), last_modified=known.get("last_modified"))  # type: ignore[arg-type]
    if not resp.body.strip():
        return FeedPoll(feed, "failed", error="empty response")
    if _is_html(resp):  # a listed page: the page is the item
        item = FeedItem(feed=feed, link=resp.url, url=canonical_url(feed), page=resp)
        return FeedPoll(feed, "ok", (item,), etag=resp.etag, last_modified=resp.last_modified)
    items, problem = feed_items(resp.body, feed, content_type=resp.headers.get("Content-Type"))
    if problem:
        return FeedPoll(feed, "failed", error=problem)
    return FeedPoll(feed, "ok", tuple(items), etag=resp.etag, last_modified=resp.last_modified)


def _page_article(item: FeedItem, resp: Response) -> Article | ReadError:
    from geokg.ingest.readers.htmlpage import parse_html

    page = parse_html(resp.body, item.link or item.url, base_url=resp.url, declared=resp.headers.get_content_charset())
    if isinstance(page, ReadError):
        return page
    return build_article(
        item.link or item.url, title=item.title or page.title, text=page.text, url=item.url,
        source=item.source or page.source, published=item.published or page.published,
        language=page.language or (item.summary.language if item.summary else None),
    )


def fetch_article(item: FeedItem, *, policy: AddressPolicy, gate: HostGate, timeout: float,
                  max_bytes: int) -> Fetched:
    """The item's article from its page, else from the feed's summary, else a failure with reasons."""
    problem = None
    if item.page is not None:
        result = _page_article(item, item.page)
    elif item.link is None:
        result = ReadError(item.url, "entry has no link")
    else:
        try:
            with gate.slot(item.link):
                body, headers, final = fetch_page(item.link, policy=policy, timeout=timeout, max_bytes=max_bytes)
            ctype = (headers.get_content_type() or "").lower() if headers.get("Content-Type") else ""
            resp = Response(200, body, headers, final)
            result = (_page_article(item, resp) if ctype in _HTML_TYPES or _is_html(resp)
                      else ReadError(item.link, f"page is not HTML ({ctype or 'unknown type'})"))
        except FetchError as exc:
            result = ReadError(item.link, str(exc))
    if isinstance(result, Article):
        return Fetched(item, result, "page")
    problem = f"page: {result.reason}"
    if item.summary is not None:
        s = item.summary
        summary = s if item.link is None else build_article(
            item.link, title=s.title, text=s.text, url=item.url, source=s.source, published=s.published,
            language=s.language)
        if isinstance(summary, Article):
            return Fetched(item, summary, "summary", problem)
        problem += f"; summary: {summary.reason}"
    return Fetched(item, None, "", problem)
