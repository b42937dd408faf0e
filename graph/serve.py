"""``geokg serve``: a SPARQL 1.1 endpoint with a query page, read-only by default.

The HTTP front end (standard library ``ThreadingHTTPServer``) answers

``GET /``
    an offline query page (no external script or style);
``GET|POST /query``
    the SPARQL 1.1 Protocol (``query`` parameter, form, or
    ``application/sparql-query`` body) → SPARQL JSON results, or CSV when asked
    with ``Accept: text/csv``; the default graph is the union of all articles;
``POST /update``
    SPARQL Update, only when started ``writable``; else 403.

While an ingest writes the store, queries read its newest snapshot (the
worker follows writers, see :mod:`geokg.graph.store.snapshot`); ``503`` with
``Retry-After`` while a starting ingest has published none yet.

Queries run in a separate worker process that holds the Oxigraph store, so a
query that exceeds ``timeout`` seconds is stopped by ending that process (a
new one is started for the next query).  At most ``limit`` rows are returned
(the response then carries ``X-Geokg-Truncated: true``).  The server binds
127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import html
import json
import multiprocessing as mp
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["ServeConfig", "SparqlServer", "QUERY_PAGE"]


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How to serve a store."""

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float = 30.0
    limit: int = 10_000


# --------------------------------------------------------------------------- #
# The worker process: owns the store, runs one request at a time.


