"""Error-class predicates of event coding on real news (issue #17).

Pure functions over an extraction, its article and the verb lexicon's word classes
(``coding/verbs_classes.tsv``), used by :class:`~geokg.ingest.coding.extraction.ExtractionCoder`:

* :func:`headed_by`: whether a subject is headed by a term of a class -- ``@INSTRUMENTS``
  ("a car bomb", "the attack on the convoy": no actor, the victims stay targets),
  ``@ACCIDENTS`` ("the storm killed ten": no event), ``@VEHICLES``;
* :func:`instrument_modifiers`: the words before such a head, the only ones that may name
  who acted ("*US drone* strikes killed ...");
* :func:`mentions_accident`: whether the sentence names an accident or disaster;
* :func:`named_hazard`: a storm the article names by its title ("Ivan" after "Hurricane
  Ivan", ``@HAZARD_TITLES``): no actor, no event;
* :func:`headline_passive`: a headline's passive told without "was" ("Opposition leader
  killed"), whose subject is the target;
* :func:`headline_misreading`: an ad-hoc name a Title Case headline made of common words
  ("Iran Agrees to *Suspend* ...", "Hu *Meets With Castro*": no actor);
* :func:`status_complement`: a captor's participle whose object begins with a bare status noun
  ("drivers *held hostage* in X", "a pilot *taken prisoner*"): the subject is the captive;
* :func:`clause_reading`: why a clause reports no event of its own -- a purpose ("visited Dakar
  *to mediate*"), an event not yet happened ("*before* they demobilize"), a relative clause or a
  participle describing a noun ("a helicopter *that was captured*", "property *seized* in the
  1970s"); the readings in :data:`NON_EVENT_READINGS` are not coded.

Examples
--------
>>> from geokg.ingest.coding.lexicon import VerbLexicon
>>> from geokg.ingest.records import Argument
>>> lex = VerbLexicon.default()
>>> headed_by(lex, Argument("subject", "A car bomb", 0, 10, head="bomb"), "INSTRUMENTS")
True
>>> headed_by(lex, Argument("subject", "Kenyan troops", 0, 13, head="troops"), "INSTRUMENTS")
False
>>> instrument_modifiers("Turkish drone strikes on the camp", "strikes")
'Turkish drone'
"""

from __future__ import annotations

import functools
import re

from geokg.ingest.actors.words import singular
from geokg.ingest.coding.rules import relation_root
from geokg.ingest.records import Argument, Article, Extraction

__all__ = ["NON_EVENT_READINGS", "conditional_threat", "historical", "plain_negation", "PASSIVE_RE", "clause_marks", "clause_reading", "control_verbs", "headed_by", "headline_misreading", "headline_passive",
           "instrument_modifiers", "status_complement", "mentions_accident", "named_hazard"]

#: A relation with a form of "be": a passive, whose subject is no instrument of its own.
PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\b", re.IGNORECASE)
_LETTER_WORDS = re.compile(r"[a-z]+")
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_HEAD_CUT = frozenset({"on", "of", "in", "against", "by", "at"})
_NOUN_PREPS = frozenset({"on", "of", "in", "against", "at", "near", "targeting"})
#: Prepositions of a phrase the extractor promotes to the object of a headline passive.
_HEADLINE_PREPS = frozenset({"in", "at", "near", "during", "after", "on", "outside", "over", "for"})
#: Participles of verbs of giving that keep their object in the passive ("Peru *given* a deadline",
#: "Minister *denied* a visa"): in a headline without "was" the subject received it.
_GIVEN_PARTICIPLES = frozenset({"given", "handed", "granted", "awarded", "denied", "shown", "told", "promised"})
#: Participles of verbs that take a captive with a status noun as complement ("*held* two Britons hostage").
_CAPTOR_PARTICIPLES = frozenset({"held", "kept", "taken"})
_IRREGULAR_PARTICIPLES = frozenset({"shot", "hit", "held", "slain", "hurt", "struck", "taken", "beaten", "caught", "set"})
#: Words a headline's participle takes as the state it left its subject in, not as an object
#: ("Two Chileans *shot dead*", "Mosque *set on fire*").
_RESULT_WORDS = frozenset({"dead", "fire", "ablaze", "alight"})
#: The end of a sentence in running text (a full stop, "!" or "?" before a space or the end).
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def headed_by(lexicon, subject: Argument, word_class: str) -> bool:
    """Whether the head of ``subject`` (the last word before any preposition) is a term of
    ``word_class`` in the lexicon's word classes."""
    if not subject.text.strip():
        return False
    key = (subject.text, subject.head, word_class)
    found = lexicon._heads_memo.get(key)
    if found is None:
        found = lexicon._heads_memo.put(key, _headed_by(lexicon, subject, word_class))
    return found


