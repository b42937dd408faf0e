"""One line that says which machine and interpreter a benchmark ran on.

Ratios such as the coder's share of spaCy's time depend on the CPU: on a CPU with
AVX-512 spaCy's matrix work gets faster while Python code does not, so the same
code reads 0.150 on one machine and 0.18 on another (``benchmarks/README.md``,
thirty-eighth session).  The benchmarks print this line with their tables so
that figures from different machines are not compared as if they were one.

Usage::

    python benchmarks/machine.py

Examples
--------
>>> line = describe()
>>> "CPUs" in line and "Python" in line
True
"""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path

__all__ = ["describe"]

#: CPU flags that change how fast spaCy's matrix work runs, printed when present.
_FLAGS = ("avx2", "avx512f", "amx_tile")


def describe() -> str:
    """The CPUs this process may use, the CPU's model name, family, model number and vector flags,
    the memory, and the Python version with its executable."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    parts = [f"{cpus} CPUs", _cpu() or platform.processor() or platform.machine()]
    ram = _ram_gib()
    if ram:
        parts.append(f"{ram:.1f} GiB RAM")
    parts.append(f"Python {platform.python_version()} ({sys.executable})")
    return ", ".join(parts)


def _cpu() -> str:
    """The first CPU of ``/proc/cpuinfo``: model name (family, model, stepping; flags), or ""."""
    try:
        first = Path("/proc/cpuinfo").read_text().split("\n\n", 1)[0]
    except OSError:
        return ""
    field = dict(re.findall(r"^([^\t:]+?)\s*:\s*(.*)$", first, re.M))
    flags = set(field.get("flags", "").split())
    shown = ", ".join(f for f in _FLAGS if f in flags)
    ids = "/".join(field.get(k, "?") for k in ("cpu family", "model", "stepping"))
    return f"{field.get('model name', '?')} (family/model/stepping {ids}; {shown or 'no AVX2'})"


def _ram_gib() -> float:
    try:
        kib = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        return 0.0
    return kib / 1024 ** 2


if __name__ == "__main__":
    print(describe())
