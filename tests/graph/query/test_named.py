"""Named queries: parameters, safe binding, answers on a hand-built graph."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from geokg.graph.query.named import list_queries, named_query, run_named
from geokg.graph.rdf.writer import article_graph
from geokg.graph.store import QueryError, open_store
from geokg.ontology import article_iri

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rdf" / "sample_records.py"


def _records():
    spec = importlib.util.spec_from_file_location("sample_records_for_queries", FIXTURE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def store():
    rec = _records()
    st = open_store(None)
    for result in (rec.sample_result(), rec.second_result()):
        st.replace_graphs({article_iri(result.article.id): list(article_graph(result, run=rec.RUN))})
    return st


def test_every_query_declares_values_and_runs_empty():
    empty = open_store(None)
    names = [q.name for q in list_queries()]
    assert {"events-between", "actor-timeline", "top-actors", "who-said-what", "event-mentions", "country-events"} <= set(names)
    for q in list_queries():
        required = {p.name: ("2025-01-01" if p.type == "date" else 1 if p.type in ("integer", "decimal") else "urn:x" if p.type == "iri" else "X")
                    for p in q.params if not p.optional}
        if q.name == "events-near":  # a centre: a place name or lat/lon
            required["place"] = "Kyiv"
        assert run_named(empty, q.name, **required).rows == []


def test_events_between_both_directions_and_dates(store):
    rows = run_named(store, "events-between", country_a="USA", country_b="MEX").to_dicts()
    assert rows and all(r["plover"] == "REJECT" for r in rows)
    assert {r["source"] for r in rows} == {"Mexico"}
    assert run_named(store, "events-between", country_a="MEX", country_b="USA", to="2025-03-01").rows == []
    assert run_named(store, "events-between", country_a="MEX", country_b="USA", **{"from": "2025-03-04"}).rows


def test_actor_timeline_by_alias(store):
    by_label = run_named(store, "actor-timeline", label="Mexico").to_dicts()
    assert by_label and by_label[0]["role"] == "source" and by_label[0]["other"] == "United States"
    assert run_named(store, "actor-timeline", label="United Mexican States").rows == run_named(
        store, "actor-timeline", label="Mexico").rows


def test_event_mentions_point_into_article(store):
    rec = _records()
    event = "https://w3id.org/geokg/id/event/mex-usa-120-2025-03-04"
    rows = run_named(store, "event-mentions", event=event).to_dicts()
    assert len({r["article"] for r in rows}) == 2  # the same event reported by two articles
    content = rec.sample_result().article.content
    first = [r for r in rows if r["article"] == str(article_iri(rec.sample_result().article.id))][0]
    assert content[first["start"]:first["end"]] == first["exact"]


@pytest.mark.parametrize("kind", ["oxigraph.v1", "rdflib-memory.v1"])
def test_event_mentions_pair_each_span_with_its_sentence(kind):
    """An event told twice in one article: two rows, each span with the sentence that holds it."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF

    gk, schema = "https://w3id.org/geokg/ontology#", "https://schema.org/"
    event, art = URIRef("https://w3id.org/geokg/id/event/e2"), URIRef("https://w3id.org/geokg/id/article/a2")
    s0, s1 = URIRef(f"{art}/s0"), URIRef(f"{art}/s1")
    text = "Lima thanked Quito. Later Lima thanked Quito again."
    st = open_store(None, kind=kind)
    st.replace_graphs({art: [
        (art, URIRef(schema + "text"), Literal(text)),
        (event, RDF.type, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
        # each span: the clause's offsets, then its sentence's
        (event, URIRef(gk + "span"), Literal("0,18,0,19")), (event, URIRef(gk + "span"), Literal("26,44,20,51")),
        (event, URIRef(gk + "inSentence"), s0), (event, URIRef(gk + "inSentence"), s1),
    ]})
    rows = run_named(st, "event-mentions", event=str(event)).to_dicts()
    assert [(r["sentence"], r["start"], r["end"], r["exact"]) for r in rows] == [
        (text[:19], 0, 18, "Lima thanked Quito"), (text[20:], 26, 44, "Lima thanked Quito"),
    ]


def test_hostile_values_are_data(store):
    before = len(store)
    for value in ['Mexico" } } ; DROP ALL ; { {', "Mex\nico", "{?s ?p ?o}", "\\"]:
        assert run_named(store, "actor-timeline", label=value).rows == []
    assert len(store) == before


def test_parameter_errors():
    with pytest.raises(QueryError, match="needs parameter 'country_b'"):
        named_query("events-between").render({"country_a": "MEX"})
    with pytest.raises(QueryError, match="no parameter"):
        named_query("events-between").render({"country_a": "MEX", "country_b": "USA", "bogus": 1})
    with pytest.raises(QueryError, match="not a valid date"):
        named_query("events-between").render({"country_a": "MEX", "country_b": "USA", "from": "March"})
    with pytest.raises(QueryError, match="not a valid iri"):
        named_query("event-mentions").render({"event": "urn:x> } DROP ALL {"})
    with pytest.raises(QueryError, match="no named query 'nope'"):
        named_query("nope")


# --------------------------------------------------------------------------- #
# Answers of the other queries, and the same rows on Oxigraph and rdflib.

PARAMS = [
    ("events-between", {"country_a": "MEX", "country_b": "USA"}),
    ("events-between", {"country_a": "USA", "country_b": "MEX", "from": "2025-03-04", "to": "2025-03-04"}),
    ("events-between", {"country_a": "MEX", "country_b": "MEX"}),
    ("actor-timeline", {"label": "Mexico"}),
    ("actor-timeline", {"label": "US"}),
    ("actor-timeline", {"label": "Claudia Sheinbaum"}),
    ("top-actors", {"quad_class": 3}),
    ("top-actors", {"quad_class": 1}),
    ("who-said-what", {}),
    ("who-said-what", {"about": "Mexico"}),
    ("who-said-what", {"about": "united states"}),
    ("who-said-what", {"about": "PLAN"}),
    ("who-said-what", {"about": "Geneva"}),
    ("country-events", {"country": "MEX"}),
    ("country-events", {"country": "USA"}),
    ("event-mentions", {"event": "https://w3id.org/geokg/id/event/mex-usa-120-2025-03-04"}),
]


def _fill(st, rec):
    for result in (rec.sample_result(), rec.second_result()):
        st.replace_graphs({article_iri(result.article.id): list(article_graph(result, run=rec.RUN))})
    return st


def _comparable(table):
    def value(term):
        if term is None:
            return None
        py = term.toPython() if hasattr(term, "toPython") else term
        return py if isinstance(py, (int, float, Decimal, date)) and not isinstance(py, bool) else str(term)

    return sorted((tuple(value(t) for t in row) for row in table.terms), key=repr)


@pytest.mark.parametrize(("name", "params"), PARAMS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(PARAMS)])
def test_same_rows_on_oxigraph_and_rdflib(store, name, params):
    rdflib_store = _fill(open_store(None, kind="rdflib-memory.v1"), _records())
    ox_table, rd_table = run_named(store, name, **params), run_named(rdflib_store, name, **params)
    assert ox_table.columns == rd_table.columns
    assert _comparable(ox_table) == _comparable(rd_table)


