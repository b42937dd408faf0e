"""Graph stores: where geokg keeps its RDF dataset.

Every article's statements live in a named graph of their own (the article's
IRI), so writing an article *replaces* that graph and removing an article drops
it; the dataset's default graph is the union of all named graphs.

Stores are chosen by versioned name through :data:`STORES`:

``oxigraph.v1``
    Embedded Oxigraph (RocksDB) in a directory, the default; with no
    directory, an in-memory Oxigraph store.
``rdflib-memory.v1``
    rdflib's pure-Python in-memory ``Dataset`` (for comparison and debugging).

Examples
--------
>>> from rdflib import URIRef, Literal
>>> store = open_store(None)
>>> g = URIRef("https://w3id.org/geokg/id/article/a1")
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("o"))]})
>>> len(store)
1
>>> store.replace_graphs({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal("new"))]})
>>> [str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['new']
>>> store.remove_graph(g)
True
>>> len(store)
0
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from geokg.ingest.registry import Registry
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

__all__ = [
    "STORES",
    "GraphStore",
    "OxigraphGraphStore",
    "MemoryGraphStore",
    "StoreError",
    "StoreLockedError",
    "QueryError",
    "open_store",
    "to_nquads",
    "values_clause",
    "iter_union",
    "union_graph",
]

Triple = tuple[Node, Node, Node]

#: Store factories by versioned name.
STORES: Registry[Any] = Registry("store")


class StoreError(RuntimeError):
    """A store could not be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(ValueError):
    """A SPARQL query is malformed or failed."""


class GraphStore(Protocol):
    """What geokg needs from a store."""

    location: str | None

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None: ...

    def remove_graph(self, graph: URIRef) -> bool: ...

    def has_graph(self, graph: URIRef) -> bool: ...

    def graphs(self) -> list[URIRef]: ...

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result: ...

    def dataset(self) -> Dataset: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- #
# Oxigraph


def _to_ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store RDF term {term!r}")


class _BlankNodeFound(Exception):
    """A blank node where ``to_nquads(blank_nodes=False)`` allows none."""


_NQ_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nq_term(term: Node, blank_nodes: bool) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NQ_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        if not blank_nodes:
            raise _BlankNodeFound(str(term))
        return f"_:{term}"
    raise TypeError(f"cannot store RDF term {term!r}")


def to_nquads(graphs: Mapping[Node, Iterable[Triple]], *, blank_nodes: bool = True) -> str:
    """Serialise named graphs of rdflib triples as N-Quads text, fast.

    Each distinct term is formatted once per call.  IRIs are written as
    given: a store that loads the text (Oxigraph) validates them.  Blank nodes
    become ``_:label`` (labels are scoped to the document, as N-Quads says);
    ``blank_nodes=False`` refuses them.  Triples are not de-duplicated (stores
    have set semantics).

    Examples
    --------
    >>> g = URIRef("urn:g")
    >>> print(to_nquads({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"\\n', lang="en")),
    ...                      (URIRef("urn:s"), URIRef("urn:n"), Literal(3))]}), end="")
    <urn:s> <urn:p> "say \\"hi\\"\\n"@en <urn:g> .
    <urn:s> <urn:n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g> .
    """
    cache: dict[Node, str] = {}  # IRIs repeat a lot; most literals (quotes, offsets) do not

    def fmt(term: Node) -> str:
        if type(term) is Literal:
            text = '"' + str.translate(term, _NQ_ESCAPES) + '"'
            if term._language:
                return f"{text}@{term._language}"
            if term._datatype:
                return f"{text}^^<{term._datatype}>"
            return text
        text = cache.get(term)
        if text is None:
            text = cache[term] = _nq_term(term, blank_nodes)
        return text

    lines: list[str] = []
    get = cache.get
    for name, triples in graphs.items():
        tail = f" {_nq_term(name, blank_nodes)} .\n"
        # subjects and predicates are IRIs (or blank nodes): most are found in the cache inline
        lines.extend(f"{get(s) or fmt(s)} {get(p) or fmt(p)} {fmt(o)}{tail}" for s, p, o in triples)
    return "".join(lines)


