"""Streaming ingest: articles → records (here or in worker processes) → graph shards → store.

The unit of work is an :class:`ArticleOutput`: one article's named graph as
N-Quads text plus the counts the build report needs.  Producing it is the
heavy part of ingest (spaCy, extraction, actor and event coding, the RDF
writer); writing it is a bulk load that a :class:`GraphWriter` thread in the
parent does, one transaction per batch.

:func:`serial_outputs` does the work in this process through ``nlp.pipe``.
:func:`parallel_outputs` spreads the parsing over ``jobs`` worker processes
(``multiprocessing`` with the ``spawn`` start method, so it is safe on every
platform and with threads in the parent).  Each worker loads the pipeline
once, in its initializer, and keeps it in a per-process cache
(:func:`worker_pipeline`; the parent never fills it).  Workers send back
records (:class:`ArticleResult`, about 25 KB an article pickled, against
about 750 KB of N-Quads); the parent writes them as N-Quads
(:func:`finish_output`) and loads them.  (No Python work is moved to a
thread: a thread running Python holds the GIL that spaCy's thread needs, and
slowed it several times over when tried.)  The parent sends chunks of
articles and keeps at most ``window`` chunks in flight (:func:`bounded_map`),
so memory stays flat however long the input is.  Results come back in input
order, so a parallel build writes exactly what a serial one writes.

Examples
--------
>>> [len(c) for c in chunked(range(7), 3)]
[3, 3, 1]
>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     list(bounded_map(lambda x: pool.submit(pow, x, 2), range(5), window=2))
[0, 1, 4, 9, 16]
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from geokg.ingest.records import Article, ArticleResult, ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.builder.journal import Journal
    from geokg.graph.rdf.writer import RunInfo
    from geokg.graph.store.core import GraphStore
    from geokg.ingest.pipeline import Pipeline, Settings
    from spacy.tokens import Doc

__all__ = [
    "ArticleOutput",
    "GraphWriter",
    "Pending",
    "article_output",
    "finish_output",
    "process_chunk",
    "serial_outputs",
    "parallel_outputs",
    "worker_pipeline",
    "chunked",
    "article_chunks",
    "bounded_map",
    "write_outputs",
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_CHUNK_CHARS",
]

T = TypeVar("T")
R = TypeVar("R")

#: An article to process and its journal digest.
Pending = tuple[Article, str]

#: Most articles per task sent to a worker.
DEFAULT_CHUNK_SIZE = 32
#: About how many characters of article text a task holds.
DEFAULT_CHUNK_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class ArticleOutput:
    """One processed article: its graph as N-Quads and its counts.

    ``result`` holds the article's records.  An output from a worker process
    has records but no N-Quads yet (``nquads == ""``): :func:`finish_output`
    writes them in the parent.  Outputs ready to store keep ``result`` only
    when asked to (``keep_result``).
    """

    article_id: str
    origin: str | None
    graph: str
    nquads: str
    digest: str
    words: int = 0
    sentences: int = 0
    extractions: int = 0
    events: int = 0
    actors: tuple[str, ...] = ()
    result: ArticleResult | None = field(default=None, compare=False, repr=False)


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
    pipeline: "Pipeline", chunk: list[Pending], run: "RunInfo | None", *, write: bool = True
) -> list[ArticleOutput | ReadError]:
    """Process one chunk of articles (what a worker does with a task).

    ``write=False`` sends records back instead of N-Quads (see :func:`finish_output`).
    """
    pairs = ((article.content, (article, digest)) for article, digest in chunk)
    batch_size = max(1, min(len(chunk), pipeline.settings.batch_size))
    return [
        article_output(pipeline, doc, article, digest=digest, run=run, write=write)
        for doc, (article, digest) in pipeline.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
    ]


@functools.lru_cache(maxsize=4)
def worker_pipeline(settings: "Settings") -> "Pipeline":
    """The pipeline of a worker process, loaded once per process and settings.

    This cache is the one piece of process-wide state in geokg's ingest: it
    lives in worker processes (pool workers, Dask workers) and is keyed by the
    :class:`~geokg.ingest.pipeline.Settings`, so two configurations never mix.
    """
    from geokg.ingest.pipeline import Pipeline

    return Pipeline.create(settings)


def _exit_with_parent() -> None:
    """End this worker process when its parent dies (a killed build leaves no worker behind).

    A worker blocked on writing its results to the parent would otherwise
    wait for ever: it holds both ends of the result pipe, so the pipe never
    breaks.
    """
    import multiprocessing
    import os
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - only ever called in a worker
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="geokg-parent-watch", daemon=True).start()


def _init_worker(settings: "Settings") -> None:
    _exit_with_parent()
    worker_pipeline(settings)


def _run_chunk(settings: "Settings", chunk: list[Pending], run: "RunInfo | None") -> list[ArticleOutput | ReadError]:
    return process_chunk(worker_pipeline(settings), chunk, run, write=False)


def chunked(
    items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None, max_weight: int | None = None
) -> Iterator[list[T]]:
    """Lists of at most ``size`` consecutive items, and of at most ``max_weight`` total ``weight``.

    A chunk always holds at least one item (an item heavier than
    ``max_weight`` makes a chunk of its own).

    Examples
    --------
    >>> [len(c) for c in chunked(["a" * 5, "b", "c", "d" * 9, "e"], 10, weight=len, max_weight=6)]
    [2, 1, 1, 1]
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    chunk: list[T] = []
    total = 0
    for item in items:
        w = weight(item) if weight is not None else 0
        if chunk and max_weight is not None and total + w > max_weight:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += w
        if len(chunk) >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def article_chunks(
    pending: Iterable[Pending], size: int, max_chars: int = DEFAULT_CHUNK_CHARS
) -> Iterator[list[Pending]]:
    """Chunks of pending articles: at most ``size`` articles and about ``max_chars`` characters.

    Bounding the text as well as the count keeps tasks of short articles
    (headlines and a paragraph) from being tiny, and tasks of long ones from
    being huge.
    """
    return chunked(pending, size, weight=lambda item: len(item[0].content), max_weight=max_chars)


