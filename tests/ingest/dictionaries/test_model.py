"""The PETRARCH back-off on real parses (the trained model)."""

from __future__ import annotations

import pytest
from geokg.ingest.dictionaries.coder import build_coder
from geokg.ingest.dictionaries.verbs import Clause
from geokg.ingest.extract import extract
from geokg.ingest.records import Article

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("text", "expected"), [
    ("Nigerian police flogged two protesters in Lagos on Monday.", ("actor:NGA-COP", "180", "actor:NGA-CVL")),
    ("The Kenyan court exonerated the opposition leader on Monday.", ("actor:KEN-JUD", "081", "actor:KEN-OPP")),
])
def test_backoff_codes_what_geokg_rows_do_not(nlp, text, expected):
    on, off = build_coder(), build_coder(backoff=False)
    art = Article.create(title="", text=text)
    doc = nlp(art.content)
    exs = list(extract(doc, article_id=art.id))
    events = on.code_article(doc, art, exs)[0]
    assert [(e.source.id, e.cameo, e.target.id) for e in events] == [expected]
    assert off.code_article(doc, art, exs)[0] == ()
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert on.lexicon.backoff.match(Clause.from_token(root)).code == expected[1]
