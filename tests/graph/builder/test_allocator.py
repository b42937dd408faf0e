"""Tests for geokg.graph.builder.allocator: worker processes keep freed memory and start no thread."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
import time

import pytest
from geokg.graph.builder.allocator import (
    M_MMAP_THRESHOLD,
    M_TRIM_THRESHOLD,
    MMAP_THRESHOLD,
    TRIM_THRESHOLD,
    end_with_parent,
    keep_freed_memory,
    one_blas_thread,
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


def test_one_blas_thread_is_asked_only_where_the_user_did_not_choose():
    env: dict[str, str] = {}
    assert one_blas_thread(env) is True and env == {"OPENBLAS_NUM_THREADS": "1"}
    chosen = {"OPENBLAS_NUM_THREADS": "8"}
    assert one_blas_thread(chosen) is False and chosen == {"OPENBLAS_NUM_THREADS": "8"}


class _Prctl:
    def __init__(self, answer: int = 0) -> None:
        self.answer, self.calls = answer, []

    def prctl(self, *args: int) -> int:
        self.calls.append(args)
        return self.answer


def test_end_with_parent_asks_for_sigkill_and_reports_a_refusal():
    libc = _Prctl()
    assert end_with_parent(os.getppid(), libc) is True
    assert libc.calls == [(1, int(signal.SIGKILL), 0, 0, 0)]
    assert end_with_parent(os.getppid(), _Prctl(answer=-1)) is False
    assert end_with_parent(os.getppid(), object()) is False  # no prctl: the caller watches from a thread


@pytest.mark.skipif(sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="Linux's prctl")
def test_a_process_that_asked_ends_when_its_parent_is_killed():
    """A parent (here a small Python process) forks a child that calls ``end_with_parent``, reports
    the child's pid and sleeps; once the parent is killed, the kernel ends the child, with no thread."""
    code = (
        "import os, sys, time\n"
        "from geokg.graph.builder.allocator import end_with_parent\n"
        "parent = os.getpid()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    ok = end_with_parent(parent)\n"
        "    print(os.getpid(), ok, len(os.listdir('/proc/self/task')), flush=True)\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        child, ok, threads = parent.stdout.readline().split()
        assert ok == "True" and threads == "1"
        assert os.path.exists(f"/proc/{child}")
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _running(int(child)):
            time.sleep(0.05)
        assert not _running(int(child)), "the child outlived its killed parent"
    finally:
        parent.kill()


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has ended)."""
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
