"""Event typing and coding: lexicon, polarity and mode, targets, ids, dates, seed article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from geokg.ingest.coding import EventCoder, LexiconError, VerbLexicon, event_id
from geokg.ingest.records import Actor, Argument, Article, Extraction
from spacy.tokens import Doc

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "mexico-rejects-us-military-action.txt"
PUB = date(2025, 1, 23)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.default()


def make(text: str, subject: str, rel: str, lemma: str, obj: str | None = None, *, extras=(), kind="event",
         polarity="positive", mode="asserted", sentence: int = 0, title: str = "", published=PUB,
         subj_label="", obj_label="") -> tuple[Article, Extraction]:
    """An article with ``text`` and an extraction whose arguments are substrings of it.

    ``extras`` are (role, prep, text) triples; heads are the last word of each argument.
    """
    art = Article.create(title=title, text=text, url=f"https://x.test/{hash(text)}", published=published)
    content = art.content
    base = art.body_offset

    def a(role, s, prep="", label=""):
        if not s:
            return Argument(role, "", base, base)
        k = content.index(s, base)
        return Argument(role, s, k, k + len(s), head=s.split()[-1], head_lemma=s.split()[-1].lower(),
                        prep=prep, label=label)

    r = content.index(rel, base)
    ex = Extraction(
        art.id, sentence, base, base + len(text), a("subject", subject, label=subj_label), rel, lemma,
        r, r + len(rel), object=a("object", obj, label=obj_label) if obj else None,
        extras=tuple(a(role, s, prep) for role, prep, s in extras), polarity=polarity, mode=mode, kind=kind,
    )
    return art, ex


def codes(coder, art, ex):
    """(cameo, source id, target id) of the events of one extraction, coded in its article."""
    events, _, _ = coder.code_article(None, art, [ex])
    return [(e.cameo, e.source and e.source.id, e.target and e.target.id) for e in events]


# -- lexicon ---------------------------------------------------------------------------------

def test_lexicon_constraints():
    lex = VerbLexicon.default()
    assert lex.lookup("seize", ["20 tons of cocaine"]) == "1711"
    assert lex.lookup("seize", ["the town"], source_state=True) == "192"
    assert lex.lookup("seize", ["the town"], source_state=False) == "1711"
    assert lex.lookup("withdraw", ["its troops"]) == "0874"
    assert lex.lookup("withdraw", ["its ambassador"]) == "161"
    assert lex.lookup("arrest") == "173" and lex.lookup("extradite") == "063"
    assert lex.lookup("push back against") == "120"
    assert lex.lookup("sign", ["a trade agreement"]) == "057" and lex.lookup("sign", ["a bill"]) is None
    assert lex.lookup("no such verb") is None
    # the object is tried before the prepositional phrases
    assert lex.lookup("demand", ["the release of prisoners", "at talks"]) == "1053"


def test_lexicon_nouns_and_frames():
    lex = VerbLexicon.default()
    assert lex.noun_code("a mediation effort") == "045"
    assert lex.noun_code("mass demonstrations") == "141"
    assert lex.noun_code("a big effort") is None
    assert lex.frame("intensify") == "support" and lex.frame("refuse") == "refusal"
    assert lex.frame_in("has refused to", "refusal") and not lex.frame_in("has agreed to", "refusal")


def test_bad_lexicon_names_file_and_line(tmp_path):
    data = Path(__file__).resolve().parents[2] / "ingest" / "data"
    for name in ("verbs_classes.tsv", "verbs_frames.tsv", "cameo.tsv", "cameo_transforms.tsv"):
        (tmp_path / name).write_text((data / name).read_text())
    (tmp_path / "verbs.tsv").write_text("seize\t\t\t1711\nzap\t\t\t9999\n")
    with pytest.raises(LexiconError, match="verbs.tsv:2.*9999"):
        VerbLexicon.default(tmp_path)
    (tmp_path / "verbs.tsv").write_text("zap\t@NOPE\t\t190\n")
    with pytest.raises(LexiconError, match="NOPE"):
        VerbLexicon.default(tmp_path)


# -- event types -------------------------------------------------------------------------------

def test_reject_with_target_from_the_object_owner(coder):
    art, ex = make("Mexico rejects US military action.", "Mexico", "rejects", "reject", "US military action")
    (ev,) = coder.code_extraction(ex, art)
    assert (ev.cameo, ev.plover, ev.quad_class, ev.goldstein) == ("1212", "REJECT", 3, -4.0)
    assert (ev.source.id, ev.target.id) == ("country:MEX", "actor:USA-MIL")


def test_arrest_and_seize(coder):
    art, ex = make("Mexican police arrested two cartel leaders.", "Mexican police", "arrested", "arrest",
                   "two cartel leaders")
    assert codes(coder, art, ex) == [("173", "actor:MEX-COP", "actor:MEX-CRM")]
    art, ex = make("Mexican authorities seized 20 tons of cocaine in Sinaloa.", "Mexican authorities", "seized",
                   "seize", "20 tons of cocaine", extras=[("place", "in", "Sinaloa")])
    (ev,) = coder.code_extraction(ex, art)
    # "authorities" that seize property act as police; the drugs are the theme, not a target
    assert (ev.cameo, ev.plover, ev.plover_mode, ev.source.id) == ("1711", "COERCE", "seize", "actor:MEX-COP")
    assert ev.place == "MEX" and ev.target.id == "country:MEX"


def test_theme_and_recipient(coder):
    art, ex = make("Finland will give Tanzania a grant.", "Finland", "will give", "give", "a grant",
                   extras=[("recipient", "", "Tanzania")], mode="future")
    assert codes(coder, art, ex) == [("0331", "country:FIN", "country:TZA")]  # intent to give economic aid
    art, ex = make("The CIA shared intelligence with Mexican authorities.", "The CIA", "shared", "share",
                   "intelligence", extras=[("instrument", "with", "Mexican authorities")])
    assert codes(coder, art, ex) == [("064", "org:cia", "actor:MEX-GOV")]


def test_support_verbs_take_the_type_of_their_noun(coder):
    art, ex = make("The CIA has increased secret drone flights over Mexico.", "The CIA", "has increased",
                   "increase", "secret drone flights", extras=[("place", "over", "Mexico")])
    (ev,) = coder.code_extraction(ex, art)
    assert (ev.cameo, ev.plover, ev.source.id, ev.target.id, ev.place) == ("150", "MOBILIZE", "org:cia",
                                                                           "country:MEX", "MEX")


def test_negation(coder):
    art, ex = make("Mexico did not reject the plan.", "Mexico", "did not reject", "reject", "the plan",
                   polarity="negative")
    assert codes(coder, art, ex) == []
    art, ex = make("Mexico refused to cooperate with Washington.", "Mexico", "refused to cooperate", "cooperate",
                   extras=[("other", "with", "Washington")], polarity="negative")
    assert codes(coder, art, ex) == [("121", "country:MEX", "actor:USA-GOV")]
    art, ex = make("Syria will not accept refugees.", "Syria", "will not accept", "accept", "refugees",
                   polarity="negative", mode="future")
    assert codes(coder, art, ex)[0][0][:2] == "12"
    art, ex = make("Israel did not attack Gaza.", "Israel", "did not attack", "attack", "Gaza",
                   polarity="negative")
    assert codes(coder, art, ex) == []
    art, ex = make("Rebels refused to attack the town.", "Rebels", "refused to attack", "attack", "the town",
                   polarity="negative")
    assert codes(coder, art, ex)[0][0] == "120"


def test_intentions_and_threats(coder):
    art, ex = make("Iran promised to provide aid to Iraq.", "Iran", "promised to provide", "provide", "aid",
                   extras=[("recipient", "to", "Iraq")], mode="intended")
    assert codes(coder, art, ex) == [("033", "country:IRN", "country:IRQ")]
    art, ex = make("Iran threatened to attack Iraq.", "Iran", "threatened to attack", "attack", "Iraq",
                   mode="intended")
    assert codes(coder, art, ex) == [("1384", "country:IRN", "country:IRQ")]
    art, ex = make("Russia would impose sanctions on Georgia.", "Russia", "would impose", "impose", "sanctions",
                   extras=[("other", "on", "Georgia")], mode="hypothetical")
    assert codes(coder, art, ex) == [("1312", "country:RUS", "country:GEO")]
    # a condition is not an event: "unless Baghdad accepted ..."
    art, ex = make("Iran will attack unless Iraq accepted its terms.", "Iraq", "accepted", "accept", "its terms",
                   mode="hypothetical")
    assert codes(coder, art, ex) == []
    # "decided to" reports an act
    art, ex = make("The court decided to allow the party to run.", "The court", "decided to allow", "allow",
                   "the party", mode="intended")
    assert codes(coder, art, ex)[0][0] == "080"


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


def test_roles_attributes_and_relations_are_not_events(coder):
    for kind in ("role", "attribute", "relation"):
        art, ex = make("Claudia Sheinbaum is Mexico's president.", "Claudia Sheinbaum", "is", "hold role",
                       "Mexico's president", kind=kind)
        assert coder.code_extraction(ex, art) == []


def test_role_records_feed_the_article_context(coder):
    text = "Ana Ruiz is Peru's president. Ruiz rejected the Chilean proposal."
    art = Article.create(title="", text=text, published=PUB)
    c = art.content
    role = Extraction(art.id, 0, 0, 28, Argument("subject", "Ana Ruiz", 0, 8, head="Ruiz", label="PERSON"),
                      "is", "hold role", 9, 11,
                      object=Argument("object", "Peru's president", 12, 28, head="president"), kind="role")
    k = c.index("Ruiz rejected")
    p = c.index("the Chilean proposal")
    rej = Extraction(art.id, 1, k, len(c), Argument("subject", "Ruiz", k, k + 4, head="Ruiz", label="PERSON"),
                     "rejected", "reject", k + 5, k + 13,
                     object=Argument("object", "the Chilean proposal", p, p + 20, head="proposal"))
    events, _, _ = coder.code_article(None, art, [role, rej])
    (ev,) = events
    assert (ev.source.id, ev.source.country, ev.source.role, ev.target.id) == (
        "person:ana-ruiz", "PER", "President", "country:CHL")


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
        ("Israeli jets bombed targets in Gaza on Sunday.", "195", "ISR", "PSE"),
    ],
)
def test_model_sentences(nlp, coder, text, prefix, source, target):
    events = run(nlp, coder, text)
    assert has(events, prefix, source, target), [(e.cameo, e.source, e.target) for e in events]


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
