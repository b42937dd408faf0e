"""geokg.ingest.readers"""