class _Future(Protocol[R]):
    def result(self) -> R: ...

    def cancel(self) -> Any: ...


def bounded_map(submit: Callable[[T], _Future[R]], items: Iterable[T], *, window: int) -> Iterator[R]:
    """``submit`` each item, keeping at most ``window`` in flight; yield results in order.

    Works with :mod:`concurrent.futures` and Dask futures alike.  Items are
    drawn from ``items`` only as results are taken, so a long input is never
    held in memory.  Closing the iterator cancels what is still in flight.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    in_flight: deque[_Future[R]] = deque()
    try:
        for item in items:
            in_flight.append(submit(item))
            if len(in_flight) >= window:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        for future in in_flight:
            future.cancel()


def parallel_outputs(
    pending: Iterable[Pending],
    *,
    jobs: int,
    settings: "Settings",
    run: "RunInfo | None",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    window: int | None = None,
    keep_results: bool = False,
) -> Iterator[ArticleOutput | ReadError]:
    """Parse articles in ``jobs`` worker processes, write their graphs here; yield outputs in input order.

    Parameters
    ----------
    pending
        ``(article, digest)`` pairs, read lazily.
    jobs
        Worker processes (each loads the pipeline once).
    settings
        How workers load the pipeline (:meth:`Pipeline.create`).
    run
        What produced the graph (the same for every worker).
    chunk_size
        Most articles per task (tasks also hold about
        :data:`DEFAULT_CHUNK_CHARS` characters at most).
    window
        Tasks in flight at most (default ``2 * jobs + 1``).
    keep_results
        Keep each output's records (``ArticleOutput.result``).

    Raises
    ------
    RuntimeError
        When a worker process dies (the articles in flight are not written).

    Notes
    -----
    Workers are started with ``spawn``, which re-imports the main module:
    a script that calls this (or ``build(jobs=...)``) must guard its entry
    point with ``if __name__ == "__main__":``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings,),
    )
    try:
        submit = functools.partial(pool.submit, _run_chunk, settings)
        chunks = article_chunks(pending, chunk_size)
        tasks = bounded_map(lambda chunk: submit(chunk, run), chunks, window=window or 2 * jobs + 1)
        try:
            for outputs in tasks:
                for output in outputs:
                    yield finish_output(output, run, keep_result=keep_results)
        except BrokenProcessPool as exc:
            raise RuntimeError(
                f"a geokg worker process died ({exc}); the articles in flight were not written"
            ) from None
        finally:
            tasks.close()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def write_outputs(store: "GraphStore", outputs: list[ArticleOutput], *, atomic: bool = True) -> None:
    """Replace the outputs' named graphs in ``store``, in one transaction when ``atomic``.

    Oxigraph stores load the N-Quads text directly (``replace_nquads``;
    ``atomic=False`` uses its faster, non-transactional bulk loader); other
    stores get it parsed into rdflib triples (``replace_graphs``).

    Raises
    ------
    SyntaxError, ValueError
        When a graph's N-Quads are malformed (e.g. an invalid IRI).
    """
    replace = getattr(store, "replace_nquads", None)
    if replace is not None:
        replace([o.graph for o in outputs], "".join(o.nquads for o in outputs), atomic=atomic)
        return
    import pyoxigraph as ox
    from geokg.graph.store.core import _from_ox
    from rdflib import URIRef

    graphs: dict = {URIRef(o.graph): [] for o in outputs}
    for quad in ox.parse("".join(o.nquads for o in outputs), format=ox.RdfFormat.N_QUADS):
        graph = URIRef(quad.graph_name.value)
        graphs.setdefault(graph, []).append((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    store.replace_graphs(graphs)


class GraphWriter:
    """Writes :class:`ArticleOutput` s to a store: batches, one transaction each.

    A batch is ``batch_size`` articles or ``batch_bytes`` characters of
    N-Quads, whichever comes first.

    A background thread does the writing (Oxigraph parses and stores without
    the GIL, so it overlaps with parsing in the caller's thread) and, after
    each commit, appends the batch to the ``journal``.  ``atomic=False``
    uses Oxigraph's bulk loader instead of a transaction per batch (see
    :meth:`~geokg.graph.store.core.OxigraphGraphStore.replace_nquads`); the
    journal then notes each batch before writing it (:meth:`Journal.begin`)
    and lists only batches that were completely written.  At most
    ``max_pending`` full batches wait for it; :meth:`add` blocks beyond that.
    After every ``flush_bytes`` of N-Quads written the store is flushed
    (Oxigraph otherwise keeps growing in-memory write buffers, ~1 GB for a
    few hundred articles).  A graph the store refuses (malformed N-Quads) is
    isolated by writing the
    batch's articles one by one and comes back as a :class:`ReadError`; a
    store failure (I/O, lock) stops the writer and is raised by :meth:`add`
    or :meth:`close`.

    :meth:`drain` returns what was committed (outputs) or refused (errors)
    since the last call, in order, for the caller to count and report.
    ``on_commit`` is called in the writer thread with each committed batch.
    """

    def __init__(
        self,
        store: "GraphStore",
        *,
        journal: "Journal | None" = None,
        batch_size: int = 64,
        batch_bytes: int = 8_000_000,
        max_pending: int = 2,
        atomic: bool = True,
        flush_bytes: int = 24_000_000,
        on_commit: Callable[[list[ArticleOutput]], None] | None = None,
    ) -> None:
        import queue
        import threading

        if batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {batch_size}")
        self.store = store
        self.journal = journal
        self.batch_size = batch_size
        self.batch_bytes = batch_bytes
        self._batch_chars = 0
        self.atomic = atomic
        self.flush_bytes = flush_bytes
        self._unflushed = 0
        self.on_commit = on_commit
        self._batch: list[ArticleOutput] = []
        self._todo: queue.Queue[list[ArticleOutput] | None] = queue.Queue(maxsize=max_pending)
        self._done: queue.SimpleQueue[ArticleOutput | ReadError] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="geokg-writer", daemon=True)
        self._thread.start()

    def add(self, output: ArticleOutput) -> None:
        """Queue one output; hand a full batch to the writer thread."""
        self._check()
        self._batch.append(output)
        self._batch_chars += len(output.nquads)
        if len(self._batch) >= self.batch_size or self._batch_chars >= self.batch_bytes:
            self._todo.put(self._batch)
            self._batch, self._batch_chars = [], 0

    def drain(self) -> list[ArticleOutput | ReadError]:
        """What was committed or refused since the last call."""
        items = []
        while not self._done.empty():
            items.append(self._done.get())
        return items

    def close(self, *, check: bool = True) -> None:
        """Write what is left, wait for the thread; raise its failure when ``check``."""
        if self._thread.is_alive():
            if self._batch and self._error is None:
                self._todo.put(self._batch)
            self._batch = []
            self._todo.put(None)
            self._thread.join()
        if check:
            self._check()

    def _check(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while True:
            batch = self._todo.get()
            if batch is None:
                return
            if self._error is not None:
                continue  # a failed store takes no more writes; keep the queue moving
            try:
                self._commit(batch)
            except BaseException as exc:  # store I/O, lock, bug: stop and report to the caller
                self._error = exc

    def _commit(self, batch: list[ArticleOutput]) -> None:
        if not self.atomic and self.journal is not None:
            self.journal.begin(o.article_id for o in batch)
        try:
            write_outputs(self.store, batch, atomic=self.atomic)
        except (SyntaxError, ValueError) as exc:
            if len(batch) > 1:
                for output in batch:
                    self._commit([output])
                return
            output = batch[0]
            self._done.put(ReadError(output.origin or output.article_id, f"the store refused its graph: {exc}"))
            return
        if self.journal is not None:
            self.journal.record((o.article_id, o.digest) for o in batch)
        for output in batch:
            self._done.put(output)
        self._unflushed += sum(len(o.nquads) for o in batch)
        if self._unflushed >= self.flush_bytes:
            flush = getattr(self.store, "flush", None)
            if flush is not None:
                flush()  # write RocksDB's memtables out: memory stays flat however much is loaded
            self._unflushed = 0
        if self.on_commit is not None:  # e.g. publish a snapshot for readers: the store holds whole batches now
            self.on_commit(batch)
