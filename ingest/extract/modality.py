"""Polarity and mode of a clause.

Polarity is ``negative`` when the verb (or an auxiliary chain above it) carries
``not``/``n't``/``never``, or when a negative implicative verb governs it
("refused to sign", "failed to stop"); two negations cancel ("did not fail to").
The negation is never folded into the lemma.

Mode (one of :data:`geokg.ingest.records.MODES`):

* ``future`` - *will*/*shall*/*'ll* auxiliaries, *be going to*, or *be to* ("Blair *is to
  address* the conference": an arrangement, not yet done), or a headline's infinitive
  ("Minister *to Visit* Seoul");
* ``hypothetical`` - other modals (*would*, *could*, *might*, *may*, *should*,
  *must*, *can*), a conditional clause (*if*/*unless*), or a complement of
  *need*;
* ``intended`` - complement of *want*, *plan*, *intend*, *seek*, *aim*, ...;
* ``demanded`` - complement (or event-noun object) of *demand*, *urge*, *ask*,
  *call on*, *press*, ...; the same for the *that*-clause or the infinitive of such a noun ("its
  *demand that* Israel ease ...", "its *call for* Chile *to lift* ...", "a *plan that* ...":
  :func:`governing_mode`);
* ``reported`` - an otherwise asserted claim with an attribution;
* ``asserted`` - everything else.

When several apply the strongest wins (:data:`~geokg.ingest.extract.frames.MODE_RANK`).
The verb lists are data (``extract/verbs.tsv``).

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> lex = ExtractorConfig().lexicon
>>> nlp = spacy.blank("en")
>>> doc = Doc(nlp.vocab, words=["They", "did", "not", "sign"], heads=[3, 3, 3, 3],
...           deps=["nsubj", "aux", "neg", "ROOT"], lemmas=["they", "do", "not", "sign"])
>>> is_negated(doc[3], lex)
True
>>> own_mode(doc[3], lex)
'asserted'
"""

from __future__ import annotations

from geokg.ingest.extract.config import Lexicon
from geokg.ingest.extract.doctable import DocTable
from spacy.tokens import Token

__all__ = ["is_negated", "own_mode", "governor_effect", "governing_mode", "conditional"]


def is_negated(verb: Token, lex: Lexicon, tab: DocTable | None = None) -> bool:
    """Whether ``verb`` itself carries a negation (not, n't, never).

    ``tab``: the Doc's :class:`~geokg.ingest.extract.doctable.DocTable`, when
    the caller has one.
    """
    if tab is None:
        tab = DocTable(verb.doc)
    dep, lower, negwords = tab.dep, tab.lower, lex.negwords
    for c in tab.children[verb.i]:
        d = dep[c]
        if d == "neg" or (d in ("advmod", "aux", "det", "preconj")
                          and lower[c] in negwords and lower[c] not in ("no", "nor")):
            return True
    return False


def conditional(verb: Token, lex: Lexicon, tab: DocTable | None = None) -> bool:
    """Whether ``verb`` heads a conditional clause (if/unless/whether)."""
    if tab is None:
        tab = DocTable(verb.doc)
    return _conditional_at(verb.i, lex, tab)


def _conditional_at(i: int, lex: Lexicon, tab: DocTable) -> bool:
    dep, lower = tab.dep, tab.lower
    if dep[i] not in ("advcl", "ccomp", "conj"):
        return False
    return any(dep[c] == "mark" and lower[c] in lex.condmarks for c in tab.children[i])


def own_mode(verb: Token, lex: Lexicon, tab: DocTable | None = None) -> str:
    """Mode marked on ``verb`` itself: modal auxiliaries, *going to*, conditionals."""
    if tab is None:
        tab = DocTable(verb.doc)
    dep, tag, lower, children = tab.dep, tab.tag, tab.lower, tab.children
    i = verb.i
    mode = "asserted"
    for c in children[i]:
        if dep[c] == "aux" and tag[c] == "MD":
            m = lex.modals.get(lower[c], "hypothetical")
            if m == "hypothetical" or mode == "asserted":
                mode = m
    if mode == "asserted" and dep[i] == "xcomp":
        h = tab.head[i]
        if lower[h] == "going" and any(dep[c] in ("aux",) for c in children[h]):
            mode = "future"
        elif tab.lemma[h] == "be" and any(dep[c] == "aux" and lower[c] == "to" for c in children[i]):
            mode = "future"  # "is to address", "are to meet": arranged, not yet done
    if mode == "asserted" and (_headline_infinitive(i, tab) or _future_time_clause(i, lex, tab)):
        mode = "future"
    if _conditional_at(i, lex, tab):
        mode = "hypothetical"
    return mode


