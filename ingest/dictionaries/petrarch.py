r"""Readers of PETRARCH-format dictionaries (verbs, agents, actors, discards).

The formats are PETRARCH-2's (``docs/source/dictionaries.rst`` of openeventdata/petrarch2):

* verbs: ``&NAME`` synonym sets of ``+WORD`` lines; ``--- NAME [code] ---`` blocks of
  verbs (``VERB {IRREGULAR FORMS} [code]``, ``+`` marks the verb of a multi-word verb)
  and patterns ``- subject * object (PREP noun) [code] # VERB``;
* agents: ``NOUN {PLURALS} [~SEC]`` (or ``[SEC~]``), with ``!SUBST! = A, B`` sets;
* actors: ``NAME [CODE]`` with ``+SYNONYM`` lines and tab-indented ``[CODE dates]``
  restrictions (``>date``, ``<date``, ``date-date``; YYMMDD or YYYYMMDD);
* discards: one phrase per line, ``+`` for a whole-story discard, a final ``_`` for a
  whole word.

Every reader is a pure function of the text; a line it cannot read raises
:class:`DictionaryError` naming the origin and line.

Examples
--------
>>> verbs = read_verbs("&ARMS\n+GUN\n+RIFLE\n--- SEIZE [170] ---\nSEIZE\n- * &ARMS [1711] # SEIZE\n")
>>> verbs.synsets["ARMS"], verbs.verbs[0].lemma, verbs.patterns[0].object, verbs.patterns[0].code
(('gun', 'rifle'), 'seize', ('&ARMS',), '1711')
>>> read_discards("+WORLD CUP\nTENNIS_\n")[0]
Discard(phrase='world cup', story=True, whole_word=False, line=1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "Agent",
    "DatedActor",
    "DatedCode",
    "DictionaryError",
    "Discard",
    "VerbDictionary",
    "VerbEntry",
    "VerbPattern",
    "parse_date",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
]

_COMMENT_BLOCK = re.compile(r"<!\s*--.*?-->", re.DOTALL)
_BLOCK = re.compile(r"^---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*(?:---)?\s*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"[(){}*]|[^\s(){}*]+")


class DictionaryError(ValueError):
    """A dictionary file is malformed (the message names the file and line)."""


def _strip_comment(line: str) -> tuple[str, str]:
    """(text, comment) of a line: ``#`` starts a comment outside ``[...]`` ("[###]" is a code)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def _phrase(text: str) -> str:
    """``WIRE_+TAP`` -> ``wire tap``: lower case, ``_`` and blanks as one space, markers dropped."""
    return " ".join(text.replace("_", " ").replace("+", " ").lower().split())


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb of a block: its lemma, own code ("" = the block's), irregular forms."""

    lemma: str
    block: str
    code: str
    forms: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One pattern of a verb block.

    ``subject`` / ``object`` are the words before / after the verb outside
    parentheses (``&NAME`` for a synonym set, phrases as words, the head last);
    ``preps`` the prepositional phrases as (preposition, words); ``source`` /
    ``target`` say where ``$`` / ``+`` stand (``subject``, ``object``, ``prep:P``
    or ""); ``code`` is the code of the event from source to target and
    ``reverse`` the code after a colon (``[032:033]``: the target's event back);
    ``verb`` is the verb the pattern's comment names, when it is one of the block's (a comment
    naming two, "# GIVE , PROVIDE", gives one pattern for each);
    ``compound`` where ``%`` (a compound actor: "% * [030:030]") stands, like ``source``.
    """

    block: str
    verb: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    preps: tuple[tuple[str, tuple[str, ...]], ...]
    source: str
    target: str
    code: str
    reverse: str
    line: int = 0
    compound: str = ""


@dataclass
class VerbDictionary:
    """The contents of a verb dictionary."""

    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)  # block name -> default code ("" = none)
    reverse: dict[str, str] = field(default_factory=dict)  # block name -> its reverse code ("[032:033]")
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lines skipped, each naming origin and line


def _split_code(raw: str) -> tuple[str, str]:
    """``"032:033"`` -> ("032", "033"); ``"---"`` -> ("", "")."""
    fwd, _, rev = raw.strip().partition(":")
    fwd, rev = fwd.strip(), rev.strip()
    return ("" if fwd in ("---", "") else fwd), ("" if rev in ("---", "") else rev)


def read_verbs(text: str, origin: str = "<verbs>", strict: bool = False) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (see the module doc).

    A pattern that cannot be read is skipped and its message kept in
    :attr:`VerbDictionary.problems`; with ``strict`` it raises :class:`DictionaryError`.
    """
    out = VerbDictionary()
    synset: str | None = None
    block: str | None = None
    block_verbs: list[VerbEntry] = []
    block_patterns: list[tuple[int, str]] = []

    def flush() -> None:
        for n, line in block_patterns:
            try:
                out.patterns.extend(_read_pattern(line, block or "", block_verbs, out.synsets, f"{origin}:{n}"))
            except DictionaryError as exc:
                if strict:
                    raise
                out.problems.append(str(exc))
        block_patterns.clear()

    for n, raw in enumerate(_COMMENT_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text).splitlines(), 1):
        if raw.lstrip().startswith("~"):
            continue  # a transformation ("~ a (a b ATTACK) SAY = a b 015"): not converted
        line, _ = _strip_comment(raw)
        s = line.strip()
        if not s:
            continue
        m = _BLOCK.match(s)
        if m:
            flush()
            synset = None
            block = m.group(1).strip().upper() or f"BLOCK{n}"
            out.blocks[block], back = _split_code(m.group(2) or "")
            if back:
                out.reverse[block] = back
            block_verbs = []
            continue
        if s.startswith("&"):
            synset = s[1:].split()[0].rstrip("_").upper()
            out.synsets.setdefault(synset, ())
            continue
        if synset is not None and s.startswith("+"):
            out.synsets[synset] += (_phrase(s[1:]),)
            continue
        if block is None:
            raise DictionaryError(f"{origin}:{n}: expected a synonym set or a '--- VERB [code] ---' block, got {s!r}")
        if s.startswith("-"):
            block_patterns.append((n, raw))
            continue
        synset = None
        block_verbs.append(_read_verb(s, block, n, origin))
        out.verbs.append(block_verbs[-1])
    flush()
    return out


def _read_verb(line: str, block: str, n: int, origin: str) -> VerbEntry:
    codes = _CODE.findall(line)
    forms = re.findall(r"\{([^}]*)\}", line)
    head = re.split(r"[\[{]", line)[0].strip()
    if not _phrase(head):
        raise DictionaryError(f"{origin}:{n}: bad verb line {line!r}")
    lemma = _phrase(head)
    form_list = tuple(_phrase(f) for f in (forms[0].replace(",", " ").split() if forms else ()) if _phrase(f))
    return VerbEntry(lemma, block, _split_code(codes[0])[0] if codes else "", form_list, n)


def _synset_token(tok: str, synsets: dict[str, tuple[str, ...]]) -> list[str]:
    """Split an underscored token into words, keeping ``&NAME`` synonym sets whole."""
    parts = [p for p in tok.split("_") if p]
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i].startswith("&"):
            # the longest run of parts that names a known set ("&FIGHT_OF_WORDS")
            for j in range(len(parts), i, -1):
                name = "_".join(parts[i:j])[1:].upper()
                if name in synsets:
                    out.append("&" + name)
                    i = j
                    break
            else:
                out.append(parts[i].upper())
                i += 1
            continue
        out.append(parts[i].lower())
        i += 1
    return out


