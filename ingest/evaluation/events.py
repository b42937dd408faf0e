"""Event-coding evaluation on PLOVER and PETRARCH gold records.

Reads JSONL gold records (a file, or every ``*.jsonl`` in a folder) and
recognises their format from the records themselves:

* **PLOVER** gold-standard records (``event`` = a PLOVER category such as AGREE,
  DEMAND; ``source`` / ``target`` = lists of ``{actorText, code, sector}``); the
  categories are the older PLOVER names, so predictions are compared through
  :attr:`geokg.ingest.coding.cameo.CameoCode.plover_legacy`.  A record whose markup
  says ``SRC/TAR`` (a reciprocal event) has its sources as targets too.
* **PETRARCH** validation records (``events`` = ``[{source, target,
  eventcode}]``, ``noevents``); compared on the CAMEO root (first two digits)
  and the first three letters of the actor codes.  For PETRARCH records the
  ``dictionaries/PETR.Validate.*.txt`` files next to the data (if any) are
  loaded as extra gazetteers at evaluation time.

Each sentence is run through the real pipeline (spaCy -> :func:`geokg.ingest.extract.extract`
-> :class:`geokg.ingest.coding.EventCoder`).  Per record, predicted events are
reduced to distinct (category, source code, target code) triples (actor codes
from :func:`geokg.ingest.actors.actor_code`) and matched one-to-one with the
gold events:

* ``f1_category_dyad``: a match needs the same category, every predicted source
  code among the gold sources and every predicted target code among the gold
  targets (no predicted target only when gold has none, likewise for sources);
* ``f1_category``: the same category only;
* ``source_accuracy`` / ``target_accuracy``: over the category matches, the
  share whose source / target agrees;
* ``confusion``: gold category -> predicted category counts ("NONE" = missed or
  spurious).

Examples
--------
>>> rec = {"id": "x", "text": "Iran threatened Iraq.", "event": "THREATEN",
...        "source": [{"code": "IRN"}], "target": [{"code": "IRQ"}]}
>>> g = gold_record(rec, "plover")
>>> g.events[0].category, sorted(g.events[0].sources), sorted(g.events[0].targets)
('THREATEN', ['IRN'], ['IRQ'])
>>> s = score_records([g], {"x": [("THREATEN", frozenset({"IRN"}), frozenset())]}, "demo")
>>> s.tp_category, s.tp_category_dyad, s.source_accuracy, s.target_accuracy
(1, 0, 1.0, 0.0)
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "EventScore",
    "GoldEvent",
    "GoldRecord",
    "default_event_paths",
    "detect_format",
    "evaluate_events",
    "format_report",
    "gold_record",
    "code_records",
    "main",
    "parse_records",
    "predict_records",
    "read_gold",
    "score_records",
    "set_coder",
]

#: A predicted event: category, source codes, target codes (one per relation, so
#: conjoined actors -- "the US and Jordan agreed" -- make one compound event as in PLOVER).
Unit = tuple[str, frozenset, frozenset]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: category and the allowed source and target codes."""

    category: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence with its events."""

    id: str
    kind: str  # "plover" | "petrarch"
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    origin: str = ""


@dataclass
class EventScore:
    """Scores of one gold set (see the module doc for the definitions)."""

    name: str
    records: int = 0
    gold: int = 0
    predicted: int = 0
    tp_category_dyad: int = 0
    tp_category: int = 0
    source_correct: int = 0
    target_correct: int = 0
    matched: int = 0
    confusion: Counter = field(default_factory=Counter)
    gold_by_category: Counter = field(default_factory=Counter)
    pred_by_category: Counter = field(default_factory=Counter)
    tp_by_category: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @staticmethod
    def _f1(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def f1_category_dyad(self) -> float:
        return self._f1(self.tp_category_dyad, self.predicted, self.gold)[2]

    @property
    def f1_category(self) -> float:
        return self._f1(self.tp_category, self.predicted, self.gold)[2]

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.matched if self.matched else 0.0

    @property
    def target_accuracy(self) -> float:
        return self.target_correct / self.matched if self.matched else 0.0

    def per_category(self) -> dict[str, dict[str, float]]:
        """Category-only precision, recall and F1 per category."""
        out = {}
        for cat in sorted(set(self.gold_by_category) | set(self.pred_by_category)):
            p, r, f = self._f1(self.tp_by_category[cat], self.pred_by_category[cat], self.gold_by_category[cat])
            out[cat] = {"gold": self.gold_by_category[cat], "predicted": self.pred_by_category[cat],
                        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        return out

    def to_dict(self) -> dict:
        """Plain-data summary (JSON-serialisable)."""
        pd, rd, fd = self._f1(self.tp_category_dyad, self.predicted, self.gold)
        pc, rc, fc = self._f1(self.tp_category, self.predicted, self.gold)
        confusion: dict[str, dict[str, int]] = {}
        for (g, p), n in sorted(self.confusion.items()):
            confusion.setdefault(g, {})[p] = n
        return {
            "name": self.name,
            "records": self.records,
            "gold_events": self.gold,
            "predicted_events": self.predicted,
            "tp_category_dyad": self.tp_category_dyad,
            "tp_category": self.tp_category,
            "precision_category_dyad": round(pd, 4),
            "recall_category_dyad": round(rd, 4),
            "f1_category_dyad": round(fd, 4),
            "precision_category": round(pc, 4),
            "recall_category": round(rc, 4),
            "f1_category": round(fc, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "target_accuracy": round(self.target_accuracy, 4),
            "matched": self.matched,
            "per_category": self.per_category(),
            "confusion": confusion,
            "errors": list(self.errors),
            "seconds": round(self.seconds, 2),
        }


def default_event_paths() -> list[Path]:
    """The gold files in ``../shared/data`` (PLOVER, PETRARCH GSR, unit tests); see :func:`shared_data_dir`."""
    from geokg.ingest.evaluation.systems import shared_data_dir

    base = shared_data_dir()
    return [base / "plover-gsr" / "dev.jsonl", base / "petrarch-validation" / "dev.gsr.jsonl",
            base / "petrarch-validation" / "dev.unittest.jsonl"]


def detect_format(record: Mapping) -> str | None:
    """``"plover"``, ``"petrarch"`` or None, from a record's fields."""
    if isinstance(record.get("events"), list) and "text" in record:
        return "petrarch"
    if isinstance(record.get("event"), str) and "text" in record:
        return "plover"
    return None


