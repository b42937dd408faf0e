"""PETRARCH dictionaries <-> geokg data files, and loading dictionaries of any format.

:func:`convert` reads PETRARCH-format files (:mod:`geokg.ingest.dictionaries.petrarch`)
and writes geokg's data files into one folder:

* ``verbs.tsv`` (lemma, block, code, irregular forms), ``verb_patterns.tsv`` (block,
  verb, subject, object, prepositions, source, target, code, reverse code, line),
  ``verb_synsets.tsv`` (name, terms), ``verb_blocks.tsv`` (block, code, reverse code: the
  ``--- NAME [code] ---`` code that every verb of the block without its own code takes);
* ``agents.tsv`` (term, plurals, code, prefix); ``actors.jsonl`` (names, default code,
  date-ranged codes); ``discards.tsv`` (phrase, scope, whole word).

:func:`load_dictionaries` reads any mix of PETRARCH ``.txt`` files, geokg files and
folders of them into one :class:`Dictionaries`.  The package ships the conversion of
PETRARCH-2's CAMEO and Phoenix dictionaries in ``ingest/data/petrarch/``
(:func:`shipped`); ``python -m geokg.ingest.dictionaries.conversion SRC... --out DIR``
(or ``geokg dictionaries convert``) regenerates it.

Examples
--------
>>> import tempfile
>>> src = Path(tempfile.mkdtemp()) / "Demo.verbs.txt"
>>> _ = src.write_text("&SALE\\n+ARMS_SALE\\n--- HALT [---] ---\\nHALT\\n- * &SALE [163] # HALT\\n")
>>> d = load_dictionaries([src])
>>> d.verbs.patterns[0].code, d.counts()["verb_patterns"]
('163', 1)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geokg.ingest.dictionaries.petrarch import (
    Agent,
    DatedActor,
    DatedCode,
    DictionaryError,
    Discard,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
)

__all__ = ["SHIPPED_NAMES", "Dictionaries", "convert", "detect_kind", "load_dictionaries", "main", "read_folder", "read_geokg_file",
           "resolve_paths", "shipped", "write_folder"]

FILES = ("verbs.tsv", "verb_patterns.tsv", "verb_synsets.tsv", "verb_blocks.tsv", "agents.tsv", "actors.jsonl",
         "discards.tsv")
_HEADER = "# geokg data converted from PETRARCH-format dictionaries by geokg.ingest.dictionaries.conversion;"


@dataclass
class Dictionaries:
    """Verbs, agents, named actors and discards from one or more dictionaries."""

    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    agents: list[Agent] = field(default_factory=list)
    actors: list[DatedActor] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def extend(self, other: Dictionaries) -> None:
        """Add ``other``'s entries after this one's (synonym sets: later names win)."""
        self.verbs.synsets.update(other.verbs.synsets)
        for k, v in other.verbs.blocks.items():
            if not self.verbs.blocks.get(k):  # a block's code, wherever it was read, over "no code"
                self.verbs.blocks[k] = v
        for k, v in other.verbs.reverse.items():
            self.verbs.reverse.setdefault(k, v)
        self.verbs.verbs.extend(other.verbs.verbs)
        self.verbs.patterns.extend(other.verbs.patterns)
        self.agents.extend(other.agents)
        self.actors.extend(other.actors)
        self.discards.extend(other.discards)
        self.sources.extend(other.sources)
        self.problems.extend(other.problems + other.verbs.problems)

    def counts(self) -> dict[str, int]:
        """Entries by kind (for reports)."""
        return {"verbs": len(self.verbs.verbs), "verb_patterns": len(self.verbs.patterns),
                "verb_synsets": len(self.verbs.synsets), "agents": len(self.agents),
                "actors": len(self.actors), "actor_names": sum(len(a.names) for a in self.actors),
                "discards": len(self.discards)}


def detect_kind(path: Path, text: str) -> str:
    """``verbs``, ``agents``, ``actors`` or ``discards`` of a PETRARCH file, by name then content."""
    name = path.name.lower()
    for kind in ("verbs", "agents", "actors", "discards"):
        if kind in name:
            return kind
    if name.startswith("cameo"):
        return "verbs"
    if re.search(r"^---.*---\s*$", text, re.MULTILINE):
        return "verbs"
    if re.search(r"\[~\w+\]|\[\w+~\]", text):
        return "agents"
    if "[" in text:
        return "actors"
    return "discards"


def _read_petrarch(path: Path) -> Dictionaries:
    text = _read_text(path)
    out = Dictionaries(sources=[path.name])
    kind = detect_kind(path, text)
    if kind == "verbs":
        out.verbs = read_verbs(text, str(path))
    elif kind == "agents":
        out.agents = read_agents(text, str(path), out.problems)
    elif kind == "actors":
        out.actors = read_actors(text, str(path), out.problems)
    else:
        out.discards = read_discards(text, str(path))
    return out


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary {str(path)!r}: {exc}") from exc


#: Names of shipped dictionaries a user may give instead of a path (``--dictionary phoenix-actors``).
SHIPPED_NAMES = {"phoenix-actors": "actors.jsonl", "phoenix-agents": "agents.tsv", "phoenix-discards": "discards.tsv",
                 "cameo-verbs": "verb_patterns.tsv"}


def resolve_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Paths as given, with the names of :data:`SHIPPED_NAMES` replaced by the shipped files
    (``cameo-verbs`` also brings the verbs and synonym sets its patterns need)."""
    out: list[Path] = []
    for raw in paths:
        name = SHIPPED_NAMES.get(str(raw))
        if name is None:
            out.append(Path(raw))
            continue
        folder = Path(str(_data_path("petrarch/verbs.tsv"))).parent
        extra = ("verb_synsets.tsv", "verb_blocks.tsv", "verbs.tsv") if name == "verb_patterns.tsv" else ()
        out.extend(folder / f for f in (*extra, name))
    return out


