"""The security headers in Chromium (issue 8 items 1–2): the CSP lets the app do
all it does and the browser refuses to show the app inside a foreign page."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from netmap.interchange import read_map
from tests.e2e.conftest import LiveApp, side_tab

pytestmark = pytest.mark.e2e

SOFIE = Path(__file__).resolve().parents[2] / "netmap" / "demo" / "sofie.graphml"


@pytest.fixture
def foreign_site(live_app: LiveApp) -> Iterator[str]:
    """Another web site (another port, so another origin) whose page frames the app.

    ``/`` frames the app's start page; ``/own`` frames a page of its own, which
    shows that framing as such works here.
    """
    app_url = live_app.url

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/inner":
                body = "<p id='inner'>Indre side</p>"
            else:
                src = "/inner" if self.path == "/own" else f"{app_url}/"
                body = (
                    "<h1 id='outer'>Vind en rejse!</h1>"
                    f"<iframe id='frame' src='{src}' width='900' height='600'></iframe>"
                )
            data = f"<!doctype html><html><body>{body}</body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_e2e_sec001_the_app_does_not_render_in_a_foreign_frame(
    live_app: LiveApp, page: Page, foreign_site: str, csp_violations: list[str]
) -> None:
    live_app.create_map(name="Testa Testesen")
    # The control: this site can frame its own page.
    page.goto(f"{foreign_site}/own")
    expect(page.frame_locator("#frame").locator("#inner")).to_have_text("Indre side")
    # The app in the same kind of frame is refused by the browser.
    with page.expect_response(lambda r: r.url == f"{live_app.url}/") as answered:
        page.goto(foreign_site)
    assert answered.value.headers["x-frame-options"] == "DENY"
    expect(page.locator("#outer")).to_be_visible()
    page.wait_for_timeout(1500)  # time enough for a page that would render
    frame = page.frame_locator("#frame")
    expect(frame.locator("#react-entry-point")).to_have_count(0)
    expect(frame.get_by_text("Testa Testesen")).to_have_count(0)
    child = next(f for f in page.frames if f != page.main_frame)
    assert not child.url.startswith(live_app.url)  # Chromium shows its error page
    assert any("frame-ancestors 'none'" in text for text in csp_violations), csp_violations
    csp_violations.clear()  # expected here; any other test fails on one


def test_e2e_sec002_the_map_with_the_measures_chart_breaks_no_csp(
    live_app: LiveApp, page: Page, csp_violations: list[str]
) -> None:
    map_id = live_app.create_map(read_map(SOFIE))
    with page.expect_response(lambda r: r.url == live_app.map_url(map_id)) as answered:
        page.goto(live_app.map_url(map_id))
    policy = answered.value.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "'unsafe-eval'" not in policy
    side_tab(page, "panels")
    expect(page.locator("#panel-group-team")).to_be_visible(timeout=20_000)
    page.locator("#panel-overview-title").click()
    page.locator("#panel-measures-title").click()
    chart = page.locator("#panel-chart .main-svg").first
    expect(chart).to_be_visible()
    expect(page.locator("#panel-chart .legendtext")).to_have_count(3)
    chart.hover()
    page.wait_for_timeout(500)
    assert csp_violations == []
    # The listener does hear a violation: an injected inline script is refused.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.__ran === undefined")
    page.wait_for_timeout(300)
    assert any("script-src" in text for text in csp_violations), csp_violations
    csp_violations.clear()
