"""Scoring PETRARCH unit-test records as PETRARCH runs them: its <Include> line, no parse-reader
tests, and predicted actor codes normalised like the gold ones."""

from __future__ import annotations

import json

from geokg.ingest.evaluation.events import code_records, read_gold
from geokg.ingest.records import Actor, Argument, Event, Extraction

ENVIRONMENT = """<Validation>
<Environment>
    <Include>valid DEMO ACTOR</Include>
</Environment>
<Sentences>
"""


def _rec(rid: str, category: str, **kw) -> dict:
    return {"id": rid, "category": category, "text": "Riverland greeted Hillland.",
            "events": [{"source": "RIV", "target": "HIL", "eventcode": "042"}], **kw}


def _write(folder, with_xml: bool):
    recs = [_rec("DEMO-1", "DEMO"), _rec("AGENTS-1", "AGENTS"), _rec("ACTOR-1", "ACTOR"),
            {**_rec("ERROR-1", "DEMO", error="bad_input_parse"), "events": []},
            {**_rec("DISCARD-1", "DEMO", error="storydiscard"), "events": []}]
    (folder / "dev.unittest.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    if with_xml:
        (folder / "dev.unittest.xml").write_text(ENVIRONMENT)


def test_only_included_categories_and_no_parse_reader_tests(tmp_path):
    _write(tmp_path, with_xml=True)
    (records,) = read_gold(tmp_path / "dev.unittest.jsonl").values()
    assert [g.id for g in records] == ["DEMO-1", "ACTOR-1", "DISCARD-1"]  # a discard test is still scored


def test_without_an_environment_every_category_is_scored(tmp_path):
    _write(tmp_path, with_xml=False)
    (records,) = read_gold(tmp_path / "dev.unittest.jsonl").values()
    assert [g.id for g in records] == ["DEMO-1", "AGENTS-1", "ACTOR-1", "DISCARD-1"]


class _Coder:
    """A stand-in coder: one event from a legacy-coded actor (West Germany, "GMW") to Hillland."""

    table = None

    def code_article(self, doc, article, extractions):
        subj = Argument("subject", "Westland", 0, 8)
        ex = Extraction("a", 0, 0, 20, subj, "greeted", "greet", 9, 16)
        src = Actor("country:GMW", "Westland", "country", "GMW")
        tgt = Actor("country:HIL", "Hillland", "country", "HIL")
        return (Event("e1", ex, src, tgt, "042"),), (), ()


def test_predicted_legacy_codes_are_normalised_like_the_gold_ones(tmp_path):
    rec = {**_rec("DEMO-1", "DEMO"), "events": [{"source": "GMWGOV", "target": "HIL", "eventcode": "042"}]}
    (tmp_path / "dev.unittest.jsonl").write_text(json.dumps(rec) + "\n")
    (records,) = read_gold(tmp_path / "dev.unittest.jsonl").values()
    assert records[0].events[0].sources == {"DEU"}
    units = code_records(records, {"DEMO-1": (None, None, [])}, _Coder())
    assert units == {"DEMO-1": [("04", frozenset({"DEU"}), frozenset({"HIL"}))]}
