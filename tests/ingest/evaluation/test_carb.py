"""Tests of geokg's CaRB scorer: hand-computed tuple matches and scores on tiny fixtures."""

from __future__ import annotations

import doctest
import importlib
import io
import math
from pathlib import Path

import pytest
from geokg.ingest.evaluation import (
    CarbScore,
    CarbTuple,
    ScoredTuple,
    evaluate_carb,
    match_tuples,
    read_carb_gold,
    read_carb_sentences,
    read_tabbed,
    score_carb,
    sentence_key,
    write_tabbed,
)
from hypothesis import given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "carb"
SHARED_CARB = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "carb"
S1 = "The committee approved the new budget on Monday ."
S2 = "Maria said that the river had flooded the valley ."
S3 = "Tom lives in Oslo ."


def _flat(points: list[tuple]) -> list[float]:
    return [x for point in points for x in point]


# ----------------------------------------------------------------------------- tuple match


def test_exact_match_scores_one() -> None:
    g = CarbTuple("approved", ("The committee", "the new budget"))
    assert match_tuples(g, ScoredTuple("approved", ("The committee", "the new budget"))) == (1.0, 1.0)


def test_partial_match_counts_tokens_part_by_part() -> None:
    # gold 1+2+5 tokens (arg2.. joined: "the new budget on Monday"), system 1+2+3, all system tokens match.
    g = CarbTuple("approved", ("The committee", "the new budget", "on Monday"))
    assert match_tuples(g, ScoredTuple("approved", ("The committee", "the new budget"))) == (1.0, 0.75)
    # a wrong system token lowers precision: 5 of 6 system tokens match, 5 of 8 gold tokens.
    p, r = match_tuples(g, ScoredTuple("approved", ("The committee", "a new budget")))
    assert (p, r) == pytest.approx((5 / 6, 5 / 8))


def test_extra_arguments_are_joined_into_the_second() -> None:
    g = CarbTuple("gave", ("Ann", "Bob", "a book"))
    assert match_tuples(g, ScoredTuple("gave", ("Ann", "Bob a book"))) == (1.0, 1.0)
    assert match_tuples(g, ScoredTuple("gave", ("Ann", "Bob", "a", "book"))) == (1.0, 1.0)


def test_no_relation_overlap_scores_zero_even_with_equal_arguments() -> None:
    g = CarbTuple("approved", ("The committee", "the budget"))
    assert match_tuples(g, ScoredTuple("rejected", ("The committee", "the budget"))) == (0.0, 0.0)


def test_argument_overlap_is_not_required() -> None:
    # CaRB's default matcher only requires relation overlap: 1 of 3 system tokens, 1 of 3 gold tokens.
    g = CarbTuple("approved", ("committee", "budget"))
    assert match_tuples(g, ScoredTuple("approved", ("Ann", "plan"))) == pytest.approx((1 / 3, 1 / 3))


def test_missing_second_argument_scores_zero() -> None:
    g = CarbTuple("approved", ("The committee", "the budget"))
    assert match_tuples(g, ScoredTuple("approved", ("The committee",))) == (0.0, 0.0)


def test_gold_with_one_argument_ignores_extra_system_argument() -> None:
    g = CarbTuple("lives", ("Tom",))
    assert match_tuples(g, ScoredTuple("lives", ("Tom", "in Oslo"))) == (1.0, 1.0)


def test_tokens_are_case_sensitive_and_multiset() -> None:
    g = CarbTuple("met", ("Ann", "the the cat"))
    # "the" twice in gold, once in system: one match; "Cat" != "cat".
    assert match_tuples(g, ScoredTuple("met", ("Ann", "the Cat"))) == pytest.approx((3 / 4, 3 / 5))


def test_be_matches_a_form_of_be_in_gold_relation() -> None:
    g = CarbTuple("is", ("the budget", "new"))
    assert match_tuples(g, ScoredTuple("will be", ("the budget", "new"))) == pytest.approx((4 / 5, 1.0))
    assert match_tuples(CarbTuple("had", ("x", "y")), ScoredTuple("will be", ("x", "y"))) == (0.0, 0.0)


