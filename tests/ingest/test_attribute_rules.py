"""The table-driven attribute ruler gives spaCy's AttributeRuler's result, on random rules and on the real pipeline."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

import geokg.ingest.attribute_rules as attribute_rules
import geokg.ingest.pipeline  # noqa: F401  (registers geokg_blocks)
from geokg.ingest.attribute_rules import FastAttributeRuler, RuleTable, use_fast_attribute_ruler

ROOT = Path(__file__).resolve().parents[2]
SHARED_NEWS = ROOT.parent / "shared" / "data" / "news" / "ag_news_world_test.csv"
COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]

WORDS = ["the", "The", "a", "new", "New", "york", "York", "is", "'s", "not", "n't", "nt", "ran", "run", "\n", " "]
TAGS = ["NN", "NNP", "DT", "VBZ", "VBD", "RB", "_SP", "POS"]
DEPS = ["nsubj", "dobj", "det", "ROOT", "neg", "dep"]
LEMMAS = ["be", "not", "run", "york"]
MORPHS = ["Number=Sing", "Tense=Past|VerbForm=Fin", "Polarity=Neg", "_"]
UPOS = ["NOUN", "PROPN", "DET", "AUX", "VERB", "PART", "SPACE"]


def _value(values: list[str]) -> st.SearchStrategy:
    """An attribute test the table reads: a value, IN, NOT_IN (REGEX for LOWER is added by the caller)."""
    return st.one_of(st.sampled_from(values),
                     st.lists(st.sampled_from(values + [""]), min_size=1, max_size=3).map(lambda v: {"IN": v}),
                     st.lists(st.sampled_from(values + [""]), min_size=1, max_size=3).map(lambda v: {"NOT_IN": v}))


TOKEN_PATTERN = st.fixed_dictionaries({}, optional={
    "TEXT": _value(WORDS),
    "lower": st.one_of(_value([w.lower() for w in WORDS]),
                       st.sampled_from(["^n'?t$", "^y", "e", "^$"]).map(lambda r: {"REGEX": r})),
    "TAG": _value(TAGS),
    "DEP": _value(DEPS),
    "IS_SPACE": st.booleans(),
})
ATTRS = st.fixed_dictionaries({}, optional={
    "POS": st.sampled_from(UPOS), "MORPH": st.sampled_from(MORPHS), "LEMMA": st.sampled_from(LEMMAS),
    "TAG": st.sampled_from(TAGS), "DEP": st.sampled_from(DEPS),
}).filter(bool)


@st.composite
def rules(draw) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(1, 12))):
        size = draw(st.integers(1, 3))
        patterns = draw(st.lists(st.lists(TOKEN_PATTERN, min_size=size, max_size=size), min_size=1, max_size=2))
        out.append({"patterns": patterns, "attrs": draw(ATTRS), "index": draw(st.integers(-size, size - 1))})
    return out


@st.composite
def docs(draw) -> list[dict]:
    n = draw(st.integers(0, 12))
    return [{"word": draw(st.sampled_from(WORDS)), "tag": draw(st.sampled_from(TAGS + [""])),
             "dep": draw(st.sampled_from(DEPS))} for _ in range(n)]


def _doc(vocab, tokens: list[dict]) -> Doc:
    words = [t["word"] for t in tokens]
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=[t["tag"] for t in tokens],
               heads=list(range(len(words))), deps=[t["dep"] for t in tokens])


@functools.lru_cache(maxsize=1)
def _nlp() -> spacy.Language:
    return spacy.blank("en")


def _rulers(patterns: list[dict]) -> tuple[spacy.Language, AttributeRuler, FastAttributeRuler]:
    """spaCy's ruler and ours, with the same rules, on one shared blank English vocab."""
    nlp = _nlp()
    stock, fast = AttributeRuler(nlp.vocab), FastAttributeRuler(nlp.vocab)
    for p in patterns:
        stock.add(**p)
        fast.add(**p)
    return nlp, stock, fast


def _outcome(ruler, doc: Doc):
    try:
        return ruler(doc).to_array(COLUMNS).tolist()
    except ValueError as exc:  # a rule whose index falls outside its match
        return type(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules(), st.lists(docs(), min_size=1, max_size=4), st.sampled_from([2, 1 << 15]))
