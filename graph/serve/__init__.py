"""``geokg serve``: a SPARQL 1.1 endpoint with a query page, read-only by default.

The HTTP front end (:mod:`.endpoint`) answers

``GET /``
    an offline query page (no external script or style);
``GET|POST /query``
    the SPARQL 1.1 Protocol (``query`` parameter, form, or
    ``application/sparql-query`` body) → SPARQL JSON results, or CSV when asked
    with ``Accept: text/csv``; the default graph is the union of all articles;
``GET /named/NAME?param=value…``
    a named query (``geokg queries``) with its parameters as data;
``POST /update``
    SPARQL Update, only when started ``writable``; else 403.

Hostile use is expected (:mod:`.endpoint`): only the server's own ``Host``
names are answered (no DNS rebinding), cross-origin requests only for the
``--cors`` origin, ``SERVICE``/``LOAD`` are refused (:mod:`.guard`: no
request to other hosts), and client errors are one-line 4xx answers.

Queries run in a small pool of worker processes (:mod:`.pool`) that hold the
Oxigraph store read-only: a query that exceeds ``timeout`` seconds is
stopped by ending its worker while the others keep answering; per-client
and total limits answer 503 with ``Retry-After``.  At most ``limit`` rows are
returned (the response then carries ``X-Geokg-Truncated: true``).  While an
ingest writes the store, queries read its newest snapshot
(:mod:`geokg.graph.store.snapshot`).  The server binds 127.0.0.1 unless told
otherwise.
"""

from __future__ import annotations

import threading
from pathlib import Path

from geokg.graph.serve.config import ServeConfig
from geokg.graph.serve.endpoint import EndpointServer, allowed_hosts
from geokg.graph.serve.guard import remote_access
from geokg.graph.serve.page import QUERY_PAGE
from geokg.graph.serve.pool import WorkerPool

__all__ = ["QUERY_PAGE", "ServeConfig", "SparqlServer", "WorkerPool", "allowed_hosts", "remote_access"]


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
        if not config.writable:  # a damaged store: a clear StoreError now, not failing workers later
            from geokg.graph.store import StoreBusyError, open_reader

            try:
                open_reader(config.store, wait=0).close()
            except StoreBusyError:
                pass  # an ingest is starting; queries get 503 until its first snapshot
        self.config = config
        self.pool = WorkerPool(config)
        try:
            self.httpd = EndpointServer(config, self.pool, verbose)
        except BaseException:
            self.pool.close()
            raise
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """Base URL (the query endpoint is ``url + "/query"``)."""
        host, port = self.httpd.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self._serving = True
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def start(self) -> SparqlServer:
        """Serve in a background thread."""
        self._serving = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and end the workers."""
        if self._serving:
            self._serving = False
            if self._thread is not None:
                self.httpd.shutdown()
        self.httpd.server_close()
        self.pool.close()

    def __enter__(self) -> SparqlServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