def _headed_by(lexicon, subject: Argument, word_class: str) -> bool:
    """:func:`headed_by` of a subject with a text (memoised there)."""
    words, phrases = lexicon.class_terms(word_class)
    head = singular((subject.head or subject.text.split()[-1]).lower())
    toks = tuple(singular(w.lower()) for w in subject.text.split())
    cut = next((i for i, w in enumerate(toks) if w in _HEAD_CUT), len(toks))
    if head in words or (cut and toks[cut - 1] in words):
        return True
    return any(toks[:cut][-len(t):] == t for t in phrases)


def instrument_modifiers(text: str, head: str) -> str:
    """The words of ``text`` before its head and before any preposition ("" when none)."""
    words = text.split()
    cut = min(words.index(head) if head in words else len(words) - 1,
              next((i for i, w in enumerate(words) if w.lower() in _NOUN_PREPS), len(words)) - 1)
    return " ".join(words[:cut]) if cut > 0 else ""


def mentions_accident(lexicon, ex: Extraction, article: Article) -> bool:
    """Whether the sentence of ``ex`` names an accident or disaster (``@ACCIDENTS``, a term of
    one word or more); a headline's, or the lead sentence it sums up ("Peru Mine Blast Kills
    30" | "A gas explosion in a coal mine killed ...")."""
    text = article.content[ex.sent_start:ex.sent_end]
    if ex.sent_start < article.body_offset:  # a headline: its lead sentence too
        body = article.content[article.body_offset:]
        end = _SENTENCE_END.search(body)
        text = f"{text} {body[:end.end() if end else len(body)]}"
    return lexicon.has_class_term("ACCIDENTS", [singular(w) for w in _LETTER_WORDS.findall(text.lower())])