def test_said_relations_also_try_reversed_arguments() -> None:
    g = CarbTuple("said", ("Maria", "that it rained"))
    assert match_tuples(g, ScoredTuple("said", ("that it rained", "Maria"))) == (1.0, 1.0)
    h = CarbTuple("wrote", ("Maria", "that it rained"))
    assert match_tuples(h, ScoredTuple("wrote", ("that it rained", "Maria"))) == pytest.approx((1 / 5, 1 / 5))


def test_sentence_key_ignores_spacing_punctuation_and_ptb_brackets() -> None:
    assert sentence_key("Rome ( Italy ) , 2001 .") == sentence_key("Rome -LRB-Italy-RRB-, 2001.")
    assert sentence_key("Rome , Italy .") != sentence_key("Rome , Spain .")


# ----------------------------------------------------------------------------- scoring


def test_fixture_scores_match_hand_computation() -> None:
    score = score_carb(read_carb_gold(FIXTURES), read_tabbed(FIXTURES / "system.tsv"))
    # Curve (threshold, P, R), worked out by hand in the fixture notes of this test module:
    # 0.9: S1 {approved} -> P 1, R 0.75/5;  0.8: + S2 {said, reversed args} -> P 1, R 1.75/5
    # 0.6: + {is; budget; new}, {flooded} -> P 4/4, R (0.75+0.75+1+5/6)/5
    # 0.3: + two "will be" tuples (one matched via be, but left over by the one-to-one matching)
    #      -> P 4/6, R (0.75+1+1+5/6)/5
    expected = [
        (0.9, 1.0, 0.15),
        (0.8, 1.0, 0.35),
        (0.6, 1.0, 2 / 3),
        (0.3, 4 / 6, 43 / 60),
    ]
    got = [(c.threshold, c.precision, c.recall) for c in score.curve]
    assert _flat(got) == pytest.approx(_flat(expected))
    assert (score.precision, score.recall, score.f1) == pytest.approx((1.0, 2 / 3, 0.8))
    assert score.threshold == 0.6
    assert score.auc == pytest.approx(17 / 24)
    assert (score.n_gold, score.n_system, score.n_sentences, score.n_ignored) == (5, 6, 3, 1)


def test_one_to_one_precision_but_many_to_one_recall() -> None:
    gold = {S3: [CarbTuple("lives in", ("Tom", "Oslo"))]}
    twice = {S3: [ScoredTuple("lives in", ("Tom", "Oslo"))] * 2}
    score = score_carb(gold, twice)
    assert (score.precision, score.recall) == (0.5, 1.0)
    # ...while one system tuple may give recall to several gold tuples.
    gold2 = {S3: [CarbTuple("lives in", ("Tom", "Oslo"))] * 2}
    score2 = score_carb(gold2, {S3: twice[S3][:1]})
    assert (score2.precision, score2.recall) == (1.0, 1.0)


def test_greedy_matching_takes_highest_precision_pair_first() -> None:
    # (A, X) has precision 1 and is taken first; that leaves (B, Y), whose relations
    # share no token (precision 0).  An optimal assignment, (A, Y) + (B, X), would
    # give 2/3 + 2/3; CaRB's greedy one-to-one matching gives (1 + 0) / 2.
    a, b = CarbTuple("met saw", ("Ann", "Bob")), CarbTuple("met", ("Ann", "Joe"))
    x, y = ScoredTuple("met", ("Ann", "Bob")), ScoredTuple("saw", ("Ann", "Bo"))
    assert match_tuples(a, x)[0] == 1.0 and match_tuples(b, y) == (0.0, 0.0)
    assert match_tuples(a, y)[0] == pytest.approx(2 / 3) and match_tuples(b, x)[0] == pytest.approx(2 / 3)
    score = score_carb({S1: [a, b]}, {S1: [x, y]})
    assert score.precision == 0.5
    # recall is many-to-one: A's best is X (3/4), B's best is X (2/3).
    assert score.recall == pytest.approx((3 / 4 + 2 / 3) / 2)


