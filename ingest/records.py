"""Records that flow from ``geokg.ingest`` to ``geokg.graph``.

Every record is a frozen, slotted dataclass: hashable, picklable (so it crosses
process and Dask worker boundaries) and free of spaCy objects.  Character
offsets always point into :attr:`Article.content`, the text geokg actually
parses (the title, a blank line, then the body).

Examples
--------
>>> a = Article.create(title="Mexico rejects plan", text="Body text.", url="https://x.test/a")
>>> a.content
'Mexico rejects plan\\n\\nBody text.'
>>> a.id == Article.create(title="Other", text="Other", url="https://x.test/a").id
True
>>> a.body_offset
21
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "Article",
    "Sentence",
    "Mention",
    "Argument",
    "Extraction",
    "Actor",
    "Event",
    "ArticleResult",
    "ReadError",
    "stable_id",
    "event_id",
    "POLARITIES",
    "MODES",
    "KINDS",
]

#: Allowed values of :attr:`Extraction.polarity`.
POLARITIES = ("positive", "negative")
#: Allowed values of :attr:`Extraction.mode`.
MODES = ("asserted", "intended", "hypothetical", "demanded", "future", "reported")
#: Allowed values of :attr:`Extraction.kind`.
KINDS = ("event", "nominal", "role", "attribute", "relation")


def stable_id(*parts: object, size: int = 16) -> str:
    """Return a short, stable hexadecimal id for ``parts``.

    The id depends only on the string form of the parts, never on the process
    (no ``hash()`` randomisation), so two runs give the same ids.

    Examples
    --------
    >>> stable_id("a", 1)
    '839e11a421d370be'
    >>> stable_id("a", 1) == stable_id("a", "1")
    True
    """
    h = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8"))
    return h.hexdigest()[:size]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned and ready to parse.

    Parameters
    ----------
    id
        Stable id: from the URL when there is one, else from title and text.
    title
        Headline ("" when unknown).
    text
        Clean body text; paragraphs are separated by blank lines.
    url
        Canonical URL, or ``None``.
    source
        Name of the publisher ("Reuters"), or ``None``.
    published
        Publication date, or ``None`` when unknown.
    origin
        Where geokg read it from (a path, a URL, ``path#line``), for messages.
    language
        ISO 639-1 code when known.
    """

    id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: date | None = None
    origin: str | None = None
    language: str | None = None

    @classmethod
    def create(
        cls,
        *,
        title: str,
        text: str,
        url: str | None = None,
        source: str | None = None,
        published: date | None = None,
        origin: str | None = None,
        language: str | None = None,
    ) -> "Article":
        """Build an article whose id is derived from its URL or its content."""
        key = url.strip() if url and url.strip() else f"{title}\n\n{text}"
        return cls(
            id=stable_id("article", key),
            title=title.strip(),
            text=text.strip(),
            url=url.strip() if url else None,
            source=source,
            published=published,
            origin=origin,
            language=language,
        )

    @property
    def content(self) -> str:
        """The parsed text: the title, a blank line, then the body."""
        if self.title:
            return f"{self.title}\n\n{self.text}" if self.text else self.title
        return self.text

    @property
    def body_offset(self) -> int:
        """Character offset in :attr:`content` where the body starts."""
        return len(self.title) + 2 if self.title and self.text else 0


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its index, offsets into ``content`` and text."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in an article (offsets into ``content``)."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument of an extraction.

    Parameters
    ----------
    role
        ``subject``, ``object``, ``time``, ``place``, ``instrument``,
        ``recipient``, ``attribute``, ``source`` (attribution) or ``other``.
    text, start, end
        The argument's surface text and its offsets into ``content``.
    head, head_lemma
        Its syntactic head word and that word's lemma.
    label
        NER label of the entity that covers the head ("" when none).
    prep
        The preposition that introduces it ("against"), "" for core arguments.
    resolved
        For pronouns and short descriptions, the text of the entity they
        refer to (coreference), else "".
    """

    role: str
    text: str
    start: int
    end: int
    head: str = ""
    head_lemma: str = ""
    label: str = ""
    prep: str = ""
    resolved: str = ""

    @property
    def name(self) -> str:
        """The resolved entity text when coreference found one, else the text."""
        return self.resolved or self.text


@dataclass(frozen=True, slots=True)
class Extraction:
    """A subject–relation–object record taken from one sentence.

    Offsets point into :attr:`Article.content`.  ``lemma`` is the normalised
    relation ("reject", "push back against"); ``relation`` the surface words.
    """

    article_id: str
    sentence: int
    sent_start: int
    sent_end: int
    subject: Argument
    relation: str
    lemma: str
    rel_start: int
    rel_end: int
    object: Argument | None = None
    extras: tuple[Argument, ...] = ()
    polarity: str = "positive"
    mode: str = "asserted"
    attribution: Argument | None = None
    kind: str = "event"
    confidence: float = 1.0

    @property
    def id(self) -> str:
        """Stable id of this extraction within its article."""
        return stable_id(
            "extraction", self.article_id, self.rel_start, self.rel_end,
            self.subject.start, self.subject.end,
            self.object.start if self.object else -1,
            self.object.end if self.object else -1,
            self.kind,
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded actor: a person, country, organisation, group or IGO.

    ``id`` is a canonical key ("country:MEX", "person:claudia-sheinbaum") so
    the same actor gets the same IRI in every article and every run.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: who did what to whom, when and where, with its evidence."""

    id: str
    extraction: Extraction
    source: Actor | None = None
    target: Actor | None = None
    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: date | None = None
    date_text: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything geokg derived from one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    extractions: tuple[Extraction, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read: which one and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def event_id(source: Actor | None, what: str, target: Actor | None, when: date | None, article_id: str) -> str:
    """Stable event id from (source, CAMEO code or lemma, target, date).

    Without a date the article id stands in for it (see :mod:`geokg.ingest.coding.rules`).

    Here, beside :func:`stable_id`, so that actor resolution and event coding share it
    without importing each other.

    Examples
    --------
    >>> a = Actor("country:MEX", "Mexico", "country", "MEX")
    >>> event_id(a, "120", None, date(2025, 1, 1), "x") == event_id(a, "120", None, date(2025, 1, 1), "y")
    True
    >>> event_id(a, "120", None, None, "x") == event_id(a, "120", None, None, "y")
    False
    """
    return stable_id(
        "event", source.id if source else "-", what, target.id if target else "-",
        when.isoformat() if when else f"article:{article_id}",
    )
