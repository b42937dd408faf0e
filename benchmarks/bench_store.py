"""Store benchmark: named queries and bulk load, Oxigraph vs rdflib in memory, side by side.

Builds the sample corpus once, then replicates its article graphs (fresh
article, event, mention and sentence IRIs per copy; actors shared, as in a real
corpus) until the dataset holds about ``--triples`` quads, written as one
N-Quads file.  Then, in one run:

* bulk load of that file, each a median of ``--repeats`` runs:

  - Oxigraph on disk, geokg's default store: ``open_store(dir)``, Oxigraph's
    bulk loader, ``close()`` (everything flushed);
  - Oxigraph in memory: ``pyoxigraph.Store()`` and the same bulk loader (the
    like-for-like comparison with rdflib, which also loads into memory);
  - rdflib: ``Dataset(default_union=True).parse(file, format="nquads")``;

* every named query (with typical parameters), the same query text on the
  on-disk Oxigraph store (through ``GraphStore.query``, as geokg runs it), on
  the in-memory Oxigraph store and on rdflib's in-memory ``Dataset``; each a
  median of ``--repeats`` runs.  rdflib loads and queries in a subprocess with a
  time cap per step, so one slow query cannot stall the run.  The rows of both
  stores are compared (values, not only counts).

Then the same named queries on a shared-events variant of the dataset (same size;
event IRIs shared by groups of ``--share`` copies, so every event is reported by
``--share`` article graphs): Oxigraph on disk and in memory, and rdflib (loaded
once), next to the main dataset's times.

Usage::

    python benchmarks/bench_store.py [--triples 1000000] [--repeats 3] [--cap 300] [--share 8] [--out benchmarks/RESULTS-store.md]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

QUERIES = {
    "events-between": {"country_a": "MEX", "country_b": "USA", "from": "2024-01-01", "to": "2025-12-31"},
    "actor-timeline": {"label": "Claudia Sheinbaum"},
    "top-actors": {"quad_class": 4},
    "who-said-what": {"about": "Mexico"},
    "country-events": {"country": "MEX"},
}


def _build_seed(workdir: Path, evidence: str = "mention") -> Path:
    from geokg.graph.builder.run import build

    out = workdir / f"seed-{evidence}"
    build([ROOT / "examples" / "articles"], out, html=False, exports=False, evidence=evidence)
    return out / "store"


def _replicate(seed_store: Path, target: int, nquads: Path, share: int = 1, copies: int | None = None) -> int:
    """Write ~target quads of N-Quads: copies of every article graph with fresh ids.

    ``copies`` (if given) is the number of copies instead, whatever the quads.

    With ``share`` > 1, event IRIs are shared by groups of ``share`` consecutive copies (fresh
    article, mention, sentence and statement IRIs per copy), so every event is reported by
    ``share`` article graphs, each repeating the event's facts, as in a corpus where several
    outlets report the same event.
    """
    import pyoxigraph as ox

    store = ox.Store.read_only(str(seed_store))
    quads = list(store.quads_for_pattern(None, None, None, None))
    article_quads = [q for q in quads if "/graph/vocabulary" not in str(q.graph_name)]
    vocab = [q for q in quads if "/graph/vocabulary" in str(q.graph_name)]
    if copies is None:
        copies = max(1, (target - len(vocab)) // max(1, len(article_quads)))

    def rename(term, k):
        if isinstance(term, ox.NamedNode):
            v = term.value
            for seg in ("/article/", "/event/", "/mention/", "/sentence/", "/statement/"):
                if seg in v:
                    copy = k // share if seg == "/event/" else k
                    return ox.NamedNode(v.replace(seg, f"{seg}c{copy}-", 1))
        return term

    n = 0
    with open(nquads, "wb") as fh:
        ox.serialize(vocab, fh, ox.RdfFormat.N_QUADS)
        n += len(vocab)
        for k in range(copies):
            batch = [ox.Quad(rename(q.subject, k), q.predicate, rename(q.object, k), rename(q.graph_name, k))
                     for q in article_quads]
            ox.serialize(batch, fh, ox.RdfFormat.N_QUADS)
            n += len(batch)
    return n


def _digest(rows: list[list[Any]]) -> str:
    """A digest of result rows that does not depend on row order or on the store's lexical forms."""
    from decimal import Decimal

    from rdflib import Literal

    def value(term: Any) -> str:
        if isinstance(term, Literal):
            py = term.toPython()
            if isinstance(py, Decimal):
                py = py.normalize()  # "-6.0" and "-6" are the same decimal
            return str(term) if isinstance(py, Literal) else repr(py)
        return "" if term is None else str(term)

    lines = sorted("\t".join(value(t) for t in row) for row in rows)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def _oxigraph_disk_load(nquads: Path, workdir: Path, repeats: int) -> tuple[list[float], Path]:
    """geokg's default store: open an on-disk store, bulk-load the file, close (flushes)."""
    import pyoxigraph as ox
    from geokg.graph.store import open_store

    times, path = [], workdir / "oxstore"
    for _ in range(repeats):
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        st = open_store(path)
        st._ox.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        st.close()
        times.append(time.perf_counter() - started)
    return times, path


