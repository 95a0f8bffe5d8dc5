"""The contact overview in the browser: phone numbers and e-mails are links to
call or write, and nothing a user typed becomes a link (issue 12 item 8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from netmap.model import NetworkMap, Patient, Person
from tests.e2e.conftest import LiveApp, shot, side_tab, wait_for_map

pytestmark = pytest.mark.e2e

HOSTILE = "[ring her](javascript:alert(1)) <a href='tel:1'>x</a>"


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="sb",
                name="Sagsbehandler Testsen",
                sector="professional",
                distance=0.3,
                phone="+45 20 11 22 33",
                email="sb.test@eksempel.dk",
            ),
            Person(id="x", name=HOSTILE, sector="leisure", distance=0.5, helps_with=HOSTILE),
        ],
    )


def test_e2e043_phone_and_email_are_links_and_nothing_else_is(
    live_app: LiveApp, page: Page
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    map_id = live_app.create_map(_map())
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    side_tab(page, "panels")
    page.locator("#panel-overview-title").click()
    table = page.locator("#panel-overview-table")
    expect(table.locator("a[href='tel:+4520112233']")).to_have_text("+45 20 11 22 33")
    expect(table.locator("a[href='mailto:sb.test@eksempel.dk']")).to_have_text(
        "sb.test@eksempel.dk"
    )
    # The only links are those two; the typed "link" is shown as text.
    assert table.locator("a").count() == 2
    expect(table).to_contain_text("[ring her](javascript:alert(1))")
    table.locator("a[href='tel:+4520112233']").scroll_into_view_if_needed()
    shot(page, "e2e043_overview_links")
    assert dialogs == []
