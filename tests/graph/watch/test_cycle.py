"""Watch cycles against feeds on a local server: new items, errors, duplicates, 304s, recovery (blank pipeline)."""

from __future__ import annotations

import json

import pytest
from geokg.graph.watch import Watcher, WatchOptions, watch
from geokg.graph.watch.state import LOG_NAME, PENDING_NAME, WatchState
from watch_helpers import STORIES, Route, count_articles, page, rss

FAST = WatchOptions(allow_private=True, delay=0.0, timeout=2.0, backoff_base=60.0, html=False)


def _serve_story(fs, path, key, *, site="Daily Test"):
    title, text = STORIES[key]
    fs.routes[path] = Route(page(title, text, site=site), ctype="text/html; charset=utf-8")
    return fs.url(path)


def _feed(fs, path, keys, *, title="Wire", prefix="/a/", etag=None, query=""):
    items = []
    for key in keys:
        link = _serve_story(fs, f"{prefix}{key}", key)
        items.append((STORIES[key][0], link + query, STORIES[key][1][:80]))
    fs.routes[path] = Route(rss(title, items), etag=etag)
    return fs.url(path)


def _log(out):
    return [json.loads(line) for line in (out / LOG_NAME).read_text().splitlines()]


def test_new_items_between_cycles_are_ingested_once(tmp_path, feed_server, blank_pipeline):
    feed = _feed(feed_server, "/feed.xml", ["port", "talks"])
    watcher = Watcher([feed], tmp_path, options=FAST, pipeline=blank_pipeline)
    first = watcher.cycle()
    assert (first.feeds, first.new, first.duplicate, first.failed) == (1, 2, 0, 0)
    assert {a["via"] for a in first.articles} == {"page"}
    _feed(feed_server, "/feed.xml", ["port", "talks", "grain"])  # a new item appears
    second = watcher.cycle()
    assert (second.new, second.known, second.duplicate) == (1, 2, 0)
    third = watcher.cycle()
    assert (third.new, third.known) == (0, 3)
    assert count_articles(tmp_path) == (3, 3)
    assert [e["new"] for e in _log(tmp_path)] == [2, 1, 0]
    assert not (tmp_path / PENDING_NAME).exists()


