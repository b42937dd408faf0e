"""Named, parameterised SPARQL queries (``graph/queries/*.rq``).

Each query is a data file whose header declares its parameters::

    # @param country  literal  ISO 3166-1 alpha-3 code, e.g. "MEX"

and whose ``WHERE`` clause holds a ``#@values`` marker (sub-selects that need the
parameters hold one too).  :func:`render` replaces every marker with a ``VALUES`` block of the caller's values written in escaped
N-Triples form, so user input (quotes, braces, newlines) is data, never query
text; a parameter left out is ``UNDEF`` (unbound).

Every query runs over the union of the article graphs, where a fact repeated
in several articles (an actor's label, the facts of an event reported by k
articles) comes back once per article, and it must give the same rows on
Oxigraph and on rdflib.  What a row is, per query (the ``.rq`` header says it too):

* ``events-between``, ``country-events``, ``actor-timeline``: one row per
  *report* of an event, i.e. per mention of it in an article (an event told
  by k articles gives k rows, told twice by one article two); the sentence,
  the relation and the other per-extraction facts come from that article's
  graph, so a row never pairs one article's evidence with another's words;
  the date is the event's (from any report); ``?article`` is the reporting
  article (its IRI; its title in ``country-events``);
* ``who-said-what``: one row per attributed report of a claim: speaker,
  subject, object, mode and sentence from the same article;
* ``event-mentions``: one row per report (a span and its sentence);
* ``top-actors``: one row per actor, each event counted once however many
  articles report it.

Rows identical in every column (e.g. two copies of one wire story) are merged.
The shipped queries follow a few rules that keep the cost linear in the number
of reports k and Oxigraph's plan to index look-ups from the parameters
(``benchmarks/bench_store.py`` measures them, also on a dataset where every
event has 8 reports):

* the selective part is a ``SELECT DISTINCT`` sub-select holding its own
  ``#@values`` (sub-selects are evaluated on their own), and it comes first;
  when required triple patterns follow it, a ``#@values`` line also opens the
  outer ``WHERE`` and the sub-select projects a parameter, so Oxigraph starts
  from that one-row ``VALUES`` block instead of a whole predicate;
* in the union each look-up of an event fact returns one row per report, so
  chained look-ups multiply (k^n rows for n look-ups): the seed takes one
  ``DISTINCT`` level per look-up (actors -> events -> targets -> dates), which
  collapses the repeats before the next one;
* the reports are the article graphs that type the event (``GRAPH ?a0 { ?event
  a sem:Event }``: at every evidence level, the graph is the article; level
  ``full`` also writes ``prov:wasDerivedFrom``) and, in each article's graph, the spans of
  the event's reports (``gk:span`` on the event, whose sentence offsets slice the article
  text: levels ``mention`` and ``full``; at level ``none`` the sentence columns stay unbound
  and there is one row per article), read as
  ``OPTIONAL`` look-ups with ``COALESCE(?x, <urn:geokg:none>)`` so ``?article``
  is always bound (a required join after a sub-select is a whole-store scan on
  Oxigraph and a nested-loop join on rdflib); every
  per-report fact is then an ``OPTIONAL { GRAPH ?article { one pattern } }``
  with ``?article`` always bound, so it reads that report's own graph (on
  rdflib too: a bound ``GRAPH`` looks at one graph, an unbound one loops over
  all of them);
* other facts are ``OPTIONAL`` look-ups of one or two triple patterns on a
  variable that is always bound (longer chains, or a chain of ``OPTIONAL`` s
  whose variable may be unbound, make Oxigraph evaluate the pattern on its
  own, over the whole store); a "required" per-report fact is such an
  ``OPTIONAL`` followed by ``FILTER (BOUND(...))``;
* a pure type or range check is ``FILTER EXISTS``, never a join that could
  become the starting point; a ``UNION`` branch that only a
  ``FILTER (!BOUND(?param))`` guards also spoils Oxigraph's plan (write the
  branch so every row passes the same filter instead);
* labels come from one ``GROUP BY`` sub-select with ``MIN`` (deterministic
  where ``SAMPLE`` is not), joined on an always-bound variable
  (``COALESCE(?x, <urn:geokg:none>)`` when ``?x`` is optional).

Examples
--------
>>> q = named_query("events-between")
>>> [p.name for p in q.params]
['country_a', 'country_b', 'from', 'to']
>>> "VALUES (?country_a ?country_b ?from ?to)" in q.render({"country_a": "MEX", "country_b": "USA"})
True
>>> print(q.values({"country_a": 'M" } DROP ALL {', "country_b": "USA", "from": "2025-01-01"}))
VALUES (?country_a ?country_b ?from ?to) { ("M\\" } DROP ALL {" "USA" "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date> UNDEF) }
"""

