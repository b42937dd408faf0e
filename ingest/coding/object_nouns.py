"""A light verb's object read as the clause of the verb its event noun names.

A light verb has no act of its own: "ordered *patrols* by police" tells a patrol, "launched a
*mediation* effort between X and Y" a mediation, "announced the *expulsion* of two diplomats"
an expulsion.  Where geokg's rows code neither the verb nor the noun, the coder reads such a
clause as the back-off verb the noun names (PETRARCH-2's dictionary,
:meth:`~geokg.ingest.dictionaries.verbs.PatternLexicon.verb_of_noun`: "patrols" -> PATROL,
"expulsion" -> EXPEL), its object the noun's "of" phrase, and codes it by that verb's patterns
(:meth:`~geokg.ingest.coding.lexicon.VerbLexicon.pattern_code`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from geokg.ingest.actors.words import singular
from geokg.ingest.records import Extraction

__all__ = ["AUXILIARIES", "PHRASE_STOPS", "object_noun_clause"]

#: Verbs that are no event on their own ("there *was* no deal"): the back-off leaves them alone.
AUXILIARIES = frozenset({"be", "have", "do", "get", "become", "remain", "seem"})
#: Words that end the noun phrase after an "of" ("tons of food *for* the refugees").
PHRASE_STOPS = frozenset({"and", "or", "for", "to", "from", "in", "on", "at", "with", "by", "into", "that", "which",
                          "who", ",", "as"})
#: Endings of the nouns of acts that may modify a generic head ("a *mediation* effort", "a *deployment*
#: operation"): not an adjective's ("a *final* effort" is no fine).
_MODIFIER_SUFFIXES = ("ion", "ment", "ance", "ence", "ure")
_LETTERS = re.compile(r"[a-z]+")


def object_noun_clause(ex: Extraction, lex: Any) -> tuple[Extraction | None, bool]:
    """``ex`` read as the clause of the back-off verb that the event noun heading its object names,
    and whether the noun is a generic head's modifier; (None, False) when there is none.

    ``lex`` is the :class:`~geokg.ingest.coding.lexicon.VerbLexicon` (its rows, frames, event nouns
    and back-off).  None when geokg's rows code the noun (they come first), when the back-off
    names no verb for it, when a generic head's modifier is no noun of an act ("a final effort"),
    a measure ("$11 billion"), or a noun that is a verb too but no event noun of the extractor
    (``lex.event_nouns``: "ordered *patrols*", not "ordered *forces*").

    Examples
    --------
    >>> from geokg.ingest.coding.lexicon import VerbLexicon
    >>> from geokg.ingest.dictionaries.petrarch import read_verbs
    >>> from geokg.ingest.dictionaries.verbs import PatternLexicon
    >>> from geokg.ingest.records import Argument
    >>> lex = VerbLexicon({}, {}, {"announce": "support"}, VerbLexicon.default().table)
    >>> lex.backoff = PatternLexicon(read_verbs("--- EXPEL [174] ---\\nEXPEL\\n"), nominal_suffixes=(("ulsion", "el"),))
    >>> obj = "the expulsion of two diplomats"
    >>> ex = Extraction("a", 0, 0, 60, Argument("subject", "Chile", 0, 5), "announced", "announce", 6, 15,
    ...                 object=Argument("object", obj, 16, 16 + len(obj), head="expulsion"))
    >>> clause, generic = object_noun_clause(ex, lex)
    >>> clause.lemma, clause.object.text, generic
    ('expel', 'two diplomats', False)
    """
    obj = ex.object
    if lex.backoff is None or obj is None:
        return None, False
    words = _LETTERS.findall(obj.text.lower())
    head = (obj.head or (obj.text.split() or [""])[-1]).lower()
    generic = lex.frames.get(singular(head)) == "generic"
    if head not in words or lex.is_event_noun(head) and not generic:
        return None, False
    at = words.index(head)
    noun = words[at - 1] if generic and at > 0 else ("" if generic else singular(head))
    if not noun or singular(noun) in lex.rows or noun in AUXILIARIES:
        return None, False
    if generic and not noun.endswith(_MODIFIER_SUFFIXES) and noun not in lex.backoff.index:
        return None, False  # "a final effort" is no fine: only a noun of an act modifies the head
    noun = singular(noun)
    verb = lex.backoff.verb_of_noun(noun)
    if noun in lex.class_terms("MEASURES")[0] or verb is None or verb == ex.lemma.lower().strip():
        return None, False  # "made $11 *billion*" is no bill
    if verb == noun and noun not in lex.event_nouns:
        return None, False  # a noun that is a verb too names the act only if an event noun
    return replace(ex, lemma=verb, relation=verb, object=_of_phrase(obj, words[at + 1:])), generic


def _of_phrase(obj, rest: list[str]):
    """The noun's "of" phrase (``rest``: the words after the noun) as the clause's object, up to
    the first word that ends it (:data:`PHRASE_STOPS`); None without one."""
    if len(rest) < 2 or rest[0] != "of":
        return None
    tail = rest[1:]
    stop = next((i for i, w in enumerate(tail) if w in PHRASE_STOPS), len(tail))
    if not stop:
        return None
    return replace(obj, text=" ".join(tail[:stop]), head=tail[stop - 1], head_lemma=singular(tail[stop - 1]))
