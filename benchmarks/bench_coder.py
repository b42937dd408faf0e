"""Benchmark: the event coder's time per article with the larger lexicon, beside spaCy's.

Usage::

    python benchmarks/bench_coder.py               # examples/articles, 5 repeats (~1 min)
    python benchmarks/bench_coder.py --repeats 9 --corpus other/folder

The articles are parsed once per repeat (``nlp.pipe``, the configured model and geokg's
components) and the extractor runs once per repeat; then each coder configuration codes
the same parses with a *fresh* coder (built before the clock starts, so its memos start
empty: every repeat is a cold run; the place index, loaded once per coder, is loaded
before the clock too; a full garbage collection runs before every clock).
Configurations (:func:`geokg.ingest.dictionaries.coder.build_coder`):

``geokg``     geokg's own lexicon only (``backoff=False, discards=False, actors=False``);
``default``   what ``geokg build`` uses: + PETRARCH-2 verb patterns as back-off + discards
              + the 27,000 Phoenix named actors (date-ranged);
``full``      + the Phoenix agents.

Prints medians of milliseconds per article and the ratio coder / spaCy (target < 0.15),
spaCy being the trained pipeline as its package ships it (``spacy.load``, timed on the same
texts each repeat; the row ``geokg parse`` is geokg's ``load_pipeline``, whose attribute
ruler is :class:`~geokg.ingest.attribute_rules.FastAttributeRuler`: the same parse, faster),
by wall-clock time and by CPU time (``time.process_time``: the process's user + system
time, all threads).  On a shared machine the CPU ratio is the steadier figure: other
processes slow both clocks, but a clock that only runs while this process runs less.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {
    "geokg": {"backoff": False, "discards": False, "actors": False},
    "default": {},
    "full": {"agents": True, "actors": True},
}


def main() -> None:
    from geokg.ingest.dictionaries.coder import build_coder
    from geokg.ingest.extract import extract
    from geokg.ingest.pipeline import load_pipeline, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "examples" / "articles"))
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    articles = [a for a in iter_articles([args.corpus]) if isinstance(a, Article)]
    import spacy

    model = resolve_model()
    nlp = load_pipeline(model)
    stock = spacy.load(model)  # the same trained pipeline, as shipped
    spacy_s: list[tuple[float, float]] = []  # (wall, CPU) seconds per repeat, the pipeline as shipped
    parse_s: list[tuple[float, float]] = []  # ... and geokg's
    coder_s: dict[str, list[tuple[float, float]]] = {k: [] for k in CONFIGS}
    events: dict[str, int] = {}
    for _ in range(args.repeats):
        # each clock starts after a full garbage collection: the garbage of earlier repeats and
        # of building a coder (the 27,000 Phoenix actors) is not collected inside the next clock
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in stock.pipe(a.content for a in articles):
            pass
        spacy_s.append((time.perf_counter() - t0, time.process_time() - c0))
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe(a.content for a in articles))
        parse_s.append((time.perf_counter() - t0, time.process_time() - c0))
        exs = [list(extract(doc, article_id=a.id)) for doc, a in zip(docs, articles)]
        for name, options in CONFIGS.items():
            coder = build_coder(**options)
            # loads the place index (once per coder, not per article): a name the gazetteer lacks
            # ("near Kabul" is found among its capitals and left the index unloaded)
            coder.actors.place_country("in Xyzzy")
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            n = sum(len(coder.code_article(doc, a, ex)[0]) for doc, a, ex in zip(docs, articles, exs))
            coder_s[name].append((time.perf_counter() - t0, time.process_time() - c0))
            events[name] = n
    _report(articles, args.repeats, spacy_s, parse_s, coder_s, events)


def _report(articles: list, repeats: int, spacy_s: list[tuple[float, float]], parse_s: list[tuple[float, float]],
            coder_s: dict[str, list[tuple[float, float]]], events: dict[str, int]) -> None:
    """Print the table: medians per article, wall and CPU, and the ratios to spaCy."""
    n = len(articles)
    sp = [statistics.median(t[k] for t in spacy_s) for k in (0, 1)]
    print(f"{n} articles, {sum(len(a.content.split()) for a in articles)} words, {repeats} repeats (medians)")
    print(f"{'configuration':<10} {'ms/article':>11} {'coder/spaCy':>12} {'CPU ms':>8} {'CPU ratio':>10} {'events':>7}")
    print(f"{'spaCy':<10} {1000 * sp[0] / n:>11.1f} {'':>12} {1000 * sp[1] / n:>8.1f} {'':>10} {'':>7}")
    gp = [statistics.median(t[k] for t in parse_s) for k in (0, 1)]
    print(f"{'geokg parse':<10} {1000 * gp[0] / n:>11.1f} {gp[0] / sp[0]:>12.3f} {1000 * gp[1] / n:>8.2f} "
          f"{gp[1] / sp[1]:>10.3f} {'':>7}")
    for name in CONFIGS:
        c = [statistics.median(t[k] for t in coder_s[name]) for k in (0, 1)]
        print(f"{name:<10} {1000 * c[0] / n:>11.1f} {c[0] / sp[0]:>12.3f} {1000 * c[1] / n:>8.2f} "
              f"{c[1] / sp[1]:>10.3f} {events[name]:>7}")


if __name__ == "__main__":
    main()
