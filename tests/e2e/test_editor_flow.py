"""What the pair does with the editor, in a real browser, checked in the store."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from netmap.model import Attendance, NetworkMap, Patient, Person, Sector
from tests.e2e.conftest import (
    LiveApp,
    add_person,
    node_screen_point,
    shot,
    show_map,
    wait_for_map,
)

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


def test_e2e010_create_map_from_start_page_with_masked_cpr(live_app: LiveApp, page: Page) -> None:
    page.goto(live_app.url)
    page.fill("#new-name", "Testa Testesen")
    page.fill("#new-cpr", "010190-1234")
    page.click("#new-create")
    wait_for_map(page)
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    expect(page.locator(".editor-heading .cpr")).to_contain_text("010190-xxxx")
    expect(page.locator(".editor-heading")).not_to_contain_text("1234")
    summaries = live_app.store.list_maps()
    assert [s.patient_name for s in summaries] == ["Testa Testesen"]
    assert _map(live_app, summaries[0].map_id).patient.cpr == "010190-1234"


def test_e2e011_add_five_persons_in_different_sectors(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map()
    _open(page, live_app, map_id)
    wanted = [
        ("Lene Testesen", "Familie", "Mor", Sector.FAMILY),
        ("Poul Testesen", "Slægt", "Farfar", Sector.KIN),
        ("Anna Testholm", "Fritid / andre", "Veninde", Sector.LEISURE),
        ("Jonas Testberg", "Arbejde / skole", "Leder", Sector.WORK_SCHOOL),
        ("Mette Testdahl", "Fagpersoner", "Sagsbehandler", Sector.PROFESSIONAL),
    ]
    for name, label, role, _ in wanted:
        add_person(page, name, label, role)
    stored = _map(live_app, map_id)
    assert [(p.name, p.sector, p.role) for p in stored.persons] == [
        (name, sector, role) for name, _, role, sector in wanted
    ]
    # Each lands mid-way out (the middle ring) in its own sector's wedge.
    assert all(p.distance == 0.5 for p in stored.persons)
    expect(page.locator("#map-cy")).to_be_visible()
    assert page.evaluate("window.cy.nodes('.person').length") == 5
    shot(page, "e2e011_five_persons")


def test_e2e013_connect_and_disconnect_two_persons(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    page.locator("#mode").get_by_text("Tegn streger").click()
    show_map(page)
    page.mouse.click(*node_screen_point(page, "p:mor"))
    expect(page.locator("#notice-text")).to_contain_text("Tryk nu på den anden person")
    page.mouse.click(*node_screen_point(page, "p:sb"))
    expect(page.locator("#notice-text")).to_contain_text("Streg tegnet")
    assert [t.ends for t in _map(live_app, map_id).ties] == [("mor", "sb")]
    assert page.evaluate("window.cy.edges('.tie').length") == 1
    # Choosing Mor marks the person she is tied to.
    page.locator("#mode").get_by_text("Vælg og flyt").click()
    page.locator(".person-item", has_text="Mor Testesen").click()
    page.wait_for_function("() => window.cy.getElementById('p:sb').hasClass('tied')")
    assert not page.evaluate("window.cy.getElementById('p:ven').hasClass('tied')")
    expect(page.locator(".ties-text")).to_contain_text("Sagsbehandler Test")
    shot(page, "e2e013_tied_marked")
    # Tap the same two again: the line goes.
    page.locator("#mode").get_by_text("Tegn streger").click()
    page.mouse.click(*node_screen_point(page, "p:sb"))
    expect(page.locator("#notice-text")).to_contain_text("Tryk nu på den anden person")
    page.mouse.click(*node_screen_point(page, "p:mor"))
    expect(page.locator("#notice-text")).to_contain_text("fjernet")
    assert _map(live_app, map_id).ties == []
    page.wait_for_function("() => window.cy.edges('.tie').length === 0")


def test_e2e014_answer_the_questions_for_three_persons(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    # Question 2 by tapping on the map: one tap = yes, two taps = no.
    page.locator("#q-step").get_by_text("Hvem kender til, hvordan du har det?").click()
    expect(page.locator("#tap-help")).to_contain_text("Tryk på personerne")
    show_map(page)
    page.mouse.click(*node_screen_point(page, "p:mor"))
    expect(page.locator("#notice-text")).to_contain_text("Mor Testesen")
    page.wait_for_function("() => window.cy.getElementById('p:mor').hasClass('answer-yes')")
    page.mouse.click(*node_screen_point(page, "p:ven"))
    page.wait_for_function("() => window.cy.getElementById('p:ven').hasClass('answer-yes')")
    page.mouse.click(*node_screen_point(page, "p:ven"))
    page.wait_for_function("() => window.cy.getElementById('p:ven').hasClass('answer-no')")
    # Question 3 with the buttons in the list.
    page.locator("#q-step").get_by_text("Hvem kan du tale med eller få hjælp fra?").click()
    page.get_by_role("button", name="Svar for Sagsbehandler Test: Ja").click()
    expect(page.get_by_role("button", name="Svar for Sagsbehandler Test: Ja")).to_have_attribute(
        "aria-pressed", "true"
    )
    # Question 4: the meetings, yes / no / not decided.
    page.locator("#q-step").get_by_text("Hvem af dem skal med til møderne?").click()
    page.get_by_role("button", name="Svar for Sagsbehandler Test: Ja").click()
    expect(page.get_by_role("button", name="Svar for Sagsbehandler Test: Ja")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Svar for Mor Testesen: Nej").click()
    expect(page.get_by_role("button", name="Svar for Mor Testesen: Nej")).to_have_attribute(
        "aria-pressed", "true"
    )
    shot(page, "e2e014_question_4")
    persons = {p.id: p for p in _map(live_app, map_id).persons}
    assert persons["mor"].knows_how_i_am is True
    assert persons["ven"].knows_how_i_am is False
    assert persons["sb"].knows_how_i_am is None
    assert persons["sb"].can_help is True
    assert persons["sb"].attends_meetings is Attendance.YES
    assert persons["mor"].attends_meetings is Attendance.NO
    assert persons["ven"].attends_meetings is Attendance.UNDECIDED
    # The marks on the map: ♥ for Mor (knows), ✚ and ☑ for the caseworker.
    label = page.evaluate("window.cy.getElementById('p:sb').data('label')")
    assert "✚" in label and "☑" in label
    assert "♥" in page.evaluate("window.cy.getElementById('p:mor').data('label')")


def test_e2e015_reload_shows_everything_as_it_was(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    add_person(page, "Ny Testperson", "Slægt", "Fætter")
    page.locator("#mode").get_by_text("Tegn streger").click()
    show_map(page)
    page.mouse.click(*node_screen_point(page, "p:mor"))
    expect(page.locator("#notice-text")).to_contain_text("Tryk nu")
    page.mouse.click(*node_screen_point(page, "p:ven"))
    expect(page.locator("#notice-text")).to_contain_text("Streg tegnet")
    before = _map(live_app, map_id)
    page.reload()
    wait_for_map(page)
    expect(page.locator(".person-item")).to_have_count(4)
    expect(page.locator(".person-item", has_text="Ny Testperson")).to_contain_text("Fætter")
    assert page.evaluate("window.cy.edges('.tie').length") == 1
    assert page.evaluate("window.cy.nodes('.person').map(n => n.data('pid')).sort()") == sorted(
        p.id for p in before.persons
    )
    assert _map(live_app, map_id) == before


def test_e2e016_switch_to_english_and_back(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_three_persons())
    _open(page, live_app, map_id)
    expect(page.get_by_role("heading", name="Tilføj en person")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    expect(page.locator("#q-step")).to_contain_text("Who knows how you are doing?")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.wait_for_function(
        "() => window.cy.getElementById('bg:label-kin').data('label') === 'Relatives'"
    )
    shot(page, "e2e016_english")
    # The choice is remembered on this computer: a reload stays in English.
    page.reload()
    wait_for_map(page)
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", name="Tilføj en person")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "da")


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
    expect(page.locator("#notice-text")).to_contain_text("Gemt")
    ven = _map(live_app, map_id).person("ven")
    assert ven.sector is Sector.PROFESSIONAL
    assert ven.distance == pytest.approx(0.7)
    shot(page, "e2e017_keyboard")


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
    page.click("#add-submit")
    expect(page.locator("#notice-text")).to_contain_text("ændret et andet sted")
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
    expect(confirm).to_contain_text("Alle 1 versioner bliver slettet")
    confirm.get_by_role("button", name="Nej, behold det").click()
    expect(page.locator(".map-row")).to_have_count(1)
    row.get_by_role("button", name="Slet").click()
    page.get_by_role("button", name="Ja, slet kortet og alle versioner").click()
    expect(page.locator("#start-message")).to_contain_text("Kortet for Sofie Jensen er slettet")
    expect(page.locator(".map-row")).to_have_count(0)
    assert live_app.store.list_maps() == []


@pytest.mark.parametrize("width", [1366, 1024])
def test_e2e024_no_sideways_scrolling(live_app: LiveApp, page: Page, width: int) -> None:
    from netmap.app.start import demo_map

    map_id = live_app.create_map(demo_map())
    page.set_viewport_size({"width": width, "height": 768})
    _open(page, live_app, map_id)
    page.locator(".person-item").first.click()
    expect(page.locator(".edit-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, a.btn, .person-item')]
              .filter(el => el.offsetParent !== null)
              .map(el => el.getBoundingClientRect())
              .filter(r => r.height < 44).length"""
    )
    assert small == 0
    shot(page, f"e2e024_editor_{width}")
