"""The editor on a phone, a tablet and a laptop: the page grid and the side tabs (issue 12).

At 390×844, 1024×768 and 1366×768: no sideways scrolling on the start page
and the map page; the map gets most of a laptop's width; the panels beside
it are keyboard-operable tabs; on a tablet the team panel stays in view
beside the map while a person is dragged; on a phone the questions are a
compact stepper. Screenshots of every size are kept to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from netmap.app.start.demo import demo_map
from netmap.model import NetworkMap, Patient, Person
from tests.e2e.conftest import (
    MAP_RADIUS_PX,
    LiveApp,
    model_screen_point,
    node_screen_point,
    shot,
    show_map,
    side_tab,
    wait_for_map,
)

pytestmark = pytest.mark.e2e

SIZES = [(390, 844), (1024, 768), (1366, 768)]

_SIDEWAYS = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


def _new_page(browser: Browser, size: tuple[int, int]) -> Any:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="da-DK", has_touch=size[0] < 800
    )
    return context, context.new_page()


def _in_viewport(page: Page, selector: str) -> bool:
    """Whether some of the element's box is inside the viewport."""
    return bool(
        page.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
              && r.top < window.innerHeight && r.left < window.innerWidth; }""",
            selector,
        )
    )


def _shown_words(page: Page) -> list[bool]:
    """For each step: whether its words are drawn (more than a 1 px screen-reader box)."""
    return list(
        page.evaluate(
            "() => [...document.querySelectorAll('#q-step .step-text')]"
            ".map(e => e.getBoundingClientRect().width > 40)"
        )
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_e2e_rsp001_no_sideways_scrolling_on_start_and_map_pages(
    live_app: LiveApp, browser: Browser, size: tuple[int, int]
) -> None:
    map_id = live_app.create_map(demo_map())
    context, page = _new_page(browser, size)
    try:
        page.goto(live_app.url + "/")
        expect(page.locator(".map-row")).to_have_count(1)
        scroll, inner = page.evaluate(_SIDEWAYS)
        assert scroll <= inner, f"start page {scroll} px wide at {size}"
        shot(page, f"e2e_rsp001_start_{size[0]}")
        page.goto(live_app.map_url(map_id))
        wait_for_map(page)
        scroll, inner = page.evaluate(_SIDEWAYS)
        assert scroll <= inner, f"map page {scroll} px wide at {size}"
        # Every tab panel too (the panels with the overview and measures open).
        side_tab(page, "panels")
        for section in ("overview", "measures"):
            page.locator(f"#panel-{section}-title").click()
        expect(page.locator("#panel-overview-table")).to_be_visible()
        scroll, inner = page.evaluate(_SIDEWAYS)
        assert scroll <= inner, f"map page with the panels {scroll} px wide at {size}"
        map_box = page.locator("#map-cy").bounding_box()
        assert map_box is not None
        if size[0] < 800:
            # A phone: the map is the page's full width, the tabs come below it.
            assert map_box["width"] >= size[0] - 40
            tabs = page.locator(".side-tabs").bounding_box()
            assert tabs is not None and tabs["y"] >= map_box["y"] + map_box["height"]
        else:
            # Beside the map: it gets most of the width.
            assert map_box["width"] >= 0.55 * size[0], map_box
            side = page.locator("#side-col").bounding_box()
            assert side is not None and side["x"] >= map_box["x"] + map_box["width"]
        shot(page, f"e2e_rsp001_map_{size[0]}")
    finally:
        context.close()


def test_e2e_rsp002_side_tabs_work_with_the_keyboard(live_app: LiveApp, page: Page) -> None:
    page.goto(live_app.map_url(live_app.create_map(demo_map())))
    wait_for_map(page)
    work, panels = page.locator("#side-tab-work"), page.locator("#side-tab-panels")
    expect(page.get_by_role("tablist")).to_have_count(1)
    expect(page.get_by_role("tab")).to_have_count(2)
    expect(work).to_have_attribute("aria-selected", "true")
    expect(panels).to_have_attribute("aria-selected", "false")
    # Only the chosen tab is in the Tab order; each tab names the panel it controls.
    expect(work).to_have_attribute("tabindex", "0")
    expect(panels).to_have_attribute("tabindex", "-1")
    expect(panels).to_have_attribute("aria-controls", "side-panel-panels")
    expect(page.locator("#side-panel-panels")).to_be_hidden()
    expect(page.get_by_role("tabpanel")).to_have_count(1)

    work.focus()
    page.keyboard.press("ArrowRight")
    expect(panels).to_be_focused()
    expect(panels).to_have_attribute("aria-selected", "true")
    expect(panels).to_have_attribute("tabindex", "0")
    expect(work).to_have_attribute("tabindex", "-1")
    expect(page.locator("#side-panel-panels")).to_be_visible()
    expect(page.locator("#side-panel-work")).to_be_hidden()
    expect(page.locator("#panel-group-team")).to_be_visible()
    # Right again wraps round to the first; End and Home go to the ends.
    page.keyboard.press("ArrowRight")
    expect(work).to_be_focused()
    expect(work).to_have_attribute("aria-selected", "true")
    page.keyboard.press("End")
    expect(panels).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Home")
    expect(work).to_have_attribute("aria-selected", "true")
    expect(page.locator("#add-name")).to_be_visible()
    # The tab panel is the next stop after the tabs.
    page.keyboard.press("ArrowLeft")
    expect(panels).to_be_focused()
    expect(work).to_have_attribute("tabindex", "-1")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.id, document.activeElement.tagName,"
        " !!document.activeElement.closest('#side-panel-panels')]"
    )
    assert focused[2], focused

    # Choosing a person shows the persons tab, with their panel.
    page.locator("#side-tab-panels").click()
    show_map(page)
    page.mouse.click(*node_screen_point(page, "p:bostotte"))
    expect(work).to_have_attribute("aria-selected", "true")
    expect(page.locator(".edit-form")).to_have_attribute("data-person", "bostotte")
    # So does a question whose answers are in the list.
    side_tab(page, "panels")
    page.locator("#q-step").get_by_text("Hvem kender til, hvordan du har det?").click()
    expect(work).to_have_attribute("aria-selected", "true")
    expect(page.locator(".answers").first).to_be_visible()
    # The chosen tab survives a language switch (the page is drawn again).
    side_tab(page, "panels")
    page.locator("#lang-switch").click()
    expect(page.locator("#side-tab-panels")).to_have_text("Team and checks")
    expect(page.locator("#side-tab-panels")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#panel-group-team")).to_be_visible()


def _one_professional_far_away() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.3, role="Mor"),
            Person(
                id="psyk",
                name="Psykolog Testsen",
                sector="professional",
                distance=0.9,
                role="Psykolog",
            ),
        ],
    )


def test_e2e_rsp003_tablet_team_panel_beside_the_map_while_dragging(
    live_app: LiveApp, browser: Browser
) -> None:
    map_id = live_app.create_map(_one_professional_far_away())
    context, page = _new_page(browser, (1024, 768))
    try:
        page.goto(live_app.map_url(map_id))
        wait_for_map(page)
        side_tab(page, "panels")
        expect(page.locator("#panel-group-team")).not_to_contain_text("Psykolog Testsen")
        show_map(page)
        assert _in_viewport(page, "#map-cy")
        assert _in_viewport(page, "#panel-team")
        assert _in_viewport(page, "#panel-checks")
        # Drag the distant professional into the close band (same angle).
        x, y = page.evaluate(
            "() => { const p = window.cy.getElementById('p:psyk').position(); return [p.x, p.y]; }"
        )
        scale = (0.25 + 0.75 * 0.3) / (0.25 + 0.75 * 0.9)
        assert abs((x * x + y * y) ** 0.5 - 0.925 * MAP_RADIUS_PX) < 30
        start = node_screen_point(page, "p:psyk")
        end = model_screen_point(page, x * scale, y * scale)
        page.mouse.move(*start)
        page.mouse.down()
        page.mouse.move(*end, steps=12)
        # Mid-drag: the map and the team panel are both on the screen.
        assert _in_viewport(page, "#map-cy")
        assert _in_viewport(page, "#panel-team")
        assert _in_viewport(page, "#panel-checks")
        shot(page, "e2e_rsp003_tablet_dragging")
        page.mouse.up()
        # The pair sees the team panel react, without scrolling.
        team = page.locator("#panel-group-team")
        expect(team).to_contain_text("Psykolog Testsen")
        assert _in_viewport(page, "#panel-group-team")
        assert _in_viewport(page, "#map-cy")
        shot(page, "e2e_rsp003_tablet_after_drop")
    finally:
        context.close()


def test_e2e_rsp004_phone_questions_are_a_compact_stepper(
    live_app: LiveApp, browser: Browser
) -> None:
    context, page = _new_page(browser, (390, 844))
    try:
        page.goto(live_app.map_url(live_app.create_map(demo_map())))
        wait_for_map(page)
        steps = page.locator("#q-step .step-label")
        expect(steps).to_have_count(4)
        # Every step's number is on the screen, in one row; only the chosen
        # step shows its words (the others keep them for screen readers).
        numbers = page.locator("#q-step .step-no")
        boxes = [numbers.nth(i).bounding_box() for i in range(4)]
        assert all(b is not None for b in boxes)
        assert max(b["y"] for b in boxes) - min(b["y"] for b in boxes) < 30  # type: ignore[index]
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)  # type: ignore[index]
        assert _shown_words(page) == [True, False, False, False]
        assert page.locator("#q-step").text_content() is not None
        assert "Hvem kender til" in (page.locator("#q-step").text_content() or "")
        page.locator("#q-step .step-no", has_text="2").click()
        page.wait_for_function(
            "() => document.querySelectorAll('#q-step .step-text')[1].offsetWidth > 40"
        )
        assert _shown_words(page) == [False, True, False, False]
        expect(page.locator("#tap-help")).to_contain_text("Tryk på personerne")
        scroll, inner = page.evaluate(_SIDEWAYS)
        assert scroll <= inner
        shot(page, "e2e_rsp004_phone_step2")
    finally:
        context.close()
