"""geokg.graph.rdf.writer: records -> one named graph per article, deterministic, no blank nodes."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from geokg.graph.rdf.writer import (
    RDFWriteError,
    RunInfo,
    article_graph,
    article_quads,
    DESCRIBED_BASES,
    cameo_scores,
    description_graph,
    results_dataset,
    run_quads,
)
from geokg.ingest.records import (
    Actor,
    Argument,
    Article,
    ArticleResult,
    Extraction,
    Mention,
)
from geokg.ontology import (
    GK,
    OA,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    XSD,
    actor_iri,
    article_iri,
    cameo_iri,
    event_iri,
    mention_iri,
    plover_iri,
    sentence_iri,
    statement_iri,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rdf"


def _load_samples():
    spec = importlib.util.spec_from_file_location("geokg_test_rdf_samples", FIXTURES / "sample_records.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


samples = _load_samples()
RUN = samples.RUN


@pytest.fixture()
def result() -> ArticleResult:
    return samples.sample_result()


def _replace_ext(result: ArticleResult, **changes) -> ArticleResult:
    """The sample with its event's extraction changed."""
    event = result.events[0]
    ext = dataclasses.replace(event.extraction, **changes)
    return dataclasses.replace(result, extractions=(ext,), events=(dataclasses.replace(event, extraction=ext),))


# ------------------------------------------------------------ determinism


def test_same_records_give_isomorphic_graphs(result):
    first = article_graph(result, run=RUN)
    second = article_graph(samples.sample_result(), run=RunInfo("en_core_web_sm", "3.8.0", "0.1.0"))
    assert to_isomorphic(first) == to_isomorphic(second)
    assert set(first) == set(second)  # no blank nodes: even the plain triple sets are equal


def test_no_blank_nodes(result):
    for quad in article_quads(result, run=RUN):
        assert not any(isinstance(term, BNode) for term in quad), quad


def test_quads_are_distinct_and_in_the_article_graph_or_their_description(result):
    quads = list(article_quads(result, run=RUN))
    assert len(quads) == len(set(quads))
    article = article_iri(result.article.id)
    described = {q[3] for q in quads} - {article}
    assert described and all(str(g).startswith(DESCRIBED_BASES) for g in described)
    # a description graph holds its node's triples only; the links to it stay in the article graph
    assert all(q[0] == q[3] for q in quads if q[3] != article)
    # what the article's coding says about an actor in context stays in the article graph
    in_context = {RDF.type, SKOS.altLabel, GK.actorRole, GK.countryCode, GK.country}
    assert all(q[1] in in_context for q in quads if q[3] == article and str(q[0]).startswith(DESCRIBED_BASES))
    assert not any(q[1] in (RDFS.label, GK.actorKind) and q[3] == article for q in quads if "/actor/" in str(q[0]))
    assert any(q[2] in described and q[3] == article for q in quads)


@pytest.mark.parametrize(("evidence", "size"), [("mention", 50), ("full", 230)])
def test_golden_graph(evidence, size):
    expected = Dataset()
    path = samples.GOLDENS[evidence]
    expected.parse(path, format="trig")
    got = article_graph(samples.sample_result(), run=RUN, evidence=evidence)
    golden = expected.graph(got.identifier)
    if not isomorphic(golden, got):
        _, only_golden, only_got = graph_diff(to_isomorphic(golden), to_isomorphic(got))
        pytest.fail(
            f"graph differs from {path}\n"
            f"only in golden:\n{only_golden.serialize(format='nt')}\n"
            f"only in output:\n{only_got.serialize(format='nt')}"
        )
    assert len(list(expected.graphs())) >= 1 and size < len(golden) < size * 1.2


# ------------------------------------------------------------ evidence levels


