"""A caller's own pipeline reaches the workers (process pool and Dask), and both backends send records.

Fast: a blank spaCy pipeline with a custom extractor defined here (module-level,
so it pickles by reference); its settings name a model that is not installed, so
a worker that rebuilt the pipeline from its settings would fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from geokg.graph.builder.parallel import PipelineSource, parallel_outputs, worker_chunk
from geokg.graph.builder.run import build, run_info
from geokg.graph.store import open_store
from geokg.ingest.pipeline import Pipeline, Settings
from geokg.ingest.records import Argument, ArticleResult, Extraction

MARK = "custom-marker"
NOT_INSTALLED = Settings(model="geokg-test-model-that-is-not-installed")


def first_word_extractor(doc, article_id):
    """One extraction per sentence, relation ``MARK``: shows which pipeline ran."""
    for i, sent in enumerate(doc.sents):
        tok = next((t for t in sent if not t.is_space), None)
        if tok is None:
            continue
        end = tok.idx + len(tok.text)
        subject = Argument("subject", tok.text, tok.idx, end, head=tok.text, head_lemma=tok.text.lower())
        yield Extraction(article_id, i, sent.start_char, sent.end_char, subject, MARK, MARK, tok.idx, end)


def _custom_pipeline(extractor=first_word_extractor) -> Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, extractor=extractor, coder=None, settings=NOT_INSTALLED)


@pytest.fixture(scope="module")
def custom() -> Pipeline:
    return _custom_pipeline()


def _corpus(folder: Path, n: int = 6) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.md").write_text(
            f"---\ntitle: Talks round {i}\ndate: 2025-03-0{i + 1}\nurl: https://x.test/{i}\n---\n"
            f"Delegates met for round {i}. They agreed to meet again.\n", encoding="utf-8")
    return folder


def _quads(path: Path) -> set[tuple[str, str, str, str]]:
    with open_store(path, read_only=True) as st:
        return {(str(s), str(p), o.n3(), str(g)) for s, p, o, g in st.dataset().quads((None, None, None, None))}


def _check_records(seen: list) -> None:
    assert len(seen) == 6 and all(isinstance(r, ArticleResult) for r in seen)
    lemmas = {e.lemma for r in seen for e in r.extractions}
    assert lemmas == {MARK}


def test_custom_pipeline_reaches_pool_workers(tmp_path, custom):
    corpus = _corpus(tmp_path / "in")
    one = build([corpus], tmp_path / "one", pipeline=custom, exports=False)
    seen: list = []
    two = build([corpus], tmp_path / "two", pipeline=custom, jobs=2, chunk_size=2, exports=False,
                on_article=seen.append)
    assert one.ok and two.ok, two.errors
    assert two.backend.startswith("processes") and two.extractions == one.extractions == two.sentences == 18
    _check_records(seen)
    assert _quads(tmp_path / "two" / "store") == _quads(tmp_path / "one" / "store")


def test_unpicklable_pipeline_is_refused_before_any_work(tmp_path):
    closure = _custom_pipeline(extractor=lambda doc, article_id: iter(()))
    with pytest.raises(TypeError, match=r"cannot be sent to worker processes.*settings= instead of pipeline="):
        build([_corpus(tmp_path / "in")], tmp_path / "out", pipeline=closure, jobs=2, exports=False)
    assert not (tmp_path / "out" / "store").exists()


def test_pipeline_source_ships_the_pipeline_and_tasks_carry_only_its_digest(custom):
    source = PipelineSource.of(custom.settings, custom)
    assert source.digest and source.blob and source.ref.blob is None and source.ref == source
    assert PipelineSource.of(custom.settings, source) is source
    assert PipelineSource.of(NOT_INSTALLED).digest is None
    shipped = source.load()
    assert shipped is not custom and shipped.extractor is first_word_extractor and source.ref.load() is shipped


def test_workers_send_nquads_and_records_only_when_kept(tmp_path, custom):
    """What a worker of either backend returns: the graph as N-Quads, ready to load; records only when kept."""
    from geokg.graph.builder.journal import article_digest
    from geokg.graph.builder.parallel import article_output
    from geokg.ingest.readers import iter_articles

    chunk = [(a, article_digest(a)) for a in iter_articles([_corpus(tmp_path / "in", 2)])]
    run = run_info(custom.settings, custom)
    outputs = worker_chunk(custom, chunk, run)
    assert all(o.nquads.startswith("<") and o.result is None for o in outputs) and len(outputs) == 2
    kept = worker_chunk(custom, chunk, run, keep_results=True)
    assert all(isinstance(o.result, ArticleResult) for o in kept) and [o.nquads for o in kept] == [
        o.nquads for o in outputs]
    doc = custom.nlp(chunk[0][0].content)  # the same graph as the single-process writer's
    here = article_output(custom, doc, chunk[0][0], digest=chunk[0][1], run=run)
    assert here.nquads == outputs[0].nquads


def test_dask_workers_get_the_custom_pipeline_and_send_what_pool_workers_send(tmp_path, custom, dask_scratch):
    pytest.importorskip("distributed")
    from geokg.graph.builder.distributed import dask_client, dask_outputs
    from geokg.graph.builder.journal import article_digest
    from geokg.ingest.readers import iter_articles

    corpus = _corpus(tmp_path / "in")
    pending = [(a, article_digest(a)) for a in iter_articles([corpus])]
    run = run_info(custom.settings, custom)
    pool = list(parallel_outputs(iter(pending), jobs=1, settings=NOT_INSTALLED, run=run, pipeline=custom,
                                 chunk_size=2, keep_results=True))
    with dask_client("local", workers=1) as client:
        dask = list(dask_outputs(iter(pending), client=client, settings=NOT_INSTALLED, run=run, pipeline=custom,
                                 chunk_size=2, keep_results=True))
    assert dask == pool and all(o.nquads for o in dask)
    _check_records([o.result for o in dask])
    assert [o.result for o in dask] == [o.result for o in pool]
    single = build([corpus], tmp_path / "one", pipeline=custom, exports=False)
    seen: list = []
    report = build([corpus], tmp_path / "dask", pipeline=custom, dask="local", jobs=1, exports=False,
                   on_article=seen.append)
    assert report.ok and report.backend.startswith("dask local") and report.extractions == single.extractions
    _check_records(seen)
    assert _quads(tmp_path / "dask" / "store") == _quads(tmp_path / "one" / "store")
    assert (dask_scratch / "dask-scratch-space").is_dir()  # the clusters' scratch folder is the test's (conftest)


def test_forked_and_spawned_workers_send_the_same_outputs(tmp_path, custom):
    """A fork starts workers with the caller's pipeline in memory; spawned ones unpickle it: same graphs."""
    from geokg.graph.builder.journal import article_digest
    import sys

    from geokg.graph.builder.parallel import worker_pool
    from geokg.ingest.readers import iter_articles

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    pending = [(a, article_digest(a)) for a in iter_articles([_corpus(tmp_path / "in")])]
    run = run_info(custom.settings, custom)
    got = {}
    for fork in (True, False):
        pool = worker_pool(1, PipelineSource.of(custom.settings, custom), pipeline=custom, fork=fork)
        try:
            assert pool.forked is fork
            got[fork] = list(parallel_outputs(iter(pending), jobs=1, settings=NOT_INSTALLED, run=run, pool=pool,
                                              chunk_size=2))
        finally:
            pool.shutdown()
    assert got[True] == got[False] and len(got[True]) == 6 and all(o.nquads for o in got[True])


