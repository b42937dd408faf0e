"""The article context of event coding: its people, office holders and main country.

:func:`article_context` reads what an article says about its actors before its
events are coded: the people its PERSON entities and role records name (with the
offices they hold: "Mexico's President Claudia Sheinbaum"), and the country it
names most often, which role words without a country take ("police said").

Examples
--------
>>> from geokg.ingest.actors import ActorCoder
>>> from geokg.ingest.records import Article
>>> art = Article.create(title="Mexico rejects US plan", text="Mexican officials said Mexico would not agree.")
>>> article_context(ActorCoder.default(), art, []).default_country
'MEX'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from geokg.ingest.actors.coder import ActorCoder
from geokg.ingest.actors.data import CodingContext, merge_actor
from geokg.ingest.actors.words import tokenize, words_of
from geokg.ingest.records import Actor, Article, Extraction

__all__ = ["article_context"]

_ETHNIC = re.compile(r"\bethnic\s*$", re.IGNORECASE)
#: A capitalised place after a preposition of where something happens ("in Fallujah", "near Kabul").
_LOCATIVE_PHRASE = re.compile(r"\b(?:in|at|near|outside|inside) +(?:the +)?([A-Z][\w.-]*(?: +[A-Z][\w.-]*){0,2})")
_ETHNIC_ANYWHERE = re.compile(r"ethnic", re.IGNORECASE)  # where _ETHNIC may match at all


def article_context(actors: ActorCoder, article: Article, extractions: Sequence[Extraction],
                    doc=None) -> CodingContext:
    """People, office holders and the main country of an article (see module doc).

    The context also keeps the Doc's :class:`~geokg.ingest.actors.doc.DocIndex`
    for the coding of the article's arguments.
    """
    people: dict[str, Actor] = {}
    roles: dict[tuple[str, str], Actor] = {}
    index = actors.doc_index(doc)
    if index is not None:
        for ent, label, text in index.entities:
            if label == "PERSON":
                a = actors.code_entity(text, "PERSON")
                if a is not None and a.kind == "person":
                    _add_person(people, roles, a)
    for ex in sorted(extractions, key=lambda e: (e.sent_start, e.rel_start)):
        person = _role_holder(actors, ex)
        if person is not None:
            _add_person(people, roles, person)
    words = words_of(article.content)  # read once: the main country and the eponyms count its terms
    context = CodingContext(article.id, _main_country(actors, article.content, words), people, roles,
                            _scene_country(actors, article.content), actors.eponyms(words))
    if index is not None:
        actors.remember_doc_index(index, context)
    return context


def _main_country(actors: ActorCoder, content: str, words: Sequence[str] | None = None) -> str | None:
    """The article's main country: the most often named (countries, nationalities, capitals);
    ``words`` are the content's :func:`~geokg.ingest.actors.words.words_of` when known."""
    countries: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    if _ETHNIC_ANYWHERE.search(content) is None:
        # no "ethnic" to discount: a term's token index orders the mentions as its offset does
        words = words_of(content) if words is None else words
        eponym_heads = actors.words["eponym_heads"]
        for iso, i in actors.country_terms(words):
            if iso and not (i + 1 < len(words) and words[i + 1].lower() in eponym_heads):  # "Kyoto Protocol"
                countries[iso] += 1
                first_seen.setdefault(iso, i)
        return min(countries, key=lambda c: (-countries[c], first_seen.get(c, 0))) if countries else None
    for iso, start in actors.country_mentions(content):
        if iso and not _ETHNIC.search(content[max(0, start - 8):start]):
            countries[iso] += 1
            first_seen.setdefault(iso, start)
    if not countries:
        return None
    return min(countries, key=lambda c: (-countries[c], first_seen.get(c, 0)))


def _scene_country(actors: ActorCoder, content: str) -> str | None:
    """The country of the first place the article names after a locative preposition ("in
    Fallujah", "near the Cameroon border"), else None."""
    for m in _LOCATIVE_PHRASE.finditer(content):
        if m.end() < len(content) and content[m.end()] in "'’":
            continue  # "in Jakarta's financial district" -- a possessor, looked at no further
        iso = actors.place_name_country(m.group(1))
        if iso:
            return iso
    return None


def _add_person(people: dict[str, Actor], roles: dict[tuple[str, str], Actor], p: Actor) -> None:
    """Remember a person by full and last name, and as holder of its role in its country."""
    prev = people.get(p.name.lower())
    p = merge_actor(prev, p) if prev is not None and prev.id == p.id else p
    people[p.name.lower()] = p
    parts = p.name.split()
    if len(parts) > 1:
        other = people.get(parts[-1].lower())
        if other is None or other.id == p.id:
            people[parts[-1].lower()] = p
    if p.country and p.role:
        roles.setdefault((p.country, p.role.lower()), p)


def _role_holder(actors: ActorCoder, ex: Extraction) -> Actor | None:
    """The person of a role record ("X, the foreign minister of Y") with its role, country and sector."""
    if ex.kind != "role" or ex.object is None:
        return None
    person = actors.code_argument(ex.subject)
    if person is None or person.kind != "person":
        return None
    title_words = [w for w, _, _ in tokenize(ex.object.head or ex.object.text)]
    role_title = " ".join(title_words).title() if title_words else None
    iso = person.country
    sector = person.sector
    for x in (ex.object, *ex.extras):
        found = actors.countries_in(x.text)
        if found:
            iso = iso or found[0]
        body = actors.code_argument(x)
        if body is not None and body.kind in ("igo", "organization") and body.id.startswith("org:"):
            iso = iso or body.country
            if body.country is None and body.sector in ("IGO", "NGO", "JUD", "COP", "LEG"):
                sector = sector or ("IGO" if body.kind == "igo" else body.sector)
    return replace(person, country=person.country or iso, role=person.role or role_title,
                   sector=sector or ("GOV" if role_title else None))
