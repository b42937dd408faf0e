"""PETRARCH verb patterns matched against a clause: verb lemma, subject, object, prepositions.

:class:`Clause` is what a pattern can see of one verb: its lemma (with a particle:
"cordon off"), the words of its subject and object, the object's head, and its
prepositional phrases (preposition, head, words).  It is built from a spaCy token
(:meth:`Clause.from_token`: ``nsubj``, ``dobj``/``attr``/``acomp``, ``prep`` -> ``pobj``)
or from geokg's :class:`~geokg.ingest.records.Extraction` (:meth:`Clause.from_extraction`).

:class:`PatternLexicon` indexes a :class:`~geokg.ingest.dictionaries.petrarch.VerbDictionary`
by lemma (and by the verbs' surface forms, regular and irregular, so that a wrong
lemma -- "staged" -> "stag" -- still finds its verb) and returns the code of the most
specific pattern that fits (:meth:`PatternLexicon.match`), else the verb's own code.

Examples
--------
>>> from geokg.ingest.dictionaries.petrarch import read_verbs
>>> lex = PatternLexicon(read_verbs(
...     "&ARMS\\n+WEAPON\\n+RIFLE\\n--- SEIZE [---] ---\\nSEIZE\\n- * &ARMS [1711] # SEIZE\\n"
...     "- * (FROM +) [1711] # SEIZE\\n--- SEND [---] ---\\nSEND {SENT SENDS SENDING}\\n- * TROOP (TO +) [1542] # SEND\\n"))
>>> lex.match(Clause("seize", obj=frozenset({"rifle"}), object_head="rifle")).code
'1711'
>>> m = lex.match(Clause("sent", obj=frozenset({"troop"}), object_head="troop", preps=(("to", "mali", frozenset({"mali"})),)))
>>> m.code, m.target, m.pattern.line
('1542', 'prep:to', 10)
>>> lex.match(Clause("seize", obj=frozenset({"power"}), object_head="power")) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from geokg.ingest.actors.data import Memo
from geokg.ingest.actors.words import PREPOSITIONS, singular, words_of
from geokg.ingest.dictionaries.petrarch import VerbDictionary, VerbPattern

__all__ = ["Clause", "PatternLexicon", "PatternMatch", "count_rows", "regular_forms"]

_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_OBJ_DEPS = ("dobj", "obj", "attr", "oprd", "acomp", "dative")


def _norm(word: str) -> str:
    return singular(word.lower())


@lru_cache(maxsize=1 << 14)  # pure: the same argument texts come back clause after clause
def _words(text: str) -> frozenset[str]:
    out = set()
    for tok in words_of(text):
        if any(c.isalnum() for c in tok):
            out.add(_norm(tok))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Clause:
    """What a verb pattern can match (see the module doc); words are lower-case singulars."""

    lemma: str
    subject: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    object_head: str = ""
    preps: tuple[tuple[str, str, frozenset[str]], ...] = ()
    after: frozenset[str] = frozenset()  # the relation's own words after the verb (particles)
    surface: str = ""                   # the verb as written ("staged")
    before: frozenset[str] = frozenset()  # the relation's words before the verb ("will", "n't")
    modifiers: frozenset[str] = frozenset()  # the object's words before its head ("two *artillery* shells")
    #: the preposition the lemma took before its object ("pushed *into* the city"), or "": the object is
    #: then a prepositional object, which only a pattern naming the preposition fits ("* FOR &INVESTIGATION")
    object_prep: str = ""

    @classmethod
    def from_token(cls, verb) -> Clause:
        """The clause of a spaCy verb token (its dependency children)."""
        parts = [verb.lemma_.lower()] + [c.lower_ for c in verb.children if c.dep_ == "prt"]
        subject: set[str] = set()
        obj: set[str] = set()
        head = ""
        preps = []
        for c in verb.children:
            if c.dep_ in _SUBJ_DEPS:
                subject.update(_norm(t.lemma_ or t.text) for t in c.subtree)
            elif c.dep_ in _OBJ_DEPS and not head:
                obj.update(_norm(t.lemma_ or t.text) for t in c.subtree)
                obj.update(_norm(t.text) for t in c.subtree)
                head = _norm(c.lemma_ or c.text)
            elif c.dep_ in ("prep", "agent"):
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    words = frozenset(_norm(t.lemma_ or t.text) for t in pobj.subtree)
                    preps.append((c.lower_, _norm(pobj.lemma_ or pobj.text), words))
                else:
                    preps.append((c.lower_, "", frozenset()))
        before = frozenset(_norm(c.text) for c in verb.children
                           if c.i < verb.i and c.dep_ in ("aux", "auxpass", "neg", "advmod"))
        return cls(" ".join(parts), frozenset(subject), frozenset(obj), head, tuple(preps),
                   frozenset(parts[1:]), verb.lower_, before)

    @classmethod
    def from_extraction(cls, ex) -> Clause:
        """The clause of a geokg :class:`~geokg.ingest.records.Extraction`."""
        obj = ex.object
        rel, lemma, at = _verb_of(ex)
        preps = tuple((x.prep.lower(), _norm(x.head_lemma or x.head or (x.text.split() or [""])[-1]),
                       _words(x.text)) for x in ex.extras if x.prep and x.role not in ("time", "source"))
        words = lemma.split()
        object_prep = ""
        if obj is not None and len(words) > 1 and words[-1] in PREPOSITIONS:
            # "voted against it": the lemma took the preposition; its object is the prepositional object
            head = _norm(obj.head_lemma or obj.head or (obj.text.split() or [""])[-1])
            preps = ((words[-1], head, _words(obj.text)), *preps)
            object_prep = words[-1]
        return cls(
            lemma,
            _words(ex.subject.text) | ({_norm(ex.subject.head_lemma)} if ex.subject.head_lemma else set()),
            (_words(obj.text) | ({_norm(obj.head_lemma)} if obj.head_lemma else set())) if obj else frozenset(),
            _norm(obj.head_lemma or obj.head or (obj.text.split() or [""])[-1]) if obj else "",
            preps,
            frozenset(lemma.split()[1:]) | frozenset(rel[at + 1:]),
            rel[at] if rel else "",
            frozenset(_norm(w) for w in rel[:at]),
            _premodifiers(obj.text, obj.head) if obj else frozenset(),
            object_prep,
        )


def _verb_of(ex) -> tuple[list[str], str, int]:
    """The relation's words, the lemma and the index of the verb among the words of an extraction."""
    rel = [w for w in words_of(ex.relation.lower()) if any(c.isalpha() for c in w)]
    lemma = " ".join(ex.lemma.lower().split())
    return rel, lemma, _verb_at(rel, lemma.split())


