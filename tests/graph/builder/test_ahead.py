"""Parse ahead: a one-process build whose parsing runs in a forked process gives the serial build's graph.

Fast: a blank spaCy pipeline with the custom extractor of ``test_workers`` (the
model-backed comparison on the sample corpus is in ``test_parallel``).
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace

import pytest
import spacy
from geokg.graph.builder.ahead import can_parse_ahead, doc_bytes, read_docs
from geokg.graph.builder.parallel import can_fork
from geokg.graph.builder.run import build
from geokg.graph.store import open_store
from geokg.ingest.pipeline import Pipeline, Settings
from spacy.language import Language
from spacy.tokens import Doc

from .test_workers import NOT_INSTALLED, _check_records, _corpus, _quads, first_word_extractor

needs_fork = pytest.mark.skipif(not (can_fork() and len(os.sched_getaffinity(0)) >= 2),
                                reason="parse ahead needs fork and two CPUs")


def _token_rows(doc: Doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.lemma_, t.norm_, t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i,
             t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]


def test_doc_bytes_keep_what_the_extractor_and_coder_read():
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Chile", "ca", "n't", "help", "Peru", ".", "It", "left", "."],
              spaces=[True, False, True, True, False, True, True, False, False],
              heads=[3, 3, 3, 3, 3, 3, 7, 7, 7],
              deps=["nsubj", "aux", "neg", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
              tags=["NNP", "MD", "RB", "VB", "NNP", ".", "PRP", "VBD", "."],
              lemmas=["Chile", "can", "not", "help", "Peru", ".", "it", "leave", "."],
              morphs=["Number=Sing", "VerbType=Mod", "Polarity=Neg", "VerbForm=Inf", "Number=Sing", "",
                      "Case=Nom|Person=3", "Tense=Past", ""],
              sent_starts=[True, False, False, False, False, False, True, False, False],
              ents=["B-GPE", "O", "O", "O", "B-GPE", "O", "O", "O", "O"])
    doc[2].norm_ = "not"
    back = read_docs(doc_bytes([doc, nlp("A second one.")]), spacy.blank("en").vocab)
    assert len(back) == 2 and back[1].text == "A second one."
    assert _token_rows(back[0]) == _token_rows(doc)
    assert [(e.text, e.label_) for e in back[0].ents] == [("Chile", "GPE"), ("Peru", "GPE")]
    assert [s.text for s in back[0].sents] == ["Chile can't help Peru.", "It left."]


def _pipeline(nlp: Language | None = None) -> Pipeline:
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("geokg_blocks")
        nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, extractor=first_word_extractor, coder=None, settings=NOT_INSTALLED)


@needs_fork
def test_parse_ahead_writes_the_serial_graph(tmp_path):
    corpus = _corpus(tmp_path / "in")
    pipeline = _pipeline()
    one = build([corpus], tmp_path / "one", pipeline=pipeline, exports=False, parse_ahead=False)
    seen: list = []
    ahead = build([corpus], tmp_path / "ahead", pipeline=pipeline, exports=False, on_article=seen.append)
    assert one.ok and ahead.ok, ahead.errors
    assert (one.backend, ahead.backend) == ("serial, bulk load", "serial, parse-ahead, bulk load")
    assert ahead.extractions == one.extractions == 18
    _check_records(seen)  # the records are made here, so callbacks get them as in a serial build
    assert _quads(tmp_path / "ahead" / "store") == _quads(tmp_path / "one" / "store")


def test_parse_ahead_only_where_it_can_help():
    assert not can_parse_ahead(Settings(n_process=2))  # nlp.pipe's own processes
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:  # another Python thread: no fork (see can_fork)
        assert not can_parse_ahead(Settings())
    finally:
        stop.set()
        thread.join()


def test_a_build_with_another_thread_running_parses_in_this_process(tmp_path):
    corpus = _corpus(tmp_path / "in")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        report = build([corpus], tmp_path / "out", pipeline=_pipeline(), exports=False)
    finally:
        stop.set()
        thread.join()
    assert report.ok and report.backend == "serial, bulk load" and report.articles == 6


@Language.component("geokg_test_die_on_crash")
def _die_on_crash(doc: Doc) -> Doc:
    if "CRASH" in doc.text:
        os._exit(3)  # the parsing process dies as on a segfault or the OOM killer
    return doc


@needs_fork
def test_a_dying_parse_process_stops_the_build_and_keeps_what_was_stored(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    # ~1,400 characters an article: the first chunks hold 1, 3 and 7 articles
    filler = " The delegates of both countries met again in the capital and agreed to keep talking." * 16
    for i in range(12):
        word = "CRASH" if i == 9 else "fine"
        (corpus / f"a{i:02}.md").write_text(
            f"---\ntitle: Round {i}\nurl: https://x.test/{i}\n---\nTalks were {word}.{filler}\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("geokg_test_die_on_crash")
    with pytest.raises(RuntimeError, match="parsing process died"):
        build([corpus], tmp_path / "out", pipeline=_pipeline(nlp), exports=False, resume=False)
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        articles = {str(g) for g in store.graphs() if "/article/" in str(g)}
    assert 1 <= len(articles) <= 9  # what was parsed before the crash is stored; the crash's chunk is not



if not Doc.has_extension("geokg_test_marker"):
    Doc.set_extension("geokg_test_marker", default=None)


@Language.component("geokg_test_mark_docs")
def _mark_docs(doc: Doc) -> Doc:
    doc._.geokg_test_marker = f"marked {len(doc)}"
    return doc


def marker_extractor(doc, article_id):
    """One extraction per sentence whose relation is the Doc's custom attribute (set while parsing)."""
    for ex in first_word_extractor(doc, article_id):
        yield replace(ex, relation=str(doc._.geokg_test_marker), lemma=str(doc._.geokg_test_marker))


