"""Tests for iter_articles / read_article, the reader registry and byte decoding."""

from __future__ import annotations

import codecs
import doctest
import importlib
import time
from pathlib import Path
from typing import Iterator

import geokg.ingest.readers as readers
import pytest
from geokg.ingest.readers import (
    READERS,
    SUFFIXES,
    SourceError,
    decode_bytes,
    iter_articles,
    read_article,
    reader_for,
)
from geokg.ingest.readers.base import ReadOptions
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"
MODULES = [
    "geokg.ingest.readers",
    "geokg.ingest.readers.base",
    "geokg.ingest.readers.plaintext",
    "geokg.ingest.readers.markdown",
    "geokg.ingest.readers.htmltext",
    "geokg.ingest.readers.htmlpage",
    "geokg.ingest.readers.jsonl",
    "geokg.ingest.readers.csvfile",
    "geokg.ingest.readers.feed",
    "geokg.ingest.readers.url",
    "geokg.ingest.readers.sources",
]

BODY = "Talks between the two delegations resumed on Monday in the capital."


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0


def test_public_api_is_exported() -> None:
    for name in readers.__all__:
        assert hasattr(readers, name), name
    assert {"iter_articles", "read_article", "READERS", "SUFFIXES"} <= set(readers.__all__)


def test_registry_names_and_suffixes() -> None:
    assert READERS.names() == [
        "csv.v1", "feed.v1", "html.v1", "jsonl.v1", "markdown.v1", "text.v1", "url.v1",
    ]
    assert set(SUFFIXES.values()) <= set(READERS.names())
    for suffix in (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson",
                   ".csv", ".tsv", ".xml", ".rss", ".atom"):
        assert suffix in SUFFIXES
    with pytest.raises(TypeError):
        SUFFIXES[".pdf"] = "pdf.v1"  # type: ignore[index]
    assert reader_for("A.HTM") == "html.v1" and reader_for("x.docx") is None


# --- decoding --------------------------------------------------------------------------------


def test_decode_utf8_latin1_and_boms() -> None:
    s = "Señal: reunión en Bogotá — «acuerdo» terminó sin firma."
    assert decode_bytes(s.encode("utf-8")) == s
    assert decode_bytes(codecs.BOM_UTF8 + s.encode("utf-8")) == s
    assert decode_bytes(s.encode("utf-16")) == s  # BOM included by Python
    assert decode_bytes(codecs.BOM_UTF16_BE + s.encode("utf-16-be")) == s
    assert decode_bytes(s.encode("utf-32")) == s
    latin = "La reunión en Bogotá terminó sin acuerdo; el señor ministro habló después."
    assert decode_bytes(latin.encode("latin-1")) == latin
    assert decode_bytes("Переговоры возобновились в понедельник в Москве.".encode("cp1251")) == (
        "Переговоры возобновились в понедельник в Москве."
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00\x00",
        bytes(range(256)) * 4,
        b"text with a NUL\x00 inside",
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 10,
    ],
)
def test_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(SourceError, match="looks like binary data"):
        decode_bytes(data)


def test_decode_empty() -> None:
    with pytest.raises(SourceError, match="empty"):
        decode_bytes(b"")


# --- iter_articles: files ------------------------------------------------------------------------


