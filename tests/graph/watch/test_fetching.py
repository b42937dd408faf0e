"""HTTP of the watch against a local server: conditional GET, caps, the address policy, per-host politeness."""

from __future__ import annotations

import threading
import time

import pytest
from geokg.graph.watch.fetching import FetchError, HostGate, conditional_get, fetch_page
from geokg.ingest.readers.netpolicy import AddressPolicy
from watch_helpers import Route, rss

OPEN = AddressPolicy(allow_private=True)


def test_etag_and_last_modified_are_sent_back_and_304_honoured(feed_server):
    feed_server.routes["/f.xml"] = Route(rss("W", []), etag='"v7"', last_modified="Tue, 04 Mar 2025 09:00:00 GMT")
    first = conditional_get(feed_server.url("/f.xml"), policy=OPEN)
    assert first.status == 200 and first.etag == '"v7"' and first.body.startswith(b"<?xml")
    second = conditional_get(feed_server.url("/f.xml"), etag=first.etag, last_modified=first.last_modified,
                             policy=OPEN)
    assert second.status == 304 and second.body == b""
    sent = feed_server.hits("/f.xml")[1]
    assert sent["If-None-Match"] == '"v7"' and sent["If-Modified-Since"] == "Tue, 04 Mar 2025 09:00:00 GMT"


def test_slow_host_hits_the_time_cap(feed_server):
    feed_server.routes["/slow"] = Route(b"late", delay=2.0)
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.3 s"):
        conditional_get(feed_server.url("/slow"), policy=OPEN, timeout=0.3)
    assert time.monotonic() - start < 1.5


def test_size_cap(feed_server):
    feed_server.routes["/big"] = Route(b"x" * 10_000)
    with pytest.raises(FetchError, match="too large"):
        conditional_get(feed_server.url("/big"), policy=OPEN, max_bytes=1000)


@pytest.mark.parametrize("status, reason", [(500, "HTTP 500 Internal Server Error"), (404, "HTTP 404 Not Found")])
def test_http_errors_are_reasons(feed_server, status, reason):
    feed_server.routes["/e"] = Route(b"", status=status)
    with pytest.raises(FetchError, match=reason):
        conditional_get(feed_server.url("/e"), policy=OPEN)


def test_connection_refused_is_a_reason():
    with pytest.raises(FetchError, match="cannot connect|connection"):
        conditional_get("http://127.0.0.1:9/feed", policy=OPEN, timeout=1.0)


def test_feed_links_obey_the_address_policy(feed_server):
    feed_server.routes["/p"] = Route(b"<html><p>Hi</p></html>", ctype="text/html")
    with pytest.raises(FetchError, match="refused.*loopback"):
        fetch_page(feed_server.url("/p"), policy=AddressPolicy(), timeout=2, max_bytes=10_000)
    # the feed URL the user typed is trusted for its first request
    assert conditional_get(feed_server.url("/p"), policy=AddressPolicy(), trust_first=True).status == 200
    with pytest.raises(FetchError, match="refused"):
        conditional_get(feed_server.url("/p"), policy=AddressPolicy(), trust_first=False)
    assert feed_server.hits("/p") and len(feed_server.hits("/p")) == 1


def test_one_request_at_a_time_per_host_with_a_delay(feed_server):
    feed_server.routes["/x"] = Route(b"ok", delay=0.2)
    gate = HostGate(delay=0.3)
    spans = []

    def get():
        with gate.slot(feed_server.url("/x")):
            start = time.monotonic()
            conditional_get(feed_server.url("/x"), policy=OPEN)
            spans.append((start, time.monotonic()))

    threads = [threading.Thread(target=get) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    spans.sort()
    assert len(spans) == 3 and len(feed_server.hits("/x")) == 3
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert start >= end + 0.29  # no overlap, and the delay between them


def test_other_hosts_are_not_held_up():
    gate = HostGate(delay=5.0)
    with gate.slot("http://a.test/1"):
        pass
    start = time.monotonic()
    with gate.slot("http://b.test/1"):
        pass
    assert time.monotonic() - start < 0.5


def test_redirects_are_followed_but_not_to_other_schemes(feed_server):
    feed_server.routes["/moved"] = Route(b"", status=301)
    feed_server.routes["/to-ftp"] = Route(b"", status=302)
    feed_server.routes["/new.xml"] = Route(rss("W", []))
    feed_server.redirects = {"/moved": feed_server.url("/new.xml"), "/to-ftp": "ftp://files.test/feed.xml"}
    resp = conditional_get(feed_server.url("/moved"), policy=OPEN)
    assert resp.status == 200 and resp.url.endswith("/new.xml")
    with pytest.raises(FetchError, match="redirect to ftp://files.test/feed.xml: unsupported URL scheme 'ftp'"):
        conditional_get(feed_server.url("/to-ftp"), policy=OPEN)
