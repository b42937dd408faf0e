"""Exports of a store: Turtle (union graph), TriG and N-Quads (named graphs).

Writers are thin: on an Oxigraph store Oxigraph's own serialisers write the
files (fast, and without holding the GIL where they can); on other stores
rdflib does.  Both bind geokg's usual prefixes so files are readable.

Examples
--------
>>> import tempfile, pathlib
>>> from rdflib import URIRef, Literal
>>> from geokg.graph.store import open_store
>>> store = open_store(None)
>>> store.replace_graphs({URIRef("urn:g"): [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))]})
>>> path = write_turtle(store, pathlib.Path(tempfile.mkdtemp()) / "g.ttl")
>>> sorted(Graph().parse(path, format="turtle"))[0][2]
rdflib.term.Literal('x')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from geokg.graph.store import GraphStore, iter_union
from geokg.ontology.namespace import (  # the one prefix table (re-exported)
    PREFIXES,
    bind_prefixes,
)
from rdflib import XSD, Dataset, Graph, Literal

__all__ = [
    "PREFIXES",
    "bind_prefixes",
    "write_turtle",
    "write_ntriples",
    "write_trig",
    "write_trig_and_turtle",
    "write_nquads",
    "write_jsonld",
    "write_event_table",
    "EXPORTS",
    "export",
    "dataset_copy",
]


def _ox(store: GraphStore) -> Any:
    """The pyoxigraph store behind ``store`` (fast serialisers), else ``None``."""
    from geokg.graph.store import OxigraphGraphStore

    return store._ox if isinstance(store, OxigraphGraphStore) else None  # noqa: SLF001


#: The union of the named graphs, each triple once (Oxigraph's CONSTRUCT drops repeats).
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Up to this many quads the union is gathered in an in-memory store, which Oxigraph writes as
#: Turtle without holding the GIL (~0.5 KB of memory a quad, briefly); beyond it the union is streamed.
_UNION_IN_MEMORY = 1_000_000


def _ox_dump(store: GraphStore, path: Path, fmt: str) -> bool:
    """Serialise with Oxigraph's own writers (no rdflib); ``False`` when ``store`` is not Oxigraph.

    Named-graph formats are dumped straight to ``path`` (without holding the
    GIL, so another thread can run meanwhile); the union graph (Turtle,
    N-Triples) is the store's CONSTRUCT of every triple (for Turtle, of a
    store up to :data:`_UNION_IN_MEMORY` quads, gathered in memory and
    written without the GIL too; else streamed).
    """
    inner = _ox(store)
    if inner is None:
        return False
    import pyoxigraph as ox

    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}
    if fmt == "turtle" and len(inner) <= _UNION_IN_MEMORY:
        union = ox.Store()
        union.bulk_load(inner.query(_UNION).serialize(format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.N_TRIPLES)
        union.dump(str(path), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    elif fmt == "turtle":
        ox.serialize(inner.query(_UNION), str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    elif fmt == "ntriples":
        inner.query(_UNION).serialize(str(path), ox.RdfFormat.N_TRIPLES)
    elif fmt == "trig":
        inner.dump(str(path), formats[fmt], prefixes=PREFIXES)
    else:
        inner.dump(str(path), formats[fmt])
    return True


def write_turtle(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write the union of all named graphs as Turtle."""
    if _ox_dump(store, Path(path), "turtle"):
        return Path(path)
    g = bind_prefixes(Graph())
    for t in iter_union(store):
        g.add(t)
    out = Path(path)
    g.serialize(destination=out, format="turtle", encoding="utf-8")
    return out


def dataset_copy(store: GraphStore) -> Dataset:
    """An in-memory rdflib ``Dataset`` copy of the store, named graphs kept."""
    ds = bind_prefixes(Dataset())  # type: ignore[assignment]
    src = store.dataset()
    for name in store.graphs():
        target = ds.graph(name)
        for s, p, o in src.graph(name):
            if isinstance(o, Literal) and o.datatype == XSD.string:
                o = Literal(str(o))
            target.add((s, p, o))
    return ds  # type: ignore[return-value]


