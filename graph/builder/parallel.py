"""Streaming ingest: articles → records (here or in worker processes) → graph shards → store.

The unit of work is an :class:`ArticleOutput`: one article's named graph as
N-Quads text plus the counts the build report needs.  Producing it is the
heavy part of ingest (spaCy, extraction, actor and event coding, the RDF
writer); writing it is a bulk load that a :class:`GraphWriter` thread in the
parent does, one transaction per batch.

:func:`serial_outputs` does the work in this process through ``nlp.pipe``.
:func:`parallel_outputs` spreads the parsing over ``jobs`` worker processes
(:func:`worker_pool`, started when the build starts).  On Linux, from a
process with no other Python thread, the workers are forked after the
parent has loaded the pipeline (and the geocoder the RDF writer uses): they
start with everything in memory, copy-on-write, instead of each importing
spaCy, loading the model and building the coder (about 3-4 CPU seconds a
worker).  Elsewhere they are spawned (safe on every platform and with
threads in the parent) and each gets the pipeline once, in its initializer:
the caller's own, pickled (:class:`PipelineSource`), or loaded from the
settings into a per-process cache (:func:`worker_pipeline`; the parent never
fills it).  Workers of both backends (this pool and Dask,
:func:`worker_chunk`) send back each article's graph as N-Quads, ready to
load (about 125 KB an article at the default evidence level: pickling text
costs next to nothing, where pickling the records and writing them in the
parent cost it ~4.5 ms an article), plus the records only when the caller
keeps them; the parent only loads.  (No Python work is moved to a
thread: a thread running Python holds the GIL that spaCy's thread needs, and
slowed it several times over when tried.)  The parent sends chunks of
articles and keeps at most ``window`` chunks in flight (:func:`~geokg.graph.builder.chunks.bounded_map`),
so memory stays flat however long the input is.  Results come back in input
order, so a parallel build writes exactly what a serial one writes.
Chunks are cut and sent by :mod:`~geokg.graph.builder.chunks`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geokg.graph.builder.chunks import bounded_map, chunked, tapered
from geokg.graph.builder.writer import ArticleOutput, GraphWriter, write_outputs
from geokg.ingest.records import Article, ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.rdf.writer import RunInfo
    from geokg.ingest.pipeline import Pipeline, Settings
    from spacy.tokens import Doc

__all__ = [
    "ArticleOutput",
    "GraphWriter",
    "Pending",
    "PipelineSource",
    "article_output",
    "finish_output",
    "finish_outputs",
    "process_chunk",
    "serial_outputs",
    "parallel_outputs",
    "worker_pipeline",
    "worker_chunk",
    "worker_pool",
    "WorkerPool",
    "can_fork",
    "article_chunks",
    "write_outputs",
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_CHUNK_CHARS",
    "LAST_CHUNK_CHARS",
]

#: An article to process and its journal digest.
Pending = tuple[Article, str]

#: Most articles per task sent to a worker.
DEFAULT_CHUNK_SIZE = 32
#: About how many characters of article text a task holds.
DEFAULT_CHUNK_CHARS = 20_000
#: About how many characters the last tasks of a build shrink to (:func:`~geokg.graph.builder.chunks.tapered`).
LAST_CHUNK_CHARS = 2_500


def article_output(
    pipeline: "Pipeline",
    doc: "Doc",
    article: Article,
    *,
    digest: str,
    run: "RunInfo | None",
    keep_result: bool = False,
    write: bool = True,
) -> ArticleOutput | ReadError:
    """Derive the records of one parsed article and (with ``write``) its graph as N-Quads.

    A failure becomes a :class:`ReadError` naming the article (processing
    failed, or its records cannot be written as RDF).  Without ``write`` the
    output carries the records only, for :func:`finish_output`.
    """
    from geokg.ontology import article_iri

    where = article.origin or article.id
    try:
        result = pipeline.process_doc(doc, article)
    except Exception as exc:  # one bad article must not end the run
        return ReadError(where, f"processing failed: {type(exc).__name__}: {exc}")
    output = ArticleOutput(
        article_id=article.id,
        origin=article.origin,
        graph=str(article_iri(article.id)),
        nquads="",
        digest=digest,
        words=len(article.content.split()),
        sentences=len(result.sentences),
        extractions=len(result.extractions),
        events=len(result.events),
        actors=tuple(dict.fromkeys(a.id for a in result.actors)),
        discarded=tuple(getattr(pipeline.coder, "discarded", lambda d, a: ())(doc, article)),
        result=result,
    )
    return finish_output(output, run, keep_result=keep_result) if write else output


def finish_output(
    output: ArticleOutput | ReadError, run: "RunInfo | None", *, keep_result: bool = False
) -> ArticleOutput | ReadError:
    """Write the graph of an output that carries only its records (a no-op for the others).

    Records that cannot be written as RDF give a :class:`ReadError` naming
    the article.
    """
    if isinstance(output, ReadError) or output.nquads or output.result is None:
        return output
    from geokg.graph.rdf.writer import RDFWriteError, article_nquads

    try:
        data = article_nquads(output.result, run=run)
    except (RDFWriteError, TypeError) as exc:
        return ReadError(output.origin or output.article_id, f"cannot write its graph: {exc}")
    return dataclasses.replace(output, nquads=data, result=output.result if keep_result else None)


def serial_outputs(
    pipeline: "Pipeline", pending: Iterable[Pending], *, run: "RunInfo | None", keep_results: bool = True
) -> Iterator[ArticleOutput | ReadError]:
    """Process articles in this process, ``nlp.pipe`` batch by batch (streaming)."""
    settings = pipeline.settings
    pairs = ((article.content, (article, digest)) for article, digest in pending)
    for doc, (article, digest) in pipeline.nlp.pipe(
        pairs, as_tuples=True, batch_size=settings.batch_size, n_process=settings.n_process
    ):
        yield article_output(pipeline, doc, article, digest=digest, run=run, keep_result=keep_results)


def process_chunk(
    pipeline: "Pipeline", chunk: list[Pending], run: "RunInfo | None", *, write: bool = True,
    keep_results: bool = False,
) -> list[ArticleOutput | ReadError]:
    """Process one chunk of articles (what a worker does with a task).

    ``write=False`` sends records back instead of N-Quads (see :func:`finish_output`);
    ``keep_results`` keeps the records on written outputs too.
    """
    pairs = ((article.content, (article, digest)) for article, digest in chunk)
    batch_size = max(1, min(len(chunk), pipeline.settings.batch_size))
    return [
        article_output(pipeline, doc, article, digest=digest, run=run, write=write, keep_result=keep_results)
        for doc, (article, digest) in pipeline.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    ]


@functools.lru_cache(maxsize=4)
def worker_pipeline(settings: "Settings") -> "Pipeline":
    """The pipeline of a worker process, loaded once per process and settings.

    This cache (and :data:`_SHIPPED`, for pipelines sent by the caller) is the
    one piece of process-wide state in geokg's ingest: it lives in worker
    processes (pool workers, Dask workers) and is keyed by the
    :class:`~geokg.ingest.pipeline.Settings`, so two configurations never mix.
    """
    from geokg.ingest.pipeline import Pipeline

    return Pipeline.create(settings)


#: Pipelines a caller sent to this worker process, by digest (see :class:`PipelineSource`).
_SHIPPED: dict[str, "Pipeline"] = {}


@dataclass(frozen=True, slots=True)
class PipelineSource:
    """How a worker gets its pipeline: loaded from ``settings``, or the caller's own, pickled.

    A build given a pipeline sends that very pipeline to its workers (a
    custom extractor or coder is not lost): it is pickled once here
    (``blob``) and unpickled once per worker; tasks name it by ``digest``
    only (:attr:`ref`), so they stay small.  Without a pipeline each worker
    loads one from ``settings`` (:func:`worker_pipeline`).

    Examples
    --------
    >>> from geokg.ingest.pipeline import Settings
    >>> src = PipelineSource.of(Settings(model="en_core_web_sm"))
    >>> src.digest is None, src.ref == src
    (True, True)
    """

    settings: "Settings"
    digest: str | None = None
    blob: bytes | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, settings: "Settings", pipeline: "Pipeline | PipelineSource | None" = None) -> PipelineSource:
        """The source for ``pipeline`` (pickled now), or for ``settings`` when it is ``None``.

        Raises
        ------
        TypeError
            When ``pipeline`` cannot be pickled, saying what to do instead.
        """
        import hashlib
        import pickle

        if isinstance(pipeline, PipelineSource):
            return pipeline
        if pipeline is None:
            return cls(settings)
        try:
            blob = pickle.dumps(pipeline, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # pickle raises several types (PicklingError, TypeError, AttributeError)
            raise TypeError(
                f"the pipeline given to build() cannot be sent to worker processes "
                f"({type(exc).__name__}: {exc}); make its parts picklable (module-level functions and "
                f"classes, not lambdas or closures), or pass settings= instead of pipeline= so that each "
                f"worker loads its own, or build with jobs=1 and no Dask"
            ) from None
        return cls(pipeline.settings, hashlib.sha256(blob).hexdigest()[:16], blob)

    @property
    def ref(self) -> PipelineSource:
        """This source without the pickled pipeline: what each task carries."""
        return dataclasses.replace(self, blob=None)

    def load(self) -> "Pipeline":
        """The pipeline in this process: unpickled (once) or loaded from the settings (once)."""
        if self.digest is None:
            return worker_pipeline(self.settings)
        if self.digest not in _SHIPPED:
            if self.blob is None:
                raise RuntimeError(f"pipeline {self.digest} was not sent to this worker process")
            import pickle

            _SHIPPED[self.digest] = pickle.loads(self.blob)  # noqa: S301 - our own parent pickled it
        return _SHIPPED[self.digest]


def worker_chunk(
    pipeline: "Pipeline", chunk: list[Pending], run: "RunInfo | None", *, keep_results: bool = False
) -> list[ArticleOutput | ReadError]:
    """What every worker backend (process pool, Dask) does with a task: each article's graph as N-Quads.

    The parent only loads them, so it never becomes the bottleneck of a
    parallel build; both backends send back the same thing (the records
    too with ``keep_results``, for the caller's ``on_article``).
    """
    return process_chunk(pipeline, chunk, run, keep_results=keep_results)


def _exit_with_parent() -> None:
    """End this worker process when its parent dies (a killed build leaves no worker behind).

    A worker blocked on writing its results to the parent would otherwise
    wait for ever: it holds both ends of the result pipe, so the pipe never
    breaks.  On Linux the kernel ends it (:func:`~geokg.graph.builder.allocator.end_with_parent`),
    so the worker stays a process that never had a second thread (faster
    to parse in: see :mod:`~geokg.graph.builder.allocator`); elsewhere a thread watches the parent.
    """
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    from geokg.graph.builder.allocator import end_with_parent

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - only ever called in a worker
        return
    if parent.pid is not None and end_with_parent(parent.pid):
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="geokg-parent-watch", daemon=True).start()


def _init_worker(source: PipelineSource, pipeline: "Pipeline | None" = None) -> None:
    """Start a worker: watch the parent; keep freed memory (:mod:`~geokg.graph.builder.allocator`); load
    the pipeline, or keep the one a fork inherited."""
    from geokg.graph.builder.allocator import keep_freed_memory

    _exit_with_parent()
    keep_freed_memory()
    if pipeline is not None and source.digest is not None:
        _SHIPPED[source.digest] = pipeline
    source.load()


def _run_chunk(
    source: PipelineSource, chunk: list[Pending], run: "RunInfo | None", keep_results: bool = False
) -> list[ArticleOutput | ReadError]:
    return worker_chunk(source.load(), chunk, run, keep_results=keep_results)


def article_chunks(
    pending: Iterable[Pending], size: int, max_chars: int = DEFAULT_CHUNK_CHARS, *, first_chars: int | None = None,
    last_chars: int | None = None,
) -> Iterator[list[Pending]]:
    """Chunks of pending articles: at most ``size`` articles and about ``max_chars`` characters
    (growing from ``first_chars``, doubling, when given; see :func:`~geokg.graph.builder.chunks.chunked`;
    the last ones shrinking to about ``last_chars``, when given: :func:`~geokg.graph.builder.chunks.tapered`).

    Bounding the text as well as the count keeps tasks of short articles
    (headlines and a paragraph) from being tiny, and tasks of long ones from
    being huge.
    """
    def chars(item: Pending) -> int:
        return len(item[0].content)

    chunks = chunked(pending, size, weight=chars, max_weight=max_chars, first_weight=first_chars)
    return chunks if last_chars is None else tapered(chunks, weight=chars, last_weight=last_chars, size=size)


def finish_outputs(
    tasks: Iterator[list[ArticleOutput | ReadError]], run: "RunInfo | None", *, keep_results: bool = False
) -> Iterator[ArticleOutput | ReadError]:
    """Write here the graphs of the worker outputs of ``tasks`` (one list per task), in order.

    Both worker backends (process pool, Dask) send records (:func:`worker_chunk`);
    this is where they become N-Quads.  Closing the iterator closes ``tasks``.
    """
    try:
        for outputs in tasks:
            for output in outputs:
                yield finish_output(output, run, keep_result=keep_results)
    finally:
        tasks.close()


def can_fork() -> bool:
    """Whether worker processes may be forked from this process: Linux, and no Python
    thread besides this one (a fork copies only the calling thread, so a lock another
    thread holds stays locked in the child).  Native thread pools that register fork
    handlers (OpenBLAS's, which numpy starts) do not count.

    Examples
    --------
    >>> import sys, threading
    >>> can_fork() or sys.platform != "linux" or threading.active_count() > 1
    True
    """
    import multiprocessing
    import sys
    import threading

    return (sys.platform == "linux" and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


@dataclass(frozen=True)
class WorkerPool:
    """Started worker processes (:func:`worker_pool`) and the pipeline source their tasks name."""

    executor: Any
    source: PipelineSource
    forked: bool = False

    def submit(self, *args: Any) -> Any:
        """Run ``args[0](*args[1:])`` in a worker; a future."""
        return self.executor.submit(*args)

    def shutdown(self) -> None:
        """Cancel what has not started, wait for the rest, end the workers."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def worker_pool(
    jobs: int, source: PipelineSource, *, pipeline: "Pipeline | None" = None, fork: bool | None = None,
    preload: bool = True,
) -> WorkerPool:
    """``jobs`` worker processes holding the pipeline of ``source``, started now.

    With ``fork`` (default: :func:`can_fork`), this process loads the
    pipeline (``pipeline``, the caller's that ``source`` pickled, is used as
    it is) and the RDF writer's geocoder, then forks the workers, which start
    with them in memory; otherwise the workers are spawned and each loads its
    own in its initializer.  Either way they start at once, so they load
    while the caller does its own set-up (opening the store, writing the
    vocabulary).  ``preload=False`` forks without loading the geocoder first
    (workers that only parse, :mod:`~geokg.graph.builder.ahead`).
    """
    import multiprocessing
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    fork = can_fork() if fork is None else fork
    if fork:
        from geokg.graph.rdf.places import geocoder
        from geokg.ingest.pipeline import Pipeline

        if source.digest is None:  # tasks name the inherited pipeline by a digest of its own
            pipeline = Pipeline.create(source.settings)
            source = dataclasses.replace(source, digest=f"forked-{id(pipeline):x}")
        elif pipeline is None:
            import pickle

            pipeline = pickle.loads(source.blob)  # noqa: S301 - our own pickle of the caller's pipeline
        if preload:
            geocoder()  # the RDF writer's, loaded on first use: once here rather than in every worker
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
        initializer=_init_worker,
        initargs=(source.ref, pipeline) if fork else (source,),
    )
    with warnings.catch_warnings(), _one_blas_thread_in_children():
        # Python 3.12+ warns of any other OS thread; OpenBLAS's idle pool is fork-safe (see can_fork)
        warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning)
        for _ in range(1 if fork else jobs):  # start them now (forked: all at the first task)
            executor.submit(int)
    return WorkerPool(executor, source.ref, forked=fork)


