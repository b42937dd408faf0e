"""Tests for geokg.ingest.language: the function-word language detector."""

from __future__ import annotations

from geokg.ingest.language import _WORD, LanguageDetector
from hypothesis import given, settings
from hypothesis import strategies as st

DETECTOR = LanguageDetector.default()
VOCABULARY = sorted({w for ws in DETECTOR.words.values() for w in ws})


def _reference(detector: LanguageDetector, text: str) -> str | None:
    """The detector's rule read token by token: each language's count of tokens in its word list."""
    tokens = [t.casefold() for t in _WORD.findall(text)]
    if len(tokens) < detector.min_words:
        return None
    counts = {lang: sum(t in ws for t in tokens) for lang, ws in detector.words.items()}
    best = max(counts, key=lambda k: (counts[k], k == "en"))
    if counts[best] >= max(2, len(tokens) * 0.08):
        return best
    return "und" if sum(t.isascii() for t in tokens) < len(tokens) / 2 else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(["Lima", "ПЕРУ", "talks", "TOMORROW", "über"]),
                          st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1, max_size=8)),
                max_size=40))
def test_detect_counts_every_occurrence_of_a_function_word(words: list[str]) -> None:
    text = " ".join(words)
    assert DETECTOR.detect(text) == _reference(DETECTOR, text)


def test_repeated_function_words_count_each_time() -> None:
    # "the" eight times among other words: English by its count, not by distinct words
    text = "the Lima the Tumbes the Arica the Cusco the Puno the Quito the Cali the Iquitos"
    assert DETECTOR.detect(text) == "en"
