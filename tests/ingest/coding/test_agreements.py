"""An agreement named again takes its parties as the target.  Every sentence here is written for these tests."""

from __future__ import annotations

from dataclasses import replace

from geokg.ingest.coding.agreements import agreement_parties, names_agreement_again
from geokg.ingest.records import Actor, Argument, Event, Extraction

PER = Actor("country:PER", "Peru", "country", "PER")
CHL = Actor("country:CHL", "Chile", "country", "CHL")
BOL = Actor("country:BOL", "Bolivia", "country", "BOL")


def _pair(sentence: int, relation: str, obj: str, sources: list[Actor], cameo: str,
          target: Actor | None = None) -> tuple[Extraction, list[Event]]:
    start = 100 * sentence
    ex = Extraction("a", sentence, start, start + 99, Argument("subject", "x", start, start + 1), relation,
                    relation.split()[0], start + 2, start + 2 + len(relation),
                    object=Argument("object", obj, start + 20, start + 20 + len(obj), head=obj.split()[-1]))
    return ex, [Event(f"e{sentence}{s.id}", ex, source=s, target=target, cameo=cameo) for s in sources]


def _targets(per_ex) -> dict[tuple[int, str], set[str | None]]:
    out: dict[tuple[int, str], set[str | None]] = {}
    for ex, evs in per_ex:
        for e in evs:
            out.setdefault((ex.sentence, e.source.id), set()).add(e.target and e.target.id)
    return out


def test_a_welcome_of_the_agreement_targets_its_parties():
    # "Peru and Chile agreed to a truce. ... Bolivia welcomed the agreement."
    told = _pair(0, "agreed to", "a truce", [PER], "0356")
    told_too = _pair(0, "agreed to", "a truce", [CHL], "0356")  # the other conjunct's reading
    welcome = _pair(2, "welcomed", "the agreement", [BOL], "051")
    found = _targets(agreement_parties([told, told_too, welcome], "a"))
    assert found[(2, "country:BOL")] == {"country:PER", "country:CHL"}
    assert found[(0, "country:PER")] == {None}  # the agreement itself is unchanged


def test_a_party_to_the_agreement_is_no_target_of_its_own_act():
    told = _pair(0, "agreed to", "a truce", [PER, CHL], "0356")
    reject = _pair(1, "rejected", "the deal", [PER], "120")
    assert _targets(agreement_parties([told, reject], "a"))[(1, "country:PER")] == {"country:CHL"}


def test_without_an_agreement_told_or_with_a_target_nothing_changes():
    welcome = _pair(0, "welcomed", "the agreement", [BOL], "051")
    assert agreement_parties([welcome], "a") == [welcome]
    told = _pair(0, "agreed to", "a truce", [PER, CHL], "0356")
    aimed = _pair(1, "welcomed", "the agreement", [BOL], "051", target=PER)
    assert _targets(agreement_parties([told, aimed], "a"))[(1, "country:BOL")] == {"country:PER"}


def test_praise_or_a_part_of_an_agreement_tells_no_agreement():
    hailed = _pair(0, "hails", "Lima accord", [BOL], "051")  # a headline's praise names no party to it
    welcome = _pair(1, "welcomed", "the accord", [CHL], "051")
    assert _targets(agreement_parties([hailed, welcome], "a"))[(1, "country:CHL")] == {None}
    ex, evs = _pair(0, "backed away from", "parts of the agreement", [PER], "0356")
    part = (replace(ex, object=replace(ex.object, head="parts")), evs)  # the parser's head
    welcome = _pair(1, "welcomed", "the agreement", [BOL], "051")
    assert _targets(agreement_parties([part, welcome], "a"))[(1, "country:BOL")] == {None}


def test_only_a_definite_agreement_noun_names_it_again():
    assert names_agreement_again("this ceasefire") and names_agreement_again("the trade deal")
    assert not names_agreement_again("a new deal") and not names_agreement_again("the talks")
