"""Where maps are kept: an embedded SQLite database by default.

Callers use :func:`open_store` and the :class:`MapStore` interface, never SQL,
so a server database could be added later without touching them.
"""

from __future__ import annotations

from pathlib import Path

from netmap.store.base import (
    ConflictError,
    MapNotFound,
    MapStore,
    MapSummary,
    StoreCorrupt,
    StoredMap,
    StoreError,
    VersionInfo,
    VersionNotFound,
)
from netmap.store.location import default_db_path, resolve_db_path
from netmap.store.sqlite import SqliteStore

__all__ = [
    "ConflictError",
    "MapNotFound",
    "MapStore",
    "MapSummary",
    "SqliteStore",
    "StoreCorrupt",
    "StoreError",
    "StoredMap",
    "VersionInfo",
    "VersionNotFound",
    "default_db_path",
    "open_store",
    "resolve_db_path",
]


def open_store(db: Path | str | None = None) -> MapStore:
    """Open (creating if needed) the store at ``db``, ``$NETMAP_DB`` or the default.

    A folder made for the database is private to the user (mode 0700): the
    maps hold names, contact details and CPR numbers.
    """
    path = resolve_db_path(db)
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError("store.cannot_open", path=str(path), detail=str(exc)) from exc
    return SqliteStore(path)