def test_who_said_what_about_actor_or_text(store):
    everyone = run_named(store, "who-said-what").to_dicts()
    # One claim (the shared event) attributed in both articles; the speaker resolved to an actor
    # is named by its label.
    assert "Claudia Sheinbaum" in {r["speaker"] for r in everyone}
    assert {r["mode"] for r in everyone} == {"asserted", "reported"}
    # "United States" is the target actor's label, in no subject or object text.
    by_actor = run_named(store, "who-said-what", about="United States").to_dicts()
    assert {r["claim"] for r in by_actor} == {r["claim"] for r in everyone}
    # "plan" matches object texts, case-insensitively; "Geneva" matches nothing.
    by_text = run_named(store, "who-said-what", about="PLAN").to_dicts()
    assert {r["object"] for r in by_text} == {"the plan", "the US plan"}
    assert run_named(store, "who-said-what", about="Geneva").rows == []
    sentences = {r["sentence"] for r in everyone}
    assert any(s and s.startswith("Mexican President Claudia Sheinbaum said") for s in sentences)


def test_country_events_trace_each_report(store):
    rows = run_named(store, "country-events", country="USA").to_dicts()
    assert {r["article"] for r in rows} == {"Mexico rejects US tariff plan", "Mexico turns down plan"}
    assert {(r["source"], r["target"], r["plover"]) for r in rows} == {("Mexico", "United States", "REJECT")}
    assert run_named(store, "country-events", country="FRA").rows == []


