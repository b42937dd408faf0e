"""Integration: ``geokg build`` on the bundled sample corpus, then SPARQL answers traced to sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from geokg.graph.builder.run import VOCABULARY_GRAPH, build
from geokg.graph.query.sparql import read_query, run_query
from geokg.graph.query.tables import event_rows
from geokg.graph.rdf.writer import DESCRIBED_BASES
from geokg.graph.store import open_store
from geokg.ingest.readers import iter_articles
from geokg.ontology import actor_iri
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "examples" / "articles"
MEXICO_QUERY = ROOT / "examples" / "queries" / "mexico-events.rq"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def built(sample_build):
    out, report = sample_build
    store = open_store(out / "store", read_only=True)
    yield out, report, store
    store.close()


def _find(rows, *, source_country=None, lemma=None, target_country=None, on=None):
    return [
        r for r in rows
        if (source_country is None or (r.source and r.source.country == source_country))
        and (lemma is None or r.lemma == lemma)
        and (target_country is None or (r.target and r.target.country == target_country))
        and (on is None or r.date == on)
    ]


def test_report_counts_and_outputs(built):
    out, report, store = built
    assert report.ok, report.errors
    assert report.articles == 26
    assert report.events >= 100 and report.sentences >= 300
    assert {"turtle", "trig", "html"} <= set(report.outputs)
    assert all(p.is_file() and p.stat().st_size > 0 for p in report.outputs.values())
    assert (out / "store" / "CURRENT").is_file()  # the embedded Oxigraph store by default


def test_one_named_graph_per_article_plus_vocabulary(built):
    _, _, store = built
    graphs = {str(g) for g in store.graphs()}
    assert VOCABULARY_GRAPH in graphs
    runs = {g for g in graphs if "/id/graph/run/" in g}  # the run's description, once per store
    assert len(runs) == 1
    # each actor, place and publisher is described once, in a graph named by it
    described = {g for g in graphs if g.startswith(DESCRIBED_BASES)}
    assert any("/id/actor/" in g for g in described) and any("/id/place/" in g for g in described)
    articles = [a for a in iter_articles([CORPUS])]
    assert len(graphs - {VOCABULARY_GRAPH} - runs - described) == len(articles) == 26
    assert {g for g in graphs - {VOCABULARY_GRAPH} - runs - described if "/id/article/" not in g} == set()


def test_descriptions_are_stored_once_and_hold_only_their_node(built):
    _, _, store = built
    rows = store.query("""
        SELECT ?g (COUNT(*) AS ?n) (SUM(IF(?s = ?g, 0, 1)) AS ?other) WHERE { GRAPH ?g { ?s ?p ?o } }
        GROUP BY ?g""")
    counts = {str(g): (int(n), int(other)) for g, n, other in rows}
    described = {g: c for g, c in counts.items() if g.startswith(DESCRIBED_BASES)}
    assert described and all(other == 0 for _, other in described.values())
    mex = str(actor_iri("country:MEX"))
    labels = store.query("SELECT ?g ?l WHERE { GRAPH ?g { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } }",
                         {"a": URIRef(mex)})
    assert {str(g) for g, _ in labels} == {mex}  # several articles name Mexico: one copy, in its own graph


def test_specific_events(built):
    _, _, store = built
    rows = event_rows(store)
    # "Mexico's President Claudia Sheinbaum warned Donald Trump on Tuesday ..." (published 2024-11-26)
    warn = _find(rows, source_country="MEX", lemma="warn", target_country="USA", on=date(2024, 11, 26))
    assert warn and warn[0].source.label == "Claudia Sheinbaum" and warn[0].target.label == "Donald Trump"
    # "US Secretary of State Marco Rubio met Mexico's President Claudia Sheinbaum ... on Wednesday."
    meet = _find(rows, source_country="USA", lemma="meet", target_country="MEX", on=date(2025, 9, 3))
    assert meet and meet[0].cameo.startswith("04") and meet[0].quad_class == 1
    # "Israel struck dozens of targets across Iran early on Friday" (2025-06-13): material conflict.
    strike = _find(rows, source_country="ISR", lemma="strike", target_country="IRN", on=date(2025, 6, 13))
    assert strike and strike[0].quad_class == 4 and strike[0].goldstein < -5


def test_mexico_query_rows_trace_to_sentences(built):
    _, _, store = built
    table = run_query(store, read_query(str(MEXICO_QUERY)))
    rows = table.to_dicts()
    assert len(rows) >= 10
    assert any(r["source"] == "Claudia Sheinbaum" and r["plover"] == "THREATEN" for r in rows)
    contents = {a.title: a.content for a in iter_articles([CORPUS])}
    for r in rows:
        content = contents[r["article"]]
        assert r["sentence"] in content
        span = content[r["start"]:r["end"]]
        assert span and span in r["sentence"]


def _ox_split(triples) -> tuple[set[str], Graph]:
    """Ground triples as N-Triples strings; blank-node triples as an rdflib graph."""
    import pyoxigraph as ox

    ground, rest = set(), Graph()
    for t in triples:
        if any(isinstance(x, ox.BlankNode) for x in (t.subject, t.object)):
            rest.parse(data=f"{t} .", format="nt")
        else:
            ground.add(str(t))
    return ground, rest


def test_turtle_export_equals_store_union(built):
    """Isomorphic: the ground triples are equal and the few blank-node ones (OWL lists) isomorphic."""
    import pyoxigraph as ox

    out, _, store = built
    exported_ground, exported_rest = _ox_split(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    union_ground, union_rest = _ox_split({q.triple for q in store._ox.quads_for_pattern(None, None, None, None)})
    # the sample corpus's whole store (about 9,900 ground triples): the export is no small part of it
    assert exported_ground == union_ground and len(union_ground) > 9_000
    assert isomorphic(exported_rest, union_rest)


def test_html_view_is_offline(built):
    out, _, _ = built
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html.lower()
    assert "Claudia Sheinbaum" in html


def _quads(store):
    return {str(q) for q in store._ox.quads_for_pattern(None, None, None, None)}


def test_rebuild_gives_the_same_dataset(built, tmp_path, geokg_pipeline):
    """No blank nodes are written, so isomorphism is equality of the quad sets."""
    _, _, store = built
    second = open_store(tmp_path / "store")
    assert build([CORPUS], tmp_path, pipeline=geokg_pipeline, store=second, html=False).ok
    first_quads = _quads(store)
    assert len(first_quads) > 10_000
    assert _quads(second) == first_quads  # another run, another store: the same dataset
    # Re-ingesting into the same store replaces each article's graph exactly.
    assert build([CORPUS], tmp_path, pipeline=geokg_pipeline, store=second, html=False).ok
    assert _quads(second) == first_quads


def test_bad_inputs_do_not_stop_the_build(tmp_path, geokg_pipeline):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Chile and Peru sign a fisheries accord\ndate: 2025-03-03\n---\n"
                    "Chile signed a fisheries accord with Peru on Monday.\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    report = build([good, tmp_path / "missing.md", binary], tmp_path / "out", pipeline=geokg_pipeline, html=False)
    assert report.articles == 1
    origins = sorted(Path(e.origin).name for e in report.errors)
    assert origins == ["blob.txt", "missing.md"]
    store = open_store(tmp_path / "out" / "store", read_only=True)
    # the good article, the vocabulary and the run (besides the descriptions of its actors)
    assert len([g for g in store.graphs() if not str(g).startswith(DESCRIBED_BASES)]) == 3


def test_a_rebuild_at_another_level_keeps_one_run(tmp_path, geokg_pipeline):
    """The run's description is written once per store; a run no article uses any more is dropped."""
    good = tmp_path / "in" / "good.md"
    good.parent.mkdir()
    good.write_text("---\ntitle: Chile and Peru sign a fisheries accord\ndate: 2025-03-03\n---\n"
                    "Chile signed a fisheries accord with Peru on Monday.\n", encoding="utf-8")
    runs = ("PREFIX gk: <https://w3id.org/geokg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "SELECT ?g ?level ?a WHERE { GRAPH ?g { ?r gk:evidenceLevel ?level } GRAPH ?a { ?r prov:used ?a } }")
    for level in ("mention", "none", "none"):
        assert build([good], tmp_path / "out", pipeline=geokg_pipeline, exports=False, evidence=level).ok
        with open_store(tmp_path / "out" / "store", read_only=True) as store:
            rows = [tuple(map(str, r)) for r in store.query(runs)]
            assert len(rows) == 1 and rows[0][1] == level, rows
            assert "/id/graph/run/" in rows[0][0]
            assert len([g for g in store.graphs() if not str(g).startswith(DESCRIBED_BASES)]) == 3


def test_a_new_graph_format_writes_every_article_again(tmp_path, geokg_pipeline, monkeypatch):
    """The journal skips an unchanged article, but not once the writer's graph format changed:
    its graph would keep the old format's values (spans read the wrong way)."""
    import geokg.graph.rdf.evidence as evidence

    good = tmp_path / "in" / "good.md"
    good.parent.mkdir()
    good.write_text("---\ntitle: Chile and Peru sign a fisheries accord\ndate: 2025-03-03\n---\n"
                    "Chile signed a fisheries accord with Peru on Monday.\n", encoding="utf-8")
    first = build([good], tmp_path / "out", pipeline=geokg_pipeline, exports=False)
    again = build([good], tmp_path / "out", pipeline=geokg_pipeline, exports=False)
    assert (first.articles, first.skipped, again.articles, again.skipped) == (1, 0, 0, 1)
    monkeypatch.setattr(evidence, "GRAPH_FORMAT", evidence.GRAPH_FORMAT + 1)
    upgraded = build([good], tmp_path / "out", pipeline=geokg_pipeline, exports=False)
    assert (upgraded.articles, upgraded.skipped) == (1, 0)


def test_a_fresh_store_is_written_again_once_and_a_filled_one_is_not(tmp_path, geokg_pipeline, monkeypatch):
    from geokg.graph.store import OxigraphGraphStore

    calls = []
    rewrite = OxigraphGraphStore.rewrite

    def counted(self):
        calls.append(self.location)
        return rewrite(self)

    monkeypatch.setattr(OxigraphGraphStore, "rewrite", counted)
    first = tmp_path / "in" / "first.md"
    first.parent.mkdir()
    first.write_text("---\ntitle: Chile and Peru sign a fisheries accord\ndate: 2025-03-03\n---\n"
                     "Chile signed a fisheries accord with Peru on Monday.\n", encoding="utf-8")
    assert build([first], tmp_path / "out", pipeline=geokg_pipeline, exports=False).ok
    assert len(calls) == 1  # the store was empty: one load into an empty folder at the end
    second = tmp_path / "in" / "second.md"
    second.write_text("---\ntitle: Peru hosts Chile's foreign minister\ndate: 2025-03-05\n---\n"
                      "Peru hosted Chile's foreign minister in Lima on Wednesday.\n", encoding="utf-8")
    assert build([first, second], tmp_path / "out", pipeline=geokg_pipeline, exports=False).ok
    assert len(calls) == 1  # articles added to a filled store: no rewrite
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        articles = [g for g in store.graphs() if "/id/article/" in str(g)]
    assert len(articles) == 2
    assert not (tmp_path / "out" / "store.rewrite").exists() and not (tmp_path / "out" / "store.old").exists()


def _counted_rewrites(monkeypatch) -> list:
    from geokg.graph.store import OxigraphGraphStore

    calls: list = []
    rewrite = OxigraphGraphStore.rewrite

    def counted(self):
        calls.append(self.location)
        return rewrite(self)

    monkeypatch.setattr(OxigraphGraphStore, "rewrite", counted)
    return calls


def _accord(tmp_path, name: str = "accord.md"):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("---\ntitle: Chile and Peru sign a fisheries accord\ndate: 2025-03-03\n---\n"
                    "Chile signed a fisheries accord with Peru on Monday.\n", encoding="utf-8")
    return path


def test_a_fresh_store_is_not_written_again_when_the_memory_would_not_suffice(tmp_path, geokg_pipeline, monkeypatch):
    from geokg.graph.store import embedded

    calls = _counted_rewrites(monkeypatch)
    monkeypatch.setattr(embedded, "available_memory", lambda: 1 << 20)  # 1 MB free: the load would not fit
    report = build([_accord(tmp_path)], tmp_path / "out", pipeline=geokg_pipeline, exports=False)
    assert report.ok and calls == []
    assert report.rewrite.startswith("skipped: the bulk load needs ~") and "1 MB available" in report.rewrite
    with open_store(tmp_path / "out" / "store", read_only=True) as store:  # the store as written, complete
        assert len(store) == report.quads and any("/id/article/" in str(g) for g in store.graphs())


def test_rewrite_true_forces_it_and_false_prevents_it(tmp_path, geokg_pipeline, monkeypatch):
    from geokg.graph.store import embedded

    calls = _counted_rewrites(monkeypatch)
    monkeypatch.setattr(embedded, "available_memory", lambda: 1 << 20)
    first = build([_accord(tmp_path)], tmp_path / "no", pipeline=geokg_pipeline, exports=False, rewrite=False)
    assert calls == [] and first.rewrite == ""
    filled = build([_accord(tmp_path)], tmp_path / "no", pipeline=geokg_pipeline, exports=False, rewrite=True)
    assert len(calls) == 1 and " MB -> " in filled.rewrite  # a filled store, little memory: forced all the same
    with open_store(tmp_path / "no" / "store", read_only=True) as store:
        assert len(store) == first.quads
    in_memory = build([_accord(tmp_path)], tmp_path / "mem", pipeline=geokg_pipeline, exports=False, memory=True,
                      rewrite=True)
    assert len(calls) == 1 and in_memory.rewrite.startswith("skipped: only the build's own on-disk store")


def test_rewrite_memory_grows_with_the_quads_up_to_the_loaders_batch():
    from geokg.graph.store.embedded import REWRITE_BATCH_QUADS, available_memory, rewrite_memory

    assert rewrite_memory(0) == 0 < rewrite_memory(1_000) < rewrite_memory(100_000)
    assert rewrite_memory(REWRITE_BATCH_QUADS) == rewrite_memory(10 * REWRITE_BATCH_QUADS) < 2 << 30
    free = available_memory()
    assert free is None or free > 0