def _read_pattern(raw: str, block: str, verbs: list[VerbEntry], synsets: dict[str, tuple[str, ...]],
                  where: str) -> tuple[VerbPattern, ...]:
    """The pattern of one ``- ... [code] # VERB`` line, once for each block verb its comment names
    (once, for the whole block, when it names none)."""
    line, comment = _strip_comment(raw)
    body = line.strip()[1:]
    codes = _CODE.findall(body)
    if not codes:
        raise DictionaryError(f"{where}: pattern without a [code]: {line.strip()!r}")
    body = body[:body.rfind("[")]
    code, reverse = _split_code(codes[-1])
    body = re.sub(r"_\*", " *", re.sub(r"\*_", "* ", body))
    subject: list[str] = []
    obj: list[str] = []
    preps: list[tuple[str, list[str]]] = []
    source = target = compound = ""
    after = False
    in_paren = False
    for tok in _TOKEN.findall(body):
        if tok == "*":
            after = True
        elif tok == "(":
            in_paren = True
            preps.append(("", []))
        elif tok == ")":
            in_paren = False
        elif tok == "%":
            compound = f"prep:{preps[-1][0]}" if in_paren and preps else "object" if after else "subject"
        elif tok in ("{", "}", "^"):
            continue
        elif tok in ("$", "+"):
            slot = (f"prep:{preps[-1][0]}" if in_paren and preps else "object" if after else "subject")
            source, target = (slot, target) if tok == "$" else (source, slot)
        elif in_paren and preps and not preps[-1][0]:
            preps[-1] = (tok.lower(), [])
        else:
            words = _synset_token(tok.lstrip("+$"), synsets)
            (preps[-1][1] if in_paren and preps else obj if after else subject).extend(words)
    if not after:
        raise DictionaryError(f"{where}: pattern without the verb '*': {line.strip()!r}")
    named = _named_verbs(comment, verbs)
    return tuple(VerbPattern(block, verb, tuple(subject), tuple(obj), tuple((p, tuple(w)) for p, w in preps),
                             source, target, code, reverse, int(where.rsplit(":", 1)[1]), compound)
                 for verb in named or ("",))


