"""Tests for the HTML reader (html.v1) and the stdlib HTML helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from geokg.ingest.readers import html_to_text, page_meta, parse_html, read_html
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"


def test_page_with_open_graph_metadata() -> None:
    [a] = list(read_html(str(FIX / "page.html")))
    assert isinstance(a, Article)
    assert a.title == "Envoys resume border talks"
    assert a.url == "https://herald.example/2025/05/envoys-resume-talks"
    assert a.source == "Valley Herald"
    assert a.published == date(2025, 5, 12)
    assert a.language == "en"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0].startswith("Envoys from Arvenia and Belmora resumed talks")
    assert paragraphs[1].startswith("The foreign ministry of Arvenia said")
    # navigation, aside, footer and table are not article text; no repeated headline
    for noise in ("Home", "Sport", "Most read", "All rights reserved", "Fourth"):
        assert noise not in a.text
    assert not a.text.startswith("Envoys resume border talks")


def test_bare_page_falls_back_to_title_element() -> None:
    [a] = list(read_html(str(FIX / "bare.html")))
    assert isinstance(a, Article)
    assert a.title == "Port workers strike"
    assert a.text == "Dock workers in the port of Calder stopped work on Thursday over unpaid wages."
    assert a.url is None and a.published is None


def test_navigation_only_page_is_an_error() -> None:
    [r] = list(read_html(str(FIX / "navonly.html")))
    assert r == ReadError(str(FIX / "navonly.html"), "no article text")


def test_relative_canonical_resolved_against_base_url() -> None:
    html = (
        '<html><head><link rel="canonical" href="/story/7"></head>'
        "<body><p>The council approved the budget on Monday after a long debate.</p></body></html>"
    )
    a = parse_html(html, "https://site.example/x?utm=1", base_url="https://site.example/x?utm=1")
    assert isinstance(a, Article)
    assert a.url == "https://site.example/story/7"
    b = parse_html(html, "local.html")  # no base: a relative URL is no URL
    assert isinstance(b, Article) and b.url is None


def test_meta_charset_and_latin1_bytes() -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>Bogot\xe1</title></head><body><p>Se firm\xf3 el acuerdo en Bogot\xe1.</p></body></html>'
    a = parse_html(html.encode("latin-1"), "b.html")
    assert isinstance(a, Article)
    assert a.title == "Bogotá" and a.text == "Se firmó el acuerdo en Bogotá."


def test_empty_and_binary_html(tmp_path: Path) -> None:
    empty = tmp_path / "e.html"
    empty.write_bytes(b"")
    binary = tmp_path / "b.htm"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    assert list(read_html(str(empty))) == [ReadError(str(empty), "empty")]
    assert list(read_html(str(binary))) == [ReadError(str(binary), "looks like binary data")]
    assert parse_html("   ", "s.html") == ReadError("s.html", "empty")


def test_html_to_text_blocks_and_entities() -> None:
    html = (
        "<div>First &amp; foremost<br/>second line</div><style>p{}</style>"
        "<table><tr><td>a</td><td>b</td></tr></table><p>Caf&eacute;&nbsp;open</p>"
    )
    assert html_to_text(html) == "First & foremost\nsecond line\n\na b\n\nCafé open"


def test_html_to_text_unclosed_head_does_not_hide_body() -> None:
    assert html_to_text("<html><head><title>x</title><body><p>Body text.</p>") == "Body text."


def test_page_meta_first_wins_and_http_equiv() -> None:
    meta = page_meta(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        '<meta name="date" content="2025-01-02"><meta name="date" content="1999-01-01">'
    )
    assert meta["charset"] == "windows-1252"
    assert meta["date"] == "2025-01-02"
