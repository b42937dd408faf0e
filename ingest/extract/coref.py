"""Rule-based coreference within one article.

No model: a mention list is built once per Doc (entity mentions and noun
phrase heads, with number, animacy and syntactic salience), then each
anaphoric argument is resolved to the best preceding mention:

* **pronouns** (``extract/pronouns.tsv``: he/she/it/they and their
  possessive forms) - candidates must agree in number and animacy: *he/she*
  need a person (a PERSON entity or a role noun such as *president*; no
  name-gender lists are used, so *he* and *she* behave alike), *it/its* a
  non-person singular (countries, organisations, singular nouns; actors
  preferred; not one conjunct of a coordination: "Chile and Peru would not attack Bolivia
  since *it* could strike back" is Bolivia), *they/their* a plural noun, an organisation or a coordination.
  The subject of the pronoun's own clause is excluded for non-possessive
  objects ("Mexico asked it" cannot be Mexico).
* **short definite descriptions** - "the president" resolves to the latest
  person given that title ("President Claudia Sheinbaum"), when the title holds the
  description's own words ("the prime minister" and "Japan's minister" are not "Foreign
  Minister X"); "the two
  countries" to the last two countries named (GPE mentions that pycountry
  knows as countries); "the government",
  "Sheinbaum's government" to the latest more specific mention with the same
  head noun ("the Mexican government"), unless a modifier of its own follows
  it ("the tariffs *on Canadian goods*" names its referent anew); "her
  government" with no such mention becomes "<her referent>'s government".
  He/she carry no gender from names, but once *she* resolved to a person,
  *he* will not (and vice versa).
* **surnames** - "Sheinbaum" resolves to the fuller name used earlier
  ("Claudia Sheinbaum"), and stands for that person (for *he*/*she*) even where
  the NER did not tag it as one.
* **bare headline nouns** - in a headline (a first line with a blank line after
  it), "*Jets* hit rebel town" resolves to the body's first mention of the same
  noun that names a country or nationality ("Chilean fighter jets"), within the next
  two sentences.

Scores: salience (subject 3, object 2, possessor 1.5, other 1) minus 1.5 per
sentence of distance (window: the current and three previous sentences);
ties go to the nearest.  The winner's text (itself resolved, without leading
determiners) is written to ``ArgSpan.resolved`` and so to
:attr:`geokg.ingest.records.Argument.resolved`.

Examples
--------
>>> import spacy
>>> from spacy.tokens import Doc
>>> from geokg.ingest.extract.config import ExtractorConfig
>>> nlp = spacy.blank("en")
>>> words = ["Ana", "Ruiz", "spoke", ".", "She", "left", "."]
>>> doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 5, 5, 5],
...           deps=["compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
...           pos=["PROPN", "PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"],
...           ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
...           sent_starts=[True, False, False, False, True, False, False])
>>> Resolver(doc, ExtractorConfig().lexicon).resolve(doc[4])
'Ana Ruiz'
"""

from __future__ import annotations

from dataclasses import dataclass

from geokg.ingest.extract.arguments import ArgSpan
from geokg.ingest.extract.config import Lexicon
from geokg.ingest.extract.doctable import DocTable
from spacy.tokens import Doc, Token

__all__ = ["Resolver", "resolve_frames", "Mention"]

_SALIENCE = {"nsubj": 3.0, "nsubjpass": 3.0, "dobj": 2.0, "poss": 1.5, "pobj": 1.0, "conj": 1.0, "appos": 1.0,
             "attr": 1.0, "ROOT": 2.0}
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_WINDOW = 3
_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_COUNTRY_NOUNS = frozenset({"country", "nation", "state", "side", "government", "neighbor", "neighbour"})
_NUMBERS = {"two": 2, "three": 3, "both": 2}


def _fuller(name: str, full: str) -> str:
    """``full`` when it is a fuller form of the name ``name`` (its last words are ``name``'s: "Castro",
    "Fidel Castro"), else "": "Raul Castro" is not "Fidel Castro", nor "Fidel Castro" a headline's
    "Meets With Castro" the NER took for a name.

    >>> _fuller("Castro", "Fidel Castro"), _fuller("Raul Castro", "Fidel Castro"), _fuller("Ruiz", "Ruiz")
    ('Fidel Castro', '', '')
    """
    words, fuller = name.split(), full.split()
    return full if len(fuller) > len(words) and fuller[len(fuller) - len(words):] == words else ""


