"""Words for actor coding: the tokenizer, slugs, singulars and closed-class word sets.

The phrase rules of :mod:`geokg.ingest.actors.phrase` work on the tokens of
:func:`tokenize` (possessive 's and "-led" style suffixes are tokens of their own)
and compare heads in the singular (:func:`singular`).

Examples
--------
>>> [t for t, _, _ in tokenize("Mexico's U.S.-backed al-Qaeda and Vietnamese-led forces")]
['Mexico', "'s", 'U.S.', '-', 'backed', 'al-Qaeda', 'and', 'Vietnamese', '-led', 'forces']
>>> slug("Recep Tayyip Erdoğan"), singular("policemen"), singular("authorities")
('recep-tayyip-erdogan', 'policeman', 'authority')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CLAUSE_WORDS",
    "COLLECTIVE_SECTORS",
    "DETERMINERS",
    "NAME_PARTICLES",
    "NO_DEFAULT_SECTORS",
    "PREPOSITIONS",
    "PRONOUNS",
    "WORD_RE",
    "demonym_plurals",
    "foldable",
    "is_pronoun",
    "previous_word",
    "singular",
    "slug",
    "tokenize",
    "words_of",
]

_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"                     # U.S. U.N.
    r"|['’]s\b"                             # possessive 's
    r"|\w+(?:[-.]\w+|['’](?!s\b)\w+)*"      # words: al-Qaeda, N'Djamena, MS-13
    r"|[^\w\s]",
)
_LED_RE = re.compile(r"^([A-Z][\w.]*)(?=-(?i:led|backed|based|owned|run|allied|aligned|sponsored|supported|"
                     r"dominated|controlled|held|funded|friendly)$)")  # "US-Led" in a Title Case headline too
#: What every text with a "-led" style compound contains (a fast test before reading its words).
_LED_SUFFIX = re.compile(r"-(?i:led|backed|based|owned|run|allied|aligned|sponsored|supported|dominated|controlled|"
                         r"held|funded|friendly)")
#: A token that is a word (not punctuation) matches this.
WORD_RE = re.compile(r"\w")
_APOSTROPHES = re.compile(r"['’]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: Closed-class words the phrase rules rely on.
PREPOSITIONS = frozenset([
    "of", "in", "at", "from", "for", "with", "by", "on", "to", "against", "over", "near", "into",
    "inside", "under", "about", "after", "before", "during", "since", "between", "among", "across",
    "toward", "towards", "through", "within", "without", "amid", "along", "around", "outside",
])
CLAUSE_WORDS = frozenset([
    "who", "which", "that", "whose", "whom", "where", "when", "said", "says", "saying",
    "suggesting", ",", ";", ":", "(", ")",
])
DETERMINERS = frozenset([
    "the", "a", "an", "this", "that", "these", "those", "some", "any", "its", "their", "his",
    "her", "our",
])
PRONOUNS = frozenset([
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it",
    "its", "they", "them", "their", "this", "that", "these", "those", "who", "which", "what",
    "itself", "themselves", "himself", "herself", "one",
])
#: Lower-case words inside personal names ("Theo van Gogh", "Osama bin Laden").
NAME_PARTICLES = frozenset([
    "van", "von", "der", "den", "de", "da", "das", "dos", "del", "della", "di", "du", "la", "le", "al", "el",
    "bin", "ibn", "abu", "ben", "y", "ter", "ul",
])
_NO_SINGULAR = frozenset([
    "news", "series", "species", "status", "press", "bus", "gas", "analysis", "crisis", "arms",
    "us",
])
#: Irregular plurals of role words ("men" is too short for the "-men" rule).
_IRREGULAR = {"men": "man", "children": "child"}
#: Sectors whose actors do not take the article's main country when none is named:
#: armed groups are often foreign or transnational ("the militant group").
NO_DEFAULT_SECTORS = frozenset({"REB", "UAF", "SEP", "REF", "IGO", "NGO"})
COLLECTIVE_SECTORS = frozenset({"CVL", "REB", "CRM", "REF", "OPP", "LAB", "UAF", "AGR", "REL", "SEP", "ELI"})


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into (token, start, end) triples; possessive 's is its own token,
    and so is the suffix of "Vietnamese-led", "U.S.-backed" style compounds.

    Examples
    --------
    >>> [t for t, _, _ in tokenize("Mexico's U.S.-backed al-Qaeda and Vietnamese-led forces")]
    ['Mexico', "'s", 'U.S.', '-', 'backed', 'al-Qaeda', 'and', 'Vietnamese', '-led', 'forces']
    """
    out = []
    append, find = out.append, text.find
    end = 0
    # the tokens tile the text's non-space characters in order: each starts at the first
    # place it occurs after the one before (faster than reading the matches' spans)
    for word in words_of(text):
        start = find(word, end)
        end = start + len(word)
        append((word, start, end))
    return out


