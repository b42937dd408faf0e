"""event_rows: one row per mention, and one per article graph that types an event without mentioning it."""

from __future__ import annotations

import pytest
from geokg.graph.query.tables import event_rows
from geokg.graph.store import open_store
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

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
        a1: [typed, (event, URIRef(GK + "span"), Literal("4,9,0,19")),  # the clause's offsets, then its sentence's
             (event, URIRef(GK + "inSentence"), sentence),
             (a1, URIRef("https://schema.org/text"), Literal("Our own words here. And more."))],
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
    store.replace_graphs({a1: [
        (a1, URIRef("https://schema.org/text"), Literal("Oslo met. Oslo met again.")),
        (event, RDF.type, URIRef(SEM + "Event")),
        (event, URIRef(GK + "span"), Literal("0,8,0,9")), (event, URIRef(GK + "span"), Literal("14,22,10,25")),
        (event, URIRef(GK + "inSentence"), s0), (event, URIRef(GK + "inSentence"), s1),
    ]})
    rows = event_rows(store)
    assert [(r.sentence, r.start, r.end, r.sentence_start) for r in rows] == [
        ("Oslo met.", 0, 8, 0), ("Oslo met again.", 14, 22, 10),
    ]
