"""Tests for geokg.ingest.text: clean_text, split_front_matter, parse_date."""

from __future__ import annotations

import doctest
import unicodedata
from datetime import date

import geokg.ingest.text as text_module
import pytest
from geokg.ingest.text import clean_text, parse_date, split_front_matter
from hypothesis import given, settings
from hypothesis import strategies as st


def test_doctests() -> None:
    result = doctest.testmod(text_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# --- clean_text -------------------------------------------------------------------


def test_nfc_composes_combining_accents() -> None:
    assert clean_text("Bogota\u0301") == "Bogotá"
    assert unicodedata.is_normalized("NFC", clean_text("e\u0301te\u0301"))


def test_control_characters_removed_newline_kept() -> None:
    assert clean_text("a\x00b\x07c\x1bd\nE\x7f") == "abcd\nE"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=60))
def test_control_characters_are_exactly_unicode_category_cc(s: str) -> None:
    """The table-driven strip matches the definition character by character (C1 controls too)."""
    from geokg.ingest.text import _strip_controls

    expected = "".join(" " if c == "\t" else c for c in s if c in "\n\t" or unicodedata.category(c) != "Cc")
    assert _strip_controls(s) == expected


def test_tabs_and_exotic_spaces_become_one_space() -> None:
    assert clean_text("a\t\tb\u00a0\u00a0c\u2009d\u3000e\u202ff") == "a b c d e f"


def test_invisible_junk_removed() -> None:
    s = "\ufeffcease\u00adfire\u200b talks\u2060 \u200eresume"
    assert clean_text(s) == "ceasefire talks resume"


def test_zwj_kept() -> None:
    # joiners carry meaning in several scripts and emoji; they must survive
    assert "\u200d" in clean_text("a\u200db")


def test_ligatures_and_non_breaking_hyphen() -> None:
    assert clean_text("\ufb01rst of\ufb02ine e\u2011mail") == "first offline e-mail"


def test_newline_styles_and_separators() -> None:
    assert clean_text("a\r\nb\rc\u2028d\u2029e\x0cf") == "a\nb\nc\nd\n\ne\nf"


def test_paragraphs_exactly_one_blank_line() -> None:
    s = "  One  \n \t \n\n\n\nTwo\n\n  \n\nThree\nstill three  "
    assert clean_text(s) == "One\n\nTwo\n\nThree\nstill three"


def test_empty_and_whitespace_only() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\u00a0\t\u200b\n ") == ""


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_invariants(s: str) -> None:
    out = clean_text(s)
    assert clean_text(out) == out  # idempotent
    assert out == out.strip()
    assert "\n\n\n" not in out
    assert "\r" not in out and "\t" not in out and "  " not in out
    assert all(unicodedata.category(c) != "Cc" for c in out if c != "\n")
    for line in out.split("\n"):
        assert line == line.strip()


# --- split_front_matter -------------------------------------------------------------


def test_front_matter_basic() -> None:
    meta, body = split_front_matter(
        "---\ntitle: 'Dam: phase two'\nDate: 2025-03-04\nurl: https://x.example/a?b=c\n---\nBody line.\n"
    )
    assert meta == {"title": "Dam: phase two", "date": "2025-03-04", "url": "https://x.example/a?b=c"}
    assert body == "Body line.\n"


def test_front_matter_tolerates_bom_crlf_comments_and_lists() -> None:
    s = "\ufeff---\r\n# a comment\r\ntitle: T\r\ntags:\r\n  - a\r\n- b\r\n\r\n---\r\nText"
    meta, body = split_front_matter(s)
    assert meta == {"title": "T", "tags": ""}
    assert body == "Text"


@pytest.mark.parametrize(
    "s",
    [
        "No front matter.",
        "---\ntitle: never closed\nText.",
        "---\nJust a sentence in a block.\n---\nText.",
        "Intro\n---\ntitle: T\n---\n",
    ],
)
def test_no_front_matter_returns_input(s: str) -> None:
    assert split_front_matter(s) == ({}, s)


def test_empty_front_matter() -> None:
    assert split_front_matter("---\n---\nText") == ({}, "Text")


# --- parse_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "s, expected",
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("2025-03-04T10:15:00Z", date(2025, 3, 4)),
        ("2025-03-04T23:30:00-05:00", date(2025, 3, 4)),  # as written, not UTC
        ("2025-03-04 10:15", date(2025, 3, 4)),
        ("2025/3/4", date(2025, 3, 4)),
        ("20250304", date(2025, 3, 4)),
        ("Tue, 04 Mar 2025 10:00:00 GMT", date(2025, 3, 4)),
        ("Wed, 5 Mar 2025 01:00:00 +0900", date(2025, 3, 5)),
        ("March 4, 2025", date(2025, 3, 4)),
        ("Mar. 4 2025", date(2025, 3, 4)),
        ("Tuesday, March 4th, 2025", date(2025, 3, 4)),
        ("4 March 2025", date(2025, 3, 4)),
        ("4th of Sept 2025", date(2025, 9, 4)),
        ("  12 December 2024 ", date(2024, 12, 12)),
    ],
)
def test_parse_date_accepts(s: str, expected: date) -> None:
    assert parse_date(s) == expected


@pytest.mark.parametrize(
    "s",
    [None, "", "   ", "soon", "not a date", "2025-02-30", "2025-13-01", "February 30, 2025",
     "yesterday", "3 days ago", "2025", "x" * 500],
)
def test_parse_date_rejects_junk(s: str | None) -> None:
    assert parse_date(s) is None


def test_parse_date_dateparser_fallback_other_languages() -> None:
    pytest.importorskip("dateparser")
    assert parse_date("1 Mai 2025") == date(2025, 5, 1)
    assert parse_date("le 4 mars 2025") == date(2025, 3, 4)
