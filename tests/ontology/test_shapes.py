"""ontology/shapes.ttl: written graphs conform; broken ones are caught by the right shape."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

pytest.importorskip("pyshacl")

from geokg.graph.rdf.writer import RunInfo, article_graph, run_quads  # noqa: E402
from geokg.ingest.records import KINDS, MODES, POLARITIES  # noqa: E402
from geokg.ontology import (  # noqa: E402
    GK,
    OA,
    PROV,
    RDF,
    RDFS,
    SEM,
    XSD,
    actor_iri,
    event_iri,
    load_ontology,
    load_shapes,
    statement_iri,
    validate_graph,
)

SCHEMA_TEXT = URIRef("https://schema.org/text")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rdf"


def _load_samples():
    spec = importlib.util.spec_from_file_location("geokg_test_shapes_samples", FIXTURES / "sample_records.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


samples = _load_samples()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _with_run(graph: Graph, run: RunInfo | None) -> Graph:
    """An article graph with its run's description (its own graph in a store: written once per store)."""
    for s, p, o, _ in run_quads(run) if run is not None else ():
        graph.add((s, p, o))
    return graph


def _written(result, run: RunInfo | None = samples.RUN, evidence: str = "mention") -> Graph:
    return _with_run(article_graph(result, run=run, evidence=evidence),
                     None if run is None else RunInfo(run.model, run.model_version, run.geokg_version, evidence))


@pytest.fixture()
def good() -> Graph:
    return _written(samples.sample_result())


@pytest.fixture()
def full() -> Graph:
    return _written(samples.sample_result(), evidence="full")


def _violations(graph: Graph, inference: str = "rdfs") -> set[tuple[str, str]]:
    """(constraint component, result path) of every violation."""
    result = validate_graph(graph, inference=inference)
    out = set()
    for r in result.report.subjects(RDF.type, SH.ValidationResult):
        comp = result.report.value(r, SH.sourceConstraintComponent)
        path = result.report.value(r, SH.resultPath)
        out.add((str(comp).rsplit("#", 1)[-1], str(path) if path is not None else ""))
    return out


# ------------------------------------------------------------- conformance


@pytest.mark.parametrize("evidence", ["none", "mention", "full"])
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_written_graphs_conform(evidence, inference):
    graph = _written(samples.sample_result(), evidence=evidence)
    result = validate_graph(graph, inference=inference)
    assert result.conforms, result.text


@pytest.mark.parametrize("run", [None, samples.RUN])
def test_second_article_without_extras_conforms(run):
    result = validate_graph(_written(samples.second_result(), run=run))
    assert result.conforms, result.text


def test_every_written_class_has_a_shape(full, shapes):
    targeted = set(shapes.objects(None, SH.targetClass))
    written = set(full.objects(None, RDF.type))
    # prov:Entity / prov:SoftwareAgent / prov:Activity / oa:Annotation / sem:Event always
    # come with a more specific type that a shape targets
    companions = {URIRef(str(PROV) + n) for n in ("Entity", "SoftwareAgent", "Activity")}
    companions |= {OA.Annotation, SEM.Event, URIRef("https://schema.org/Place"),
                   URIRef("https://schema.org/Person"), URIRef("https://schema.org/Country")}
    assert written - companions <= targeted, written - companions - targeted


def test_sh_in_lists_match_the_record_constants(shapes):
    lists = {}
    for prop_shape in shapes.subjects(SH["in"], None):
        path = shapes.value(prop_shape, SH.path)
        values = Collection(shapes, shapes.value(prop_shape, SH["in"]))
        lists[path] = tuple(str(v) for v in values)
    assert lists[GK.polarity] == POLARITIES
    assert lists[GK.mode] == MODES
    assert lists[GK.extractionKind] == KINDS


def test_shapes_only_use_declared_gk_terms(shapes):
    declared = set(load_ontology().subjects())
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and t in GK}
    assert used and used <= declared, used - declared


# ------------------------------------------------------------- violations


def _event(g: Graph) -> URIRef:
    return event_iri(samples.sample_result().events[0].id)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_event_without_span(good, inference):
    good.remove((_event(good), GK.span, None))
    assert ("SPARQLConstraintComponent", "") in _violations(good, inference)


