"""Find and remove articles in a store (each article is one named graph).

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

__all__ = ["resolve_article", "remove_articles"]

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
    """Remove each article (its whole named graph); report which were found."""
    out = []
    for key in keys:
        iri = resolve_article(store, key)
        out.append((key, bool(iri is not None and store.remove_graph(iri))))
    return out
