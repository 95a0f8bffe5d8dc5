"""What the history page shows, read from the store in as few reads as it can.

One ``store.version_briefs`` read (the versions' metadata and change
summaries, no map, no summary text), one load of the latest map (its
meetings, the patient's name) and one load per version a meeting is measured
on (the trend charts). No other full map is loaded: a sitting's summary comes
from the stored change summaries.

Versions never change once saved, so the app keeps each map's briefs and
sittings (:class:`TimelineCache`, a few maps, the least recently used
dropped first): the page asks the store only for the versions saved since it
last looked, and groups again only the last sitting and what came after it.
The latest map is loaded every time, so an erased map is never shown from
memory (and is dropped from it).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

import dash

from netmap.analysis.sittings import Entry, Sitting, sittings, timeline
from netmap.analysis.trends import TrendPoint, meeting_versions, trends
from netmap.app.wiring import one_per_app
from netmap.store import MapNotFound, MapStore, StoredMap, VersionBrief

__all__ = [
    "HistoryData",
    "TimelineCache",
    "extend_sittings",
    "load_history",
    "load_trends",
    "timeline_cache_of",
]

#: Maps whose history the app keeps in memory.
_KEPT = 8


@dataclass(frozen=True)
class HistoryData:
    """A map's history as the page shows it."""

    latest: StoredMap
    versions: list[VersionBrief]
    entries: list[Entry]


@dataclass(frozen=True)
class _Grouped:
    versions: list[VersionBrief]
    sittings: list[Sitting]


def extend_sittings(
    versions: list[VersionBrief], found: list[Sitting], new: list[VersionBrief]
) -> list[Sitting]:
    """``found`` (the sittings of ``versions``) with the versions ``new`` added after them.

    The same as ``sittings(versions + new)``: the grouping goes from the oldest
    version on and looks only at the sitting before, so only the last sitting
    (which the new versions may continue) and what comes after is grouped again.
    """
    if not found or not new:
        return [*found, *sittings(new)] if new else list(found)
    first = found[-1].first
    start = next(i for i in range(len(versions) - 1, -1, -1) if versions[i].version == first)
    return [*found[:-1], *sittings([*versions[start:], *new])]


class TimelineCache:
    """Each map's briefs and sittings, as of the newest version read."""

    def __init__(self) -> None:
        self._maps: OrderedDict[str, _Grouped] = OrderedDict()
        self._lock = threading.Lock()

    def grouped(
        self, store: MapStore, latest: StoredMap
    ) -> tuple[list[VersionBrief], list[Sitting]]:
        """The briefs of every version up to ``latest`` and their sittings."""
        map_id = latest.map_id
        with self._lock:
            kept = self._maps.get(map_id)
            if kept is not None:
                self._maps.move_to_end(map_id)
        if kept is not None and kept.versions[-1].version > latest.version:
            kept = None  # a tab that loaded before a newer save: read afresh
        if kept is not None:
            last = kept.versions[-1]
            if last.version == latest.version and last.saved_at == latest.saved_at:
                return kept.versions, kept.sittings
            new = store.version_briefs(map_id, after=last.version)
            if new and new[0].version == last.version + 1:
                grouped = _Grouped(
                    versions=[*kept.versions, *new],
                    sittings=extend_sittings(kept.versions, kept.sittings, new),
                )
            else:
                kept = None
        if kept is None:
            versions = store.version_briefs(map_id)
            grouped = _Grouped(versions=versions, sittings=sittings(versions))
        self._keep(map_id, grouped)
        return grouped.versions, grouped.sittings

    def _keep(self, map_id: str, grouped: _Grouped) -> None:
        with self._lock:
            self._maps[map_id] = grouped
            while len(self._maps) > _KEPT:
                self._maps.popitem(last=False)

    def forget(self, map_id: str) -> None:
        """Drop a map's history (it was erased)."""
        with self._lock:
            self._maps.pop(map_id, None)


def timeline_cache_of(app: dash.Dash) -> TimelineCache:
    """The app's one cache (made by ``register_history_callbacks`` before requests come in)."""
    return one_per_app(app, "netmap.history.timeline_cache", TimelineCache)


def load_history(store: MapStore, map_id: str, cache: TimelineCache | None = None) -> HistoryData:
    """The latest version, every version's metadata, and the time line (newest first).

    With ``cache`` only the versions saved since the cache last looked are read.
    """
    try:
        latest = store.load(map_id)
    except MapNotFound:
        if cache is not None:
            cache.forget(map_id)
        raise
    if cache is None:
        versions = store.version_briefs(map_id)
        found = sittings(versions)
    else:
        versions, found = cache.grouped(store, latest)
    entries = timeline(found, latest.map.meetings)
    return HistoryData(latest=latest, versions=versions, entries=entries)


def load_trends(store: MapStore, data: HistoryData, today: dt.date) -> list[TrendPoint]:
    """One point per meeting, each on the version it is measured on."""
    picks = meeting_versions(data.latest.map.meetings, data.versions, today=today)
    maps = {}
    for version in sorted({v for _, v in picks}):
        maps[version] = (
            data.latest.map
            if version == data.latest.version
            else store.load(data.latest.map_id, version).map
        )
    return trends([(meeting, version, maps[version]) for meeting, version in picks])
