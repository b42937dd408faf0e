"""The public API of geokg.ingest.actors (re-exported from its modules)."""

from __future__ import annotations

import importlib

from geokg.ingest import actors
from geokg.ingest.records import Argument


def test_public_names_come_from_their_modules():
    for name in actors.__all__:
        obj = getattr(actors, name)
        home = importlib.import_module(obj.__module__)
        assert getattr(home, name) is obj, name
        assert home.__name__.startswith("geokg.ingest.actors."), name


def test_the_coder_through_the_package():
    from geokg.ingest import ActorCoder

    coder = ActorCoder.default()
    a = coder.code_argument(Argument("subject", "The Mexican government", 0, 22, head="government"))
    assert a.id == "actor:MEX-GOV" and actors.actor_code(a) == "MEX"
