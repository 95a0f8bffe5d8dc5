"""Taps on the map right after it was redrawn: every one of them must count.

Dash keeps only the newest call of a callback: when a callback is asked
again while its request is out, the older answer is dropped in the browser.
Person items drawn anew (the list after a drop, a new step) used to fire the
tap callback (Dash calls a callback for new and removed pattern-matching
inputs, ``prevent_initial_call`` or not), so a tap being saved at that
moment lost its answer: the page never showed it, and in connect mode the
second tap started over (e2e010 failed about 1 run in 3). The list's clicks
now reach the server through a store that changes only on a real click.
Second, cytoscape measured where its canvas is only after a scroll or
resize event: after the page above the map moved (or a scroll whose event
was not yet delivered) a tap went beside the person and sent nothing;
netmap-drag.js now has it measure again at every press.
The first test makes the overlap certain (the server answers a tap slowly);
the second taps many times, each right after the map and the list were
drawn anew, as a user clicking quickly does; the third moves the map down
before each tap.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import request
from playwright.sync_api import Page, expect

from netmap.app import create_app
from netmap.cli.serve import serve_app
from netmap.model import NetworkMap, Patient, Person, Sector
from netmap.store import SqliteStore
from tests.e2e.conftest import (
    TODAY,
    LiveApp,
    drag,
    node_screen_point,
    show_map,
    wait_for_layout,
    wait_for_map,
    wait_for_stored,
)

pytestmark = pytest.mark.e2e

#: How long the slow server sits on a tap before answering it (seconds).
SLOW_TAP_S = 1.5
PERSONS = [
    ("a", "Lene Testesen", Sector.FAMILY),
    ("b", "Poul Testesen", Sector.KIN),
    ("c", "Anna Testholm", Sector.LEISURE),
    ("d", "Mette Testdahl", Sector.PROFESSIONAL),
]
#: The question each step asks, as the field it sets.
FIELDS = {2: "knows_how_i_am", 3: "can_help"}
STEP_LABELS = {
    2: "Hvem kender til, hvordan du har det?",
    3: "Hvem kan du tale med eller få hjælp fra?",
}


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id=pid, name=name, sector=sector, distance=0.5) for pid, name, sector in PERSONS
        ],
    )


@pytest.fixture
def slow_tap_app(tmp_path: Path) -> Iterator[LiveApp]:
    """The live app, but a tap on the map is answered only after SLOW_TAP_S."""
    store = SqliteStore(tmp_path / "netmap.db")
    app = create_app(store, today=lambda: TODAY)

    @app.server.before_request
    def _slow_tap() -> None:
        body = request.get_json(silent=True)
        if isinstance(body, dict) and "map-cy.tapNodeData" in (body.get("changedPropIds") or []):
            time.sleep(SLOW_TAP_S)

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


def _tap(page: Page, pid: str) -> None:
    page.mouse.click(*node_screen_point(page, f"p:{pid}"))


def _choose_step(page: Page, step: int) -> None:
    """Choose a question step and wait until the person list is drawn anew for it."""
    page.evaluate(
        """() => { window.__listRedrawn = false;
        const list = document.querySelector('#person-list');
        const seen = new MutationObserver(() => {
          window.__listRedrawn = true; seen.disconnect(); });
        seen.observe(list, {childList: true}); }"""
    )
    page.locator("#q-step").get_by_text(STEP_LABELS[step]).click()
    page.wait_for_function("() => window.__listRedrawn === true")
    show_map(page)


def _wait_for_version(live_app: LiveApp, map_id: str, version: int) -> None:
    deadline = time.monotonic() + 15
    while (now := live_app.store.load(map_id).version) < version:
        assert time.monotonic() < deadline, f"the tap was lost: version {now}, not {version}"
        time.sleep(0.05)
    assert now == version, f"one tap saved more than once: version {now}, not {version}"


def _open(live_app: LiveApp, page: Page) -> str:
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    return map_id


def test_e2e060_a_tap_being_saved_while_the_list_is_redrawn_is_not_lost(
    slow_tap_app: LiveApp, page: Page
) -> None:
    map_id = _open(slow_tap_app, page)
    _choose_step(page, 2)
    step = 2
    for pid in ("a", "b", "c"):
        # The tap is being saved (slowly) while the step changes and the list
        # is drawn anew: the page still gets the tap's answer.
        version = slow_tap_app.store.load(map_id).version
        _tap(page, pid)
        step = 3 if step == 2 else 2
        _choose_step(page, step)
        _wait_for_version(slow_tap_app, map_id, version + 1)
        expect(page.locator("#version-label")).to_have_text(f"Version {version + 1}")
    # In connect mode the answer says who was tapped first (no save): the
    # second tap then draws the line instead of starting over.
    page.locator("#mode").get_by_text("Tegn streger").click()
    expect(page.locator("#tap-help")).to_contain_text("tegne en streg")
    _tap(page, "a")
    _choose_step(page, 3 if step == 2 else 2)
    expect(page.locator("#notice-text")).to_contain_text("Tryk nu på den anden person")
    page.wait_for_function("() => window.cy.getElementById('p:a').hasClass('connect-from')")
    _tap(page, "d")
    stored = wait_for_stored(slow_tap_app, map_id, lambda m: len(m.ties) == 1)
    assert [t.ends for t in stored.ties] == [("a", "d")]


def test_e2e061_many_taps_right_after_the_map_is_redrawn(live_app: LiveApp, page: Page) -> None:
    map_id = _open(live_app, page)
    _choose_step(page, 2)
    step, version = 2, live_app.store.load(map_id).version
    for n in range(24):
        if n % 4 == 3:
            # Change the question: the list is drawn anew, the map restyled.
            step = 3 if step == 2 else 2
            _choose_step(page, step)
        pid = PERSONS[n % len(PERSONS)][0]
        _tap(page, pid)
        version += 1
        # Each tap is saved once, whatever was redrawn just before it.
        _wait_for_version(live_app, map_id, version)
        # Wait until the page shows that version: the next tap comes right
        # after cytoscape's elements (and the list's marks) were redrawn.
        expect(page.locator("#version-label")).to_have_text(re.compile(rf"\b{version}\b"))
    assert live_app.store.load(map_id).version == version


def test_e2e062_a_tap_after_the_page_above_the_map_moved_is_not_lost(
    live_app: LiveApp, page: Page
) -> None:
    # Cytoscape measures where its canvas is only after a scroll or resize
    # event; a page that grows above the map sends none (and a scroll's
    # event comes a frame late). Each tap must still hit the person under it.
    map_id = _open(live_app, page)
    _choose_step(page, 2)
    version = live_app.store.load(map_id).version
    for n, pid in enumerate(("a", "b", "c", "d", "a", "b")):
        page.mouse.move(*node_screen_point(page, f"p:{pid}"))  # cytoscape measures here
        page.evaluate(
            "(h) => { document.querySelector('#tap-help').style.minHeight = h + 'px'; }",
            40 + 30 * (n % 3),
        )
        _tap(page, pid)
        version += 1
        _wait_for_version(live_app, map_id, version)
        expect(page.locator("#version-label")).to_have_text(f"Version {version}")


def test_e2e063_a_redraw_after_a_drop_keeps_the_drop(live_app: LiveApp, page: Page) -> None:
    # A drop draws the map in its own answer and writes only map-state; the
    # redraws that come later (another mode, step or person chosen) drew the
    # version before the drop: the person jumped back, and a tap aimed at
    # where it had been dropped hit nothing.
    map_id = _open(live_app, page)
    show_map(page)
    start = node_screen_point(page, "p:a")
    drag(page, start, (start[0] + 60, start[1] + 70))
    expect(page.locator("#version-label")).to_have_text("Version 2")
    wait_for_layout(page, 2)  # where version 2's layout has them
    dropped = page.evaluate("window.cy.getElementById('p:a').position()")
    page.locator("#mode").get_by_text("Tegn streger").click()
    page.locator(".person-item", has_text="Poul Testesen").click()
    _choose_step(page, 2)
    expect(page.locator("#version-label")).to_have_text("Version 2")
    now = page.evaluate("window.cy.getElementById('p:a').position()")
    assert now == pytest.approx(dropped, abs=1)
    _tap(page, "a")
    _wait_for_version(live_app, map_id, 3)
