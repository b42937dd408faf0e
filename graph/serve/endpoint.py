"""The HTTP side of ``geokg serve``: requests checked, then answered by the worker pool.

Every request is checked before any query runs:

* ``Host`` must name the server (:func:`allowed_hosts`), else 403 — a page on
  another site that rebinds its DNS name to 127.0.0.1 sends its own name;
* an ``Origin`` header must be the server's own origin or the ``--cors``
  origin, else 403; CORS headers are sent only for the ``--cors`` origin;
* methods other than GET/POST (HEAD and OPTIONS where they make sense) get
  405; bodies larger than ``max_body`` 413, chunked bodies 411, unknown
  content types 415, undecodable or missing parameters 400;
* ``SERVICE`` (and ``LOAD`` in updates) is refused with 400
  (:mod:`geokg.graph.serve.guard`) unless ``allow_service``.

Client errors are one-line ``text/plain`` answers with a 4xx status; 503
(with ``Retry-After``) means "busy, retry"; a 500 would be a geokg bug.
"""

from __future__ import annotations

import html
import ipaddress
import json
import socket
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from geokg.graph.serve.config import ServeConfig
from geokg.graph.serve.guard import remote_access
from geokg.graph.serve.page import QUERY_PAGE
from geokg.graph.serve.pool import WorkerPool

__all__ = ["EndpointServer", "allowed_hosts"]

_TEXT = "text/plain; charset=utf-8"
_FORM = "application/x-www-form-urlencoded"
_PAGE_CSP = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
_STATUS = {"syntax": 400, "failed": 400, "timeout": 503, "overloaded": 503, "busy": 503, "crashed": 503,
           "store": 503}


