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

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path

from geokg.ingest.actors import (
    ActorCoder,
    CodingContext,
    _merge_actor,
    _singular,
    tokenize,
)
from geokg.ingest.cameo import CameoTable
from geokg.ingest.dates import event_date
from geokg.ingest.records import (
    Actor,
    Argument,
    Article,
    Event,
    Extraction,
    Mention,
    stable_id,
)

__all__ = ["STATE_SECTORS", "EventCoder", "LexiconError", "VerbLexicon", "event_id"]

#: Sectors whose actors count as "state" for the lexicon's source constraint.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_NON_EVENT_KINDS = frozenset({"role", "attribute", "relation"})
_TARGET_PREPS = ("against", "to", "with", "on", "toward", "towards", "at", "from", "for", "into", "upon")
_PLACE_PREPS = ("over", "in", "into", "inside", "near", "at", "across", "throughout", "within", "outside")
_OBLIGATION_RE = re.compile(r"\b(must|should|ought|has to|have to|had to|need to|needs to)\b", re.IGNORECASE)
_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
#: Object classes that name people: an object of these classes is the event's target.
_PEOPLE_CLASSES = frozenset({"DIPLOMATS", "PRISONERS", "CRIMINALS", "REFUGEES", "INSPECTORS", "AIDWORKERS"})
_MODAL_RE = re.compile(r"\b(would|could|might|may|will|shall|can|should|must|'ll|wo)\b", re.IGNORECASE)
#: Codes whose events, when no target is named, target the country where they happen.
_DOMESTIC_PREFIXES = ("14", "17", "081", "082", "083")
#: Roots whose events are kept without a known source (violence against a known target).
_AGENTLESS_ROOTS = frozenset({"18", "19", "20"})
#: CAMEO roots of reciprocal events (consult, cooperate, agree, fight).
_RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})


class LexiconError(ValueError):
    """A coding lexicon file is malformed (the message names file and line)."""


def event_id(source: Actor | None, what: str, target: Actor | None, when: date | None, article_id: str) -> str:
    """Stable event id from (source, CAMEO code or lemma, target, date).

    Without a date the article id stands in for it (see the module doc).

    Examples
    --------
    >>> a = Actor("country:MEX", "Mexico", "country", "MEX")
    >>> event_id(a, "120", None, date(2025, 1, 1), "x") == event_id(a, "120", None, date(2025, 1, 1), "y")
    True
    >>> event_id(a, "120", None, None, "x") == event_id(a, "120", None, None, "y")
    False
    """
    return stable_id(
        "event", source.id if source else "-", what, target.id if target else "-",
        when.isoformat() if when else f"article:{article_id}",
    )


