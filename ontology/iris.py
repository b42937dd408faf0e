"""IRIs of geokg resources, built only from stable ids.

Every resource lives under ``https://w3id.org/geokg/id/`` (``ID``).  Ids are
made into one safe path segment by :func:`iri_segment`: Unicode is
NFC-normalised, then everything but ASCII letters, digits and ``-._~:`` is
percent-encoded (UTF-8), so quotes, spaces, ``<>``, ``/``, ``#``, ``%`` and
non-ASCII letters never leak into an IRI and distinct ids give distinct IRIs.

Examples
--------
>>> str(actor_iri("country:MEX"))
'https://w3id.org/geokg/id/actor/country:MEX'
>>> str(actor_iri('person:josé "pepe" <x>'))
'https://w3id.org/geokg/id/actor/person:jos%C3%A9%20%22pepe%22%20%3Cx%3E'
>>> str(sentence_iri("ab12", 3))
'https://w3id.org/geokg/id/sentence/ab12-3'
>>> str(cameo_iri("190")), str(plover_iri("reject"))
('https://w3id.org/geokg/cameo/190', 'https://w3id.org/geokg/plover/REJECT')
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef

__all__ = [
    "ID",
    "ACTOR_BASE",
    "CAMEO",
    "PLOVER",
    "iri_segment",
    "actor_iri",
    "article_iri",
    "event_iri",
    "mention_iri",
    "statement_iri",
    "sentence_iri",
    "place_iri",
    "publisher_iri",
    "cameo_iri",
    "plover_iri",
    "run_iri",
    "model_iri",
    "software_iri",
]

#: Base of every geokg resource IRI.
ID = Namespace("https://w3id.org/geokg/id/")
#: Base of actor IRIs.
ACTOR_BASE = Namespace(f"{ID}actor/")
#: CAMEO event-type concepts (``cameo.ttl``).
CAMEO = Namespace("https://w3id.org/geokg/cameo/")
#: PLOVER category concepts (``plover.ttl``).
PLOVER = Namespace("https://w3id.org/geokg/plover/")

_CAMEO_CODE = re.compile(r"\d{2,4}")
#: A key that is already one IRI path segment: ASCII that NFC and percent-encoding (``safe=":"``) keep as it is.
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~:-]+")
_PLOVER_CATEGORY = re.compile(r"[A-Z][A-Z0-9_\-]*")


def iri_segment(key: object, *, what: str = "id") -> str:
    """Return ``key`` as one percent-encoded IRI path segment.

    Parameters
    ----------
    key
        The id; ``str`` or ``int``.  Must not be empty or only whitespace.
    what
        What the id is, for the error message.

    Raises
    ------
    ValueError
        When ``key`` is empty or not a string/integer.

    Examples
    --------
    >>> iri_segment("a b/c#d%")
    'a%20b%2Fc%23d%25'
    >>> iri_segment("..")
    '%2E%2E'
    >>> iri_segment(" ", what="actor id")
    Traceback (most recent call last):
    ...
    ValueError: empty actor id ' ' cannot be made into an IRI
    """
    if type(key) is str and _PLAIN_SEGMENT.fullmatch(key) and key != "." and key != "..":
        return key  # most ids (hashes, "country:MEX"): nothing to normalise or encode
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise ValueError(f"{what} {key!r} is not a string; cannot be made into an IRI")
    text = unicodedata.normalize("NFC", str(key))
    if not text.strip():
        raise ValueError(f"empty {what} {key!r} cannot be made into an IRI")
    if text in {".", ".."}:  # dot segments would be removed by IRI normalisation
        return "%2E" * len(text)
    return quote(text, safe=":")


def _under(base: str, key: object, what: str) -> URIRef:
    return URIRef(f"{ID}{base}/{iri_segment(key, what=what)}")


def actor_iri(actor_id: str) -> URIRef:
    """IRI of the actor with canonical key ``actor_id`` ("country:MEX").

    Examples
    --------
    >>> str(actor_iri("person:claudia-sheinbaum"))
    'https://w3id.org/geokg/id/actor/person:claudia-sheinbaum'
    """
    return _under("actor", actor_id, "actor id")


def article_iri(article_id: str) -> URIRef:
    """IRI of an article; also the name of the graph holding all it yields.

    Examples
    --------
    >>> str(article_iri("0123abcd"))
    'https://w3id.org/geokg/id/article/0123abcd'
    """
    return _under("article", article_id, "article id")


def event_iri(event_id: str) -> URIRef:
    """IRI of a coded event (shared by every article reporting it).

    Examples
    --------
    >>> str(event_iri("e1"))
    'https://w3id.org/geokg/id/event/e1'
    """
    return _under("event", event_id, "event id")


def mention_iri(mention_id: str) -> URIRef:
    """IRI of a mention (a span of one article used as evidence).

    Examples
    --------
    >>> str(mention_iri("m1"))
    'https://w3id.org/geokg/id/mention/m1'
    """
    return _under("mention", mention_id, "mention id")


def statement_iri(extraction_id: str) -> URIRef:
    """IRI of a non-event statement, from its extraction's id.

    Examples
    --------
    >>> str(statement_iri("x1"))
    'https://w3id.org/geokg/id/statement/x1'
    """
    return _under("statement", extraction_id, "extraction id")


def sentence_iri(article_id: str, index: int) -> URIRef:
    """IRI of sentence ``index`` (0-based) of an article.

    Examples
    --------
    >>> str(sentence_iri("a1", 0))
    'https://w3id.org/geokg/id/sentence/a1-0'
    >>> sentence_iri("a1", -1)
    Traceback (most recent call last):
    ...
    ValueError: sentence index -1 of article 'a1' is not a non-negative integer
    """
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(
            f"sentence index {index!r} of article {article_id!r} is not a non-negative integer"
        )
    return URIRef(f"{ID}sentence/{iri_segment(article_id, what='article id')}-{index}")


def place_iri(name: str) -> URIRef:
    """IRI of a place named in text, keyed by its name as written.

    Examples
    --------
    >>> str(place_iri("Mexico City"))
    'https://w3id.org/geokg/id/place/Mexico%20City'
    """
    return _under("place", name.strip() if isinstance(name, str) else name, "place name")


def publisher_iri(name: str) -> URIRef:
    """IRI of a publisher (``Article.source``), keyed by its name.

    Examples
    --------
    >>> str(publisher_iri("Reuters"))
    'https://w3id.org/geokg/id/publisher/Reuters'
    """
    return _under("publisher", name.strip() if isinstance(name, str) else name, "publisher name")


def cameo_iri(code: str | int) -> URIRef:
    """IRI of a CAMEO event-type concept ("190", "12", "0874").

    Raises
    ------
    ValueError
        When ``code`` is not 2 to 4 digits.

    Examples
    --------
    >>> str(cameo_iri("12"))
    'https://w3id.org/geokg/cameo/12'
    >>> cameo_iri("19x")
    Traceback (most recent call last):
    ...
    ValueError: CAMEO code '19x' is not 2 to 4 digits
    """
    text = str(code).strip()
    if not _CAMEO_CODE.fullmatch(text):
        raise ValueError(f"CAMEO code {code!r} is not 2 to 4 digits")
    return CAMEO[text]


def plover_iri(category: str) -> URIRef:
    """IRI of a PLOVER category concept; the name is upper-cased.

    Examples
    --------
    >>> str(plover_iri("ASSAULT"))
    'https://w3id.org/geokg/plover/ASSAULT'
    >>> plover_iri("not a category")
    Traceback (most recent call last):
    ...
    ValueError: PLOVER category 'not a category' is not an upper-case name like 'REJECT'
    """
    text = str(category).strip().upper()
    if not _PLOVER_CATEGORY.fullmatch(text):
        raise ValueError(
            f"PLOVER category {category!r} is not an upper-case name like 'REJECT'"
        )
    return PLOVER[text]


def model_iri(model: str, version: str) -> URIRef:
    """IRI of a language model at a version (a ``prov:Entity`` a run used).

    Examples
    --------
    >>> str(model_iri("en_core_web_sm", "3.8.0"))
    'https://w3id.org/geokg/id/model/en_core_web_sm/3.8.0'
    """
    return URIRef(
        f"{ID}model/{iri_segment(model, what='model name')}/"
        f"{iri_segment(version, what='model version')}"
    )


def software_iri(version: str) -> URIRef:
    """IRI of geokg at a version (the ``prov:SoftwareAgent`` of a run).

    Examples
    --------
    >>> str(software_iri("0.1.0"))
    'https://w3id.org/geokg/id/software/geokg/0.1.0'
    """
    return URIRef(f"{ID}software/geokg/{iri_segment(version, what='geokg version')}")


def run_iri(model: str, model_version: str, geokg_version: str) -> URIRef:
    """IRI of an extraction run, derived only from the versions involved.

    Examples
    --------
    >>> run_iri("m", "1", "0.1") == run_iri("m", "1", "0.1")
    True
    >>> str(run_iri("en_core_web_sm", "3.8.0", "0.1.0"))
    'https://w3id.org/geokg/id/run/geokg/0.1.0/en_core_web_sm/3.8.0'
    """
    return URIRef(
        f"{ID}run/geokg/{iri_segment(geokg_version, what='geokg version')}/"
        f"{iri_segment(model, what='model name')}/"
        f"{iri_segment(model_version, what='model version')}"
    )
