"""The team's next meeting, as of a day: what the team pack's invitation fills in.

Seed 000 (Drejebog) and seed 001, 5.3: at the end of each meeting the next one
is set. The next meeting is the first planned one (not yet held) on or after
the day; failing that, the date the last held meeting set for the next one
(``Meeting.next_meeting``), with no time or place yet. A meeting that is past
and not marked held is not "next": it was missed or not recorded.
"""

from __future__ import annotations

import datetime as dt

from netmap.meetings import Meeting, MeetingKind, latest_held, meetings_in_order
from netmap.model import LongText, ShortText, StrictModel

__all__ = ["NextMeeting", "next_meeting"]


class NextMeeting(StrictModel):
    """When, where and why the team meets next (what is known of it)."""

    date: dt.date
    time: dt.time | None = None
    meeting_kind: MeetingKind = MeetingKind.NETWORK
    place: ShortText = None
    purpose: LongText = None


def next_meeting(meetings: list[Meeting], as_of: dt.date) -> NextMeeting | None:
    """The next meeting on or after ``as_of``, or None if none is set.

    >>> m1 = Meeting(id="m1", date=dt.date(2026, 11, 3), held=True,
    ...              next_meeting=dt.date(2026, 12, 15))
    >>> next_meeting([m1], dt.date(2026, 12, 1)).date
    datetime.date(2026, 12, 15)
    >>> m2 = Meeting(id="m2", date=dt.date(2026, 12, 16), place="Jobcenteret")
    >>> next_meeting([m1, m2], dt.date(2026, 12, 1)).place
    'Jobcenteret'
    >>> next_meeting([m1, m2], dt.date(2026, 12, 17)) is None
    True
    """
    for meeting in meetings_in_order(meetings):
        if not meeting.held and meeting.date >= as_of:
            return NextMeeting(
                date=meeting.date,
                time=meeting.time,
                meeting_kind=meeting.meeting_kind,
                place=meeting.place,
                purpose=meeting.purpose,
            )
    held = latest_held(meetings)
    if held is not None and held.next_meeting is not None and held.next_meeting >= as_of:
        return NextMeeting(date=held.next_meeting)
    return None
