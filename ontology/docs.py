"""Render the gk: ontology as a short Markdown page (``ONTOLOGY.md``).

The page is generated, never hand-edited: ``python -m geokg.ontology.docs``
rewrites it and ``python -m geokg.ontology.docs --check`` fails when it is
stale (a test does the same).

Examples
--------
>>> from geokg.ontology import load_ontology
>>> page = render_markdown(load_ontology())
>>> page.splitlines()[0]
'# geokg ontology'
>>> "| `gk:sourceActor` |" in page
True
"""

from __future__ import annotations

import sys
from pathlib import Path

from geokg.ontology.namespace import GK, GK_ONTOLOGY
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from rdflib.term import BNode, Node

__all__ = ["render_markdown", "ontology_markdown_path", "main"]

_SECTIONS = (
    ("Classes", OWL.Class, "Subclass of", RDFS.subClassOf),
    ("Object properties", OWL.ObjectProperty, "Sub-property of", RDFS.subPropertyOf),
    ("Datatype properties", OWL.DatatypeProperty, "Sub-property of", RDFS.subPropertyOf),
    ("Individuals", OWL.NamedIndividual, "Type", RDF.type),
)


def _name(graph: Graph, node: Node) -> str:
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(_name(graph, m) for m in Collection(graph, members))
        return "(anonymous)"
    if isinstance(node, URIRef):
        return f"`{graph.namespace_manager.normalizeUri(node)}`"
    return str(node)


def _names(graph: Graph, nodes: list[Node]) -> str:
    shown = [_name(graph, n) for n in nodes if n != OWL.NamedIndividual]
    return ", ".join(sorted(shown)) or ""


def _text(graph: Graph, node: Node, prop: URIRef) -> str:
    value = graph.value(node, prop)
    return str(value).replace("|", "\\|").replace("\n", " ") if isinstance(value, Literal) else ""


def render_markdown(graph: Graph) -> str:
    """Return the Markdown page describing the gk: terms in ``graph``.

    Terms are listed per kind (classes, object properties, datatype
    properties, individuals) in alphabetical order; the output depends only
    on the triples, so it is stable.
    """
    title = _text(graph, GK_ONTOLOGY, DCTERMS.title) or "geokg ontology"
    lines = [
        f"# {title}",
        "",
        _text(graph, GK_ONTOLOGY, DCTERMS.description),
        "",
        f"Namespace `{GK._NS}` (prefix `gk:`), version "
        f"{_text(graph, GK_ONTOLOGY, OWL.versionInfo) or 'unknown'}.",
        "Generated from `ontology/geokg.ttl` by `python -m geokg.ontology.docs`; do not edit by hand.",
    ]
    for heading, kind, relation_name, relation in _SECTIONS:
        terms = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and t in GK)
        if not terms:
            continue
        is_property = kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        head = ["Term", "Label", relation_name, *(["Domain", "Range"] if is_property else []), "Description"]
        lines += ["", f"## {heading}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for term in terms:
            row = [
                _name(graph, term),
                _text(graph, term, RDFS.label),
                _names(graph, list(graph.objects(term, relation))),
            ]
            if is_property:
                row += [_names(graph, list(graph.objects(term, RDFS.domain))),
                        _names(graph, list(graph.objects(term, RDFS.range)))]
            row.append(_text(graph, term, RDFS.comment))
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def ontology_markdown_path() -> Path:
    """Where ``ONTOLOGY.md`` lives (next to ``geokg.ttl`` in the source tree)."""
    return Path(__file__).resolve().with_name("ONTOLOGY.md")


def main(argv: list[str] | None = None) -> int:
    """Write ``ONTOLOGY.md``; with ``--check`` only report whether it is stale."""
    from geokg.ontology import load_ontology

    args = sys.argv[1:] if argv is None else argv
    page, path = render_markdown(load_ontology()), ontology_markdown_path()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != page:
            print(f"{path} is stale; run: python -m geokg.ontology.docs", file=sys.stderr)
            return 1
        return 0
    path.write_text(page, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
