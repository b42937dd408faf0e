"""Benchmark: builds of N articles at the default evidence level, and what they cost per article.

Usage::

    python benchmarks/bench_scale.py --sizes 1000 10000      # the issue's sizes (10,000: ~30+ min on 2 busy cores)
    python benchmarks/bench_scale.py --sizes 1000 --ag-news  # bounded: 1,000 articles + the AG News build
    python benchmarks/bench_scale.py --sizes --ag-news --repeats 3 --split  # AG News only (~5 min)

Corpus of N articles: the AG News world items (title + description, as in
``bench_ingest.py``) make up 19% of it (1,900 of 10,000; 190 of 1,000), the
rest is generated text (``corpus.py``, seed 7), so every size has the same mix
and costs per article compare.  Each configuration runs in a fresh subprocess
on the same files, one after the other, and the ratios are taken within one
run:

``bare``   ``nlp.pipe`` over the texts with the trained pipeline as shipped (``spacy.load``: none of
           geokg's components, spaCy's own attribute ruler; ``--bare-as-geokg``: geokg's ``load_pipeline``).
``jobs1``  ``build(jobs=1, exports=False)`` at the default evidence level (mention),
           on-disk store (bulk loader, the default), in this process.
``jobs2``  the same with two worker processes (first size only).

The builds' child processes first do what the ``geokg`` command does before any
command runs: ask numpy's OpenBLAS for one thread (``one_blas_thread``; since the
thirty-eighth session), so geokg's parsing processes never have a second thread.
``bare`` runs as a user runs spaCy, without it (the same setting makes bare
``nlp.pipe`` about 15% faster too: ``SCALING.md``).

For each build: wall and CPU seconds, CPU by thread (the main thread: spaCy,
extraction, coding, RDF writer; RocksDB's threads: compaction and flushes; the
other threads: mostly the store loader), quads, N-Quads bytes (the store dumped
as N-Quads), store folder bytes, peak RSS (``VmHWM``) and the latency of each
named query on the finished store (median of 3, store opened read-only).

``--ag-news``: the whole ``geokg build ../shared/data/news/ag_news_world_test.csv
--out DIR`` (the CLI command, run in a child process; outputs included:
Turtle, TriG, HTML) against bare ``nlp.pipe`` over the texts that build reads
from the same file, alternated ``--repeats`` times (the ratio of each pair,
then their median and range), and its store folder against the text.
``--split`` also times each export apart on the finished store.  This is a
script, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_ingest import AG_NEWS, _ag_news, _load, _status_kb  # noqa: E402
from machine import describe  # noqa: E402

AG_SHARE = 0.19
QUERIES = [
    ("country-events", {"country": "MEX"}),
    ("events-between", {"country_a": "MEX", "country_b": "USA"}),
    ("actor-timeline", {"label": "Mexico"}),
    ("top-actors", {"quad_class": 3}),
    ("who-said-what", {"about": "Mexico"}),
    ("event-mentions", {}),  # the event: the first one the store lists
]


# --------------------------------------------------------------------------- corpus


def write_mix(out: Path, n: int) -> dict:
    """``n`` articles as JSONL shards of 100: AG News items (19%) then generated ones."""
    import itertools

    from corpus import generate_articles

    out.mkdir(parents=True, exist_ok=True)
    ag: list[dict] = []
    if AG_NEWS.is_file():
        tmp = out.parent / f"{out.name}-ag"
        _ag_news(tmp)
        with open(tmp / "ag_news.jsonl", encoding="utf-8") as fh:
            ag = [json.loads(line) for line in itertools.islice(fh, round(n * AG_SHARE))]
        shutil.rmtree(tmp)
    items = ag + list(itertools.islice(generate_articles(7), n - len(ag)))
    chars = words = 0
    for i in range(0, len(items), 100):
        with open(out / f"part-{i // 100:05d}.jsonl", "w", encoding="utf-8") as w:
            for item in items[i:i + 100]:
                w.write(json.dumps(item, ensure_ascii=False) + "\n")
                text = f"{item.get('title', '')}\n\n{item['text']}"
                chars += len(text.encode("utf-8"))
                words += len(text.split())
    return {"articles": len(items), "ag_news": len(ag), "text_bytes": chars, "words": words}


# --------------------------------------------------------------------------- child side


class ThreadCPU:
    """Samples ``/proc/self/task`` every ``period`` s; keeps each thread's last CPU seconds (Linux).

    Sampled from a ``SIGALRM`` handler in the main thread, not from a thread of its own:
    the measured process then runs as a user's does (a build forks its workers only from
    a process with no other Python thread, see ``geokg.graph.builder.parallel.can_fork``).
    """

    def __init__(self, period: float = 0.5) -> None:
        self.seen: dict[str, tuple[str, float]] = {}
        self._tick = os.sysconf("SC_CLK_TCK")
        self._period = period
        self._pid = os.getpid()

    def _sample(self, *_: object) -> None:
        if os.getpid() != self._pid:  # a forked worker inherits the handler, not the timer
            return
        for task in Path("/proc/self/task").glob("*"):
            try:
                comm = task.joinpath("comm").read_text().strip()
                fields = task.joinpath("stat").read_text().rsplit(")", 1)[1].split()
                self.seen[task.name] = (comm, (int(fields[11]) + int(fields[12])) / self._tick)
            except OSError:
                continue

    def __enter__(self) -> ThreadCPU:
        import signal

        self._old = signal.signal(signal.SIGALRM, self._sample)
        signal.setitimer(signal.ITIMER_REAL, self._period, self._period)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old)
        self._sample()

    def split(self) -> dict[str, float]:
        """CPU seconds of the main thread, RocksDB's threads and the others."""
        out = {"main thread": 0.0, "rocksdb threads": 0.0, "other threads": 0.0}
        for tid, (comm, cpu) in self.seen.items():
            key = "main thread" if int(tid) == os.getpid() else (
                "rocksdb threads" if comm.startswith("rocksdb") else "other threads")
            out[key] += cpu
        return out


