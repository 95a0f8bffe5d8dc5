"""The patient form and the edit panel's save-on-leave, without a browser.

Expected messages are the catalogue's words (netmap/locale/*/app.json and the
model's field messages); CPR numbers are fictional (010190-1234).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from netmap.app.editor.callbacks import _save_person
from netmap.app.editor.layout import PATIENT_FIELDS, editor_layout, patient_form
from netmap.app.editor.patient import PatientForm, check_patient_form
from netmap.app.saving import commit
from netmap.app.wiring import Page
from netmap.editing import UpdatePatient, UpdatePatientDetails
from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import SqliteStore

CPR = "010190-1234"


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen", cpr=CPR),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5),
        ],
        ties=[Tie(a="mor", b="ven")],
        consent_given_on=date(2026, 3, 1),
        map_date=date(2026, 11, 10),
    )


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    return store.create(_map(), author="test").map_id


def _state(map_id: str, version: int) -> dict[str, Any]:
    return {"map_id": map_id, "version": version}


EMPTY = {"undo": [], "redo": []}


def _find(component: Any, wanted: str) -> Any:
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found = _find(child, wanted)
            if found is not None:
                return found
    elif children is not None and not isinstance(children, str):
        return _find(children, wanted)
    return None


def test_apppat001_empty_cpr_field_keeps_the_stored_number() -> None:
    form = PatientForm(name="Testa B. Testesen", cpr="  ", consent="2026-05-01", map_date="")
    op, errors = check_patient_form(form, _map().patient, "da")
    assert errors == {}
    assert op is not None
    after = op.apply(_map())
    assert after.patient.name == "Testa B. Testesen"
    assert after.patient.cpr == CPR
    assert after.consent_given_on == date(2026, 5, 1)
    assert after.map_date is None
    # Persons and ties are untouched.
    assert after.persons == _map().persons and after.ties == _map().ties


def test_apppat002_typed_cpr_replaces_and_the_box_deletes() -> None:
    op, errors = check_patient_form(PatientForm(name="T", cpr="0201901234"), _map().patient, "da")
    assert errors == {} and op is not None
    assert op.apply(_map()).patient.cpr == "020190-1234"
    form = PatientForm(name="T", cpr="", cpr_clear=["clear"])
    op, errors = check_patient_form(form, _map().patient, "da")
    assert errors == {} and op is not None
    assert op.apply(_map()).patient.cpr is None


def test_apppat003_each_wrong_field_gets_its_own_message_in_the_language() -> None:
    form = PatientForm(name="", cpr="3201", consent="2026-02-30", map_date="i går")
    op, errors = check_patient_form(form, _map().patient, "da")
    assert op is None
    assert errors == {
        "name": "feltet «navn»: må ikke være tomt",
        "cpr": "feltet «CPR-nummer»: 3201 er ikke et CPR-nummer (DDMMÅÅ-XXXX med en rigtig dato)",
        "consent": "Det er ikke en dato: 2026-02-30. Skriv fx 2026-03-01.",
        "map_date": "Det er ikke en dato: i går. Skriv fx 2026-03-01.",
    }
    _, errors = check_patient_form(PatientForm(name=["x"], consent=5), _map().patient, "en")
    assert errors["name"].startswith("field “name”")
    assert errors["consent"] == "That is not a date: …. Type e.g. 2026-03-01."


def test_apppat004_saved_through_commit_with_conflict_and_undo(
    store: SqliteStore, map_id: str
) -> None:
    op = UpdatePatientDetails(
        patient=UpdatePatient(name="Testa B. Testesen", cpr=CPR),
        consent_given_on=date(2026, 6, 1),
        map_date=date(2026, 11, 12),
    )
    out = commit(store, _state(map_id, 1), EMPTY, op, "da")  # type: ignore[arg-type]
    assert out.saved and out.state == _state(map_id, 2)
    assert out.history == {"undo": [1], "redo": []}
    saved = store.load(map_id).map
    assert (saved.patient.name, saved.patient.cpr) == ("Testa B. Testesen", CPR)
    assert (saved.consent_given_on, saved.map_date) == (date(2026, 6, 1), date(2026, 11, 12))
    # A stale tab: conflict, nothing overwritten.
    stale = commit(store, _state(map_id, 1), EMPTY, op, "da")  # type: ignore[arg-type]
    assert not stale.saved and stale.notice["kind"] == "conflict"
    assert store.load(map_id).version == 2


def test_apppat005_the_form_never_carries_the_full_cpr() -> None:
    form = patient_form(_map(), "da")
    assert CPR not in repr(form)
    cpr_input = _find(form, "patient-cpr")
    assert cpr_input.value == "" and cpr_input.placeholder == "010190-xxxx"
    assert _find(form, "patient-consent").value == "2026-03-01"
    assert _find(form, "patient-map_date").value == "2026-11-10"
    assert _find(form, "patient-name-input").value == "Testa Testesen"
    for field in PATIENT_FIELDS:
        assert _find(form, f"patient-{field}-error") is not None
    page = editor_layout(_map(), 1, "da", panels=None)
    assert CPR not in repr(page)


def _fields(**changes: Any) -> dict[str, Any]:
    fields = {
        "name": "Mor Testesen",
        "role": "Mor",
        "organisation": "",
        "care_sector": "",
        "phone": "",
        "email": "",
        "helps_with": "",
        "q2": "unknown",
        "q3": "unknown",
        "q4": "unknown",
        "team_roles": [],
        "primary": [],
        "sector": "family",
        "distance": 0.2,
    }
    fields.update(changes)
    return fields


class _App:
    server = type("S", (), {"config": {"NETMAP_LANG": "da"}, "extensions": {}})()


def _page(store: SqliteStore) -> Page:
    return Page(app=_App(), store=store)  # type: ignore[arg-type]


def test_apppat006_a_left_field_is_saved_at_once(store: SqliteStore, map_id: str) -> None:
    out = _save_person(
        _page(store),
        "mor",
        _fields(role="Mor og værge"),
        _state(map_id, 1),
        EMPTY,
        "da",
    )
    assert out.saved and out.state == _state(map_id, 2)
    assert store.load(map_id).map.person("mor").role == "Mor og værge"
    # Nothing changed: no new version.
    again = _save_person(
        _page(store),
        "mor",
        _fields(role="Mor og værge"),
        _state(map_id, 2),
        EMPTY,
        "da",
    )
    assert not again.saved and store.load(map_id).version == 2


def test_apppat007_a_wrong_field_saves_nothing_and_says_why(
    store: SqliteStore, map_id: str
) -> None:
    out = _save_person(
        _page(store),
        "mor",
        _fields(email="ikke en adresse"),
        _state(map_id, 1),
        EMPTY,
        "da",
    )
    assert not out.saved
    assert out.notice["kind"] == "error"
    assert "ikke en adresse" in out.notice["text"]
    assert store.load(map_id).version == 1


TAB = "0123456789abcdef0123456789abcdef"


def _tab_state(map_id: str, version: int) -> dict[str, Any]:
    return {"map_id": map_id, "version": version, "tab": TAB}


def test_apppat008_quick_saves_from_one_tab_are_not_conflicts(
    store: SqliteStore, map_id: str
) -> None:
    # Two fields left quickly: both saves start from version 1 (the tab has not
    # heard of version 2 yet). The second is this tab's own follow-up.
    first = _save_person(
        _page(store),
        "mor",
        _fields(role="Mor og værge"),
        _tab_state(map_id, 1),
        EMPTY,
        "da",
    )
    second = _save_person(
        _page(store),
        "mor",
        _fields(role="Mor og værge", sector="kin"),
        _tab_state(map_id, 1),
        EMPTY,
        "da",
    )
    assert first.saved and second.saved
    assert second.state == _tab_state(map_id, 3)
    mor = store.load(map_id).map.person("mor")
    assert (mor.role, mor.sector.value) == ("Mor og værge", "kin")
    assert [v.author for v in store.history(map_id)][1:] == [f"app:{TAB}"] * 2


def test_apppat009_someone_elses_version_in_between_stays_a_conflict(
    store: SqliteStore, map_id: str
) -> None:
    other = commit(
        store,
        _state(map_id, 1),
        EMPTY,
        UpdatePatientDetails(patient=UpdatePatient(name="Anden Fane")),
        "da",
    )
    assert other.saved
    stale = _save_person(
        _page(store),
        "mor",
        _fields(role="Værge"),
        _tab_state(map_id, 1),
        EMPTY,
        "da",
    )
    assert not stale.saved and stale.notice["kind"] == "conflict"
    assert store.load(map_id).map.person("mor").role == "Mor"
    # A made-up tab id is a bad request: nothing saved.
    bad = _save_person(
        _page(store),
        "mor",
        _fields(role="Værge"),
        {**_state(map_id, 2), "tab": "x"},
        EMPTY,
        "da",
    )
    assert not bad.saved and bad.notice["kind"] == "error"
    assert store.load(map_id).version == 2


def test_apppat010_a_tab_whose_answers_were_dropped_is_caught_up(
    store: SqliteStore, map_id: str
) -> None:
    # The browser dropped the answer of this tab's own save (a callback fired
    # again meanwhile): the tab still thinks version 1 while version 2 is its
    # own and already holds what the form shows.
    own = _save_person(
        _page(store),
        "mor",
        _fields(distance=0.7),
        _tab_state(map_id, 1),
        EMPTY,
        "da",
    )
    assert own.saved and own.state == _tab_state(map_id, 2)
    again = _save_person(
        _page(store),
        "mor",
        _fields(distance=0.7),
        _tab_state(map_id, 1),
        EMPTY,
        "da",
    )
    assert again.saved and again.state == _tab_state(map_id, 2)
    assert again.notice == {"kind": "ok", "text": "Gemt."}
    assert again.history == {"undo": [1], "redo": []}
    assert store.load(map_id).version == 2
