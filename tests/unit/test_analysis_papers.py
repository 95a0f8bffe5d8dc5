"""The meeting's papers as data: invitation (agenda template) and aftaleark."""

from __future__ import annotations

import datetime as dt

import pytest

from netmap.analysis.papers import AGENDA_ITEMS, agreement_sheet, invitation
from netmap.errors import NetmapError
from netmap.meetings import Agreement, Meeting
from netmap.model import NetworkMap, Patient, Person

FIRST = Meeting(
    id="m1",
    date=dt.date(2026, 9, 1),
    held=True,
    attended=("p0", "sr"),
    agreements=(
        Agreement(id="a1", who="p0", what="Søge to praktikpladser", follow_up="done"),
        Agreement(id="a2", who="gone", what="Ringe til bageriet", follow_up="carried_over"),
    ),
)
SECOND = Meeting(
    id="m2",
    date=dt.date(2026, 12, 10),
    time=dt.time(10, 0),
    place="Jobcentret",
    purpose="Plan for praktik",
    held=True,
    attended=("p0", "sr", "mor"),
    apologies=("laege",),
    agreements=(Agreement(id="a1", who="sr", what="Sende plan", by=dt.date(2027, 1, 5)),),
    next_meeting=dt.date(2027, 2, 1),
)


@pytest.fixture
def with_meetings() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Lars Testesen", cpr="010203-1234"),
        persons=[
            Person(id="mor", name="Mor Test", sector="family", distance=0.2, role="Mor",
                   attends_meetings="yes"),
            Person(id="sr", name="Rådgiver Test", sector="professional", distance=0.3,
                   role="Socialrådgiver", organisation="Psykiatrien", care_sector="region",
                   team_roles="stafetholder"),
            Person(id="laege", name="Læge Test", sector="professional", distance=0.9),
        ],
        meetings=[SECOND, FIRST],
    )  # fmt: skip


def test_pap001_invitation_fills_the_template(with_meetings: NetworkMap) -> None:
    inv = invitation(with_meetings, "m2")
    assert (inv.patient_name, inv.cpr) == ("Lars Testesen", "010203-xxxx")
    assert (inv.date, inv.time, inv.place, inv.purpose) == (
        dt.date(2026, 12, 10), dt.time(10, 0), "Jobcentret", "Plan for praktik"
    )  # fmt: skip
    # The invite list: the patient, the team, everyone else who said yes.
    assert [(p.name, p.title) for p in inv.participants] == [
        ("Lars Testesen", "Patient"),
        ("Rådgiver Test", "Socialrådgiver, Stafetholder, Psykiatrien"),
        ("Mor Test", "Mor"),
    ]
    assert [p.id for p in inv.apologies] == ["laege"]
    assert len(inv.agenda) == AGENDA_ITEMS
    assert inv.agenda[1] == "Lars Testesens ønsker til mødet"
    assert invitation(with_meetings, "m2", lang="en").agenda[1] == (
        "Lars Testesen's wishes for the meeting"
    )
    assert invitation(with_meetings, "m2", include_cpr=True).cpr == "010203-1234"


def test_pap002_participants_for_this_meeting_only(with_meetings: NetworkMap) -> None:
    inv = invitation(with_meetings, "m2", participants=["p0", "laege"])
    assert [p.id for p in inv.participants] == ["p0", "laege"]
    assert inv.apologies == []  # the one who sent apologies is invited after all
    assert with_meetings.meeting("m2") == SECOND


def test_pap003_agreement_sheet(with_meetings: NetworkMap) -> None:
    sheet = agreement_sheet(with_meetings, "m2")
    assert sheet.meeting_date == dt.date(2026, 12, 10) and sheet.cpr == "010203-xxxx"
    assert [p.name for p in sheet.participants] == ["Lars Testesen", "Rådgiver Test", "Mor Test"]
    assert [(a.who, a.what, a.follow_up) for a in sheet.follow_up] == [
        ("Lars Testesen", "Søge to praktikpladser", "done"),
        ("gone", "Ringe til bageriet", "carried_over"),  # off the map since: the id
    ]
    assert [(a.who, a.what, a.by) for a in sheet.agreements] == [
        ("Rådgiver Test", "Sende plan", dt.date(2027, 1, 5))
    ]
    assert sheet.next_meeting == dt.date(2027, 2, 1)
    assert agreement_sheet(with_meetings, "m1").follow_up == []
    with pytest.raises(NetmapError):
        agreement_sheet(with_meetings, "m9")
