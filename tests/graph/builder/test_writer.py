"""``write_outputs``: article graphs replaced, descriptions of actors added to (stores without ``replace_nquads``)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from geokg.graph.builder.writer import ArticleOutput, GraphWriter, write_outputs
from geokg.graph.rdf.writer import article_nquads
from geokg.graph.store import open_store
from geokg.graph.store.articles import drop_unused_descriptions, remove_articles
from geokg.graph.store.memory import MemoryGraphStore
from geokg.ingest.records import Actor, Article, ArticleResult
from geokg.ontology import actor_iri, article_iri
from geokg.ontology.namespace import GK, RDFS, SKOS
from rdflib import Literal


def _output(title: str, alias: str, sector: str | None = None) -> ArticleOutput:
    art = Article.create(title=title, text=f"{alias} spoke.", url=f"https://x.test/{title}")
    person = Actor("person:ana-ruiz", "Ana Ruiz", "person", aliases=(alias,), country="MEX", sector=sector)
    named_only = Actor("org:acme", "Acme", "company")  # in no event, nothing said about it but its name
    result = ArticleResult(article=art, actors=(person, named_only))
    return ArticleOutput(art.id, None, str(article_iri(art.id)), article_nquads(result), digest=title)


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_descriptions_are_shared_and_what_each_article_said_stays_in_its_graph(kind):
    store = MemoryGraphStore() if kind == "memory" else open_store(None)
    first, second = _output("a", "Ms Ruiz", sector="GOV"), _output("b", "the minister")
    write_outputs(store, [first])
    write_outputs(store, [second])  # a later batch: the actor's graph keeps what the first one wrote
    ana, mex = actor_iri("person:ana-ruiz"), actor_iri("country:MEX")
    labels = store.query("SELECT ?g ?l WHERE { GRAPH ?g { ?a ?p ?l } }", {"a": ana, "p": RDFS.label})
    assert [(g, l) for g, l in labels] == [(ana, Literal("Ana Ruiz"))]  # once, in the actor's own graph
    assert [tuple(r) for r in store.query("SELECT ?g WHERE { GRAPH ?g { ?a ?p ?s } }", {"a": ana, "p": GK.sector})] == [
        (ana,)]  # written by the first batch only: kept (added to, not replaced)
    aliases = store.query("SELECT ?g ?l WHERE { GRAPH ?g { ?a ?p ?l } }", {"a": ana, "p": SKOS.altLabel})
    assert {(str(g), str(l)) for g, l in aliases} == {
        (first.graph, "Ms Ruiz"), (second.graph, "the minister")}  # each article's names, in its graph
    countries = store.query("SELECT ?g WHERE { GRAPH ?g { ?a ?p ?c } }", {"a": ana, "p": GK.countryCode})
    assert sorted(str(r[0]) for r in countries) == sorted([first.graph, second.graph])
    assert store.has_graph(ana) and store.has_graph(mex)
    assert remove_articles(store, [first.article_id]) == [(first.article_id, True)]
    assert store.has_graph(ana) and store.has_graph(actor_iri("org:acme"))  # the second article still names them
    assert remove_articles(store, [second.article_id]) == [(second.article_id, True)]
    assert not store.has_graph(ana) and not store.has_graph(mex) and not store.has_graph(actor_iri("org:acme"))
    assert drop_unused_descriptions(store) == []


class _Recording:
    """An in-memory Oxigraph store that keeps the N-Quads each load was given."""

    def __init__(self) -> None:
        self.store, self.loads = open_store(None), []

    def replace_nquads(self, graphs, data, *, atomic=True):
        self.loads.append(data)
        self.store.replace_nquads(graphs, data, atomic=atomic)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_graph_writer_sends_each_description_once_and_stores_the_same_graph(batch_size):
    outputs = [_output(t, f"Ms Ruiz {t}", sector="GOV") for t in "abc"]
    recording, plain = _Recording(), open_store(None)
    writer = GraphWriter(recording, batch_size=batch_size)
    for output in outputs:
        writer.add(output)
    writer.close()
    write_outputs(plain, outputs)
    assert sorted(map(str, recording.store.dataset().quads())) == sorted(map(str, plain.dataset().quads()))
    ana = f"<{actor_iri('person:ana-ruiz')}> ."
    loads = "".join(recording.loads)
    sent = [line for line in loads.splitlines() if line.endswith(ana)]
    assert sent and len(sent) == len(set(sent))  # each description quad sent once, by the first article
    assert all(o.graph in loads for o in outputs) and len(recording.loads) == 3 // batch_size


@pytest.mark.parametrize("batch_size", [1, 2])
def test_descriptions_of_a_refused_graph_are_sent_again(batch_size):
    good = _output("b", "Ms Ruiz", sector="GOV")
    refused = _output("a", "Ms Ruiz", sector="GOV")
    refused = replace(refused, nquads=refused.nquads + f'<urn:s 1> <urn:p> "x" <{refused.graph}> .\n')
    store = open_store(None)
    writer = GraphWriter(store, batch_size=batch_size)
    writer.add(refused)
    writer.add(good)
    writer.close()
    done = writer.drain()
    assert [type(d).__name__ for d in done] == ["ReadError", "ArticleOutput"]
    ana = actor_iri("person:ana-ruiz")
    assert [str(r[0]) for r in store.query("SELECT ?l WHERE { GRAPH ?a { ?a ?p ?l } }", {"a": ana, "p": RDFS.label})] == [
        "Ana Ruiz"]
