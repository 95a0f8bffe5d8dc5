"""The store interface: every caller (CLI, app) talks to this, never to SQL.

A map is saved as an append-only list of immutable versions. A save names the
version it was based on; if another save came first the store refuses with
:class:`ConflictError`, which hands the rejected map back to the caller so
nothing typed is lost. A second implementation (a server database) only has to
satisfy :class:`MapStore`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from pydantic import Field

from netmap.errors import NetmapError
from netmap.model import NetworkMap, StrictModel

__all__ = [
    "ConflictError",
    "MapNotFound",
    "MapStore",
    "MapSummary",
    "StoredMap",
    "VersionInfo",
    "VersionNotFound",
]


class MapSummary(StrictModel):
    """One row of the list of maps."""

    map_id: str
    patient_name: str
    masked_cpr: str = ""
    created_at: datetime
    updated_at: datetime
    latest_version: int = Field(ge=1)
    version_count: int = Field(ge=1)


class VersionInfo(StrictModel):
    """One saved version: who, when, based on what, and what changed."""

    map_id: str
    version: int = Field(ge=1)
    saved_at: datetime
    author: str
    based_on: int | None = None
    restored_from: int | None = None
    summary: str = Field(description="What changed, in plain words (Danish).")


class StoredMap(StrictModel):
    """A map as loaded from the store, with the version it is."""

    map_id: str
    version: int = Field(ge=1)
    saved_at: datetime
    map: NetworkMap


class MapNotFound(NetmapError):
    def __init__(self, map_id: str) -> None:
        self.map_id = map_id
        super().__init__("store.map_not_found", map_id=map_id)


class VersionNotFound(NetmapError):
    def __init__(self, map_id: str, version: int) -> None:
        self.map_id = map_id
        self.version = version
        super().__init__("store.version_not_found", map_id=map_id, version=version)


class ConflictError(NetmapError):
    """The map changed since ``base_version``; ``rejected`` is the map not saved."""

    def __init__(
        self, map_id: str, base_version: int, current_version: int, rejected: NetworkMap
    ) -> None:
        self.map_id = map_id
        self.base_version = base_version
        self.current_version = current_version
        self.rejected = rejected
        super().__init__(
            "store.conflict",
            map_id=map_id,
            base_version=base_version,
            current_version=current_version,
        )


@runtime_checkable
class MapStore(Protocol):
    """Several maps (one per patient), each an append-only list of versions."""

    def create(
        self, network_map: NetworkMap, *, author: str, summary: str | None = None
    ) -> StoredMap:
        """Store a new map as version 1 and return it with its new ``map_id``."""
        ...

    def list_maps(self) -> list[MapSummary]:
        """All maps, most recently changed first."""
        ...

    def load(self, map_id: str, version: int | None = None) -> StoredMap:
        """The latest version, or the one asked for."""
        ...

    def save(
        self,
        map_id: str,
        network_map: NetworkMap,
        *,
        base_version: int,
        author: str,
        summary: str | None = None,
    ) -> StoredMap:
        """Append a new version; ``ConflictError`` if ``base_version`` is not the latest.

        Without ``summary`` the store describes the change from the base version.
        """
        ...

    def history(self, map_id: str) -> list[VersionInfo]:
        """Every version of a map, oldest first."""
        ...

    def restore(self, map_id: str, version: int, *, author: str) -> StoredMap:
        """Make an older version the latest again, as a new version."""
        ...

    def delete(self, map_id: str) -> None:
        """Erase a map and all its versions (the patient's right to erasure)."""
        ...

    def backup(self, target: Path) -> None:
        """Write a consistent copy of the whole store to ``target``."""
        ...

    def close(self) -> None: ...
