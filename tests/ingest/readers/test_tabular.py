"""Tests for the JSON Lines (jsonl.v1) and CSV/TSV (csv.v1) readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from geokg.ingest.readers import parse_csv, parse_jsonl, read_csv, read_jsonl
from geokg.ingest.readers.csvfile import sniff_delimiter
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"


# --- JSON Lines ---------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines() -> None:
    path = str(FIX / "wire.jsonl")
    recs = list(read_jsonl(path))
    by_origin = {r.origin: r for r in recs}
    assert [r.origin for r in recs] == [f"{path}#L{n}" for n in (1, 2, 3, 5, 6, 7)]  # L4 is blank

    a1 = by_origin[f"{path}#L1"]
    assert isinstance(a1, Article)
    assert (a1.title, a1.url, a1.source, a1.published) == (
        "Ministers meet in Calder", "https://wire.example/1", "Example Wire", date(2025, 2, 5)
    )
    a2 = by_origin[f"{path}#L2"]
    assert isinstance(a2, Article)  # "body", "published" (RFC 822), "link"
    assert a2.text == "The second meeting was postponed because of a storm."
    assert (a2.url, a2.published) == ("https://wire.example/2", date(2025, 2, 7))

    bad = by_origin[f"{path}#L3"]
    assert isinstance(bad, ReadError) and bad.reason.startswith("invalid JSON")
    notext = by_origin[f"{path}#L5"]
    assert isinstance(notext, ReadError) and notext.reason.startswith("no text")
    arr = by_origin[f"{path}#L6"]
    assert arr == ReadError(f"{path}#L6", "expected a JSON object, found list")

    a7 = by_origin[f"{path}#L7"]
    assert isinstance(a7, Article)  # keys are case-insensitive
    assert a7.title == "Upper-case keys" and a7.published == date(2025, 2, 8)


def test_jsonl_text_must_be_a_string_and_not_blank() -> None:
    recs = list(parse_jsonl('{"text": 42}\n{"text": "  \\u200b "}\n{"text": "ok", "url": 7}\n', "m.jsonl"))
    assert recs[0] == ReadError("m.jsonl#L1", "text must be a string, not int")
    assert isinstance(recs[1], ReadError) and recs[1].origin == "m.jsonl#L2"
    assert isinstance(recs[2], Article) and recs[2].url is None


def test_jsonl_crlf_and_unicode_line_separator_inside_strings() -> None:
    data = '{"title": "A", "text": "one\u2028two"}\r\n{"title": "B", "text": "three"}\r\n'
    recs = list(parse_jsonl(data, "u.jsonl"))
    assert [r.title for r in recs if isinstance(r, Article)] == ["A", "B"]
    assert recs[0].text == "one\ntwo"  # type: ignore[union-attr]


def test_jsonl_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "e.ndjson"
    p.write_bytes(b"\n\n")
    assert list(read_jsonl(str(p))) == [ReadError(str(p), "empty")]


def test_jsonl_latin1_file_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "l.jsonl"
    p.write_bytes('{"title": "Se\u00f1al", "text": "La reuni\u00f3n en Bogot\u00e1 termin\u00f3 sin acuerdo."}\n'.encode("latin-1"))
    [a] = list(read_jsonl(str(p)))
    assert isinstance(a, Article)
    assert a.title == "Señal" and "reunión en Bogotá terminó" in a.text


# --- CSV / TSV -------------------------------------------------------------------------------


def test_csv_rows_and_bad_rows() -> None:
    path = str(FIX / "wire.csv")
    recs = list(read_csv(path))
    assert [r.origin for r in recs] == [f"{path}#row{n}" for n in (1, 2, 3, 4)]
    a1, bad, empty, a4 = recs
    assert isinstance(a1, Article)
    assert a1.title == "Ceasefire extended"
    assert a1.text.startswith("The ceasefire in the northern valley was extended by thirty days")
    assert (a1.url, a1.source, a1.published) == ("https://wire.example/c1", "Example Wire", date(2025, 4, 1))
    assert bad == ReadError(f"{path}#row2", "expected 5 fields, found 8")
    assert isinstance(empty, ReadError) and empty.reason.startswith("no text")
    assert isinstance(a4, Article)
    assert a4.text == "Forty observers arrived in the valley.\nThey will report weekly."
    assert a4.published == date(2025, 4, 4)


def test_tsv_with_alternative_column_names() -> None:
    [a] = list(read_csv(str(FIX / "wire.tsv")))
    assert isinstance(a, Article)
    assert (a.title, a.text, a.published) == ("Harbour reopens", "The harbour reopened after repairs.", date(2025, 6, 1))


def test_csv_without_text_column() -> None:
    [r] = list(read_csv(str(FIX / "notext.csv")))
    assert isinstance(r, ReadError)
    assert r.origin == str(FIX / "notext.csv") and r.reason.startswith("no text column")
    assert "'title', 'date'" in r.reason


def test_csv_semicolons_bom_and_description_column() -> None:
    data = "\ufeffTITLE;Description;Date\nTalks;Delegates met again.;2025-01-09\n"
    [a] = list(parse_csv(data, "s.csv"))
    assert isinstance(a, Article)
    assert (a.title, a.text, a.published) == ("Talks", "Delegates met again.", date(2025, 1, 9))


def test_csv_bad_quoting_reports_the_row_and_goes_on() -> None:
    data = 'title,text\nA,"x"y\nB,Fine text.\nC,"never closed\nMore,text\n'
    recs = list(parse_csv(data, "q.csv"))
    assert [r.origin for r in recs] == ["q.csv#row1", "q.csv#row2", "q.csv#row3"]
    assert isinstance(recs[0], ReadError) and recs[0].reason.startswith("malformed CSV")
    assert isinstance(recs[1], Article) and recs[1].title == "B"
    assert recs[2] == ReadError("q.csv#row3", "malformed CSV: unexpected end of data")


def test_csv_empty_and_binary(tmp_path: Path) -> None:
    e = tmp_path / "e.csv"
    e.write_bytes(b"")
    b = tmp_path / "b.csv"
    b.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")  # a zip archive
    assert list(read_csv(str(e))) == [ReadError(str(e), "empty")]
    assert list(read_csv(str(b))) == [ReadError(str(b), "looks like binary data")]
    assert list(parse_csv("\n\n", "blank.csv")) == [ReadError("blank.csv", "empty")]


def test_sniff_delimiter() -> None:
    assert sniff_delimiter("a|b|c\n1|2|3") == "|"
    assert sniff_delimiter('title,text\n"x;y;z",1') == ","
