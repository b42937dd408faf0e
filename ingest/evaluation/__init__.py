"""geokg.ingest.evaluation: scoring geokg's extractions against external benchmarks."""

from geokg.ingest.evaluation.carb import (
    CarbScore,
    CarbTuple,
    CurvePoint,
    Extractor,
    ScoredTuple,
    default_carb_dir,
    evaluate_carb,
    match_tuples,
    read_carb_gold,
    read_carb_sentences,
    read_tabbed,
    score_carb,
    sentence_key,
    write_tabbed,
)

__all__ = [
    "CarbScore",
    "CarbTuple",
    "CurvePoint",
    "Extractor",
    "ScoredTuple",
    "default_carb_dir",
    "evaluate_carb",
    "match_tuples",
    "read_carb_gold",
    "read_carb_sentences",
    "read_tabbed",
    "score_carb",
    "sentence_key",
    "write_tabbed",
]
