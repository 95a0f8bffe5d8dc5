"""The history page in a real browser: sittings and meetings, a version read only,
two versions compared, a restore that the map page shows, the trend charts."""

from __future__ import annotations

import re

import pytest
from history_maps import build_history_map
from playwright.sync_api import Page, expect

from netmap.model import Band
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import LiveApp, shot, wait_for_stored

pytestmark = pytest.mark.e2e


def _open(page: Page, live_app: LiveApp, map_id: str, lang: str | None = None) -> None:
    page.goto(f"{live_app.url}/map/{map_id}/history")
    expect(page.locator("#hist-entries > li").first).to_be_visible()
    if lang == "en":
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", name=re.compile("The map's history"))).to_be_visible()


def test_e2e110_history_shows_sittings_and_meetings_and_a_version_read_only(
    live_app: LiveApp, page: Page
) -> None:
    built = build_history_map(live_app.store)
    # From the map page: the link in the heading.
    page.goto(live_app.map_url(built.map_id))
    page.locator("#history-link").click()
    expect(page).to_have_url(re.compile(f"/map/{built.map_id}/history$"))
    entries = page.locator("#hist-entries > li")
    # The newest 20 at first; "Vis flere" (by keyboard) adds the rest and
    # moves the focus to the first entry it added.
    total = built.sittings + len(built.meeting_dates)
    assert 20 < total <= 40
    expect(entries).to_have_count(20)
    expect(page.locator("#hist-timeline")).to_contain_text(
        f"{total - 20} ældre punkter er ikke vist."
    )
    page.get_by_role("button", name="Vis flere").focus()
    page.keyboard.press("Enter")
    expect(entries).to_have_count(total)
    expect(entries.nth(20)).to_be_focused()
    expect(page.locator("#hist-more")).to_have_count(0)
    expect(page.locator(".hist-meeting")).to_have_count(len(built.meeting_dates))
    # The newest: the last meeting's outcome, then the meeting itself, then its preparation.
    expect(entries.nth(0)).to_contain_text(f"version {built.versions}")
    expect(entries.nth(1)).to_contain_text("Møde")
    expect(entries.nth(1)).to_contain_text("11.11.2025 10.00")
    preparation = entries.nth(2)
    expect(preparation).to_contain_text("2 personer tilføjet")
    expect(preparation).to_contain_text("I appen")
    # An old version read only: the map drawn, nothing to drag, no edit panel.
    page.locator(".hist-sitting").last.get_by_role("button").click()
    expect(page.locator("#hist-viewing")).to_contain_text("Version 1 (")
    page.wait_for_function(
        "() => window.cy && window.cy.nodes('.person').length === 38"
        " && window.cy.autoungrabify() === true"
    )
    expect(page.locator("#edit-panel")).to_have_count(0)
    expect(page.locator("#hist-restore")).to_be_visible()
    assert_accessible(page)
    shot(page, "e2e110_history_version_1")


def test_e2e111_compare_two_versions_in_plain_danish(live_app: LiveApp, page: Page) -> None:
    built = build_history_map(live_app.store)
    _open(page, live_app, built.map_id)
    page.locator("#hist-from").fill("1")
    page.locator("#hist-to").fill(str(built.versions))
    page.locator("#hist-compare").click()
    changes = page.locator(".hist-diff")
    expect(page.locator("#hist-diff h3")).to_have_text(
        f"Ændret fra version 1 til version {built.versions}"
    )
    expect(changes).to_contain_text("Nye på kortet: Ny 01-0 Testesen")
    expect(changes).to_contain_text("Rykket tættere på")
    expect(changes).to_contain_text("Nu med i Patientens team")
    expect(page.locator("#hist-viewing")).to_contain_text(f"Version {built.versions}")
    expect(page.locator("#hist-viewing")).to_be_visible()
    # A version that is not there: said plainly, nothing else changes.
    page.locator("#hist-to").fill(str(built.versions + 5))
    page.locator("#hist-compare").click()
    expect(page.locator("#hist-diff .notice-error")).to_have_text(
        f"Til version: skriv et helt tal fra 1 til {built.versions}."
    )
    shot(page, "e2e111_history_compare")


