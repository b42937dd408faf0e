"""Evidence levels end to end: the sample corpus built at none, mention and full reads the same.

The corpus (``examples/articles``) is parsed once per level by ``build`` into an in-memory
store.  Every named query, the event table (views, site, GDELT-style export) and the site's
marked spans give the same rows at ``mention`` and ``full``; at ``none`` they give the same
rows with the evidence columns (:data:`EVIDENCE_COLUMNS`) empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from geokg.graph.query.named import list_queries, run_named
from geokg.graph.query.tables import event_rows, flat_event_row
from geokg.graph.store import open_store
from geokg.ontology.namespace import RDF, SEM
from rdflib import URIRef

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).resolve().parents[3] / "examples" / "articles"

#: Columns that hold textual evidence (empty at level none), per query.
EVIDENCE_COLUMNS = {
    "event-mentions": {"sentence", "exact", "start", "end", "span"},
    "*": {"sentence"},
}
#: Queries that need a Python step or data the sample corpus lacks are run with these parameters.
EXTRA_PARAMS = {"events-near": [{"place": "Mexico City", "km": 500}, {"place": "Gaza", "km": 100}]}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    from geokg.graph.builder.run import build
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    try:
        pipeline = Pipeline.create(Settings(model=resolve_model()))
    except OSError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(f"no spaCy model: {exc}")
    out = {}
    for level in ("none", "mention", "full"):
        store = open_store(None)
        report = build([ARTICLES], tmp_path_factory.mktemp(level), pipeline=pipeline, store=store,
                       exports=False, evidence=level)
        assert report.ok and report.events > 0, report
        out[level] = store
    return out


def _params(store) -> list[tuple[str, dict]]:
    """Parameters that give rows on the sample corpus, for every named query."""
    top = {q: run_named(store, "top-actors", quad_class=q) for q in (1, 2, 3, 4)}
    labels = sorted({str(r[1]) for t in top.values() for r in t.rows[:3] if r[1]})
    events = sorted({str(r[0]) for r in store.query(
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT DISTINCT ?e WHERE { ?e a sem:Event }")})
    out = [("top-actors", {"quad_class": q}) for q in top]
    out += [("country-events", {"country": c}) for c in ("MEX", "USA", "CHN", "ISR", "PSE")]
    out += [("events-between", {"country_a": a, "country_b": b}) for a, b in (("MEX", "USA"), ("CHN", "USA"),
                                                                             ("ISR", "PSE"))]
    out += [("actor-timeline", {"label": label}) for label in labels]
    out += [("who-said-what", {}), ("who-said-what", {"about": "Mexico"}), ("who-said-what", {"about": "tariff"})]
    out += [("event-mentions", {"event": e}) for e in events[::7]]
    out += [(name, p) for name, params in EXTRA_PARAMS.items() for p in params]
    return out


def _rows(store, name: str, params: dict, blank: set[str] = frozenset()) -> tuple[list[str], list[tuple]]:
    table = run_named(store, name, **params)
    keep = [i for i, c in enumerate(table.columns) if c not in blank]
    rows = {tuple(None if row[i] is None else str(row[i]) for i in keep) for row in table.terms}
    return [table.columns[i] for i in keep], sorted(rows, key=repr)


def test_every_named_query_reads_every_level(stores):
    params = _params(stores["mention"])
    assert {name for name, _ in params} >= {q.name for q in list_queries()} - set(EXTRA_PARAMS)
    nonempty = set()
    for name, p in params:
        if name not in {q.name for q in list_queries()}:
            continue
        columns, mention = _rows(stores["mention"], name, p)
        assert _rows(stores["full"], name, p) == (columns, mention), (name, p)
        if mention:
            nonempty.add(name)
        evidence = EVIDENCE_COLUMNS.get(name, EVIDENCE_COLUMNS["*"]) & set(columns)
        blanked = _rows(stores["mention"], name, p, blank=evidence)
        none_columns, none_rows = _rows(stores["none"], name, p)
        assert all(row[none_columns.index(c)] is None for row in none_rows for c in evidence), (name, p)
        assert _rows(stores["none"], name, p, blank=evidence) == blanked, (name, p)
    assert nonempty >= {"top-actors", "country-events", "events-between", "actor-timeline", "who-said-what",
                        "event-mentions"}


def test_event_table_and_export_read_every_level(stores):
    rows = {level: event_rows(store) for level, store in stores.items()}
    assert rows["mention"] and rows["mention"] == rows["full"]
    assert all(r.sentence and r.start is not None and r.sentence_start is not None for r in rows["mention"])
    flat = {level: {tuple(sorted(flat_event_row(r).items())) for r in rs} for level, rs in rows.items()}
    without_sentence = {tuple((k, None if k == "sentence" else v) for k, v in row) for row in flat["mention"]}
    assert flat["none"] == without_sentence
    assert all(r.sentence is None and r.start is None and r.article for r in rows["none"])


def test_site_marks_the_same_spans_at_mention_and_full(stores):
    from geokg.graph.site.model import build_site_model

    marked = {}
    for level in ("mention", "full"):
        model = build_site_model(event_rows(stores[level]))
        marked[level] = sorted((e.iri, m.marked) for e in model.events for m in e.mentions)
    assert marked["mention"] == marked["full"]
    assert sum(1 for _, m in marked["mention"] if m) >= 0.9 * len(marked["mention"])
    none = build_site_model(event_rows(stores["none"]))
    assert none.events and all(not m.marked and not m.sentence for e in none.events for m in e.mentions)


def test_level_sizes(stores):
    sizes = {level: len(store) for level, store in stores.items()}
    assert sizes["mention"] < sizes["full"] and sizes["full"] > 2.5 * sizes["mention"]
    # level none has no offsets, so it writes every claim's words as text; at level mention the
    # spans' offsets replace most of them, which leaves it no bigger than none
    assert sizes["mention"] <= sizes["none"]
    level = {lv: {str(r[0]) for r in store.query(
        "PREFIX gk: <https://w3id.org/geokg/ontology#> SELECT DISTINCT ?l WHERE { ?r gk:evidenceLevel ?l }")}
        for lv, store in stores.items()}
    assert level == {lv: {lv} for lv in stores}


def test_run_is_described_once_per_store(stores):
    for level, store in stores.items():
        rows = list(store.query("PREFIX gk: <https://w3id.org/geokg/ontology#> "
                                "SELECT ?g ?r WHERE { GRAPH ?g { ?r gk:evidenceLevel ?l } }"))
        assert len(rows) == 1, (level, rows)
        graph, run = rows[0]
        assert "/id/graph/run/" in str(graph) and str(run).endswith(f"/{level}")
        # every article graph names the run once (prov:used), and nothing else of it
        used = list(store.query(f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ <{run}> ?p ?o }} FILTER (?g != <{graph}>) }}"))
        articles = list(store.query("PREFIX schema: <https://schema.org/> "
                                    "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } }"))
        assert len(used) == len(articles) and {str(p) for _, p in used} == {"http://www.w3.org/ns/prov#used"}


def test_defaults_are_left_out_below_full_and_read_back(stores):
    count = ("PREFIX gk: <https://w3id.org/geokg/ontology#> SELECT (COUNT(*) AS ?n) WHERE "
             "{ GRAPH ?g { ?c gk:polarity \"positive\" } }")
    assert [int(next(iter(stores[lv].query(count)))[0]) for lv in ("none", "mention")] == [0, 0]
    assert int(next(iter(stores["full"].query(count)))[0]) > 100
    rows = event_rows(stores["mention"])
    assert {r.polarity for r in rows} >= {"positive"} and {r.mode for r in rows} >= {"asserted"}
    assert sum(r.quad_class is not None for r in rows) == sum(r.cameo is not None for r in rows) > 0
    # the relation words: written at full; at mention mostly the slice that a report's span gives
    text = ("PREFIX gk: <https://w3id.org/geokg/ontology#> SELECT (COUNT(*) AS ?n) WHERE "
            "{ GRAPH ?g { ?c gk:relationText ?t } }")
    written = {lv: int(next(iter(stores[lv].query(text)))[0]) for lv in ("mention", "full")}
    assert written["mention"] < 0.2 * written["full"], written
    assert sum(r.relation != r.lemma for r in rows) > 0.5 * len(rows)


def test_unknown_level_is_refused_before_any_work(tmp_path):
    from geokg.graph.builder.run import build

    with pytest.raises(ValueError, match="evidence level 'most'"):
        build([ARTICLES], tmp_path, store=open_store(None), exports=False, evidence="most")


def test_real_article_graphs_conform_at_every_level(stores):
    pytest.importorskip("pyshacl")
    from geokg.ontology import validate_graph
    from rdflib import Graph

    for level, store in stores.items():
        articles = sorted(str(r[0]) for r in store.query(
            "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle }"))
        run = ("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
               "FILTER (STRSTARTS(STR(?g), \"https://w3id.org/geokg/id/graph/run/\")) }")
        # the descriptions an article names (actors, places, publishers: each its own graph) and those they name
        # (the graphs are found first, in a subquery with the article written in: joined with
        # ``GRAPH ?g { ?s ?p ?o }`` and bound afterwards, the query took seconds per article)
        named = ("SELECT DISTINCT ?s ?p ?o WHERE { { SELECT DISTINCT ?g WHERE { { GRAPH ?a { ?x ?y ?g } } UNION "
                 "{ GRAPH ?a { ?g ?y ?x } } UNION { GRAPH ?a { ?x ?y ?d } GRAPH ?d { ?d ?q ?g } } "
                 "FILTER (STRSTARTS(STR(?g), \"https://w3id.org/geokg/id/\") && ?g != ?a) } } GRAPH ?g { ?s ?p ?o } }")
        for article in articles[:2]:
            graph = Graph()  # the article's graph with its run's description (written once per store)
            for s, p, o in [*store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"),
                            *store.query(run), *store.query(named.replace("?a", URIRef(article).n3()))]:
                graph.add((s, p, o))
            assert set(graph.subjects(RDF.type, SEM.Actor)), (level, article)  # the actors' descriptions came along
            result = validate_graph(graph, inference="none")
            assert result.conforms, (level, article, result.text)


def test_cli_refuses_an_unknown_level(tmp_path):
    from geokg.graph.cli import app
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["build", str(ARTICLES), "--evidence", "most", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "evidence level 'most' is not one of none, mention, full" in result.output


@pytest.mark.parametrize("about", ["tariff", "Mexico"])
def test_who_said_what_finds_words_the_span_gives(stores, about):
    """At level mention the subject and object words that are slices of the sentence are read
    from the span: claims are found by them (the rows equal level full's, above)."""
    from geokg.ontology.namespace import GK

    table = run_named(stores["mention"], "who-said-what", about=about)
    subject, obj = table.columns.index("subject"), table.columns.index("object")
    words = {str(w) for r in table.rows for w in (r[subject], r[obj]) if w and about.lower() in str(w).lower()}
    stated = {str(o) for (o,) in stores["mention"].query(
        f"SELECT ?o WHERE {{ ?s ?p ?o FILTER (?p IN (<{GK.subjectText}>, <{GK.objectText}>)) }}")}
    assert words - stated, (about, words)  # some matched words come from a span, not from stated text
