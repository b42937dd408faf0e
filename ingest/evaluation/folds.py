"""Out-of-fold scoring of event coding: lexicon rows judged on records they were not grown from.

The verb rows of ``coding/verbs.tsv`` were written against the dev gold records, so a
dev score credits a row on the very sentence it was made for.  This module scores the
coder *out of fold*:

* **Folds.** Each gold record goes to one of ``K`` folds by a hash of its set name and
  record id (:func:`fold_of`: deterministic, independent of file order).
* **Row provenance.** Coding every dev record once with the full lexicon, a row *fires*
  on a record when the lexicon returns that row's code for one of the record's
  extractions (:func:`trace_rows`; a row is named by its line in ``verbs.tsv``).  The
  *evidence* of a row is the set of records, over all gold sets scored together, on
  which it fires.
* **Out-of-fold score.** Fold ``k`` is coded by a lexicon without every row whose
  evidence lies entirely inside fold ``k`` (it fires on fold ``k``'s records and on no
  record of another fold).  Rows that fire on no dev record, or on records of two or
  more folds, stay.  So a row grown from one dev sentence gets no credit on that
  sentence, while a row with independent evidence elsewhere keeps it.  The
  predictions of the ``K`` folds are pooled and scored once per gold set, exactly like
  the dev score (:func:`~geokg.ingest.evaluation.events.score_records`).
* **Hidden rows.** A row's evidence is every record it *would* fire on: a general row
  behind a more specific one ("hack" behind "hack into", a bare ``summon`` behind
  ``summon @DIPLOMATS``) fires on no dev record until the specific row is held out.  So
  the out-of-fold coding traces the rows that fire in it too, adds those records to their
  evidence and is repeated until the evidence stops growing: no row gets credit on a
  record of fold ``k`` unless it fires on a record of another fold.

Everything else (actor gazetteers, frames, conventions) is the same in both runs, so
the gap between dev and out-of-fold is what the dev-grown rows add.
:func:`evaluate_out_of_fold` also scores the folds with geokg's own actor entries
(organisations, people, role words) named only in a fold's records held out of it
(:mod:`geokg.ingest.evaluation.entry_folds`, :attr:`FoldReport.oof_actors`).

Examples
--------
>>> fold_of("plover:10", 5) == fold_of("plover:10", 5), 0 <= fold_of("x", 3) < 3
(True, True)
>>> dropped_rows({7: {"a", "b"}, 8: {"a"}, 9: set()}, {"a": 0, "b": 1}, 0)
frozenset({8})
"""

from __future__ import annotations

import copy
import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geokg.ingest.evaluation.events import EventScore, GoldRecord, code_records, gold_sets, parse_records, score_records

__all__ = [
    "FoldReport",
    "dropped_rows",
    "evaluate_folds",
    "evaluate_out_of_fold",
    "fold_of",
    "format_fold_report",
    "row_lines",
    "trace_rows",
    "without_rows",
]


def fold_of(key: str, k: int) -> int:
    """The fold (0..k-1) of a record key ``"set:id"``: a stable hash, not Python's salted one."""
    if k < 1:
        raise ValueError(f"the number of folds must be at least 1, got {k!r}")
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], 16) % k


def dropped_rows(evidence: Mapping[int, set[str]], folds: Mapping[str, int], k: int) -> frozenset[int]:
    """Rows (verbs.tsv lines) held out of fold ``k``: every record they fire on is in fold ``k``."""
    return frozenset(line for line, keys in evidence.items()
                     if keys and all(folds[key] == k for key in keys))


def row_lines(lexicon, data_dir: str | Path | None = None) -> dict[int, int]:
    """``id(row) -> line`` for the lexicon's rows read from ``coding/verbs.tsv``.

    The rows of a lemma are kept in file order; a row is paired with the next line of its
    lemma that has the same code and source constraint (rows from other sources, such as
    a user's dictionary, get no line and are never dropped).
    """
    from geokg.ingest.coding.lexicon import read_rows

    lines: dict[str, list[tuple[int, str, str]]] = {}
    for n, (lemma, _obj, source, code) in read_rows("coding/verbs.tsv", data_dir, 4):
        lines.setdefault(" ".join(lemma.lower().split()), []).append((n, source, code))
    out: dict[int, int] = {}
    for lemma, rows in lexicon.rows.items():
        todo = list(lines.get(lemma, ()))
        for row in rows:
            if todo and (todo[0][1], todo[0][2]) == (row.source, row.code):
                out[id(row)] = todo.pop(0)[0]
    return out


