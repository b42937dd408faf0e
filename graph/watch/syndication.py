"""Where else an article was published: the syndicated copies ``geokg watch`` merged.

When several feeds carry one wire story, ``watch`` stores it once (the first
copy it met) and lists every copy as a source of that article, in a named
graph of its own, :func:`sources_graph_iri` (outside the article's graph, so
re-ingesting the article never loses them and the article's own shape is
unchanged)::

    <article> dct:source <https://copy.test/story> .
    <https://copy.test/story> dct:publisher <publisher/Copy Times> .
    <publisher/Copy Times> a schema:Organization ; rdfs:label "Copy Times" .

Examples
--------
>>> triples = sources_triples("a1", [["https://w.test/1", "Wire"], ["https://c.test/9", None]])
>>> sorted(str(p).rsplit("/", 1)[-1] for _, p, _ in triples)
['22-rdf-syntax-ns#type', 'publisher', 'rdf-schema#label', 'source', 'source']
>>> str(sources_graph_iri("a1"))
'https://w3id.org/geokg/id/graph/sources/a1'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from geokg.ontology import article_iri
from geokg.ontology.namespace import DCTERMS, RDF, RDFS, SCHEMA, publisher_iri
from rdflib import Literal, URIRef

__all__ = ["SOURCES_GRAPH_PREFIX", "sources_graph_iri", "sources_triples", "write_sources"]

#: Prefix of the named graphs that list an article's syndicated copies.
SOURCES_GRAPH_PREFIX = "https://w3id.org/geokg/id/graph/sources/"
_NOT_IRI = frozenset('<>"{}|\\^` \t\r\n')


def sources_graph_iri(article_id: str) -> URIRef:
    """The named graph listing the copies of article ``article_id``."""
    return URIRef(SOURCES_GRAPH_PREFIX + article_id)


def sources_triples(article_id: str, sources: Iterable[Sequence[str | None]]) -> list[tuple[URIRef, URIRef, object]]:
    """The triples saying that ``article_id`` was published at each ``(url, publisher)``."""
    node = article_iri(article_id)
    triples: list[tuple[URIRef, URIRef, object]] = []
    for url, publisher in sources:
        if not url or not url.startswith(("http://", "https://")) or any(c in _NOT_IRI for c in url):
            continue
        copy = URIRef(url)
        triples.append((node, DCTERMS.source, copy))
        if publisher and publisher.strip():
            org = publisher_iri(publisher)
            triples += [(copy, DCTERMS.publisher, org), (org, RDF.type, SCHEMA.Organization),
                        (org, RDFS.label, Literal(publisher.strip()))]
    return triples


def write_sources(store_location: str, sources: Mapping[str, Sequence[Sequence[str | None]]]) -> int:
    """Replace the sources graphs of these articles in the store (under its writer locks); the triples written."""
    from geokg.graph.store.open import writing_store

    graphs = {sources_graph_iri(aid): sources_triples(aid, copies) for aid, copies in sources.items()}
    if not graphs:
        return 0
    with writing_store(store_location) as store:
        store.replace_graphs(graphs)  # type: ignore[arg-type]
    return sum(len(t) for t in graphs.values())