def test_default_level_is_mention_and_is_recorded_on_the_run(result):
    g = article_graph(result, run=RUN)
    a = article_iri(result.article.id)
    # the article graph only names the run; its description (level included) is the run's own graph
    assert set(g.triples((RUN.iri, None, None))) == {(RUN.iri, PROV.used, a)}
    assert not list(g.triples((None, GK.evidenceLevel, None)))
    described = {(s, p, o) for s, p, o, _ in run_quads(RUN)}
    assert (RUN.iri, GK.evidenceLevel, Literal("mention")) in described
    assert (RUN.iri, RDF.type, GK.ExtractionRun) in described
    full_run = dataclasses.replace(RUN, evidence="full")
    full = article_graph(result, run=full_run)
    assert full_run.iri != RUN.iri and (full_run.iri, PROV.used, a) in full
    assert (full_run.iri, GK.evidenceLevel, Literal("full")) in {q[:3] for q in run_quads(full_run)}
    assert set(article_graph(result, run=RUN, evidence="full")) == set(full)  # the keyword wins


def test_run_is_described_once_per_dataset():
    results = [samples.sample_result(), samples.second_result()]
    ds = results_dataset(results, run=RUN)
    graphs = {g.identifier: g for g in ds.graphs() if len(g) and description_graph(g.identifier) is None}
    assert set(graphs) == {RUN.graph} | {article_iri(r.article.id) for r in results}
    assert len(graphs[RUN.graph]) == 12  # whatever the number of articles
    for r in results:
        g = graphs[article_iri(r.article.id)]
        assert set(g.triples((RUN.iri, None, None))) == {(RUN.iri, PROV.used, article_iri(r.article.id))}
        assert not list(g.triples((None, RDFS.label, Literal("geokg"))))
    # one type per node: the run is a gk:ExtractionRun (a prov:Activity by the ontology)
    assert set(graphs[RUN.graph].objects(RUN.iri, RDF.type)) == {GK.ExtractionRun}


