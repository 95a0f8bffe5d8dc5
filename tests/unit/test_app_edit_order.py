"""Edits of one subject from one tab are saved in the order the page sent them."""

from __future__ import annotations

from netmap.app.edit_order import EditOrder, subject_of
from netmap.app.patient_form import UpdatePatientDetails
from netmap.app.state import MapState
from netmap.editing import (
    CycleAnswer,
    DropPerson,
    SetAnswer,
    ToggleTie,
    UpdatePatient,
    UpdatePerson,
)

TAB = MapState(map_id="m1", version=3, tab="0123456789abcdef0123456789abcdef")
OTHER_TAB = TAB.model_copy(update={"tab": "fedcba9876543210fedcba9876543210"})


def _goes(order: EditOrder, state: MapState, subject: str | None, seq: int | None) -> bool:
    with order.turn(state, subject, seq) as in_order:
        return in_order


def test_order001_what_an_edit_sets_outright() -> None:
    assert subject_of(UpdatePerson(id="mor", changes={"role": "Mor"})) == "person:mor"
    assert subject_of(DropPerson(id="mor", x=0.1, y=0.2)) == "place:mor"
    assert subject_of(SetAnswer(id="mor", question=3, answer="yes")) == "answer:mor:3"
    patient = UpdatePatientDetails(patient=UpdatePatient(name="Testa"))
    assert subject_of(patient) == "patient"
    # Relative to what is there: never held back.
    assert subject_of(CycleAnswer(id="mor", question=2)) is None
    assert subject_of(ToggleTie(a="mor", b="ven")) is None


def test_order002_an_older_edit_after_a_newer_one_of_the_same_subject_is_skipped() -> None:
    order = EditOrder()
    assert _goes(order, TAB, "person:mor", 5)
    assert not _goes(order, TAB, "person:mor", 4)
    assert _goes(order, TAB, "person:mor", 6)
    # Other subjects, other tabs, other maps and unnumbered requests are not held back.
    assert _goes(order, TAB, "person:ven", 1)
    assert _goes(order, TAB, "place:mor", 2)
    assert _goes(order, OTHER_TAB, "person:mor", 1)
    assert _goes(order, TAB.model_copy(update={"map_id": "m2"}), "person:mor", 1)
    assert _goes(order, TAB, "person:mor", None)
    assert _goes(order, TAB.model_copy(update={"tab": None}), "person:mor", 1)
    assert _goes(order, TAB, None, 1)


def test_order003_a_save_that_fails_frees_the_turn_and_is_not_remembered() -> None:
    order = EditOrder()
    try:
        with order.turn(TAB, "person:mor", 5):
            raise RuntimeError("the save failed")
    except RuntimeError:
        pass
    # The lock is free again, and the failed edit's number is not remembered.
    assert _goes(order, TAB, "person:mor", 4)
