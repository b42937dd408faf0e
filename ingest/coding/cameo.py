"""CAMEO event codes, their PLOVER categories, Goldstein scores and SKOS schemes.

geokg keeps its own table of CAMEO codes in ``ingest/data/coding/cameo.tsv`` (code,
label, Goldstein score, QuadClass, PLOVER category and mode, and the legacy
PLOVER name used by the PLOVER gold records).  The table was built once from the
reference files in ``../shared/data/cameo/`` with :func:`build_table` and
committed; its header names the sources and their licences.

The PLOVER gold-standard records still use the older category names DEMAND,
DISAPPROVE, INVESTIGATE and FIGHT; :data:`LEGACY_PLOVER` maps them to the 2021
names and :attr:`CameoCode.plover_legacy` gives the old name of every code.

Examples
--------
>>> table = CameoTable.default()
>>> c = table["1711"]
>>> c.label, c.goldstein, c.quad_class, c.plover, c.plover_mode
('Confiscate property', -9.2, 4, 'COERCE', 'seize')
>>> table["173"].plover_legacy, table["190"].plover, table["190"].plover_legacy
('COERCE', 'ASSAULT', 'FIGHT')
>>> root("1212"), parent("1212"), parent("12")
('12', '121', None)
>>> table.transform("064", negated=True)
'1214'
>>> table.transform("190", mode="intended"), table.transform("042", mode="intended")
('1384', '036')
>>> table.transform("111", negated=True) is None
True
>>> normalize_plover("DISAPPROVE"), normalize_plover("fight")
('ACCUSE', 'ASSAULT')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from geokg.ingest.resources import data_text
from geokg.ontology.namespace import CAMEO, GK, PLOVER
from geokg.ontology.schemes import LEGACY_PLOVER, PLOVER_CATEGORIES, QUAD_CLASSES

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "CAMEO_NS",
    "GK_NS",
    "LEGACY_PLOVER",
    "PLOVER_CATEGORIES",
    "PLOVER_NS",
    "QUAD_CLASSES",
    "CameoCode",
    "CameoError",
    "CameoTable",
    "build_table",
    "normalize_plover",
    "parent",
    "read_table",
    "root",
    "scheme_graph",
    "write_schemes",
    "write_table",
]

#: IRI namespaces, from :mod:`geokg.ontology.namespace`.  The PLOVER categories,
#: legacy names and QuadClass names are vocabulary: :mod:`geokg.ontology.schemes`.
CAMEO_NS = str(CAMEO)
PLOVER_NS = str(PLOVER)
GK_NS = str(GK)

_CODE_RE = re.compile(r"^\d{2,4}$")
_TABLE_COLUMNS = ("code", "label", "goldstein", "quad_class", "plover", "plover_mode", "plover_legacy")


class CameoError(ValueError):
    """A CAMEO table or reference file is malformed (the message names it)."""


def root(code: str) -> str:
    """The two-digit root of a CAMEO code (``"1711"`` -> ``"17"``)."""
    return code[:2]


def parent(code: str) -> str | None:
    """The code one level up (``"1711"`` -> ``"171"``, ``"171"`` -> ``"17"``), or None for a root."""
    return code[:-1] if len(code) > 2 else None


def normalize_plover(name: str | None) -> str | None:
    """Map a PLOVER category name, old or new, to its PLOVER 2021 name."""
    if not name:
        return None
    up = name.strip().upper()
    return LEGACY_PLOVER.get(up, up)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code and what geokg knows about it."""

    code: str
    label: str
    goldstein: float | None
    quad_class: int
    plover: str | None = None
    plover_mode: str | None = None
    plover_legacy: str | None = None

    @property
    def root(self) -> str:
        """The two-digit root code."""
        return root(self.code)


@dataclass(frozen=True, slots=True)
class _Transform:
    negated: str
    intended: str
    demanded: str


def _data_text(name: str, data_dir: str | Path | None = None) -> str:
    try:
        return data_text(name, data_dir)
    except OSError as exc:
        raise CameoError(f"cannot read CAMEO data file {name!r}: {exc}") from exc


def _tsv_rows(text: str, origin: str, width: int) -> Iterator[tuple[int, list[str]]]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        if len(cells) > width:
            raise CameoError(f"{origin}:{n}: expected {width} tab-separated columns, got {len(cells)}")
        yield n, [c.strip() for c in cells]


