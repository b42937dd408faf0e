"""LeanDocBin writes spaCy's DocBin message: the same strings, arrays, spans and user data, read back alike."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import Doc, DocBin, Span

from geokg.graph.builder.ahead import DOC_ATTRS
from geokg.graph.builder.docbin import LeanDocBin

ROOT = Path(__file__).resolve().parents[3]


def _message(box: DocBin) -> dict:
    return srsly.msgpack_loads(zlib.decompress(box.to_bytes()))


def _both(docs: list[Doc], attrs: list[str], user_data: bool = False) -> tuple[dict, dict]:
    stock, lean = DocBin(attrs=attrs, store_user_data=user_data), LeanDocBin(attrs=attrs, store_user_data=user_data)
    for doc in docs:
        stock.add(doc)
        lean.add(doc)
    return _message(stock), _message(lean)


def _docs() -> list[Doc]:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Peru", "'s", "police", "detained", "_", "rebels", "in", "Lima", "."],
              spaces=[False, True, True, True, True, True, True, False, False],
              tags=["NNP", "POS", "NNS", "VBD", "NN", "NNS", "IN", "NNP", "."],
              pos=["PROPN", "PART", "NOUN", "VERB", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
              morphs=["Number=Sing", "", "Number=Plur", "Tense=Past|VerbForm=Fin", "", "Number=Plur", "", "", ""],
              lemmas=["Peru", "'s", "police", "detain", "_", "rebel", "in", "Lima", "."],
              heads=[2, 0, 3, 3, 5, 3, 3, 6, 3], deps=["poss", "case", "nsubj", "ROOT", "compound", "dobj", "prep",
                                                       "pobj", "punct"],
              ents=["B-GPE", "O", "O", "O", "O", "O", "O", "B-GPE", "O"])
    doc.ents = [Span(doc, 0, 1, label="GPE", kb_id="Q419"), Span(doc, 7, 8, label="GPE", span_id="lima")]
    doc.spans["places"] = [Span(doc, 7, 8, label="CITY", kb_id="Q2868")]
    doc.user_data["geokg"] = {"blocks": 2}
    return [doc, nlp(""), nlp("Chile  agrees\n\nto talks")]


def test_the_same_message_as_spacys_docbin() -> None:
    docs = _docs()
    stock, lean = _both(docs, list(DOC_ATTRS), user_data=True)
    assert lean == stock
    assert "_" in lean["strings"] and "" in lean["strings"]  # a token "_", and a token without features
    assert "Q419" in lean["strings"] and "Q2868" in lean["strings"]


def test_attributes_the_bin_does_not_store_give_their_strings_too() -> None:
    stock, lean = _both(_docs(), ["ORTH", "LEMMA"])
    assert lean == stock
    assert "NNS" in lean["strings"] and "Tense=Past|VerbForm=Fin" in lean["strings"]


def test_read_back_as_before() -> None:
    docs = _docs()
    lean = LeanDocBin(attrs=list(DOC_ATTRS), store_user_data=True)
    for doc in docs:
        lean.add(doc)
    vocab = spacy.blank("en").vocab
    back = list(DocBin().from_bytes(lean.to_bytes()).get_docs(vocab))
    assert [d.to_json() for d in back] == [d.to_json() for d in docs]
    assert back[0].user_data == docs[0].user_data
    assert [(s.text, s.label_, s.kb_id_) for s in back[0].spans["places"]] == [("Lima", "CITY", "Q2868")]


def test_an_empty_bin() -> None:
    assert _message(LeanDocBin(attrs=list(DOC_ATTRS))) == _message(DocBin(attrs=list(DOC_ATTRS)))


@pytest.mark.model
def test_the_real_pipelines_parses_give_the_same_message() -> None:
    from geokg.ingest.pipeline import load_pipeline
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    texts = [a.content for a in iter_articles([ROOT / "examples" / "articles"]) if isinstance(a, Article)]
    docs = list(load_pipeline().pipe(texts))
    for k in range(0, len(docs), 8):
        stock, lean = _both(docs[k:k + 8], list(DOC_ATTRS))
        assert lean == stock
