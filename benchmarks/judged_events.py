"""A judged sample of events from real news: AG News world items, 50 events drawn at random.

Usage::

    python benchmarks/judged_events.py                  # codes the items, prints the sample (~1-2 min)
    python benchmarks/judged_events.py --write          # also rewrites the event table of JUDGED.md,
                                                        # keeping the judgments already written there
    python benchmarks/judged_events.py --dump FILE      # every event as TSV (for error analysis; prints
                                                        # no sample, so no judgments are seen with it)
    python benchmarks/judged_events.py --seed 101 --out benchmarks/judged-dev-seed101.md --write
                                                        # a development sample: another seed, its own file
    python benchmarks/judged_events.py --events FILE    # draw from a TSV written by --dump (no coding)

The items are ``../shared/data/news/ag_news_world_test.csv`` (title + description, read
by geokg's CSV reader, coded by :class:`geokg.ingest.pipeline.Pipeline`).  The sample is
drawn by a seeded hash of each event (:func:`draw`), so the same code and data give the same
sample and a code change only swaps the events it changes.  ``benchmarks/JUDGED.md`` lists each sampled event by the
item's ``row`` (the upstream row number), the sentence number within the item, source,
relation lemma, target and CAMEO code -- never the third-party text -- with a hand
judgment (source / target / type right: ``y`` or ``n``) and the share all right.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

SEED = 17
SAMPLE = 50
HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "news" / "ag_news_world_test.csv"
JUDGED = HERE / "JUDGED.md"


def _rows(path: Path) -> list[str]:
    """The upstream ``row`` column, in file order (the reader numbers data rows from 1)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [r["row"] for r in csv.DictReader(fh)]


def coded_events(path: Path = DATA, limit: int | None = None) -> list[dict]:
    """Every event of the items: row, sentence, source, lemma, target, CAMEO, in item order."""
    from geokg.ingest.pipeline import Pipeline
    from geokg.ingest.readers import read_csv
    from geokg.ingest.records import Article

    rows = _rows(path)
    articles = [a for a in read_csv(str(path)) if isinstance(a, Article)][:limit]
    out = []
    for result in Pipeline.create().process(articles):
        n = int(result.article.origin.rsplit("#row", 1)[1])
        for ev in result.events:
            ex = ev.extraction
            out.append({"row": rows[n - 1], "sentence": ex.sentence,
                        "source": ev.source.id if ev.source else "-", "lemma": ex.lemma,
                        "target": ev.target.id if ev.target else "-", "cameo": ev.cameo or "-",
                        "text": result.article.content[ex.sent_start:ex.sent_end]})
    return out


def draw(events: list[dict], k: int = SAMPLE, seed: int = SEED) -> list[dict]:
    """``k`` events drawn at random without replacement, in the order drawn.

    Each event gets a pseudo-random rank from a hash of the seed and its key (row, sentence,
    source, relation, target, code); the ``k`` lowest ranks are drawn.  Unlike sampling by
    position, a change that adds or drops some events leaves the draw of the others alone,
    so judgments carry over between runs.
    """
    def rank(ev: dict) -> str:
        key = "|".join(str(ev[f]) for f in ("row", "sentence", "source", "lemma", "target", "cameo"))
        return hashlib.sha256(f"{seed}|{key}".encode("utf-8")).hexdigest()

    return sorted(events, key=rank)[:k]


_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*(\S+)\s*\|\s*(.+?)\s*\|\s*(\S+)\s*\|\s*(\S+)\s*\|"
                  r"\s*([yn?])\s*\|\s*([yn?])\s*\|\s*([yn?])\s*\|\s*(.*?)\s*\|$")


def _old_judgments(path: Path = JUDGED) -> dict[tuple, tuple]:
    """(row, sentence, source, lemma, target, cameo) -> (src, tgt, type, note) from ``path``."""
    out = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _ROW.match(line)
            if m:
                out[m.groups()[1:7]] = m.groups()[7:]
    return out