#: Subordinators of a time clause, whose present tense takes the time of its main clause.
_TIME_MARKS = frozenset({"when", "once", "after", "before", "until", "till", "whenever"})


def _future_time_clause(i: int, lex: Lexicon, tab: DocTable) -> bool:
    """Whether token ``i`` is the present-tense verb of a time clause under a verb in the future: "the talks will
    open *when* the envoy *arrives*" -- the arrival is to come, as the opening is."""
    if tab.dep[i] != "advcl" or tab.tag[i] not in ("VBZ", "VBP"):
        return False
    if not any(tab.dep[c] in ("mark", "advmod") and tab.lower[c] in _TIME_MARKS for c in tab.children[i]):
        return False
    h = tab.head[i]
    return any(tab.dep[c] == "aux" and tab.tag[c] == "MD" and lex.modals.get(tab.lower[c]) == "future"
               for c in tab.children[h])


def _headline_infinitive(i: int, tab: DocTable) -> bool:
    """Whether token ``i`` is a *to*-infinitive that no verb governs: the future of a headline
    ("British Minister *to Visit* North Korea", "Thailand *to prosecute* 300")."""
    dep, pos, head = tab.dep, tab.pos, tab.head
    if not any(dep[c] == "aux" and tab.lower[c] == "to" for c in tab.children[i]):
        return False
    while head[i] != i:
        i = head[i]
        if pos[i] in ("VERB", "AUX"):
            return False
    return True


def governor_effect(gov: Token, lex: Lexicon) -> tuple[str, bool]:
    """What a governing verb does to its complement: (mode, negates)."""
    lemma = gov.lemma_.lower()
    if lemma == "go" and gov.lower_ == "going":
        return "future", False
    mode = lex.mode_verbs.get(lemma, "")
    return mode, lemma in lex.negators


def governing_mode(top: Token, lex: Lexicon, tab: DocTable) -> tuple[str, bool]:
    """What the word governing a clause's top verb does to it: (mode, negates).

    A verb governing a complement (*xcomp*/*ccomp*: "demanded that its partners *refuse to
    recognize*", "said it *would leave*") gives :func:`governor_effect`; a noun of a control
    verb governing a *that*-clause or an infinitive ("its demand that Israel *ease* ...", "its call
    for Chile *to lift* ...", "the plan that ...") gives the verb's mode, never a negation; a
    gerund after the object of a negative implicative ("stop militants *firing*") is that verb's
    negated complement.  ("asserted", False) otherwise.
    """
    i, dep, pos = top.i, tab.dep, tab.pos
    h = tab.head[i]
    if h == i:
        return "asserted", False
    infinitive = any(dep[c] == "aux" and tab.lower[c] == "to" for c in tab.children[i])
    if pos[h] in ("VERB", "AUX") and (dep[i] in ("xcomp", "ccomp") or (dep[i] == "advcl" and infinitive)):
        return governor_effect(top.doc[h], lex)  # "have sworn to fight", often parsed as an adverbial
    if dep[i] == "acl" and tab.tag[i] == "VBG" and dep[h] == "dobj" and pos[tab.head[h]] in ("VERB", "AUX"):
        # a gerund after the object of a negative implicative is its complement: "stop militants
        # *firing*", "prevent rebels *attacking*" did not happen; elsewhere it is a reduced relative
        # clause ("saw troops *firing*", "urged soldiers *guarding* it to leave"): it did
        mode, negates = governor_effect(top.doc[tab.head[h]], lex)
        if negates:
            return mode, negates
    if dep[i] in ("acl", "ccomp") and pos[h] == "NOUN" and not infinitive:
        return lex.mode_verbs.get(tab.lemma[h].lower(), "") or "asserted", False
    if infinitive and dep[i] in ("acl", "advcl") and pos[h] == "NOUN" and lex.mode_verbs.get(tab.lemma[h].lower()):
        # the infinitive of such a noun is its content too: "its call for Chile *to lift*", "a plan *to build*"
        return lex.mode_verbs[tab.lemma[h].lower()], False
    return "asserted", False
