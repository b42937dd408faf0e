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