def test_article_text_comes_from_the_page_not_the_summary(tmp_path, feed_server, blank_pipeline):
    from geokg.graph.query.sparql import run_query
    from geokg.graph.store import open_store

    feed = _feed(feed_server, "/feed.xml", ["flood"])
    Watcher([feed], tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    with open_store(tmp_path / "store", read_only=True) as st:
        text = run_query(st, "SELECT ?t WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> ; "
                             "<https://schema.org/text> ?t } }").rows[0][0]
    assert "schools in the town" in str(text)  # beyond the 80-character summary
    assert "Copyright" not in str(text) and "Home News" not in str(text)


def test_page_failure_falls_back_to_the_feed_summary(tmp_path, feed_server, blank_pipeline):
    title, text = STORIES["visit"]
    feed_server.routes["/feed.xml"] = Route(rss("Wire", [(title, feed_server.url("/gone"), text)]))
    report = Watcher([feed_server.url("/feed.xml")], tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    assert report.new == 1 and report.articles[0]["via"] == "summary"
    assert any(f["kind"] == "page" and "HTTP 404" in f["reason"] for f in report.failures)


def test_erroring_feeds_are_reported_backed_off_and_the_rest_goes_on(tmp_path, feed_server, blank_pipeline):
    good = _feed(feed_server, "/good.xml", ["port"])
    feed_server.routes["/500.xml"] = Route(b"oops", status=500)
    feed_server.routes["/bad.xml"] = Route(b"<rss><channel><item><title>cut", ctype="text/plain")
    feed_server.routes["/html.xml"] = Route(b"this is not a feed at all", ctype="text/plain")
    feed_server.routes["/slow.xml"] = Route(rss("Slow", []), delay=3.0)
    feeds = [good] + [feed_server.url(p) for p in ("/500.xml", "/bad.xml", "/html.xml", "/slow.xml")]
    opts = WatchOptions(allow_private=True, delay=0.0, timeout=0.5, backoff_base=60.0, html=False)
    watcher = Watcher(feeds, tmp_path, options=opts, pipeline=blank_pipeline)
    report = watcher.cycle()
    reasons = {f["url"].rsplit("/", 1)[1]: f["reason"] for f in report.failures if f["kind"] == "feed"}
    assert report.new == 1 and report.feeds == 5 and report.feeds_failed == 4
    assert reasons["500.xml"] == "HTTP 500 Internal Server Error"
    assert "timed out" in reasons["slow.xml"]
    assert reasons["html.xml"].startswith("not an RSS or Atom feed")
    assert set(reasons) == {"500.xml", "bad.xml", "html.xml", "slow.xml"}
    state = WatchState.load(tmp_path / "watch-state.json")
    assert state.feeds[feed_server.url("/500.xml")]["failures"] == 1
    again = watcher.cycle()  # inside the backoff: the failing feeds are not polled
    assert (again.feeds, again.backoff) == (1, 4)
    assert len(feed_server.hits("/500.xml")) == 1


def test_backoff_grows_and_resets_after_success(tmp_path, feed_server, blank_pipeline):
    feed_server.routes["/f.xml"] = Route(b"", status=503)
    opts = WatchOptions(allow_private=True, delay=0.0, timeout=1.0, backoff_base=0.0, html=False)
    watcher = Watcher([feed_server.url("/f.xml")], tmp_path, options=opts, pipeline=blank_pipeline)
    for _ in range(3):
        watcher.cycle()
    assert watcher.state.feeds[feed_server.url("/f.xml")]["failures"] == 3
    _feed(feed_server, "/f.xml", ["grain"])
    assert watcher.cycle().new == 1
    assert watcher.state.feeds[feed_server.url("/f.xml")]["failures"] == 0


def test_conditional_get_honours_304(tmp_path, feed_server, blank_pipeline):
    feed = _feed(feed_server, "/feed.xml", ["port"], etag='"v1"')
    watcher = Watcher([feed], tmp_path, options=FAST, pipeline=blank_pipeline)
    watcher.cycle()
    report = watcher.cycle()
    assert report.not_modified == 1 and report.known == 0  # nothing parsed
    hits = feed_server.hits("/feed.xml")
    assert "If-None-Match" not in hits[0] and hits[1]["If-None-Match"] == '"v1"'
    _feed(feed_server, "/feed.xml", ["port", "talks"], etag='"v2"')
    assert watcher.cycle().new == 1


def test_duplicates_across_feeds_same_url_with_tracking_params(tmp_path, feed_server, blank_pipeline):
    a = _feed(feed_server, "/a.xml", ["port", "talks"], title="Wire A")
    b = _feed(feed_server, "/b.xml", ["talks"], title="Wire B", query="?utm_source=rss&fbclid=XYZ#top")
    watcher = Watcher([a, b], tmp_path, options=FAST, pipeline=blank_pipeline)
    report = watcher.cycle()
    assert (report.new, report.duplicate) == (2, 1)
    assert report.duplicates[0]["why"] == "same URL"
    assert len(feed_server.hits("/a/talks")) == 1  # the page is fetched once
    assert count_articles(tmp_path) == (2, 2)
    again = watcher.cycle()  # known now, from both feeds: not counted as a duplicate again
    assert (again.new, again.duplicate, again.known) == (0, 0, 3)


def test_syndicated_copy_becomes_one_article_with_two_sources(tmp_path, feed_server, blank_pipeline):
    from geokg.graph.query.sparql import run_query
    from geokg.graph.store import open_store

    a = _feed(feed_server, "/a.xml", ["port", "grain"], title="Wire A")
    title, text = STORIES["port"]
    feed_server.routes["/copy/port"] = Route(page(title, "By a staff reporter. " + text, site="Copy Times"),
                                             ctype="text/html")
    feed_server.routes["/b.xml"] = Route(rss("Copy Times", [(title, feed_server.url("/copy/port"), text[:60])]))
    watcher = Watcher([a], tmp_path, options=FAST, pipeline=blank_pipeline)
    watcher.cycle()
    watcher.sources.append(feed_server.url("/b.xml"))  # the copy shows up a cycle later, in another feed
    report = watcher.cycle()
    assert (report.new, report.duplicate) == (0, 1)
    assert report.duplicates[0]["why"] == "near-duplicate text"
    assert count_articles(tmp_path) == (2, 2)
    with open_store(tmp_path / "store", read_only=True) as st:
        rows = run_query(st, "SELECT DISTINCT ?src ?pub WHERE { ?a <http://purl.org/dc/terms/source> ?src . "
                             "OPTIONAL { ?src <http://purl.org/dc/terms/publisher>/<http://www.w3.org/2000/01/rdf-schema#label> ?pub } }").rows
    assert sorted(str(r[0]).rsplit("/", 2)[-2] for r in rows) == ["a", "copy"]
    assert "Copy Times" in {str(r[1]) for r in rows}


def test_exact_text_at_two_urls_in_one_cycle(tmp_path, feed_server, blank_pipeline):
    title, text = STORIES["visit"]
    for path in ("/x/1", "/y/1"):
        feed_server.routes[path] = Route(page(title, text), ctype="text/html")
    feed_server.routes["/a.xml"] = Route(rss("A", [(title, feed_server.url("/x/1"), text[:50])]))
    feed_server.routes["/b.xml"] = Route(rss("B", [(title, feed_server.url("/y/1"), text[:50])]))
    report = Watcher([feed_server.url("/a.xml"), feed_server.url("/b.xml")], tmp_path, options=FAST,
                     pipeline=blank_pipeline).cycle()
    assert (report.new, report.duplicate) == (1, 1) and report.duplicates[0]["why"] == "same text"
    assert report.articles[0]["url"].endswith("/x/1")  # feed order decides which copy is stored


def test_item_that_keeps_failing_is_given_up(tmp_path, feed_server, blank_pipeline):
    feed_server.routes["/f.xml"] = Route(
        b'<rss version="2.0"><channel><title>W</title><item><title>T</title>'
        + f"<link>{feed_server.url('/missing')}</link></item></channel></rss>".encode(), etag='"e"')
    opts = WatchOptions(allow_private=True, delay=0.0, timeout=1.0, html=False, max_attempts=2)
    watcher = Watcher([feed_server.url("/f.xml")], tmp_path, options=opts, pipeline=blank_pipeline)
    first = watcher.cycle()
    assert first.failed == 1 and not first.failures[0]["gave_up"]
    assert watcher.state.feeds[feed_server.url("/f.xml")]["etag"] is None  # so the item is listed again
    second = watcher.cycle()
    assert second.failed == 1 and second.failures[0]["gave_up"]
    assert watcher.cycle().failed == 0


def test_private_links_are_refused_without_allow_private(tmp_path, feed_server, blank_pipeline):
    feed = _feed(feed_server, "/feed.xml", ["port"])
    opts = WatchOptions(allow_private=False, delay=0.0, timeout=1.0, html=False)
    report = Watcher([feed], tmp_path, options=opts, pipeline=blank_pipeline).cycle()
    assert report.feeds_failed == 0  # the feed URL the user gave is trusted
    assert report.articles[0]["via"] == "summary"  # the link it lists is not
    assert any("refused" in f["reason"] and "loopback" in f["reason"] for f in report.failures)
    assert feed_server.hits("/a/port") == []


def test_interrupted_cycle_is_recovered_without_loss_or_duplicate(tmp_path, feed_server, blank_pipeline, monkeypatch):
    from geokg.graph.builder import run

    feed = _feed(feed_server, "/feed.xml", ["port", "talks", "grain"])
    real = run.build

    def crash(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt("killed after the build, before the state")

    monkeypatch.setattr(run, "build", crash)
    with pytest.raises(KeyboardInterrupt):
        Watcher([feed], tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    assert (tmp_path / PENDING_NAME).exists()
    monkeypatch.setattr(run, "build", real)
    _feed(feed_server, "/feed.xml", ["port", "talks", "grain", "flood"])
    report = Watcher([feed], tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    assert (report.recovered, report.new, report.known) == (3, 1, 3)
    assert count_articles(tmp_path) == (4, 4)
    assert [e["cycle"] for e in _log(tmp_path)] == [1, 2]


def test_watch_once_and_the_log(tmp_path, feed_server, blank_pipeline):
    feed = _feed(feed_server, "/feed.xml", ["port"])
    feed_server.routes["/down.xml"] = Route(b"", status=500)
    seen = []
    reports = watch([feed, feed_server.url("/down.xml")], tmp_path, once=True, options=FAST,
                    pipeline=blank_pipeline, on_cycle=seen.append)
    assert len(reports) == 1 and seen == reports
    line = _log(tmp_path)[0]
    assert (line["feeds"], line["new"], line["duplicate"], line["failed"], line["feeds_failed"]) == (2, 1, 0, 0, 1)
    assert line["failures"][0]["reason"] == "HTTP 500 Internal Server Error"


class _Crash(KeyboardInterrupt):
    """Stands for a kill: not an ``Exception``, so nothing on the way catches it."""


def _crash_at(point, monkeypatch):
    from geokg.graph.builder import run
    from geokg.graph.watch import syndication
    from geokg.graph.watch.cycle import Watcher as W

    real_build, real_save, real_log = run.build, WatchState.save, W._log

    def mid_build(*args, **kwargs):
        def on_article(result):
            raise _Crash("mid-build")
        return real_build(*args, **{**kwargs, "on_article": on_article, "batch_size": 1})

    def after(real):
        def wrapped(*args, **kwargs):
            real(*args, **kwargs)
            raise _Crash(point)
        return wrapped

    def before(*args, **kwargs):
        raise _Crash(point)

    target = {"before-sources": (syndication, "write_sources", before),
              "after-sources": (syndication, "write_sources", after(syndication.write_sources)),
              "mid-build": (run, "build", mid_build), "after-build": (run, "build", after(real_build)),
              "after-state": (WatchState, "save", after(real_save)), "after-log": (W, "_log", after(real_log))}[point]
    monkeypatch.setattr(*target)


@pytest.mark.parametrize("point", ["before-sources", "after-sources", "mid-build", "after-build", "after-state",
                                   "after-log"])
def test_a_kill_at_each_step_loses_and_duplicates_nothing(tmp_path, feed_server, blank_pipeline, monkeypatch, point):
    a = _feed(feed_server, "/a.xml", ["port", "talks", "grain"])
    title, text = STORIES["port"]
    feed_server.routes["/copy"] = Route(page(title, "By a staff reporter. " + text), ctype="text/html")
    feed_server.routes["/b.xml"] = Route(rss("B", [(title, feed_server.url("/copy"), text[:50])]))
    feeds = [a, feed_server.url("/b.xml")]
    _crash_at(point, monkeypatch)
    with pytest.raises(_Crash):
        Watcher(feeds, tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    monkeypatch.undo()
    report = Watcher(feeds, tmp_path, options=FAST, pipeline=blank_pipeline).cycle()
    assert count_articles(tmp_path) == (3, 3)
    log = _log(tmp_path)
    assert [e["cycle"] for e in log] == [1, 2] and log[0]["new"] == 3 and log[0]["duplicate"] == 1
    assert report.new == 0 and report.known == 4
    state = WatchState.load(tmp_path / "watch-state.json")
    assert [len(i["sources"]) for i in state.articles.values()].count(2) == 1


def test_sigterm_stops_the_loop_and_the_next_start_goes_on(tmp_path, feed_server, blank_pipeline):
    import os
    import signal
    import threading

    from geokg.graph.watch import WatchStopped

    feed = _feed(feed_server, "/feed.xml", ["port"])
    reports = []

    def on_cycle(report):
        reports.append(report)
        if len(reports) == 2:  # SIGTERM arrives while the loop sleeps before its third cycle
            threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()

    with pytest.raises(WatchStopped):
        watch([feed], tmp_path, every=2.0, options=FAST, pipeline=blank_pipeline, on_cycle=on_cycle)
    assert [r.new for r in reports] == [1, 0]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back
    _feed(feed_server, "/feed.xml", ["port", "talks"])
    again = watch([feed], tmp_path, once=True, options=FAST, pipeline=blank_pipeline)
    assert again[0].new == 1 and again[0].cycle == 3 and count_articles(tmp_path) == (2, 2)


def test_url_list_with_a_feed_a_page_and_a_bad_line(tmp_path, feed_server, blank_pipeline):
    feed = _feed(feed_server, "/feed.xml", ["port"])
    page_url = _serve_story(feed_server, "/standalone", "visit")
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# world desk\n{feed}\n\n{page_url}\nftp://files.test/x\n")
    report = Watcher([str(listing)], tmp_path / "out", options=FAST, pipeline=blank_pipeline).cycle()
    assert (report.feeds, report.new) == (2, 2)
    assert {a["title"] for a in report.articles} == {STORIES["port"][0], STORIES["visit"][0]}
    assert report.failures == [{"url": f"{listing}#L5", "reason": "unsupported URL scheme 'ftp' (only http and https)",
                                "kind": "source"}]
