"""The ``geokg`` command: exit codes and messages that name the bad input."""

from __future__ import annotations

import json

import pytest
from geokg.graph.cli import app
from geokg.graph.rdf.writer import DESCRIBED_BASES
from geokg.graph.store import open_store
from rdflib import Literal, URIRef
from typer.testing import CliRunner

runner = CliRunner()
G = URIRef("https://w3id.org/geokg/id/article/0123456789abcdef")


@pytest.fixture()
def store_dir(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as st:
        st.replace_graphs({G: [
            (G, URIRef("https://schema.org/url"), Literal("https://x.test/a")),
            (URIRef("urn:mx"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Mexico")),
        ]})
    return path


def test_every_command_has_help_with_an_example():
    for command in ["build", "query", "queries", "export", "remove", "stats", "serve"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Example: geokg" in result.output, command


def test_query_formats(store_dir):
    q = "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    result = runner.invoke(app, ["query", q, "--store", str(store_dir), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rows"] == [{"l": "Mexico"}]
    result = runner.invoke(app, ["query", q, "--store", str(store_dir), "-f", "csv"])
    assert result.stdout.splitlines() == ["l", "Mexico"]


def test_malformed_query_exits_2_with_message(store_dir):
    result = runner.invoke(app, ["query", "SELECT WHERE {", "--store", str(store_dir)])
    assert result.exit_code == 2
    assert "malformed SPARQL" in result.stderr


def test_missing_query_file_and_store(store_dir, tmp_path):
    result = runner.invoke(app, ["query", str(tmp_path / "nope.rq"), "--store", str(store_dir)])
    assert result.exit_code == 2 and "nope.rq" in result.stderr
    result = runner.invoke(app, ["query", "ASK {}", "--store", str(tmp_path / "nostore")])
    assert result.exit_code == 2 and "nostore" in result.stderr


def test_named_query_params(store_dir):
    result = runner.invoke(app, ["query", "-n", "events-between", "-p", "country_a=MEX", "--store", str(store_dir)])
    assert result.exit_code == 2 and "country_b" in result.stderr
    result = runner.invoke(app, ["query", "-n", "events-between", "-p", "country_a=MEX", "-p", "country_b=USA",
                                 "--store", str(store_dir), "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("date,source,relation")
    result = runner.invoke(app, ["query", "-n", "events-between", "-p", "oops", "--store", str(store_dir)])
    assert result.exit_code == 2 and "NAME=VALUE" in result.stderr


def test_remove_by_url_and_unknown(store_dir):
    result = runner.invoke(app, ["remove", "https://x.test/a", "feedfacefeedface", "--store", str(store_dir)])
    assert result.exit_code == 1
    assert "removed: https://x.test/a" in result.stdout and "not found: feedfacefeedface" in result.stdout
    with open_store(store_dir, read_only=True) as st:
        assert st.graphs() == []


def test_export_and_stats(store_dir, tmp_path):
    result = runner.invoke(app, ["export", "nquads", "--out", str(tmp_path / "g.nq"), "--store", str(store_dir)])
    assert result.exit_code == 0 and (tmp_path / "g.nq").read_text().count("\n") == 2
    result = runner.invoke(app, ["export", "yaml", "--out", str(tmp_path / "g.x"), "--store", str(store_dir)])
    assert result.exit_code == 2 and "unknown export format" in result.stderr
    result = runner.invoke(app, ["stats", "--store", str(store_dir)])
    assert result.exit_code == 0 and "quads" in result.stdout


def test_build_missing_path_is_named_and_others_processed(tmp_path, monkeypatch):
    good = tmp_path / "a.md"
    good.write_text("---\ntitle: Peru and Chile sign an accord\ndate: 2025-03-03\n---\nPeru signed an accord with Chile.\n")
    import geokg.ingest.pipeline as pipeline_mod

    monkeypatch.setattr(pipeline_mod.Pipeline, "create", classmethod(lambda cls, settings=None, nlp=None: _blank_pipeline()))
    result = runner.invoke(app, ["build", str(good), str(tmp_path / "missing.md"), "--out", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 1
    assert "missing.md" in result.stderr and "no such file" in result.stderr
    with open_store(tmp_path / "out" / "store", read_only=True) as st:
        # the good article + the vocabulary + the run (+ the descriptions of its actors)
        assert len([g for g in st.graphs() if not str(g).startswith(DESCRIBED_BASES)]) == 3


def test_build_reports_the_store_rewrite_and_no_rewrite_skips_it(tmp_path, monkeypatch):
    good = tmp_path / "a.md"
    good.write_text("---\ntitle: Peru and Chile sign an accord\ndate: 2025-03-03\n---\nPeru signed an accord with Chile.\n")
    import geokg.ingest.pipeline as pipeline_mod

    monkeypatch.setattr(pipeline_mod.Pipeline, "create", classmethod(lambda cls, settings=None, nlp=None: _blank_pipeline()))
    result = runner.invoke(app, ["build", str(good), "--out", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 0 and "store rewrite" in result.stderr and " MB -> " in result.stderr
    result = runner.invoke(app, ["build", str(good), "--out", str(tmp_path / "other"), "--no-html", "--no-rewrite"])
    assert result.exit_code == 0 and "store rewrite" not in result.stderr


@pytest.mark.parametrize("note", ["spaCy 3.8.18 parses about twice as fast on Python 3.12", None])
def test_build_notes_a_python_whose_spacy_parses_at_half_speed(tmp_path, monkeypatch, note):
    good = tmp_path / "a.md"
    good.write_text("---\ntitle: Peru and Chile sign an accord\ndate: 2025-03-03\n---\nPeru signed an accord with Chile.\n")
    import geokg.ingest.pipeline as pipeline_mod

    monkeypatch.setattr(pipeline_mod.Pipeline, "create", classmethod(lambda cls, settings=None, nlp=None: _blank_pipeline()))
    monkeypatch.setattr(pipeline_mod, "slow_parser_note", lambda: note)
    result = runner.invoke(app, ["build", str(good), "--out", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 0
    assert (f"note: {note}" in result.stderr) if note else ("note:" not in result.stderr)


def test_the_slow_parser_note_names_the_versions():
    from geokg.ingest.pipeline import slow_parser_note

    assert "Python 3.12 as on 3.11.7" in slow_parser_note((3, 11, 7), "3.8.8")
    for python, spacy_version in [((3, 11, 7), "3.8.7"), ((3, 12, 1), "3.8.18"), ((3, 13, 0), "3.8.18"),
                                  ((3, 11, 7), "3.9.0"), ((3, 11, 7), "3.7.5")]:
        assert slow_parser_note(python, spacy_version) is None, (python, spacy_version)


def _blank_pipeline():
    """A fast pipeline on spacy.blank (the CLI flow is under test here, not the model)."""
    import spacy
    from geokg.ingest.pipeline import Pipeline

    nlp = spacy.blank("en")
    nlp.add_pipe("geokg_blocks")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, extractor=lambda doc, article_id="": iter(()), coder=None)


@pytest.mark.parametrize("chosen", [None, "3"])
def test_the_command_asks_for_one_blas_thread_before_any_command_runs(monkeypatch, chosen):
    """``main`` sets ``OPENBLAS_NUM_THREADS=1`` before the command imports numpy, unless the user set
    it (geokg.graph.builder.allocator: the parsing processes then never have a second thread)."""
    import os

    import geokg.graph.cli as cli

    if chosen is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", chosen)
    seen = []
    monkeypatch.setattr(cli, "app", lambda: seen.append(os.environ.get("OPENBLAS_NUM_THREADS")))
    cli.main()
    assert seen == [chosen or "1"]
