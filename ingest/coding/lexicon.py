"""The verb/noun lexicon: lemma (+ object and source constraints) -> CAMEO code.

:class:`VerbLexicon` reads ``coding/verbs.tsv`` (lemma, object alternatives, source
constraint, CAMEO code), ``coding/verbs_classes.tsv`` (named classes of object terms, used
as ``@CLASS``) and ``coding/verbs_frames.tsv`` (light, aspectual, speech ... verbs).  A
malformed row raises :class:`LexiconError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Self

from geokg.ingest.actors.data import Memo
from geokg.ingest.actors.words import singular, words_of
from geokg.ingest.coding.cameo import CameoTable
from geokg.ingest.coding.idioms import idiom_readings
from geokg.ingest.coding.object_nouns import AUXILIARIES, PHRASE_STOPS, object_noun_clause
from geokg.ingest.coding.rules import relation_lemmas, relation_root
from geokg.ingest.resources import data_text

__all__ = ["NO_EVENT", "LexiconError", "VerbLexicon", "read_rows"]

#: The code of a row that says its reading is no event (PETRARCH's ``[---]``): "a ruling *struck down* the rules".
NO_EVENT = "---"

#: Object classes that name people: an object of these classes is the event's target.
_PEOPLE_CLASSES = frozenset({"DIPLOMATS", "PRISONERS", "HOSTAGES", "CRIMINALS", "REFUGEES", "INSPECTORS", "AIDWORKERS",
                             "CIVILIANS"})


_WORD_RE = re.compile(r"\w")
_LETTERS_RE = re.compile(r"[a-z]+")
#: CAMEO 030, "express intent to cooperate, not specified below": the own or block code of many PETRARCH verbs of
#: preparing, expecting and vowing (PREPARE, EXPECT, VOW blocks), which say an intent only of a complement
#: ("vowed to rebuild"), not of a plain object ("prepares for a vote", "expects him").
_GENERIC_INTENT = "030"
_NONE = object()  # "not memoised yet" (None is a result)
#: Entries of the memo of rows a clause tries (:meth:`VerbLexicon.clause_rows`: lemmas and (relation, lemma) pairs):
#: a build of a few thousand articles holds ~10,000 of them; a smaller memo drops what the next articles read again.
_CANDIDATES = 1 << 15


class LexiconError(ValueError):
    """A coding lexicon file is malformed (the message names file and line)."""


def _data_text(name: str, data_dir: str | Path | None) -> str:
    try:
        return data_text(name, data_dir)
    except OSError as exc:
        raise LexiconError(f"cannot read coding lexicon {name!r}: {exc}") from exc


def read_rows(name: str, data_dir: str | Path | None, width: int) -> Iterable[tuple[int, list[str]]]:
    for n, line in enumerate(_data_text(name, data_dir).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > width:
            raise LexiconError(f"{name}:{n}: expected at most {width} columns, got {len(cells)}")
        yield n, cells + [""] * (width - len(cells))


def _norm_tokens(text: str) -> tuple[str, ...]:
    return tuple(singular(t) for t in words_of(text) if _WORD_RE.match(t))


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if n == 1:
        return needle[0] in hay  # the same test, without a slice per word
    return any(tuple(hay[i:i + n]) == tuple(needle) for i in range(len(hay) - n + 1))


def _stem_sets(frames: dict[str, str]) -> dict[str, dict[str, int]]:
    """Per kind of frame verb, the stems of its one-word verbs with the fewest letters a form adds ("note" ->
    "not", 1: "not" itself is no form of it; the smaller when two verbs share a stem)."""
    stems: dict[str, tuple[tuple[str, int], ...]] = {}
    for w, k in frames.items():
        if " " not in w:
            stem = w.removesuffix("e")
            stems[k] = (*stems.get(k, ()), (stem, int(stem != w)))
    return {k: {stem: min(n for s, n in v if s == stem) for stem, _ in v} for k, v in stems.items()}


def _stem_kinds(frames: dict[str, str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per stem of :func:`_stem_sets`, the (kind, fewest letters) of each kind it is a stem of: a word's
    kinds in one reading."""
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    for k, by_stem in _stem_sets(frames).items():
        for stem, n in by_stem.items():
            out[stem] = (*out.get(stem, ()), (k, n))
    return out


@dataclass(frozen=True, slots=True)
class _Row:
    alternatives: tuple[str | tuple[str, ...], ...]  # "@CLASS" or word tuples; () = any
    source: str
    code: str