def _is_country(name: str) -> bool:
    """Whether ``name`` names a country (pycountry; imported on first use)."""
    import pycountry

    try:
        pycountry.countries.lookup(name)
        return True
    except LookupError:
        return False


@dataclass(slots=True)
class Mention:
    """A candidate antecedent."""

    head: int
    start: int
    end: int
    sent: int
    text: str
    number: str      # sg / pl
    person: bool
    actor: bool
    label: str
    salience: float
    lemma: str
    coordinated: bool = False  # a conjunct ("Israel and the United States"): no antecedent of "it"


class Resolver:
    """Mentions of one Doc and the rules to resolve anaphors against them."""

    def __init__(self, doc: Doc, lex: Lexicon, tab: DocTable | None = None) -> None:
        self.doc = doc
        self.lex = lex
        self.tab = tab if tab is not None and tab.doc is doc else DocTable(doc)
        self.sent_of: list[int] = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.ent_of: dict[int, tuple[int, int, str]] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = (ent.start, ent.end, ent.label_)
        self.mentions: list[Mention] = []
        self.full_names: dict[str, str] = {}
        #: (token, role lemma, name, the title's words in lower case: "foreign minister")
        self.titled: list[tuple[int, str, str, frozenset[str]]] = []
        self.gender: dict[int, str] = {}  # mention head -> "f" / "m": a gendered noun's, or learnt from he/she
        self._collect()
        self.cache: dict[int, str] = {}
        self.countries: dict[str, bool] = {}  # a mention's name -> whether it names a country
        self._is_headline: bool | None = None  # _headline, once read

    # -- mentions -------------------------------------------------------
    def _collect(self) -> None:
        lex, tab = self.lex, self.tab
        pos, dep, tag, lower, lemmas, words = tab.pos, tab.dep, tab.tag, tab.lower, tab.lemma, tab.words
        punct, ent_type, children = tab.is_punct, tab.ent_type, tab.children
        for i in range(tab.n):
            if pos[i] not in ("PROPN", "NOUN") or dep[i] == "compound":
                continue
            ent = self.ent_of.get(i)
            label = ent[2] if ent else ""
            lefts = [c for c in children[i] if c < i]
            start = min((tab.left_edge(c) for c in lefts if dep[c] in ("det", "amod", "compound", "poss", "nummod")),
                        default=i)
            end = i + 1
            while start < i and (punct[start] or lower[start] in _DETS):
                start += 1
            text = tab.span_text(start, end)
            lemma = lemmas[i]
            person = label == "PERSON" or lex.is_person_noun(lemma)
            if not person and pos[i] == "PROPN" and (not ent or ent[1] - ent[0] == 1) and words[i] in self.full_names:
                person, text = True, self.full_names[words[i]]  # "Trump" after "Donald Trump", untagged by the NER
            if lemma.lower() in lex.noun_genders:  # "a schoolgirl": "he" is not her
                self.gender[i] = lex.noun_genders[lemma.lower()]
            number = "pl" if tag[i] in ("NNS", "NNPS") else "sg"
            if label == "PERSON":
                name = tab.span_text(ent[0], ent[1]) if ent else words[i]
                last = words[i]
                # only a name that ends with this word is its fuller form ("Powell" is not
                # "Powell Calls for Support", a headline the NER took for a name)
                if (not ent or ent[1] == i + 1) and len(name.split()) > len(self.full_names.get(last, "").split()):
                    self.full_names[last] = name
                text = _fuller(name, self.full_names.get(last, "")) or name
                for c in lefts:
                    if dep[c] in ("compound", "nmod") and lex.is_role_noun(lemmas[c]):
                        title = frozenset(lower[j] for j in range(start, c + 1))
                        self.titled.append((i, lemmas[c].lower(), text, title))
            actor = label in _ORG_LABELS or label == "PERSON" or any(
                ent_type[c] in _ORG_LABELS for c in lefts) or person or lex.is_group_noun(lemma)
            self.mentions.append(Mention(
                i, start, end, self.sent_of[i], text, number, person, actor, label,
                _SALIENCE.get(dep[i], 0.5), lemma.lower(),
                dep[i] == "conj" or any(dep[c] == "conj" for c in children[i]),
            ))

    # -- resolution -----------------------------------------------------
    def _country(self, name: str) -> bool:
        if name not in self.countries:
            self.countries[name] = _is_country(name)
        return self.countries[name]

    def _clean(self, text: str) -> str:
        words = text.split()
        while words and words[0].lower() in _DETS:
            words = words[1:]
        return " ".join(words)

    def _excluded(self, tok: Token) -> set[int]:
        """Heads a non-possessive object pronoun cannot refer to (its clause's subject)."""
        if tok.dep_ in ("dobj", "pobj", "dative") and tok.dep_ != "poss":
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            return {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        return set()

    def _speaker(self, tok: Token, ok) -> Mention | None:
        """The subject of the speech verb whose complement clause ``tok`` is the subject of, when it
        agrees ("Chile warned *it* would respond": Chile, however many parties were named between;
        a verb conjoined to the speech verb shares its subject)."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        verb = tok.head.head
        if verb.lemma_.lower() not in self.lex.speech:
            return None
        while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return next((m for m in self.mentions if subj is not None and m.head == subj.i and ok(m)), None)

    def _best(self, tok: Token, ok) -> Mention | None:
        speaker = self._speaker(tok, ok)
        if speaker is not None:
            return speaker
        k = self.sent_of[tok.i]
        excluded = self._excluded(tok)
        # nor what a pronoun subject stands for ("He urged him": "him" is not who "he" is)
        same = {self.resolve(self.doc[i]) for i in excluded if self.doc[i].lower_ in self.lex.pronouns} - {""}
        best, best_score = None, -1e9
        for m in reversed(self.mentions):
            if m.head >= tok.i:
                continue
            if m.sent < k - _WINDOW:
                break
            if m.head in excluded or m.start <= tok.i < m.end or not ok(m) or (same and self._text_of(m) in same):
                continue
            s = m.salience - 1.5 * (k - m.sent) + (0.5 if m.actor else 0.0)
            if s > best_score:
                best, best_score = m, s
        return best

    def _text_of(self, m: Mention) -> str:
        t = self.doc[m.head]
        if t.lower_ in self.lex.pronouns:
            return self.resolve(t) or ""
        return self.resolve(t) or self._clean(m.text)

    def resolve(self, tok: Token) -> str:
        """The text ``tok`` refers to, or "" when it is not an anaphor / unresolved."""
        if tok.i in self.cache:
            return self.cache[tok.i]
        self.cache[tok.i] = ""
        out = self._resolve(tok)
        self.cache[tok.i] = out
        return out

    def _resolve(self, tok: Token) -> str:
        low = tok.lower_
        info = self.lex.pronouns.get(low)
        if info is not None and tok.pos_ == "PRON" or (info is not None and tok.dep_ == "poss"):
            if info.animacy == "person":
                g = info.gender
                m = self._best(tok, lambda m: m.person and m.number == "sg" and self.gender.get(m.head, g) == g)
                if m is not None and g in ("m", "f"):
                    self.gender.setdefault(m.head, g)
                    for other in self.mentions:  # the same person named again
                        if other.text == m.text and other.person:
                            self.gender.setdefault(other.head, g)
            elif info.animacy == "thing":
                m = self._best(tok, lambda m: not m.person and m.number == "sg" and not m.coordinated
                               and m.label not in ("DATE", "TIME", "CARDINAL"))
            else:
                m = self._best(tok, lambda m: (m.number == "pl" or m.label in ("ORG", "NORP")) and m.label not in (
                    "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"))
            return self._text_of(m) if m is not None else ""
        if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
            ent = self.ent_of.get(tok.i)
            here = self.doc[ent[0]:ent[1]].text if ent else tok.text
            return _fuller(here, self.full_names.get(tok.text, ""))
        if tok.pos_ == "NOUN":
            return self._description(tok) or self._headline_noun(tok)
        return ""

    def _headline_noun(self, tok: Token) -> str:
        """The body's fuller mention of a bare noun of the headline ("*Jets* hit rebel town" |
        "*Chilean fighter jets* bombed ..."): the first mention in the next two sentences with the
        same head that names a country or nationality, when the first sentence is a headline
        (a line of its own, a blank line after it)."""
        if self.sent_of[tok.i] != 0 or not self._headline() or any(
                c.dep_ in ("det", "poss", "amod", "compound", "nmod") for c in tok.lefts):
            return ""
        lemma, low = tok.lemma_.lower(), tok.lower_
        for m in self.mentions:
            if 1 <= m.sent <= 2 and m.end - m.start > 1 and (m.lemma == lemma or self.doc[m.head].lower_ == low) and any(
                    self.doc[j].ent_type_ in ("NORP", "GPE") for j in range(m.start, m.head)):
                return self._clean(m.text)
        return ""

    def _headline(self) -> bool:
        """Whether the Doc's first sentence is a headline: a line with a blank line after it (read once:
        the Doc's text is built anew on every read)."""
        if self._is_headline is None:
            first = next(iter(self.doc.sents), None)
            self._is_headline = first is not None and first.end < len(self.doc) and (
                "\n\n" in self.tab.text[first.end_char - 2:self.tab.idx[first.end] + 2])
        return self._is_headline

    def _description(self, tok: Token) -> str:
        lemma = tok.lemma_.lower()
        dets = [c for c in tok.lefts if c.dep_ in ("det", "poss", "nummod", "amod", "compound")]
        owned = any(c.dep_ == "poss" and c.lower_ in self.lex.pronouns for c in dets)  # "*his* Socialist party"
        if not dets or (not owned and any(c.dep_ in ("amod", "compound") and c.ent_type_ in _ORG_LABELS for c in dets)):
            return ""
        if not any(c.lower_ in ("the", "this", "these", "both") or c.dep_ == "poss" for c in dets):
            return ""
        count = next((_NUMBERS.get(c.lower_, 0) for c in dets if c.lower_ in _NUMBERS), 0)
        if tok.tag_ == "NNS" and lemma in _COUNTRY_NOUNS and count:
            names: list[str] = []
            for m in reversed(self.mentions):
                if m.head >= tok.i:
                    continue
                name = self._clean(m.text)
                if m.label == "GPE" and name not in names and self._country(name):
                    names.append(name)
                if len(names) == count:
                    return " and ".join(reversed(names))
            return ""
        if self.lex.is_role_noun(lemma):
            # "the *prime* minister", "*Japan's* prime minister": the words that set the role apart must be the
            # title's ("Foreign Minister Alexander Downer" is neither)
            words = {c.lower_ for c in dets if c.dep_ in ("amod", "compound", "poss") and c.lower_ not in self.lex.pronouns}
            for i, role, name, title in reversed(self.titled):
                if i < tok.i and role == lemma and words <= title:
                    return name
            return ""
        if any(self.tab.dep[c] in ("prep", "acl", "relcl") for c in self.tab.children[tok.i] if c > tok.i):
            return ""  # "the tariffs *on Canadian goods*": a modifier of its own names its referent anew
        best = None
        for m in reversed(self.mentions):
            if m.head >= tok.i:
                continue
            if m.lemma == lemma and m.end - m.start > 1 and m.head != tok.i:
                if any(self.doc[j].ent_type_ in _ORG_LABELS for j in range(m.start, m.end)):
                    best = m
                    break
        if best is not None:
            return self._clean(best.text)
        poss = next((c for c in dets if c.dep_ == "poss" and c.lower_ in self.lex.pronouns), None)
        if poss is not None and self.lex.is_group_noun(lemma):
            owner = self.resolve(poss)
            if owner:
                return f"{owner}'s {tok.text}"
        return ""


def resolve_frames(doc: Doc, frames: list, ctx) -> set[int]:
    """Fill ``resolved`` of the frames' arguments; return the pronoun heads seen."""
    resolver = Resolver(doc, ctx.lex, ctx.table(doc))
    pronouns = ctx.lex.pronouns
    heads: set[int] = set()
    for f in frames:
        spans: list[ArgSpan | None] = [f.subj, f.obj, f.agent, f.attribution, *f.pps, *f.extra_args]
        for span in spans:
            if span is None or span.end <= span.start or span.end - span.start > 4 or span.text:
                continue
            tok = doc[span.head]
            if tok.lower_ in pronouns:
                heads.add(tok.i)
            span.resolved = resolver.resolve(tok)
    return heads
