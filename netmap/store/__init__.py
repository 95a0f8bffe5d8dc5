"""Where maps are kept: an embedded SQLite database by default."""

from netmap.store.base import (
    ConflictError,
    MapNotFound,
    MapStore,
    MapSummary,
    StoredMap,
    VersionInfo,
    VersionNotFound,
)

__all__ = [
    "ConflictError",
    "MapNotFound",
    "MapStore",
    "MapSummary",
    "StoredMap",
    "VersionInfo",
    "VersionNotFound",
]
