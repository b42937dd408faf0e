"""geokg.graph.rdf: records → RDF (N-Quads strings and rdflib graphs), one named graph per article.

How much textual evidence is written is the evidence level (:data:`EVIDENCE_LEVELS`:
``none``, ``mention`` (the default), ``full``; see :func:`check_evidence`).  Below
``full``, values equal to a declared default (:data:`CLAIM_DEFAULTS`) and derivable ones are
left out; the run's description is its own graph (:func:`run_quads`), written once per store.
"""

from geokg.graph.rdf.evidence import (
    CLAIM_DEFAULTS,
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
    run_quads,
)

__all__ = [
    "CLAIM_DEFAULTS", "DEFAULT_EVIDENCE", "EVIDENCE_LEVELS", "check_evidence",
    "NodeTriple", "Quad", "RDFWriteError", "RunInfo", "Triple", "WriteContext",
    "article_graph", "article_nquads", "article_quads", "article_triples",
    "entity_mention_id", "nt_literal", "nt_term", "results_dataset", "run_quads",
]
