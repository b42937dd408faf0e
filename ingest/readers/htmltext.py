"""A tiny HTML-to-text converter and page-metadata scanner on the stdlib parser.

Used for feed entry bodies (HTML fragments), as the fallback when trafilatura
finds no main text in a page, and to read ``<title>``, ``<meta>`` and
``<link rel=canonical>`` tags.  Block elements become paragraphs separated by
blank lines, ``<br>`` a newline; ``script``, ``style``, ``nav``, ``aside``,
``form``, ``header``, ``footer`` and similar noise are skipped.

Examples
--------
>>> html_to_text("<p>Talks <b>resumed</b>.</p><script>x()</script><p>Then&nbsp;ended.</p>")
'Talks resumed.\\n\\nThen ended.'
>>> page_meta('<title>Hi</title><meta property="og:url" content="https://e.test/a">')["og:url"]
'https://e.test/a'
"""

from __future__ import annotations

from html.parser import HTMLParser

from geokg.ingest.text import clean_text

__all__ = ["html_to_text", "page_meta"]

_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "head", "nav",
    "aside", "form", "button", "select", "textarea", "iframe", "object",
    "header", "footer", "figure", "canvas", "video", "audio",
})
_BLOCK = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
    "hr", "address", "details", "summary", "body", "html", "center",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # an unclosed <head> (or other skipped block) ends here
            self.skip_stack.clear()
        if self.skip_stack:
            if tag in _SKIP and tag not in _VOID:
                self.skip_stack.append(tag)
            return
        if tag in _SKIP:
            self.skip_stack.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip_stack and tag == "br":
            self.parts.append("\n")
        elif not self.skip_stack and tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if tag == self.skip_stack[-1]:
                self.skip_stack.pop()
            elif tag in self.skip_stack:  # tolerate unclosed inner skip tags
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_stack:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML document or fragment, paragraphs separated by
    blank lines.

    Parameters
    ----------
    html
        HTML markup (a full page or a fragment such as a feed entry body).

    Returns
    -------
    str
        Clean text (see :func:`geokg.ingest.text.clean_text`).

    Examples
    --------
    >>> html_to_text("<ul><li>One</li><li>Two</li></ul>Line<br>break")
    'One\\n\\nTwo\\n\\nLine\\nbreak'
    >>> html_to_text("plain &amp; simple")
    'plain & simple'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return clean_text("".join(parser.parts))


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self._in_title = False
        self._title: list[str] = []
        self._time: str | None = None

    def _put(self, key: str, value: str | None) -> None:
        if key and value and value.strip() and key not in self.meta:
            self.meta[key] = value.strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html":
            self._put("lang", a.get("lang") or a.get("xml:lang"))
        elif tag == "title" and "title" not in self.meta:
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key:
                self._put(key, a.get("content"))
            if "charset" in a:
                self._put("charset", a["charset"])
            elif a.get("http-equiv", "").lower() == "content-type":
                content = a.get("content", "")
                if "charset=" in content.lower():
                    self._put("charset", content.lower().split("charset=", 1)[1].split(";")[0])
        elif tag == "link":
            rels = a.get("rel", "").lower().split()
            if "canonical" in rels:
                self._put("canonical", a.get("href"))
        elif tag == "time" and a.get("datetime"):
            self._put("time", a.get("datetime"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self._put("title", clean_text("".join(self._title)).replace("\n", " "))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)


def page_meta(html: str) -> dict[str, str]:
    """Metadata of an HTML page: ``title`` (the ``<title>`` text), every
    ``<meta>`` by its lower-cased ``property``/``name``/``itemprop``
    (``og:url``, ``og:site_name``, ``article:published_time``...),
    ``canonical``, ``lang``, ``charset`` and the first ``<time datetime>`` as
    ``time``.  The first occurrence of a key wins.

    Examples
    --------
    >>> m = page_meta('<html lang="en"><head><title> A &amp; B </title>'
    ...               '<link rel="canonical" href="/a"><meta charset="utf-8"></head></html>')
    >>> m["title"], m["canonical"], m["lang"], m["charset"]
    ('A & B', '/a', 'en', 'utf-8')
    """
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    return parser.meta
