"""DocTable lemmas: verb forms whose final -e the model cut are repaired."""

from __future__ import annotations

import pytest
from geokg.ingest.extract.doctable import verb_lemma


@pytest.mark.parametrize(
    "word, tag, lemma, expected",
    [
        ("hopes", "VBZ", "hop", "hope"),    # spaCy's "hop" coded "Fatah hopes ..." as an appeal
        ("hoping", "VBG", "hop", "hope"),
        ("staged", "VBD", "stag", "stage"),
        ("hops", "VBZ", "hop", "hop"),
        ("fixes", "VBZ", "fix", "fix"),
        ("buses", "VBZ", "bus", "bus"),     # -s takes -es
        ("visiting", "VBG", "visit", "visit"),
        ("hopes", "NNS", "hope", "hope"),
    ],
)
def test_verb_lemma(word, tag, lemma, expected):
    assert verb_lemma(word, tag, lemma) == expected
