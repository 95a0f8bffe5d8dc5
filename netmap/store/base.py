"""The store interface: every caller (CLI, app) talks to this, never to SQL.

A map is saved as an append-only list of immutable versions. A save names the
version it was based on; if another save came first the store refuses with
:class:`ConflictError`, which hands the rejected map back to the caller so
nothing typed is lost. A second implementation (a server database) only has to
satisfy :class:`MapStore`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from pydantic import Field

from netmap.changes import ChangeSummary
from netmap.errors import InvalidInput, NetmapError
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.model import NetworkMap, StrictModel

if TYPE_CHECKING:
    from netmap.export.log import ExportRecord

__all__ = [
    "ConflictError",
    "Erasure",
    "MapNotFound",
    "MapStore",
    "MapSummary",
    "StoreCorrupt",
    "StoreError",
    "StoredMap",
    "VersionBrief",
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
    note: str | None = Field(
        default=None, description="The saver's own words, if given (else the summary is made)."
    )
    changes: ChangeSummary | None = Field(
        default=None, description="What changed, structured (None if unreadable)."
    )

    def describe(self, lang: Lang = DEFAULT_LANG) -> str:
        """The saver's note if there is one, else what changed in ``lang``."""
        if self.note:
            return self.note
        if self.changes is None:
            return self.summary
        text = self.changes.describe(lang)
        if self.restored_from is not None:
            text = f"{t('changes.restored', lang, version=self.restored_from)}: {text}"
        return text


class VersionBrief(StrictModel):
    """A saved version as a list of many shows it: no summary text is made.

    What :class:`VersionInfo` holds but ``based_on`` and ``summary``, for the
    history page, which groups hundreds of versions and words only a few.
    """

    version: int = Field(ge=1)
    saved_at: datetime
    author: str
    restored_from: int | None = None
    note: str | None = None
    changes: ChangeSummary | None = None


class StoredMap(StrictModel):
    """A map as loaded from the store, with the version it is."""

    map_id: str
    version: int = Field(ge=1)
    saved_at: datetime
    map: NetworkMap


class Erasure(StrictModel):
    """What :meth:`MapStore.delete` did.

    The map is gone from netmap either way (no list, no load). ``complete``
    says whether its names, CPR and phone numbers are also gone from every file
    on disk; if not, ``reason`` says why and the store finishes the erasure at
    its next chance (a save, an open, a close), without being asked again.
    """

    map_id: str
    complete: bool
    reason: Literal["in_use"] | None = Field(
        default=None, description="in_use: another program has the database open."
    )
    files: list[str] = Field(
        default_factory=list, description="The files that may still hold traces, if not complete."
    )


class StoreError(NetmapError):
    """The store cannot do what was asked (cannot open, busy, not a netmap database …)."""


class StoreCorrupt(StoreError):
    """A stored version no longer reads as a valid map (edited or damaged outside netmap)."""

    def __init__(self, map_id: str, version: int, problem: InvalidInput | str) -> None:
        self.map_id = map_id
        self.version = version
        self.problem = problem
        super().__init__("store.corrupt_version", map_id=map_id, version=version)

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        detail = self.problem if isinstance(self.problem, str) else self.problem.message(lang)
        return t(self.key, lang, detail=detail, **self.params)


class MapNotFound(StoreError):
    def __init__(self, map_id: str) -> None:
        self.map_id = map_id
        super().__init__("store.map_not_found", map_id=map_id)


class VersionNotFound(StoreError):
    def __init__(self, map_id: str, version: int) -> None:
        self.map_id = map_id
        self.version = version
        super().__init__("store.version_not_found", map_id=map_id, version=version)


class ConflictError(StoreError):
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
        before_commit: Callable[[], None] | None = None,
    ) -> StoredMap:
        """Append a new version; ``ConflictError`` if ``base_version`` is not the latest.

        Without ``summary`` the store describes the change from the base version.
        A map equal to the latest version adds no version: the latest is returned
        as it is (the app saves on every edit; history should show real changes).
        A stale ``base_version`` is refused even then. ``before_commit`` is
        called when the new version is written and only the commit (the
        wait for the disk) is left; not when nothing is added or it is refused.
        """
        ...

    def history(self, map_id: str, *, after: int = 0) -> list[VersionInfo]:
        """Every version of a map newer than ``after`` (all by default), oldest first.

        With ``after`` only those versions are read, however long the history:
        a save refused on a stale version asks only for what came since.
        """
        ...

    def version_briefs(self, map_id: str, *, after: int = 0) -> list[VersionBrief]:
        """Every version of a map newer than ``after`` (all by default), oldest first,
        without the summary text (cheap).

        As with :meth:`history`, ``after`` reads only the newer rows (the history
        page's cache asks only for what came since it last looked).
        """
        ...

    def restore(
        self, map_id: str, version: int, *, author: str, base_version: int | None = None
    ) -> StoredMap:
        """Make an older version the latest again, as a new version.

        If that version already equals the latest, nothing is added. With
        ``base_version`` (the latest version the caller saw) a newer version
        saved meanwhile is refused with ``ConflictError``, as a save is.
        """
        ...

    def delete(self, map_id: str) -> Erasure:
        """Erase a map and all its versions (the patient's right to erasure).

        Never reports ``complete`` while traces of the map may still be on disk.
        """
        ...

    def erasure_pending(self) -> bool:
        """Whether an erasure (by this or another program) is not finished on disk yet."""
        ...

    def record_export(self, record: ExportRecord) -> None:
        """Add one export to the map's export log."""
        ...

    def export_log(self, map_id: str) -> list[ExportRecord]:
        """Every export of the map, oldest first."""
        ...

    def backup(self, target: Path, *, overwrite: bool = False) -> None:
        """Write a consistent copy of the whole store to ``target``.

        An existing ``target`` is refused unless ``overwrite`` is true.
        """
        ...

    def close(self) -> None: ...
