"""Loading processed articles into a store: :class:`ArticleOutput`, :func:`write_outputs`, :class:`GraphWriter`.

An :class:`ArticleOutput` is one article's named graph as N-Quads text plus
the counts a build report needs (workers may send it with records only, see
:func:`geokg.graph.builder.parallel.finish_output`).  :class:`GraphWriter`
loads outputs in batches on a background thread, one transaction (or one
bulk load) per batch, and notes each committed batch in the build journal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from geokg.ingest.records import ArticleResult, ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.builder.journal import Journal
    from geokg.graph.store import GraphStore

__all__ = ["ArticleOutput", "GraphWriter", "StoredDescriptions", "write_outputs"]


@dataclass(frozen=True, slots=True)
class ArticleOutput:
    """One processed article: its graph as N-Quads and its counts.

    ``result`` holds the article's records.  An output from a worker process
    has records but no N-Quads yet (``nquads == ""``):
    :func:`~geokg.graph.builder.parallel.finish_output`
    writes them in the parent.  Outputs ready to store keep ``result`` only
    when asked to (``keep_result``).
    """

    article_id: str
    origin: str | None
    graph: str
    nquads: str
    digest: str
    words: int = 0
    sentences: int = 0
    extractions: int = 0
    events: int = 0
    actors: tuple[str, ...] = ()
    discarded: tuple[str, ...] = ()  # why parts were not coded ("story: world cup")
    result: ArticleResult | None = field(default=None, compare=False, repr=False)


def write_outputs(store: "GraphStore", outputs: list[ArticleOutput], *, atomic: bool = True) -> None:
    """Replace the outputs' named graphs in ``store``, in one transaction when ``atomic``.

    The descriptions of actors, places and publishers the articles name
    (:func:`~geokg.graph.rdf.writer.description_graph`) are added to their
    graphs, not replaced: each graph is the union of what every article wrote.

    Oxigraph stores load the N-Quads text directly (``replace_nquads``;
    ``atomic=False`` uses its faster, non-transactional bulk loader); other
    stores get it parsed into rdflib triples (``replace_graphs``).

    Raises
    ------
    SyntaxError, ValueError
        When a graph's N-Quads are malformed (e.g. an invalid IRI).
    """
    load = getattr(store, "replace_nquads", None)
    if load is not None:
        load([o.graph for o in outputs], "".join(o.nquads for o in outputs), atomic=atomic)
        return
    import pyoxigraph as ox
    from geokg.graph.store.terms import _from_ox
    from rdflib import URIRef

    graphs: dict = {URIRef(o.graph): [] for o in outputs}
    for quad in ox.parse("".join(o.nquads for o in outputs), format=ox.RdfFormat.N_QUADS):
        graph = URIRef(quad.graph_name.value)
        graphs.setdefault(graph, []).append((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    described = [g for g in graphs if g not in {URIRef(o.graph) for o in outputs}]
    if described:  # descriptions of actors, places, publishers: added to what the store holds, as a bulk load does
        for row in store.query(
            "SELECT ?g ?s ?p ?o WHERE { VALUES ?g { " + " ".join(g.n3() for g in described) + " } GRAPH ?g { ?s ?p ?o } }"
        ):
            graphs[row[0]].append((row[1], row[2], row[3]))
    store.replace_graphs(graphs)


class StoredDescriptions:
    """The description quads a writer has stored, so that each is sent to the store once.

    Every article that names an actor, a place or a publisher writes its
    description (type, label, kind, ...) to the graph named by that node
    (:func:`~geokg.graph.rdf.writer.description_graph`); the store keeps each
    quad once.  :meth:`new` drops from a batch of outputs the description
    quads already stored by this writer or sent by an earlier output of the
    batch, so the store does not parse them again: on the sample corpus they
    are a tenth of what the articles write.  A quad counts as stored only
    once :meth:`stored` is called after its batch committed.  Past ``limit``
    distinct quads the memory is cleared: later outputs then send their
    descriptions again, which the store ignores.

    Examples
    --------
    >>> a1 = ArticleOutput("a1", None, "x:a1", '<x:s> <x:p> "o" <x:a1> .\\n<x:n> <x:p> "N" <x:n> .\\n', "d")
    >>> a2 = replace(a1, article_id="a2", graph="x:a2", nquads=a1.nquads.replace("x:a1", "x:a2"))
    >>> known = StoredDescriptions()
    >>> [o.nquads for o in known.new([a1, a2])]
    ['<x:s> <x:p> "o" <x:a1> .\\n<x:n> <x:p> "N" <x:n> .\\n', '<x:s> <x:p> "o" <x:a2> .\\n']
    >>> known.stored([a1])
    >>> known.new([a1])[0].nquads
    '<x:s> <x:p> "o" <x:a1> .\\n'
    """

    def __init__(self, limit: int = 500_000) -> None:
        self.limit = limit
        self._quads: set[str] = set()

    @staticmethod
    def _lines(output: ArticleOutput) -> tuple[list[str], str]:
        """The output's N-Quads lines (split on newlines only) and the end of a line of its own graph."""
        return output.nquads.split("\n"), f" <{output.graph}> ."

    def new(self, outputs: Iterable[ArticleOutput]) -> list[ArticleOutput]:
        """The ``outputs`` without the description quads already stored or sent by an earlier one."""
        sent: set[str] = set()
        out = []
        for output in outputs:
            lines, own = self._lines(output)
            kept = [line for line in lines
                    if line.endswith(own) or not line or (line not in self._quads and line not in sent)]
            sent.update(line for line in kept if line and not line.endswith(own))
            out.append(output if len(kept) == len(lines) else replace(output, nquads="\n".join(kept)))
        return out

    def stored(self, outputs: Iterable[ArticleOutput]) -> None:
        """Note the description quads of ``outputs``, now committed."""
        for output in outputs:
            lines, own = self._lines(output)
            self._quads.update(line for line in lines if line and not line.endswith(own))
        if len(self._quads) > self.limit:
            self._quads.clear()


