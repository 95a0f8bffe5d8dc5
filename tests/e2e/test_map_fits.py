"""The whole map fits a laptop's window (issue 12, item 1): 1366×768, in Chromium.

On the map page as it opens (no scrolling), on Sofie's demo map and on a
60-person map:

- the cytoscape canvas lies wholly inside the viewport;
- the outermost ring, every marker and every label is drawn inside the
  canvas (cytoscape's rendered bounding boxes against the canvas's box), so
  nothing of the map is cut off;
- every label (persons, the patient's name, the sector names) is at least
  11 px high;
- the zoom buttons (in, out, fit) are in view too.

The map's height follows the window (``assets/responsive.css``). Screenshots
at 1366×768, 1024×768 and 390×844 are kept to look at; at 1024×768 and
390×844 the whole map is drawn inside its canvas too.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from netmap.app.start.demo import demo_map
from netmap.model import NetworkMap
from tests.e2e.conftest import LiveApp, shot, wait_for_map
from tests.e2e.test_map_readable import sixty_person_map

pytestmark = pytest.mark.e2e

#: The canvas's box in the viewport, and the boxes of what is drawn on it
#: (rendered pixels, relative to the canvas), straight from cytoscape.
_GEOMETRY = """() => {
  const cy = window.cy;
  const r = document.querySelector('#map-cy').getBoundingClientRect();
  const box = (b) => [b.x1, b.y1, b.x2, b.y2];
  const body = {includeLabels: false, includeOverlays: false, includeUnderlays: false};
  const text = {includeNodes: false, includeEdges: false, includeLabels: true,
                includeOverlays: false, includeUnderlays: false};
  const shown = cy.nodes().filter((n) => n.style('display') !== 'none');
  const labelled = shown.filter((n) => n.style('label') && n.style('text-opacity') > 0);
  return {
    viewport: [window.innerWidth, window.innerHeight],
    scrolled: [window.scrollX, window.scrollY],
    canvas: [r.left, r.top, r.right, r.bottom],
    size: [cy.width(), cy.height()],
    rings: cy.nodes('.ring').map((n) => [n.id(), box(n.renderedBoundingBox(body))]),
    drawn: shown.map((n) => [n.id(), box(n.renderedBoundingBox({includeOverlays: false}))]),
    labels: labelled.map((n) => [n.id(), parseFloat(n.renderedStyle('font-size'))]),
  };
}"""

#: Anti-aliasing: a box may touch the edge by this much.
_HAIR = 0.5


def _geometry(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(_GEOMETRY))


def _outside_canvas(geometry: dict[str, Any], boxes: list[Any]) -> list[Any]:
    """The boxes (rendered, canvas-relative) that reach beyond the canvas."""
    width, height = geometry["size"]
    return [
        (name, [round(v, 1) for v in b])
        for name, b in boxes
        if b[0] < -_HAIR or b[1] < -_HAIR or b[2] > width + _HAIR or b[3] > height + _HAIR
    ]


def _open(
    browser: Browser, live_app: LiveApp, network_map: NetworkMap, size: tuple[int, int]
) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="da-DK", has_touch=size[0] < 800
    )
    page = context.new_page()
    page.goto(live_app.map_url(live_app.create_map(network_map)))
    wait_for_map(page)
    return context, page


MAPS = [("demo", demo_map), ("sixty", sixty_person_map)]


@pytest.mark.parametrize(("name", "build"), MAPS, ids=[m[0] for m in MAPS])
def test_e2e_fit001_the_whole_map_fits_a_1366x768_window(
    live_app: LiveApp, browser: Browser, name: str, build: Any
) -> None:
    context, page = _open(browser, live_app, build(), (1366, 768))
    try:
        geometry = _geometry(page)
        shot(page, f"e2e_fit001_{name}_1366")
        width, height = geometry["viewport"]
        left, top, right, bottom = geometry["canvas"]
        print(name, {k: geometry[k] for k in ("canvas", "size")})
        assert geometry["scrolled"] == [0, 0]
        # The canvas inside the window: nothing of it below the bottom edge.
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, geometry["canvas"]
        # The outermost ring (the largest) and everything else drawn inside the canvas.
        rings = sorted(geometry["rings"], key=lambda ring: ring[1][2] - ring[1][0])
        assert len(rings) == 3
        outer = rings[-1][1]
        assert outer[3] - outer[1] > 0.6 * geometry["size"][1], "the map fills the canvas"
        assert _outside_canvas(geometry, rings) == []
        assert _outside_canvas(geometry, geometry["drawn"]) == []
        # Labels legible: at least 11 px, the patient's name and the sector names too.
        small = [(n, round(px, 2)) for n, px in geometry["labels"] if px < 11 - 1e-6]
        assert small == [], small
        assert any(n == "patient" for n, _ in geometry["labels"])
        # And the zoom buttons in view with it (on the toolbar's line on a laptop).
        for button in ("#zoom-in", "#zoom-out", "#zoom-fit"):
            box = page.locator(button).bounding_box()
            assert box is not None and box["y"] >= 0, button
            assert box["y"] + box["height"] <= height and box["x"] + box["width"] <= width, button
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1024, 768), (390, 844)], ids=["1024x768", "390x844"])
def test_e2e_fit002_on_a_tablet_and_a_phone_the_whole_map_is_drawn_in_its_canvas(
    live_app: LiveApp, browser: Browser, size: tuple[int, int]
) -> None:
    context, page = _open(browser, live_app, sixty_person_map(), size)
    try:
        geometry = _geometry(page)
        shot(page, f"e2e_fit002_sixty_{size[0]}")
        assert _outside_canvas(geometry, geometry["rings"]) == []
        assert _outside_canvas(geometry, geometry["drawn"]) == []
        # No wider than the window (no sideways scrolling for the map).
        assert geometry["canvas"][2] <= geometry["viewport"][0]
    finally:
        context.close()
