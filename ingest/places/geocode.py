"""Toponyms -> gazetteer places, disambiguated by the article; an event's place.

:meth:`Geocoder.resolve` turns a place name into one :class:`~geokg.ingest.places.gazetteer.Place`:

* a name shared by a region and a city of the same country is the city's ("Washington",
  "Beijing");
* a country's own name or an alias nothing else in that country carries ("US",
  "Britain") is the country; an alias shared with a region or city of that country
  ("Gaza") is the region or city;
* otherwise each candidate scores ``log10(population)``, +1.5 for a city (news names
  cities more than regions), +1.5 when it is the place's own name, not an alternate one
  ("Islamabad" is not Chattogram, once called so), +3 when its country is one the article
  names or whose actors it codes, +2 when its region is named in the article
  ("Paris" in a story about Texas is Paris, TX) and a qualifier ("Anchorage, Alaska")
  keeps only candidates inside it;
* the best candidate wins when it beats the runner-up by 0.5 (a factor ~3), else the
  name stays unresolved (precision first).

:meth:`Geocoder.event_place` picks an event's place: a city, landmark or region in its
locative arguments ("in Sinaloa", "at the White House", "on Kyiv"), else a country of a
place argument ("at Israel"), else a city or region named in its sentence outside the
subject ("NATO leaders meeting in The Hague agreed"; a subject that *is* a place, or a
place coded as an actor that no locative preposition introduces, is a metonym for its
government: "talks with Ankara"), else a country after "in"/"across" in the sentence ("sites
in Pakistan"), else the country the event coder found (``Event.place``).
A qualifier narrows a name: "Anchorage, Alaska", "Pakistan-administered Kashmir".

Examples
--------
>>> geo = Geocoder()
>>> geo.resolve("Paris").country, geo.resolve("Paris", geo.context(["Texas"], ["USA"])).admin1
('FRA', 'TX')
>>> geo.resolve("Anchorage", qualifier="Alaska").name
'Anchorage'
>>> geo.resolve("Gaza").kind, geo.resolve("US").kind, geo.resolve("Nowhere-on-Sea")
('city', 'country', None)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geokg.ingest.places.gazetteer import Gazetteer, Place, normalise

__all__ = ["PLACE_LABELS", "Geocoder", "PlaceContext"]

#: NER labels of mentions that may name a place ("ORG" too: the small model tags regions ORG)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"over", "in", "into", "inside", "near", "at", "across", "throughout", "within",
                          "outside", "on", "to", "toward", "towards"})
_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-eastern|"
    r"north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern)\s+)?"
    r"(?:(?:city|town|village|province|state|region|port city|capital|district|county)\s+of\s+)?",
    re.IGNORECASE)
_MARGIN = 0.5
_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: a place whose own name it is beats one that has it as an alternate name ("Islamabad", not
#: Chattogram, once called so)
_OWN_NAME = 1.5
_OTHER_LABELS = frozenset({"PERSON", "ORG"})
#: relations whose object is where the subject goes ("visit Seoul", "travel to Washington")
_MOTION = frozenset({"visit", "arrive", "travel", "fly", "return", "go", "come", "tour", "move"})
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|-|\u2014|\u2013)")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|on|outside|inside|into|across|over|throughout|around)\s+(?:the\s+)?$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\b(?:in|inside|across|into|throughout)\s+(?:the\s+)?$")
_HELD_BY = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)-(?:administered|occupied|controlled|held)\s+$")


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What an article says about where it is: ISO3 countries and (ISO3, admin1) regions."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()


_EMPTY = PlaceContext()


def _clean(name: str) -> str:
    return _PREFIX.sub("", " ".join(name.split())).strip(" ,.;:'\"")


def _dateline(m: object, content: str) -> bool:
    """Whether ``m`` is a dateline ("BAGHDAD - ...", "KABUL, Afghanistan -- ..."): an upper-case
    name at the start of a line, then a comma, a parenthesis or a dash."""
    line_start = content.rfind("\n", 0, m.start) + 1
    return (m.text.isupper() and not content[line_start:m.start].strip()
            and _DATELINE_AFTER.match(content, m.end) is not None)


class Geocoder:
    """Resolve place names against a :class:`Gazetteer` (the packaged one by default)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()

    def context(self, names: Iterable[str], countries: Iterable[str] = ()) -> PlaceContext:
        """The context of an article: the ISO3 ``countries`` of its actors plus the
        countries and regions among the place ``names`` it mentions (resolved alone)."""
        found, regions = set(countries), set()
        for name in names:
            place = self.resolve(name)
            if place is None:
                continue
            found.add(place.country)
            if place.kind == "region":
                regions.add((place.country, place.admin1))
        return PlaceContext(frozenset(c for c in found if c), frozenset(regions))

    def article_context(self, result: object) -> PlaceContext:
        """:meth:`context` of an :class:`~geokg.ingest.records.ArticleResult`: the place
        mentions and the countries of its actors (those of its events included)."""
        names = dict.fromkeys(m.text for m in result.mentions if m.label in PLACE_LABELS)
        actors = [*result.actors, *(a for e in result.events for a in (e.source, e.target) if a is not None)]
        return self.context(names, {a.country for a in actors if a.country})

    def resolve(self, name: str, context: PlaceContext = _EMPTY, qualifier: str | None = None,
                own_names: bool = False) -> Place | None:
        """The place ``name`` stands for in ``context``, or None (unknown or ambiguous);
        ``own_names``: only places whose own name it is (no alternate names)."""
        candidates: tuple[Place, ...] = ()
        for variant in dict.fromkeys([_THE.sub("", " ".join(name.split())).strip(" ,.;:'\""), _clean(name)]):
            # the name as written first ("West Bank"), then without "northern state of" and the like
            if len(variant) >= 2 and variant[:1].isupper():
                name, candidates = variant, self.gazetteer.lookup(variant)
                if candidates:
                    break
        if not candidates:
            return None
        if name.isupper() and len(name) <= 5:  # an acronym ("US", "UN") names a country or nothing
            candidates = tuple(p for p in candidates if p.kind == "country")
        if own_names:
            candidates = tuple(p for p in candidates if normalise(p.name) == normalise(name))
        if not candidates:
            return None
        if qualifier:
            within = self.resolve(qualifier)
            if within is not None and within.kind != "city":
                candidates = tuple(p for p in candidates if p.country == within.country
                                   and (within.kind == "country" or p.admin1 == within.admin1))
                if not candidates:
                    return None
        countries = [p for p in candidates if p.kind == "country"]
        for country in countries:
            shared = any(p.kind != "country" and p.country == country.country for p in candidates)
            if not (shared and self.gazetteer.is_country_alias(name, country)):
                return country
        # a name shared by a region and a city of one country is the city's ("Beijing",
        # "Washington", "Kiev" -- not the province, the state or the oblast)
        cities = {p.country for p in candidates if p.kind == "city"}
        rest = [p for p in candidates if p.kind == "city" or (p.kind == "region" and p.country not in cities)]
        key = normalise(name)
        scored = sorted(((self._score(p, context) + _OWN_NAME * (normalise(p.name) == key), p) for p in rest),
                        key=lambda sp: -sp[0])
        if not scored:
            return None
        if len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN:
            return None
        return scored[0][1]

    @staticmethod
    def _score(place: Place, context: PlaceContext) -> float:
        score = math.log10(place.population + 10)
        if place.kind == "city":
            score += 1.5
        if place.country in context.countries:
            score += 3
        if (place.country, place.admin1) in context.regions:
            score += 2
        return score

    def event_place(self, extraction: object, event_country: str | None, mentions: Sequence[object],
                    content: str, context: PlaceContext = _EMPTY) -> Place | None:
        """The place of an event (see the module doc).

        ``extraction`` is the event's :class:`~geokg.ingest.records.Extraction`,
        ``event_country`` its ``Event.place`` (ISO3 or None), ``mentions`` the
        article's entity mentions and ``content`` the article text they point into.
        """
        ex = extraction
        in_sentence = [m for m in mentions if m.sentence == ex.sentence and self._placelike(m)]
        country: Place | None = None
        words = ex.lemma.split()
        goes = ex.object is not None and words and (words[-1] in _PLACE_PREPS or words[0] in _MOTION)
        for arg in ((ex.object,) if goes else ()) + tuple(ex.extras):
            if arg.prep not in _PLACE_PREPS and arg.role != "place" and arg is not ex.object:
                continue
            inside = [m for m in in_sentence if arg.start <= m.start and m.end <= arg.end]
            names = [(m.text, self._qualifier(m, in_sentence, content), m.label not in PLACE_LABELS)
                     for m in inside] or [(arg.text, None, False)]
            for text, qualifier, own in names:  # the first place the argument names is its head
                place = self.resolve(text, context, qualifier, own)
                if place is not None and place.kind != "country":
                    return place
                if place is not None:
                    if arg.role == "place" and country is None:
                        country = place
                    break
        if country is not None:
            return country
        subject = ex.subject
        skip = [(a.start, a.end) for a in (ex.attribution,) if a is not None]
        for m in in_sentence:
            if subject.start <= m.start and m.end <= subject.end and subject.head and subject.head in m.text:
                continue  # the subject itself: a metonym ("Moscow said")
            if any(a <= m.start and m.end <= b for a, b in skip):
                continue
            if (m.actor_id and not _LOCATIVE_BEFORE.search(content, max(0, m.start - 16), m.start)
                    and not _dateline(m, content)):
                continue  # coded as an actor and not after "in"/"at"/"on"...: a metonym ("talks with Ankara")
            place = self.resolve(m.text, context, self._qualifier(m, in_sentence, content),
                                 m.label not in PLACE_LABELS)
            if place is not None and place.kind != "country":
                return place
            if place is not None and country is None and _IN_BEFORE.search(content, max(0, m.start - 12), m.start):
                country = place  # "strikes on nine sites in Pakistan"
        if country is not None:
            return country
        return self.gazetteer.country(event_country) if event_country else None

    def _placelike(self, m: object) -> bool:
        """A place mention; the small model also tags places PERSON or ORG ("Kyiv"): those
        count unless they were coded as a person, and only by a place's own name."""
        return m.label in PLACE_LABELS or (m.label in _OTHER_LABELS and not (m.actor_id or "").startswith("person:"))

    @staticmethod
    def _qualifier(m: object, mentions: Sequence[object], content: str) -> str | None:
        """What locates ``m``: the mention after it and a comma ("Anchorage, Alaska") or
        the country before "-administered" ("Pakistan-administered Kashmir")."""
        held = _HELD_BY.search(content, max(0, m.start - 60), m.start)
        if held is not None:
            return held.group(1)
        for n in mentions:
            if n.start > m.end and content[m.end:n.start].strip() == ",":
                return n.text
        return None
