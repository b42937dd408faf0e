"""The ingest journal: resume, skip, torn lines, changed articles (fast: a blank spaCy pipeline)."""

from __future__ import annotations

import json

import pytest
import spacy
from geokg.graph.builder.journal import JOURNAL_NAME, Journal, article_digest
from geokg.graph.builder.parallel import ArticleOutput, GraphWriter
from geokg.graph.builder.run import build
from geokg.graph.store import open_store
from geokg.ingest.pipeline import Pipeline, Settings
from geokg.ingest.readers import iter_articles
from geokg.ingest.records import Article
from geokg.ontology import article_iri
from rdflib import URIRef


@pytest.fixture(scope="module")
def blank_pipeline():
    """spaCy's blank English pipeline, no extractor or coder: articles and sentences only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, extractor=lambda doc, article_id: iter(()), coder=None, settings=Settings(model="blank"))


def _corpus(folder, n=5):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.md").write_text(
            f"---\ntitle: Talks round {i}\ndate: 2025-03-0{i + 1}\nurl: https://x.test/{i}\n---\n"
            f"Delegates met for round {i}. They agreed to meet again.\n", encoding="utf-8")
    return folder


def _quads(path):
    with open_store(path, read_only=True) as st:
        return {(str(s), str(p), o.n3(), str(g)) for s, p, o, g in st.dataset().quads((None, None, None, None))}


def test_second_run_skips_what_is_done(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in")
    first = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert (first.articles, first.skipped) == (5, 0)
    journal = tmp_path / "out" / JOURNAL_NAME
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["store"] == str(tmp_path / "out" / "store")
    # header, a "begin" line before the (bulk) batch is written, one line per article after it
    assert len(lines) == 7 and list(json.loads(lines[1])) == ["begin"]
    before = _quads(tmp_path / "out" / "store")
    second = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert (second.articles, second.skipped) == (0, 5)
    assert _quads(tmp_path / "out" / "store") == before


def test_changed_article_is_ingested_again(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in")
    build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    changed = corpus / "a2.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("agreed to meet", "refused to meet"),
                       encoding="utf-8")
    report = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert (report.articles, report.skipped) == (1, 4)
    texts = {q[2] for q in _quads(tmp_path / "out" / "store")}
    assert any("refused to meet" in t for t in texts) and not any("round 2. They agreed" in t for t in texts)


def test_torn_last_line_is_tolerated(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in")
    build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    journal = tmp_path / "out" / JOURNAL_NAME
    data = journal.read_bytes()
    journal.write_bytes(data[: data.rfind(b"\n", 0, len(data) - 1) + 1] + b'{"id": "abc", "dig')  # crash mid-line
    report = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert (report.articles, report.skipped) == (1, 4)  # the torn entry's article is processed again
    lines = journal.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]  # the torn line was cut off: every line parses
    assert [e for e in entries if "id" in e][-1]["id"] != "abc" and sum("id" in e for e in entries) == 5


def test_journal_is_checked_against_the_store(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in")
    build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    article = next(iter_articles([corpus / "a3.md"]))
    with open_store(tmp_path / "out" / "store") as st:
        assert st.remove_graph(article_iri(article.id))
    report = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert (report.articles, report.skipped) == (1, 4)  # journaled but gone from the store: written again


def test_fresh_ignores_the_journal(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in")
    build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    report = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False, fresh=True)
    assert (report.articles, report.skipped) == (5, 0)
    again = build([corpus], tmp_path / "out", pipeline=blank_pipeline, exports=False)
    assert again.skipped == 5


def test_memory_store_keeps_no_journal(tmp_path, blank_pipeline):
    corpus = _corpus(tmp_path / "in", n=2)
    for _ in range(2):
        report = build([corpus], tmp_path / "out", pipeline=blank_pipeline, memory=True, exports=False)
        assert (report.articles, report.skipped) == (2, 0)
    assert not (tmp_path / "out" / JOURNAL_NAME).exists()


def test_journal_for_another_store_starts_afresh(tmp_path):
    path = tmp_path / JOURNAL_NAME
    with Journal(path, store="a/store") as j:
        j.record([("x", "d1")])
    with Journal(path, store="b/store") as j:
        assert len(j) == 0 and "a/store" in (j.reset or "")
    with Journal(path, store="b/store") as j:
        assert j.reset is None


def test_bad_lines_are_dropped_not_fatal(tmp_path):
    path = tmp_path / JOURNAL_NAME
    with Journal(path, store="s") as j:
        j.record([("a", "1")])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('not json\n{"id": 3, "digest": "x"}\n{"id": "b", "digest": "2"}\n')
    with Journal(path, store="s") as j:
        assert j.done("a", "1") and j.done("b", "2") and j.dropped == 2


def test_not_a_journal_is_replaced(tmp_path):
    path = tmp_path / JOURNAL_NAME
    path.write_text("hello\n", encoding="utf-8")
    with Journal(path, store="s") as j:
        assert len(j) == 0 and j.reset == "not a geokg journal"
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["geokg-journal"] == 1


def test_digest_covers_content_and_pipeline():
    a = Article.create(title="T", text="Body.", url="https://x.test/a")
    assert article_digest(a, salt="m 1") != article_digest(a, salt="m 2")
    assert article_digest(a) != article_digest(Article.create(title="T2", text="Body.", url="https://x.test/a"))


class _FailingStore:
    """A store whose writes fail like a full disk."""

    location = "nowhere"

    def replace_nquads(self, graphs, data, *, atomic=True):
        raise OSError("disk full")


def _output(i: int, nquads: str | None = None) -> ArticleOutput:
    g = f"https://w3id.org/geokg/id/article/{i:016x}"
    return ArticleOutput(article_id=f"{i:016x}", origin=f"a{i}.md", graph=g, digest=f"d{i}",
                         nquads=nquads if nquads is not None else f'<urn:s{i}> <urn:p> "v{i}" <{g}> .\n')


def test_journal_entries_only_after_commit(tmp_path):
    path = tmp_path / JOURNAL_NAME
    journal = Journal(path, store="nowhere")
    writer = GraphWriter(_FailingStore(), journal=journal, batch_size=2)
    writer.add(_output(1))
    writer.add(_output(2))
    with pytest.raises(OSError, match="disk full"):
        writer.close()
    journal.close()
    assert len(Journal(path, store="nowhere")) == 0


def test_refused_graph_is_an_error_and_the_rest_is_written(tmp_path):
    path = tmp_path / JOURNAL_NAME
    store = open_store(tmp_path / "store")
    with Journal(path, store=store.location) as journal:
        writer = GraphWriter(store, journal=journal, batch_size=3)
        bad = _output(2, nquads=f'<urn:s 2> <urn:p> "x" <{_output(2).graph}> .\n')  # a space in an IRI
        for output in (_output(1), bad, _output(3)):
            writer.add(output)
        writer.close()
        done = writer.drain()
    errors = [d for d in done if not isinstance(d, ArticleOutput)]
    assert [e.origin for e in errors] == ["a2.md"] and "refused" in errors[0].reason
    assert {str(g) for g in store.graphs()} == {_output(1).graph, _output(3).graph}
    store.close()
    with Journal(path, store=str(tmp_path / "store")) as journal:
        assert journal.done(f"{1:016x}", "d1") and not journal.done(f"{2:016x}", "d2")


@pytest.mark.parametrize("atomic", [True, False])
def test_writer_replaces_graphs_in_either_mode(tmp_path, atomic):
    store = open_store(tmp_path / "store")
    for value in ("old", "new"):
        writer = GraphWriter(store, batch_size=2, atomic=atomic)
        for i in range(3):
            g = _output(i).graph
            writer.add(_output(i, nquads=f'<urn:s{i}> <urn:p> "{value}" <{g}> .\n'))
        writer.close()
    values = {str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    assert values == {"new"} and len(store) == 3
    store.close()


def test_other_stores_get_parsed_triples(tmp_path):
    store = open_store(None, kind="rdflib-memory.v1")
    writer = GraphWriter(store, batch_size=1)
    g = _output(7).graph
    writer.add(_output(7, nquads=f'<urn:s> <urn:p> "x"@en <{g}> .\n'
                                  f'<urn:s> <urn:n> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <{g}> .\n'))
    writer.close()
    assert store.graphs() == [URIRef(g)] and len(store) == 2
    assert {str(o) for o in store.dataset().objects()} == {"x", "3"}


def test_begun_but_unrecorded_articles_are_incomplete(tmp_path):
    path = tmp_path / JOURNAL_NAME
    with Journal(path, store="s") as j:
        j.begin(["a", "b"])
        j.record([("a", "1")])
        j.begin(["c"])
        j.record([("c", "3")])
    with Journal(path, store="s") as j:
        assert j.incomplete == {"b"} and j.done("a", "1") and not j.done("b", "2")


def test_half_written_bulk_batch_is_repaired(tmp_path, blank_pipeline):
    from rdflib import Literal

    corpus = _corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    build([corpus], out, pipeline=blank_pipeline, exports=False, atomic=False)
    good = _quads(out / "store")
    victim = next(iter_articles([corpus / "a1.md"]))
    journal = out / JOURNAL_NAME
    lines = [line for line in journal.read_text(encoding="utf-8").splitlines() if victim.id not in line]
    lines.append(json.dumps({"begin": [victim.id]}))  # a crash after the note, in mid-write
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(out / "store") as st:
        st.replace_graphs({article_iri(victim.id): [(URIRef("urn:half"), URIRef("urn:written"), Literal("x"))]})
    (corpus / "a1.md").unlink()  # the next build does not even read that article again
    report = build([corpus], out, pipeline=blank_pipeline, exports=False, atomic=False)
    assert (report.articles, report.skipped) == (0, 2)
    graph = str(article_iri(victim.id))
    assert _quads(out / "store") == {q for q in good if q[3] != graph}  # no half-written graph stays
