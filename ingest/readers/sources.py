"""Turn sources (files, directories, globs, URLs) into articles: ``iter_articles``.

Each source is

* an ``http://`` or ``https://`` URL — read by ``url.v1`` (any other
  ``scheme://`` is refused);
* a file — read by the reader its suffix maps to in
  :data:`~geokg.ingest.readers.base.SUFFIXES` (an unknown suffix is an
  error: the file was asked for explicitly);
* a directory — walked in sorted order (recursively by default, hidden
  files and folders skipped), reading the files with a known suffix and
  skipping files named exactly ``README.md`` or ``FACTS.md``;
* a glob pattern (``*``, ``?``, ``[``; ``**`` for any depth) — each match
  treated like a directory entry.

Nothing raises for bad input: problems come out as
:class:`~geokg.ingest.records.ReadError` records among the articles.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     _ = pathlib.Path(d, "a.txt").write_text("Strait reopens\\n\\nShips passed again.")
...     _ = pathlib.Path(d, "README.md").write_text("# Not an article\\n\\nNotes.")
...     _ = pathlib.Path(d, "notes.pdf").write_bytes(b"%PDF")
...     [a.title for a in iter_articles([d])]
['Strait reopens']
>>> [str(r) for r in iter_articles(["/no/such/dir/x.txt", "gopher://old.test/"])]
['/no/such/dir/x.txt: no such file or directory', "gopher://old.test/: unsupported URL scheme 'gopher' (only http and https)"]
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from geokg.ingest.readers.base import READERS, SUFFIXES, ReadOptions, Record
from geokg.ingest.readers.url import check_url
from geokg.ingest.records import ReadError

__all__ = ["SKIPPED_NAMES", "reader_for", "iter_articles", "read_article"]

#: File names skipped when walking directories and globs (exact, case-sensitive).
SKIPPED_NAMES = frozenset({"README.md", "FACTS.md"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_GLOB_CHARS = frozenset("*?[")


def reader_for(path: str | os.PathLike[str]) -> str | None:
    """Name of the reader for a file path (by suffix, case-insensitive), or ``None``.

    Examples
    --------
    >>> reader_for("news/a.MD"), reader_for("feed.rss"), reader_for("scan.pdf")
    ('markdown.v1', 'feed.v1', None)
    """
    return SUFFIXES.get(Path(path).suffix.lower())


def _run(name: str, source: str, options: ReadOptions) -> Iterator[Record]:
    """Run one reader, turning any unexpected exception into a ReadError."""
    try:
        yield from READERS.get(name)(source, options)
    except Exception as exc:  # a reader bug must not stop the other sources
        yield ReadError(source, f"internal error in {name}: {type(exc).__name__}: {exc}")


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") for part in parts)


def _walk(directory: str, recursive: bool) -> Iterator[Record | str]:
    """Readable files under ``directory`` (sorted), or ReadErrors for
    folders that cannot be listed."""
    errors: list[OSError] = []
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        rel = Path(root).relative_to(directory).parts
        for name in files:
            if name.startswith(".") or name in SKIPPED_NAMES or reader_for(name) is None:
                continue
            found.append(((*rel, name), os.path.join(root, name)))
    for exc in errors:
        yield ReadError(str(exc.filename or directory), f"cannot list directory: {exc.strerror or exc}")
    if not found and not errors:
        known = " ".join(sorted(SUFFIXES))
        yield ReadError(directory, f"no files with a supported suffix ({known})")
    for _, path in sorted(found):
        yield path


def _read_file(path: str, options: ReadOptions) -> Iterator[Record]:
    name = reader_for(path)
    if name is None:
        suffix = Path(path).suffix or "(none)"
        known = " ".join(sorted(SUFFIXES))
        yield ReadError(path, f"unsupported format {suffix!r} (supported: {known})")
        return
    yield from _run(name, path, options)


def _read_entries(entries: Iterable[Record | str], options: ReadOptions) -> Iterator[Record]:
    for entry in entries:
        if isinstance(entry, str):
            yield from _run(reader_for(entry) or "", entry, options)
        else:
            yield entry


def _read_source(src: object, options: ReadOptions, recursive: bool) -> Iterator[Record]:
    if isinstance(src, (bytes, os.PathLike)):
        src = os.fsdecode(src)
    if not isinstance(src, str):
        yield ReadError(repr(src), f"not a path or URL ({type(src).__name__})")
        return
    if not src.strip():
        yield ReadError(repr(src), "empty source name")
        return
    m = _SCHEME.match(src.strip())
    if m:
        url = src.strip()
        problem = check_url(url)
        if problem:
            yield ReadError(url, problem)
        else:
            yield from _run("url.v1", url, options)
        return
    path = Path(src)
    try:
        is_dir, exists, is_file = path.is_dir(), path.exists(), path.is_file()
    except OSError as exc:  # e.g. a name too long
        yield ReadError(src, f"cannot access: {exc.strerror or exc}")
        return
    if is_dir:
        yield from _read_entries(_walk(src, recursive), options)
    elif is_file:
        yield from _read_file(src, options)
    elif exists:
        yield ReadError(src, "not a regular file")
    elif _GLOB_CHARS & set(src):
        matches = sorted(glob.glob(src, recursive=True))
        if not matches:
            yield ReadError(src, "no files match this pattern")
            return
        for match in matches:
            name = os.path.basename(match)
            if os.path.isdir(match):
                yield from _read_entries(_walk(match, recursive), options)
            elif name not in SKIPPED_NAMES and reader_for(match) and os.path.isfile(match):
                yield from _run(reader_for(match) or "", match, options)
    else:
        yield ReadError(src, "no such file or directory")


def iter_articles(
    sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    recursive: bool = True,
    timeout: float = 20,
    max_bytes: int = 5_000_000,
    allow_private_addresses: bool = False,
) -> Iterator[Record]:
    """Read articles from files, directories, glob patterns and http(s) URLs.

    Parameters
    ----------
    sources
        Paths, glob patterns or URLs (a single one is accepted too).
    recursive
        Walk sub-directories of directory sources.
    timeout
        Time budget in seconds for each URL.
    max_bytes
        Largest body read from a URL.
    allow_private_addresses
        Let a URL's redirects reach loopback/private/link-local addresses
        (the URL itself is fetched as given).

    Yields
    ------
    Article or ReadError
        In source order; within a directory in sorted path order; within a
        file in file order.  Never raises for bad input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "wire.jsonl")
    ...     _ = p.write_text('{"title": "Dam deal", "text": "Both sides signed."}\\n[1]\\n')
    ...     recs = list(iter_articles([p]))
    >>> recs[0].title, recs[1].reason
    ('Dam deal', 'expected a JSON object, found list')
    """
    options = ReadOptions(timeout=float(timeout), max_bytes=int(max_bytes),
                          allow_private_addresses=allow_private_addresses)
    if isinstance(sources, (str, bytes, os.PathLike)):
        sources = [sources]  # a lone source, not an iterable of characters
    for src in sources:
        yield from _read_source(src, options, recursive)


def read_article(
    source: str | os.PathLike[str], *, timeout: float = 20, max_bytes: int = 5_000_000
) -> list[Record]:
    """All records from one source, as a list (see :func:`iter_articles`).

    Examples
    --------
    >>> read_article("missing.md")
    [ReadError(origin='missing.md', reason='no such file or directory')]
    """
    return list(iter_articles([source], timeout=timeout, max_bytes=max_bytes))