def test_actor_timeline_lists_every_report_sentence(store):
    rows = run_named(store, "actor-timeline", label="United States").to_dicts()
    assert {r["role"] for r in rows} == {"target"} and {r["other"] for r in rows} == {"Mexico"}
    assert len({r["sentence"] for r in rows}) == 2  # one sentence in each article
    assert run_named(store, "actor-timeline", label="Claudia Sheinbaum").rows == []  # in no event


def test_top_actors_mean_counts_each_event_once():
    from rdflib import Literal, URIRef

    gk = "https://w3id.org/geokg/ontology#"
    ev, rdfs_label = "https://w3id.org/geokg/id/event/", URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    mex = URIRef("https://w3id.org/geokg/id/actor/country:MEX")

    def event(key, score):
        e = URIRef(ev + key)
        return [(e, URIRef(gk + "quadClass"), Literal(4)), (e, URIRef(gk + "goldstein"), Literal(Decimal(score))),
                (e, URIRef(gk + "sourceActor"), mex), (mex, rdfs_label, Literal("Mexico"))]

    graphs = {URIRef(f"https://w3id.org/geokg/id/article/a{i}"): event("e1", "-10") for i in range(3)}
    graphs[URIRef("https://w3id.org/geokg/id/article/b")] = event("e2", "-2")
    for kind in ("oxigraph.v1", "rdflib-memory.v1"):
        st = open_store(None, kind=kind)
        st.replace_graphs(graphs)
        [row] = run_named(st, "top-actors", quad_class=4).to_dicts()
        # e1 is repeated in three articles but is one event: the mean is (-10 + -2) / 2.
        assert (row["label"], row["events"], Decimal(row["mean_goldstein"])) == ("Mexico", 2, Decimal(-6)), kind


def test_hostile_about_values_are_data(store):
    before = len(store)
    for value in ['Mexico" } } ; DROP ALL ; { {', "Mex\nico", ") || true || (", "\\"]:
        assert run_named(store, "who-said-what", about=value).rows == []
    assert len(store) == before


# --------------------------------------------------------------------------- #
# One event reported by k articles: rows per report, coherent, linear in k.
#
# The k article graphs are the two sample articles (alternately) written by the writer, each
# copy with its own article, mention and sentence IRIs and a marker "[c]" in its sentence texts
# and title; the event IRI (and its facts) is the same in every copy.

_COPY_SEGMENTS = ("/article/", "/mention/", "/sentence/", "/statement/")


