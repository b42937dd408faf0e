"""Chunks of work for other processes, and a bounded window of tasks in flight.

The builds that parse elsewhere (:mod:`~geokg.graph.builder.ahead`,
:mod:`~geokg.graph.builder.parallel`, :mod:`~geokg.graph.builder.distributed`)
cut their input into chunks (:func:`chunked`), send a few at a time
(:func:`bounded_map`) and take the results back in order.  The chunks that
end the input shrink (:func:`tapered`): the build waits for the last result,
then still has to finish it, and a small last chunk leaves little to finish.

Examples
--------
>>> [len(c) for c in chunked(range(7), 3)]
[3, 3, 1]
>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     list(bounded_map(lambda x: pool.submit(pow, x, 2), range(5), window=2))
[0, 1, 4, 9, 16]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

__all__ = ["chunked", "tapered", "bounded_map"]

T = TypeVar("T")
R = TypeVar("R")


def chunked(
    items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None, max_weight: int | None = None,
    first_weight: int | None = None,
) -> Iterator[list[T]]:
    """Lists of at most ``size`` consecutive items, and of at most ``max_weight`` total ``weight``.

    A chunk always holds at least one item (an item heavier than
    ``max_weight`` makes a chunk of its own).  With ``first_weight``, the
    first chunk weighs at most that, and the limit doubles with each chunk
    up to ``max_weight``.

    Examples
    --------
    >>> [len(c) for c in chunked(["a" * 5, "b", "c", "d" * 9, "e"], 10, weight=len, max_weight=6)]
    [2, 1, 1, 1]
    >>> [len(c) for c in chunked(["a"] * 20, 10, weight=len, max_weight=8, first_weight=2)]
    [2, 4, 8, 6]
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    limit = first_weight if first_weight is not None else max_weight

    def grown(limit: int | None) -> int | None:
        return limit if limit is None or max_weight is None else min(2 * limit, max_weight)

    chunk: list[T] = []
    total = 0
    for item in items:
        w = weight(item) if weight is not None else 0
        if chunk and limit is not None and total + w > limit:
            yield chunk
            chunk, total = [], 0
            limit = grown(limit)
        chunk.append(item)
        total += w
        if len(chunk) >= size:
            yield chunk
            chunk, total = [], 0
            limit = grown(limit)
    if chunk:
        yield chunk


def tapered(chunks: Iterable[list[T]], *, weight: Callable[[T], int], last_weight: int, size: int) -> Iterator[list[T]]:
    """The chunks of ``chunks``, but the last two cut again into chunks that halve in weight,
    down to about ``last_weight``, each of at most ``size`` items.

    A build that sends chunks to another process finishes each result after
    it comes back, so it ends a chunk's worth of finishing after the last
    one: a small last chunk makes that short, while the halving keeps the
    number of chunks low.  A chunk is sent on once two more are made (or the
    input ends).

    Examples
    --------
    >>> ends = tapered(chunked(["a"] * 100, 100, weight=len, max_weight=40), weight=len, last_weight=5, size=100)
    >>> [len(c) for c in ends]
    [40, 30, 15, 7, 5, 3]
    >>> [len(c) for c in tapered([[1, 2, 3, 4]], weight=lambda x: 1, last_weight=1, size=10)]
    [2, 1, 1]
    """
    held: deque[list[T]] = deque()
    for chunk in chunks:
        held.append(chunk)
        if len(held) > 2:
            yield held.popleft()
    items = [item for chunk in held for item in chunk]
    left = sum(weight(item) for item in items)
    piece: list[T] = []
    total = 0
    for item in items:
        piece.append(item)
        total += weight(item)
        if total >= max(left // 2, last_weight) or len(piece) >= size:
            yield piece
            left -= total
            piece, total = [], 0
    if piece:
        yield piece


class _Future(Protocol[R]):
    def result(self) -> R: ...

    def cancel(self) -> Any: ...


def bounded_map(submit: Callable[[T], _Future[R]], items: Iterable[T], *, window: int,
                on_full: Callable[[], None] | None = None) -> Iterator[R]:
    """``submit`` each item, keeping at most ``window`` in flight; yield results in order.

    Works with :mod:`concurrent.futures` and Dask futures alike.  Items are
    drawn from ``items`` only as results are taken, so a long input is never
    held in memory.  Closing the iterator cancels what is still in flight.
    ``on_full`` is called once, when the first ``window`` items (or all, if
    fewer) are submitted and before any result is waited for: work of the
    caller's own that overlaps the first tasks.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    in_flight: deque[_Future[R]] = deque()
    try:
        for item in items:
            in_flight.append(submit(item))
            if len(in_flight) >= window:
                if on_full is not None:
                    on_full, start = None, on_full
                    start()
                yield in_flight.popleft().result()
        if on_full is not None:
            on_full()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        for future in in_flight:
            future.cancel()
