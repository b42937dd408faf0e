"""Property-based tests (Hypothesis): the whole ingest path never raises on arbitrary text,
and every graph the writer emits round-trips through Turtle and N-Quads and conforms to the shapes."""

from __future__ import annotations

import pytest
from geokg.graph.rdf.writer import RunInfo, article_graph
from geokg.ingest.records import Article
from geokg.ontology.validation import validate_graph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

pytestmark = pytest.mark.model

RUN = RunInfo(model="en_core_web_sm", model_version="3.8.0", geokg_version="0.0.0")

# Arbitrary Unicode (no surrogates), plus news-like words so parses have verbs and entities.
WORDS = st.sampled_from([
    "Mexico", "rejected", "the", "plan", "Sheinbaum", "said", "that", "troops", "would", "not", "attack",
    "on", "Tuesday", ",", ".", "\n\n", "'s", "her", "it", "were", "arrested", "by", "police", "in", "Kyiv",
    "<script>", "\"", "{", "}", "&amp;", "\u200b", "\u00ad", "naïve", "東京", "🙂", "—", "US", "and",
])
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(WORDS, max_size=60).map(" ".join),
)


def _result(geokg_pipeline, title: str, body: str):
    article = Article.create(title=title, text=body, url=None)
    doc = geokg_pipeline.nlp(article.content)
    return geokg_pipeline.process_doc(doc, article)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=TEXT)
def test_ingest_never_raises(geokg_pipeline, title, body):
    result = _result(geokg_pipeline, title, body)
    content = result.article.content
    for ext in result.extractions:
        assert 0 <= ext.rel_start <= ext.rel_end <= len(content)
        assert 0 <= ext.subject.start <= ext.subject.end <= len(content)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=st.lists(WORDS, min_size=5, max_size=60).map(" ".join))
def test_written_graphs_round_trip_and_conform(geokg_pipeline, title, body):
    result = _result(geokg_pipeline, title, body)
    g = article_graph(result, run=RUN)
    for fmt in ("turtle", "nt"):
        back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert isomorphic(back, g), fmt
    ds = Dataset()
    ds.graph(g.identifier).__iadd__(g)
    back = Dataset().parse(data=ds.serialize(format="nquads"), format="nquads")
    assert isomorphic(Graph() + back.graph(g.identifier), g)
    report = validate_graph(g)
    assert report.conforms, report.text if hasattr(report, "text") else report
