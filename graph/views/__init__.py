"""geokg.graph.views: interactive, offline HTML graph views (vendored vis-network) for files and notebooks."""

from geokg.graph.views.data import ViewData, build_view_data
from geokg.graph.views.graphview import GraphView, render_page
from geokg.graph.views.mapview import MapView, render_map_page

__all__ = ["GraphView", "MapView", "ViewData", "build_view_data", "render_map_page", "render_page"]
