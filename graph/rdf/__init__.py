"""geokg.graph.rdf: records → RDF (N-Quads strings and rdflib graphs), one named graph per article.

How much textual evidence is written is the evidence level (:data:`EVIDENCE_LEVELS`:
``none``, ``mention`` (the default), ``full``; see :func:`check_evidence`).
"""

from geokg.graph.rdf.evidence import (
    DEFAULT_EVIDENCE,
    EVIDENCE_LEVELS,
    WriteContext,
    check_evidence,
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
    "DEFAULT_EVIDENCE", "EVIDENCE_LEVELS", "check_evidence",
    "NodeTriple", "Quad", "RDFWriteError", "RunInfo", "Triple", "WriteContext",
    "article_graph", "article_nquads", "article_quads", "article_triples",
    "entity_mention_id", "nt_literal", "nt_term", "results_dataset",
]