def test_defaults_and_derivable_values_are_left_out_below_full(result):
    e, st = event_iri(result.events[0].id), statement_iri(result.extractions[1].id)
    full = article_graph(result, evidence="full")
    for level in ("none", "mention"):
        g = article_graph(result, evidence=level)
        for claim in (e, st):
            assert full.value(claim, GK.polarity) == Literal("positive") and g.value(claim, GK.polarity) is None
            assert full.value(claim, GK.mode) == Literal("asserted") and g.value(claim, GK.mode) is None
            assert g.value(claim, PROV.wasDerivedFrom) is None  # the graph is the article
        assert g.value(e, GK.extractionKind) is None and g.value(st, GK.extractionKind) == Literal("role")
        assert g.value(e, GK.confidence) == Literal("0.85", datatype=XSD.decimal)  # not the default 0.9
        # QuadClass and Goldstein are the CAMEO concept's (cameo.ttl): stated there, not here
        assert g.value(e, GK.quadClass) is None and g.value(e, GK.goldstein) is None
        assert cameo_scores()[f"<{cameo_iri('120')}>"] == ('"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                                         '"-4.0"^^<http://www.w3.org/2001/XMLSchema#decimal>')
        # one rdf:type per node
        subjects = {s for s in g.subjects(RDF.type, None)}
        assert all(len(set(g.objects(s, RDF.type))) == 1 for s in subjects)
        assert set(g.objects(e, RDF.type)) == {SEM.Event}
        assert g.value(actor_iri("person:claudia-sheinbaum"), GK.actorKind) == Literal("person")
    assert set(full.objects(e, RDF.type)) == {SEM.Event, GK.Event}
    # a score that differs from its concept's is written, and so is a non-default value
    odd = dataclasses.replace(result, events=(dataclasses.replace(result.events[0], goldstein=-5.0),))
    odd = _replace_ext(odd, polarity="negative", confidence=0.9, relation="reject")
    g = article_graph(odd)
    assert g.value(e, GK.goldstein) == Literal("-5.0", datatype=XSD.decimal) and g.value(e, GK.quadClass) is None
    assert g.value(e, GK.polarity) == Literal("negative") and g.value(e, GK.confidence) is None
    assert g.value(e, GK.relationText) is None and g.value(e, GK.relationLemma) == Literal("reject")


def test_mention_level_is_compact(result):
    g = article_graph(result, run=RUN)
    content = result.article.content
    e = event_iri(result.events[0].id)
    # one compact value: the clause, its sentence, then the relation words, the subject and the object
    fields = list(map(int, str(g.value(e, GK.span)).split(",")))
    start, end, s0, s1, rstart, rend, sstart, send, ostart, oend = fields
    assert content[start:end] == "Mexico rejected the plan"
    text = content[s0:s1]  # the sentence's text is the article text's slice
    assert text.startswith("Mexican President") and text.endswith("in Geneva.")
    assert text[start - s0:end - s0] == "Mexico rejected the plan"
    # the relation words are the text's slice, so level mention leaves gk:relationText out
    assert text[rstart - s0:rend - s0] == "rejected" and g.value(e, GK.relationText) is None
    assert article_graph(result, evidence="full").value(e, GK.relationText) == Literal("rejected")
    assert article_graph(result, evidence="none").value(e, GK.relationText) == Literal("rejected")
    # so are the subject's and the object's words: no gk:subjectText / gk:objectText either
    assert text[sstart - s0:send - s0] == "Mexico" and text[ostart - s0:oend - s0] == "the plan"
    assert g.value(e, GK.subjectText) is None and g.value(e, GK.objectText) is None
    for level in ("full", "none"):
        other = article_graph(result, evidence=level)
        assert (other.value(e, GK.subjectText), other.value(e, GK.objectText)) == (Literal("Mexico"), Literal("the plan"))
    # a coreference resolution is not a slice: the statement's subject "She" stays as text, its pair empty
    statement = statement_iri(result.extractions[1].id)
    assert g.value(statement, GK.subjectText) == Literal("Claudia Sheinbaum") and g.value(statement, GK.objectText) is None
    fields = str(g.value(statement, GK.span)).split(",")
    assert fields[6:8] == ["", ""] and content[int(fields[8]):int(fields[9])] == "Mexico"
    # no mention node: the report's sentence and span are on the claim
    assert not list(g.triples((None, GK.hasMention, None)))
    assert not [x for x in g.all_nodes() if "/id/mention/" in str(x)]
    assert {p for p in g.predicates(statement) if p in (GK.span, GK.inSentence)} == {GK.span}
    for prop in (OA.hasTarget, OA.hasSelector, OA.exact, GK.hasArgument, OA.hasBody, SEM.roleType, GK.nerLabel):
        assert not list(g.triples((None, prop, None))), prop
    assert not list(g.subjects(RDF.type, GK.Sentence)) and not list(g.subjects(RDF.type, GK.Mention))
    # no sentence nodes: the spans' offsets give the sentences (level full names and describes them)
    sentence = sentence_iri(result.article.id, 1)
    assert not list(g.triples((None, GK.inSentence, None))) and sentence not in set(g.all_nodes())
    assert not list(g.subjects(OA.start, None)) and not list(g.subjects(GK.sentenceIndex, None))
    assert g.value(article_iri(result.article.id), URIRef("http://purl.org/dc/terms/identifier")) is None
    full = article_graph(result, run=RUN, evidence="full")
    assert full.value(sentence, URIRef("http://purl.org/dc/terms/isPartOf")) == article_iri(result.article.id)
    assert full.value(article_iri(result.article.id), URIRef("http://purl.org/dc/terms/identifier")) == Literal(
        result.article.id)
    texts = [str(o) for o in g.objects(None, SCHEMA.text)]
    assert len(texts) == len(set(texts))
    assert g.value(e, PROV.wasGeneratedBy) is None and g.value(e, PROV.wasDerivedFrom) is None
    assert g.value(e, GK.sourceActor) == actor_iri("country:MEX")


def test_none_level_keeps_claims_actors_and_article(result):
    g = article_graph(result, run=RUN, evidence="none")
    mention = article_graph(result, run=RUN)
    e = event_iri(result.events[0].id)
    assert not list(g.triples((None, GK.hasMention, None))) and not list(g.subjects(GK.sentenceIndex, None))
    assert not list(g.triples((None, GK.inSentence, None)))
    assert not list(g.triples((None, GK.span, None)))
    kept = {(s, p, o) for s, p, o in mention if p not in (GK.inSentence, GK.span)
            and s != RUN.iri and not str(s).startswith(str(sentence_iri(result.article.id, 0))[:-1])}
    assert kept <= set(g)  # events, statements, actors and article as at level mention
    assert g.value(e, GK.relationLemma) == Literal("reject")
    assert g.value(statement_iri(result.extractions[1].id), GK.relationText) == Literal("is the president of")
    none_run = dataclasses.replace(RUN, evidence="none")
    assert (none_run.iri, PROV.used, article_iri(result.article.id)) in g


def test_full_is_mention_plus_annotations(result):
    mention, full = set(article_graph(result, run=RUN)), set(article_graph(result, run=RUN, evidence="full"))
    assert {t for t in mention if t[0] != RUN.iri} <= full  # each level's run is its own
    assert len(full) > 2 * len(mention)


def test_unknown_evidence_level_is_refused(result):
    with pytest.raises(ValueError, match="evidence level 'lots' is not one of none, mention, full"):
        article_graph(result, evidence="lots")


# ------------------------------------------------------------ named graphs


def test_one_named_graph_per_article_and_shared_event():
    first, second = samples.sample_result(), samples.second_result()
    ds = results_dataset([first, second], run=RUN)
    names = {g.identifier for g in ds.graphs() if len(g)}
    mex = actor_iri("country:MEX")
    assert mex in names and all(description_graph(n) == n for n in names if "/id/actor/" in str(n))
    assert {n for n in names if description_graph(n) is None} == {
        article_iri(first.article.id), article_iri(second.article.id), RUN.graph}
    event = event_iri(first.events[0].id)
    for res in (first, second):
        graph = ds.graph(article_iri(res.article.id))
        assert (event, RDF.type, SEM.Event) in graph
        assert (event, GK.sourceActor, mex) in graph
        # Mexico's description, its type too: once, in its own graph; the article graph keeps the names it
        # used, and needs no type, since the event names Mexico there
        assert {p for _, p, _ in graph.triples((mex, None, None))} <= {SKOS.altLabel}
    assert (mex, RDFS.label, Literal("Mexico")) in ds.graph(mex)
    assert (mex, RDF.type, SEM.Actor) in ds.graph(mex)
    # the union holds both reports of the shared event
    union = {o for g in ds.graphs() for o in g.objects(event, GK.relationLemma)}
    assert union == {Literal("reject"), Literal("turn down")}


def test_an_actor_the_article_names_in_no_other_triple_is_typed_in_its_graph():
    art = Article.create(title="Peru", text="Peru and the Chileans.", url="https://x.test/typed")
    peru, chile = Actor("country:PER", "Peru", "country"), Actor("country:CHL", "Chile", "country", aliases=("Chileans",))
    quads = set(article_quads(ArticleResult(article=art, actors=(peru, chile))))
    graph = article_iri(art.id)
    for actor in (peru, chile):
        assert (actor_iri(actor.id), RDF.type, SEM.Actor, actor_iri(actor.id)) in quads  # its description
    # Peru is named by nothing else in the article graph: its type stays there; Chile by its alias
    assert (actor_iri("country:PER"), RDF.type, SEM.Actor, graph) in quads
    assert (actor_iri("country:CHL"), RDF.type, SEM.Actor, graph) not in quads
    assert (actor_iri("country:CHL"), SKOS.altLabel, Literal("Chileans"), graph) in quads


def test_removing_or_replacing_an_article_touches_only_its_graph():
    first, second = samples.sample_result(), samples.second_result()
    ds = results_dataset([first, second], run=RUN)
    keep = article_graph(second, run=RUN)
    ds.remove_graph(ds.graph(article_iri(first.article.id)))
    remaining = Graph()
    named = set(keep.subjects()) | set(keep.objects())
    for s, p, o, graph in ds.quads((None, None, None, None)):
        # descriptions of nodes only the removed article named stay in a Dataset (a store drops them:
        # geokg.graph.store.articles.drop_unused_descriptions)
        if graph != RUN.graph and (description_graph(graph) is None or graph in named):
            remaining.add((s, p, o))
    assert isomorphic(remaining, keep)
    # re-ingest a changed version of `second`: exactly its graph is replaced
    changed = dataclasses.replace(second, events=(dataclasses.replace(second.events[0], goldstein=-5.0),))  # not CAMEO 120's
    ds.remove_graph(ds.graph(article_iri(second.article.id)))
    ds.addN(article_quads(changed, run=RUN))
    graph = ds.graph(article_iri(second.article.id))
    assert set(graph.objects(event_iri(second.events[0].id), GK.goldstein)) == {
        Literal("-5.0", datatype=XSD.decimal)
    }


# -------------------------------------------------------------- round trips


def test_turtle_round_trip(result):
    graph = article_graph(result, run=RUN)
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)


