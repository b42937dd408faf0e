"""Error-class predicates of event coding on real news (issue #17).

Pure functions over an extraction, its article and the verb lexicon's word classes
(``coding/verbs_classes.tsv``), used by :class:`~geokg.ingest.coding.extraction.ExtractionCoder`:

* :func:`headed_by`: whether a subject is headed by a term of a class -- ``@INSTRUMENTS``
  ("a car bomb", "the attack on the convoy": no actor, the victims stay targets),
  ``@ACCIDENTS`` ("the storm killed ten": no event), ``@VEHICLES``;
* :func:`instrument_modifiers`: the words before such a head, the only ones that may name
  who acted ("*US drone* strikes killed ...");
* :func:`mentions_accident`: whether the sentence names an accident or disaster;
* :func:`headline_passive`: a headline's passive told without "was" ("Opposition leader
  killed"), whose subject is the target.

Examples
--------
>>> from geokg.ingest.coding.lexicon import VerbLexicon
>>> from geokg.ingest.records import Argument
>>> lex = VerbLexicon.default()
>>> headed_by(lex, Argument("subject", "A car bomb", 0, 10, head="bomb"), "INSTRUMENTS")
True
>>> headed_by(lex, Argument("subject", "Kenyan troops", 0, 13, head="troops"), "INSTRUMENTS")
False
>>> instrument_modifiers("Turkish drone strikes on the camp", "strikes")
'Turkish drone'
"""

from __future__ import annotations

import re

from geokg.ingest.actors.words import singular
from geokg.ingest.records import Argument, Article, Extraction

__all__ = ["PASSIVE_RE", "headed_by", "headline_passive", "instrument_modifiers", "mentions_accident"]

#: A relation with a form of "be": a passive, whose subject is no instrument of its own.
PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\b", re.IGNORECASE)
_LETTER_WORDS = re.compile(r"[a-z]+")
_HEAD_CUT = frozenset({"on", "of", "in", "against", "by", "at"})
_NOUN_PREPS = frozenset({"on", "of", "in", "against", "at", "near", "targeting"})
#: Prepositions of a phrase the extractor promotes to the object of a headline passive.
_HEADLINE_PREPS = frozenset({"in", "at", "near", "during", "after", "on", "outside"})
_IRREGULAR_PARTICIPLES = frozenset({"shot", "hit", "held", "slain", "hurt", "struck", "taken", "beaten", "caught"})


def headed_by(lexicon, subject: Argument, word_class: str) -> bool:
    """Whether the head of ``subject`` (the last word before any preposition) is a term of
    ``word_class`` in the lexicon's word classes."""
    if not subject.text.strip():
        return False
    key = (subject.text, subject.head, word_class)
    found = lexicon._heads_memo.get(key)
    if found is None:
        found = lexicon._heads_memo.put(key, _headed_by(lexicon, subject, word_class))
    return found


def _headed_by(lexicon, subject: Argument, word_class: str) -> bool:
    """:func:`headed_by` of a subject with a text (memoised there)."""
    words, phrases = lexicon._class_terms.get(word_class, (frozenset(), ()))
    head = singular((subject.head or subject.text.split()[-1]).lower())
    toks = tuple(singular(w.lower()) for w in subject.text.split())
    cut = next((i for i, w in enumerate(toks) if w in _HEAD_CUT), len(toks))
    if head in words or (cut and toks[cut - 1] in words):
        return True
    return any(toks[:cut][-len(t):] == t for t in phrases)


def instrument_modifiers(text: str, head: str) -> str:
    """The words of ``text`` before its head and before any preposition ("" when none)."""
    words = text.split()
    cut = min(words.index(head) if head in words else len(words) - 1,
              next((i for i, w in enumerate(words) if w.lower() in _NOUN_PREPS), len(words)) - 1)
    return " ".join(words[:cut]) if cut > 0 else ""


def mentions_accident(lexicon, ex: Extraction, article: Article) -> bool:
    """Whether the sentence of ``ex`` names an accident or disaster (``@ACCIDENTS``)."""
    words, _ = lexicon._class_terms.get("ACCIDENTS", (frozenset(), ()))
    toks = [singular(w) for w in _LETTER_WORDS.findall(article.content[ex.sent_start:ex.sent_end].lower())]
    return not words.isdisjoint(toks)


def headline_passive(ex: Extraction, article: Article, code: str) -> bool:
    """Whether ``ex`` is a headline's passive told without "was" ("Opposition leader killed",
    "Minister criticised"): a past form with no object, auxiliary or agent, coding an act done
    to someone (not a statement or an intent); its subject is the target."""
    if ex.kind != "event" or ex.sent_start >= article.body_offset:
        return False
    if ex.object is not None and not (ex.object.prep and ex.object.prep in _HEADLINE_PREPS):
        return False  # an object proper; a promoted "in Attack ..." phrase is no object
    if code[:2] in ("01", "03"):
        return False  # "Leaders Agreed" is told in the active even in headlines
    words = ex.relation.lower().split()
    if len(words) == 2 and words[1] in _HEADLINE_PREPS:
        words = words[:1]  # "Aid Workers Killed in Attack": the place or cause was promoted
    if len(words) != 1 or any(x.prep == "by" for x in ex.extras):
        return False
    return words[0].endswith("ed") or words[0] in _IRREGULAR_PARTICIPLES
