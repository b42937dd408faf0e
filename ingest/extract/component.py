"""The extractor as a spaCy pipeline component.

``nlp.add_pipe("geokg_extractor")`` stores the records of each Doc on
``doc._.geokg_extractions`` (a tuple of
:class:`~geokg.ingest.records.Extraction`).  The component's config names the
lexicon files and switches (see :class:`~geokg.ingest.extract.config.ExtractorConfig`);
the lexicon is loaded once when the component is created.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> comp = nlp.add_pipe("geokg_extractor", config={"nominals": False})
>>> comp.config.nominals
False
>>> nlp.pipe_names
['geokg_extractor']
"""

from __future__ import annotations

from geokg.ingest.extract.config import ExtractorConfig
from geokg.ingest.extract.core import extract
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["ExtractorComponent", "make_extractor", "EXTENSION"]

#: Name of the Doc extension that holds the records.
EXTENSION = "geokg_extractions"


class ExtractorComponent:
    """Run :func:`~geokg.ingest.extract.core.extract` on each Doc."""

    def __init__(self, config: ExtractorConfig, article_id_attr: str = "") -> None:
        self.config = config
        self.article_id_attr = article_id_attr
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None, force=False)
        _ = config.lexicon  # load (and validate) the data files now, not per Doc

    def __call__(self, doc: Doc) -> Doc:
        article_id = ""
        if self.article_id_attr and Doc.has_extension(self.article_id_attr):
            article_id = getattr(doc._, self.article_id_attr) or ""
        if not doc.has_annotation("DEP"):
            doc._.set(EXTENSION, ())
            return doc
        doc._.set(EXTENSION, tuple(extract(doc, article_id=article_id, config=self.config)))
        return doc


@Language.factory(
    "geokg_extractor",
    default_config={
        "nominals": True,
        "roles": True,
        "coref": True,
        "agentless_passives": True,
        "min_confidence": 0.0,
        "data_dir": None,
        "article_id_attr": "",
    },
)
def make_extractor(
    nlp: Language,
    name: str,
    nominals: bool,
    roles: bool,
    coref: bool,
    agentless_passives: bool,
    min_confidence: float,
    data_dir: str | None,
    article_id_attr: str,
) -> ExtractorComponent:
    """Factory of the ``geokg_extractor`` component."""
    cfg = ExtractorConfig(
        nominals=nominals, roles=roles, coref=coref, agentless_passives=agentless_passives,
        min_confidence=min_confidence, data_dir=data_dir,
    )
    return ExtractorComponent(cfg, article_id_attr)
