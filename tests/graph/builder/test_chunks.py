"""Tests for geokg.graph.builder.chunks: chunks of work, tapering at the end, a bounded window."""

from __future__ import annotations

from concurrent.futures import Future

import pytest
from geokg.graph.builder.chunks import bounded_map, chunked, tapered
from hypothesis import given, settings
from hypothesis import strategies as st


class _Recorder:
    """A submit function whose futures resolve only when their result is asked for."""

    def __init__(self):
        self.in_flight = 0
        self.most = 0
        self.cancelled = 0

    def __call__(self, item):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        recorder = self

        class Lazy:
            def result(self):
                recorder.in_flight -= 1
                return item * 10

            def cancel(self):
                recorder.cancelled += 1

        return Lazy()


def test_bounded_map_keeps_order_and_bounds_work_in_flight():
    rec = _Recorder()
    drawn = []

    def items():
        for i in range(20):
            drawn.append(i)
            yield i

    out = bounded_map(rec, items(), window=3)
    assert next(out) == 0 and len(drawn) == 3  # the input is read only as results are taken
    assert list(out) == [i * 10 for i in range(1, 20)]
    assert rec.most == 3


@pytest.mark.parametrize("n, submitted", [(10, 3), (2, 2)])
def test_bounded_map_calls_on_full_once_before_waiting_for_a_result(n, submitted):
    rec = _Recorder()
    calls = []
    out = bounded_map(rec, range(n), window=3, on_full=lambda: calls.append(rec.in_flight))
    assert list(out) == [i * 10 for i in range(n)]
    assert calls == [submitted]  # the first tasks were sent, none was waited for yet


def test_closing_bounded_map_cancels_what_is_in_flight():
    rec = _Recorder()
    out = bounded_map(rec, range(10), window=4)
    next(out)
    out.close()
    assert rec.cancelled == 3


def test_bounded_map_works_with_concurrent_futures():
    def submit(x):
        f: Future = Future()
        f.set_result(x + 1)
        return f

    assert list(bounded_map(submit, range(5), window=2)) == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        list(bounded_map(submit, range(5), window=0))


def test_chunked():
    assert [list(c) for c in chunked("abcde", 2)] == [["a", "b"], ["c", "d"], ["e"]]
    assert list(chunked([], 3)) == []
    with pytest.raises(ValueError):
        list(chunked("ab", 0))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=50), max_size=60), st.integers(1, 8), st.integers(1, 120),
       st.integers(1, 30))
def test_tapered_keeps_every_item_in_order_and_shrinks_the_end(weights, size, max_weight, last):
    """Tapering only cuts differently: the same items in order, no chunk over ``size`` items, and
    after the untouched chunks, each chunk at most about half of what is left (or ``last``)."""
    chunks = list(chunked(range(len(weights)), size, weight=weights.__getitem__, max_weight=max_weight))
    out = list(tapered(iter(chunks), weight=weights.__getitem__, last_weight=last, size=size))
    assert [i for c in out for i in c] == list(range(len(weights)))
    assert all(0 < len(c) <= size for c in out)
    kept = max(len(chunks) - 2, 0)
    assert out[:kept] == chunks[:kept]
    for k, chunk in enumerate(out[kept:], start=kept):
        rest = sum(weights[i] for c in out[k:] for i in c)
        before_last = sum(weights[i] for i in chunk[:-1])
        assert before_last < max(rest // 2, last)  # the chunk stopped as soon as it reached its share


def test_article_chunks_taper_only_when_asked():
    from geokg.graph.builder.parallel import article_chunks
    from geokg.ingest.records import Article

    pending = [(Article(id=f"a{i}", title="", text="x" * 1_000), f"d{i}") for i in range(40)]
    plain = [len(c) for c in article_chunks(pending, 32, 10_000)]
    ends = [len(c) for c in article_chunks(pending, 32, 10_000, last_chars=1_000)]
    assert plain == [10, 10, 10, 10]
    assert ends == [10, 10, 10, 5, 3, 1, 1]
