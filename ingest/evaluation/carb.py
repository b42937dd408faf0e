"""CaRB evaluation for geokg: gold/system file I/O and :func:`evaluate_carb`.

The metric itself (definition, records, :func:`score_carb`) lives in
:mod:`geokg.ingest.evaluation.carb_metric` and is re-exported here, so
``geokg.ingest.evaluation.carb`` is the one module to import.

File formats (CaRB's own): gold ``sentence \\t relation \\t arg1 [\\t arg2 ...]``;
system output ("tabbed") ``sentence \\t confidence \\t relation \\t arg1 ...``.

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> _ = write_tabbed({"Ann met Bob .": [ScoredTuple("met", ("Ann", "Bob"), 0.7)]}, buf)
>>> buf.getvalue().split("\\t")[:3]
['Ann met Bob .', '0.7', 'met']
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, TextIO

from geokg.ingest.evaluation.carb_metric import (
    BE_FORMS,
    SAID_MARKERS,
    CarbScore,
    CarbTuple,
    CurvePoint,
    ScoredTuple,
    match_tuples,
    score_carb,
    sentence_key,
)

__all__ = [
    "CarbTuple",
    "ScoredTuple",
    "CurvePoint",
    "CarbScore",
    "Extractor",
    "sentence_key",
    "match_tuples",
    "score_carb",
    "read_carb_gold",
    "read_carb_sentences",
    "read_tabbed",
    "write_tabbed",
    "evaluate_carb",
    "default_carb_dir",
    "BE_FORMS",
    "SAID_MARKERS",
    "GOLD_FILE",
    "SENTENCES_FILE",
]

GOLD_FILE = "dev_gold.tsv"
SENTENCES_FILE = "dev_sentences.txt"


def default_carb_dir() -> Path:
    """``<project root>/../shared/data/carb`` (the project root holds ``ingest/``).

    Examples
    --------
    >>> default_carb_dir().parts[-3:]
    ('shared', 'data', 'carb')
    """
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "carb"


def _resolve(path: str | Path, name: str, what: str) -> Path:
    p = Path(path)
    if p.is_dir():
        p = p / name
    if not p.is_file():
        raise FileNotFoundError(f"CaRB {what} not found: {p}")
    return p


def read_carb_gold(path: str | Path) -> dict[str, list[CarbTuple]]:
    """Read CaRB gold tuples (``sentence \\t relation \\t arg1 [\\t arg2 ...]``).

    Parameters
    ----------
    path
        The gold TSV, or a folder that contains ``dev_gold.tsv``.

    Returns
    -------
    dict
        Stripped sentence -> its gold tuples, in file order.  Fields are
        stripped; trailing empty arguments vanish with the line's whitespace.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "dev_gold.tsv").write_text("Ann met Bob . \\tmet\\tAnn\\tBob\\n")
    ...     read_carb_gold(d)
    {'Ann met Bob .': [CarbTuple(relation='met', arguments=('Ann', 'Bob'))]}
    """
    p = _resolve(path, GOLD_FILE, "gold file")
    gold: dict[str, list[CarbTuple]] = {}
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            if len(fields) < 2:
                raise ValueError(
                    f"{p}:{lineno}: expected 'sentence<TAB>relation<TAB>args...', got {line.strip()[:80]!r}"
                )
            sentence, relation, *args = (f.strip() for f in fields)
            gold.setdefault(sentence, []).append(CarbTuple(relation, tuple(args)))
    return gold


def read_carb_sentences(path: str | Path) -> list[str]:
    """Read one sentence per line (a file, or a folder holding ``dev_sentences.txt``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "s.txt").write_text("One .\\n\\n Two . \\n")
    ...     read_carb_sentences(Path(d) / "s.txt")
    ['One .', 'Two .']
    """
    p = _resolve(path, SENTENCES_FILE, "sentence file")
    return [line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_tabbed(path: str | Path) -> dict[str, list[ScoredTuple]]:
    """Read system output in CaRB's tabbed format (``sentence \\t conf \\t rel \\t args...``).

    Raises ``ValueError`` naming the file and line for a malformed line.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "out.tsv").write_text("Ann met Bob .\\t0.5\\tmet\\tAnn\\tBob\\n")
    ...     read_tabbed(Path(d) / "out.tsv")
    {'Ann met Bob .': [ScoredTuple(relation='met', arguments=('Ann', 'Bob'), confidence=0.5)]}
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"tabbed system output not found: {p}")
    out: dict[str, list[ScoredTuple]] = {}
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            fields = line.strip().split("\t")
            try:
                if len(fields) < 3:
                    raise ValueError("fewer than 3 fields")
                conf = float(fields[1])
                if not math.isfinite(conf):
                    raise ValueError("confidence is not finite")
            except ValueError as exc:
                raise ValueError(f"{p}:{lineno}: bad tabbed line ({exc}): {line.strip()[:80]!r}") from None
            out.setdefault(fields[0], []).append(ScoredTuple(fields[2], tuple(fields[3:]), conf))
    return out