def _fired_row(lexicon, lemma: str, objects: Sequence[str], object_is_actor: bool,
               source_state: bool | None, code: str):
    """The first candidate row of ``lemma`` that gives ``code`` and whose constraint holds."""
    texts = [lexicon._norm(o) for o in objects]
    for row in lexicon._candidates(lemma):
        if row.code != code or (row.source == "state" and source_state is not True) or (
                row.source == "nonstate" and source_state is True):
            continue
        if not row.alternatives or any(lexicon._alt_match(a, texts, object_is_actor) is not None
                                       for a in row.alternatives):
            return row
    return None


def trace_rows(lexicon, lines: Mapping[int, int], sink: set[int]):
    """A copy of ``lexicon`` whose :meth:`match` adds the verbs.tsv line of each row it uses to ``sink``."""
    traced = copy.copy(lexicon)
    inner = lexicon.match

    def match(lemma, objects=(), *, object_is_actor=False, source_state=None):
        found = inner(lemma, objects, object_is_actor=object_is_actor, source_state=source_state)
        if found[0] is not None:
            row = _fired_row(lexicon, lemma, tuple(objects), object_is_actor, source_state, found[0])
            if row is not None and id(row) in lines:
                sink.add(lines[id(row)])
        return found

    traced.match = match
    return traced


def without_rows(lexicon, drop: frozenset[int], lines: Mapping[int, int]):
    """A copy of ``lexicon`` without the rows whose verbs.tsv line is in ``drop``."""
    from geokg.ingest.actors.data import Memo

    out = copy.copy(lexicon)
    rows = {}
    for lemma, rs in lexicon.rows.items():
        kept = [r for r in rs if lines.get(id(r)) not in drop]
        if kept:
            rows[lemma] = kept
    out.rows = rows
    out._max_noun = max((len(k.split()) for k in rows), default=1)
    out._last_words = frozenset(k.rsplit(" ", 1)[1] for k in rows if " " in k)
    out._match_memo = Memo(1 << 14)
    return out


@dataclass
class FoldReport:
    """Dev and out-of-fold scores per gold set, and the provenance of the lexicon rows."""

    k: int
    dev: dict[str, EventScore] = field(default_factory=dict)
    oof: dict[str, EventScore] = field(default_factory=dict)
    evidence: dict[int, set[str]] = field(default_factory=dict)  # verbs.tsv line -> "set:id" keys
    dropped: dict[int, int] = field(default_factory=dict)  # fold -> rows held out of it
    rounds: int = 0  # out-of-fold rounds until the evidence stopped growing
    #: the out-of-fold predictions: set name -> record id -> triples (what the scores count)
    predictions: dict[str, dict] = field(default_factory=dict)
    #: fold -> the verbs.tsv lines held out of it in the last round (:func:`without_rows`)
    held_out: dict[int, frozenset[int]] = field(default_factory=dict)
    folds: dict[str, int] = field(default_factory=dict)  # "set:id" -> its fold
    #: out-of-fold scores with geokg's own actor entries held out too
    #: (:func:`geokg.ingest.evaluation.entry_folds.evaluate_actor_folds`); empty when not run
    oof_actors: dict[str, EventScore] = field(default_factory=dict)
    #: fold -> (actor entries held out of it, how many of them restate the Phoenix dictionaries)
    entries_dropped: dict[int, tuple[int, int]] = field(default_factory=dict)

    def misses(self, sets: Mapping[str, Sequence[GoldRecord]]) -> list[tuple[str, str, str, int]]:
        """The gold events that get no predicted event at all out of fold (scored as NONE):
        ``(set, record id, gold category, fold)``, in the order of ``sets``."""
        out = []
        for name, records in sets.items():
            for g in records:
                s = score_records([g], {g.id: self.predictions.get(name, {}).get(g.id, [])}, name)
                out.extend((name, g.id, gold, self.folds.get(f"{name}:{g.id}", -1))
                           for (gold, got), n in sorted(s.confusion.items()) if got == "NONE" and gold != "NONE"
                           for _ in range(n))
        return out

    def single_record_rows(self) -> list[int]:
        """verbs.tsv lines of the rows that fire on exactly one dev record."""
        return sorted(line for line, keys in self.evidence.items() if len(keys) == 1)

    def to_dict(self) -> dict:
        """Plain data: per set ``{"dev": ..., "out_of_fold": ...}``, and the row counts."""
        sets = {name: {"dev": self.dev[name].to_dict(), "out_of_fold": self.oof[name].to_dict()}
                for name in self.dev}
        for name, score in self.oof_actors.items():
            sets[name]["out_of_fold_actors"] = score.to_dict()
        return {
            "folds": self.k,
            "sets": sets,
            "rows_firing": len([v for v in self.evidence.values() if v]),
            "rows_single_record": len(self.single_record_rows()),
            "rows_dropped_per_fold": {str(k): n for k, n in sorted(self.dropped.items())},
            "actor_entries_dropped_per_fold": {str(k): n for k, (n, _) in sorted(self.entries_dropped.items())},
            "actor_entries_dropped_vetted_per_fold": {str(k): v for k, (_, v) in sorted(self.entries_dropped.items())},
            "rounds": self.rounds,
        }


