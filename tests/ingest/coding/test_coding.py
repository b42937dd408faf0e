"""The public API of geokg.ingest.coding (re-exported from its modules)."""

from __future__ import annotations

import importlib

from geokg.ingest import coding


def test_public_names_come_from_their_modules():
    homes = {"STATE_SECTORS": "geokg.ingest.coding.rules"}  # a constant has no __module__
    for name in coding.__all__:
        obj = getattr(coding, name)
        home = importlib.import_module(homes.get(name) or obj.__module__)
        assert getattr(home, name) is obj, name
        assert home.__name__.startswith("geokg.ingest.coding."), name


def test_the_coder_through_the_package():
    from geokg.ingest import EventCoder

    assert EventCoder is coding.EventCoder
    coder = EventCoder.default()
    assert coder.table["190"].plover == "ASSAULT" and coder.lexicon.lookup("arrest") == "173"
