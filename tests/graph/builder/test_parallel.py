"""Streaming and parallel ingest: bounded maps, the N-Quads shard format, --jobs 2 == --jobs 1 == parse ahead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from geokg.graph.builder.ahead import can_parse_ahead
from geokg.graph.builder.run import build
from geokg.graph.cli import app
from geokg.graph.rdf.evidence import _literal, nt_term
from geokg.graph.store import open_store, to_nquads
from geokg.graph.store.terms import _nq_term, _to_ox
from geokg.ingest.records import ArticleResult
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "examples" / "articles"


_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_texts, st.integers(min_value=-(10**20), max_value=10**20))
def test_writer_literals_are_the_literals_rdflib_would_make(text, number):
    """The writer's N-Triples literals read back (in rdflib and in Oxigraph) as ``Literal(value)``."""
    for value in (text, number):
        written, slow = _literal(value), Literal(value)
        back = nt_term(written)
        assert type(back) is Literal and back == slow and hash(back) == hash(slow)
        assert (back.value, back.datatype, back.language) == (slow.value, slow.datatype, slow.language)
        assert written == _nq_term(slow, True)
        loaded = ox.Store()
        loaded.load(f"<urn:s> <urn:p> {written} .\n", format=ox.RdfFormat.N_TRIPLES)
        assert [q.object for q in loaded] == [_to_ox(slow)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_texts, st.sampled_from([None, "en", "es-MX"]), st.booleans()), min_size=1, max_size=8))
def test_nquads_shards_load_as_the_same_quads(values):
    """The writer's N-Quads text and term-by-term conversion give the same quads in Oxigraph."""
    g = URIRef("https://w3id.org/geokg/id/article/x")
    triples = []
    for i, (text, lang, typed) in enumerate(values):
        obj = Literal(text, datatype=URIRef("http://www.w3.org/2001/XMLSchema#string")) if typed and not lang \
            else Literal(text, lang=lang)
        triples.append((URIRef(f"urn:s{i}"), URIRef("urn:p"), obj))
        triples.append((URIRef(f"urn:s{i}"), URIRef("urn:n"), Literal(i)))
    by_objects = ox.Store()
    by_objects.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.NamedNode(str(g))) for s, p, o in triples)
    by_text = ox.Store()
    by_text.load(to_nquads({g: triples}), format=ox.RdfFormat.N_QUADS)
    assert set(by_text) == set(by_objects)


def _quads(path):
    with open_store(path, read_only=True) as st_:
        return {(str(s), str(p), o.n3(), str(g)) for s, p, o, g in st_.dataset().quads((None, None, None, None))}


@pytest.mark.model
def test_jobs_2_and_parse_ahead_give_the_same_graph_as_jobs_1(tmp_path, geokg_pipeline):
    seen = []
    one = build([CORPUS], tmp_path / "one", pipeline=geokg_pipeline, exports=False, parse_ahead=False)
    two = build([CORPUS], tmp_path / "two", pipeline=geokg_pipeline, jobs=2, chunk_size=4, exports=False,
                on_article=seen.append)
    ahead = build([CORPUS], tmp_path / "ahead", pipeline=geokg_pipeline, exports=False)
    assert one.ok and two.ok and ahead.ok and one.articles == two.articles == ahead.articles == 26
    assert (one.backend, two.backend, two.jobs) == ("serial, bulk load", "processes, bulk load", 2)
    assert ahead.backend == "serial, parse-ahead, bulk load" or not can_parse_ahead(geokg_pipeline.settings)
    assert (one.sentences, one.events, one.actors) == (two.sentences, two.events, two.actors)
    assert (one.sentences, one.events, one.actors) == (ahead.sentences, ahead.events, ahead.actors)
    # workers send records back, so callbacks get them as in a serial build
    assert len(seen) == 26 and all(isinstance(r, ArticleResult) for r in seen)
    quads = _quads(tmp_path / "one" / "store")
    assert len(quads) > 10_000 and _quads(tmp_path / "two" / "store") == quads
    assert _quads(tmp_path / "ahead" / "store") == quads  # the parses read back in the parent are the same


@pytest.mark.model
@pytest.mark.parametrize("jobs", [2, 1])  # --jobs 1: the parse-ahead process (where it can fork)
def test_workers_end_when_the_build_is_killed(tmp_path, jobs):
    """A build killed with SIGKILL leaves no worker process behind (they watch their parent)."""
    if jobs == 1 and len(os.sched_getaffinity(0)) < 2:
        pytest.skip("parse ahead needs two CPUs")
    proc = subprocess.Popen(
        [sys.executable, "-m", "geokg.graph.cli", "build", str(CORPUS), "--out", str(tmp_path / "out"), "--no-html",
         "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < jobs and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        # spawned workers run multiprocessing's spawn_main; forked ones the parent's own command line
        workers = [p for p in _children(proc.pid) if "spawn_main" in _cmdline(p) or _cmdline(p) == _cmdline(proc.pid)]
    assert len(workers) == jobs, "the build started no worker processes"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.2)
    assert not any(_alive(p) for p in workers), f"worker processes {workers} outlived the killed build"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except OSError:
        return False


runner = CliRunner()


def test_cli_build_has_the_scale_options():
    result = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--jobs", "--dask", "--fresh", "--bulk-load", "--no-parse-ahead"):
        assert option in result.output


def test_cli_rejects_bad_scale_options(tmp_path):
    result = runner.invoke(app, ["build", str(CORPUS), "--out", str(tmp_path), "--dask", "10.0.0.5"])
    assert result.exit_code == 2 and "tcp://HOST:PORT" in result.stderr
    result = runner.invoke(app, ["build", str(CORPUS), "--out", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2


@pytest.mark.model
def test_cli_parallel_build_then_resume(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in sorted(p.name for p in CORPUS.glob("*.md"))[:3]:
        shutil.copy(CORPUS / name, corpus / name)
    args = ["build", str(corpus), "--out", str(tmp_path / "out"), "--no-html", "--jobs", "2", "--bulk-load"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "2 (processes, bulk load)" in first.stderr and "articles/s" in first.stderr
    second = runner.invoke(app, args)
    assert second.exit_code == 0
    row = next(line for line in second.stderr.splitlines() if "skipped (journal)" in line)
    assert row.split("│")[2].strip() == "3"
    third = runner.invoke(app, [*args, "--fresh"])
    row = next(line for line in third.stderr.splitlines() if "skipped (journal)" in line)
    assert third.exit_code == 0 and row.split("│")[2].strip() == "0"
