"""Feedback where the eye is (issue 12): errors under their field, "Gemt" by the button
that saved, no "saved" for a date typed in part, and a refused drop put back with the
conflict at the top of the window."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from netmap.editing import parse_edit
from netmap.model import NetworkMap, Patient, Person
from netmap.service import save_edit
from tests.e2e.conftest import (
    LiveApp,
    drag,
    model_screen_point,
    node_screen_point,
    shot,
    show_map,
    wait_for_map,
    wait_for_stored,
)

pytestmark = pytest.mark.e2e

#: The error style (netmap.css .field-error, feedback.css .save-error) and the saved green.
ERROR_RED = "rgb(166, 27, 27)"
SAVED_GREEN = "rgb(47, 133, 90)"


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5, role="Ven"),
        ],
    )


def _open(page: Page, live_app: LiveApp, network_map: NetworkMap | None = None) -> str:
    map_id = live_app.create_map(network_map or _map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    return map_id


def _color(page: Page, selector: str) -> str:
    return str(page.evaluate("(s) => getComputedStyle(document.querySelector(s)).color", selector))


def _right_under(page: Page, field: str, line: str) -> None:
    """The error line starts right below its field (not at the panel's top)."""
    a, b = page.locator(field).bounding_box(), page.locator(line).bounding_box()
    assert a is not None and b is not None
    assert 0 <= b["y"] - (a["y"] + a["height"]) < 40, (a, b)


def test_e2e_fb001_a_refused_phone_is_told_under_the_field(live_app: LiveApp, page: Page) -> None:
    map_id = _open(page, live_app)
    page.locator(".person-item", has_text="Ven Testsen").click()
    page.locator(".edit-form summary", has_text="Arbejdsplads").click()
    phone, line = page.locator("#edit-phone"), page.locator("#edit-phone-error")
    phone.fill("12")
    phone.press("Tab")
    expect(line).to_contain_text("12 kan ikke være et telefonnummer")
    _right_under(page, "#edit-phone", "#edit-phone-error")
    assert _color(page, "#edit-phone-error") == ERROR_RED
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_attribute("aria-describedby", "edit-phone-error")
    # The panel's status line says it is not saved, in the error style, not the green.
    expect(page.locator("#edit-status")).to_have_text("Ikke gemt. Ret feltet med fejl.")
    assert _color(page, "#edit-status") == ERROR_RED
    # Nothing under the map: the message is where the eye is.
    expect(page.locator("#notice-text")).not_to_contain_text("telefonnummer")
    # The other fields have no error.
    expect(page.locator("#edit-email")).not_to_have_attribute("aria-invalid", "true")
    assert live_app.store.load(map_id).map.person("ven").phone is None
    shot(page, "e2e_fb001_phone_refused")
    # Corrected: saved, the line and the marks go.
    phone.fill("70 12 34 56")
    phone.press("Tab")
    wait_for_stored(live_app, map_id, lambda m: m.person("ven").phone == "+45 70 12 34 56")
    expect(line).to_have_text("")
    expect(page.locator("#edit-status")).to_have_text("Gemt")
    assert _color(page, "#edit-status") == SAVED_GREEN
    expect(phone).not_to_have_attribute("aria-invalid", "true")
    assert phone.get_attribute("aria-describedby") is None
    # An e-mail the same way.
    email = page.locator("#edit-email")
    email.fill("ikke en adresse")
    email.press("Tab")
    expect(page.locator("#edit-email-error")).to_contain_text("ikke en adresse")
    expect(email).to_have_attribute("aria-invalid", "true")
    _right_under(page, "#edit-email", "#edit-email-error")


def test_e2e_fb002_gem_aendringer_says_gemt_beside_itself(live_app: LiveApp, page: Page) -> None:
    map_id = _open(page, live_app)
    page.locator(".person-item", has_text="Ven Testsen").click()
    saved = page.locator("#edit-saved")
    expect(saved).to_have_text("")
    # Everything is saved already (fields save when left): the button says so.
    page.locator("#edit-save").click()
    expect(saved).to_have_text("Gemt")
    button, word = page.locator("#edit-save").bounding_box(), saved.bounding_box()
    assert button is not None and word is not None
    assert abs((word["y"] + word["height"] / 2) - (button["y"] + button["height"] / 2)) < 60
    assert abs(word["x"] - button["x"]) < 500
    assert _color(page, "#edit-saved") == SAVED_GREEN
    # A change saved with the button: "Gemt" beside it, and in the store.
    page.fill("#edit-role", "Bedste veninde")
    page.locator("#edit-save").click()
    wait_for_stored(live_app, map_id, lambda m: m.person("ven").role == "Bedste veninde")
    expect(saved).to_have_text("Gemt")
    shot(page, "e2e_fb002_gemt")


def test_e2e_fb003_a_date_typed_in_part_is_not_saved(live_app: LiveApp, page: Page) -> None:
    map_id = _open(page, live_app)
    page.locator("#patient-details summary").click()
    field = page.locator("#patient-map_date")
    field.click()
    # Four digits into a date field that needs eight: one part stays empty, and the
    # browser reads the whole field as empty (its validity says badInput).
    page.keyboard.type("1211")
    assert page.evaluate("document.querySelector('#patient-map_date').validity.badInput")
    page.click("#patient-save")
    error = page.locator("#patient-map_date-error")
    expect(error).to_contain_text("Datoen er ikke skrevet helt")
    status = page.locator("#patient-status")
    expect(status).to_have_text("Intet er gemt. Ret feltet med fejl.")
    expect(status).not_to_contain_text("oplysninger er gemt")
    assert _color(page, "#patient-status") == ERROR_RED
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "patient-map_date-error")
    assert live_app.store.load(map_id).version == 1
    shot(page, "e2e_fb003_partial_date")
    # Completed, it is saved, and the form says so.
    field.fill("2026-11-12")
    page.click("#patient-save")
    expect(status).to_have_text("Patientens oplysninger er gemt.")
    assert _color(page, "#patient-status") == SAVED_GREEN
    expect(error).to_have_text("")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    stored = wait_for_stored(live_app, map_id, lambda m: m.map_date is not None)
    assert stored.map_date == date(2026, 11, 12)


