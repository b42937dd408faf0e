"""geokg.ingest.evaluation"""
