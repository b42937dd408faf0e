"""pyvis networks in and out of GraphView: nodes, edges, titles and colours survive the round trip.

The page is geokg's own (offline, CSP); the browser test that it makes no
request is in test_browser.py (``test_pyvis_network_page_is_offline``).
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from geokg.graph.views.graphview import GraphView
from geokg.graph.views.pyvisnet import graph_from_pyvis

pyvis_network = pytest.importorskip("pyvis.network")


def pyvis_sample(directed: bool = True):
    """A small pyvis network: string and dict colours, an HTML title, parallel edges, an int id."""
    net = pyvis_network.Network(height="500px", directed=directed, heading="Sample")
    net.add_node("usa", label="United States", title="A <b>country</b>", color="#1f77b4")
    net.add_node("rus", label="Russia", title="Another country", color={"background": "#d62728", "border": "#111"})
    net.add_node(7, label="Seven", color="orange")
    net.add_node("lone", label="No edges", title="Isolated")
    net.add_edge("usa", "rus", title="Washington imposed sanctions on Moscow.", color="#b2182b")
    net.add_edge("rus", 7, title="Moscow met Seven.", color="rgb(10, 20, 30)", label="met")
    if directed:
        net.add_edge("usa", "rus", title="Washington asked Moscow for talks.", color="#74c476")
    return net


def _nodes(net) -> dict:
    def colour(c):
        return c if isinstance(c, str) else c["background"]

    return {n["id"]: (n["label"], n.get("title"), colour(n["color"])) for n in net.nodes}


def _edges(net) -> Counter:
    return Counter((e["from"], e["to"], e.get("title"), e.get("color")) for e in net.edges)


@pytest.mark.parametrize("directed", [True, False])
def test_round_trip_keeps_nodes_edges_titles_and_colours(directed):
    net = pyvis_sample(directed)
    view = GraphView.from_pyvis(net, aggregate=False)
    assert view.problems == [] and view.height == "500px" and view.title == "Sample"
    back = view.to_pyvis()
    assert isinstance(back, pyvis_network.Network) and back.directed == directed
    assert _nodes(back) == _nodes(net)
    assert _edges(back) == _edges(net)
    again = GraphView.from_pyvis(back, aggregate=False)
    assert _nodes(again.to_pyvis()) == _nodes(net) and _edges(again.to_pyvis()) == _edges(net)


def test_view_of_a_pyvis_network_is_drawn_in_its_colours_on_geokgs_offline_page():
    view = GraphView.from_pyvis(pyvis_sample(), aggregate=False)
    payload = view.data.payload
    assert [n["color"] for n in payload["nodes"]] == ["#1f77b4", "#d62728", "orange", "#97c2fc"]  # pyvis default
    assert sorted(e["color"] for e in payload["edges"]) == ["#74c476", "#b2182b", "rgb(10, 20, 30)"]
    assert payload["meta"]["colorBy"] == "attribute"
    page = view.html()
    assert "<script src=" not in page and "<link" not in page and "unpkg" not in page and "jsdelivr" not in page
    assert "Content-Security-Policy" in page and "A <b>country</b>" not in page  # the title is data, not markup


def test_bundled_edges_of_a_pyvis_network_get_one_title_and_the_first_colour():
    net = pyvis_sample()
    back = GraphView.from_pyvis(net, aggregate=True).to_pyvis()
    bundled = [e for e in back.edges if (e["from"], e["to"]) == ("usa", "rus")]
    assert len(bundled) == 1 and bundled[0]["value"] == 2
    assert bundled[0]["title"].startswith("2 events: ") and bundled[0]["color"] == "#b2182b"


def test_bad_colours_are_reported_and_drawn_grey():
    net = pyvis_network.Network()
    net.add_node("a", label="A", color="url(javascript:alert(1))")
    net.add_node("b", label="B", color="#00ff00")
    net.add_edge("a", "b", color="expression(1)")
    with pytest.warns(UserWarning, match="bad attribute"):
        view = GraphView.from_pyvis(net)
    assert [n["color"] for n in view.data.payload["nodes"]] == ["#b0b0b0", "#00ff00"]
    assert view.data.payload["edges"][0]["color"] == "#9e9e9e"
    assert len(view.problems) == 2 and all("not a CSS colour" in p for p in view.problems)


def test_from_pyvis_refuses_other_objects():
    with pytest.raises(TypeError, match="pyvis.network.Network"):
        GraphView.from_pyvis(nx.DiGraph())
    with pytest.raises(TypeError, match="pyvis.network.Network"):
        graph_from_pyvis({"nodes": []})


def test_own_colours_are_used_only_when_asked():
    """A networkx graph's ``color`` attributes change nothing in the default colouring."""
    g = nx.MultiDiGraph()
    g.add_node("a", country="USA", color="#123456")
    g.add_node("b", country="RUS")
    g.add_edge("a", "b", quad_class=4, color="#abcdef")
    plain = GraphView.from_networkx(g).data.payload
    g2 = nx.MultiDiGraph(g)
    for _, d in g2.nodes(data=True):
        d.pop("color", None)
    for _, _, d in g2.edges(data=True):
        d.pop("color", None)
    assert plain == GraphView.from_networkx(g2).data.payload
    own = GraphView.from_networkx(g, color_by="attribute").data.payload
    assert own["nodes"][0]["color"] == "#123456" and own["edges"][0]["color"] == "#abcdef"


def test_to_pyvis_of_a_networkx_view_uses_the_graphs_node_ids():
    g = nx.DiGraph()
    g.add_edge(("tuple", 1), "b", label="met", sentence="They met.")
    back = GraphView.from_networkx(g).to_pyvis()
    assert sorted(map(str, (n["id"] for n in back.nodes))) == ["('tuple', 1)", "b"]
    assert back.edges[0]["title"] == "They met."
