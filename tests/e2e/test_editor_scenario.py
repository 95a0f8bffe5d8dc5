"""The pair draws a map from scratch, in a real browser, checked in the store.

One scenario in the order of the issue: create a map; add five persons in
different sectors by form; drag one to another ring and another into a
different sector; connect and disconnect two persons; answer the questions
for three persons; reload and see everything persisted; switch to English
and back. (One page for all of it keeps the suite fast.)
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from netmap.model import Attendance, Band, NetworkMap, Sector
from tests.e2e.conftest import (
    MAP_RADIUS_PX,
    LiveApp,
    add_person,
    drag,
    model_screen_point,
    node_screen_point,
    shot,
    show_map,
    wait_for_map,
    wait_for_stored,
)

pytestmark = pytest.mark.e2e

FIVE = [
    ("Lene Testesen", "Familie", "Mor", Sector.FAMILY),
    ("Poul Testesen", "Slægt", "Farfar", Sector.KIN),
    ("Anna Testholm", "Fritid / andre", "Veninde", Sector.LEISURE),
    ("Jonas Testberg", "Arbejde / skole", "Leder", Sector.WORK_SCHOOL),
    ("Mette Testdahl", "Fagpersoner", "Sagsbehandler", Sector.PROFESSIONAL),
]


def _stored(live_app: LiveApp, map_id: str) -> NetworkMap:
    return live_app.store.load(map_id).map


def _tap(page: Page, person_id: str) -> None:
    page.mouse.click(*node_screen_point(page, f"p:{person_id}"))


def _connect(page: Page, first: str, second: str) -> None:
    """Tap two persons in connect mode, the second once the map shows the first chosen.

    The second tap reads which person was tapped first from the page; tapping
    before the first tap's answer is back would start over instead.
    """
    _tap(page, first)
    page.wait_for_function(f"() => window.cy.getElementById('p:{first}').hasClass('connect-from')")
    _tap(page, second)


def _wait_for_ties(live_app: LiveApp, map_id: str, count: int) -> None:
    wait_for_stored(live_app, map_id, lambda m: len(m.ties) == count)


def test_e2e010_draw_a_map_from_scratch(live_app: LiveApp, page: Page) -> None:
    # Create: the CPR number is kept in full but shown masked.
    page.goto(live_app.url)
    page.fill("#new-name", "Testa Testesen")
    page.fill("#new-cpr", "010190-1234")
    page.click("#new-create")
    wait_for_map(page)
    expect(page.locator("#patient-name")).to_have_text("Testa Testesen")
    expect(page.locator(".editor-heading .cpr")).to_contain_text("010190-xxxx")
    expect(page.locator(".editor-heading")).not_to_contain_text("1234")
    (summary,) = live_app.store.list_maps()
    map_id = summary.map_id
    assert _stored(live_app, map_id).patient.cpr == "010190-1234"

    # Add five persons in different sectors by form; each lands mid-way out.
    for name, label, role, _ in FIVE:
        add_person(page, name, label, role)
    stored = _stored(live_app, map_id)
    assert [(p.name, p.sector, p.role, p.distance) for p in stored.persons] == [
        (name, sector, role, 0.5) for name, _, role, sector in FIVE
    ]
    ids = {p.name: p.id for p in stored.persons}
    assert page.evaluate("window.cy.nodes('.person').length") == 5
    shot(page, "e2e010_1_five_persons")

    # Drag the mother straight up to the outer ring: 12 o'clock is the family
    # wedge (0°–72°); distance 0.9, the distant band, is drawn at radius
    # 0.25 + 0.75 * 0.9 = 0.925 of the outer ring.
    show_map(page)
    mor = ids["Lene Testesen"]
    drag(
        page,
        node_screen_point(page, f"p:{mor}"),
        model_screen_point(page, -8, -0.925 * MAP_RADIUS_PX),
    )
    expect(page.locator("#notice-text")).to_contain_text("Lene Testesen er flyttet")
    moved = _stored(live_app, map_id).person(mor)
    assert (moved.sector, moved.band) == (Sector.FAMILY, Band.DISTANT)
    assert moved.distance == pytest.approx(0.9, abs=0.03)
    # Drag the friend (leisure, 6 o'clock) to 9 o'clock, a quarter out: kin, close
    # (distance 0.25 is drawn at radius 0.25 + 0.75 * 0.25 = 0.4375).
    ven = ids["Anna Testholm"]
    drag(
        page,
        node_screen_point(page, f"p:{ven}"),
        model_screen_point(page, -0.4375 * MAP_RADIUS_PX, 0),
    )
    expect(page.locator("#notice-text")).to_contain_text("Anna Testholm er flyttet")
    moved = _stored(live_app, map_id).person(ven)
    assert (moved.sector, moved.band) == (Sector.KIN, Band.CLOSE)
    assert moved.distance == pytest.approx(0.25, abs=0.03)
    assert moved.angle == pytest.approx(90.0, abs=4)
    shot(page, "e2e010_2_after_drags")

    # Connect the mother and the caseworker: connect mode, tap one, tap the other.
    sb = ids["Mette Testdahl"]
    page.locator("#mode").get_by_text("Tegn streger").click()
    _tap(page, mor)
    expect(page.locator("#notice-text")).to_contain_text("Tryk nu på den anden person")
    page.wait_for_function(f"() => window.cy.getElementById('p:{mor}').hasClass('connect-from')")
    _tap(page, sb)
    _wait_for_ties(live_app, map_id, 1)
    expect(page.locator("#notice-text")).to_contain_text("Streg tegnet")
    assert [t.ends for t in _stored(live_app, map_id).ties] == [tuple(sorted((mor, sb)))]
    page.wait_for_function("() => window.cy.edges('.tie').length === 1")
    # Choosing the mother marks the person she is tied to, and only that one.
    page.locator("#mode").get_by_text("Vælg og flyt").click()
    page.locator(".person-item", has_text="Lene Testesen").click()
    page.wait_for_function(f"() => window.cy.getElementById('p:{sb}').hasClass('tied')")
    assert not page.evaluate(f"window.cy.getElementById('p:{ven}').hasClass('tied')")
    expect(page.locator(".ties-text")).to_contain_text("Mette Testdahl")
    shot(page, "e2e010_3_tied_marked")
    # Tap the two again: the line goes. Then draw one between mother and friend.
    page.locator("#mode").get_by_text("Tegn streger").click()
    _connect(page, sb, mor)
    _wait_for_ties(live_app, map_id, 0)
    expect(page.locator("#notice-text")).to_contain_text("fjernet")
    page.wait_for_function("() => window.cy.edges('.tie').length === 0")
    _connect(page, mor, ven)
    _wait_for_ties(live_app, map_id, 1)
    expect(page.locator("#notice-text")).to_contain_text("Streg tegnet")
    page.locator("#mode").get_by_text("Vælg og flyt").click()

    # The questions: 2 by tapping on the map (one tap yes, two taps no) ...
    page.locator("#q-step").get_by_text("Hvem kender til, hvordan du har det?").click()
    expect(page.locator("#tap-help")).to_contain_text("Tryk på personerne")
    show_map(page)
    _tap(page, mor)
    page.wait_for_function(f"() => window.cy.getElementById('p:{mor}').hasClass('answer-yes')")
    _tap(page, ven)
    page.wait_for_function(f"() => window.cy.getElementById('p:{ven}').hasClass('answer-yes')")
    _tap(page, ven)
    page.wait_for_function(f"() => window.cy.getElementById('p:{ven}').hasClass('answer-no')")
    # ... 3 and 4 with the buttons in the list.
    page.locator("#q-step").get_by_text("Hvem kan du tale med eller få hjælp fra?").click()
    yes_sb = page.get_by_role("button", name="Svar for Mette Testdahl: Ja")
    yes_sb.click()
    expect(yes_sb).to_have_attribute("aria-pressed", "true")
    # The list item's marks follow the answer without the list being redrawn.
    sb_item = page.locator("#person-list .person-item", has_text="Mette Testdahl")
    expect(sb_item.locator(".marks")).to_contain_text("✚")
    page.locator("#q-step").get_by_text("Hvem af dem skal med til møderne?").click()
    yes_sb.click()
    expect(yes_sb).to_have_attribute("aria-pressed", "true")
    no_mor = page.get_by_role("button", name="Svar for Lene Testesen: Nej")
    undecided_mor = page.get_by_role("button", name="Svar for Lene Testesen: Ikke besluttet")
    expect(undecided_mor).to_have_attribute("aria-pressed", "true")
    no_mor.click()
    expect(no_mor).to_have_attribute("aria-pressed", "true")
    expect(undecided_mor).to_have_attribute("aria-pressed", "false")
    expect(undecided_mor).not_to_have_class(re.compile(r"\bon\b"))
    shot(page, "e2e010_4_question_4")
    stored = _stored(live_app, map_id)
    answers = {p.name: (p.knows_how_i_am, p.can_help, p.attends_meetings) for p in stored.persons}
    assert answers["Lene Testesen"] == (True, None, Attendance.NO)
    assert answers["Anna Testholm"] == (False, None, Attendance.UNDECIDED)
    assert answers["Mette Testdahl"] == (None, True, Attendance.YES)
    assert answers["Poul Testesen"] == (None, None, Attendance.UNDECIDED)
    label = page.evaluate(f"window.cy.getElementById('p:{sb}').data('label')")
    assert "✚" in label and "☑" in label

    # Reload: everything as it was, on the map and in the store.
    page.reload()
    wait_for_map(page)
    assert _stored(live_app, map_id) == stored
    expect(page.locator(".person-item")).to_have_count(5)
    assert page.evaluate("window.cy.edges('.tie').length") == 1
    positions = page.evaluate(
        "Object.fromEntries(window.cy.nodes('.person').map(n => [n.data('pid'), n.position()]))"
    )
    # Drawn radii: 0.25 + 0.75 * 0.9 = 0.925 and 0.25 + 0.75 * 0.25 = 0.4375.
    assert positions[mor]["y"] == pytest.approx(-0.925 * MAP_RADIUS_PX, abs=0.04 * MAP_RADIUS_PX)
    assert positions[ven]["x"] == pytest.approx(-0.4375 * MAP_RADIUS_PX, abs=0.04 * MAP_RADIUS_PX)

    # English and back; the choice is remembered on this computer.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    expect(page.locator("#q-step")).to_contain_text("Who knows how you are doing?")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.wait_for_function(
        "() => window.cy.getElementById('bg:label-kin').data('label') === 'Relatives'"
    )
    shot(page, "e2e010_5_english")
    page.reload()
    wait_for_map(page)
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", name="Tilføj en person")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert _stored(live_app, map_id) == stored