class VerbLexicon:
    """The lemma -> CAMEO lexicon (``coding/verbs.tsv``, ``coding/verbs_classes.tsv``, ``coding/verbs_frames.tsv``).

    Examples
    --------
    >>> lex = VerbLexicon.default()
    >>> lex.lookup("seize", ["over 20 million doses of fentanyl"])
    '1711'
    >>> lex.lookup("impose", ["sanctions"]), lex.lookup("institute", ["a curfew"])
    ('163', '1723')
    >>> lex.lookup("kill", [], source_state=True), lex.lookup("kill", [], source_state=False)
    ('190', '180')
    >>> lex.state_free("killed", "kill"), lex.state_free("imposed", "impose")
    (False, True)
    >>> lex.noun_code("secret drone flights"), lex.frame("intensify")
    ('150', 'support')
    """

    def __init__(self, rows: dict[str, list[_Row]], classes: dict[str, list[tuple[str, ...]]],
                 frames: dict[str, str], table: CameoTable | None = None,
                 kinds: dict[str, frozenset[str]] | None = None, event_nouns: frozenset[str] = frozenset()) -> None:
        self.rows = rows
        #: the extractor's event nouns (``extract/nominals.tsv``): a noun that is a verb too names the act
        #: only if listed ("ordered *patrols*", not "ordered *forces*"; :mod:`~geokg.ingest.coding.object_nouns`)
        self.event_nouns = event_nouns
        self.classes = classes
        self.frames = frames
        #: every frame kind of a lemma (:meth:`has_frame`): "announce" is a light verb before an
        #: event noun ("announced a ceasefire") and a speech verb before a clause; ``frames`` holds
        #: the kind :meth:`frame` gives, the last one listed
        self.kinds = kinds if kinds is not None else {w: frozenset({k}) for w, k in frames.items()}
        self.table = table
        #: PETRARCH-format verb patterns (:class:`~geokg.ingest.dictionaries.verbs.PatternLexicon`):
        #: a user's, tried before these rows, and the shipped back-off, tried when they fire on nothing
        self.user_patterns = None
        self.backoff = None
        #: whether a fitting back-off pattern outranks a geokg row without constraint (:meth:`specific_pattern`)
        self.specific_first = True
        self._max_noun = max((len(k.split()) for k in rows), default=1)
        # frame_in's verb stems by kind, and memos of the pure lookups (bounded)
        # class -> (its one-word terms, its longer terms): one-word terms are a set test
        self._class_terms = {
            name: (frozenset(t[0] for t in terms if len(t) == 1), tuple(t for t in terms if len(t) != 1))
            for name, terms in classes.items()}
        # class -> its longer terms by first word (None when a term is empty: it is in every text)
        self._class_firsts: dict[str, dict[str, list[tuple[str, ...]]] | None] = {}
        for name, (_, longer) in self._class_terms.items():
            firsts: dict[str, list[tuple[str, ...]]] | None = {}
            for t in longer:
                if not t:
                    firsts = None
                    break
                firsts.setdefault(t[0], []).append(t)
            self._class_firsts[name] = firsts
        self._last_words = frozenset(k.rsplit(" ", 1)[1] for k in rows if " " in k)
        self._stem_kinds = _stem_kinds(frames)
        self._norm_memo = Memo(1 << 14)
        self._match_memo = Memo(1 << 14)
        self._relation_kinds_memo = Memo(1 << 14)  # relation -> the kinds of frame verb among its words
        self._word_kinds_memo = Memo(1 << 13)  # word -> the kinds of frame verb it is a form of
        # lemma as written -> its rows (_candidates), with the rows it read: a copy with other
        # rows (geokg.ingest.evaluation.folds.without_rows) starts a memo of its own
        self._candidates_memo: tuple[dict, Memo] = (rows, Memo(_CANDIDATES))
        self._frame_memo = Memo(1 << 12)  # lemma as written -> frame
        self._kinds_memo = Memo(1 << 12)  # lemma as written -> its kinds (has_frame)
        # (subject text, head, word class) -> headed_by; ("hazard names", article id) -> the storm
        # names of an article (coding.filters.named_hazard)
        self._heads_memo = Memo(1 << 14)
        self._relation_lemmas_memo = Memo(1 << 12)  # (relation, lemma) -> relation_lemmas
        self._hyphen_memo: tuple[dict, frozenset[str]] = ({}, frozenset())  # rows -> hyphen_heads
        # the last extraction matched against PETRARCH patterns, its clause and its matches: the
        # coder asks for one extraction's patterns several times in a row (_pattern_match)
        self._last_patterns: tuple = (None, None, {})

    @classmethod
    def default(cls, data_dir: str | Path | None = None, table: CameoTable | None = None) -> Self:
        """Load the lexicon files from the package data (or ``data_dir``)."""
        table = table or CameoTable.default(data_dir)
        classes: dict[str, list[tuple[str, ...]]] = {}
        for n, (name, terms) in read_rows("coding/verbs_classes.tsv", data_dir, 2):
            classes[name.upper()] = [_norm_tokens(t) for t in terms.split(";") if t.strip()]
        rows: dict[str, list[_Row]] = {}
        for n, (lemma, obj, source, code) in read_rows("coding/verbs.tsv", data_dir, 4):
            if code != NO_EVENT and code not in table:
                raise LexiconError(f"coding/verbs.tsv:{n}: unknown CAMEO code {code!r} for {lemma!r}")
            if source not in ("", "state", "nonstate"):
                raise LexiconError(f"coding/verbs.tsv:{n}: bad source constraint {source!r}")
            alts: list[str | tuple[str, ...]] = []
            for alt in filter(None, (a.strip() for a in obj.split("|"))):
                if alt.startswith("@"):
                    if alt[1:].upper() not in classes and alt.upper() != "@ACTOR":
                        raise LexiconError(f"coding/verbs.tsv:{n}: unknown class {alt!r}")
                    alts.append(alt.upper())
                else:
                    alts.append(_norm_tokens(alt))
            rows.setdefault(" ".join(lemma.lower().split()), []).append(_Row(tuple(alts), source, code))
        frames: dict[str, str] = {}
        kinds: dict[str, frozenset[str]] = {}
        for n, (lemma_, kind) in read_rows("coding/verbs_frames.tsv", data_dir, 2):
            if kind not in ("support", "refusal", "asserted", "intent", "generic", "speech", "accusation",
                            "request", "converse", "preparation", "patient", "deliberation", "motion",
                            "managing", "commissive"):
                raise LexiconError(f"coding/verbs_frames.tsv:{n}: unknown kind {kind!r}")
            key = " ".join(lemma_.lower().split())
            if kind in kinds.get(key, ()):
                raise LexiconError(f"coding/verbs_frames.tsv:{n}: {key!r} is listed as {kind!r} twice")
            if kind != "commissive":  # a tag only (verbs_frames.tsv): never the frame chosen
                frames[key] = kind
            kinds[key] = kinds.get(key, frozenset()) | {kind}
        nouns = frozenset(cells[0].lower() for _, cells in read_rows("extract/nominals.tsv", data_dir, 2))
        return cls(rows, classes, frames, table, kinds, event_nouns=nouns)

    def frame_in(self, relation: str, kind: str) -> bool:
        """Whether the relation's words contain a frame verb of ``kind`` (any inflection)."""
        kinds = self._relation_kinds_memo.get(relation)
        if kinds is None:  # every kind at once: a relation is asked for several
            kinds = self._relation_kinds_memo.put(relation, frozenset().union(
                *(self._word_kinds(w) for w in _LETTERS_RE.findall(relation.lower()))))
        return kind in kinds

    def _frame_word(self, word: str, kind: str) -> bool:
        """Whether ``word`` is a form of a frame verb of ``kind``."""
        return kind in self._word_kinds(word)

    def _word_kinds(self, word: str) -> frozenset[str]:
        """The kinds of frame verb ``word`` is a form of (memoised: relations share words): a stem
        begins the word and leaves at least its fewest letters, at most three (one of its last four
        prefixes)."""
        found = self._word_kinds_memo.get(word)
        if found is None:
            get, size = self._stem_kinds.get, len(word)
            found = self._word_kinds_memo.put(word, frozenset(
                k for i in range(max(0, size - 3), size + 1) for k, n in get(word[:i], ()) if size - i >= n))
        return found

    def _norm(self, text: str) -> tuple[str, ...]:
        """The singular word tokens of ``text`` (memoised)."""
        toks = self._norm_memo.get(text)
        if toks is None:
            toks = self._norm_memo.put(text, _norm_tokens(text))
        return toks

    def relation_lemmas(self, relation: str, lemma: str) -> tuple[str, ...]:
        """:func:`~geokg.ingest.coding.rules.relation_lemmas` of ``relation`` and ``lemma`` (memoised)."""
        key = (relation, lemma)
        found = self._relation_lemmas_memo.get(key)
        if found is None:
            found = self._relation_lemmas_memo.put(key, tuple(relation_lemmas(relation, lemma)))
        return found

    def frame(self, lemma: str) -> str | None:
        """``support`` / ``refusal`` for frame verbs, else None (memoised by the lemma as written)."""
        found = self._frame_memo.get(lemma, _NONE)
        if found is _NONE:
            found = self._frame_memo.put(lemma, self.frames.get(" ".join(lemma.lower().split())))
        return found

    def has_frame(self, lemma: str, kind: str) -> bool:
        """Whether ``lemma`` is listed as a frame verb of ``kind`` (among others: :attr:`kinds`).

        >>> lex = VerbLexicon({}, {}, {"announce": "speech"}, kinds={"announce": frozenset({"support", "speech"})})
        >>> lex.frame("announce"), lex.has_frame("Announce", "support"), lex.has_frame("say", "speech")
        ('speech', True, False)
        """
        kinds = self._kinds_memo.get(lemma)
        if kinds is None:
            kinds = self._kinds_memo.put(lemma, self.kinds.get(" ".join(lemma.lower().split()), frozenset()))
        return kind in kinds

    def _alt_match(self, alt, texts: Sequence[tuple[str, ...]], object_is_actor: bool) -> int | None:
        """Index of the first text the alternative matches (0 for "@ACTOR"), else None."""
        if alt == "@ACTOR":
            return 0 if object_is_actor else None
        if isinstance(alt, str):
            return self._class_term_index(alt[1:], texts)
        for i, t in enumerate(texts):
            if _contains(t, alt):
                return i
        return None

    def matched_words(self, lemma: str, text: str, code: str) -> int:
        """How many words the longest object term of ``lemma``'s rows of ``code`` found in ``text`` has (0: none)."""
        words = self._norm(text)
        best = 0
        for row in self._candidates(lemma):
            if row.code != code:
                continue
            for alt in row.alternatives:
                if not isinstance(alt, str):
                    terms: Iterable[tuple[str, ...]] = (alt,)
                elif alt == "@ACTOR":
                    continue
                else:
                    one, terms = self._class_terms[alt[1:]]
                    if best < 1 and not one.isdisjoint(words):
                        best = 1
                best = max([best, *(len(t) for t in terms if len(t) > best and _contains(words, t))])
        return best

    def longer_pattern(self, ex, lemma: str, code: str, text: str) -> tuple[str | None, bool]:
        """A back-off pattern of the same material quad class that names more of the object ``text`` than the
        geokg row of ``lemma`` that gave ``code`` ("provided *military intelligence*": PETRARCH's "&MILITARY
        &INFORMATION" 072 over a row's "intelligence" 064), and whether its object is the theme; else (None, False).
        A statement's code stays geokg's ("signed a trade accord" 057)."""
        table = self.table
        if (ex.kind != "event" or self.backoff is None or table is None or code not in table
                or table[code].quad_class not in (2, 4)):
            return None, False
        named = self.matched_words(lemma, text, code)
        if len(self._norm(text)) <= named or self.backoff.longest_object(ex) <= named:
            return None, False  # the row names the whole object, or as much as any pattern of the verb
        found = self._pattern_match(self.backoff, ex, False)
        if (found is None or found.pattern is None or not found.code or found.code == code or not found.uses_object
                or found.code not in table or table[found.code].quad_class != table[code].quad_class
                or len(found.pattern.object) <= named):
            return None, False
        return found.code, found.target != "object"

    def may_fit(self, relation: str, lemma: str, objects: Sequence[str]) -> bool:
        """Whether a row of the clause (:meth:`clause_rows`) could fit ``objects``: one without a constraint, or
        one whose constraint some object text meets, taking the object for an actor and the source for either
        kind -- so :meth:`match` finds no code for any of the clause's lemmas, whatever its object and source
        turn out to be, when this is False.

        >>> lex = VerbLexicon.default()
        >>> lex.may_fit("signed", "sign", ["a peace agreement"]), lex.may_fit("signed", "sign", ["autographs"])
        (True, False)
        """
        rows = self.clause_rows(relation, lemma)
        if not rows:
            return False
        if any(not r.alternatives for r in rows):
            return True
        texts = [self._norm(o) for o in objects]
        return any(self._alt_match(a, texts, True) is not None for r in rows for a in r.alternatives)

    def state_free(self, relation: str, lemma: str) -> bool:
        """Whether no row :meth:`match` tries for a clause (:meth:`clause_rows`) constrains its source to a
        state or a non-state ("kill": 190 by a state, else 180), so its code does not depend on who acted."""
        return not any(r.source for r in self.clause_rows(relation, lemma))

    def has_rows(self, lemma: str) -> bool:
        """Whether :meth:`match` has rows to try for ``lemma`` (without them it codes nothing)."""
        return bool(self._candidates(lemma))

    def idioms(self, ex) -> list[tuple[str, tuple[str, ...], bool]]:
        """The :func:`~geokg.ingest.coding.idioms.idiom_readings` of extraction ``ex`` whose lemma
        has rows of its own ("take into custody"; not the rows of a shorter form, as
        :meth:`match` falls back to), in the order they are tried.

        >>> from geokg.ingest.records import Argument, Extraction
        >>> arg = lambda text, prep="": Argument("other" if prep else "object", text, 0, 1, prep=prep)
        >>> ex = Extraction("a", 0, 0, 1, arg("Peru"), "took", "take", 0, 1, arg("the activists"),
        ...                 extras=(arg("custody", "into"),))
        >>> VerbLexicon.default().idioms(ex)
        [('take into custody', ('the activists',), True)]
        """
        return [reading for reading in idiom_readings(ex) if reading[0] in self.rows]

    def hyphen_heads(self) -> frozenset[str]:
        """The verbs after the first hyphen of the hyphenated lemmas with rows ("test-fire" -> fire).

        >>> "fire" in VerbLexicon.default().hyphen_heads()
        True
        """
        rows, heads = self._hyphen_memo
        if rows is not self.rows:
            heads = frozenset(key.split("-", 1)[1] for key in self.rows if "-" in key)
            self._hyphen_memo = (self.rows, heads)
        return heads

    def clause_rows(self, relation: str, lemma: str) -> tuple[_Row, ...]:
        """The rows :meth:`match` tries for a clause: those of its ``lemma`` and of the
        relation's fallback lemmas (:meth:`relation_lemmas`), memoised with :meth:`_candidates`.

        >>> lex = VerbLexicon.default()
        >>> bool(lex.clause_rows("staged", "stag")), lex.clause_rows("strolled", "stroll")
        (True, ())
        """
        rows, memo = self._candidates_memo
        if rows is not self.rows:
            rows, memo = self._candidates_memo = (self.rows, Memo(_CANDIDATES))
        key = (relation, lemma)  # lemmas alone are the memo's str keys
        found = memo.get(key)
        if found is None:
            found = memo.put(key, tuple(r for c in (lemma.lower().strip(), *self.relation_lemmas(relation, lemma))
                                        for r in self._candidates(c)))
        return found

    def _candidates(self, lemma: str) -> list[_Row]:
        """The rows :meth:`match` tries for ``lemma`` (memoised by the lemma as written)."""
        rows, memo = self._candidates_memo
        if rows is not self.rows:
            rows, memo = self._candidates_memo = (self.rows, Memo(_CANDIDATES))
        found = memo.get(lemma)
        if found is None:
            found = memo.put(lemma, self._find_candidates(lemma))
        return found

    def _find_candidates(self, lemma: str) -> list[_Row]:
        key = " ".join(lemma.lower().split())
        if key in self.rows:
            return self.rows[key]
        words = key.split()
        if len(words) > 1:
            for alt in (" ".join(words[:-1]), words[0] + " " + words[-1], words[0]):
                if alt and alt in self.rows:
                    return self.rows[alt]
        sing = singular(key) if " " not in key else ""
        return self.rows.get(sing, []) if sing else []

    def lookup(self, lemma: str, objects: Sequence[str] = (), *, object_is_actor: bool = False,
               source_state: bool | None = None) -> str | None:
        """CAMEO code for a lemma given its object texts (first match in file order); None also
        for a row coding no event (:data:`NO_EVENT`, which :meth:`match` gives as it is)."""
        code = self.match(lemma, objects, object_is_actor=object_is_actor, source_state=source_state)[0]
        return None if code == NO_EVENT else code

    def match(self, lemma: str, objects: Sequence[str] = (), *, object_is_actor: bool = False,
              source_state: bool | None = None) -> tuple[str | None, int | None]:
        """Like :meth:`lookup`, also returning which object text satisfied the row's
        constraint (None for an unconstrained row): that argument is the event's
        theme ("shared *intelligence*"), not its target."""
        key = (lemma, tuple(objects), object_is_actor, source_state)
        found = self._match_memo.get(key)
        if found is None:
            found = self._match_memo.put(key, self._match(lemma, key[1], object_is_actor, source_state))
        return found

    def _match(self, lemma: str, objects: Sequence[str], object_is_actor: bool,
               source_state: bool | None) -> tuple[str | None, int | None]:
        rows = [r for r in self._candidates(lemma)
                if not (r.source == "state" and source_state is not True)
                and not (r.source == "nonstate" and source_state is True)]
        if not rows:
            return None, None
        texts = [self._norm(o) for o in objects]
        # constraints are tried on the first text (the object) before the others
        for limit in (1, len(texts)) if len(texts) > 1 else (len(texts),):
            for row in rows:
                for a in row.alternatives:
                    hit = self._alt_match(a, texts[:limit], object_is_actor)
                    if hit is not None:
                        return row.code, (None if a == "@ACTOR" else hit)
        fallback = next((r.code for r in rows if not r.alternatives), None)
        return fallback, None

    def pattern_code(self, ex, mode: str, layer: str, clause_object: bool | None = None,
                     main: bool | None = None, object_actor: bool | None = None) -> tuple[str | None, bool]:
        """The code of a PETRARCH-format verb pattern for extraction ``ex`` and whether
        its object is the event's theme.  ``layer`` ``"user"``: the user's patterns, else
        its verb's own code unless the verb is a frame verb -- speech, intent, refusal ... --
        without a noun-phrase object (``clause_object``: whether the object is a clause, None
        unknown): "urged *Riverland*" is the verb's act, "said *it would leave*" frames another
        (any clause; tried before geokg's rows); ``"backoff"``: the shipped patterns and verb codes, only for a
        main clause (``main``: :meth:`main_clause`, None unknown), in any ``mode`` (the caller transforms
        the code by it as it does geokg's), and not a frame verb -- speech,
        intent, aspectual ... -- but a light verb's object may fit a pattern ("issued *arrest warrants*",
        "completed its *withdrawal*"), and a converse verb's object if it is a thing given ("received
        *weapons*": the giver's act) (tried where geokg's rows code nothing); not a patient verb
        ("died"), and a verb's own or block code (no pattern fits) only on an object that names actors
        (``object_actor``: "quizzed *the envoy*", not "faced a speech", "needs reforms")."""
        if ex.kind != "event":
            return None, False
        lex = self.user_patterns if layer == "user" else self.backoff
        if lex is None:
            return None, False
        if layer == "backoff":
            rel = ex.relation.lower()
            # in any mode, the code is transformed like geokg's ("offered to negotiate": 03x; a condition
            # without a modal -- "unless X leaves" -- is no event at all: ExtractionCoder.event_type)
            if rel.startswith("to ") or rel.endswith("ing") or main is False:
                return None, False
            if self.frame_in(ex.relation, "speech") or ex.lemma.split()[0] in AUXILIARIES:
                return None, False
            verb = self.light_noun_verb(ex)
            if verb is not None:
                # "mounted an *invasion* of X", "staged *demonstrations*": the noun names the act, so
                # the clause is its verb's; the noun is no vague object ("faced a speech"), so a verb's
                # own or block code holds without an object that names actors
                return self._pattern_code(lex, replace(ex, lemma=verb), own=True)
            if {"motion", "managing"} & {self.frame(ex.lemma), self.frame(ex.lemma.split()[0])}:
                # "left Pyongyang", "went to Darfur": a place, no party consulted -- only a pattern
                # codes it ("went *for consultations*"), never the block's 040; nor OVERSEE_MANAGE's
                # 060 ("heads a committee", "controls the town")
                return self._pattern_code(lex, ex, own=False)
            if "patient" in (self.frame(ex.lemma), self.frame(ex.lemma.split()[0])):
                return None, False  # "three soldiers died (in Gaza fighting)": the subject did nothing
            if self.frame(ex.lemma) not in (None, "deliberation"):  # "consider a request" is its own act (014)
                if self.frame(ex.lemma) not in ("support", "converse") or ex.object is None:
                    return None, False
                # a light verb has no act of its own: only a pattern on its object ("issue *arrest warrants*"),
                # or its object's event noun read as the back-off verb it names ("ordered *patrols*": patrol;
                # "launched a *mediation* effort between X and Y": mediate) -- a generic head's modifier first
                noun_clause, generic = object_noun_clause(ex, self)
                if noun_clause is not None and generic:
                    code, theme = self._noun_clause_code(lex, noun_clause)
                    if code is not None:
                        return code, theme
                code, theme = self._pattern_code(lex, ex, own=False, on_object=True)
                if code is None and noun_clause is not None and not generic and self.frame(ex.lemma) == "support":
                    code, theme = self._noun_clause_code(lex, noun_clause)
                if self.frame(ex.lemma) == "converse" and not theme:
                    # a converse verb: only a pattern whose object is a thing given ("received *weapons*" 072,
                    # the giver's act, turned round by ExtractionCoder); "receives *a welcome*" is no act of its own
                    return None, False
                return code, theme
        # a user's verb codes its verbs as PETRARCH does (a pattern, else the verb's own code),
        # except frame verbs whose complement geokg codes ("said it would leave")
        framing = (self.frame(ex.lemma) not in (None, "patient", "deliberation", "motion", "managing") or self.frame_in(ex.relation, "speech")) and (
            ex.object is None or clause_object is not False)
        own = layer == "backoff" or not framing
        code, theme = self._pattern_code(lex, ex, own=own, object_actor=object_actor)
        if (layer == "backoff" and code == _GENERIC_INTENT and mode == "asserted"
                and self._pattern_match(lex, ex, own).pattern is None and not self._names_act(ex.object)):
            return None, False  # "prepares for a vote", "expects him": a block's bare intent, and no intent said
        return code, theme

    def _names_act(self, arg) -> bool:
        """Whether an argument is headed by a noun of an act: one the lexicon codes ("sought *cooperation*") or a
        noun made from a verb of the back-off ("sought *reconciliation*"; not a noun that is itself a verb:
        "prepares for a *vote*")."""
        if arg is None or self.backoff is None:
            return False
        head = (arg.head or (arg.text.split() or [""])[-1]).lower()
        verb = self.backoff.verb_of_noun(head)
        return self.is_event_noun(head) or (verb is not None and verb != head)

    def light_noun_verb(self, ex) -> str | None:
        """The back-off verb that the event noun of a light-verb clause names ("mounted an
        *invasion*" -> invade, "staged *demonstrations*" -> demonstrate: the extractor gives the
        noun as the lemma, :mod:`geokg.ingest.extract.clauses`), or None: the lemma is one noun,
        the relation's last word a form of it and the word before it a support verb ("planned
        to go *hunting*" is none), and the back-off names a verb for it
        (:meth:`~geokg.ingest.dictionaries.verbs.PatternLexicon.verb_of_noun`)."""
        if self.backoff is None or ex.kind != "event" or " " in ex.lemma.strip():
            return None
        words = _LETTERS_RE.findall(ex.relation.lower())
        noun = ex.lemma.lower().strip()
        if len(words) < 2 or singular(words[-1]) != noun or not self._frame_word(words[-2], "support"):
            return None
        return self.backoff.verb_of_noun(noun)

    def _noun_clause_code(self, lex, clause) -> tuple[str | None, bool]:
        """The back-off code of a light verb's event noun read as its verb's clause
        (:func:`~geokg.ingest.coding.object_nouns.object_noun_clause`): a pattern's, or the verb's own code
        of a material act ("ordered *patrols*" 150); a statement, an intent ("made *remarks*", "started
        *preparations*") only by a pattern of the noun's verb."""
        code, theme = self._pattern_code(lex, clause, own=True)
        if code is None:
            return code, theme
        found = self._pattern_match(lex, clause, True)
        if found is not None and found.pattern is None and (
                self.table is None or code not in self.table or self.table[code].quad_class not in (2, 4)):
            return None, False
        return code, theme

    def commissive_code(self, relation: str) -> str | None:
        """The back-off's own code of the commissive verb (``verbs_frames.tsv``: promise, offer,
        pledge ...) that makes ``relation``'s complement a promise, when that code is one of
        "express intent" (03x): "has *offered* to democratize" -> 030 (PETRARCH's OFFER), else
        None ("vowed to": VOW has no code; "expected to": no commissive; "promised": no
        complement).  The verb is a word before the relation's first "to", read through the
        back-off's verb forms.

        >>> from geokg.ingest.dictionaries.petrarch import read_verbs
        >>> from geokg.ingest.dictionaries.verbs import PatternLexicon
        >>> lex = VerbLexicon({}, {}, {}, kinds={w: frozenset({"commissive"}) for w in ("promise", "vow")})
        >>> lex.backoff = PatternLexicon(read_verbs(
        ...     "--- PROMISE [030] ---\\nPROMISE\\n--- VOW [---] ---\\nVOW\\n--- EXPECT [030] ---\\nEXPECT\\n"))
        >>> [lex.commissive_code(r) for r in ("has promised to democratize", "vowed to return", "expected to join")]
        ['030', None, None]
        >>> lex.commissive_code("promised")
        """
        if self.backoff is None:
            return None
        words = _LETTERS_RE.findall(relation.lower())
        if "to" not in words:
            return None
        for word in words[:words.index("to")]:
            verb = self.backoff.forms.get(word, word)
            code = self.backoff.own.get(verb, "")
            if code[:2] == "03" and self.has_frame(verb, "commissive"):
                return code
        return None

    def main_clause(self, ex, doc) -> bool | None:
        """Whether the verb of ``ex`` heads a main clause of its sentence in ``doc`` (None without
        a Doc): the root, a verb conjoined with it, or the complement of a speech verb ("X *said*
        Y *left*"); not a relative, adverbial or other complement clause ("the faction that
        *controls* X", "before he *heads* to X", "said they *needed* time" is a speech complement)."""
        if doc is None or ex.kind != "event":
            return None
        tok = relation_root(ex, doc)
        if tok is None:
            return None
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.dep_ == "ROOT":
            return True
        return tok.dep_ == "ccomp" and self.frame(tok.head.lemma_) in ("speech", "accusation")

    def _pattern_code(self, lex, ex, own: bool, on_object: bool = False,
                      object_actor: bool | None = None) -> tuple[str | None, bool]:
        found = self._pattern_match(lex, ex, own)
        if found is None or not found.code or (on_object and not found.uses_object):
            return None, False
        if found.pattern is None and object_actor is False:
            # a verb's own or block code without a fitting pattern codes an act on actors, else no
            # event: "*faces* a speech", "*needs* reforms", "*found* no evidence", "*seeks* a wider government"
            return None, False
        quad = self.table[found.code].quad_class if self.table is not None and found.code in self.table else 0
        return found.code, found.uses_object and found.target != "object" and quad in (2, 4)

    def specific_pattern(self, ex, lemma: str, code: str) -> tuple[str | None, bool]:
        """The code of a shipped PETRARCH pattern that constrains the clause's subject, object
        or a preposition's object ("impose *sanctions*", "*soldiers* surrendered", "meet *for talks*";
        a bare preposition, as in PETRARCH's "meet at" -> 036, is too weak to outrank a geokg row),
        and whether its object is the theme; (None, False) when none fits.  Such a pattern is
        more specific than the geokg row of ``lemma`` without a constraint that gave ``code``,
        so it outranks it (the most
        specific match wins, as in PETRARCH: patterns before a verb's own code)."""
        if ex.kind != "event" or self.backoff is None or not self.specific_first:
            return None, False
        if any(r.source for r in self._candidates(lemma)):
            return None, False  # "kill" by a state (190) or not (180): a constraint of its own
        found = self._pattern_match(self.backoff, ex, False)
        if found is None or found.pattern is None or not found.code:
            return None, False
        p = found.pattern
        if not (p.object or any(w for _, w in p.preps) or any(w not in ("$", "+") for w in p.subject)):
            return None, False
        quad = self.table[found.code].quad_class if self.table is not None and found.code in self.table else 0
        if quad in (1, 2) and self.table is not None and code in self.table and self.table[code].quad_class == 4:
            # a pattern refines the row's act, it does not turn force into cooperation: such a pattern
            # lost its context in the conversion ("BATTLE * INSURGENTS" [062] is a joint fight, not
            # "troops *battled insurgents*"); a verbal conflict may be a statement ("rejected *allegations*": 016)
            return None, False
        return found.code, found.uses_object and found.target != "object" and quad in (2, 4)

    def _pattern_match(self, lex, ex, own: bool):
        """``lex.match`` of the clause of extraction ``ex``; the clause and the matches of the
        last extraction asked for are kept (by identity: the entry holds the extraction)."""
        last_ex, clause, found = self._last_patterns
        if last_ex is not ex:
            clause, found = None, {}
            self._last_patterns = (ex, clause, found)
        key = (id(lex), own)
        hit = found.get(key)
        with_own = found.get((id(lex), True)) if not own else None
        if (hit is None or hit[0] is not lex) and with_own is not None and with_own[0] is lex and (
                with_own[1] is None or with_own[1].pattern is not None):
            # a pattern (or nothing) found before any verb's own code: without own codes, the same
            hit = found[key] = with_own
        if hit is None or hit[0] is not lex:
            if not lex.names_verb(ex):
                result = None  # no pattern or code for its verb: its clause is not read
            else:
                if clause is None:
                    from geokg.ingest.dictionaries.verbs import Clause

                    clause = Clause.from_extraction(self._measured(ex))
                    self._last_patterns = (ex, clause, found)
                result = lex.match(clause, own=own)
            hit = found[key] = (lex, result)
        return hit[1]

    def _measured(self, ex, classes: tuple[str, ...] = ("MEASURES",)):
        """``ex`` with its object's head read past a measure or count (``@MEASURES``, or the word
        classes ``classes``) and its "of": "provided two *tons* of food" -> food, for the back-off's
        patterns, which name the thing."""
        obj = ex.object
        head = singular((obj.head_lemma or obj.head or "").lower()) if obj is not None else ""
        if not any(head in self.class_terms(name)[0] for name in classes):
            return ex
        words = obj.text.split()
        lowered = [w.lower() for w in words]
        at = next((i for i, w in enumerate(lowered) if singular(w) == singular((obj.head or obj.head_lemma).lower())), None)
        if at is None or at + 2 >= len(words) or lowered[at + 1] != "of":
            return ex
        rest = words[at + 2:]
        stop = next((i for i, w in enumerate(rest) if w.lower() in PHRASE_STOPS), len(rest))
        if stop == 0:
            return ex
        head = rest[stop - 1].strip(".,;:")
        return replace(ex, object=replace(obj, head=head, head_lemma=singular(head.lower())))

    def measured_head(self, ex) -> str:
        """The head of the object of ``ex`` read past a measure or count (:meth:`_measured`), or ""."""
        obj = self._measured(ex).object
        return (obj.head or "") if obj is not None else ""

    def theme_head(self, ex) -> str:
        """The head of the object of ``ex`` read past a measure, a count or a part of a body of people
        (``@PARTS``: "sent 2,000 *members* of the National Guard" -> Guard), or ""."""
        obj = self._measured(ex, ("MEASURES", "PARTS")).object
        return (obj.head or "") if obj is not None else ""

    def names_theme(self, lemma: str, head: str) -> bool:
        """Whether ``head`` (an object's head noun) is a term of one of the lemma's
        object classes: "shared *intelligence*" yes, "handed over to *Britain*" no."""
        word = singular(head)
        for row in self._candidates(lemma):
            for a in row.alternatives:
                if isinstance(a, str) and a[1:] in _PEOPLE_CLASSES:
                    continue  # "expelled two Russian *diplomats*": people acted on are targets
                terms = self.classes.get(a[1:], []) if isinstance(a, str) else [a]
                if any(t and t[-1] == word for t in terms):
                    return True
        return False

    def has_class_term(self, name: str, toks: Sequence[str]) -> bool:
        """Whether the singular words ``toks`` hold a term of word class ``name`` (a longer term as
        consecutive words; only those whose first word is among ``toks`` are tried).

        >>> lex = VerbLexicon({}, {"FORCES": [("troops",), ("armed", "forces")]}, {})
        >>> lex.has_class_term("FORCES", ("the", "armed", "force")), lex.has_class_term("FORCES", ("armed", "forces"))
        (False, True)
        """
        return self._class_term_index(name, (toks,)) is not None

    def _class_term_index(self, name: str, texts: Sequence[Sequence[str]]) -> int | None:
        """The index of the first of ``texts`` (singular words) that holds a term of word class ``name``
        (:meth:`has_class_term`), else None."""
        words, phrases = self._class_terms.get(name, (frozenset(), ()))
        firsts = self._class_firsts.get(name)
        for i, t in enumerate(texts):
            if words and not words.isdisjoint(t):
                return i
            if phrases and (any(_contains(t, term) for term in phrases) if firsts is None else  # an empty term
                            any(_contains(t, term) for w in set(t) for term in firsts.get(w, ()))):
                return i
        return None

    def class_terms(self, name: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
        """The terms of word class ``name`` (``@NAME`` in the rows, singular forms): its
        one-word terms as a set and its longer terms as token tuples; empty for an unknown class.

        Examples
        --------
        >>> lex = VerbLexicon({}, {"FORCES": [("troops",), ("armed", "forces")]}, {})
        >>> lex.class_terms("FORCES")
        (frozenset({'troops'}), (('armed', 'forces'),))
        >>> lex.class_terms("NONE")
        (frozenset(), ())
        """
        return self._class_terms.get(name, (frozenset(), ()))

    def names_persons(self, head: str) -> bool:
        """Whether ``head`` names people acted on (a term of a people class: diplomats, prisoners,
        civilians ...; not ``@TROOPS``, a force that is deployed): as in :meth:`names_theme`, such
        an object is the act's target, never its theme ("expelled two Russian *diplomats*")."""
        word = singular(head.lower())
        return any(word in self.class_terms(name)[0] for name in _PEOPLE_CLASSES)

    def names_people(self, head: str) -> bool:
        """Whether ``head`` (an object's head noun) names people or armed forces -- a term of a
        people class (``@CIVILIANS`` among them) or of ``@TROOPS`` ("mobilized army
        *reservists*", "freed two *nurses*"): such an object is acted on like an actor."""
        return self.names_persons(head) or self.names_troops(head)

    def names_troops(self, head: str) -> bool:
        """Whether ``head`` names armed forces (a term of ``@TROOPS``: "rushed *reinforcements*")."""
        return singular(head.lower()) in self.class_terms("TROOPS")[0]

    def noun_code(self, text: str, source_state: bool | None = None) -> str | None:
        """The code of the event noun that heads ``text`` ("secret drone flights" -> 150)."""
        found = self.noun_row(text)
        return None if found is None else self.lookup(found[0], found[1], source_state=source_state)

    def noun_row(self, text: str) -> tuple[str, list[str]] | None:
        """The lexicon row :meth:`noun_code` looks up for ``text`` and the object texts it
        tries (the words before the noun), or None when it looks up none (then ``text``
        has no noun code, whatever the source)."""
        toks = self._norm(text)
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
                return key, [" ".join(toks[: len(toks) - size])]
        # "a mediation effort": a generic head takes the type of its modifier noun
        if toks and self.frames.get(toks[-1]) == "generic":
            for i in range(len(toks) - 2, -1, -1):
                if toks[i] in self.rows:
                    return toks[i], []
        return None

    def names_event(self, phrase: str) -> bool:
        """Whether ``phrase`` (singular forms) is a lemma of the rows or a term of a word class:
        "general strike", "hunger strike", "air strike" yes, "rebel strike" no."""
        toks = self._norm(phrase)
        if " ".join(toks) in self.rows:
            return True
        return any(toks in longer for _, longer in self._class_terms.values())

    def is_event_noun(self, head: str) -> bool:
        """Whether ``head`` names an event the lexicon codes (or a generic event head)."""
        word = singular(head)
        if word in self.rows or self.frames.get(word) == "generic":
            return True
        if " " in word:
            return any(k.endswith(" " + word) for k in self.rows)
        return word in self._last_words