def test_e2e_fb004_a_refused_drop_goes_back_and_says_so_at_the_top(
    live_app: LiveApp, page: Page
) -> None:
    map_id = _open(page, live_app)
    # Someone else saves meanwhile (another tab): this tab's version is old.
    op = parse_edit({"kind": "update_person", "id": "mor", "changes": {"role": "Mor (ny)"}})
    save_edit(live_app.store, map_id, 1, op, tab="another-tab", seq=None)
    show_map(page)
    start = node_screen_point(page, "p:ven")
    before = page.evaluate(
        "() => { const p = window.cy.getElementById('p:ven').position(); return [p.x, p.y]; }"
    )
    # Ven to the work/school wedge at 4 o'clock (see test_editor_map).
    drag(page, start, model_screen_point(page, 0.85 * 250 * 0.866, 0.85 * 250 * 0.5))
    toast = page.locator("#conflict-toast")
    expect(page.locator("#conflict-text")).to_contain_text("ændret et andet sted")
    expect(page.get_by_role("alert").filter(has_text="ændret et andet sted")).to_have_count(1)
    expect(page.locator("#reload")).to_be_visible()
    box = toast.bounding_box()
    assert box is not None and 0 <= box["y"] < 40, box
    # Back where the store has Ven, not where Ven was dropped.
    page.wait_for_function(
        "([x, y]) => { const p = window.cy.getElementById('p:ven').position();"
        " return Math.abs(p.x - x) < 1 && Math.abs(p.y - y) < 1; }",
        arg=before,
    )
    assert live_app.store.load(map_id).version == 2
    assert live_app.store.load(map_id).map.person("ven").sector.value == "leisure"
    # Scrolled away, the conflict is still at the top of the window.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = toast.bounding_box()
    assert box is not None and 0 <= box["y"] < 40, box
    shot(page, "e2e_fb004_conflict_toast")
    page.click("#reload")
    expect(page.locator("#reload")).to_be_hidden()
    expect(page.locator("#conflict-text")).to_have_text("")
    expect(page.locator(".person-item", has_text="Mor (ny)")).to_be_visible()
