"""Versions read as sittings, their combined change summary, and the time line."""

from __future__ import annotations

import datetime as dt

import pytest

from netmap.analysis.sittings import SITTING_GAP, combine_changes, sittings, timeline
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
from netmap.model import Sector
from netmap.store.base import VersionInfo

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _v(
    n: int,
    minutes: float,
    author: str = "app:aa",
    *,
    changes: ChangeSummary | None = None,
    restored_from: int | None = None,
    note: str | None = None,
) -> VersionInfo:
    return VersionInfo(
        map_id="m",
        version=n,
        saved_at=T0 + dt.timedelta(minutes=minutes),
        author=author,
        summary="",
        restored_from=restored_from,
        note=note,
        changes=changes if changes is not None else ChangeSummary(),
    )


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        pytest.param([], [], id="sit001-no-versions"),
        pytest.param([_v(1, 0)], [(1, 1)], id="sit002-one-version"),
        pytest.param([_v(1, 0), _v(2, 5), _v(3, 34)], [(1, 3)], id="sit003-pauses-under-30-min"),
        pytest.param([_v(1, 0), _v(2, 30)], [(1, 2)], id="sit004-exactly-30-min-is-one"),
        pytest.param([_v(1, 0), _v(2, 30.5)], [(1, 1), (2, 2)], id="sit005-over-30-min-splits"),
        pytest.param(
            [_v(1, 0), _v(2, 20), _v(3, 40), _v(4, 60), _v(5, 80)],
            [(1, 5)],
            id="sit006-long-sitting-without-a-long-pause",
        ),
        pytest.param(
            [_v(1, 0), _v(2, 1, "app:bb"), _v(3, 2)],
            [(1, 1), (2, 2), (3, 3)],
            id="sit007-another-tab-in-between-splits",
        ),
        pytest.param(
            [_v(1, 0, "kp"), _v(2, 1, "kp"), _v(3, 2, "app:aa")],
            [(1, 2), (3, 3)],
            id="sit008-cli-author-and-app-tab",
        ),
        pytest.param(
            [_v(1, 0), _v(2, 1, restored_from=1), _v(3, 2)],
            [(1, 1), (2, 2), (3, 3)],
            id="sit009-a-restore-is-its-own-entry",
        ),
    ],
)
def test_sittings_group_versions(
    versions: list[VersionInfo], expected: list[tuple[int, int]]
) -> None:
    assert [(s.first, s.last) for s in sittings(versions)] == expected


def test_sit010_sitting_keeps_times_author_notes_and_count() -> None:
    found = sittings([_v(4, 0, "kp", note="Før mødet"), _v(5, 10, "kp"), _v(6, 12, "kp")])
    (only,) = found
    assert (only.start, only.end, only.author) == (T0, T0 + dt.timedelta(minutes=12), "kp")
    assert (only.count, only.before, only.notes) == (3, 3, ["Før mødet"])
    assert dt.timedelta(minutes=30) == SITTING_GAP


def _ref(pid: str, name: str | None = None) -> PersonRef:
    return PersonRef(id=pid, name=name or pid.title())


def _move(pid: str, old: float, new: float, *, old_sector: str = "family") -> Moved:
    return Moved(
        id=pid,
        name=pid.title(),
        old_sector=Sector(old_sector),
        new_sector=Sector.FAMILY,
        old_distance=old,
        new_distance=new,
    )


def _answer(pid: str, old: str, new: str) -> AnswerChanged:
    return AnswerChanged.model_validate(
        {"id": pid, "name": pid.title(), "question": "attends_meetings", "old": old, "new": new}
    )


def _tie(a: str, b: str) -> TieRef:
    return TieRef(a=a, b=b, a_name=a.title(), b_name=b.title())


def _meeting(changes: tuple[str, ...]) -> MeetingChanged:
    return MeetingChanged.model_validate(
        {"id": "m1", "date": dt.date(2026, 4, 1), "changes": changes}
    )


