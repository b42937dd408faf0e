"""Groups and armed men named by whom they follow.

"The group *led by* Abu Ali", "a network *linked to* the Shining Path", "the group *of* Abu Ali": a
group noun the gazetteer gives no sector of its own (``band_heads`` in ``words.tsv``: group, faction,
cell, network) stands for the named actor it follows, as PETRARCH codes a phrase by the name it holds.
An armed role ("militiamen *loyal to* the cleric", "gunmen *allied with* the Tigers") keeps its sector
and takes that actor's country.  A generic "group of Chileans" or "group of diplomats" follows nobody:
only a named actor (a person, a named group or organisation) is followed.

Examples
--------
>>> allegiance_span(["the", "group", "led", "by", "Abu", "Ali"], 1)
(4, 6)
>>> allegiance_span(["militiamen", "loyal", "to", "a", "cleric", "in", "Lima"], 0)
(3, 5)
>>> words = ["the", "group", "of", "Abu", "Ali"]
>>> allegiance_span(words, 1), allegiance_span(words, 1, of=True)
(None, (3, 5))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from geokg.ingest.actors.words import CLAUSE_WORDS, PREPOSITIONS
from geokg.ingest.records import Actor

__all__ = ["ARMED_SECTORS", "allegiance_span", "follows", "followed_actor"]

#: Words of following and the prepositions after them ("led *by*", "loyal *to*").
_ALLEGIANCE = {
    "led": ("by",), "headed": ("by",), "commanded": ("by",), "loyal": ("to",), "linked": ("to", "with"),
    "tied": ("to",), "allied": ("to", "with"), "affiliated": ("to", "with"), "connected": ("to", "with"),
}
#: Sectors of armed roles, which keep their sector and take the followed actor's country.
ARMED_SECTORS = frozenset({"UAF", "REB", "SEP", "INS"})
#: Actor ids of named actors (not a country's sector: "actor:CHL-GOV").
_NAMED = ("person:", "petr:", "org:", "group:")


def follows(word: str, after: str) -> bool:
    """Whether ``word`` and the word ``after`` it say whom a group follows ("led by", "loyal to").

    >>> follows("led", "by"), follows("Loyal", "to"), follows("led", "to")
    (True, True, False)
    """
    return after.lower() in _ALLEGIANCE.get(word.lower(), ())


def allegiance_span(words: Sequence[str], head: int, of: bool = False) -> tuple[int, int] | None:
    """The (start, end) word span of whom the head follows: after "led by", "loyal to" ... right after the head,
    or (``of``) after "of"; it ends before the next preposition or clause word.  None when there is none."""
    i = head + 1
    if of and i < len(words) and words[i].lower() == "of":
        start = i + 1
    elif i + 1 < len(words) and follows(words[i], words[i + 1]):
        start = i + 2
    else:
        return None
    end = next((k for k in range(start, len(words))
                if words[k].lower() in PREPOSITIONS or words[k] in CLAUSE_WORDS), len(words))
    return (start, end) if end > start else None


def followed_actor(words: Sequence[str], head: int, band: bool, code: Callable[[int, int], Actor | None],
                   known: Callable[[str], bool] = lambda _: False) -> Actor | None:
    """The named actor a group (``band``: a sector-less group noun, which may follow by "of" too) or an armed
    role follows, coded by ``code`` (a phrase coder of a word span, start and end); None when it follows none,
    or one neither ``known`` (a gazetteer id) nor of a known country (an ad-hoc person: "the group led by Abu
    Ali" says nothing of the group)."""
    span = allegiance_span(words, head, of=band)
    if span is None:
        return None
    actor = code(*span)
    return actor if actor is not None and actor.id.startswith(_NAMED) and (actor.country or known(actor.id)) else None
