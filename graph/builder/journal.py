"""The ingest journal: which articles a store already holds, so a build can resume.

A :class:`Journal` is an append-only JSON Lines file (``ingest-journal.jsonl``
in the build's output folder).  Its first line names the store it describes;
every other line records one article committed to that store, with a digest
of the article's content and of the pipeline that processed it::

    {"geokg-journal": 1, "store": "geokg-out/store"}
    {"id": "9c1d0f4e2b7a6c55", "digest": "3f2a..."}

:func:`~geokg.graph.builder.run.build` appends a batch's lines only *after* the
batch is committed to the store, and fsyncs them, so a crash can lose journal
lines (those articles are simply processed again) but never records an
article the store does not hold.  A torn last line (a crash in the middle of a
write) is dropped when the journal is opened; so is any line that is not a
valid entry.  A journal written for another store is started afresh.

Before a non-atomic (bulk) write, the batch's ids are noted in a
``{"begin": [...]}`` line; ids begun but never recorded are
:attr:`Journal.incomplete`, and a build drops their graphs first, so a crash
never leaves a half-written article behind.

Examples
--------
>>> import tempfile, pathlib
>>> from geokg.ingest.records import Article
>>> path = pathlib.Path(tempfile.mkdtemp()) / JOURNAL_NAME
>>> art = Article.create(title="Talks resume", text="Both sides met.", url="https://x.test/a")
>>> digest = article_digest(art, salt="en_core_web_sm 3.8.0")
>>> with Journal(path, store="out/store") as j:
...     j.record([(art.id, digest)])
>>> with Journal(path, store="out/store") as j:
...     j.done(art.id, digest), j.done(art.id, "changed"), len(j)
(True, False, 1)
>>> with path.open("a") as fh:                          # a crash in mid-write
...     _ = fh.write('{"id": "torn')
>>> with Journal(path, store="out/store") as j:
...     j.done(art.id, digest), j.dropped
(True, 1)
>>> with Journal(path, store="out/store", fresh=True) as j:
...     len(j)
0
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from geokg.ingest.records import Article

__all__ = ["JOURNAL_NAME", "JOURNAL_VERSION", "Journal", "article_digest"]

#: File name of the journal in a build's output folder.
JOURNAL_NAME = "ingest-journal.jsonl"
#: Format version written in the journal's header line.
JOURNAL_VERSION = 1


def article_digest(article: Article, *, salt: str = "") -> str:
    """A digest of everything about ``article`` that reaches its graph, plus ``salt``.

    ``salt`` names the pipeline (model, model version, geokg version) so that
    another model re-ingests every article.  Where the article was read from
    (``origin``) is left out: moving a file does not change its graph.

    Examples
    --------
    >>> a = Article.create(title="T", text="Body.", url="https://x.test/a")
    >>> moved = Article.create(title="T", text="Body.", url="https://x.test/a", origin="b.md")
    >>> article_digest(a) == article_digest(moved)
    True
    >>> article_digest(a) == article_digest(Article.create(title="T", text="Changed.", url="https://x.test/a"))
    False
    >>> len(article_digest(a, salt="m 1"))
    32
    """
    fields = (salt, article.id, article.title, article.text, article.url, article.source,
              article.published.isoformat() if article.published else None, article.language)
    h = hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:32]


class Journal:
    """An append-only record of the articles committed to one store.

    Parameters
    ----------
    path
        The journal file (created with its folder when missing).
    store
        Location of the store it describes; a journal written for another
        store is started afresh (:attr:`reset` says why).
    fresh
        Ignore what the file holds and start it afresh.

    Attributes
    ----------
    dropped
        Lines ignored when opening: a torn last line, or lines that are not
        entries.
    reset
        Why the file's previous content was discarded, or ``None``.
    incomplete
        Ids of articles whose non-atomic write began (:meth:`begin`) but was
        never recorded: their graphs may be half-written.
    """

    def __init__(self, path: str | os.PathLike[str], *, store: str | None = None, fresh: bool = False) -> None:
        self.path = Path(path)
        self.store = store
        self.dropped = 0
        self.reset: str | None = "fresh start asked for" if fresh else None
        self.incomplete: frozenset[str] = frozenset()
        self._done: dict[str, str] = {}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keep = 0 if fresh else self._load()
        with open(self.path, "ab") as fh:  # drop a torn tail / stale content
            fh.truncate(keep)
        self._fh = open(self.path, "ab")
        if keep == 0:
            header = {"geokg-journal": JOURNAL_VERSION, "store": store}
            self._write([json.dumps(header, ensure_ascii=False)])

    def _load(self) -> int:
        """Read the entries; return how many bytes of the file to keep."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return 0
        end = data.rfind(b"\n") + 1
        if end < len(data):
            self.dropped += 1  # torn last line
        lines = data[:end].split(b"\n")[:-1]
        try:
            header = json.loads(lines[0]) if lines else None
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("geokg-journal") != JOURNAL_VERSION:
            self.reset = "not a geokg journal" if lines else None
            return 0
        if header.get("store") != self.store:
            self.reset = f"written for store {header.get('store')!r}"
            return 0
        begun: set[str] = set()
        for line in lines[1:]:
            try:
                entry = json.loads(line)
                if isinstance(entry, dict) and isinstance(entry.get("begin"), list):
                    begun.update(str(i) for i in entry["begin"])
                    continue
                article_id, digest = entry["id"], entry["digest"]
            except (ValueError, KeyError, TypeError):
                self.dropped += 1
                continue
            if isinstance(article_id, str) and isinstance(digest, str):
                self._done[article_id] = digest
                begun.discard(article_id)
            else:
                self.dropped += 1
        self.incomplete = frozenset(begun)
        return end

    def done(self, article_id: str, digest: str) -> bool:
        """Whether ``article_id`` was committed with this ``digest``."""
        return self._done.get(article_id) == digest

    def __len__(self) -> int:
        return len(self._done)

    def begin(self, article_ids: Iterable[str]) -> None:
        """Note (fsynced) that a non-atomic write of these articles starts.

        If no entry follows for an article (a crash in mid-write), the next
        :class:`Journal` on this file lists it in :attr:`incomplete`, and the
        build drops its possibly half-written graph before anything else.
        """
        ids = list(article_ids)
        if ids:
            self._write([json.dumps({"begin": ids})])

    def record(self, entries: Iterable[tuple[str, str]]) -> None:
        """Append ``(article id, digest)`` entries and fsync them (call after the commit)."""
        lines = []
        for article_id, digest in entries:
            self._done[article_id] = digest
            lines.append(json.dumps({"id": article_id, "digest": digest}))
        if lines:
            self._write(lines)

    def _write(self, lines: list[str]) -> None:
        self._fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the file."""
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
