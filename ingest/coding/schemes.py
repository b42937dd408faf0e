"""SKOS concept schemes of the CAMEO codes and the PLOVER categories.

:func:`scheme_graph` builds the rdflib graph of either scheme from the CAMEO table
(:class:`~geokg.ingest.coding.cameo.CameoTable`); :func:`write_schemes` writes both as the
Turtle files ``ontology/cameo.ttl`` and ``ontology/plover.ttl``.  Both are also
importable from :mod:`geokg.ingest.coding.cameo`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from geokg.ingest.coding.cameo import (
    CAMEO_NS,
    GK_NS,
    LEGACY_PLOVER,
    PLOVER_CATEGORIES,
    PLOVER_NS,
    CameoCode,
    CameoTable,
    parent,
)

__all__ = ["scheme_graph", "write_schemes"]


def _plover_quads(table: Mapping[str, CameoCode]) -> dict[str, int]:
    votes: dict[str, Counter[int]] = {}
    for c in table.values():
        for cat in {c.plover, c.plover_legacy} - {None}:
            votes.setdefault(cat, Counter())[c.quad_class] += 1
    return {cat: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for cat, v in votes.items()}


def scheme_graph(table: Mapping[str, CameoCode] | None = None, scheme: str = "cameo"):
    """An rdflib Graph with the CAMEO or the PLOVER SKOS concept scheme.

    ``scheme="cameo"``: one ``skos:Concept`` per code at ``https://w3id.org/geokg/cameo/CODE``
    with ``skos:prefLabel``, ``skos:notation``, ``skos:broader`` (the code one level
    up; roots are top concepts), ``gk:goldstein`` and ``gk:quadClass``, and the
    crosswalk to PLOVER (``skos:broadMatch`` to the code's category, ``skos:closeMatch``
    for a root whose codes all share one category).

    ``scheme="plover"``: the PLOVER 2021 categories at ``https://w3id.org/geokg/plover/CAT``
    plus the legacy names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) as deprecated
    concepts matched to their successors; ``gk:quadClass`` is the most common QuadClass
    of the CAMEO codes mapped to the category.

    Examples
    --------
    >>> g = scheme_graph(scheme="cameo")
    >>> from rdflib import URIRef, Literal
    >>> from rdflib.namespace import SKOS
    >>> g.value(URIRef(CAMEO_NS + "1711"), SKOS.broader)
    rdflib.term.URIRef('https://w3id.org/geokg/cameo/171')
    >>> str(g.value(URIRef(CAMEO_NS + "12"), SKOS.prefLabel))
    'REJECT'
    >>> (URIRef(CAMEO_NS + "12"), SKOS.closeMatch, URIRef(PLOVER_NS + "REJECT")) in g
    True
    """
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import OWL, RDF, SKOS, XSD

    if scheme not in ("cameo", "plover"):
        raise ValueError(f"unknown scheme {scheme!r}; use 'cameo' or 'plover'")
    table = CameoTable.default() if table is None else table
    gk = Namespace(GK_NS)
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("gk", gk)
    g.bind("cameo", Namespace(CAMEO_NS))
    g.bind("plover", Namespace(PLOVER_NS))
    g.bind("owl", OWL)
    cameo_scheme = URIRef(CAMEO_NS.rstrip("/"))
    plover_scheme = URIRef(PLOVER_NS.rstrip("/"))

    def pcat(name: str) -> URIRef:
        return URIRef(PLOVER_NS + name)

    if scheme == "cameo":
        g.add((cameo_scheme, RDF.type, SKOS.ConceptScheme))
        g.add((cameo_scheme, SKOS.prefLabel, Literal("CAMEO event codes", lang="en")))
        by_root: dict[str, set[str | None]] = {}
        for c in table.values():
            by_root.setdefault(c.root, set()).add(c.plover)
        for c in table.values():
            s = URIRef(CAMEO_NS + c.code)
            g.add((s, RDF.type, SKOS.Concept))
            g.add((s, SKOS.inScheme, cameo_scheme))
            g.add((s, SKOS.prefLabel, Literal(c.label, lang="en")))
            g.add((s, SKOS.notation, Literal(c.code)))
            g.add((s, gk.quadClass, Literal(c.quad_class, datatype=XSD.integer)))
            if c.goldstein is not None:
                g.add((s, gk.goldstein, Literal(Decimal(f"{c.goldstein:.1f}"), datatype=XSD.decimal)))
            up = parent(c.code)
            if up is None:
                g.add((s, SKOS.topConceptOf, cameo_scheme))
                g.add((cameo_scheme, SKOS.hasTopConcept, s))
            else:
                while up is not None and up not in table:
                    up = parent(up)
                if up is not None:
                    g.add((s, SKOS.broader, URIRef(CAMEO_NS + up)))
            if c.plover:
                g.add((s, SKOS.broadMatch, pcat(c.plover)))
                if len(c.code) == 2 and by_root.get(c.code) == {c.plover}:
                    g.add((s, SKOS.closeMatch, pcat(c.plover)))
            if c.plover_legacy and c.plover_legacy != c.plover:
                g.add((s, SKOS.broadMatch, pcat(c.plover_legacy)))
        return g

    g.add((plover_scheme, RDF.type, SKOS.ConceptScheme))
    g.add((plover_scheme, SKOS.prefLabel, Literal("PLOVER event categories", lang="en")))
    quads = _plover_quads(table)
    current = [cat for cat in PLOVER_CATEGORIES if cat in quads]
    legacy = sorted({c.plover_legacy for c in table.values() if c.plover_legacy} - set(PLOVER_CATEGORIES))
    for cat in current + legacy:
        s = pcat(cat)
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, plover_scheme))
        g.add((s, SKOS.prefLabel, Literal(cat, lang="en")))
        g.add((s, SKOS.notation, Literal(cat)))
        g.add((s, gk.quadClass, Literal(quads[cat], datatype=XSD.integer)))
        if cat in PLOVER_CATEGORIES:
            g.add((s, SKOS.topConceptOf, plover_scheme))
            g.add((plover_scheme, SKOS.hasTopConcept, s))
        else:
            successor = LEGACY_PLOVER.get(cat)
            g.add((s, OWL.deprecated, Literal(True)))
            g.add((s, SKOS.historyNote, Literal(
                "Category name of PLOVER 0.5/0.6, used by the PLOVER gold-standard records.", lang="en")))
            if successor:
                same = successor == "REQUEST" or successor == "COOPERATE"
                g.add((s, SKOS.closeMatch if same else SKOS.broadMatch, pcat(successor)))
    return g


def write_schemes(out_dir: str | Path, table: Mapping[str, CameoCode] | None = None) -> list[Path]:
    """Write ``cameo.ttl`` and ``plover.ttl`` into ``out_dir``; return the paths."""
    out = []
    for name in ("cameo", "plover"):
        path = Path(out_dir) / f"{name}.ttl"
        header = _TTL_HEADER.format(what="CAMEO event codes" if name == "cameo" else "PLOVER event categories")
        path.write_text(header + scheme_graph(table, name).serialize(format="turtle"), encoding="utf-8")
        out.append(path)
    return out


_TTL_HEADER = """\
# geokg SKOS scheme of {what}.  GENERATED from ingest/data/coding/cameo.tsv by
# geokg.ingest.coding.cameo.write_schemes(); do not edit by hand (a test checks it is current).
# Sources: CAMEO 1.1b3 codebook (Schrodt), GDELT Goldstein table (free with attribution),
# PLOVER CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0; shared alike).

"""
