"""Saving edits from the editor: versions, conflicts, undo and redo (no browser)."""

from __future__ import annotations

import pytest

from netmap.app.saving import commit, redo, undo
from netmap.editing import AddPerson, RemovePerson, parse_edit
from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[Person(id="mor", name="Mor Testesen", sector="family", distance=0.2)],
    )
    return store.create(m, author="test").map_id


def _state(map_id: str, version: int) -> dict:
    return {"map_id": map_id, "version": version}


EMPTY = {"undo": [], "redo": []}


def test_appcommit001_an_edit_is_a_new_version(store: SqliteStore, map_id: str) -> None:
    out = commit(
        store, _state(map_id, 1), EMPTY, AddPerson(name="Ven", sector="leisure", band="close"), "da"
    )
    assert out.saved
    assert out.state == _state(map_id, 2)
    assert out.history == {"undo": [1], "redo": []}
    assert out.notice == {"kind": "ok", "text": "Ven er tilføjet."}
    assert [p.name for p in store.load(map_id).map.persons] == ["Mor Testesen", "Ven"]


def test_appcommit002_stale_tab_gets_a_conflict_and_nothing_is_overwritten(
    store: SqliteStore, map_id: str
) -> None:
    first = commit(
        store, _state(map_id, 1), EMPTY, AddPerson(name="A", sector="kin", band="close"), "da"
    )
    assert first.state == _state(map_id, 2)
    stale = commit(
        store, _state(map_id, 1), EMPTY, AddPerson(name="B", sector="kin", band="close"), "en"
    )
    assert not stale.saved
    assert stale.notice["kind"] == "conflict"
    assert "changed somewhere else" in stale.notice["text"]
    latest = store.load(map_id)
    assert latest.version == 2
    assert [p.name for p in latest.map.persons] == ["Mor Testesen", "A"]


def test_appcommit003_no_change_no_version(store: SqliteStore, map_id: str) -> None:
    op = parse_edit({"kind": "update_person", "id": "mor", "changes": {"name": "Mor Testesen"}})
    out = commit(store, _state(map_id, 1), EMPTY, op, "da")
    assert not out.saved
    assert store.load(map_id).version == 1


def test_appcommit004_errors_are_one_line_and_change_nothing(
    store: SqliteStore, map_id: str
) -> None:
    out = commit(store, _state(map_id, 1), EMPTY, RemovePerson(id="nobody"), "da")
    assert out.notice["kind"] == "error"
    assert "nobody" in out.notice["text"]
    forged = commit(store, {"map_id": "../../x", "version": 1}, EMPTY, RemovePerson(id="mor"), "da")
    assert forged.notice["kind"] == "error"
    bad_history = commit(store, _state(map_id, 1), {"undo": ["x"]}, RemovePerson(id="mor"), "da")
    assert bad_history.notice["kind"] == "error"
    assert store.load(map_id).version == 1


def test_appcommit005_undo_and_redo_are_saved_versions(store: SqliteStore, map_id: str) -> None:
    removed = commit(store, _state(map_id, 1), EMPTY, RemovePerson(id="mor"), "da")
    assert removed.state == _state(map_id, 2)
    back = undo(store, removed.state, removed.history, "da")
    assert back.state == _state(map_id, 3)
    assert back.history == {"undo": [], "redo": [2]}
    assert [p.id for p in store.load(map_id).map.persons] == ["mor"]
    again = redo(store, back.state, back.history, "da")
    assert again.state == _state(map_id, 4)
    assert again.history == {"undo": [3], "redo": []}
    assert store.load(map_id).map.persons == []
    # Undo once more brings Mor back from version 3.
    final = undo(store, again.state, again.history, "da")
    assert [p.id for p in store.load(map_id).map.persons] == ["mor"]
    assert [v.version for v in store.history(map_id)] == [1, 2, 3, 4, 5]
    assert final.history == {"undo": [], "redo": [4]}


def test_appcommit006_nothing_to_undo(store: SqliteStore, map_id: str) -> None:
    out = undo(store, _state(map_id, 1), EMPTY, "da")
    assert not out.saved
    assert out.notice["text"] == "Der er ikke mere at fortryde."
    assert store.load(map_id).version == 1


def test_appcommit007_undo_on_a_stale_tab_is_a_conflict(store: SqliteStore, map_id: str) -> None:
    removed = commit(store, _state(map_id, 1), EMPTY, RemovePerson(id="mor"), "da")
    commit(
        store, removed.state, EMPTY, AddPerson(name="Other tab", sector="kin", band="close"), "da"
    )
    out = undo(store, removed.state, removed.history, "da")
    assert out.notice["kind"] == "conflict"
    assert [p.name for p in store.load(map_id).map.persons] == ["Other tab"]
