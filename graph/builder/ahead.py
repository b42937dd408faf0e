"""Parse ahead: a one-process build whose spaCy parsing runs in a second process.

A build with ``jobs=1`` does all its work in one process: spaCy parses an
article, then the extractor, the coder and the RDF writer turn the parse into
N-Quads, and only then is the next article parsed.  Parsing is about two
thirds of that work.  With a second CPU free, :func:`parse_ahead_outputs`
moves the parsing into one forked process (:func:`parse_chunk`), which parses
chunk after chunk and sends each back as a :class:`~spacy.tokens.DocBin`
(written by :class:`~geokg.graph.builder.docbin.LeanDocBin`; about 7% of spaCy's time
to write and read again on Python 3.12), while this process derives
records and N-Quads from the parses it already has.  The two overlap, so the
build takes about as long as the parsing alone.  It does the same work, so it
takes as much CPU time as before, and the graph it writes is exactly the serial
build's (the parses are the same, read back from their arrays).

It is used where it can help and is safe (:func:`can_parse_ahead`): Linux
(the process is forked after the pipeline is loaded, so it starts with the
model in memory), no other Python thread in this process, at least two CPUs
for this process, and ``nlp.pipe`` with one process.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> blob = doc_bytes(nlp.pipe(["Peru protests.", "Chile agrees."]))
>>> [d.text for d in read_docs(blob, nlp.vocab)]
['Peru protests.', 'Chile agrees.']
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from geokg.graph.builder.chunks import bounded_map
from geokg.graph.builder.parallel import (
    DEFAULT_CHUNK_SIZE,
    LAST_CHUNK_CHARS,
    ArticleOutput,
    Pending,
    PipelineSource,
    WorkerPool,
    article_chunks,
    article_output,
    can_fork,
)
from geokg.ingest.records import ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.rdf.writer import RunInfo
    from geokg.ingest.pipeline import Pipeline, Settings
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = [
    "DOC_ATTRS",
    "available_cpus",
    "can_parse_ahead",
    "doc_bytes",
    "read_docs",
    "parse_chunk",
    "parse_ahead_pool",
    "parse_ahead_outputs",
]

#: The token attributes a parse is sent back with: everything the extractor and coder read.
DOC_ATTRS = ("ORTH", "NORM", "LEMMA", "TAG", "POS", "MORPH", "DEP", "HEAD", "SENT_START",
             "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")


def available_cpus() -> int:
    """CPUs this process may run on (its affinity where the platform tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_parse_ahead(settings: "Settings") -> bool:
    """Whether a build with ``settings`` in this process can parse in a forked process of its own.

    Examples
    --------
    >>> from geokg.ingest.pipeline import Settings
    >>> can_parse_ahead(Settings(n_process=2))
    False
    """
    return settings.n_process == 1 and available_cpus() >= 2 and can_fork()


def doc_bytes(docs: Iterable["Doc"]) -> bytes:
    """``docs`` as one :class:`~spacy.tokens.DocBin` message (:class:`~geokg.graph.builder.docbin.LeanDocBin`):
    their :data:`DOC_ATTRS`, spans and entities, and the user data (custom attributes, ``doc._``) a
    pipeline's components set, when any did; no tensors.

    Raises
    ------
    TypeError
        When the user data cannot be serialised, saying what to do instead.
    """
    from geokg.graph.builder.docbin import LeanDocBin

    docs = list(docs)
    user_data = any(doc.user_data for doc in docs)
    box = LeanDocBin(attrs=list(DOC_ATTRS), store_user_data=user_data)  # DocBin's message, made faster
    try:
        for doc in docs:
            box.add(doc)
        return bytes(box.to_bytes())
    except (TypeError, ValueError) as exc:  # msgpack: an object it cannot write
        raise TypeError(
            f"geokg's parse-ahead process cannot send these parses back: the pipeline's components set "
            f"custom attributes that cannot be serialised ({type(exc).__name__}: {exc}); build with "
            f"--no-parse-ahead (parse_ahead=False)") from None


def read_docs(blob: bytes, vocab: "Vocab") -> list["Doc"]:
    """The docs of :func:`doc_bytes`, on ``vocab``."""
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(blob).get_docs(vocab))


def parse_chunk(source: PipelineSource, texts: list[str], batch_size: int) -> bytes:
    """What the parse-ahead process does with a task: parse ``texts`` (:func:`doc_bytes`)."""
    return doc_bytes(source.load().nlp.pipe(texts, batch_size=batch_size))


def parse_ahead_pool(pipeline: "Pipeline") -> WorkerPool:
    """One process forked now, holding ``pipeline`` (the caller's own object, not a copy loaded anew).

    It only parses, so only ``pipeline.nlp`` must be loaded: the coder and
    the RDF writer's geocoder may be loaded after the fork, while it parses.
    """
    from geokg.graph.builder.parallel import worker_pool

    source = PipelineSource(pipeline.settings, digest=f"ahead-{id(pipeline):x}")
    return worker_pool(1, source, pipeline=pipeline, fork=True, preload=False)


def parse_ahead_outputs(
    pipeline: "Pipeline",
    pending: Iterable[Pending],
    *,
    pool: WorkerPool,
    run: "RunInfo | None",
    keep_results: bool = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_chars: int = 40_000,
    window: int = 6,
    complete: Callable[[], "Pipeline"] | None = None,
) -> Iterator[ArticleOutput | ReadError]:
    """Outputs of ``pending`` in input order, parsed by ``pool`` (:func:`parse_ahead_pool`), the rest here.

    At most ``window`` chunks are parsed or waiting at a time, so memory
    stays flat.  The first six, growing from 2,500 to 40,000 characters,
    hold about 2 s of parsing: the parser does not run dry while ``complete``,
    when given, makes the pipeline that codes
    the parses (from ``pipeline``, loaded with spaCy only): it is called
    once the first chunks are sent, so it runs while they are parsed.

    Raises
    ------
    RuntimeError
        When the parsing process dies (the articles in flight are not written).
    """
    from concurrent.futures.process import BrokenProcessPool

    sent: deque[list[Pending]] = deque()  # the chunks in flight, in order

    def submit(chunk: list[Pending]) -> Any:
        sent.append(chunk)
        texts = [article.content for article, _ in chunk]
        batch = max(1, min(pipeline.settings.batch_size, len(texts)))
        return pool.submit(parse_chunk, pool.source, texts, batch)

    def start() -> None:  # the pipeline that codes: ``complete()``'s, made while the first chunks are parsed
        nonlocal pipeline
        if complete is not None:
            pipeline = complete()

    # a small first chunk comes back soon, so the two processes overlap from the start, and the last
    # ones shrink, so little is left to do here once the last parse is back
    chunks = article_chunks(pending, chunk_size, max_chars, first_chars=2_500, last_chars=LAST_CHUNK_CHARS)
    parsed = bounded_map(submit, chunks, window=window, on_full=start)
    try:
        for blob in parsed:
            chunk = sent.popleft()
            for doc, (article, digest) in zip(read_docs(blob, pipeline.nlp.vocab), chunk, strict=True):
                yield article_output(pipeline, doc, article, digest=digest, run=run, keep_result=keep_results)
    except BrokenProcessPool as exc:
        raise RuntimeError(f"geokg's parsing process died ({exc}); the articles in flight were not written") from None
    finally:
        parsed.close()