def _oxigraph_memory_load(nquads: Path, repeats: int) -> tuple[list[float], Any]:
    """An in-memory Oxigraph store loaded with the same bulk loader (the last one is kept)."""
    import pyoxigraph as ox

    times, store = [], None
    for _ in range(repeats):
        store = None
        gc.collect()
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        times.append(time.perf_counter() - started)
    return times, store


def _diagnostics(nquads: Path, workdir: Path, repeats: int) -> dict:
    """Where Oxigraph's load time goes: parsing alone, and the same triples in the default graph."""
    import pyoxigraph as ox

    ntriples = workdir / "data.nt"
    with open(ntriples, "wb") as fh:
        ox.serialize((q.triple for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)), fh,
                     ox.RdfFormat.N_TRIPLES)
    out: dict = {"parse": [], "disk_default_graph": [], "memory_default_graph": []}
    for _ in range(repeats):
        started = time.perf_counter()
        n = sum(1 for _ in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
        out["parse"].append(time.perf_counter() - started)
        path = workdir / "oxstore-default-graph"
        shutil.rmtree(path, ignore_errors=True)
        started = time.perf_counter()
        store = ox.Store(str(path))
        store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store
        out["disk_default_graph"].append(time.perf_counter() - started)
        shutil.rmtree(path, ignore_errors=True)
        gc.collect()
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
        out["memory_default_graph"].append(time.perf_counter() - started)
        out["triples"] = len(store)
        del store
    out["quads_parsed"] = n
    out["nq_mb"], out["nt_mb"] = nquads.stat().st_size / 1e6, ntriples.stat().st_size / 1e6
    ntriples.unlink()
    return out


def _rdflib_worker(nquads: str, queries: dict, repeats: int, conn) -> None:
    from geokg.graph.query.named import named_query
    from rdflib import Dataset

    ds = None
    for _ in range(repeats):
        ds = None
        gc.collect()
        started = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(nquads, format="nquads")
        elapsed = time.perf_counter() - started
        conn.send(("load", elapsed, len(ds)))
    for name, params in queries.items():
        text = named_query(name).render(params)
        times, rows = [], []
        for _ in range(repeats):
            t = time.perf_counter()
            rows = [list(r) for r in ds.query(text)]
            times.append(time.perf_counter() - t)
            conn.send(("tick",))
        conn.send(("query", name, statistics.median(times), len(rows), _digest(rows)))
    conn.send(("done",))


def _rdflib_side(nquads: Path, cap: float, repeats: int) -> dict:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_worker, args=(str(nquads), QUERIES, repeats, child))
    proc.start()
    out: dict = {"queries": {}, "load": []}
    deadline = time.monotonic() + cap
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not parent.poll(remaining):
            proc.kill()
            out["timed_out"] = True
            break
        msg = parent.recv()
        deadline = time.monotonic() + cap  # the cap applies to each load and to each query run
        if msg[0] == "load":
            out["load"].append(msg[1])
            out["triples"] = msg[2]
        elif msg[0] == "query":
            out["queries"][msg[1]] = (msg[2], msg[3], msg[4])
        elif msg[0] == "done":
            break
    proc.join()
    return out


def _time_queries(run, repeats: int) -> dict:
    """Median time, row count and row digest of every named query; ``run(text)`` returns rows."""
    from geokg.graph.query.named import named_query

    out = {}
    for name, params in QUERIES.items():
        text = named_query(name).render(params)
        times, rows = [], []
        for _ in range(max(repeats, 5)):  # cheap: at least 5 runs
            t = time.perf_counter()
            rows = run(text)
            times.append(time.perf_counter() - t)
        out[name] = (statistics.median(times), len(rows), _digest(rows))
    return out


def _oxigraph_disk_queries(path: Path, repeats: int) -> dict:
    from geokg.graph.store import open_store

    st = open_store(path, read_only=True)
    try:
        return _time_queries(lambda text: [list(r) for r in st.query(text)], repeats)
    finally:
        st.close()


