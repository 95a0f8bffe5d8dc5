"""A map's versions read as sittings, and its meetings on the same time line (issue 11, item 5).

The app saves on every edit, so one evening's work is dozens of versions.
:func:`sittings` groups them: **consecutive versions saved by the same author
with at most** :data:`SITTING_GAP` **(30 minutes) between one and the next**
are one sitting. The author is what the store records: the app saves as
``app:<tab id>`` (:func:`netmap.service.author_of`), so the author *is* the tab
there, and a command-line save names its author. Readings: the gap is counted
between neighbouring versions (a long sitting stays one entry as long as no
pause is longer than 30 minutes); a restore (``restored_from``) is always an
entry of its own, as it is a deliberate act the pair should see.

:func:`combine_changes` joins the change summaries of a sitting into one:
what is there at the end compared with what was there before it, as far as
the summaries tell (a person added and removed again in the sitting is not
mentioned; a move back to where someone was is none; changed detail fields
are the union, since their values are not kept).

:func:`timeline` puts sittings and the map's meetings in one list, newest
first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

from pydantic import Field

from netmap.changes import (
    AnswerChanged,
    ChangeSummary,
    DateChange,
    DetailsChanged,
    MeetingChanged,
    Moved,
    PersonRef,
    Renamed,
    TieRef,
)
from netmap.meetings import Meeting
from netmap.model import StrictModel

__all__ = [
    "SITTING_GAP",
    "Entry",
    "Sitting",
    "VersionLike",
    "combine_changes",
    "meeting_moment",
    "sittings",
    "timeline",
]

#: The longest pause between two versions of one sitting.
SITTING_GAP = dt.timedelta(minutes=30)


class VersionLike(Protocol):
    """What a sitting needs of a saved version (the store's ``VersionInfo`` has it)."""

    @property
    def version(self) -> int: ...
    @property
    def saved_at(self) -> dt.datetime: ...
    @property
    def author(self) -> str: ...
    @property
    def restored_from(self) -> int | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def changes(self) -> ChangeSummary | None: ...


class Sitting(StrictModel):
    """Consecutive versions by one author without a long pause: one entry of the history."""

    first: int = Field(ge=1, description="The first version saved in the sitting.")
    last: int = Field(ge=1, description="The last version saved in the sitting.")
    start: dt.datetime
    end: dt.datetime
    author: str
    restored_from: int | None = None
    notes: list[str] = Field(default_factory=list, description="The savers' own words, if any.")
    changes: ChangeSummary

    @property
    def count(self) -> int:
        """How many versions the sitting saved."""
        return self.last - self.first + 1

    @property
    def before(self) -> int | None:
        """The version the sitting started from (None for the map's first sitting)."""
        return self.first - 1 if self.first > 1 else None


class Entry(StrictModel):
    """One line of the time line: a sitting or a meeting."""

    kind: Literal["sitting", "meeting"]
    at: dt.datetime = Field(description="Local time, naive (a meeting has no time zone).")
    sitting: Sitting | None = None
    meeting: Meeting | None = None


def _joins(sitting: Sitting, version: VersionLike, gap: dt.timedelta) -> bool:
    return (
        version.author == sitting.author
        and version.version == sitting.last + 1
        and version.restored_from is None
        and sitting.restored_from is None
        and version.saved_at - sitting.end <= gap
    )


def sittings(versions: Sequence[VersionLike], gap: dt.timedelta = SITTING_GAP) -> list[Sitting]:
    """The versions (oldest first, as ``store.history`` gives them) grouped into sittings.

    >>> from datetime import datetime, UTC
    >>> from netmap.store.base import VersionInfo
    >>> def v(n, minute, author="app:t1"):
    ...     return VersionInfo(map_id="m", version=n, author=author, summary="",
    ...         saved_at=datetime(2026, 3, 2, 10, minute, tzinfo=UTC), changes=ChangeSummary())
    >>> [(s.first, s.last) for s in sittings([v(1, 0), v(2, 20), v(3, 55), v(4, 56, "kp")])]
    [(1, 2), (3, 3), (4, 4)]
    """
    found: list[Sitting] = []
    groups: list[list[ChangeSummary]] = []
    for version in versions:
        changes = version.changes if version.changes is not None else ChangeSummary()
        if found and _joins(found[-1], version, gap):
            last = found[-1]
            last.last, last.end = version.version, version.saved_at
            if version.note:
                last.notes.append(version.note)
            groups[-1].append(changes)
            continue
        found.append(
            Sitting(
                first=version.version,
                last=version.version,
                start=version.saved_at,
                end=version.saved_at,
                author=version.author,
                restored_from=version.restored_from,
                notes=[version.note] if version.note else [],
                changes=changes,
            )
        )
        groups.append([changes])
    for sitting, group in zip(found, groups, strict=True):
        if len(group) > 1:
            sitting.changes = combine_changes(group)
    return found


# --- combining change summaries -----------------------------------------------


class _Presence:
    """Whether something (a person, a tie) was there before and after, from add/remove events."""

    def __init__(self) -> None:
        self.first: dict[object, bool] = {}  # key -> was the first event an add?
        self.last: dict[object, bool] = {}  # key -> was the last event an add?

    def event(self, key: object, added: bool) -> None:
        self.first.setdefault(key, added)
        self.last[key] = added

    def before(self, key: object) -> bool:
        return not self.first.get(key, False)

    def after(self, key: object) -> bool:
        return self.last.get(key, True)


def _dates(changes: Iterable[DateChange | None]) -> DateChange | None:
    seen = [c for c in changes if c is not None]
    if not seen or seen[0].old == seen[-1].new:
        return None
    return DateChange(old=seen[0].old, new=seen[-1].new)


def _persons(summaries: Sequence[ChangeSummary]) -> tuple[_Presence, dict[str, str]]:
    presence = _Presence()
    names: dict[str, str] = {}
    for summary in summaries:
        for ref in summary.removed:
            presence.event(ref.id, added=False)
            names[ref.id] = ref.name
        for ref in summary.added:
            presence.event(ref.id, added=True)
            names[ref.id] = ref.name
        for renamed in summary.renamed:
            names[renamed.id] = renamed.new_name
    return presence, names


def _moves(
    summaries: Sequence[ChangeSummary], keep: set[str], names: dict[str, str]
) -> list[Moved]:
    first: dict[str, Moved] = {}
    last: dict[str, Moved] = {}
    for summary in summaries:
        for move in summary.moved:
            if move.id in keep:
                first.setdefault(move.id, move)
                last[move.id] = move
    moves = []
    for pid, start in first.items():
        end = last[pid]
        old = (start.old_sector, start.old_distance, start.old_angle)
        new = (end.new_sector, end.new_distance, end.new_angle)
        if old != new:
            moves.append(
                Moved(
                    id=pid,
                    name=names.get(pid, end.name),
                    old_sector=old[0],
                    new_sector=new[0],
                    old_distance=old[1],
                    new_distance=new[1],
                    old_angle=old[2],
                    new_angle=new[2],
                )
            )
    return moves


def _answers(
    summaries: Sequence[ChangeSummary], keep: set[str], names: dict[str, str]
) -> list[AnswerChanged]:
    first: dict[tuple[str, str], AnswerChanged] = {}
    last: dict[tuple[str, str], AnswerChanged] = {}
    for summary in summaries:
        for answer in summary.answers:
            if answer.id in keep:
                key = (answer.id, answer.question)
                first.setdefault(key, answer)
                last[key] = answer
    return [
        AnswerChanged(
            id=start.id,
            name=names.get(start.id, start.name),
            question=start.question,
            old=start.old,
            new=last[key].new,
        )
        for key, start in first.items()
        if start.old != last[key].new
    ]


def _details(
    summaries: Sequence[ChangeSummary], keep: set[str], names: dict[str, str]
) -> list[DetailsChanged]:
    fields: dict[str, dict[str, None]] = {}
    named: dict[str, str] = {}
    for summary in summaries:
        for detail in summary.details:
            if detail.id in keep:
                fields.setdefault(detail.id, {}).update(dict.fromkeys(detail.fields))
                named[detail.id] = detail.name
    return [
        DetailsChanged(id=pid, name=names.get(pid, named[pid]), fields=tuple(found))
        for pid, found in fields.items()
    ]


def _renames(summaries: Sequence[ChangeSummary], keep: set[str]) -> list[Renamed]:
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for summary in summaries:
        for renamed in summary.renamed:
            if renamed.id in keep:
                first.setdefault(renamed.id, renamed.old_name)
                last[renamed.id] = renamed.new_name
    return [
        Renamed(id=pid, old_name=old, new_name=last[pid])
        for pid, old in first.items()
        if old != last[pid]
    ]


def _ties(summaries: Sequence[ChangeSummary]) -> tuple[list[TieRef], list[TieRef]]:
    presence = _Presence()
    refs: dict[object, TieRef] = {}
    for summary in summaries:
        for tie in summary.ties_removed:
            presence.event((tie.a, tie.b), added=False)
            refs[(tie.a, tie.b)] = tie
        for tie in summary.ties_added:
            presence.event((tie.a, tie.b), added=True)
            refs[(tie.a, tie.b)] = tie
    added = [r for k, r in refs.items() if presence.after(k) and not presence.before(k)]
    removed = [r for k, r in refs.items() if presence.before(k) and not presence.after(k)]
    return added, removed


def _meetings(summaries: Sequence[ChangeSummary]) -> list[MeetingChanged]:
    changes: dict[str, dict[str, None]] = {}
    dates: dict[str, dt.date] = {}
    for summary in summaries:
        for meeting in summary.meetings:
            changes.setdefault(meeting.id, {}).update(dict.fromkeys(meeting.changes))
            dates[meeting.id] = meeting.date
    found = []
    for mid, kinds in changes.items():
        if "added" in kinds and "removed" in kinds:
            continue  # added and removed again within the sitting
        if "removed" in kinds:
            kinds = {"removed": None}
        elif "added" in kinds:
            # A new meeting is just planned; made ready for in the same sitting is news.
            kinds = {k: None for k in ("added", "prepared") if k in kinds}
        found.append(
            MeetingChanged.model_validate({"id": mid, "date": dates[mid], "changes": tuple(kinds)})
        )
    return found


def combine_changes(summaries: Sequence[ChangeSummary]) -> ChangeSummary:
    """One summary for a run of versions: from before the first to after the last.

    >>> from netmap.changes import PersonRef
    >>> a = ChangeSummary(person_count=1, added=[PersonRef(id="x", name="Erik")])
    >>> b = ChangeSummary(person_count=0, removed=[PersonRef(id="x", name="Erik")])
    >>> combine_changes([a, b]).is_empty
    True
    """
    if not summaries:
        return ChangeSummary()
    final = summaries[-1]
    if any(s.created for s in summaries):
        return ChangeSummary(
            created=True, person_count=final.person_count, tie_count=final.tie_count
        )
    presence, names = _persons(summaries)
    keys = list(dict.fromkeys([*presence.first, *names]))
    added = [str(k) for k in keys if presence.after(k) and not presence.before(k)]
    removed = [str(k) for k in keys if presence.before(k) and not presence.after(k)]
    # Facts about a person added or removed in the sitting are part of that.
    stayed = {str(k) for k in keys if presence.before(k) and presence.after(k)}
    for summary in summaries:
        about = [c.id for c in summary.moved] + [c.id for c in summary.answers]
        about += [c.id for c in summary.details] + [c.id for c in summary.renamed]
        stayed.update(pid for pid in about if pid not in presence.first)
    ties_added, ties_removed = _ties(summaries)
    return ChangeSummary(
        person_count=final.person_count,
        tie_count=final.tie_count,
        added=[PersonRef(id=pid, name=names[pid]) for pid in added],
        removed=[PersonRef(id=pid, name=names[pid]) for pid in removed],
        renamed=_renames(summaries, stayed),
        moved=_moves(summaries, stayed, names),
        answers=_answers(summaries, stayed, names),
        details=_details(summaries, stayed, names),
        ties_added=ties_added,
        ties_removed=ties_removed,
        patient_renamed=any(s.patient_renamed for s in summaries),
        cpr_changed=any(s.cpr_changed for s in summaries),
        consent=_dates(s.consent for s in summaries),
        map_date=_dates(s.map_date for s in summaries),
        meetings=_meetings(summaries),
        consent_withdrawn=_dates(s.consent_withdrawn for s in summaries),
        consent_recorded_by=any(s.consent_recorded_by for s in summaries),
    )


# --- the time line -------------------------------------------------------------


def meeting_moment(meeting: Meeting) -> dt.datetime:
    """When a meeting is on the time line: its date and time (no time: the start of the day)."""
    return dt.datetime.combine(*meeting.starts)


def _local(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    if moment.tzinfo is None:
        return moment
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).replace(tzinfo=None)


def timeline(
    found: Sequence[Sitting], meetings: Sequence[Meeting], *, tz: dt.tzinfo | None = None
) -> list[Entry]:
    """Sittings and meetings in one list, newest first (``tz``: local time, default the machine's).

    At the same moment a meeting comes after (above) the sitting, so the
    preparation reads before the meeting.
    """
    entries = [Entry(kind="sitting", at=_local(s.end, tz), sitting=s) for s in found]
    entries += [Entry(kind="meeting", at=meeting_moment(m), meeting=m) for m in meetings]
    entries.sort(key=lambda e: (e.at, e.kind == "meeting"), reverse=True)
    return entries
