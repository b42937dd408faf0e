"""Text clean-up shared by every reader: clean_text, front matter and dates.

Readers turn bytes into ``str``; this module turns that ``str`` into the
clean text geokg parses.  Nothing here does I/O and nothing heavy is imported
at import time (``dateparser`` is an optional, lazily imported last resort of
:func:`parse_date`).

Examples
--------
>>> clean_text("Mexico\\u00a0City  said\\t\\tno.\\r\\n\\r\\n\\r\\n\\r\\nThen  it left.")
'Mexico City said no.\\n\\nThen it left.'
>>> split_front_matter("---\\ntitle: Talks\\n---\\nBody.")
({'title': 'Talks'}, 'Body.')
>>> parse_date("Tue, 04 Mar 2025 10:00:00 GMT")
datetime.date(2025, 3, 4)
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["clean_text", "split_front_matter", "parse_date", "strip_wire_markers", "DATEPARSER_LANGUAGES"]

# Characters that render as nothing and only get in the way of parsing:
# soft hyphen, zero-width space, word joiner, BOM / zero-width no-break space,
# Mongolian vowel separator, and bidirectional marks / embeddings / isolates.
# ZWJ and ZWNJ (U+200C, U+200D) are kept: they carry meaning in Persian,
# Indic scripts and emoji sequences.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x200E, 0x200F, 0x061C,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
    None,
)
# Typographic look-alikes mapped to their plain form.
_TYPOGRAPHIC = {
    0x2011: "-",        # non-breaking hyphen
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
    0x2028: "\n",       # line separator
    0x2029: "\n\n",     # paragraph separator
    0x0085: "\n",       # next line (C1 control)
    0x000B: "\n",       # vertical tab
    0x000C: "\n",       # form feed
}
_TRANSLATE = {**_INVISIBLE, **_TYPOGRAPHIC}
_HSPACE = re.compile(r"[^\S\n]+")           # any whitespace except newline
_BLANKS = re.compile(r"\n{2,}")             # two or more newlines


# The control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F) but newline.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# ... dropped, but a tab, which becomes a space.
_CONTROLS_OUT = {**dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)]), 0x09: " ", 0x0A: "\n"}


def _strip_controls(s: str) -> str:
    """Drop C0/C1 control characters except newline (tabs become spaces).

    >>> _strip_controls("a\\tb\\x07c\\x85d\\ne"), _strip_controls("plain")
    ('a bcd\\ne', 'plain')
    """
    return s.translate(_CONTROLS_OUT) if _CONTROL.search(s) else s


def clean_text(s: str) -> str:
    """Return ``s`` cleaned for parsing.

    Applies Unicode NFC; turns ``\\r\\n``/``\\r`` and the Unicode line and
    paragraph separators into newlines; removes control characters (newline
    kept, tab -> space) and invisible junk (soft hyphen, zero-width space,
    word joiner, BOM, bidi marks); maps no-break and other exotic spaces to a
    plain space and ligatures (``ﬁ``) to letters; collapses runs of spaces
    within a line and strips each line; separates paragraphs by exactly one
    blank line (single newlines inside a paragraph are kept); strips the
    result.

    Parameters
    ----------
    s
        Any text.

    Returns
    -------
    str
        The clean text ("" when nothing printable is left).

    Examples
    --------
    >>> clean_text("  Peace\\u00adtalks   resumed\\u200b. ")
    'Peacetalks resumed.'
    >>> clean_text("One.\\n\\n\\n\\nTwo.\\nStill two.")
    'One.\\n\\nTwo.\\nStill two.'
    >>> clean_text("Cafe\\u0301 \\ufb01ne\\x07")
    'Café fine'
    >>> clean_text("\\n \\t \\n")
    ''
    """
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = unicodedata.normalize("NFC", s).translate(_TRANSLATE)
    s = _strip_controls(s)
    # Every remaining whitespace run inside a line (NBSP, thin space, ideographic
    # space, tabs...) becomes one plain space; lines are stripped.
    lines = [_HSPACE.sub(" ", line).strip() for line in s.split("\n")]
    s = "\n".join(lines)
    return _BLANKS.sub("\n\n", s).strip()


# Wire-service markers: a byline ("AP - "), a dateline ("BAGHDAD, Iraq (Reuters) -- ") at the
# start of a text, an agency tag closing a headline ("... (AFP)"), and HTML entities that lost
# their "&" ("#39;", "quot;") in feeds that were stripped of markup.
_AGENCIES = (r"(?:AP|AFP|Reuters|Canadian Press|CP|UPI|DPA|Xinhua|ANSA|Kyodo|Itar-Tass|Interfax|PA|IANS|Bloomberg"
             # newspapers that sign syndicated items the same way ("Los Angeles Times - BAGHDAD - ...")
             r"|(?:Los Angeles|New York|Financial) Times|Washington Post|USATODAY\.com|USA Today"
             r"|U\.S\. News\s+(?:&\s+)?World Report|Christian Science Monitor|(?:The )?Globe and Mail)")
_BYLINE = re.compile(rf"^\s*{_AGENCIES}\s+-{{1,2}}\s+")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\-]{3,}|[A-Z]{2,3}(?=[ /][A-Z]{2}))(?:[ /][A-Z][A-Z.'\-]+){0,3}"  # BAGHDAD, NEW YORK
    r"(?:[.,]\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?(?:\s\d{1,2})?)?"  # , Iraq  / , Dec 8  / . Oct 5
    r"\s*(?:\([A-Za-z .-]{1,30}\))?(?:\s+-{1,2}|\s*:)\s+")            # (Reuters) -   / :
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A dateline with its date, the place in any case: "Lima, Sept. 8 (Agency):", "LIMA, 29 October (X) -",
#: "Lima, Sep 27 (X) Officials ..." (the date makes it one: no dash is needed after it).
_DATED_LINE = re.compile(
    rf"^\s*[A-Z][A-Za-z.'\-]+(?:[ /][A-Z][A-Za-z.'\-]+){{0,3}}\s*,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"(?:,?\s+\d{4})?\s*(?:\([^()]{1,40}\))?\s*(?:-{1,2}|:)?\s+(?=[A-Z\"'])")
#: A dateline of a place in capitals and its country or state: "KABUL, Afghanistan Aug. 23, 2004 - ",
#: "KIRKUK, Iraq, Nov 2 (AFP) - ", "BAGHDAD, Iraq An advance party ...", "TBILISI, Georgia  Georgian ..."
#: -- with a date, or a dash or colon, or a wide gap, or a word that opens sentences after it.
_COUNTRY_LINE = re.compile(
    r"^\s*[A-Z][A-Z.'\-]{3,}(?:[ /][A-Z][A-Z.'\-]+){0,3},[ ]?[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}"
    rf"(?:(?:,?\s*(?:{_MONTH}\s*\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?\s*(?:\([^()]{{1,40}}\))?\s*(?:-{{1,2}}|:)?)"
    r"|\s*(?:\([^()]{1,40}\))?\s*(?:-{1,2}|:)|(?=\s{2})"
    r"|(?=\s(?:The|A|An|At|As|In|On|There|Are|Is|Eight|Two|Three|Four|Five|Six|Seven|Nine|Ten)\s))\s+(?=[A-Z\"'])")
_TITLE_TAG = re.compile(rf"\s*\({_AGENCIES}\)\s*$")
_BARE_ENTITY = re.compile(r"(\s?)(?<![&\w])(#\d{1,5};|(?:quot|amp|lt|gt|apos|nbsp);)(\w?)")
_TAG = re.compile(r"<[^<>]{0,200}>")
_BACKSLASH = re.compile(r"(?<=[\w,.;:])\\(?=\w)")


def _entity(m: re.Match) -> str:
    """A bare entity restored; an apostrophe or a closing quote drops the space before it."""
    import html

    space, entity, after = m.groups()
    char = html.unescape("&" + entity).replace("\u2014", " - ")
    if char == "'" or (char == '"' and not after):  # "party #39;s", "said quot;no quot;"
        return f"{char}{after}"
    return f"{space}{char}{after}"


def strip_wire_markers(s: str, *, title: bool = False) -> str:
    """Remove wire-service bylines, datelines and agency tags, and repair bare entities.

    A byline or dateline is only removed at the start of the text (a dateline needs its
    place in capitals and a dash or colon after it, or a date after its place: "Lima, Sept. 8
    (Agency)"), an agency tag only at the end of a title.

    Examples
    --------
    >>> strip_wire_markers("AP - Officials met on Monday.")
    'Officials met on Monday.'
    >>> strip_wire_markers("Canadian Press - OTTAWA (CP) - The minister resigned.")
    'The minister resigned.'
    >>> strip_wire_markers("Los Angeles Times - LIMA - Talks failed."), strip_wire_markers("Talks (USATODAY.com)", title=True)
    ('Talks failed.', 'Talks')
    >>> strip_wire_markers("BAGHDAD, Iraq - Talks failed."), strip_wire_markers("OSLO. Oct 5 (NTB) - Talks failed.")
    ('Talks failed.', 'Talks failed.')
    >>> strip_wire_markers("Lima, Sep 27 (NNN) Talks failed."), strip_wire_markers("LIMA, 29 October (X) - Talks failed.")
    ('Talks failed.', 'Talks failed.')
    >>> strip_wire_markers("LIMA, Peru Aug. 23, 2004 - Talks failed."), strip_wire_markers("LIMA, Peru, Nov 2 (X) - Talks failed.")
    ('Talks failed.', 'Talks failed.')
    >>> strip_wire_markers("LIMA, Peru An envoy left."), strip_wire_markers("LIMA, Peru  Peruvian envoys left.")
    ('An envoy left.', 'Peruvian envoys left.')
    >>> strip_wire_markers("LIMA, Peru Envoys left."), strip_wire_markers("ALAN GARCIA, the president, left.")
    ('LIMA, Peru Envoys left.', 'ALAN GARCIA, the president, left.')
    >>> strip_wire_markers("Peru, Chile and Bolivia met.")
    'Peru, Chile and Bolivia met.'
    >>> strip_wire_markers("GENEVA: Talks failed."), strip_wire_markers("Talks: failed.")
    ('Talks failed.', 'Talks: failed.')
    >>> print(strip_wire_markers("The party #39;s leader said quot;no quot;."))
    The party's leader said "no".
    >>> strip_wire_markers("They asked NATO\\\\to act.")
    'They asked NATO to act.'
    >>> strip_wire_markers("Leaders meet in Rome (AFP)", title=True)
    'Leaders meet in Rome'
    >>> strip_wire_markers("NATO troops arrived - late."), strip_wire_markers("US - Iran talks resumed.")
    ('NATO troops arrived - late.', 'US - Iran talks resumed.')
    """
    import html

    if "#" in s or ";" in s:
        s = _BARE_ENTITY.sub(_entity, s)
        s = html.unescape(s) if "&" in s else s
        s = _TAG.sub("", s) if "<" in s else s
    if "\\" in s:  # a line break flattened to a backslash ("NATO\\to devise")
        s = _BACKSLASH.sub(" ", s)
    if title:
        return _TITLE_TAG.sub("", s).strip()
    s = _BYLINE.sub("", s, count=1)
    m = _DATELINE.match(s) or _DATED_LINE.match(s) or _COUNTRY_LINE.match(s)
    if m and m.end() < len(s):
        s = s[m.end():]
    return s.strip()


_FM_KEY = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*)$")
_FM_FENCE = re.compile(r"^---[ \t]*$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(s: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` front-matter block from ``s``.

    The block must start on the first line (a BOM and leading blank lines are
    tolerated) with ``---`` and end with a line ``---``; inside it, each line is
    ``key: value`` (keys are lower-cased, matching single or double quotes
    around a value are removed, ``#`` comment lines and indented or ``- ``
    continuation lines are ignored).  Anything else means there is no front
    matter and ``s`` comes back unchanged.  No YAML library is involved:
    values are plain strings.

    Parameters
    ----------
    s
        The document text.

    Returns
    -------
    tuple[dict[str, str], str]
        The fields and the rest of the document.

    Examples
    --------
    >>> meta, body = split_front_matter('---\\nTitle: "Border talks"\\ndate: 2025-03-04\\n---\\n\\nText.')
    >>> meta
    {'title': 'Border talks', 'date': '2025-03-04'}
    >>> body
    '\\nText.'
    >>> split_front_matter("---\\nnot front matter\\n---\\nText.")[0]
    {}
    >>> split_front_matter("No block here.")
    ({}, 'No block here.')
    """
    text = s.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    stripped = text.lstrip("\n")
    lines = stripped.split("\n")
    if not lines or not _FM_FENCE.match(lines[0]):
        return {}, s
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if _FM_FENCE.match(line):
            return meta, "\n".join(lines[i + 1:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1] in (" ", "\t") or line.startswith("- "):
            continue  # continuation of a YAML list or folded value: ignored
        m = _FM_KEY.match(line)
        if not m:
            return {}, s
        meta[m.group(1).lower()] = _unquote(m.group(2))
    return {}, s  # no closing fence


_MONTHS = {
    name: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"),
         ("apr", "april"), ("may",), ("jun", "june"), ("jul", "july"),
         ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
# "March 4, 2025", "Mar. 4 2025", "Tuesday, March 4th, 2025"
_MDY = re.compile(
    rf"^{_WEEKDAY}({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
# "4 March 2025", "4th Mar 2025", "Tue 4 March, 2025"
_DMY = re.compile(
    rf"^{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I
)
# "2025-03-04", "2025/03/04", "2025.03.04" (+ anything after, e.g. a time)
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s_])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _mkdate(y: int | str, m: int | str, d: int | str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


#: Languages tried by the ``dateparser`` fallback (all of them would cost ~2 s
#: of start-up; these cover most international news).
DATEPARSER_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru", "uk", "ar", "tr")


def _dateparser_date(s: str) -> date | None:
    """Last resort: ``dateparser`` with absolute dates only (no 'yesterday')."""
    if len(s) > 64 or not re.search(r"\d", s):
        return None
    try:
        import dateparser  # optional; imported only when the stdlib fails
    except ImportError:  # pragma: no cover - dateparser is installed in CI
        return None
    try:
        dt = dateparser.parse(
            s,
            languages=list(DATEPARSER_LANGUAGES),
            settings={
                "PARSERS": ["custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["day", "month", "year"],
                "STRICT_PARSING": True,
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return dt.date() if dt is not None else None


def parse_date(s: str | None) -> date | None:
    """Parse a publication date; ``None`` when ``s`` is not a recognisable date.

    Accepts ISO 8601 dates and date-times (``2025-03-04``,
    ``2025-03-04T10:00:00Z``, ``2025/03/04``, ``20250304``), RFC 822 / RFC 2822
    dates as found in feeds and HTTP headers (``Tue, 04 Mar 2025 10:00:00
    GMT``), and written forms such as ``March 4, 2025`` or ``4 March 2025``.
    Other absolute dates go to ``dateparser`` when it is installed (imported
    lazily, limited to :data:`DATEPARSER_LANGUAGES`; relative expressions
    such as "yesterday" are refused so results do not depend on today's
    date).  A date-time gives the date as written (its
    own time zone, no conversion).

    Parameters
    ----------
    s
        The date text, or ``None``.

    Returns
    -------
    datetime.date or None

    Examples
    --------
    >>> parse_date("2025-03-04T23:30:00+02:00")
    datetime.date(2025, 3, 4)
    >>> parse_date("March 4, 2025"), parse_date("4 March 2025")
    (datetime.date(2025, 3, 4), datetime.date(2025, 3, 4))
    >>> parse_date("2025-02-30") is None, parse_date("soon") is None, parse_date(None) is None
    (True, True, True)
    """
    if s is None:
        return None
    s = clean_text(str(s)).strip()
    if not s or len(s) > 200:
        return None
    m = _YMD.match(s)
    if m:
        return _mkdate(*m.groups())
    m = _COMPACT.match(s)
    if m:
        return _mkdate(*m.groups())
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    m = _MDY.match(s)
    if m:
        return _mkdate(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))
    m = _DMY.match(s)
    if m:
        return _mkdate(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    if dt is not None:
        return dt.date()
    return _dateparser_date(s)
