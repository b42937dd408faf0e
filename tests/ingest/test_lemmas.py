"""The remembering lemmatizer gives spaCy's English rule lemmatizer's lemmas: random Docs, the real pipeline."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups
from spacy.tokens import Doc

import geokg.ingest.lemmas as lemmas
from geokg.ingest.lemmas import FastLemmatizer, use_fast_lemmatizer

ROOT = Path(__file__).resolve().parents[2]

WORDS = ["voted", "Voted", "opened", "ran", "runs", "hopes", "books", "book", "better", "best", "Paris", "was", "'s"]
UPOS = ["VERB", "NOUN", "ADJ", "PROPN", "AUX", "PART", ""]
MORPHS = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Tense=Pres|VerbForm=Fin",
          "Degree=Pos", "Degree=Sup"]


def _lookups() -> Lookups:
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"verb": [["ed", ""], ["ed", "e"], ["s", ""]],
                                      "noun": [["s", ""]], "adj": [["er", ""], ["est", ""]]})
    lookups.add_table("lemma_index", {"verb": ["vote", "open", "hope"], "noun": ["book"], "adj": []})
    lookups.add_table("lemma_exc", {"verb": {"ran": ["run"], "was": ["be"]}, "adj": {"better": ["good"],
                                                                                      "best": ["good"]}})
    return lookups


@functools.lru_cache(maxsize=1)
def _nlp() -> spacy.Language:
    return spacy.blank("en")


def _lemmatizers(overwrite: bool) -> tuple[EnglishLemmatizer, FastLemmatizer]:
    """spaCy's lemmatizer and ours, with the same tables, on one shared blank English vocab."""
    vocab = _nlp().vocab
    stock = EnglishLemmatizer(vocab, None, "stock", mode="rule", overwrite=overwrite)
    fast = FastLemmatizer(vocab, None, "fast", mode="rule", overwrite=overwrite)
    for lemmatizer in (stock, fast):
        lemmatizer.initialize(lookups=_lookups())
    return stock, fast


TOKENS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(UPOS), st.sampled_from(MORPHS),
                            st.sampled_from(["", "", "", "said"])), max_size=12)


def _doc(tokens: list[tuple[str, str, str, str]]) -> Doc:
    """A Doc of (word, part of speech, morphology, lemma already set or "")."""
    return Doc(_nlp().vocab, words=[t[0] for t in tokens], pos=[t[1] for t in tokens],
               morphs=[t[2] for t in tokens], lemmas=[t[3] for t in tokens])


@pytest.mark.filterwarnings("ignore::UserWarning")  # spaCy's W108: a token without a part of speech
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, min_size=1, max_size=4), st.booleans(), st.sampled_from([1, 2, 1 << 17]))
def test_same_lemmas_as_spacys_lemmatizer(texts: list, overwrite: bool, memo: int) -> None:
    # a memo of 1 or 2 forms starts again at nearly every token: what is worked out again must not change
    old, lemmas._MEMO_SIZE = lemmas._MEMO_SIZE, memo
    try:
        stock, fast = _lemmatizers(overwrite)
        for tokens in texts:
            assert [t.lemma_ for t in fast(_doc(tokens))] == [t.lemma_ for t in stock(_doc(tokens))]
    finally:
        lemmas._MEMO_SIZE = old


def test_a_form_is_worked_out_once_and_a_set_lemma_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    _, fast = _lemmatizers(overwrite=False)
    calls: list[str] = []
    rule = fast.rule_lemmatize
    monkeypatch.setattr(fast, "rule_lemmatize", lambda token: calls.append(token.text) or rule(token))
    doc = fast(_doc([("voted", "VERB", "", ""), ("voted", "VERB", "", ""), ("voted", "NOUN", "", ""),
                     ("ran", "VERB", "", "sprint")]))
    assert [t.lemma_ for t in doc] == ["vote", "vote", "voted", "sprint"]
    assert calls == ["voted", "voted"]  # once as a verb, once as a noun; the set lemma is not worked out
    fast(_doc([("voted", "VERB", "", "")]))
    assert calls == ["voted", "voted"]  # remembered from one Doc to the next


def test_new_tables_start_the_memo_again() -> None:
    _, fast = _lemmatizers(overwrite=False)
    assert fast(_doc([("ran", "VERB", "", "")]))[0].lemma_ == "run"
    other = _lookups()
    other.get_table("lemma_exc")["verb"] = {"ran": ["race"]}
    fast.lookups = other
    assert fast(_doc([("ran", "VERB", "", "")]))[0].lemma_ == "race"
    fast.from_bytes(_lemmatizers(overwrite=False)[0].to_bytes())  # tables read in place
    assert fast(_doc([("ran", "VERB", "", "")]))[0].lemma_ == "run"


def test_other_modes_are_refused() -> None:
    with pytest.raises(ValueError, match="'rule' mode only, not 'lookup'"):
        FastLemmatizer(_nlp().vocab, None, "fast", mode="lookup")


def test_use_fast_lemmatizer_keeps_the_tables_the_settings_and_the_place() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "rule", "overwrite": True}).initialize(lookups=_lookups())
    nlp.add_pipe("sentencizer", name="after")
    assert use_fast_lemmatizer(nlp) is True
    fast = nlp.get_pipe("lemmatizer")
    assert type(fast) is FastLemmatizer and fast.overwrite is True
    assert nlp.pipe_names == ["sentencizer", "lemmatizer", "after"]
    doc = Doc(nlp.vocab, words=["voted", "better"], pos=["VERB", "ADJ"], lemmas=["x", "x"])
    assert [t.lemma_ for t in fast(doc)] == ["vote", "good"]
    again = spacy.blank("en", config=nlp.config).from_bytes(nlp.to_bytes())  # the factory is registered: it serialises
    assert type(again.get_pipe("lemmatizer")) is FastLemmatizer
    assert again.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["adj"]["better"] == ["good"]


def test_other_lemmatizers_stay() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert use_fast_lemmatizer(nlp) is False and use_fast_lemmatizer(nlp, "absent") is False
    assert type(nlp.get_pipe("lemmatizer")) is EnglishLemmatizer


@pytest.mark.model
def test_the_real_pipeline_lemmatises_as_with_spacys_lemmatizer(monkeypatch: pytest.MonkeyPatch) -> None:
    import geokg.ingest.pipeline as pipeline
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    texts = [a.content for a in iter_articles([ROOT / "examples" / "articles"]) if isinstance(a, Article)]
    fast = pipeline.load_pipeline()
    monkeypatch.setattr(pipeline, "use_fast_lemmatizer", lambda nlp: False)
    stock = pipeline.load_pipeline()
    assert type(fast.get_pipe("lemmatizer")) is FastLemmatizer
    assert type(stock.get_pipe("lemmatizer")) is EnglishLemmatizer
    tokens = 0
    for a, b in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        tokens += len(a)
    assert tokens > 5000
