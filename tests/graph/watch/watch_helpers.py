"""Helpers of the watch tests: a local feed server on 127.0.0.1 (threads), feeds, pages, counts.

The texts below are written for these tests.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

#: Short English stories (the build's language guard wants English), one per topic.
STORIES = {
    "port": ("Port of Valparaiso reopens",
             "The port of Valparaiso reopened on Monday after a three day strike by dock workers. "
             "The union said that its members had accepted a new offer from the operators and that "
             "ships would be unloaded again by the end of the week."),
    "talks": ("Border talks resume in Geneva",
              "Delegations from both governments met in Geneva on Tuesday and agreed to resume talks "
              "on the border crossings. Officials said that the next round would take place in March "
              "and that the ministers would attend it."),
    "grain": ("Grain exports rise",
              "Grain exports from the region rose for the fourth month in a row, the trade ministry "
              "said on Wednesday. The ministry expects the harvest to be larger than last year because "
              "the rains came early in the spring."),
    "flood": ("Floods close the northern highway",
              "Heavy rain flooded the northern highway on Thursday and the police closed it to all "
              "traffic. The regional government sent buses to carry the people who live in the valley "
              "to schools in the town, where they will stay for the night."),
    "visit": ("Minister visits the capital",
              "The foreign minister arrived in the capital on Friday for a two day visit. She will meet "
              "the president and the prime minister and will sign an agreement on trade and on the "
              "protection of investments, her office said."),
}


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    ctype: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class FeedServer:
    """A threaded HTTP server on 127.0.0.1 with mutable routes and a request log."""

    server: ThreadingHTTPServer
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h, _ in self.requests if p == path]


def _handler(fs: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            with fs.lock:  # logged before the answer: a client that has its answer sees it
                fs.requests.append((self.path.split("?", 1)[0], dict(self.headers), time.monotonic()))
            route = fs.routes.get(self.path.split("?", 1)[0])
            try:
                self._answer(route)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _answer(self, route: Route | None) -> None:
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)
            if route.status == 200 and fresh:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            if self.path in fs.redirects:
                self.send_header("Location", fs.redirects[self.path])
            self.send_header("Content-Type", route.ctype)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


def start_server() -> FeedServer:
    """Start a :class:`FeedServer` (daemon threads; call ``stop()``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    server.block_on_close = False
    fs = FeedServer(server)
    server.RequestHandlerClass = _handler(fs)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return fs


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of ``(title, link, summary)`` items."""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<pubDate>{formatdate(1741000000 + i * 86400, usegmt=True)}</pubDate>"
        f"<description>{escape(s)}</description></item>"
        for i, (t, link, s) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>{body}</channel></rss>'.encode()


def page(title: str, text: str, *, site: str = "Daily Test") -> bytes:
    """An article page."""
    paras = "".join(f"<p>{escape(p.strip())}.</p>" for p in text.split(". ") if p.strip())
    return (f"<html><head><title>{escape(title)} | {escape(site)}</title>"
            f'<meta property="og:site_name" content="{escape(site)}"></head>'
            f"<body><nav>Home News Sport</nav><article><h1>{escape(title)}</h1>{paras}</article>"
            f"<footer>Copyright Daily Test</footer></body></html>").encode()


def count_articles(out) -> int:
    """Articles in the store, counted with SPARQL (each one once, however many graphs)."""
    from geokg.graph.query.sparql import run_query
    from geokg.graph.store import open_store

    with open_store(out / "store", read_only=True) as store:
        q = ("SELECT (COUNT(DISTINCT ?a) AS ?n) (COUNT(?a) AS ?rows) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }")
        row = run_query(store, q).rows[0]
    return int(row[0]), int(row[1])
