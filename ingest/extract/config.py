"""Extractor configuration and the lexicon it loads from ``ingest/data``.

The lexicon (verb classes, event nouns, role nouns, pronoun features) lives in
data files named ``extract_*.tsv``.  An :class:`ExtractorConfig` is a frozen
value naming those files and a few switches; its :attr:`ExtractorConfig.lexicon`
is loaded on first use and cached *on that config object*, so two
configurations can coexist in one process and nothing is read at import time.

Examples
--------
>>> cfg = ExtractorConfig()
>>> cfg.lexicon.verb_class("warn")
'speech'
>>> cfg.lexicon.verb_mode("want")
'intended'
>>> cfg.lexicon.is_event_noun("arrest")
True
>>> cfg.lexicon is cfg.lexicon
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from geokg.ingest.resources import data_text

__all__ = ["ExtractorConfig", "Lexicon", "PronounInfo", "LexiconError"]


class LexiconError(ValueError):
    """A lexicon data file is missing or malformed (the message names it)."""


@dataclass(frozen=True, slots=True)
class PronounInfo:
    """Agreement features of a pronoun form."""

    number: str
    gender: str
    animacy: str
    possessive: bool


def _read_rows(name: str, data_dir: str | None) -> list[list[str]]:
    """Rows of a TSV data file, comments and blank lines skipped."""
    try:
        text = data_text(name, data_dir or None)
    except OSError as exc:
        raise LexiconError(f"cannot read extractor lexicon {name!r}: {exc}") from exc
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


class Lexicon:
    """Word lists used by the extractor rules (built from the data files)."""

    def __init__(
        self,
        verbs: dict[str, dict[str, str]],
        event_nouns: dict[str, str],
        role_nouns: frozenset[str],
        pronouns: dict[str, PronounInfo],
        headline_verbs: frozenset[str] = frozenset(),
        group_nouns: frozenset[str] = frozenset(),
        individual_nouns: frozenset[str] = frozenset(),
        noun_genders: dict[str, str] | None = None,
    ) -> None:
        self.verbs = verbs
        self.headline_verbs = headline_verbs | frozenset(verbs)
        self.event_nouns = event_nouns
        self.role_nouns = role_nouns
        self.pronouns = pronouns
        self.group_nouns = group_nouns
        self.individual_nouns = individual_nouns
        self.noun_genders = dict(noun_genders or {})  # "girl": "f" -- a pronoun of the other gender is not her

        def members(cls: str) -> frozenset[str]:
            return frozenset(k for k, classes in verbs.items() if cls in classes)

        self.speech = members("speech")
        self.negators = members("negator")
        self.aspect = members("aspect")
        self.light = members("light")
        self.negwords = members("negword")
        self.condmarks = members("condmark")
        self.stative = members("stative")
        self.modals = {k: c["modal"] for k, c in verbs.items() if "modal" in c}
        self.mode_verbs = {k: c["mode"] for k, c in verbs.items() if "mode" in c}
        self.claim_verbs = {k: c["claim"] for k, c in verbs.items() if "claim" in c}
        self.captor_status = {k: frozenset(c["captor"].split()) for k, c in verbs.items() if "captor" in c}

    @classmethod
    def load(cls, config: "ExtractorConfig") -> "Lexicon":
        """Read the data files that ``config`` names."""
        verbs: dict[str, dict[str, str]] = {}
        for row in _read_rows(config.verbs_file, config.data_dir):
            if len(row) < 2:
                raise LexiconError(f"{config.verbs_file}: bad row {row!r} (need lemma<TAB>class)")
            verbs.setdefault(row[0], {}).setdefault(row[1], row[2] if len(row) > 2 else "")
        nouns = {}
        for row in _read_rows(config.nominals_file, config.data_dir):
            nouns[row[0]] = row[1] if len(row) > 1 and row[1] else row[0]
        role_rows = _read_rows(config.roles_file, config.data_dir)
        roles = frozenset(r[0].lower() for r in role_rows if len(r) < 2 or r[1] in ("", "person"))
        groups = frozenset(r[0].lower() for r in role_rows if len(r) > 1 and r[1] == "group")
        individuals = frozenset(r[0].lower() for r in role_rows if len(r) > 1 and r[1] == "individual")
        genders = {r[0].lower(): r[2] for r in role_rows if len(r) > 2 and r[1] == "individual" and r[2] in ("f", "m")}
        pronouns = {}
        for row in _read_rows(config.pronouns_file, config.data_dir):
            if len(row) != 5:
                raise LexiconError(f"{config.pronouns_file}: bad row {row!r} (need 5 columns)")
            pronouns[row[0]] = PronounInfo(row[1], row[2], row[3], row[4] == "1")
        headline = frozenset(row[0].lower() for row in _read_rows(config.headline_verbs_file, config.data_dir))
        return cls(verbs, nouns, roles, pronouns, headline, groups, individuals, genders)

    def verb_class(self, lemma: str) -> str:
        """First-listed class of a verb lemma ("speech", "mode", ...) or ""."""
        entry = self.verbs.get(lemma)
        return next(iter(entry)) if entry else ""

    def verb_mode(self, lemma: str) -> str:
        """Mode a control verb gives its complement ("intended", ...) or ""."""
        return self.mode_verbs.get(lemma, "")

    def is_event_noun(self, lemma: str) -> bool:
        """Whether ``lemma`` names an event (arrest, bust, ultimatum)."""
        return lemma in self.event_nouns

    def is_group_noun(self, lemma: str) -> bool:
        """Whether ``lemma`` names a collective actor (government, army, police)."""
        return lemma.lower() in self.group_nouns

    def is_role_noun(self, lemma: str) -> bool:
        """Whether ``lemma`` names a role or office (president, minister)."""
        return lemma.lower() in self.role_nouns

    def is_person_noun(self, lemma: str) -> bool:
        """Whether ``lemma`` names one person: a role, or a person of no office (engineer, hostage)."""
        low = lemma.lower()
        return low in self.role_nouns or low in self.individual_nouns


@dataclass(frozen=True)
class ExtractorConfig:
    """Settings of the extractor.

    Parameters
    ----------
    verbs_file, nominals_file, roles_file, pronouns_file, headline_verbs_file
        Names of the lexicon files under ``ingest/data`` (or ``data_dir``).
    data_dir
        Read the lexicon from this folder instead of the package data.
    nominals, roles, coref
        Switch nominal-event records, role/attribute records and
        coreference on or off.
    noun_preps
        Prepositions whose phrase stays inside a noun-phrase argument
        ("doses of fentanyl"); other noun-attached phrases become extras.
    min_confidence
        Records below this confidence are dropped.
    agentless_passives
        Emit agentless passives ("X was arrested") with an implicit (empty)
        subject; when False they are dropped from :func:`extract` output.
    """

    verbs_file: str = "extract/verbs.tsv"
    nominals_file: str = "extract/nominals.tsv"
    roles_file: str = "extract/roles.tsv"
    pronouns_file: str = "extract/pronouns.tsv"
    headline_verbs_file: str = "extract/headline_verbs.tsv"
    data_dir: str | None = None
    nominals: bool = True
    roles: bool = True
    coref: bool = True
    noun_preps: tuple[str, ...] = ("of",)
    min_confidence: float = 0.0
    agentless_passives: bool = True

    @cached_property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded once per config object."""
        return Lexicon.load(self)
