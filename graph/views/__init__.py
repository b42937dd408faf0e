"""geokg.graph.views: interactive, offline HTML graph views (vendored vis-network) for files and notebooks."""

from geokg.graph.views.data import ViewData, build_view_data
from geokg.graph.views.graphview import GraphView, render_page

__all__ = ["GraphView", "ViewData", "build_view_data", "render_page"]
