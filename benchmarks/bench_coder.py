"""Benchmark: the event coder's time per article with the larger lexicon, beside spaCy's.

Usage::

    python benchmarks/bench_coder.py               # examples/articles, 5 repeats (~1 min)
    python benchmarks/bench_coder.py --repeats 9 --corpus other/folder

The articles are parsed once per repeat by geokg's pipeline (``nlp.pipe``: the ``geokg parse``
row) and the extractor runs once per repeat; then spaCy as shipped and each coder configuration
take turns over the same articles, ``--chunk`` (4) at a time: spaCy parses a chunk, then each coder
codes it, then the next chunk, so that what slows a shared machine for a while slows both sides
(spaCy is as fast on chunks of 4 as on the whole corpus at once: 1.02 against 1.05 CPU-s for the
sample).  Each configuration's coder is *fresh* (built before any clock, so its memos start
empty: every repeat is a cold run; its place index is loaded before the clock too), and each
starts from the Docs as the extractor left them (the memos an earlier configuration kept in a
Doc's ``user_data`` are taken away before its clock).  A full garbage collection runs before the
clocks of every repeat.

Configurations (:func:`geokg.ingest.dictionaries.coder.build_coder`):

``geokg``     geokg's own lexicon only (``backoff=False, discards=False, actors=False``);
``default``   what ``geokg build`` uses: + PETRARCH-2 verb patterns as back-off + discards
              + the 27,000 Phoenix named actors (date-ranged);
``full``      + the Phoenix agents.

Prints medians of milliseconds per article and the ratio coder / spaCy (target < 0.15): the
median over the repeats of each repeat's ratio (and with CPU time, the range of those ratios),
spaCy being the trained pipeline as its package ships it (``spacy.load``; the row ``geokg parse``
is geokg's ``load_pipeline``, whose attribute ruler is
:class:`~geokg.ingest.attribute_rules.FastAttributeRuler` and whose lemmatizer is
:class:`~geokg.ingest.lemmas.FastLemmatizer`: the same parse, faster), by wall-clock
time and by CPU time (``time.process_time``: the process's user + system time, all threads).  On a
shared machine the CPU ratio is the steadier figure.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import describe  # noqa: E402

CONFIGS = {
    "geokg": {"backoff": False, "discards": False, "actors": False},
    "default": {},
    "full": {"agents": True, "actors": True},
}


def main() -> None:
    from geokg.ingest.pipeline import load_pipeline, resolve_model
    from geokg.ingest.readers import iter_articles
    from geokg.ingest.records import Article

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "examples" / "articles"))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=4,
                    help="articles timed in turn by spaCy, then by each coder (default 4; 0: all at once)")
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
        # each repeat starts after a full garbage collection: the garbage of earlier repeats is
        # not collected inside its clocks
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe(a.content for a in articles))
        parse_s.append((time.perf_counter() - t0, time.process_time() - c0))
        spacy_t, coder_t, events = _side_by_side(stock, articles, docs, args.chunk or len(articles))
        spacy_s.append(spacy_t)
        for name in CONFIGS:
            coder_s[name].append(coder_t[name])
    _report(articles, args.repeats, spacy_s, parse_s, coder_s, events)


def _side_by_side(stock, articles: list, docs: list, chunk: int
                  ) -> tuple[tuple[float, float], dict[str, tuple[float, float]], dict[str, int]]:
    """(wall, CPU) seconds of spaCy as shipped and of each coder configuration over ``articles``
    (parsed: ``docs``), timed in turn chunk after chunk, so that what slows the machine for a while
    slows both; and the events each configuration coded.  Each coder is fresh (built, and its
    place index loaded, before any clock: a name the gazetteer lacks loads it)."""
    from geokg.ingest.dictionaries.coder import build_coder
    from geokg.ingest.extract import extract

    exs = [list(extract(doc, article_id=a.id)) for doc, a in zip(docs, articles)]
    # what a Doc holds once extracted: each coder starts from it, not from the memos an earlier
    # configuration left on the Doc (``doc.user_data``: relation roots, title sentences ...)
    extracted = [dict(doc.user_data) for doc in docs]
    coders = {name: build_coder(**options) for name, options in CONFIGS.items()}
    for coder in coders.values():
        coder.actors.place_country("in Xyzzy")
    gc.collect()  # the garbage of building the coders (the 27,000 Phoenix actors) is not collected in a clock
    spacy_t = [0.0, 0.0]
    coder_t = {name: [0.0, 0.0] for name in CONFIGS}
    events = dict.fromkeys(CONFIGS, 0)
    for lo in range(0, len(articles), chunk):
        part = list(zip(docs[lo:lo + chunk], articles[lo:lo + chunk], exs[lo:lo + chunk]))
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in stock.pipe(a.content for _, a, _ in part):
            pass
        spacy_t[0] += time.perf_counter() - t0
        spacy_t[1] += time.process_time() - c0
        for name, coder in coders.items():
            for k in range(lo, lo + len(part)):
                _restore(docs[k], extracted[k])
            t0, c0 = time.perf_counter(), time.process_time()
            events[name] += sum(len(coder.code_article(doc, a, ex)[0]) for doc, a, ex in part)
            coder_t[name][0] += time.perf_counter() - t0
            coder_t[name][1] += time.process_time() - c0
    return (spacy_t[0], spacy_t[1]), {k: (v[0], v[1]) for k, v in coder_t.items()}, events


def _restore(doc, user_data: dict) -> None:
    """Put back ``doc.user_data`` as it was (its memo dicts copied, so a coder fills copies)."""
    doc.user_data.clear()
    doc.user_data.update({k: dict(v) if isinstance(v, dict) else v for k, v in user_data.items()})


def _report(articles: list, repeats: int, spacy_s: list[tuple[float, float]], parse_s: list[tuple[float, float]],
            coder_s: dict[str, list[tuple[float, float]]], events: dict[str, int]) -> None:
    """Print the table: medians per article, wall and CPU, and the ratios to spaCy (the median of
    each repeat's ratio: spaCy and the coders timed side by side; the range of the repeats' ratios)."""
    n = len(articles)
    sp = [statistics.median(t[k] for t in spacy_s) for k in (0, 1)]
    print(f"Machine: {describe()}")  # the ratios depend on the CPU (benchmarks/machine.py)
    print(f"{n} articles, {sum(len(a.content.split()) for a in articles)} words, {repeats} repeats (medians)")
    print(f"{'configuration':<13} {'ms/article':>10} {'coder/spaCy':>12} {'CPU ms':>8} {'CPU ratio':>10} "
          f"{'CPU ratio range':>16} {'events':>7}")
    print(f"{'spaCy':<13} {1000 * sp[0] / n:>10.1f} {'':>12} {1000 * sp[1] / n:>8.1f} {'':>10} {'':>16} {'':>7}")
    gp = [statistics.median(t[k] for t in parse_s) for k in (0, 1)]
    print(f"{'geokg parse':<13} {1000 * gp[0] / n:>10.1f} {gp[0] / sp[0]:>12.3f} {1000 * gp[1] / n:>8.2f} "
          f"{gp[1] / sp[1]:>10.3f} {'':>16} {'':>7}")
    for name in CONFIGS:
        c = [statistics.median(t[k] for t in coder_s[name]) for k in (0, 1)]
        ratios = [[t[k] / s[k] for t, s in zip(coder_s[name], spacy_s)] for k in (0, 1)]
        span = f"{min(ratios[1]):.3f}-{max(ratios[1]):.3f}"
        print(f"{name:<13} {1000 * c[0] / n:>10.1f} {statistics.median(ratios[0]):>12.3f} {1000 * c[1] / n:>8.2f} "
              f"{statistics.median(ratios[1]):>10.3f} {span:>16} {events[name]:>7}")


if __name__ == "__main__":
    main()
