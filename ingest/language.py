"""Tell English text from other languages, with no model and no dependency.

geokg's extractor, lexicons and gazetteers are English; other languages are
detected and skipped with a message instead of producing nonsense events.
The detector counts very common function words of a few languages
(``data/text/language_words.tsv``) and the share of Latin letters.

Examples
--------
>>> detector = LanguageDetector.default()
>>> detector.detect("Mexico said on Tuesday that the talks with the United States would continue.")
'en'
>>> detector.detect("El gobierno de México dijo que las conversaciones con los Estados Unidos van a seguir.")
'es'
>>> detector.detect("Правительство заявило, что переговоры продолжатся на следующей неделе.")
'ru'
>>> detector.detect("12 34 56") is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geokg.ingest.resources import data_text

__all__ = ["LanguageDetector"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguageDetector:
    """Function-word language detector.

    Parameters
    ----------
    words
        ``{language: frozenset(words)}``.
    min_words
        Texts with fewer words than this are not judged (``None``).
    """

    words: dict[str, frozenset[str]]
    min_words: int = 8

    @classmethod
    def default(cls) -> "LanguageDetector":
        """The detector over geokg's packaged word lists."""
        text = data_text("text/language_words.tsv")
        words: dict[str, frozenset[str]] = {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lang, _, rest = line.partition("\t")
            words[lang.strip()] = frozenset(rest.split())
        return cls(words=words)

    def detect(self, text: str, *, sample: int = 20_000) -> str | None:
        """The most likely language code, or ``None`` when the text is too short to tell.

        Only the first ``sample`` characters are read.  Text mostly in a
        non-Latin script with no known function words is reported as ``"und"``.
        """
        tokens = [t.casefold() for t in _WORD.findall(text[:sample])]
        if len(tokens) < self.min_words:
            return None
        seen = Counter(tokens)  # each distinct word looked up once per language
        counts = {lang: sum(seen[w] for w in seen.keys() & ws) for lang, ws in self.words.items()}
        best = max(counts, key=lambda k: (counts[k], k == "en"))
        if counts[best] >= max(2, len(tokens) * 0.08):
            return best
        latin = sum(1 for t in tokens if t.isascii())
        return "und" if latin < len(tokens) / 2 else None

    def is_english(self, text: str) -> bool:
        """True unless the text is clearly in another language."""
        lang = self.detect(text)
        return lang in (None, "en")