@pytest.mark.parametrize(
    ("summaries", "expected"),
    [
        pytest.param([ChangeSummary()], ChangeSummary(), id="comb001-nothing"),
        pytest.param(
            [ChangeSummary(added=[_ref("a")]), ChangeSummary(added=[_ref("b")])],
            ChangeSummary(added=[_ref("a"), _ref("b")]),
            id="comb002-two-added",
        ),
        pytest.param(
            [ChangeSummary(added=[_ref("a")]), ChangeSummary(removed=[_ref("a")])],
            ChangeSummary(),
            id="comb003-added-then-removed-is-nothing",
        ),
        pytest.param(
            [ChangeSummary(removed=[_ref("a")]), ChangeSummary(added=[_ref("a")])],
            ChangeSummary(),
            id="comb004-removed-then-added-again-same-id",
        ),
        pytest.param(
            [ChangeSummary(added=[_ref("a")]), ChangeSummary(moved=[_move("a", 0.5, 0.2)])],
            ChangeSummary(added=[_ref("a")]),
            id="comb005-a-new-persons-move-is-part-of-adding",
        ),
        pytest.param(
            [
                ChangeSummary(added=[_ref("a", "Ana")]),
                ChangeSummary(renamed=[Renamed(id="a", old_name="Ana", new_name="Anna")]),
            ],
            ChangeSummary(added=[_ref("a", "Anna")]),
            id="comb006-added-then-renamed-named-as-now",
        ),
        pytest.param(
            [
                ChangeSummary(moved=[_move("m", 0.9, 0.5)]),
                ChangeSummary(moved=[_move("m", 0.5, 0.2)]),
            ],
            ChangeSummary(moved=[_move("m", 0.9, 0.2)]),
            id="comb007-two-moves-one-from-first-to-last",
        ),
        pytest.param(
            [
                ChangeSummary(moved=[_move("m", 0.9, 0.5)]),
                ChangeSummary(moved=[_move("m", 0.5, 0.9)]),
            ],
            ChangeSummary(),
            id="comb008-moved-back-is-no-move",
        ),
        pytest.param(
            [
                ChangeSummary(answers=[_answer("p", "undecided", "yes")]),
                ChangeSummary(answers=[_answer("p", "yes", "no")]),
            ],
            ChangeSummary(answers=[_answer("p", "undecided", "no")]),
            id="comb009-answer-first-to-last",
        ),
        pytest.param(
            [
                ChangeSummary(answers=[_answer("p", "undecided", "yes")]),
                ChangeSummary(answers=[_answer("p", "yes", "undecided")]),
            ],
            ChangeSummary(),
            id="comb010-answer-back-is-none",
        ),
        pytest.param(
            [
                ChangeSummary(details=[DetailsChanged(id="p", name="P", fields=("phone",))]),
                ChangeSummary(
                    details=[DetailsChanged(id="p", name="P", fields=("email", "phone"))]
                ),
            ],
            ChangeSummary(details=[DetailsChanged(id="p", name="P", fields=("phone", "email"))]),
            id="comb011-details-union",
        ),
        pytest.param(
            [
                ChangeSummary(ties_added=[_tie("a", "b")]),
                ChangeSummary(ties_removed=[_tie("a", "b")]),
            ],
            ChangeSummary(),
            id="comb012-tie-drawn-and-removed",
        ),
        pytest.param(
            [
                ChangeSummary(ties_removed=[_tie("a", "b")]),
                ChangeSummary(ties_added=[_tie("c", "d")]),
            ],
            ChangeSummary(ties_removed=[_tie("a", "b")], ties_added=[_tie("c", "d")]),
            id="comb013-ties-kept-apart",
        ),
        pytest.param(
            [
                ChangeSummary(consent=DateChange(old=dt.date(2025, 1, 1), new=dt.date(2026, 1, 1))),
                ChangeSummary(consent=DateChange(old=dt.date(2026, 1, 1), new=dt.date(2026, 2, 1))),
            ],
            ChangeSummary(consent=DateChange(old=dt.date(2025, 1, 1), new=dt.date(2026, 2, 1))),
            id="comb014-consent-renewed-twice",
        ),
        pytest.param(
            [
                ChangeSummary(map_date=DateChange(old=None, new=dt.date(2026, 1, 1))),
                ChangeSummary(map_date=DateChange(old=dt.date(2026, 1, 1), new=None)),
            ],
            ChangeSummary(),
            id="comb015-date-set-and-cleared",
        ),
        pytest.param(
            [
                ChangeSummary(meetings=[_meeting(("added",))]),
                ChangeSummary(meetings=[_meeting(("prepared",))]),
            ],
            ChangeSummary(meetings=[_meeting(("added", "prepared"))]),
            id="comb016-meeting-added-and-made-ready",
        ),
        pytest.param(
            [
                ChangeSummary(meetings=[_meeting(("added",))]),
                ChangeSummary(meetings=[_meeting(("removed",))]),
            ],
            ChangeSummary(),
            id="comb017-meeting-added-and-removed",
        ),
        pytest.param(
            [
                ChangeSummary(meetings=[_meeting(("planned",))]),
                ChangeSummary(meetings=[_meeting(("recorded",))]),
            ],
            ChangeSummary(meetings=[_meeting(("planned", "recorded"))]),
            id="comb018-meeting-changes-union",
        ),
        pytest.param(
            [
                ChangeSummary(created=True, person_count=0),
                ChangeSummary(added=[_ref("a")], person_count=1),
            ],
            ChangeSummary(created=True, person_count=1),
            id="comb019-created-in-the-sitting",
        ),
        pytest.param(
            [ChangeSummary(patient_renamed=True), ChangeSummary(person_count=4, tie_count=2)],
            ChangeSummary(patient_renamed=True, person_count=4, tie_count=2),
            id="comb020-flags-and-last-counts",
        ),
    ],
)
def test_combine_changes(summaries: list[ChangeSummary], expected: ChangeSummary) -> None:
    assert combine_changes(summaries) == expected


