"""Benchmark: where the quads and bytes of a build go at the default evidence level (issue #15).

Usage::

    python benchmarks/bench_bytes.py                       # this tree: sample, AG News 300, mix 200
    python benchmarks/bench_bytes.py --baseline /tmp/base  # also a baseline tree, side by side
    python benchmarks/bench_bytes.py --mix 1000 --tables   # per-predicate tables too

The articles are parsed once (``build(..., memory=True)``, this tree's ingest;
the records are kept in a pickle), so both trees write the same records.  For
each tree and corpus a child process then does what ``geokg build`` does to a
fresh on-disk store (vocabulary graph, run graph, every article's N-Quads at
level ``mention`` bulk-loaded in batches of 256, flush) and reports: quads,
quads per input word, N-Quads bytes (the store dumped) per byte of input
text, the store folder per byte of text (after the build, and after
``Store.optimize()``), and quads and N-Quads bytes by predicate and by kind of
term (the ``/id/KIND/`` of minted IRIs; literals by datatype).  A baseline
tree is a copy of another commit laid out like ``_pkg`` (``geokg/`` ->
graph, ingest, ontology).  Input text is each article's ``content`` (what
offsets point into); words are its whitespace-separated tokens.  This is a
script, not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AG_NEWS = ROOT.parent / "shared" / "data" / "news" / "ag_news_world_test.csv"
_KIND = re.compile(r"^<https://w3id\.org/geokg/id/([a-z]+)/")
_TERM = re.compile(r'<[^>]*>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[\w-]+)?|_:\S+')


# --------------------------------------------------------------------------- parse (once)


def _corpora(tmp: Path, mix: int, ag: int) -> dict[str, list[str]]:
    """Sources of each corpus (the mix written as JSONL like ``bench_scale.write_mix``)."""
    sys.path.insert(0, str(HERE))
    from bench_scale import write_mix

    out = {"sample": [str(ROOT / "examples" / "articles")]}
    if AG_NEWS.is_file() and ag:
        out[f"agnews{ag}"] = [str(AG_NEWS)]
    if mix:
        write_mix(tmp / "mix", mix)
        out[f"mix{mix}"] = [str(tmp / "mix")]
    return out


def parse(tmp: Path, mix: int, ag: int) -> dict[str, Path]:
    """Records of each corpus, pickled: ``{name: path}``."""
    from geokg.graph.builder.run import _workers, build
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    settings = Settings(model=resolve_model())
    pipeline = Pipeline.create(settings)
    run = _workers(pipeline, settings, jobs=1, dask=None, chunk_size=1, evidence="mention").run
    paths = {}
    for name, sources in _corpora(tmp, mix, ag).items():
        results = []
        if name.startswith("agnews"):  # the CSV reader, the first ``ag`` items
            arts = [a for a in itertools.islice(iter_articles(sources), ag) if isinstance(a, Article)]
            results = list(pipeline.process(arts))
        else:
            build(sources, tmp / f"parse-{name}", pipeline=pipeline, memory=True, exports=False, resume=False,
                  on_article=results.append)
        path = tmp / f"{name}.pickle"
        path.write_bytes(pickle.dumps({"run": (run.model, run.model_version, run.geokg_version), "results": results}))
        paths[name] = path
    return paths


# --------------------------------------------------------------------------- child: write, load, measure


def _kind(term: str) -> str:
    m = _KIND.match(term)
    if m:
        return f"IRI /id/{m.group(1)}/"
    if term[0] == "<":
        return "IRI (vocabulary)"
    if term[0] == "_":
        return "blank node"
    if "^^<" in term:
        return "literal ^^" + term.rsplit("#", 1)[-1].rstrip(">")
    return "literal string"


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(records: Path, out: Path, evidence: str) -> dict:
    """Write the records as ``geokg build`` does into a fresh store at ``out``; measure it."""
    import pyoxigraph as ox
    from geokg.graph.builder.run import write_run, write_vocabulary
    from geokg.graph.builder.writer import ArticleOutput

    try:
        from geokg.graph.builder.writer import StoredDescriptions
    except ImportError:  # a tree before the twenty-first session: every article sends its descriptions
        StoredDescriptions = None
    from geokg.graph.rdf.writer import RunInfo, article_nquads
    from geokg.graph.store.embedded import OxigraphGraphStore
    from geokg.ontology.iris import article_iri

    data = pickle.loads(records.read_bytes())
    run = RunInfo(*data["run"], evidence=evidence)
    results = data["results"]
    text = sum(len(r.article.content.encode("utf-8")) for r in results)
    words = sum(len(r.article.content.split()) for r in results)
    if out.exists():
        shutil.rmtree(out)
    store = OxigraphGraphStore(out / "store")
    write_vocabulary(store)
    write_run(store, run)
    vocabulary = len(store)
    articles_nq = []
    known = StoredDescriptions() if StoredDescriptions else None  # as GraphWriter: a quad stored is not sent again
    for i in range(0, len(results), 256):
        batch = [ArticleOutput(r.article.id, None, str(article_iri(r.article.id)), article_nquads(r, run=run), "")
                 for r in results[i:i + 256]]
        batch = known.new(batch) if known else batch
        articles_nq.extend(o.nquads for o in batch)
        store.replace_nquads([o.graph for o in batch], "".join(o.nquads for o in batch), atomic=False)
        if known:
            known.stored(batch)
    store.flush()
    quads = len(store)
    store.close()
    folder = _dir_bytes(out / "store")
    ox_store = ox.Store(str(out / "store"))
    ox_store.optimize()
    del ox_store
    optimized = _dir_bytes(out / "store")
    nq_bytes = sum(len(text_nq.encode("utf-8")) for text_nq in articles_nq)
    dump = out / "dump.nq"
    ro = ox.Store.read_only(str(out / "store"))
    ro.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    named = sum(1 for _ in ro.quads_for_pattern(None, None, None, None)) - sum(
        1 for _ in ro.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    del ro
    dump_bytes = dump.stat().st_size
    # What the articles put in the store (each quad once; not the vocabulary and run graphs), by predicate
    # and by kind of term.
    by_pred: Counter = Counter()
    pred_bytes: Counter = Counter()
    kind_bytes: Counter = Counter()
    kind_distinct: dict[str, set] = {}
    article_quads = 0
    with open(dump, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            terms = _TERM.findall(line)
            if "/id/graph/" in terms[-1]:
                continue
            article_quads += 1
            pred = terms[1]
            by_pred[pred] += 1
            pred_bytes[pred] += len(line.encode("utf-8")) + 1
            for position, term in zip("spog", terms):
                kind = f"{_kind(term)} ({position})"
                kind_bytes[kind] += len(term.encode("utf-8")) + 1
                kind_distinct.setdefault(_kind(term), set()).add(term)
    dump.unlink()
    distinct = {k: (len(v), sum(len(t) - 2 for t in v) / max(len(v), 1)) for k, v in kind_distinct.items()}
    return {
        "articles": len(results), "words": words, "text_bytes": text, "quads": quads,
        "vocabulary_quads": vocabulary, "written_quads": sum(t.count("\n") for t in articles_nq),
        "article_quads": article_quads, "named_graph_quads": named,
        "article_nquads_bytes": nq_bytes, "dump_bytes": dump_bytes, "store_bytes": folder,
        "optimized_bytes": optimized,
        "by_predicate": {p: [n, pred_bytes[p]] for p, n in by_pred.most_common()},
        "by_kind": dict(kind_bytes.most_common()), "distinct": distinct,
    }


# --------------------------------------------------------------------------- parent


def _child(tree: Path | None, records: Path, out: Path, evidence: str) -> dict:
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "_pkg")
    proc = subprocess.run([sys.executable, __file__, "--child", str(records), str(out), evidence],
                          capture_output=True, text=True, env=env, cwd=str(tree or ROOT), timeout=3600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _short(pred: str) -> str:
    iri = pred.strip("<>")
    for ns, prefix in (("https://w3id.org/geokg/ontology#", "gk:"), ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
                       ("http://www.w3.org/ns/oa#", "oa:"), ("https://schema.org/", "schema:"),
                       ("http://purl.org/dc/terms/", "dcterms:"), ("http://semanticweb.cs.vu.nl/2009/11/sem/", "sem:"),
                       ("http://www.w3.org/ns/prov#", "prov:"), ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
                       ("http://www.w3.org/2004/02/skos/core#", "skos:")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def _ratios(label: str, r: dict) -> str:
    return (f"| {label} | {r['articles']} | {r['words']} | {r['quads']:,} | {r['written_quads']:,} | "
            f"{r['article_quads'] / r['words']:.2f} | {r['quads'] / r['words']:.2f} | "
            f"{r['article_nquads_bytes'] / r['text_bytes']:.1f} | {r['dump_bytes'] / r['text_bytes']:.1f} | "
            f"{r['store_bytes'] / 1e6:.1f} | {r['store_bytes'] / r['text_bytes']:.1f} | "
            f"{r['optimized_bytes'] / r['text_bytes']:.1f} | {r['store_bytes'] / r['articles'] / 1e3:.1f} | "
            f"{r['article_quads'] / r['articles']:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description="quads and bytes of a build at the default level")
    parser.add_argument("--mix", type=int, default=200, help="articles of the generated mix (0: none)")
    parser.add_argument("--ag", type=int, default=300, help="AG News items (0: none)")
    parser.add_argument("--baseline", type=Path, default=None, help="a baseline tree (with _pkg/geokg)")
    parser.add_argument("--evidence", default="mention")
    parser.add_argument("--tables", action="store_true", help="per-predicate and per-kind tables")
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep (records reused)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]), args.child[2])))
        return
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-bytes-"))
    tmp.mkdir(parents=True, exist_ok=True)
    names = ["sample"] + ([f"agnews{args.ag}"] if args.ag and AG_NEWS.is_file() else []) + (
        [f"mix{args.mix}"] if args.mix else [])
    if all((tmp / f"{n}.pickle").is_file() for n in names):
        paths = {n: tmp / f"{n}.pickle" for n in names}
    else:
        paths = parse(tmp, args.mix, args.ag)
    trees = ([("before", args.baseline)] if args.baseline else []) + [("after" if args.baseline else "this", None)]
    runs = {(t, n): _child(tree, p, tmp / f"out-{t}-{n}", args.evidence) for n, p in paths.items() for t, tree in trees}
    print(f"evidence level {args.evidence}; text = article content bytes; written = the articles' N-Quads as the"
          " build's writer sends them to the store (a description quad is sent once per batch of 256 articles and"
          " not again once stored); store quads and dump = the store"
          " (each quad once; vocabulary and run graphs too); article quads = the store's quads but those of the"
          " vocabulary and run graphs; optimized = the folder after Store.optimize()\n")
    print("| corpus, tree | articles | words | store quads | quads written | article quads per word | "
          "store quads per word | written N-Quads ÷ text | dump ÷ text | store MB | store ÷ text | optimized ÷ text | "
          "store KB/article | article quads per article |")
    print("|" + "---|" * 14)
    for (t, n), r in runs.items():
        print(_ratios(f"{n}, {t}", r))
    if not args.tables:
        return
    for n in paths:
        rs = {t: runs[(t, n)] for t, _ in trees}
        preds = list(dict.fromkeys(p for r in rs.values() for p in r["by_predicate"]))
        print(f"\n{n}: the articles' quads in the store and their N-Quads bytes, by predicate ({' | '.join(rs)})\n")
        print("| predicate | " + " | ".join(f"quads {t} | bytes {t}" for t in rs) + " |")
        print("|---|" + "---|---|" * len(rs))
        for p in preds:
            cells = [r["by_predicate"].get(p, [0, 0]) for r in rs.values()]
            print(f"| {_short(p)} | " + " | ".join(f"{c[0]:,} | {c[1]:,}" for c in cells) + " |")
        kinds = list(dict.fromkeys(k for r in rs.values() for k in r["by_kind"]))
        print(f"\n{n}: N-Quads bytes by term kind and position (s p o g)\n")
        print("| kind | " + " | ".join(rs) + " |")
        print("|---|" + "---|" * len(rs))
        for k in kinds:
            print(f"| {k} | " + " | ".join(f"{r['by_kind'].get(k, 0):,}" for r in rs.values()) + " |")
        print(f"\n{n}: distinct terms by kind (count, mean characters)\n")
        for t, r in rs.items():
            print(f"{t}: " + "; ".join(f"{k} {c:,} × {m:.0f}" for k, (c, m) in sorted(r["distinct"].items())))


if __name__ == "__main__":
    main()
