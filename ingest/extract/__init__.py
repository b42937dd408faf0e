"""geokg.ingest.extract"""
