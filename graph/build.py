"""The main job: sources → articles → records → store → exports.

:func:`build` is what ``geokg build`` runs.  Bad inputs never stop it: each
becomes a :class:`~geokg.ingest.records.ReadError` in the report (``strict``
stops at the first one instead), and every batch of articles is written to the
store in one transaction, so what was stored before a failure stays stored.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geokg.ingest.records import Article, ArticleResult, ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.ingest.pipeline import Pipeline

    from .store import GraphStore

__all__ = [
    "BuildReport",
    "build",
    "ingest_results",
    "write_results",
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

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.errors

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
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadError):
            report.errors.append(item)
            if on_error:
                on_error(item)
            if strict:
                raise StrictModeError(str(item))
            continue
        yield item


def ingest_results(
    pipeline: "Pipeline",
    articles: Iterable[Article],
    report: BuildReport,
    *,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
) -> Iterator[ArticleResult]:
    """Run the pipeline; an article whose processing fails becomes an error."""
    pairs = ((a.content, a) for a in articles)
    settings = pipeline.settings
    for doc, article in pipeline.nlp.pipe(
        pairs, as_tuples=True, batch_size=settings.batch_size, n_process=settings.n_process
    ):
        try:
            result = pipeline.process_doc(doc, article)
        except Exception as exc:  # one bad article must not end the run
            err = ReadError(article.origin or article.id, f"processing failed: {type(exc).__name__}: {exc}")
            report.errors.append(err)
            if on_error:
                on_error(err)
            if strict:
                raise StrictModeError(str(err)) from exc
            continue
        yield result


def write_results(
    store: "GraphStore",
    results: Iterable[ArticleResult],
    report: BuildReport,
    *,
    run: object | None = None,
    batch_size: int = 16,
    strict: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
) -> None:
    """Write results to ``store``: one named graph per article, one transaction per batch.

    An article whose records cannot be written becomes a :class:`ReadError`
    in ``report``; the rest of the batch is still written.
    """
    from geokg.graph.rdf import RDFWriteError, article_triples
    from geokg.ontology import article_iri

    batch: dict = {}

    def flush() -> None:
        if batch:
            store.replace_graphs(batch)
            batch.clear()

    for result in results:
        try:
            triples = list(dict.fromkeys(article_triples(result, run=run)))
        except RDFWriteError as exc:
            article = result.article
            err = ReadError(article.origin or article.id, f"cannot write its graph: {exc}")
            report.errors.append(err)
            if on_error:
                on_error(err)
            if strict:
                raise StrictModeError(str(err)) from exc
            continue
        batch[article_iri(result.article.id)] = triples
        report.add(result)
        if on_article:
            on_article(result)
        if len(batch) >= batch_size:
            flush()
    flush()


def write_vocabulary(store: "GraphStore") -> int:
    """(Re)write the ontology and the event-type schemes into :data:`VOCABULARY_GRAPH`.

    Queries can then use CAMEO/PLOVER labels and the ontology's labels.
    Returns the number of triples written.
    """
    from rdflib import URIRef

    from geokg.ontology import load_ontology, ontology_files

    from rdflib.compare import to_canonical_graph

    schemes = [n for n in ontology_files() if n.endswith(".ttl") and n not in ("geokg.ttl", "shapes.ttl")]
    # Canonical blank-node labels (OWL lists): the same vocabulary gives the same quads every time.
    triples = list(to_canonical_graph(load_ontology(*schemes)))
    store.replace_graphs({URIRef(VOCABULARY_GRAPH): triples})
    return len(triples)


def build(
    sources: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    pipeline: "Pipeline | None" = None,
    store: "GraphStore | None" = None,
    memory: bool = False,
    html: bool = True,
    strict: bool = False,
    on_article: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
) -> BuildReport:
    """Build (or update) a geokg graph from ``sources`` into ``out_dir``.

    Writes ``out_dir/store/`` (the embedded Oxigraph store, unless ``memory``
    or a ``store`` is given), ``out_dir/graph.ttl`` (the union graph),
    ``out_dir/graph.trig`` (with one named graph per article) and
    ``out_dir/graph.html`` (an offline view).
    """
    from geokg.graph.rdf import RunInfo
    from geokg.ingest.pipeline import Pipeline
    from geokg.ingest.readers import iter_articles

    from .store import open_store

    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    pipeline = pipeline or Pipeline.create()
    own_store = store is None
    if store is None:
        store = open_store(None if memory else out / "store")
    report.store = store.location
    try:
        run = RunInfo(
            model=pipeline.model_name, model_version=pipeline.model_version, geokg_version=_version()
        )
        write_vocabulary(store)
        articles = _split(iter_articles(list(sources)), report, strict, on_error)
        results = ingest_results(pipeline, articles, report, strict=strict, on_error=on_error)
        write_results(store, results, report, run=run, strict=strict, on_article=on_article, on_error=on_error)
        report.quads = len(store)
        report.outputs.update(export_outputs(store, out, html=html))
    finally:
        if own_store:
            store.close()
    report.seconds = time.perf_counter() - started
    return report


def export_outputs(store: "GraphStore", out: Path, *, html: bool = True) -> dict[str, Path]:
    """Write ``graph.ttl``, ``graph.trig`` and (optionally) ``graph.html``."""
    from .exports import write_trig, write_turtle

    outputs = {"turtle": write_turtle(store, out / "graph.ttl"), "trig": write_trig(store, out / "graph.trig")}
    if html:
        from .project import actor_graph
        from .view import GraphView

        view = GraphView.from_networkx(actor_graph(store), title="geokg — actors and events")
        outputs["html"] = view.save(out / "graph.html")
    return outputs


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geokg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
