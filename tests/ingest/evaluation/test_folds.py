"""Out-of-fold scoring: folds, row provenance and held-out lexicons (no spaCy model)."""

from __future__ import annotations

import pytest

from geokg.ingest.coding import EventCoder, VerbLexicon
from geokg.ingest.evaluation.events import GoldEvent, GoldRecord, score_records
from geokg.ingest.evaluation.folds import (
    FoldReport,
    dropped_rows,
    evaluate_folds,
    fold_of,
    format_fold_report,
    row_lines,
    trace_rows,
    without_rows,
)


def test_folds_are_stable_and_spread():
    keys = [f"plover:{i}" for i in range(200)]
    folds = [fold_of(k, 5) for k in keys]
    assert folds == [fold_of(k, 5) for k in keys]
    assert set(folds) == set(range(5))
    assert min(folds.count(f) for f in range(5)) > 20
    with pytest.raises(ValueError, match="at least 1"):
        fold_of("x", 0)


def test_a_row_is_held_out_only_of_the_fold_that_holds_all_its_evidence():
    folds = {"a": 0, "b": 1, "c": 0}
    evidence = {10: {"a"}, 11: {"a", "c"}, 12: {"a", "b"}, 13: set()}
    assert dropped_rows(evidence, folds, 0) == {10, 11}
    assert dropped_rows(evidence, folds, 1) == frozenset()


def _line_of(lemma: str, code: str) -> int:
    from geokg.ingest.resources import data_text

    for n, line in enumerate(data_text("coding/verbs.tsv").splitlines(), 1):
        cells = line.split("\t")
        if cells[0] == lemma and cells[-1] == code:
            return n
    raise AssertionError(lemma)


def test_tracing_names_the_row_that_fired_and_removing_it_changes_the_code():
    lex = VerbLexicon.default()
    lines = row_lines(lex)
    assert len(lines) == sum(len(v) for v in lex.rows.values())
    sink: set[int] = set()
    traced = trace_rows(lex, lines, sink)
    assert traced.lookup("impose", ["sanctions"]) == "163"
    line = _line_of("impose", "163")
    assert sink == {line}
    assert lex.lookup("impose", ["sanctions"]) == "163"  # the original is untouched
    held_out = without_rows(lex, frozenset({line}), lines)
    assert held_out.lookup("impose", ["sanctions"]) != "163"
    assert lex.lookup("impose", ["sanctions"]) == "163"


def test_a_memoised_lookup_is_still_traced():
    lex = VerbLexicon.default()
    lex.lookup("arrest")  # fills the memo
    sink: set[int] = set()
    trace_rows(lex, row_lines(lex), sink).lookup("arrest")
    assert sink == {_line_of("arrest", "173")}


def test_out_of_fold_withholds_a_row_whose_only_evidence_is_the_scored_record():
    from geokg.ingest.records import Argument, Article, Extraction

    def parsed(rid: str, verb: str, lemma: str) -> tuple:
        art = Article.create(title="", text=f"Iran {verb} Iraq.", origin=rid)
        subj = Argument("subject", "Iran", 0, 4, head="Iran", label="GPE")
        obj = Argument("object", "Iraq", 6 + len(verb), 10 + len(verb), head="Iraq", label="GPE")
        ex = Extraction(art.id, 0, 0, len(art.content), subj, verb, lemma, 5, 5 + len(verb), object=obj)
        return art, None, [ex]

    recs = [GoldRecord(f"r{i}", "petrarch", "x", None, (GoldEvent("11", frozenset({"IRN"}), frozenset({"IRQ"})),))
            for i in range(2)]
    coder = EventCoder.default()
    report = evaluate_folds({"demo": recs}, {"demo": {r: parsed(r, "deplored", "deplore") for r in ("r0", "r1")}},
                            {"demo": coder}, 2)
    assert isinstance(report, FoldReport)
    assert report.dev["demo"].tp_category_dyad == 2
    line = _line_of("deplore", "111")
    assert report.evidence[line] == {"demo:r0", "demo:r1"}
    same_fold = fold_of("demo:r0", 2) == fold_of("demo:r1", 2)
    # evidence in two folds keeps the row everywhere; evidence in one fold withholds it there
    assert report.oof["demo"].tp_category_dyad == (0 if same_fold else 2)
    # the out-of-fold predictions are kept, and a gold event with none is a miss of its fold
    assert set(report.predictions["demo"]) == {"r0", "r1"}
    misses = report.misses({"demo": recs})
    assert misses == ([("demo", r, "11", fold_of(f"demo:{r}", 2)) for r in ("r0", "r1")] if same_fold else [])
    assert all(report.held_out[f] for _, _, _, f in misses)
    assert "out-of-fold" in format_fold_report(report)
    assert report.to_dict()["sets"]["demo"]["dev"]["f1_category_dyad"] == 1.0


def test_a_general_row_hidden_behind_a_held_out_row_is_held_out_too():
    """"deployed troops" fires ``deploy @TROOPS``; the bare ``deploy`` row (same code) would
    fire in its place once that row is held out: its evidence is the same record."""
    from geokg.ingest.records import Argument, Article, Extraction

    art = Article.create(title="", text="Iran deployed troops.", origin="r0")
    subj = Argument("subject", "Iran", 0, 4, head="Iran", label="GPE")
    obj = Argument("object", "troops", 14, 20, head="troops")
    ex = Extraction(art.id, 0, 0, len(art.content), subj, "deployed", "deploy", 5, 13, object=obj)
    rec = GoldRecord("r0", "petrarch", "x", None, (GoldEvent("15", frozenset({"IRN"}), frozenset()),))
    report = evaluate_folds({"demo": [rec]}, {"demo": {"r0": (art, None, [ex])}}, {"demo": EventCoder.default()}, 2)
    specific = _line_of("deploy", "154")
    general = specific + 1
    assert report.evidence[specific] == report.evidence[general] == {"demo:r0"}
    assert report.rounds >= 2
    assert report.dev["demo"].tp_category == 1 and report.oof["demo"].tp_category == 0
    # held out, both rows: the record's gold event gets no event out of fold -- a miss of its fold
    fold = fold_of("demo:r0", 2)
    assert report.predictions["demo"]["r0"] == []
    assert report.misses({"demo": [rec]}) == [("demo", "r0", "15", fold)]
    assert {specific, general} <= report.held_out[fold]


def test_score_records_is_the_same_for_dev_and_pooled_folds():
    g = GoldRecord("x", "plover", "t", None, (GoldEvent("THREATEN", frozenset({"IRN"}), frozenset({"IRQ"})),))
    s = score_records([g], {"x": [("THREATEN", frozenset({"IRN"}), frozenset({"IRQ"}))]}, "demo")
    assert s.f1_category_dyad == 1.0


def test_legacy_gold_country_codes_are_mapped_to_iso():
    from geokg.ingest.evaluation.events import gold_record

    rec = {"id": "y", "text": "t", "event": "CONSULT", "source": [{"code": "JAPGOV"}], "target": [{"code": "ITL"}]}
    ev = gold_record(rec, "plover").events[0]
    assert (ev.sources, ev.targets) == (frozenset({"JPN"}), frozenset({"ITA"}))
