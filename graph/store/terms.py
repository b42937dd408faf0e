"""RDF terms between rdflib, pyoxigraph and N-Quads text (the stores' fast paths).

Examples
--------
>>> from rdflib import Literal, URIRef
>>> g = URIRef("urn:g")
>>> print(to_nquads({g: [(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"\\n', lang="en")),
...                      (URIRef("urn:s"), URIRef("urn:n"), Literal(3))]}), end="")
<urn:s> <urn:p> "say \\"hi\\"\\n"@en <urn:g> .
<urn:s> <urn:n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g> .
>>> _from_ox(_to_ox(Literal("x", lang="fr"))) == Literal("x", lang="fr")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geokg.graph.rdf.syntax import NT_ESCAPES
from geokg.graph.store.base import Triple
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_nquads"]


def _to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
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


def _from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals plain)."""
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


class _BlankNodeFound(Exception):
    """A blank node where ``to_nquads(blank_nodes=False)`` allows none."""


def _nq_term(term: Node, blank_nodes: bool) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(NT_ESCAPES) + '"'
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
    """
    cache: dict[Node, str] = {}  # IRIs repeat a lot; most literals (quotes, offsets) do not

    def fmt(term: Node) -> str:
        if type(term) is Literal:
            text = '"' + str.translate(term, NT_ESCAPES) + '"'
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
