"""The edit service without HTTP: saves, conflicts, a tab's own saves, edit order, undo."""

from __future__ import annotations

import typing

import pytest

from netmap import service
from netmap.editing import (
    AddPerson,
    CycleAnswer,
    DropPerson,
    Edit,
    EditOp,
    MovePerson,
    RemovePerson,
    SetAnswer,
    ToggleTie,
    UpdatePatient,
    UpdatePatientDetails,
    UpdatePerson,
)
from netmap.model import NetworkMap, Patient, Person
from netmap.service import Conflict, EditOrder, History, Overtaken, Restored, Saved
from netmap.store import SqliteStore

TAB = "0123456789abcdef0123456789abcdef"
OTHER_TAB = "fedcba9876543210fedcba9876543210"


def _subject(op: Edit) -> str | None:
    return op.about() if op.sets_outright else None


def _goes(
    order: EditOrder, map_id: str, tab: str | None, subject: str | None, seq: int | None
) -> bool:
    with order.turn(map_id, tab, subject, seq) as in_order:
        return in_order


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    network_map = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5),
        ],
    )
    return store.create(network_map, author="test").map_id


def test_order001_what_an_edit_sets_outright() -> None:
    assert _subject(UpdatePerson(id="mor", changes={"role": "Mor"})) == "person:mor"
    assert _subject(DropPerson(id="mor", x=0.1, y=0.2)) == "place:mor"
    assert _subject(SetAnswer(id="mor", question=3, answer="yes")) == "answer:mor:3"
    patient = UpdatePatientDetails(patient=UpdatePatient(name="Testa"))
    assert _subject(patient) == "patient"
    # Relative to what is there: never held back.
    assert _subject(CycleAnswer(id="mor", question=2)) is None
    assert _subject(ToggleTie(a="mor", b="ven")) is None


def test_order002_an_older_edit_after_a_newer_one_of_the_same_subject_is_skipped() -> None:
    order = EditOrder()
    assert _goes(order, "m1", TAB, "person:mor", 5)
    assert not _goes(order, "m1", TAB, "person:mor", 4)
    assert _goes(order, "m1", TAB, "person:mor", 6)
    # Other subjects, other tabs, other maps and unnumbered requests are not held back.
    assert _goes(order, "m1", TAB, "person:ven", 1)
    assert _goes(order, "m1", TAB, "place:mor", 2)
    assert _goes(order, "m1", OTHER_TAB, "person:mor", 1)
    assert _goes(order, "m2", TAB, "person:mor", 1)
    assert _goes(order, "m1", TAB, "person:mor", None)
    assert _goes(order, "m1", None, "person:mor", 1)
    assert _goes(order, "m1", TAB, None, 1)


def test_order003_a_save_that_fails_frees_the_turn_and_is_not_remembered() -> None:
    order = EditOrder()
    try:
        with order.turn("m1", TAB, "person:mor", 5):
            raise RuntimeError("the save failed")
    except RuntimeError:
        pass
    # The lock is free again, and the failed edit's number is not remembered.
    assert _goes(order, "m1", TAB, "person:mor", 4)


def test_service001_every_edit_says_what_it_is_about_and_how_it_sets_it() -> None:
    # Every member of the union (the share and meeting edits too, when they
    # come) declares both; no code elsewhere switches on ``kind``.
    members = typing.get_args(typing.get_args(EditOp)[0])
    assert len(members) >= 10
    for member in members:
        assert issubclass(member, Edit), member
        assert isinstance(member.sets_outright, bool), member
        assert member.about is not Edit.about, member


def test_service002_a_save_is_a_new_version_with_its_summary(
    store: SqliteStore, map_id: str
) -> None:
    result = service.save_edit(
        store, map_id, 1, MovePerson(id="ven", sector="family", distance=0.9), tab=TAB, seq=1
    )
    assert isinstance(result, Saved)
    assert (result.asked, result.base, result.version, result.changed) == (1, 1, 2, True)
    assert [m.id for m in result.summary.moved] == ["ven"]
    assert result.notice(MovePerson(id="ven", sector="family", distance=0.9), "en") == (
        "Ven Testsen has been moved: Family, Further away."
    )
    assert store.load(map_id).map.person("ven").distance == pytest.approx(0.9)
    assert store.history(map_id)[-1].author == f"app:{TAB}"


def test_service003_a_form_says_saved_and_nothing_changed_is_no_version(
    store: SqliteStore, map_id: str
) -> None:
    form = UpdatePerson(id="ven", changes={"distance": 0.9})
    result = service.save_edit(store, map_id, 1, form, tab=TAB, seq=None)
    assert isinstance(result, Saved) and result.changed
    assert result.notice(form, "da") == "Gemt."
    again = service.save_edit(store, map_id, 1, form, tab=TAB, seq=None)
    # Version 2 is this tab's own: the same form again changes nothing, and the
    # tab is caught up on it.
    assert isinstance(again, Saved)
    assert (again.changed, again.caught_up, again.version) == (False, True, 2)
    assert store.load(map_id).version == 2


