"""Interactive, fully offline HTML views of geokg event graphs.

:class:`GraphView` turns a networkx event graph into one self-contained HTML
page: vis-network (vendored in ``graph/static/``), the page's own script and
CSS and the graph data are all inlined, and a Content-Security-Policy with
script hashes forbids every network request and every script that is not
ours.  The page never loads anything from a CDN.

The page shows node colour by country or sector, node size by centrality,
edge colour by CAMEO QuadClass and width by number of events, with filters
(event type, QuadClass, date range), actor search, a legend and tooltips
whose text is untrusted article text inserted with ``textContent``.

Examples
--------
>>> from geokg.graph.views.sample import synthetic_event_graph
>>> view = GraphView.from_networkx(synthetic_event_graph(8, 12, seed=2), title="demo")
>>> page = view.html()
>>> page.startswith("<!DOCTYPE html>"), "<script src=" in page, "<link" in page
(True, False, False)
>>> view.n_nodes, view.physics
(8, 'browser')
>>> view._repr_html_().startswith("<iframe ")
True
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
import warnings
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from geokg.graph.views.data import ViewData, build_view_data

__all__ = ["VIS_NETWORK_VERSION", "GraphView", "render_page"]

#: Version of the vendored ``graph/static/vis-network.min.js``.
VIS_NETWORK_VERSION = "10.1.5"
_HEIGHT = re.compile(r"^\d{1,5}(\.\d{1,3})?(px|vh|em|rem|%)$")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _asset(*parts: str) -> str:
    """Text of a packaged file, with line ends normalised as an HTML parser would
    (so the CSP hashes of inline scripts match even on a CRLF checkout)."""
    path = files("geokg.graph.views")
    for part in parts:
        path = path / part
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _script_safe(name: str, text: str) -> str:
    low = text.lower()
    if "</script" in low or "<!--" in low:
        raise ValueError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    return text


def _json_for_script(payload: Any) -> str:
    """JSON that cannot close its ``<script>`` element (``<``, ``>``, ``&`` escaped).

    Examples
    --------
    >>> _json_for_script({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(payload: dict[str, Any], *, title: str, height: str, map_embed: Any = None) -> str:
    """Render a view payload (see :mod:`geokg.graph.views.data`) to one HTML page.

    Parameters
    ----------
    payload : dict
        ``ViewData.payload``.
    title : str
        Page and header title (escaped).
    height : str
        CSS height of the graph area, such as ``"720px"`` or ``"80vh"``.
    map_embed : MapEmbed, optional
        ``MapView.embed()``: adds a Map tab (:mod:`geokg.graph.views.mapview`).

    Examples
    --------
    >>> render_page({}, title="t", height="tall")
    Traceback (most recent call last):
    ...
    ValueError: height must be a CSS length such as '720px' or '80vh'; got 'tall'
    """
    if not isinstance(height, str) or not _HEIGHT.match(height):
        raise ValueError(f"height must be a CSS length such as '720px' or '80vh'; got {height!r}")
    import jinja2

    vis_js = _script_safe("vis-network.min.js", _asset("static", "vis-network.min.js"))
    app_js = _script_safe("geokg-view.js", _asset("static", "geokg-view.js"))
    css = _asset("static", "geokg-view.css")
    if "</style" in css.lower():
        raise ValueError("geokg-view.css contains '</style'")
    embed = map_embed
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_sha256(vis_js)} {_sha256(app_js)}" + (f" {embed.script_hash}" if embed else ""),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "connect-src 'none'",
        "font-src 'none'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_asset("templates", "view.html.j2"))
    return template.render(
        title=title, height=height, csp=csp, css=css, vis_js=vis_js, app_js=app_js,
        data_json=_json_for_script(payload), vis_version=VIS_NETWORK_VERSION,
        map_section=embed.section if embed else "", map_scripts=embed.scripts if embed else "",
    )


def _warn_problems(problems: list[str]) -> None:
    """One warning listing the first bad attribute values met while building a view."""
    if problems:
        shown = "; ".join(problems[:3])
        more = f" (+{len(problems) - 3} more in .problems)" if len(problems) > 3 else ""
        warnings.warn(f"GraphView: {len(problems)} bad attribute value(s): {shown}{more}", stacklevel=3)


@dataclass(frozen=True)
class GraphView:
    """A rendered-on-demand interactive view of one event graph.

    Build it with :meth:`from_networkx`; :meth:`html` returns the page,
    :meth:`save` writes it, and notebooks display it through
    :meth:`_repr_html_` (an isolated ``<iframe srcdoc>``).

    Attributes
    ----------
    data : ViewData
        The payload (nodes, edges, events, legend) and the input problems.
    title, height : str
        Page title and CSS height of the graph area.
    map_embed : MapEmbed or None
        The Map tab (:meth:`with_map`), or None: no tab.
    """

    data: ViewData
    title: str = "geokg"
    height: str = "720px"
    map_embed: Any = None

    @classmethod
    def from_networkx(cls, g: Any, *, height: str = "720px", title: str = "geokg", **options: Any) -> GraphView:
        """Build a view of ``g`` (``nx.MultiDiGraph``, ``nx.DiGraph`` or undirected).

        Parameters
        ----------
        g : networkx.Graph
            Nodes may carry ``label``, ``kind``, ``country``, ``sector``,
            ``url``, ``title`` (plain text); edges ``label``, ``lemma``,
            ``cameo``, ``plover``, ``quad_class``, ``goldstein``, ``date``,
            ``sentence``, ``source_url``, ``article_title``, ``count``.
            Bad values are dropped and listed in :attr:`problems`.
        height : str
            CSS height of the graph area.
        title : str
            Page title.
        **options
            How to draw it: ``color_by``, ``size_by``, ``top_n``,
            ``physics``, ``aggregate``, ``max_nodes``, ``seed``,
            ``layout_budget`` (see :class:`~geokg.graph.views.data.ViewOptions`).

        Returns
        -------
        GraphView

        Examples
        --------
        >>> import networkx as nx
        >>> GraphView.from_networkx(nx.DiGraph(), color_by="colour")
        Traceback (most recent call last):
        ...
        ValueError: color_by must be one of 'country', 'sector', 'attribute'; got 'colour'
        """
        if not isinstance(title, str):
            raise TypeError(f"title must be a string, got {type(title).__name__}")
        if not isinstance(height, str) or not _HEIGHT.match(height):
            raise ValueError(f"height must be a CSS length such as '720px' or '80vh'; got {height!r}")
        cameo_names = json.loads(_asset("static", "cameo_roots.json"))
        data = build_view_data(g, title=title, cameo_names=cameo_names, **options)
        _warn_problems(data.problems)
        return cls(data=data, title=title, height=height)

    @classmethod
    def from_pyvis(cls, net: Any, *, height: str | None = None, title: str | None = None, **options: Any) -> GraphView:
        """A view of a :class:`pyvis.network.Network`, drawn with geokg's offline page.

        Nodes keep their id, label, title and colour, edges their title (as
        the event's sentence), label and colour (``color_by="attribute"``
        unless ``options`` say otherwise; see :mod:`geokg.graph.views.pyvisnet`).
        ``height`` and ``title`` default to the network's ``height`` and
        ``heading``.  Save this view, not the network: pyvis's own HTML links CDNs.

        Examples
        --------
        >>> from pyvis.network import Network
        >>> net = Network(directed=True)
        >>> net.add_nodes(["a", "b"], label=["Alpha", "Beta"], color=["#ff0000", "#00ff00"])
        >>> net.add_edge("a", "b", title="Alpha met Beta.")
        >>> view = GraphView.from_pyvis(net, title="pyvis demo")
        >>> [n["color"] for n in view.data.payload["nodes"]], view.to_pyvis().edges[0]["title"]
        (['#ff0000', '#00ff00'], 'Alpha met Beta.')
        """
        from geokg.graph.views.pyvisnet import graph_from_pyvis

        g = graph_from_pyvis(net)
        if height is None:
            height = net.height if isinstance(net.height, str) and _HEIGHT.match(net.height) else "720px"
        options.setdefault("color_by", "attribute")
        return cls.from_networkx(g, height=height, title=title or net.heading or "geokg", **options)

    def to_pyvis(self) -> Any:
        """This view's drawn graph as a :class:`pyvis.network.Network` (see :mod:`geokg.graph.views.pyvisnet`).

        For code that works on pyvis networks; draw it back with
        :meth:`from_pyvis` (pyvis's own ``show``/``save_graph`` link CDNs).
        """
        from geokg.graph.views.pyvisnet import pyvis_from_view

        return pyvis_from_view(self.data, height=self.height, heading=self.title)

    @property
    def problems(self) -> list[str]:
        """Input problems met while building (each names the node/edge and attribute)."""
        return list(self.data.problems)

    @property
    def n_nodes(self) -> int:
        """Number of actors drawn."""
        return self.data.n_nodes

    @property
    def n_edges(self) -> int:
        """Number of edges drawn (an edge may bundle several events)."""
        return self.data.n_edges

    @property
    def physics(self) -> str:
        """``"browser"`` (short simulation, then off) or ``"layout"`` (precomputed)."""
        return str(self.data.payload["meta"]["physics"])

    def html(self) -> str:
        """The complete, single-file HTML page (no external resources)."""
        return render_page(self.data.payload, title=self.title, height=self.height, map_embed=self.map_embed)

    def with_map(self, map_view: Any) -> GraphView:
        """This view with a Map tab showing ``map_view`` (a :class:`~geokg.graph.views.mapview.MapView`)."""
        from dataclasses import replace

        return replace(self, map_embed=map_view.embed())

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path.

        Examples
        --------
        >>> import tempfile, networkx as nx
        >>> g = nx.DiGraph([("a", "b")])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = GraphView.from_networkx(g).save(Path(tmp) / "v.html")
        ...     out.name, out.stat().st_size > 100_000
        ('v.html', True)
        """
        out = Path(path)
        if out.is_dir():
            raise IsADirectoryError(f"save path is a directory: {out}")
        out.write_text(self.html(), encoding="utf-8")
        return out

    def _repr_html_(self) -> str:
        """An isolated ``<iframe srcdoc>`` for JupyterLab, Notebook and VS Code.

        The page is HTML-escaped into the attribute, with every non-ASCII
        character as a character reference, so the page survives a host
        document of any encoding.  The sandbox allows scripts and popups
        (source links) but not same-origin access to the notebook.
        """
        doc = html_lib.escape(self.html(), quote=True).encode("ascii", "xmlcharrefreplace").decode("ascii")
        extra = "110px"
        return (
            '<iframe class="geokg-view" title="' + html_lib.escape(self.title, quote=True) + '" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            f'style="width:100%;height:calc({self.height} + {extra});border:1px solid #d0d7de;" '
            f'srcdoc="{doc}"></iframe>'
        )
