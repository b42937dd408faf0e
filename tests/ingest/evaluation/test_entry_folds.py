"""Out-of-fold scoring with geokg's own actor entries held out (no spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

from geokg.ingest.coding import EventCoder
from geokg.ingest.evaluation.entry_folds import (
    ENTRY_FILES,
    data_without,
    entry_evidence,
    evaluate_actor_folds,
    held_out_entries,
    read_entries,
    vetted_entries,
)
from geokg.ingest.evaluation.events import GoldEvent, GoldRecord
from geokg.ingest.evaluation.folds import FoldReport, fold_of
from geokg.ingest.records import Argument, Article, Extraction

DATA = Path(__file__).resolve().parents[3] / "ingest" / "data"


def _line(name: str, starts: str) -> int:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(starts))


def test_entries_of_the_three_files_with_their_names():
    entries = {(name, line): (exact, folded) for name, line, exact, folded in read_entries()}
    assert {name for name, _ in entries} == set(ENTRY_FILES)
    exact, folded = entries[("actors/orgs.jsonl", _line("actors/orgs.jsonl", '{"id": "org:cia"'))]
    assert "CIA" in exact and "Central Intelligence Agency" in folded
    assert entries[("actors/roles.tsv", _line("actors/roles.tsv", "guerrilla\t"))] == ((), ("guerrilla",))


def test_evidence_matches_names_as_the_gazetteer_does():
    texts = {"a:1": "The CIA said.", "a:2": "Cia is a name.", "a:3": "the central intelligence agency",
             "a:4": "Guerrillas fled; ciabatta", "a:5": "Policemen came."}
    ev = entry_evidence(texts, entries=[("actors/orgs.jsonl", 1, ("CIA",), ("Central Intelligence Agency",)),
                                        ("actors/roles.tsv", 2, (), ("guerrilla",)),
                                        ("actors/roles.tsv", 3, (), ("policeman",)),
                                        ("actors/roles.tsv", 4, (), ("envoy",))])
    assert ev[("actors/orgs.jsonl", 1)] == {"a:1", "a:3"}  # one word as written, a longer name in any case
    # role words in the singular, as the gazetteer reads them ("Guerrillas", "Policemen")
    assert ev[("actors/roles.tsv", 2)] == {"a:4"} and ev[("actors/roles.tsv", 3)] == {"a:5"}
    assert ev[("actors/roles.tsv", 4)] == frozenset()
    folds = {"a:1": 0, "a:2": 0, "a:3": 1, "a:4": 1, "a:5": 0}
    # named in two folds: kept everywhere; in one fold: held out of it; named nowhere: never held out
    assert held_out_entries(ev, folds, 0) == {("actors/roles.tsv", 3)}
    assert held_out_entries(ev, folds, 1) == {("actors/roles.tsv", 2)}


def test_data_without_copies_the_data_and_drops_the_lines(tmp_path):
    src = tmp_path / "src"
    (src / "actors").mkdir(parents=True)
    (src / "actors" / "roles.tsv").write_text("# c\nguerrilla\tREB\t\tcollective\nenvoy\tGOV\tEnvoy\tperson\n")
    (src / "actors" / "orgs.jsonl").write_text(json.dumps({"id": "org:x", "name": "X"}) + "\n")
    out = data_without([("actors/roles.tsv", 2)], tmp_path / "out", src)
    assert (out / "actors" / "roles.tsv").read_text() == "# c\nenvoy\tGOV\tEnvoy\tperson\n"
    assert (out / "actors" / "orgs.jsonl").read_text() == (src / "actors" / "orgs.jsonl").read_text()
    assert "guerrilla" in (src / "actors" / "roles.tsv").read_text()  # the source is untouched


def test_each_fold_is_coded_without_the_entries_only_its_records_name():
    def parsed(rid: str, text: str) -> tuple:
        art = Article.create(title="", text=text, origin=rid)
        subj = Argument("subject", text.split(" attacked")[0], 0, text.index(" attacked"), head="guerrillas")
        start = text.index("attacked")
        obj = Argument("object", "Iraq", start + 9, start + 13, head="Iraq", label="GPE")
        return art, None, [Extraction(art.id, 0, 0, len(art.content), subj, "attacked", "attack", start, start + 8,
                                      object=obj)]

    texts = {"r0": "Iranian guerrillas attacked Iraq.", "r1": "Syrian envoys attacked Iraq."}
    recs = [GoldRecord(r, "petrarch", t, None, (GoldEvent("19", frozenset({"IRN"}), frozenset({"IRQ"})),))
            for r, t in texts.items()]
    report = FoldReport(2, folds={f"demo:{r}": fold_of(f"demo:{r}", 2) for r in texts})
    seen: list[str] = []

    def make_coder(data_dir: Path):
        seen.append((data_dir / "actors" / "roles.tsv").read_text(encoding="utf-8"))
        return EventCoder.default(data_dir)

    scores, dropped = evaluate_actor_folds({"demo": recs}, {"demo": {r: parsed(r, t) for r, t in texts.items()}},
                                           report, make_coder, lambda records, coder: coder)
    assert len(seen) == 2 and scores["demo"].records == 2
    guerrilla_fold = report.folds["demo:r0"]
    for fk, roles in enumerate(seen):
        assert ("\nguerrilla\t" in roles) == (fk != guerrilla_fold), fk
        assert ("\nenvoy\t" in roles) == (fk != report.folds["demo:r1"]), fk
    assert sum(n for n, _ in dropped.values()) >= 2 and dropped[guerrilla_fold][0] >= 1
    assert dropped[guerrilla_fold][1] >= 1  # "guerrilla" REB restates the Phoenix agents' GUERRILLA [~REB]


def test_vetted_entries_restate_the_phoenix_dictionaries():
    vetted = vetted_entries()
    assert ("actors/roles.tsv", _line("actors/roles.tsv", "guerrilla\t")) in vetted  # Phoenix agents: REB
    assert ("actors/roles.tsv", _line("actors/roles.tsv", "hostage\t")) not in vetted  # no such agent
    assert ("actors/orgs.jsonl", _line("actors/orgs.jsonl", '{"id": "org:cia"')) in vetted  # a Phoenix actor