def _data_text(name: str, data_dir: str | Path | None) -> str:
    try:
        if data_dir is not None:
            return Path(data_dir, name).read_text(encoding="utf-8")
        return (resources.files("geokg.ingest") / "data" / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read coding lexicon {name!r}: {exc}") from exc


def _rows(name: str, data_dir: str | Path | None, width: int) -> Iterable[tuple[int, list[str]]]:
    for n, line in enumerate(_data_text(name, data_dir).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > width:
            raise LexiconError(f"{name}:{n}: expected at most {width} columns, got {len(cells)}")
        yield n, cells + [""] * (width - len(cells))


def _norm_tokens(text: str) -> tuple[str, ...]:
    return tuple(_singular(t) for t, _, _ in tokenize(text) if re.match(r"\w", t))


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return any(tuple(hay[i:i + n]) == tuple(needle) for i in range(len(hay) - n + 1))


@dataclass(frozen=True, slots=True)
class _Row:
    alternatives: tuple[str | tuple[str, ...], ...]  # "@CLASS" or word tuples; () = any
    source: str
    code: str


class VerbLexicon:
    """The lemma -> CAMEO lexicon (``verbs.tsv``, ``verbs_classes.tsv``, ``verbs_frames.tsv``).

    Examples
    --------
    >>> lex = VerbLexicon.default()
    >>> lex.lookup("seize", ["over 20 million doses of fentanyl"])
    '1711'
    >>> lex.lookup("impose", ["sanctions"]), lex.lookup("impose", ["a curfew"])
    ('163', '1723')
    >>> lex.lookup("kill", [], source_state=True), lex.lookup("kill", [], source_state=False)
    ('190', '180')
    >>> lex.noun_code("secret drone flights"), lex.frame("intensify")
    ('150', 'support')
    """

    def __init__(self, rows: dict[str, list[_Row]], classes: dict[str, list[tuple[str, ...]]],
                 frames: dict[str, str], table: CameoTable | None = None) -> None:
        self.rows = rows
        self.classes = classes
        self.frames = frames
        self._max_noun = max((len(k.split()) for k in rows), default=1)

    @classmethod
    def default(cls, data_dir: str | Path | None = None, table: CameoTable | None = None) -> VerbLexicon:
        """Load the lexicon files from the package data (or ``data_dir``)."""
        table = table or CameoTable.default(data_dir)
        classes: dict[str, list[tuple[str, ...]]] = {}
        for n, (name, terms) in _rows("verbs_classes.tsv", data_dir, 2):
            classes[name.upper()] = [_norm_tokens(t) for t in terms.split(";") if t.strip()]
        rows: dict[str, list[_Row]] = {}
        for n, (lemma, obj, source, code) in _rows("verbs.tsv", data_dir, 4):
            if code not in table:
                raise LexiconError(f"verbs.tsv:{n}: unknown CAMEO code {code!r} for {lemma!r}")
            if source not in ("", "state", "nonstate"):
                raise LexiconError(f"verbs.tsv:{n}: bad source constraint {source!r}")
            alts: list[str | tuple[str, ...]] = []
            for alt in filter(None, (a.strip() for a in obj.split("|"))):
                if alt.startswith("@"):
                    if alt[1:].upper() not in classes and alt.upper() != "@ACTOR":
                        raise LexiconError(f"verbs.tsv:{n}: unknown class {alt!r}")
                    alts.append(alt.upper())
                else:
                    alts.append(_norm_tokens(alt))
            rows.setdefault(" ".join(lemma.lower().split()), []).append(_Row(tuple(alts), source, code))
        frames = {}
        for n, (lemma_, kind) in _rows("verbs_frames.tsv", data_dir, 2):
            if kind not in ("support", "refusal", "asserted", "intent", "generic", "speech", "accusation"):
                raise LexiconError(f"verbs_frames.tsv:{n}: unknown kind {kind!r}")
            frames[" ".join(lemma_.lower().split())] = kind
        return cls(rows, classes, frames, table)

    def frame_in(self, relation: str, kind: str) -> bool:
        """Whether the relation's words contain a frame verb of ``kind`` (any inflection)."""
        stems = [w.removesuffix("e") for w, k in self.frames.items() if k == kind and " " not in w]
        words = re.findall(r"[a-z]+", relation.lower())
        return any(w.startswith(stem) and len(w) - len(stem) <= 3 for w in words for stem in stems)

    def frame(self, lemma: str) -> str | None:
        """``support`` / ``refusal`` for frame verbs, else None."""
        return self.frames.get(" ".join(lemma.lower().split()))

    def _alt_match(self, alt, texts: Sequence[tuple[str, ...]], object_is_actor: bool) -> int | None:
        """Index of the first text the alternative matches (0 for "@ACTOR"), else None."""
        if alt == "@ACTOR":
            return 0 if object_is_actor else None
        for i, t in enumerate(texts):
            if isinstance(alt, str):
                if any(_contains(t, term) for term in self.classes[alt[1:]]):
                    return i
            elif _contains(t, alt):
                return i
        return None

    def _candidates(self, lemma: str) -> list[_Row]:
        key = " ".join(lemma.lower().split())
        if key in self.rows:
            return self.rows[key]
        words = key.split()
        if len(words) > 1:
            for alt in (" ".join(words[:-1]), words[0] + " " + words[-1], words[0]):
                if alt and alt in self.rows:
                    return self.rows[alt]
        sing = _singular(key) if " " not in key else ""
        return self.rows.get(sing, []) if sing else []

    def lookup(self, lemma: str, objects: Sequence[str] = (), *, object_is_actor: bool = False,
               source_state: bool | None = None) -> str | None:
        """CAMEO code for a lemma given its object texts (first match in file order)."""
        return self.match(lemma, objects, object_is_actor=object_is_actor, source_state=source_state)[0]

    def match(self, lemma: str, objects: Sequence[str] = (), *, object_is_actor: bool = False,
              source_state: bool | None = None) -> tuple[str | None, int | None]:
        """Like :meth:`lookup`, also returning which object text satisfied the row's
        constraint (None for an unconstrained row): that argument is the event's
        theme ("shared *intelligence*"), not its target."""
        texts = [_norm_tokens(o) for o in objects]
        rows = [r for r in self._candidates(lemma)
                if not (r.source == "state" and source_state is not True)
                and not (r.source == "nonstate" and source_state is True)]
        # constraints are tried on the first text (the object) before the others
        for limit in (1, len(texts)) if len(texts) > 1 else (len(texts),):
            for row in rows:
                for a in row.alternatives:
                    hit = self._alt_match(a, texts[:limit], object_is_actor)
                    if hit is not None:
                        return row.code, (None if a == "@ACTOR" else hit)
        fallback = next((r.code for r in rows if not r.alternatives), None)
        return fallback, None

    def names_theme(self, lemma: str, head: str) -> bool:
        """Whether ``head`` (an object's head noun) is a term of one of the lemma's
        object classes: "shared *intelligence*" yes, "handed over to *Britain*" no."""
        word = _singular(head)
        for row in self._candidates(lemma):
            for a in row.alternatives:
                if isinstance(a, str) and a[1:] in _PEOPLE_CLASSES:
                    continue  # "expelled two Russian *diplomats*": people acted on are targets
                terms = self.classes.get(a[1:], []) if isinstance(a, str) else [a]
                if any(t and t[-1] == word for t in terms):
                    return True
        return False

    def noun_code(self, text: str, source_state: bool | None = None) -> str | None:
        """The code of the event noun that heads ``text`` ("secret drone flights" -> 150)."""
        toks = _norm_tokens(text)
        # the head noun is the last word before a preposition
        cut = len(toks)
        for i, t in enumerate(toks):
            if i > 0 and t in ("of", "against", "on", "in", "with", "by", "over", "to", "for", "at", "from"):
                cut = i
                break
        toks = toks[:cut]
        for size in range(min(self._max_noun, len(toks)), 0, -1):
            key = " ".join(toks[len(toks) - size:])
            if key in self.rows:
                rest = [" ".join(toks[: len(toks) - size])]
                return self.lookup(key, rest, source_state=source_state)
        # "a mediation effort": a generic head takes the type of its modifier noun
        if toks and self.frames.get(toks[-1]) == "generic":
            for i in range(len(toks) - 2, -1, -1):
                if toks[i] in self.rows:
                    return self.lookup(toks[i], [], source_state=source_state)
        return None

    def is_event_noun(self, head: str) -> bool:
        """Whether ``head`` names an event the lexicon codes (or a generic event head)."""
        word = _singular(head)
        return (word in self.rows or self.frames.get(word) == "generic"
                or any(k.endswith(" " + word) for k in self.rows))


def _is_state(actors: Sequence[Actor]) -> bool | None:
    if not actors:
        return None
    return any(a.kind == "country" or a.kind == "igo" or a.sector in STATE_SECTORS for a in actors)


class EventCoder:
    """Code an article's extractions into events, actors and mentions (see module doc)."""

    def __init__(self, actors: ActorCoder, lexicon: VerbLexicon, table: CameoTable,
                 event_sectors: dict[tuple[str, str], str] | None = None) -> None:
        self.actors = actors
        self.lexicon = lexicon
        self.table = table
        self.event_sectors = dict(event_sectors or {})

    @classmethod
    def default(cls, data_dir: str | Path | None = None, actors: ActorCoder | None = None) -> EventCoder:
        """The coder built from the package data files (and ``actors`` when given)."""
        table = CameoTable.default(data_dir)
        sectors = {(role, prefix): sector for _, (role, prefix, sector) in _rows("roles_event_sectors.tsv", data_dir, 3)}
        return cls(actors or ActorCoder(data_dir), VerbLexicon.default(data_dir, table), table, sectors)

    @classmethod
    def from_files(cls, *gazetteers: str | Path) -> EventCoder:
        """The default coder with extra actor gazetteers (see :meth:`ActorCoder.from_files`)."""
        return cls.default(actors=ActorCoder.from_files(*gazetteers))

    # -- article context -------------------------------------------------------------------
    def context_for(self, article: Article, extractions: Sequence[Extraction], doc=None) -> CodingContext:
        """People, office holders and the main country of an article."""
        people: dict[str, Actor] = {}
        roles: dict[tuple[str, str], Actor] = {}
        countries: Counter[str] = Counter()
        first_seen: dict[str, int] = {}

        def note_country(iso: str | None, pos: int) -> None:
            if iso:
                countries[iso] += 1
                first_seen.setdefault(iso, pos)

        def add_person(p: Actor) -> None:
            prev = people.get(p.name.lower())
            p = _merge_actor(prev, p) if prev is not None and prev.id == p.id else p
            people[p.name.lower()] = p
            parts = p.name.split()
            if len(parts) > 1:
                other = people.get(parts[-1].lower())
                if other is None or other.id == p.id:
                    people[parts[-1].lower()] = p
            if p.country and p.role:
                roles.setdefault((p.country, p.role.lower()), p)

        # the article's main country: the most often named (countries, nationalities, capitals)
        content = article.content
        for iso, start in self.actors.country_mentions(content):
            if not re.search(r"\bethnic\s*$", content[max(0, start - 8):start], re.IGNORECASE):
                note_country(iso, start)
        if doc is not None:
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    a = self.actors.code_entity(ent.text, "PERSON")
                    if a is not None and a.kind == "person":
                        add_person(a)
        for ex in sorted(extractions, key=lambda e: (e.sent_start, e.rel_start)):
            if ex.kind != "role" or ex.object is None:
                continue
            person = self.actors.code_argument(ex.subject)
            if person is None or person.kind != "person":
                continue
            title_words = [w for w, _, _ in tokenize(ex.object.head or ex.object.text)]
            role_title = " ".join(title_words).title() if title_words else None
            iso = person.country
            sector = person.sector
            for x in (ex.object, *ex.extras):
                found = self.actors.countries_in(x.text)
                if found:
                    iso = iso or found[0]
                body = self.actors.code_argument(x)
                if body is not None and body.kind in ("igo", "organization") and body.id.startswith("org:"):
                    iso = iso or body.country
                    if body.country is None and body.sector in ("IGO", "NGO", "JUD", "COP", "LEG"):
                        sector = sector or ("IGO" if body.kind == "igo" else body.sector)
            person = replace(person, country=person.country or iso, role=person.role or role_title,
                             sector=sector or ("GOV" if role_title else None))
            add_person(person)
        default = None
        if countries:
            default = min(countries, key=lambda c: (-countries[c], first_seen.get(c, 0)))
        return CodingContext(article.id, default, people, roles)

    # -- one extraction --------------------------------------------------------------------
    def event_type(self, ex: Extraction, sources: Sequence[Actor], object_actors: Sequence[Actor],
                   doc=None) -> tuple[str | None, bool]:
        """The CAMEO code of an extraction (after polarity and mode), or None; and
        whether its object is the event's theme (the noun or thing acted on:
        "issued *ultimatums*", "shared *intelligence*") rather than its target."""
        if ex.kind in _NON_EVENT_KINDS:
            return None, False
        state = _is_state(sources)
        objects: list[str] = []
        obj_index = None
        if ex.kind == "nominal":
            objects.append(ex.relation)
        if ex.object is not None:
            obj_index = len(objects)
            objects.append(ex.object.text)
        objects.extend(f"{x.prep} {x.text}".strip() for x in ex.extras if x.role not in ("time", "source"))
        lemma = ex.lemma.lower().strip()
        mode = ex.mode
        if mode == "hypothetical" and not _MODAL_RE.search(ex.relation):
            return None, False  # a condition ("unless Baghdad accepted ..."), not an event
        if mode == "intended" and self.lexicon.frame_in(ex.relation, "asserted"):
            mode = "asserted"
        if mode in ("asserted", "reported") and self.lexicon.frame_in(ex.relation, "intent"):
            mode = "intended"
        code, theme = None, False
        if (self.lexicon.frame(lemma) == "support" and ex.object is not None
                and self.lexicon.is_event_noun(ex.object.head or ex.object.text.split()[-1])
                and _head_pos(ex.object, doc) not in ("VERB", "AUX")):
            code = self.lexicon.noun_code(ex.object.text, state)
            theme = code is not None
        if code is None:
            for candidate in (lemma, *_relation_lemmas(ex.relation, ex.lemma)):
                code, hit = self.lexicon.match(candidate, objects, object_is_actor=bool(object_actors),
                                               source_state=state)
                if code is not None:
                    lemma = candidate
                    break
            # the object of a material act is its theme ("deploy *troops*", "impose *sanctions*");
            # the object of a verbal act is a stance whose owner is the target ("reject a *US offer*")
            theme = (hit is not None and hit == obj_index and code is not None
                     and self.table[code].quad_class in (2, 4)
                     and self.lexicon.names_theme(lemma, ex.object.head or ex.object.text.split()[-1]))
        if code is None and ex.kind == "nominal":
            code = self.lexicon.noun_code(ex.relation, state)
        if code is None and mode == "intended" and re.search(r"\bthreat", ex.relation, re.IGNORECASE):
            code, mode = "130", "asserted"  # "threatened to deliver devastating blows"
        if code is None:
            return None, False
        if ex.polarity == "negative":
            refusal = self.lexicon.frame_in(ex.relation, "refusal")
            negated = self.table.transform(code, negated=True)
            if negated is None and refusal and not code.startswith("12"):
                negated = "120"
            return negated, theme
        return self.table.transform(code, mode=mode), theme

    def _targets(self, ex: Extraction, sources: Sequence[Actor], context, doc, skip_object: bool
                 ) -> tuple[Actor, ...]:
        """Target actors: the object's, else the first prepositional or place argument's."""
        src_ids = {a.id for a in sources}

        def usable(arg: Argument | None) -> tuple[Actor, ...]:
            if arg is None:
                return ()
            found = self.actors.code_arguments(arg, doc=doc, context=context)
            # an "unspecified police" target says nothing: keep targets with a country or a name
            return tuple(a for a in found if a.id not in src_ids
                         and not (a.id.startswith("actor:") and a.country is None))

        def place(arg: Argument) -> tuple[Actor, ...]:
            iso = self.actors.place_country(arg.text, arg.label)
            if iso is None:
                return usable(arg)
            a = self.actors.country_actor(iso)
            return () if a.id in src_ids else (a,)

        if not skip_object:
            found = usable(ex.object)
            if found:
                return found
        elif ex.object is not None and not self.actors.is_role_word(ex.object.head or ""):
            # the owner of a theme: "boycott *Algeria's* elections", "suspend aid *to Bosnia*"
            found = usable(ex.object)
            if found:
                return found
        # a "with"/"against" phrase the parser took for a time ("with Syrian President Assad Tuesday")
        extras = [x for x in ex.extras if x.role != "source" and (x.role != "time" or x.prep in ("with", "against"))]
        for x in extras:
            if x.role == "recipient":
                found = usable(x)
                if found:
                    return found
        for prep in _TARGET_PREPS:
            for x in extras:
                if x.role != "place" and x.prep == prep:
                    found = usable(x)
                    if found:
                        return found
        for x in extras:
            if x.role == "place" or x.prep in _PLACE_PREPS:
                found = place(x)
                if found:
                    return found
        return ()

    def code_extraction(self, ex: Extraction, article: Article, doc=None,
                        context: CodingContext | None = None, siblings: Sequence[Extraction] = ()) -> list[Event]:
        """The events of one extraction (one per source x target pair; none for non-events).

        ``siblings`` are the other extractions of the sentence: a demanded clause
        ("X demanded that Y cancel the plan", "X said Y must leave") is coded as a
        demand from the governing clause's subject (X) to its own subject (Y), and a
        clause object gives its subject as the target ("demanded that *the US* ...").
        """
        if ex.kind in _NON_EVENT_KINDS:
            return []
        sources = self.actors.code_arguments(ex.subject, doc=doc, context=context) if ex.subject.text else ()
        if not sources and ex.kind == "nominal" and not ex.subject.text:
            sources = self._nominal_agent(ex, doc, context)
        if not sources:
            sources = self._inherited_subject(ex, siblings, context, doc)
        object_actors = self.actors.code_arguments(ex.object, doc=doc, context=context) if ex.object else ()
        code, theme = self.event_type(ex, sources, object_actors, doc)
        demanded = ex.mode == "demanded" or (ex.mode == "hypothetical" and bool(_OBLIGATION_RE.search(ex.relation)))
        if demanded and ex.polarity == "positive" and ex.kind != "nominal":
            governor = _governor(ex, siblings)
            speech = governor is not None and self.lexicon.frame(governor.lemma) == "speech"
            if ex.mode != "demanded" and not speech:
                demanded = False  # "agreed that their countries should cooperate" is no demand
            else:
                if code is None or ex.mode != "demanded":
                    code = self.table.transform(code, mode="demanded") if code else ("100" if speech else None)
                targets = tuple(sources)
                sources = ()
                if governor is not None and governor.subject.text:
                    sources = self.actors.code_arguments(governor.subject, doc=doc, context=context)
                targets = tuple(t for t in targets if t.id not in {a.id for a in sources}
                                and not (t.id.startswith("actor:") and t.country is None))
        else:
            demanded = False
        if code is None:
            return []
        if not demanded:
            targets = self._targets(ex, sources, context, doc, skip_object=theme)
            if not targets and ex.object is not None and not object_actors:
                targets = self._clause_targets(ex, sources, siblings, context, doc)
        sources = tuple(self._refine_sector(a, ex.subject, code) for a in sources)
        # an event without a known source says little, except violence against a known
        # target ("ten soldiers were killed"); demands keep their demandee
        if not sources and (not targets or code[:2] not in _AGENTLESS_ROOTS) and not (demanded and targets):
            return []
        info = self.table[code]
        if ex.kind == "nominal" and not targets and info.quad_class != 4:
            return []  # "their political demands": a mention of a stance, not a new event
        when = event_date(ex, article)
        place = self._place(ex)
        if not targets and sources and code.startswith(_DOMESTIC_PREFIXES):
            # protests, coercion and concessions without an explicit target are directed at
            # the country where they happen: the event place, else the source's own country
            iso = place or next((a.country for a in sources if a.country), None)
            if iso and not any(a.id == f"country:{iso}" for a in sources):
                targets = (self.actors.country_actor(iso),)
        out = []
        for src in list(sources)[:4] or [None]:
            for tgt in list(targets)[:4] or [None]:
                out.append(Event(
                    id=event_id(src, code, tgt, when.date if when else None, article.id),
                    extraction=ex, source=src, target=tgt, cameo=code,
                    plover=info.plover, plover_mode=info.plover_mode, quad_class=info.quad_class,
                    goldstein=info.goldstein, date=when.date if when else None,
                    date_text=when.text if when else None, place=place,
                ))
        return out

    def _nominal_agent(self, ex: Extraction, doc, context) -> tuple[Actor, ...]:
        """The agent named by an event noun's modifiers: "*Palestinian* riots", "*US* air strikes"."""
        if doc is None:
            return ()
        span = doc.char_span(ex.rel_start, ex.rel_end, alignment_mode="expand")
        if span is None or not len(span):
            return ()
        head = span.root
        mods = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod")]
        if not mods:
            return ()
        start = min(t.left_edge.idx for t in mods)
        end = max(t.right_edge.idx + len(t.right_edge.text) for t in mods)
        text = doc.text[start:end]
        last = mods[-1]
        arg = Argument("subject", text, start, end, head=last.text, label=last.ent_type_)
        return self.actors.code_arguments(arg, context=context)

    def _inherited_subject(self, ex: Extraction, siblings: Sequence[Extraction], context, doc) -> tuple[Actor, ...]:
        """Sources for a clause whose subject names no actor: the issuer of a document
        ("the PKK issued a declaration demanding ...") or, for a subjectless clause,
        the nearest earlier clause's subject ("students staged protests to demand ...")."""
        subj = ex.subject
        if subj.text.lower() in ("he", "she", "they", "it", "we") and not subj.resolved:
            # "Annan announced that he will withdraw ...": the speaker
            governor = _governor(ex, siblings)
            if governor is not None and governor.subject.text and self.lexicon.frame(governor.lemma) in (
                    "speech", "accusation"):
                found = self.actors.code_arguments(governor.subject, doc=doc, context=context)
                if found:
                    return found
        for g in siblings:
            if g is ex or g.object is None or not g.subject.text:
                continue
            if subj.text and g.object.start == subj.start and g.object.end == subj.end:
                found = self.actors.code_arguments(g.subject, doc=doc, context=context)
                if found:
                    return found
        nonfinite = ex.relation.lower().startswith("to ") or ex.relation.lower().endswith("ing")
        if not subj.text and ex.kind != "nominal" and nonfinite:
            before = [g for g in siblings if g is not ex and g.subject.text and g.rel_end <= ex.rel_start
                      and g.kind not in _NON_EVENT_KINDS]
            for g in sorted(before, key=lambda g: -g.rel_start):
                found = self.actors.code_arguments(g.subject, doc=doc, context=context)
                if found:
                    return found
        return ()

    def _clause_targets(self, ex: Extraction, sources: Sequence[Actor], siblings: Sequence[Extraction],
                        context, doc) -> tuple[Actor, ...]:
        """The subject of the first clause inside ``ex``'s object ("demanded that *the US* cancel")."""
        assert ex.object is not None
        inner = sorted((x for x in siblings if x is not ex and x.kind != "role" and x.subject.text
                        and ex.object.start <= x.rel_start < ex.object.end), key=lambda x: x.rel_start)
        src_ids = {a.id for a in sources}
        for x in inner:
            found = tuple(a for a in self.actors.code_arguments(x.subject, doc=doc, context=context)
                          if a.id not in src_ids)
            if found:
                return found
        return ()

    def _refine_sector(self, actor: Actor, arg: Argument, code: str) -> Actor:
        if not actor.id.startswith("actor:") or not actor.country:
            return actor
        role = _singular(arg.head_lemma or arg.head or "")
        for size in range(len(code), 2, -1):
            sector = self.event_sectors.get((role, code[:size]))
            if sector:
                return self.actors.sector_actor(actor.country, sector, arg.text)
        return actor

    def _place(self, ex: Extraction) -> str | None:
        for x in ex.extras:
            if x.role == "place" or (x.prep in _PLACE_PREPS and x.label in ("GPE", "LOC", "FAC")):
                iso = self.actors.place_country(x.text, x.label)
                if iso:
                    return iso
        return None

    # -- one article -------------------------------------------------------------------------
    def code_article(self, doc, article: Article, extractions: Sequence[Extraction]
                     ) -> tuple[tuple[Event, ...], tuple[Actor, ...], tuple[Mention, ...]]:
        """Events, actors and mentions of one parsed article (``doc`` may be None)."""
        extractions = list(extractions)
        context = self.context_for(article, extractions, doc)
        by_sentence: dict[int, list[Extraction]] = {}
        for ex in extractions:
            by_sentence.setdefault(ex.sentence, []).append(ex)
        per_ex: list[tuple[Extraction, list[Event]]] = []
        for ex in extractions:
            per_ex.append((ex, self.code_extraction(ex, article, doc, context, by_sentence[ex.sentence])))
        per_ex = self._reciprocal(per_ex, article)
        per_ex = self._accusations(per_ex, article, by_sentence, context, doc)
        # a nominal event inside the object of a coded event in the same sentence is its duplicate
        covered = [(ex.sentence, arg.start, arg.end) for ex, evs in per_ex if evs and ex.kind != "nominal"
                   for arg in (ex.object, *ex.extras) if arg is not None]
        events: dict[str, Event] = {}
        for ex, evs in per_ex:
            if ex.kind == "nominal" and any(s == ex.sentence and a <= ex.rel_start and ex.rel_end <= b
                                            for s, a, b in covered):
                continue
            for ev in evs:
                events.setdefault(ev.id, ev)
        events = {e.id: e for e in _drop_motives(_drop_less_specific(list(events.values())))}
        mentions = tuple(self._mentions(doc, article, context)) if doc is not None else ()
        actors: dict[str, Actor] = {}
        for ev in events.values():
            for a in (ev.source, ev.target):
                if a is not None:
                    actors[a.id] = _merge_actor(actors[a.id], a) if a.id in actors else a
        for m, a in mentions:
            if a is not None:
                actors[a.id] = _merge_actor(actors[a.id], a) if a.id in actors else a
        ordered = sorted(events.values(), key=lambda e: (e.extraction.sent_start, e.extraction.rel_start, e.id))
        return tuple(ordered), tuple(actors[k] for k in sorted(actors)), tuple(m for m, _ in mentions)

    def _reciprocal(self, per_ex: list[tuple[Extraction, list[Event]]], article: Article
                    ) -> list[tuple[Extraction, list[Event]]]:
        """"The US and Mexico are engaged in discussions": conjoined subjects of a
        reciprocal event (consult, cooperate, agree, fight) are each other's target."""
        by_rel: dict[tuple[int, int, int], list[Event]] = {}
        for ex, evs in per_ex:
            for ev in evs:
                by_rel.setdefault((ex.sentence, ex.rel_start, ex.rel_end), []).append(ev)
        out = []
        for ex, evs in per_ex:
            new = []
            for ev in evs:
                siblings = by_rel.get((ex.sentence, ex.rel_start, ex.rel_end), [])
                others = [o.source for o in siblings if o.source is not None and ev.source is not None
                          and o.source.id != ev.source.id and o.cameo == ev.cameo]
                if ev.target is None and others and ev.cameo and ev.cameo[:2] in _RECIPROCAL_ROOTS:
                    tgt = others[0]
                    ev = replace(ev, target=tgt, id=event_id(ev.source, ev.cameo, tgt, ev.date, article.id))
                new.append(ev)
            out.append((ex, new))
        return out

    def _accusations(self, per_ex: list[tuple[Extraction, list[Event]]], article: Article,
                     by_sentence: dict[int, list[Extraction]], context, doc) -> list[tuple[Extraction, list[Event]]]:
        """"The US claimed that ISIL had attacked Iraq": a claim or allegation that someone
        used force or coercion is an accusation (CAMEO 112) from the claimant to the
        accused, besides the (claimed) event itself."""
        out = list(per_ex)
        for ex, evs in per_ex:
            hostile = [e for e in evs if e.source is not None and (e.quad_class or 0) == 4]
            if not hostile:
                continue
            governor = _governor(ex, by_sentence.get(ex.sentence, []))
            if governor is None or self.lexicon.frame(governor.lemma) != "accusation":
                continue
            speakers = self.actors.code_arguments(governor.subject, doc=doc, context=context)
            info = self.table["112"]
            new = []
            for spk in speakers[:2]:
                for accused in {e.source.id: e.source for e in hostile}.values():
                    if accused.id == spk.id:
                        continue
                    new.append(Event(
                        id=event_id(spk, "112", accused, None, article.id), extraction=governor, source=spk,
                        target=accused, cameo="112", plover=info.plover, plover_mode=info.plover_mode,
                        quad_class=info.quad_class, goldstein=info.goldstein,
                    ))
            if new:
                out.append((governor, new))
        return out

    def _mentions(self, doc, article: Article, context: CodingContext) -> Iterable[tuple[Mention, Actor | None]]:
        sent_index = {}
        for i, sent in enumerate(doc.sents):
            sent_index[sent.start] = i
        starts = sorted(sent_index)
        import bisect

        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            actor = self.actors.code_entity(ent.text, ent.label_, context)
            if (actor is not None and actor.id.startswith("org:") and not self.actors.is_known(actor.id)
                    and _is_title_case(ent.sent.text)):
                actor = None  # Title-Case headlines fool the NER: "Mexico Rejects US Military ..."
            k = bisect.bisect_right(starts, ent.start) - 1
            yield Mention(article.id, sent_index[starts[k]] if k >= 0 else 0, ent.start_char, ent.end_char,
                          ent.text, ent.label_, actor.id if actor else None), actor


def _is_title_case(title: str) -> bool:
    """Whether most words of a headline are capitalised ("Mexico Rejects US Military Action")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _governor(ex: Extraction, siblings: Sequence[Extraction]) -> Extraction | None:
    """The extraction whose object contains ``ex``'s relation (the smallest such object)."""
    best = None
    for g in siblings:
        if g is ex or g.object is None or g.kind in _NON_EVENT_KINDS:
            continue
        inside = g.object.start <= ex.rel_start < g.object.end and g.rel_start != ex.rel_start
        if inside and (best is None or (g.object.end - g.object.start) < (best.object.end - best.object.start)):
            best = g
    return best


def _relation_lemmas(relation: str, lemma: str) -> list[str]:
    """Fallback lemmas from the relation's last word when the parser's lemma is odd
    ("staged" lemmatised as "stag"): the word with -d, -ed, -ing, -s removed or -e added."""
    words = re.findall(r"[a-z]+", relation.lower())
    if not words:
        return []
    w = words[-1]
    out = []
    for cut, add in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if w.endswith(cut) and len(w) - len(cut) >= 3:
            out.append(w[: len(w) - len(cut)] + add)
    out.append(w)
    return [c for c in dict.fromkeys(out) if c != lemma]


def _head_pos(arg: Argument, doc) -> str | None:
    """The part of speech of an argument's head token in ``doc`` (None without a doc)."""
    if doc is None or not arg.head:
        return None
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    head = next((t for t in span if t.text == arg.head), None) if span is not None else None
    return head.pos_ if head is not None else None


def _drop_motives(events: list[Event]) -> list[Event]:
    """Drop a demand that only states the purpose of a protest or threat by the same
    source ("staged demonstrations *to demand* reforms", "would blockade Paris *to demand* ...")."""
    keep = []
    for e in events:
        rel = e.extraction.relation.lower()
        if (e.cameo or "")[:2] in ("10", "02") and rel.startswith("to ") and e.source is not None and any(
                o is not e and o.extraction.sentence == e.extraction.sentence and o.source is not None
                and o.source.id == e.source.id and (o.cameo or "")[:2] in ("13", "14")
                for o in events):
            continue
        keep.append(e)
    return keep


def _drop_less_specific(events: list[Event]) -> list[Event]:
    """Drop an event that another event of the same sentence and CAMEO root says more
    fully: same source but no target, or same target but no source ("demanded ..." and
    "demanded that the US ...")."""
    keep = []
    for e in events:
        root_ = (e.cameo or "")[:2]
        redundant = False
        for o in events:
            if o is e or o.extraction.sentence != e.extraction.sentence or (o.cameo or "")[:2] != root_:
                continue
            if e.target is None and o.target is not None and e.source is not None and o.source is not None \
                    and o.source.id == e.source.id or e.source is None and o.source is not None and e.target is not None and o.target is not None \
                    and o.target.id == e.target.id:
                redundant = True
            if redundant:
                break
        if not redundant:
            keep.append(e)
    return keep