def test_event_without_mention_node_at_level_full(full):
    assert not _violations(full)
    full.remove((_event(full), GK.hasMention, None))
    assert ("SPARQLConstraintComponent", "") in _violations(full)


def test_mention_at_level_none(good):
    good.set((samples.RUN.iri, GK.evidenceLevel, Literal("none")))
    assert ("SPARQLConstraintComponent", "") in _violations(good)
    good.set((samples.RUN.iri, GK.evidenceLevel, Literal("most")))
    assert ("InConstraintComponent", str(GK.evidenceLevel)) in _violations(good)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_compact_span(good, inference):
    event = _event(good)
    start, end, s0, s1 = map(int, str(good.value(event, GK.span)).split(",")[:4])
    sentence = f"{s0},{s1}"
    good.set((event, GK.span, Literal(f"{end},{end},{sentence}")))  # an empty clause
    assert ("SPARQLConstraintComponent", "") in _violations(good, inference)
    good.set((event, GK.span, Literal(f"{start},{s1 + 1},{sentence}")))  # a clause past its sentence
    assert ("SPARQLConstraintComponent", "") in _violations(good, inference)
    good.set((event, GK.span, Literal(f"{start},{end},{sentence},{start},{end}")))  # relation words inside the clause
    assert not _violations(good, inference)
    for rel in (f"{start},{end + 1}", f"{end},{end}"):  # past the clause's end; empty
        good.set((event, GK.span, Literal(f"{start},{end},{sentence},{rel}")))
        assert ("SPARQLConstraintComponent", "") in _violations(good, inference)
    # subject and object offsets after the relation's, an empty pair where one is not a slice
    good.set((event, GK.span, Literal(f"{start},{end},{sentence},,,{start},{end},{start},{end}")))
    assert not _violations(good, inference)
    for parts in (f",,{start},{end + 1}", f",,,,{start - 1},{end}", f"{start},{end},{end},{end}"):
        good.set((event, GK.span, Literal(f"{start},{end},{sentence},{parts}")))  # subject or object outside; empty
        assert ("SPARQLConstraintComponent", "") in _violations(good, inference), parts
    for bad in (f"{start},{end}", f"{start},{end},{s0}", f"{start},{end},{sentence},{start}",
                f"{start},{end},{sentence},,", f"{start},{end},{sentence},{start},{end},,",
                f"{start},{end},{sentence},,,,,,", f"{start},{end},{sentence},1,2,3,4,5,6,7,8",
                f"{start}-{end},{sentence}"):  # no sentence; an empty pair last; too many
        good.set((event, GK.span, Literal(bad)))
        assert ("PatternConstraintComponent", str(GK.span)) in _violations(good, inference), bad
    good.set((event, GK.span, Literal(f"{start},{end},{sentence}")))
    assert not _violations(good, inference)  # level mention names no sentence node
    good.add((event, GK.inSentence, Literal("sentence 1")))  # level full names it by IRI
    assert ("NodeKindConstraintComponent", str(GK.inSentence)) in _violations(good, inference)


def test_untyped_sentence_is_checked(full):
    sentence = full.value(_event(full), GK.inSentence)
    full.remove((sentence, RDF.type, None))
    full.remove((sentence, SCHEMA_TEXT, None))
    assert ("MinCountConstraintComponent", str(SCHEMA_TEXT)) in _violations(full, "none")


def test_no_sentence_node_at_level_mention(good, full):
    assert not list(good.triples((None, GK.inSentence, None))) and not _violations(good)
    sentence = full.value(_event(full), GK.inSentence)
    good.add((_event(good), GK.inSentence, sentence))  # a sentence named is a sentence checked
    good.add((sentence, SCHEMA_TEXT, Literal(1)))
    assert ("DatatypeConstraintComponent", str(SCHEMA_TEXT)) in _violations(good, "none")


def test_sentence_of_another_kind_of_node(full):
    sentence = full.value(_event(full), GK.inSentence)
    full.set((sentence, URIRef("http://purl.org/dc/terms/isPartOf"), _event(full)))
    assert ("ClassConstraintComponent", "http://purl.org/dc/terms/isPartOf") in _violations(full, "none")


