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

import os
import time
from collections.abc import Callable, Iterable, Iterator
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
    from geokg.graph.rdf.writer import RunInfo
    from geokg.graph.store.core import GraphStore
    from geokg.ingest.pipeline import Pipeline, Settings

__all__ = [
    "BuildReport",
    "GraphWriter",
    "build",
    "run_info",
    "write_outputs",
    "write_vocabulary",
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


def run_info(settings: "Settings", pipeline: "Pipeline | None" = None) -> "RunInfo":
    """What produced the graph: the model's name and version, and geokg's version.

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
            )
        except Exception:  # not an installed package or a model folder: load it
            from geokg.ingest.pipeline import Pipeline

            pipeline = Pipeline.create(settings)
    return RunInfo(model=pipeline.model_name, model_version=pipeline.model_version, geokg_version=_version())


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


def build(
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
    batch_size: int = 64,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    atomic: bool | None = None,
    on_skip: Callable[[Article], None] | None = None,
    guard: "ArticleGuard | None" = None,
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
        The pipeline to use in this process (default: loaded from
        ``settings``).  Worker processes rebuild it from its settings.
    settings
        Model and batch size (default: ``pipeline.settings``, else the
        configured model).
    jobs
        ``1``: everything in this process (a background thread loads the
        store).  More: worker processes parse articles (spaCy, extraction,
        coding) and send back records, which this process writes as RDF and
        loads.  With ``dask``, the number of workers of a local cluster.
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
        8 MB of N-Quads).
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
    """
    from geokg.graph.builder.journal import JOURNAL_NAME, Journal
    from geokg.graph.store.core import open_store
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ontology import article_iri

    started = time.perf_counter()
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if dask is not None:
        from geokg.graph.builder.distributed import cluster_spec

        dask = cluster_spec(dask)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = settings or (pipeline.settings if pipeline else Settings(model=resolve_model()))
    if jobs > 1 or dask is not None:
        pipeline = None  # the workers load it from its settings
    elif pipeline is None:
        pipeline = Pipeline.create(settings)
    report = BuildReport(jobs=jobs, backend=f"dask {dask}" if dask else "serial" if pipeline else "processes")
    run = run_info(settings, pipeline)
    salt = f"{run.model} {run.model_version} {run.geokg_version}"
    own_store = store is None
    publisher = None  # our own on-disk store: readers get its snapshots while we write
    if store is None and not memory:
        from geokg.graph.store.snapshot import SnapshotPublisher

        publisher = SnapshotPublisher(out / "store")
        store = publisher.open()  # the writer locks first, then the store
    elif store is None:
        store = open_store(None)
    report.store = store.location
    journal = None
    try:
        write_vocabulary(store)
        if resume and store.location is not None:
            journal = Journal(out / JOURNAL_NAME, store=str(store.location), fresh=fresh)
            report.journal = journal.path
            for article_id in sorted(journal.incomplete):  # a bulk write that a crash cut short
                store.remove_graph(article_iri(article_id))
        if atomic is None:  # bulk loads are safe only where the journal can repair a cut-short batch
            atomic = journal is None
        report.backend += ", transactions" if atomic else ", bulk load"
        if publisher is not None:
            publisher.committed(force=True)  # the store before this run's batches, for readers
        articles = _split(iter_articles(sources), report, strict, on_error, guard or ArticleGuard())
        pending = _pending(articles, journal=journal, store=store, salt=salt, report=report, on_skip=on_skip)
        _ingest(pending, store, report, pipeline=pipeline, settings=settings, run=run, jobs=jobs, dask=dask,
                journal=journal, batch_size=batch_size, chunk_size=chunk_size, atomic=atomic, strict=strict,
                on_article=on_article, on_error=on_error, on_commit=publisher and publisher.committed)
        if publisher is not None:
            publisher.committed(force=True)  # everything, for readers during the exports
        report.quads = len(store)
        if exports:
            report.outputs.update(export_outputs(store, out, html=html))
    finally:
        if journal is not None:
            journal.close()
        if own_store:
            try:
                store.close()
            finally:
                if publisher is not None:
                    publisher.close()
    report.seconds = time.perf_counter() - started
    return report


def _ingest(
    pending: Iterator[Pending],
    store: "GraphStore",
    report: BuildReport,
    *,
    pipeline: "Pipeline | None",
    settings: "Settings",
    run: "RunInfo",
    jobs: int,
    dask: str | None,
    journal: "Journal | None",
    batch_size: int,
    chunk_size: int,
    atomic: bool,
    strict: bool,
    on_article: Callable[[Any], None] | None,
    on_error: Callable[[ReadError], None] | None,
    on_commit: Callable[[list[ArticleOutput]], None] | None = None,
) -> None:
    """Process ``pending`` with the chosen backend and write the outputs."""
    from contextlib import ExitStack

    from geokg.graph.builder.parallel import parallel_outputs, serial_outputs

    def handle(items: list[ArticleOutput | ReadError], *, stop: bool = True) -> None:
        for item in items:
            if isinstance(item, ReadError):
                report.errors.append(item)
                if on_error:
                    on_error(item)
                if strict and stop:
                    raise StrictModeError(str(item))
                continue
            report.add_output(item)
            if on_article:
                on_article(item.result if item.result is not None else item)

    with ExitStack() as stack:
        if dask is not None:
            from geokg.graph.builder.distributed import dask_client, dask_outputs

            client = stack.enter_context(dask_client(dask, workers=jobs))
            outputs = dask_outputs(pending, client=client, settings=settings, run=run, chunk_size=chunk_size)
        elif pipeline is None:
            outputs = parallel_outputs(pending, jobs=jobs, settings=settings, run=run, chunk_size=chunk_size,
                                       keep_results=on_article is not None)
        else:
            outputs = serial_outputs(pipeline, pending, run=run, keep_results=on_article is not None)
        stack.callback(outputs.close)
        writer = GraphWriter(store, journal=journal, batch_size=batch_size, atomic=atomic, on_commit=on_commit)
        try:
            for item in outputs:
                if isinstance(item, ReadError):
                    handle([item])
                else:
                    writer.add(item)
                handle(writer.drain())
        except BaseException:  # strict stop, interrupt, failure: still write what was processed
            writer.close(check=False)
            handle(writer.drain(), stop=False)
            raise
        writer.close()
        handle(writer.drain())


def export_outputs(store: "GraphStore", out: Path, *, html: bool = True) -> dict[str, Path]:
    """Write ``graph.ttl``, ``graph.trig`` and (optionally) ``graph.html``."""
    from geokg.graph.exports import write_trig, write_turtle

    outputs = {"turtle": write_turtle(store, out / "graph.ttl"), "trig": write_trig(store, out / "graph.trig")}
    if html:
        from geokg.graph.analytics.project import actor_graph
        from geokg.graph.views.graphview import GraphView

        view = GraphView.from_networkx(actor_graph(store), title="geokg — actors and events")
        outputs["html"] = view.save(out / "graph.html")
    return outputs


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geokg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