def _copy(graph, c):
    """The triples of ``graph`` as report number ``c``: fresh per-article IRIs, marked texts."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS

    schema_text = URIRef("https://schema.org/text")

    def rename(term):
        if isinstance(term, URIRef):
            for seg in _COPY_SEGMENTS:
                if seg in term:
                    return URIRef(str(term).replace(seg, f"{seg}k{c}-", 1))
        return term

    out = []
    for s, p, o in graph:
        if p == DCTERMS.title:
            o = Literal(f"{o} [{c}]")
        elif p == schema_text:  # each sentence ends with the copy's mark (same length: offsets hold)
            o = Literal(str(o).replace(".", _mark(c)))
        out.append((rename(s), p, rename(o)))
    return rename(graph.identifier), out


def _mark(c):
    """One character that stands for copy ``c`` (circled digits)."""
    return chr(0x2460 + c)


def _shared_store(k, kind):
    from geokg.graph.builder.run import write_vocabulary

    rec = _records()
    bases = [article_graph(r, run=rec.RUN) for r in (rec.sample_result(), rec.second_result())]
    st = open_store(None, kind=kind)
    st.replace_graphs(dict(_copy(bases[c % 2], c) for c in range(k)))
    write_vocabulary(st)  # as every build does: CAMEO concepts state QuadClass and Goldstein once
    return st


def _copy_of(article):
    return int(article.rsplit("/k", 1)[1].split("-", 1)[0])


SHARED = [
    ("events-between", {"country_a": "USA", "country_b": "MEX"}),
    ("country-events", {"country": "USA"}),
    ("actor-timeline", {"label": "United States"}),
    ("who-said-what", {}),
    ("who-said-what", {"about": "plan"}),
    ("event-mentions", {"event": "https://w3id.org/geokg/id/event/mex-usa-120-2025-03-04"}),
    ("top-actors", {"quad_class": 3}),
]
# Rows each report adds (top-actors: one row per actor, whatever k is).
_PER_REPORT = {"events-between": 1, "country-events": 1, "actor-timeline": 1, "who-said-what": 1, "event-mentions": 1}


@pytest.fixture(scope="module")
def shared_stores():
    return {(k, kind): _shared_store(k, kind) for k in (1, 4, 8) for kind in ("oxigraph.v1", "rdflib-memory.v1")}


@pytest.mark.parametrize("k", [1, 4, 8])
@pytest.mark.parametrize(("name", "params"), SHARED, ids=[f"{n}-{i}" for i, (n, _) in enumerate(SHARED)])
def test_shared_event_one_row_per_report_on_both_stores(shared_stores, k, name, params):
    ox_table = run_named(shared_stores[k, "oxigraph.v1"], name, **params)
    rd_table = run_named(shared_stores[k, "rdflib-memory.v1"], name, **params)
    assert ox_table.columns == rd_table.columns
    assert _comparable(ox_table) == _comparable(rd_table)
    if name in _PER_REPORT:
        # Each copy reports the event once (and, for who-said-what, attributes it once).
        assert len(ox_table.rows) == k * _PER_REPORT[name]
    else:
        [row] = [r for r in ox_table.to_dicts() if r["label"] == "Mexico"]
        assert row["events"] == 1 and len(ox_table.rows) == len(run_named(shared_stores[1, "oxigraph.v1"], name, **params).rows)


@pytest.mark.parametrize("k", [4, 8])
def test_shared_event_rows_are_coherent(shared_stores, k):
    st = shared_stores[k, "oxigraph.v1"]
    speakers = {0: ("Claudia Sheinbaum", "the plan", "asserted", "reject"), 1: ("officials", "the US plan", "reported", "turn down")}
    rows = run_named(st, "who-said-what").to_dicts()
    assert {_copy_of(r["article"]) for r in rows} == set(range(k))
    for r in rows:
        c = _copy_of(r["article"])
        # speaker, texts and sentence all come from the same report
        assert (r["speaker"], r["object"], r["mode"], r["relation"]) == speakers[c % 2]
        assert r["sentence"].endswith(_mark(c))
    for name, params in (("events-between", {"country_a": "MEX", "country_b": "USA"}),
                         ("actor-timeline", {"label": "Mexico"})):
        rows = run_named(st, name, **params).to_dicts()
        assert {_copy_of(r["article"]) for r in rows} == set(range(k))
        for r in rows:
            c = _copy_of(r["article"])
            assert r["sentence"].endswith(_mark(c)) and r["relation"] == speakers[c % 2][3]
            assert str(r["date"]) == "2025-03-04"  # the event's date, also for reports that do not give it
    for r in run_named(st, "country-events", country="MEX").to_dicts():
        assert r["sentence"].endswith(_mark(int(r["article"].rsplit(" [", 1)[1].rstrip("]"))))


def test_shared_event_k16_rows_linear_and_no_hang():
    """Not a timing test: at k = 16 every query returns k rows per report, well within a hang guard."""
    import threading

    st = _shared_store(16, "oxigraph.v1")
    out: dict = {}

    def work():
        out.update({f"{n}-{i}": len(run_named(st, n, **p).rows) for i, (n, p) in enumerate(SHARED)})

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=120)  # hang guard only: the old queries took minutes here, these take milliseconds
    assert not thread.is_alive(), "named queries did not finish on 16 reports of one event"
    for i, (name, _) in enumerate(SHARED):
        if name in _PER_REPORT:
            assert out[f"{name}-{i}"] == 16 * _PER_REPORT[name], name