def test_event_without_type_or_lemma(good):
    e = _event(good)
    for p in (SEM.eventType, GK.ploverCategory, GK.relationLemma):
        good.remove((e, p, None))
    assert ("OrConstraintComponent", "") in _violations(good)


def test_event_without_any_participant(good):
    e = _event(good)
    for p in (GK.sourceActor, GK.subjectText, GK.targetActor):
        good.remove((e, p, None))
    # level mention: the subject's offsets in the span still give a participant ("Mexico")
    assert ("OrConstraintComponent", "") not in _violations(good)
    clause_and_sentence = ",".join(str(good.value(e, GK.span)).split(",")[:4])
    good.set((e, GK.span, Literal(clause_and_sentence)))
    assert ("OrConstraintComponent", "") in _violations(good)


def test_agentless_event_with_a_target_is_fine(good):
    """"120 people were injured": no source and no subject, only the target."""
    e = _event(good)
    assert good.value(e, GK.targetActor) is not None
    for p in (GK.sourceActor, GK.subjectText):
        good.remove((e, p, None))
    assert validate_graph(good).conforms


def test_event_with_type_but_no_lemma_is_fine(good):
    good.remove((_event(good), GK.relationLemma, None))
    assert validate_graph(good).conforms


def test_span_with_start_not_before_end(full):
    good = full
    pos = next(good.subjects(RDF.type, OA.TextPositionSelector))
    end = good.value(pos, OA.end)
    good.set((pos, OA.start, Literal(int(end))))
    assert ("LessThanConstraintComponent", str(OA.start)) in _violations(good)


def test_offsets_must_be_integers(full):
    good = full
    pos = next(good.subjects(RDF.type, OA.TextPositionSelector))
    good.set((pos, OA.start, Literal(str(good.value(pos, OA.start)))))
    assert ("DatatypeConstraintComponent", str(OA.start)) in _violations(good)


def test_mention_without_target_article(full):
    good = full
    target = next(good.subjects(RDF.type, OA.SpecificResource))
    good.remove((target, OA.hasSource, None))
    found = _violations(good)
    assert ("MinCountConstraintComponent", str(OA.hasSource)) in found


def test_actor_without_label(good):
    good.remove((actor_iri("country:USA"), RDFS.label, None))
    assert ("MinCountConstraintComponent", str(RDFS.label)) in _violations(good)


def test_bad_country_code(good):
    good.set((actor_iri("person:claudia-sheinbaum"), GK.countryCode, Literal("mx")))
    assert ("PatternConstraintComponent", str(GK.countryCode)) in _violations(good)


def test_bad_polarity_and_confidence(good):
    e = _event(good)
    good.set((e, GK.polarity, Literal("neutral")))
    good.set((e, GK.confidence, Literal("1.5", datatype=XSD.decimal)))
    found = _violations(good)
    assert ("InConstraintComponent", str(GK.polarity)) in found
    assert ("MaxInclusiveConstraintComponent", str(GK.confidence)) in found


def test_statement_subject_is_optional_but_single(good):
    # An agentless passive ("X was arrested") has an implicit subject: no subject text.
    st = statement_iri(samples.sample_result().extractions[1].id)
    good.remove((st, GK.subjectText, None))
    assert not [v for v in _violations(good) if v[1] == str(GK.subjectText)]
    good.add((st, GK.subjectText, Literal("one")))
    good.add((st, GK.subjectText, Literal("two")))
    assert ("MaxCountConstraintComponent", str(GK.subjectText)) in _violations(good)


def test_run_with_wall_clock_time(good):
    good.add((samples.RUN.iri, PROV.startedAtTime, Literal("2025-01-01T00:00:00", datatype=XSD.dateTime)))
    assert ("MaxCountConstraintComponent", str(PROV.startedAtTime)) in _violations(good)


def test_cameo_type_must_be_a_cameo_concept(good):
    good.add((_event(good), SEM.eventType, URIRef("https://example.org/type/x")))
    assert ("PatternConstraintComponent", str(SEM.eventType)) in _violations(good)


def test_run_info_is_needed_only_when_given():
    g = article_graph(samples.sample_result(), run=RunInfo("m", "1", "2"))
    assert validate_graph(g, inference="none").conforms
