"""Event-coding rules without a lexicon: event ids, filters, the governing clause, fallbacks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from coding_helpers import PUB, make  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)
from geokg.ingest.coding import EventCoder
from geokg.ingest.coding.rules import (
    DYADIC_ROOTS,
    HOSTED_CODES,
    drop_less_specific,
    drop_motives,
    drop_targetless,
    governing_extraction,
    is_state,
    is_title_case,
    relation_lemmas,
)
from geokg.ingest.records import Actor, Argument, Article, Event, Extraction, event_id


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_event_ids(coder):
    a = Actor("country:MEX", "Mexico", "country", "MEX")
    assert event_id(a, "120", None, PUB, "x") == event_id(a, "120", None, PUB, "y")
    # the same dated event in two articles gets one id
    text = "On Wednesday Mexico rejected US military action."
    art1, ex1 = make(text, "Mexico", "rejected", "reject", "US military action",
                     extras=[("time", "On", "Wednesday")])
    art2 = Article.create(title="", text=text, url="https://other.test/a", published=PUB)
    ex2 = Extraction(art2.id, *[getattr(ex1, f) for f in ("sentence", "sent_start", "sent_end", "subject",
                                                            "relation", "lemma", "rel_start", "rel_end")],
                     object=ex1.object, extras=ex1.extras)
    e1, e2 = coder.code_extraction(ex1, art1)[0], coder.code_extraction(ex2, art2)[0]
    assert e1.date == date(2025, 1, 22) and e1.date_text == "On Wednesday"
    assert e1.id == e2.id
    # undated events merge within an article but not across articles
    art3, ex3 = make("Mexico rejected US military action.", "Mexico", "rejected", "reject", "US military action")
    art4 = Article.create(title="", text="Mexico rejected US military action.", url="https://o.test/b")
    ex4 = Extraction(art4.id, 0, ex3.sent_start, ex3.sent_end, ex3.subject, "rejected", "reject",
                     ex3.rel_start, ex3.rel_end, object=ex3.object)
    assert coder.code_extraction(ex3, art3)[0].date is None
    assert coder.code_extraction(ex3, art3)[0].id != coder.code_extraction(ex4, art4)[0].id


MEX = Actor("country:MEX", "Mexico", "country", "MEX")
USA = Actor("country:USA", "United States", "country", "USA")


def _ex(rel_start: int, obj: tuple[int, int] | None = None, relation: str = "said", sentence: int = 0) -> Extraction:
    subj = Argument("subject", "x", 0, 1)
    o = Argument("object", "y", obj[0], obj[1]) if obj else None
    return Extraction("a", sentence, 0, 100, subj, relation, relation, rel_start, rel_start + 4, object=o)


def test_governing_extraction_is_the_smallest_containing_object():
    outer, inner, ex = _ex(0, (5, 90)), _ex(10, (15, 60)), _ex(20)
    assert governing_extraction(ex, [outer, inner, ex]) is inner
    assert governing_extraction(outer, [outer, inner, ex]) is None


def test_less_specific_and_motive_events_are_dropped():
    ex = _ex(0)
    full = Event("e1", ex, source=MEX, target=USA, cameo="112")
    no_target = Event("e2", ex, source=MEX, target=None, cameo="111")
    other_root = Event("e3", ex, source=MEX, target=None, cameo="042")
    assert drop_less_specific([full, no_target, other_root]) == [full, other_root]
    protest = Event("p", _ex(0), source=MEX, cameo="141")
    motive = Event("m", _ex(30, relation="to demand"), source=MEX, cameo="100")
    assert drop_motives([protest, motive]) == [protest]
    assert drop_motives([motive]) == [motive]


def test_acts_done_to_a_party_need_their_target():
    ex = _ex(0)
    demanded = Event("d", ex, source=MEX, target=None, cameo="100")
    attacked = Event("a", ex, source=None, target=None, cameo="190")
    condemned = Event("c", ex, source=MEX, target=USA, cameo="111")
    # vowed, defended, investigated, refused, protested, put troops on alert, seized: these stand without a target
    stands = [Event(i, ex, source=MEX, cameo=c) for i, c in (("v", "030"), ("e", "052"), ("i", "090"), ("r", "120"),
                                                              ("p", "141"), ("f", "150"), ("z", "1711"))]
    assert drop_targetless([demanded, attacked, condemned, *stands]) == [condemned, *stands]
    # praised: whom?
    praised = Event("h", ex, source=MEX, cameo="051")
    assert drop_targetless([praised, condemned]) == [condemned]
    assert drop_targetless([replace(praised, target=USA)]) == [replace(praised, target=USA)]
    # suspended, jailed, expelled, to meet, given aid, cooperated: with or to whom?  A repression stands, aimed at the
    # country where it happens
    cut = [Event(i, ex, source=MEX, cameo=c) for i, c in (("s", "160"), ("j", "173"), ("x", "174"), ("m", "036"),
                                                           ("g", "070"), ("q", "073"), ("c", "061"))]
    repressed = Event("r", ex, source=MEX, cameo="175")
    assert drop_targetless([*cut, repressed]) == [repressed]
    assert drop_targetless([replace(e, target=USA) for e in cut]) == [replace(e, target=USA) for e in cut]
    assert drop_targetless([demanded], roots=frozenset()) == [demanded]  # EventCoder.dyadic_roots may keep them
    # said, appealed, met, withdrew, threatened: told to, asked of, held with or yielded to a party
    party = [Event(i, ex, source=MEX, cameo=c) for i, c in (("s", "010"), ("a", "020"), ("t", "040"), ("w", "0874"),
                                                             ("h", "130"))]
    assert drop_targetless([*party, condemned]) == [condemned]
    assert drop_targetless(party, roots=DYADIC_ROOTS | HOSTED_CODES) == party
    # a body's members meet among themselves, but need a host to visit, and a meeting with someone needs that one
    nato = Actor("org:nato", "NATO", "igo")
    summit, tour = Event("n", ex, source=nato, cameo="040"), Event("o", ex, source=nato, cameo="042")
    to_meet = Event("f", ex, source=nato, cameo="036")  # "NATO ministers are to meet"
    assert drop_targetless([summit, tour, to_meet]) == [summit, to_meet]
    met = _ex(0, relation="met")
    met_with = Event("w", replace(met, extras=(Argument("other", "a premier", 40, 49, prep="with"),)), source=nato,
                     cameo="040")
    assert drop_targetless([met_with, Event("x", replace(met, object=Argument("object", "a premier", 40, 49)),
                                            source=nato, cameo="040")]) == []
    # a visit needs its host, and a meeting its other side
    visit, hosted = Event("v", ex, source=MEX, cameo="042"), Event("h", ex, source=MEX, target=USA, cameo="042")
    meeting = Event("m", ex, source=MEX, cameo="046")
    assert drop_targetless([visit, hosted, meeting]) == [hosted]


def test_coded_articles_have_no_targetless_condemnation(coder):
    art, ex = make("Mexico condemned the decision.", "Mexico", "condemned", "condemn", "the decision")
    assert coder.code_extraction(ex, art) and coder.code_article(None, art, [ex])[0] == ()
    keeping = EventCoder.default()
    keeping.dyadic_roots = frozenset()
    assert [e.cameo for e in keeping.code_article(None, art, [ex])[0]] == ["111"]


def test_small_rules():
    assert relation_lemmas("staged", "stag") == ["stage", "staged"]
    assert relation_lemmas("", "x") == []
    assert is_title_case("Mexico Rejects US Military Action") and not is_title_case("Mexico rejects the plan")
    assert is_state([MEX]) and is_state([]) is None
    assert not is_state([Actor("actor:MEX-CRM", "Mexican cartel", "group", "MEX", "CRM")])


def _nominal(words, heads, deps, tags, noun: int) -> tuple[Extraction, "Doc"]:
    """A hand-parsed Doc and the nominal extraction of its word ``noun``."""
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags,
              lemmas=[w.lower() for w in words], sent_starts=[True] + [False] * (len(words) - 1))
    k = doc[noun].idx
    ex = Extraction("a", 0, 0, len(doc.text), Argument("subject", "", 0, 0), doc[noun].text, doc[noun].lemma_,
                    k, k + len(doc[noun]), kind="nominal")
    return ex, doc


def test_an_event_noun_named_in_a_charge_is_background():
    from geokg.ingest.coding.rules import background_clause

    # "A court charged the leader with planning the raid": the raid hangs from "with" through a gerund
    words = ["A", "court", "charged", "the", "leader", "with", "planning", "the", "raid"]
    ex, doc = _nominal(words, [1, 2, 2, 4, 2, 2, 5, 8, 6],
                       ["det", "nsubj", "ROOT", "det", "dobj", "prep", "pcomp", "det", "dobj"],
                       ["DT", "NN", "VBD", "DT", "NN", "IN", "VBG", "DT", "NN"], 8)
    assert background_clause(ex, doc)
    # "The leader was charged in the kidnapping and assault": the second conjunct is in the phrase too
    words = ["The", "leader", "was", "charged", "in", "the", "kidnapping", "and", "assault"]
    ex, doc = _nominal(words, [1, 3, 3, 3, 3, 6, 4, 6, 6],
                       ["det", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "cc", "conj"],
                       ["DT", "NN", "VBD", "VBN", "IN", "DT", "NN", "CC", "NN"], 8)
    assert background_clause(ex, doc)
    # "Rebels claimed responsibility for carrying out the attack": a claimed act is news
    words = ["Rebels", "claimed", "responsibility", "for", "carrying", "out", "the", "attack"]
    ex, doc = _nominal(words, [1, 1, 1, 2, 3, 4, 7, 4],
                       ["nsubj", "ROOT", "dobj", "prep", "pcomp", "prt", "det", "dobj"],
                       ["NNS", "VBD", "NN", "IN", "VBG", "RP", "DT", "NN"], 7)
    assert not background_clause(ex, doc)
    # "The bombing killed ten": the subject of its own clause
    words = ["The", "bombing", "killed", "ten"]
    ex, doc = _nominal(words, [1, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj"], ["DT", "NN", "VBD", "CD"], 1)
    assert not background_clause(ex, doc)
