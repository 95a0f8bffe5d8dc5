"""The check map_outdated: a next meeting is set and the map is as it was at the last one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from netmap.analysis import analyse, run_checks
from netmap.analysis.checks import SOURCES, CheckCode
from netmap.changes import ChangeSummary, MeetingChanged, PersonRef
from netmap.cli.analyse import map_changed_at
from netmap.meetings import Meeting
from netmap.model import NetworkMap, Patient
from netmap.store import VersionInfo

HELD = Meeting(
    id="m1", date=date(2026, 3, 2), time=time(10, 0), held=True, next_meeting=date(2026, 6, 1)
)
BEFORE = datetime(2026, 3, 1, 15, 0)
SAME_DAY_AFTER = datetime(2026, 3, 2, 12, 0)
SAME_DAY_BEFORE = datetime(2026, 3, 2, 9, 0)


def _map(*meetings: Meeting, map_date: date | None = None) -> NetworkMap:
    return NetworkMap(patient=Patient(name="Testa"), meetings=list(meetings), map_date=map_date)


def _outdated(network_map: NetworkMap, changed_at: datetime | None) -> bool:
    findings = run_checks(network_map, as_of=date(2026, 4, 1), map_changed_at=changed_at)
    return CheckCode.MAP_OUTDATED in {f.code for f in findings}


@pytest.mark.parametrize(
    ("meetings", "changed_at", "map_date", "expected"),
    [
        pytest.param((), BEFORE, None, False, id="no meetings"),
        pytest.param((HELD.model_copy(update={"next_meeting": None}),), BEFORE, None, False,
                     id="held, no next meeting"),
        pytest.param((HELD.model_copy(update={"held": False}),), BEFORE, None, False,
                     id="only planned"),
        pytest.param((HELD,), BEFORE, None, True, id="next set, changed before"),
        pytest.param((HELD,), SAME_DAY_BEFORE, None, True, id="changed that morning"),
        pytest.param((HELD,), SAME_DAY_AFTER, None, False, id="changed after it"),
        pytest.param((HELD.model_copy(update={"time": None}),), SAME_DAY_AFTER, None, True,
                     id="no time: a change that day may be before it"),
        pytest.param((HELD,), None, None, False, id="not known when changed"),
        pytest.param((HELD,), None, date(2026, 3, 1), True, id="map date before"),
        pytest.param((HELD,), None, date(2026, 3, 3), False, id="map date after"),
        pytest.param((HELD, Meeting(id="m2", date=date(2026, 6, 1), prepared_with=7)), BEFORE,
                     None, False, id="next meeting marked ready"),
        pytest.param((HELD.model_copy(update={"next_meeting": None}),
                      Meeting(id="m2", date=date(2026, 6, 1))), BEFORE, None, True,
                     id="next meeting planned, not ready"),
        pytest.param((Meeting(id="m0", date=date(2026, 1, 5), prepared_with=3), HELD), BEFORE,
                     None, True, id="an earlier meeting's mark does not count"),
    ],
)  # fmt: skip
def test_out001_when_the_map_is_outdated(
    meetings: tuple[Meeting, ...],
    changed_at: datetime | None,
    map_date: date | None,
    expected: bool,
) -> None:
    assert _outdated(_map(*meetings, map_date=map_date), changed_at) is expected


def test_out002_finding_names_both_meetings_and_its_source() -> None:
    analysis = analyse(_map(HELD), as_of=date(2026, 4, 1), map_changed_at=BEFORE)
    (finding,) = [f for f in analysis.findings if f.code is CheckCode.MAP_OUTDATED]
    assert finding.persons == []
    assert finding.source == SOURCES[CheckCode.MAP_OUTDATED]
    assert "Bilag Netværkskortet" in finding.source
    assert finding.message("da").startswith(
        "Kortet er ikke opdateret siden mødet 02.03.2026. Gå det igennem sammen før næste møde"
        " 01.06.2026"
    )
    assert "since the meeting on Mar 2, 2026" in finding.message("en")
    report = analysis.to_report("en")
    assert "map_outdated" in [w["code"] for w in report["warnings"]]


def _info(version: int, saved_at: datetime, changes: ChangeSummary | None) -> VersionInfo:
    return VersionInfo(
        map_id="x", version=version, saved_at=saved_at, author="t", summary="", changes=changes
    )


def test_out003_recording_a_meeting_is_not_changing_the_map() -> None:
    meeting_only = ChangeSummary(
        meetings=[MeetingChanged(id="m1", date=date(2026, 3, 2), changes=("recorded",))]
    )
    added = ChangeSummary(added=[PersonRef(id="a", name="Anna")])
    versions = [
        _info(1, datetime(2026, 2, 1, 9, tzinfo=UTC), ChangeSummary(created=True)),
        _info(2, datetime(2026, 2, 20, 9, tzinfo=UTC), added),
        _info(3, datetime(2026, 3, 2, 12, tzinfo=UTC), meeting_only),
    ]
    changed = map_changed_at(versions)
    assert changed is not None and changed.tzinfo is None
    assert changed == datetime(2026, 2, 20, 9, tzinfo=UTC).astimezone().replace(tzinfo=None)
    assert map_changed_at(versions[:1]) is not None
    assert map_changed_at([]) is None