@functools.lru_cache(maxsize=8)
def _hazard_names_re(titles: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """A title of a named storm (any case) followed by its capitalised name (group 1)."""
    alternatives = sorted((r"\s+".join(map(re.escape, t)) for t in titles), key=len, reverse=True)
    return re.compile(r"\b(?i:" + "|".join(alternatives) + r")\s+([A-Z][a-z]+)\b")


def named_hazard(lexicon, subject: Argument, article: Article) -> bool:
    """Whether ``subject`` names a storm the article calls by its title ("Hurricane Ivan",
    ``@HAZARD_TITLES``): the name alone ("*Ivan* devastates Grenada", which a parser takes for
    a person) or a phrase holding it ("*the full force of Hurricane Ivan* has hit ...").

    Examples
    --------
    >>> from geokg.ingest.coding.lexicon import VerbLexicon
    >>> lex = VerbLexicon({}, {"HAZARD_TITLES": [("hurricane",), ("tropical", "storm")]}, {})
    >>> art = Article.create(title="Ivan hits Cuba", text="Hurricane Ivan hit Cuba on Monday.", url="https://x.test/i")
    >>> named_hazard(lex, Argument("subject", "Ivan", 0, 4), art)
    True
    >>> named_hazard(lex, Argument("subject", "Fidel Castro", 0, 12), art)
    False
    """
    text = subject.text.strip()
    if not text or text.islower():
        return False
    key = ("hazard names", article.id)  # read once an article (memoised with the heads)
    names = lexicon._heads_memo.get(key)
    if names is None:
        names = lexicon._heads_memo.put(key, _hazard_names(lexicon, article.content))
    return bool(names) and any(w in names for w in _CAPITALISED.findall(text))


def _hazard_names(lexicon, content: str) -> frozenset[str]:
    """The names that follow a storm's title in ``content`` ("Ivan" of "Hurricane Ivan")."""
    words, phrases = lexicon.class_terms("HAZARD_TITLES")
    if not (words or phrases):
        return frozenset()
    titles = tuple(sorted({(w,) for w in words} | set(phrases)))
    lowered = content.lower()
    if not any(t[0] in lowered for t in titles):
        return frozenset()  # no title anywhere (the regular expression is slow on a long text)
    return frozenset(m.group(1) for m in _hazard_names_re(titles).finditer(content))


def headline_passive(ex: Extraction, article: Article, code: str) -> bool:
    """Whether ``ex`` is a headline's passive told without "was" ("Opposition leader killed",
    "Minister criticised"): a past form with no object, auxiliary or agent, coding an act done
    to someone (not a statement or an intent); its subject is the target."""
    if ex.kind != "event" or ex.sent_start >= article.body_offset:
        return False
    result = ex.object is not None and ex.object.text.lower() in _RESULT_WORDS
    given = ex.relation.lower() in _GIVEN_PARTICIPLES  # "Peru given deadline": the object stays
    if (ex.object is not None and not result and not given
            and not (ex.object.prep and ex.object.prep in _HEADLINE_PREPS)):
        return False  # an object proper; a promoted "in Attack ..." phrase, a result ("shot *dead*") is none
    if code[:2] in ("01", "03"):
        return False  # "Leaders Agreed" is told in the active even in headlines
    words = ex.relation.lower().split()
    if len(words) == 2 and (words[1] in _HEADLINE_PREPS or (result and words[1] == ex.object.prep)):
        words = words[:1]  # "Aid Workers Killed in Attack": the place or cause was promoted
    if len(words) != 1 or any(x.prep == "by" for x in ex.extras):
        return False
    return words[0].endswith("ed") or words[0] in _IRREGULAR_PARTICIPLES or given


#: Readings of a clause (:func:`clause_reading`) that are not coded as events.
NON_EVENT_READINGS = frozenset({"purpose", "unrealized", "relative", "participle", "state", "averted", "charged"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


def headline_misreading(actor, ex: Extraction, doc, known) -> bool:
    """Whether ``actor`` is a name the parser made up in a Title Case sentence: an ad-hoc
    person or organisation (``known(actor.id)`` false) whose name holds a word the article
    writes in lower case elsewhere, or the plain form of one ("Iran Agrees to *Suspend* Enrichment" -- "agreed to
    suspend"; "Chinese President *Meets With Castro*"), or a person of one word the article names
    nowhere else ("*Heavy* Fighting Spreads Across Ruritania").  False without a Doc, for actors the
    gazetteer knows and in sentences not in Title Case."""
    if doc is None or actor is None or not actor.id.startswith(("org:", "person:")) or known(actor.id):
        return False
    from geokg.ingest.actors.doc import title_sentence
    from geokg.ingest.actors.words import NAME_PARTICLES

    sent = doc.char_span(ex.sent_start, ex.sent_end, alignment_mode="expand")
    if sent is None or not title_sentence(sent):
        return False  # not a Title Case sentence (read first: the article's words are read only for one)
    data = getattr(doc, "user_data", None)
    common = data.get(_COMMON) if data is not None else None
    if common is None:
        common = frozenset(w for t in doc if t.is_lower and t.is_alpha for w in (t.text, t.lemma_.lower()))
        if data is not None:
            data[_COMMON] = common
    words = [w.lower() for w in _NAME_WORDS.findall(actor.name)]
    # a word or its plain form ("Vows" -- "vowed", "Saboteurs" -- "saboteurs")
    if any((w in common or singular(w) in common) and w not in NAME_PARTICLES for w in words):
        return True
    # a one-word person the article never names again ("*Heavy* Fighting Spreads": an adjective)
    return (actor.id.startswith("person:") and len(words) == 1
            and not any(t.lower_ == words[0] for t in doc if not sent.start <= t.i < sent.end))


_COMMON = "geokg.lower_case_words"
_NAME_WORDS = re.compile(r"[^\W\d_]+")


def status_complement(lexicon, ex: Extraction) -> bool:
    """Whether ``ex`` is a captor's participle (held, kept, taken) whose object begins with a bare
    singular status noun of ``@HOSTAGES`` or ``@PRISONERS``: "three drivers *held hostage* in X
    arrived", "a pilot *taken prisoner*" -- the captives are the subject and nobody names a captor
    ("rebels held *two drivers hostage*" has the captives in its object; "rebels *take* officers
    hostage" is told in the present).

    Examples
    --------
    >>> from geokg.ingest.coding.lexicon import VerbLexicon
    >>> from geokg.ingest.records import Argument, Extraction
    >>> lex = VerbLexicon.default()
    >>> def ex(obj):
    ...     return Extraction("a", 0, 0, 30, Argument("subject", "Two drivers", 0, 11), "held", "hold", 12, 16,
    ...                       object=Argument("object", obj, 17, 17 + len(obj)))
    >>> status_complement(lex, ex("hostage in Zembla")), status_complement(lex, ex("two drivers hostage"))
    (True, False)
    """
    if ex.kind != "event" or ex.object is None or not ex.object.text.strip():
        return False
    if ex.relation.lower().split()[-1] not in _CAPTOR_PARTICIPLES:
        return False
    word = ex.object.text.split()[0].lower()
    if singular(word) != word:
        return False
    return any(word in lexicon.class_terms(name)[0] for name in ("HOSTAGES", "PRISONERS"))

def clause_marks(data_dir=None) -> dict[str, str]:
    """Subordinator -> reading of its clause (``coding/clause_marks.tsv``)."""
    from geokg.ingest.coding.lexicon import read_rows

    return {word.lower(): reading for _, (word, reading) in read_rows("coding/clause_marks.tsv", data_dir, 2)}


def control_verbs() -> frozenset[str]:
    """Verbs whose *to*-infinitive is their complement, not a purpose ("vowed *to fight*",
    "failed *to stop*", "began *to withdraw*"): the extractor's mode, negator and aspect verbs."""
    from geokg.ingest.extract.config import ExtractorConfig

    lex = ExtractorConfig().lexicon
    return frozenset(lex.mode_verbs) | lex.negators | lex.aspect


def clause_reading(ex: Extraction, doc, marks: dict[str, str], governors=frozenset(),
                   instruments=frozenset()) -> str:
    """Why the clause of ``ex`` reports no event of its own, or "" (also without a Doc).

    * ``purpose``: a *to*-infinitive adverbial ("visited Dakar *to mediate*") of a verb that is
      neither a control verb (``governors``: "vowed *to fight*") nor a verb of coming together
      (``marks`` reading ``gathering``: "rallied *to protest*"), or the infinitive of a noun
      ("an agreement *to increase* trade");
    * ``unrealized``: an adverbial clause whose subordinator has that reading in ``marks``
      (:func:`clause_marks`), not told in the past ("*before* they demobilize"); an indirect
      question about an act still to come ("asked *when* the talks *would resume*");
    * ``participle``: a past participle describing a noun ("property *seized* in the 1970s"),
      except a headline's ("Three People *Killed* at Checkpoint": no verb governs it) and a
      progressive ("an analyst *being investigated*");
    * ``charged``: a relative clause on what a charge or a claim is about ("suspects in the bombing
      *that killed* 85", "claimed responsibility for the siege, *during which* 320 were killed"):
      the charge or the claim is the news, the deed its background (:func:`_charged`);
    * ``relative``: a relative clause ("a helicopter *that was captured*"), except one that tells
      what an attack or a bomb (``instruments``) did ("fighting *that killed* 36") and one that
      adds news about a named actor (:func:`_appositive`);
    * for a nominal event, ``state`` or ``averted`` (:func:`_nominal_reading`).
    """
    top = _clause_top(ex, doc)
    if top is None:
        return ""
    if ex.kind == "nominal":
        return _nominal_reading(top, marks)
    dep = top.dep_
    if dep in ("ccomp", "pcomp", "advcl") and _open_question(top):
        return "unrealized"  # "did not say when he *would appear*", "over who *will succeed* him"
    if dep not in ("advcl", "acl", "relcl"):
        return ""  # a main or complement clause (the readings below are of these three)
    kids = list(top.children)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
    if dep == "advcl":
        mark = next((c.lower_ for c in kids if c.dep_ == "mark"), "")
        if not mark and infinitive:
            head, lemma = top.head.lemma_.lower(), top.lemma_.lower()
            realized = head in governors or "gathering" in (marks.get(head), marks.get(lemma))
            return "" if realized else "purpose"
        if marks.get(mark) == "unrealized" and not _past(top) and ex.mode != "demanded":
            return "unrealized"  # ... but "called *for* Israel to withdraw" is a demand (coded from its governor)
        return ""
    if dep == "acl" and infinitive and top.head.pos_ in ("NOUN", "PROPN"):
        return "purpose"
    if dep == "acl" and top.tag_ == "VBN" and _in_clause(top):
        return "" if any(c.lower_ == "being" for c in kids) else "participle"
    if dep == "relcl" and _charged(top.head, marks):
        return "charged"
    if dep == "relcl":
        return "" if _antecedent_is(top, instruments) or _appositive(top) else "relative"
    return ""


def _charged(noun, marks: dict[str, str]) -> bool:
    """Whether ``noun`` is what a charge or a claim of responsibility is about: the object of a
    preposition after a word that reads ``charged`` in ``marks`` ("suspects *in* the bombing",
    "held responsible *for* a bombing", "claimed responsibility *for* the siege"), also through
    an "of" ("suspects in the bombing *of* a centre that killed 85") or a verb's object ("accused
    *of plotting* the bombings that killed 34")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head is not noun.head:
        noun = noun.head.head
    if noun.dep_ == "dobj" and noun.head.dep_ == "pcomp":
        noun = noun.head  # the verb of the charge's preposition: "accused of *plotting* ..."
    elif noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.dep_ == "prep" and prep.head is not prep and marks.get(prep.head.lemma_.lower()) == "charged"


def conditional_threat(ex: Extraction, doc, marks: dict[str, str]) -> bool:
    """Whether the verb of ``ex``, told as still to come, is held over another side by an
    adverbial clause whose subordinator reads ``threat`` in ``marks`` ("will withdraw its
    force *unless* the president holds elections"): a threat (CAMEO 13), not a promise.
    False without a Doc."""
    if doc is None or ex.kind != "event":
        return False
    tok = relation_root(ex, doc)
    if tok is None:
        return False
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and marks.get(m.lower_) == "threat" for m in c.children)
               for c in tok.children)


_QUESTION_WORDS = frozenset({"who", "whom", "when", "whether", "if", "how", "what", "which", "where"})
_FUTURE_MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "'ll"})


def _open_question(verb) -> bool:
    """Whether ``verb`` heads an indirect question about a still open act: a *wh*-word or
    *whether* opens its clause and a modal tells it as to come ("when he *would* appear")."""
    kids = list(verb.children)
    asked = any(c.lower_ in _QUESTION_WORDS and c.dep_ in ("nsubj", "nsubjpass", "advmod", "mark", "dobj")
                for c in kids)
    return asked and any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in kids)


def _appositive(relcl) -> bool:
    """Whether a relative clause adds news about a named actor ("Pope John Paul II*, who urged*
    him to ...", "Kaplan*, who was deported* on Tuesday"): set off by a comma after a proper name,
    opened by *who*/*which* (a *where*/*when* clause sets a scene)."""
    noun = relcl.head
    if noun.pos_ != "PROPN" or noun.i + 1 >= len(noun.doc):
        return False
    start = relcl.left_edge.i
    return start > 0 and noun.doc[start - 1].text == "," and noun.doc[start].lower_ in ("who", "whom", "which", "whose")


def _in_clause(tok) -> bool:
    """Whether a verb governs ``tok``: not a headline's participle ("Briton, two Americans
    *kidnapped* in Baghdad", a sentence without a verb of its own)."""
    return any(a.pos_ in ("VERB", "AUX") for a in tok.ancestors)


def _antecedent_is(relcl, words: frozenset[str]) -> bool:
    """Whether the noun a relative clause describes, or the noun it is *of*, is one of ``words``
    ("fighting *that killed* 36", "the bombing of an office *that injured* six")."""
    noun = relcl.head
    if singular(noun.lemma_.lower()) in words:
        return True
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "of" and singular(prep.head.lemma_.lower()) in words


def _nominal_reading(noun, marks: dict[str, str]) -> str:
    """``state``: a noun of a lasting state ("the war in Iraq", "UN sanctions", "its ban on
    headscarves"), news only through a verb ("declared war", "imposed sanctions"); ``averted``:
    the object of a verb that keeps it from happening ("talks to *avert* an assault", "*thwarted*
    attacks", "*cancelled* the visit"), which tells of that verb's act, not of the noun's."""
    if marks.get(singular(noun.lemma_.lower())) == "state":
        return "state"
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and marks.get(head.lemma_.lower()) == "averted":
        return "averted"
    return ""


def _clause_top(ex: Extraction, doc):
    """The verb heading the clause of an event extraction (over *to*-complements), or its noun
    for a nominal event; None without a Doc."""
    if doc is None or ex.kind not in ("event", "nominal"):
        return None
    top = relation_root(ex, doc)
    if top is None:
        return None
    while ex.kind == "event" and top.dep_ == "xcomp" and top.head is not top and top.head.pos_ in ("VERB", "AUX"):
        top = top.head  # "is trying to mediate": the clause of "trying"
    return top


def _past(verb) -> bool:
    """Whether ``verb`` is told in the past (its own tag or an auxiliary's)."""
    return verb.tag_ in _PAST_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PAST_TAGS
                                          for c in verb.children)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_AGES_AGO = re.compile(r"\b(?:years|decades|centuries)\s+(?:ago|earlier|before|after)\b", re.IGNORECASE)


def historical(ex: Extraction, published, doc=None) -> bool:
    """Whether ``ex`` is dated by its own time phrase to two or more years before ``published``
    (a date, or None): "*in 1994*", "*in the 1970s*", "*40 years ago*", "*40 years after* he
    defected", "the *1994* bombing" (years only with a publication date) --
    history told as background, not news.  Only the extraction's time arguments and, with a Doc,
    the dates of its own words (:func:`_date_words`) count, not any year in the sentence.
    """
    phrases = [x.text for x in ex.extras if x.role == "time"] + _date_words(ex, doc)
    for text in phrases:
        if _AGES_AGO.search(text):
            return True
        if published is not None and any(int(y) <= published.year - 2 for y in _YEAR.findall(text)):
            return True
    return False


def _date_words(ex: Extraction, doc) -> list[str]:
    """Date words of the event itself: its own date modifiers ("the *1994* bombing", "*40 years*
    after he defected", told with the subordinator), the date of the noun a relative clause
    describes ("the *1994* bombing of a centre that killed 85")."""
    if doc is None:
        return []
    root = relation_root(ex, doc)
    if root is None:
        return []
    holders = [root]
    if ex.kind == "event" and root.dep_ == "relcl":
        noun = root.head
        holders.append(noun)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":
            holders.append(noun.head.head)
    kids = _date_children(root.doc)
    dated = [(h, root.doc[k]) for h in holders for k in kids.get(h.i, ())]
    if not dated:
        return []
    mark = next((c.lower_ for c in root.children if c.dep_ == "mark"), "")
    return [" ".join(t.text for t in c.subtree) + (" " + mark if h is root else "") for h, c in dated]


def _date_children(doc) -> dict[int, tuple[int, ...]]:
    """Token index -> the indices of its children that are dates (a DATE entity's tokens or an
    ``npadvmod``), in order: read from the Doc's arrays once and kept in ``doc.user_data``."""
    data = getattr(doc, "user_data", None)
    found = data.get(_DATE_KIDS) if data is not None else None
    if found is None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD
        from spacy.symbols import DATE, npadvmod  # the ids of the label and the relation

        kids: dict[int, list[int]] = {}
        if len(doc):
            table = doc.to_array([HEAD, ENT_TYPE, DEP]).astype("int64")  # HEAD: the offset to the head
            offsets = table[:, 0]
            picked = (offsets != 0) & ((table[:, 1] == DATE) | (table[:, 2] == npadvmod))
            for k, offset in zip(picked.nonzero()[0].tolist(), offsets[picked].tolist()):
                kids.setdefault(k + offset, []).append(k)
        found = {h: tuple(ks) for h, ks in kids.items()}
        if data is not None:
            data[_DATE_KIDS] = found
    return found


_DATE_KIDS = "geokg.date_children"
_NOT = re.compile(r"(?:\bnot\b|n't\b|\bnever\b|\bno longer\b)", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|could|might|may|will|shall|can|should|must|'ll|wo|ca)\b", re.IGNORECASE)


def plain_negation(relation: str, mode: str) -> bool:
    """Whether a negative relation only says that something was not done ("have *not* met
    since 1949", "are*n't* talking about it"): a *not* in a told (asserted or reported) clause
    without a modal.  "will not meet", "would never accept" refuse; so do negative verbs
    ("refused to", "is unwilling to"), which carry no *not* and are not read here.

    >>> plain_negation("have n't met", "asserted"), plain_negation("will not meet", "future")
    (True, False)
    >>> plain_negation("is unwilling to sign", "asserted")
    False
    """
    return mode in ("asserted", "reported") and bool(_NOT.search(relation)) and not _MODAL.search(relation)