def _term_json(term: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _run(store: Any, kind: str, text: str, limit: int) -> dict[str, Any]:
    import pyoxigraph as ox

    if kind == "update":
        store.update(text)
        store.flush()
        return {"ok": True}
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return {"head": {}, "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows, truncated = [], False
        for i, solution in enumerate(result):
            if i >= limit:
                truncated = True
                break
            rows.append({n: _term_json(solution[n]) for n in names if solution[n] is not None})
        return {"head": {"vars": names}, "results": {"bindings": rows}, "truncated": truncated}
    triples = []
    for i, t in enumerate(result):
        if i >= limit:
            return {"ntriples": "\n".join(triples), "truncated": True}
        triples.append(f"{t.subject} {t.predicate} {t.object} .")
    return {"ntriples": "\n".join(triples), "truncated": False}


#: Seconds between two checks for writers while the worker is idle.
_IDLE_CHECK = 0.5


def _worker(conn: Any, path: str, writable: bool, limit: int) -> None:
    from geokg.graph.store.core import StoreError
    from geokg.graph.store.reader import LiveReader, StoreBusyError
    from geokg.graph.store.snapshot import SnapshotPublisher

    # Read-only: the store, or a running ingest's newest snapshot (geokg.graph.store.snapshot).
    # Writable: a writer like geokg build, whose snapshots readers in other processes get.
    live = None if writable else LiveReader(path, wait=2.0)
    publisher = SnapshotPublisher(path) if writable else None
    store: Any = None
    while True:
        if live is not None and not conn.poll(_IDLE_CHECK):
            live.refresh()  # let a waiting writer in; follow its snapshots
            continue
        try:
            kind, text = conn.recv()
        except EOFError:
            return
        try:
            if publisher is not None and store is None:
                store = publisher.open()
                publisher.committed(force=True)
            target = live.store().pyoxigraph if live is not None else store._ox
            conn.send(("ok", _run(target, kind, text, limit)))
            if publisher is not None and kind == "update":
                publisher.committed(force=True)
        except StoreBusyError as exc:
            conn.send(("busy", str(exc)))
        except StoreError as exc:
            conn.send(("error", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except Exception as exc:  # reported to the client, the worker lives on
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class _Executor:
    """One worker process at a time; replaced when a request times out."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(
            target=_worker, args=(child, self.config.store, self.config.writable, self.config.limit), daemon=True
        )
        self._proc.start()
        self._conn = parent

    def run(self, kind: str, text: str) -> tuple[str, Any]:
        with self._lock:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            self._conn.send((kind, text))
            if not self._conn.poll(self.config.timeout):
                self._proc.kill()
                self._proc.join()
                self._proc = None
                return "timeout", f"the query took longer than {self.config.timeout:g} s and was stopped"
            try:
                return self._conn.recv()
            except EOFError:
                self._proc = None
                return "error", "the query worker died"

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                self._proc.kill()
                self._proc.join()
                self._proc = None


# --------------------------------------------------------------------------- #
# HTTP


QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>geokg SPARQL</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;max-width:1200px}
textarea{width:100%;height:14rem;font:13px ui-monospace,monospace}
table{border-collapse:collapse;margin-top:1rem;font-size:13px}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}
#status{margin:.5rem 0;color:#555}
</style></head><body>
<h1>geokg SPARQL endpoint</h1>
<p>Store: <code>__STORE__</code> · __MODE__ · timeout __TIMEOUT__ s · at most __LIMIT__ rows.
The default graph is the union of all articles.</p>
<textarea id="q">PREFIX sem: &lt;http://semanticweb.cs.vu.nl/2009/11/sem/&gt;
PREFIX gk: &lt;https://w3id.org/geokg/ontology#&gt;
PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;
SELECT ?source ?relation ?target WHERE {
  ?e a sem:Event ; gk:sourceActor/rdfs:label ?source ; gk:relationLemma ?relation ;
     gk:targetActor/rdfs:label ?target .
} LIMIT 20</textarea>
<button id="run">Run</button><div id="status"></div><div id="out"></div>
<script>
"use strict";
document.getElementById("run").addEventListener("click", async () => {
  const status = document.getElementById("status"), out = document.getElementById("out");
  status.textContent = "running…"; out.replaceChildren();
  const body = new URLSearchParams({query: document.getElementById("q").value});
  const resp = await fetch("query", {method: "POST", body,
    headers: {"Accept": "application/sparql-results+json"}});
  const text = await resp.text();
  if (!resp.ok) { status.textContent = resp.status + ": " + text; return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { status.textContent = String(data.boolean); return; }
  const vars = data.head.vars, rows = data.results.bindings;
  status.textContent = rows.length + " row(s)" +
    (resp.headers.get("X-Geokg-Truncated") === "true" ? " (truncated)" : "");
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const r of rows) {
    const tr = table.insertRow();
    for (const v of vars) { tr.insertCell().textContent = r[v] ? r[v].value : ""; }
  }
  out.appendChild(table);
});
</script></body></html>
"""


def _csv(data: dict[str, Any]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    names = data["head"]["vars"]
    writer.writerow(names)
    for row in data["results"]["bindings"]:
        writer.writerow([row.get(n, {}).get("value", "") for n in names])
    return buf.getvalue()


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet by default
        if self.server.verbose:
            super().log_message(fmt, *args)

    def _send(self, status: int, body: str | bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _text_from_request(self, field: str) -> str | None:
        parsed = urllib.parse.urlparse(self.path)
        if self.command == "GET":
            return (urllib.parse.parse_qs(parsed.query).get(field) or [None])[0]
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            return None
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if ctype in ("application/sparql-query", "application/sparql-update"):
            return body
        return (urllib.parse.parse_qs(body).get(field) or [None])[0]

    def do_GET(self) -> None:  # noqa: N802
        route = urllib.parse.urlparse(self.path).path
        if route in ("/", "/index.html"):
            cfg = self.server.config
            page = (QUERY_PAGE.replace("__STORE__", html.escape(cfg.store))
                    .replace("__MODE__", "writable" if cfg.writable else "read-only")
                    .replace("__TIMEOUT__", f"{cfg.timeout:g}").replace("__LIMIT__", str(cfg.limit)))
            self._send(200, page, "text/html; charset=utf-8",
                       {"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"})
        elif route == "/query":
            self._query()
        else:
            self._send(404, "not found", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        route = urllib.parse.urlparse(self.path).path
        if route == "/query":
            self._query()
        elif route == "/update":
            if not self.server.config.writable:
                self._send(403, "this endpoint is read-only (start it with --writable to allow updates)",
                           "text/plain; charset=utf-8")
                return
            text = self._text_from_request("update")
            if not text:
                self._send(400, "missing 'update'", "text/plain; charset=utf-8")
                return
            self._answer(self.server.executor.run("update", text), update=True)
        else:
            self._send(404, "not found", "text/plain; charset=utf-8")

    def _query(self) -> None:
        text = self._text_from_request("query")
        if not text:
            self._send(400, "missing 'query' parameter", "text/plain; charset=utf-8")
            return
        self._answer(self.server.executor.run("query", text))

    def _answer(self, outcome: tuple[str, Any], update: bool = False) -> None:
        status, data = outcome
        if status == "syntax":
            self._send(400, f"malformed SPARQL: {data}", "text/plain; charset=utf-8")
        elif status == "timeout":
            self._send(503, data, "text/plain; charset=utf-8")
        elif status == "busy":  # an ingest is starting: its first snapshot comes in seconds
            self._send(503, data, "text/plain; charset=utf-8", {"Retry-After": "2"})
        elif status != "ok":
            self._send(500, data, "text/plain; charset=utf-8")
        elif update:
            self._send(204, b"", "text/plain")
        elif "ntriples" in data:
            self._send(200, data["ntriples"], "application/n-triples",
                       {"X-Geokg-Truncated": str(data["truncated"]).lower()})
        else:
            truncated = {"X-Geokg-Truncated": str(data.pop("truncated", False)).lower()}
            if "text/csv" in (self.headers.get("Accept") or "") and "results" in data:
                self._send(200, _csv(data), "text/csv; charset=utf-8", truncated)
            else:
                self._send(200, json.dumps(data), "application/sparql-results+json", truncated)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config: ServeConfig, executor: _Executor, verbose: bool) -> None:
        self.config = config
        self.executor = executor
        self.verbose = verbose
        super().__init__((config.host, config.port), _Handler)


class SparqlServer:
    """Serve a store over HTTP; use as a context manager or call :meth:`serve_forever`.

    Raises
    ------
    FileNotFoundError
        When ``config.store`` is not a geokg store folder.
    StoreError
        When it is damaged.
    """

    def __init__(self, config: ServeConfig, *, verbose: bool = False) -> None:
        if not Path(config.store, "CURRENT").is_file():
            raise FileNotFoundError(f"{config.store}: not a geokg/Oxigraph store (run 'geokg build' first)")
        if not config.writable:  # a damaged store: a clear StoreError now, not a failing worker later
            from geokg.graph.store.reader import StoreBusyError, open_reader

            try:
                open_reader(config.store, wait=0).close()
            except StoreBusyError:
                pass  # an ingest is starting; queries get 503 until its first snapshot
        self.config = config
        self.executor = _Executor(config)
        self.httpd = _Server(config, self.executor, verbose)
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """Base URL (the query endpoint is ``url + "/query"``)."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self._serving = True
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def start(self) -> "SparqlServer":
        """Serve in a background thread."""
        self._serving = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and end the worker."""
        if self._serving:
            self._serving = False
            if self._thread is not None:
                self.httpd.shutdown()
        self.httpd.server_close()
        self.executor.close()

    def __enter__(self) -> "SparqlServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
