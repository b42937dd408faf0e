"""geokg.graph.watch: follow feeds into the graph — polling, de-duplication, incremental ingest, restarts."""

from geokg.graph.watch.canon import canonical_url, parse_every
from geokg.graph.watch.cycle import CycleReport, Watcher, WatchOptions
from geokg.graph.watch.loop import WatchStopped, watch
from geokg.graph.watch.neardup import NearDupIndex, content_hash, signature
from geokg.graph.watch.state import WatchState

__all__ = [
    "CycleReport",
    "NearDupIndex",
    "WatchOptions",
    "WatchState",
    "WatchStopped",
    "Watcher",
    "canonical_url",
    "content_hash",
    "parse_every",
    "signature",
    "watch",
]
