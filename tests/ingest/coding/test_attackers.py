"""Tests of the attacker a headline and its body share (geokg.ingest.coding.attackers)."""

from __future__ import annotations

import pytest
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.attackers import same_victims, shared_attackers
from geokg.ingest.records import Actor, Argument, Article, Event, Extraction, event_id

from coding_helpers import PUB  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)

CHL = Actor("country:CHL", "Chile", "country", "CHL")
CVL = Actor("actor:CHL-CVL", "Chilean civilians", "group", "CHL", "CVL")
LAB = Actor("actor:CHL-LAB", "Chilean workers", "group", "CHL", "LAB")
MIL = Actor("actor:CHL-MIL", "Chilean army", "group", "CHL", "MIL")
COP = Actor("actor:CHL-COP", "Chilean police", "group", "CHL", "COP")
REB = Actor("actor:CHL-REB", "Chilean rebels", "group", "CHL", "REB")
GOV = Actor("actor:CHL-GOV", "Chilean government", "group", "CHL", "GOV")
PER = Actor("actor:PER-CVL", "Peruvian civilians", "group", "PER", "CVL")
ARMY = Actor("actor:PER-MIL", "Peruvian army", "group", "PER", "MIL")


def test_same_victims() -> None:
    assert same_victims(CVL, CVL) and same_victims(CHL, CVL) and same_victims(REB, CHL)
    assert same_victims(CVL, LAB) and same_victims(MIL, COP)  # people / armed bodies of one country
    assert not same_victims(CVL, REB) and not same_victims(GOV, CVL)  # civilians are not rebels
    assert not same_victims(CVL, PER) and not same_victims(CHL, ARMY)  # another country


def _event(art: Article, sentence: int, start: int, source: Actor | None, target: Actor, code: str = "180") -> Event:
    ex = Extraction(art.id, sentence, start, start + 5, Argument("subject", "", start, start), "hit", "hit",
                    start, start + 3)
    return Event(event_id(source, code, target, None, art.id), ex, source, target, code)


def _pairs(per_ex) -> list[tuple[int, str | None, str]]:
    return [(e.extraction.sentence, e.source and e.source.id, e.target.id) for _, evs in per_ex for e in evs]


def test_headline_takes_the_body_attacker_and_body_the_headline_attacker() -> None:
    art = Article.create(title="Three workers killed in Arica", text="Peruvian troops shot three workers. "
                         "Two civilians were also wounded.", published=PUB)
    body = art.body_offset
    head = _event(art, 0, 0, None, LAB)
    shot = _event(art, 1, body, ARMY, CVL, "193")
    wounded = _event(art, 2, body + 36, None, CVL)
    per_ex = [(e.extraction, [e]) for e in (head, shot, wounded)]
    got = shared_attackers(per_ex, body, art.id)
    # the headline takes the body's attacker; a body event takes none from another body sentence
    assert _pairs(got) == [(0, "actor:PER-MIL", "actor:CHL-LAB"), (1, "actor:PER-MIL", "actor:CHL-CVL"),
                           (2, None, "actor:CHL-CVL")]
    new = got[0][1][0]  # the army fired (193): its killing is military force, 190
    assert new.id == event_id(ARMY, "190", LAB, None, art.id) and new.id != head.id


def test_body_takes_the_headline_attacker_for_the_same_victims_only() -> None:
    art = Article.create(title="Peruvian jets bomb rebel camp", text="Twelve people were killed. "
                         "A soldier was hurt.", published=PUB)
    body = art.body_offset
    per_ex = [(e.extraction, [e]) for e in (
        _event(art, 0, 0, ARMY, REB, "195"),
        _event(art, 1, body, None, CHL),  # the country: who died there
        _event(art, 2, body + 27, None, PER),  # a Peruvian civilian: not the rebels bombed
    )]
    got = shared_attackers(per_ex, body, art.id)
    assert _pairs(got) == [(0, "actor:PER-MIL", "actor:CHL-REB"), (1, "actor:PER-MIL", "country:CHL"),
                           (2, None, "actor:PER-CVL")]


