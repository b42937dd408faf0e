"""Geocoding precision and recall of event places against a gold list.

A gold row names an article (a substring of its title), a fact (a substring of its
sentence), the place where it happened and that place's GeoNames id (``-`` when the
gazetteer has no entry; alternatives separated by ``|``) and ISO3 country -- ``tests/fixtures/places/sample_places.tsv``
holds the sample corpus's, written from ``examples/articles/FACTS.md``.

For each row the events coded from that sentence are geocoded as the RDF writer does
(:meth:`Geocoder.event_place` in the article's :meth:`Geocoder.article_context`); the
event whose relation lies inside the fact text is preferred.  A prediction is correct
when its id is a gold id -- or, for a place the gazetteer lacks (``-``), when it is the
gold country (the best the gazetteer can give).  Precision = correct / predicted, recall =
correct / gold rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geokg.ingest.places.gazetteer import Place
from geokg.ingest.places.geocode import Geocoder
from geokg.ingest.records import ArticleResult

__all__ = ["GoldPlace", "PlaceRow", "PlaceScores", "evaluate_places", "read_gold"]


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One gold row (see the module doc)."""

    article: str
    text: str
    name: str
    id: str
    country: str


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A gold row with what the geocoder said (``found`` is None: no place or no event)."""

    gold: GoldPlace
    found: Place | None
    correct: bool


@dataclass(frozen=True, slots=True)
class PlaceScores:
    """Precision, recall and the rows they come from."""

    rows: tuple[PlaceRow, ...]

    @property
    def predicted(self) -> int:
        return sum(r.found is not None for r in self.rows)

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.rows)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / len(self.rows) if self.rows else 0.0


def read_gold(path: str | Path) -> list[GoldPlace]:
    """Read a gold TSV (``#`` comments; 5 columns); a bad line raises naming it."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 5 or not all(c.strip() for c in cells):
            raise ValueError(f"{path}:{n}: expected 5 non-empty tab-separated columns, got {cells!r}")
        rows.append(GoldPlace(*(c.strip() for c in cells)))
    return rows


def _predict(gold: GoldPlace, result: ArticleResult, geocoder: Geocoder) -> Place | None:
    content = result.article.content
    context = geocoder.article_context(result)
    best: tuple[int, Place | None] = (-1, None)
    for event in result.events:
        ex = event.extraction
        sentence = content[ex.sent_start:ex.sent_end]
        at = sentence.find(gold.text)
        if at < 0:
            continue
        place = geocoder.event_place(ex, event.place, result.mentions, content, context)
        inside = ex.sent_start + at <= ex.rel_start < ex.sent_start + at + len(gold.text)
        rank = 2 * inside + (place is not None)
        if rank > best[0]:
            best = (rank, place)
    return best[1]


def evaluate_places(results: Iterable[ArticleResult], gold: Sequence[GoldPlace],
                    geocoder: Geocoder | None = None) -> PlaceScores:
    """Score the event places of ``results`` against ``gold``; a gold article that is
    not among the results raises ``ValueError`` naming it."""
    geocoder = geocoder or Geocoder()
    results = list(results)
    rows = []
    for g in gold:
        matches = [r for r in results if g.article in r.article.title]
        if len(matches) != 1:
            raise ValueError(f"gold article {g.article!r} matches {len(matches)} articles, expected 1")
        found = _predict(g, matches[0], geocoder)
        ids = g.id.split("|")
        ok = found is not None and (found.id in ids or ("-" in ids and found.kind == "country"
                                                        and found.country == g.country))
        rows.append(PlaceRow(g, found, ok))
    return PlaceScores(tuple(rows))
