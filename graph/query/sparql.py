"""Run SPARQL against a geokg store and format the answers for people.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> from geokg.graph.store import open_store
>>> store = open_store(None)
>>> store.replace_graphs({URIRef("urn:g"): [(URIRef("urn:a"), URIRef("urn:name"), Literal("Mexico"))]})
>>> table = run_query(store, "SELECT ?name WHERE { ?a <urn:name> ?name }")
>>> table.columns, table.rows
(['name'], [['Mexico']])
>>> print(format_table(table, "csv").strip())
name
Mexico
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokg.graph.store import GraphStore, QueryError
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["QueryTable", "read_query", "run_query", "format_table", "FORMATS"]

#: Output formats of :func:`format_table`.
FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True, slots=True)
class QueryTable:
    """A SELECT answer (or the boolean of an ASK) with plain-Python values."""

    columns: list[str]
    rows: list[list[Any]]
    terms: list[list[Node | None]]
    boolean: bool | None = None

    def to_dataframe(self) -> Any:
        """The answer as a pandas ``DataFrame`` (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by variable name."""
        return [dict(zip(self.columns, row)) for row in self.rows]


def read_query(text_or_path: str) -> str:
    """Return SPARQL text: the argument itself, or the file it names.

    A string is taken as a file path when it ends in ``.rq``/``.sparql`` or
    names an existing file; a missing ``.rq`` file raises FileNotFoundError.
    """
    candidate = text_or_path.strip()
    looks_like_path = candidate.endswith((".rq", ".sparql")) and "\n" not in candidate
    if looks_like_path or (len(candidate) < 512 and "\n" not in candidate and Path(candidate).is_file()):
        path = Path(candidate)
        if not path.is_file():
            raise FileNotFoundError(f"query file not found: {path}")
        return path.read_text(encoding="utf-8")
    return text_or_path


def _plain(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool)) else str(term)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return str(term)


def run_query(
    store: GraphStore, sparql: str, bindings: Mapping[str, Node] | None = None
) -> QueryTable:
    """Run a SELECT or ASK query; values in ``bindings`` are bound safely.

    Raises
    ------
    QueryError
        When the query is malformed or is not a SELECT/ASK query.
    """
    result = store.query(sparql, bindings)
    if result.type == "ASK":
        return QueryTable(columns=["ask"], rows=[[bool(result.askAnswer)]], terms=[], boolean=bool(result.askAnswer))
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK queries can be shown as a table; use CONSTRUCT via the Python API")
    columns = [str(v) for v in result.vars or []]
    terms: list[list[Node | None]] = []
    for row in result:
        terms.append([row[i] for i in range(len(columns))])
    rows = [[_plain(t) for t in r] for r in terms]
    return QueryTable(columns=columns, rows=rows, terms=terms)


def format_table(table: QueryTable, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a :class:`QueryTable` as ``table`` (rich), ``csv``, ``tsv`` or ``json``."""
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        return buf.getvalue()
    if fmt == "json":
        if table.boolean is not None:
            return json.dumps({"boolean": table.boolean})
        return json.dumps({"columns": table.columns, "rows": table.to_dicts()}, ensure_ascii=False, indent=1)
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        rt = Table(*table.columns, show_lines=False)
        for row in table.rows:
            rt.add_row(*["" if v is None else str(v) for v in row])
        console = Console(file=io.StringIO(), width=width or 160, force_terminal=False, force_jupyter=False)
        console.print(rt)
        console.print(f"{len(table.rows)} row(s)")
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
