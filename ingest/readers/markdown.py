"""Markdown reader (``markdown.v1``) and a small Markdown-to-text converter.

The converter is deliberately small and line based: it keeps what a reader
sees and drops what only a renderer needs.  Headings lose their ``#`` marks
and become paragraphs of their own; emphasis, strike-through and inline code
markers are removed; ``[text](url)`` becomes ``text``; images, reference
definitions, HTML comments and tags, horizontal rules and fenced code blocks
are dropped; list items stay one per line (bullets normalised to ``- ``);
blockquote markers are removed; table separator rows are dropped and cells
joined with `` | ``; backslash escapes are honoured.  Soft-wrapped lines of a
paragraph (or of a list item) are joined with a space, as a renderer would;
a hard break (two trailing spaces or a backslash) keeps its newline.

Examples
--------
>>> markdown_to_text("# Talks\\nThe *envoy* met [officials](https://e.test).\\n")
'Talks\\n\\nThe envoy met officials.'
"""

from __future__ import annotations

import re
from typing import Iterator

from geokg.ingest.readers.base import READERS, ReadOptions, Record
from geokg.ingest.readers.plaintext import read_document
from geokg.ingest.text import clean_text

__all__ = ["markdown_to_text", "read_markdown"]

_FENCE_OPEN = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^\s*(\d{1,9})[.)]\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()]|\([^)]*\))*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_EM_UNDER = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_PUA = 0xE000  # escaped characters are parked in the private-use area


def _inline_plain(s: str) -> str:
    s = _IMAGE.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _REFLINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _TAG.sub("", s)
    for _ in range(3):  # nested emphasis such as ***x*** or **_x_**
        s2 = _STRIKE.sub(r"\1", _EM_UNDER.sub(r"\1", _EM_STAR.sub(r"\1", _STRONG.sub(r"\2", s))))
        if s2 == s:
            break
        s = s2
    return s


def _inline(s: str) -> str:
    """Inline markup -> text; code spans are kept verbatim."""
    s = _ESCAPE.sub(lambda m: chr(_PUA + ord(m.group(1))), s)
    out: list[str] = []
    pos = 0
    for m in _CODE.finditer(s):
        out.append(_inline_plain(s[pos:m.start()]))
        out.append(m.group(2).strip())
        pos = m.end()
    out.append(_inline_plain(s[pos:]))
    text = "".join(out)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PUA), text)


def _table_row(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return " | ".join(_inline(c) for c in cells if c)


def markdown_to_text(md: str) -> str:
    """Convert Markdown to plain text (see the module docstring for the rules).

    Parameters
    ----------
    md
        Markdown source (without front matter).

    Returns
    -------
    str
        Clean text; headings and paragraphs separated by blank lines, list
        items one per line.

    Examples
    --------
    >>> print(markdown_to_text(
    ...     "Summit\\n======\\n\\n![map](m.png)\\n* **Oil** prices\\n2. snake_case stays\\n"
    ...     "```\\ncode()\\n```\\n> Quoted `a*b`,\\n> wrapped."))
    Summit
    <BLANKLINE>
    - Oil prices
    2. snake_case stays
    <BLANKLINE>
    Quoted a*b, wrapped.
    """
    lines = _COMMENT.sub("", md.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    out: list[str] = []
    fence: str | None = None
    joinable = False  # may the next plain line continue out[-1]? (soft wrap)

    def block(*texts: str) -> None:
        nonlocal joinable
        out.extend(texts)
        joinable = False

    for line in lines:
        if fence is not None:
            s = line.strip()
            if s.startswith(fence) and not s.strip(fence[0]):
                fence = None
            continue
        m = _FENCE_OPEN.match(line)
        if m:
            fence = m.group(1)
            block("")
            continue
        if _REFDEF.match(line):
            continue
        if not line.strip():
            block("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip() and joinable:
            # the previous paragraph was a heading: make it a paragraph of its own
            out.insert(len(out) - 1, "")
            block("")
            continue
        if _HR.match(line):
            block("")
            continue
        line = _QUOTE.sub("", line)
        hard_break = line.endswith(("  ", "\\"))
        if hard_break and line.endswith("\\"):
            line = line[:-1]
        m = _ATX.match(line)
        if m:
            block("", _inline(m.group(1) or ""), "")
            continue
        m = _BULLET.match(line)
        if m:
            out.append("- " + _inline(m.group(1)))
        elif (m := _ORDERED.match(line)) is not None:
            out.append(f"{m.group(1)}. " + _inline(m.group(2)))
        elif _TABLE_SEP.match(line) and "-" in line:
            continue
        elif line.count("|") >= 2 and line.strip().startswith("|"):
            block(_table_row(line))
            continue
        elif joinable and out:
            out[-1] = out[-1].rstrip() + " " + _inline(line).strip()
        else:
            out.append(_inline(line))
        joinable = not hard_break
    return clean_text("\n".join(out))


@READERS.register("markdown.v1")
def read_markdown(source: str, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Read a Markdown file: optional front matter (``title``, ``date``,
    ``source``, ``url``, ``language``), else the first heading or line is the
    title; the body is converted with :func:`markdown_to_text`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "a.md")
    ...     _ = p.write_text("# Ceasefire holds\\n\\nBoth **sides** kept it.\\n")
    ...     [(a.title, a.text) for a in read_markdown(str(p))]
    [('Ceasefire holds', 'Both sides kept it.')]
    """
    yield from read_document(source, convert=markdown_to_text)