def test_workers_keep_freed_memory_and_the_caller_does_not(tmp_path, custom, monkeypatch):
    """Every worker process sets its allocator to keep freed memory (:mod:`geokg.graph.builder.allocator`);
    the process that starts them is left as it is (the setting is process-wide)."""
    import os
    import sys

    import geokg.graph.builder.allocator as allocator
    from geokg.graph.builder.journal import article_digest
    from geokg.graph.builder.parallel import worker_pool
    from geokg.ingest.readers import iter_articles

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only (a spawned worker imports the module anew)")
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setattr(allocator, "keep_freed_memory", lambda: (marks / str(os.getpid())).touch() or True)
    pending = [(a, article_digest(a)) for a in iter_articles([_corpus(tmp_path / "in", n=2)])]
    pool = worker_pool(2, PipelineSource.of(custom.settings, custom), pipeline=custom, fork=True)
    try:
        outputs = list(parallel_outputs(iter(pending), jobs=2, settings=NOT_INSTALLED,
                                        run=run_info(custom.settings, custom), pool=pool, chunk_size=1))
    finally:
        pool.shutdown()
    pids = {int(p.name) for p in marks.iterdir()}
    assert len(outputs) == 2 and len(pids) == 2 and os.getpid() not in pids


@pytest.mark.parametrize("fork", [True, False])
def test_a_worker_runs_in_one_thread(custom, fork):
    """On Linux a worker runs in one thread: none watches its parent (the kernel ends it with its
    parent), and a spawned one's numpy starts none (``OPENBLAS_NUM_THREADS=1`` in the environment it
    inherits; the caller's is put back).  A process that never had a second thread parses with less
    CPU (glibc's allocator skips its locks; :mod:`geokg.graph.builder.allocator`)."""
    import os
    import platform
    import sys

    from geokg.graph.builder.parallel import worker_pool

    if sys.platform != "linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("elsewhere a thread watches the parent")
    before = os.environ.get("OPENBLAS_NUM_THREADS")
    pool = worker_pool(1, PipelineSource.of(custom.settings, custom), pipeline=custom, fork=fork)
    try:
        threads = pool.submit(os.listdir, "/proc/self/task").result(timeout=120)
    finally:
        pool.shutdown()
    assert len(threads) == 1, threads
    assert os.environ.get("OPENBLAS_NUM_THREADS") == before


def test_no_fork_while_another_python_thread_runs():
    import threading

    from geokg.graph.builder.parallel import can_fork

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
