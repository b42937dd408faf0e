"""README.md's figures come from one place: the measured figures in tests/eval_floors.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = tomllib.loads((ROOT / "tests" / "eval_floors.toml").read_text(encoding="utf-8"))


def _table_row(readme: str, label: str) -> str:
    rows = [line for line in readme.splitlines() if line.startswith(f"| {label}")]
    assert len(rows) == 1, f"README.md should have one evaluation row starting with {label!r}, found {len(rows)}"
    return rows[0]


def test_readme_evaluation_table_matches_the_recorded_figures() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert RECORD["measured"], "tests/eval_floors.toml records no measured figures"
    for name, entry in RECORD["measured"].items():
        row = _table_row(readme, entry["row"])
        for figure, value in entry["figures"].items():
            assert f"{figure} {value:.3f}" in row, f"README row {entry['row']!r} should say '{figure} {value:.3f}' ({name})"


def test_recorded_figures_are_not_below_their_floors() -> None:
    # a floor sits under the last measured figure; a measured figure under its floor is a typo
    pairs = [("carb", "F1", RECORD["carb"]["f1"]), ("carb", "AUC", RECORD["carb"]["auc"]),
             ("plover", "category+dyad F1", RECORD["events"]["plover"]["f1_category_dyad"]),
             ("plover", "category F1", RECORD["events"]["plover"]["f1_category"]),
             ("petrarch-gsr", "CAMEO-root+dyad F1", RECORD["events"]["petrarch-gsr"]["f1_category_dyad"])]
    for name, figure, floor in pairs:
        measured = RECORD["measured"][name]["figures"][figure]
        assert measured >= floor, (name, figure, measured, floor)
