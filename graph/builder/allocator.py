"""The C library of geokg's own worker processes: freed memory is kept, and no thread is started.

spaCy frees and allocates the same large arrays for every batch it parses.
With glibc's defaults a freed block above the dynamic ``mmap`` threshold goes
back to the system and the next batch faults its pages in again: a
``--jobs 2`` build's two workers took about 1.2 million page faults and 2.6
CPU-s of system time per 1,000 articles.  :func:`keep_freed_memory` fixes the
threshold at :data:`MMAP_THRESHOLD` and raises the trim threshold to
:data:`TRIM_THRESHOLD`, so freed memory stays in the process: 114,000 faults
and 0.4 s, about 2.5% of the build's CPU, the workers' peak memory the same
(``benchmarks/SCALING.md``, thirty-second session).

It is called only in processes geokg starts and owns (the worker pool and the
parse-ahead process, :func:`geokg.graph.builder.parallel.worker_pool`), never
in the caller's process: the setting is process-wide.  Elsewhere than on
glibc (macOS, musl, Windows) it does nothing.

**A parsing process that never had a second thread.**  glibc's ``malloc`` and
``free`` skip their locking while a process has only ever had one thread, and
spaCy allocates and frees a great deal: the same parse takes 13-15% less CPU in
such a process (``benchmarks/SCALING.md``, thirty-eighth session).  A thread
that has started once ends that for good, and a forked child inherits the
state.  Two things start one in a build:

- numpy's OpenBLAS starts a second thread when numpy is imported, unless
  ``OPENBLAS_NUM_THREADS`` is 1.  spaCy's large matrix products go through
  ``blis``, so that thread does no work in a parse (CPU time equals wall time
  with it).  :func:`one_blas_thread` asks for one thread.  The ``geokg``
  command calls it before anything imports numpy; a program that imports
  geokg chooses for itself;
- a worker's watch on its parent: :func:`end_with_parent` asks the Linux
  kernel to kill the worker when its parent dies (``prctl``), so no thread is
  needed.  Elsewhere the worker watches from a thread, as before.

Examples
--------
>>> calls = []
>>> class FakeLibc:
...     def mallopt(self, option, value):
...         calls.append((option, value))
...         return 1
>>> keep_freed_memory(FakeLibc()), calls == [(M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD)]
(True, True)
"""

from __future__ import annotations

import os
import signal
from collections.abc import MutableMapping
from typing import Any

__all__ = ["MMAP_THRESHOLD", "M_MMAP_THRESHOLD", "M_TRIM_THRESHOLD", "TRIM_THRESHOLD", "end_with_parent",
           "keep_freed_memory", "one_blas_thread"]

#: glibc's ``mallopt`` parameters (``<malloc.h>``).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
#: Blocks below this come from the heap, so freeing them returns nothing to the system (glibc's largest
#: dynamic threshold on 64-bit systems).
MMAP_THRESHOLD = 32 << 20
#: Free memory at the top of the heap is given back only beyond this.
TRIM_THRESHOLD = 1 << 30


def keep_freed_memory(libc: Any = None) -> bool:
    """Set this process's glibc allocator to keep freed memory (see module doc); whether it was set.

    ``libc`` is the C library (``ctypes``; this process's glibc when ``None``).
    Returns False where there is no glibc (nothing changed) or it refuses a
    setting.
    """
    libc = libc if libc is not None else _glibc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
            libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except AttributeError:  # a C library without mallopt
        return False


#: ``prctl`` option: the signal this process gets when its parent dies (``<linux/prctl.h>``).
PR_SET_PDEATHSIG = 1


def one_blas_thread(environ: MutableMapping[str, str] | None = None) -> bool:
    """Ask numpy's OpenBLAS for one thread (``OPENBLAS_NUM_THREADS=1``) unless it is already set;
    whether it was set here.  Read when numpy is imported, so call it before that (see module doc).

    Examples
    --------
    >>> env = {}
    >>> one_blas_thread(env), env
    (True, {'OPENBLAS_NUM_THREADS': '1'})
    >>> one_blas_thread({"OPENBLAS_NUM_THREADS": "4"})  # the user's choice stays
    False
    """
    environ = os.environ if environ is None else environ
    if "OPENBLAS_NUM_THREADS" in environ:
        return False
    environ["OPENBLAS_NUM_THREADS"] = "1"
    return True


def end_with_parent(parent_pid: int, libc: Any = None) -> bool:
    """Have the kernel kill this process when its parent (``parent_pid``) dies; whether it could
    (Linux's ``prctl``; False elsewhere).  A parent already dead ends this process at once.

    The kernel signals when the parent *thread* that started this process ends: geokg starts its
    workers from the thread that runs the build, which shuts them down before it returns.

    Examples
    --------
    >>> calls = []
    >>> class FakeLibc:
    ...     def prctl(self, *args):
    ...         calls.append(args[:2])
    ...         return 0
    >>> end_with_parent(os.getppid(), FakeLibc()), calls == [(PR_SET_PDEATHSIG, int(signal.SIGKILL))]
    (True, True)
    """
    libc = libc if libc is not None else _glibc()
    try:
        if libc is None or libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return False
    except AttributeError:  # a C library without prctl
        return False
    if os.getppid() != parent_pid:  # the parent died before the request: nobody will signal
        os._exit(1)
    return True


def _glibc() -> Any:
    """This process's glibc (``ctypes``), or None on other C libraries."""
    import ctypes
    import ctypes.util
    import platform

    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL("libc.so.6")  # glibc's name on x86-64, arm64 and most others
    except OSError:
        name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None
