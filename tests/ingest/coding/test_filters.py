"""Tests of the clause readings that are no events (geokg.ingest.coding.filters.clause_reading).

Every sentence is written for these tests; the parses are built by hand."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from geokg.ingest.coding.filters import (NON_EVENT_READINGS, clause_marks, clause_reading, conditional_threat,
                                         control_verbs)
from geokg.ingest.records import Argument, Extraction
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

MARKS = clause_marks()


def parse(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A Doc from (word, head, dep, pos, tag, lemma) rows."""
    words, heads, deps, pos, tags, lemmas = (list(c) for c in zip(*rows))
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
               sent_starts=[True] + [False] * (len(words) - 1))


def clause(doc: Doc, i: int, kind: str = "event") -> Extraction:
    """An extraction whose relation is token ``i`` (with a "to" before it when there is one)."""
    start = doc[i - 1].idx if i and doc[i - 1].lower_ == "to" else doc[i].idx
    end = doc[i].idx + len(doc[i])
    return Extraction("a", 0, 0, len(doc.text), Argument("subject", "", 0, 0), doc.text[start:end],
                      doc[i].lemma_, start, end, kind=kind)


VISIT = parse([("Envoys", 1, "nsubj", "NOUN", "NNS", "envoy"), ("visited", 1, "ROOT", "VERB", "VBD", "visit"),
               ("Accra", 1, "dobj", "PROPN", "NNP", "Accra"), ("to", 4, "aux", "PART", "TO", "to"),
               ("mediate", 1, "advcl", "VERB", "VB", "mediate")])


def test_a_purpose_is_no_event() -> None:
    assert clause_reading(clause(VISIT, 4), VISIT, MARKS) == "purpose"
    assert "purpose" in NON_EVENT_READINGS


def test_the_visit_itself_and_other_kinds_are_kept() -> None:
    assert clause_reading(clause(VISIT, 1), VISIT, MARKS) == ""
    assert clause_reading(clause(VISIT, 4, kind="nominal"), VISIT, MARKS) == ""
    assert clause_reading(clause(VISIT, 4), None, MARKS) == ""  # nothing to read without a parse


def test_the_infinitive_of_a_control_verb_is_its_complement() -> None:
    # the parser often takes "swore to fight" for a purpose
    doc = parse([("Militias", 1, "nsubj", "NOUN", "NNS", "militia"), ("swore", 1, "ROOT", "VERB", "VBD", "swear"),
                 ("to", 3, "aux", "PART", "TO", "to"), ("fight", 1, "advcl", "VERB", "VB", "fight")])
    assert clause_reading(clause(doc, 3), doc, MARKS, governors=frozenset({"swear"})) == ""
    assert clause_reading(clause(doc, 3), doc, MARKS) == "purpose"
    assert {"vow", "refuse", "threaten"} <= control_verbs()


@pytest.mark.parametrize("head, verb", [("gather", "condemn"), ("march", "protest"), ("brave", "protest")])
def test_coming_together_or_protesting_is_done_as_it_is_told(head: str, verb: str) -> None:
    doc = parse([("Crowds", 1, "nsubj", "NOUN", "NNS", "crowd"), (head + "ed", 1, "ROOT", "VERB", "VBD", head),
                 ("to", 3, "aux", "PART", "TO", "to"), (verb, 1, "advcl", "VERB", "VB", verb),
                 ("it", 3, "dobj", "PRON", "PRP", "it")])
    assert clause_reading(clause(doc, 3), doc, MARKS) == ""


def test_the_infinitive_of_a_noun_is_a_purpose() -> None:
    doc = parse([("They", 1, "nsubj", "PRON", "PRP", "they"), ("signed", 1, "ROOT", "VERB", "VBD", "sign"),
                 ("a", 3, "det", "DET", "DT", "a"), ("pact", 1, "dobj", "NOUN", "NN", "pact"),
                 ("to", 5, "aux", "PART", "TO", "to"), ("expand", 3, "acl", "VERB", "VB", "expand"),
                 ("trade", 5, "dobj", "NOUN", "NN", "trade")])
    assert clause_reading(clause(doc, 5), doc, MARKS) == "purpose"


