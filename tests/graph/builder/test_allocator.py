"""Tests for geokg.graph.builder.allocator: worker processes keep freed memory."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest
from geokg.graph.builder.allocator import (
    M_MMAP_THRESHOLD,
    M_TRIM_THRESHOLD,
    MMAP_THRESHOLD,
    TRIM_THRESHOLD,
    keep_freed_memory,
)


class _Libc:
    def __init__(self, answer: int = 1) -> None:
        self.answer, self.calls = answer, []

    def mallopt(self, option: int, value: int) -> int:
        self.calls.append((option, value))
        return self.answer


def test_both_thresholds_are_set():
    libc = _Libc()
    assert keep_freed_memory(libc) is True
    assert libc.calls == [(M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD)]


def test_a_refused_setting_or_no_mallopt_is_reported():
    assert keep_freed_memory(_Libc(answer=0)) is False
    assert keep_freed_memory(object()) is False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt only")
def test_glibc_takes_the_setting():
    # in a process of its own: the setting is process-wide
    code = "from geokg.graph.builder.allocator import keep_freed_memory as k; print(k())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
