"""Words for actor coding: the tokenizer, its offset-free twin, slugs and singulars."""

from __future__ import annotations

from geokg.ingest.actors.words import (
    demonym_plurals,
    foldable,
    previous_word,
    singular,
    slug,
    tokenize,
    words_of,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def test_tokenize_and_slug():
    assert [t for t, _, _ in tokenize("the US military’s Northern Command")] == [
        "the", "US", "military", "’s", "Northern", "Command"]
    assert slug("Andrés Manuel López Obrador") == "andres-manuel-lopez-obrador"


def test_tokens_carry_their_offsets():
    text = "  Mexico's U.S.-backed\tforces"
    assert all(text[a:b] == t for t, a, b in tokenize(text))


_alphabet = st.sampled_from(list("aZ’'s.-_ 1\t\nÉé,()") + ["U.S.", "-led", "Vietnamese", "al-", "'s ", "’s"])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_alphabet, max_size=30).map("".join))
def test_words_of_is_tokenize_without_offsets(text):
    assert words_of(text) == [t for t, _, _ in tokenize(text)]


def test_singular():
    assert [singular(w) for w in ("officials", "policemen", "authorities", "forces", "news", "US", "ties")] == [
        "official", "policeman", "authority", "force", "news", "us", "tie"]


def test_demonyms_and_folding():
    assert demonym_plurals("Mexican") == ["Mexicans"] and demonym_plurals("Chinese") == []
    assert demonym_plurals("Englishman") == ["Englishmen"]
    homographs = frozenset({"polish"})
    assert foldable("Tunisian", homographs) and not foldable("Polish", homographs) and not foldable("US", homographs)


def _regex_spans(text: str) -> list[tuple[str, int, int]]:
    """The tokenizer's regex read match by match, with the "-led" cut: what tokenize returns."""
    from geokg.ingest.actors.words import _LED_RE, _TOKEN_RE

    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        cut = _LED_RE.match(word) if "-" in word else None
        if cut:
            k = m.start() + len(cut.group(1))
            out += [(cut.group(1), m.start(), k), (word[len(cut.group(1)):], k, m.end())]
        else:
            out.append((word, *m.span()))
    return out


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_alphabet, max_size=30).map("".join))
def test_tokenize_offsets_are_the_regex_spans(text):
    # tokenize finds each token after the one before (tokens tile the non-space characters)
    assert tokenize(text) == _regex_spans(text)


def test_led_compounds_are_cut_only_with_their_suffix():
    assert words_of("Saudi-led and Iran-backed forces in Lebanon-Syria") == [
        "Saudi", "-led", "and", "Iran", "-backed", "forces", "in", "Lebanon-Syria"]
    assert words_of("a well-led Saudi-Iranian force") == ["a", "well-led", "Saudi-Iranian", "force"]
    # a Title Case headline's suffix too
    assert words_of("Chile Blames Peru-Led Forces") == ["Chile", "Blames", "Peru", "-Led", "Forces"]


def test_irregular_plurals_of_people_words():
    from geokg.ingest.actors.words import singular

    assert (singular("men"), singular("children"), singular("women"), singular("policemen")) == (
        "man", "child", "woman", "policeman")


_PREVIOUS_WORD = r"(?<![\w.'’-])([\w.'’-]+)[ \t]$"  # what previous_word reads, as a regular expression


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("aZ’'s.-_ 1\t\nÉ,(") + ["U.S. ", "North ", " \n", "Korean"]),
                max_size=30).map("".join), st.integers(0, 60), st.integers(1, 45))
def test_previous_word_is_the_regex_read_backwards(text, start, window):
    # the search tries the pattern at every offset of the window; previous_word walks back from start once
    # (a word cut by the window's start is no match: the look-behind sees the letter before it)
    import re

    m = re.compile(_PREVIOUS_WORD).search(text, max(0, start - window), start)
    assert previous_word(text, start, window) == (m.span(1) if m else None)
