"""Words for actor coding: the tokenizer, its offset-free twin, slugs and singulars."""

from __future__ import annotations

from geokg.ingest.actors.words import (
    demonym_plurals,
    foldable,
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
