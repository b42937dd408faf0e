"""Out-of-fold scoring with geokg's own actor entries held out too.

The verb rows of ``coding/verbs.tsv`` are not the only data grown against the dev gold
records: so were entries of geokg's gazetteer of organisations (``actors/orgs.jsonl``),
people (``actors/people.jsonl``) and role words (``actors/roles.tsv``).
:mod:`geokg.ingest.evaluation.folds` holds out the verb rows; this module holds out
these entries as well, the same way:

* **Entry evidence.** The evidence of an entry is the set of dev records whose text names
  it (:func:`entry_evidence`): an organisation's or a person's name or alias as the
  gazetteer matches it (a single word as written, a longer name in any case), a role word
  in any case among the record's words in the singular (as the gazetteer reads role words).  Naming is wider than coding (a record may name a role
  word that codes no actor of its events), so an entry named in two folds' records
  stays even where it codes in one only: the figure errs on the generous side.
* **Vetted entries are held out too.** Many entries restate a vetted dictionary geokg ships
  (:func:`vetted_entries`: a role word the Phoenix agents list with the same sector,
  "judge" JUD; an organisation or a person the Phoenix actors name), but which of the
  Phoenix agents geokg took in was chosen on dev records (all of them code worse), so they
  are held out like the others; the report counts them.
* **Held out.** Fold ``k`` is coded by a coder built from a copy of the package data
  without the entries whose evidence lies entirely inside fold ``k``
  (:func:`held_out_entries`, :func:`data_without`), and without the verb rows held out
  of fold ``k`` (:attr:`FoldReport.held_out <geokg.ingest.evaluation.folds.FoldReport>`).

The actor gazetteers PETRARCH-2 and Phoenix ship (27,000 dated actors, the agents) are
vetted resources, not dev-grown: they stay.

Examples
--------
>>> texts = {"plover:1": "Hamas fighters fired rockets.", "plover:2": "The HAMAS charter", "gsr:3": "Rebels fled."}
>>> ev = entry_evidence(texts, entries=[("actors/orgs.jsonl", 7, ("Hamas",), ("Islamic Resistance Movement",)),
...                                     ("actors/roles.tsv", 9, (), ("rebel",))])
>>> sorted(ev[("actors/orgs.jsonl", 7)]), sorted(ev[("actors/roles.tsv", 9)])
(['plover:1'], ['gsr:3'])
>>> held_out_entries(ev, {"plover:1": 0, "plover:2": 1, "gsr:3": 1}, 1)
frozenset({('actors/roles.tsv', 9)})
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from geokg.ingest.resources import data_path, data_text

__all__ = ["ENTRY_FILES", "data_without", "entry_evidence", "evaluate_actor_folds", "held_out_entries",
           "read_entries", "vetted_entries"]

#: The dev-grown actor data files whose entries are held out (one entry a line).
ENTRY_FILES = ("actors/orgs.jsonl", "actors/people.jsonl", "actors/roles.tsv")

#: (file, line, names matched as written, names matched in any case)
Entry = tuple[str, int, tuple[str, ...], tuple[str, ...]]


def _entry_rows(data_dir: str | Path | None = None) -> Iterator[tuple[str, int, dict | list[str]]]:
    """(file, line, the JSON object or the tab-separated cells) of each entry of :data:`ENTRY_FILES`."""
    for name in ENTRY_FILES:
        for n, line in enumerate(data_text(name, data_dir).splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield name, n, (json.loads(line) if name.endswith(".jsonl") else [c.strip() for c in line.split("\t")])


def read_entries(data_dir: str | Path | None = None) -> list[Entry]:
    """The entries of :data:`ENTRY_FILES` with the names that name them."""
    out: list[Entry] = []
    for name, n, row in _entry_rows(data_dir):
        if isinstance(row, dict):
            names = [row["name"], *row.get("aliases", [])]
            out.append((name, n, tuple(x for x in names if " " not in x), tuple(x for x in names if " " in x)))
        else:
            out.append((name, n, (), (row[0],)))
    return out


def vetted_entries(data_dir: str | Path | None = None) -> frozenset[tuple[str, int]]:
    """The entries of :data:`ENTRY_FILES` that restate the Phoenix dictionaries geokg ships
    (``petrarch/agents.tsv``, ``petrarch/actors.jsonl``): a role word whose term the agents
    list under a code of its sector, an organisation or a person one of whose names
    (lower case) is a Phoenix actor's."""
    agents: dict[str, set[str]] = {}
    for line in data_text("petrarch/agents.tsv", data_dir).splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and not line.startswith("#"):
            agents.setdefault(cells[0].strip().lower(), set()).add(cells[2].strip()[:3])
    phoenix: set[str] = set()
    for line in data_text("petrarch/actors.jsonl", data_dir).splitlines():
        if line.strip() and not line.startswith("#"):
            phoenix.update(n.lower() for n in json.loads(line).get("names", ()))
    out = set()
    for name, n, row in _entry_rows(data_dir):
        if isinstance(row, dict):
            vetted = any(x.lower() in phoenix for x in (row["name"], *row.get("aliases", [])))
        else:
            term, sector = (row + [""])[:2]
            vetted = bool(sector) and sector in agents.get(term.lower(), ())
        if vetted:
            out.add((name, n))
    return frozenset(out)


