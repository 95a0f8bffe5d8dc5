"""Where maps are kept: an embedded SQLite database by default.

Callers use :func:`open_store` and the :class:`MapStore` interface, never SQL,
so a server database could be added later without touching them.
"""

from __future__ import annotations

from pathlib import Path

from netmap.store.base import (
    ConflictError,
    Erasure,
    MapNotFound,
    MapStore,
    MapSummary,
    StoreCorrupt,
    StoredMap,
    StoreError,
    VersionBrief,
    VersionInfo,
    VersionNotFound,
)
from netmap.store.location import default_db_path, resolve_db_path
from netmap.store.permissions import private_folder
from netmap.store.sqlite import SqliteStore

__all__ = [
    "ConflictError",
    "Erasure",
    "MapNotFound",
    "MapStore",
    "MapSummary",
    "SqliteStore",
    "StoreCorrupt",
    "StoreError",
    "StoredMap",
    "VersionBrief",
    "VersionInfo",
    "VersionNotFound",
    "default_db_path",
    "open_store",
    "resolve_db_path",
]


def open_store(db: Path | str | None = None) -> MapStore:
    """Open (creating if needed) the store at ``db``, ``$NETMAP_DB`` or the default.

    The maps hold names, contact details and CPR numbers: netmap's own data
    folder is made private to the user (0700) even if it exists, a folder
    created for another path gets 0700 too, but an existing folder the user
    chose (their home, ``/tmp``) is left as it is; the database files in it
    are made owner-only (:mod:`netmap.store.permissions`). A damaged file is
    refused here with what to do (:class:`StoreError`).
    """
    path = resolve_db_path(db)
    if path.parent == default_db_path().parent:
        private_folder(path.parent)
    elif not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError("store.cannot_open", path=str(path), detail=str(exc)) from exc
    return SqliteStore(path)
