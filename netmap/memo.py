"""Values made from frozen objects, remembered by the object's identity.

Persons, ties and the overview's rows are frozen, and a new version of a map
shares every one it did not change with the version before. So what is made
from one of them (its stored JSON, its overview row, its line in the team
panel) can be made once and found again by the object itself: a drop on a
1,000-person map then makes one or two of them, not a thousand.

The object is kept beside its value, so its ``id`` cannot be given to another
object while the entry exists. The memo is bounded: it is emptied when full.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["ByIdentity"]

T = TypeVar("T")
V = TypeVar("V")


class ByIdentity(Generic[V]):
    """``make(obj)`` for (an object, a small key), made once while remembered.

    >>> memo: ByIdentity[str] = ByIdentity(limit=10)
    >>> thing = ["a"]
    >>> memo.get(thing, "da", lambda o: "made")
    'made'
    >>> memo.get(thing, "da", lambda o: "made again"), memo.get(thing, "en", lambda o: "en")
    ('made', 'en')
    >>> memo.get(["a"], "da", lambda o: "another object")  # equal, but not the same
    'another object'
    """

    def __init__(self, limit: int = 8_000) -> None:
        self._limit = limit
        self._items: dict[tuple[int, Hashable], tuple[object, V]] = {}
        self._lock = threading.Lock()

    def get(self, obj: T, key: Hashable, make: Callable[[T], V]) -> V:
        """The value for ``obj`` and ``key``, ``make(obj)`` if not remembered."""
        entry = (id(obj), key)
        known = self._items.get(entry)
        if known is not None and known[0] is obj:
            return known[1]
        value = make(obj)
        with self._lock:
            if len(self._items) >= self._limit:
                self._items.clear()
            self._items[entry] = (obj, value)
        return value
