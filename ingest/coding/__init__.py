"""Event coding: extractions -> CAMEO/PLOVER-typed events between coded actors.

:class:`EventCoder` reads the extractor's records of one article and returns its
events, actors and entity mentions:

* the event type comes from the verb/noun lexicon ``coding/verbs.tsv`` (lemma, object
  and source constraints -> CAMEO code; classes in ``coding/verbs_classes.tsv``); light
  and aspectual verbs ("conduct arrests", "intensify its fight") take the type of
  their object noun (``coding/verbs_frames.tsv``);
* where those rows code nothing, PETRARCH-2's CAMEO verb patterns and block codes back them
  off, and a pattern with a constraint outranks a geokg row without one (main clauses, no
  frame verb; a verb's own or block code only for an act on actors:
  :meth:`VerbLexicon.pattern_code`, :meth:`VerbLexicon.specific_pattern`; user dictionaries'
  patterns and verb codes come first, and their codes are final -- no mode or polarity
  transform -- as in PETRARCH: :mod:`geokg.ingest.dictionaries`);
* polarity and mode change the code as the codebook says (``coding/cameo_transforms.tsv``
  via :meth:`CameoTable.transform`): "did not reject" is no event, "refused to
  cooperate" and "will not accept" are REJECT (12x), an intention to cooperate is
  03x, an intention to use force is a threat (13x), "demanded that X ..." is 10x;
* source = the subject's actor(s); target = the object's actor(s) (the owner of a
  stance: "rejected *an Indian* proposal"), else a recipient, a prepositional or a
  place argument that names one.  The object of a material act is its theme, not
  its target ("deployed *troops* to X", "shared *intelligence* with X"); people acted
  on are targets ("expelled two *Russian* diplomats");
* a demanded clause is a demand from the governing subject to the clause's subject
  ("X demanded that Y cancel ...", "X said Y must ..."); under a verb of appealing or
  wanting it is an appeal, numbered like the demand ("asked Y to send aid" 023, "wants
  Y to withdraw" 0256), and the bare appeal (020) to the same actor is dropped;
* a claim that someone else used force is an accusation (112) from the claimant (the
  PETRARCH-2 "a (b ATTACK) SAY" rule): an allegation ("claimed that Y attacked Z")
  replaces the claimed event; "X said that Y attacked Z" adds the accusation of another
  country's actor and keeps the reported attack; a report after the fact ("Y attacked
  Z, officials said") is only the event; conjoined subjects of a reciprocal act
  (consult, cooperate, agree, fight) are each other's targets;
* what is not done has no purpose: an infinitive of a negated verb ("did not send
  troops *to help*") is no event; the participle that tells the toll of an attack
  ("shelled the town, *killing* ten") is not a second attack; preparing to act is the
  act, not a promise ("prepared to attend a summit" 04x), and preparing violence is a
  show of force (150); "X received weapons from Y" is Y's aid to X; violence by
  protesters or rioters is a violent protest (145, ``coding/roles_event_codes.tsv``);
* a subject that names no actor takes one from the participle that modifies it: its
  "by" agent, else the country where it happened ("a report *released in Kigali*
  alleged ...": PETRARCH's noun-phrase rule);
* protests, coercion and concessions with no target are directed at the country
  where they happen (the place, else the source's country) -- the PLOVER convention;
* an event with no known source is dropped unless it is violence against a known
  target; a less specific duplicate (same sentence and root, missing target or
  source) and a demand that only states a protest's purpose ("staged protests *to
  demand* ...") are dropped; an event noun with no target is kept only for material
  conflict ("Palestinian riots"); an act done to a party -- a demand, disapproval, assault,
  fight or mass violence (CAMEO 10, 11, 18, 19, 20) -- or told to, asked of, held with or yielded
  to one -- a statement, appeal, consultation, yielding or threat (01, 02, 04, 08, 13) -- is no
  event without its target, nor is a visit without its host (042, 043, 044), praise without
  whom it praises (051), cooperation or aid without whom it is done with or given to (06, 07),
  reduced relations, an arrest or an expulsion without whom they hit (16, 173, 174), or a meeting
  to come without whom it is with (036; a body's members may meet among themselves), as PETRARCH's
  events are dyads (:func:`~geokg.ingest.coding.rules.drop_targetless`;
  ``EventCoder.dyadic_roots`` keeps them when emptied);
* a harm told by a generic violence verb takes the type of the fight or attack named with it
  ("killed *in clashes*" 190, "*Israeli air strikes* killed" 195, "*a blast* hit" 183); a violent
  PETRARCH block verb with a subject that names no doer of harm is a figure of speech ("*terror
  scares* hit X": no event); leaving or going to a place is no consultation (frame "motion"),
  heading a body or controlling a town no cooperation (frame "managing");
* PLOVER category and mode, QuadClass and Goldstein come from ``coding/cameo.tsv``;
* date and place from :mod:`geokg.ingest.dates`.

Role, attribute and relation records (kind ``role``/``attribute``/``relation``)
never become events; role records tell the coder who holds which office.

Event ids come from (source id, CAMEO code or lemma, target id, date), so the same
dated event reported by two articles gets one id.  When the date is unknown the
article id takes its place: undated events merge within an article (the headline
and the body telling the same thing) but not across the corpus.

Modules: :mod:`~geokg.ingest.coding.lexicon` (:class:`VerbLexicon`),
:mod:`~geokg.ingest.coding.rules` (filters, constants; event ids are
:func:`geokg.ingest.records.event_id`),
:mod:`~geokg.ingest.coding.context` (the article context),
:mod:`~geokg.ingest.coding.filters` (instruments, accidents, headline passives),
:mod:`~geokg.ingest.coding.extraction` (one extraction; its source rules in
:mod:`~geokg.ingest.coding.sources`, its target rules in :mod:`~geokg.ingest.coding.targets`,
the attacker an item's headline and body share in :mod:`~geokg.ingest.coding.attackers`) and
:mod:`~geokg.ingest.coding.article` (:class:`EventCoder`: one article); this module
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

from geokg.ingest.coding.article import EventCoder
from geokg.ingest.coding.lexicon import LexiconError, VerbLexicon
from geokg.ingest.coding.rules import STATE_SECTORS

__all__ = ["STATE_SECTORS", "EventCoder", "LexiconError", "VerbLexicon"]
