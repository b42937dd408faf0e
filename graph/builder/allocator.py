"""The C allocator of geokg's own worker processes: freed memory is kept for the next article.

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

from typing import Any

__all__ = ["MMAP_THRESHOLD", "M_MMAP_THRESHOLD", "M_TRIM_THRESHOLD", "TRIM_THRESHOLD", "keep_freed_memory"]

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
