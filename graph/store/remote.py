"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, …) as a geokg store.

Selected by URL: ``open_store("http://127.0.0.1:7878")``.  Queries go to the
query endpoint, writes to the update endpoint, both over the SPARQL 1.1
Protocol with nothing but the standard library.  Each batch of articles is one
update request (``DROP SILENT GRAPH`` + ``INSERT DATA`` per article graph),
which Oxigraph applies atomically.

Endpoint URLs: for a base URL ``http://host:port`` geokg uses ``/query`` and
``/update`` (Oxigraph's layout); a URL that already ends in ``/query`` or
``/sparql`` is used as the query endpoint and ``update_url`` may be given.
The default graph is asked to be the union of all named graphs with
Oxigraph's ``union-default-graph`` parameter (start other servers with their
own union-default-graph setting).

Examples
--------
>>> from rdflib import Literal
>>> ep = SparqlEndpointStore("http://127.0.0.1:7878")
>>> ep.query_url, ep.update_url
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> print(insert_data({URIRef("urn:g"): [(URIRef("urn:s"), URIRef("urn:p"), Literal('a "b"'))]}))
DROP SILENT GRAPH <urn:g> ;
INSERT DATA { GRAPH <urn:g> {
<urn:s> <urn:p> "a \\"b\\"" .
} }
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

from geokg.graph.store.base import STORES, QueryError, StoreError, Triple, values_clause
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

__all__ = ["SparqlEndpointStore", "insert_data"]


def insert_data(graphs: Mapping[URIRef, Iterable[Triple]]) -> str:
    """One SPARQL Update that replaces each named graph with its triples."""
    parts = []
    for name, triples in graphs.items():
        body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
        parts.append(f"DROP SILENT GRAPH {name.n3()} ;\nINSERT DATA {{ GRAPH {name.n3()} {{\n{body}\n}} }}")
    return " ;\n".join(parts)


class SparqlEndpointStore:
    """A store behind a SPARQL 1.1 query/update endpoint.

    Parameters
    ----------
    location
        Base URL (``http://127.0.0.1:7878``) or query endpoint URL.
    update_url
        Update endpoint when it cannot be derived from ``location``.
    read_only
        Refuse writes.
    timeout
        Seconds to wait for the server.
    """

    def __init__(
        self,
        location: str,
        *,
        read_only: bool = False,
        update_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        base = str(location).rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise StoreError(f"{location}: a SPARQL endpoint must be an http(s) URL")
        if base.endswith(("/query", "/sparql")):
            self.query_url = base
            self.update_url = update_url or base.rsplit("/", 1)[0] + "/update"
        else:
            self.query_url = base + "/query"
            self.update_url = update_url or base + "/update"
        self.location = base
        self.read_only = read_only
        self.timeout = timeout

    # -- HTTP ----------------------------------------------------------------
    def _post(self, url: str, body: str, content_type: str, accept: str, params: dict[str, str] | None = None) -> bytes:
        if params:
            url = f"{url}?{urllib.parse.urlencode(params)}"
        req = urllib.request.Request(
            url, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept, "User-Agent": "geokg/0.1"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code in (401, 403):
                raise StoreError(f"{url}: the endpoint refused the write ({exc.code}): {detail}") from None
            if 400 <= exc.code < 500:
                raise QueryError(f"malformed SPARQL or bad request ({exc.code} from {url}): {detail}") from None
            raise StoreError(f"{url}: server error {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {reason}") from None

    # -- store interface -------------------------------------------------------
    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> None:
        """Replace each named graph in one update request."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        if graphs:
            self._post(self.update_url, insert_data(graphs), "application/sparql-update", "*/*")

    def remove_graph(self, graph: URIRef) -> bool:
        """Drop a named graph; ``False`` when it was not there."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        existed = self.has_graph(graph)
        if existed:
            self._post(self.update_url, f"DROP SILENT GRAPH {graph.n3()}", "application/sparql-update", "*/*")
        return existed

    def has_graph(self, graph: URIRef) -> bool:
        """Whether the named graph holds any triple."""
        return bool(self.query(f"ASK {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}").askAnswer)

    def graphs(self) -> list[URIRef]:
        """Names of all non-empty named graphs."""
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(r[0])) for r in res)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a query over the union graph; values bound safely (``VALUES``)."""
        text = values_clause(sparql, bindings)
        data = self._post(
            self.query_url, text, "application/sparql-query",
            "application/sparql-results+json, application/n-triples;q=0.9",
            params={"union-default-graph": ""},
        )
        if data.lstrip().startswith(b"{"):
            return Result.parse(io.BytesIO(data), format="json")
        res = Result("CONSTRUCT")
        res.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        return res

    def dataset(self) -> Dataset:
        """A local in-memory copy of the endpoint's named graphs (for exports)."""
        ds = Dataset(default_union=True)
        res = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for g, s, p, o in res:
            ds.graph(URIRef(str(g))).add((s, p, o))
        return ds

    def __len__(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        row: Any = next(iter(res))
        return int(row[0])

    def flush(self) -> None:
        """Writes are committed by the server per request."""

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> "SparqlEndpointStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> bool:
        """True when the endpoint answers ``ASK {}``."""
        try:
            return bool(self.query("ASK {}").askAnswer)
        except (StoreError, QueryError):
            return False


STORES.register("sparql.v1")(SparqlEndpointStore)
