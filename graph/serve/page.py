"""The offline query page of ``geokg serve`` (no external script or style)."""

from __future__ import annotations

__all__ = ["QUERY_PAGE"]

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
