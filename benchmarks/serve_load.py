"""Load test of ``geokg serve`` (loopback only, bounded): do ordinary queries stay fast while pathological ones run?

50 clients (each from its own loopback address 127.0.1.N, so the per-client
limits see 50 clients) send requests back to back for ``--seconds``: shipped
named queries rendered with parameters (``geokg.graph.query.named``) and, one
request in ten, a malformed one (bad SPARQL, a SERVICE call, an oversized body,
a bad method, a foreign Host).  Beside them a hostile client sends one
pathological query (a 4-way cross join that never finishes) per second, from
5 rotating addresses.  The server runs as ``geokg serve`` in its own process
(``--target geokg``) or, for comparison, ``oxigraph serve-read-only``
(``--target oxigraph``, same timeout; malformed requests it has no answer
for are still sent).

It prints a table (requests served, status counts, p50/p99/max latency of the
good queries, how the pathological ones ended, errors) and writes it as JSON
with ``--json``.  Errors are responses with status 500 (or any 5xx but 503)
and failed connections.

Example::

    .venv/bin/python benchmarks/serve_load.py --clients 50 --seconds 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MALFORMED = [
    ("GET", "/query?query=" + urllib.parse.quote("SELEC ?x WHERE {"), {}, b""),
    ("GET", "/query?query=" + urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"),
     {}, b""),
    ("POST", "/query", {"Content-Type": "application/x-www-form-urlencoded"}, b"query=" + b"A" * 300_000),
    ("PUT", "/query", {}, b""),
    ("GET", "/query?query=ASK%7B%7D", {"Host": "evil.example"}, b""),
    ("GET", "/query?query=%ff%fe", {}, b""),
]


def _synthetic_store(path: Path, graphs: int = 50, per_graph: int = 100) -> None:
    from geokg.graph.store import open_store
    from rdflib import Literal, URIRef

    data = {}
    for g in range(graphs):
        iri = URIRef(f"https://w3id.org/geokg/id/article/load{g}")
        data[iri] = [(URIRef(f"urn:load:s{g}-{i}"), URIRef(f"urn:load:p{i % 7}"), Literal(f"value {g} {i}"))
                     for i in range(per_graph)]
    with open_store(path) as st:
        st.replace_graphs(data)


def _named_queries() -> list[str]:
    from geokg.graph.query.named import named_query

    renders = []
    for name, params in [
        ("country-events", {"country": "MEX"}), ("country-events", {"country": "USA", "from": "2025-01-01"}),
        ("top-actors", {}), ("events-between", {"country_a": "MEX", "country_b": "USA"}),
        ("who-said-what", {"speaker": "https://w3id.org/geokg/id/actor/x"}),
    ]:
        try:
            renders.append(named_query(name).render(params))
        except Exception:  # parameters this version of the query does not take: skip it
            continue
    return renders


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(target: str, store: Path, port: int, timeout: float, workers: int) -> subprocess.Popen:
    venv_bin = Path(sys.executable).parent
    if target == "oxigraph":
        cmd = [str(venv_bin / "oxigraph"), "serve-read-only", "--location", str(store), "--bind",
               f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(int(timeout))]
    else:
        cmd = [str(venv_bin / "geokg"), "serve", "--store", str(store), "--port", str(port), "--timeout",
               str(timeout), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = _request(port, "GET", "/query?query=ASK%7B%7D", {}, b"", "127.0.0.1", timeout=5)
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{target} did not start on port {port}")


def _request(port: int, method: str, path: str, headers: dict, body: bytes, source: str,
             timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        hdrs = {"Accept": "application/sparql-results+json", **headers}
        conn.request(method, path, body=body or None, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


class _Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.good: list[float] = []
        self.status: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def add(self, kind: str, status: int | None, seconds: float, error: str | None = None) -> None:
        with self.lock:
            if error is not None:
                self.errors[f"{kind}: {error}"] += 1
                return
            self.status[f"{kind} {status}"] += 1
            if status is not None and status >= 500 and status != 503:
                self.errors[f"{kind}: HTTP {status}"] += 1
            if kind == "good" and status == 200:
                self.good.append(seconds)


def _client(port: int, source: str, stop: float, queries: list[str], stats: _Stats, seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        if rng.random() < 0.1:
            kind, (method, path, headers, body) = "malformed", rng.choice(MALFORMED)
        else:
            kind, method, headers, body = "good", "GET", {}, b""
            path = "/query?" + urllib.parse.urlencode({"query": rng.choice(queries)})
        t0 = time.monotonic()
        try:
            status, _ = _request(port, method, path, headers, body, source)
            stats.add(kind, status, time.monotonic() - t0)
        except (OSError, http.client.HTTPException) as exc:
            stats.add(kind, None, 0.0, type(exc).__name__)


def _hostile(port: int, stop: float, stats: _Stats, threads: list[threading.Thread], every: float) -> None:
    if every <= 0:
        time.sleep(max(0.0, stop - time.monotonic()))
        return
    n = 0
    path = "/query?" + urllib.parse.urlencode({"query": CROSS_JOIN})
    while time.monotonic() < stop:
        source = f"127.0.2.{1 + n % 5}"

        def one(src: str = source) -> None:
            t0 = time.monotonic()
            try:
                status, _ = _request(port, "GET", path, {}, b"", src, timeout=60)
                stats.add("pathological", status, time.monotonic() - t0)
            except (OSError, http.client.HTTPException) as exc:
                stats.add("pathological", None, 0.0, type(exc).__name__)

        t = threading.Thread(target=one, daemon=True)
        t.start()
        threads.append(t)
        n += 1
        time.sleep(every)


def run(target: str = "geokg", clients: int = 50, seconds: float = 20.0, timeout: float = 5.0, workers: int = 6,
        store: str | None = None, every: float = 1.0) -> dict:
    """Run the load test; return its figures."""
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(store) if store else Path(tmp, "store")
        if not store:
            _synthetic_store(path)
        queries = _named_queries()
        port = _free_port()
        proc = _start(target, path, port, timeout, workers)
        stats = _Stats()
        try:
            stop = time.monotonic() + seconds
            threads = [threading.Thread(target=_client, args=(port, f"127.0.1.{10 + i}", stop, queries, stats, i),
                                        daemon=True) for i in range(clients)]
            hostile: list[threading.Thread] = []
            for t in threads:
                t.start()
            _hostile(port, stop, stats, hostile, every)
            for t in threads + hostile:
                t.join(timeout + 30)
        finally:
            proc.kill()
            proc.wait(10)
    good = sorted(stats.good)
    pct = (lambda q: good[min(len(good) - 1, int(q * len(good)))] if good else float("nan"))
    return {
        "target": target, "pathological_every": every, "clients": clients, "seconds": seconds, "timeout": timeout,
        "workers": workers,
        "served": sum(stats.status.values()), "good_ok": len(good),
        "good_p50_ms": round(1000 * pct(0.50), 1), "good_p99_ms": round(1000 * pct(0.99), 1),
        "good_max_ms": round(1000 * (good[-1] if good else float("nan")), 1),
        "good_mean_ms": round(1000 * statistics.fmean(good), 1) if good else None,
        "status": dict(sorted(stats.status.items())), "errors": dict(stats.errors),
        "cpus": os.cpu_count(), "load_avg_start": load_start, "load_avg": os.getloadavg()[0],
    }


def table(r: dict) -> str:
    """The figures as a Markdown table."""
    rows = [
        ("server", f"{r['target']} ({r['workers']} workers)" if r["target"] == "geokg" else r["target"]),
        ("clients / duration", f"{r['clients']} + 1 hostile / {r['seconds']:g} s (query timeout {r['timeout']:g} s, "
                               + (f"a pathological query every {r['pathological_every']:g} s)"
                                  if r["pathological_every"] > 0 else "no pathological queries)")),
        ("requests answered", f"{r['served']}"),
        ("good queries answered 200", f"{r['good_ok']} ({r['good_ok'] / r['seconds']:.0f}/s)"),
        ("good p50 / p99 / max", f"{r['good_p50_ms']} / {r['good_p99_ms']} / {r['good_max_ms']} ms"),
        ("statuses", ", ".join(f"{k}: {v}" for k, v in r["status"].items())),
        ("errors (5xx but 503, failed connections)", ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"),
        ("machine", (f"{r['cpus']} CPUs, load average {r['load_avg_start']:.1f} at the start, "
                     f"{r['load_avg']:.1f} at the end")),
    ]
    return "| | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=["geokg", "oxigraph"], default="geokg")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's query timeout")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--store", help="a store to serve (default: a synthetic one, 5,000 triples)")
    parser.add_argument("--pathological-every", type=float, default=1.0,
                        help="seconds between pathological queries (0: none, a baseline)")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if args.clients > 200 or args.seconds > 120:
        parser.error("bounded: at most 200 clients and 120 s")
    result = run(args.target, args.clients, args.seconds, args.timeout, args.workers, args.store,
                 args.pathological_every)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
