"""Fixtures and helpers for the ingest tests."""

from __future__ import annotations

import sys
from pathlib import Path

# Plain helper modules beside these tests (e.g. coding_helpers.py) import by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
