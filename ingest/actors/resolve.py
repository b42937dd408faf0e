"""Actor codes for evaluation and the resolution of people across articles.

:func:`actor_code` gives the CAMEO-style three-letter code of an actor;
:class:`ActorResolver` and :func:`resolve_actors` merge surname-only people
("Sheinbaum") into the one compatible full name the corpus knows ("Claudia
Sheinbaum"), rewriting events, actors and mentions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from geokg.ingest.actors.data import alias_tuple, merge_actor
from geokg.ingest.actors.words import slug
from geokg.ingest.records import event_id
from geokg.ingest.records import Actor, ArticleResult

__all__ = ["ActorResolver", "actor_code", "resolve_actors"]


def actor_code(actor: Actor | None) -> str | None:
    """A CAMEO-style three-letter code for evaluation and display.

    The country when known; "IGO" for intergovernmental bodies, "NGO" for
    NGOs; for an unnamed agent of no known country ("insurgents", "police":
    ids ``actor:SECTOR``) CAMEO's null country code "---" (PETRARCH writes
    "---REB"); "IMG" (international militarised group) for named armed groups
    without a country; None otherwise.

    Examples
    --------
    >>> actor_code(Actor("org:un", "United Nations", "igo", None, "IGO"))
    'IGO'
    >>> actor_code(Actor("country:MEX", "Mexico", "country", "MEX"))
    'MEX'
    >>> actor_code(Actor("actor:REB", "Unspecified rebels", "group", None, "REB"))
    '---'
    """
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.kind == "igo" or actor.sector == "IGO":
        return "IGO"
    if actor.sector == "NGO":
        return "NGO"
    if actor.id.startswith("actor:"):
        return "---"  # an agent of no known country: CAMEO's null country code ("---REB")
    if actor.sector in ("REB", "UAF"):
        return "IMG"
    return None


class ActorResolver:
    """Merge person actors across articles, deterministically.

    "Sheinbaum" (``person:sheinbaum``) is merged into "Claudia Sheinbaum"
    (``person:claudia-sheinbaum``) when exactly one fuller name with that surname is
    compatible with it: same country (or one unknown) and, when both are known, the
    same sector.  People who share a surname but differ in country stay apart, and a
    surname shared by two compatible full names stays unresolved.

    Add results as they come with :meth:`add`; :meth:`mapping` depends only on the
    *set* of person actors seen (their attributes are combined by vote, ties broken
    alphabetically), so any order of the same corpus gives the same ids.
    :meth:`apply` rewrites a result with the current mapping, keeping every alias.

    Examples
    --------
    >>> full = Actor("person:ryutaro-hashimoto", "Ryutaro Hashimoto", "person", "JPN", "GOV")
    >>> short = Actor("person:hashimoto", "Hashimoto", "person", None, None, None, ("Hashimoto",))
    >>> other = Actor("person:hashimoto", "Hashimoto", "person", "KEN")
    >>> r = ActorResolver()
    >>> r.add_actors([full, short])
    >>> r.mapping()["person:hashimoto"].id
    'person:ryutaro-hashimoto'
    >>> r2 = ActorResolver()
    >>> r2.add_actors([full, other])
    >>> "person:hashimoto" in r2.mapping()
    False
    """

    def __init__(self) -> None:
        self._versions: dict[str, list[Actor]] = {}

    def add(self, results: Iterable[ArticleResult]) -> None:
        """Record the person actors of ``results``."""
        for r in results:
            self.add_actors(_result_actors(r))

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Record person actors directly."""
        for a in actors:
            if a.kind == "person":
                self._versions.setdefault(a.id, []).append(a)

    def people(self) -> dict[str, Actor]:
        """Person id -> the actor combined from every version seen."""
        return {k: _combine(v) for k, v in sorted(self._versions.items())}

    def mapping(self) -> dict[str, Actor]:
        """Surname-only person id -> the canonical person it resolves to."""
        people = self.people()
        full = [a for a in people.values() if len(a.name.split()) > 1]
        out: dict[str, Actor] = {}
        for a in people.values():
            if len(a.name.split()) > 1:
                continue
            key = slug(a.name)
            cands = [f for f in full if slug(f.name.split()[-1]) == key and _compatible(a, f)]
            if len(cands) == 1:
                out[a.id] = merge_actor(cands[0], a)
        return out

    def apply(self, result: ArticleResult) -> ArticleResult:
        """``result`` with person ids replaced by their canonical ids."""
        return _remap(result, self.mapping())


def _compatible(a: Actor, b: Actor) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.sector and b.sector and a.sector != b.sector and "ELI" not in (a.sector, b.sector))


def _combine(versions: Sequence[Actor]) -> Actor:
    """One actor from several versions of the same id: each field by vote (ties: alphabetical)."""
    def vote(values):
        values = [v for v in values if v]
        if not values:
            return None
        counts = Counter(values)
        return min(counts, key=lambda v: (-counts[v], v))

    first = min(versions, key=lambda a: (a.name, a.country or "", a.sector or "", a.role or ""))
    return replace(
        first,
        name=vote([a.name for a in versions]) or first.name,
        country=vote([a.country for a in versions]),
        sector=vote([a.sector for a in versions]),
        role=vote([a.role for a in versions]),
        aliases=alias_tuple(*(x for a in versions for x in a.aliases)),
    )


def resolve_actors(results: Iterable[ArticleResult]) -> list[ArticleResult]:
    """Resolve surname-only people across a corpus (see :class:`ActorResolver`)."""
    results = list(results)
    resolver = ActorResolver()
    resolver.add(results)
    mapping = resolver.mapping()
    return [_remap(r, mapping) for r in results]


def _result_actors(r: ArticleResult) -> Iterable[Actor]:
    yield from r.actors
    for ev in r.events:
        if ev.source is not None:
            yield ev.source
        if ev.target is not None:
            yield ev.target


def _remap(result: ArticleResult, mapping: Mapping[str, Actor]) -> ArticleResult:
    if not mapping:
        return result

    def m(a: Actor | None) -> Actor | None:
        if a is None or a.id not in mapping:
            return a
        return merge_actor(mapping[a.id], a)

    events = []
    for ev in result.events:
        src, tgt = m(ev.source), m(ev.target)
        if src is ev.source and tgt is ev.target:
            events.append(ev)
            continue
        events.append(replace(ev, source=src, target=tgt, id=event_id(src, ev.cameo or ev.extraction.lemma, tgt,
                                                                      ev.date, result.article.id)))
    actors: dict[str, Actor] = {}
    for a in result.actors:
        b = m(a)
        actors[b.id] = merge_actor(actors[b.id], b) if b.id in actors else b
    mentions = tuple(
        replace(x, actor_id=mapping[x.actor_id].id) if x.actor_id in mapping else x for x in result.mentions
    )
    return replace(result, events=tuple(events), actors=tuple(actors[k] for k in sorted(actors)), mentions=mentions)
