"""Run the doctested Examples of every geokg module."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import tempfile

import pytest

PACKAGES = ["geokg.ingest", "geokg.graph", "geokg.ontology"]


def _modules() -> list[str]:
    names = []
    for pkg_name in PACKAGES:
        pkg = importlib.import_module(pkg_name)
        names.append(pkg_name)
        for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg_name + "."):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_module_doctests(name: str, tmp_path, monkeypatch) -> None:
    # the Examples' tempfile.mkdtemp() folders go under tmp_path, which pytest removes, not into /tmp
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
    if name == "geokg.graph.exports":  # one of the modules whose Examples write files
        assert list(tmp_path.iterdir()), "the Examples' files are not under tmp_path"


@pytest.mark.parametrize("package", ["geokg.ingest", "geokg.graph", "geokg.ontology"])
def test_every_public_name_resolves(package: str) -> None:
    pkg = importlib.import_module(package)
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None, f"{package}.{name}"
