"""Wire-service bylines, datelines, agency tags and bare entities are cleaned from articles."""

from __future__ import annotations

from geokg.ingest.readers import build_article
from geokg.ingest.text import strip_wire_markers


def test_bylines_and_datelines_are_removed_from_the_start():
    assert strip_wire_markers("Reuters - Ministers from five states met in Oslo.") == "Ministers from five states met in Oslo."
    assert strip_wire_markers("OSLO, Norway (AFP) -- Ministers met.") == "Ministers met."
    assert strip_wire_markers("SAN JOSE (Reuters) - Voters went to the polls.") == "Voters went to the polls."
    assert strip_wire_markers("AP - LIMA, Peru - Voters went to the polls.") == "Voters went to the polls."


def test_a_dateline_with_its_date_is_removed_whatever_the_case_of_its_place():
    assert strip_wire_markers("Lima, Sept. 8 (NNN): Ministers met.") == "Ministers met."
    assert strip_wire_markers("Quito, Sep 27 (UNI) Members of the assembly met.") == "Members of the assembly met."
    assert strip_wire_markers("LIMA, 29 October (IRIN) - Ministers met.") == "Ministers met."
    assert strip_wire_markers("LIMA , December 6 (Wire & Agencies) - Ministers met.") == "Ministers met."
    assert strip_wire_markers("Santiago, May 2, 2004 -- Ministers met.") == "Ministers met."
    # a sentence that starts with places and no date stays
    assert strip_wire_markers("Lima, Quito and Bogota met on May 2.") == "Lima, Quito and Bogota met on May 2."


def test_a_capital_place_and_its_country_is_a_dateline_with_a_date_a_dash_a_gap_or_a_sentence_opener():
    assert strip_wire_markers("QUITO, Ecuador Aug. 23, 2004 - Ministers met.") == "Ministers met."
    assert strip_wire_markers("QUITO, Ecuador, Nov 2 (AFP) - Ministers met.") == "Ministers met."
    assert strip_wire_markers("QUITO, Ecuador An envoy of Peru met ministers.") == "An envoy of Peru met ministers."
    assert strip_wire_markers("QUITO, Ecuador  Peruvian envoys met.") == "Peruvian envoys met."
    # without any of them the words may be the sentence's own
    assert strip_wire_markers("QUITO, Ecuador Envoys met.") == "QUITO, Ecuador Envoys met."
    assert strip_wire_markers("ALAN GARCIA, the president, left.") == "ALAN GARCIA, the president, left."


def test_text_that_only_looks_like_a_dateline_stays():
    for text in ("EU - Chile talks resume today.", "Voters - many of them young - went to the polls.",
                 "NATO"):
        assert strip_wire_markers(text) == text


def test_agency_tag_closes_only_titles():
    assert strip_wire_markers("Ministers meet in Oslo (Reuters)", title=True) == "Ministers meet in Oslo"
    assert strip_wire_markers("Ministers met (and agreed)", title=True) == "Ministers met (and agreed)"


def test_bare_entities_are_repaired():
    assert strip_wire_markers("The bloc #39;s envoy said quot;no quot; to a #36;5 fee.") == \
        'The bloc\'s envoy said "no" to a $5 fee.'
    assert strip_wire_markers("Talks &lt;b&gt;resume&lt;/b&gt; in Oslo.") == "Talks resume in Oslo."


def test_build_article_cleans_title_and_body():
    art = build_article("x.csv#row1", title="Envoys meet in Oslo (AFP)",
                        text="AFP - OSLO (AFP) - Envoys of the bloc #39;s members met on Monday.")
    assert art.title == "Envoys meet in Oslo"
    assert art.text == "Envoys of the bloc's members met on Monday."