class CameoTable(Mapping[str, CameoCode]):
    """The CAMEO code table plus the polarity/mode transforms.

    Build it with :meth:`default` (package data) or :meth:`from_rows`.
    """

    def __init__(self, codes: Iterable[CameoCode], transforms: Mapping[str, _Transform] | None = None,
                 acts: Mapping[tuple[str, str], tuple[str, str, str]] | None = None) -> None:
        self._codes = {c.code: c for c in codes}
        self._transforms = dict(transforms or {})
        #: (code prefix, act) -> (PLOVER category, mode, legacy name): ``coding/plover_acts.tsv``
        self._acts = dict(acts or {})

    @classmethod
    def default(cls, data_dir: str | Path | None = None) -> CameoTable:
        """Load ``coding/cameo.tsv``, ``coding/cameo_transforms.tsv`` and ``coding/plover_acts.tsv``
        from the package data."""
        codes = read_table(data_dir=data_dir)
        text = _data_text("coding/cameo_transforms.tsv", data_dir)
        transforms: dict[str, _Transform] = {}
        for n, (prefix, neg, intended, demanded) in _tsv_rows(text, "coding/cameo_transforms.tsv", 4):
            for value in (prefix, neg, intended, demanded):
                if value not in ("-", "=") and not _CODE_RE.match(value):
                    raise CameoError(f"coding/cameo_transforms.tsv:{n}: bad code {value!r}")
            transforms[prefix] = _Transform(neg, intended, demanded)
        return cls(codes, transforms, _read_acts(data_dir))

    def for_act(self, code: str, acts: Iterable[str]) -> CameoCode:
        """The entry of ``code`` with the PLOVER category and mode the PLOVER manual gives the
        act (the first of ``acts``, relation lemmas or object heads, that ``coding/plover_acts.tsv``
        lists under a prefix of ``code``): an official's resignation is RETREAT, where the CAMEO
        crosswalk files all of 083 under CONCEDE.

        >>> t = CameoTable.default()
        >>> [(c.code, c.plover, c.plover_mode) for c in (t.for_act("0831", ["resign"]), t.for_act("0831", ["agree to"]))]
        [('0831', 'RETREAT', 'resign'), ('0831', 'CONCEDE', None)]
        """
        info = self[code]
        if self._acts:
            for act in acts:
                for size in range(len(code), 1, -1):
                    found = self._acts.get((code[:size], act))
                    if found is not None:
                        return replace(info, plover=found[0], plover_mode=found[1] or None, plover_legacy=found[2])
        return info

    def legacy_name(self, code: str, plover: str | None) -> str | None:
        """The legacy PLOVER name (the gold records') of category ``plover`` given to an event
        of ``code``: the code's own, or that of an act's category (:meth:`for_act`).

        >>> t = CameoTable.default()
        >>> t.legacy_name("190", "ASSAULT"), t.legacy_name("0831", "RETREAT"), t.legacy_name("0831", "CONCEDE")
        ('FIGHT', 'RETREAT', 'CONCEDE')
        """
        info = self[code]
        if plover == info.plover:
            return info.plover_legacy
        return next((legacy for cat, _, legacy in self._acts.values() if cat == plover), info.plover_legacy)

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes))

    def __len__(self) -> int:
        return len(self._codes)

    def with_codes(self, codes: Iterable[str], origin: str = "a user dictionary") -> CameoTable:
        """A copy that also holds ``codes`` the table lacks (a user dictionary's own, e.g.
        PETRARCH's "174K" or "904"): each takes the Goldstein score, QuadClass and PLOVER
        category of its nearest known parent ("174K" -> "174"), else none (QuadClass 0).

        >>> t = CameoTable.default().with_codes(["174K", "904"])
        >>> t["174K"].quad_class, t["174K"].plover, t["904"].quad_class, t["904"].plover
        (4, 'COERCE', 0, None)
        """
        out = dict(self._codes)
        for code in codes:
            if code in out:
                continue
            known = next((self._codes[code[:n]] for n in range(len(code) - 1, 1, -1) if code[:n] in self._codes),
                         None)
            if known is None:
                out[code] = CameoCode(code, f"{code} (from {origin})", None, 0)
            else:
                out[code] = CameoCode(code, f"{known.label} ({code}, from {origin})", known.goldstein,
                                      known.quad_class, known.plover, known.plover_mode, known.plover_legacy)
        return CameoTable(out.values(), self._transforms, self._acts)

    def roots(self) -> list[CameoCode]:
        """The 20 root codes, in order."""
        return [self._codes[c] for c in sorted(self._codes) if len(c) == 2]

    def transform(self, code: str, *, negated: bool = False, mode: str = "asserted") -> str | None:
        """The code that an event of ``code`` gets under negation or a mode.

        ``mode`` is one of :data:`geokg.ingest.records.MODES`; ``intended``,
        ``future`` and ``hypothetical`` use the "intended" column (express
        intent / threaten), ``demanded`` the "demanded" column.  ``negated``
        wins over the mode: "will not accept" is a rejection.  Returns None when
        the combination is not an event ("did not attack").
        """
        if code not in self._codes:
            raise KeyError(f"unknown CAMEO code {code!r}")
        if not negated and mode not in ("intended", "future", "hypothetical", "demanded"):
            return code
        rule = None
        for size in range(len(code), 1, -1):
            rule = self._transforms.get(code[:size])
            if rule is not None:
                break
        if rule is None:
            return code
        if negated:
            value = rule.negated
        elif mode == "demanded":
            value = rule.demanded
        else:
            value = rule.intended
        if value == "-":
            return None
        if value == "=":
            return code
        return value