def _named_verbs(comment: str, verbs: list[VerbEntry]) -> tuple[str, ...]:
    """The block verbs a pattern's comment names, in order and once each: "# GIVE , PROVIDE"
    names two; a comment that names none of the block's verbs ("# OY 08 Mar 2006") gives ()."""
    out: list[str] = []
    for part in comment.split(","):
        named = _phrase(part.split()[0]) if part.split() else ""
        verb = next((v.lemma for v in verbs if named in (v.lemma, *v.forms)), "") if named else ""
        if verb and verb not in out:
            out.append(verb)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Agent:
    """A common noun that gives an actor its sector (``[~MIL]``; ``prefix`` for ``[NGO~]``)."""

    term: str
    plurals: tuple[str, ...]
    code: str
    prefix: bool = False
    line: int = 0


def read_agents(text: str, origin: str = "<agents>", problems: list[str] | None = None) -> list[Agent]:
    r"""Read a PETRARCH agent dictionary (``!SUBST!`` sets expanded).

    A line that cannot be read raises :class:`DictionaryError`, or, when
    ``problems`` is a list, is skipped and its message appended there.

    >>> [(a.term, a.code) for a in read_agents("!P! = MAN, MEN\nPOLICE!P! {} [~COP]\n")]
    [('policeman', 'COP'), ('policemen', 'COP')]
    """
    subst: dict[str, list[str]] = {}
    out: list[Agent] = []
    for n, raw in enumerate(_COMMENT_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text).splitlines(), 1):
        line, _ = _strip_comment(raw)
        s = line.strip()
        if not s:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.*)", s)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(s.replace("}", "]") if "[" in s and "]" not in s else s)
        if not codes:
            codes = re.findall(r"\[([^\]}]*)[\]}]", s)
        if not codes or "~" not in codes[-1]:
            msg = f"{origin}:{n}: expected 'NOUN {{PLURALS}} [~CODE]', got {s!r}"
            if problems is None:
                raise DictionaryError(msg)
            problems.append(msg)
            continue
        code = codes[-1].strip()
        head = re.split(r"[\[{]", s)[0].strip()
        plural_cell = re.findall(r"\{([^}]*)\}", s)
        plurals = tuple(_phrase(p) for p in plural_cell[0].split()) if plural_cell else ()
        marker = re.search(r"![A-Z]+!", head)
        terms = [head.replace(marker.group(), w) for w in subst.get(marker.group(), [])] if marker else [head]
        for t in terms:
            out.append(Agent(_phrase(t), () if marker else plurals, code.strip("~"), code.endswith("~"), n))
    return out


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code valid from ``start`` to ``end`` (inclusive; None = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid(self, when: date) -> bool:
        """Whether the code holds on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class DatedActor:
    """A named actor: its names, date-ranged codes and default code ("" = none)."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    default: str
    line: int = 0

    def code_on(self, when: date | None) -> str:
        """The code as of ``when``: the first range that holds, else the default
        (without a date: the default, else the latest range's code).

        >>> a = DatedActor(("x",), (DatedCode("USAGOV", date(2009, 1, 20), date(2017, 1, 20)),), "USAELI")
        >>> a.code_on(date(2010, 1, 1)), a.code_on(date(2020, 1, 1)), a.code_on(None)
        ('USAGOV', 'USAELI', 'USAELI')
        """
        if when is not None:
            for c in self.codes:
                if c.valid(when):
                    return c.code
            return self.default
        if self.default:
            return self.default
        latest = max(self.codes, key=lambda c: (c.end or date.max, c.start or date.min), default=None)
        return latest.code if latest else ""


def parse_date(text: str, where: str = "<date>") -> date:
    """``YYMMDD`` or ``YYYYMMDD`` -> date (two-digit years: 00-30 are 20xx, else 19xx).

    >>> parse_date("090120"), parse_date("450703"), parse_date("18970101")
    (datetime.date(2009, 1, 20), datetime.date(1945, 7, 3), datetime.date(1897, 1, 1))
    """
    t = text.strip()
    try:
        if len(t) == 6:
            yy = int(t[:2])
            return date((2000 if yy <= 30 else 1900) + yy, int(t[2:4]), int(t[4:6]))
        if len(t) == 8:
            return date(int(t[:4]), int(t[4:6]), int(t[6:8]))
    except ValueError:
        pass
    raise DictionaryError(f"{where}: bad date {text!r} (expected YYMMDD or YYYYMMDD)")


def _dated_code(cell: str, where: str) -> DatedCode:
    parts = cell.split()
    if not parts:
        raise DictionaryError(f"{where}: empty code")
    code = parts[0]
    if len(parts) == 1:
        return DatedCode(code)
    rng = "".join(parts[1:])
    if rng.startswith(">"):
        return DatedCode(code, parse_date(rng[1:], where), None)
    if rng.startswith("<"):
        return DatedCode(code, None, parse_date(rng[1:], where))
    a, sep, b = rng.partition("-")
    if not sep:
        raise DictionaryError(f"{where}: bad date restriction {cell!r}")
    return DatedCode(code, parse_date(a, where), parse_date(b, where))


def read_actors(text: str, origin: str = "<actors>", problems: list[str] | None = None) -> list[DatedActor]:
    r"""Read a PETRARCH actor dictionary into :class:`DatedActor` records.

    A code or line that cannot be read raises :class:`DictionaryError`, or, when
    ``problems`` is a list, is skipped and its message appended there.

    A record without any code takes the code of the record just before it when no
    blank line separates them (``UN_ [IGOUNO]`` then ``U.N._``), else it is dropped.

    >>> acts = read_actors("BARACK_OBAMA\n+PRESIDENT_OBAMA_\n\t[USAELI]\n\t[USAGOV >20090120]\n")
    >>> acts[0].names, acts[0].code_on(date(2010, 1, 1)), acts[0].code_on(date(2000, 1, 1))
    (('barack obama', 'president obama'), 'USAGOV', 'USAELI')
    """
    reader = _ActorReader()
    for n, raw in enumerate(_COMMENT_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text).splitlines(), 1):
        try:
            reader.line(raw, f"{origin}:{n}", n)
        except DictionaryError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
    reader.flush()
    return reader.out


