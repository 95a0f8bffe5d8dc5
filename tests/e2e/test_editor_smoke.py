"""The start page loads in a real browser (the first e2e test)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

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
