"""Multi-word lemmas of idioms that a clause spreads over its verb, object and prepositional phrases.

The extractor gives a clause's verb (with its particles) as the lemma, its object, and its
prepositional phrases as extras: "took *part* in talks" is ``take`` + object "part" + "in
talks", "took the activists *into custody*" is ``take`` + object + "into custody", "lashed
out *at* Peru" is ``lash out`` + "at Peru".  geokg's rows name such idioms as one lemma
("take part in", "take into custody", "lash out at"), so the coder reads each clause these ways
too (:func:`idiom_readings`) and tries a reading whose lemma has rows of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from geokg.ingest.actors.words import PREPOSITIONS
from geokg.ingest.records import Extraction

__all__ = ["idiom_readings"]

#: Extras that are no part of the act (when it happened, who said so).
_OUTSIDE_ROLES = ("time", "source")


def idiom_readings(ex: Extraction) -> Iterator[tuple[str, tuple[str, ...], bool]]:
    """The idiom lemmas an extraction may be read as, each with the texts its rows' object
    constraints read and whether those texts are the clause's own object:

    - a light verb's bare noun object and the preposition after it ("took *part in* talks",
      "opened *fire on* protesters", "set *fire to* a car"): the phrase is the object;
    - an object noun with its "of" ("took *control of* the town"): the rest is the object;
    - a prepositional phrase that completes the verb ("took the activists *into custody*",
      "took Chile *to court*"): the clause's object stays the object;
    - the first prepositional phrase of a verb without an object ("lashed out *at* Peru").

    Examples
    --------
    >>> from geokg.ingest.records import Argument, Extraction
    >>> def clause(lemma, obj=None, *extras):
    ...     arg = lambda text, prep="": Argument("object" if not prep else "other", text, 0, len(text), prep=prep)
    ...     return Extraction("a", 0, 0, 1, arg("Chile"), lemma, lemma, 0, 1, arg(obj) if obj else None,
    ...                       extras=tuple(arg(t, p) for p, t in extras))
    >>> [r[0] for r in idiom_readings(clause("take", "part", ("in", "talks")))]
    ['take part in', 'take in talks']
    >>> list(idiom_readings(clause("take", "control of the town")))
    [('take control of', ('the town',), False)]
    >>> list(idiom_readings(clause("take", "the activists", ("into", "custody"))))
    [('take into custody', ('the activists',), True)]
    >>> list(idiom_readings(clause("lash out", None, ("at", "Peru"))))[-1]
    ('lash out at', ('Peru',), False)
    """
    lemma = " ".join(ex.lemma.lower().split())
    obj = ex.object
    extras = [x for x in ex.extras if x.prep and x.role not in _OUTSIDE_ROLES]
    words = obj.text.split() if obj is not None else []
    if len(words) == 1 and extras and words[0].isalpha():
        yield f"{lemma} {words[0].lower()} {extras[0].prep.lower()}", (extras[0].text,), False
    if len(words) >= 3 and words[1].lower() == "of" and words[0].isalpha():
        yield f"{lemma} {words[0].lower()} of", (" ".join(words[2:]),), False
    for x in extras:
        phrase = " ".join(x.text.lower().split())
        if phrase.replace(" ", "").isalpha() and len(phrase.split()) <= 2:
            yield f"{lemma} {x.prep.lower()} {phrase}", (obj.text,) if obj is not None else (), obj is not None
    if obj is None and extras and extras[0].prep.lower() in PREPOSITIONS:
        yield f"{lemma} {extras[0].prep.lower()}", (extras[0].text,), False
