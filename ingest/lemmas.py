"""spaCy's rule lemmatizer, remembered per word form: the same lemmas, a fraction of the time.

The trained English pipelines set each token's lemma with an ``EnglishLemmatizer`` in
``rule`` mode (``lemmatizer``).  For every token it makes a :class:`~spacy.tokens.Token`,
reads its text, part of speech and morphology as strings, tests the morphology for a base
form and tries the suffix rules; only the last of those paths is remembered (its ``cache``),
so the commonest tokens (singular nouns, base-form verbs, positive adjectives) are worked out
again every time.  That is about a tenth of the parse of a news article.

:class:`FastLemmatizer` is that component with the same tables, configuration and
serialisation; only ``__call__`` differs:

* **The lemma of a form.**  A rule lemma depends only on the token's word form, part of speech
  and morphology (spaCy's own cache is keyed by these three), so each combination is worked out
  once, by the component's own ``rule_lemmatize``, and its lemma remembered (a bounded memo on
  the component, started again when full, and with spaCy's own cache when the tables change:
  spaCy's keeps lemmas from the old tables).
* **Read and written as columns.**  The three values and the current lemma of every token are
  read with one ``Doc.to_array``; the lemmas are written with one ``Doc.from_array``.  A token
  that already has a lemma (set by the attribute ruler) keeps it unless the component
  overwrites, as spaCy's does.

Another mode, or a lemmatizer class other than spaCy's English one, is left as it is
(:func:`use_fast_lemmatizer` says whether it replaced it).  Tests compare both on hand-built
tables and Docs and on the real pipeline (``tests/ingest/test_lemmas.py``).

Examples
--------
>>> import spacy
>>> from spacy.lookups import Lookups
>>> from spacy.tokens import Doc
>>> nlp = spacy.blank("en")
>>> lookups = Lookups()
>>> _ = lookups.add_table("lemma_rules", {"verb": [["ed", ""], ["ed", "e"]]})
>>> _ = lookups.add_table("lemma_index", {"verb": ["vote", "open"]})
>>> _ = lookups.add_table("lemma_exc", {"verb": {"ran": ["run"]}})
>>> for name in ("lemmatizer", "geokg_lemmatizer"):
...     lemmatizer = nlp.add_pipe(name, name=name, config={"mode": "rule"})
...     lemmatizer.initialize(lookups=lookups)
...     doc = Doc(nlp.vocab, words=["voted", "opened", "ran"], pos=["VERB"] * 3)
...     print([t.lemma_ for t in lemmatizer(doc)])
['vote', 'open', 'run']
['vote', 'open', 'run']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc
from thinc.api import Model

__all__ = ["FastLemmatizer", "use_fast_lemmatizer"]

#: Word forms (with part of speech and morphology) remembered before the memo starts again.
_MEMO_SIZE = 1 << 17  # ~200 bytes each: ~25 MB at most (the 1,000 mix articles of bench_scale.py: 3,286)
_COLUMNS = [ORTH, POS, MORPH, LEMMA]


class FastLemmatizer(EnglishLemmatizer):
    """An ``EnglishLemmatizer`` in ``rule`` mode that remembers the lemma of each form (see module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._memo: dict[tuple[int, int, int], int] = {}
        super().__init__(*args, **kwargs)
        if self.mode != "rule":
            raise ValueError(f"geokg_lemmatizer works in 'rule' mode only, not {self.mode!r}")

    @property
    def lookups(self) -> Lookups:
        """The tables (``lemma_rules``, ``lemma_index``, ``lemma_exc``); new ones start the memo again."""
        return self._lookups

    @lookups.setter
    def lookups(self, value: Lookups) -> None:
        self._lookups = value
        self._forget()

    def _forget(self) -> None:
        """New tables, new lemmas: the memo and spaCy's own cache start again."""
        self._memo = {}
        self.cache = {}

    def initialize(self, *args: Any, **kwargs: Any) -> None:
        self._forget()
        super().initialize(*args, **kwargs)

    def from_bytes(self, *args: Any, **kwargs: Any) -> FastLemmatizer:
        self._forget()  # the tables are read in place
        return super().from_bytes(*args, **kwargs)

    def from_disk(self, *args: Any, **kwargs: Any) -> FastLemmatizer:
        self._forget()
        return super().from_disk(*args, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            return self._set_lemmas(doc)
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)

    def _set_lemmas(self, doc: Doc) -> Doc:
        import numpy

        n = len(doc)
        if not n:
            return doc
        memo, overwrite, strings = self._memo, self.overwrite, self.vocab.strings
        rows = doc.to_array(_COLUMNS).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                value = memo[key] = strings.add(self.rule_lemmatize(doc[i])[0])
            lemmas.append(value)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc


@Language.factory(
    "geokg_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_fast_lemmatizer(nlp: Language, model: Model | None, name: str, mode: str, overwrite: bool,
                         scorer: Callable | None) -> FastLemmatizer:
    """spaCy's English ``lemmatizer`` factory, making a :class:`FastLemmatizer`."""
    return FastLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def use_fast_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Replace the pipeline's English rule lemmatizer ``name`` by a :class:`FastLemmatizer` with its
    tables and settings; whether it did.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    >>> use_fast_lemmatizer(nlp), type(nlp.get_pipe("lemmatizer")).__name__
    (True, 'FastLemmatizer')
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    >>> use_fast_lemmatizer(nlp), type(nlp.get_pipe("lemmatizer")).__name__
    (False, 'EnglishLemmatizer')
    """
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if type(old) is not EnglishLemmatizer or old.mode != "rule":
        return False
    new = nlp.replace_pipe(name, "geokg_lemmatizer", config={"mode": "rule", "overwrite": old.overwrite})
    new.lookups = old.lookups
    new._validated = old._validated
    return True
