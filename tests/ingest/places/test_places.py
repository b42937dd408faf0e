"""The gazetteer, the geocoder and its precision on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from geokg.ingest.places import Gazetteer, Geocoder, Place, PlaceContext
from geokg.ingest.places.evaluate import evaluate_places, read_gold
from geokg.ingest.records import (
    Argument,
    Article,
    ArticleResult,
    Event,
    Extraction,
    Mention,
)

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "fixtures" / "places" / "sample_places.tsv"


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder()


def test_gazetteer_points_and_kinds():
    gaz = Gazetteer.default()
    kyiv = gaz.get("703448")
    assert (kyiv.name, kyiv.kind, kyiv.country) == ("Kyiv", "city", "UKR")
    assert 50 < kyiv.lat < 51 and 30 < kyiv.lon < 31
    mexico = gaz.country("MEX")  # a country is its capital's point
    assert mexico.kind == "country" and abs(mexico.lat - 19.43) < 0.1 and abs(mexico.lon + 99.13) < 0.1
    sinaloa = gaz.get("MX.25")  # a region: population-weighted mean of its cities, inside the state
    assert sinaloa.name == "Sinaloa" and 23 < sinaloa.lat < 27 and -109 < sinaloa.lon < -105
    assert gaz.lookup("Gulf") == ()  # a stop name


def test_bad_gazetteer_line_names_the_file(tmp_path):
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "gazetteer.tsv").write_text("# header\ncity\t1\tX\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places/gazetteer.tsv line 2"):
        Gazetteer.from_data(tmp_path)


def test_context_disambiguates_paris(geo):
    assert geo.resolve("Paris").country == "FRA"
    texas = geo.context(["Texas", "Dallas"], ["USA"])
    paris = geo.resolve("Paris", texas)
    assert (paris.country, paris.admin1) == ("USA", "TX")
    assert geo.resolve("Moscow").country == "RUS"
    idaho = geo.context(["Idaho"], ["USA"])
    assert geo.resolve("Moscow", idaho).admin1 == "ID"


def test_qualifiers_acronyms_landmarks(geo):
    assert geo.resolve("Anchorage", qualifier="Alaska").id == "5879400"
    assert geo.resolve("Kashmir", qualifier="Pakistan") is None  # no "Kashmir" in Pakistan's table
    assert geo.resolve("UN") is None and geo.resolve("US").kind == "country"
    assert geo.resolve("the White House").id == "4140963"  # Washington, DC
    assert geo.resolve("Washington").id == "4140963"  # the city, not the state
    assert geo.resolve("Gaza").kind == "city" and geo.resolve("Gaza Strip").id == "PS.GZ"
    assert geo.resolve("Mexico").kind == "country" and geo.resolve("Beijing").kind == "city"
    assert geo.resolve("the northern state of Sinaloa").id == "MX.25"
    assert geo.resolve("lowercase words") is None


def _result(text: str, ents: list[tuple[str, str]], extras: tuple[Argument, ...] = ()) -> ArticleResult:
    art = Article.create(title="T", text=text, url="https://x.test/p")
    c = art.content
    s0 = c.index(text)
    mentions = tuple(Mention(art.id, 0, c.index(e), c.index(e) + len(e), e, label) for e, label in ents)
    subj = mentions[0]
    ex = Extraction(art.id, 0, s0, len(c), Argument("subject", subj.text, subj.start, subj.end, head=subj.text),
                    "met", "meet", subj.end + 1, subj.end + 4, extras=extras)
    return ArticleResult(article=art, mentions=mentions, extractions=(ex,), events=(Event("e1", ex),))


def test_event_place_prefers_locative_argument(geo):
    text = "Moscow officials met in Anchorage, Alaska on Friday."
    c = "T\n\n" + text
    at = c.index("Anchorage")
    res = _result(text, [("Moscow", "GPE"), ("Anchorage", "GPE"), ("Alaska", "GPE")],
                  (Argument("place", "Anchorage, Alaska", at, at + 17, prep="in", label="GPE"),))
    ev = res.events[0]
    place = geo.event_place(ev.extraction, None, res.mentions, c, geo.article_context(res))
    assert place.id == "5879400"


def test_event_place_skips_the_subject_metonym_and_falls_back_to_the_country(geo):
    text = "Moscow rejected the plan."
    res = _result(text, [("Moscow", "GPE")])
    ex = res.events[0].extraction
    assert geo.event_place(ex, None, res.mentions, res.article.content, PlaceContext()) is None
    assert geo.event_place(ex, "RUS", res.mentions, res.article.content, PlaceContext()).kind == "country"


def test_read_gold_rejects_a_bad_line(tmp_path):
    bad = tmp_path / "gold.tsv"
    bad.write_text("# c\nart\ttext\tname\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gold.tsv:2"):
        read_gold(bad)


def test_gold_ids_exist_in_the_gazetteer():
    gaz = Gazetteer.default()
    for g in read_gold(GOLD):
        for ident in g.id.split("|"):
            if ident != "-":
                place = gaz.get(ident)
                assert isinstance(place, Place) and place.country == g.country, g


@pytest.mark.model
def test_geocoding_precision_on_the_sample_corpus(geokg_pipeline):
    from geokg.ingest.readers import iter_articles

    results = list(geokg_pipeline.process(iter_articles([ROOT / "examples" / "articles"])))
    scores = evaluate_places(results, read_gold(GOLD))
    for row in scores.rows:
        print("ok" if row.correct else "--", row.gold.name, "->", row.found and (row.found.id, row.found.name))
    print(f"geocoding precision {scores.precision:.3f} ({scores.correct}/{scores.predicted}), "
          f"recall {scores.recall:.3f} ({scores.correct}/{len(scores.rows)})")
    assert scores.precision >= 0.9
    assert scores.recall >= 0.7


def test_accents_regions_and_alternate_names(geo):
    assert geo.resolve("Herat").kind == "city" and geo.resolve("Fallujah").country == "IRQ"
    assert geo.resolve("Kiev").id == "703448"  # the city, not the oblast of that name
    assert geo.resolve("Islamabad").country == "PAK"  # not Chattogram, once called Islamabad
    assert geo.resolve("West Bank").id == "PS.WE"  # the name as written before "west" is dropped


def test_metonyms_and_datelines(geo):
    text = "Israel held talks with Ankara on trade."
    res = _result(text, [("Israel", "GPE"), ("Ankara", "GPE")])
    res = ArticleResult(article=res.article, events=res.events,
                        mentions=tuple(m if m.text != "Ankara" else Mention(m.article_id, 0, m.start, m.end, m.text,
                                                                              "GPE", "actor:TUR-GOV")
                                       for m in res.mentions))
    ex = res.events[0].extraction
    assert geo.event_place(ex, None, res.mentions, res.article.content, PlaceContext()) is None
    art = Article.create(title="T", text="BAGHDAD - Gunmen killed a governor.", url="https://x.test/d")
    c = art.content
    mentions = (Mention(art.id, 0, c.index("BAGHDAD"), c.index("BAGHDAD") + 7, "BAGHDAD", "GPE", "actor:IRQ-GOV"),
                Mention(art.id, 0, c.index("Gunmen"), c.index("Gunmen") + 6, "Gunmen", "NORP"))
    ex = Extraction(art.id, 0, 3, len(c), Argument("subject", "Gunmen", mentions[1].start, mentions[1].end,
                                                   head="Gunmen"), "killed", "kill", 0, 0)
    assert geo.event_place(ex, None, mentions, c, PlaceContext()).id == "98182"