@contextlib.contextmanager
def _one_blas_thread_in_children() -> Iterator[None]:
    """While processes are started: ``OPENBLAS_NUM_THREADS=1`` in the environment they inherit,
    unless it is set, so a spawned worker's numpy starts no thread (see
    :mod:`~geokg.graph.builder.allocator`); this process's own environment is put back after."""
    from geokg.graph.builder.allocator import one_blas_thread

    added = one_blas_thread()
    try:
        yield
    finally:
        if added:
            os.environ.pop("OPENBLAS_NUM_THREADS", None)


def parallel_outputs(
    pending: Iterable[Pending],
    *,
    jobs: int,
    settings: "Settings",
    run: "RunInfo | None",
    pipeline: "Pipeline | PipelineSource | None" = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    window: int | None = None,
    keep_results: bool = False,
    pool: WorkerPool | None = None,
) -> Iterator[ArticleOutput | ReadError]:
    """Parse articles and write their graphs in ``jobs`` worker processes; yield outputs in input order.

    Parameters
    ----------
    pending
        ``(article, digest)`` pairs, read lazily.
    jobs
        Worker processes (each gets the pipeline once).
    settings, pipeline
        The caller's ``pipeline``, pickled and sent to every worker (see
        :class:`PipelineSource`); without one each worker loads a pipeline
        from ``settings`` (:meth:`Pipeline.create`).
    run
        What produced the graph (the same for every worker).
    chunk_size, window
        Most articles per task (tasks also hold about
        :data:`DEFAULT_CHUNK_CHARS` characters at most); tasks in flight at
        most (default ``2 * jobs + 1``).
    keep_results
        Keep each output's records (``ArticleOutput.result``).
    pool
        Workers already started by :func:`worker_pool` (left running);
        default: a pool of ``jobs`` started here and shut down at the end.

    Raises
    ------
    RuntimeError, TypeError
        When a worker process dies (the articles in flight are not written);
        when ``pipeline`` cannot be pickled.

    Notes
    -----
    Where workers are spawned (see :func:`worker_pool`), the main module is
    re-imported: a script that calls this (or ``build(jobs=...)``) must
    guard its entry point with ``if __name__ == "__main__":``.
    """
    from concurrent.futures.process import BrokenProcessPool

    own = pool is None
    if own:
        given = None if isinstance(pipeline, PipelineSource) else pipeline
        pool = worker_pool(jobs, PipelineSource.of(settings, pipeline), pipeline=given)
    try:
        submit = functools.partial(pool.submit, _run_chunk, pool.source)
        # the last chunks shrink: the workers end together, not one a whole chunk after the other
        chunks = article_chunks(pending, chunk_size, last_chars=LAST_CHUNK_CHARS)
        tasks = bounded_map(lambda chunk: submit(chunk, run, keep_results), chunks, window=window or 2 * jobs + 1)
        try:
            yield from finish_outputs(tasks, run, keep_results=keep_results)
        except BrokenProcessPool as exc:
            raise RuntimeError(
                f"a geokg worker process died ({exc}); the articles in flight were not written"
            ) from None
    finally:
        if own:
            pool.shutdown()
