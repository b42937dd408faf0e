"""The Makefile's choice of Python and its venv, run against fake interpreters (no install happens)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")

# A fake interpreter: answers the Makefile's version probes with its own version, makes a "venv" (a copy
# of itself as DIR/bin/python) and logs every other call (pip, ipykernel) without doing anything.
FAKE = """#!/bin/sh
version={version}
log={log}
if [ "$1" = "-c" ]; then
  case "$2" in
    *print*) echo "$version" ;;
    *) [ {runs} = yes ] || exit 1
       case "$2" in *"(3, 11)"*) case "$version" in 3.[0-9].*|3.10.*) exit 1 ;; esac ;; esac ;;  # 3.11 or later?
  esac
  exit 0
fi
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python"
  echo "venv $version" >> "$log"
  exit 0
fi
echo "$version $*" >> "$log"
"""


def _fake(folder: Path, name: str, version: str, log: Path, runs: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(FAKE.format(version=version, log=log, runs="yes" if runs else "no"))
    path.chmod(0o755)
    return path


def _tools(folder: Path) -> Path:
    """A folder of the commands the Makefile's recipes use, and no Python: the machine's own
    interpreters (a /usr/bin/python3.12, say) must not answer the probe."""
    tools = folder / "tools"
    tools.mkdir(parents=True, exist_ok=True)
    for name in ("sh", "echo", "git", "cat", "cmp", "cp", "mkdir", "rm", "touch", "test", "["):
        found = shutil.which(name)
        if found and not (tools / name).exists():
            (tools / name).symlink_to(found)
    return tools


def _environ(path: Path) -> dict[str, str]:
    run_env = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "MAKEFLAGS", "MAKELEVEL")}
    run_env["PATH"] = f"{path}{os.pathsep}{_tools(path.parent)}"
    return run_env


def _make(*args: str, path: Path, env: dict[str, str] | None = None) -> str:
    run_env = _environ(path)
    run_env.update(env or {})
    done = subprocess.run([str(MAKE), "-s", "-C", str(ROOT), *args], env=run_env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_3_12_is_chosen_when_it_runs(tmp_path: Path) -> None:
    log = tmp_path / "log"
    _fake(tmp_path / "bin", "python3", "3.11.7", log)
    assert _make("python", path=tmp_path / "bin").strip() == "python3"
    _fake(tmp_path / "bin", "python3.13", "3.13.0", log)
    assert _make("python", path=tmp_path / "bin").strip() == "python3.13"
    _fake(tmp_path / "bin", "python3.12", "3.12.1", log)
    assert _make("python", path=tmp_path / "bin").strip() == "python3.12"


def test_a_python_that_does_not_run_is_passed_over(tmp_path: Path) -> None:
    """pyenv's shim of a version not selected fails: the next interpreter is taken."""
    log = tmp_path / "log"
    _fake(tmp_path / "bin", "python3", "3.11.7", log)
    _fake(tmp_path / "bin", "python3.12", "3.12.1", log, runs=False)
    assert _make("python", path=tmp_path / "bin").strip() == "python3"
    _fake(tmp_path / "bin", "python3.13", "3.13.0", log)
    assert _make("python", path=tmp_path / "bin").strip() == "python3.13"


def test_a_python_older_than_3_11_is_not_taken(tmp_path: Path) -> None:
    _fake(tmp_path / "bin", "python3", "3.10.13", log := tmp_path / "log")
    assert _make("python", path=tmp_path / "bin").strip() == ""
    done = subprocess.run([str(MAKE), "-s", "-C", str(ROOT), "setup", f"VENV={tmp_path / 'venv'}"],
                          env=_environ(tmp_path / "bin"), capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no Python >= 3.11 found" in done.stderr
    assert not log.exists()


def test_the_user_s_python_wins(tmp_path: Path) -> None:
    log = tmp_path / "log"
    _fake(tmp_path / "bin", "python3.12", "3.12.1", log)
    assert _make("python", path=tmp_path / "bin", env={"PYTHON": "python3"}).strip() == "python3"


def test_a_venv_made_by_another_python_is_made_again(tmp_path: Path) -> None:
    log = tmp_path / "log"
    venv = tmp_path / "venv"
    old = _fake(tmp_path / "old", "python3", "3.11.7", log)
    new = _fake(tmp_path / "new", "python3", "3.12.1", log)
    _make("setup", f"VENV={venv}", f"PYTHON={old}", path=tmp_path / "old")
    assert "venv 3.11.7" in log.read_text()
    assert any(line.startswith("3.11.7 -m pip") and " install " in line for line in log.read_text().splitlines())
    log.write_text("")
    _make("setup", f"VENV={venv}", f"PYTHON={old}", path=tmp_path / "old")
    assert log.read_text() == ""  # up to date: nothing is done
    stale = venv / "lib" / "python3.11" / "site-packages"
    stale.mkdir(parents=True)  # what the old Python's packages leave
    _make("setup", f"VENV={venv}", f"PYTHON={new}", path=tmp_path / "new")
    lines = log.read_text().splitlines()
    assert lines[0] == "venv 3.12.1"
    assert any(line.startswith("3.12.1 -m pip") and " install " in line for line in lines)  # by the new venv's python
    assert (venv / ".python").read_text().strip() == "3.12.1"
    assert not stale.exists()