class ClientError(Exception):
    """A request geokg refuses: ``status`` and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(config: ServeConfig, port: int) -> frozenset[str]:
    """The ``Host`` header values answered (lower case, with and without the port).

    Examples
    --------
    >>> sorted(allowed_hosts(ServeConfig("s", host="127.0.0.1"), 7878))[:3]
    ['127.0.0.1', '127.0.0.1:7878', '[::1]']
    >>> sorted(allowed_hosts(ServeConfig("s", host="10.0.0.5"), 80))
    ['10.0.0.5', '10.0.0.5:80']
    """
    names = {config.host.lower(), *(h.lower() for h in config.allowed_hosts)}
    if ":" in config.host and not config.host.startswith("["):
        names = {f"[{n}]" if n == config.host.lower() else n for n in names}
    if _is_loopback(config.host):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(names | {f"{n}:{port}" for n in names})


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    protocol_version = "HTTP/1.1"
    error_content_type = _TEXT

    def setup(self) -> None:
        self.timeout = self.server.config.idle_timeout  # slow or silent clients are cut off
        super().setup()

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet by default
        if self.server.verbose:
            super().log_message(fmt, *args)

    def handle_one_request(self) -> None:
        """Read and answer one request; the whole request must arrive within ``request_timeout``."""
        self.server.watch(self)
        try:
            super().handle_one_request()
        finally:
            self.server.unwatch(self)

    # -- answers -------------------------------------------------------------
    def _send(self, status: int, body: str | bytes, ctype: str = _TEXT, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in {**self._cors_headers(), **(headers or {})}.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """One line of text for the errors http.server finds itself (bad request lines, headers...)."""
        if code >= 500 and code != 503:  # e.g. 505 for an unknown HTTP version: the client's doing
            code = 400
        self.close_connection = True
        try:
            text = message or self.responses.get(code, ("bad request",))[0]
            self._send(code, text.splitlines()[0][:200] + "\n")
        except OSError:
            pass

    def _cors_headers(self) -> dict[str, str]:
        cors = self.server.config.cors
        if cors and getattr(self, "headers", None) is not None and self.headers.get("Origin") == cors:
            return {"Access-Control-Allow-Origin": cors, "Vary": "Origin"}
        return {}

    # -- checks --------------------------------------------------------------
    def _check_origin_and_host(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        if not host:
            raise ClientError(400, "missing Host header")
        if len(self.headers.get_all("Host") or ()) > 1:
            raise ClientError(400, "more than one Host header")
        local = self.connection.getsockname()[0]
        local_names = {local, f"[{local}]"}
        bare = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host not in self.server.hosts and bare not in local_names:
            raise ClientError(403, f"this endpoint does not answer for Host {host[:100]!r}")
        origin = self.headers.get("Origin")
        if origin is None:
            return
        if origin == self.server.config.cors:
            return
        parts = urllib.parse.urlsplit(origin) if origin != "null" else None
        if parts is None or parts.scheme not in ("http", "https") or parts.netloc.lower() not in (
            self.server.hosts | local_names | {f"{n}:{self.server.port}" for n in local_names}
        ):
            raise ClientError(403, f"cross-origin requests from {origin[:100]!r} are not allowed "
                                   "(start the server with --cors ORIGIN to allow one)")

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise ClientError(411, "chunked request bodies are not supported: send Content-Length")
        raw = self.headers.get("Content-Length")
        if raw is None:
            self.close_connection = True
            raise ClientError(411, "a POST needs a Content-Length header")
        if not raw.strip().isdigit():
            self.close_connection = True
            raise ClientError(400, f"bad Content-Length {raw[:40]!r}")
        length = int(raw)
        if length > self.server.config.max_body:
            self.close_connection = True
            if length <= 4 * self.server.config.max_body:  # read it, so the client gets to read the 413
                self.rfile.read(length)
            raise ClientError(413, f"request body of {length} bytes exceeds the limit of "
                                   f"{self.server.config.max_body} bytes")
        data = self.rfile.read(length)
        if len(data) < length:
            self.close_connection = True
            raise ClientError(400, "request body shorter than its Content-Length")
        return data

    def _params(self) -> tuple[dict[str, list[str]], str | None]:
        """The request's parameters (query string and form body) and a direct SPARQL body."""
        parsed = urllib.parse.urlsplit(self.path)
        try:
            params = urllib.parse.parse_qs(parsed.query, errors="strict", max_num_fields=64)
            direct = None
            if self.command == "POST":
                body = self._body()
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype in ("application/sparql-query", "application/sparql-update"):
                    direct = body.decode("utf-8")
                elif ctype == _FORM:
                    for k, v in urllib.parse.parse_qs(body.decode("ascii"), errors="strict",
                                                      max_num_fields=64).items():
                        params.setdefault(k, []).extend(v)
                else:
                    raise ClientError(415, f"unsupported Content-Type {ctype[:80]!r} (use {_FORM}, "
                                           "application/sparql-query or application/sparql-update)")
        except UnicodeError:
            raise ClientError(400, "the request is not valid UTF-8 (percent-encoded UTF-8 expected)") from None
        except ValueError as exc:
            raise ClientError(400, f"bad parameters: {str(exc)[:120]}") from None
        return params, direct

    # -- routes --------------------------------------------------------------
    def _dispatch(self) -> None:
        try:
            self._check_origin_and_host()
            route = urllib.parse.urlsplit(self.path).path
            if self.command == "OPTIONS":
                self._preflight()
            elif route in ("/", "/index.html") and self.command in ("GET", "HEAD"):
                self._page()
            elif route == "/query" and self.command in ("GET", "POST"):
                self._query()
            elif route.startswith("/named/") and self.command == "GET":
                self._named(route[len("/named/"):])
            elif route == "/update" and self.command == "POST":
                self._update()
            elif route in ("/", "/index.html", "/query", "/update") or route.startswith("/named/"):
                allow = {"/query": "GET, POST", "/update": "POST"}.get(route, "GET, HEAD")
                raise ClientError(405, f"method {self.command} not allowed on {route}", {"Allow": allow})
            else:
                raise ClientError(404, f"not found: {route[:100]}")
        except ClientError as exc:
            self._send_quietly(exc.status, str(exc) + "\n", exc.headers)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # a geokg bug: say so, keep serving
            self.close_connection = True
            self._send_quietly(500, f"internal error: {type(exc).__name__}\n")

    def _send_quietly(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        try:
            self._send(status, text, _TEXT, headers)
        except OSError:  # the client is gone (or was cut off)
            self.close_connection = True

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_HEAD = do_OPTIONS = do_GET

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # PUT, DELETE, TRACE, made-up methods: 405, not 501
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True
        self._send(405, f"method {self.command[:20]} not allowed\n", _TEXT, {"Allow": "GET, POST"})

    def _preflight(self) -> None:
        if not self.server.config.cors or self.headers.get("Origin") != self.server.config.cors:
            raise ClientError(405, "OPTIONS: no cross-origin access (start the server with --cors ORIGIN)",
                              {"Allow": "GET, POST"})
        self._send(204, b"", _TEXT, {"Access-Control-Allow-Methods": "GET, POST",
                                     "Access-Control-Allow-Headers": "Content-Type, Accept",
                                     "Access-Control-Max-Age": "600"})

    def _page(self) -> None:
        cfg = self.server.config
        page = (QUERY_PAGE.replace("__STORE__", html.escape(cfg.store))
                .replace("__MODE__", "writable" if cfg.writable else "read-only")
                .replace("__TIMEOUT__", f"{cfg.timeout:g}").replace("__LIMIT__", str(cfg.limit)))
        self._send(200, page, "text/html; charset=utf-8", {"Content-Security-Policy": _PAGE_CSP})

    def _one(self, params: dict[str, list[str]], name: str) -> str | None:
        values = params.get(name) or []
        if len(values) > 1:
            raise ClientError(400, f"more than one {name!r} parameter")
        return values[0] if values else None

    def _query(self) -> None:
        params, direct = self._params()
        text = direct if direct is not None else self._one(params, "query")
        if not text or not text.strip():
            raise ClientError(400, "missing 'query' parameter")
        self._run("query", text)

    def _named(self, name: str) -> None:
        from geokg.graph.query.named import named_query
        from geokg.graph.store import QueryError

        params, _ = self._params()
        values = {}
        for key, vals in params.items():
            if len(vals) > 1:
                raise ClientError(400, f"more than one {key!r} parameter")
            values[key] = vals[0]
        try:
            text = named_query(name).render(values)
        except (KeyError, QueryError, ValueError) as exc:
            raise ClientError(400, str(exc).splitlines()[0][:300] if str(exc) else "unknown named query") from None
        self._run("query", text)

    def _update(self) -> None:
        if not self.server.config.writable:
            self.close_connection = True
            raise ClientError(403, "this endpoint is read-only (start it with --writable to allow updates)")
        params, direct = self._params()
        text = direct if direct is not None else self._one(params, "update")
        if not text or not text.strip():
            raise ClientError(400, "missing 'update' parameter")
        self._run("update", text)

    def _run(self, kind: str, text: str) -> None:
        self.server.unwatch(self)  # the request has arrived; the query has its own timeout
        if not self.server.config.allow_service:
            why = remote_access(text, update=kind == "update")
            if why:
                raise ClientError(400, why)
        status, data = self.server.pool.run(kind, text, self.client_address[0])
        if status != "ok":
            prefix = {"syntax": "malformed SPARQL: ", "failed": "query failed: "}.get(status, "")
            retry = {"Retry-After": "2"} if status in ("overloaded", "busy", "crashed", "store") else {}
            raise ClientError(_STATUS.get(status, 503), prefix + str(data).splitlines()[0][:500], retry)
        self._result(data, update=kind == "update")

    def _result(self, data: dict[str, Any], update: bool) -> None:
        if update:
            self._send(204, b"", _TEXT)
        elif "ntriples" in data:
            self._send(200, data["ntriples"], "application/n-triples",
                       {"X-Geokg-Truncated": str(data["truncated"]).lower()})
        else:
            truncated = {"X-Geokg-Truncated": str(data.pop("truncated", False)).lower()}
            if "text/csv" in (self.headers.get("Accept") or "") and "results" in data:
                self._send(200, _csv(data), "text/csv; charset=utf-8", truncated)
            else:
                self._send(200, json.dumps(data), "application/sparql-results+json", truncated)


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


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, at most ``max_connections``
    (``per_client_connections`` per client address); a request that has not
    fully arrived within ``request_timeout`` seconds (a slowloris client) is cut off."""

    daemon_threads = True
    request_queue_size = 128  # listen backlog: http.server's 5 drops bursts of connections (1-3 s SYN retries)

    def __init__(self, config: ServeConfig, pool: WorkerPool, verbose: bool) -> None:
        self.config = config
        self.pool = pool
        self.verbose = verbose
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._watched: dict[Any, float] = {}
        self._stop = threading.Event()
        if ":" in config.host:
            self.address_family = socket.AF_INET6
        super().__init__((config.host, config.port), _Handler)
        self.port = self.server_address[1]
        self.hosts = allowed_hosts(config, self.port)
        threading.Thread(target=self._reap, daemon=True).start()

    # -- slow clients --------------------------------------------------------
    def watch(self, handler: Any) -> None:
        """Start the clock for one request's arrival."""
        with self._lock:
            self._watched[handler] = time.monotonic() + self.config.request_timeout

    def unwatch(self, handler: Any) -> None:
        """The request has arrived (or the connection ended)."""
        with self._lock:
            self._watched.pop(handler, None)

    def _reap(self) -> None:
        while not self._stop.wait(0.25):
            now = time.monotonic()
            with self._lock:
                late = [h for h, deadline in self._watched.items() if deadline < now]
                for h in late:
                    del self._watched[h]
            for handler in late:
                try:
                    handler.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    # -- connections ---------------------------------------------------------
    def process_request(self, request: Any, client_address: Any) -> None:
        client = client_address[0]
        with self._lock:
            full = (sum(self._open.values()) >= self.config.max_connections
                    or self._open[client] >= self.config.per_client_connections)
            if not full:
                self._open[client] += 1
        if full:
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n"
                                b"Connection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._open[client_address[0]] -= 1
                if self._open[client_address[0]] <= 0:
                    del self._open[client_address[0]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.verbose:  # a client that went away mid-answer; not worth a traceback by default
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        self._stop.set()
        super().server_close()
