"""A small registry of swappable parts under versioned names.

Readers, extractors, stores and renderers register themselves under names such
as ``"store.oxigraph.v1"``; callers look them up by name instead of writing
``if/elif`` chains.  A registry is an ordinary object: create one per kind of
part; nothing is read from configuration at import time.

Examples
--------
>>> stores = Registry("store")
>>> @stores.register("memory.v1")
... def make_memory():
...     return "a memory store"
>>> stores.get("memory.v1")()
'a memory store'
>>> stores.names()
['memory.v1']
>>> stores.get("nope.v1")
Traceback (most recent call last):
...
KeyError: "no store named 'nope.v1'; known: memory.v1"
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
