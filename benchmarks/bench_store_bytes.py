"""Benchmark: what decides the store folder's bytes (issue #15, "choose the write path by measurement").

Usage::

    geokg build ../shared/data/news/ag_news_world_test.csv --out /tmp/ag
    python benchmarks/bench_store_bytes.py /tmp/ag            # the build's graph.trig and store
    python benchmarks/bench_store_bytes.py /tmp/ag --batches 1 8 30

Loads the quads a ``geokg build`` wrote (its ``graph.trig``) into fresh
Oxigraph stores in several ways and prints, side by side, the folder's bytes
and its ratio to the input text (the articles' ``content``, read from the
build's store): the build's own store; one bulk load; the same quads in
``--batches`` bulk loads of equal numbers of graphs (as the build's writer
does, 256 articles or 8 MB a batch); each of those after ``Store.optimize()``;
and every quad in the default graph (one bulk load; Oxigraph keeps
named-graph quads in six indexes and default-graph triples in three).  It
also prints the RocksDB compression per level that Oxigraph configures
(from the store's OPTIONS file).  This is a script, not a test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path


def folder_bytes(path: Path) -> int:
    """Bytes of every file below ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def text_bytes(store_path: Path) -> int:
    """UTF-8 bytes of the articles' ``schema:text`` held by the build's store (read-only)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    query = ("PREFIX schema: <https://schema.org/> SELECT ?t WHERE { GRAPH ?g { ?a a schema:NewsArticle ; "
             "schema:text ?t } }")
    return sum(len(row["t"].value.encode()) for row in store.query(query))


def load(quads: list, path: Path, batches: int, *, default_graph: bool = False) -> tuple[int, float]:
    """Bulk-load ``quads`` into a fresh store at ``path`` in ``batches`` loads; (bytes, CPU s)."""
    import pyoxigraph as ox

    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    if default_graph:
        quads = [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
    graphs: dict = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(q)
    names = list(graphs)
    step = -(-len(names) // batches)
    start = time.process_time()
    for i in range(0, len(names), step):
        store.bulk_extend(q for name in names[i:i + step] for q in graphs[name])
    store.flush()
    cpu = time.process_time() - start
    del store
    return folder_bytes(path), cpu


def optimized(path: Path) -> int:
    """Bytes of the store at ``path`` after ``Store.optimize()``."""
    import pyoxigraph as ox

    store = ox.Store(str(path))
    store.optimize()
    store.flush()
    del store
    return folder_bytes(path)


def compression_per_level(store_path: Path) -> str:
    """Oxigraph's RocksDB ``compression_per_level`` (first column family's OPTIONS)."""
    options = sorted(store_path.glob("OPTIONS-*"))
    if not options:
        return "?"
    match = re.search(r"compression_per_level=(\S+)", options[-1].read_text())
    return match.group(1) if match else "?"


def main(argv: list[str] | None = None) -> int:
    import pyoxigraph as ox

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a geokg build's output folder (graph.trig and store/)")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 8, 30])
    args = parser.parse_args(argv)
    trig, built = args.out / "graph.trig", args.out / "store"
    if not trig.is_file() or not built.is_dir():
        print(f"{args.out}: no graph.trig or store/ (run geokg build first)", file=sys.stderr)
        return 2
    text = text_bytes(built)
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    print(f"{len(quads):,} quads; input text {text:,} bytes; Oxigraph's compression per level: "
          f"{compression_per_level(built)}")
    print("| store | quads | MB | ÷ text | after optimize, ÷ text | load CPU s |")
    print("|---|---|---|---|---|---|")
    size = folder_bytes(built)
    print(f"| geokg build's store | {len(quads):,} | {size / 1e6:.1f} | {size / text:.0f}x | | |")
    with tempfile.TemporaryDirectory(prefix="geokg-storebytes-") as tmp:
        for n in args.batches:
            path = Path(tmp) / f"b{n}"
            size, cpu = load(quads, path, n)
            print(f"| named graphs, {n} bulk load(s) | {len(quads):,} | {size / 1e6:.1f} | {size / text:.0f}x | "
                  f"{optimized(path) / text:.0f}x | {cpu:.2f} |")
        path = Path(tmp) / "default"
        size, cpu = load(quads, path, 1, default_graph=True)
        triples = len(ox.Store(str(path)))
        print(f"| default graph, 1 bulk load | {triples:,} | {size / 1e6:.1f} | {size / text:.0f}x | | {cpu:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
