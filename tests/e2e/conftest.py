"""Browser tests: a real app on a real threaded server, driven by Chromium.

- ``live_app``: ``create_app(SqliteStore(tmp db))`` served on a free port of
  127.0.0.1 by the same builder as ``netmap serve`` (``serve_app``: waitress,
  host and origin checks, security headers and CSP); yields ``.url`` and ``.store``.
- Every browser test fails on a Content-Security-Policy violation that
  Chromium reports on the console (``csp_violations``): the CSP must allow what
  the app really does, and nothing more.
- Every browser test fails on Dash's own wiring errors on the console
  (``DASH_WIRING_MARKS``: a callback called with an input that is not on the
  page, as the edit panel's save was before every input lived in the panel).
- pytest-playwright drives Debian's Chromium (``/usr/bin/chromium``; the
  bundled download cannot work here, TECH-NOTES) at 1366×768.
- A failing test leaves a screenshot in ``test-results/screenshots/<test>.png``.
- Every test in this folder is marked ``e2e`` (also added here automatically).

Helpers shared by the editor and the panels tests live here too.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from netmap.app import create_app
from netmap.cli.serve import serve_app
from netmap.model import NetworkMap, Patient
from netmap.store import SqliteStore

# A 2-core CI machine running the whole suite answers slower than a desk:
# wait up to 15 s for what the page should show (playwright's default is 5 s).
expect.set_options(timeout=15_000)

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
#: The outer ring's radius in cytoscape model pixels (netmap.app.mapview.MAP_RADIUS).
MAP_RADIUS_PX = 250.0
#: A fixed "today" so that checks depending on the date do not drift.
TODAY = date(2026, 3, 1)


@dataclass
class LiveApp:
    """A running app: its base URL and the store behind it."""

    url: str
    store: SqliteStore

    def map_url(self, map_id: str) -> str:
        return f"{self.url}/map/{map_id}"

    def create_map(
        self, network_map: NetworkMap | None = None, name: str = "Testa Testesen"
    ) -> str:
        """Store a map (default: an empty one for ``name``) and return its id."""
        network_map = network_map or NetworkMap(patient=Patient(name=name))
        return self.store.create(network_map, author="test").map_id


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[LiveApp]:
    store = SqliteStore(tmp_path / "netmap.db")
    app = create_app(store, today=lambda: TODAY)
    server, url = serve_app(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveApp(url=url.rstrip("/"), store=store)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        store.close()


#: How Chromium words a CSP violation on the console ("Refused to load/apply/execute …
#: because it violates the following Content Security Policy directive …").
CSP_MARK = "Content Security Policy"


#: How dash-renderer words a callback wired to what is not on the page (or twice on it).
DASH_WIRING_MARKS = ("A nonexistent object was used in an", "Multiple objects were found for an")


@pytest.fixture
def csp_violations(context: Any) -> list[str]:
    """The CSP violations Chromium reports on the console of every page of the test."""
    seen: list[str] = []
    context.on(
        "console",
        lambda message: seen.append(message.text) if CSP_MARK in message.text else None,
    )
    return seen


@pytest.fixture
def dash_wiring_errors(context: Any) -> list[str]:
    """Dash's wiring errors on the console of every page of the test."""
    seen: list[str] = []

    def hear(message: Any) -> None:
        if any(mark in message.text for mark in DASH_WIRING_MARKS):
            seen.append(message.text[:300])

    context.on("console", hear)
    return seen


@pytest.fixture(autouse=True)
def _no_csp_violation(request: pytest.FixtureRequest) -> Iterator[None]:
    """A browser test that made the page break the CSP, or Dash's wiring, fails."""
    if "page" not in request.fixturenames and "context" not in request.fixturenames:
        yield
        return
    seen: list[str] = request.getfixturevalue("csp_violations")
    wiring: list[str] = request.getfixturevalue("dash_wiring_errors")
    yield
    assert not seen, f"Content-Security-Policy violations: {seen}"
    assert not wiring, f"Dash wiring errors on the console: {wiring}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "viewport": {"width": 1366, "height": 768},
        "locale": "da-DK",
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.failed:
        page = getattr(item, "funcargs", {}).get("page")
        if page is not None:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    return report


