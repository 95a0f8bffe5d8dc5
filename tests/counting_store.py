"""A store that counts its map loads (the target: one load per drop)."""

from __future__ import annotations

from typing import Any

from netmap.store import SqliteStore


class CountingStore:
    """The store, counting its map loads; everything else passes through."""

    def __init__(self, store: SqliteStore) -> None:
        self.store = store
        self.loads = 0

    def load(self, *args: Any) -> Any:
        self.loads += 1
        return self.store.load(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)
