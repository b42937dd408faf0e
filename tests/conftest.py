"""Shared fixtures: the real spaCy pipeline (loaded once) and the ../shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The configured trained pipeline with geokg's components, loaded once."""
    from geokg.ingest.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def geokg_pipeline(nlp):
    """A full geokg Pipeline (model + extractor + coder), loaded once."""
    from geokg.ingest.pipeline import Pipeline, Settings, resolve_model

    return Pipeline.create(Settings(model=resolve_model()), nlp=nlp)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real Oxigraph SPARQL server on 127.0.0.1 (the ``oxigraph`` package), stopped after the test."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.skip("the oxigraph server (pip package 'oxigraph') is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path / "oxserver"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph server did not start: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, geokg_pipeline):
    """The bundled sample corpus built once per test session: ``(out_dir, report)``.

    Tests open ``out_dir / "store"`` read-only and must not write to it.
    """
    from geokg.graph.builder.run import build

    out = tmp_path_factory.mktemp("sample-build")
    report = build([ROOT / "examples" / "articles"], out, pipeline=geokg_pipeline)
    return out, report


@pytest.fixture(scope="session")
def sample_store_dir(sample_build):
    """The store folder of :func:`sample_build`."""
    return sample_build[0] / "store"
