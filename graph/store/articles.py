"""Find and remove articles in a store (each article is one named graph).

The actors, places and publishers articles name are described in graphs of
their own, shared by those articles; removing the last article that names one
removes its description (:func:`drop_unused_descriptions`).

Examples
--------
>>> from rdflib import URIRef, Literal
>>> from geokg.graph.store import open_store
>>> from geokg.ontology import article_iri
>>> store = open_store(None)
>>> g = article_iri("0123456789abcdef")
>>> store.replace_graphs({g: [(g, URIRef("https://schema.org/url"), Literal("https://x.test/a"))]})
>>> resolve_article(store, "https://x.test/a") == g
True
>>> remove_articles(store, ["0123456789abcdef", "ffffffffffffffff"])
[('0123456789abcdef', True), ('ffffffffffffffff', False)]
"""

from __future__ import annotations

from collections.abc import Iterable

from geokg.graph.store.base import GraphStore
from geokg.ontology import article_iri
from rdflib import Literal, URIRef

__all__ = ["resolve_article", "remove_articles", "drop_unused_descriptions"]

_ARTICLE_BASE = str(article_iri("x"))[:-1]


def resolve_article(store: GraphStore, key: str) -> URIRef | None:
    """The graph IRI of the article named by ``key``: its id, IRI or URL."""
    key = key.strip()
    if key.startswith(_ARTICLE_BASE):
        iri = URIRef(key)
    elif key.startswith(("http://", "https://")):
        rows = list(store.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g <https://schema.org/url> ?url } }",
            {"url": Literal(key)},
        ))
        if not rows:
            return None
        iri = URIRef(str(rows[0][0]))
    else:
        iri = article_iri(key)
    return iri if store.has_graph(iri) else None


def remove_articles(store: GraphStore, keys: Iterable[str]) -> list[tuple[str, bool]]:
    """Remove each article (its whole named graph); report which were found.

    The descriptions of actors, places and publishers that no article names
    any more go too (:func:`drop_unused_descriptions`).
    """
    out = []
    for key in keys:
        iri = resolve_article(store, key)
        out.append((key, bool(iri is not None and store.remove_graph(iri))))
    if any(found for _, found in out):
        drop_unused_descriptions(store)
    return out


#: A description graph no other graph names (as object, or as the subject of what an article said about it).
_UNUSED = ("SELECT ?g WHERE { VALUES ?g { %s } FILTER NOT EXISTS { GRAPH ?a { ?x ?p ?g } FILTER (?a != ?g) } "
           "FILTER NOT EXISTS { GRAPH ?b { ?g ?q ?y } FILTER (?b != ?g) } }")


def drop_unused_descriptions(store: GraphStore) -> list[str]:
    """Remove the graphs describing an actor, place or publisher that no other graph names; returns them.

    A graph names the node when it holds a triple with the node as object
    (``gk:sourceActor``) or as subject (an article's ``skos:altLabel`` for it).

    Articles write these descriptions to a graph named by the node
    (:func:`~geokg.graph.rdf.writer.description_graph`), shared by every
    article that names it; when the last such article is removed or
    re-written without it, the description goes.  Repeats until nothing
    changes (a country is named by the actors it is the country of).

    Examples
    --------
    >>> from geokg.graph.store import open_store
    >>> from geokg.ontology import actor_iri, article_iri
    >>> store = open_store(None)
    >>> a, mex = article_iri("0123456789abcdef"), actor_iri("country:MEX")
    >>> label, actor = URIRef("http://www.w3.org/2000/01/rdf-schema#label"), URIRef("https://x.test/actor")
    >>> store.replace_graphs({a: [(a, actor, mex)], mex: [(mex, label, Literal("Mexico"))]})
    >>> drop_unused_descriptions(store)
    []
    >>> store.remove_graph(a), drop_unused_descriptions(store)
    (True, ['https://w3id.org/geokg/id/actor/country:MEX'])
    """
    from geokg.graph.rdf.writer import DESCRIBED_BASES

    dropped: list[str] = []
    while True:
        described = [g for g in store.graphs() if str(g).startswith(DESCRIBED_BASES)]
        if not described:
            return dropped
        unused = sorted(str(row[0]) for row in store.query(_UNUSED % " ".join(g.n3() for g in described)))
        if not unused:
            return dropped
        for graph in unused:
            store.remove_graph(URIRef(graph))
        dropped += unused
