"""The add form in the browser: it asks how close, and stays where the hands are.

Issue 12, items 2 and 8: after "Tilføj person" the focus is back in Navn, the
form has not moved, the new person is marked for a moment on the map and in
the list (and not opened in the edit panel above the form); the form asks
how close the person is, with nothing chosen, and refuses an add without it.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from netmap.model import Band, NetworkMap, Patient, Person, Sector
from tests.e2e.conftest import (
    SCREENSHOTS,
    LiveApp,
    choose_band,
    shot,
    wait_for_map,
    wait_for_stored,
)

pytestmark = pytest.mark.e2e


def _crowded_map() -> NetworkMap:
    # Enough persons that the list is long and an edit panel above the form
    # would push it far down.
    names = ["Mor", "Far", "Søster", "Bror", "Moster", "Farmor", "Ven", "Nabo", "Chef", "Lærer"]
    sectors = [Sector.FAMILY] * 4 + [Sector.KIN] * 2 + [Sector.LEISURE] * 2
    sectors += [Sector.WORK_SCHOOL] * 2
    persons = [
        Person(id=f"p{i}", name=f"{name} Testesen", sector=sector, distance=0.2 + 0.07 * i)
        for i, (name, sector) in enumerate(zip(names, sectors, strict=True))
    ]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=persons)


def _open(page: Page, live_app: LiveApp, map_id: str) -> None:
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None
    return float(box["y"])


def _page_top(page: Page, selector: str) -> float:
    """Where an element is on the page (not in the window): moves only if pushed.

    The side column beside the map scrolls on its own (responsive.css): its
    scroll counts like the window's.
    """
    return float(
        page.evaluate(
            "(s) => { const e = document.querySelector(s), c = e.closest('.side-col');"
            " return e.getBoundingClientRect().top + window.scrollY + (c ? c.scrollTop : 0); }",
            selector,
        )
    )


def _pressed(page: Page) -> list[str]:
    buttons = page.locator("#add-band-group button")
    return [buttons.nth(i).get_attribute("aria-pressed") or "" for i in range(buttons.count())]


def _node_classes(page: Page, pid: str) -> Any:
    return page.evaluate(
        "(pid) => { const n = window.cy.nodes('.person').filter(x => x.data('pid') === pid);"
        " return n.length ? n.classes() : null; }",
        pid,
    )


def test_e2e040_add_asks_how_close_and_keeps_the_form_in_place(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_crowded_map())
    _open(page, live_app, map_id)
    # Nothing is chosen at first: how close is the patient's choice.
    assert _pressed(page) == ["false", "false", "false"]
    page.locator("#add-name").scroll_into_view_if_needed()
    page.fill("#add-name", "Psykolog Testsen")
    page.locator("#add-sector").get_by_text("Fagpersoner", exact=True).click()
    page.fill("#add-role", "Psykolog")
    page.click("#add-submit")
    # Refused next to the form, with what to choose; nothing saved, nothing lost.
    expect(page.locator("#add-band-error")).to_contain_text(
        "Vælg, hvor tæt på personen er: Tæt på, Midt imellem eller Længere væk"
    )
    # Next to the question it answers (inside its fieldset), and read with it.
    assert page.locator("#add-band-group #add-band-error").count() == 1
    described = page.get_attribute("#add-band-group", "aria-describedby") or ""
    assert "add-band-error" in described.split()
    assert live_app.store.load(map_id).version == 1
    expect(page.locator("#add-name")).to_have_value("Psykolog Testsen")

    choose_band(page, "Længere væk")
    expect(page.locator("#add-band-error")).to_be_empty()  # answered: the error goes
    form_top = _page_top(page, "#add-card")
    page.click("#add-submit")
    stored = wait_for_stored(live_app, map_id, lambda m: len(m.persons) == 11)
    added = stored.persons[-1]
    assert (added.name, added.sector, added.role) == (
        "Psykolog Testsen",
        Sector.PROFESSIONAL,
        "Psykolog",
    )
    # Placed further away as chosen: not in the team by a default band.
    assert added.band is Band.DISTANT
    expect(page.locator("#add-status")).to_contain_text("Psykolog Testsen er tilføjet")
    for slot in ("#add-error", "#add-name-error", "#add-band-error"):
        expect(page.locator(slot)).to_be_empty()
    # Marked for a moment on the map and in the list (the page keeps a note
    # of what it marked: on a loaded machine the marks may fade before we look).
    page.wait_for_function(
        "(pid) => (window.__netmapAddMarks || []).some(m => m.id === pid && m.row && m.node)",
        arg=added.id,
    )
    row = page.locator(".person-row.just-added")
    # The form is where it was, the focus back in Navn, ready for the next.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'add-name'"
    )
    expect(page.locator("#add-name")).to_have_value("")
    expect(page.locator("#add-role")).to_have_value("")
    assert abs(_page_top(page, "#add-card") - form_top) < 2
    assert 0 <= _top(page, "#add-name") < 768 - 40
    page.screenshot(path=str(SCREENSHOTS / "e2e040_after_add_window.png"))
    shot(page, "e2e040_after_add")
    # The new person is not opened above the form; the closeness is asked again.
    expect(page.locator("#edit-panel .edit-form")).to_have_count(0)
    assert _pressed(page) == ["false", "false", "false"]
    # The mark goes away by itself.
    expect(row).to_have_count(0, timeout=8000)
    assert "just-added" not in (_node_classes(page, added.id) or [])


def test_e2e041_enter_in_navn_adds_with_the_keyboard_only(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_crowded_map())
    _open(page, live_app, map_id)
    page.locator("#add-name").scroll_into_view_if_needed()
    page.focus("#add-name")
    page.keyboard.type("Nabo Nyholm")
    # Tab to the closeness buttons (past the sector choices) and press one.
    close = page.locator("#add-band-group").get_by_role("button", name="Tæt på", exact=True)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Tæt på":
            break
    expect(close).to_be_focused()
    page.keyboard.press("Space")
    expect(close).to_have_attribute("aria-pressed", "true")
    page.focus("#add-name")
    page.keyboard.press("Enter")
    stored = wait_for_stored(live_app, map_id, lambda m: len(m.persons) == 11)
    assert (stored.persons[-1].name, stored.persons[-1].band) == ("Nabo Nyholm", Band.CLOSE)
    page.wait_for_function("() => (window.__netmapAddMarks || []).some(m => m.row && m.node)")
    page.wait_for_function("() => document.activeElement.id === 'add-name'")
    expect(page.locator("#add-name")).to_have_value("")
