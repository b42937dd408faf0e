"""ontology/geokg.ttl: parses, is OWL/RDFS-sane, matches GK, and ONTOLOGY.md is in sync."""

from __future__ import annotations

import geokg.ontology as ontology
import pytest
from geokg.ontology import (
    GK,
    GK_ONTOLOGY,
    OA,
    PROV,
    SCHEMA,
    SEM,
    load_ontology,
    ontology_files,
    ontology_path,
)
from geokg.ontology.docs import main as docs_main
from geokg.ontology.docs import ontology_markdown_path, render_markdown
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _gk_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s in GK}


def _declared_names(ns: type[DefinedNamespace]) -> set[URIRef]:
    return {ns[name] for name in ns.__annotations__} | {ns[name] for name in getattr(ns, "_extras", [])}


def test_it_parses_and_has_a_header(onto):
    assert (GK_ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(GK_ONTOLOGY, OWL.versionInfo) is not None
    assert onto.value(GK_ONTOLOGY, DCTERMS.description) is not None


def test_gk_namespace_equals_the_declared_terms(onto):
    assert _gk_terms(onto) == _declared_names(GK)


def test_gk_namespace_is_closed():
    with pytest.raises(AttributeError):
        GK.sourceActr  # noqa: B018
    with pytest.raises(AttributeError):
        SEM.hasActors  # noqa: B018
    with pytest.raises(AttributeError):
        OA.TextQuote  # noqa: B018


def test_every_term_has_label_comment_and_is_defined_by(onto):
    for term in _gk_terms(onto):
        labels = list(onto.objects(term, RDFS.label))
        comments = list(onto.objects(term, RDFS.comment))
        assert len(labels) == 1 and labels[0].language == "en", term
        assert len(comments) == 1 and len(comments[0]) > 20, term
        assert onto.value(term, RDFS.isDefinedBy) == GK_ONTOLOGY, term
        kinds = set(onto.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}, term


def _classes_of(onto: Graph, node) -> list:
    if isinstance(node, BNode):
        members = onto.value(node, OWL.unionOf)
        assert members is not None, f"anonymous class without owl:unionOf: {node}"
        return list(Collection(onto, members))
    return [node]


def test_properties_have_domain_and_range(onto):
    for kind in PROPERTY_KINDS:
        for prop in onto.subjects(RDF.type, kind):
            domains = list(onto.objects(prop, RDFS.domain))
            ranges = list(onto.objects(prop, RDFS.range))
            assert len(domains) == 1 and len(ranges) == 1, prop
            for cls in _classes_of(onto, domains[0]):
                assert isinstance(cls, URIRef), prop
            if kind == OWL.DatatypeProperty:
                assert ranges[0] in XSD, (prop, ranges[0])
            else:
                assert ranges[0] not in XSD, (prop, ranges[0])
        assert not set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(
            onto.subjects(RDF.type, OWL.DatatypeProperty)
        )


def test_referenced_external_terms_exist(onto):
    """Every sem:/oa: IRI used is a real term; classes referenced are known classes."""
    for triple in onto:
        for term in triple:
            if isinstance(term, URIRef) and term in SEM:
                assert term in _declared_names(SEM), term
            if isinstance(term, URIRef) and term in OA:
                assert term in _declared_names(OA), term
    known = {"https://w3id.org/geokg/ontology#", str(SEM), str(OA), str(PROV), str(SKOS), str(SCHEMA)}
    for cls in (*onto.objects(None, RDFS.subClassOf), *onto.objects(None, RDFS.domain),
                *(r for r in onto.objects(None, RDFS.range) if r not in XSD)):
        for c in _classes_of(onto, cls):
            assert any(str(c).startswith(ns) for ns in known), c


def test_alignments(onto):
    assert (GK.sourceActor, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (GK.targetActor, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (GK.ploverCategory, RDFS.subPropertyOf, SEM.eventType) in onto
    assert (GK.Event, RDFS.subClassOf, SEM.Event) in onto
    assert (GK.Mention, RDFS.subClassOf, OA.Annotation) in onto
    assert (GK.ExtractionRun, RDFS.subClassOf, PROV.Activity) in onto
    assert (GK.SourceRole, RDF.type, SEM.RoleType) in onto


def test_ontology_markdown_is_in_sync(onto):
    expected = render_markdown(onto)
    assert ontology_markdown_path().read_text(encoding="utf-8") == expected, (
        "ontology/ONTOLOGY.md is stale; run: python -m geokg.ontology.docs"
    )
    assert docs_main(["--check"]) == 0
    for term in _gk_terms(onto):
        assert f"`gk:{str(term).split('#')[1]}`" in expected, term


def test_markdown_reflects_changes(onto):
    changed = Graph()
    for t in onto:
        changed.add(t)
    changed.namespace_manager = onto.namespace_manager
    changed.set((GK.sector, RDFS.label, Literal("economic sector", lang="en")))
    assert render_markdown(changed) != render_markdown(onto)
    assert "economic sector" in render_markdown(changed)


def test_packaged_files():
    assert {"geokg.ttl", "shapes.ttl", "ONTOLOGY.md"} <= set(ontology_files())
    assert ontology_path("geokg.ttl").is_file()
    for bad in ("nope.ttl", "../pyproject.toml", "geokg.py", ""):
        with pytest.raises(FileNotFoundError, match="ontology file"):
            ontology_path(bad)


def test_load_ontology_with_missing_extra_names_it():
    with pytest.raises(FileNotFoundError, match="'missing.ttl'"):
        load_ontology("missing.ttl")


def test_package_reexports():
    for name in ontology.__all__:
        assert hasattr(ontology, name), name
