"""Coding one article: clauses, duplicates, mentions, the real model, the seed article."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import spacy
from geokg.ingest.coding import EventCoder
from geokg.ingest.records import Argument, Article, Extraction
from spacy.tokens import Doc

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / "mexico-rejects-us-military-action.txt"
from coding_helpers import PUB  # noqa: E402  (tests/ingest/coding/conftest.py puts it on the path)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def test_demanded_clause_is_a_demand_from_the_governor(coder):
    text = "China demanded that the US cancel the sale."
    art = Article.create(title="", text=text, published=PUB)
    c = art.content
    subj = Argument("subject", "China", 0, 5, head="China", label="GPE")
    obj_text = "the US cancel the sale"
    k = c.index(obj_text)
    demand = Extraction(art.id, 0, 0, len(c), subj, "demanded", "demand", 6, 14,
                        object=Argument("object", obj_text, k, k + len(obj_text), head="cancel"))
    us = c.index("the US")
    cancel = Extraction(art.id, 0, 0, len(c), Argument("subject", "the US", us, us + 6, head="US", label="GPE"),
                        "cancel", "cancel", c.index("cancel"), c.index("cancel") + 6,
                        object=Argument("object", "the sale", c.index("the sale"), len(c) - 1, head="sale"),
                        mode="demanded")
    events, actors, mentions = coder.code_article(None, art, [demand, cancel])
    assert [(e.cameo, e.source.id, e.target.id) for e in events] == [("100", "country:CHN", "country:USA")]
    assert mentions == ()
    assert {a.id for a in actors} == {"country:CHN", "country:USA"}


def test_headline_and_body_telling_the_same_event_give_one_event(coder):
    art = Article.create(title="Mexico rejects US military action", text="Mexico rejects US military action.")
    exs = []
    for i, start in enumerate((0, art.body_offset)):
        exs.append(Extraction(art.id, i, start, start + 33, Argument("subject", "Mexico", start, start + 6,
                                                                     head="Mexico", label="GPE"),
                              "rejects", "reject", start + 7, start + 14,
                              object=Argument("object", "US military action", start + 15, start + 33,
                                              head="action")))
    events, _, _ = coder.code_article(None, art, exs)
    assert len(events) == 1


def test_mentions_from_the_doc(coder):
    nlp = spacy.blank("en")
    words = ["Mexican", "police", "met", "Claudia", "Sheinbaum", "in", "Sinaloa", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False],
              ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O"],
              sent_starts=[True] + [False] * 7)
    art = Article.create(title="", text=doc.text)
    _, actors, mentions = coder.code_article(doc, art, [])
    assert [(m.text, m.label, m.actor_id, m.sentence) for m in mentions] == [
        ("Mexican", "NORP", "country:MEX", 0),
        ("Claudia Sheinbaum", "PERSON", "person:claudia-sheinbaum", 0),
        ("Sinaloa", "GPE", "country:MEX", 0),
    ]
    assert {a.id for a in actors} == {"country:MEX", "person:claudia-sheinbaum"}


def test_a_mention_s_sentence_is_the_one_its_first_token_is_in(coder):
    # a Title-Case headline, then a body sentence that starts with the same unknown organisation: the headline's
    # mention names no actor (the NER is fooled by Title Case), the body's does; each mention keeps its sentence
    headline = ["Acme", "Widgets", "Sues", "Mexico", "Over", "Tariffs"]
    body = ["Acme", "Widgets", "filed", "a", "lawsuit", "against", "Mexico", "."]
    reply = ["Claudia", "Sheinbaum", "replied", "."]
    ents = (["B-ORG", "I-ORG", "O", "B-GPE", "O", "O"] + ["B-ORG", "I-ORG", "O", "O", "O", "O", "B-GPE", "O"]
            + ["B-PERSON", "I-PERSON", "O", "O"])
    spaces = [True] * 5 + [False] + [True] * 6 + [False, True] + [True, True, False, False]
    starts = [True] + [False] * 5 + [True] + [False] * 7 + [True] + [False] * 3
    doc = Doc(spacy.blank("en").vocab, words=headline + body + reply, spaces=spaces, ents=ents, sent_starts=starts)
    art = Article.create(title="", text=doc.text)
    _, _, mentions = coder.code_article(doc, art, [])
    assert [(m.text, m.actor_id, m.sentence) for m in mentions] == [
        ("Acme Widgets", None, 0), ("Mexico", "country:MEX", 0),
        ("Acme Widgets", "org:acme-widgets", 1), ("Mexico", "country:MEX", 1),
        ("Claudia Sheinbaum", "person:claudia-sheinbaum", 2),
    ]


# -- real model -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    try:
        from geokg.ingest.pipeline import load_pipeline
        return load_pipeline()
    except (ImportError, OSError):
        pytest.skip("the trained pipeline is not installed")


def run(nlp, coder, text: str, published=PUB):
    from geokg.ingest.extract import extract

    art = Article.create(title="", text=text, published=published)
    doc = nlp(art.content)
    events, _, _ = coder.code_article(doc, art, list(extract(doc, article_id=art.id)))
    return events


def has(events, prefix: str, source: str | None = None, target: str | None = None) -> bool:
    return any((e.cameo or "").startswith(prefix)
               and (source is None or (e.source is not None and (e.source.country == source or e.source.id == source)))
               and (target is None or (e.target is not None and (e.target.country == target or e.target.id == target)))
               for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, prefix, source, target",
    [
        ("Venezuela expelled three Colombian diplomats on Tuesday.", "166", "VEN", "COL"),
        ("Kenyan police arrested 40 protesters in Nairobi.", "173", "KEN", "KEN"),
        ("The European Union imposed new sanctions on Belarus.", "163", "org:eu", "BLR"),
        ("Chile's foreign minister met his Peruvian counterpart in Lima.", "04", "CHL", None),
        ("Pakistan has refused to send troops to Yemen.", "12", "PAK", "YEM"),
        ("Nigeria threatened to close its border with Benin.", "13", "NGA", None),
        ("Ethiopia accused Egypt of sabotaging the talks.", "112", "ETH", "EGY"),
        ("Thousands of Serbian students protested against the government in Belgrade.", "14", "SRB", "SRB"),
        ("Indonesia will provide humanitarian aid to Myanmar.", "033", "IDN", "MMR"),
        ("Kenya will withdraw its troops from Somalia unless the government holds elections.", "13", "KEN", None),
        ("The Kenyan minister threatened to quit unless parliament dropped the tax.", "130", "KEN", "actor:KEN-LEG"),
        ("Norway is considering whether to impose sanctions on Fiji.", "014", "NOR", None),
        ("Israeli jets bombed targets in Gaza on Sunday.", "195", "ISR", "PSE"),
    ],
)
def test_model_sentences(nlp, coder, text, prefix, source, target):
    events = run(nlp, coder, text)
    assert has(events, prefix, source, target), [(e.cameo, e.source, e.target) for e in events]


@pytest.mark.model
def test_backoff_codes_a_verb_done_to_forces(nlp):
    # no geokg row for "muster": PETRARCH's MOBILIZE block code, its object naming forces, not actors
    from geokg.ingest.dictionaries.coder import build_coder

    events = run(nlp, build_coder(), "Chile mustered its reservists on Tuesday.")
    assert has(events, "15", "CHL", None), [(e.cameo, e.source, e.target) for e in events]
    assert not run(nlp, build_coder(), "Chile mustered its courage on Tuesday.")


@pytest.mark.model
def test_model_a_demand_needs_its_demander(nlp, coder):
    # who urged or called for it is not told: a demand without its source, no event (PETRARCH's events are dyads)
    for text in ("Bolivia was urged to withdraw its troops from Peru.",
                 "There were calls for Bolivia to withdraw its troops from Peru."):
        assert not run(nlp, coder, text), text
    assert has(run(nlp, coder, "Chile urged Bolivia to withdraw its troops from Peru."), "02", "CHL", "BOL")


@pytest.mark.model
def test_model_dates(nlp, coder):
    events = run(nlp, coder, "Colombian troops seized 12 tons of cocaine last week.")
    ev = next(e for e in events if e.cameo == "1711")
    assert ev.date == date(2025, 1, 13) and "last week" in ev.date_text


# -- seed article ------------------------------------------------------------------------------------

def seed_content() -> str:
    """Title (last breadcrumb segment) + the article's lines up to the share buttons
    (the subheadline included; bylines and page furniture of under five words left out)."""
    raw = SEED.read_text(encoding="utf-8")
    lines = raw.splitlines()
    title = lines[0].split(" / ")[-1].strip()
    body = []
    for line in lines[1:]:
        if line.strip().lower().startswith("share on"):
            break
        if len(line.split()) >= 5 and line.strip() != title:
            body.append(line.strip())
    return title + "\n\n" + "\n\n".join(body)


@pytest.mark.model
@pytest.mark.shared
def test_seed_article(nlp, coder):
    if not SEED.is_file():
        pytest.skip("../shared seed article is absent")
    events = run(nlp, coder, seed_content(), published=date(2025, 2, 1))
    # Mexico (government / Sheinbaum) rejects US military action
    rejects = [e for e in events if e.plover == "REJECT" and e.source is not None and e.source.country == "MEX"]
    assert any(e.target is not None and e.target.id == "actor:USA-MIL" for e in rejects)
    assert any(e.source.id == "person:claudia-sheinbaum" for e in rejects)
    assert any(e.source.id == "actor:MEX-GOV" for e in rejects)
    # Mexican police seize drugs (CAMEO 17x, PLOVER COERCE, mode seize) in December
    seize = [e for e in events if e.cameo == "1711" and e.source is not None and e.source.id == "actor:MEX-COP"]
    assert seize and seize[0].plover == "COERCE" and seize[0].plover_mode == "seize"
    assert seize[0].date == date(2024, 12, 1) and seize[0].date_text == "in December"
    # the CIA (US intelligence) watches Mexico
    cia = [e for e in events if e.source is not None and e.source.id == "org:cia"]
    assert any(e.cameo[:2] == "15" and e.target is not None and e.target.country == "MEX" for e in cia)
    assert cia[0].source.country == "USA" and cia[0].source.sector == "SPY"


# -- conjoined subjects as each other's party -----------------------------------------------------

def _event(ex, source, code):
    from geokg.ingest.records import Event

    return Event(id=f"e-{source.id}", extraction=ex, source=source, target=None, cameo=code)


def test_an_office_and_its_holder_are_not_each_others_party(coder):
    from geokg.ingest.records import Actor

    art = Article.create(title="", text="Chile's president, Ana Soto, met in Lima.", published=PUB)
    ex = Extraction(art.id, 0, 0, len(art.content), Argument("subject", "Chile's president", 0, 17), "met", "meet",
                    26, 29)
    gov = Actor("actor:CHL-GOV", "Chilean government", "organization", "CHL", "GOV")
    soto = Actor("person:ana-soto", "Ana Soto", "person", "CHL", "GOV", role="President")
    per = Actor("actor:PER-GOV", "Peruvian government", "organization", "PER", "GOV")
    out = coder._reciprocal([(ex, [_event(ex, gov, "040"), _event(ex, soto, "040")])], art)
    assert [e.target for _, evs in out for e in evs] == [None, None]
    # two governments met: each is the other's party
    out = coder._reciprocal([(ex, [_event(ex, gov, "040"), _event(ex, per, "040")])], art)
    assert [e.target.id for _, evs in out for e in evs] == ["actor:PER-GOV", "actor:CHL-GOV"]


def test_a_joint_specific_use_of_force_is_not_mutual(coder):
    from geokg.ingest.records import Actor

    art = Article.create(title="", text="Chilean and Peruvian troops moved into the zone.", published=PUB)
    obj = Argument("object", "the zone", 38, 46)
    ex = Extraction(art.id, 0, 0, len(art.content), Argument("subject", "Chilean and Peruvian troops", 0, 27),
                    "moved into", "move into", 28, 38, object=obj)
    chl = Actor("actor:CHL-MIL", "Chilean military", "organization", "CHL", "MIL")
    per = Actor("actor:PER-MIL", "Peruvian military", "organization", "PER", "MIL")
    out = coder._reciprocal([(ex, [_event(ex, chl, "192"), _event(ex, per, "192")])], art)
    assert [e.target for _, evs in out for e in evs] == [None, None]  # they occupy it together
    out = coder._reciprocal([(ex, [_event(ex, chl, "190"), _event(ex, per, "190")])], art)
    assert [e.target for _, evs in out for e in evs] == [None, None]  # they fought over the zone together
    fought = replace(ex, object=replace(obj, text="a battle", head="battle"))
    out = coder._reciprocal([(fought, [_event(fought, chl, "190"), _event(fought, per, "190")])], art)
    assert [e.target.id for _, evs in out for e in evs] == ["actor:PER-MIL", "actor:CHL-MIL"]  # they fought a battle
    clashed = replace(ex, object=replace(obj, prep="on"))  # "clashed on the border"
    out = coder._reciprocal([(clashed, [_event(clashed, chl, "190"), _event(clashed, per, "190")])], art)
    assert [e.target.id for _, evs in out for e in evs] == ["actor:PER-MIL", "actor:CHL-MIL"]


def test_conjoined_parties_of_a_meeting_come_before_its_place(coder):
    from geokg.ingest.records import Actor

    art = Article.create(title="", text="Chile's and Peru's presidents met in Lima.", published=PUB)
    ex = Extraction(art.id, 0, 0, len(art.content), Argument("subject", "Chile's and Peru's presidents", 0, 29),
                    "met", "meet", 30, 33, extras=(Argument("place", "Lima", 37, 41, prep="in", label="GPE"),))
    chl = Actor("actor:CHL-GOV", "Chilean government", "organization", "CHL", "GOV")
    per = Actor("actor:PER-GOV", "Peruvian government", "organization", "PER", "GOV")
    lima = Actor("country:PER", "Peru", "country", "PER")

    def placed(source, target):
        from geokg.ingest.records import Event

        return Event(id=f"e-{source.id}", extraction=ex, source=source, target=target, cameo="040", place="PER")

    out = coder._reciprocal([(ex, [placed(chl, lima), placed(per, None)])], art)
    assert [e.target.id for _, evs in out for e in evs] == ["actor:PER-GOV", "actor:CHL-GOV"]


def test_conjoined_sides_of_a_clash_come_before_a_place_taken_for_the_object(coder):
    from geokg.ingest.records import Actor, Event

    text = "Chilean and Peruvian troops clashed near the Peruvian city of Tacna."
    art = Article.create(title="", text=text, published=PUB)
    k = text.index("the Peruvian city")
    ex = Extraction(art.id, 0, 0, len(text), Argument("subject", "Chilean and Peruvian troops", 0, 27),
                    "clashed near", "clash near", 28, 40,
                    object=Argument("object", "the Peruvian city of Tacna", k, len(text) - 1, head="city", prep="near"))
    chl = Actor("actor:CHL-MIL", "Chilean military", "organization", "CHL", "MIL")
    per = Actor("actor:PER-MIL", "Peruvian military", "organization", "PER", "MIL")
    peru = Actor("country:PER", "Peru", "country", "PER")

    def fight(source, target):
        return Event(id=f"e-{source.id}", extraction=ex, source=source, target=target, cameo="190")

    out = coder._reciprocal([(ex, [fight(chl, peru), fight(per, None)])], art)
    assert [e.target.id for _, evs in out for e in evs] == ["actor:PER-MIL", "actor:CHL-MIL"]
    # what is fought over may be no place ("clashed over the Peruvian plan"): its target stays
    ex = replace(ex, object=replace(ex.object, prep="over"))
    out = coder._reciprocal([(ex, [fight(chl, peru), fight(per, None)])], art)
    assert [e.target.id for _, evs in out for e in evs][0] == "country:PER"


def test_conjoined_subjects_failing_to_agree_refuse_each_other(coder):
    from geokg.ingest.records import Actor, Event

    text = "Chile and Peru failed to agree on a border deal."
    art = Article.create(title="", text=text, published=PUB)
    ex = Extraction(art.id, 0, 0, len(text), Argument("subject", "Chile and Peru", 0, 14), "failed to agree on",
                    "agree on", 15, 33, object=Argument("object", "a border deal", 34, 47, head="deal"),
                    polarity="negative")
    chl = Actor("country:CHL", "Chile", "country", "CHL")
    per = Actor("country:PER", "Peru", "country", "PER")

    def refusal(e, source):
        return Event(id=f"e-{source.id}", extraction=e, source=source, target=None, cameo="120")

    out = coder._reciprocal([(ex, [refusal(ex, chl), refusal(ex, per)])], art)
    assert [e.target and e.target.id for _, evs in out for e in evs] == ["country:PER", "country:CHL"]
    # a joint rejection of a thing is no refusal of each other
    rejected = replace(ex, relation="rejected", lemma="reject", polarity="positive")
    out = coder._reciprocal([(rejected, [refusal(rejected, chl), refusal(rejected, per)])], art)
    assert [e.target for _, evs in out for e in evs] == [None, None]