@needs_fork
def test_custom_attributes_set_while_parsing_reach_the_extractor(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("geokg_test_mark_docs")
    pipeline = Pipeline(nlp=nlp, extractor=marker_extractor, coder=None, settings=NOT_INSTALLED)
    seen: list = []
    report = build([_corpus(tmp_path / "in", n=2)], tmp_path / "out", pipeline=pipeline, exports=False,
                   on_article=seen.append)
    assert report.backend.startswith("serial, parse-ahead")
    assert {e.lemma for r in seen for e in r.extractions} == {f"marked {len(nlp(r.article.content))}" for r in seen}


def test_custom_attributes_that_cannot_be_sent_give_a_clear_error():
    nlp = spacy.blank("en")
    doc = nlp("Peru protests.")
    doc._.geokg_test_marker = object()
    with pytest.raises(TypeError, match="--no-parse-ahead"):
        doc_bytes([doc])


def test_the_parser_has_seconds_of_text_queued_while_the_coder_is_built():
    # The coder and geocoder take ~2 s to build after the fork; meanwhile the parsing process must not run dry
    # (with three chunks it idled ~1 s of a 20 s build: benchmarks/SCALING.md, twentieth session).
    from concurrent.futures import Future

    from geokg.graph.builder.ahead import parse_ahead_outputs
    from geokg.graph.builder.parallel import PipelineSource, WorkerPool
    from geokg.ingest.records import Article

    nlp = spacy.blank("en")
    sent: list[int] = []

    class Parser:  # parses at once, here; counts the characters sent before the coder is built
        def submit(self, fn, source, texts, batch):
            sent.extend(len(t) for t in texts)
            future: Future = Future()
            future.set_result(doc_bytes(nlp.pipe(texts)))
            return future

    queued: list[int] = []
    pipeline = Pipeline(nlp=nlp, extractor=first_word_extractor, coder=None, settings=NOT_INSTALLED)
    pending = [(Article(id=f"a{i}", title="", text="Peru protests. " * 40), "digest") for i in range(400)]
    pool = WorkerPool(Parser(), PipelineSource(NOT_INSTALLED, digest="test"))
    outputs = parse_ahead_outputs(pipeline, pending, pool=pool, run=None,
                                  complete=lambda: queued.append(sum(sent)) or pipeline)
    assert sum(1 for _ in outputs) == 400
    assert queued and queued[0] >= 70_000, queued  # ~2 s of parsing at spaCy sm's ~38,000 characters a second
