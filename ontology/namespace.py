"""RDF namespaces geokg writes with, as closed rdflib namespaces.

``GK`` holds exactly the terms declared in ``geokg.ttl`` (a test checks both
directions); ``SEM`` and ``OA`` hold the Simple Event Model and Web Annotation
terms.  All three are :class:`rdflib.namespace.DefinedNamespace` subclasses
with ``_fail = True``, so a typo is an error instead of a silent new IRI.
Standard namespaces rdflib already ships (PROV, SKOS, DCTERMS, schema.org as
``SCHEMA``, ...) are re-exported from rdflib.  The resource IRI helpers of
:mod:`geokg.ontology.iris` are re-exported too.

Examples
--------
>>> str(GK.sourceActor)
'https://w3id.org/geokg/ontology#sourceActor'
>>> GK.sourceActr
Traceback (most recent call last):
...
AttributeError: term 'sourceActr' not in namespace 'https://w3id.org/geokg/ontology#'
>>> str(OA.TextQuoteSelector), str(SEM.hasActor)
('http://www.w3.org/ns/oa#TextQuoteSelector', 'http://semanticweb.cs.vu.nl/2009/11/sem/hasActor')
>>> str(SCHEMA.NewsArticle)
'https://schema.org/NewsArticle'
"""

from __future__ import annotations

from geokg.ontology.iris import (
    ACTOR_BASE,
    CAMEO,
    ID,
    PLOVER,
    actor_iri,
    article_iri,
    cameo_iri,
    event_iri,
    iri_segment,
    mention_iri,
    model_iri,
    place_iri,
    plover_iri,
    publisher_iri,
    run_iri,
    sentence_iri,
    software_iri,
    statement_iri,
)
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "GK",
    "GK_ONTOLOGY",
    "SEM",
    "OA",
    "GEO",
    "SCHEMA",
    "PROV",
    "SKOS",
    "DCTERMS",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SH",
    "TIME",
    "ID",
    "ACTOR_BASE",
    "CAMEO",
    "PLOVER",
    "PREFIXES",
    "bind_prefixes",
    "actor_iri",
    "article_iri",
    "cameo_iri",
    "event_iri",
    "iri_segment",
    "mention_iri",
    "model_iri",
    "place_iri",
    "plover_iri",
    "publisher_iri",
    "run_iri",
    "sentence_iri",
    "software_iri",
    "statement_iri",
]

#: schema.org, as rdflib ships it (``https://schema.org/``).
SCHEMA = SDO

#: IRI of the geokg ontology itself (``geokg.ttl``).
GK_ONTOLOGY = URIRef("https://w3id.org/geokg/ontology")


class GK(DefinedNamespace):
    """geokg's own terms; exactly those declared in ``ontology/geokg.ttl``."""

    _NS = Namespace("https://w3id.org/geokg/ontology#")
    _fail = True

    # classes
    Claim: URIRef
    Event: URIRef
    Statement: URIRef
    Mention: URIRef
    Sentence: URIRef
    Argument: URIRef
    ExtractionRun: URIRef
    # individuals
    SourceRole: URIRef
    TargetRole: URIRef
    # object properties
    sourceActor: URIRef
    targetActor: URIRef
    ploverCategory: URIRef
    hasMention: URIRef
    inSentence: URIRef
    hasArgument: URIRef
    country: URIRef
    # datatype properties
    relationText: URIRef
    relationLemma: URIRef
    polarity: URIRef
    mode: URIRef
    confidence: URIRef
    extractionKind: URIRef
    subjectText: URIRef
    objectText: URIRef
    attributionText: URIRef
    quadClass: URIRef
    goldstein: URIRef
    ploverMode: URIRef
    timeText: URIRef
    sentenceIndex: URIRef
    span: URIRef
    evidenceLevel: URIRef
    argumentRole: URIRef
    headLemma: URIRef
    preposition: URIRef
    resolvedText: URIRef
    nerLabel: URIRef
    countryCode: URIRef
    sector: URIRef
    actorKind: URIRef
    placeKind: URIRef
    actorRole: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model (van Hage et al. 2011)."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Actor: URIRef
    ActorType: URIRef
    Authority: URIRef
    Constraint: URIRef
    Core: URIRef
    Event: URIRef
    EventType: URIRef
    Object: URIRef
    Place: URIRef
    PlaceType: URIRef
    Role: URIRef
    RoleType: URIRef
    Temporary: URIRef
    Time: URIRef
    TimeType: URIRef
    Type: URIRef
    View: URIRef
    accordingTo: URIRef
    actorType: URIRef
    eventProperty: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasBeginTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasEarliestEndTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef
    hasPlace: URIRef
    hasSubEvent: URIRef
    hasSubType: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    placeType: URIRef
    roleType: URIRef
    subEventOf: URIRef
    subTypeOf: URIRef
    timeType: URIRef

    _extras = ["type"]


class GEO(DefinedNamespace):
    """W3C WGS84 Basic Geo: the latitude and longitude of places (decimal degrees)."""

    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    _fail = True

    SpatialThing: URIRef
    Point: URIRef
    lat: URIRef
    long: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    Choice: URIRef
    CssSelector: URIRef
    CssStyle: URIRef
    DataPositionSelector: URIRef
    Direction: URIRef
    FragmentSelector: URIRef
    HttpRequestState: URIRef
    Motivation: URIRef
    PreferContainedDescriptions: URIRef
    PreferContainedIRIs: URIRef
    RangeSelector: URIRef
    ResourceSelection: URIRef
    Selector: URIRef
    SpecificResource: URIRef
    State: URIRef
    Style: URIRef
    SvgSelector: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    TextualBody: URIRef
    TimeState: URIRef
    XPathSelector: URIRef
    annotationService: URIRef
    assessing: URIRef
    bodyValue: URIRef
    bookmarking: URIRef
    cachedSource: URIRef
    canonical: URIRef
    classifying: URIRef
    commenting: URIRef
    describing: URIRef
    editing: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasEndSelector: URIRef
    hasPurpose: URIRef
    hasScope: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasStartSelector: URIRef
    hasState: URIRef
    hasTarget: URIRef
    highlighting: URIRef
    identifying: URIRef
    linking: URIRef
    ltrDirection: URIRef
    moderating: URIRef
    motivatedBy: URIRef
    prefix: URIRef
    processingLanguage: URIRef
    questioning: URIRef
    refinedBy: URIRef
    renderedVia: URIRef
    replying: URIRef
    rtlDirection: URIRef
    sourceDate: URIRef
    sourceDateEnd: URIRef
    sourceDateStart: URIRef
    start: URIRef
    styleClass: URIRef
    styledBy: URIRef
    suffix: URIRef
    tagging: URIRef
    textDirection: URIRef
    via: URIRef


#: Prefix -> namespace IRI, bound on every graph geokg writes.
PREFIXES: dict[str, str] = {
    "gk": str(GK),
    "gkid": str(ID),
    "cameo": str(CAMEO),
    "plover": str(PLOVER),
    "sem": str(SEM),
    "oa": str(OA),
    "wgs84": str(GEO),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind geokg's usual prefixes on ``graph`` (replacing clashes) and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["gk"] == URIRef(str(GK))
    True
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph
