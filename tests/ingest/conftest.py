"""Fixtures and helpers for the ingest tests."""
