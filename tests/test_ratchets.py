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
        (measured,) = [d for name, d in by_name.items() if name == set_name]
        for key, floor in floors.items():
            assert measured[key] >= floor, (set_name, key, measured[key], floor)