def _legacy_codes() -> dict[str, str]:
    """Legacy CAMEO country codes (JAP, ITL, VTN ...) -> ISO alpha-3 (``coding/cameo_legacy_codes.tsv``)."""
    global _LEGACY
    if _LEGACY is None:
        from geokg.ingest.coding.lexicon import read_rows

        _LEGACY = {old.upper(): new.upper() for _, (old, new) in read_rows("coding/cameo_legacy_codes.tsv", None, 2)}
    return _LEGACY


_LEGACY: dict[str, str] | None = None


def _codes(value) -> frozenset[str]:
    """The first three letters of each actor code, legacy country codes mapped to ISO ("JAP" -> "JPN")."""
    if not isinstance(value, list):
        return frozenset()
    out = set()
    for a in value:
        code = a.get("code") if isinstance(a, dict) else a if isinstance(a, str) else None
        if code and code.strip():
            c = code.strip()[:3].upper()
            out.add(_legacy_codes().get(c, c))
    return frozenset(out)


def _date(value) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%y%m%d"):  # PETRARCH also writes YYMMDD ("121108")
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def gold_record(rec: Mapping, kind: str, origin: str = "") -> GoldRecord:
    """A :class:`GoldRecord` from one JSON record of the given format."""
    rid = str(rec.get("id", ""))
    text = str(rec.get("text") or rec.get("text_from_parse") or "").strip()
    if kind == "plover":
        sources = _codes(rec.get("source"))
        targets = _codes(rec.get("target"))
        markup = rec.get("textInfo", {}).get("markup", "") if isinstance(rec.get("textInfo"), dict) else ""
        if "SRC/TAR" in markup:
            targets = targets | sources
        events = (GoldEvent(str(rec["event"]).strip().upper(), sources, targets),)
    elif kind == "petrarch":
        events = tuple(
            GoldEvent(str(e.get("eventcode", ""))[:2], _codes([e.get("source")]), _codes([e.get("target")]))
            for e in rec.get("events", []) if isinstance(e, dict) and e.get("eventcode")
        )
    else:
        raise ValueError(f"{origin or rid}: unknown gold format {kind!r}")
    return GoldRecord(rid, kind, text, _date(rec.get("date")), events, origin)


