"""geokg.ingest.extract: spaCy Doc -> subject-relation-object records.

Public API
----------
:func:`extract`
    ``extract(doc, *, article_id="", config=None) -> Iterator[Extraction]``.
:func:`carb_tuples`
    ``carb_tuples(doc, config=None) -> list[(confidence, relation, args)]`` for
    CaRB evaluation.
:class:`ExtractorConfig`
    Lexicon file names and switches; the lexicon is cached per config object.
``"geokg_extractor"``
    spaCy factory; stores the records on ``doc._.geokg_extractions``.

Modules: :mod:`.clauses` (verb clauses), :mod:`.arguments` (spans and
roles), :mod:`.modality` (polarity and mode), :mod:`.attribution`,
:mod:`.roles` (titles, appositions, copulas), :mod:`.nominal` (event nouns),
:mod:`.coref`, :mod:`.headline` (Title-Case headlines), :mod:`.confidence`,
:mod:`.carb`, :mod:`.component`.
"""

from geokg.ingest.extract.carb import carb_tuples
from geokg.ingest.extract.component import EXTENSION, ExtractorComponent, make_extractor
from geokg.ingest.extract.config import ExtractorConfig, Lexicon, LexiconError
from geokg.ingest.extract.core import DEFAULT_CONFIG, extract

__all__ = [
    "extract",
    "carb_tuples",
    "ExtractorConfig",
    "Lexicon",
    "LexiconError",
    "ExtractorComponent",
    "make_extractor",
    "EXTENSION",
    "DEFAULT_CONFIG",
]
