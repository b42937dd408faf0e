"""spaCy's attribute ruler, applied by table lookups: the same result, a tenth of the time.

The trained English pipelines map tags to parts of speech and morphology, and fix
words by tag and dependency, with an ``AttributeRuler`` (``attribute_ruler``).  It runs a
``Matcher`` over the Doc and sets each match's attributes through a ``Span``: about a
tenth of ``en_core_web_sm``'s time per article (``benchmarks/SCALING.md``,
thirty-third section).  :class:`FastAttributeRuler` is that component with the same
patterns, configuration and serialisation; only ``__call__`` differs:

* **The rules as predicates.**  Each token pattern of each rule is a conjunction of
  predicates on one token's attributes: equality, ``IN``, ``NOT_IN`` and ``REGEX`` on a
  string attribute (``ORTH``, ``LOWER``, ``NORM``, ``TAG``, ``DEP``, ``LEMMA``, ``SHAPE``) or
  equality on a flag (``IS_SPACE``, ``IS_PUNCT`` ...), as the ``Matcher`` tests them.
* **Looked up, memoised.**  The token patterns a token satisfies depend only on the
  attributes the rules read, so they are found once per combination of those values
  (through an index of the equality and ``IN`` values; a bounded memo on the
  component), and a rule of two or more tokens matches where its token patterns hold
  in a row.
* **Applied as the ruler applies them.**  The ruler sets the matches' attributes in the
  order the rules were added (a later rule overwrites an earlier one on the same token
  and attribute), each on the token at the rule's index; here the same values are
  gathered per token and written with one ``Doc.from_array``.

A rule outside that subset (another operator, a quantifier, an extension or morphology
attribute) makes the component fall back to the ``Matcher`` for every Doc.  Tests
compare both on the real pipeline and on random rules and Docs
(``tests/ingest/test_attribute_rules.py``).

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = nlp.add_pipe("geokg_attribute_ruler")
>>> ruler.add([[{"LOWER": {"IN": ["the", "a"]}}]], {"POS": "DET"})
>>> ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"LEMMA": "NYC"}, index=-1)
>>> [(t.pos_, t.lemma_) for t in nlp("The New York office")]
[('DET', ''), ('', ''), ('', 'NYC'), ('', '')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "RuleTable", "use_fast_attribute_ruler"]

#: Token attributes whose ``Matcher`` value is the hash of a string (``Doc.to_array`` gives the same).
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE"})
#: Lexical flags, 0 or 1 in ``Doc.to_array`` as in the ``Matcher``.
_FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
                         "IS_STOP", "LIKE_NUM"})
#: Combinations of attribute values remembered before the memo starts again.
_MEMO_SIZE = 1 << 15  # ~500 bytes each: ~16 MB at most (500 mix articles: 3,900)

#: A predicate on one column of a token's attribute row: (column, operator, argument).
Predicate = tuple[int, str, Any]


def _name(key: str) -> str:
    """A pattern's attribute name as the ``Matcher`` reads it ("lower" is ``LOWER``, ``TEXT`` is ``ORTH``)."""
    key = key.upper()
    return "ORTH" if key == "TEXT" else key


def _predicate(strings, name: str, value: Any) -> tuple[str, Any] | None:
    """(operator, argument) of one attribute test of a token pattern, or None when unsupported."""
    if name in _FLAG_ATTRS:
        return ("eq", int(value)) if isinstance(value, bool) else None
    if name not in _STRING_ATTRS:
        return None
    if isinstance(value, str):
        return ("eq", strings.add(value))
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(x, str) for x in arg):
            return (op.lower(), frozenset(strings.add(x) for x in arg))
        if op == "REGEX" and isinstance(arg, str):
            return ("regex", re.compile(arg))
    return None


