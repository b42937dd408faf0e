"""geokg.graph.site: the static site — index, a page per actor and per event, works from file://."""

from geokg.graph.site.model import SiteModel, build_site_model
from geokg.graph.site.render import render_site, write_site

__all__ = ["SiteModel", "build_site_model", "render_site", "write_site"]