def _read_acts(data_dir: str | Path | None = None) -> dict[tuple[str, str], tuple[str, str, str]]:
    """``coding/plover_acts.tsv``: (code prefix, act) -> (PLOVER category, mode, legacy name)."""
    name = "coding/plover_acts.tsv"
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    for n, (prefix, act, plover, mode, legacy) in _tsv_rows(_data_text(name, data_dir), name, 5):
        if not _CODE_RE.match(prefix) or not act or plover not in PLOVER_CATEGORIES or not legacy:
            raise CameoError(f"{name}:{n}: expected a CAMEO code prefix, an act, a PLOVER category, a mode and "
                             f"a legacy name, got {[prefix, act, plover, mode, legacy]!r}")
        out[(prefix, act)] = (plover, mode, legacy)
    return out


# -- building the table from the reference files ---------------------------------------

_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")
_EDITOR_NOTE = re.compile(r"\s{2,}\d{2}\.\d{2}\.\d{2}:.*$")


def _read_goldstein(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts or parts[0].upper().startswith("CAMEO"):
            continue
        if len(parts) != 2 or not _CODE_RE.match(parts[0]):
            raise CameoError(f"{path}:{n}: expected 'CODE<TAB>SCORE', got {line!r}")
        out[parts[0]] = float(parts[1])
    return out


def _read_cameo2plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """code -> (category, mode, label); the first line of a code wins."""
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _PLOVER_LINE.match(line.strip())
        if not m:
            continue
        code, body, label = m.group(1), m.group(2), (m.group(3) or "").strip()
        fields = [f.strip() for f in body.split(",")]
        category = fields[0].upper()
        mode = fields[1] if len(fields) > 1 else ""
        if "_" in mode:  # a context value in the mode column (e.g. 175)
            mode = ""
        label = _EDITOR_NOTE.sub("", label)
        if code not in out:
            out[code] = (category, mode, label)
    return out


def build_table(
    goldstein_path: str | Path,
    plover_path: str | Path,
    data_dir: str | Path | None = None,
) -> list[CameoCode]:
    """Build the code table from the GDELT Goldstein file and CAMEO2PLOVER-2021.

    Labels come from CAMEO2PLOVER comments, ``coding/cameo_labels.tsv`` (01x/02x codes)
    and ``coding/cameo_roots.tsv`` (root names, QuadClass, legacy PLOVER names).  A code
    without a Goldstein score takes its nearest ancestor's score.
    """
    gold = _read_goldstein(Path(goldstein_path))
    plov = _read_cameo2plover(Path(plover_path))
    roots: dict[str, tuple[str, str, str]] = {}
    for n, (prefix, label, quad, legacy) in _tsv_rows(_data_text("coding/cameo_roots.tsv", data_dir), "coding/cameo_roots.tsv", 4):
        roots[prefix] = (label, quad, legacy)
    labels = {c: lab for _, (c, lab) in _tsv_rows(_data_text("coding/cameo_labels.tsv", data_dir), "coding/cameo_labels.tsv", 2)}
    codes = sorted(set(gold) | set(plov))
    rows = []
    for code in codes:
        r = root(code)
        if r not in roots:
            raise CameoError(f"code {code!r}: root {r!r} missing from coding/cameo_roots.tsv")
        if len(code) == 2:
            label = roots[r][0]
        else:
            label = labels.get(code) or (plov[code][2] if code in plov else "")
        if not label:
            raise CameoError(f"code {code!r} has no label")
        score: float | None = None
        for size in range(len(code), 1, -1):
            if code[:size] in gold:
                score = gold[code[:size]]
                break
        category, mode, _ = plov.get(code, ("", "", ""))
        legacy = ""
        for size in range(len(code), 1, -1):
            entry = roots.get(code[:size])
            if entry and entry[2]:
                legacy = entry[2]
                break
        rows.append(CameoCode(
            code=code, label=label.rstrip("."), goldstein=score, quad_class=int(roots[r][1]),
            plover=category or None, plover_mode=mode or None, plover_legacy=legacy or None,
        ))
    return rows


_TABLE_HEADER = """\
# geokg CAMEO code table: code, label, Goldstein score, QuadClass, PLOVER category and mode,
# legacy PLOVER category.  Generated by geokg.ingest.coding.cameo.build_table() from:
#  - CAMEO.goldsteinscale.txt: GDELT Goldstein lookup table (GDELT Project; free to use
#    with attribution: "The GDELT Project, https://www.gdeltproject.org/"), copied from
#    mpiccirilli/UNDP-BCPR-Project.  Codes missing there take their parent's score.
#  - CAMEO2PLOVER-2021.txt: PLOVER manual draft 0.8 conversion table, openeventdata/PLOVER,
#    licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).  PLOVER
#    category, mode and most labels; this table is shared under the same licence.
#  - coding/cameo_labels.tsv / coding/cameo_roots.tsv (geokg): labels of 01x/02x codes and root names
#    from the CAMEO 1.1b3 codebook (Schrodt), QuadClass, legacy PLOVER names.
# PLOVER drops CAMEO 01 (statements) and 02 (appeals): their plover column is empty.
"""


def write_table(rows: Iterable[CameoCode], path: str | Path) -> None:
    """Write ``rows`` as ``coding/cameo.tsv`` (with the provenance header)."""
    lines = [_TABLE_HEADER.rstrip("\n"), "\t".join(_TABLE_COLUMNS)]
    for c in rows:
        gold = "" if c.goldstein is None else f"{c.goldstein:.1f}"
        lines.append("\t".join([
            c.code, c.label, gold, str(c.quad_class), c.plover or "", c.plover_mode or "",
            c.plover_legacy or "",
        ]))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_table(path: str | Path | None = None, data_dir: str | Path | None = None) -> list[CameoCode]:
    """Read ``coding/cameo.tsv`` (the package copy unless ``path`` is given)."""
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise CameoError(f"cannot read CAMEO table {str(path)!r}: {exc}") from exc
        origin = str(path)
    else:
        text, origin = _data_text("coding/cameo.tsv", data_dir), "coding/cameo.tsv"
    rows: list[CameoCode] = []
    header_seen = False
    for n, cells in _tsv_rows(text, origin, len(_TABLE_COLUMNS)):
        if not header_seen:
            if tuple(cells) != _TABLE_COLUMNS:
                raise CameoError(f"{origin}:{n}: expected header {'/'.join(_TABLE_COLUMNS)}")
            header_seen = True
            continue
        code, label, gold, quad, plover, mode, legacy = cells
        if not _CODE_RE.match(code):
            raise CameoError(f"{origin}:{n}: bad CAMEO code {code!r}")
        try:
            rows.append(CameoCode(code, label, float(gold) if gold else None, int(quad),
                                  plover or None, mode or None, legacy or None))
        except ValueError as exc:
            raise CameoError(f"{origin}:{n}: {exc}") from exc
    return rows


def scheme_graph(table: CameoTable | None = None, scheme: str = "cameo") -> Graph:
    """The CAMEO or PLOVER SKOS scheme of ``table`` (default: the packaged table).

    The scheme itself is built by :func:`geokg.ontology.schemes.scheme_graph`.

    Examples
    --------
    >>> from rdflib.namespace import SKOS
    >>> str(scheme_graph(scheme="cameo").value(CAMEO["12"], SKOS.prefLabel))
    'REJECT'
    """
    from geokg.ontology import schemes

    return schemes.scheme_graph((CameoTable.default() if table is None else table).values(), scheme)


def write_schemes(out_dir: str | Path, table: CameoTable | None = None) -> list[Path]:
    """Write ``cameo.ttl`` and ``plover.ttl`` of ``table`` (default: the packaged one) into ``out_dir``.

    ``write_schemes("ontology")`` regenerates the shipped files (a test checks they are current).
    """
    from geokg.ontology import schemes

    return schemes.write_schemes(out_dir, (CameoTable.default() if table is None else table).values())
