"""What a form says after a save (netmap/app/feedback.py, patient_form.patient_feedback)."""

from __future__ import annotations

import pytest

from netmap.app.editor.patient import PatientForm, check_patient_form, patient_feedback
from netmap.app.feedback import (
    ERROR_CLASS,
    OK_CLASS,
    PERSON_TEXT_FIELDS,
    field_messages,
    person_feedback,
)
from netmap.app.saving import Outcome
from netmap.editing import parse_edit
from netmap.errors import NetmapError
from netmap.i18n import t
from netmap.model import NetworkMap, Patient, Person

_NOTHING = Outcome(None, None, None)
_SAVED = Outcome({"version": 2}, {"kind": "ok", "text": "x"}, {}, saved=True)
_CONFLICT = Outcome(None, {"kind": "conflict", "text": "x"}, None, conflict=True)


def _refused(changes: dict[str, str]) -> NetmapError:
    m = NetworkMap(
        patient=Patient(name="T"),
        persons=[Person(id="ven", name="Ven", sector="leisure", distance=0.5)],
    )
    op = parse_edit({"kind": "update_person", "id": "ven", "changes": changes}, where="Ven")
    with pytest.raises(NetmapError) as caught:
        op.apply(m)
    return caught.value


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_refused_phone_and_email_each_get_their_own_line(lang: str) -> None:
    error = _refused({"phone": "12", "email": "ikke en adresse"})
    shown = person_feedback(Outcome(None, None, None, error=error), False, lang)  # type: ignore[arg-type]
    assert shown is not None and not shown.ok and shown.status_class == ERROR_CLASS
    assert set(shown.errors) == set(PERSON_TEXT_FIELDS)
    assert "12" in shown.errors["phone"] and "ikke en adresse" in shown.errors["email"]
    # Under its field the message does not repeat the person's or the field's name.
    assert not shown.errors["phone"].startswith("Ven")
    assert shown.errors["name"] == shown.errors["role"] == ""
    assert shown.status == t("app.edit.fix_fields", lang)  # type: ignore[arg-type]
    assert shown.near_button == ""


def test_a_problem_with_no_field_of_the_form_is_the_status_line() -> None:
    by_field, rest = field_messages(NetmapError("app.bad_form"), PERSON_TEXT_FIELDS, "da")
    assert by_field == {} and rest == [t("app.bad_form", "da")]
    shown = person_feedback(
        Outcome(None, None, None, error=NetmapError("app.bad_form")), True, "da"
    )
    assert shown is not None and shown.status == t("app.bad_form", "da") and not shown.ok


@pytest.mark.parametrize(
    ("outcome", "by_button", "status", "near", "ok"),
    [
        (_SAVED, False, "Gemt", "", True),
        (_SAVED, True, "Gemt", "Gemt", True),
        (_NOTHING, True, "Gemt", "Gemt", True),
        (_CONFLICT, True, "Ikke gemt.", "", False),
    ],
)
def test_person_feedback_status(
    outcome: Outcome, by_button: bool, status: str, near: str, ok: bool
) -> None:
    shown = person_feedback(outcome, by_button, "da")
    assert shown is not None
    assert (shown.status, shown.near_button, shown.ok) == (status, near, ok)
    assert shown.status_class == (OK_CLASS if ok else ERROR_CLASS)
    assert all(line == "" for line in shown.errors.values())


def test_a_field_left_with_nothing_new_shows_nothing() -> None:
    assert person_feedback(_NOTHING, False, "da") is None


@pytest.mark.parametrize("field", ["consent", "map_date"])
def test_a_date_typed_in_part_is_refused_not_saved_as_no_date(field: str) -> None:
    patient = Patient(name="Testa Testesen")
    form = PatientForm(name="Testa Testesen", **{field: "", f"{field}_incomplete": True})
    op, errors = check_patient_form(form, patient, "da")
    assert op is None and list(errors) == [field]
    assert errors[field] == t("app.patient.incomplete_date", "da")
    shown = patient_feedback(errors, None, "da")
    assert not shown.ok and shown.status == t("app.patient.not_saved", "da")
    assert shown.status != t("app.patient.saved", "da")
    assert shown.errors[field] == errors[field]
    # Anything but True from the browser is no such word: an empty date clears it.
    form = PatientForm(name="Testa Testesen", **{field: "", f"{field}_incomplete": "yes"})
    op, errors = check_patient_form(form, patient, "da")
    assert op is not None and errors == {}


def test_patient_feedback_says_saved_only_when_it_is() -> None:
    assert patient_feedback({}, _SAVED, "da").status == t("app.patient.saved", "da")
    # Nothing new: the map holds the details already.
    assert patient_feedback({}, _NOTHING, "da").ok
    conflict = patient_feedback({}, _CONFLICT, "da")
    assert not conflict.ok and conflict.status != t("app.patient.saved", "da")
    refused = patient_feedback(
        {}, Outcome(None, None, None, error=NetmapError("app.bad_form")), "da"
    )
    assert not refused.ok and refused.status == t("app.bad_form", "da")
