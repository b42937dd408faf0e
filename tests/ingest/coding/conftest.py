"""The coding tests share plain helpers (coding_helpers.py beside them), imported by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def open_coder():
    """The default coder, except that it keeps the targetless statements, appeals, meetings, yielding, threats and
    praise (:data:`~geokg.ingest.coding.rules.PARTY_ROOTS`, :data:`~geokg.ingest.coding.rules.PRAISE_CODES`) the
    default drops: for tests of their codes and targets."""
    from geokg.ingest.coding import EventCoder
    from geokg.ingest.coding.rules import DYADIC_ROOTS, HOSTED_CODES

    coder = EventCoder.default()
    coder.dyadic_roots = DYADIC_ROOTS | HOSTED_CODES
    return coder