def test_empty_system_scores_zero() -> None:
    score = score_carb(read_carb_gold(FIXTURES), {})
    assert (score.precision, score.recall, score.f1, score.auc) == (0.0, 0.0, 0.0, 0.0)
    assert score.curve == () and score.threshold is None and score.n_gold == 5


def test_only_unknown_sentences_counts_as_empty() -> None:
    score = score_carb(read_carb_gold(FIXTURES), {"Elsewhere .": [ScoredTuple("is", ("a", "b"))]})
    assert (score.f1, score.n_system, score.n_ignored) == (0.0, 0, 1)


def test_gold_against_itself_is_perfect() -> None:
    gold = read_carb_gold(FIXTURES)
    system = {s: [ScoredTuple(t.relation, t.arguments) for t in ts] for s, ts in gold.items()}
    score = score_carb(gold, system)
    assert (score.precision, score.recall, score.f1, score.auc) == (1.0, 1.0, 1.0, 1.0)


def test_to_dict_has_the_documented_keys() -> None:
    d = score_carb(read_carb_gold(FIXTURES), read_tabbed(FIXTURES / "system.tsv")).to_dict()
    assert set(d) == {"precision", "recall", "f1", "auc", "n_sentences", "n_gold", "n_system"}
    assert d["n_gold"] == 5 and d["f1"] == pytest.approx(0.8)


def test_bad_inputs_are_named() -> None:
    with pytest.raises(TypeError, match="Tom lives"):
        score_carb({S3: [("lives", "Tom")]}, {})  # type: ignore[list-item]
    with pytest.raises(ValueError, match="not finite"):
        score_carb({S3: []}, {S3: [ScoredTuple("x", ("a", "b"), math.nan)]})


# ----------------------------------------------------------------------------- naive oracle

_WORDS = ["a", "b", "be", "is", "said", "c"]
_tuple = st.builds(
    lambda rel, args: (" ".join(rel), tuple(" ".join(a) for a in args)),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=2),
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=2), max_size=3),
)


def _naive(gold: dict[str, list[CarbTuple]], system: dict[str, list[ScoredTuple]]) -> list[tuple]:
    """Per-threshold P/R recomputed from scratch with a literal greedy scan."""
    n_gold = sum(len(v) for v in gold.values())
    confs = sorted({t.confidence for s, ts in system.items() if s in gold for t in ts}, reverse=True)
    points = []
    for t in confs:
        p_num = r_num = 0.0
        n_sys = 0
        for sent, gts in gold.items():
            kept = [s for s in system.get(sent, []) if s.confidence >= t]
            n_sys += len(kept)
            sc = [[match_tuples(g, s) for s in kept] for g in gts]
            r_num += sum(max((x[1] for x in row), default=0.0) for row in sc)
            rows, cols = set(), set()
            for _ in range(min(len(gts), len(kept))):
                best = (-1.0, -1, -1)
                for i in range(len(gts)):
                    for j in range(len(kept)):
                        if i not in rows and j not in cols and sc[i][j][0] > best[0]:
                            best = (sc[i][j][0], i, j)
                rows.add(best[1])
                cols.add(best[2])
                p_num += best[0]
        points.append((t, p_num / n_sys, r_num / n_gold))
    return points


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(_tuple, min_size=1, max_size=3), min_size=1, max_size=3),
    st.lists(st.lists(st.tuples(_tuple, st.sampled_from([0.2, 0.5, 0.9])), max_size=4), max_size=3),
)
def test_curve_equals_naive_recomputation(gold_lists, system_lists) -> None:
    gold = {f"s{i} .": [CarbTuple(r, a) for r, a in ts] for i, ts in enumerate(gold_lists)}
    system = {f"s{i} .": [ScoredTuple(r, a, c) for (r, a), c in ts] for i, ts in enumerate(system_lists)}
    score = score_carb(gold, system)
    expected = _naive(gold, system)
    got = [(c.threshold, c.precision, c.recall) for c in score.curve]
    assert _flat(got) == pytest.approx(_flat(expected))
    if expected:
        f1s = [2 * p * r / (p + r) if p + r else 0.0 for _, p, r in expected]
        assert score.f1 == pytest.approx(max(f1s))
        assert 0.0 <= score.auc <= 1.0


