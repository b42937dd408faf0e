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
from pkgutil import extend_path

# Run from the project's root, this folder shadows the installed package (the link tree of
# the editable install, or site-packages); extend_path lets geokg.ingest, geokg.graph and
# geokg.ontology resolve through the installed one.
__path__ = extend_path(__path__, __name__)

try:
    __version__: str = version("geokg")
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
