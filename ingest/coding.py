"""Event coding: extractions -> CAMEO/PLOVER-typed events between coded actors.

:class:`EventCoder` reads the extractor's records of one article and returns its
events, actors and entity mentions:

* the event type comes from the verb/noun lexicon ``verbs.tsv`` (lemma, object
  and source constraints -> CAMEO code; classes in ``verbs_classes.tsv``); light
  and aspectual verbs ("conduct arrests", "intensify its fight") take the type of
  their object noun (``verbs_frames.tsv``);
* polarity and mode change the code as the codebook says (``cameo_transforms.tsv``
  via :meth:`CameoTable.transform`): "did not reject" is no event, "refused to
  cooperate" and "will not accept" are REJECT (12x), an intention to cooperate is
  03x, an intention to use force is a threat (13x), "demanded that X ..." is 10x;
* source = the subject's actor(s); target = the object's actor(s) (the owner of a
  stance: "rejected *an Indian* proposal"), else a recipient, a prepositional or a
  place argument that names one.  The object of a material act is its theme, not
  its target ("deployed *troops* to X", "shared *intelligence* with X"); people acted
  on are targets ("expelled two *Russian* diplomats");
* a demanded clause is a demand from the governing subject to the clause's subject
  ("X demanded that Y cancel ...", "X said Y must ..."); a claim that someone used
  force is also an accusation (112) from the claimant; conjoined subjects of a
  reciprocal act (consult, cooperate, agree, fight) are each other's targets;
* protests, coercion and concessions with no target are directed at the country
  where they happen (the place, else the source's country) -- the PLOVER convention;
* an event with no known source is dropped unless it is violence against a known
  target; a less specific duplicate (same sentence and root, missing target or
  source) and a demand that only states a protest's purpose ("staged protests *to
  demand* ...") are dropped; an event noun with no target is kept only for material
  conflict ("Palestinian riots");
* PLOVER category and mode, QuadClass and Goldstein come from ``cameo.tsv``;
* date and place from :mod:`geokg.ingest.dates`.

Role, attribute and relation records (kind ``role``/``attribute``/``relation``)
never become events; role records tell the coder who holds which office.

Event ids come from (source id, CAMEO code or lemma, target id, date), so the same
dated event reported by two articles gets one id.  When the date is unknown the
article id takes its place: undated events merge within an article (the headline
and the body telling the same thing) but not across the corpus.

Modules: :mod:`~geokg.ingest.coding_lexicon` (:class:`VerbLexicon`),
:mod:`~geokg.ingest.coding_rules` (:func:`event_id`, filters, constants),
:mod:`~geokg.ingest.coding_context` (the article context),
:mod:`~geokg.ingest.coding_extraction` (one extraction) and
:mod:`~geokg.ingest.coding_article` (:class:`EventCoder`: one article); this module
re-exports their public API.

Examples
--------
>>> from geokg.ingest.records import Argument, Article, Extraction
>>> art = Article.create(title="Mexico rejects US military action", text="")
>>> subj = Argument("subject", "Mexico", 0, 6, head="Mexico", label="GPE")
>>> obj = Argument("object", "US military action", 15, 33, head="action")
>>> ex = Extraction(art.id, 0, 0, 33, subj, "rejects", "reject", 7, 14, object=obj)
>>> ev = EventCoder.default().code_extraction(ex, art)[0]
>>> ev.source.id, ev.cameo, ev.plover, ev.quad_class, ev.goldstein, ev.target.id
('country:MEX', '1212', 'REJECT', 3, -4.0, 'actor:USA-MIL')
"""

from __future__ import annotations

from geokg.ingest.coding_article import EventCoder
from geokg.ingest.coding_lexicon import LexiconError, VerbLexicon
from geokg.ingest.coding_rules import STATE_SECTORS, event_id

__all__ = ["STATE_SECTORS", "EventCoder", "LexiconError", "VerbLexicon", "event_id"]
