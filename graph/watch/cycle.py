"""One watch cycle: poll, fetch, de-duplicate, then ingest through the build.

:class:`Watcher` keeps the state (:mod:`geokg.graph.watch.state`) and the
near-duplicate index of one output folder.  :meth:`Watcher.cycle`:

1. applies a pending cycle a previous run left (a kill, a SIGTERM, a failed
   build), so nothing decided is lost;
2. polls every source not in backoff (conditional GET, one request at a time
   per host, a few hosts at once);
3. keeps the items whose canonical URL is new, fetches their pages and builds
   their articles (page text, else the feed's summary);
4. de-duplicates them in feed order: the same canonical URL, the same words
   (content hash), or a near-duplicate text (MinHash, :mod:`~geokg.graph.watch.neardup`):
   a syndicated copy becomes one more source of the article first stored;
5. writes the decisions as the pending file, then applies it: the copies'
   source lists (:mod:`~geokg.graph.watch.syndication`), the new articles
   through :func:`geokg.graph.builder.run.build` (journal, one named graph per
   article, HTML outputs refreshed), the new state, one line of the log
   ``watch-log.jsonl``; then deletes the pending file.

Articles are marked seen only in the state written after the build, and a
re-run of a pending cycle is idempotent (the journal skips what is stored), so
a kill at any point neither loses nor duplicates an article.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokg.graph.watch.fetching import HostGate, backoff_delay
from geokg.graph.watch.neardup import (
    NearDupIndex,
    content_hash,
    decode_signature,
    encode_signature,
    signature,
)
from geokg.graph.watch.poll import (
    FeedItem,
    FeedPoll,
    Fetched,
    expand_sources,
    fetch_article,
    poll_feed,
)
from geokg.graph.watch.state import (
    LOG_NAME,
    PENDING_NAME,
    STATE_NAME,
    WatchState,
    atomic_write,
    read_pending,
)
from geokg.ingest.records import Article

if TYPE_CHECKING:  # pragma: no cover
    from geokg.ingest.pipeline import Pipeline

__all__ = ["INBOX_NAME", "CycleReport", "WatchOptions", "Watcher"]

#: The articles of the cycle being applied, as JSON Lines (the build's input).
INBOX_NAME = "watch-inbox.jsonl"


@dataclass(frozen=True)
class WatchOptions:
    """How a watcher polls and fetches.

    Parameters
    ----------
    allow_private
        Let links found in feeds reach loopback and private addresses.
    delay
        Seconds between two requests to one host.
    timeout, max_bytes
        Time budget and body size cap of one fetch.
    backoff_base, backoff_cap
        A failing feed waits ``base * 2**(failures-1)`` seconds, at most ``cap``.
    threshold
        Least estimated Jaccard similarity of two texts' shingles for a duplicate.
    workers
        Fetches in flight at once (still one per host).
    max_attempts
        Cycles an item whose page and summary both fail is tried before it is given up.
    html
        Refresh ``graph.html`` (with ``graph.ttl`` and ``graph.trig``) after new articles.
    """

    allow_private: bool = False
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    backoff_base: float = 60.0
    backoff_cap: float = 6 * 3600.0
    threshold: float = 0.8
    workers: int = 4
    max_attempts: int = 3
    html: bool = True


@dataclass
class CycleReport:
    """What one cycle did (one line of ``watch-log.jsonl``)."""

    cycle: int = 0
    started: str = ""
    seconds: float = 0.0
    feeds: int = 0
    not_modified: int = 0
    feeds_failed: int = 0
    backoff: int = 0
    known: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    recovered: int = 0
    ingest_seconds: float = 0.0
    articles: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def status_line(self) -> str:
        """One line for people.

        Examples
        --------
        >>> CycleReport(cycle=2, feeds=3, not_modified=1, new=2, duplicate=1).status_line()
        'cycle 2: 3 feeds polled (1 not modified, 0 failed, 0 in backoff) · new 2 · duplicate 1 · failed 0'
        """
        line = (f"cycle {self.cycle}: {self.feeds} feeds polled ({self.not_modified} not modified, "
                f"{self.feeds_failed} failed, {self.backoff} in backoff) · new {self.new} · "
                f"duplicate {self.duplicate} · failed {self.failed}")
        return line + (f" · {self.recovered} recovered from an interrupted cycle" if self.recovered else "")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(article: Article) -> dict[str, Any]:
    return {"title": article.title, "text": article.text, "url": article.url, "source": article.source,
            "date": article.published.isoformat() if article.published else None, "language": article.language}


class Watcher:
    """Polls ``sources`` into the graph in ``out`` (see the module docstring).

    Parameters
    ----------
    sources
        Feed URLs, page URLs, feed files, URL-list files.
    out
        The output folder (store, journal, HTML, state, log).
    pipeline
        The spaCy pipeline for the build; default: created on first need
        with ``pipeline_factory`` (so a cycle with nothing new loads no model).
    """

    def __init__(self, sources: list[str], out: str | Path, *, options: WatchOptions = WatchOptions(),
                 pipeline: Pipeline | None = None,
                 pipeline_factory: Callable[[], Pipeline] | None = None) -> None:
        from geokg.ingest.readers.netpolicy import AddressPolicy

        self.sources = list(sources)
        self.out = Path(out)
        self.options = options
        self.policy = AddressPolicy(allow_private=options.allow_private)
        self.gate = HostGate(options.delay)
        self._pipeline = pipeline
        self._factory = pipeline_factory
        self.state_path = self.out / STATE_NAME
        self.pending_path = self.out / PENDING_NAME
        self.log_path = self.out / LOG_NAME
        self.out.mkdir(parents=True, exist_ok=True)
        self._reload()

    # ------------------------------------------------------------ state
    def _reload(self) -> None:
        self.state = WatchState.load(self.state_path)
        self.index = NearDupIndex(self.options.threshold)
        for article_id, info in sorted(self.state.articles.items()):
            if info.get("signature"):
                self.index.add(article_id, decode_signature(info["signature"]))

    def pipeline(self) -> Pipeline:
        """The pipeline, created on first use."""
        if self._pipeline is None:
            if self._factory is not None:
                self._pipeline = self._factory()
            else:
                from geokg.ingest.pipeline import Pipeline

                self._pipeline = Pipeline.create()
        return self._pipeline

    # ------------------------------------------------------------ cycle
    def cycle(self) -> CycleReport:
        """Run one cycle (recovering an interrupted one first); return its report."""
        try:
            recovered = self.recover()
            report, rows, sources, new_state = self._decide()
            report.recovered = recovered
            if rows or sources:
                pending = {"articles": rows, "sources": sources, "state": new_state.to_dict(), "log": asdict(report)}
                atomic_write(self.pending_path, json.dumps(pending, ensure_ascii=False))
                return self._apply(pending)
            self.state = new_state
            self.state.save(self.state_path)
            self._log(asdict(report))
            return report
        except Exception:
            self._reload()  # the index may hold this cycle's uncommitted signatures
            raise

    def recover(self) -> int:
        """Apply the pending cycle a previous run left, if any; the number of its articles."""
        pending = read_pending(self.pending_path)
        if pending is None:
            return 0
        self._apply(pending)
        return len(pending["articles"])

    def _poll_all(self, feeds: list[str], report: CycleReport, new_state: WatchState) -> list[FeedPoll]:
        now = time.time()
        due = []
        for feed in feeds:
            info = new_state.feeds.setdefault(feed, {})
            if info.get("retry_at", 0) > now:
                report.backoff += 1
                continue
            due.append(feed)
        opts = self.options
        with ThreadPoolExecutor(max_workers=max(1, opts.workers)) as pool:
            polls = list(pool.map(lambda f: poll_feed(f, dict(new_state.feeds[f]), policy=self.policy,
                                                      gate=self.gate, timeout=opts.timeout,
                                                      max_bytes=opts.max_bytes), due))
        for poll in polls:
            info = new_state.feeds[poll.feed]
            report.feeds += 1
            if poll.status == "failed":
                report.feeds_failed += 1
                report.failures.append({"url": poll.feed, "reason": poll.error, "kind": "feed"})
                info["failures"] = int(info.get("failures", 0)) + 1
                info["retry_at"] = now + backoff_delay(info["failures"], base=opts.backoff_base, cap=opts.backoff_cap)
                info["error"] = poll.error
                continue
            report.not_modified += poll.status == "not-modified"
            info.update(failures=0, retry_at=0, error=None, etag=poll.etag, last_modified=poll.last_modified)
        return polls

    def _fresh_items(self, polls: list[FeedPoll], report: CycleReport, new_state: WatchState) -> list[FeedItem]:
        fresh: list[FeedItem] = []
        taken: dict[str, str] = {}
        for poll in polls:
            for item in poll.items:
                seen = new_state.seen.get(item.url)
                if item.url in taken or (seen is not None and item.feed not in seen.get("feeds", [])):
                    report.duplicate += 1
                    report.duplicates.append({"url": item.link or item.url, "feed": item.feed, "why": "same URL",
                                              "of": seen.get("article") if seen else taken[item.url]})
                    if seen is not None:
                        seen.setdefault("feeds", []).append(item.feed)
                    else:  # noted once the first copy is placed
                        self._also_listed.append((item.url, item.feed))
                    continue
                if seen is not None:
                    report.known += 1
                    continue
                taken[item.url] = item.feed
                fresh.append(item)
        return fresh

    def _fetch_all(self, items: list[FeedItem]) -> list[Fetched]:
        opts = self.options
        with ThreadPoolExecutor(max_workers=max(1, opts.workers)) as pool:
            return list(pool.map(lambda i: fetch_article(i, policy=self.policy, gate=self.gate,
                                                         timeout=opts.timeout, max_bytes=opts.max_bytes), items))

    def _decide(self) -> tuple[CycleReport, list[dict[str, Any]], dict[str, list[list[str | None]]], WatchState]:
        """Poll, fetch and de-duplicate: the report, the inbox rows, the changed source lists, the new state."""
        started = time.perf_counter()
        new_state = self.state.copy()
        new_state.cycle += 1
        report = CycleReport(cycle=new_state.cycle, started=_now())
        self._also_listed: list[tuple[str, str]] = []
        feeds, errors = expand_sources(self.sources)
        report.failures += [{"url": e.origin, "reason": e.reason, "kind": "source"} for e in errors]
        polls = self._poll_all(feeds, report, new_state)
        fetched = self._fetch_all(self._fresh_items(polls, report, new_state))
        rows: list[dict[str, Any]] = []
        sources: dict[str, list[list[str | None]]] = {}
        retry_feeds: set[str] = set()
        for got in fetched:
            if got.article is None:
                retry_feeds |= self._failed_item(got, report, new_state)
            else:
                self._place(got, report, new_state, rows, sources)
        for url, feed in self._also_listed:  # so that the next cycle knows them
            if url in new_state.seen:
                new_state.seen[url]["feeds"].append(feed)
        for feed in retry_feeds:  # the next poll must list those items again
            new_state.feeds[feed].update(etag=None, last_modified=None)
        report.seconds = round(time.perf_counter() - started, 3)
        return report, rows, sources, new_state

    def _failed_item(self, got: Fetched, report: CycleReport, new_state: WatchState) -> set[str]:
        item = got.item
        entry = new_state.retries.setdefault(item.url, {"attempts": 0})
        entry.update(attempts=entry["attempts"] + 1, reason=got.reason)
        report.failed += 1
        gave_up = entry["attempts"] >= self.options.max_attempts
        report.failures.append({"url": item.link or item.url, "reason": got.reason, "kind": "item",
                                "attempt": entry["attempts"], "gave_up": gave_up})
        if gave_up:
            new_state.seen[item.url] = {"status": "failed", "article": None, "feeds": [item.feed],
                                        "reason": got.reason}
            del new_state.retries[item.url]
            return set()
        return {item.feed}

    def _place(self, got: Fetched, report: CycleReport, new_state: WatchState,
               rows: list[dict[str, Any]], sources: dict[str, list[list[str | None]]]) -> None:
        article, item = got.article, got.item
        assert article is not None
        new_state.retries.pop(item.url, None)
        digest = content_hash(article.text)
        sig = signature(article.text)
        rep = new_state.hashes.get(digest)
        why = "same text"
        if rep is None:
            rep, why = self.index.match(sig), "near-duplicate text"
        if rep is not None and rep != article.id:
            info = new_state.articles[rep]
            if not any(u == article.url for u, _ in info["sources"]):
                info["sources"].append([article.url, article.source])
                sources[rep] = info["sources"]
            new_state.seen[item.url] = {"status": "duplicate", "article": rep, "feeds": [item.feed]}
            report.duplicate += 1
            report.duplicates.append({"url": item.link or item.url, "feed": item.feed, "why": why, "of": rep})
            return
        new_state.seen[item.url] = {"status": "ingested", "article": article.id, "feeds": [item.feed]}
        new_state.hashes[digest] = article.id
        new_state.articles[article.id] = {"url": article.url, "signature": encode_signature(sig),
                                          "sources": [[article.url, article.source]], "inbox": len(rows) + 1}
        self.index.add(article.id, sig)
        rows.append(_row(article))
        report.new += 1
        report.articles.append({"id": article.id, "url": article.url, "via": got.via, "title": article.title})
        if got.reason:
            report.failures.append({"url": item.link or item.url, "reason": got.reason + " (used the feed summary)",
                                    "kind": "page"})

    # ------------------------------------------------------------ apply
    def _apply(self, pending: dict[str, Any]) -> CycleReport:
        from geokg.graph.builder.run import build
        from geokg.graph.watch.syndication import write_sources

        state = WatchState.from_dict(pending["state"])
        log = dict(pending["log"] or {})
        multi = {aid: srcs for aid, srcs in pending["sources"].items() if len(srcs) > 1}
        if multi:
            write_sources(str(self.out / "store"), multi)
        if pending["articles"]:
            inbox = self.out / INBOX_NAME
            atomic_write(inbox, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pending["articles"]))
            started = time.perf_counter()
            result = build([str(inbox)], self.out, pipeline=self.pipeline(), html=self.options.html)
            log["ingest_seconds"] = round(time.perf_counter() - started, 3)
            self._refused(result.errors, state, log)
        self.state = state
        state.save(self.state_path)
        self._log(log)
        self.pending_path.unlink(missing_ok=True)
        (self.out / INBOX_NAME).unlink(missing_ok=True)
        self._reload()
        report = CycleReport(**{k: v for k, v in log.items() if k in CycleReport.__dataclass_fields__})
        return report

    def _refused(self, errors: list[Any], state: WatchState, log: dict[str, Any]) -> None:
        """Articles the build refused (not English, too long...): failed, not stored."""
        by_line = {info.get("inbox"): aid for aid, info in state.articles.items() if info.get("inbox")}
        for err in errors:
            origin = str(err.origin)
            line = int(origin.rsplit("#L", 1)[1]) if "#L" in origin else None
            aid = by_line.get(line)
            if aid is None:
                continue
            info = state.articles.pop(aid)
            state.hashes = {h: a for h, a in state.hashes.items() if a != aid}
            for seen in state.seen.values():
                if seen.get("article") == aid:
                    seen.update(status="failed", reason=err.reason)
            log.setdefault("failures", []).append({"url": info["url"], "reason": err.reason, "kind": "build"})
            log["new"] = log.get("new", 1) - 1
            log["failed"] = log.get("failed", 0) + 1
        for info in state.articles.values():
            info.pop("inbox", None)

    def _log(self, entry: dict[str, Any]) -> None:
        """Append the cycle's line to the log, once (a re-applied cycle is not logged twice)."""
        if not entry:
            return
        try:
            with open(self.log_path, "rb") as fh:
                fh.seek(max(0, fh.seek(0, 2) - 1_000_000))  # the last line is enough
                data = fh.read()
        except FileNotFoundError:
            data = b""
        lines = data.splitlines()
        try:
            last = json.loads(lines[-1]) if lines else {}
        except ValueError:  # a line torn by a kill
            last = {}
        if last.get("cycle") == entry.get("cycle") and last.get("started") == entry.get("started"):
            return
        torn = bool(data) and not data.endswith(b"\n")
        with open(self.log_path, "a", encoding="utf-8") as fh:
            fh.write(("\n" if torn else "") + json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
