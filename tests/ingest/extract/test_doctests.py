"""Run the doctests of every geokg.ingest.extract module."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import geokg.ingest.extract as package
import pytest

MODULES = sorted(m.name for m in pkgutil.iter_modules(package.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(f"geokg.ingest.extract.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