def _data_path(name: str):
    from geokg.ingest.resources import data_path

    return data_path(name)


def load_dictionaries(paths: Iterable[str | Path]) -> Dictionaries:
    """Read PETRARCH ``.txt`` files, geokg data files (``verb_patterns.tsv``,
    ``actors.jsonl``, ...), folders of either and the names of :data:`SHIPPED_NAMES`
    into one :class:`Dictionaries`.

    Raises
    ------
    DictionaryError
        A missing path, or a file of no known kind (the message names it).
    """
    out = Dictionaries()
    for p in resolve_paths(paths):
        if p.is_dir():
            geokg_files = [p / f for f in FILES if (p / f).is_file()]
            if geokg_files:
                out.extend(read_folder(p))
            for f in sorted(p.glob("*.txt")):
                if "licen" not in f.name.lower() and "readme" not in f.name.lower():
                    out.extend(_read_petrarch(f))
        elif p.is_file():
            if p.name in FILES or p.suffix in (".tsv", ".jsonl"):
                out.extend(read_geokg_file(p))
            else:
                out.extend(_read_petrarch(p))
        else:
            raise DictionaryError(f"dictionary {str(p)!r} does not exist")
    return out


# -- geokg files ---------------------------------------------------------------------------
def _rows(path: Path, width: int) -> Iterable[tuple[int, list[str]]]:
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > width:
            raise DictionaryError(f"{path}:{n}: expected at most {width} columns, got {len(cells)}")
        yield n, cells + [""] * (width - len(cells))


def _words(cell: str) -> tuple[str, ...]:
    return tuple(cell.split())


def read_geokg_file(path: Path) -> Dictionaries:
    """One geokg dictionary file; its kind from its name (``*verbs.tsv``, ``*agents.tsv`` ...)."""
    out = Dictionaries(sources=[path.name])
    name = path.name
    if name.endswith("verb_synsets.tsv"):
        for _, (k, terms) in _rows(path, 2):
            out.verbs.synsets[k.upper()] = tuple(t.strip() for t in terms.split(";") if t.strip())
    elif name.endswith("verb_blocks.tsv"):
        for _, (block, code, reverse) in _rows(path, 3):
            out.verbs.blocks[block] = code
            if reverse:
                out.verbs.reverse[block] = reverse
    elif name.endswith("verb_patterns.tsv"):
        for n, c in _rows(path, 10):
            preps = tuple((p.split(":", 1)[0], _words(p.split(":", 1)[1] if ":" in p else ""))
                          for p in c[4].split(";") if p.strip())
            out.verbs.patterns.append(VerbPattern(c[0], c[1], _words(c[2]), _words(c[3]), preps, c[5], c[6],
                                                  c[7], c[8], int(c[9] or 0) or n))
            out.verbs.blocks.setdefault(c[0], "")
    elif name.endswith("verbs.tsv"):
        for n, (lemma, block, code, forms) in _rows(path, 4):
            out.verbs.verbs.append(VerbEntry(lemma, block or lemma.upper(), code,
                                             tuple(f.strip() for f in forms.split(";") if f.strip()), n))
            out.verbs.blocks.setdefault(block or lemma.upper(), "")
    elif name.endswith("agents.tsv"):
        for n, (term, plurals, code, prefix) in _rows(path, 4):
            if not code:
                raise DictionaryError(f"{path}:{n}: agent {term!r} has no code")
            out.agents.append(Agent(term, tuple(p for p in plurals.split(";") if p), code, prefix == "1", n))
    elif name.endswith("discards.tsv"):
        for n, (phrase, scope, whole) in _rows(path, 3):
            if scope not in ("", "sentence", "story"):
                raise DictionaryError(f"{path}:{n}: scope must be 'sentence' or 'story', got {scope!r}")
            out.discards.append(Discard(phrase.lower(), scope == "story", whole == "1", n))
    elif name.endswith(".jsonl"):
        out.actors = _read_actor_jsonl(path)
    else:
        raise DictionaryError(f"{path}: not a geokg dictionary file (expected one of {', '.join(FILES)})")
    return out


