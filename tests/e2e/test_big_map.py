"""A large map (300 persons) in light mode: the note, the capped list and its search,
choosing a person from the search, and a drop that saves the new distance."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page, expect

from netmap.model import NetworkMap, Patient, Person, Sector
from tests.e2e.conftest import (
    MAP_RADIUS_PX,
    LiveApp,
    drag,
    model_screen_point,
    node_screen_point,
    shot,
    show_map,
    wait_for_stored,
)

pytestmark = pytest.mark.e2e

_SECTORS = list(Sector)
_COUNT = 300


def _big_map() -> NetworkMap:
    """300 fictional persons over every sector, names numbered so their order is known."""
    persons = [
        Person(
            id=f"q{i}",
            name=f"Testperson {i:03d}",
            sector=_SECTORS[i % len(_SECTORS)],
            distance=round(0.05 + (i % 19) * 0.05, 2),
            role="Nabo" if i % 7 == 0 else None,
        )
        for i in range(_COUNT)
    ]
    return NetworkMap(patient=Patient(name="Testa Storkort"), persons=persons)


def _open(page: Page, live_app: LiveApp, map_id: str) -> None:
    page.goto(live_app.map_url(map_id))
    page.wait_for_function(
        "(count) => window.cy && window.cy.nodes('.person').length === count"
        " && window.cy.__netmapHooked",
        arg=_COUNT,
        timeout=60_000,
    )


def _focus(page: Page, selector: str) -> None:
    page.evaluate("(s) => document.querySelector(s).focus()", selector)


def test_e2e_big001_a_large_map_is_shown_in_light_mode_and_says_so(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_big_map())
    _open(page, live_app, map_id)
    note = page.locator("#light-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("300 personer")
    expect(note).to_contain_text("lettere udgave")
    # The list shows 50 and says how many more there are.
    expect(page.locator(".person-item")).to_have_count(50)
    expect(page.locator("#person-list")).to_contain_text("og 250 flere")
    # No labels on the map until a person is pointed at or chosen.
    label = page.evaluate("() => window.cy.getElementById('p:q1').style('label')")
    assert label == ""
    shot(page, "e2e_big001_light_mode")


def test_e2e_big002_search_finds_a_person_beyond_the_first_fifty_and_opens_the_panel(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_big_map())
    _open(page, live_app, map_id)
    expect(page.locator(".person-item")).to_have_count(50)
    # By keyboard: a labelled native search field (Tab reaches it), and typing searches.
    search = page.get_by_label("Søg efter en person")
    expect(search).to_have_attribute("type", "search")
    # Focused and clicked by script: playwright's own actions can wait for
    # minutes on this page under load (its actionability checks), the keys
    # and the mouse are real.
    _focus(page, "#person-search")
    expect(search).to_be_focused()
    page.keyboard.type("Testperson 287")
    items = page.locator(".person-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Testperson 287")
    page.evaluate("() => document.querySelector('#person-list .person-item').click()")
    expect(page.locator("#edit-name")).to_have_value("Testperson 287")
    expect(items.first).to_have_attribute("aria-pressed", "true")
    # Chosen: its label shows on the map.
    page.wait_for_function(
        "() => window.cy.getElementById('p:q287').style('label').indexOf('Testperson 287') >= 0"
    )
    shot(page, "e2e_big002_search")


def test_e2e_big003_a_drop_saves_the_new_distance(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_big_map())
    _open(page, live_app, map_id)
    show_map(page)
    person = next(p for p in _big_map().persons if p.id == "q288")
    # Same angle, out to distance 0.9 (drawn at radius 0.25 + 0.75 * 0.9 of the ring).
    x, y = page.evaluate(
        "() => { const n = window.cy.getElementById('p:q288'); n.style('z-index', 9999);"
        " const p = n.position(); return [p.x, p.y]; }"
    )
    angle = math.atan2(y, x)
    radius = (0.25 + 0.75 * 0.9) * MAP_RADIUS_PX
    target = (radius * math.cos(angle), radius * math.sin(angle))
    drag(page, node_screen_point(page, "p:q288"), model_screen_point(page, *target))
    stored = wait_for_stored(
        live_app,
        map_id,
        lambda m: abs(m.person("q288").distance - 0.9) < 0.03,
    )
    assert stored.person("q288").sector is person.sector
    expect(page.locator("#version-label")).to_have_text("Version 2")
    # The list (50 and the search) is still there after the drop.
    expect(page.locator(".person-item")).to_have_count(50)


def test_e2e_big004_enter_on_the_map_opens_a_person_the_list_does_not_show(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_big_map())
    _open(page, live_app, map_id)
    expect(page.locator("#map-keys .map-key")).to_have_count(_COUNT)
    # Testperson 287 is beyond the list's first 50: Enter on its map button
    # (netmap-map-keys.js) opens the panel all the same.
    expect(page.locator(".person-item", has_text="Testperson 287")).to_have_count(0)
    _focus(page, "#map-keys .map-key[data-pid='q287']")
    page.keyboard.press("Enter")
    expect(page.locator("#edit-name")).to_have_value("Testperson 287")
