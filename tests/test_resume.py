"""Kill -9 in the middle of ``geokg build``, run it again: the graph equals an uninterrupted build.

Both write modes are tried.  With ``--atomic`` each batch of articles is one
store transaction, journaled only after it is committed, so a kill loses at
most the batch in flight, which the next run redoes.  With the bulk loader (the
default) the journal notes each batch before writing it, and the next run drops
the graphs of a batch a kill cut short and redoes them.  The default run tries
2 randomized kill points per mode; ``GEOKG_KILL_POINTS=10`` (or ``-m slow``,
which runs the 10-point version) tries more.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "articles"

pytestmark = pytest.mark.model


def _build(out: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "geokg.graph.cli", "build", str(CORPUS), "--out", str(out), "--no-html",
         "--batch-size", "2", mode],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _quads(store_dir: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    try:
        return {str(q) for q in store.quads_for_pattern(None, None, None, None)}
    finally:
        del store


def _kill_and_resume(tmp_path: Path, points: int, seed: int, mode: str) -> None:
    ref_out = tmp_path / "reference"
    started = time.monotonic()
    ref = _build(ref_out, mode)
    assert ref.wait(timeout=600) == 0, ref.stderr.read()
    duration = time.monotonic() - started
    reference = _quads(ref_out / "store")
    assert len(reference) > 10_000
    rng = random.Random(seed)
    outcomes = []
    for i in range(points):
        out = tmp_path / f"killed-{i}"
        delay = rng.uniform(0.2, 1.0) * duration
        for _attempt in range(4):  # a run that beat its kill point (the machine got faster) is tried earlier
            shutil.rmtree(out, ignore_errors=True)
            proc = _build(out, mode)
            try:
                proc.wait(timeout=delay)
                killed = False  # finished before the kill point
                delay /= 2
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                killed = True
                break
        again = _build(out, mode)
        assert again.wait(timeout=600) == 0, again.stderr.read()
        outcomes.append((round(delay, 1), killed, _quads(out / "store") == reference))
    assert all(same for _, _, same in outcomes), outcomes
    assert any(killed for _, killed, _ in outcomes), f"no run was actually killed: {outcomes}"


MODES = pytest.mark.parametrize("mode", ["--bulk-load", "--atomic"])


@MODES
def test_kill_and_resume(tmp_path, mode):
    _kill_and_resume(tmp_path, int(os.environ.get("GEOKG_KILL_POINTS", "2")), seed=2026, mode=mode)


@pytest.mark.slow
@MODES
def test_kill_and_resume_ten_points(tmp_path, mode):
    _kill_and_resume(tmp_path, 10, seed=11, mode=mode)
