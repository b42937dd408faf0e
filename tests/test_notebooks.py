"""The notebooks in notebooks/ run top to bottom, headless, with this Python's kernel.

Each is executed with nbclient (what nbmake uses) in a kernel started from
``sys.executable``, so the venv's packages are the ones used whatever
kernelspec is installed.  ``pytest --nbmake notebooks/`` runs them the same
way when the kernelspec ``python3`` points at this venv
(``python -m ipykernel install --sys-prefix``).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert [p.name for p in PATHS] == [
        "01-build-and-explore.ipynb", "02-sparql-recipes.ipynb", "03-network-analysis.ipynb"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: outputs not stripped"
    assert path.stat().st_size < 40_000


@pytest.mark.model
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisPython(KernelSpecManager):
        """Always start the kernel with the interpreter running the tests, its temporary files under ``tmp_path``
        (the notebooks build into a ``tempfile.mkdtemp`` folder, which pytest then removes with the rest)."""

        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              display_name="geokg tests", language="python", resource_dir=str(NOTEBOOKS),
                              env={"TMPDIR": str(tmp_path)})

    from jupyter_client import KernelManager

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the kernel's connection file, here too

    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())
    client = nbclient.NotebookClient(nb, km=km, timeout=240, resources={"metadata": {"path": str(NOTEBOOKS)}})
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert elapsed < 120, f"{path.name} took {elapsed:.0f} s"
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert shown, "the notebook printed nothing"
    assert list(tmp_path.glob("geokg-notebook-*")), "the notebook's output folder is not under tmp_path"
