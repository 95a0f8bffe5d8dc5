"""Pinch on a touch screen zooms the map, and "Tilpas" fits it again (issue 12, item 1).

Two fingers are put on the map with Chromium's own touch input (the DevTools
protocol's ``Input.dispatchTouchEvent``, as a tablet's screen sends them), in
a context with a touch screen. Spreading them zooms in about the point between
them; bringing them together zooms out; the person stays at their distance
(only the view changes); "Tilpas" (fit) brings back the whole map.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from netmap.model import NetworkMap, Patient, Person
from tests.e2e.conftest import LiveApp, model_screen_point, shot, wait_for_map

pytestmark = pytest.mark.e2e


def _pinch(page: Page, centre: tuple[float, float], start_gap: float, end_gap: float) -> None:
    """Two fingers at ``start_gap`` px apart (horizontally), moved to ``end_gap``, lifted."""
    cdp = page.context.new_cdp_session(page)
    x, y = centre

    def fingers(gap: float) -> list[dict[str, Any]]:
        return [
            {"x": x - gap / 2, "y": y, "id": 1, "radiusX": 5, "radiusY": 5, "force": 1},
            {"x": x + gap / 2, "y": y, "id": 2, "radiusX": 5, "radiusY": 5, "force": 1},
        ]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": fingers(start_gap)})
    steps = 12
    for i in range(1, steps + 1):
        gap = start_gap + (end_gap - start_gap) * i / steps
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": fingers(gap)})
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(100)


def _zoom(page: Page) -> float:
    return float(page.evaluate("() => window.cy.zoom()"))


def test_e2e_map005_pinch_zooms_in_and_out_and_fit_brings_the_map_back(
    live_app: LiveApp, browser: Browser
) -> None:
    network_map = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.9, role="Ven"),
        ],
    )
    map_id = live_app.create_map(network_map)
    # A tablet in landscape: a touch screen, the tablet's width.
    context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_app.map_url(map_id))
        wait_for_map(page)
        page.locator("#map-cy").scroll_into_view_if_needed()
        fitted = _zoom(page)
        # Between the rings on an empty spot, so the fingers pinch the map, not a person.
        centre = model_screen_point(page, 60.0, -40.0)
        _pinch(page, centre, 80, 240)
        spread = _zoom(page)
        assert spread > fitted * 1.5, (fitted, spread)
        shot(page, "map-pinched-in")
        _pinch(page, centre, 240, 120)
        closer = _zoom(page)
        assert fitted < closer < spread * 0.75, (fitted, closer, spread)
        # Only the view changed: nothing was saved.
        assert live_app.store.load(map_id).version == 1
        page.click("#zoom-fit")
        page.wait_for_function(f"() => Math.abs(window.cy.zoom() - {fitted}) < {fitted * 1e-3}")
    finally:
        context.close()
