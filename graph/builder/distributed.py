"""Ingest on a Dask cluster: workers parse articles and write their graphs, the driver loads them.

``geokg build --dask local --jobs N`` starts a :class:`distributed.LocalCluster`
of ``N`` single-threaded worker processes; ``--dask tcp://HOST:PORT`` uses a
running scheduler (its workers need geokg and the spaCy model installed).

How the work is shared:

* the driver (the ``geokg build`` process) reads the sources, skips what the
  journal says is done, and submits chunks of articles, keeping at most
  ``window`` chunks in flight (:func:`~geokg.graph.builder.chunks.bounded_map`), so
  a corpus of any size streams through in bounded memory;
* each worker gets the geokg pipeline **once**: a worker plugin
  (:func:`pipeline_plugin`, registered as :data:`PLUGIN_NAME` plus a digest
  of the settings or of the caller's pickled pipeline, so two configurations
  can share a cluster) loads it in ``setup`` when the worker joins (or
  unpickles the pipeline the build was given, see
  :class:`~geokg.graph.builder.parallel.PipelineSource`) and keeps it on the
  plugin; tasks take it from there under a lock, so a worker with several
  threads never runs one pipeline concurrently;
* a task returns one :class:`~geokg.graph.builder.parallel.ArticleOutput` per
  article carrying its graph as N-Quads and its counts (and its records when
  the build keeps them), exactly as a process-pool worker does
  (:func:`~geokg.graph.builder.parallel.worker_chunk`); the driver
  bulk-loads them in batches, as a single-process build does, so the graph
  is the same.

Dask is an optional dependency (``pip install "geokg[dask]"``) and is
imported only when a Dask build runs.

Examples
--------
>>> cluster_spec("local"), cluster_spec("tcp://10.0.0.5:8786")
('local', 'tcp://10.0.0.5:8786')
>>> cluster_spec("10.0.0.5")
Traceback (most recent call last):
...
ValueError: --dask takes 'local' or a scheduler address such as tcp://HOST:PORT, got '10.0.0.5'
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from geokg.graph.builder.chunks import bounded_map
from geokg.graph.builder.parallel import (
    DEFAULT_CHUNK_SIZE,
    LAST_CHUNK_CHARS,
    ArticleOutput,
    Pending,
    PipelineSource,
    article_chunks,
    finish_outputs,
    worker_chunk,
)
from geokg.ingest.records import ReadError

if TYPE_CHECKING:  # pragma: no cover
    from geokg.graph.rdf.writer import RunInfo
    from geokg.ingest.pipeline import Pipeline, Settings

__all__ = ["PLUGIN_NAME", "cluster_spec", "dask_client", "pipeline_plugin", "plugin_name", "dask_outputs"]

#: Name prefix of the worker plugins that hold each worker's pipeline.
PLUGIN_NAME = "geokg-pipeline"

_ADDRESS = re.compile(r"^(tcp|tls|ucx|inproc|ws|wss)://\S+$")


def cluster_spec(value: str) -> str:
    """Check a ``--dask`` value: ``"local"`` or a scheduler address."""
    value = value.strip()
    if value == "local" or _ADDRESS.match(value):
        return value
    raise ValueError(f"--dask takes 'local' or a scheduler address such as tcp://HOST:PORT, got {value!r}")


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ImportError(
            "Dask builds need the optional 'dask' extra: pip install \"geokg[dask]\" "
            "(or pip install \"dask[distributed]\")"
        ) from None


@contextlib.contextmanager
def dask_client(spec: str, *, workers: int = 2) -> Iterator[Any]:
    """A :class:`distributed.Client` for ``spec`` (``"local"`` starts a LocalCluster).

    The local cluster has ``workers`` worker processes with one thread each
    and no dashboard; it is shut down on exit.
    """
    _require_dask()
    import logging

    from distributed import Client, LocalCluster

    spec = cluster_spec(spec)
    if spec == "local":
        if workers < 1:
            raise ValueError(f"a local Dask cluster needs at least 1 worker, got {workers}")
        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(spec, timeout="20s")
        except OSError as exc:
            raise OSError(f"cannot reach the Dask scheduler at {spec}: {exc}") from None
        with client:
            yield client


def pipeline_plugin(source: "Settings | PipelineSource") -> Any:
    """A worker plugin that gets the geokg pipeline once per worker (loaded from settings, or unpickled).

    Defined when called (Dask plugins must subclass ``WorkerPlugin``, and
    Dask is imported lazily); cloudpickle ships the class to the workers.
    """
    if not isinstance(source, PipelineSource):
        source = PipelineSource.of(source)
    import threading

    from distributed.diagnostics.plugin import WorkerPlugin

    class GeokgPipelinePlugin(WorkerPlugin):
        idempotent = True

        def __init__(self, source: PipelineSource) -> None:
            self.source = source
            self.pipeline: Any = None
            self.lock: Any = None

        def setup(self, worker: Any) -> None:
            self.lock = threading.Lock()
            self.pipeline = self.source.load()
            self.source = self.source.ref  # the pickled pipeline is not needed any more

    return GeokgPipelinePlugin(source)


def plugin_name(source: "Settings | PipelineSource") -> str:
    """The worker plugin's name for ``source`` (settings, or a pickled pipeline's digest).

    Examples
    --------
    >>> from geokg.ingest.pipeline import Settings
    >>> plugin_name(Settings(model="en_core_web_sm")).startswith(PLUGIN_NAME + "-")
    True
    >>> plugin_name(PipelineSource.of(Settings())) == plugin_name(Settings())
    True
    """
    from geokg.ingest.records import stable_id

    if isinstance(source, PipelineSource):
        if source.digest is not None:
            return f"{PLUGIN_NAME}-pickled-{source.digest}"
        source = source.settings
    return f"{PLUGIN_NAME}-{stable_id(repr(source))}"


def _dask_chunk(
    name: str, chunk: list[Pending], run: "RunInfo | None", keep_results: bool = False
) -> list[ArticleOutput | ReadError]:
    from distributed import get_worker

    plugin = get_worker().plugins[name]
    with plugin.lock:
        return worker_chunk(plugin.pipeline, chunk, run, keep_results=keep_results)


def dask_outputs(
    pending: Iterable[Pending],
    *,
    client: Any,
    settings: "Settings",
    run: "RunInfo | None",
    pipeline: "Pipeline | PipelineSource | None" = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    window: int | None = None,
    keep_results: bool = False,
) -> Iterator[ArticleOutput | ReadError]:
    """Parse articles on the workers of ``client``, write their graphs here; yield outputs in input order.

    Registers :func:`pipeline_plugin` (each worker gets the caller's
    ``pipeline``, pickled, or loads one from ``settings``, once), then
    submits chunks of at most ``chunk_size`` articles (and about
    :data:`~geokg.graph.builder.parallel.DEFAULT_CHUNK_CHARS` characters) with at most ``window``
    in flight (default: twice the worker threads, plus one).  Workers send
    N-Quads, as in :func:`~geokg.graph.builder.parallel.parallel_outputs`;
    ``keep_results`` also sends the records and keeps them on the outputs.
    """
    source = PipelineSource.of(settings, pipeline)
    name = plugin_name(source)
    client.register_plugin(pipeline_plugin(source), name=name)
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads + 1

    def submit(chunk: list[Pending]) -> Any:
        return client.submit(_dask_chunk, name, chunk, run, keep_results, pure=False)

    # the last chunks shrink: the workers end together, not one a whole chunk after the others
    chunks = article_chunks(pending, chunk_size, last_chars=LAST_CHUNK_CHARS)
    tasks = bounded_map(submit, chunks, window=window)
    yield from finish_outputs(tasks, run, keep_results=keep_results)
