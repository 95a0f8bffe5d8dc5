"""Meetings on the map: the model, the edits and their change summaries (netmap.meetings)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from netmap.changes import describe_changes
from netmap.editing import parse_edit
from netmap.errors import InvalidInput, NetmapError
from netmap.interchange import dump_json, load_json
from netmap.meetings import MAX_MEETINGS, Meeting, latest_held
from netmap.model import NetworkMap, Patient, Person, TeamRole


@pytest.fixture
def team_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Test", sector="family", distance=0.2),
            Person(
                id="sr",
                name="Rådgiver Region",
                sector="professional",
                distance=0.4,
                care_sector="region",
                team_roles="stafetholder,meeting_lead",
            ),
            Person(
                id="laege",
                name="Læge Region",
                sector="professional",
                distance=0.5,
                care_sector="region",
            ),
            Person(
                id="ips",
                name="IPS Kommune",
                sector="professional",
                distance=0.3,
                care_sector="municipality",
            ),
            Person(
                id="gp", name="Egen Læge", sector="professional", distance=0.9, care_sector="other"
            ),
            Person(id="nyt", name="Uden Sektor", sector="professional", distance=0.6),
        ],
    )


def _apply(network_map: NetworkMap, **payload: object) -> NetworkMap:
    return parse_edit(payload).apply(network_map)


def _planned(network_map: NetworkMap) -> NetworkMap:
    return _apply(
        network_map,
        kind="add_meeting",
        date="2026-12-10",
        time="10:00",
        meeting_kind="first_meeting",
        place="Jobcentret",
        purpose="Plan for praktik",
    )


def test_meet001_add_meeting_gets_an_id_and_keeps_the_plan(team_map: NetworkMap) -> None:
    m = _planned(team_map)
    (meeting,) = m.meetings
    assert meeting.id == "m1"
    assert (meeting.date, meeting.time) == (dt.date(2026, 12, 10), dt.time(10, 0))
    assert meeting.meeting_kind.value == "first_meeting"
    assert (meeting.place, meeting.purpose, meeting.held) == (
        "Jobcentret",
        "Plan for praktik",
        False,
    )
    assert team_map.meetings == []  # nothing changed in place
    second = _apply(m, kind="add_meeting", date="2027-01-15")
    assert [x.id for x in second.meetings] == ["m1", "m2"]
    assert second.persons == team_map.persons


@pytest.mark.parametrize(
    ("payload", "field", "value"),
    [
        ({"date": "2026-13-01"}, "dato", "2026-13-01"),
        ({"date": "2026-12-01", "time": "25:00"}, "klokkeslæt", "25:00"),
        ({"date": "2026-12-01", "meeting_kind": "fest"}, "mødetype", "fest"),
        ({"date": "2026-12-01", "place": "x" * 201}, "sted eller videolink", "højst 200"),
    ],
)
def test_meet002_bad_plan_names_field_and_value(
    team_map: NetworkMap, payload: dict[str, str], field: str, value: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        _apply(team_map, kind="add_meeting", **payload)
    message = info.value.message("da")
    assert f"«{field}»" in message and value in message, message


def test_meet003_record_outcome_and_appointments_update_team_roles(team_map: NetworkMap) -> None:
    m = _apply(
        _planned(team_map),
        kind="record_meeting",
        meeting="m1",
        attended=["p0", "sr", "ips"],
        apologies=["laege"],
        stafetholder_region="laege",
        coordinator_municipality="ips",
        next_meeting="2027-01-15",
    )
    meeting = m.meeting("m1")
    assert meeting.held and meeting.attended == ("p0", "sr", "ips")
    assert meeting.apologies == ("laege",) and meeting.next_meeting == dt.date(2027, 1, 15)
    assert meeting.appointed.stafetholder_region == "laege"
    # The role moves: one stafetholder per sector of care; other roles stay.
    assert m.person("sr").team_roles == (TeamRole.MEETING_LEAD,)
    assert m.person("laege").team_roles == (TeamRole.STAFETHOLDER,)
    assert m.person("ips").team_roles == (TeamRole.COORDINATOR,)
    summary = describe_changes(_planned(team_map), m)
    assert {d.id for d in summary.details} == {"sr", "laege", "ips"}
    assert summary.meetings[0].changes == ("recorded",)


@pytest.mark.parametrize(
    ("field", "person_id", "expected"),
    [
        ("stafetholder_region", "mor", "står i feltet «Familie»"),
        ("coordinator_region", "ips", "fagperson i sektoren «Kommune»"),
        ("stafetholder_municipality", "gp", "fagperson i sektoren «Andet (fx egen læge)»"),
        ("coordinator_municipality", "nyt", "fagperson uden sektor"),
    ],
)
def test_meet004_appointing_someone_outside_that_care_sector_is_refused(
    team_map: NetworkMap, field: str, person_id: str, expected: str
) -> None:
    planned = _planned(team_map)
    with pytest.raises(NetmapError) as info:
        _apply(planned, kind="record_meeting", meeting="m1", **{field: person_id})
    message = info.value.message("da")
    assert expected in message and f"({person_id})" in message, message
    assert "Intet er gemt" in message
    assert "only a professional from" in info.value.message("en")


def test_meet005_unknown_ids_and_meetings_are_named(team_map: NetworkMap) -> None:
    planned = _planned(team_map)
    with pytest.raises(NetmapError) as info:
        _apply(planned, kind="record_meeting", meeting="m1", attended=["p0", "ukendt"])
    assert "«ukendt» i feltet «deltog»" in info.value.message("da")
    with pytest.raises(NetmapError) as info:
        _apply(planned, kind="record_meeting", meeting="m7")
    assert "m7" in info.value.message("da") and "m1 (10.12.2026)" in info.value.message("da")
    with pytest.raises(InvalidInput) as bad:
        _apply(planned, kind="record_meeting", meeting="m1", attended=["sr"], apologies=["sr"])
    assert "sr står både som mødt og med afbud" in bad.value.message("da")


def test_meet006_agreements_and_their_follow_up(team_map: NetworkMap) -> None:
    m = _apply(
        _planned(team_map),
        kind="add_agreement",
        meeting="m1",
        who="p0",
        what="Søge to praktikpladser",
        by="2027-01-10",
    )
    m = _apply(m, kind="add_agreement", meeting="m1", who="ips", what="Ringe til bageriet")
    agreements = m.meeting("m1").agreements
    assert [(a.id, a.who, a.by) for a in agreements] == [
        ("a1", "p0", dt.date(2027, 1, 10)),
        ("a2", "ips", None),
    ]
    m = _apply(m, kind="follow_up_agreement", meeting="m1", agreement="a2", status="carried_over")
    assert [a.follow_up for a in m.meeting("m1").agreements] == [None, "carried_over"]
    with pytest.raises(InvalidInput) as info:
        _apply(m, kind="add_agreement", meeting="m1", who="p0", what="  ")
    assert "«hvad»" in info.value.message("da")
    with pytest.raises(NetmapError) as missing:
        _apply(m, kind="follow_up_agreement", meeting="m1", agreement="a9", status="done")
    assert "a1, a2" in missing.value.message("da")


def test_meet007_ready_marks_the_version_and_a_held_meeting_cannot_be_prepared(
    team_map: NetworkMap,
) -> None:
    m = _apply(_planned(team_map), kind="mark_meeting_ready", meeting="m1", version=4)
    assert m.meeting("m1").prepared_with == 4
    assert describe_changes(_planned(team_map), m).describe("da") == (
        "Møde 10.12.2026: kortet er klar til mødet"
    )
    held = _apply(m, kind="record_meeting", meeting="m1", attended=["p0"])
    with pytest.raises(NetmapError) as info:
        _apply(held, kind="mark_meeting_ready", meeting="m1", version=5)
    assert "allerede holdt" in info.value.message("da")


def test_meet008_person_edits_keep_meetings_and_removing_a_person_keeps_the_past(
    team_map: NetworkMap,
) -> None:
    m = _apply(_planned(team_map), kind="record_meeting", meeting="m1", attended=["p0", "mor"])
    moved = _apply(m, kind="move_person", id="mor", sector="family", distance=0.6)
    assert moved.meetings == m.meetings
    gone = _apply(moved, kind="remove_person", id="mor")
    assert gone.meeting("m1").attended == ("p0", "mor")


def test_meet009_json_round_trip_and_old_format_still_loads(team_map: NetworkMap) -> None:
    m = _apply(_planned(team_map), kind="add_agreement", meeting="m1", who="p0", what="Søge job")
    text = dump_json(m)
    assert json.loads(text)["schema_version"] == 3  # format 3: consent is an object
    assert load_json(text) == m
    old = json.loads(dump_json(team_map))
    old["schema_version"] = 1
    del old["meetings"]
    assert load_json(json.dumps(old)) == team_map


def test_meet010_map_wide_limits_on_meetings(team_map: NetworkMap) -> None:
    meeting = Meeting(id="m1", date=dt.date(2026, 1, 1))
    with pytest.raises(InvalidInput) as info:
        _apply(
            team_map.model_copy(update={"meetings": [meeting]}),
            kind="add_meeting",
            id="m1",
            date="2026-02-01",
        )
    assert "m1 bruges to gange" in info.value.message("da")
    many = [Meeting(id=f"m{i}", date=dt.date(2026, 1, 1)) for i in range(MAX_MEETINGS + 1)]
    with pytest.raises(ValueError, match="at most"):
        NetworkMap(patient=team_map.patient, meetings=many)


def test_meet011_latest_held_is_by_date_not_by_list_order() -> None:
    later = Meeting(id="m1", date=dt.date(2026, 6, 1), held=True)
    earlier = Meeting(id="m2", date=dt.date(2026, 3, 1), held=True)
    planned = Meeting(id="m3", date=dt.date(2026, 9, 1))
    held = latest_held([later, earlier, planned])
    assert held is not None and held.id == "m1"
