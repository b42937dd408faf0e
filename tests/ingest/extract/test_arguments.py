"""Tests of noun-phrase spans and phrase roles (geokg.ingest.extract.arguments)."""

from __future__ import annotations

import spacy
from geokg.ingest.extract.arguments import (
    AllPreps,
    ArgSpan,
    name_span,
    np_bounds,
    pp_role,
    to_argument,
)
from spacy.tokens import Doc


def doc() -> Doc:
    nlp = spacy.blank("en")
    words = ["The", "army", "seized", "tons", "of", "cocaine", "near", "Cali", ",", "which", "burned", "in", "May"]
    return Doc(nlp.vocab, words=words,
               heads=[1, 2, 2, 2, 3, 4, 3, 6, 3, 10, 3, 10, 11],
               deps=["det", "nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "punct", "nsubj", "relcl",
                     "prep", "pobj"],
               pos=["DET", "NOUN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "ADP",
                    "PROPN"],
               ents=["O", "O", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-DATE"])


def test_np_keeps_of_phrases_and_cuts_other_phrases_and_relative_clauses() -> None:
    d = doc()
    assert d[slice(*np_bounds(d[3], ("of",)))].text == "tons of cocaine"
    assert d[slice(*np_bounds(d[3], AllPreps()))].text == "tons of cocaine near Cali"
    assert d[slice(*np_bounds(d[1]))].text == "The army"


def test_pp_roles_by_entity_label() -> None:
    d = doc()
    assert pp_role(d[6], d[7]) == "place"
    assert pp_role(d[11], d[12]) == "time"
    assert pp_role(d[4], d[5]) == "other"


def test_to_argument_uses_character_offsets() -> None:
    d = doc()
    arg = to_argument(d, ArgSpan("object", 3, 6, 3))
    assert d.text[arg.start:arg.end] == arg.text == "tons of cocaine"
    assert (arg.head, arg.label, arg.role) == ("tons", "", "object")
    place = to_argument(d, ArgSpan("place", 7, 8, 7, "near"))
    assert (place.label, place.prep) == ("GPE", "near")
    implicit = to_argument(d, ArgSpan("subject", 2, 2, 2))
    assert implicit.text == "" and implicit.start == implicit.end == d[2].idx


def test_a_titled_name_with_a_hyphen_is_whole() -> None:
    nlp = spacy.blank("en")
    words = ["President", "Chen", "Shui", "-", "bian", "left", "Ana", "-", "Ruiz", "-", "Lee"]
    d = Doc(nlp.vocab, words=words, spaces=[True, True, False, False, True, True, False, False, True, True, False],
            heads=[4, 4, 4, 4, 5, 5, 8, 8, 5, 8, 8],
            deps=["compound", "compound", "compound", "punct", "nsubj", "ROOT", "compound", "punct", "dobj", "punct",
                  "appos"],
            pos=["PROPN"] * 5 + ["VERB"] + ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN"],
            ents=["O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O",
                  "B-PERSON"])
    assert d[slice(*name_span(d[4], 0))].text == "Chen Shui-bian"
    assert d[slice(*name_span(d[4], 2))].text == "bian"  # not back to the stop token
    assert d[slice(*name_span(d[8]))].text == "Ana-Ruiz"