class _ActorReader:
    """The state of :func:`read_actors` between lines."""

    def __init__(self) -> None:
        self.out: list[DatedActor] = []
        self.names: list[str] = []
        self.codes: list[DatedCode] = []
        self.default = ""
        self.start = 0
        self.adjacent = False  # the current record follows the previous one with no blank line
        self.prev_blank = True

    def flush(self) -> None:
        if self.names:
            d = self.default
            if not d and not self.codes and self.adjacent and self.out:
                d = self.out[-1].default
            if d or self.codes:
                self.out.append(DatedActor(tuple(dict.fromkeys(self.names)), tuple(self.codes), d, self.start))
        self.names, self.codes, self.default = [], [], ""

    def add_codes(self, text: str, where: str) -> None:
        for cell in _CODE.findall(text):
            dc = _dated_code(cell, where)
            if dc.start is None and dc.end is None:
                self.default = dc.code
            else:
                self.codes.append(dc)

    def line(self, raw: str, where: str, n: int) -> None:
        s = raw.split("#")[0].split(";")[0].strip()
        if not s:
            self.prev_blank = True
            return
        blank, self.prev_blank = self.prev_blank, False
        if raw[:1] in (" ", "\t") and s.startswith("["):
            if not self.names:
                raise DictionaryError(f"{where}: a date restriction with no actor before it")
            self.add_codes(s, where)
        elif s.startswith("+"):
            if not self.names:
                raise DictionaryError(f"{where}: a synonym with no actor before it")
            if _phrase(s[1:].split("[")[0]):
                self.names.append(_phrase(s[1:].split("[")[0]))
        else:
            self.flush()
            self.adjacent, self.start = not blank, n
            if _phrase(s.split("[")[0]):
                self.names.append(_phrase(s.split("[")[0]))
            self.add_codes(s, where)


@dataclass(frozen=True, slots=True)
class Discard:
    """A discard phrase: ``story`` discards the whole article, else the sentence;
    ``whole_word`` when the phrase must end at a word boundary (a final ``_``)."""

    phrase: str
    story: bool
    whole_word: bool
    line: int = 0


def read_discards(text: str, origin: str = "<discards>") -> list[Discard]:
    """Read a PETRARCH discard list (see the module doc)."""
    out = []
    for n, raw in enumerate(_COMMENT_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text).splitlines(), 1):
        s = raw.split("#")[0].strip()
        if not s:
            continue
        story = s.startswith("+")
        s = s.lstrip("+").strip()
        whole = s.endswith("_")
        phrase = " ".join(s.replace("_", " ").lower().split())
        if not phrase:
            raise DictionaryError(f"{origin}:{n}: empty discard phrase")
        out.append(Discard(phrase, story, whole, n))
    return out
