"""geokg.graph.builder: the main job — articles → records → RDF → store, serial, parallel or on Dask, resumable."""

from geokg.graph.builder.journal import Journal, article_digest
from geokg.graph.builder.run import (
    BuildReport,
    StrictModeError,
    build,
    write_outputs,
    write_vocabulary,
)

__all__ = ["BuildReport", "Journal", "StrictModeError", "article_digest", "build", "write_outputs", "write_vocabulary"]
