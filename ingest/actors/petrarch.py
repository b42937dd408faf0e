r"""PETRARCH actor and agent dictionaries as gazetteer entries.

:func:`read_petrarch_dictionary` reads the ``.txt`` dictionaries of the PETRARCH
coder (actors: ``NAME [CODE]`` with ``+SYNONYM`` lines; agents: ``WORD {PLURAL}
[~SEC]``) into (term, :class:`~geokg.ingest.actors.data.Entry`) pairs that
:meth:`geokg.ingest.actors.ActorCoder.from_files` adds to the default gazetteer.

Examples
--------
>>> text = "MEXICO_CITY_POLICE [MEXCOP]\n+MEXICAN_POLICE\nGENDARME {GENDARMES} [~COP]\n"
>>> [(t, e.kind, e.iso3, e.sector) for t, e in read_petrarch_dictionary(text)][:3]
[('Mexico City Police', 'org', 'MEX', 'COP'), ('MEXICO CITY POLICE', 'org', 'MEX', 'COP'), ('Mexican Police', 'org', 'MEX', 'COP')]
>>> [(t, e.kind, e.sector) for t, e in read_petrarch_dictionary(text) if e.kind == "role"]
[('gendarme', 'role', 'COP'), ('gendarmes', 'role', 'COP')]
"""

from __future__ import annotations

import re

from geokg.ingest.actors.data import ActorDataError, Entry
from geokg.ingest.actors.words import COLLECTIVE_SECTORS
from geokg.ingest.records import Actor

__all__ = ["read_petrarch_dictionary"]


def read_petrarch_dictionary(text: str, origin: str = "<petrarch>") -> list[tuple[str, Entry]]:
    """Gazetteer entries from a PETRARCH actor or agent dictionary.

    Actor lines are ``NAME [CODE]`` with ``+SYNONYM`` lines after them and
    date-restricted codes on indented lines (the first undated code, else the last
    one, is used); agent lines are ``WORD {PLURAL} [~SEC]`` (or ``[SEC~]``).
    Underscores join the words of a phrase; ``#`` starts a comment, ``<!-- -->``
    encloses one.  Codes are CAMEO style: three letters of country then sector codes
    ("CALGOV" -> country CAL, sector GOV; "IGO..." -> an intergovernmental body).

    Raises
    ------
    ActorDataError
        When ``text`` holds no entry at all (the message names ``origin``).
    """
    entries: list[tuple[str, Entry]] = []
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if names and codes:
            undated = [c for c in codes if " " not in c.strip()]
            code = (undated[0] if undated else codes[-1]).split()[0]
            entries.extend(_petrarch_entries(names, code))
        names.clear()
        codes.clear()

    text = re.sub(r"<!\s*--.*?-->", "", text, flags=re.DOTALL)
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        stripped = line.strip()
        if not stripped or (stripped.startswith("!") and "=" in stripped):
            continue  # blank, or a substitution set (!PERSON! = MAN, ...)
        if raw[:1] in (" ", "\t") and stripped.startswith("["):
            codes.extend(c.strip() for c in re.findall(r"\[([^\]]+)\]", stripped))
            continue
        if stripped.startswith("+"):
            names.append(_petr_phrase(stripped[1:]))
            continue
        flush()
        head = re.split(r"[\[{]", stripped)[0]
        if not head.strip():
            continue
        names.append(_petr_phrase(head))
        for plural in re.findall(r"\{([^}]*)\}", stripped):
            names.extend(_petr_phrase(p) for p in plural.split() if p.strip())
        codes.extend(c.strip() for c in re.findall(r"\[([^\]]+)\]", stripped))
    flush()
    out = [(t if e.kind != "role" else t.lower(), e) for t, e in entries if t.strip() and "!" not in t]
    if not out:
        raise ActorDataError(f"{origin}: no PETRARCH dictionary entries found")
    return out


def _petrarch_entries(names: list[str], code: str) -> list[tuple[str, Entry]]:
    """Entries for the names of one PETRARCH record with its code."""
    out: list[tuple[str, Entry]] = []
    if code.startswith("~") or code.endswith("~"):  # an agent: a role word
        sector = code.strip("~")[:3] or None
        return [(n, Entry("role", sector=sector)) for n in names]
    if not re.fullmatch(r"[A-Za-z]{3}\w*", code):
        return out
    iso, sector = code[:3].upper(), (code[3:6].upper() or None)
    kind = "igo" if iso == "IGO" else "group" if sector in COLLECTIVE_SECTORS else "organization"
    actor = Actor(f"petr:{code.upper()}", names[0], kind, None if iso == "IGO" else iso,
                  sector or ("IGO" if iso == "IGO" else None))
    for n in names:
        for form in dict.fromkeys((n, n.upper())):
            if sector is None and iso != "IGO":
                out.append((form, Entry("name", iso3=iso)))  # a country-level actor
            else:
                out.append((form, Entry("org", iso3=actor.country, sector=actor.sector, actor=actor)))
    return out


def _petr_phrase(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip().title() if text.strip() else ""