def test_e2e112_restore_an_old_version_and_see_it_on_the_map(live_app: LiveApp, page: Page) -> None:
    built = build_history_map(live_app.store, meetings=3, persons=20)
    _open(page, live_app, built.map_id)
    page.locator(".hist-sitting").last.get_by_role("button").click()
    page.locator("#hist-restore").click()
    new = built.versions + 1
    expect(page.locator("#hist-notice")).to_contain_text(
        f"Version 1 er gendannet. Kortet er nu version {new}."
    )
    restored = wait_for_stored(live_app, built.map_id, lambda m: not m.meetings)
    assert len(restored.persons) == 20 - 2 * 2
    expect(page.locator("#hist-latest")).to_have_text(f"Nyeste: version {new}")
    expect(page.locator("#hist-entries > li").first).to_contain_text("Gendannet fra version 1")
    page.locator("#hist-notice").get_by_role("link").click()
    expect(page.locator("#version-label")).to_have_text(f"Version {new}")
    shot(page, "e2e112_history_restored_map")


def test_e2e113_a_restore_after_another_save_is_a_conflict(live_app: LiveApp, page: Page) -> None:
    built = build_history_map(live_app.store, meetings=2, persons=20)
    _open(page, live_app, built.map_id)
    page.locator(".hist-sitting").last.get_by_role("button").click()
    # Someone saves elsewhere meanwhile.
    latest = live_app.store.load(built.map_id)
    live_app.store.save(
        built.map_id,
        latest.map.model_copy(update={"persons": latest.map.persons[:-1]}),
        base_version=latest.version,
        author="other",
    )
    page.locator("#hist-restore").click()
    expect(page.locator("#hist-notice")).to_contain_text("Intet er gendannet")
    assert live_app.store.load(built.map_id).version == built.versions + 1
    page.locator("#hist-reload").click()
    expect(page.locator("#hist-latest")).to_have_text(f"Nyeste: version {built.versions + 1}")
    expect(page.locator("#hist-entries > li").first).to_contain_text("other")


def test_e2e114_trend_charts_render_with_text_alternatives(live_app: LiveApp, page: Page) -> None:
    built = build_history_map(live_app.store)
    _open(page, live_app, built.map_id)
    trends = page.locator("#hist-trends")
    trends.scroll_into_view_if_needed()
    for metric in ("sectors", "close", "professional_share", "team_size"):
        chart = page.locator(f"#hist-chart-{metric} .main-svg").first
        expect(chart).to_be_attached()
        expect(page.locator(f"#hist-trend-{metric} figcaption")).to_be_visible()
    # One point per meeting in every line (plotly draws a marker per point).
    expect(page.locator("#hist-chart-close .scatterlayer .point")).to_have_count(12)
    # The sentence: counted here from the stored versions the meetings were prepared with.
    first, last = (
        live_app.store.load(built.map_id, v).map
        for v in (built.meeting_versions[0], built.meeting_versions[-1])
    )
    close = [sum(p.band is Band.CLOSE for p in m.persons) for m in (first, last)]
    expect(page.locator("#hist-trend-close figcaption")).to_have_text(
        f"Personer tæt på: {close[0]} ved første møde (07.01.2025),"
        f" {close[1]} ved seneste (11.11.2025)."
    )
    page.locator("#hist-trend-team_size summary").click()
    rows = page.locator("#hist-trend-team_size tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.first.locator("th")).to_have_text("07.01.2025")
    assert_accessible(page, context="#hist-trends")
    shot(page, "e2e114_history_trends")


def test_e2e115_history_in_english(live_app: LiveApp, page: Page) -> None:
    built = build_history_map(live_app.store, meetings=3, persons=20)
    _open(page, live_app, built.map_id, lang="en")
    entries = page.locator("#hist-entries > li")
    expect(entries.nth(1)).to_contain_text("Meeting")
    expect(entries.nth(2)).to_contain_text("2 persons added")
    expect(page.locator("#hist-trend-close figcaption")).to_contain_text("at the first meeting")
    page.locator(".hist-sitting").last.get_by_role("button").click()
    expect(page.locator("#hist-viewing")).to_contain_text("Version 1 (")
    expect(page.locator("#hist-restore")).to_have_text("Restore version 1")
    assert_accessible(page)
    shot(page, "e2e115_history_english")
