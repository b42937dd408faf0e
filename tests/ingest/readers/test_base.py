"""Tests for geokg.ingest.readers.base: what the readers share (here: telling text from binary)."""

from __future__ import annotations

import unicodedata

from geokg.ingest.readers.base import _ALLOWED_CC, _looks_binary_text
from hypothesis import given, settings
from hypothesis import strategies as st


def _reference(s: str) -> bool:
    """The rule read character by character."""
    if "\x00" in s:
        return True
    sample = s[:20000]
    bad = sum(1 for c in sample if c not in _ALLOWED_CC and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn"))
    return bad > max(2, len(sample) // 100)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(codec=None), st.sampled_from("\t\n\r\x0c\x07\x85\ue000\ud800 aZ")),
               max_size=300))
def test_binary_text_is_told_as_the_character_rule_says(s: str) -> None:
    assert _looks_binary_text(s) == _reference(s)


def test_a_page_of_controls_is_binary_and_a_news_item_is_not() -> None:
    assert _looks_binary_text("\x01\x02\x03\x04 ok \x05\x06")
    assert _looks_binary_text("\ue000\ue001\ue002 private")  # private-use characters beyond the ASCII range too
    assert not _looks_binary_text("Lima \u2013 Peru\u2019s talks r\u00e9sum\u00e9, tab\tand\r\nnewlines")
