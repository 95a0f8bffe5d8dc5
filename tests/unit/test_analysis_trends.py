"""Trends across a map's meetings, their text alternatives, and the 12-meeting map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.graph_objects as go
import pytest
from history_maps import build_history_map

from netmap.analysis.diff import diff
from netmap.analysis.trends import TrendPoint, meeting_versions, trend_point
from netmap.analysis.trends_text import METRICS, trend_sentence, trend_table
from netmap.app.history.data import load_history, load_trends
from netmap.app.history.view import trends_region
from netmap.meetings import Meeting
from netmap.model import Attendance, Band, NetworkMap, Patient, Person, Sector
from netmap.store import SqliteStore
from netmap.store.base import VersionInfo

TODAY = dt.date(2026, 1, 1)


def _v(n: int, day: dt.date, hour: int = 9) -> VersionInfo:
    return VersionInfo(
        map_id="m",
        version=n,
        author="a",
        summary="",
        saved_at=dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC),
    )


VERSIONS = [_v(1, dt.date(2026, 3, 1)), _v(2, dt.date(2026, 3, 5)), _v(3, dt.date(2026, 3, 5), 20)]


@pytest.mark.parametrize(
    ("meeting", "today", "expected"),
    [
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 3, 6), prepared_with=1),
            dt.date(2026, 4, 1),
            1,
            id="trd001-prepared-with-wins",
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 3, 5)),
            dt.date(2026, 4, 1),
            3,
            id="trd002-latest-saved-on-the-meetings-day",
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 3, 4)),
            dt.date(2026, 4, 1),
            1,
            id="trd003-latest-saved-before-the-day",
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 2, 1)),
            dt.date(2026, 4, 1),
            None,
            id="trd004-before-any",
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 5, 1)), dt.date(2026, 4, 1), None, id="trd005-future"
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 5, 1), prepared_with=2),
            dt.date(2026, 4, 1),
            2,
            id="trd006-future-but-prepared",
        ),
        pytest.param(
            Meeting(id="m", date=dt.date(2026, 3, 6), prepared_with=9),
            dt.date(2026, 4, 1),
            3,
            id="trd007-prepared-with-a-version-not-there",
        ),
    ],
)
def test_meeting_versions(meeting: Meeting, today: dt.date, expected: int | None) -> None:
    found = meeting_versions([meeting], VERSIONS, today=today, tz=dt.UTC)
    assert [v for _, v in found] == ([] if expected is None else [expected])


def test_trd008_point_counts() -> None:
    m = NetworkMap(
        patient=Patient(name="P"),
        persons=[
            Person(id="mor", name="Mor", sector="family", distance=0.2),
            Person(id="sr", name="SR", sector="professional", distance=0.5),
            Person(id="gp", name="GP", sector="professional", distance=0.9),
            Person(id="ps", name="PS", sector="professional", distance=0.15, attends_meetings="no"),
        ],
    )
    point = trend_point(Meeting(id="m1", date=dt.date(2026, 3, 1)), 4, m)
    assert (point.persons, point.close, point.team_size, point.professional_share) == (
        4,
        2,
        1,
        0.75,
    )
    assert point.by_sector[Sector.PROFESSIONAL] == 3 and point.by_sector[Sector.KIN] == 0


def _point(day: int, close: int, share: float | None) -> TrendPoint:
    return TrendPoint(
        meeting_id=f"m{day}",
        date=dt.date(2026, 3, day),
        version=day,
        persons=4,
        by_sector={Sector.FAMILY: day},
        close=close,
        professional_share=share,
        team_size=2,
    )


@pytest.mark.parametrize(
    ("points", "metric", "lang", "expected"),
    [
        pytest.param(
            [_point(2, 3, 0.5), _point(9, 5, 0.25)],
            "close",
            "da",
            "Personer tæt på: 3 ved første møde (02.03.2026), 5 ved seneste (09.03.2026).",
            id="trt001-close-da",
        ),
        pytest.param(
            [_point(2, 3, 0.5), _point(9, 5, 0.25)],
            "professional_share",
            "en",
            "Share of professionals: 50% at the first meeting (Mar 2, 2026),"
            " 25% at the latest (Mar 9, 2026).",
            id="trt002-share-en",
        ),
        pytest.param(
            [_point(2, 3, None)],
            "professional_share",
            "da",
            "Andel fagpersoner: – ved mødet 02.03.2026.",
            id="trt003-one-meeting-no-persons",
        ),
        pytest.param(
            [_point(2, 3, 0.5), _point(9, 5, 0.25)],
            "sectors",
            "en",
            "At the 2 meetings from Mar 2, 2026 to Mar 9, 2026: Family 2 → 9, Relatives 0 → 0,"
            " Leisure / others 0 → 0, Work / school 0 → 0, Professionals 0 → 0.",
            id="trt004-sectors-en",
        ),
    ],
)
def test_trend_sentence(points: list[TrendPoint], metric: str, lang: str, expected: str) -> None:
    assert trend_sentence(points, metric, lang) == expected  # type: ignore[arg-type]


def test_trt005_table_has_a_row_per_meeting_and_a_column_per_sector() -> None:
    headings, rows = trend_table([_point(2, 3, 0.5), _point(9, 5, 0.25)], "sectors", "da")
    assert headings[0] == "Møde" and len(headings) == 1 + len(Sector)
    assert [row[:2] for row in rows] == [["02.03.2026", "2"], ["09.03.2026", "9"]]


# --- the map with 12 meetings and 60 persons (issue 11's required test) -------------


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = SqliteStore(Path(tmp_path_factory.mktemp("year")) / "netmap.db")
    built = build_history_map(store, meetings=12, persons=60)
    yield store, built
    store.close()


def test_trd010_twelve_meetings_sixty_persons_charts_render(year) -> None:  # type: ignore[no-untyped-def]
    store, built = year
    data = load_history(store, built.map_id)
    points = load_trends(store, data, TODAY)
    assert len(data.latest.map.persons) == 60
    assert [p.date for p in points] == built.meeting_dates
    assert [p.version for p in points] == built.meeting_versions
    # Each meeting saw two more persons, one more close and one more in the team.
    first = points[0]
    assert [p.persons for p in points] == [first.persons + 2 * k for k in range(12)]
    assert [p.close for p in points] == [first.close + k for k in range(12)]
    assert [p.team_size for p in points] == [first.team_size + k for k in range(12)]
    pros = first.by_sector[Sector.PROFESSIONAL]
    assert [p.professional_share for p in points] == [pros / p.persons for p in points]
    # The charts: one figure per measure, a point per meeting, a sentence and a table each.
    region = trends_region(points, "da")
    graphs = {c.id: c.figure for c in _walk(region) if type(c).__name__ == "Graph"}
    assert sorted(graphs) == sorted(f"hist-chart-{m}" for m in METRICS)
    for metric, figure in graphs.items():
        traces = go.Figure(figure).data  # a figure plotly itself accepts
        assert len(traces) == (len(Sector) if metric.endswith("sectors") else 1)
        assert all(len(trace.x) == 12 for trace in traces)
    assert list(graphs["hist-chart-close"]["data"][0]["y"]) == [p.close for p in points]
    tables = [c for c in _walk(region) if type(c).__name__ == "Table"]
    assert len(tables) == 4 and all(len(t.children[2].children) == 12 for t in tables)
    captions = [c.children for c in _walk(region) if type(c).__name__ == "Figcaption"]
    assert captions[1] == trend_sentence(points, "close", "da")


def test_trd011_twelve_meetings_diff_first_to_last(year) -> None:  # type: ignore[no-untyped-def]
    store, built = year
    first, last = store.load(built.map_id, 1).map, store.load(built.map_id).map
    found = diff(first, last, from_version=1, to_version=built.versions, as_of=TODAY)
    assert found.persons_added == built.added and len(built.added) == 22
    assert found.persons_removed == []
    assert sorted(m.id for m in found.moved) == sorted(built.moved)
    assert all((m.from_band, m.to_band) == (Band.DISTANT, Band.CLOSE) for m in found.moved)
    assert [(a.id, a.question, a.from_, a.to) for a in found.answers_changed] == [
        (pid, "attends_meetings", "undecided", "yes") for pid in built.answered
    ]
    assert sorted(found.team_joined) == sorted(built.answered) and found.team_left == []
    assert found.sector_changed == [] and found.details_changed == []
    assert found.ties_added == [] and found.ties_removed == []
    # Every new person is private or ad hoc, as they were added.
    new = {p.id: p for p in last.persons if p.id in built.added}
    private = [pid for pid, p in new.items() if p.sector is not Sector.WORK_SCHOOL]
    assert sorted(found.private_joined) == sorted(private)
    assert sorted(found.ad_hoc_joined) == sorted(set(new) - set(private))
    assert all(last.person(pid).attends_meetings is Attendance.YES for pid in built.answered)


def _walk(component):  # type: ignore[no-untyped-def]
    if isinstance(component, list):
        for item in component:
            yield from _walk(item)
        return
    yield component
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        yield from _walk(children)