def _before(tag: str, form: str) -> Doc:
    return parse([("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"), ("want", 1, "ROOT", "VERB", "VBP", "want"),
                  ("talks", 1, "dobj", "NOUN", "NNS", "talk"), ("before", 5, "mark", "SCONJ", "IN", "before"),
                  ("they", 5, "nsubj", "PRON", "PRP", "they"), (form, 1, "advcl", "VERB", tag, "disarm")])


def test_an_event_before_which_something_must_happen_has_not_happened() -> None:
    doc = _before("VBP", "disarm")
    assert clause_reading(clause(doc, 5), doc, MARKS) == "unrealized"
    assert MARKS["until"] == "unrealized"


def test_an_event_a_clause_with_for_sets_out_has_not_happened_unless_it_is_demanded() -> None:
    # "a deadline nears *for* Peru *to disarm* the militias": still to come; "called *for* Peru to disarm" is a demand
    from dataclasses import replace

    doc = parse([("Deadlines", 1, "nsubj", "NOUN", "NNS", "deadline"), ("near", 1, "ROOT", "VERB", "VBP", "near"),
                 ("for", 5, "mark", "SCONJ", "IN", "for"), ("Peru", 5, "nsubj", "PROPN", "NNP", "Peru"),
                 ("to", 5, "aux", "PART", "TO", "to"), ("disarm", 1, "advcl", "VERB", "VB", "disarm"),
                 ("militias", 5, "dobj", "NOUN", "NNS", "militia")])
    assert clause_reading(clause(doc, 5), doc, MARKS) == "unrealized"
    assert clause_reading(replace(clause(doc, 5), mode="demanded"), doc, MARKS) == ""


def test_an_event_told_in_the_past_before_another_has_happened() -> None:
    doc = _before("VBD", "disarmed")
    assert clause_reading(clause(doc, 5), doc, MARKS) == ""


def test_a_participle_describing_a_noun_is_background() -> None:
    doc = parse([("Migrants", 4, "nsubj", "NOUN", "NNS", "migrant"), ("expelled", 0, "acl", "VERB", "VBN", "expel"),
                 ("by", 1, "agent", "ADP", "IN", "by"), ("Oslo", 2, "pobj", "PROPN", "NNP", "Oslo"),
                 ("seized", 4, "ROOT", "VERB", "VBD", "seize"), ("a", 6, "det", "DET", "DT", "a"),
                 ("ferry", 4, "dobj", "NOUN", "NN", "ferry")])
    assert clause_reading(clause(doc, 1), doc, MARKS) == "participle"
    assert clause_reading(clause(doc, 4), doc, MARKS) == ""


def test_a_headline_told_with_a_participle_is_news() -> None:
    doc = parse([("Two", 1, "nummod", "NUM", "CD", "two"), ("guards", 1, "ROOT", "NOUN", "NNS", "guard"),
                 ("abducted", 1, "acl", "VERB", "VBN", "abduct"), ("in", 2, "prep", "ADP", "IN", "in"),
                 ("Gao", 3, "pobj", "PROPN", "NNP", "Gao")])
    assert clause_reading(clause(doc, 2), doc, MARKS) == ""