def _pattern(names: Iterable[str], flags: int = 0) -> re.Pattern | None:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", flags)


def entry_evidence(texts: Mapping[str, str], data_dir: str | Path | None = None,
                   entries: Sequence[Entry] | None = None) -> dict[tuple[str, int], frozenset[str]]:
    """``(file, line) -> record keys`` whose text names the entry (see the module doc);
    ``texts``: record key (``"set:id"``) -> its text."""
    from geokg.ingest.actors.words import singular, words_of

    singulars = {key: " ".join(singular(w) for w in words_of(text)) for key, text in texts.items()}
    out: dict[tuple[str, int], frozenset[str]] = {}
    for name, line, exact, folded in (read_entries(data_dir) if entries is None else entries):
        # role words are matched on the singular words ("policemen" names "policeman"), names as written
        against = singulars if name.endswith("roles.tsv") else texts
        patterns = [p for p in (_pattern(exact), _pattern(folded, re.IGNORECASE)) if p is not None]
        out[(name, line)] = frozenset(key for key, text in against.items() if any(p.search(text) for p in patterns))
    return out


def held_out_entries(evidence: Mapping[tuple[str, int], frozenset[str]], folds: Mapping[str, int],
                     k: int) -> frozenset[tuple[str, int]]:
    """The entries held out of fold ``k``: every record that names them is in fold ``k``."""
    return frozenset(e for e, keys in evidence.items() if keys and all(folds[key] == k for key in keys))


def data_without(drop: Iterable[tuple[str, int]], dest: str | Path, data_dir: str | Path | None = None) -> Path:
    """A copy of the package data (or of ``data_dir``) in ``dest``, without the lines ``drop``
    names (``(file, line)``); returns the copy's folder."""
    source = Path(str(data_path(ENTRY_FILES[0]))).parents[1] if data_dir is None else Path(data_dir)
    if not source.is_dir():
        raise FileNotFoundError(f"the package data folder {source} is not a folder (a zipped install?)")
    dest = Path(dest)
    shutil.copytree(source, dest, dirs_exist_ok=True)
    by_file: dict[str, set[int]] = {}
    for name, line in drop:
        by_file.setdefault(name, set()).add(line)
    for name, lines in by_file.items():
        text = (source / name).read_text(encoding="utf-8").splitlines()
        kept = [row for n, row in enumerate(text, 1) if n not in lines]
        (dest / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dest


def evaluate_actor_folds(sets: Mapping[str, Sequence], parsed: Mapping[str, Mapping[str, tuple]], report,
                         make_coder: Callable[[Path], object], set_coder: Callable[[Sequence, object], object],
                         fold_lexicon: Callable[[object, int], object] | None = None
                         ) -> tuple[dict[str, object], dict[int, tuple[int, int]]]:
    """Scores per gold set with each fold's actor entries (and verb rows) held out, and for
    each fold the number of entries held out of it and how many of them are vetted
    (:func:`vetted_entries`).

    ``report``: the :class:`~geokg.ingest.evaluation.folds.FoldReport` of the same sets (its
    folds); ``make_coder(data_dir)`` builds a coder from a data folder (the options of the dev
    run); ``set_coder(records, coder)`` gives a set its coder, as for the dev run;
    ``fold_lexicon(coder, k)``: the lexicon fold ``k`` is coded with (the coder's own when None;
    :func:`geokg.ingest.evaluation.folds.evaluate_out_of_fold` passes the one without the verb
    rows held out of fold ``k``)."""
    from geokg.ingest.evaluation.events import code_records, score_records

    texts = {f"{name}:{g.id}": g.text for name, records in sets.items() for g in records}
    vetted = vetted_entries()
    evidence = entry_evidence(texts)
    preds: dict[str, dict] = {name: {} for name in sets}
    counts: dict[int, tuple[int, int]] = {}
    for fk in range(report.k):
        drop = held_out_entries(evidence, report.folds, fk)
        counts[fk] = (len(drop), len(drop & vetted))
        with tempfile.TemporaryDirectory(prefix="geokg-folds-") as tmp:
            base = make_coder(data_without(drop, Path(tmp) / "data"))
            for name, records in sets.items():
                coder = set_coder(records, base)
                if fold_lexicon is not None:
                    coder = coder.with_lexicon(fold_lexicon(coder, fk))
                mine = [g for g in records if report.folds[f"{name}:{g.id}"] == fk]
                preds[name].update(code_records(mine, parsed[name], coder))
    return {name: score_records(records, preds[name], name) for name, records in sets.items()}, counts