def test_nquads_and_trig_round_trip():
    results = [samples.sample_result(), samples.second_result()]
    ds = results_dataset(results, run=RUN)
    for fmt in ("nquads", "trig"):
        back = Dataset()
        back.parse(data=ds.serialize(format=fmt), format=fmt)
        for res in results:
            name = article_iri(res.article.id)
            assert isomorphic(ds.graph(name), back.graph(name)), fmt


# ------------------------------------------------------------------ content


def test_article_node(result):
    g = article_graph(result)
    a = article_iri(result.article.id)
    assert (a, RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(a, SCHEMA.text) == Literal(result.article.content)
    assert g.value(a, SCHEMA.url) == Literal("https://news.example/mexico-tariffs", datatype=XSD.anyURI)
    assert g.value(a, URIRef("http://purl.org/dc/terms/issued")) == Literal("2025-03-05", datatype=XSD.date)
    publisher = g.value(a, URIRef("http://purl.org/dc/terms/publisher"))
    assert g.value(publisher, RDFS.label) == Literal("Example Wire")


def test_event_properties(result):
    g = article_graph(result, run=RUN, evidence="full")
    e = event_iri(result.events[0].id)
    assert g.value(e, SEM.eventType) == cameo_iri("120")
    assert g.value(e, GK.ploverCategory) == plover_iri("REJECT")
    assert g.value(e, GK.quadClass) == Literal(3)
    assert g.value(e, GK.goldstein) == Literal("-4.0", datatype=XSD.decimal)
    assert g.value(e, GK.confidence) == Literal("0.85", datatype=XSD.decimal)
    assert g.value(e, SEM.hasTimeStamp) == Literal("2025-03-04", datatype=XSD.date)
    assert g.value(e, GK.timeText) == Literal("on Tuesday")
    assert g.value(g.value(e, SEM.hasPlace), RDFS.label) == Literal("Geneva")
    assert g.value(e, GK.targetActor) == actor_iri("country:USA")
    # attribution resolved to the actor whose mention lies inside the attribution span
    assert g.value(e, SEM.accordingTo) == actor_iri("person:claudia-sheinbaum")
    assert g.value(e, PROV.wasGeneratedBy) == dataclasses.replace(RUN, evidence="full").iri
    roles = {g.value(r, SEM.roleType): g.value(r, RDF.value) for r in g.objects(e, SEM.hasActor)}
    assert roles == {GK.SourceRole: actor_iri("country:MEX"), GK.TargetRole: actor_iri("country:USA")}


def test_mention_selectors_point_into_the_text(result):
    g = article_graph(result, evidence="full")
    content = result.article.content
    e = event_iri(result.events[0].id)
    mention = g.value(e, GK.hasMention)
    assert (mention, OA.hasBody, e) in g
    target = g.value(mention, OA.hasTarget)
    assert g.value(target, OA.hasSource) == article_iri(result.article.id)
    selectors = {g.value(s, RDF.type): s for s in g.objects(target, OA.hasSelector)}
    pos, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
    start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
    assert str(g.value(quote, OA.exact)) == content[start:end] == "Mexico rejected the plan"
    rel = content.index("rejected")
    obj = content.index("the plan")  # the compact form on the claim too: clause, sentence, relation, subject, object
    s0, s1 = int(g.value(g.value(e, GK.inSentence), OA.start)), int(g.value(g.value(e, GK.inSentence), OA.end))
    assert g.value(e, GK.span) == Literal(f"{start},{end},{s0},{s1},{rel},{rel + 8},{start},{start + 6},{obj},{obj + 8}")
    assert g.value(mention, GK.inSentence) == g.value(e, GK.inSentence) == sentence_iri(result.article.id, 1)
    for arg in g.objects(mention, GK.hasArgument):
        a, b = int(g.value(arg, OA.start)), int(g.value(arg, OA.end))
        assert str(g.value(arg, SCHEMA.text)) == content[a:b]
    roles = {str(g.value(arg, GK.argumentRole)) for arg in g.objects(mention, GK.hasArgument)}
    assert roles == {"subject", "relation", "object", "time", "place", "source"}


def test_non_event_extractions_become_statements(result):
    g = article_graph(result, evidence="full")
    role_ext = result.extractions[1]
    s = statement_iri(role_ext.id)
    assert (s, RDF.type, GK.Statement) in g
    assert g.value(s, GK.extractionKind) == Literal("role")
    assert g.value(s, GK.subjectText) == Literal("Claudia Sheinbaum")  # the resolved pronoun
    assert g.value(s, GK.objectText) == Literal("Mexico")
    assert (mention_iri(role_ext.id), OA.hasBody, s) in g
    # an event-kind extraction nobody coded is a statement too, keeping its kind
    uncoded = dataclasses.replace(result, events=())
    g2 = article_graph(uncoded, evidence="full")
    ev_ext = result.extractions[0]
    assert g2.value(statement_iri(ev_ext.id), GK.extractionKind) == Literal("event")
    assert not list(g2.subjects(RDF.type, SEM.Event))
    g3 = article_graph(uncoded)  # level mention: "event" is the kind's declared default
    assert g3.value(statement_iri(ev_ext.id), GK.extractionKind) is None
    assert (statement_iri(ev_ext.id), RDF.type, GK.Statement) in g3


def test_actors(result):
    g = article_graph(result, evidence="full")
    person = actor_iri("person:claudia-sheinbaum")
    assert set(g.objects(person, RDF.type)) == {SEM.Actor, SCHEMA.Person}
    assert g.value(person, SKOS.altLabel) == Literal("Sheinbaum")
    assert g.value(person, GK.countryCode) == Literal("MEX")
    assert g.value(person, GK.country) == actor_iri("country:MEX")
    assert g.value(person, GK.sector) == Literal("GOV")
    mention = next(m for m in g.subjects(OA.hasBody, person))
    assert g.value(mention, GK.nerLabel) == Literal("PERSON")


def test_names_the_article_used_stay_in_its_graph_and_other_names_go_to_the_description():
    art = Article.create(title="Ruto speaks", text="President William\nRuto and Mr  Ruto spoke.", url="https://x.test/k")
    ruto = Actor("person:william-ruto", "William Ruto", "person",
                 aliases=("William Ruto", "Ruto", "Mr Ruto", "President William Ruto", "William Samoei Ruto"))
    node = actor_iri("person:william-ruto")
    quads = [q for q in article_quads(ArticleResult(article=art, actors=(ruto,))) if q[:2] == (node, SKOS.altLabel)]
    assert sorted((str(q[2]), q[3] == node) for q in quads) == [
        ("Mr Ruto", False), ("President William Ruto", False), ("Ruto", False), ("William Samoei Ruto", True)]


def test_country_stub_when_the_country_actor_is_missing():
    art = Article.create(title="Ruto speaks", text="", url="https://x.test/ke")
    ruto = Actor("person:william-ruto", "William Ruto", "person", country="KEN")
    g = article_graph(ArticleResult(article=art, actors=(ruto,)))
    kenya = actor_iri("country:KEN")
    assert g.value(actor_iri(ruto.id), GK.country) == kenya
    assert set(g.objects(kenya, RDF.type)) == {SEM.Actor} and g.value(kenya, GK.actorKind) == Literal("country")
    full = article_graph(ArticleResult(article=art, actors=(ruto,)), evidence="full")
    assert set(full.objects(kenya, RDF.type)) == {SEM.Actor, SCHEMA.Country}
    assert g.value(kenya, RDFS.label) == Literal("Kenya")
    # a code that is no ISO country (a CAMEO region) keeps its code but gets no country link
    au = Actor("petr:AFRIGO", "African Union", "igo", country="AFR")
    g2 = article_graph(ArticleResult(article=art, actors=(au,)))
    assert g2.value(actor_iri(au.id), GK.countryCode) == Literal("AFR")
    assert g2.value(actor_iri(au.id), GK.country) is None
    assert not list(g2.subjects(GK.actorKind, Literal("country")))


def test_without_run_there_is_no_provenance_activity(result):
    g = article_graph(result)
    assert not list(g.subjects(RDF.type, PROV.Activity))
    assert not list(g.triples((None, PROV.wasGeneratedBy, None))) and not list(g.triples((None, PROV.used, None)))
    full = article_graph(result, evidence="full")
    assert list(full.triples((None, PROV.wasDerivedFrom, article_iri(result.article.id))))


def test_implied_sentence_from_extraction(result):
    g = article_graph(dataclasses.replace(result, sentences=()))
    s1 = sentence_iri(result.article.id, 1)
    e = event_iri(result.events[0].id)
    assert str(g.value(e, GK.span)).split(",")[2:4] == ["31", "136"]
    full = article_graph(dataclasses.replace(result, sentences=()), evidence="full")
    assert (e, GK.inSentence, s1) in full
    assert full.value(s1, OA.start) == Literal(31) and str(full.value(s1, SCHEMA.text)).endswith("in Geneva.")
    assert full.value(s1, GK.sentenceIndex) == Literal(1) and full.value(s1, OA.end) == Literal(136)


def test_datetime_values_are_written_as_dates(result):
    event = dataclasses.replace(result.events[0], date=datetime(2025, 3, 4, 15, 30))
    g = article_graph(dataclasses.replace(result, events=(event,)))
    assert g.value(event_iri(event.id), SEM.hasTimeStamp) == Literal(date(2025, 3, 4).isoformat(), datatype=XSD.date)


# --------------------------------------------------------------- IRI safety


ODD_IDS = ['person:o"neil', "person:ana maría", "org:<script>", "group:a/b#c?d", "person:李明", "x:%41", ".."]


@pytest.mark.parametrize("actor_id", ODD_IDS)
def test_odd_actor_ids_give_safe_iris(result, actor_id):
    odd = Actor(actor_id, "Odd name \"quoted\" <b>", "person")
    event = dataclasses.replace(result.events[0], source=odd)
    res = dataclasses.replace(result, events=(event,), actors=(odd,))
    g = article_graph(res)
    iri = actor_iri(actor_id)
    assert re.fullmatch(r"https://w3id\.org/geokg/id/actor/[A-Za-z0-9\-._~:%]+", str(iri)), iri
    assert (event_iri(event.id), GK.sourceActor, iri) in g
    back = Dataset()
    back.parse(data=results_dataset([res]).serialize(format="nquads"), format="nquads")
    union = Graph()  # the article graph and the actors' descriptions (each in a graph named by its actor)
    for s, p, o, _ in back.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, g) and (iri, RDFS.label, Literal('Odd name "quoted" <b>')) in back.graph(iri)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_actor_iris_are_safe_and_injective(a, b):
    if not a.strip() or not b.strip():
        return
    ia, ib = actor_iri(a), actor_iri(b)
    tail = str(ia).rsplit("/", 1)[1]
    assert re.fullmatch(r"[A-Za-z0-9\-._~:%]+", tail)
    import unicodedata

    if unicodedata.normalize("NFC", a) != unicodedata.normalize("NFC", b):
        assert ia != ib


