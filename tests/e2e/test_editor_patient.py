"""The patient form and saving a person's fields when they are left, in a browser."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from netmap.model import NetworkMap, Patient, Person
from tests.e2e.conftest import LiveApp, add_person, shot, wait_for_map

pytestmark = pytest.mark.e2e

CPR = "010190-1234"  # fictional


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen", cpr=CPR),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5, role="Ven"),
        ],
        consent_given_on=date(2026, 3, 1),
    )


def test_e2e030_patient_form_errors_then_saves(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    # The full CPR number is never in the page.
    assert CPR not in page.content()
    page.locator("#patient-details summary").click()
    expect(page.locator("#patient-cpr")).to_have_attribute("placeholder", "010190-xxxx")
    # Wrong input: each field says what is wrong, nothing is saved.
    page.fill("#patient-name-input", "")
    page.fill("#patient-cpr", "3201")
    page.click("#patient-save")
    expect(page.locator("#patient-name-error")).to_have_text("feltet «navn»: må ikke være tomt")
    expect(page.locator("#patient-cpr-error")).to_contain_text("3201 er ikke et CPR-nummer")
    expect(page.locator("#patient-status")).to_have_text("Intet er gemt. Ret feltet med fejl.")
    assert live_app.store.load(map_id).version == 1
    shot(page, "e2e030_1_patient_form_errors")
    # Right input: saved as a new version; the heading follows; the CPR field empties.
    page.fill("#patient-name-input", "Testa B. Testesen")
    page.fill("#patient-cpr", "")
    page.fill("#patient-consent", "2026-06-01")
    page.fill("#patient-map_date", "2026-11-12")
    page.click("#patient-save")
    expect(page.locator("#patient-status")).to_have_text("Patientens oplysninger er gemt.")
    expect(page.locator("#patient-name")).to_have_text("Testa B. Testesen")
    expect(page.locator("#patient-name-error")).to_have_text("")
    stored = live_app.store.load(map_id)
    assert stored.version == 2
    assert stored.map.patient.name == "Testa B. Testesen"
    assert stored.map.patient.cpr == CPR  # an empty field keeps the number
    assert stored.map.consent_given_on == date(2026, 6, 1)
    assert stored.map.map_date == date(2026, 11, 12)
    assert [p.name for p in stored.map.persons] == ["Mor Testesen", "Ven Testsen"]
    shot(page, "e2e030_2_patient_form_saved")
    # Undo brings the old name back into the heading and the form.
    page.click("#undo")
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    expect(page.locator("#patient-name-input")).to_have_value("Testa Testesen")
    assert live_app.store.load(map_id).map.consent_given_on == date(2026, 3, 1)


def test_e2e031_a_field_is_saved_when_left_and_survives_a_reload(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    page.locator(".person-item", has_text="Ven Testsen").click()
    role = page.locator("#edit-role")
    expect(role).to_have_value("Ven")
    # Type, then Tab to the next field: saved without "Gem ændringer".
    role.fill("Bedste veninde")
    role.press("Tab")
    expect(page.locator("#edit-status")).to_have_text("Gemt")
    assert live_app.store.load(map_id).map.person("ven").role == "Bedste veninde"
    # The focus stayed in the next field (the panel was not rebuilt under it).
    assert page.evaluate("document.activeElement && document.activeElement.id") != "edit-role"
    # Typing in the text area and leaving it saves too.
    page.locator(".edit-form summary", has_text="Arbejdsplads").click()
    helps = page.locator("#edit-helps_with")
    helps.fill("Går ture med mig")
    page.locator("#edit-phone").click()
    page.wait_for_function("() => document.querySelector('#edit-status').textContent === 'Gemt'")
    expect(page.locator("#notice-text")).not_to_have_text("")
    for _ in range(50):
        if live_app.store.load(map_id).map.person("ven").helps_with == "Går ture med mig":
            break
        page.wait_for_timeout(100)
    assert live_app.store.load(map_id).map.person("ven").helps_with == "Går ture med mig"
    # Enter saves as well.
    page.fill("#edit-phone", "70 12 34 56")
    page.press("#edit-phone", "Enter")
    for _ in range(50):
        if live_app.store.load(map_id).map.person("ven").phone:
            break
        page.wait_for_timeout(100)
    assert live_app.store.load(map_id).map.person("ven").phone == "+45 70 12 34 56"
    # A wrong value is not saved and the panel says why.
    page.fill("#edit-email", "ikke en adresse")
    page.press("#edit-email", "Tab")
    expect(page.locator("#edit-email-error")).to_contain_text("ikke en adresse")
    assert live_app.store.load(map_id).map.person("ven").email is None
    shot(page, "e2e031_autosave")
    # The add form keeps unsent typing in the browser; once sent, it is gone from there.
    add_person(page, "Nabo Testsen", "Fritid / andre", "Nabo")
    expect(page.locator("#notice-text")).to_contain_text("Nabo Testsen")
    stored_text = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
    assert "Nabo Testsen" not in stored_text
    # Reload: everything typed is there.
    page.reload()
    wait_for_map(page)
    page.locator(".person-item", has_text="Ven Testsen").click()
    expect(page.locator("#edit-role")).to_have_value("Bedste veninde")


def test_e2e032_a_half_typed_patient_field_survives_a_save_elsewhere(
    live_app: LiveApp, page: Page
) -> None:
    # show_patient sets only the patient parts that changed (netmap.app.regions):
    # a person's save leaves the patient form alone, an undo of the patient's
    # own change sets it.
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    page.locator("#patient-details summary").click()
    page.fill("#patient-name-input", "Testa Halvskrevet")
    page.locator(".person-item", has_text="Ven Testsen").click()
    role = page.locator("#edit-role")
    role.fill("Nabo")
    role.press("Tab")
    expect(page.locator("#edit-status")).to_have_text("Gemt")
    expect(page.locator("#version-label")).to_contain_text("2")
    assert live_app.store.load(map_id).map.person("ven").role == "Nabo"
    expect(page.locator("#patient-name-input")).to_have_value("Testa Halvskrevet")
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    # Saved, then undone: the form shows the stored name again.
    page.click("#patient-save")
    expect(page.locator("#patient-name")).to_have_text("Testa Halvskrevet")
    page.click("#undo")
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    expect(page.locator("#patient-name-input")).to_have_value("Testa Testesen")
    shot(page, "e2e032_patient_kept")
