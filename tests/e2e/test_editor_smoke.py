"""The start page loads in a real browser (the first e2e test)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from netmap.app import create_app
from netmap.store import SqliteStore
from tests.e2e.conftest import LiveApp, shot

pytestmark = pytest.mark.e2e


def test_e2e001_start_page_lists_maps_in_danish(live_app: LiveApp, page: Page) -> None:
    live_app.create_map(name="Testa Testesen")
    page.goto(live_app.url)
    expect(page.get_by_role("heading", name="Nyt kort")).to_be_visible()
    expect(page.locator(".map-row")).to_have_count(1)
    expect(page.locator(".map-row .patient-name")).to_have_text("Testa Testesen")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    shot(page, "e2e001_start_page")


@pytest.fixture
def english_app(tmp_path: Path) -> Iterator[LiveApp]:
    """The app as ``netmap serve --lang en`` starts it."""
    store = SqliteStore(tmp_path / "netmap.db")
    app = create_app(store, default_lang="en")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveApp(url=f"http://127.0.0.1:{server.server_port}", store=store)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        store.close()


def test_e2e032_a_fresh_tab_on_the_start_page_follows_serve_lang(
    english_app: LiveApp, page: Page
) -> None:
    page.goto(english_app.url)
    expect(page.get_by_role("heading", name="New map")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#new-create").click()
    expect(page.locator("#start-message")).to_contain_text("must not be empty")
    # The demo button twice: one demo map, opened both times.
    page.locator("#open-demo").click()
    expect(page.locator("#version-label")).to_be_visible()
    first = page.url
    page.go_back()
    expect(page.locator("#open-demo")).to_be_visible()
    page.locator("#open-demo").click()
    expect(page.locator("#version-label")).to_be_visible()
    assert page.url == first
    assert len(english_app.store.list_maps()) == 1
