"""The main job: sources → articles → records → store → exports.

:func:`build` is what ``geokg build`` runs.  It streams: articles are read
lazily, parsed with ``nlp.pipe`` in batches (in this process, in ``jobs``
worker processes, or on a Dask cluster), each one's named graph is written as
N-Quads text, and a background writer thread loads batches into the store
(Oxigraph's bulk loader, or one transaction per batch).  Nothing holds the
corpus in memory: at any time only a few batches are in flight.

Builds resume: after each committed batch the articles' ids and content
digests are appended to a :class:`~geokg.graph.builder.journal.Journal` in the
output folder, and the next build skips an article the journal lists with the
same digest and the store still holds (``fresh=True`` starts over).

Bad inputs never stop it: each becomes a
:class:`~geokg.ingest.records.ReadError` in the report (``strict`` stops at
the first one instead), and what was stored before a failure stays stored.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokg.graph.builder.parallel import (
    DEFAULT_CHUNK_SIZE,
    ArticleOutput,
    GraphWriter,
    Pending,
    write_outputs,
)
from geokg.ingest.guards import ArticleGuard
from geokg.ingest.records import Article, ArticleResult, ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.builder.journal import Journal
    from geokg.graph.builder.parallel import PipelineSource
    from geokg.graph.rdf.writer import RunInfo
    from geokg.graph.store import GraphStore, OxigraphGraphStore
    from geokg.ingest.pipeline import Pipeline, Settings

__all__ = [
    "BuildReport",
    "GraphWriter",
    "build",
    "run_info",
    "write_outputs",
    "write_vocabulary",
    "write_run",
    "drop_unused_runs",
    "VOCABULARY_GRAPH",
    "StrictModeError",
]

#: Named graph that holds geokg's ontology and the CAMEO/PLOVER schemes in a store.
VOCABULARY_GRAPH = "https://w3id.org/geokg/id/graph/vocabulary"


class StrictModeError(RuntimeError):
    """Raised by ``build(strict=True)`` at the first bad input."""


@dataclass
class BuildReport:
    """What a build did; printed as the summary table."""

    articles: int = 0
    sentences: int = 0
    extractions: int = 0
    events: int = 0
    actors: set[str] = field(default_factory=set)
    errors: list[ReadError] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    store: str | None = None
    quads: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)
    skipped: int = 0
    jobs: int = 1
    backend: str = "serial"
    journal: Path | None = None
    discarded: Counter = field(default_factory=Counter)  # discard reason -> count (coder discards)
    rewrite: str = ""  # the store written again at the end: "before -> after", or why it was skipped

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.errors

    @property
    def articles_per_second(self) -> float:
        """Articles written per second of the whole build."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def add_output(self, output: ArticleOutput) -> None:
        """Count one article written to the store."""
        self.articles += 1
        self.sentences += output.sentences
        self.extractions += output.extractions
        self.events += output.events
        self.actors.update(output.actors)
        self.discarded.update(output.discarded)
        self.words += output.words

    def add(self, result: ArticleResult) -> None:
        """Count one processed article."""
        self.articles += 1
        self.sentences += len(result.sentences)
        self.extractions += len(result.extractions)
        self.events += len(result.events)
        self.actors.update(a.id for a in result.actors)
        self.words += len(result.article.content.split())


def _split(
    items: Iterable[Article | ReadError],
    report: BuildReport,
    strict: bool,
    on_error: Callable[[ReadError], None] | None,
    guard: "ArticleGuard | None" = None,
) -> Iterator[Article]:
    """Articles to parse; read errors and articles the guard refuses go to the report."""
    for item in items:
        if guard is not None and not isinstance(item, ReadError):
            item = guard.check(item) or item
        if isinstance(item, ReadError):
            report.errors.append(item)
            if on_error:
                on_error(item)
            if strict:
                raise StrictModeError(str(item))
            continue
        yield item


def write_vocabulary(store: "GraphStore") -> int:
    """(Re)write the ontology and the event-type schemes into :data:`VOCABULARY_GRAPH`.

    Queries can then use CAMEO/PLOVER labels and the ontology's labels.
    Returns the number of triples written.
    """
    from geokg.ontology import load_ontology, ontology_files
    from rdflib import URIRef
    from rdflib.compare import to_canonical_graph

    schemes = [n for n in ontology_files() if n.endswith(".ttl") and n not in ("geokg.ttl", "shapes.ttl")]
    # Canonical blank-node labels (OWL lists): the same vocabulary gives the same quads every time.
    triples = list(to_canonical_graph(load_ontology(*schemes)))
    store.replace_graphs({URIRef(VOCABULARY_GRAPH): triples})
    return len(triples)


