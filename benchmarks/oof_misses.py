"""The gold events that get no event at all out of fold, with what the coder saw of each record.

Usage::

    python benchmarks/oof_misses.py                   # every gold set, 5 folds (~30 s)
    python benchmarks/oof_misses.py --set plover --set petrarch-gsr --folds 5

For each gold event scored NONE out of fold
(:meth:`geokg.ingest.evaluation.folds.FoldReport.misses`) it prints the record's key, gold
category and fold, then one line per extraction of the record, coded with that fold's
lexicon (the rows held out of the fold removed): kind, relation, lemma, object head, whether
the verb heads a main clause, whether geokg's rows and the PETRARCH back-off name the
lemma, why the back-off may not code it (:func:`backoff_gate`) and the events coded.  The
sentences themselves are not printed (read them in the gold file by the key).
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["backoff_gate", "describe", "main"]


def backoff_gate(lexicon, ex, main_clause: bool | None) -> str:
    """Why :meth:`~geokg.ingest.coding.lexicon.VerbLexicon.pattern_code` leaves ``ex`` to
    others before any pattern is tried, or ``"open"`` (the first condition that holds)."""
    rel = ex.relation.lower()
    checks = (
        (ex.kind != "event", "not an event clause"),
        (lexicon.backoff is None, "no back-off"),
        (lexicon.backoff is not None and not lexicon.backoff.names_verb(ex), "verb not in PETRARCH"),
        (rel.startswith("to "), "infinitive"),
        (rel.endswith("ing"), "-ing form"),
        (main_clause is False, "not a main clause"),
        (lexicon.frame_in(ex.relation, "speech"), "speech verb"),
        (lexicon.frame(ex.lemma) not in (None, "deliberation"), f"frame {lexicon.frame(ex.lemma)}"),
    )
    return next((why for hit, why in checks if hit), "open")


def describe(coder, ex, article, doc, siblings) -> str:
    """One line: what the coder saw of extraction ``ex`` and the events it coded."""
    lex = coder.lexicon
    main_clause = lex.main_clause(ex, doc)
    events = coder.code_extraction(ex, article, doc, None, siblings)
    head = (ex.object.head or ex.object.text.split()[-1]) if ex.object is not None and ex.object.text else "-"
    return (f"  [{ex.kind}] rel={ex.relation!r} lemma={ex.lemma!r} object-head={head!r} mode={ex.mode} "
            f"main={main_clause} rows={lex.has_rows(ex.lemma)} back-off={backoff_gate(lex, ex, main_clause)} "
            f"-> {[(e.cameo, e.source.id if e.source else None, e.target.id if e.target else None) for e in events]}")


def main(argv: list[str] | None = None) -> int:
    from geokg.ingest.evaluation.events import gold_sets, parse_records
    from geokg.ingest.evaluation.folds import evaluate_folds, row_lines, without_rows

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--set", action="append", default=[], help="gold set names (default: all)")
    args = ap.parse_args(argv)
    nlp, sets, coders = gold_sets()
    sets = {n: r for n, r in sets.items() if not args.set or n in args.set}
    parsed = {n: parse_records(r, nlp) for n, r in sets.items()}
    report = evaluate_folds(sets, parsed, {n: coders[n] for n in sets}, args.folds)
    for name, rid, gold, fold in report.misses(sets):
        coder = coders[name]
        lexicon = without_rows(coder.lexicon, report.held_out.get(fold, frozenset()), row_lines(coder.lexicon))
        fold_coder = coder.with_lexicon(lexicon)
        article, doc, extractions = parsed[name][rid]
        print(f"{name}:{rid} gold {gold} fold {fold}")
        for ex in extractions:
            siblings = [x for x in extractions if x.sentence == ex.sentence]
            print(describe(fold_coder, ex, article, doc, siblings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