def table(sample: list[dict], path: Path = JUDGED) -> list[str]:
    """The Markdown rows of the sample, with any judgment already written in ``path`` for the same event."""
    old = _old_judgments(path)
    lines = ["| # | row | sent | source | relation | target | CAMEO | src | tgt | type | note |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for i, ev in enumerate(sample, 1):
        key = (ev["row"], str(ev["sentence"]), ev["source"], ev["lemma"], ev["target"], ev["cameo"])
        s, t, c, note = old.get(key, ("?", "?", "?", ""))
        lines.append(f"| {i} | {ev['row']} | {ev['sentence']} | {ev['source']} | {ev['lemma']} | {ev['target']} "
                     f"| {ev['cameo']} | {s} | {t} | {c} | {note} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the table in benchmarks/JUDGED.md")
    ap.add_argument("--dump", type=Path, help="write every coded event as TSV (local analysis only)")
    ap.add_argument("--limit", type=int, help="code only the first items")
    ap.add_argument("--seed", type=int, default=SEED, help=f"seed of the draw (default {SEED}: the official sample)")
    ap.add_argument("--out", type=Path, default=JUDGED,
                    help="the judged file to read judgments from and (with --write) rewrite")
    ap.add_argument("--events", type=Path, help="draw from a TSV written by --dump instead of coding the items")
    args = ap.parse_args(argv)
    if args.events is None and not DATA.is_file():
        print(f"no AG News items at {DATA}", file=sys.stderr)
        return 2
    events = read_dump(args.events) if args.events else coded_events(limit=args.limit)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for ev in events:
                fh.write("\t".join(str(ev[k]).replace("\t", " ").replace("\n", " ") for k in _FIELDS) + "\n")
        if not args.write and args.events is None:
            # a dump is for error analysis: do not show the official sample's judgments with it
            print(f"{len(events)} events written to {args.dump}")
            return 0
    sample = draw(events, seed=args.seed)
    rows = table(sample, args.out)
    print(f"{len(events)} events coded; sample of {len(sample)} (seed {args.seed})")
    print("\n".join(rows))
    judged = [m.groups()[7:10] for m in map(_ROW.match, rows) if m]
    right = [sum(j[i] == "y" for j in judged) for i in range(3)]
    ok = sum(j == ("y", "y", "y") for j in judged)
    summary = (f"**All right (source, target and type): {ok} of {len(sample)} = {ok / max(len(sample), 1):.0%}** "
               f"(target 60%; about 25% before issue #17).  Source right {right[0]}/{len(sample)}, target right "
               f"{right[1]}/{len(sample)}, type right {right[2]}/{len(sample)}.  {len(events)} events were coded "
               f"from the 1,900 items.")
    unjudged = sum("?" in j for j in judged)
    print(summary + (f"  ({unjudged} events not judged yet)" if unjudged else ""))
    if args.write:
        out: Path = args.out
        text = out.read_text(encoding="utf-8") if out.is_file() else "<!-- table -->\n<!-- /table -->\n"
        text = _replace_block(text, "table", "\n".join(rows))
        out.write_text(_replace_block(text, "summary", summary), encoding="utf-8")
    return 0


_FIELDS = ("row", "sentence", "source", "lemma", "target", "cameo", "text")


def read_dump(path: Path) -> list[dict]:
    """The events of a TSV written by ``--dump`` (the fields of :func:`coded_events`)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            ev = dict(zip(_FIELDS, line.rstrip("\n").split("\t")))
            ev["sentence"] = int(ev["sentence"])
            out.append(ev)
    return out


def _replace_block(text: str, name: str, body: str) -> str:
    """``text`` with the lines between ``<!-- name -->`` and ``<!-- /name -->`` replaced by ``body``."""
    head, found, rest = text.partition(f"<!-- {name} -->\n")
    if not found:
        return text + f"\n<!-- {name} -->\n{body}\n<!-- /{name} -->\n"
    _, _, tail = rest.partition(f"<!-- /{name} -->\n")
    return head + f"<!-- {name} -->\n{body}\n<!-- /{name} -->\n" + tail


if __name__ == "__main__":
    raise SystemExit(main())