def _traced_predictions(name: str, records: Sequence[GoldRecord], parsed: Mapping[str, tuple], coder,
                        lexicon, lines: Mapping[int, int], evidence: dict[int, set[str]]) -> dict:
    """Code ``records`` with ``lexicon``, adding each record's key to the evidence of every
    verbs.tsv row that fires on it; the predictions by record."""
    preds: dict = {}
    for g in records:
        sink: set[int] = set()
        preds.update(code_records([g], parsed, coder.with_lexicon(trace_rows(lexicon, lines, sink))))
        for line in sink:
            evidence.setdefault(line, set()).add(f"{name}:{g.id}")
    return preds


def _out_of_fold_round(sets: Mapping[str, Sequence[GoldRecord]], parsed: Mapping[str, Mapping[str, tuple]],
                       coders: Mapping[str, object], folds: Mapping[str, int], k: int,
                       lines_by_lex: Mapping[int, Mapping[int, int]], report: FoldReport) -> dict[str, dict]:
    """One round of out-of-fold coding: fold ``fk``'s records with the rows held out of it
    (their evidence so far), tracing the rows that fire instead into ``report.evidence``."""
    drops = {fk: dropped_rows(report.evidence, folds, fk) for fk in range(k)}
    report.dropped = {fk: len(d) for fk, d in drops.items()}
    report.held_out = drops
    preds: dict[str, dict] = {}
    for name, records in sets.items():
        coder = coders[name]
        lines = lines_by_lex[id(coder.lexicon)]
        preds[name] = {}
        for fk in range(k):
            mine = [g for g in records if folds[f"{name}:{g.id}"] == fk]
            lexicon = without_rows(coder.lexicon, drops[fk], lines)
            preds[name].update(_traced_predictions(name, mine, parsed[name], coder, lexicon, lines, report.evidence))
    return preds


def evaluate_folds(sets: Mapping[str, Sequence[GoldRecord]], parsed: Mapping[str, Mapping[str, tuple]],
                   coders: Mapping[str, object], k: int, max_rounds: int = 12) -> FoldReport:
    """Dev and out-of-fold scores (see module doc) of gold sets already parsed.

    ``sets``: set name -> records; ``parsed``: set name -> :func:`parse_records` output;
    ``coders``: set name -> the coder for that set (they share one lexicon).  The
    out-of-fold coding is repeated until no row fires on a record it had not fired on
    (at most ``max_rounds`` rounds; :attr:`FoldReport.rounds`): a row that a held-out row
    hid ("hack" behind "hack into") has that record as evidence too.
    """
    report = FoldReport(k)
    folds = {f"{name}:{g.id}": fold_of(f"{name}:{g.id}", k) for name, recs in sets.items() for g in recs}
    report.folds = folds
    lines_by_lex: dict[int, dict[int, int]] = {}
    for name, records in sets.items():
        coder = coders[name]
        lines = lines_by_lex.setdefault(id(coder.lexicon), row_lines(coder.lexicon))
        t0 = time.perf_counter()
        preds = _traced_predictions(name, records, parsed[name], coder, coder.lexicon, lines, report.evidence)
        report.dev[name] = score_records(records, preds, name)
        report.dev[name].seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    size = -1
    while size != sum(map(len, report.evidence.values())) and report.rounds < max_rounds:
        size = sum(map(len, report.evidence.values()))
        oof_pred = _out_of_fold_round(sets, parsed, coders, folds, k, lines_by_lex, report)
        report.rounds += 1
    report.predictions = oof_pred
    for name, records in sets.items():
        report.oof[name] = score_records(records, oof_pred[name], name)
        report.oof[name].seconds = (time.perf_counter() - t0) / len(sets)
    return report


