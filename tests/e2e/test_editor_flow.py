"""What the pair does with the editor, in a real browser, checked in the store."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from netmap.model import NetworkMap, Patient, Person, Sector
from tests.e2e.conftest import LiveApp, add_person, choose_band, shot, wait_for_map, wait_for_stored

pytestmark = pytest.mark.e2e


def _map(live_app: LiveApp, map_id: str) -> NetworkMap:
    return live_app.store.load(map_id).map


def _three_persons() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5, role="Ven"),
            Person(
                id="sb",
                name="Sagsbehandler Test",
                sector="professional",
                distance=0.6,
                role="Sagsbehandler",
            ),
        ],
    )


def _open(page: Page, live_app: LiveApp, map_id: str) -> None:
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)


def test_e2e017_place_a_person_with_the_keyboard_only(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    # Reach the person in the list with Tab, choose with Enter.
    item = page.locator(".person-item", has_text="Ven Testsen")
    for _ in range(80):
        page.keyboard.press("Tab")
        if item.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the person list cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".edit-form")).to_have_attribute("data-person", "ven")
    # Tab into the sector choice, move it with the arrow keys, then the distance.
    sector_inputs = page.locator("#edit-sector input")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'edit-sector'"):
            break
    else:
        pytest.fail("the sector choice cannot be reached with Tab")
    # Fritid / andre is checked; two steps on is Fagpersoner.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(sector_inputs.nth(4)).to_be_checked()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role') === 'slider'"):
            break
    else:
        pytest.fail("the distance cannot be reached with Tab")
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 0.5 → 0.7 in steps of 0.05
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id === 'edit-save'"):
            break
    else:
        pytest.fail("the save button cannot be reached with Tab")
    page.keyboard.press("Enter")
    # Every arrow key saved a step ("Gemt." each time): wait for the last one.
    stored = wait_for_stored(
        live_app, map_id, lambda m: m.person("ven").distance == pytest.approx(0.7)
    )
    expect(page.locator("#notice-text")).to_contain_text("Gemt")
    ven = stored.person("ven")
    assert ven.sector is Sector.PROFESSIONAL
    assert ven.distance == pytest.approx(0.7)
    shot(page, "e2e017_keyboard")


def test_e2e025_quick_edits_on_a_slow_server_are_no_conflict(
    live_app: LiveApp, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each arrow key and each answer tap is a save; on a slow server they
    # overlap, and the browser drops the answers of a callback fired again
    # meanwhile. The tab's own saves must neither look like another tab's
    # change nor leave the tab on an old version.
    map_id = live_app.create_map(_three_persons())
    save = live_app.store.save

    def slow_save(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.4)
        return save(*args, **kwargs)

    monkeypatch.setattr(live_app.store, "save", slow_save)
    numbers: list[str | None] = []
    page.on(
        "request",
        lambda r: (
            "_dash-update-component" in r.url and numbers.append(r.headers.get("x-netmap-seq"))
        ),
    )
    _open(page, live_app, map_id)
    page.locator(".person-item", has_text="Ven Testsen").click()
    expect(page.locator(".edit-form")).to_have_attribute("data-person", "ven")
    page.locator("#edit-distance [role=slider]").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 0.5 → 0.7 in steps of 0.05
    page.locator("#edit-save").click()
    wait_for_stored(live_app, map_id, lambda m: m.person("ven").distance == pytest.approx(0.7))
    expect(page.locator("#notice-text")).to_have_text("Gemt.")
    newest = live_app.store.load(map_id).version
    expect(page.locator("#version-label")).to_have_text(f"Version {newest}")

    # Three answers tapped one right after the other.
    page.locator("#q-step").get_by_text("Hvem kender til, hvordan du har det?").click()
    page.get_by_role("button", name="Svar for Mor Testesen: Ja").click()
    page.get_by_role("button", name="Svar for Ven Testsen: Ja").click()
    page.get_by_role("button", name="Svar for Sagsbehandler Test: Nej").click()
    stored = wait_for_stored(
        live_app, map_id, lambda m: [p.knows_how_i_am for p in m.persons] == [True, True, False]
    )
    expect(page.locator("#version-label")).to_have_text(f"Version {newest + 3}")
    expect(page.locator("#notice-text")).not_to_contain_text("ændret et andet sted")
    assert stored.person("ven").sector is Sector.LEISURE
    # The page numbers its requests in the order it sends them (edit_order).
    sent = [int(n) for n in numbers if n is not None]
    assert len(sent) == len(numbers) > 10 and sent == sorted(set(sent))


def test_e2e019_hostile_name_is_shown_as_text(live_app: LiveApp, page: Page) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    map_id = live_app.create_map(name=hostile)
    page.goto(live_app.url)
    expect(page.locator(".map-row .patient-name")).to_have_text(hostile)
    _open(page, live_app, map_id)
    add_person(page, hostile, "Fritid / andre")
    expect(page.locator(".person-item").first).to_contain_text(hostile)
    expect(page.locator("#patient-name")).to_have_text(hostile)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert _map(live_app, map_id).persons[0].name == hostile
    shot(page, "e2e019_hostile_name")


def test_e2e021_second_tab_gets_a_conflict_and_can_reload(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    other = page.context.new_page()
    other.goto(live_app.map_url(map_id))
    wait_for_map(other)
    add_person(other, "Fra Andenfane", "Slægt")
    # This tab still shows the old version: its save is refused, not merged.
    page.fill("#add-name", "Fra Førstefane")
    choose_band(page, "Tæt på")
    page.click("#add-submit")
    expect(page.locator("#conflict-text")).to_contain_text("ændret et andet sted")
    expect(page.locator("#reload")).to_be_visible()
    shot(page, "e2e021_conflict")
    names = [p.name for p in _map(live_app, map_id).persons]
    assert "Fra Andenfane" in names and "Fra Førstefane" not in names
    page.click("#reload")
    expect(page.locator(".person-item", has_text="Fra Andenfane")).to_be_visible()
    expect(page.locator("#reload")).to_be_hidden()
    add_person(page, "Fra Førstefane", "Slægt")
    names = [p.name for p in _map(live_app, map_id).persons]
    assert names[-2:] == ["Fra Andenfane", "Fra Førstefane"]


def test_e2e022_remove_then_undo_and_redo(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    page.locator(".person-item", has_text="Ven Testsen").click()
    page.click("#edit-remove")
    expect(page.locator("#notice-text")).to_contain_text("Ven Testsen er fjernet")
    expect(page.locator(".person-item")).to_have_count(2)
    assert "ven" not in {p.id for p in _map(live_app, map_id).persons}
    page.click("#undo")
    expect(page.locator(".person-item")).to_have_count(3)
    assert _map(live_app, map_id).person("ven").sector is Sector.LEISURE
    page.click("#redo")
    expect(page.locator(".person-item")).to_have_count(2)
    # Every step is a saved version: create, remove, undo, redo.
    assert [v.version for v in live_app.store.history(map_id)] == [1, 2, 3, 4]


def test_e2e023_demo_opens_in_one_click_and_delete_asks_first(
    live_app: LiveApp, page: Page
) -> None:
    page.goto(live_app.url)
    page.get_by_role("button", name="Åbn eksemplet med Sofie").click()
    wait_for_map(page)
    expect(page.locator("#patient-name")).to_have_text("Sofie Jensen")
    assert page.evaluate("window.cy.nodes('.person').length") >= 10
    page.get_by_role("link", name="← Alle kort").click()
    row = page.locator(".map-row", has_text="Sofie Jensen")
    row.get_by_role("button", name="Slet").click()
    confirm = page.get_by_role("alertdialog")
    expect(confirm).to_contain_text("Kortets ene version bliver slettet")
    confirm.get_by_role("button", name="Nej, behold det").click()
    expect(page.locator(".map-row")).to_have_count(1)
    row.get_by_role("button", name="Slet").click()
    page.get_by_role("button", name="Ja, slet kortet og alle versioner").click()
    expect(page.locator("#start-message")).to_contain_text("Kortet for Sofie Jensen er slettet")
    expect(page.locator(".map-row")).to_have_count(0)
    assert live_app.store.list_maps() == []


def test_e2e024_no_sideways_scrolling_and_finger_sized_targets(
    live_app: LiveApp, page: Page
) -> None:
    from netmap.app.start.demo import demo_map

    map_id = live_app.create_map(demo_map())
    _open(page, live_app, map_id)
    page.locator(".person-item").first.click()
    expect(page.locator(".edit-form")).to_be_visible()
    for width in (1366, 1024):
        page.set_viewport_size({"width": width, "height": 768})
        page.wait_for_timeout(300)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        small = page.evaluate(
            """() => [...document.querySelectorAll('button, a.btn, .person-item')]
                  .filter(el => el.offsetParent !== null)
                  .filter(el => el.getBoundingClientRect().height < 44)
                  .map(el => el.textContent)"""
        )
        assert small == []
        shot(page, f"e2e024_editor_{width}")
