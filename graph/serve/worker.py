"""The query worker process: holds the store, runs one request at a time.

A worker answers ``(kind, text)`` messages on its pipe with ``(status,
data)``; the statuses are ``ok``, ``syntax`` (malformed SPARQL), ``failed``
(the query could not be evaluated: a client error), ``busy`` (an ingest has
published no snapshot yet) and ``store`` (the store cannot be read).  It
first sends ``("ready", None)``.  Read-only workers read the store through
:class:`~geokg.graph.store.LiveReader`, so several can run side by side and
follow a running ingest's snapshots.
"""

from __future__ import annotations

from typing import Any

__all__ = ["run_request", "worker_main"]

#: Seconds between two checks for writers while the worker is idle.
_IDLE_CHECK = 0.5


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


def run_request(store: Any, kind: str, text: str, limit: int) -> dict[str, Any]:
    """Run a query (SPARQL JSON-like dict) or an update on a pyoxigraph store."""
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


def _answer(target: Any, kind: str, text: str, limit: int) -> tuple[str, Any]:
    from geokg.graph.store import StoreError

    try:
        return "ok", run_request(target, kind, text, limit)
    except SyntaxError as exc:
        return "syntax", str(exc).splitlines()[0] if str(exc) else "syntax error"
    except StoreError as exc:
        return "store", str(exc)
    except (OSError, RuntimeError, ValueError, TypeError, LookupError) as exc:
        # evaluation errors (unbound SERVICE variable, bad regex, ...): the query's fault
        return "failed", f"{type(exc).__name__}: {exc}".splitlines()[0]


def worker_main(conn: Any, path: str, writable: bool, limit: int) -> None:
    """The worker loop (the target of the worker process)."""
    from geokg.graph.store import (
        LiveReader,
        SnapshotPublisher,
        StoreBusyError,
        StoreError,
    )

    live = None if writable else LiveReader(path, wait=2.0)
    publisher = SnapshotPublisher(path) if writable else None
    store: Any = None
    conn.send(("ready", None))
    while True:
        if live is not None and not conn.poll(_IDLE_CHECK):
            live.refresh()  # let a waiting writer in; follow its snapshots
            continue
        try:
            kind, text = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if publisher is not None and store is None:
                store = publisher.open()
                publisher.committed(force=True)
            target = live.store().pyoxigraph if live is not None else store._ox
        except StoreBusyError as exc:
            conn.send(("busy", str(exc)))
            continue
        except StoreError as exc:
            conn.send(("store", str(exc)))
            continue
        outcome = _answer(target, kind, text, limit)
        conn.send(outcome)
        if publisher is not None and kind == "update" and outcome[0] == "ok":
            publisher.committed(force=True)