class GraphWriter:
    """Writes :class:`ArticleOutput` s to a store: batches, one transaction each.

    A batch is ``batch_size`` articles or ``batch_bytes`` characters of
    N-Quads, whichever comes first.

    A background thread does the writing (Oxigraph parses and stores without
    the GIL, so it overlaps with parsing in the caller's thread) and, after
    each commit, appends the batch to the ``journal``.  ``atomic=False``
    uses Oxigraph's bulk loader instead of a transaction per batch (see
    :meth:`~geokg.graph.store.embedded.OxigraphGraphStore.replace_nquads`); the
    journal then notes each batch before writing it (:meth:`Journal.begin`)
    and lists only batches that were completely written.  At most
    ``max_pending`` full batches wait for it; :meth:`add` blocks beyond that.
    After every ``flush_bytes`` of N-Quads written the store is flushed
    (Oxigraph otherwise keeps growing in-memory write buffers, ~1 GB for a
    few hundred articles).  A graph the store refuses (malformed N-Quads) is
    isolated by writing the
    batch's articles one by one and comes back as a :class:`ReadError`; a
    store failure (I/O, lock) stops the writer and is raised by :meth:`add`
    or :meth:`close`.

    :meth:`drain` returns what was committed (outputs) or refused (errors)
    since the last call, in order, for the caller to count and report.
    ``on_commit`` is called in the writer thread with each committed batch.
    """

    def __init__(
        self,
        store: "GraphStore",
        *,
        journal: "Journal | None" = None,
        batch_size: int = 256,
        batch_bytes: int = 8_000_000,
        max_pending: int = 2,
        atomic: bool = True,
        flush_bytes: int = 24_000_000,
        on_commit: Callable[[list[ArticleOutput]], None] | None = None,
    ) -> None:
        import queue
        import threading

        if batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {batch_size}")
        self.store = store
        self.journal = journal
        self.batch_size = batch_size
        self.batch_bytes = batch_bytes
        self._batch_chars = 0
        self.atomic = atomic
        self.flush_bytes = flush_bytes
        self._unflushed = 0
        self.on_commit = on_commit
        self._described = StoredDescriptions()
        self._batch: list[ArticleOutput] = []
        self._todo: queue.Queue[list[ArticleOutput] | None] = queue.Queue(maxsize=max_pending)
        self._done: queue.SimpleQueue[ArticleOutput | ReadError] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="geokg-writer", daemon=True)
        self._thread.start()

    def add(self, output: ArticleOutput) -> None:
        """Queue one output; hand a full batch to the writer thread."""
        self._check()
        self._batch.append(output)
        self._batch_chars += len(output.nquads)
        if len(self._batch) >= self.batch_size or self._batch_chars >= self.batch_bytes:
            self._todo.put(self._batch)
            self._batch, self._batch_chars = [], 0

    def drain(self) -> list[ArticleOutput | ReadError]:
        """What was committed or refused since the last call."""
        items = []
        while not self._done.empty():
            items.append(self._done.get())
        return items

    def close(self, *, check: bool = True) -> None:
        """Write what is left, wait for the thread; raise its failure when ``check``."""
        if self._thread.is_alive():
            if self._batch and self._error is None:
                self._todo.put(self._batch)
            self._batch = []
            self._todo.put(None)
            self._thread.join()
        if check:
            self._check()

    def _check(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while True:
            batch = self._todo.get()
            if batch is None:
                return
            if self._error is not None:
                continue  # a failed store takes no more writes; keep the queue moving
            try:
                self._commit(batch)
            except BaseException as exc:  # store I/O, lock, bug: stop and report to the caller
                self._error = exc

    def _commit(self, batch: list[ArticleOutput]) -> None:
        if not self.atomic and self.journal is not None:
            self.journal.begin(o.article_id for o in batch)
        sent = self._described.new(batch)
        try:
            write_outputs(self.store, sent, atomic=self.atomic)
        except (SyntaxError, ValueError) as exc:
            if len(batch) > 1:
                for output in batch:
                    self._commit([output])
                return
            output = batch[0]
            self._done.put(ReadError(output.origin or output.article_id, f"the store refused its graph: {exc}"))
            return
        self._described.stored(sent)
        if self.journal is not None:
            self.journal.record((o.article_id, o.digest) for o in batch)
        for output in batch:
            self._done.put(output)
        self._unflushed += sum(len(o.nquads) for o in sent)
        if self._unflushed >= self.flush_bytes:
            flush = getattr(self.store, "flush", None)
            if flush is not None:
                flush()  # write RocksDB's memtables out: memory stays flat however much is loaded
            self._unflushed = 0
        if self.on_commit is not None:  # e.g. publish a snapshot for readers: the store holds whole batches now
            self.on_commit(batch)
