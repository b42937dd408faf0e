"""ontology/iris.py: resource IRIs are safe, stable and injective."""

from __future__ import annotations

import re

import pytest
from geokg.ontology.iris import (
    actor_iri,
    article_iri,
    cameo_iri,
    event_iri,
    iri_segment,
    mention_iri,
    model_iri,
    place_iri,
    plover_iri,
    run_iri,
    sentence_iri,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

SAFE = re.compile(r"[A-Za-z0-9\-._~:%]+")


@pytest.mark.parametrize(
    "key, segment",
    [
        ("country:MEX", "country:MEX"),
        ('person:o"neil', "person:o%22neil"),
        ("a b", "a%20b"),
        ("<x>", "%3Cx%3E"),
        ("a/b", "a%2Fb"),
        ("50%", "50%25"),
        ("é", "%C3%A9"),
        ("e\u0301", "%C3%A9"),  # NFD input is normalised to NFC first
        (".", "%2E"),
        (42, "42"),
    ],
)
def test_segments(key, segment):
    assert iri_segment(key) == segment


@pytest.mark.parametrize("bad", ["", "   ", None, 1.5, True])
def test_bad_keys_are_rejected_with_the_key_named(bad):
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        actor_iri(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_text_gives_a_parseable_iri(key):
    iri = actor_iri(key)
    assert SAFE.fullmatch(str(iri).rsplit("/", 1)[1])
    g = Graph()
    g.add((iri, URIRef("urn:p"), Literal(key)))
    back = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert set(back.subjects()) == {iri}


def test_helpers_put_resources_in_their_folders():
    base = "https://w3id.org/geokg/id/"
    assert str(article_iri("a")) == base + "article/a"
    assert str(event_iri("e")) == base + "event/e"
    assert str(mention_iri("m")) == base + "mention/m"
    assert str(sentence_iri("a", 2)) == base + "sentence/a-2"
    assert str(place_iri(" Geneva ")) == base + "place/Geneva"
    assert str(cameo_iri(190)) == "https://w3id.org/geokg/cameo/190"
    assert str(plover_iri(" reject")) == "https://w3id.org/geokg/plover/REJECT"


def test_run_iri_is_injective_over_its_parts():
    assert run_iri("a-b", "c", "1") != run_iri("a", "b-c", "1")
    assert model_iri("m/x", "1") != model_iri("m", "x/1")


@pytest.mark.parametrize("code", ["1", "12345", "1a", "", "-12"])
def test_bad_cameo_codes(code):
    with pytest.raises(ValueError, match="CAMEO code"):
        cameo_iri(code)


@pytest.mark.parametrize("index", [-1, 1.0, True, "2"])
def test_bad_sentence_index(index):
    with pytest.raises(ValueError, match="sentence index"):
        sentence_iri("a", index)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(32, 127)] + ["é", "\u0301", "\n", "\t"]), min_size=1))
def test_segments_are_the_nfc_percent_encoding_of_the_key(key):
    """The shortcut for keys that are already one segment gives what encoding them gives."""
    import unicodedata
    from urllib.parse import quote

    text = unicodedata.normalize("NFC", key)
    if not text.strip():
        with pytest.raises(ValueError):
            iri_segment(key)
        return
    want = "%2E" * len(text) if text in {".", ".."} else quote(text, safe=":")
    assert iri_segment(key) == want
