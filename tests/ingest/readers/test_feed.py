"""Tests for the RSS/Atom reader (feed.v1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from geokg.ingest.readers import parse_feed, read_feed
from geokg.ingest.records import Article, ReadError

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "readers"


def test_rss_with_content_encoded_and_a_broken_entry() -> None:
    path = str(FIX / "feed.rss")
    recs = list(read_feed(path))
    assert [r.origin for r in recs] == [f"{path}#item1", f"{path}#item2", f"{path}#item3"]
    first, broken, summary_only = recs
    assert isinstance(first, Article)
    assert first.title == "Bridge talks make progress"
    # content:encoded wins over the description; HTML becomes paragraphs; scripts dropped
    assert first.text == (
        "Engineers from Arvenia and Belmora agreed on a design for the new bridge."
        "\n\nConstruction could start next year."
    )
    assert first.url == "https://wire.example/bridge"
    assert first.source == "Example Wire: Region"
    assert first.published == date(2025, 3, 4)  # the date as written (-0500), not UTC
    assert first.language == "en"
    assert broken == ReadError(f"{path}#item2", "no text (entry has no content or summary)")
    assert isinstance(summary_only, Article)
    assert summary_only.text == "The summary is the text when there is no content."
    assert summary_only.published == date(2025, 3, 6)


def test_atom_feed() -> None:
    [a] = list(read_feed(str(FIX / "feed.atom")))
    assert isinstance(a, Article)
    assert a.title == "Election date set"
    assert a.text == "Belmora will hold a general election in October."
    assert a.url == "https://herald.example/election"
    assert a.source == "Valley Herald"
    assert a.published == date(2025, 7, 2)  # from <updated>: no <published>


def test_xml_that_is_not_a_feed() -> None:
    path = str(FIX / "notfeed.xml")
    [r] = list(read_feed(path))
    assert isinstance(r, ReadError)
    assert r.origin == path and r.reason.startswith("not an RSS or Atom feed")


def test_html_and_garbage_are_not_feeds() -> None:
    [r1] = list(parse_feed(b"<html><body><p>A page.</p></body></html>", "p.xml"))
    [r2] = list(parse_feed(b"just some words", "w.rss"))
    assert r1.reason.startswith("not an RSS or Atom feed")  # type: ignore[union-attr]
    assert r2.reason.startswith("not an RSS or Atom feed")  # type: ignore[union-attr]


def test_feed_without_entries() -> None:
    rss = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert list(parse_feed(rss, "q.rss")) == [ReadError("q.rss", "feed has no entries")]


def test_empty_and_binary_feed_files(tmp_path: Path) -> None:
    e = tmp_path / "e.xml"
    e.write_bytes(b"")
    b = tmp_path / "b.atom"
    b.write_bytes(bytes(range(256)))
    assert list(read_feed(str(e))) == [ReadError(str(e), "empty")]
    assert list(read_feed(str(b))) == [ReadError(str(b), "looks like binary data")]


def test_truncated_feed_keeps_complete_entries() -> None:
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>'
        b"<item><title>Whole</title><description>Complete entry text.</description></item>"
        b"<item><title>Cut off</title><description>Half an ent"
    )
    recs = list(parse_feed(rss, "cut.xml"))
    assert isinstance(recs[0], Article) and recs[0].text == "Complete entry text."
    assert all(r.origin.startswith("cut.xml#item") for r in recs)


def test_entry_source_and_plain_text_content() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Aggregator</title>
    <entry><title type="html">Rates &lt;b&gt;held&lt;/b&gt;</title><id>x</id>
    <source><title>Original Paper</title></source>
    <published>2025-08-01T00:30:00+03:00</published>
    <content type="text">Rates 5 &lt; 6 stayed unchanged.</content></entry></feed>"""
    [a] = list(parse_feed(atom, "agg.atom"))
    assert isinstance(a, Article)
    assert a.title == "Rates held"
    assert a.text == "Rates 5 < 6 stayed unchanged."
    assert a.source == "Original Paper"
    assert a.published == date(2025, 8, 1)


def test_entry_links_are_resolved_and_kept_to_http() -> None:
    from geokg.ingest.readers.feed import entry_links

    rss = (b'<rss version="2.0"><channel><title>W</title>'
           b"<item><link>/a</link></item><item><link>/a</link></item>"
           b"<item><link>javascript:alert(1)</link></item><item><link>file:///etc/passwd</link></item>"
           b"<item><link>http://[::1]:8080/x</link></item><item><title>no link</title></item></channel></rss>")
    assert entry_links(rss, "https://wire.test/feed.xml") == ["https://wire.test/a", "http://[::1]:8080/x"]
    assert entry_links(b"not a feed") == []