def write_ntriples(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write the union of all named graphs as N-Triples."""
    out = Path(path)
    if _ox_dump(store, out, "ntriples"):
        return out
    g = Graph()
    for t in iter_union(store):
        g.add(t)
    g.serialize(destination=out, format="nt", encoding="utf-8")
    return out


def write_trig(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write every named graph as TriG."""
    out = Path(path)
    if _ox_dump(store, out, "trig"):
        return out
    dataset_copy(store).serialize(destination=out, format="trig", encoding="utf-8")
    return out


#: The graph name ending an N-Quads line (an IRI or a blank node; neither holds a space or a quote, so a
#: match cannot start inside a literal): removed, the line is an N-Triples line.
_GRAPH_NAME = rb' (?:<[^ <>"\n]*>|_:[^ "\n]+) \.$'


def _ox_trig_and_turtle(store: GraphStore, trig: Path, turtle: Path) -> bool:
    """Both files from one read of an Oxigraph store; ``False`` (nothing written) where that does not apply.

    Reading every quad from the on-disk store is what a TriG dump or the
    union's CONSTRUCT costs (~1 CPU s each on the AG News build's 140k
    quads); the store is read once here, as N-Quads (in its index order, the
    order of its TriG dump), and both files are made from that text: the
    TriG by re-serialising the quads in the same order (the very bytes of
    :func:`write_trig`), the Turtle by dropping each line's graph name and
    loading the triples into an in-memory store (each triple once), which
    Oxigraph writes as :func:`write_turtle` does.  Only for stores of up to
    :data:`_UNION_IN_MEMORY` quads with an empty default graph (every line
    then ends with a graph name).
    """
    import re

    inner = _ox(store)
    if inner is None or len(inner) > _UNION_IN_MEMORY:
        return False
    import pyoxigraph as ox

    if next(iter(inner.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    nquads = inner.dump(format=ox.RdfFormat.N_QUADS)
    ox.serialize(ox.parse(nquads, ox.RdfFormat.N_QUADS), str(trig), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    triples = re.sub(_GRAPH_NAME, b" .", nquads, flags=re.M)
    del nquads
    union = ox.Store()
    union.bulk_load(triples, ox.RdfFormat.N_TRIPLES)
    del triples
    union.dump(str(turtle), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    return True


def write_trig_and_turtle(
    store: GraphStore, trig: str | os.PathLike[str], turtle: str | os.PathLike[str]
) -> tuple[Path, Path]:
    """Write :func:`write_trig`'s and :func:`write_turtle`'s files, reading an Oxigraph store once.

    The same files as the two writers (the Turtle's blank-node labels aside,
    which Oxigraph draws afresh on each load), on an Oxigraph store of up to
    :data:`_UNION_IN_MEMORY` quads for ~30% less CPU than both (1.8 against
    2.5 CPU s on the AG News build's store); other stores get the two writers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from rdflib import URIRef, Literal
    >>> from geokg.graph.store import open_store
    >>> store = open_store(None)
    >>> store.replace_graphs({URIRef("urn:g"): [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))],
    ...                       URIRef("urn:h"): [(URIRef("urn:a"), URIRef("urn:p"), Literal("x"))]})
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> trig, ttl = write_trig_and_turtle(store, tmp / "g.trig", tmp / "g.ttl")
    >>> trig.read_bytes() == write_trig(store, tmp / "alone.trig").read_bytes()
    True
    >>> len(Graph().parse(ttl, format="turtle"))
    1
    """
    trig, turtle = Path(trig), Path(turtle)
    if not _ox_trig_and_turtle(store, trig, turtle):
        write_trig(store, trig)
        write_turtle(store, turtle)
    return trig, turtle


def write_nquads(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write every named graph as N-Quads."""
    out = Path(path)
    if not _ox_dump(store, out, "nquads"):
        dataset_copy(store).serialize(destination=out, format="nquads", encoding="utf-8")
    return out


def write_jsonld(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write every named graph as JSON-LD."""
    out = Path(path)
    if not _ox_dump(store, out, "json-ld"):
        dataset_copy(store).serialize(destination=out, format="json-ld", encoding="utf-8")
    return out


def write_event_table(store: GraphStore, path: str | os.PathLike[str]) -> Path:
    """Write a GDELT-style CSV: one row per (event, reporting article).

    Columns: event id, date, source/target actor name, country and sector,
    CAMEO code and root, PLOVER category, QuadClass, Goldstein, polarity,
    mode, relation lemma, source URL, publication date and the sentence.
    """
    import csv

    from geokg.graph.query.tables import EVENT_COLUMNS, event_rows, flat_event_row

    out = Path(path)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for row in event_rows(store):
            writer.writerow(flat_event_row(row))
    return out


#: Export writers by format name (``geokg export FORMAT``).
EXPORTS = {
    "turtle": write_turtle,
    "ntriples": write_ntriples,
    "trig": write_trig,
    "nquads": write_nquads,
    "jsonld": write_jsonld,
    "events-csv": write_event_table,
}


def export(store: GraphStore, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write ``store`` to ``path`` in format ``fmt`` (a key of :data:`EXPORTS`)."""
    try:
        writer = EXPORTS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTS)}") from None
    return writer(store, path)
