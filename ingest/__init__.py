"""geokg.ingest: sources -> clean articles -> spaCy -> records."""