def words_of(text: str) -> list[str]:
    """The token texts of :func:`tokenize` without their offsets (faster).

    Examples
    --------
    >>> words_of("Vietnamese-led forces entered the U.S.-backed zone")
    ['Vietnamese', '-led', 'forces', 'entered', 'the', 'U.S.', '-', 'backed', 'zone']
    >>> words_of("Chile Blames Peru-Led Forces")  # a Title Case headline
    ['Chile', 'Blames', 'Peru', '-Led', 'Forces']
    """
    words = _TOKEN_RE.findall(text)
    if "-" not in text or not _LED_SUFFIX.search(text):
        return words
    out: list[str] = []
    for word in words:
        cut = _LED_RE.match(word) if "-" in word else None
        if cut:
            out.append(cut.group(1))
            out.append(word[len(cut.group(1)):])
        else:
            out.append(word)
    return out


def slug(text: str) -> str:
    """A lower-case ASCII slug for ids ("Claudia Sheinbaum" -> "claudia-sheinbaum").

    Examples
    --------
    >>> slug("Recep Tayyip Erdoğan"), slug("Kurdistan Workers' Party")
    ('recep-tayyip-erdogan', 'kurdistan-workers-party')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = _APOSTROPHES.sub("", ascii_.lower())
    return _NON_ALNUM.sub("-", ascii_).strip("-")


@lru_cache(maxsize=1 << 16)  # pure, and called for every token the coders read
def singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _NO_SINGULAR or len(w) <= 3:
        return w
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies"):
        return w[:-1] if len(w) <= 4 else w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "gases")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


_WORD_MARKS = "_.'’-"  # the characters besides letters and digits of a word before an offset


def previous_word(text: str, start: int, window: int = 40) -> tuple[int, int] | None:
    """The offsets of the word just before ``start``, followed by one space or tab, within the
    ``window`` characters before it (a word of letters, digits and ``_.'’-``), else None.

    The same as ``re.compile(r"(?<![\\w.'’-])([\\w.'’-]+)[ \\t]$").search(text, max(0, start - window),
    start)``'s group 1, read backwards from ``start`` instead of tried at every offset of the window.

    Examples
    --------
    >>> text = "North Korean and U.S. officials"
    >>> previous_word(text, 6), previous_word(text, 0), previous_word(text, 5)
    ((0, 5), None, None)
    """
    end = min(start, len(text))
    low = max(0, start - window)
    k = end - 1
    if k > low and text[k] == "\n":  # "$" matches before a newline that ends the searched text
        k -= 1
    if k <= low or text[k] not in " \t":
        return None
    j = k
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in _WORD_MARKS):
        j -= 1
    return (j, k) if low <= j < k else None


def is_pronoun(word: str) -> bool:
    """Whether ``word`` is a pronoun: a :data:`PRONOUNS` word not written in capitals
    ("us", "Us"; but "US Warns Iran" names the United States, "IT" no pronoun).

    Examples
    --------
    >>> is_pronoun("us"), is_pronoun("Us"), is_pronoun("US"), is_pronoun("They")
    (True, True, False, True)
    """
    return word.lower() in PRONOUNS and not (len(word) > 1 and word.isupper())


def foldable(word: str, homographs: frozenset[str]) -> bool:
    """Whether a nationality word may match in lower case ("tunisian rioters"): not short
    words or English words ("us", "polish", "swiss" ...)."""
    return len(word) >= 5 and word.lower() not in homographs and word.replace(" ", "").isalpha()


def demonym_plurals(word: str) -> list[str]:
    if word.endswith(("ese", "sh", "ch", "ss", "s")) or " " in word and word.split()[-1].endswith("ese"):
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]