def _premodifiers(text: str, head: str) -> frozenset[str]:
    """The words of a noun phrase before its head: "two artillery shells" -> two, artillery."""
    words = [w for w in words_of(text) if any(c.isalnum() for c in w)]
    cut = words.index(head) if head in words else 0
    return frozenset(_norm(w) for w in words[:cut])


def _verb_at(rel: list[str], lemma: list[str]) -> int:
    """The index of the verb among a relation's words: the last word that is neither a
    preposition nor one of the lemma's particles ("will not *clash* over", "has *broken* down")."""
    tail = set(lemma[1:]) | PREPOSITIONS
    for i in range(len(rel) - 1, -1, -1):
        if rel[i] not in tail:
            return i
    return 0


@dataclass(frozen=True, slots=True)
class PatternMatch:
    """The code a clause gets: ``code`` (source -> target), ``reverse`` (target -> source),
    where the target stands (``target``: "object", "prep:to" ... or ""), the pattern
    (None for the verb's own code), whether the object was one of its words and whether
    the code is only its block's (``block``: the verb has neither a code nor a pattern of
    its own that fits)."""

    code: str
    reverse: str
    target: str
    pattern: VerbPattern | None
    uses_object: bool
    block: bool = False


Slot = tuple[tuple[str, ...], ...]  # alternatives, each a phrase of words (its head last)