def _oxigraph_memory_queries(store: Any, repeats: int) -> dict:
    from geokg.graph.store import OxigraphGraphStore

    st = OxigraphGraphStore(None)
    st._ox = store
    return _time_queries(lambda text: [list(r) for r in st.query(text)], repeats)


def _machine() -> str:
    """CPUs, CPU model and flags, memory, Python (:func:`machine.describe`)."""
    from machine import describe

    return describe()


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib"))


def _load_avg() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0095 else f"{seconds * 1000:.1f} ms"


def _report(n: int, args: argparse.Namespace, loads: dict, ox_disk: dict, ox_mem: dict, rd: dict,
            diag: dict, load_before: str, load_after: str) -> str:
    cap = args.cap
    rd_load = statistics.median(rd["load"]) if rd["load"] else None
    lines = [
        "# Store benchmark (named queries, bulk load)", "",
        (f"Machine: {_machine()}; {_versions()}. Load average (1/5/15 min) {load_before} at the start,"
         f" {load_after} at the end (the machine is shared with other work)."), "",
        (f"Dataset: {n:,} quads in named graphs (the sample corpus's article graphs replicated with fresh"
         " article/event/mention IRIs; actors shared, so an actor's facts repeat in every article that names it,"
         " while no event is reported by two articles), one N-Quads file. Bulk loads and queries are medians of"
         f" {args.repeats} runs (Oxigraph queries: of {max(args.repeats, 5)}); every query is the same text on"
         " every store, all from one run of `python benchmarks/bench_store.py`."), "",
        ("| measure | Oxigraph on disk (geokg default) | Oxigraph in memory | rdflib in memory"
         " | rdflib ÷ Oxigraph on disk | rdflib ÷ Oxigraph in memory |"),
        "|---|---|---|---|---|---|",
    ]
    d, m = statistics.median(loads["disk"]), statistics.median(loads["memory"])
    if rd_load:
        lines.append(f"| bulk load | {d:.2f} s | {m:.2f} s | {rd_load:.2f} s | {rd_load / d:.1f}× | {rd_load / m:.1f}× |")
    else:
        lines.append(f"| bulk load | {d:.2f} s | {m:.2f} s | > {cap:.0f} s (capped) | > {cap / d:.1f}× | > {cap / m:.1f}× |")
    notes: list[str] = []
    for name, (t_disk, rows, digest) in ox_disk.items():
        t_mem = ox_mem[name][0]
        if _check_rows(name, rows, digest, ox_mem, rd, notes):
            t_rd = rd["queries"][name][0]
            lines.append(f"| `{name}` ({rows} rows) | {_ms(t_disk)} | {_ms(t_mem)} | {_ms(t_rd)}"
                         f" | {t_rd / t_disk:.0f}× | {t_rd / t_mem:.0f}× |")
        else:
            lines.append(f"| `{name}` ({rows} rows) | {_ms(t_disk)} | {_ms(t_mem)} | > {cap:.0f} s (capped)"
                         f" | > {cap / t_disk:.0f}× | > {cap / t_mem:.0f}× |")
    lines += ["", "Rows: " + ("; ".join(notes) if notes else "every query gave the same rows on all three stores.")]
    lines += ["", "Bulk load runs (s): Oxigraph on disk " + ", ".join(f"{t:.2f}" for t in loads["disk"])
              + "; in memory " + ", ".join(f"{t:.2f}" for t in loads["memory"])
              + "; rdflib " + (", ".join(f"{t:.2f}" for t in rd["load"]) or "none") + "."]
    med = {k: statistics.median(v) for k, v in diag.items() if isinstance(v, list)}
    lines += [
        "", "Where Oxigraph's bulk-load time goes (medians, same data):", "",
        "| Oxigraph | time |", "|---|---|",
        f"| parsing the N-Quads file alone ({diag['nq_mb']:.0f} MB, {diag['quads_parsed']:,} quads) | {med['parse']:.2f} s |",
        f"| quads in named graphs (6 indexes), on disk / in memory (the table above) | {d:.2f} s / {m:.2f} s |",
        (f"| the same {diag['triples']:,} distinct triples as N-Triples ({diag['nt_mb']:.0f} MB) into the default"
         f" graph (3 indexes), on disk / in memory | {med['disk_default_graph']:.2f} s"
         f" / {med['memory_default_graph']:.2f} s |"),
    ]
    return "\n".join(lines) + "\n"


