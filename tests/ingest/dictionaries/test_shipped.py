"""The shipped PETRARCH-2 dictionaries: a fresh conversion of ../shared gives the same files."""

from __future__ import annotations

from geokg.ingest.dictionaries import shipped
from geokg.ingest.dictionaries.coder import shipped_folder
from geokg.ingest.dictionaries.conversion import FILES, convert

SOURCES = ("CAMEO.2.0.txt", "Phoenix.agents.txt", "Phoenix.Countries.actors.txt",
           "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.discards.txt")


def test_shipped_files_are_a_fresh_conversion(shared_dir, tmp_path):
    src = shared_dir / "data" / "petrarch-dictionaries"
    convert([src / name for name in SOURCES], tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (shipped_folder() / name).read_bytes(), name


def test_shipped_attribution_licence_and_sizes():
    folder = shipped_folder()
    assert "MIT License" in (folder / "LICENSE-petrarch2.txt").read_text()
    assert "openeventdata/petrarch2" in (folder / "ATTRIBUTION.md").read_text()
    counts = shipped().counts()
    assert counts["verb_patterns"] > 4500 and counts["verbs"] > 1500 and counts["verb_synsets"] >= 40
    assert counts["agents"] > 3000 and counts["actors"] > 25000 and counts["discards"] > 500
