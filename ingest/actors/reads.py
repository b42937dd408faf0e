"""What the phrase rules read of an article's context, so results can be reused.

The actor a phrase names depends on the phrase and, sometimes, on its article's
:class:`~geokg.ingest.actors.data.CodingContext`: its main country, the people it
names, the holders of offices.  :class:`ContextReads` stands in for the context
while a phrase is coded and records every value the rules read.  A result whose
reads give the same values in another article's context (:meth:`ContextReads.replays`)
is the result there too: the rules are deterministic, so the same reads take the
same path.  The actor coder keeps such results with the reads they depend on
(:class:`VariantMemo`).

Examples
--------
>>> from geokg.ingest.actors.data import CodingContext
>>> reads = ContextReads(CodingContext(default_country="MEX"))
>>> reads.default_country, reads.people.get("sheinbaum"), reads.tracked
('MEX', None, True)
>>> log = reads.log()
>>> ContextReads.replays(log, CodingContext(default_country="MEX"))
True
>>> ContextReads.replays(log, CodingContext(default_country="USA"))
False
>>> memo = VariantMemo(8)
>>> memo.put(("police", 0), log, "actor:MEX-COP")
>>> memo.get(("police", 0), CodingContext(default_country="MEX")), memo.get(("police", 0), CodingContext())
('actor:MEX-COP', None)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from geokg.ingest.actors.data import CodingContext, Memo

__all__ = ["ContextReads", "VariantMemo"]

_MISSING = object()  # "no such key" in a recorded read
_UNTRACKED = "?"     # a read that cannot be replayed


class _ReadMapping:
    """A read-only view of one of the context's mappings that logs each lookup."""

    __slots__ = ("_data", "_kind", "_log")

    def __init__(self, data: Mapping, kind: str, log: list) -> None:
        self._data = data
        self._kind = kind
        self._log = log

    def get(self, key, default=None):
        value = self._data.get(key, _MISSING)
        self._log.append((self._kind, key, value))
        return default if value is _MISSING else value

    def __getitem__(self, key):
        value = self._data.get(key, _MISSING)
        self._log.append((self._kind, key, value))
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        value = self._data.get(key, _MISSING)
        self._log.append((self._kind, key, value))
        return value is not _MISSING

    def __getattr__(self, name: str):
        self._log.append((_UNTRACKED, name, None))  # anything else is not replayed
        return getattr(self._data, name)


class ContextReads:
    """Stands in for a :class:`CodingContext` and logs what is read of it (see module doc).

    ``default_country``, ``scene_country``, ``eponyms`` and lookups in ``people`` and ``roles`` are logged with their
    values; any other read makes the log unreplayable.
    """

    __slots__ = ("_context", "_log", "people", "roles")

    def __init__(self, context: CodingContext) -> None:
        self._context = context
        self._log: list[tuple] = []
        self.people = _ReadMapping(context.people, "people", self._log)
        self.roles = _ReadMapping(context.roles, "roles", self._log)

    @property
    def default_country(self) -> str | None:
        value = self._context.default_country
        self._log.append(("default_country", None, value))
        return value

    @property
    def scene_country(self) -> str | None:
        value = self._context.scene_country
        self._log.append(("scene_country", None, value))
        return value

    @property
    def eponyms(self) -> frozenset[str]:
        value = self._context.eponyms
        self._log.append(("eponyms", None, value))
        return value

    def __getattr__(self, name: str):
        self._log.append((_UNTRACKED, name, None))
        return getattr(self._context, name)

    @property
    def tracked(self) -> bool:
        """Whether anything was read of the context."""
        return bool(self._log)

    def log(self) -> tuple[tuple, ...] | None:
        """The reads in order, or None when one of them cannot be replayed."""
        if any(kind == _UNTRACKED for kind, _, _ in self._log):
            return None
        return tuple(self._log)

    @staticmethod
    def replays(log: tuple[tuple, ...], context: CodingContext) -> bool:
        """Whether every read of ``log`` gives the same value in ``context``."""
        for kind, key, value in log:
            if kind == "default_country":
                now = context.default_country
            elif kind == "scene_country":
                now = context.scene_country
            elif kind == "eponyms":
                now = context.eponyms
            elif kind == "people":
                now = context.people.get(key, _MISSING)
            elif kind == "roles":
                now = context.roles.get(key, _MISSING)
            else:
                return False
            if now is not value and (now is _MISSING or value is _MISSING or now != value):
                return False
        return True


class VariantMemo:
    """A bounded memo of context-dependent results: per key, up to ``variants``
    (read log, result) pairs; :meth:`get` returns the result of the first log that
    replays in the given context.

    Like :class:`~geokg.ingest.actors.data.Memo` it needs no lock: a variant list is
    replaced, never changed in place.
    """

    __slots__ = ("_memo", "variants")

    def __init__(self, maxsize: int, variants: int = 8) -> None:
        self._memo = Memo(maxsize)
        self.variants = variants

    def get(self, key: Hashable, context: CodingContext, default=None):
        for log, result in self._memo.get(key, ()):
            if ContextReads.replays(log, context):
                return result
        return default

    def put(self, key: Hashable, log: tuple[tuple, ...], result) -> None:
        found = self._memo.get(key, ())
        if len(found) < self.variants:
            self._memo.put(key, (*found, (log, result)))

    def __len__(self) -> int:
        return len(self._memo)