from __future__ import annotations

import re
from importlib import import_module
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Any

from geokg.graph.query.sparql import QueryTable, run_query
from geokg.graph.store import GraphStore, QueryError
from rdflib import XSD, Literal, URIRef

__all__ = ["Param", "NamedQuery", "named_query", "list_queries", "run_named"]

#: Named queries that need a Python step around SPARQL: name -> "module:function(store, query, params)".
_POST = {"events-near": "geokg.graph.query.near:run_events_near"}

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(literal|date|integer|decimal|iri)\s*(.*)$")
_BAD_IRI = re.compile(r'[<>"{}|^`\\\s]')


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str
    doc: str

    @property
    def optional(self) -> bool:
        """Whether the parameter may be left out."""
        return "(optional)" in self.doc

    def term(self, value: Any) -> Literal | URIRef:
        """Convert a Python value to the RDF term this parameter takes."""
        try:
            if self.type == "date":
                d = value if isinstance(value, date) else date.fromisoformat(str(value))
                return Literal(d.isoformat(), datatype=XSD.date)
            if self.type == "integer":
                return Literal(int(value))
            if self.type == "decimal":
                number = float(value)
                if number != number or number in (float("inf"), float("-inf")):
                    raise ValueError("not a finite number")
                return Literal(format(Decimal(repr(number)), "f"), datatype=XSD.decimal)
            if self.type == "iri":
                text = str(value)
                if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text) or _BAD_IRI.search(text):
                    raise ValueError("not an absolute IRI")
                return URIRef(text)
        except ValueError as exc:
            raise QueryError(f"parameter {self.name!r}: {value!r} is not a valid {self.type} ({exc})") from None
        return Literal(str(value))


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query template with declared parameters."""

    name: str
    text: str
    params: tuple[Param, ...]

    @property
    def description(self) -> str:
        """The first comment line of the file."""
        first = self.text.splitlines()[0] if self.text else ""
        return first.lstrip("# ").strip()

    def values(self, params: dict[str, Any]) -> str:
        """The ``VALUES`` block for ``params`` (missing ones are ``UNDEF``)."""
        unknown = set(params) - {p.name for p in self.params}
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter(s) {', '.join(sorted(unknown))}")
        cells = []
        for p in self.params:
            value = params.get(p.name)
            if value is None or value == "":
                if not p.optional:
                    raise QueryError(f"query {self.name!r} needs parameter {p.name!r} ({p.doc})")
                cells.append("UNDEF")
            else:
                cells.append(p.term(value).n3())
        head = " ".join(f"?{p.name}" for p in self.params)
        return f"VALUES ({head}) {{ ({' '.join(cells)}) }}"

    def render(self, params: dict[str, Any]) -> str:
        """The query text with the caller's values bound."""
        if not self.params:
            return self.text
        return self.text.replace("#@values", self.values(params))


def list_queries() -> list[NamedQuery]:
    """Every named query shipped with geokg, by name."""
    folder = files("geokg.graph.query") / "queries"
    return [named_query(p.name[:-3]) for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".rq")]


def named_query(name: str) -> NamedQuery:
    """Load the named query ``name`` (a file ``graph/queries/NAME.rq``)."""
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise QueryError(f"bad query name {name!r}")
    path = files("geokg.graph.query") / "queries" / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(sorted(p.name[:-3] for p in (files("geokg.graph.query") / "queries").iterdir() if p.name.endswith(".rq")))
        raise QueryError(f"no named query {name!r}; known: {known}")
    text = path.read_text(encoding="utf-8")
    params = tuple(
        Param(m.group(1), m.group(2), m.group(3).strip())
        for m in (_PARAM.match(line) for line in text.splitlines())
        if m
    )
    if params and "#@values" not in text:
        raise QueryError(f"named query {name!r} declares parameters but has no #@values line")
    return NamedQuery(name=name, text=text, params=params)


def run_named(store: GraphStore, name: str, /, **params: Any) -> QueryTable:
    """Run a named query with safely bound parameters.

    Examples
    --------
    >>> from geokg.graph.store import open_store
    >>> run_named(open_store(None), "events-between", country_a="MEX", country_b="USA").rows
    []
    """
    query = named_query(name)
    hook = _POST.get(name)
    if hook is not None:  # queries a Python step completes (geokg.graph.query.near)
        module, _, function = hook.partition(":")
        return getattr(import_module(module), function)(store, query, params)
    return run_query(store, query.render(params))