@dataclass(frozen=True, slots=True)
class _Compiled:
    pattern: VerbPattern
    subject: tuple[Slot, ...]
    obj: tuple[Slot, ...]
    preps: tuple[tuple[str, tuple[Slot, ...]], ...]
    score: int
    #: the last words of the object's head alternatives (None: a phrase is empty), a test before the slots
    heads: frozenset[str] | None = None


def regular_forms(lemma: str) -> tuple[str, ...]:
    """Regular inflections of a verb: "stage" -> stages, staged, staging.

    >>> regular_forms("stage"), regular_forms("deploy")[:2], regular_forms("carry")[:2]
    (('stages', 'staged', 'staging'), ('deploys', 'deployed'), ('carries', 'carried'))
    """
    w = lemma
    if w.endswith("e"):
        return (w + "s", w + "d", w[:-1] + "ing")
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return (w[:-1] + "ies", w[:-1] + "ied", w + "ing")
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return (w + "es", w + "ed", w + "ing")
    return (w + "s", w + "ed", w + "ing")


class PatternLexicon:
    """Verb patterns by lemma (see the module doc).

    ``keep_code`` filters codes (e.g. those of the CAMEO table); patterns with other
    codes are left out and counted in :attr:`dropped`.  A pattern without a code of its own
    (``[---]``, or only the other side's ``[:130]``) is kept: where it fits, :meth:`match`
    gives code "" (no act of the subject's), not the verb's own code.  ``all_block_verbs``: a
    pattern whose comment names one verb of its block applies to that verb only
    (the default), or to every verb of the block as in PETRARCH.  ``object_anywhere``: a
    pattern's one object word may also be a word before the object's head ("* ARTILLERY"
    fits "fired two artillery shells", not "a set of artillery"), as in PETRARCH; by default
    it must be the object's head.
    """

    def __init__(self, verbs: VerbDictionary, keep_code: Callable[[str], bool] | None = None,
                 all_block_verbs: bool = False, object_anywhere: bool = False,
                 nominal_suffixes: tuple[tuple[str, str], ...] = ()) -> None:
        keep = keep_code or (lambda c: True)
        #: (noun suffix, verb ending) rules of :meth:`verb_of_noun`, longest suffix first
        self.nominal_suffixes = nominal_suffixes
        self.object_anywhere = object_anywhere
        self.synsets = {k: tuple(tuple(_norm(w) for w in t.split()) for t in terms)
                        for k, terms in verbs.synsets.items()}
        self.dropped = 0
        by_block: dict[str, list[_Compiled]] = {}
        for p in verbs.patterns:
            if p.code and not keep(p.code):
                self.dropped += 1
                continue
            # a pattern without a code ([---], or only the other side's [:130]) names no act of the
            # subject's: it fits before the verb's own code does ("FACE * THREAT" is no meeting)
            by_block.setdefault(p.block, []).append(self._compile(p))
        self.index: dict[str, list[_Compiled]] = {}
        self.own: dict[str, str] = {}
        self.own_reverse: dict[str, str] = {}  # the reverse code of a verb's own ("[032:033]")
        self.forms: dict[str, str] = {}
        self.block_only: set[str] = set()  # verbs whose own code is their block's
        for v in verbs.verbs:
            code = v.code or verbs.blocks.get(v.block, "")
            if code and keep(code):
                if v.code and v.lemma in self.block_only:
                    # a verb listed twice, once with its own code ("BEAT" and "BEAT {...} [182]"):
                    # its own code stands, as in PETRARCH, where the later entry replaces the earlier
                    self.block_only.discard(v.lemma)
                    del self.own[v.lemma]
                    self.own_reverse.pop(v.lemma, None)
                if v.lemma not in self.own and not v.code:
                    self.block_only.add(v.lemma)
                self.own.setdefault(v.lemma, code)
                back = verbs.reverse.get(v.block, "") if not v.code else ""
                if back and keep(back):
                    self.own_reverse.setdefault(v.lemma, back)
            rows = [c for c in by_block.get(v.block, ()) if all_block_verbs or c.pattern.verb in ("", v.lemma)]
            self.index.setdefault(v.lemma, []).extend(rows)
            last = v.lemma.split()[-1] if " " not in v.lemma else ""
            for form in (*v.forms, *(regular_forms(last) if last else ())):
                self.forms.setdefault(form, v.lemma)
        for rows in self.index.values():
            rows.sort(key=lambda c: -c.score)  # stable: file order among equals
        self._names_memo = Memo(1 << 12)  # (relation, lemma) -> names_verb
        self._longest_memo = Memo(1 << 12)  # (relation, lemma) -> longest_object

    def __len__(self) -> int:
        return sum(len(v) for v in self.index.values())

    def _slot(self, word: str) -> Slot:
        if word.startswith("&"):
            return self.synsets.get(word[1:].upper().rstrip("_"), ())
        return ((_norm(word),),)

    def _compile(self, p: VerbPattern) -> _Compiled:
        subject = tuple(self._slot(w) for w in p.subject if w not in ("$", "+"))
        obj = tuple(self._slot(w) for w in p.object)
        preps = tuple((prep, tuple(self._slot(w) for w in words)) for prep, words in p.preps)
        score = len(subject) + len(obj) + sum(1 + len(s) for _, s in preps)
        heads = frozenset(alt[-1] for alt in obj[-1]) if obj and all(obj[-1]) else None
        return _Compiled(p, subject, obj, preps, score, heads)

    def lemmas(self, clause: Clause) -> list[str]:
        """The indexed lemmas a clause may name: its lemma, shorter forms of a phrasal
        lemma, and the lemma of its surface verb."""
        return self._lemmas(clause.lemma, clause.surface)

    def _lemmas(self, lemma: str, surface: str) -> list[str]:
        out = []
        words = lemma.split()
        for cand in (surface if surface != (words[0] if words else "") else "",
                     lemma, " ".join(words[:2]), words[0] if words else "",
                     self.forms.get(surface, ""), self.forms.get(lemma, "")):
            if cand and cand in self.index and cand not in out:
                out.append(cand)
        return out

    def verb_of_noun(self, noun: str) -> str | None:
        """The verb of this dictionary that the event noun ``noun`` names: the noun itself
        ("patrol"), else the first :attr:`nominal_suffixes` rule whose result is a verb here
        and leaves a stem of three letters or more ("invasion" -> "invade"); else None.

        >>> from geokg.ingest.dictionaries.petrarch import read_verbs
        >>> lex = PatternLexicon(read_verbs("--- INVADE [192] ---\\nINVADE\\n--- PATROL [150] ---\\nPATROL\\n"),
        ...                      nominal_suffixes=(("sion", "de"), ("ion", "")))
        >>> lex.verb_of_noun("invasion"), lex.verb_of_noun("patrol"), lex.verb_of_noun("lion")
        ('invade', 'patrol', None)
        """
        noun = noun.lower()
        if noun in self.index:
            return noun
        for suffix, ending in self.nominal_suffixes:
            stem = len(noun) - len(suffix)
            if noun.endswith(suffix) and stem >= 3 and noun[:stem] + ending in self.index:
                return noun[:stem] + ending
        return None

    def names_verb(self, ex) -> bool:
        """Whether the verb of extraction ``ex`` has patterns or a code here (:meth:`lemmas` of its
        clause, read without building the clause): :meth:`match` finds nothing for it otherwise."""
        key = (ex.relation, ex.lemma)  # all that _verb_of reads
        found = self._names_memo.get(key)
        if found is None:
            rel, lemma, at = _verb_of(ex)
            found = self._names_memo.put(key, bool(self._lemmas(lemma, rel[at] if rel else "")))
        return found

    def longest_object(self, ex) -> int:
        """The most object words a pattern of the verb of extraction ``ex`` names (0: none; the verb's
        lemmas as :meth:`names_verb` reads them): a cheap bound on what :meth:`match` may find.

        >>> from geokg.ingest.dictionaries.petrarch import read_verbs
        >>> from geokg.ingest.records import Argument, Extraction
        >>> lex = PatternLexicon(read_verbs("--- PROVIDE [070] ---\\nPROVIDE\\n- * MILITARY AID [072]\\n"))
        >>> def clause(relation, lemma):
        ...     return Extraction("a", 0, 0, 9, Argument("subject", "X", 0, 1), relation, lemma, 2, 10)
        >>> lex.longest_object(clause("provided", "provide")), lex.longest_object(clause("gave", "give"))
        (2, 0)
        """
        key = (ex.relation, ex.lemma)
        found = self._longest_memo.get(key)
        if found is None:
            rel, lemma, at = _verb_of(ex)
            lemmas = self._lemmas(lemma, rel[at] if rel else "")
            found = self._longest_memo.put(key, max((len(c.pattern.object) for w in lemmas for c in self.index[w]),
                                                    default=0))
        return found

    def match(self, clause: Clause, own: bool = True) -> PatternMatch | None:
        """The most specific fitting pattern's code ("" for a pattern that names no act of
        the subject's), else (with ``own``) the verb's own code, else None."""
        for lemma in self.lemmas(clause):
            for c in self.index[lemma]:
                if self._fits(c, clause):
                    p = c.pattern
                    return PatternMatch(p.code, p.reverse, p.target, p, self._on_object(c, clause))
            if own and lemma in self.own:
                return PatternMatch(self.own[lemma], self.own_reverse.get(lemma, ""), "", None, False,
                                    lemma in self.block_only)
        return None

    @staticmethod
    def _slot_in(slot: Slot, words: frozenset[str]) -> bool:
        return any(all(w in words for w in alt) for alt in slot)

    def _fits(self, c: _Compiled, cl: Clause) -> bool:
        if c.heads is not None and cl.object_head not in c.heads and c.heads.isdisjoint(cl.after) and not (
                self.object_anywhere and len(c.obj) == 1 and not c.heads.isdisjoint(cl.modifiers)):
            return False  # no head alternative can fit (the test below, on their last words only)
        # words before the verb: the subject's, or the relation's own ("&NEGATVAUXVRB * OVER EFFORTS")
        if c.subject and not all(self._slot_in(s, cl.subject | cl.before) for s in c.subject):
            return False
        if c.obj:
            if cl.object_prep and not any(cl.object_prep in alt for slot in c.obj for alt in slot):
                return False  # "pushed into *the city*" is no "* &TOWN": PETRARCH reads a phrase "(INTO)"
            # the last word is the head: the object's head, or a particle of the verb ("set *off*")
            *mods, head = c.obj
            pool = cl.obj | cl.after
            if not any(alt[-1] in (cl.object_head, *cl.after) and all(w in pool for w in alt[:-1]) for alt in head) \
                    and not (self.object_anywhere and not mods and self._slot_in(head, cl.modifiers)):
                return False
            if not all(self._slot_in(s, pool) for s in mods):
                return False
        for prep, slots in c.preps:
            if not any(p == prep and self._prep_fits(slots, h, ws) for p, h, ws in cl.preps):
                return False
        return True

    def _on_object(self, c: _Compiled, cl: Clause) -> bool:
        """Whether a fitting pattern's object slot stands on the clause's object, not only on a
        particle or preposition of the verb: PETRARCH's "CLASH - WITH" fits "clashed with X" by
        the relation's own "with", and then X is the other party, not a thing acted on."""
        if not c.obj:
            return False
        *mods, head = c.obj
        return (any(alt[-1] == cl.object_head for alt in head)
                or (self.object_anywhere and not mods and self._slot_in(head, cl.modifiers)))

    def _prep_fits(self, slots: tuple[Slot, ...], head: str, words: frozenset[str]) -> bool:
        if not slots:
            return True
        *mods, last = slots
        return (any(alt[-1] == head and all(w in words for w in alt[:-1]) for alt in last)
                and all(self._slot_in(s, words) for s in mods))


def count_rows(lexicon: PatternLexicon) -> dict[str, int]:
    """Sizes of a pattern lexicon: lemmas, pattern rows (a pattern counted per verb), verb codes."""
    return {"lemmas": len(lexicon.index), "rows": len(lexicon), "verb_codes": len(lexicon.own)}