def test_same_attributes_as_spacys_ruler(patterns: list[dict], texts: list[list[dict]], memo: int) -> None:
    # a memo of 2 entries starts again at nearly every token: what is looked up again must not change
    old, attribute_rules._MEMO_SIZE = attribute_rules._MEMO_SIZE, memo
    try:
        nlp, stock, fast = _rulers(patterns)
        assert fast.table is not None  # every rule drawn is in the table's subset
        for tokens in texts:
            assert _outcome(fast, _doc(nlp.vocab, tokens)) == _outcome(stock, _doc(nlp.vocab, tokens))
    finally:
        attribute_rules._MEMO_SIZE = old


def test_a_rule_outside_the_subset_falls_back_to_the_matcher() -> None:
    patterns = [{"patterns": [[{"LOWER": "new", "OP": "+"}]], "attrs": {"LEMMA": "new"}},
                {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}]
    nlp, stock, fast = _rulers(patterns)
    assert fast.table is None and RuleTable.from_ruler(stock) is None
    tokens = [{"word": "new", "tag": "NN", "dep": "dep"}, {"word": "new", "tag": "DT", "dep": "det"}]
    assert _outcome(fast, _doc(nlp.vocab, tokens)) == _outcome(stock, _doc(nlp.vocab, tokens))
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    for p in patterns:
        ruler.add(**p)
    assert use_fast_attribute_ruler(pipeline) is False  # the stock ruler stays where the table cannot serve
    assert type(pipeline.get_pipe("attribute_ruler")) is AttributeRuler


@pytest.mark.filterwarnings("ignore:.*does not have any patterns:UserWarning")  # spaCy's, once cleared
def test_added_and_loaded_rules_are_read_again() -> None:
    nlp, stock, fast = _rulers([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    tokens = [{"word": "york", "tag": "NN", "dep": "dep"}]

    def both() -> list:
        out = [[(t.pos_, t.lemma_) for t in ruler(_doc(nlp.vocab, tokens))] for ruler in (stock, fast)]
        assert out[0] == out[1]
        return out[1]

    assert both() == [("NOUN", "")]
    for ruler in (stock, fast):
        ruler.add([[{"LOWER": "york"}]], {"POS": "PROPN"})  # a later rule wins
    assert both() == [("PROPN", "")]
    other = AttributeRuler(spacy.blank("en").vocab)
    other.add([[{"TAG": "NN"}]], {"LEMMA": "thing"})
    for ruler in (stock, fast):
        ruler.from_bytes(other.to_bytes())  # spaCy adds the loaded rules after its own
    assert both() == [("PROPN", "thing")]
    for ruler in (stock, fast):
        ruler.clear()
    assert both() == [("", "")]


def test_use_fast_attribute_ruler_keeps_the_rules_and_the_place() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    nlp.add_pipe("geokg_blocks")
    assert use_fast_attribute_ruler(nlp) is True
    assert nlp.pipe_names == ["attribute_ruler", "geokg_blocks"]
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler.patterns[0]["attrs"] == {"POS": "NOUN"}
    assert use_fast_attribute_ruler(nlp) is False  # already replaced
    assert use_fast_attribute_ruler(spacy.blank("en")) is False  # no ruler at all


def _texts() -> list[str]:
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    texts = [a.content for a in iter_articles([str(ROOT / "examples" / "articles")]) if isinstance(a, Article)]
    if SHARED_NEWS.is_file():
        texts += [a.content for a in iter_articles([str(SHARED_NEWS)]) if isinstance(a, Article)][:400]
    return texts


@pytest.mark.model
def test_the_real_pipeline_parses_as_with_spacys_ruler() -> None:
    from geokg.ingest.pipeline import load_pipeline, resolve_model

    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    stock = spacy.load(resolve_model())
    stock.add_pipe("geokg_blocks", before="parser")
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    texts = _texts()
    columns = [*COLUMNS, HEAD, ENT_TYPE, ENT_IOB]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert numpy.array_equal(ours.to_array(columns), theirs.to_array(columns)), ours.text[:80]
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
