"""geokg: geopolitical event knowledge graphs from news articles.

The code lives in three subpackages, each a folder at the project's top:
:mod:`geokg.ingest` (``ingest/``: sources → records), :mod:`geokg.graph`
(``graph/``: records → RDF store, SPARQL, analytics, views, CLI) and
:mod:`geokg.ontology` (``ontology/``: vocabulary, shapes, event-type schemes).
This folder holds only the namespace itself.

Examples
--------
>>> import geokg
>>> geokg.__version__ == __import__("importlib.metadata").metadata.version("geokg")
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__: str = version("geokg")
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