def _iso(d: str | None, where: str) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError as exc:
        raise DictionaryError(f"{where}: bad date {d!r}") from exc


def _read_actor_jsonl(path: Path) -> list[DatedActor]:
    """Actors: ``{"names": [...], "default": CODE, "codes": [[CODE, FROM, UNTIL], ...]}`` a line
    (``name`` / ``aliases`` / ``code`` are read too, for a project's own list)."""
    out = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DictionaryError(f"{where}: bad JSON: {exc}") from exc
        names = obj.get("names") or [obj.get("name"), *obj.get("aliases", [])]
        names = tuple(" ".join(str(x).lower().split()) for x in names if x)
        codes = tuple(DatedCode(c[0], _iso(c[1], where), _iso(c[2], where)) for c in obj.get("codes", []))
        default = obj.get("default") or obj.get("code") or ""
        if not names or not (default or codes):
            raise DictionaryError(f"{where}: an actor needs names and a code")
        out.append(DatedActor(names, codes, default, n))
    return out


def read_folder(folder: str | Path) -> Dictionaries:
    """The geokg dictionary files of ``folder`` (those of :data:`FILES` that exist)."""
    out = Dictionaries()
    for f in FILES:
        p = Path(folder) / f
        if p.is_file():
            part = read_geokg_file(p)
            part.sources = []
            out.extend(part)
    out.sources.append(str(folder))
    return out


def write_folder(d: Dictionaries, out_dir: str | Path, note: str = "") -> list[Path]:
    """Write ``d`` as geokg data files into ``out_dir``; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    head = f"{_HEADER} sources: {', '.join(d.sources)}{'; ' + note if note else ''}\n"
    v = d.verbs
    files = {
        "verbs.tsv": ["# lemma\tblock\tcode\tforms"] + [
            f"{e.lemma}\t{e.block}\t{e.code}\t{';'.join(e.forms)}" for e in v.verbs],
        "verb_patterns.tsv": ["# block\tverb\tsubject\tobject\tpreps\tsource\ttarget\tcode\treverse\tline"] + [
            "\t".join([p.block, p.verb, " ".join(p.subject), " ".join(p.object),
                       ";".join(f"{prep}:{' '.join(w)}" for prep, w in p.preps), p.source, p.target, p.code,
                       p.reverse, str(p.line)]) for p in v.patterns],
        "verb_synsets.tsv": ["# name\tterms"] + [f"{k}\t{';'.join(t)}" for k, t in v.synsets.items()],
        "verb_blocks.tsv": ["# block\tcode\treverse"] + [
            f"{k}\t{c}\t{v.reverse.get(k, '')}" for k, c in v.blocks.items() if c or v.reverse.get(k)],
        "agents.tsv": ["# term\tplurals\tcode\tprefix"] + [
            f"{a.term}\t{';'.join(a.plurals)}\t{a.code}\t{int(a.prefix)}" for a in d.agents],
        "discards.tsv": ["# phrase\tscope\twhole_word"] + [
            f"{x.phrase}\t{'story' if x.story else 'sentence'}\t{int(x.whole_word)}" for x in d.discards],
        "actors.jsonl": [json.dumps({"names": list(a.names), "default": a.default, "codes": [
            [c.code, c.start.isoformat() if c.start else None, c.end.isoformat() if c.end else None]
            for c in a.codes]}, ensure_ascii=False) for a in d.actors],
    }
    written = []
    for name, lines in files.items():
        p = out / name
        p.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
        written.append(p)
    return written


def convert(sources: Sequence[str | Path], out_dir: str | Path) -> Dictionaries:
    """Convert PETRARCH dictionaries (files or folders) into geokg data files in ``out_dir``."""
    d = load_dictionaries(sources)
    write_folder(d, out_dir)
    return d


def shipped() -> Dictionaries:
    """The converted PETRARCH-2 dictionaries shipped in ``ingest/data/petrarch/``."""
    return read_folder(Path(str(_data_path("petrarch/verbs.tsv"))).parent)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geokg.ingest.dictionaries.conversion SRC... --out DIR``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--out" not in args or args.index("--out") + 1 >= len(args):
        print("usage: python -m geokg.ingest.dictionaries.conversion SRC... --out DIR", file=sys.stderr)
        return 2
    i = args.index("--out")
    out, sources = args[i + 1], args[:i] + args[i + 2:]
    try:
        d = convert(sources, out)
    except DictionaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for p in d.problems:
        print(f"skipped {p}", file=sys.stderr)
    print(json.dumps(d.counts()))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
