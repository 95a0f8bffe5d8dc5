"""The guided pass: untouched persons first, and the last meeting's agreements."""

from __future__ import annotations

import datetime as dt

from netmap.analysis.preparation import follow_ups, preparation_order
from netmap.meetings import Agreement, Meeting
from netmap.model import NetworkMap, Patient, Person


def _map(persons: list[Person], meetings: list[Meeting] | None = None) -> NetworkMap:
    return NetworkMap(patient=Patient(id="p0", name="Testa"), persons=persons,
                      meetings=meetings or [])  # fmt: skip


MOR = Person(id="mor", name="Mor", sector="family", distance=0.3)
FAR = Person(id="far", name="Far", sector="family", distance=0.1)
VEN = Person(id="ven", name="Ven", sector="leisure", distance=0.2)
SR = Person(id="sr", name="Rådgiver", sector="professional", distance=0.4)


def test_prep001_untouched_first_then_changed_and_new_each_by_sector_and_closeness() -> None:
    then = _map([SR, VEN, MOR, FAR])
    now = _map([SR.model_copy(update={"phone": "+45 70 20 30 40"}), VEN, MOR, FAR,
                Person(id="ny", name="Ny", sector="kin", distance=0.5)])  # fmt: skip
    assert preparation_order(now, then) == ["far", "mor", "ven", "ny", "sr"]


def test_prep002_without_a_last_meeting_everyone_in_map_order() -> None:
    assert preparation_order(_map([SR, VEN, MOR, FAR]), None) == ["far", "mor", "ven", "sr"]


def test_prep003_follow_ups_come_from_the_last_held_meeting() -> None:
    old = Meeting(id="m1", date=dt.date(2026, 1, 5), held=True,
                  agreements=[Agreement(id="a1", who="p0", what="Gammel aftale")])  # fmt: skip
    last = Meeting(
        id="m2",
        date=dt.date(2026, 3, 5),
        held=True,
        agreements=[
            Agreement(id="a1", who="p0", what="Søge job", follow_up="carried_over"),
            Agreement(id="a2", who="sr", what="Ringe til jobcentret"),
        ],
    )
    planned = Meeting(id="m3", date=dt.date(2026, 6, 5))
    items = follow_ups(_map([SR], [last, old, planned]))
    assert [(f.meeting, f.agreement.id, f.asked) for f in items] == [
        ("m2", "a1", True),
        ("m2", "a2", False),
    ]
    assert follow_ups(_map([SR], [planned])) == []
