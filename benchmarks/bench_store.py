"""Store benchmark: named queries and bulk load, Oxigraph vs rdflib in memory, side by side.

Builds the sample corpus once, then replicates its article graphs (fresh
article, event, mention and sentence IRIs per copy; actors shared, as in a real
corpus) until the dataset holds about ``--triples`` quads.  Then, in one run:

* bulk load: geokg's Oxigraph bulk path vs rdflib parsing the same N-Quads into
  its in-memory ``Dataset``;
* every named query (with typical parameters) on the Oxigraph store vs the same
  query on rdflib's in-memory store.  Each rdflib query runs in a subprocess
  with a time cap so one slow query cannot stall the run.

Usage::

    python benchmarks/bench_store.py [--triples 1000000] [--cap 300] [--out benchmarks/RESULTS-store.md]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUERIES = {
    "events-between": {"country_a": "MEX", "country_b": "USA", "from": "2024-01-01", "to": "2025-12-31"},
    "actor-timeline": {"label": "Claudia Sheinbaum"},
    "top-actors": {"quad_class": 4},
    "who-said-what": {"about": "Mexico"},
    "country-events": {"country": "MEX"},
}


def _build_seed(workdir: Path) -> Path:
    from geokg.graph.build import build

    out = workdir / "seed"
    build([ROOT / "examples" / "articles"], out, html=False)
    return out / "store"


def _replicate(seed_store: Path, target: int, nquads: Path) -> int:
    """Write ~target quads of N-Quads: copies of every article graph with fresh ids."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(seed_store))
    quads = list(store.quads_for_pattern(None, None, None, None))
    article_quads = [q for q in quads if "/graph/vocabulary" not in str(q.graph_name)]
    vocab = [q for q in quads if "/graph/vocabulary" in str(q.graph_name)]
    copies = max(1, (target - len(vocab)) // max(1, len(article_quads)))

    def rename(term, k):
        if isinstance(term, ox.NamedNode):
            v = term.value
            for seg in ("/article/", "/event/", "/mention/", "/sentence/", "/statement/"):
                if seg in v:
                    return ox.NamedNode(v.replace(seg, f"{seg}c{k}-", 1))
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


def _time_oxigraph_load(nquads: Path, workdir: Path) -> tuple[float, Path]:
    import pyoxigraph as ox

    from geokg.graph.store import open_store

    path = workdir / "oxstore"
    started = time.perf_counter()
    st = open_store(path)
    st._ox.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)  # noqa: SLF001 - the bulk path
    st.close()
    return time.perf_counter() - started, path


def _rdflib_worker(nquads: str, queries: dict, conn) -> None:
    from rdflib import Dataset

    from geokg.graph.queries import named_query

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    conn.send(("load", time.perf_counter() - started, len(ds)))
    for name, params in queries.items():
        text = named_query(name).render(params)
        t = time.perf_counter()
        rows = len(list(ds.query(text)))
        conn.send(("query", name, time.perf_counter() - t, rows))
    conn.send(("done",))


def _rdflib_side(nquads: Path, cap: float) -> dict:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_worker, args=(str(nquads), QUERIES, child))
    proc.start()
    out: dict = {"queries": {}}
    deadline = time.monotonic() + cap
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not parent.poll(remaining):
            proc.kill()
            out["timed_out"] = True
            break
        msg = parent.recv()
        if msg[0] == "load":
            out["load"], out["triples"] = msg[1], msg[2]
            deadline = time.monotonic() + cap  # the cap applies to loading and to each query
        elif msg[0] == "query":
            out["queries"][msg[1]] = (msg[2], msg[3])
            deadline = time.monotonic() + cap
        else:
            break
    proc.join()
    return out


def _oxigraph_queries(path: Path, repeats: int = 3) -> dict:
    from geokg.graph.queries import named_query
    from geokg.graph.store import open_store

    st = open_store(path, read_only=True)
    out = {}
    for name, params in QUERIES.items():
        text = named_query(name).render(params)
        times, rows = [], 0
        for _ in range(repeats):
            t = time.perf_counter()
            rows = len(list(st.query(text)))
            times.append(time.perf_counter() - t)
        out[name] = (statistics.median(times), rows)
    return out


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or platform.processor()}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--cap", type=float, default=300.0, help="seconds allowed per rdflib step")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS-store.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = _build_seed(work)
        nq = work / "data.nq"
        n = _replicate(seed, args.triples, nq)
        ox_load, ox_path = _time_oxigraph_load(nq, work)
        ox_q = _oxigraph_queries(ox_path)
        rd = _rdflib_side(nq, args.cap)
    lines = [
        "# Store benchmark (named queries, bulk load)", "",
        f"Machine: {_machine()}. Dataset: {n:,} quads (the sample corpus's article graphs replicated"
        " with fresh article/event/mention IRIs; actors shared).", "",
        "| measure | Oxigraph (geokg default) | rdflib in-memory | ratio (rdflib ÷ Oxigraph) |",
        "|---|---|---|---|",
    ]
    rd_load = rd.get("load")
    lines.append(f"| bulk load | {ox_load:.2f} s | {rd_load:.2f} s | {rd_load / ox_load:.1f}× |" if rd_load
                 else f"| bulk load | {ox_load:.2f} s | > {args.cap:.0f} s (capped) | > {args.cap / ox_load:.1f}× |")
    for name, (t_ox, rows) in ox_q.items():
        if name in rd["queries"]:
            t_rd, rows_rd = rd["queries"][name]
            note = "" if rows_rd == rows else f" (rows differ: {rows} vs {rows_rd})"
            lines.append(f"| `{name}` ({rows} rows) | {t_ox * 1000:.0f} ms | {t_rd * 1000:.0f} ms | {t_rd / t_ox:.1f}×{note} |")
        else:
            lines.append(f"| `{name}` ({rows} rows) | {t_ox * 1000:.0f} ms | > {args.cap:.0f} s (capped) | > {args.cap / t_ox:.0f}× |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")
    print(json.dumps({"oxigraph_queries": ox_q, "rdflib": rd}, default=str))


if __name__ == "__main__":
    sys.exit(main())
