"""MapView.from_store: one point per event, however many article graphs report it."""

from __future__ import annotations

from geokg.graph.store import open_store
from geokg.graph.views.mapview import MapView

GK = "https://w3id.org/geokg/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _report(graph: str, clause: str) -> str:
    text = f"Shelling near Kyiv ({graph})."  # the article's text, one sentence
    span = f"{clause},0,{len(text)}"  # the clause's offsets, then its sentence's
    triples = [
        f'<{graph}> <https://schema.org/text> "{text}"',
        f'<urn:e> <{TYPE}> <{SEM}Event>', f'<urn:e> <{SEM}hasPlace> <urn:kyiv>',
        f'<urn:kyiv> <{WGS}lat> "50.45"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        f'<urn:kyiv> <{WGS}long> "30.52"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        f'<urn:kyiv> <{LABEL}> "Kyiv"', f'<urn:e> <{GK}quadClass> "4"^^<http://www.w3.org/2001/XMLSchema#integer>',
        f'<urn:e> <{GK}sourceActor> <urn:rus>', f'<urn:rus> <{LABEL}> "Russia"',
        f'<urn:e> <{GK}targetActor> <urn:ukr>', f'<urn:ukr> <{LABEL}> "Ukraine"',
        f'<urn:e> <{GK}span> "{span}"', f'<urn:e> <{GK}inSentence> <{graph}/s0>',
    ]
    return "".join(f"{t} <{graph}> .\n" for t in triples)


def test_an_event_reported_by_many_articles_is_one_point_with_its_mentions() -> None:
    store = open_store(None)
    graphs = [f"urn:article:{i}" for i in range(5)]
    for i, g in enumerate(graphs):
        store.replace_nquads([g], _report(g, "0,12"))  # the same offsets in each article: still one report each
    view = MapView.from_store(store)
    assert len(view.events) == 1, view.events
    (event,) = view.events
    assert (event["lat"], event["lon"], event["place"]) == (50.45, 30.52, "Kyiv")
    assert (event["source"], event["target"], event["mentions"], int(event["quad"])) == ("Russia", "Ukraine", 5, 4)
    assert event["sentence"] == "Shelling near Kyiv (urn:article:0)."
    assert MapView.from_store(store, actor="urn:ukr").events and not MapView.from_store(store, actor="urn:x").events
