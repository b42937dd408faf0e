"""Synthetic event graphs for tests, benchmarks and demos of the graph view.

The graphs carry exactly the node and edge attributes that
:class:`geokg.graph.views.graphview.GraphView` reads (see its docstring), with made-up
actors, relations and sentences, so tests never depend on real articles.
Sources are drawn by preferential attachment, so a few hubs collect many
events as in real news graphs, and targets are often from the same country,
which gives the graph clusters.

Examples
--------
>>> g = synthetic_event_graph(12, 30, seed=1)
>>> g.number_of_nodes(), g.number_of_edges()
(12, 30)
>>> sorted(g.nodes[next(iter(g))])
['country', 'kind', 'label', 'sector', 'title', 'url']
>>> e = next(iter(g.edges(data=True)))[2]
>>> sorted(e)  # doctest: +NORMALIZE_WHITESPACE
['article_title', 'cameo', 'count', 'date', 'goldstein', 'label', 'lemma',
 'plover', 'quad_class', 'sentence', 'source_url']
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

__all__ = ["SAMPLE_RELATIONS", "synthetic_event_graph"]

#: (lemma, label, CAMEO code, PLOVER category, QuadClass, Goldstein) rows
#: used by :func:`synthetic_event_graph`; the last row is an uncoded relation.
SAMPLE_RELATIONS: tuple[tuple[str, str, str | None, str | None, int | None, float | None], ...] = (
    ("request", "asked", "020", "REQUEST", 1, 3.0),
    ("meet", "met with", "040", "CONSULT", 1, 1.0),
    ("praise", "praised", "051", "SUPPORT", 1, 3.4),
    ("agree", "signed an agreement with", "057", "AGREE", 1, 8.0),
    ("cooperate", "held joint exercises with", "062", "COOPERATE", 2, 6.4),
    ("aid", "sent aid to", "070", "AID", 2, 7.0),
    ("release", "released detainees to", "084", "CONCEDE", 2, 7.0),
    ("accuse", "accused", "112", "ACCUSE", 3, -2.0),
    ("reject", "rejected the proposal of", "120", "REJECT", 3, -4.0),
    ("threaten", "threatened", "130", "THREATEN", 3, -4.4),
    ("protest", "protested against", "140", "PROTEST", 4, -6.5),
    ("deploy", "deployed troops near", "150", "MOBILIZE", 4, -7.2),
    ("sanction", "imposed sanctions on", "163", "SANCTION", 4, -8.0),
    ("attack", "attacked", "190", "ASSAULT", 4, -10.0),
    ("mention", "mentioned", None, None, None, None),
)

_COUNTRIES = (
    "USA", "RUS", "CHN", "FRA", "DEU", "GBR", "UKR", "ISR", "IRN", "TUR", "IND", "PAK",
    "BRA", "MEX", "ZAF", "NGA", "EGY", "SAU", "JPN", "KOR", "PRK", "SYR", "IRQ", "AFG",
)
_SECTORS = ("GOV", "MIL", "BUS", "MED", "NGO", "OPP", "REB", "JUD", "LEG", "CVL")
_KINDS = ("person", "country", "organization", "group", "igo", "event")
_KIND_WEIGHTS = (40, 15, 25, 10, 6, 4)
_ROLE = {
    "GOV": "Ministry", "MIL": "Army", "BUS": "Holdings", "MED": "Herald", "NGO": "Relief Fund",
    "OPP": "Opposition Bloc", "REB": "Front", "JUD": "High Court", "LEG": "Assembly",
    "CVL": "Civic Union",
}
_SURNAMES = ("Aldan", "Berov", "Castel", "Dunmore", "Esqui", "Farrow", "Galen", "Horvat",
             "Ismay", "Jorund", "Kessler", "Lomax", "Moreau", "Novak", "Orsini", "Petrov")
_TAILS = (
    "after talks in the capital", "during a visit on Tuesday", "in a statement on Monday",
    "according to officials", "amid rising tension", "at a summit", "in a televised address",
)


def _actor(i: int, rng: random.Random) -> dict[str, Any]:
    kind = rng.choices(_KINDS, _KIND_WEIGHTS)[0]
    country = rng.choice(_COUNTRIES) if rng.random() > 0.08 else None
    sector = rng.choice(_SECTORS) if kind != "country" and rng.random() > 0.15 else None
    if kind == "country":
        label = f"Country {country or 'X'}-{i}"
    elif kind == "person":
        label = f"{rng.choice(_SURNAMES)} {chr(65 + i % 26)}.{i}"
    else:
        label = f"{country or 'Intl'} {_ROLE.get(sector or '', 'Council')} {i}"
    return {
        "label": label,
        "kind": kind,
        "country": country,
        "sector": sector,
        "url": f"https://actors.example/{i}" if rng.random() < 0.3 else None,
        "title": f"Synthetic {kind} #{i}" + (f" from {country}" if country else ""),
    }


def synthetic_event_graph(  # long only by its docstring; the drawing steps are _dyad and _event
    n_actors: int = 50,
    n_events: int | None = None,
    *,
    seed: int = 0,
    multigraph: bool = True,
    undated: float = 0.05,
    local: float = 0.5,
) -> Any:
    """Build a random event graph shaped like geokg's projection.

    Parameters
    ----------
    n_actors : int
        Number of actor nodes (ids ``"a0"``, ``"a1"``, ...); at least 2.
    n_events : int, optional
        Number of event edges; default ``3 * n_actors``.
    seed : int
        Seed of the private random generator (same seed, same graph).
    multigraph : bool
        ``True`` gives a ``networkx.MultiDiGraph``; ``False`` a ``DiGraph``
        whose repeated dyads are merged into one edge with ``count``.
    undated : float
        Share of events with ``date=None``.
    local : float
        Share of events whose target is from the source's own country
        (gives the graph clusters, as domestic news does).

    Returns
    -------
    networkx.MultiDiGraph or networkx.DiGraph

    Examples
    --------
    >>> g = synthetic_event_graph(5, 8, seed=3, multigraph=False)
    >>> type(g).__name__, sum(d["count"] for *_, d in g.edges(data=True))
    ('DiGraph', 8)
    >>> synthetic_event_graph(1)
    Traceback (most recent call last):
    ...
    ValueError: n_actors must be >= 2, got 1
    """
    import networkx as nx

    if n_actors < 2:
        raise ValueError(f"n_actors must be >= 2, got {n_actors}")
    n_events = 3 * n_actors if n_events is None else n_events
    if n_events < 0:
        raise ValueError(f"n_events must be >= 0, got {n_events}")
    rng = random.Random(seed)
    g = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    for i in range(n_actors):
        g.add_node(f"a{i}", **_actor(i, rng))
    urn: list[int] = [0, 1]  # actors drawn in proportion to their events so far (preferential attachment)
    by_country: dict[Any, list[int]] = {}
    for i in range(n_actors):
        by_country.setdefault(g.nodes[f"a{i}"]["country"], []).append(i)
    for k in range(n_events):
        u, v = _dyad(rng, urn, by_country, g, n_actors, local)
        urn.extend((u, v))
        attrs = _event(rng, k, g.nodes[f"a{u}"]["label"], g.nodes[f"a{v}"]["label"], undated)
        if not multigraph and g.has_edge(f"a{u}", f"a{v}"):
            g.edges[f"a{u}", f"a{v}"]["count"] += 1
            continue
        g.add_edge(f"a{u}", f"a{v}", **attrs)
    return g


def _dyad(
    rng: random.Random, urn: list[int], by_country: dict[Any, list[int]], g: Any, n_actors: int, local: float
) -> tuple[int, int]:
    """Source and target of the next event: hubs grow, and a ``local`` share stays within a country."""
    u = rng.choice(urn) if rng.random() < 0.7 else rng.randrange(n_actors)
    if rng.random() < local:
        v = rng.choice(by_country[g.nodes[f"a{u}"]["country"]])
    else:
        v = rng.choice(urn) if rng.random() < 0.5 else rng.randrange(n_actors)
    if u == v:
        v = (u + 1 + rng.randrange(n_actors - 1)) % n_actors
    return u, v


def _event(rng: random.Random, k: int, src: str, dst: str, undated: float) -> dict[str, Any]:
    """The attributes of the ``k``-th event, from ``src`` to ``dst`` (labels)."""
    start = date(2023, 1, 1)
    lemma, label, cameo, plover, quad, gold = rng.choice(SAMPLE_RELATIONS)
    day = None if rng.random() < undated else start + timedelta(days=rng.randrange(730))
    return {
        "label": label, "lemma": lemma, "cameo": cameo, "plover": plover,
        "quad_class": quad, "goldstein": gold,
        "date": day.isoformat() if day else None,
        "sentence": f"{src} {label} {dst} {rng.choice(_TAILS)}.",
        "source_url": f"https://news.example/{(day or start).year}/story-{k}",
        "article_title": f"Story {k}: {src} and {dst}",
        "count": 1,
    }