# ----------------------------------------------------------------------------- I/O


def test_read_gold_folder_or_file_strips_fields() -> None:
    gold = read_carb_gold(FIXTURES)
    assert gold == read_carb_gold(FIXTURES / "dev_gold.tsv")
    assert list(gold) == [S1, S2, S3]  # trailing space of S1 stripped
    assert gold[S3] == [CarbTuple("lives in", ("Tom", "Oslo"))]  # trailing empty argument dropped
    assert read_carb_sentences(FIXTURES)[-1] == "Nothing happened ."


def test_missing_files_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "dev_gold.tsv")):
        read_carb_gold(tmp_path)
    with pytest.raises(FileNotFoundError, match="nope.tsv"):
        read_tabbed(tmp_path / "nope.tsv")
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        evaluate_carb(lambda s: [[] for _ in s], tmp_path)


def test_malformed_lines_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("A b .\t0.5\tis\ta\tb\nA b .\tsure\tis\ta\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2"):
        read_tabbed(bad)
    gold = tmp_path / "g.tsv"
    gold.write_text("A b .\tis\ta\tb\nonly a sentence\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"g\.tsv:2"):
        read_carb_gold(gold)


def test_tabbed_round_trip_and_tab_rejection(tmp_path: Path) -> None:
    system = read_tabbed(FIXTURES / "system.tsv")
    path = tmp_path / "out.tsv"
    assert write_tabbed(system, path) == 7
    assert read_tabbed(path) == system
    with pytest.raises(ValueError, match="Tom lives"):
        write_tabbed({S3: [ScoredTuple("lives\tin", ("Tom", "Oslo"))]}, io.StringIO())


def test_evaluate_carb_feeds_sentences_and_writes_output(tmp_path: Path) -> None:
    seen: list[list[str]] = []
    system = read_tabbed(FIXTURES / "system.tsv")
    by_key = {sentence_key(s): ts for s, ts in system.items()}

    def replay(sentences: list[str]) -> list[list[ScoredTuple]]:
        seen.append(sentences)
        return [by_key.get(sentence_key(s), []) for s in sentences]

    out = tmp_path / "pred.tsv"
    score = evaluate_carb(replay, FIXTURES, out=out)
    assert seen == [read_carb_sentences(FIXTURES)]
    assert isinstance(score, CarbScore) and score.f1 == pytest.approx(0.8) and score.n_ignored == 0
    assert score_carb(read_carb_gold(FIXTURES), read_tabbed(out)) == score
    with pytest.raises(ValueError, match="3 results for 4 sentences"):
        evaluate_carb(lambda s: [[] for _ in s[1:]], FIXTURES)


def test_doctests() -> None:
    for name in ("carb_metric", "carb"):
        name = f"geokg.ingest.evaluation.{name}"
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0 and result.attempted > 0


# ----------------------------------------------------------------------------- shared data


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED_CARB / "dev_gold.tsv").is_file(), reason="../shared CaRB data absent")
def test_shared_gold_against_itself_empty_and_degraded(tmp_path: Path) -> None:
    gold = read_carb_gold(SHARED_CARB)
    assert len(gold) == 638 and sum(map(len, gold.values())) == 2548
    system = {s: [ScoredTuple(t.relation, t.arguments) for t in ts] for s, ts in gold.items()}
    write_tabbed(system, tmp_path / "gold.tsv")
    perfect = score_carb(gold, read_tabbed(tmp_path / "gold.tsv"))
    assert (perfect.precision, perfect.recall, perfect.f1, perfect.auc) == (1.0, 1.0, 1.0, 1.0)
    assert score_carb(gold, {}).f1 == 0.0
    first_tokens = {
        s: [ScoredTuple(t.relation, tuple((a.split() or [""])[0] for a in t.arguments)) for t in ts]
        for s, ts in gold.items()
    }
    degraded = score_carb(gold, first_tokens)
    assert 0.3 < degraded.recall < 0.7 and 0.5 < degraded.f1 < 0.9