def values_clause(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """Append ``bindings`` to a query as a trailing ``VALUES`` clause.

    SPARQL 1.1 allows a ``VALUES`` block after the solution modifiers; it is
    joined with the query pattern before projection, and every value is
    written in its escaped N-Triples form, so user text cannot change the
    query's structure.

    Examples
    --------
    >>> print(values_clause("SELECT ?a WHERE { ?a ?p ?name }", {"name": Literal('x" } DROP ALL {')}))
    SELECT ?a WHERE { ?a ?p ?name }
    VALUES (?name) { ("x\\" } DROP ALL {") }
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise QueryError(f"bad variable name {name!r}")
    for value in bindings.values():
        if isinstance(value, URIRef) and any(c in str(value) for c in '<>"{}|^`\\ \n'):
            raise QueryError(f"not a valid IRI: {str(value)!r}")
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(bindings[n].n3() for n in names)
    return f"{sparql.rstrip()}\nVALUES ({head}) {{ ({row}) }}"


def _from_ox(term: Any) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


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
                folder.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(location))
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
            return
        try:
            self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError):
            self._remove_graphs(graphs)
            raise

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
                result.bindings = [
                    {Variable(n): _from_ox(sol[n]) for n in names if sol[n] is not None} for sol in answer
                ]
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

    def flush(self) -> None:
        """Make sure everything is written to disk."""
        if self.location is not None and not self.read_only:
            self._ox.flush()

    def close(self) -> None:
        """Release the store (and its lock)."""
        self.flush()
        del self._ox

    def __enter__(self) -> "OxigraphGraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class MemoryGraphStore:
    """rdflib's in-memory ``Dataset`` behind the same interface."""

    def __init__(self, location: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> None:
        if location is not None:
            raise StoreError("the rdflib memory store has no location")
        self.location = None
        self.read_only = read_only
        self._ds = Dataset(default_union=True)

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Replace each named graph with the given triples."""
        for name, triples in graphs.items():
            self._ds.remove_graph(name)
            g = self._ds.graph(name)
            g.addN((s, p, o, g) for s, p, o in triples)

    def remove_graph(self, graph: URIRef) -> bool:
        """Drop a named graph; ``False`` when it was not there."""
        if not self.has_graph(graph):
            return False
        self._ds.remove_graph(graph)
        return True

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph exists and holds triples."""
        return len(self._ds.graph(graph)) > 0

    def graphs(self) -> list[URIRef]:
        """Names of all non-empty named graphs."""
        return sorted(
            g.identifier for g in self._ds.graphs() if isinstance(g.identifier, URIRef) and len(g)
            and not str(g.identifier).startswith("urn:x-rdflib:")
        )

    def dataset(self) -> Dataset:
        """The underlying rdflib ``Dataset``."""
        return self._ds

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run SPARQL over the union of all graphs."""
        try:
            return self._ds.query(values_clause(sparql, bindings))
        except Exception as exc:  # pyparsing raises its own exception types
            if type(exc).__name__ in ("ParseException", "ParseSyntaxException"):
                raise QueryError(f"malformed SPARQL: {exc}") from None
            raise

    def __len__(self) -> int:
        return sum(len(g) for g in self._ds.graphs())

    def flush(self) -> None:
        """Nothing to flush in memory."""

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> "MemoryGraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STORES.register("oxigraph.v1")(OxigraphGraphStore)
STORES.register("rdflib-memory.v1")(MemoryGraphStore)


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    kind: str = "oxigraph.v1",
    read_only: bool = False,
) -> GraphStore:
    """Open a store by registry name (default: embedded Oxigraph).

    ``location=None`` gives an in-memory store; an ``http(s)://`` URL a
    remote SPARQL endpoint (``sparql.v1``).  An Oxigraph folder opened
    ``read_only`` goes through :func:`geokg.graph.store.snapshot.open_reader`: while
    an ingest writes it, the reader gets the ingest's newest snapshot.
    """
    if location is not None and str(location).startswith(("http://", "https://")):
        import geokg.graph.store.remote as remote  # noqa: F401  (registers sparql.v1)

        kind = "sparql.v1"
    elif read_only and kind == "oxigraph.v1" and location is not None:
        # never a store an ingest is writing: its snapshot then
        from geokg.graph.store.reader import open_reader

        return open_reader(location)
    return STORES.get(kind)(location, read_only=read_only)


def iter_union(store: GraphStore) -> Iterator[Triple]:
    """Triples of the union graph (distinct), for exports."""
    seen: set[Triple] = set()
    for s, p, o, _g in store.dataset().quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # Oxigraph types every plain literal as xsd:string
        t = (s, p, o)
        if t not in seen:
            seen.add(t)
            yield t


def union_graph(store: GraphStore) -> Graph:
    """The union of all named graphs as one rdflib ``Graph`` (copies)."""
    g = Graph()
    for t in iter_union(store):
        g.add(t)
    return g
