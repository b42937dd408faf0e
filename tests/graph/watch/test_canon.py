"""Canonical URLs (tracking parameters, fragments, host case, ports) and --every durations."""

from __future__ import annotations

import pytest
from geokg.graph.watch.canon import canonical_url, parse_every


@pytest.mark.parametrize("raw, canonical", [
    ("https://News.Test/a?utm_source=rss&utm_medium=feed", "https://news.test/a"),
    ("https://news.test/a?id=3&fbclid=IwAR0&gclid=Cj0", "https://news.test/a?id=3"),
    ("https://news.test/a#comments", "https://news.test/a"),
    ("HTTP://news.test:80/a", "http://news.test/a"),
    ("https://news.test:443", "https://news.test/"),
    ("https://news.test:8443/a", "https://news.test:8443/a"),
    ("https://news.test/a?b=2&a=1", "https://news.test/a?b=2&a=1"),  # order kept: it may matter
    ("https://news.test/a?mc_cid=1&pk_campaign=x&msclkid=2&q=x", "https://news.test/a?q=x"),
    ("https://NEWS.test./a", "https://news.test/a"),
    ("https://[2001:DB8::1]:8080/a", "https://[2001:db8::1]:8080/a"),
])
def test_canonical_url(raw, canonical):
    assert canonical_url(raw) == canonical


def test_same_story_through_two_feeds_has_one_canonical_url():
    a = canonical_url("https://wire.test/world/story-1?utm_source=feedA")
    b = canonical_url("https://WIRE.test/world/story-1?fbclid=abc#top")
    assert a == b


def test_path_case_and_other_parameters_are_kept():
    assert canonical_url("https://w.test/Story?Page=2") == "https://w.test/Story?Page=2"
    assert canonical_url("https://w.test/a") != canonical_url("https://w.test/a/")


def test_not_a_url_is_left_alone():
    assert canonical_url("urn:geokg:entry:1") == "urn:geokg:entry:1"
    assert canonical_url("http://[bad") == "http://[bad"


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400),
                                           ("2.5m", 150), ("45", 45), (" 10 m ", 600)])
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0m", "fast", "15x", "-5m", "m15"])
def test_parse_every_refuses(text):
    with pytest.raises(ValueError, match="invalid duration"):
        parse_every(text)