def test_service004_someone_elses_newer_version_is_a_conflict(
    store: SqliteStore, map_id: str
) -> None:
    other = service.save_edit(store, map_id, 1, RemovePerson(id="mor"), tab=OTHER_TAB, seq=1)
    assert isinstance(other, Saved)
    stale = service.save_edit(
        store, map_id, 1, AddPerson(name="Ny", sector="kin", band="middle"), tab=TAB, seq=1
    )
    assert stale == Conflict(map_id, 1, 2)
    assert [p.id for p in store.load(map_id).map.persons] == ["ven"]
    # Without a tab id even a tab's own newer version is a conflict.
    mine = service.save_edit(store, map_id, 2, CycleAnswer(id="ven", question=2), tab=None, seq=1)
    assert isinstance(mine, Saved)
    assert isinstance(
        service.save_edit(store, map_id, 2, CycleAnswer(id="ven", question=3), tab=None, seq=2),
        Conflict,
    )


def test_service005_an_edit_overtaken_by_a_newer_one_of_the_same_subject_is_skipped(
    store: SqliteStore, map_id: str
) -> None:
    order = EditOrder()
    newer = UpdatePerson(id="ven", changes={"distance": 0.7})
    older = UpdatePerson(id="ven", changes={"distance": 0.65})
    assert isinstance(
        service.save_edit(store, map_id, 1, newer, tab=TAB, seq=9, order=order), Saved
    )
    late = service.save_edit(store, map_id, 1, older, tab=TAB, seq=8, order=order)
    assert late == Overtaken(map_id, "person:ven")
    assert store.load(map_id).map.person("ven").distance == pytest.approx(0.7)
    # A tap relative to what is there is never held back.
    tap = service.save_edit(
        store, map_id, 2, CycleAnswer(id="ven", question=2), tab=TAB, seq=1, order=order
    )
    assert isinstance(tap, Saved) and tap.changed


def test_service006_undo_and_redo_move_between_the_stacks(store: SqliteStore, map_id: str) -> None:
    assert service.undo(store, map_id, 1, History(), tab=TAB) is None
    removed = service.save_edit(store, map_id, 1, RemovePerson(id="mor"), tab=TAB, seq=1)
    assert isinstance(removed, Saved)
    assert removed.notice(RemovePerson(id="mor"), "en").startswith("Mor Testesen has been removed")
    history = History().pushed(removed.base)
    back = service.undo(store, map_id, removed.version, history, tab=TAB)
    assert isinstance(back, Restored)
    assert back.saved.version == 3
    assert back.history == History(undo=[], redo=[2])
    assert [p.id for p in store.load(map_id).map.persons] == ["mor", "ven"]
    again = service.redo(store, map_id, 3, back.history, tab=TAB)
    assert isinstance(again, Restored)
    assert again.history == History(undo=[3], redo=[])
    assert [p.id for p in store.load(map_id).map.persons] == ["ven"]
    # A stale tab's undo is a conflict.
    assert isinstance(service.undo(store, map_id, 1, History(undo=[2]), tab=OTHER_TAB), Conflict)


def test_service007_while_saving_runs_during_the_commit_and_its_result_is_kept(
    store: SqliteStore, map_id: str
) -> None:
    seen: list[tuple[str, int, str, int]] = []

    def while_saving(saving: str, version: int, network_map: NetworkMap) -> object:
        # Called before the save returns: the version is not there yet for others.
        seen.append((saving, version, network_map.person("ven").sector, len(store.history(saving))))
        return ("drawn", version)

    result = service.save_edit(
        store,
        map_id,
        1,
        MovePerson(id="ven", sector="family", distance=0.9),
        tab=TAB,
        seq=1,
        while_saving=while_saving,
    )
    assert isinstance(result, Saved)
    assert result.version == 2 and result.prepared == ("drawn", 2)
    # The store's read waited for the write: it saw version 2 committed.
    assert seen == [(map_id, 2, "family", 2)]
    assert store.load(map_id).version == 2


def test_service008_what_while_saving_made_is_dropped_when_the_save_is_not_that_version(
    store: SqliteStore, map_id: str
) -> None:
    made: list[int] = []

    def while_saving(_map_id: str, version: int, _map: NetworkMap) -> object:
        made.append(version)
        return version

    # Someone else saved version 2: a conflict, nothing was prepared for it.
    service.save_edit(store, map_id, 1, RemovePerson(id="mor"), tab=OTHER_TAB, seq=1)
    stale = service.save_edit(
        store,
        map_id,
        1,
        CycleAnswer(id="ven", question=2),
        tab=TAB,
        seq=2,
        while_saving=while_saving,
    )
    assert isinstance(stale, Conflict) and made == []
    # Nothing to save: no version, no call.
    same = service.save_edit(
        store,
        map_id,
        2,
        MovePerson(id="ven", sector="leisure", distance=0.5),
        tab=TAB,
        seq=3,
        while_saving=while_saving,
    )
    assert isinstance(same, Saved) and not same.changed and same.prepared is None
    assert made == []


def test_service009_a_failing_while_saving_still_saves_and_keeps_nothing(
    store: SqliteStore, map_id: str
) -> None:
    def while_saving(_map_id: str, _version: int, _map: NetworkMap) -> object:
        raise RuntimeError("drawing failed")

    result = service.save_edit(
        store,
        map_id,
        1,
        CycleAnswer(id="ven", question=2),
        tab=TAB,
        seq=1,
        while_saving=while_saving,
    )
    assert isinstance(result, Saved) and result.version == 2 and result.prepared is None
    assert store.load(map_id).version == 2