def _relative(noun: str) -> Doc:
    return parse([("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("found", 1, "ROOT", "VERB", "VBD", "find"),
                  ("the", 3, "det", "DET", "DT", "the"), (noun, 1, "dobj", "NOUN", "NN", noun),
                  ("that", 5, "nsubj", "PRON", "WDT", "that"), ("hit", 3, "relcl", "VERB", "VBD", "hit"),
                  ("Tyre", 5, "dobj", "PROPN", "NNP", "Tyre")])


def test_a_relative_clause_describes_its_noun() -> None:
    doc = _relative("gang")
    assert clause_reading(clause(doc, 5), doc, MARKS, instruments=frozenset({"rocket"})) == "relative"


def test_what_an_attack_or_a_bomb_did_is_the_event_itself() -> None:
    doc = _relative("rocket")
    assert clause_reading(clause(doc, 5), doc, MARKS, instruments=frozenset({"rocket"})) == ""


@pytest.mark.parametrize("head, head_pos, prep", [("suspects", "NOUN", "in"), ("responsible", "ADJ", "for")])
def test_what_a_charge_is_about_is_background_also_after_an_of(head: str, head_pos: str, prep: str) -> None:
    # "Police held suspects in / men responsible for the rocket (attack on the base) that hit Tyre": the arrest
    # is the news; "found the rocket that hit Tyre" stays an event (above)
    rows = [("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("held", 1, "ROOT", "VERB", "VBD", "hold"),
            (head, 1, "dobj", head_pos, "NNS" if head_pos == "NOUN" else "JJ", head.rstrip("s")),
            (prep, 2, "prep", "ADP", "IN", prep), ("the", 5, "det", "DET", "DT", "the"),
            ("rocket", 3, "pobj", "NOUN", "NN", "rocket"), ("that", 7, "nsubj", "PRON", "WDT", "that"),
            ("hit", 5, "relcl", "VERB", "VBD", "hit"), ("Tyre", 7, "dobj", "PROPN", "NNP", "Tyre")]
    doc = parse(rows)
    instruments = frozenset({"rocket", "attack"})
    assert clause_reading(clause(doc, 7), doc, MARKS, instruments=instruments) == "charged"
    of = parse(rows[:5] + [("attack", 3, "pobj", "NOUN", "NN", "attack"), ("of", 5, "prep", "ADP", "IN", "of"),
                           ("the", 8, "det", "DET", "DT", "the"), ("base", 6, "pobj", "NOUN", "NN", "base"),
                           ("that", 10, "nsubj", "PRON", "WDT", "that"), ("hit", 8, "relcl", "VERB", "VBD", "hit"),
                           ("Tyre", 10, "dobj", "PROPN", "NNP", "Tyre")])
    assert clause_reading(clause(of, 10), of, MARKS, instruments=instruments) == "charged"
    assert "charged" in NON_EVENT_READINGS


def test_what_a_charge_is_about_is_background_also_as_a_verbs_object() -> None:
    # "Police accused men of firing the rocket that hit Tyre"
    doc = parse([("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("accused", 1, "ROOT", "VERB", "VBD", "accuse"),
                 ("men", 1, "dobj", "NOUN", "NNS", "man"), ("of", 1, "prep", "ADP", "IN", "of"),
                 ("firing", 3, "pcomp", "VERB", "VBG", "fire"), ("the", 6, "det", "DET", "DT", "the"),
                 ("rocket", 4, "dobj", "NOUN", "NN", "rocket"), ("that", 8, "nsubj", "PRON", "WDT", "that"),
                 ("hit", 6, "relcl", "VERB", "VBD", "hit"), ("Tyre", 8, "dobj", "PROPN", "NNP", "Tyre")])
    assert clause_reading(clause(doc, 8), doc, MARKS, instruments=frozenset({"rocket"})) == "charged"


def test_a_lasting_state_named_by_a_noun_is_no_event() -> None:
    doc = parse([("The", 1, "det", "DET", "DT", "the"), ("war", 4, "nsubj", "NOUN", "NN", "war"),
                 ("in", 1, "prep", "ADP", "IN", "in"), ("Chad", 2, "pobj", "PROPN", "NNP", "Chad"),
                 ("ended", 4, "ROOT", "VERB", "VBD", "end")])
    assert clause_reading(clause(doc, 1, kind="nominal"), doc, MARKS) == "state"
    assert {"state", "averted"} <= NON_EVENT_READINGS


def test_an_averted_event_noun_is_no_event_but_a_reported_one_is() -> None:
    rows = [("Talks", 1, "nsubj", "NOUN", "NNS", "talk"), ("VERB", 1, "ROOT", "VERB", "VBD", "LEMMA"),
            ("an", 3, "det", "DET", "DT", "an"), ("assault", 1, "dobj", "NOUN", "NN", "assault")]
    averted = parse([r if r[0] != "VERB" else ("averted", 1, "ROOT", "VERB", "VBD", "avert") for r in rows])
    assert clause_reading(clause(averted, 3, kind="nominal"), averted, MARKS) == "averted"
    for verb, lemma in (("condemned", "condemn"), ("ended", "end")):  # "ended its assault": it happened
        told = parse([r if r[0] != "VERB" else (verb, 1, "ROOT", "VERB", "VBD", lemma) for r in rows])
        assert clause_reading(clause(told, 3, kind="nominal"), told, MARKS) == ""


def test_an_event_dated_years_before_the_news_is_history() -> None:
    from datetime import date

    from geokg.ingest.coding.filters import historical

    doc = parse([("He", 1, "nsubj", "PRON", "PRP", "he"), ("left", 1, "ROOT", "VERB", "VBD", "leave"),
                 ("30", 3, "nummod", "NUM", "CD", "30"), ("years", 5, "npadvmod", "NOUN", "NNS", "year"),
                 ("after", 5, "mark", "SCONJ", "IN", "after"), ("fleeing", 1, "advcl", "VERB", "VBG", "flee")])
    for i in (2, 3):
        doc[i].ent_type_ = "DATE"
    assert historical(clause(doc, 5), None, doc)
    assert not historical(clause(doc, 1), None, doc)
    ex = clause(doc, 1)
    dated = Extraction(ex.article_id, 0, 0, len(doc.text), ex.subject, ex.relation, ex.lemma, ex.rel_start,
                       ex.rel_end, extras=(Argument("time", "in 1990", 0, 0),))
    assert historical(dated, date(2004, 5, 1)) and not historical(dated, date(1991, 5, 1))
    assert not historical(dated, None)  # a year says nothing without the date of the news



def _met(comma: bool) -> Doc:
    rows = [("Lula", 1, "nsubj", "PROPN", "NNP", "Lula"), ("met", 1, "ROOT", "VERB", "VBD", "meet"),
            ("Obama", 1, "dobj", "PROPN", "NNP", "Obama"), (",", 2, "punct", "PUNCT", ",", ","),
            ("who", 5, "nsubj", "PRON", "WP", "who"), ("urged", 2, "relcl", "VERB", "VBD", "urge"),
            ("him", 5, "dobj", "PRON", "PRP", "he")]
    if not comma:
        rows = [(w, h - (h > 3), d, p, t, l) for w, h, d, p, t, l in rows if w != ","]
    return parse(rows)


def test_a_relative_clause_set_off_after_a_name_is_news_about_it() -> None:
    doc = _met(comma=True)
    assert clause_reading(clause(doc, 5), doc, MARKS) == ""
    doc = _met(comma=False)
    assert clause_reading(clause(doc, 4), doc, MARKS) == "relative"


def test_a_bare_status_noun_after_a_captors_verb_makes_the_subject_the_captive():
    from geokg.ingest.coding.filters import status_complement
    from geokg.ingest.coding.lexicon import VerbLexicon

    lex = VerbLexicon.default()

    def ex(subject: str, rel: str, lemma: str, obj: str) -> Extraction:
        text = f"{subject} {rel} {obj} in Zembla."
        r, o = text.index(rel), text.index(obj, len(subject) + len(rel))
        return Extraction("a", 0, 0, len(text), Argument("subject", subject, 0, len(subject)), rel, lemma,
                          r, r + len(rel), object=Argument("object", obj, o, o + len(obj)))

    assert status_complement(lex, ex("Two Ruritanian drivers", "held", "hold", "hostage"))
    assert status_complement(lex, ex("Two Ruritanian drivers", "held", "hold", "hostage in Zembla arrived home"))
    # told in the present, the subject takes the captives ("rebels take officers hostage")
    assert not status_complement(lex, ex("Zemblan rebels", "take", "take", "hostage"))
    assert status_complement(lex, ex("A Ruritanian pilot", "was taken", "take", "prisoner"))
    # the captives in the object: the subject is the captor
    assert not status_complement(lex, ex("Gunmen", "held", "hold", "two drivers hostage"))
    # a plural object is the captives themselves; another verb is no captor's complement
    assert not status_complement(lex, ex("Ruritania", "held", "hold", "prisoners"))
    assert not status_complement(lex, ex("Ruritania", "released", "release", "hostage"))


def _conditioned(mark: str) -> Doc:
    # "Kenya will withdraw troops <mark> Somalia votes"
    return parse([("Kenya", 2, "nsubj", "PROPN", "NNP", "Kenya"), ("will", 2, "aux", "AUX", "MD", "will"),
                  ("withdraw", 2, "ROOT", "VERB", "VB", "withdraw"), ("troops", 2, "dobj", "NOUN", "NNS", "troop"),
                  (mark, 6, "mark", "SCONJ", "IN", mark), ("Somalia", 6, "nsubj", "PROPN", "NNP", "Somalia"),
                  ("votes", 2, "advcl", "VERB", "VBZ", "vote")])


def test_an_act_held_over_a_condition_with_unless_is_a_threat() -> None:
    doc = _conditioned("unless")
    assert conditional_threat(clause(doc, 2), doc, MARKS)
    assert not conditional_threat(clause(doc, 6), doc, MARKS)  # the condition itself is no threat
    doc = _conditioned("if")  # "will withdraw troops if Somalia votes" may as well be a promise
    assert not conditional_threat(clause(doc, 2), doc, MARKS)
    assert not conditional_threat(clause(doc, 2), None, MARKS)



def _asked(modal: str) -> Doc:
    """"Lima did not say when the army <modal> attack", a question about an act (or a plain clause)."""
    return parse([("Lima", 3, "nsubj", "PROPN", "NNP", "Lima"), ("did", 3, "aux", "AUX", "VBD", "do"),
                  ("not", 3, "neg", "PART", "RB", "not"), ("say", 3, "ROOT", "VERB", "VB", "say"),
                  ("when", 8, "advmod", "SCONJ", "WRB", "when"), ("the", 6, "det", "DET", "DT", "the"),
                  ("army", 8, "nsubj", "NOUN", "NN", "army"), (modal, 8, "aux", "AUX", "MD", modal),
                  ("attack", 3, "ccomp", "VERB", "VB", "attack")])


def test_an_indirect_question_about_an_act_to_come_is_unrealized() -> None:
    doc = _asked("would")
    assert clause_reading(clause(doc, 8), doc, MARKS) == "unrealized"


def test_a_clause_without_a_modal_is_not_a_question_about_the_future() -> None:
    doc = _asked("did")
    assert clause_reading(clause(doc, 8), doc, MARKS) == ""


@cache
def _blank_vocab():
    return spacy.blank("en").vocab


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["npadvmod", "dep", "nsubj", "ROOT"]), st.booleans()),
                min_size=1, max_size=12))
def test_date_children_are_read_from_the_arrays_as_token_by_token(rows):
    # each token's DATE-entity or npadvmod children ("*last week*", "*Monday*"), by head, in order
    from geokg.ingest.coding.filters import _date_children
    from spacy.tokens import Span

    n = len(rows)
    words = [f"w{k}" for k in range(n)]
    doc = Doc(_blank_vocab(), words=words, heads=[h % n for h, _, _ in rows], deps=[d for _, d, _ in rows])
    doc.ents = [Span(doc, k, k + 1, label="DATE") for k, (_, _, date) in enumerate(rows) if date]
    expected: dict[int, list[int]] = {}
    for tok in doc:
        if tok.head.i != tok.i and (tok.ent_type_ == "DATE" or tok.dep_ == "npadvmod"):
            expected.setdefault(tok.head.i, []).append(tok.i)
    assert _date_children(doc) == {h: tuple(ks) for h, ks in expected.items()}