#: PETRARCH record errors that test PETRARCH's reader of Treebank parses, which geokg does not use
_PARSE_INPUT_ERRORS = frozenset({"bad_input_parse"})
_INCLUDE = re.compile(r"<Include>\s*(.*?)\s*</Include>", re.S)


def _included_categories(f: Path) -> frozenset[str] | None:
    """The categories a PETRARCH validation file includes: the ``<Include>`` line of the
    XML file next to the JSONL one (``dev.unittest.xml``), or None (all) without one.

    Upstream, PETRARCH runs only these categories of its unit-test records (AGENTS and
    COMPOUNDx are left out); the evaluation does the same."""
    xml = f.with_suffix(".xml")
    if not xml.is_file():
        return None
    with xml.open(encoding="utf-8", errors="replace") as fh:
        m = _INCLUDE.search(fh.read(4096))
    return frozenset(m.group(1).split()) if m else None


def _petrarch_included(rec: Mapping, included: frozenset[str] | None) -> bool:
    """Whether a PETRARCH record is scored: its category is included, and it does not test
    the Treebank-parse reader (error ``bad_input_parse``: geokg parses the text itself)."""
    if str(rec.get("error") or "") in _PARSE_INPUT_ERRORS:
        return False
    category = rec.get("category")
    return included is None or not category or str(category) in included


def read_gold(path: str | Path) -> dict[str, list[GoldRecord]]:
    """Gold records of a file or folder, grouped by set name (``kind:file stem``).

    Lines that are not JSON, or records of no known format, are skipped with a
    message on stderr that names the file and line.  PETRARCH records of categories the
    file's ``<Include>`` leaves out, or testing its parse reader, are not scored
    (:func:`_petrarch_included`).
    """
    p = Path(path)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    if not files or not all(f.is_file() for f in files):
        raise FileNotFoundError(f"no gold JSONL records at {p}")
    sets: dict[str, list[GoldRecord]] = {}
    for f in files:
        included = _included_categories(f)
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{f}:{n}: not JSON ({exc}); skipped", file=sys.stderr)
                continue
            kind = detect_format(rec) if isinstance(rec, dict) else None
            if kind is None:
                print(f"{f}:{n}: not a PLOVER or PETRARCH record; skipped", file=sys.stderr)
                continue
            if kind == "plover" and str(rec.get("event", "")).upper() == "DOCUMENT":
                continue
            if kind == "petrarch" and not _petrarch_included(rec, included):
                continue
            g = gold_record(rec, kind, f"{f}:{n}")
            if not g.text:
                print(f"{f}:{n}: record {g.id!r} has no text; skipped", file=sys.stderr)
                continue
            sets.setdefault(_set_name(kind, f), []).append(g)
    return sets


def _set_name(kind: str, f: Path) -> str:
    stem = f.name.removesuffix(".jsonl")
    if kind == "plover":
        return "plover" if stem == "dev" else f"plover:{stem}"
    if stem.endswith("gsr"):
        return "petrarch-gsr"
    if stem.endswith("unittest"):
        return "petrarch-unittest"
    return f"petrarch:{stem}"


def parse_records(records: Sequence[GoldRecord], nlp) -> dict[str, tuple]:
    """Record id -> (article, Doc, extractions): the parse of each record's sentence (made once,
    coded as often as needed by :func:`code_records`)."""
    from geokg.ingest.extract import extract
    from geokg.ingest.records import Article

    out: dict[str, tuple] = {}
    for g in records:
        article = Article.create(title="", text=g.text, published=g.date, origin=g.origin or g.id)
        doc = nlp(article.content)
        out[g.id] = (article, doc, list(extract(doc, article_id=article.id)))
    return out


