"""A small registry of swappable parts under versioned names (the class only).

Callers look parts up by name instead of writing ``if/elif`` chains.  A
registry is an ordinary object: each kind of part has one, defined beside the
parts it holds: the source readers in :data:`geokg.ingest.readers.base.READERS`,
the graph stores in :data:`geokg.graph.store.base.STORES` (geokg.graph, not here:
geokg.ingest never imports geokg.graph).  Nothing is read from configuration
at import time.

Examples
--------
>>> parts = Registry("part")
>>> @parts.register("memory.v1")
... def make_memory():
...     return "a memory part"
>>> parts.get("memory.v1")()
'a memory part'
>>> parts.names()
['memory.v1']
>>> parts.get("nope.v1")
Traceback (most recent call last):
...
KeyError: "no part named 'nope.v1'; known: memory.v1"
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Map versioned names to factories of one kind of part."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator that registers ``func`` under ``name``."""

        def deco(func: T) -> T:
            if name in self._items and self._items[name] is not func:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = func
            return func

        return deco

    def get(self, name: str) -> T:
        """Return the part registered under ``name`` (a clear KeyError if none)."""
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named {name!r}; known: {known}") from None

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items
