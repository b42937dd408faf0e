"""The spaCy side: model setting, block sentence splitting, sentences."""

from __future__ import annotations

import functools

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from geokg.ingest.pipeline import (
    DEFAULT_MODEL,
    doc_sentences,
    load_pipeline,
    resolve_model,
)


def test_model_setting_order(monkeypatch, tmp_path):
    monkeypatch.delenv("GEOKG_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_model() == DEFAULT_MODEL
    (tmp_path / "geokg.toml").write_text('[geokg]\nmodel = "from_config"\n')
    assert resolve_model() == "from_config"
    monkeypatch.setenv("GEOKG_MODEL", "from_env")
    assert resolve_model() == "from_env"
    assert resolve_model("from_arg") == "from_arg"


def test_bad_config_is_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[geokg\nmodel=")
    with pytest.raises(ValueError, match="bad.toml"):
        resolve_model(config=bad)
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        resolve_model(config=tmp_path / "nope.toml")


def test_missing_model_message():
    with pytest.raises(OSError, match="no_such_pipeline_xyz.*--model"):
        load_pipeline("no_such_pipeline_xyz")


def test_blocks_split_headline_and_paragraphs():
    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    nlp.add_pipe("sentencizer")
    text = "Mexico Rejects Plan\n\nThe government said no to the plan and more\nA second paragraph here."
    doc = nlp(text)
    sents = list(doc_sentences(doc, "a1"))
    assert [s.text for s in sents] == [
        "Mexico Rejects Plan",
        "The government said no to the plan and more",
        "A second paragraph here.",
    ]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_a_headline_is_one_sentence_but_a_first_paragraph_is_not_forced():
    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    doc = nlp("Chile Accuses U.S. Over Talks\n\nChile spoke. It left.")
    assert [t.text for t in doc[:6] if t.is_sent_start is False] == ["Accuses", "U.S.", "Over", "Talks", "\n\n"]
    # a first line that ends as a sentence does is no headline: its sentences are the parser's to find
    doc = nlp("Chile spoke on Monday. Peru left.\n\nMore came.")
    assert [t.is_sent_start for t in doc if t.text in ("Peru", "More")] == [None, True]
    # ... nor is a line of a paragraph wrapped by hand (no blank line after it)
    doc = nlp("Chile spoke on Monday. Peru said that the\ntalks would go on.")
    assert doc[5].text == "Peru" and doc[5].is_sent_start is None


def test_no_sentence_starts_right_after_a_word():
    # the parser cut "US | troops entered ..." after a paragraph's first word: a sentence ends on
    # punctuation (or a line), never between two words
    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    doc = nlp("Clashes Kill 12\n\nUS troops entered the town. They left.")
    assert [(t.text, t.is_sent_start) for t in doc[4:7]] == [("US", True), ("troops", False), ("entered", False)]
    assert [t.is_sent_start for t in doc if t.text in (".", "They")] == [False, None, False]


@pytest.mark.model
def test_real_model_keeps_a_headline_with_an_abbreviation_whole(nlp):
    # the parser alone cuts "Chile Govt." from "Seeks to Confirm ...", "Peru Cancels Meeting with Eq." from "Guinea"
    for title in ("Chile Govt. Seeks to Confirm if Peru Aide Held", "Peru Cancels Meeting with Eq. Guinea"):
        doc = nlp(f"{title}\n\nChile accused the United States on Friday of wrecking talks.")
        sents = [s.text.strip() for s in doc.sents if s.text.strip()]
        assert sents == [title, "Chile accused the United States on Friday of wrecking talks."]


@pytest.mark.model
def test_real_model_keeps_headline_apart(nlp):
    doc = nlp("Mexico Rejects US Military Action Against Cartels\n\nThe Mexican government pushed back.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "Mexico Rejects US Military Action Against Cartels"
    assert nlp.pipe_names.index("geokg_blocks") < nlp.pipe_names.index("parser")


def _blocks_token_by_token(doc):
    """geokg_blocks as first written, one Token at a time: the reference of the array version."""
    from geokg.ingest.pipeline import _HEADLINE_TOKENS, _SENTENCE_ENDS

    cut = next((t.i for t in doc if t.is_space and "\n" in t.text), None)
    blank = cut is not None and doc[cut].text.count("\n") >= 2
    last = next((t for t in reversed(doc[:cut]) if not t.is_space), None) if cut and blank else None
    if last is not None and last.text not in _SENTENCE_ENDS and cut <= _HEADLINE_TOKENS:
        for token in doc[1:cut + 1]:
            token.is_sent_start = False
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break:
            token.is_sent_start = True
            after_break = False
        elif token.i and token.is_sent_start is None and (doc[token.i - 1].is_alpha or doc[token.i - 1].is_digit):
            token.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=1)
def _blank():
    return spacy.blank("en")


_BLOCK_WORDS = ["Chile", "Rejects", "U.S.", "plan", "said", "3", "1990s", ".", "?", ")", "’", ",", "-", "\n", "\n\n",
                " ", "\n \n"]


@given(st.lists(st.tuples(st.sampled_from(_BLOCK_WORDS), st.sampled_from([None, True, False])), max_size=70),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_blocks_by_arrays_as_token_by_token(tokens, long_title):
    # the array version sets the sentence starts the token-by-token one sets, whatever the parser
    # or a user set before it (None / True / False)
    from geokg.ingest.pipeline import split_blocks
    from spacy.tokens import Doc

    nlp = _blank()
    if long_title:  # a first line past the headline limit
        tokens = [("Chile", None)] * 61 + tokens
    docs = []
    for _ in range(2):
        doc = Doc(nlp.vocab, words=[w for w, _ in tokens], spaces=[False] * len(tokens))
        for token, (_, start) in zip(doc, tokens):
            if token.i:
                token.is_sent_start = start
        docs.append(doc)
    ours, reference = split_blocks(docs[0]), _blocks_token_by_token(docs[1])
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in reference]
