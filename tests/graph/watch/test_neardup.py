"""Near-duplicate detection: shingles, MinHash signatures (datasketch), the LSH index."""

from __future__ import annotations

import pytest
from geokg.graph.watch.neardup import (
    NearDupIndex,
    content_hash,
    decode_signature,
    encode_signature,
    shingles,
    signature,
)
from watch_helpers import STORIES


def _text(key):
    return STORIES[key][1]


def test_syndicated_copies_match_and_other_stories_do_not():
    index = NearDupIndex()
    for key in ("port", "talks", "grain", "flood"):
        index.add(key, signature(_text(key)))
    copy = "PARIS (Wire) - " + _text("talks") + " Reporting by the wire's staff."
    assert index.match(signature(copy)) == "talks"
    assert index.match(signature(_text("visit"))) is None


def test_threshold_decides():
    base = _text("flood")
    changed = base.replace("Thursday", "Friday").replace("buses", "trains").replace("night", "week")
    strict, loose = NearDupIndex(threshold=0.95), NearDupIndex(threshold=0.5)
    for index in (strict, loose):
        index.add("flood", signature(base))
    assert strict.match(signature(changed)) is None
    assert loose.match(signature(changed)) == "flood"


def test_match_prefers_the_most_similar_then_the_smallest_key():
    index = NearDupIndex(threshold=0.5)
    text = _text("grain")
    index.add("b", signature(text))
    index.add("a", signature(text))
    index.add("c", signature(text + " The ministry gave no figures for rice, maize or barley this month."))
    assert index.match(signature(text)) == "a"


def test_signatures_survive_encoding():
    sig = signature(_text("port"))
    back = decode_signature(encode_signature(sig))
    assert back.jaccard(sig) == 1.0
    index = NearDupIndex()
    index.add("port", back)  # an index rebuilt from the state finds what the live one found
    assert index.match(sig) == "port"


@pytest.mark.parametrize("bad", ["not base64!", "AAAA"])
def test_bad_signature_is_refused(bad):
    with pytest.raises(ValueError, match="not a MinHash signature"):
        decode_signature(bad)


def test_content_hash_ignores_case_space_and_punctuation():
    assert content_hash("Talks  resume, officials say.") == content_hash("talks resume officials say")
    assert content_hash("Talks resume") != content_hash("Talks stall")


def test_shingles():
    assert shingles("a b c d e f", k=5) == {"a b c d e", "b c d e f"}
    assert shingles("", k=5) == set()
    assert len(NearDupIndex()) == 0
