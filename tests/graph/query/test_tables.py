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
    mention, sentence = URIRef(ID + "mention/m1"), URIRef(ID + "sentence/a1-0")
    typed = (event, RDF.type, URIRef(SEM + "Event"))
    store.replace_graphs({
        a1: [typed, (event, URIRef(GK + "hasMention"), mention),
             (mention, URIRef(GK + "start"), Literal(4)), (mention, URIRef(GK + "end"), Literal(9)),
             (mention, URIRef(GK + "inSentence"), sentence),
             (sentence, URIRef("https://schema.org/text"), Literal("Our own words here.")),
             (sentence, URIRef("http://www.w3.org/ns/oa#start"), Literal(0, datatype=XSD.integer))],
        a2: [typed],  # an article written at level none: no mention
    })
    rows = sorted(event_rows(store), key=lambda r: r.article)
    assert [(r.article, r.sentence, r.start, r.end, r.sentence_start) for r in rows] == [
        (str(a1), "Our own words here.", 4, 9, 0),
        (str(a2), None, None, None, None),
    ]
