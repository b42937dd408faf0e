"""Event-type vocabulary: PLOVER categories, QuadClass names, and the CAMEO/PLOVER SKOS schemes.

The canonical tables of the event-type terms live here (every other module
derives its labels from them): :data:`PLOVER_CATEGORIES`, :data:`LEGACY_PLOVER`,
:data:`QUAD_CLASSES` and :data:`NO_QUAD_CLASS`.  :func:`scheme_graph` builds the SKOS
concept scheme of the CAMEO codes or of the PLOVER categories from plain code
rows, and :func:`write_schemes` writes ``cameo.ttl`` and ``plover.ttl``.  The rows
come from the caller (geokg's CAMEO table is ``ingest/data/coding/cameo.tsv``;
``geokg.ingest.coding.cameo.write_schemes("ontology")`` passes it in), so this
package reads no ingest data.

Examples
--------
>>> from types import SimpleNamespace as Row
>>> rows = [Row(code="12", label="REJECT", goldstein=-4.0, quad_class=3, plover="REJECT", plover_legacy="REJECT"),
...         Row(code="121", label="Reject cooperation", goldstein=-4.0, quad_class=3, plover="REJECT",
...             plover_legacy=None)]
>>> from rdflib.namespace import SKOS
>>> g = scheme_graph(rows, "cameo")
>>> g.value(CAMEO["121"], SKOS.broader), (CAMEO["12"], SKOS.closeMatch, PLOVER["REJECT"]) in g
(rdflib.term.URIRef('https://w3id.org/geokg/cameo/12'), True)
>>> QUAD_CLASSES[4], NO_QUAD_CLASS
('Material conflict', 'Uncoded')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from geokg.ontology.namespace import CAMEO, GK, PLOVER

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "LEGACY_PLOVER",
    "NO_QUAD_CLASS",
    "PLOVER_CATEGORIES",
    "QUAD_CLASSES",
    "CodeRow",
    "scheme_graph",
    "scheme_text",
    "write_schemes",
]

#: PLOVER 2021 event categories (CAMEO2PLOVER-2021.txt), in the codebook's order.
PLOVER_CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)
#: Older PLOVER names (used by the PLOVER gold records) -> 2021 category.
LEGACY_PLOVER: Mapping[str, str] = MappingProxyType({
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "COOPERATION": "COOPERATE",
})
#: CAMEO QuadClass numbers (``gk:quadClass``) and their names: the one label table.
QUAD_CLASSES: Mapping[int, str] = MappingProxyType({
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
})
#: Name of "no QuadClass" (an event without a CAMEO code).
NO_QUAD_CLASS = "Uncoded"


class CodeRow(Protocol):
    """One CAMEO code as the scheme generator reads it (``CameoCode`` is one)."""

    code: str
    label: str
    goldstein: float | None
    quad_class: int
    plover: str | None
    plover_legacy: str | None


def _parent(code: str) -> str | None:
    return code[:-1] if len(code) > 2 else None


def _plover_quads(rows: Iterable[CodeRow]) -> dict[str, int]:
    votes: dict[str, Counter[int]] = {}
    for c in rows:
        for cat in {c.plover, c.plover_legacy} - {None}:
            votes.setdefault(cat, Counter())[c.quad_class] += 1
    return {cat: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for cat, v in votes.items()}


def _new_graph(title: str, scheme: object) -> Graph:
    from rdflib import Graph, Literal, Namespace
    from rdflib.namespace import OWL, RDF, SKOS

    g = Graph()
    g.bind("skos", SKOS)
    g.bind("gk", Namespace(str(GK)))
    g.bind("cameo", Namespace(str(CAMEO)))
    g.bind("plover", Namespace(str(PLOVER)))
    g.bind("owl", OWL)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, Literal(title, lang="en")))
    return g


def _cameo_graph(table: Mapping[str, CodeRow]) -> Graph:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SKOS, XSD

    scheme = URIRef(str(CAMEO).rstrip("/"))
    g = _new_graph("CAMEO event codes", scheme)
    by_root: dict[str, set[str | None]] = {}
    for c in table.values():
        by_root.setdefault(c.code[:2], set()).add(c.plover)
    for c in table.values():
        s = CAMEO[c.code]
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, SKOS.prefLabel, Literal(c.label, lang="en")))
        g.add((s, SKOS.notation, Literal(c.code)))
        g.add((s, GK.quadClass, Literal(c.quad_class, datatype=XSD.integer)))
        if c.goldstein is not None:
            g.add((s, GK.goldstein, Literal(Decimal(f"{c.goldstein:.1f}"), datatype=XSD.decimal)))
        up = _parent(c.code)
        if up is None:
            g.add((s, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, s))
        else:
            while up is not None and up not in table:
                up = _parent(up)
            if up is not None:
                g.add((s, SKOS.broader, CAMEO[up]))
        if c.plover:
            g.add((s, SKOS.broadMatch, PLOVER[c.plover]))
            if len(c.code) == 2 and by_root.get(c.code) == {c.plover}:
                g.add((s, SKOS.closeMatch, PLOVER[c.plover]))
        if c.plover_legacy and c.plover_legacy != c.plover:
            g.add((s, SKOS.broadMatch, PLOVER[c.plover_legacy]))
    return g


def _plover_graph(table: Mapping[str, CodeRow]) -> Graph:
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, SKOS, XSD

    scheme = URIRef(str(PLOVER).rstrip("/"))
    g = _new_graph("PLOVER event categories", scheme)
    quads = _plover_quads(table.values())
    current = [cat for cat in PLOVER_CATEGORIES if cat in quads]
    legacy = sorted({c.plover_legacy for c in table.values() if c.plover_legacy} - set(PLOVER_CATEGORIES))
    for cat in current + legacy:
        s = PLOVER[cat]
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, SKOS.prefLabel, Literal(cat, lang="en")))
        g.add((s, SKOS.notation, Literal(cat)))
        g.add((s, GK.quadClass, Literal(quads[cat], datatype=XSD.integer)))
        if cat in PLOVER_CATEGORIES:
            g.add((s, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, s))
        else:
            successor = LEGACY_PLOVER.get(cat)
            g.add((s, OWL.deprecated, Literal(True)))
            g.add((s, SKOS.historyNote, Literal(
                "Category name of PLOVER 0.5/0.6, used by the PLOVER gold-standard records.", lang="en")))
            if successor:
                same = successor == "REQUEST" or successor == "COOPERATE"
                g.add((s, SKOS.closeMatch if same else SKOS.broadMatch, PLOVER[successor]))
    return g


def scheme_graph(rows: Iterable[CodeRow], scheme: str = "cameo") -> Graph:
    """An rdflib Graph with the CAMEO or the PLOVER SKOS concept scheme of ``rows``.

    ``scheme="cameo"``: one ``skos:Concept`` per code at ``https://w3id.org/geokg/cameo/CODE``
    with ``skos:prefLabel``, ``skos:notation``, ``skos:broader`` (the nearest listed code
    up; roots are top concepts), ``gk:goldstein`` and ``gk:quadClass``, and the
    crosswalk to PLOVER (``skos:broadMatch`` to the code's category, ``skos:closeMatch``
    for a root whose codes all share one category).

    ``scheme="plover"``: the PLOVER 2021 categories at ``https://w3id.org/geokg/plover/CAT``
    plus the legacy names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) as deprecated
    concepts matched to their successors; ``gk:quadClass`` is the most common QuadClass
    of the codes mapped to the category.

    Raises
    ------
    ValueError
        Naming ``scheme`` when it is neither ``"cameo"`` nor ``"plover"``.
    """
    if scheme not in ("cameo", "plover"):
        raise ValueError(f"unknown scheme {scheme!r}; use 'cameo' or 'plover'")
    table = {row.code: row for row in rows}
    return _cameo_graph(table) if scheme == "cameo" else _plover_graph(table)


_TTL_HEADER = """\
# geokg SKOS scheme of {what}.  GENERATED from ingest/data/coding/cameo.tsv by
# geokg.ingest.coding.cameo.write_schemes(); do not edit by hand (a test checks it is current).
# Sources: CAMEO 1.1b3 codebook (Schrodt), GDELT Goldstein table (free with attribution),
# PLOVER CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0; shared alike).

"""


def scheme_text(rows: Iterable[CodeRow], scheme: str) -> str:
    """The Turtle text of a scheme file (a header naming its sources, then the graph)."""
    what = "CAMEO event codes" if scheme == "cameo" else "PLOVER event categories"
    return _TTL_HEADER.format(what=what) + scheme_graph(rows, scheme).serialize(format="turtle")


def write_schemes(out_dir: str | Path, rows: Iterable[CodeRow]) -> list[Path]:
    """Write ``cameo.ttl`` and ``plover.ttl`` of ``rows`` into ``out_dir``; return the paths."""
    rows = list(rows)
    out = []
    for name in ("cameo", "plover"):
        path = Path(out_dir) / f"{name}.ttl"
        path.write_text(scheme_text(rows, name), encoding="utf-8")
        out.append(path)
    return out
