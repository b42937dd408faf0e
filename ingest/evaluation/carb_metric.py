"""The CaRB Open-IE metric (Bhardwaj, Aggarwal & Mausam, EMNLP 2019), written for geokg.

Pure scoring, no I/O; :mod:`geokg.ingest.evaluation.carb` adds the file readers
and writers and :func:`~geokg.ingest.evaluation.carb.evaluate_carb`.

CaRB scores n-ary Open-IE tuples ``(relation; arg1; arg2; ...)`` of a system
against crowdsourced gold tuples, sentence by sentence.  This module is an
independent implementation of the metric as CaRB's reference scorer computes
it with its default settings (``--tabbed`` input, the "binary lenient" tuple
match, no ``--binary`` flag).  Everything below is what geokg computes.

Tuple match (one gold tuple ``g``, one system tuple ``s``)
    Parts are compared as **whitespace-separated tokens, case-sensitively, with
    no stopword or punctuation removal**.  (CaRB's scorer passes
    ``ignoreCase``/``ignoreStopwords`` flags to its matcher, but the default
    matcher never reads them; we follow the scorer, not the flags.)  Both tuples
    are first cut to at most two arguments: ``arg1`` and the space-joined
    ``arg2 arg3 ...``.  Tokens match as multisets (each gold token can consume
    one equal system token).

    1. Relation: ``m`` = overlap of the two relations.  If the system relation
       still has an unmatched ``be`` and the gold relation contains a form of
       *be* (be, is, am, are, was, were, been, being), ``m`` grows by one
       (capped at the gold relation length; the cap is ours and only matters
       when CaRB would give a part recall above 1).  **If ``m == 0`` the pair
       scores (0, 0).**  There is no such condition on the arguments.
    2. Arguments, for each gold argument position ``i``: its tokens count in the
       recall denominator; if the system tuple has no argument ``i`` and
       ``i < 2`` the pair scores (0, 0); otherwise its tokens count in the
       precision denominator and the overlap counts in both numerators.
    3. ``precision = matched / system tokens``, ``recall = matched / gold
       tokens`` over the parts compared (0 when a denominator is 0).
    4. "Said" relations: if the gold relation contains one of the substrings
       said, told, added, adds, says, the system arguments are also tried in
       reverse order (``arg2 ...``, ``arg1``) and the larger (precision,
       recall) pair wins (compared as tuples: precision first).

Scores at one confidence threshold ``t`` (system tuples with confidence >= t)
    * recall = sum over gold tuples of the best recall against *any* kept
      system tuple of its sentence (one system tuple may serve several gold
      tuples), divided by the number of gold tuples in all gold sentences;
    * precision = one-to-one matching per sentence: repeatedly take the
      (gold, system) pair of highest tuple precision among unused rows and
      columns (ties: lowest gold index, then lowest system index) until one
      side is used up; the sum of the chosen precisions over all sentences is
      divided by the number of kept system tuples in gold sentences.

Reported figures (:class:`CarbScore`)
    The thresholds are the distinct confidences of the system tuples that fall
    in gold sentences.  ``precision``, ``recall`` and ``f1`` are those of the
    curve point with the highest F1 ("optimal F1"; ties go to the lowest
    threshold, as in CaRB).  ``auc`` is the trapezoidal area under the
    precision-recall points ordered by recall, after adding the point
    (recall 0, precision 1); no interpolation.  An empty system scores 0
    everywhere.  Values are not rounded (CaRB prints them rounded to 3 places).

Sentences are joined by a key that ignores spaces, ASCII punctuation and PTB
bracket escapes (``-LRB-`` ...), so a system may re-space a sentence.  System
tuples of sentences that are not in the gold are ignored (counted in
:attr:`CarbScore.n_ignored`).  Deliberate differences from the reference
scorer, all outside the CaRB dev data's normal use: sentences whose keys
collide are merged rather than overwritten; thresholds coming only from
ignored sentences are not curve points; the *be* cap above.

Examples
--------
>>> gold = {"Ann met Bob in Rome .": [CarbTuple("met", ("Ann", "Bob", "in Rome"))]}
>>> system = {"Ann met Bob in Rome .": [ScoredTuple("met", ("Ann", "Bob"), 0.9)]}
>>> s = score_carb(gold, system)
>>> s.precision, round(s.recall, 3)
(1.0, 0.6)
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

__all__ = [
    "CarbTuple",
    "ScoredTuple",
    "CurvePoint",
    "CarbScore",
    "sentence_key",
    "match_tuples",
    "score_carb",
    "BE_FORMS",
    "SAID_MARKERS",
]

#: Forms of *be* that match a bare ``be`` in a system relation.
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
#: Substrings of a gold relation that also allow reversed system arguments.
SAID_MARKERS = ("said", "told", "added", "adds", "says")
_PTB_ESCAPES = (
    ("-LRB-", "("),
    ("-RRB-", ")"),
    ("-LSB-", "["),
    ("-RSB-", "]"),
    ("-LCB-", "{"),
    ("-RCB-", "}"),
)
_PUNCT = re.compile("[" + re.escape(string.punctuation) + "]")


def _checked(relation: object, arguments: Iterable[object]) -> tuple[str, ...]:
    """The arguments as a tuple, after checking that every field is a string."""
    args = tuple(arguments)
    if not isinstance(relation, str) or not all(isinstance(a, str) for a in args):
        raise TypeError(f"tuple fields must be strings: relation={relation!r}, arguments={args!r}")
    return args


@dataclass(frozen=True, slots=True)
class CarbTuple:
    """A gold Open-IE tuple: a relation phrase and its ordered arguments.

    Examples
    --------
    >>> CarbTuple("met", ["Ann", "Bob"]).arguments
    ('Ann', 'Bob')
    """

    relation: str
    arguments: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "arguments", _checked(self.relation, self.arguments))


@dataclass(frozen=True, slots=True)
class ScoredTuple:
    """A system Open-IE tuple with the system's confidence in it.

    Examples
    --------
    >>> ScoredTuple("met", ("Ann", "Bob")).confidence
    1.0
    """

    relation: str
    arguments: tuple[str, ...] = ()
    confidence: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "arguments", _checked(self.relation, self.arguments))
        object.__setattr__(self, "confidence", float(self.confidence))


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """One point of the precision-recall curve: scores at ``confidence >= threshold``."""

    threshold: float
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class CarbScore:
    """CaRB result: the optimal-F1 point, the AUC, counts and the whole curve.

    ``curve`` is ordered by decreasing threshold (so by non-decreasing recall);
    ``threshold`` is the confidence of the optimal point (``None`` when the
    system has no tuple in a gold sentence).
    """

    precision: float
    recall: float
    f1: float
    auc: float
    n_gold: int
    n_system: int
    n_sentences: int
    n_ignored: int = 0
    threshold: float | None = None
    curve: tuple[CurvePoint, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, float | int]:
        """JSON-ready summary.

        Examples
        --------
        >>> sorted(CarbScore(0.5, 0.25, 1 / 3, 0.1, 4, 2, 1).to_dict())
        ['auc', 'f1', 'n_gold', 'n_sentences', 'n_system', 'precision', 'recall']
        """
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "auc": self.auc,
            "n_sentences": self.n_sentences,
            "n_gold": self.n_gold,
            "n_system": self.n_system,
        }


def sentence_key(sentence: str) -> str:
    """Key that joins gold and system sentences (spaces, punctuation, PTB escapes ignored).

    Examples
    --------
    >>> sentence_key("He said -LRB- loudly -RRB- : `` no . ''")
    'Hesaidloudlyno'
    >>> sentence_key("He said (loudly): no.") == sentence_key("He said -LRB- loudly -RRB- : `` no . ''")
    True
    """
    s = sentence.replace(" ", "")
    for escape, bracket in _PTB_ESCAPES:
        s = s.replace(escape, bracket)
    return _PUNCT.sub("", s)


def _overlap(gold: list[str], system: list[str]) -> tuple[int, Counter[str]]:
    """Multiset overlap of two token lists, and the unmatched system tokens."""
    left = Counter(system)
    matched = 0
    for tok in gold:
        if left[tok] > 0:
            left[tok] -= 1
            matched += 1
    return matched, left


def _two_args(args: Sequence[str]) -> tuple[str, ...]:
    """``(arg1, "arg2 arg3 ...")`` for two or more arguments, else unchanged."""
    return tuple(args) if len(args) < 2 else (args[0], " ".join(args[1:]))


def _lenient(g_rel: str, g_args: Sequence[str], s_rel: str, s_args: Sequence[str]) -> tuple[float, float]:
    g_toks, s_toks = g_rel.split(), s_rel.split()
    matched, left = _overlap(g_toks, s_toks)
    if left["be"] > 0 and any(form in g_toks for form in BE_FORMS):
        matched = min(matched + 1, len(g_toks))
    if matched == 0:
        return 0.0, 0.0
    p_num = r_num = matched
    p_den, r_den = len(s_toks), len(g_toks)
    for i, g_arg in enumerate(g_args):
        g_toks = g_arg.split()
        r_den += len(g_toks)
        if i >= len(s_args):
            if i < 2:
                return 0.0, 0.0
            continue
        s_toks = s_args[i].split()
        p_den += len(s_toks)
        m, _ = _overlap(g_toks, s_toks)
        p_num += m
        r_num += m
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def match_tuples(gold: CarbTuple, system: CarbTuple | ScoredTuple) -> tuple[float, float]:
    """Token-level (precision, recall) of ``system`` against ``gold`` (CaRB's tuple match).

    Examples
    --------
    >>> g = CarbTuple("was born in", ("Ann", "Rome"))
    >>> match_tuples(g, ScoredTuple("born in", ("Ann", "Rome city")))
    (0.8, 0.8)
    >>> match_tuples(g, ScoredTuple("lives", ("Ann", "Rome")))  # no relation token in common
    (0.0, 0.0)
    >>> match_tuples(g, ScoredTuple("was born in", ("Ann",)))  # second argument missing
    (0.0, 0.0)
    >>> match_tuples(CarbTuple("says", ("Bo", "it rains")), ScoredTuple("says", ("it rains", "Bo")))
    (1.0, 1.0)
    """
    g_args = _two_args(gold.arguments)
    best = _lenient(gold.relation, g_args, system.relation, _two_args(system.arguments))
    if any(marker in gold.relation for marker in SAID_MARKERS):
        args = system.arguments
        rev = (" ".join(args[1:]), args[0]) if len(args) >= 2 else tuple(args)
        best = max(best, _lenient(gold.relation, g_args, system.relation, rev))
    return best


def _greedy_precision(prec: list[list[float]], cols: list[int]) -> float:
    """Sum of precisions of a greedy one-to-one matching of gold rows to ``cols``."""
    pairs = sorted((-prec[i][j], i, j) for i in range(len(prec)) for j in cols)
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    total = 0.0
    for neg_p, i, j in pairs:
        if i not in used_rows and j not in used_cols:
            used_rows.add(i)
            used_cols.add(j)
            total -= neg_p
    return total


def _sentence_levels(
    gold: Sequence[CarbTuple], system: Sequence[ScoredTuple]
) -> list[tuple[float, float, int, float]]:
    """Per distinct confidence ``c`` (ascending): (c, precision sum, kept system tuples, recall sum)."""
    scores = [[match_tuples(g, s) for s in system] for g in gold]
    prec = [[p for p, _ in row] for row in scores]
    levels = []
    for conf in sorted({s.confidence for s in system}):
        cols = [j for j, s in enumerate(system) if s.confidence >= conf]
        recall = sum(max(row[j][1] for j in cols) for row in scores)
        levels.append((conf, _greedy_precision(prec, cols), len(cols), recall))
    return levels


def _group(
    items: Mapping[str, Iterable[object]], what: str, kind: type
) -> dict[str, list]:
    """Group tuples by :func:`sentence_key`, checking types and confidences."""
    grouped: dict[str, list] = {}
    for sentence, tuples in items.items():
        bucket = grouped.setdefault(sentence_key(sentence), [])
        for t in tuples:
            if not isinstance(t, kind):
                raise TypeError(f"{what} for sentence {sentence[:60]!r}: expected {kind.__name__}, got {t!r}")
            if kind is ScoredTuple and not math.isfinite(t.confidence):
                raise ValueError(
                    f"{what} for sentence {sentence[:60]!r}: confidence {t.confidence!r} is not finite"
                )
            bucket.append(t)
    return grouped


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score_carb(
    gold: Mapping[str, Sequence[CarbTuple]], predictions: Mapping[str, Sequence[ScoredTuple]]
) -> CarbScore:
    """Score system tuples against gold tuples with the CaRB metric (see module docstring).

    Parameters
    ----------
    gold
        Sentence -> gold tuples (for instance from :func:`read_carb_gold`).
    predictions
        Sentence -> system tuples; sentences are joined to the gold with
        :func:`sentence_key`, unknown sentences are ignored.

    Examples
    --------
    >>> gold = {"A b c d .": [CarbTuple("b", ("A", "c")), CarbTuple("d", ("A", "c"))]}
    >>> system = {"A b c d .": [ScoredTuple("b", ("A", "c"), 0.9), ScoredTuple("x", ("A", "c"), 0.5)]}
    >>> s = score_carb(gold, system)
    >>> (s.precision, s.recall, s.threshold, [(c.threshold, c.precision) for c in s.curve])
    (1.0, 0.5, 0.9, [(0.9, 1.0), (0.5, 0.5)])
    >>> score_carb(gold, {}).f1
    0.0
    """
    gold_by_key = _group(gold, "gold", CarbTuple)
    sys_by_key = _group(predictions, "prediction", ScoredTuple)
    n_gold = sum(len(v) for v in gold_by_key.values())
    n_ignored = sum(len(v) for k, v in sys_by_key.items() if k not in gold_by_key)
    per_sentence = [
        _sentence_levels(g, sys_by_key[k]) for k, g in gold_by_key.items() if sys_by_key.get(k)
    ]
    curve = _curve(per_sentence, n_gold)
    if not curve:
        return CarbScore(0.0, 0.0, 0.0, 0.0, n_gold, 0, len(gold_by_key), n_ignored)
    best = max(range(len(curve)), key=lambda i: (curve[i].f1, -i))
    points = [(0.0, 1.0)] + [(c.recall, c.precision) for c in reversed(curve)]
    auc = sum((r2 - r1) * (p1 + p2) / 2 for (r1, p1), (r2, p2) in zip(points, points[1:]))
    top = curve[best]
    return CarbScore(
        precision=top.precision,
        recall=top.recall,
        f1=top.f1,
        auc=auc,
        n_gold=n_gold,
        n_system=sum(len(sys_by_key.get(k, ())) for k in gold_by_key),
        n_sentences=len(gold_by_key),
        n_ignored=n_ignored,
        threshold=top.threshold,
        curve=tuple(reversed(curve)),
    )


def _curve(per_sentence: Sequence[Sequence[tuple[float, float, int, float]]], n_gold: int) -> list[CurvePoint]:
    """Precision, recall and F1 at every distinct confidence threshold, lowest first."""
    thresholds = sorted({level[0] for levels in per_sentence for level in levels})
    index = {t: i for i, t in enumerate(thresholds)}
    # Difference arrays: a sentence adds its stats at level l_k to every global
    # threshold t with l_(k-1) < t <= l_k (the tuples kept at t are those kept at l_k).
    size = len(thresholds) + 1
    p_num, n_sys, r_num = [0.0] * size, [0] * size, [0.0] * size
    for levels in per_sentence:
        start = 0
        for conf, p, n, r in levels:
            stop = index[conf] + 1
            for arr, val in ((p_num, p), (n_sys, n), (r_num, r)):
                arr[start] += val
                arr[stop] -= val
            start = stop
    curve: list[CurvePoint] = []
    acc_p = acc_r = 0.0
    acc_n = 0
    for i, t in enumerate(thresholds):
        acc_p, acc_n, acc_r = acc_p + p_num[i], acc_n + n_sys[i], acc_r + r_num[i]
        prec = acc_p / acc_n if acc_n else 1.0
        rec = acc_r / n_gold if n_gold else 0.0
        curve.append(CurvePoint(t, prec, rec, _f1(prec, rec)))
    return curve
