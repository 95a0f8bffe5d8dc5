"""The editor writes no error to the browser's console while fields are edited.

Issue 12 item 8: editing an e-mail field threw "Failed to execute
'setSelectionRange'" twice (Dash's ``dcc.Input`` keeps the cursor in place
when the server sets the value, and an ``<input type=email>`` has no
selection to set).

Nor on the way from the start page to a map and back: a ``dcc.Store`` whose
data is None sets it again when it mounts, which fired the drop's callback on
the start page (its question-step state missing: "nonexistent object … in a
State … q-step") and the edit panel's save on the map page (its button
missing: "… in an Input … edit-save"). The panel's save had an input
outside the panel and outputs outside it, so Dash called it on every redraw
of the panel and where there was none: every input of the panel's callbacks
is now inside the panel, and none has an output outside it
(``editor.callbacks``, the note above ``on_save``).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from netmap.model import NetworkMap, Patient, Person
from tests.e2e.conftest import LiveApp, shot, wait_for_map, wait_for_stored

pytestmark = pytest.mark.e2e


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Every console error and uncaught exception of the page."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: seen.append(str(exc)))
    return seen


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="sb",
                name="Sagsbehandler Testsen",
                sector="professional",
                distance=0.3,
                email="gammel@eksempel.dk",
                phone="+45 20 11 22 33",
            )
        ],
    )


def _leave(page: Page, selector: str, value: str) -> None:
    page.fill(selector, value)
    page.press(selector, "Tab")


def test_e2e042_editing_email_and_phone_logs_no_console_error(
    live_app: LiveApp, page: Page, console_errors: list[Any]
) -> None:
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    page.locator(".person-item", has_text="Sagsbehandler Testsen").click()
    page.locator(".edit-form summary", has_text="Arbejdsplads").click()
    email = page.locator("#edit-email")
    expect(email).to_have_value("gammel@eksempel.dk")
    # The phone's keyboard shows @ and the browser offers addresses.
    assert email.get_attribute("inputmode") == "email"
    assert email.get_attribute("autocomplete") == "email"
    _leave(page, "#edit-email", "ny.adresse@eksempel.dk")
    wait_for_stored(live_app, map_id, lambda m: m.person("sb").email == "ny.adresse@eksempel.dk")
    expect(page.locator("#edit-status")).to_have_text("Gemt")
    _leave(page, "#edit-email", "ikke en adresse")
    expect(page.locator("#edit-email-error")).to_contain_text("ikke en adresse")
    _leave(page, "#edit-email", "tredje@eksempel.dk")
    wait_for_stored(live_app, map_id, lambda m: m.person("sb").email == "tredje@eksempel.dk")
    _leave(page, "#edit-phone", "70 12 34 56")
    wait_for_stored(live_app, map_id, lambda m: m.person("sb").phone == "+45 70 12 34 56")
    # Undo sets the field's value from the server while it may have the focus.
    email.focus()
    page.click("#undo")
    wait_for_stored(live_app, map_id, lambda m: m.person("sb").phone == "+45 20 11 22 33")
    page.click("#undo")
    wait_for_stored(live_app, map_id, lambda m: m.person("sb").email == "ny.adresse@eksempel.dk")
    expect(email).to_have_value("ny.adresse@eksempel.dk")
    page.wait_for_timeout(300)
    shot(page, "e2e042_email_edited")
    assert console_errors == []


def test_e2e044_start_page_to_a_map_and_back_logs_no_console_error(
    live_app: LiveApp, page: Page, console_errors: list[Any]
) -> None:
    live_app.create_map(_map())
    page.goto(live_app.url + "/")
    expect(page.locator(".map-row")).to_have_count(1)
    # The start page as loaded: its own callbacks have run.
    page.wait_for_load_state("networkidle")
    assert console_errors == [], "the start page as loaded"
    # Client-side navigation (dcc.Link): the routing callback puts the map page in.
    page.locator(".map-row").get_by_role("link").click()
    wait_for_map(page)
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert console_errors == [], "start page -> map"
    # A person chosen and the map page loaded afresh: still nothing.
    page.locator(".person-item", has_text="Sagsbehandler Testsen").click()
    expect(page.locator("#edit-save")).to_be_visible()
    page.reload()
    wait_for_map(page)
    page.wait_for_load_state("networkidle")
    # And back to the start page ("Alle kort"), client-side again.
    page.locator("a.back").click()
    expect(page.locator(".map-row")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    shot(page, "e2e043_back_on_the_start_page")
    assert console_errors == [], "map -> start page"