# ------------------------------------------------------------------- errors


def test_offsets_outside_the_text_are_reported(result):
    bad = Mention(result.article.id, 1, 5, 10_000, "x", "GPE")
    with pytest.raises(RDFWriteError, match=rf"article '{result.article.id}': mention 'x' span \[5, 10000\)"):
        list(article_quads(dataclasses.replace(result, mentions=(bad,))))


def test_records_of_another_article_are_reported(result):
    stray = dataclasses.replace(result.mentions[0], article_id="other")
    with pytest.raises(RDFWriteError, match="belongs to article 'other'"):
        article_graph(dataclasses.replace(result, mentions=(stray,)))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"polarity": "maybe"}, "polarity 'maybe'"),
        ({"mode": "dreamt"}, "mode 'dreamt'"),
        ({"confidence": 1.5}, "confidence 1.5"),
        ({"confidence": float("nan")}, "not finite"),
        ({"rel_start": 10, "rel_end": 10}, "is empty"),
    ],
)
def test_bad_extraction_values_are_reported(result, changes, message):
    with pytest.raises(RDFWriteError, match=re.escape(message)):
        article_graph(_replace_ext(result, **changes))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"cameo": "12a"}, "CAMEO code '12a'"),
        ({"plover": "not one"}, "PLOVER category 'not one'"),
        ({"goldstein": 11.0}, "outside [-10, 10]"),
        ({"quad_class": 7}, "quad class 7"),
    ],
)
def test_bad_event_values_are_reported(result, changes, message):
    event = dataclasses.replace(result.events[0], **changes)
    with pytest.raises(RDFWriteError, match=re.escape(message)):
        article_graph(dataclasses.replace(result, events=(event,)))


def test_ids_that_cannot_become_iris_are_reported_with_the_article(result):
    nameless = Actor("  ", "Nobody", "person")
    with pytest.raises(RDFWriteError, match=rf"article '{result.article.id}': empty actor id"):
        article_graph(dataclasses.replace(result, actors=(nameless,)))


def test_run_info_needs_values():
    with pytest.raises(ValueError, match="RunInfo.model_version"):
        RunInfo("m", " ", "0.1")


def test_argument_without_optional_fields():
    art = Article.create(title="A", text="Kenya thanked Chad.", url="https://x.test/k")
    c = art.content
    ext = Extraction(art.id, 1, 3, len(c), Argument("subject", "Kenya", 3, 8), "thanked", "thank", 9, 16,
                     object=Argument("object", "Chad", 17, 21))
    g = article_graph(ArticleResult(article=art, extractions=(ext,)), evidence="full")
    args = list(g.objects(mention_iri(ext.id), GK.hasArgument))
    assert len(args) == 3 and not list(g.triples((None, GK.headLemma, None)))
    assert [str(t) for t in g.objects(None, OA.exact)] == ["Kenya thanked Chad"]
