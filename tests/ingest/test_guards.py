"""Article guards: length limit and language detection."""

from __future__ import annotations

from geokg.ingest.guards import ArticleGuard
from geokg.ingest.language import LanguageDetector
from geokg.ingest.records import Article


def test_declared_region_code_is_fine():
    art = Article.create(title="Peru and Chile sign accord", text="Peru signed an accord with Chile on Monday after talks.",
                         language="en-US")
    assert ArticleGuard().check(art) is None


def test_detection_beats_a_wrong_declaration():
    art = Article.create(title="Acuerdo", language="en",
                         text="El gobierno de Perú firmó el acuerdo con Chile y dijo que las conversaciones van a seguir.")
    err = ArticleGuard().check(art)
    assert err is not None and "detected language: es" in err.reason


def test_all_languages_accepted_when_asked():
    art = Article.create(title="Accord", text="Le gouvernement a signé un accord avec le Chili et il a dit que les discussions vont continuer.")
    assert ArticleGuard(languages=()).check(art) is None
    assert "fr" in ArticleGuard(languages=("en", "es")).check(art).reason


def test_short_or_numeric_text_is_not_judged():
    d = LanguageDetector.default()
    assert d.detect("Brexit") is None
    assert d.is_english("2025 2026 2027 1 2 3 4 5 6 7 8 9")


def test_non_latin_script_without_known_words():
    text = "東京で首脳会談が開かれ、両国は新しい安全保障協定に署名したと政府関係者が明らかにした。" * 3
    text = " ".join(text)  # one "word" per character, none of them a known function word
    assert LanguageDetector.default().detect(text) == "und"


def test_length_limit_names_the_article():
    art = Article.create(title="T", text="word " * 300, origin="huge.md")
    err = ArticleGuard(max_chars=1000).check(art)
    assert err.origin == "huge.md" and "too long" in err.reason
