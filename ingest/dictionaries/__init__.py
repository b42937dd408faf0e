"""Dictionaries for event coding: PETRARCH-format readers, the converter, the pattern matcher.

:mod:`~geokg.ingest.dictionaries.petrarch` reads PETRARCH-2's verb, agent, actor and
discard dictionaries; :mod:`~geokg.ingest.dictionaries.conversion` turns them into geokg's
data files (the package ships PETRARCH-2's, converted, in ``ingest/data/petrarch/``)
and loads dictionaries of either format; :mod:`~geokg.ingest.dictionaries.verbs`
matches verb patterns against a clause (a spaCy verb or an extraction);
:mod:`~geokg.ingest.dictionaries.coder` builds the event coder that uses them
(:func:`~geokg.ingest.dictionaries.coder.build_coder`): user patterns first, PETRARCH's as a back-off, agents, dated
actors and discards.
"""

from geokg.ingest.dictionaries.conversion import (
    Dictionaries,
    convert,
    load_dictionaries,
    shipped,
)
from geokg.ingest.dictionaries.petrarch import (
    DictionaryError,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
)
from geokg.ingest.dictionaries.verbs import Clause, PatternLexicon, PatternMatch

__all__ = [
    "Clause",
    "Dictionaries",
    "DictionaryError",
    "PatternLexicon",
    "PatternMatch",
    "convert",
    "load_dictionaries",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
    "shipped",
]

