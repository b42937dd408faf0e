"""Tests for the plain-text (text.v1) and Markdown (markdown.v1) readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from geokg.ingest.readers import markdown_to_text, read_markdown, read_text
from geokg.ingest.readers.plaintext import MAX_TITLE, parse_document
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"


def one(records: object) -> Article | ReadError:
    recs = list(records)  # type: ignore[call-overload]
    assert len(recs) == 1
    return recs[0]


# --- plain text -------------------------------------------------------------------------


def test_txt_with_front_matter() -> None:
    a = one(read_text(str(FIX / "front.txt")))
    assert isinstance(a, Article)
    assert a.title == "Fishing quota talks stall"
    assert a.published == date(2025, 3, 4)  # "March 4, 2025"
    assert a.source == "Coastline Courier"
    assert a.url == "https://courier.example/quota-talks"
    assert a.origin == str(FIX / "front.txt")
    assert a.text.startswith("Negotiators from Arvenia")
    assert a.text.endswith("A second round could begin next month.")
    assert "\n\n" in a.text and "---" not in a.text


def test_txt_first_line_is_title_and_text_is_cleaned() -> None:
    a = one(read_text(str(FIX / "note.txt")))
    assert isinstance(a, Article)
    assert a.title == "Grain convoy reaches the capital"
    assert a.text == (
        "A convoy of forty grain trucks reached the capital of Belmora on Friday. "
        "Aid workers unloaded it overnight.\n\nThe next convoy is planned for the end of the month."
    )
    assert a.url is None and a.published is None and a.source is None
    assert a.content.startswith("Grain convoy reaches the capital\n\nA convoy")


def test_txt_empty_file() -> None:
    r = one(read_text(str(FIX / "empty.txt")))
    assert r == ReadError(str(FIX / "empty.txt"), "empty")


def test_txt_whitespace_only_is_empty(tmp_path: Path) -> None:
    p = tmp_path / "blank.txt"
    p.write_text(" \n\n\t \n")
    assert one(read_text(str(p))) == ReadError(str(p), "empty")


def test_txt_title_only_has_no_text() -> None:
    r = one(read_text(str(FIX / "headline.txt")))
    assert isinstance(r, ReadError) and r.reason == "no article text"


def test_front_matter_only_has_no_text() -> None:
    r = parse_document("---\ntitle: Empty\n---\n\n", "fm.txt")
    assert r == ReadError("fm.txt", "no article text")


def test_long_first_line_is_not_a_title() -> None:
    para = "word " * (MAX_TITLE // 4)
    a = parse_document(f"{para}\n\nSecond paragraph.", "long.txt")
    assert isinstance(a, Article)
    assert a.title == ""
    assert a.text.startswith("word word") and a.text.endswith("Second paragraph.")


def test_front_matter_title_repeated_in_body_is_dropped() -> None:
    a = parse_document("---\ntitle: Bridge opens\n---\nBridge opens\n\nCars crossed it.", "b.txt")
    assert isinstance(a, Article)
    assert (a.title, a.text) == ("Bridge opens", "Cars crossed it.")


def test_bad_front_matter_values() -> None:
    a = parse_document(
        "---\ntitle: T\ndate: sometime\nurl: not a url\n---\nBody.", "x.txt"
    )
    assert isinstance(a, Article)
    assert a.published is None and a.url is None and a.text == "Body."


def test_ids_are_stable_across_reads() -> None:
    a = one(read_text(str(FIX / "note.txt")))
    b = one(read_text(str(FIX / "note.txt")))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id
    c = one(read_text(str(FIX / "front.txt")))
    assert isinstance(c, Article)
    assert c.id == Article.create(title="other", text="other", url=c.url).id  # keyed on the URL


def test_missing_file() -> None:
    r = one(read_text("/nonexistent/dir/x.txt"))
    assert r == ReadError("/nonexistent/dir/x.txt", "no such file or directory")


# --- Markdown --------------------------------------------------------------------------


def test_markdown_with_front_matter() -> None:
    a = one(read_markdown(str(FIX / "front.md")))
    assert isinstance(a, Article)
    assert a.title == "River commission agrees on water sharing"
    assert a.published == date(2025, 3, 4)
    assert a.source == "Valley Herald"
    assert a.url == "https://herald.example/2025/03/river-commission"
    assert a.language == "en"
    t = a.text
    # the repeated "# title" heading is dropped, the markup is gone
    assert not t.startswith("River commission")
    assert "**" not in t and "*Belmora*" not in t and "Arvenia and Belmora" in t
    # soft-wrapped lines are joined; link text kept, URL and title dropped
    assert "agreed on Tuesday to share the dry-season flow" in t
    assert "according to a statement published" in t
    assert "https://herald.example/statement" not in t
    # images and code blocks removed, list items one per line
    assert "dam.png" not in t and "A dam on the Sarn" not in t and "print(" not in t
    assert "- a monthly flow report\n- an emergency hotline\n1. talks resume in June" in t
    assert t.endswith("Officials called the deal fragile but workable.")


def test_markdown_without_front_matter_setext_title() -> None:
    a = one(read_markdown(str(FIX / "plain.md")))
    assert isinstance(a, Article)
    assert a.title == "Border crossing reopens"
    assert a.text == (
        "The main crossing between Arvenia and Belmora reopened to trucks on Monday* after a "
        "two-week closure.\n\nTraders said queues stretched for several kilometres."
    )


def test_markdown_atx_title_strips_hashes(tmp_path: Path) -> None:
    p = tmp_path / "a.markdown"
    p.write_text("## Talks *resume* ##\nThe envoys met.\n", encoding="utf-8")
    a = one(read_markdown(str(p)))
    assert isinstance(a, Article)
    assert (a.title, a.text) == ("Talks resume", "The envoys met.")


@pytest.mark.parametrize(
    "md, expected",
    [
        ("# Head\nText", "Head\n\nText"),
        ("#hashtag is not a heading", "#hashtag is not a heading"),
        ("**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        ("~~struck~~ text", "struck text"),
        ("a [link](https://x.example/a_(b)) here", "a link here"),
        ("ref [link][1] here\n\n[1]: https://x.example", "ref link here"),
        ("an ![image](i.png) here", "an here"),
        ("see <https://x.example/a>", "see https://x.example/a"),
        ("raw <span class='x'>html</span><!-- note -->", "raw html"),
        ("code `a *b* [c](d)` stays", "code a *b* [c](d) stays"),
        ("escaped \\*stars\\* and \\_under\\_", "escaped *stars* and _under_"),
        ("* one\n+ two\n- three", "- one\n- two\n- three"),
        ("1) first\n2. second", "1. first\n2. second"),
        ("> quoted\n> more", "quoted more"),
        ("above\n\n---\n\nbelow", "above\n\nbelow"),
        ("~~~\nfenced\n~~~\nafter", "after"),
        ("```\nunclosed fence drops the rest", ""),
        ("| a | b |\n|:--|--:|\n| 1 | 2 |", "a | b\n1 | 2"),
        ("hard  \nbreak", "hard\nbreak"),
    ],
)
def test_markdown_to_text(md: str, expected: str) -> None:
    assert markdown_to_text(md) == expected


def test_markdown_crlf_and_nested_emphasis() -> None:
    assert markdown_to_text("***Very** important*\r\nnext line") == "Very important next line"