def write_tabbed(predictions: Mapping[str, Iterable[ScoredTuple]], file: str | Path | TextIO) -> int:
    """Write system tuples in CaRB's tabbed format; return the number of lines.

    Raises ``ValueError`` (naming the sentence) when a field holds a tab or a newline.

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> write_tabbed({"Ann met Bob .": [ScoredTuple("met", ("Ann", "Bob"), 0.5)]}, buf)
    1
    >>> buf.getvalue()
    'Ann met Bob .\\t0.5\\tmet\\tAnn\\tBob\\n'
    """
    lines = []
    for sentence, tuples in predictions.items():
        for t in tuples:
            fields = (sentence, repr(float(t.confidence)), t.relation, *t.arguments)
            if any("\t" in f or "\n" in f or "\r" in f for f in fields):
                raise ValueError(f"tuple {t!r} of sentence {sentence[:60]!r}: a field holds a tab or newline")
            lines.append("\t".join(fields) + "\n")
    if isinstance(file, (str, Path)):
        Path(file).write_text("".join(lines), encoding="utf-8")
    else:
        file.write("".join(lines))
    return len(lines)


Extractor = Callable[[list[str]], Iterable[Sequence[ScoredTuple]]]


def evaluate_carb(
    extractor: Extractor,
    gold_path: str | Path | None = None,
    out: str | Path | TextIO | None = None,
) -> CarbScore:
    """Run ``extractor`` on the CaRB sentences and score its tuples.

    Parameters
    ----------
    extractor
        Maps a batch (list) of sentences to one list of tuples per sentence, in order.
    gold_path
        Gold folder (with ``dev_gold.tsv`` and, optionally, ``dev_sentences.txt``)
        or the gold TSV; default :func:`default_carb_dir`.  The input sentences
        are ``dev_sentences.txt`` when the folder has it, else the gold sentences.
    out
        Where to also write the predictions in tabbed format (re-scorable by CaRB).

    Examples
    --------
    >>> import tempfile
    >>> def echo(sentences):  # a toy extractor: (first word; second word; third word)
    ...     return [[ScoredTuple(s.split()[1], (s.split()[0], s.split()[2]))] for s in sentences]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "dev_gold.tsv").write_text("Ann met Bob .\\tmet\\tAnn\\tBob\\n")
    ...     evaluate_carb(echo, d).to_dict()["f1"]
    1.0
    """
    folder = Path(gold_path) if gold_path is not None else default_carb_dir()
    gold = read_carb_gold(folder)
    if folder.is_dir() and (folder / SENTENCES_FILE).is_file():
        sentences = read_carb_sentences(folder)
    else:
        sentences = list(gold)
    results = [list(tuples) for tuples in extractor(sentences)]
    if len(results) != len(sentences):
        raise ValueError(f"extractor returned {len(results)} results for {len(sentences)} sentences")
    predictions: dict[str, list[ScoredTuple]] = {}
    for sentence, tuples in zip(sentences, results):
        predictions.setdefault(sentence, []).extend(tuples)
    if out is not None:
        write_tabbed(predictions, out)
    return score_carb(gold, predictions)

