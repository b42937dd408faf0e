"""Quality ratchets: dev scores must not fall below the floors in eval_floors.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

FLOORS = tomllib.loads((Path(__file__).with_name("eval_floors.toml")).read_text(encoding="utf-8"))

pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_carb_dev_ratchet(shared_dir, nlp):
    from geokg.ingest.evaluation.carb import evaluate_carb
    from geokg.ingest.evaluation.systems import geokg_carb_extractor

    score = evaluate_carb(geokg_carb_extractor(nlp), shared_dir / "data" / "carb")
    assert score.n_sentences > 600
    assert score.f1 >= FLOORS["carb"]["f1"], score.to_dict()
    assert score.auc >= FLOORS["carb"]["auc"], score.to_dict()


def test_event_coding_dev_ratchet(shared_dir, nlp):
    from geokg.ingest.evaluation.events import evaluate_events

    scores = evaluate_events([shared_dir / "data" / "plover-gsr" / "dev.jsonl",
                              shared_dir / "data" / "petrarch-validation" / "dev.gsr.jsonl"])
    by_name = {name: s.to_dict() for name, s in scores.items()}
    for set_name, floors in FLOORS["events"].items():
        if set_name == "petrarch-unittest-validate":
            continue  # coded with its own dictionaries: test_petrarch_unittest_validate_ratchet
        (measured,) = [d for name, d in by_name.items() if name == set_name]
        for key, floor in floors.items():
            assert measured[key] >= floor, (set_name, key, measured[key], floor)


def test_event_coding_out_of_fold_ratchet(shared_dir, nlp):
    from geokg.ingest.evaluation.folds import evaluate_out_of_fold

    # the gold sets `geokg eval events --folds 5` scores together (an entry's or a row's evidence is every
    # record of them it fires on or is named in)
    report = evaluate_out_of_fold([shared_dir / "data" / "plover-gsr" / "dev.jsonl",
                                   shared_dir / "data" / "petrarch-validation" / "dev.gsr.jsonl",
                                   shared_dir / "data" / "petrarch-validation" / "dev.unittest.jsonl"], nlp=nlp, folds=5)
    assert report.dropped and any(report.dropped.values()), report.to_dict()  # some rows are held out
    for set_name, floors in FLOORS["events_oof"].items():
        measured, dev = report.oof[set_name].to_dict(), report.dev[set_name].to_dict()
        for key, floor in floors.items():
            assert measured[key] >= floor, (set_name, key, measured[key], floor)
            # ... and near the dev score: what the rows written on dev records win must carry out of fold
            assert dev[key] - measured[key] <= FLOORS["events_oof_gap"]["max_gap"], (set_name, key, dev[key],
                                                                                     measured[key])
    # ... and with geokg's own actor entries held out too (entry_folds)
    assert report.entries_dropped and any(n for n, _ in report.entries_dropped.values()), report.to_dict()
    for set_name, floors in FLOORS["events_oof_actors"].items():
        measured = report.oof_actors[set_name].to_dict()
        for key, floor in floors.items():
            assert measured[key] >= floor, (set_name, key, measured[key], floor)


def test_petrarch_unittest_validate_ratchet(shared_dir, nlp):
    """The PETRARCH unit-test records with the Validate dictionaries they were written for."""
    from geokg.ingest.evaluation.events import evaluate_events

    data = shared_dir / "data"
    dictionaries = [data / "petrarch-validation" / "dictionaries" / "PETR.Validate.actors.txt",
                    data / "petrarch-validation" / "dictionaries" / "PETR.Validate.agents.txt",
                    data / "petrarch-dictionaries" / "PETR.Validate.verbs.txt",
                    data / "petrarch-dictionaries" / "PETR.Validate.discards.txt"]
    for path in dictionaries:
        if not path.is_file():
            pytest.skip(f"{path} is not present")
    scores = evaluate_events(data / "petrarch-validation" / "dev.unittest.jsonl", nlp=nlp, dictionaries=dictionaries)
    measured = scores["petrarch-unittest"].to_dict()
    assert measured["records"] >= 140, measured["records"]
    for key, floor in FLOORS["events"]["petrarch-unittest-validate"].items():
        assert measured[key] >= floor, ("petrarch-unittest-validate", key, measured[key], floor)