def _since_process_start() -> float:
    """Wall seconds since this process started (interpreter start and imports included; Linux)."""
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    return float(Path("/proc/uptime").read_text().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _latencies(store_dir: Path) -> dict[str, float]:
    from geokg.graph.query.named import run_named
    from geokg.graph.store import open_store

    store = open_store(store_dir, read_only=True)
    out = {}
    try:
        event = next(iter(store.query(
            "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?e WHERE { ?e a sem:Event } LIMIT 1")), [None])[0]
        for name, params in QUERIES:
            params = params or {"event": str(event)}
            times = []
            for _ in range(3):
                t = time.perf_counter()
                rows = len(run_named(store, name, **params).rows)
                times.append(time.perf_counter() - t)
            out[f"{name} ({rows} rows)"] = statistics.median(times)
    finally:
        store.close()
    return out


def _child(config: str, corpus: str, out: str) -> dict:
    import resource

    if config != "bare":  # as the ``geokg`` command does first (bare: spaCy as a user runs it)
        from geokg.graph.builder.allocator import one_blas_thread

        one_blas_thread()
    from geokg.ingest.pipeline import Settings, load_pipeline, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    settings = Settings(model=resolve_model())
    result: dict = {"config": config}
    with ThreadCPU() as threads:
        started = time.perf_counter()
        if config == "bare":
            texts = [a.content for a in iter_articles([corpus]) if isinstance(a, Article)]
            started = time.perf_counter()
            if os.environ.get("BENCH_BARE_AS_GEOKG"):
                nlp = load_pipeline(settings.model)
            else:  # the reference: the trained pipeline as its package ships it
                import spacy

                nlp = spacy.load(settings.model)
            for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
                pass
            result.update(words=sum(len(t.split()) for t in texts), quads=0)
        elif config == "cli":
            result.update(_cli_build(corpus, out))
        else:
            from geokg.graph.builder.run import build

            kwargs = {"jobs1": {}, "jobs2": {"jobs": 2}}[config]
            report = build([corpus], out, settings=settings, exports=False, **kwargs)
            result.update(words=report.words, articles=report.articles, quads=report.quads,
                          errors=len(report.errors), backend=report.backend)
        result["seconds"] = time.perf_counter() - started
        result["process_seconds"] = _since_process_start()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    result["cpu_threads"] = threads.split()
    result["vmhwm_mb"] = _status_kb("VmHWM") / 1024
    result["children_maxrss_mb"] = kids.ru_maxrss / 1024
    if config == "cli" and os.environ.get("BENCH_SPLIT"):
        result["export_split"] = export_split(Path(out))
    if config != "bare":
        store = Path(out) / "store"
        result["store_bytes"] = _dir_bytes(store)
        result["nquads_bytes"] = _nquads_bytes(store)
        result["latency"] = _latencies(store)
    return result


def _cli_build(corpus: str, out: str) -> dict:
    """``geokg build CORPUS --out OUT`` as a user runs it (the Typer command, in this process)."""
    import pyoxigraph as ox
    from geokg.graph.cli import app

    try:
        app(["build", corpus, "--out", out], standalone_mode=False)
    except SystemExit as exc:  # typer.Exit on bad inputs: the build still ran
        if exc.code not in (0, 1, None):
            raise
    store = ox.Store.read_only(str(Path(out) / "store"))
    outputs = {name: (Path(out) / name).stat().st_size for name in ("graph.ttl", "graph.trig", "graph.html")}
    return {"quads": len(store), "outputs_bytes": outputs}


def export_split(out: Path) -> dict[str, float]:
    """CPU seconds of each export on the finished store at ``out/store``, one after the other."""
    from geokg.graph.analytics.project import actor_graph
    from geokg.graph import exports
    from geokg.graph.exports import write_trig, write_turtle
    from geokg.graph.store import open_store
    from geokg.graph.views.graphview import GraphView
    from geokg.graph.views.mapview import MapView

    store = open_store(out / "store", read_only=True)
    split: dict[str, float] = {}
    state: dict = {}
    steps = {
        "graph.ttl (write_turtle)": lambda: write_turtle(store, out / "split.ttl"),
        "graph.trig (write_trig)": lambda: write_trig(store, out / "split.trig"),
        **({"graph.trig + graph.ttl in one read (write_trig_and_turtle: the build's)": lambda: exports
            .write_trig_and_turtle(store, out / "split2.trig", out / "split2.ttl")}
           if hasattr(exports, "write_trig_and_turtle") else {}),
        "HTML: actor graph (event_rows queries)": lambda: state.setdefault("g", actor_graph(store)),
        "HTML: graph view (layout, payload)": lambda: state.setdefault(
            "v", GraphView.from_networkx(state["g"], title="geokg")),
        "HTML: map view (queries)": lambda: state.setdefault("m", MapView.from_store(store)),
        "HTML: render and save": lambda: state["v"].with_map(state["m"]).save(out / "split.html"),
    }
    try:
        for name, step in steps.items():
            used = time.process_time()
            step()
            split[name] = time.process_time() - used
    finally:
        store.close()
    return split


def _nquads_bytes(store_dir: Path) -> int:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    path = store_dir.parent / "dump.nq"
    store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    size = path.stat().st_size
    path.unlink()
    return size


# --------------------------------------------------------------------------- parent side


def _run(config: str, corpus: Path, out: Path, *, split: bool = False) -> dict:
    env = {**os.environ, "BENCH_SPLIT": "1"} if split else None
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", config, str(corpus), str(out)],
                          capture_output=True, text=True, timeout=4 * 3600, cwd=str(ROOT), env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{config} on {corpus} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.setdefault("process_seconds", time.perf_counter() - began)
    result["load"] = _load()
    return result


Runs = dict[tuple[int, str], list[dict]]


def _table(sizes: dict[int, dict], runs: Runs) -> list[str]:
    lines = ["| articles | config | wall s | CPU s | CPU main / rocksdb / other | words/s | quads | quads per word | "
             "N-Quads MB | N-Quads ÷ text | store MB | store ÷ text | store KB per article | CPU ms per article | "
             "peak RSS MB | load |", "|" + "---|" * 16]
    for (n, config), results in runs.items():
        corpus = sizes[n]
        words, text = corpus["words"], corpus["text_bytes"]
        for r in results:
            th = r["cpu_threads"]
            row = [f"{n:,}", config, f"{r['seconds']:.0f}", f"{r['cpu_seconds']:.0f}",
                   f"{th['main thread']:.0f} / {th['rocksdb threads']:.0f} / {th['other threads']:.0f}",
                   f"{r['words'] / r['seconds']:,.0f}"]
            if config == "bare":
                row += ["—"] * 7 + [f"{1000 * r['cpu_seconds'] / corpus['articles']:.0f}"]
            else:
                row += [f"{r['quads']:,}", f"{r['quads'] / words:.2f}", f"{r['nquads_bytes'] / 1e6:.1f}",
                        f"{r['nquads_bytes'] / text:.0f}×", f"{r['store_bytes'] / 1e6:.1f}",
                        f"{r['store_bytes'] / text:.0f}×", f"{r['store_bytes'] / 1e3 / corpus['articles']:.1f}",
                        f"{1000 * r['cpu_seconds'] / corpus['articles']:.0f}"]
            row += [f"{r['vmhwm_mb'] + r['children_maxrss_mb']:.0f}", r["load"]]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def _spread(values: list[float]) -> str:
    """``median (min–max, n runs)`` of paired ratios."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f}, {len(values)} pairs)"


def _paired(a: list[dict], b: list[dict], key: str = "seconds") -> list[float]:
    """``b[key] ÷ a[key]`` for runs of the same repeat (a speed ratio of ``a`` over ``b`` for times)."""
    return [y[key] / x[key] for x, y in zip(a, b)]


def _ratios(sizes: dict[int, dict], runs: Runs) -> list[str]:
    lines = ["| ratio (speed, same words; paired runs of one repeat) | wall | CPU | target |", "|---|---|---|---|"]
    ns = sorted(sizes)
    first = ns[0]
    for n in ns:
        for label, a, b, target in ((f"jobs1 ÷ bare nlp.pipe ({n:,})", "jobs1", "bare", "≥ 0.85"),
                                    (f"jobs2 ÷ jobs1 ({n:,})", "jobs2", "jobs1", "≥ 1.5")):
            if runs.get((n, a)) and runs.get((n, b)):
                lines.append(f"| {label} | {_spread(_paired(runs[(n, a)], runs[(n, b)]))} | "
                             f"{_spread(_paired(runs[(n, a)], runs[(n, b)], 'cpu_seconds'))} | {target} |")
        r = (runs.get((n, "jobs1")) or [None])[0]
        if r:
            lines.append(f"| quads per input word ({n:,}) | {r['quads'] / sizes[n]['words']:.2f} | | ≤ 1.5 |")
            lines.append(f"| N-Quads bytes ÷ input text ({n:,}) | {r['nquads_bytes'] / sizes[n]['text_bytes']:.0f} "
                         "| | ≤ 40 |")
    for n in ns[1:]:
        a, b = runs.get((first, "jobs1")), runs.get((n, "jobs1"))
        if a and b:
            for key, label in (("seconds", "wall s"), ("cpu_seconds", "CPU s"), ("store_bytes", "store bytes")):
                per_a = statistics.median(r[key] for r in a) / sizes[first]["articles"]
                per_b = statistics.median(r[key] for r in b) / sizes[n]["articles"]
                lines.append(f"| {label} per article, {n:,} ÷ {first:,} | {per_b / per_a:.2f} | | ≤ 1.2 |")
    return lines


def _log(began: float, label: str, r: dict) -> None:
    print(f"[{time.perf_counter() - began:6.0f} s] {label:18} {r['seconds']:7.1f} s (process {r['process_seconds']:.1f})"
          f" cpu {r['cpu_seconds']:6.1f} quads {r.get('quads', 0):>9} load {r['load']}", flush=True)
    print(json.dumps({"run": label, **r}), flush=True)  # a run cut short keeps what was measured


def _alternate(configs: list[str], repeats: int) -> list[str]:
    """``repeats`` rounds of ``configs``, the order rotating each round (no config always runs first)."""
    return [configs[(i + k) % len(configs)] for i in range(repeats) for k in range(len(configs))]


def _run_sizes(tmp: Path, args: argparse.Namespace, began: float) -> tuple[dict[int, dict], Runs]:
    sizes: dict[int, dict] = {}
    runs: Runs = {}
    for i, n in enumerate(sorted(args.sizes)):
        corpus = tmp / f"mix-{n}"
        sizes[n] = write_mix(corpus, n)
        configs = ["bare", "jobs1"] + (["jobs2"] if i == 0 and not args.no_jobs2 else [])
        for config in _alternate(configs, args.repeats if i == 0 else 1):
            out = tmp / f"out-{n}-{config}"
            runs.setdefault((n, config), []).append(r := _run(config, corpus, out))
            shutil.rmtree(out, ignore_errors=True)
            _log(began, f"{n} {config}", r)
    return sizes, runs


def _run_ag(tmp: Path, args: argparse.Namespace, began: float) -> dict[str, list[dict]]:
    runs: dict[str, list[dict]] = {"bare": [], "cli": []}
    for k, config in enumerate(_alternate(["bare", "cli"], args.repeats)):
        out = tmp / f"ag-{config}"
        runs[config].append(r := _run(config, AG_NEWS, out, split=args.split and k < 2))
        shutil.rmtree(out, ignore_errors=True)
        _log(began, f"AG News {config}", r)
    return runs


def _ag_lines(ag: dict[str, list[dict]]) -> list[str]:
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    text = sum(len(a.content.encode()) for a in iter_articles([str(AG_NEWS)]) if isinstance(a, Article))
    bare, cli = ag["bare"], ag["cli"]
    words, last = bare[0]["words"], cli[-1]
    lines = ["", f"AG News world, `geokg build ../shared/data/news/{AG_NEWS.name} --out DIR` (outputs included) "
             "vs bare `nlp.pipe`, paired runs:", "",
             "| measure | value | target |", "|---|---|---|",
             f"| build ÷ bare nlp.pipe, wall (from model load) | {_spread(_paired(cli, bare))} | ≥ 0.7 |",
             f"| build ÷ bare nlp.pipe, whole process wall | {_spread(_paired(cli, bare, 'process_seconds'))} | |",
             f"| build ÷ bare nlp.pipe, CPU (all threads) | {_spread(_paired(cli, bare, 'cpu_seconds'))} | |",
             "| wall s: build / bare | " + ", ".join(f"{c['seconds']:.1f} / {b['seconds']:.1f} (load {c['load']})"
                                                   for b, c in zip(bare, cli)) + " | |",
             f"| store folder ÷ text | {last['store_bytes'] / text:.0f}× ({last['store_bytes'] / 1e6:.1f} MB "
             f"for {text / 1e6:.2f} MB) | ≤ 50× |",
             f"| quads | {last['quads']:,} ({last['quads'] / words:.2f} per word) | |",
             f"| N-Quads ÷ text | {last['nquads_bytes'] / text:.0f}× | ≤ 40× |",
             "| outputs | " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in last["outputs_bytes"].items()) + " | |"]
    split = next((r["export_split"] for r in cli if "export_split" in r), None)
    if split:
        lines += ["", "Exports, each alone on the finished store (CPU s):", "", "| export | CPU s |", "|---|---|"]
        lines += [f"| {k} | {v:.2f} |" for k, v in split.items()]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="geokg build at scale (default evidence level)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="corpus sizes (none: only --ag-news)")
    parser.add_argument("--no-jobs2", action="store_true")
    parser.add_argument("--ag-news", action="store_true", help="also time `geokg build` on AG News vs bare")
    parser.add_argument("--repeats", type=int, default=1,
                        help="rounds of the configurations at the first size and on AG News (order rotating)")
    parser.add_argument("--split", action="store_true", help="time each export apart (AG News)")
    parser.add_argument("--bare-as-geokg", action="store_true",
                        help="time `bare` with geokg's load_pipeline (its attribute ruler) instead of spacy.load")
    parser.add_argument("--results", type=Path, default=None, help="write the tables (Markdown) here")
    parser.add_argument("--child", nargs=3, metavar=("CONFIG", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return
    if args.bare_as_geokg:
        os.environ["BENCH_BARE_AS_GEOKG"] = "1"  # read by the children
    began, load0 = time.perf_counter(), _load()
    ag: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="geokg-scale-") as tmp:
        sizes, runs = _run_sizes(Path(tmp), args, began)
        if args.ag_news and AG_NEWS.is_file():
            ag = _run_ag(Path(tmp), args, began)
    lines = [f"Run: `python benchmarks/bench_scale.py {' '.join(sys.argv[1:])}` "
             f"({(time.perf_counter() - began) / 60:.1f} min, load average {load0} → {_load()} on "
             f"{os.cpu_count()} cores)", "", f"Machine: {describe()}", ""]
    if sizes:
        lines += ["Corpora: " + "; ".join(
            f"{n:,} articles ({c['ag_news']} AG News), {c['words']:,} words, {c['text_bytes'] / 1e6:.2f} MB"
            for n, c in sizes.items()), "", *_table(sizes, runs), "", *_ratios(sizes, runs)]
    if ag:
        lines += _ag_lines(ag)
    if any(c == "jobs1" for _, c in runs):
        lines += ["", "Named-query latency (ms, median of 3, store opened read-only after the build):", "",
                  "| articles | query | ms |", "|---|---|---|"]
        for (n, config), results in runs.items():
            if config == "jobs1":
                lines += [f"| {n:,} | {q} | {1000 * s:.0f} |" for q, s in results[0]["latency"].items()]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
