"""Dask ingest: scheduler addresses, plugin names, and a LocalCluster build equal to a single-process one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from geokg.graph.builder.distributed import cluster_spec, plugin_name
from geokg.graph.builder.run import build
from geokg.graph.store import open_store
from geokg.ingest.pipeline import Settings

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "examples" / "articles"


def test_cluster_spec():
    assert cluster_spec(" local ") == "local"
    assert cluster_spec("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
    for bad in ("", "127.0.0.1:8786", "http://x", "tcp://"):
        with pytest.raises(ValueError, match="--dask takes"):
            cluster_spec(bad)


def test_plugin_names_keep_configurations_apart():
    a, b = Settings(model="en_core_web_sm"), Settings(model="en_core_web_md")
    assert plugin_name(a) == plugin_name(Settings(model="en_core_web_sm")) != plugin_name(b)


def test_dask_is_imported_lazily():
    import subprocess

    code = ("import sys, geokg.graph.builder.run, geokg.graph.builder.distributed, geokg.graph.builder.parallel; "
            "print(sorted(m for m in ('dask', 'distributed', 'spacy.lang.en') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_bad_dask_value_fails_before_any_work(tmp_path):
    with pytest.raises(ValueError, match="--dask takes"):
        build([CORPUS], tmp_path, dask="localhost", exports=False)
    assert not (tmp_path / "store").exists()


def _quads(path):
    with open_store(path, read_only=True) as st:
        return {(str(s), str(p), o.n3(), str(g)) for s, p, o, g in st.dataset().quads((None, None, None, None))}


@pytest.mark.model
def test_local_cluster_gives_the_same_graph_as_one_process(tmp_path, geokg_pipeline, dask_scratch):
    pytest.importorskip("distributed")
    single = build([CORPUS], tmp_path / "single", pipeline=geokg_pipeline, exports=False)
    dask = build([CORPUS], tmp_path / "dask", settings=geokg_pipeline.settings, dask="local", jobs=2,
                 chunk_size=4, exports=False)
    assert (dask_scratch / "dask-scratch-space").is_dir()  # the cluster's scratch folder is the test's (conftest)
    assert single.ok and dask.ok and dask.articles == single.articles == 26
    assert dask.backend == "dask local, bulk load" and (dask.events, dask.actors) == (single.events, single.actors)
    quads = _quads(tmp_path / "single" / "store")
    assert len(quads) > 10_000 and _quads(tmp_path / "dask" / "store") == quads