def code_records(records: Sequence[GoldRecord], parsed: Mapping[str, tuple], coder,
                 coder_for=None) -> dict[str, list[Unit]]:
    """Distinct predicted triples per record from parsed records (:func:`parse_records`).

    ``coder_for``: optional ``record -> coder`` (a coder per record, e.g. per fold); else ``coder``.
    """
    from geokg.ingest.actors import actor_code

    out: dict[str, list[Unit]] = {}
    for g in records:
        c = coder_for(g) if coder_for is not None else coder
        article, doc, extractions = parsed[g.id]
        events, _, _ = c.code_article(doc, article, extractions)
        groups: dict[tuple, tuple[set, set]] = {}
        for ev in events:
            if not ev.cameo:
                continue
            cat = c.table.legacy_name(ev.cameo, ev.plover) if g.kind == "plover" else ev.cameo[:2]
            if not cat:
                continue
            key = (ev.extraction.sentence, ev.extraction.rel_start, ev.extraction.rel_end, cat)
            if g.kind == "petrarch":  # PETRARCH codes every dyad as its own event
                key = key + (ev.source.id if ev.source else "", ev.target.id if ev.target else "")
            srcs, tgts = groups.setdefault(key, (set(), set()))
            for a, bucket in ((ev.source, srcs), (ev.target, tgts)):
                code = actor_code(a)
                if code:  # normalised as the gold codes are ("GMW" -> "DEU")
                    bucket.add(_legacy_codes().get(code, code))
        units: list[Unit] = []
        for key, (srcs, tgts) in groups.items():
            u = (key[3], frozenset(srcs), frozenset(tgts))
            if u not in units:
                units.append(u)
        out[g.id] = units
    return out


def predict_records(records: Sequence[GoldRecord], nlp, coder) -> dict[str, list[Unit]]:
    """Run the pipeline on each record's sentence; distinct predicted triples per record."""
    return code_records(records, parse_records(records, nlp), coder)


def _agrees(codes: frozenset[str], allowed: frozenset[str]) -> bool:
    """Every predicted code is allowed, and no codes are predicted only when none are expected."""
    return codes <= allowed if codes else not allowed


def score_records(records: Sequence[GoldRecord], predicted: Mapping[str, Sequence[Unit]], name: str) -> EventScore:
    """Score predictions (record id -> triples) against gold records."""
    s = EventScore(name)
    for g in records:
        s.records += 1
        preds = list(predicted.get(g.id, []))
        s.gold += len(g.events)
        s.predicted += len(preds)
        for ev in g.events:
            s.gold_by_category[ev.category] += 1
        for cat, _, _ in preds:
            s.pred_by_category[cat] += 1
        # category + dyad matches
        free = list(range(len(preds)))
        for ev in g.events:
            for i in free:
                cat, src, tgt = preds[i]
                if cat == ev.category and _agrees(src, ev.sources) and _agrees(tgt, ev.targets):
                    s.tp_category_dyad += 1
                    free.remove(i)
                    break
        # category matches, preferring pairs that agree most
        free = list(range(len(preds)))
        unmatched_gold = []
        for ev in g.events:
            best, best_score = None, -1
            for i in free:
                cat, src, tgt = preds[i]
                if cat != ev.category:
                    continue
                score = _agrees(src, ev.sources) * 2 + _agrees(tgt, ev.targets)
                if score > best_score:
                    best, best_score = i, score
            if best is None:
                unmatched_gold.append(ev)
                continue
            free.remove(best)
            _, src, tgt = preds[best]
            s.tp_category += 1
            s.tp_by_category[ev.category] += 1
            s.matched += 1
            s.source_correct += _agrees(src, ev.sources)
            s.target_correct += _agrees(tgt, ev.targets)
            s.confusion[(ev.category, ev.category)] += 1
        for ev in unmatched_gold:
            other = preds[free.pop(0)][0] if free else "NONE"
            s.confusion[(ev.category, other)] += 1
        for i in free:
            s.confusion[("NONE", preds[i][0])] += 1
    return s


def _gold_paths(path) -> list[Path]:
    if path is None:
        paths = [p for p in default_event_paths() if p.is_file()]
        if not paths:
            raise FileNotFoundError(f"no gold records found at {default_event_paths()[0].parent.parent}")
        return paths
    if isinstance(path, (str, Path)):
        return [Path(path)]
    return [Path(p) for p in path]


def set_coder(records: Sequence[GoldRecord], default_coder):
    """The coder of a gold set: PETRARCH records load the ``dictionaries/PETR*.txt`` next to them."""
    if records and records[0].kind == "petrarch":
        dicts = sorted((Path(records[0].origin.rsplit(":", 1)[0]).parent / "dictionaries").glob("PETR*.txt"))
        if dicts:
            return default_coder.with_gazetteers(dicts)  # the same lexicon, discards and user dictionaries
    return default_coder


