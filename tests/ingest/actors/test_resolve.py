"""Actor codes for evaluation and the resolution of people across articles."""

from __future__ import annotations

import itertools

from geokg.ingest.actors.resolve import ActorResolver, actor_code, resolve_actors
from geokg.ingest.records import (
    Actor,
    Argument,
    Article,
    ArticleResult,
    Event,
    Extraction,
    event_id,
)


def test_actor_code():
    assert actor_code(None) is None
    assert actor_code(Actor("org:amnesty", "Amnesty", "organization", None, "NGO")) == "NGO"
    assert actor_code(Actor("group:al-qaeda", "al-Qaeda", "group", None, "REB")) == "IMG"
    # an agent of no known country takes CAMEO's null country code ("---COP")
    assert actor_code(Actor("actor:COP", "police", "organization", None, "COP")) == "---"
    assert actor_code(Actor("actor:REB", "rebels", "group", None, "REB")) == "---"
    assert actor_code(Actor("person:x-y", "X Y", "person")) is None


def _result(article_id: str, *actors: Actor) -> ArticleResult:
    art = Article(article_id, "t", "x")
    subj = Argument("subject", "x", 0, 1)
    ex = Extraction(article_id, 0, 0, 1, subj, "met", "meet", 0, 1)
    events = tuple(Event(f"e{i}", ex, source=a, cameo="040") for i, a in enumerate(actors))
    return ArticleResult(article=art, events=events, actors=actors)


FULL = Actor("person:maria-lopez", "Maria Lopez", "person", "COL", "GOV", "Minister", ("Maria Lopez",))
SHORT = Actor("person:lopez", "Lopez", "person", None, None, None, ("Lopez",))
OTHER = Actor("person:juan-lopez", "Juan Lopez", "person", "ESP", "BUS", None, ("Juan Lopez",))
SHORT_ESP = Actor("person:lopez", "Lopez", "person", "ESP", None, None, ("Lopez",))


def test_surname_resolves_to_the_one_full_name():
    out = resolve_actors([_result("a", FULL), _result("b", SHORT)])
    b = out[1]
    assert [a.id for a in b.actors] == ["person:maria-lopez"]
    assert b.events[0].source.id == "person:maria-lopez"
    assert set(b.actors[0].aliases) >= {"Lopez", "Maria Lopez"}
    assert b.events[0].id != "e0"  # the event id follows the new actor id
    assert b.events[0].id == event_id(b.events[0].source, "040", None, None, "b")


def test_surname_shared_by_two_people_stays_apart():
    out = resolve_actors([_result("a", FULL), _result("b", OTHER), _result("c", SHORT)])
    assert out[2].actors[0].id == "person:lopez"
    # with a country the ambiguity is gone
    out = resolve_actors([_result("a", FULL), _result("b", OTHER), _result("c", SHORT_ESP)])
    assert out[2].actors[0].id == "person:juan-lopez"


def test_resolution_does_not_depend_on_order():
    results = [_result("a", FULL), _result("b", SHORT), _result("c", OTHER), _result("d", SHORT_ESP)]
    seen = set()
    for perm in itertools.permutations(results):
        out = resolve_actors(perm)
        seen.add(tuple(sorted((r.article.id, tuple(a.id for a in r.actors)) for r in out)))
    assert len(seen) == 1


def test_incremental_resolver():
    r = ActorResolver()
    r.add([_result("b", SHORT)])
    assert r.mapping() == {}
    r.add([_result("a", FULL)])
    assert r.apply(_result("b", SHORT)).actors[0].id == "person:maria-lopez"


# -- real model -----------------------------------------------------------------------------------


def test_mentions_follow_the_resolution():
    from geokg.ingest.records import Mention

    short = _result("b", SHORT)
    short = ArticleResult(article=short.article, events=short.events, actors=short.actors,
                          mentions=(Mention("b", 0, 0, 5, "Lopez", "PERSON", "person:lopez"),))
    out = resolve_actors([_result("a", FULL), short])
    assert out[1].mentions[0].actor_id == "person:maria-lopez"
