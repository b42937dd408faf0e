"""The hostile and malformed input corpus (tests/fuzz/): no crash, no lost article, clear messages.

Every file is given explicitly, plus two generated at test time (a 10 MB
article and a 1 MB single line).  The build must finish, store every good
article, and report every bad input by name with its reason.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"

# file -> (articles it must yield, substrings of the errors it must report)
EXPECTED = {
    "broken-feed.xml": (3, ["broken-feed.xml#item2: no text"]),
    "control-chars.txt": (1, []),
    "deeply-nested.html": (1, []),
    "empty.txt": (0, ["empty.txt: empty"]),
    "hostile.html": (1, []),
    "hostile.md": (1, []),
    "invalid-utf8.txt": (1, []),
    "latin1.md": (1, []),
    "malformed.csv": (1, ["malformed.csv#row2: no text", "malformed.csv#row3: malformed CSV"]),
    "malformed.html": (1, []),
    "malformed.jsonl": (2, ["#L2: invalid JSON", "#L3: expected a JSON object", "#L4: no text",
                            "#L7: invalid JSON", "#L8: text must be a string"]),
    "not-a-feed.xml": (0, ["not-a-feed.xml"]),
    "only-whitespace.md": (0, ["only-whitespace.md: empty"]),
    "random-bytes.txt": (0, ["random-bytes.txt: looks like binary data"]),
    "russian.txt": (0, ["russian.txt: not in English (detected language: ru)"]),
    "spanish.md": (0, ["spanish.md: not in English (detected language: es)"]),
    "template.txt": (1, []),
    "unsupported.docx": (0, ["unsupported.docx: unsupported format"]),
    "utf16-bom.txt": (1, []),
    "huge-article.txt": (0, ["huge-article.txt: too long to parse"]),
    "one-line.txt": (0, ["one-line.txt: too long to parse"]),
}


def test_every_fuzz_file_has_an_expectation():
    assert sorted(p.name for p in FUZZ.iterdir()) == sorted(k for k in EXPECTED if (FUZZ / k).exists())


@pytest.mark.model
def test_fuzz_corpus_no_crash_no_loss(tmp_path, geokg_pipeline):
    from geokg.graph.builder.run import build
    from geokg.graph.store import open_store
    from geokg.ontology import article_iri

    big = tmp_path / "huge-article.txt"
    big.write_text("A headline\n\n" + ("Chile signed an accord with Peru on Monday. " * 240_000), encoding="utf-8")
    line = tmp_path / "one-line.txt"
    line.write_text("Title\n\n" + "word " * 210_000, encoding="utf-8")
    sources = sorted(FUZZ.iterdir()) + [big, line]
    seen = []
    report = build(sources, tmp_path / "out", pipeline=geokg_pipeline, html=False,
                   on_article=lambda r: seen.append(r.article))
    per_file = Counter(Path((a.origin or "").split("#")[0]).name for a in seen)
    errors = [str(e) for e in report.errors]
    for name, (n_articles, messages) in EXPECTED.items():
        assert per_file.get(name, 0) == n_articles, (name, per_file.get(name, 0), errors)
        for message in messages:
            assert any(message in e for e in errors), (name, message, errors)
    # 0 lost articles: every article the build accepted is in the store.
    with open_store(tmp_path / "out" / "store", read_only=True) as st:
        stored = set(st.graphs())
        assert all(article_iri(a.id) in stored for a in seen)
    assert report.articles == sum(n for n, _ in EXPECTED.values())
    assert not report.ok  # bad inputs make the run end with a failure status