def _check_rows(name: str, rows: int, digest: str, ox_mem: dict, rd: dict, notes: list[str]) -> bool:
    """Note where the in-memory Oxigraph or rdflib rows differ from on-disk Oxigraph's; whether rdflib ran it."""
    if ox_mem[name][2] != digest:
        notes.append(f"`{name}`: the two Oxigraph stores gave different rows")
    if name not in rd["queries"]:
        return False
    _, rows_rd, digest_rd = rd["queries"][name]
    if digest_rd != digest:
        notes.append(f"`{name}`: rdflib gave different rows ({rows_rd} rows vs {rows})")
    return True


def _shared_report(n: int, share: int, ox_disk: dict, ox_mem: dict, rd: dict, main_disk: dict, cap: float) -> str:
    """The shared-events variant: query times next to the main dataset's."""
    lines = [
        "", f"## Shared events: every event reported by {share} articles", "",
        (f"Dataset: {n:,} quads, the same replication but with event IRIs shared by groups of {share} copies"
         f" (fresh article/mention/sentence IRIs per copy), so each event's facts are repeated in {share} article"
         " graphs and the union returns each of them once per report. Oxigraph queries are medians of 5 runs,"
         " rdflib's of 1 (loaded once)."), "",
        ("| query | rows (main / shared) | Oxigraph on disk, main | Oxigraph on disk, shared | Oxigraph in memory,"
         " shared | rdflib, shared | rdflib ÷ Oxigraph on disk, shared |"),
        "|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for name, (t_disk, rows, digest) in ox_disk.items():
        t_main, rows_main, _ = main_disk[name]
        t_mem = ox_mem[name][0]
        if _check_rows(name, rows, digest, ox_mem, rd, notes):
            t_rd = rd["queries"][name][0]
            rd_cell, ratio = _ms(t_rd), f"{t_rd / t_disk:.0f}×"
        else:
            rd_cell, ratio = f"> {cap:.0f} s (capped)", f"> {cap / t_disk:.0f}×"
        lines.append(f"| `{name}` | {rows_main} / {rows} | {_ms(t_main)} | {_ms(t_disk)} | {_ms(t_mem)} | {rd_cell} | {ratio} |")
    lines += ["", "Rows: " + ("; ".join(notes) if notes else "every query gave the same rows on all three stores.")]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs per load and per query (medians)")
    parser.add_argument("--cap", type=float, default=300.0, help="seconds allowed per rdflib step")
    parser.add_argument("--share", type=int, default=8,
                        help="reports per event in the shared-events variant (0: skip the variant)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-store.md")
    args = parser.parse_args()
    load_before = _load_avg()
    shared = None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = _build_seed(work)
        nq = work / "data.nq"
        n = _replicate(seed, args.triples, nq)
        disk_times, ox_path = _oxigraph_disk_load(nq, work, args.repeats)
        ox_disk = _oxigraph_disk_queries(ox_path, args.repeats)
        mem_times, mem_store = _oxigraph_memory_load(nq, args.repeats)
        ox_mem = _oxigraph_memory_queries(mem_store, args.repeats)
        del mem_store
        gc.collect()
        diag = _diagnostics(nq, work, args.repeats)
        rd = _rdflib_side(nq, args.cap, args.repeats)
        if args.share > 1:
            nq_shared = work / "shared.nq"
            n_shared = _replicate(seed, args.triples, nq_shared, share=args.share)
            shutil.rmtree(ox_path, ignore_errors=True)
            _, shared_path = _oxigraph_disk_load(nq_shared, work, 1)
            s_disk = _oxigraph_disk_queries(shared_path, args.repeats)
            _, mem_store = _oxigraph_memory_load(nq_shared, 1)
            s_mem = _oxigraph_memory_queries(mem_store, args.repeats)
            del mem_store
            gc.collect()
            s_rd = _rdflib_side(nq_shared, args.cap, 1)
            shared = (n_shared, s_disk, s_mem, s_rd)
    text = _report(n, args, {"disk": disk_times, "memory": mem_times}, ox_disk, ox_mem, rd, diag,
                   load_before, _load_avg())
    if shared is not None:
        text += _shared_report(shared[0], args.share, shared[1], shared[2], shared[3], ox_disk, args.cap)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(json.dumps({"oxigraph_disk": ox_disk, "oxigraph_memory": ox_mem, "rdflib": rd, "diagnostics": diag,
                      "shared": shared[1:] if shared else None}, default=str))


if __name__ == "__main__":
    sys.exit(main())