def write_run(store: "GraphStore", run: "RunInfo") -> int:
    """(Re)write the run's description into its own graph (:attr:`RunInfo.graph`), once per build.

    Article graphs name the run only (``<run> prov:used <article>``), so a
    store holds each run's type, model, software and evidence level once.
    Returns the number of triples written.
    """
    from geokg.graph.rdf.writer import run_quads

    triples = [(s, p, o) for s, p, o, _ in run_quads(run)]
    store.replace_graphs({run.graph: triples})
    return len(triples)


_UNUSED_RUNS = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?run gk:evidenceLevel ?level }
  FILTER NOT EXISTS { GRAPH ?a { ?run prov:used ?a . ?a a schema:NewsArticle } }
}
"""


def drop_unused_runs(store: "GraphStore") -> list[str]:
    """Remove the run graphs no article graph names any more (e.g. after a rebuild at another
    evidence level re-wrote every article); returns their names."""
    from rdflib import URIRef

    unused = sorted(str(row[0]) for row in store.query(_UNUSED_RUNS) if "/id/graph/run/" in str(row[0]))
    for graph in unused:
        store.remove_graph(URIRef(graph))
    return unused


def run_info(settings: "Settings", pipeline: "Pipeline | None" = None, *, evidence: str = "mention") -> "RunInfo":
    """What produced the graph: the model's name and version, geokg's version and the evidence level.

    Read from ``pipeline`` when given, else from the installed model's
    ``meta.json`` without loading it (the parent of a parallel build needs no
    model); when that fails the pipeline is loaded, which raises a clear
    :class:`OSError` for a model that is not installed.
    """
    from geokg.graph.rdf.writer import RunInfo

    if pipeline is None:
        try:
            import spacy.util

            name = settings.model
            path = spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name)
            meta = spacy.util.get_model_meta(path)
            return RunInfo(
                model=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
                model_version=str(meta.get("version", "0")),
                geokg_version=_version(),
                evidence=evidence,
            )
        except Exception:  # not an installed package or a model folder: load it
            from geokg.ingest.pipeline import Pipeline

            pipeline = Pipeline.create(settings)
    return RunInfo(model=pipeline.model_name, model_version=pipeline.model_version, geokg_version=_version(),
                   evidence=evidence)


def _pending(
    articles: Iterable[Article],
    *,
    journal: "Journal | None",
    store: "GraphStore",
    salt: str,
    report: BuildReport,
    on_skip: Callable[[Article], None] | None,
) -> Iterator[Pending]:
    """Articles with their digests, less those the journal and the store already hold."""
    from geokg.graph.builder.journal import article_digest
    from geokg.ontology import article_iri

    for article in articles:
        digest = article_digest(article, salt=salt)
        if journal is not None and journal.done(article.id, digest) and store.has_graph(article_iri(article.id)):
            report.skipped += 1
            if on_skip:
                on_skip(article)
            continue
        yield article, digest


def build(  # long only by its docstring (every option documented); the work is in the helpers below
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    pipeline: "Pipeline | None" = None,
    store: "GraphStore | None" = None,
    memory: bool = False,
    html: bool = True,
    strict: bool = False,
    on_article: Callable[[Any], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    settings: "Settings | None" = None,
    jobs: int = 1,
    dask: str | None = None,
    resume: bool = True,
    fresh: bool = False,
    exports: bool = True,
    batch_size: int = 256,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    atomic: bool | None = None,
    on_skip: Callable[[Article], None] | None = None,
    guard: "ArticleGuard | None" = None,
    allow_private_addresses: bool = False,
    evidence: str = "mention",
    rewrite: bool | None = None,
    parse_ahead: bool = True,
) -> BuildReport:
    """Build (or update) a geokg graph from ``sources`` into ``out_dir``.

    Writes ``out_dir/store/`` (the embedded Oxigraph store, unless ``memory``
    or a ``store`` is given), ``out_dir/graph.ttl`` (the union graph),
    ``out_dir/graph.trig`` (with one named graph per article),
    ``out_dir/graph.html`` (an offline view) and ``out_dir/ingest-journal.jsonl``.
    While it writes its own store, readers get snapshots of it
    (``out_dir/store.snapshots/``, deleted at the end; see :mod:`geokg.graph.store.snapshot`).

    Parameters
    ----------
    pipeline
        The pipeline to use (default: loaded from ``settings``).  With
        ``jobs > 1`` or ``dask`` it is pickled and sent to every worker, so a
        custom extractor or coder runs there too (it must be picklable: a
        :class:`TypeError` says so before any work otherwise).
    settings
        Model and batch size (default: ``pipeline.settings``, else the
        configured model).
    jobs
        ``1``: everything in this process (a background thread loads the
        store).  More: worker processes parse articles (spaCy, extraction,
        coding) and write their graphs as N-Quads, which this process loads
        (on Linux they are forked after this process loads the pipeline, see
        :func:`~geokg.graph.builder.parallel.worker_pool`).  With ``dask``,
        the number of workers of a local cluster.
    dask
        ``"local"`` (a LocalCluster of ``jobs`` workers) or a scheduler
        address ``tcp://HOST:PORT``; needs the ``dask`` extra.
    resume
        Keep a journal of the articles written and skip those already in the
        store with unchanged content (stores without a location never resume).
    fresh
        Ignore the journal: process every article again and restart it.
    exports
        Write ``graph.ttl``, ``graph.trig`` and (with ``html``) ``graph.html``.
    batch_size
        Most articles per store transaction (a batch also closes at about
        8 MB of N-Quads).  Each bulk load leaves files RocksDB must compact:
        256 short articles a batch rather than 64 cut its CPU by two thirds
        on the AG News items (1.5 to 6 MB a load).
    chunk_size
        Most articles per task sent to a worker (a task also holds about
        20,000 characters of text at most).
    atomic
        ``True``: one store transaction per batch.  ``False``: Oxigraph's
        bulk loader (about 3x less CPU for writing, but not atomic; the
        journal notes each batch before writing it, and the next build drops
        the graphs of a batch a crash cut short and writes those articles
        again).  ``None`` (default): the bulk loader when a journal can
        repair a cut-short batch (an on-disk store with ``resume``),
        transactions otherwise.
    on_article
        Called for each article once its graph is committed: with its
        :class:`ArticleResult` when it was processed in this process, else
        with the :class:`~geokg.graph.builder.parallel.ArticleOutput` summary.
    on_error, on_skip
        Called for each bad input, and for each article the journal skips.
    guard
        Checks each article before it is parsed (default :class:`ArticleGuard`:
        at most 1,000,000 characters, English); a refused article is a bad input.
    allow_private_addresses
        Let URL sources' redirects reach loopback/private/link-local addresses
        (see :mod:`geokg.ingest.readers.netpolicy`).
    evidence
        How much textual evidence the graph keeps: ``"none"``, ``"mention"``
        (default: per report of a claim, its sentence and clause offsets on the claim) or
        ``"full"`` (also Web Annotation selectors, argument spans and entity
        mentions); see :func:`~geokg.graph.rdf.evidence.check_evidence`.
        Recorded on the run; a change of level makes the journal process the
        articles again.
    rewrite
        Whether the build's own on-disk store is written again at the end, in
        one bulk load into an empty folder (:meth:`OxigraphGraphStore.rewrite`:
        about half the bytes, as only such a load reaches RocksDB's compressed
        level).  ``None`` (default): when the store was empty at the start and
        the load's memory (:func:`~geokg.graph.store.embedded.rewrite_memory`,
        about 0.95 KB a quad, at most ~0.95 GB) is at most half the memory
        available; ``True``: always, also a store that already held articles
        (its cost is then the whole store's); ``False``: never.  What happened
        is on :attr:`BuildReport.rewrite`.
    parse_ahead
        With ``jobs=1``, parse in a second process forked for it while this
        one codes and writes what is parsed (:mod:`~geokg.graph.builder.ahead`):
        the same graph in about the time of the parsing alone, where there
        are two CPUs and the process can fork (else ignored).  ``False``: one
        process does all (one CPU).
    """
    from geokg.graph.store import OxigraphGraphStore
    from geokg.graph.store.articles import drop_unused_descriptions
    from geokg.ingest.readers import iter_articles

    started = time.perf_counter()
    workers = _workers(pipeline, settings, jobs=jobs, dask=dask, chunk_size=chunk_size, evidence=evidence,
                       parse_ahead=parse_ahead)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(jobs=jobs, backend=workers.label)
    with ExitStack() as stack:
        workers = workers.started(stack)  # before the store opens its threads: workers may be forked
        store, publisher = _open_store(stack, out, store, memory=memory)
        report.store = store.location
        # our own on-disk store, empty at the start: written again in one bulk load at the end (see below)
        own = isinstance(store, OxigraphGraphStore) and publisher is not None
        rewrite = rewrite if rewrite is not None else (None if own and store.is_empty() else False)
        write_vocabulary(store)
        write_run(store, workers.run)
        journal = _open_journal(stack, store, out, report, resume=resume, fresh=fresh)
        if atomic is None:  # bulk loads are safe only where the journal can repair a cut-short batch
            atomic = journal is None
        report.backend += ", transactions" if atomic else ", bulk load"
        if publisher is not None:
            publisher.committed(force=True)  # the store before this run's batches, for readers
        read = iter_articles(sources, allow_private_addresses=allow_private_addresses)
        articles = _split(read, report, strict, on_error, guard or ArticleGuard())
        pending = _pending(articles, journal=journal, store=store, salt=workers.salt, report=report, on_skip=on_skip)
        writer = functools.partial(GraphWriter, store, journal=journal, batch_size=batch_size, atomic=atomic,
                                   on_commit=publisher and publisher.committed)
        if own and rewrite is not False:
            store.start_spool()  # what the writer loads, kept for the rewrite: half its time
        _ingest(pending, workers, writer, _Tally(report, strict, on_article, on_error))
        drop_unused_runs(store)
        drop_unused_descriptions(store)  # actors, places, publishers no article names any more
        if own and rewrite is not False:  # one load into an empty folder: RocksDB's compressed level
            report.rewrite = _rewrite(store, forced=rewrite is True)
        elif rewrite is True:
            report.rewrite = "skipped: only the build's own on-disk store is written again"
        if publisher is not None:
            publisher.committed(force=True)  # everything, for readers during the exports
        report.quads = len(store)
        if exports:
            report.outputs.update(export_outputs(store, out, html=html))
    report.seconds = time.perf_counter() - started
    return report


def _rewrite(store: "OxigraphGraphStore", *, forced: bool) -> str:
    """Write our own store again in one bulk load (:meth:`OxigraphGraphStore.rewrite`) where the
    load's memory fits in half the memory available, or ``forced``; what happened, for the summary."""
    from geokg.graph.store.embedded import available_memory, rewrite_memory

    need, free = rewrite_memory(len(store)), available_memory()
    if not forced and free is not None and need > free // 2:
        return (f"skipped: the bulk load needs ~{need >> 20} MB, {free >> 20} MB available "
                f"(--rewrite forces it)")
    before, after = store.rewrite()
    return f"{before / 1e6:.1f} MB -> {after / 1e6:.1f} MB"


@dataclass(frozen=True)
class _Workers:
    """Where articles are parsed: here (``pipeline``), or by workers that get theirs from ``source``."""

    settings: "Settings"
    run: "RunInfo"
    pipeline: "Pipeline | None" = None
    source: "PipelineSource | None" = None
    jobs: int = 1
    dask: str | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    pool: Any = None  # the started worker processes (:meth:`started`)
    ahead: bool = False  # serial, parsing in a process of its own (:mod:`~geokg.graph.builder.ahead`)
    coder_pending: bool = False  # ``pipeline`` is spaCy only; its coder is built once parsing has begun

    @property
    def label(self) -> str:
        """The backend as the report names it."""
        if self.dask:
            return f"dask {self.dask}"
        return "processes" if self.source is not None else "serial, parse-ahead" if self.ahead else "serial"

    @property
    def salt(self) -> str:
        """What the journal's digests depend on besides the article: model and geokg versions,
        evidence level and the writer's graph format (:data:`~geokg.graph.rdf.evidence.GRAPH_FORMAT`)."""
        from geokg.graph.rdf.evidence import GRAPH_FORMAT

        run = self.run
        return f"{run.model} {run.model_version} {run.geokg_version} {run.evidence} format {GRAPH_FORMAT}"

    def started(self, stack: ExitStack) -> _Workers:
        """These workers with their processes started (a process pool; shut when ``stack`` exits).

        Started first thing, they load the pipeline while the build opens its
        store and writes the vocabulary.
        """
        if self.ahead and self.pool is None:
            from geokg.graph.builder.ahead import parse_ahead_pool

            pool = parse_ahead_pool(self.pipeline)
            stack.callback(pool.shutdown)
            return dataclasses.replace(self, pool=pool)
        if self.source is None or self.dask is not None or self.pool is not None:
            return self
        from geokg.graph.builder.parallel import worker_pool

        pool = worker_pool(self.jobs, self.source, pipeline=self.pipeline)
        stack.callback(pool.shutdown)
        return dataclasses.replace(self, pool=pool, pipeline=None)

    def outputs(self, stack: ExitStack, pending: Iterator[Pending], *, keep_results: bool) -> Iterator[Any]:
        """The processed articles, in input order (closed, and a Dask client shut, when ``stack`` exits)."""
        from geokg.graph.builder.parallel import parallel_outputs, serial_outputs

        if self.dask is not None:
            from geokg.graph.builder.distributed import dask_client, dask_outputs

            client = stack.enter_context(dask_client(self.dask, workers=self.jobs))
            outputs = dask_outputs(pending, client=client, settings=self.settings, run=self.run,
                                   pipeline=self.source, chunk_size=self.chunk_size, keep_results=keep_results)
        elif self.ahead and self.pool is not None:
            from geokg.graph.builder.ahead import parse_ahead_outputs
            from geokg.ingest.pipeline import Pipeline

            # a pipeline of spaCy only gets its coder once the first articles are sent to be parsed
            complete = functools.partial(Pipeline.create, self.settings, nlp=self.pipeline.nlp)
            outputs = parse_ahead_outputs(self.pipeline, pending, pool=self.pool, run=self.run,
                                          keep_results=keep_results, chunk_size=self.chunk_size,
                                          complete=complete if self.coder_pending else None)
        elif self.source is not None:
            outputs = parallel_outputs(pending, jobs=self.jobs, settings=self.settings, run=self.run,
                                       pipeline=self.source, chunk_size=self.chunk_size, keep_results=keep_results,
                                       pool=self.pool)
        else:
            outputs = serial_outputs(self.pipeline, pending, run=self.run, keep_results=keep_results)
        stack.callback(outputs.close)
        return outputs


def _workers(
    pipeline: "Pipeline | None", settings: "Settings | None", *, jobs: int, dask: str | None, chunk_size: int,
    evidence: str = "mention", parse_ahead: bool = True,
) -> _Workers:
    """Check the scale options; load the pipeline here (``jobs == 1``) or prepare it for workers.

    A pipeline the caller gives is the one the workers run: it is pickled
    for them (:class:`~geokg.graph.builder.parallel.PipelineSource`), and one
    that cannot be pickled fails here, before any work.
    """
    from geokg.graph.builder.parallel import PipelineSource
    from geokg.graph.rdf.evidence import check_evidence
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    check_evidence(evidence)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if dask is not None:
        from geokg.graph.builder.distributed import cluster_spec

        dask = cluster_spec(dask)
    settings = settings or (pipeline.settings if pipeline else Settings(model=resolve_model()))
    if jobs == 1 and dask is None:
        from geokg.graph.builder.ahead import can_parse_ahead

        ahead = parse_ahead and can_parse_ahead(settings)
        pending = pipeline is None and ahead  # fork once spaCy is loaded; the coder is built after
        if pipeline is None:
            pipeline = Pipeline.spacy_only(settings) if pending else Pipeline.create(settings)
        return _Workers(settings, run_info(settings, pipeline, evidence=evidence), pipeline=pipeline,
                        chunk_size=chunk_size, ahead=ahead, coder_pending=pending)
    source = PipelineSource.of(settings, pipeline)
    return _Workers(settings, run_info(settings, pipeline, evidence=evidence), pipeline=pipeline, source=source,
                    jobs=jobs, dask=dask, chunk_size=chunk_size)


def _open_store(
    stack: ExitStack, out: Path, store: "GraphStore | None", *, memory: bool
) -> tuple["GraphStore", Any]:
    """The store to build into and, for our own on-disk store, its snapshot publisher.

    A store we open (our own on disk, or in memory with ``memory``) is closed
    when ``stack`` exits; while we write our own, readers get its snapshots.
    """
    if store is not None:
        return store, None
    if memory:
        from geokg.graph.store import open_store

        store = open_store(None)
        stack.callback(store.close)
        return store, None
    from geokg.graph.store.snapshot import SnapshotPublisher

    publisher = SnapshotPublisher(out / "store")
    store = publisher.open()  # the writer locks first, then the store
    stack.callback(publisher.close)
    stack.callback(store.close)  # closed before the publisher
    return store, publisher


def _open_journal(
    stack: ExitStack, store: "GraphStore", out: Path, report: BuildReport, *, resume: bool, fresh: bool
) -> "Journal | None":
    """The build journal of a resumable store (closed when ``stack`` exits), or ``None``.

    Drops the graphs of a bulk-loaded batch that a crash cut short (the
    journal lists them as incomplete), so they are written again.
    """
    from geokg.graph.builder.journal import JOURNAL_NAME, Journal
    from geokg.ontology import article_iri

    if not resume or store.location is None:
        return None
    journal = Journal(out / JOURNAL_NAME, store=str(store.location), fresh=fresh)
    stack.callback(journal.close)
    report.journal = journal.path
    for article_id in sorted(journal.incomplete):  # a bulk write that a crash cut short
        store.remove_graph(article_iri(article_id))
    return journal


@dataclass
class _Tally:
    """Counts what the writer committed or refused into the report, calls back, stops a strict build."""

    report: BuildReport
    strict: bool
    on_article: Callable[[Any], None] | None
    on_error: Callable[[ReadError], None] | None

    def __call__(self, items: list[ArticleOutput | ReadError], *, stop: bool = True) -> None:
        for item in items:
            if isinstance(item, ReadError):
                self.report.errors.append(item)
                if self.on_error:
                    self.on_error(item)
                if self.strict and stop:
                    raise StrictModeError(str(item))
                continue
            self.report.add_output(item)
            if self.on_article:
                self.on_article(item.result if item.result is not None else item)


def _ingest(
    pending: Iterator[Pending], workers: _Workers, writer: Callable[[], GraphWriter], handle: _Tally
) -> None:
    """Process ``pending`` with the chosen backend and write the outputs (``writer()`` makes the writer)."""
    with ExitStack() as stack:
        outputs = workers.outputs(stack, pending, keep_results=handle.on_article is not None)
        out = writer()
        try:
            for item in outputs:
                if isinstance(item, ReadError):
                    handle([item])
                else:
                    out.add(item)
                handle(out.drain())
        except BaseException:  # strict stop, interrupt, failure: still write what was processed
            out.close(check=False)
            handle(out.drain(), stop=False)
            raise
        out.close()
        handle(out.drain())


def export_outputs(store: "GraphStore", out: Path, *, html: bool = True) -> dict[str, Path]:
    """Write ``graph.ttl``, ``graph.trig`` and (optionally) ``graph.html``.

    On an Oxigraph store the TriG and Turtle files are written from one read
    of the store (:func:`~geokg.graph.exports.write_trig_and_turtle`) on a
    second thread (Oxigraph reads and writes them mostly without holding the
    GIL) while this one builds the HTML view: the exports take about the
    time of the longer, not the sum.
    """
    from concurrent.futures import ThreadPoolExecutor

    from geokg.graph.exports import _ox, write_trig_and_turtle

    paths = (out / "graph.trig", out / "graph.ttl")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="geokg-export") as pool:
        background = pool.submit(write_trig_and_turtle, store, *paths) if _ox(store) is not None else None
        files = write_trig_and_turtle(store, *paths) if background is None else None
        html_path = _write_html(store, out / "graph.html") if html else None
        trig, turtle = background.result() if background is not None else files
    return {"turtle": turtle, "trig": trig} | ({"html": html_path} if html_path is not None else {})


def _write_html(store: "GraphStore", path: Path) -> Path:
    """The offline view of ``store``: the actor graph with its Map tab."""
    from geokg.graph.analytics.project import actor_graph
    from geokg.graph.views.graphview import GraphView
    from geokg.graph.views.mapview import MapView

    view = GraphView.from_networkx(actor_graph(store), title="geokg — actors and events")
    return view.with_map(MapView.from_store(store)).save(path)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geokg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
