"""How the network changed across the meetings of a map (issue 11, item 7).

One :class:`TrendPoint` per meeting, measured on the version of the map the
meeting was prepared with (``Meeting.prepared_with``, set by "the map is ready
for the meeting"), or else on the latest version saved by the end of the
meeting's day. A meeting later than today that nobody prepared has no point
yet: the map of today is not the map of that meeting.

The numbers come from :func:`netmap.analysis.measures.ego_measures` (persons
per sector, persons in the close band, the share of professionals) and
:func:`netmap.analysis.groups.derive_groups` (Patientens team), never counted
again here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from pydantic import Field

from netmap.analysis.groups import derive_groups
from netmap.analysis.measures import ego_measures
from netmap.meetings import Meeting, meetings_in_order
from netmap.model import Band, NetworkMap, Sector, StrictModel

__all__ = ["SavedVersion", "TrendPoint", "meeting_versions", "trend_point", "trends"]


class SavedVersion(Protocol):
    """What picking a meeting's version needs of a saved version (``VersionInfo`` has it)."""

    @property
    def version(self) -> int: ...
    @property
    def saved_at(self) -> dt.datetime: ...


class TrendPoint(StrictModel):
    """The network as it stood at one meeting."""

    meeting_id: str
    date: dt.date
    version: int = Field(ge=1, description="The version of the map measured.")
    persons: int = Field(ge=0)
    by_sector: dict[Sector, int]
    close: int = Field(ge=0, description="Persons in the close band.")
    professional_share: float | None = Field(description="None on a map with no persons.")
    team_size: int = Field(ge=0, description="Persons in Patientens team.")


def _local_day(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.date:
    if moment.tzinfo is None:
        return moment.date()
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


def meeting_versions(
    meetings: Sequence[Meeting],
    versions: Sequence[SavedVersion],
    *,
    today: dt.date,
    tz: dt.tzinfo | None = None,
) -> list[tuple[Meeting, int]]:
    """Each meeting (in date order) with the version it is measured on; meetings with none left out.

    ``versions`` oldest first (``store.history``); ``tz`` the local time zone
    the meeting's day is in (default the machine's).

    >>> from datetime import datetime, UTC
    >>> from netmap.store.base import VersionInfo
    >>> vs = [VersionInfo(map_id="m", version=n, author="a", summary="",
    ...       saved_at=datetime(2026, 3, d, 9, tzinfo=UTC)) for n, d in ((1, 1), (2, 5), (3, 9))]
    >>> ms = [Meeting(id="m1", date=dt.date(2026, 3, 6)), Meeting(id="m2", date=dt.date(2026, 3, 7),
    ...       prepared_with=1), Meeting(id="m3", date=dt.date(2026, 4, 1))]
    >>> [(m.id, v) for m, v in meeting_versions(ms, vs, today=dt.date(2026, 3, 20), tz=UTC)]
    [('m1', 2), ('m2', 1)]
    """
    known = {v.version for v in versions}
    picked: list[tuple[Meeting, int]] = []
    for meeting in meetings_in_order(list(meetings)):
        if meeting.prepared_with is not None and meeting.prepared_with in known:
            picked.append((meeting, meeting.prepared_with))
            continue
        if meeting.date > today:
            continue
        on_or_before = [v.version for v in versions if _local_day(v.saved_at, tz) <= meeting.date]
        if on_or_before:
            picked.append((meeting, max(on_or_before)))
    return picked


def trend_point(meeting: Meeting, version: int, network_map: NetworkMap) -> TrendPoint:
    """The network of ``network_map`` (version ``version``) as it stood at ``meeting``."""
    measures = ego_measures(network_map)
    return TrendPoint(
        meeting_id=meeting.id,
        date=meeting.date,
        version=version,
        persons=measures.size,
        by_sector=measures.by_sector,
        close=measures.by_band[Band.CLOSE],
        professional_share=measures.professional_share,
        team_size=len(derive_groups(network_map).team),
    )


def trends(points: Sequence[tuple[Meeting, int, NetworkMap]]) -> list[TrendPoint]:
    """One point per meeting, in the order given (see :func:`meeting_versions`)."""
    return [trend_point(meeting, version, m) for meeting, version, m in points]
