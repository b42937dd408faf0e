"""geokg.graph.rdf: records → RDF (N-Quads strings and rdflib graphs), one named graph per article."""

from geokg.graph.rdf.evidence import (
    WriteContext,
    entity_mention_id,
    nt_literal,
    nt_term,
)
from geokg.graph.rdf.writer import (
    NodeTriple,
    Quad,
    RDFWriteError,
    RunInfo,
    Triple,
    article_graph,
    article_nquads,
    article_quads,
    article_triples,
    results_dataset,
)

__all__ = [
    "NodeTriple", "Quad", "RDFWriteError", "RunInfo", "Triple", "WriteContext",
    "article_graph", "article_nquads", "article_quads", "article_triples",
    "entity_mention_id", "nt_literal", "nt_term", "results_dataset",
]
