"""Tests of geokg.ingest.extract.config: lexicon loading and per-config caching."""

from __future__ import annotations

import pytest
from geokg.ingest.extract.config import ExtractorConfig, LexiconError


def test_lexicon_classes_come_from_data() -> None:
    lex = ExtractorConfig().lexicon
    assert "warn" in lex.speech
    assert lex.verb_mode("plan") == "intended"
    assert lex.verb_mode("urge") == "demanded"
    assert "refuse" in lex.negators
    assert lex.modals["would"] == "hypothetical" and lex.modals["will"] == "future"
    assert lex.is_event_noun("ultimatum") and not lex.is_event_noun("table")
    assert lex.is_role_noun("President")
    assert lex.pronouns["their"].possessive and lex.pronouns["she"].animacy == "person"


def test_lexicon_is_cached_per_config_object() -> None:
    a, b = ExtractorConfig(), ExtractorConfig(nominals=False)
    assert a.lexicon is a.lexicon
    assert a.lexicon is not b.lexicon


def test_two_configs_with_different_data_coexist(tmp_path) -> None:
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract/verbs.tsv").write_text("shout\tspeech\t\n", encoding="utf-8")
    (tmp_path / "extract/nominals.tsv").write_text("raid\n", encoding="utf-8")
    (tmp_path / "extract/roles.tsv").write_text("mayor\n", encoding="utf-8")
    (tmp_path / "extract/pronouns.tsv").write_text("she\tsg\tf\tperson\t0\n", encoding="utf-8")
    (tmp_path / "extract/headline_verbs.tsv").write_text("meet\n", encoding="utf-8")
    custom = ExtractorConfig(data_dir=str(tmp_path))
    assert custom.lexicon.speech == frozenset({"shout"})
    assert "warn" in ExtractorConfig().lexicon.speech


def test_missing_file_names_the_file(tmp_path) -> None:
    with pytest.raises(LexiconError, match="extract/verbs.tsv"):
        _ = ExtractorConfig(data_dir=str(tmp_path)).lexicon


def test_malformed_row_names_the_file(tmp_path) -> None:
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract/verbs.tsv").write_text("lonely\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="extract/verbs.tsv.*lonely"):
        _ = ExtractorConfig(data_dir=str(tmp_path)).lexicon