def wait_for_stored(
    live_app: LiveApp, map_id: str, check: Callable[[NetworkMap], bool], timeout: float = 30
) -> NetworkMap:
    """Poll the store (the truth) until ``check`` holds for the newest map; return it.

    A notice on the page can come from an earlier save of the same kind
    ("Gemt."), so a test that reads the store after seeing it can be early.
    """
    deadline = time.monotonic() + timeout
    while True:
        current = live_app.store.load(map_id).map
        if check(current):
            return current
        if time.monotonic() > deadline:
            raise AssertionError(f"the stored map never got there: {current!r}")
        time.sleep(0.05)


def shot(page: Any, name: str) -> Path:
    """Keep a screenshot on purpose (to look at as a user would)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_map(page: Any) -> None:
    """Wait until the cytoscape map is drawn and exposed as ``window.cy``."""
    page.wait_for_function(
        "() => window.cy && window.cy.nodes('.patient').length === 1"
        " && document.querySelector('#person-list').children.length > 0"
    )


def wait_for_layout(page: Any, version: int) -> None:
    """Wait until the map's layout of ``version`` is drawn (it follows a drop's answer).

    A drop's answer brings the version; the layout comes one request later
    (``netmap/app/editor/settle.py``), until then the person is where dropped.
    """
    page.wait_for_function(
        "(v) => window.__netmapSettled && window.__netmapSettled.version === v", arg=version
    )


def show_map(page: Any) -> None:
    """Scroll the map into the middle of the viewport (mouse points must be inside it)."""
    page.evaluate("document.querySelector('#map-cy').scrollIntoView({block: 'center'})")


def _map_box(page: Any) -> dict[str, float]:
    """The map's box on the screen, read by script: a locator's bounding_box waited
    30 s for the 300-person page under load (playwright polls it by animation frames)."""
    box: dict[str, float] = page.evaluate(
        "() => { const r = document.querySelector('#map-cy').getBoundingClientRect();"
        " return {x: r.left, y: r.top}; }"
    )
    return box


def node_screen_point(page: Any, node_id: str) -> tuple[float, float]:
    """Where a cytoscape node is on the screen (page coordinates)."""
    box = _map_box(page)
    rendered = page.evaluate(
        "(id) => { const p = window.cy.getElementById(id).renderedPosition(); return [p.x, p.y]; }",
        node_id,
    )
    return box["x"] + rendered[0], box["y"] + rendered[1]


def model_screen_point(page: Any, x: float, y: float) -> tuple[float, float]:
    """The page coordinates of a cytoscape model position (pixels, y down)."""
    box = _map_box(page)
    rendered = page.evaluate(
        "([x, y]) => { const z = window.cy.zoom(), p = window.cy.pan();"
        " return [x * z + p.x, y * z + p.y]; }",
        [x, y],
    )
    return box["x"] + rendered[0], box["y"] + rendered[1]


def add_person(
    page: Any, name: str, sector_label: str, role: str = "", band_label: str = "Midt imellem"
) -> None:
    """Fill in and send the add form, and wait until the person is in the list.

    ``band_label`` is the closeness button to press (the form has none chosen).
    """
    before = page.locator(".person-item").count()
    page.fill("#add-name", name)
    page.locator("#add-sector").get_by_text(sector_label, exact=True).click()
    choose_band(page, band_label)
    if role:
        page.fill("#add-role", role)
    page.click("#add-submit")
    expect(page.locator(".person-item")).to_have_count(before + 1)


def choose_band(page: Any, band_label: str) -> None:
    """Press one of the add form's closeness buttons and wait until it shows pressed."""
    button = page.locator("#add-band-group").get_by_role("button", name=band_label, exact=True)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def drag(page: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Drag with the mouse from ``start`` to ``end`` (page coordinates)."""
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()


def side_tab(page: Any, name: str) -> None:
    """Show one tab of the editor's side column: ``work`` (persons) or ``panels`` (team …).

    Choosing a person or a question 2–4 shows ``work`` by itself.
    """
    page.locator(f"#side-tab-{name}").click()
    expect(page.locator(f"#side-panel-{name}")).to_be_visible()
