"""The article context: people, office holders, the main country, the Doc's index."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from geokg.ingest.actors import ActorCoder
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.context import article_context
from geokg.ingest.records import Argument, Article, Extraction
from spacy.tokens import Doc

PUB = date(2025, 1, 23)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_role_records_feed_the_article_context(coder):
    text = "Ana Ruiz is Peru's president. Ruiz rejected the Chilean proposal."
    art = Article.create(title="", text=text, published=PUB)
    c = art.content
    role = Extraction(art.id, 0, 0, 28, Argument("subject", "Ana Ruiz", 0, 8, head="Ruiz", label="PERSON"),
                      "is", "hold role", 9, 11,
                      object=Argument("object", "Peru's president", 12, 28, head="president"), kind="role")
    k = c.index("Ruiz rejected")
    p = c.index("the Chilean proposal")
    rej = Extraction(art.id, 1, k, len(c), Argument("subject", "Ruiz", k, k + 4, head="Ruiz", label="PERSON"),
                     "rejected", "reject", k + 5, k + 13,
                     object=Argument("object", "the Chilean proposal", p, p + 20, head="proposal"))
    events, _, _ = coder.code_article(None, art, [role, rej])
    (ev,) = events
    assert (ev.source.id, ev.source.country, ev.source.role, ev.target.id) == (
        "person:ana-ruiz", "PER", "President", "country:CHL")


def test_main_country_is_the_most_named(coder):
    art = Article.create(title="Peru and Chile", text="Chilean officials met in Lima. Peru said Peruvian "
                         "troops stay. Ethnic Chileans and ethnic Chileans protested.")
    assert article_context(coder.actors, art, []).default_country == "PER"
    assert coder.context_for(art, []).default_country == "PER"


def test_people_from_person_entities_and_the_doc_index():
    actors = ActorCoder.default()
    words = ["Claudia", "Sheinbaum", "met", "Jon", "Doe", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 4 + [False, False],
              ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O"])
    art = Article.create(title="", text=doc.text)
    ctx = article_context(actors, art, [], doc)
    assert ctx.people["sheinbaum"].id == "person:claudia-sheinbaum" and ctx.people["doe"].id == "person:jon-doe"
    assert ctx.roles[("MEX", "president")].id == "person:claudia-sheinbaum"
    # the context keeps the Doc's index for the article's arguments
    assert actors.doc_index(doc, ctx) is actors.doc_index(doc, ctx)
    assert actors.doc_index(doc, ctx).persons == ((0, 17), (22, 29))


@pytest.mark.parametrize(
    "title, text, scene",
    [
        ("Peruvian envoy hurt in Quito blast", "Six people were hurt.", "ECU"),
        ("Blast outside the Chilean embassy in Lima", "Six people were hurt.", "PER"),  # a modifier is no place
        ("Attack in Chilean Offensive", "Six people were hurt.", None),
        ("Peru talks", "Envoys met in Lima's old town.", None),  # a possessor: looked at no further
    ],
)
def test_the_scene_country_is_the_first_place_named(coder, title, text, scene):
    art = Article.create(title=title, text=text)
    assert article_context(coder.actors, art, []).scene_country == scene