def gold_sets(path: str | Path | Iterable[str | Path] | None = None, *, model: str | None = None,
              nlp=None, limit: int | None = None, dictionaries: Sequence[str | Path] = (),
              coder_options: Mapping | None = None) -> tuple[Any, dict[str, list[GoldRecord]], dict[str, Any]]:
    """(spaCy pipeline, gold records by set, coder by set): what an evaluation reads.

    Arguments as for :func:`evaluate_events`; :func:`geokg.ingest.evaluation.folds.evaluate_out_of_fold`
    reads the same.
    """
    from geokg.ingest.dictionaries.coder import build_coder

    paths = _gold_paths(path)
    if nlp is None:
        from geokg.ingest.pipeline import load_pipeline

        nlp = load_pipeline(model)
    default_coder = build_coder(dictionaries, **(coder_options or {}))
    sets: dict[str, list[GoldRecord]] = {}
    for p in paths:
        for name, records in read_gold(p).items():
            sets[name] = records[:limit] if limit else records
    coders = {name: set_coder(records, default_coder) for name, records in sets.items()}
    return nlp, sets, coders


def evaluate_events(path: str | Path | Iterable[str | Path] | None = None, *, model: str | None = None,
                    nlp=None, limit: int | None = None, dictionaries: Sequence[str | Path] = (),
                    coder_options: Mapping | None = None) -> dict[str, EventScore]:
    """Evaluate event coding on gold records; one :class:`EventScore` per set.

    ``path``: a JSONL file or a folder of them (default: :func:`default_event_paths`).
    ``model``: the spaCy pipeline (default: the project's setting).  ``limit``:
    score only the first records of each set (for quick checks).  ``dictionaries``
    and ``coder_options`` go to :func:`geokg.ingest.dictionaries.coder.build_coder`.
    Out-of-fold scores: :func:`geokg.ingest.evaluation.folds.evaluate_out_of_fold`.
    """
    nlp, sets, coders = gold_sets(path, model=model, nlp=nlp, limit=limit, dictionaries=dictionaries,
                                  coder_options=coder_options)
    scores: dict[str, EventScore] = {}
    for name, records in sets.items():
        t0 = time.perf_counter()
        predicted = predict_records(records, nlp, coders[name])
        score = score_records(records, predicted, name)
        score.seconds = time.perf_counter() - t0
        scores[name] = score
    return scores


def format_report(scores: Mapping[str, EventScore]) -> str:
    """A readable report: per set, the scores, per-category F1 and the confusion table."""
    lines: list[str] = []
    for name, s in scores.items():
        d = s.to_dict()
        lines.append(f"== {name}: {d['records']} records, {d['gold_events']} gold, "
                     f"{d['predicted_events']} predicted, {d['seconds']}s")
        lines.append(f"   category+dyad P/R/F1 {d['precision_category_dyad']:.3f} {d['recall_category_dyad']:.3f} "
                     f"{d['f1_category_dyad']:.3f}")
        lines.append(f"   category      P/R/F1 {d['precision_category']:.3f} {d['recall_category']:.3f} "
                     f"{d['f1_category']:.3f}")
        lines.append(f"   source accuracy {d['source_accuracy']:.3f}  target accuracy {d['target_accuracy']:.3f} "
                     f"(over {d['matched']} category matches)")
        worst = sorted(d["per_category"].items(), key=lambda kv: (kv[1]["f1"], -kv[1]["gold"]))
        lines.append("   per category (F1/gold/predicted), weakest first: " + ", ".join(
            f"{c} {v['f1']:.2f}/{v['gold']}/{v['predicted']}" for c, v in worst))
        confusion = d.get("confusion") or {}
        if confusion:
            predicted = sorted({p for row in confusion.values() for p in row})
            width = max([len(c) for c in predicted + list(confusion)] + [5])
            lines.append("   confusion (rows gold, columns predicted):")
            lines.append("   " + " " * width + " " + " ".join(f"{p[:width]:>{width}}" for p in predicted))
            for g in sorted(confusion):
                lines.append("   " + f"{g:<{width}} " + " ".join(
                    f"{confusion[g].get(p, 0) or '.':>{width}}" for p in predicted))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geokg.ingest.evaluation.events [PATH ...] [--json]``."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    paths = [a for a in args if a != "--json"]
    scores = evaluate_events(paths or None)
    if as_json:
        print(json.dumps({k: v.to_dict() for k, v in scores.items()}, indent=2))
    else:
        print(format_report(scores))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