def test_no_headline_no_own_target_and_no_violence_change_nothing() -> None:
    art = Article.create(title="", text="Police shot a man. Two policemen were killed.", published=PUB)
    per_ex = [(e.extraction, [e]) for e in (_event(art, 0, 0, COP, CVL, "193"), _event(art, 1, 19, None, COP))]
    assert _pairs(shared_attackers(per_ex, art.body_offset, art.id)) == _pairs(per_ex)
    art = Article.create(title="Police killed in self-defence", text="Police shot three farmers.", published=PUB)
    body = art.body_offset
    per_ex = [(e.extraction, [e]) for e in (_event(art, 0, 0, None, COP), _event(art, 1, body, COP, CVL, "193"))]
    # the police are no attackers of the police, and civilians are other victims
    assert _pairs(shared_attackers(per_ex, body, art.id)) == _pairs(per_ex)
    per_ex = [(e.extraction, [e]) for e in (_event(art, 0, 0, None, CVL), _event(art, 1, body, COP, CVL, "111"))]
    assert _pairs(shared_attackers(per_ex, body, art.id)) == _pairs(per_ex)  # a criticism is no attack


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_coded_article_gives_the_headline_the_body_attacker(coder) -> None:
    art = Article.create(title="Three guards killed at Chilean checkpoint",
                         text="Peruvian troops shot dead three Chilean guards.", published=PUB)
    c, body = art.content, art.body_offset

    def arg(role: str, s: str, at: int = 0, label: str = "") -> Argument:
        k = c.index(s, at)
        return Argument(role, s, k, k + len(s), head=s.split()[-1], head_lemma=s.split()[-1].lower(), label=label)

    k = c.index("killed")
    head = Extraction(art.id, 0, 0, len(art.title), Argument("subject", "", 0, 0), "killed at", "kill", k, k + 9,
                      object=arg("object", "Three guards"), extras=(
                          Argument("place", "Chilean checkpoint", c.index("Chilean"), c.index("Chilean") + 18,
                                   head="checkpoint", prep="at"),))
    k = c.index("shot")
    shot = Extraction(art.id, 1, body, len(c), arg("subject", "Peruvian troops", body, "NORP"), "shot", "shoot",
                      k, k + 4, object=arg("object", "three Chilean guards", body))
    events, _, _ = coder.code_article(None, art, [head, shot])
    got = {(e.extraction.sentence, e.source and e.source.id) for e in events}
    assert (0, "actor:PER-MIL") in got and (1, "actor:PER-MIL") in got, got


@pytest.mark.parametrize("attacker,code", [(MIL, "190"), (REB, "180")])
def test_a_killing_lent_a_state_force_that_fired_is_military_force(attacker, code) -> None:
    from geokg.ingest.coding.cameo import CameoTable
    art = Article.create(title="Two farmers killed near Arica", text="Soldiers fired on two Chilean farmers. "
                         "Nobody else was hurt.", published=PUB)
    head = _event(art, 0, 0, None, CVL)
    fired = _event(art, 1, art.body_offset, attacker, CVL, "193")
    table = CameoTable.default()
    out = shared_attackers([(head.extraction, [head]), (fired.extraction, [fired])], art.body_offset, art.id, table)
    lent = out[0][1][0]
    assert (lent.source, lent.cameo) == (attacker, code)
    assert lent.goldstein == (table[code].goldstein if code == "190" else head.goldstein)


def _sourced(art: Article, sentence: int, start: int, source: Actor, target: Actor | None, code: str) -> Event:
    ex = Extraction(art.id, sentence, start, start + 5, Argument("subject", "", start, start), "reject", "reject",
                    start, start + 3)
    return Event(event_id(source, code, target, None, art.id), ex, source, target, code)


def test_headline_takes_the_target_of_the_body_event_of_its_source_and_root() -> None:
    from geokg.ingest.coding.attackers import shared_targets

    art = Article.create(title="Chile rejects call", text="Chile rejected a Peruvian call for talks. "
                         "Chile also criticised Peru.", published=PUB)
    body = art.body_offset
    head = _sourced(art, 0, 0, CHL, None, "120")
    rejected = _sourced(art, 1, body, CHL, PER, "1212")
    other = _sourced(art, 2, body + 43, CHL, ARMY, "111")
    got = shared_targets([(e.extraction, [e]) for e in (head, rejected, other)], body, art.id)
    # the headline's reject (12) takes the body reject's target, not the criticism's (11)
    assert [(e.extraction.sentence, e.cameo, e.target and e.target.id) for _, evs in got for e in evs] == [
        (0, "120", "actor:PER-CVL"), (1, "1212", "actor:PER-CVL"), (2, "111", "actor:PER-MIL")]
    # the same code: the headline event is the body's event, told by the body's sentence only
    same = _sourced(art, 1, body, CHL, PER, "120")
    got = shared_targets([(e.extraction, [e]) for e in (head, same)], body, art.id)
    assert [(e.extraction.sentence, e.target.id) for _, evs in got for e in evs] == [(1, "actor:PER-CVL")]
    # another source lends nothing; an item without a headline is as it was
    got = shared_targets([(e.extraction, [e]) for e in (head, _sourced(art, 1, body, GOV, PER, "120"))], body, art.id)
    assert got[0][1][0].target is None
    assert shared_targets([(head.extraction, [head])], 0, art.id) == [(head.extraction, [head])]


def test_a_headline_takes_no_ad_hoc_target() -> None:
    from geokg.ingest.coding.attackers import shared_targets

    art = Article.create(title="Chile strikes", text="Chile struck Fordow.", published=PUB)
    head = _sourced(art, 0, 0, CHL, None, "190")
    fordow = Actor("person:fordow", "Fordow", "person")
    body = _sourced(art, 1, art.body_offset, CHL, fordow, "195")
    per_ex = [(e.extraction, [e]) for e in (head, body)]
    assert shared_targets(per_ex, art.body_offset, art.id)[0][1][0].target is None
    assert shared_targets(per_ex, art.body_offset, art.id, lambda i: i == "person:fordow")[0][1][0].target == fordow
