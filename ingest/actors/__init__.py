"""Actor coding: who is an argument (country, sector, person, organisation)?

:class:`ActorCoder` turns an :class:`~geokg.ingest.records.Argument` into an
:class:`~geokg.ingest.records.Actor` with a canonical id:

* ``country:MEX`` -- a country by name ("Mexico", "the US");
* ``actor:MEX-GOV`` -- a country's sector ("the Mexican government", "US officials",
  "Washington", "the Kremlin"; sector codes in ``actors/roles_sectors.tsv``);
* ``person:claudia-sheinbaum`` -- a named person, with country and role from the
  phrase ("US President Donald Trump"), the article (role records, earlier mentions)
  or the gazetteer of well-known people;
* ``org:cia`` / ``group:MEX-sinaloa-cartel`` -- gazetteer organisations and groups,
  ``org:<slug>`` for other named organisations.

Everything comes from data files in ``ingest/data/``: ``actors/countries.tsv`` (+ pycountry),
``actors/countries_seats.tsv``, ``actors/roles.tsv``, ``actors/roles_sectors.tsv``, ``actors/orgs.jsonl``
and ``actors/people.jsonl``.  :meth:`ActorCoder.from_files` adds gazetteers, e.g.
the PETRARCH validation dictionaries (:func:`read_petrarch_dictionary`).

Arguments that name no actor -- "reports", "fentanyl", "20 million doses" -- code
to ``None``: geokg keeps them as the extraction's text, not as actors.

The code lives in modules of one topic each; this module re-exports their public API:
:mod:`~geokg.ingest.actors.words` (tokenizer, slugs, word classes),
:mod:`~geokg.ingest.actors.data` (entries, :class:`CodingContext`, data files, memos),
:mod:`~geokg.ingest.actors.gazetteer` (term indexes and the scanner, places),
:mod:`~geokg.ingest.actors.phrase` (the rules for one noun phrase),
:mod:`~geokg.ingest.actors.coder` (:class:`ActorCoder`: conjuncts, heads, entities),
:mod:`~geokg.ingest.actors.doc` (what is read from the spaCy Doc),
:mod:`~geokg.ingest.actors.petrarch` (PETRARCH dictionaries),
:mod:`~geokg.ingest.actors.dated` (people whose codes change with the date) and
:mod:`~geokg.ingest.actors.resolve` (:func:`actor_code`, resolution across articles).

The coder memoises what it computes: per article in ``CodingContext.memo`` (coded
arguments, the Doc's index) and, bounded, on the coder for results that hold in
every article (token readings, gazetteer scans, phrases coded without reading the
article context).  It stays immutable in what it returns and safe to share.

Examples
--------
>>> from geokg.ingest.records import Argument
>>> coder = ActorCoder.default()
>>> def arg(text, head="", label=""):
...     return Argument("subject", text, 0, len(text), head=head, label=label)
>>> coder.code_argument(arg("The Mexican government", head="government")).id
'actor:MEX-GOV'
>>> a = coder.code_argument(arg("Mexico's President Claudia Sheinbaum", "Sheinbaum", "PERSON"))
>>> a.id, a.country, a.sector, a.role, a.kind
('person:claudia-sheinbaum', 'MEX', 'GOV', 'President', 'person')
>>> coder.code_argument(arg("The CIA")).id, coder.code_argument(arg("the Kremlin")).id
('org:cia', 'actor:RUS-GOV')
>>> coder.code_argument(arg("over 20 million doses of fentanyl", head="doses")) is None
True
"""

from __future__ import annotations

from geokg.ingest.actors.coder import ActorCoder
from geokg.ingest.actors.data import ActorDataError, CodingContext
from geokg.ingest.actors.petrarch import read_petrarch_dictionary
from geokg.ingest.actors.resolve import ActorResolver, actor_code, resolve_actors
from geokg.ingest.actors.words import slug, tokenize

__all__ = [
    "ActorCoder",
    "ActorDataError",
    "ActorResolver",
    "CodingContext",
    "actor_code",
    "read_petrarch_dictionary",
    "resolve_actors",
    "slug",
    "tokenize",
]