def test_special_files_through_iter_articles(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Acuerdo en Bogotá\n\nLa reunión terminó con un acuerdo firmado por ambas partes.".encode("latin-1"))
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("# Vertrag unterzeichnet\n\nDie Delegationen unterzeichneten in München.".encode("utf-16"))
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    recs = list(iter_articles([latin, utf16, binary, empty]))
    a, b, c, d = recs
    assert isinstance(a, Article) and a.title == "Acuerdo en Bogotá" and "reunión terminó" in a.text
    assert isinstance(b, Article) and b.title == "Vertrag unterzeichnet" and "München" in b.text
    assert c == ReadError(str(binary), "looks like binary data")
    assert d == ReadError(str(empty), "empty")


def test_missing_path_and_unsupported_suffix(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    missing = tmp_path / "nope.txt"
    recs = list(iter_articles([missing, pdf]))
    assert recs[0] == ReadError(str(missing), "no such file or directory")
    assert isinstance(recs[1], ReadError) and recs[1].origin == str(pdf)
    assert recs[1].reason.startswith("unsupported format '.pdf'")


def test_explicit_readme_is_read(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Notes\n\n{BODY}\n")
    [a] = read_article(readme)
    assert isinstance(a, Article) and a.title == "Notes"


def test_single_string_source_is_not_split_into_characters() -> None:
    recs = list(iter_articles(str(FIX / "front.txt")))
    assert len(recs) == 1 and isinstance(recs[0], Article)


def test_non_path_sources() -> None:
    recs = list(iter_articles([None, 42, ""]))  # type: ignore[list-item]
    assert [r.reason for r in recs] == [  # type: ignore[union-attr]
        "not a path or URL (NoneType)", "not a path or URL (int)", "empty source name",
    ]


def test_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(fifo)
    assert list(iter_articles([fifo])) == [ReadError(str(fifo), "not a regular file")]


# --- iter_articles: directories and globs -------------------------------------------------------------


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text(f"Second title\n\n{BODY}")
    (tmp_path / "a.md").write_text(f"# First title\n\n{BODY}")
    (tmp_path / "README.md").write_text(f"# Readme\n\n{BODY}")
    (tmp_path / "FACTS.md").write_text(f"# Facts\n\n{BODY}")
    (tmp_path / "readme.md").write_text(f"# Lower-case readme is an article\n\n{BODY}")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".draft.txt").write_text(f"Hidden\n\n{BODY}")
    (tmp_path / ".hidden" / "c.txt").write_text(f"Hidden dir\n\n{BODY}")
    (tmp_path / "sub" / "c.jsonl").write_text(f'{{"title": "Third title", "text": "{BODY}"}}\n')
    (tmp_path / "sub" / "deeper" / "d.txt").write_text(f"Fourth title\n\n{BODY}")
    (tmp_path / "sub" / "README.md").write_text("# Sub readme\n\nSkipped too.")
    return tmp_path


def titles(recs: list[Article | ReadError]) -> list[str]:
    return [r.title if isinstance(r, Article) else f"ERR {r.reason}" for r in recs]


def test_directory_walk_sorted_recursive_and_skips(corpus: Path) -> None:
    recs = list(iter_articles([corpus]))
    assert titles(recs) == [
        "First title", "Second title", "Lower-case readme is an article", "Third title", "Fourth title",
    ]
    assert recs[3].origin == str(corpus / "sub" / "c.jsonl") + "#L1"


def test_directory_walk_not_recursive(corpus: Path) -> None:
    recs = list(iter_articles([corpus], recursive=False))
    assert titles(recs) == ["First title", "Second title", "Lower-case readme is an article"]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "only.pdf").write_bytes(b"%PDF")
    [r] = list(iter_articles([tmp_path]))
    assert isinstance(r, ReadError) and r.reason.startswith("no files with a supported suffix")


def test_globs(corpus: Path) -> None:
    recs = list(iter_articles([str(corpus / "**" / "*.txt")]))
    assert titles(recs) == ["Second title", "Fourth title"]
    recs = list(iter_articles([str(corpus / "*.md")]))  # README.md/FACTS.md skipped in globs too
    assert titles(recs) == ["First title", "Lower-case readme is an article"]
    [none] = list(iter_articles([str(corpus / "*.rss")]))
    assert none == ReadError(str(corpus / "*.rss"), "no files match this pattern")


def test_mixed_sources_keep_going(corpus: Path) -> None:
    recs = list(iter_articles([corpus / "missing.md", corpus / "a.md", corpus / "notes.docx", FIX / "wire.jsonl"]))
    assert isinstance(recs[0], ReadError) and isinstance(recs[1], Article) and isinstance(recs[2], ReadError)
    assert sum(isinstance(r, Article) for r in recs[3:]) == 3


def test_reader_exceptions_become_read_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def explode(source: str, options: ReadOptions) -> Iterator[Article | ReadError]:
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setitem(READERS._items, "text.v1", explode)
    p = tmp_path / "x.txt"
    p.write_text("T\n\nBody.")
    assert list(iter_articles([p])) == [ReadError(str(p), "internal error in text.v1: RuntimeError: boom")]


def test_fixture_directory_is_fast_and_stable() -> None:
    t0 = time.monotonic()
    first = list(iter_articles([FIX]))
    elapsed = time.monotonic() - t0
    second = list(iter_articles([FIX]))
    assert first == second
    assert elapsed < 5
    arts = [r for r in first if isinstance(r, Article)]
    assert len({a.id for a in arts}) == len(arts)
    assert all(a.text and a.origin for a in arts)
