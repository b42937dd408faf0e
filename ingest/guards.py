"""Checks an article must pass before it is parsed.

Too long for the pipeline, or not in a language geokg understands: such an
article becomes a :class:`~geokg.ingest.records.ReadError` that names it and
says why, and the rest of the corpus goes on.

Examples
--------
>>> from geokg.ingest.records import Article
>>> guard = ArticleGuard(max_chars=100)
>>> guard.check(Article.create(title="Peru and Chile sign accord", text="Peru signed an accord with Chile on Monday after talks.")) is None
True
>>> print(guard.check(Article.create(title="T", text="x " * 80, origin="big.txt")))
big.txt: too long to parse (162 characters; the limit is 100)
>>> print(guard.check(Article.create(title="Acuerdo", text="El gobierno de Perú firmó el acuerdo con Chile y dijo que las conversaciones van a seguir.", origin="es.md")))
es.md: not in English (detected language: es); skipped
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geokg.ingest.language import LanguageDetector
from geokg.ingest.records import Article, ReadError

__all__ = ["ArticleGuard", "DEFAULT_MAX_CHARS"]

#: spaCy's own default ``nlp.max_length``: the parser needs about 1 GB per 100,000 characters.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class ArticleGuard:
    """Refuse articles that are too long or not in an accepted language.

    Parameters
    ----------
    max_chars
        Longest ``Article.content`` accepted.
    languages
        Accepted language codes; an empty tuple accepts every language.
    """

    max_chars: int = DEFAULT_MAX_CHARS
    languages: tuple[str, ...] = ("en",)
    detector: LanguageDetector = field(default_factory=LanguageDetector.default)

    def check(self, article: Article) -> ReadError | None:
        """``None`` when the article may be parsed, else the reason as a ReadError."""
        origin = article.origin or article.url or article.id
        size = len(article.content)
        if size > self.max_chars:
            return ReadError(origin, f"too long to parse ({size:,} characters; the limit is {self.max_chars:,})")
        if self.languages:
            declared = (article.language or "").replace("_", "-").split("-")[0].lower() or None
            lang = self.detector.detect(article.content) or declared
            if lang is not None and lang not in self.languages:
                return ReadError(origin, f"not in English (detected language: {lang}); skipped"
                                 if self.languages == ("en",) else
                                 f"language {lang} is not among {', '.join(self.languages)}; skipped")
        return None
