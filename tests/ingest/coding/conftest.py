"""The coding tests share plain helpers (coding_helpers.py beside them), imported by name."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