class RuleTable:
    """An attribute ruler's rules as predicates, indexed by the values they test (see module doc).

    ``rules`` are ``(alternatives, attrs)`` pairs in the ruler's order: alternatives are
    ``(token patterns, index)`` with each token pattern a tuple of ``(attribute name,
    (operator, argument))`` (:func:`_predicate`);
    ``attrs`` are the normalised attributes to set (attribute id -> value).  Build it with
    :meth:`from_ruler`; ``None`` there means a rule is outside the supported subset.
    """

    def __init__(self, strings, rules: Sequence[tuple[Sequence[tuple[tuple, int]], dict[int, Any]]]) -> None:
        self.strings = strings
        names = sorted({name for alts, _ in rules for specs, _ in alts for spec in specs for name, _ in spec})
        #: the attribute ids the rules read, in the columns of ``Doc.to_array``
        self.columns = [IDS[name] for name in names]
        column = {name: i for i, name in enumerate(names)}
        self.attrs = [attrs for _, attrs in rules]
        #: the attribute ids the rules set, in the columns written back
        self.written = sorted({a for attrs in self.attrs for a in attrs})
        self._written_column = {a: j for j, a in enumerate(self.written)}
        self._specs: list[tuple[Predicate, ...]] = []
        self._index: dict[tuple[int, int], list[int]] = {}  # (column, value hash) -> token patterns it may satisfy
        self._open: list[int] = []  # token patterns without an equality or IN test: always tried
        self._single: dict[int, int] = {}  # one-token pattern -> its rule
        self.multi: list[tuple[int, tuple[int, ...], int]] = []  # (rule, its token patterns, index)
        for rule, (alts, _) in enumerate(rules):
            for specs, index in alts:
                ids = tuple(self._add_spec(tuple((column[n], *p) for n, p in spec)) for spec in specs)
                if len(ids) == 1:
                    self._single[ids[0]] = rule
                else:
                    self.multi.append((rule, ids, index))
        self._memo: dict[tuple[int, ...], tuple[frozenset[int], tuple[int, ...], tuple]] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> RuleTable | None:
        """The table of ``ruler``'s patterns, or None when one of them is outside the supported subset."""
        from spacy.tokens._retokenize import normalize_token_attrs

        strings = ruler.vocab.strings
        rules = []
        for p in ruler.patterns:
            alts = []
            for pattern in p["patterns"]:
                specs = []
                for token in pattern:
                    spec = [(_name(name), _predicate(strings, _name(name), value)) for name, value in token.items()]
                    if any(pred is None for _, pred in spec):
                        return None
                    specs.append(tuple(spec))
                index = p.get("index", 0)
                if not specs or not -len(specs) <= index < len(specs):
                    return None
                alts.append((tuple(specs), index % len(specs)))
            rules.append((alts, dict(normalize_token_attrs(ruler.vocab, p["attrs"]))))
        return cls(strings, rules)

    def _add_spec(self, preds: tuple[Predicate, ...]) -> int:
        spec = len(self._specs)
        self._specs.append(preds)
        key = next(((c, op, arg) for c, op, arg in preds if op in ("eq", "in")), None)
        if key is None:
            self._open.append(spec)
        else:
            for value in ((key[2],) if key[1] == "eq" else key[2]):
                self._index.setdefault((key[0], value), []).append(spec)
        return spec

    def _holds(self, preds: tuple[Predicate, ...], row: tuple[int, ...]) -> bool:
        for c, op, arg in preds:
            v = row[c]
            if op == "eq":
                if v != arg:
                    return False
            elif op == "in":
                if v not in arg:
                    return False
            elif op == "not_in":
                if v in arg:
                    return False
            elif not arg.search(self.strings[v] if v else ""):  # REGEX, on the attribute's string
                return False
        return True

    def _looked_up(self, row: tuple[int, ...]) -> tuple[frozenset[int], tuple[int, ...], tuple]:
        """(token patterns ``row`` satisfies, rules of one token it matches, their writes)."""
        found = self._memo.get(row)
        if found is None:
            tried = set(self._open)
            for c, v in enumerate(row):
                tried.update(self._index.get((c, v), ()))
            specs = frozenset(s for s in tried if self._holds(self._specs[s], row))
            rules = tuple(sorted(self._single[s] for s in specs if s in self._single))
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[row] = (specs, rules, self.writes(rules))
        return found

    def writes(self, rules: Iterable[int]) -> tuple[tuple[int, Any], ...]:
        """(column of :attr:`written`, value) a token gets from ``rules``: a later rule's value wins."""
        final: dict[int, Any] = {}
        for rule in sorted(set(rules)):
            for attr, value in self.attrs[rule].items():
                final[self._written_column[attr]] = value
        return tuple(final.items())

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on ``doc`` (in place) and return it."""
        import numpy

        n = len(doc)
        if not n or not self.written:
            return doc
        # (a single attribute comes back as a vector: one column then; a rule may read none: "{}")
        rows = doc.to_array(self.columns).reshape(n, len(self.columns)).tolist() if self.columns else [[]] * n
        found = [self._looked_up(tuple(row)) for row in rows]
        extra: dict[int, list[int]] = {}
        for rule, specs, index in self.multi:
            first, size = specs[0], len(specs)
            for s in [s for s in range(n - size + 1) if first in found[s][0]]:
                if all(specs[k] in found[s + k][0] for k in range(1, size)):
                    extra.setdefault(s + index, []).append(rule)
        out = doc.to_array(self.written).reshape(n, len(self.written)).tolist()
        for row, (_, _, writes) in zip(out, found):
            for j, value in writes:
                row[j] = value
        for i, rules in extra.items():
            for j, value in self.writes([*found[i][1], *rules]):
                out[i][j] = value
        doc.from_array(self.written, numpy.array(out, dtype="uint64"))
        return doc


class FastAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that applies its rules through a :class:`RuleTable` (see module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._table: RuleTable | None | bool = False  # False: not built since the last change

    def add(self, *args: Any, **kwargs: Any) -> None:  # add_patterns, from_bytes and from_disk add through it
        self._table = False
        super().add(*args, **kwargs)

    def clear(self) -> None:
        self._table = False
        super().clear()

    @property
    def table(self) -> RuleTable | None:
        """The rules' :class:`RuleTable`; None when one is outside its subset (the ``Matcher`` applies them)."""
        if self._table is False:
            self._table = RuleTable.from_ruler(self)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        if table is None:
            return super().__call__(doc)
        try:
            return table(doc)
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)


@Language.factory("geokg_attribute_ruler", default_config={"validate": False,
                                                           "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Callable | None) -> FastAttributeRuler:
    """spaCy's ``attribute_ruler`` factory, making a :class:`FastAttributeRuler`."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_fast_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's ``AttributeRuler`` ``name`` by a :class:`FastAttributeRuler` with its
    patterns, where the rules fit its subset; whether it did.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    >>> use_fast_attribute_ruler(nlp), type(nlp.get_pipe("attribute_ruler")).__name__
    (True, 'FastAttributeRuler')
    """
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if type(old) is not AttributeRuler or RuleTable.from_ruler(old) is None:
        return False
    validate = bool(getattr(old, "validate", False))
    new = nlp.replace_pipe(name, "geokg_attribute_ruler", config={"validate": validate})
    new.add_patterns(old.patterns)
    return True
