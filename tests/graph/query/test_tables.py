"""event_rows: one row per mention, and one per article graph that types an event without mentioning it."""

from __future__ import annotations

import pytest
from geokg.graph.query.tables import event_rows
from geokg.graph.store import open_store
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

GK = "https://w3id.org/geokg/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ID = "https://w3id.org/geokg/id/"


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_an_event_reported_with_and_without_a_mention_gives_a_row_each(kind):
    store = open_store(None, kind=kind)
    event, a1, a2 = URIRef(ID + "event/e1"), URIRef(ID + "article/a1"), URIRef(ID + "article/a2")
    sentence = URIRef(ID + "sentence/a1-0")
    typed = (event, RDF.type, URIRef(SEM + "Event"))
    store.replace_graphs({
        a1: [typed, (event, URIRef(GK + "span"), Literal("4,9")),
             (event, URIRef(GK + "inSentence"), sentence),
             (sentence, URIRef("https://schema.org/text"), Literal("Our own words here.")),
             (sentence, URIRef("http://www.w3.org/ns/oa#start"), Literal(0, datatype=XSD.integer))],
        a2: [typed],  # an article written at level none: no mention
    })
    rows = sorted(event_rows(store), key=lambda r: r.article)
    assert [(r.article, r.sentence, r.start, r.end, r.sentence_start) for r in rows] == [
        (str(a1), "Our own words here.", 4, 9, 0),
        (str(a2), None, None, None, None),
    ]


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_two_reports_in_one_article_pair_each_span_with_its_sentence(kind):
    store = open_store(None, kind=kind)
    event, a1 = URIRef(ID + "event/e1"), URIRef(ID + "article/a1")
    s0, s1 = URIRef(ID + "sentence/a1/0"), URIRef(ID + "sentence/a1/1")
    text, start = URIRef("https://schema.org/text"), URIRef("http://www.w3.org/ns/oa#start")
    store.replace_graphs({a1: [
        (event, RDF.type, URIRef(SEM + "Event")),
        (event, URIRef(GK + "span"), Literal("0,8")), (event, URIRef(GK + "span"), Literal("14,22")),
        (event, URIRef(GK + "inSentence"), s0), (event, URIRef(GK + "inSentence"), s1),
        (s0, text, Literal("Oslo met.")), (s0, start, Literal(0, datatype=XSD.integer)),
        (s1, text, Literal("Oslo met again.")), (s1, start, Literal(10, datatype=XSD.integer)),
    ]})
    rows = event_rows(store)
    assert [(r.sentence, r.start, r.end, r.sentence_start) for r in rows] == [
        ("Oslo met.", 0, 8, 0), ("Oslo met again.", 14, 22, 10),
    ]
