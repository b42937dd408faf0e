"""`geokg watch --once` killed at 10 randomized points (fixed seed) and restarted: 0 lost, 0 duplicated.

Runs the real model in subprocesses (about four minutes): marked slow.  Each trial starts a watch into a
fresh folder and sends SIGTERM or SIGKILL at a random moment: 2 drawn over a whole run, 4 after the
cycle's pending file appears (model loading, parsing, the store), 4 after the first article reaches
the journal (exports, state, log); then it restarts the watch to the end and counts the articles in
the store with SPARQL: each expected article exactly once, none missing.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from watch_helpers import STORIES, Route, count_articles, page, rss

pytestmark = [pytest.mark.slow, pytest.mark.model]

GEOKG = str(Path(sys.executable).parent / "geokg")
SEED = 14
TRIALS = 10


def _setup(fs):
    def story(path, key, prefix=""):
        title, text = STORIES[key]
        fs.routes[path] = Route(page(title, prefix + text), ctype="text/html")
        return title, fs.url(path), text[:80]

    fs.routes["/a.xml"] = Route(rss("Wire A", [story(f"/a/{k}", k) for k in ("port", "talks", "grain", "flood")]))
    talks = story("/a/talks", "talks")
    fs.routes["/b.xml"] = Route(rss("Wire B", [
        (talks[0], talks[1] + "?utm_source=b&gclid=1", talks[2]),  # the same page, tracked
        story("/b/port-copy", "port", prefix="By a staff reporter. "),  # a syndicated copy
        story("/b/visit", "visit"),
    ]))
    return [fs.url("/a.xml"), fs.url("/b.xml")], {fs.url(f"/a/{k}") for k in ("port", "talks", "grain", "flood")} | {
        fs.url("/b/visit")}


def _start(feeds, out):
    cmd = [GEOKG, "watch", *feeds, "--out", str(out), "--once", "--allow-private-addresses", "--delay", "0",
           "--timeout", "10"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _journalled(out):
    journal = out / "ingest-journal.jsonl"
    return journal.exists() and '"digest"' in journal.read_text()


#: Events a kill is timed from: the start, the cycle's pending file, the first article in the journal.
EVENTS = {"start": lambda out: True, "pending": lambda out: (out / "watch-pending.json").exists(),
          "journal": _journalled}


def _full_run(feeds, out, limit=300):
    """Run to the end: exit code, seconds, stderr, and when each event happened (seconds from the start)."""
    proc, start, seen = _start(feeds, out), time.monotonic(), {}
    while proc.poll() is None and time.monotonic() - start < limit:
        for name, happened in EVENTS.items():
            if name not in seen and happened(out):
                seen[name] = time.monotonic() - start
        time.sleep(0.01)
    _, err = proc.communicate(timeout=limit)
    return proc.returncode, time.monotonic() - start, err, seen


def _killed_run(feeds, out, *, kill_at, event, sig, limit=300):
    """Send ``sig`` ``kill_at`` seconds after ``event``: the phase it hit, the exit code."""
    proc, start, origin = _start(feeds, out), time.monotonic(), None
    while proc.poll() is None and time.monotonic() - start < limit:
        if origin is None and EVENTS[event](out):
            origin = time.monotonic()
        if origin is not None and time.monotonic() - origin >= kill_at:
            phase = _phase(out)
            proc.send_signal(sig)
            proc.communicate(timeout=limit)
            return phase, proc.returncode
        time.sleep(0.01)
    proc.communicate(timeout=limit)
    return "after the end", proc.returncode


def _phase(out):
    """Where a run stood when it was killed: by the files it had written."""
    journal = out / "ingest-journal.jsonl"
    if (out / "watch-state.json").exists():
        return "state written"
    if not (out / "watch-pending.json").exists():
        return "polling (no pending file yet)"
    entries = sum(1 for line in journal.read_text().splitlines() if '"digest"' in line) if journal.exists() else 0
    return f"ingesting ({entries} articles journalled)"


def _stored_urls(out):
    from geokg.graph.query.sparql import run_query
    from geokg.graph.store import open_store

    with open_store(out / "store", read_only=True) as st:
        rows = run_query(st, "SELECT DISTINCT ?u WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> ; "
                             "<https://schema.org/url> ?u } }").rows
    return {str(r[0]) for r in rows}


def test_kill_and_restart_loses_and_duplicates_nothing(tmp_path, feed_server):
    feeds, expected = _setup(feed_server)
    code, full, err, events = _full_run(feeds, tmp_path / "reference")
    assert code == 0, err
    assert count_articles(tmp_path / "reference") == (len(expected), len(expected))
    rng = random.Random(SEED)
    outcomes = []
    for trial in range(TRIALS):
        out = tmp_path / f"trial{trial}"
        event = ("start", "start", "pending", "pending", "pending", "pending", "journal", "journal", "journal",
                 "journal")[trial]
        kill_at = rng.uniform(0, full - events[event])
        sig = rng.choice([signal.SIGTERM, signal.SIGKILL])
        phase, code = _killed_run(feeds, out, kill_at=kill_at, event=event, sig=sig)
        pending = (out / "watch-pending.json").exists()
        code2, _, err2, _ = _full_run(feeds, out)
        assert code2 == 0, err2
        distinct, rows = count_articles(out)
        urls = _stored_urls(out)
        outcomes.append({"trial": trial, "signal": sig.name, "at": round(kill_at, 2),
                         "from": event, "phase": phase, "exit": code,
                         "left_pending": pending,
                         "articles": distinct, "rows": rows})
        assert (distinct, rows) == (len(expected), len(expected)), outcomes[-1]
        assert urls == expected, outcomes[-1]
        code3, _, _, _ = _full_run(feeds, out)  # and a third run finds nothing new
        last = json.loads((out / "watch-log.jsonl").read_text().splitlines()[-1])
        assert code3 == 0 and last["new"] == 0 and count_articles(out) == (distinct, rows)
    print(f"\nreference run {full:.1f} s, events {events}; kills:", *outcomes, sep="\n")
