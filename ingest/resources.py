"""The packaged data files of geokg.ingest (``ingest/data/<topic>/<file>``), read in one place.

Data are grouped by the job that reads them: ``actors/`` (gazetteers, role words),
``coding/`` (CAMEO tables, verb lexicon, event frames), ``extract/`` (extractor
lexicons), ``places/`` (the derived place table) and ``text/`` (language words).

Examples
--------
>>> "190" in data_text("coding/cameo.tsv")
True
>>> data_path("actors/countries.tsv").name
'countries.tsv'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["data_path", "data_text"]


def data_path(name: str, data_dir: str | Path | None = None) -> Traversable | Path:
    """Where the data file ``name`` (``"topic/file.tsv"``) is: under ``data_dir`` when given,
    else in the installed package."""
    if data_dir is not None:
        return Path(data_dir, name)
    path: Traversable = resources.files("geokg.ingest") / "data"
    for part in name.split("/"):
        path = path / part
    return path


def data_text(name: str, data_dir: str | Path | None = None) -> str:
    """Text of the data file ``name`` (UTF-8); raises ``OSError`` when it cannot be read."""
    return data_path(name, data_dir).read_text(encoding="utf-8")
