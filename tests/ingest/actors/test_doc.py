"""What the coders read from a parsed article: the DocIndex, noun phrases, person spans."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from geokg.ingest.actors.doc import DocIndex, noun_phrase, person_spans
from geokg.ingest.actors.words import tokenize
from geokg.ingest.records import Argument
from spacy.tokens import Doc


def _doc() -> Doc:
    # "Rebels in the Ivory Coast rejected Ghana 's plan ."
    words = ["Rebels", "in", "the", "Ivory", "Coast", "rejected", "Ghana", "'s", "plan", "."]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 6 + [False, True, False, False],
               heads=[5, 0, 4, 4, 1, 5, 8, 6, 5, 5],
               deps=["nsubj", "prep", "det", "compound", "pobj", "ROOT", "poss", "case", "dobj", "punct"],
               pos=["NOUN", "ADP", "DET", "PROPN", "PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
               ents=["O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "B-PERSON", "O", "O", "O"])


def test_doc_index():
    doc = _doc()
    index = DocIndex(doc)
    assert index.text == doc.text
    assert [(label, text) for _, label, text in index.entities] == [("GPE", "the Ivory Coast"), ("PERSON", "Ghana")]
    assert index.persons == ((35, 40),)


def test_noun_phrase_restores_the_cut_prepositional_phrase():
    doc = _doc()
    cut = Argument("subject", "Rebels", 0, 6, head="Rebels")
    assert noun_phrase(cut, doc) == (0, 25)
    assert DocIndex(doc).noun_phrase(cut) == (0, 25)
    # a clause argument (its head is a verb) names no actor; no head: the argument as it is
    assert noun_phrase(Argument("object", "rejected Ghana's plan", 26, 47, head="rejected"), doc) is None
    assert noun_phrase(Argument("object", "Ghana's plan", 35, 47), doc) == (35, 47)


def test_noun_phrase_is_not_restored_over_a_role_marker():
    # "Rebels as the Ivory Coast rejected Ghana 's plan .": "as" starts a role, no part of the phrase
    words = ["Rebels", "as", "the", "Ivory", "Coast", "rejected", "Ghana", "'s", "plan", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 6 + [False, True, False, False],
              heads=[5, 0, 4, 4, 1, 5, 8, 6, 5, 5],
              deps=["nsubj", "prep", "det", "compound", "pobj", "ROOT", "poss", "case", "dobj", "punct"],
              pos=["NOUN", "ADP", "DET", "PROPN", "PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"])
    cut = Argument("subject", "Rebels", 0, 6, head="Rebels")
    assert noun_phrase(cut, doc) == DocIndex(doc).noun_phrase(cut) == (0, 6)


def test_person_spans():
    doc = _doc()
    a = Argument("object", "Ghana's plan", 35, 47, head="plan")
    assert person_spans(a, tokenize(a.text), DocIndex(doc)) == [(0, 1)]
    b = Argument("subject", "Rebels", 0, 6, head="Rebels")
    assert person_spans(b, tokenize(b.text), DocIndex(doc)) == []


def test_index_noun_phrase_equals_noun_phrase_for_every_span():
    # DocIndex reads a token table instead of spaCy spans: the same answers for any
    # offsets (inside tokens, on spaces, past the end) and heads
    doc = _doc()
    index = DocIndex(doc)
    n = len(doc.text)
    for start in range(n + 1):
        for end in range(start + 1, n + 2):
            for head in ("Rebels", "Coast", "rejected", "plan", "Ghana", "nothing", ""):
                arg = Argument("other", doc.text[start:end], start, end, head=head)
                assert index._noun_phrase(arg) == noun_phrase(arg, doc), (start, end, head)


def test_person_spans_of_several_people():
    words = ["Ali", "met", "Bo", "Chen", "and", "Dee", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O"])
    index = DocIndex(doc)
    arg = Argument("object", "Bo Chen and Dee", 8, 23, head="Chen")
    assert person_spans(arg, tokenize(arg.text), index) == [(0, 2), (3, 4)]
    assert person_spans(Argument("subject", "Ali", 0, 3), tokenize("Ali"), index) == [(0, 1)]
    assert person_spans(Argument("other", "met", 4, 7), tokenize("met"), index) == []


def test_noun_phrase_does_not_start_inside_a_place_entity():
    # an argument cut to "Korean and U.K. envoys" is widened to the entity "South Korean"
    words = ["South", "Korean", "and", "U.K.", "envoys", "talked", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 5 + [False, False],
              heads=[1, 4, 1, 1, 5, 5, 5], deps=["amod", "amod", "cc", "conj", "nsubj", "ROOT", "punct"],
              pos=["ADJ", "ADJ", "CCONJ", "PROPN", "NOUN", "VERB", "PUNCT"],
              ents=["B-NORP", "I-NORP", "O", "B-GPE", "O", "O", "O"])
    arg = Argument("subject", "Korean and U.K. envoys", 6, 28, head="envoys")
    assert noun_phrase(arg, doc) == DocIndex(doc).noun_phrase(arg) == (0, 28)
    inside = Argument("subject", "U.K. envoys", 17, 28, head="envoys")  # starts at an entity: kept
    assert noun_phrase(inside, doc) == (17, 28)


def test_person_name_stops_at_a_verb():
    # Title Case headlines fool the NER: "Ruiz Urges Calm" is the person "Ruiz", "Seeks Talks" none
    words = ["Ruiz", "Urges", "Calm", ";", "Mali", "Seeks", "Talks", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN",
                                                        "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O"])
    index = DocIndex(doc)
    assert [(label, text) for _, label, text in index.entities] == [("PERSON", "Ruiz")]
    assert index.persons == ((0, 4),)
    talks = Argument("object", "Talks", 30, 35, head="Talks", label="PERSON")
    assert person_spans(talks, tokenize(talks.text), index) == []


def test_person_name_stops_at_a_common_word_in_a_headline():
    # "Vega Chides Ruiz Plan" is Title Case; the article writes "plan" in lower case
    words = ["Vega", "Chides", "Ruiz", "Plan", "Again", ".", "The", "plan", "failed", "."]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "ADV", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos,
              ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"],
              sent_starts=[True, False, False, False, False, False, True, False, False, False])
    assert [text for _, label, text in DocIndex(doc).entities] == ["Vega", "Ruiz"]
    words = ["Vega", "chides", "Ruiz", "Plan", "today", ".", "The", "plan", "failed", "."]
    pos[1] = "NOUN"  # not Title Case: the entity is kept whole
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos,
              ents=["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"],
              sent_starts=[True, False, False, False, False, False, True, False, False, False])
    assert [text for _, label, text in DocIndex(doc).entities] == ["Vega", "Ruiz Plan"]


def test_person_name_stops_at_a_plural_noun_or_an_adjective_in_a_headline():
    # "Wreckers Blow Up Pipeline": the tagger calls the capitalised word a plural common noun, the NER a person
    words = ["Wreckers", "Blow", "Up", "Pipeline", "In", "Peru", ".", "A", "pipeline", "burned", "."]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    tags = ["NNS", "VBP", "RP", "NNP", "IN", "NNP", ".", "DT", "NN", "VBD", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O"]
    starts = [True] + [False] * 6 + [True] + [False] * 3
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, tags=tags, ents=ents, sent_starts=starts)
    assert [label for _, label, _ in DocIndex(doc).entities] == ["GPE"]
    tags[0] = "NNP"  # "Ruiz Blows Up Pipeline": a proper noun stays a name
    doc = Doc(spacy.blank("en").vocab, words=["Ruiz", *words[1:]], pos=["PROPN", *pos[1:]], tags=tags, ents=ents,
              sent_starts=starts)
    assert [text for _, label, text in DocIndex(doc).entities] == ["Ruiz", "Peru"]


@cache
def _vocab():
    return spacy.blank("en").vocab


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from([None, True, False]), st.booleans(), st.integers(1, 4)),
                min_size=1, max_size=14))
def test_sentences_are_doc_sents_and_a_token_s_is_found_by_its_start_as_span_sent_finds_it(rows):
    # each row: a token's sentence start (unset, yes, no), whether a space follows it, its length
    words = ["x" * size for _, _, size in rows]
    doc = Doc(_vocab(), words=words, spaces=[space for _, space, _ in rows],
              sent_starts=[start for start, _, _ in rows])
    if not doc.has_annotation("SENT_START"):
        with pytest.raises(ValueError):
            DocIndex(doc).sentences
        return
    index = DocIndex(doc)
    assert index.sentences == tuple((s.start, s.end, s.start_char, s.end_char) for s in doc.sents)
    starts = [a for a, _, _, _ in index.sentences]
    for tok in doc:  # the sentence of each token found by its start, as Span.sent finds it
        sent = doc[tok.i:tok.i + 1].sent
        assert index.sentences[bisect_right(starts, tok.i) - 1] == (sent.start, sent.end, sent.start_char, sent.end_char)
