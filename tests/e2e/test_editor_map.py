"""Drawing on the map in a real browser: add, drag, ties, answers, reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from netmap.model import Band, NetworkMap, Patient, Person, Sector
from tests.e2e.conftest import (
    LiveApp,
    model_screen_point,
    node_screen_point,
    shot,
    show_map,
    wait_for_map,
)

pytestmark = pytest.mark.e2e


def _persons(live_app: LiveApp, map_id: str) -> dict[str, Person]:
    return {p.id: p for p in live_app.store.load(map_id).map.persons}


def _open(page: Page, live_app: LiveApp, map_id: str) -> None:
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)


def _two_person_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2, role="Mor"),
            Person(id="ven", name="Ven Testsen", sector="leisure", distance=0.5, role="Ven"),
        ],
    )


def _drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()


def test_e2e012_drag_sets_distance_band_and_sector(live_app: LiveApp, page: Page) -> None:
    map_id = live_app.create_map(_two_person_map())
    _open(page, live_app, map_id)
    show_map(page)
    # Mor (family, close) straight up to the outer ring: map point (0, 0.9) is
    # 12 o'clock, inside the family wedge (0°–72°), distance 0.9 → distant.
    _drag(page, node_screen_point(page, "p:mor"), model_screen_point(page, -10, -0.9 * 250))
    expect(page.locator("#notice-text")).to_contain_text("Mor Testesen")
    mor = _persons(live_app, map_id)["mor"]
    assert mor.sector is Sector.FAMILY
    assert mor.band is Band.DISTANT
    assert mor.distance == pytest.approx(0.9, abs=0.03)
    # Ven (leisure, 180°) to 90° (9 o'clock) at half the radius: the kin wedge.
    _drag(page, node_screen_point(page, "p:ven"), model_screen_point(page, -0.5 * 250, 0))
    expect(page.locator("#notice-text")).to_contain_text("Ven Testsen")
    ven = _persons(live_app, map_id)["ven"]
    assert ven.sector is Sector.KIN
    assert ven.band is Band.MIDDLE
    assert ven.distance == pytest.approx(0.5, abs=0.03)
    assert ven.angle == pytest.approx(90.0, abs=3)
    shot(page, "e2e012_after_drag")
