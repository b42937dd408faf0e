"""HTML reader (``html.v1``): main-text extraction with trafilatura.

trafilatura (imported lazily) finds the main text, favouring precision and
leaving out comments, tables, images and links; each of its text blocks
becomes a paragraph.  Metadata comes from the page's own tags first
(``og:title``, ``og:url`` / ``<link rel=canonical>``, ``og:site_name``,
``article:published_time`` and similar) and from trafilatura second; the
``<title>`` element is the last resort for the title.  A page whose visible
text outside navigation, header, footer, forms and scripts is empty has no
article; when trafilatura finds no main text, that visible text is used.

Examples
--------
>>> page = ('<html><head><title>Envoys meet | Daily</title>'
...         '<meta property="og:url" content="https://news.test/envoys"></head>'
...         '<body><article><p>The envoys met in the capital on Monday.</p></article></body></html>')
>>> a = parse_html(page, "page.html")
>>> a.text, a.url
('The envoys met in the capital on Monday.', 'https://news.test/envoys')
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterator
from urllib.parse import urljoin

from geokg.ingest.readers.base import (
    READERS,
    ReadOptions,
    Record,
    SourceError,
    build_article,
    decode_bytes,
    read_bytes,
)
from geokg.ingest.readers.htmltext import html_to_text, page_meta
from geokg.ingest.records import ReadError
from geokg.ingest.text import clean_text, parse_date

__all__ = ["parse_html", "decode_html", "read_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.created", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
    "sailthru.date", "article.published",
)
_TITLE_KEYS = ("og:title", "twitter:title")
_URL_KEYS = ("og:url", "canonical")
_SITE_KEYS = ("og:site_name", "application-name", "publisher")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, UTF-8, the ``declared`` charset (HTTP header)
    or the page's own ``<meta charset>``, then a guess.

    Examples
    --------
    >>> decode_html(b'<meta charset="iso-8859-1"><p>Bogot\\xe1</p>')
    '<meta charset="iso-8859-1"><p>Bogotá</p>'
    """
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    return decode_bytes(data, declared)


def _trafilatura(html: str, url: str | None) -> Any:
    """Run trafilatura; ``None`` when it finds nothing (or fails)."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signals: readers may run in threads
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
            config=config,
        )
    except Exception:  # trafilatura/lxml can fail on pathological markup
        return None


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value and value.strip():
            return value.strip()
    return None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = urljoin(base, url) if base else url
    return url if re.match(r"^https?://", url, re.I) else None


def parse_html(
    data: bytes | str,
    origin: str,
    *,
    base_url: str | None = None,
    declared: str | None = None,
) -> Record:
    """Build an article from an HTML page.

    Parameters
    ----------
    data
        The page, as bytes (decoded with :func:`decode_html`) or text.
    origin
        Where it came from (for the article and for errors).
    base_url
        The URL the page was fetched from: resolves a relative canonical link
        and is the article URL when the page names none.
    declared
        Charset declared outside the page (HTTP ``Content-Type``).

    Returns
    -------
    Article or ReadError

    Examples
    --------
    >>> parse_html("<html><body><nav>Menu</nav></body></html>", "p.html")
    ReadError(origin='p.html', reason='no article text')
    """
    if isinstance(data, bytes):
        try:
            html = decode_html(data, declared)
        except SourceError as exc:
            return ReadError(origin, str(exc))
    else:
        html = data
    if not html.strip():
        return ReadError(origin, "empty")
    meta = page_meta(html)
    visible = html_to_text(html)  # without navigation, header, footer, scripts...
    if not visible:
        return ReadError(origin, "no article text")
    doc = _trafilatura(html, base_url)
    body = ""
    if doc is not None and doc.text:
        body = "\n\n".join(line for line in clean_text(doc.text).split("\n") if line)
    body = body or visible
    published: date | None = None
    for key in _DATE_KEYS:
        published = parse_date(meta.get(key))
        if published:
            break
    if published is None and doc is not None:
        published = parse_date(doc.date)
    url = (
        _absolute(_first(meta, _URL_KEYS), base_url)
        or _absolute(getattr(doc, "url", None), base_url)
        or _absolute(base_url, None)
    )
    title = _first(meta, _TITLE_KEYS) or (doc.title if doc is not None else None)
    return build_article(
        origin,
        title=title or meta.get("title"),
        text=body,
        url=url,
        source=_first(meta, _SITE_KEYS) or (doc.sitename if doc is not None else None),
        published=published,
        language=meta.get("lang") or meta.get("og:locale") or meta.get("language"),
    )


@READERS.register("html.v1")
def read_html(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read an HTML file as one article (see :func:`parse_html`).

    Examples
    --------
    >>> list(read_html("missing.html"))
    [ReadError(origin='missing.html', reason='no such file or directory')]
    """
    origin = str(source)
    try:
        data = read_bytes(source)
    except SourceError as exc:
        yield ReadError(origin, str(exc))
        return
    yield parse_html(data, origin)
