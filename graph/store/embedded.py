"""Embedded Oxigraph (RocksDB in a folder, or in memory): the default store, ``oxigraph.v1``.

Every article's statements live in a named graph of their own (the article's
IRI), so writing an article *replaces* that graph and removing an article drops
it; the dataset's default graph is the union of all named graphs.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> store = OxigraphGraphStore(None)
>>> g = URIRef("https://w3id.org/geokg/id/article/a1")
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))]})
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("new"))]})
>>> [str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['new']
>>> store.remove_graph(g), len(store)
(True, 0)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geokg.graph.store.base import (
    STORES,
    QueryError,
    StoreError,
    StoreLockedError,
    Triple,
    values_clause,
)
from geokg.graph.store.terms import _BlankNodeFound, _from_ox, _to_ox, to_nquads
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

__all__ = ["REWRITE_BATCH_QUADS", "REWRITE_BYTES_PER_QUAD", "OxigraphGraphStore", "available_memory",
           "rewrite_memory"]

#: Memory Oxigraph's bulk loader holds per quad while :meth:`OxigraphGraphStore.rewrite` copies
#: a store (pyoxigraph 0.5, 2 cores; ``benchmarks/SCALING.md``, thirteenth session: 0.90-0.93 KB
#: a quad from 300,000 to 1,000,000 quads of the scale benchmark's mix) ...
REWRITE_BYTES_PER_QUAD = 950
#: ... and the most quads it holds at once: the peak stops growing there (its batch; 1.33M
#: quads took 0.97 GB, 1M 0.92 GB).
REWRITE_BATCH_QUADS = 1_000_000


class OxigraphGraphStore:
    """An Oxigraph store (persistent in ``location``, else in memory).

    Parameters
    ----------
    location
        Directory of the store (created when missing); ``None`` for memory.
    read_only
        Open without taking the write lock (queries while an ingest runs).
    """

    def __init__(self, location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.location = str(location) if location is not None else None
        self.read_only = read_only
        self._spool: _Spool | None = None
        try:
            if location is None:
                self._ox = ox.Store()
            elif read_only:
                if not Path(location, "CURRENT").is_file():
                    raise StoreError(f"{location}: not a geokg/Oxigraph store (run 'geokg build' first)")
                self._ox = ox.Store.read_only(str(location))
            else:
                folder = Path(location)
                if folder.is_dir() and not (folder / "CURRENT").is_file() and any(folder.iterdir()):
                    raise StoreError(
                        f"{location}: the folder holds other files and no Oxigraph store; "
                        "refusing to write a store into it (choose an empty or new folder)"
                    )
                _recover_rewrite(folder)
                folder.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(location))
                _spool_path(folder).unlink(missing_ok=True)  # the spool of a build a crash cut short
        except (OSError, RuntimeError) as exc:  # RocksDB reports damaged files as RuntimeError
            msg = str(exc)
            if isinstance(exc, RuntimeError) or "Corruption" in msg or "MANIFEST" in msg:
                raise StoreError(
                    f"{location}: the store is damaged or incomplete ({msg}); delete the folder and run "
                    "'geokg build' again, or restore a copy"
                ) from None
            if "lock" in msg.lower():
                raise StoreLockedError(
                    f"{location}: the store is in use by another geokg process (write lock held); "
                    "wait for it to finish, or open it read-only for queries"
                ) from None
            raise StoreError(f"{location}: cannot open the store ({msg})") from None

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Replace each named graph with the given triples (bulk path).

        The triples are written as N-Quads text and loaded by Oxigraph in one
        transaction (parsing and writing run in Rust without the GIL).  Graphs
        with blank nodes go through term objects instead, so blank-node labels
        are kept as given (an N-Quads load would rename them).
        """
        import pyoxigraph as ox

        items = {name: triples if isinstance(triples, list) else list(triples) for name, triples in graphs.items()}
        try:
            data = to_nquads(items, blank_nodes=False)
        except _BlankNodeFound:
            quads = []
            for name, triples in items.items():
                g = ox.NamedNode(str(name))
                quads.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), g) for s, p, o in triples)
            self._remove_graphs(items)
            # ``extend`` is one transaction: all quads of the batch or none.
            self._ox.extend(quads)
            if self._spool is not None:
                self._spool.valid = False  # quads the spool does not hold: a rewrite reads the store
            return
        self.replace_nquads(items, data)

    def replace_nquads(self, graphs: Iterable[URIRef | str], data: str | bytes, *, atomic: bool = True) -> None:
        """Replace the named ``graphs`` with the quads of N-Quads ``data``.

        ``data`` should only hold quads of ``graphs``.  The graphs are dropped
        first.  With ``atomic`` the quads are loaded in one transaction: when
        ``data`` is malformed none of it is written and a :class:`SyntaxError`
        names the line.  Without it Oxigraph's bulk loader writes them (about
        3x less CPU and half the memory, but not atomic: a crash can leave
        part of the batch written); on malformed data the graphs are dropped
        again, so no half-written graph stays.
        """
        import pyoxigraph as ox

        graphs = list(graphs)
        self._remove_graphs(graphs)
        if atomic:
            # ``load`` is one transaction: all quads of the batch or none.
            self._ox.load(data, format=ox.RdfFormat.N_QUADS)
        else:
            try:
                self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, ValueError):
                self._remove_graphs(graphs)
                raise
        if self._spool is not None:
            self._spool.add(data)

    def start_spool(self) -> None:
        """From now on, keep a copy of what :meth:`replace_nquads` loads, for :meth:`rewrite`.

        The copy is an N-Quads file beside the folder (``<folder>.spool.nq``,
        deleted by :meth:`rewrite` and :meth:`close`).  :meth:`rewrite` then
        bulk-loads that file and the graphs the store held when the spool
        started, instead of reading every quad back from the store: half its
        time (``benchmarks/SCALING.md``, twentieth session).  A write the spool
        cannot follow (blank nodes, which a load renames) makes the rewrite read
        the store as before, and so does a copy whose size differs from the
        store's (a graph replaced or removed after it was spooled).
        """
        import pyoxigraph as ox

        if self.location is None or self.read_only:
            raise StoreError("only an on-disk store opened for writing can keep a spool")
        self._drop_spool()
        before = [*self._ox.named_graphs(), ox.DefaultGraph()]
        self._spool = _Spool(_spool_path(Path(self.location)), before)

    def _remove_graphs(self, graphs: Iterable[URIRef | str]) -> None:
        import pyoxigraph as ox

        for name in graphs:
            node = ox.NamedNode(str(name))
            if self._ox.contains_named_graph(node):
                self._ox.remove_graph(node)

    def remove_graph(self, graph: URIRef) -> bool:
        """Drop a named graph; ``False`` when it was not there."""
        import pyoxigraph as ox

        node = ox.NamedNode(str(graph))
        if not self._ox.contains_named_graph(node):
            return False
        self._ox.remove_graph(node)
        return True

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists."""
        import pyoxigraph as ox

        return bool(self._ox.contains_named_graph(ox.NamedNode(str(graph))))

    def graphs(self) -> list[URIRef]:
        """Names of all named graphs."""
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if hasattr(g, "value"))

    def is_empty(self) -> bool:
        """Whether the store holds no named graph (without listing them)."""
        return next(iter(self._ox.named_graphs()), None) is None

    def dataset(self) -> Dataset:
        """An rdflib ``Dataset`` view (default graph = union of named graphs)."""
        from oxrdflib import OxigraphStore

        return Dataset(store=OxigraphStore(store=self._ox), default_union=True)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run SPARQL over the union of all graphs; values bound safely.

        Runs on pyoxigraph directly and returns an rdflib ``Result`` whose rows
        are read eagerly, so no reference to the store outlives the call.
        """
        import pyoxigraph as ox

        try:
            answer = self._ox.query(values_clause(sparql, bindings), use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                result = Result("ASK")
                result.askAnswer = bool(answer)
                return result
            if isinstance(answer, ox.QuerySolutions):
                result = Result("SELECT")
                names = [v.value for v in answer.variables]
                result.vars = [Variable(n) for n in names]
                variables = [(n, Variable(n)) for n in names]
                terms: dict[Any, Node] = {}  # a value repeats across rows: convert it once
                result.bindings = []
                for sol in answer:
                    row = {}
                    for n, var in variables:
                        value = sol[n]
                        if value is not None:
                            term = terms.get(value)
                            row[var] = term if term is not None else terms.setdefault(value, _from_ox(value))
                    result.bindings.append(row)
                return result
            result = Result("CONSTRUCT")
            result.graph = Graph()
            for t in answer:
                result.graph.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
            return result
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
        except RuntimeError as exc:
            if "Corruption" in str(exc):  # RocksDB found damaged files while reading
                raise StoreError(f"{self.location}: the store is damaged ({exc})") from None
            raise QueryError(f"query failed: {exc}") from None

    def dump(self, file: Any, fmt: str = "nquads") -> None:
        """Write the whole dataset (``nquads`` or ``trig``) to a binary file."""
        import pyoxigraph as ox

        self._ox.dump(file, ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG)

    def __len__(self) -> int:
        return len(self._ox)

    def rewrite(self) -> tuple[int, int]:
        """Write every quad again into an empty folder and swap it in: (bytes before, bytes after).

        Oxigraph's RocksDB compresses only its bottom level, and only a bulk load
        into an *empty* store lands there; what later loads and compactions write
        stays uncompressed while the store is small (see ``benchmarks/SCALING.md``:
        the AG News build 42 MB, the same quads loaded once 24 MB).  The copy is
        made in ``<folder>.rewrite``; the old folder becomes ``<folder>.old``, the
        copy takes its name, the old one is deleted.  A crash in between is
        repaired when the store is next opened: the old folder comes back unless
        the copy already has its name.  Snapshots (hard links) stay valid.  After
        :meth:`start_spool`, the copy is loaded from the spool where it can be.
        """
        import shutil

        import pyoxigraph as ox

        if self.location is None or self.read_only:
            raise StoreError("only an on-disk store opened for writing can be rewritten")
        folder = Path(self.location)
        copy, old = _siblings(folder)
        before = _folder_bytes(folder)
        shutil.rmtree(copy, ignore_errors=True)
        try:
            if not self._rewrite_from_spool(copy):
                shutil.rmtree(copy, ignore_errors=True)
                target = ox.Store(str(copy))
                target.bulk_extend(self._ox)
                target.flush()
                del target
        except (OSError, RuntimeError):  # e.g. a full disk: the store stays as it was
            shutil.rmtree(copy, ignore_errors=True)
            raise
        finally:
            self._drop_spool()
        self._ox.flush()
        del self._ox  # closes RocksDB (no other reference: queries copy their rows out)
        try:
            folder.rename(old)
            copy.rename(folder)
        finally:  # the new store in place and the old one deleted, or (a rename failed) the old one back
            _recover_rewrite(folder)
            self._ox = ox.Store(str(folder))
        return before, _folder_bytes(folder)

    def _rewrite_from_spool(self, copy: Path) -> bool:
        """Write the store into ``copy`` from its spool (:meth:`start_spool`); False when it cannot."""
        import pyoxigraph as ox

        spool = self._spool
        if spool is None or not spool.close() or not spool.path.is_file():
            return False
        target = ox.Store(str(copy))
        try:
            target.bulk_load(path=str(spool.path), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError):  # the store took these lines; should the file not parse, read the store
            del target
            return False
        target.bulk_extend(q for g in spool.before for q in self._ox.quads_for_pattern(None, None, None, g))
        target.flush()
        # Every quad of the store was there before the spool started or went through it, so the
        # copy holds them all; the same count means nothing more (no graph replaced or dropped since).
        same = len(target) == len(self._ox)
        del target
        return same

    def _drop_spool(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool.path.unlink(missing_ok=True)
            self._spool = None

    def flush(self) -> None:
        """Make sure everything is written to disk."""
        if self.location is not None and not self.read_only:
            self._ox.flush()

    def close(self) -> None:
        """Release the store (and its lock)."""
        self.flush()
        self._drop_spool()
        del self._ox

    def __enter__(self) -> "OxigraphGraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STORES.register("oxigraph.v1")(OxigraphGraphStore)


def rewrite_memory(quads: int) -> int:
    """Bytes of memory :meth:`OxigraphGraphStore.rewrite` is expected to need for ``quads`` quads.

    >>> rewrite_memory(100_000) >> 20, rewrite_memory(5_000_000) == rewrite_memory(REWRITE_BATCH_QUADS)
    (90, True)
    """
    return REWRITE_BYTES_PER_QUAD * min(max(quads, 0), REWRITE_BATCH_QUADS)


def available_memory() -> int | None:
    """The memory the system can give without swapping (Linux ``MemAvailable``), in bytes;
    None where it is not known (no ``/proc/meminfo``)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class _Spool:
    """The N-Quads file :meth:`OxigraphGraphStore.start_spool` keeps, and the graphs before it."""

    def __init__(self, path: Path, before: list[Any]) -> None:
        self.path = path
        self.before = before
        self.valid = True
        self._file: Any = open(path, "w", encoding="utf-8")  # noqa: SIM115 - open until close()

    def add(self, data: str | bytes) -> None:
        """Append a load's N-Quads (not when they hold blank nodes: a load renames them)."""
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if not self.valid or "_:" in text:
            self.valid = False
            return
        self._file.write(text if not text or text.endswith("\n") else text + "\n")

    def close(self) -> bool:
        """Close the file; whether it holds every load since it started."""
        if not self._file.closed:
            self._file.close()
        return self.valid


def _spool_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".spool.nq")


def _siblings(folder: Path) -> tuple[Path, Path]:
    """The folders :meth:`OxigraphGraphStore.rewrite` writes the copy to and moves the old store to."""
    return folder.with_name(folder.name + ".rewrite"), folder.with_name(folder.name + ".old")


def _folder_bytes(folder: Path) -> int:
    """The bytes of the files in ``folder``; a file RocksDB deletes while it is counted (a
    compaction of the open store ends between the listing and the ``stat``) counts nothing."""
    total = 0
    for f in folder.rglob("*"):
        try:
            if f.is_file():
                total += f.stat().st_size
        except FileNotFoundError:
            continue
    return total


def _recover_rewrite(folder: Path) -> None:
    """Finish or undo a :meth:`~OxigraphGraphStore.rewrite` a crash cut short.

    With the store in its place, leftovers go; without it (the crash fell
    between the two renames) the old store comes back.
    """
    import shutil

    copy, old = _siblings(folder)
    if not (folder / "CURRENT").is_file() and (old / "CURRENT").is_file():
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        if not folder.exists():
            old.rename(folder)
    if (folder / "CURRENT").is_file():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
