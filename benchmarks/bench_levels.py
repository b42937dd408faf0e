"""Named-query latency by evidence level, at the same number of events, side by side in one run.

Issue #15 asks that the lean default level (``--evidence mention``) answer the named queries no
slower than the argument-level graph did (``benchmarks/RESULTS-store.md`` was measured on that
shape).  This benchmark builds the sample corpus once per level (``full``, ``mention``, ``none``),
replicates each store's article graphs the same number of times (fresh article, event, mention,
sentence and statement IRIs per copy, actors shared: ``bench_store._replicate``), so every level
holds exactly the same events, bulk-loads each into an on-disk Oxigraph store and times every
named query of ``bench_store.QUERIES`` (median of ``--repeats``, at least 5), comparing the rows
of each level with ``full``'s.

Usage::

    python benchmarks/bench_levels.py [--copies 13] [--repeats 5] [--out FILE]

13 copies of the sample corpus is about the event count of ``RESULTS-store.md``'s dataset.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_store  # noqa: E402  (a sibling script)

LEVELS = ("full", "mention", "none")
EVENTS = ("PREFIX gk: <https://w3id.org/geokg/ontology#> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>"
          " SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { { ?e a gk:Event } UNION { ?e a sem:Event } } }")


def _level(level: str, copies: int, repeats: int, work: Path) -> dict:
    """Build, replicate, load and query one evidence level."""
    from geokg.graph.store import open_store

    seed = bench_store._build_seed(work, evidence=level)
    nq = work / f"{level}.nq"
    quads = bench_store._replicate(seed, 0, nq, copies=copies)
    times, path = bench_store._oxigraph_disk_load(nq, work / level, 1)
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    st = open_store(path, read_only=True)
    try:
        events = int(next(iter(st.query(EVENTS)))[0])
    finally:
        st.close()
    queries = bench_store._oxigraph_disk_queries(path, repeats)
    return {"quads": quads, "nq_bytes": nq.stat().st_size, "store_bytes": size, "load": times[0],
            "events": events, "queries": queries}


def _report(results: dict, copies: int, repeats: int, load_before: str, load_after: str) -> str:
    levels = list(results)
    head = "| | " + " | ".join(f"`{lv}`" for lv in levels) + " | " + " | ".join(
        f"`{lv}` ÷ `full`" for lv in levels if lv != "full") + " |"
    lines = [
        "# Named queries by evidence level, same events", "",
        (f"{copies} copies of the sample corpus per level (`python benchmarks/bench_levels.py --copies {copies}"
         f" --repeats {repeats}`); load average {load_before} at the start, {load_after} at the end."
         f" Machine: {bench_store._machine()}; {bench_store._versions()}."), "",
        head, "|---|" + "---|" * (2 * len(levels) - 1),
    ]

    def row(label: str, values: list[float], fmt) -> str:
        base = values[0]
        ratios = [f"{v / base:.2f}" if base else "—" for v in values[1:]]
        return f"| {label} | " + " | ".join(fmt(v) for v in values) + " | " + " | ".join(ratios) + " |"

    get = lambda key: [results[lv][key] for lv in levels]  # noqa: E731
    lines.append(row("events", get("events"), lambda v: f"{v:,}"))
    lines.append(row("quads", get("quads"), lambda v: f"{v:,}"))
    lines.append(row("N-Quads", get("nq_bytes"), lambda v: f"{v / 1e6:.0f} MB"))
    lines.append(row("store folder", get("store_bytes"), lambda v: f"{v / 1e6:.0f} MB"))
    lines.append(row("bulk load", get("load"), lambda v: f"{v:.2f} s"))
    notes = []
    for name in bench_store.QUERIES:
        values = [results[lv]["queries"][name][0] for lv in levels]
        counts = [results[lv]["queries"][name][1] for lv in levels]
        lines.append(row(f"`{name}` ({counts[0]} rows)", values, bench_store._ms))
        ref = results["full"]["queries"][name][2]
        for lv in levels[1:]:
            if results[lv]["queries"][name][2] != ref:
                notes.append(f"`{name}` on `{lv}`: {results[lv]['queries'][name][1]} rows, not the rows of `full`")
    lines += ["", "Rows: " + ("; ".join(notes) if notes else "every named query gave the same rows at every level.")]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=13, help="copies of the sample corpus's article graphs")
    parser.add_argument("--repeats", type=int, default=5, help="runs per query (medians; at least 5)")
    parser.add_argument("--levels", nargs="+", default=list(LEVELS), choices=LEVELS)
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    levels = ["full"] + [lv for lv in args.levels if lv != "full"]
    load_before = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = {lv: _level(lv, args.copies, args.repeats, Path(tmp)) for lv in levels}
    load_after = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    text = _report(results, args.copies, args.repeats, load_before, load_after)
    print(text)
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
