"""What the history page shows, read from the store in as few reads as it can.

One ``store.version_briefs`` read (the versions' metadata and change
summaries, no map, no summary text), one load of the latest map (its
meetings, the patient's name) and one load per version a meeting is measured
on (the trend charts). No other full map is loaded: a sitting's summary comes
from the stored change summaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netmap.analysis.sittings import Entry, sittings, timeline
from netmap.analysis.trends import TrendPoint, meeting_versions, trends
from netmap.store import MapStore, StoredMap, VersionBrief

__all__ = ["HistoryData", "load_history", "load_trends"]


@dataclass(frozen=True)
class HistoryData:
    """A map's history as the page shows it."""

    latest: StoredMap
    versions: list[VersionBrief]
    entries: list[Entry]


def load_history(store: MapStore, map_id: str) -> HistoryData:
    """The latest version, every version's metadata, and the time line (newest first)."""
    latest = store.load(map_id)
    versions = store.version_briefs(map_id)
    entries = timeline(sittings(versions), latest.map.meetings)
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