def format_fold_report(report: FoldReport) -> str:
    """Dev and out-of-fold scores side by side, with per-category F1 tables."""
    lines = [f"Out-of-fold scoring, {report.k} folds: {len(report.evidence)} verbs.tsv rows fire on dev records, "
             f"{len(report.single_record_rows())} on exactly one; rows held out per fold: "
             + ", ".join(f"{k}:{n}" for k, n in sorted(report.dropped.items()))
             + f" ({report.rounds} rounds)"]
    if report.entries_dropped:
        lines.append("+ actors: geokg's own actor entries (orgs, people, role words) named only in a fold's records "
                     "held out too; per fold (of which restating the Phoenix dictionaries): "
                     + ", ".join(f"{k}:{n} ({v})" for k, (n, v) in sorted(report.entries_dropped.items())))
    keys = [("f1_category_dyad", "category+dyad F1"), ("f1_category", "category F1"),
            ("source_accuracy", "source accuracy"), ("target_accuracy", "target accuracy")]
    for name in report.dev:
        dev, oof = report.dev[name].to_dict(), report.oof[name].to_dict()
        plus = report.oof_actors[name].to_dict() if name in report.oof_actors else None
        lines.append(f"== {name}: {dev['records']} records, {dev['gold_events']} gold events")
        lines.append(f"   {'':20} {'dev':>7} {'out-of-fold':>12}" + (f" {'+ actors':>9}" if plus else ""))
        for key, label in keys:
            lines.append(f"   {label:20} {dev[key]:7.3f} {oof[key]:12.3f}" + (f" {plus[key]:9.3f}" if plus else ""))
        lines.append(f"   {'category':12} {'gold':>5} {'dev P/R/F1':>17} {'out-of-fold P/R/F1':>20}")
        cats = sorted(set(dev["per_category"]) | set(oof["per_category"]))
        for cat in cats:
            d = dev["per_category"].get(cat, {"gold": 0, "precision": 0, "recall": 0, "f1": 0})
            o = oof["per_category"].get(cat, {"gold": 0, "precision": 0, "recall": 0, "f1": 0})
            lines.append(f"   {cat:12} {d['gold']:5} {d['precision']:5.2f} {d['recall']:5.2f} {d['f1']:5.2f}"
                         f"   {o['precision']:5.2f} {o['recall']:5.2f} {o['f1']:5.2f}")
    return "\n".join(lines)


def evaluate_out_of_fold(path=None, *, folds: int = 5, model: str | None = None, nlp=None,
                         limit: int | None = None, dictionaries: Sequence = (),
                         coder_options: Mapping | None = None, actors: bool = True) -> FoldReport:
    """Dev and out-of-fold scores of the gold sets at ``path`` over ``folds`` folds
    (arguments as for :func:`geokg.ingest.evaluation.events.evaluate_events`); ``actors``:
    also score with geokg's own actor entries held out (:attr:`FoldReport.oof_actors`)."""
    if folds < 2:
        raise ValueError(f"--folds needs at least 2 folds, got {folds}")
    nlp, sets, coders = gold_sets(path, model=model, nlp=nlp, limit=limit, dictionaries=dictionaries,
                                  coder_options=coder_options)
    parsed = {n: parse_records(r, nlp) for n, r in sets.items()}
    report = evaluate_folds(sets, parsed, coders, folds)
    if actors:
        from geokg.ingest.dictionaries.coder import build_coder
        from geokg.ingest.evaluation.entry_folds import evaluate_actor_folds
        from geokg.ingest.evaluation.events import set_coder

        def make_coder(data_dir):
            return build_coder(dictionaries, **(coder_options or {}), data_dir=data_dir)

        def fold_lexicon(coder, fk: int):
            return without_rows(coder.lexicon, report.held_out.get(fk, frozenset()), row_lines(coder.lexicon))

        report.oof_actors, report.entries_dropped = evaluate_actor_folds(sets, parsed, report, make_coder, set_coder,
                                                                         fold_lexicon)
    return report