def test_comb021_combined_summary_in_plain_words() -> None:
    found = sittings(
        [
            _v(2, 0, changes=ChangeSummary(added=[_ref("a", "Anna")])),
            _v(3, 1, changes=ChangeSummary(moved=[_move("mor", 0.9, 0.2)])),
            _v(4, 2, changes=ChangeSummary(added=[_ref("b", "Bo")])),
        ]
    )
    assert found[0].changes.describe("da") == (
        "2 personer tilføjet (Anna, Bo), 1 flyttet (Mor: længere væk → tæt på)"
    )


def test_tl001_meetings_and_sittings_newest_first_meeting_above_its_preparation() -> None:
    found = sittings([_v(1, 0, "kp"), _v(2, 60 * 24, "kp"), _v(3, 60 * 24 + 120, "kp")])
    day_after = (T0 + dt.timedelta(days=1)).date()
    meeting = Meeting(id="m1", date=day_after, time=dt.time(11, 0))
    planned = Meeting(id="m2", date=day_after + dt.timedelta(days=30))
    entries = timeline(found, [meeting, planned], tz=dt.UTC)
    assert [(e.kind, e.sitting.first if e.sitting else e.meeting.id) for e in entries] == [  # type: ignore[union-attr]
        ("meeting", "m2"),
        ("sitting", 3),
        ("meeting", "m1"),
        ("sitting", 2),
        ("sitting", 1),
    ]
    assert entries[2].at == dt.datetime(day_after.year, day_after.month, day_after.day, 11)


def test_tl002_same_moment_meeting_comes_first() -> None:
    found = sittings([_v(1, 0)])
    meeting = Meeting(id="m1", date=T0.date(), time=T0.time())
    assert [e.kind for e in timeline(found, [meeting], tz=dt.UTC)] == ["meeting", "sitting"]
