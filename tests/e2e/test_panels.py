"""The live panels in a real browser: they follow every change on the map.

Sofie's demo map (netmap/demo/sofie.graphml) with the e2e "today" 2026-03-01,
the day her consent was given, so consent is valid. By hand (DOMAIN.md): the
team is Mette, Ali, Birgitte, Ole; Birgitte is the region's stafetholder and
Ali the municipality's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from revise import revise_patient, revise_person

from netmap.i18n import t
from netmap.interchange import read_map
from netmap.model import NetworkMap, Person, TeamRole
from tests.e2e.conftest import LiveApp, shot, side_tab

pytestmark = pytest.mark.e2e

SOFIE = Path(__file__).resolve().parents[2] / "netmap" / "demo" / "sofie.graphml"


def _sofie() -> NetworkMap:
    return read_map(SOFIE)


def _open(page: Page, live_app: LiveApp, network_map: NetworkMap) -> None:
    page.goto(live_app.map_url(live_app.create_map(network_map)))
    # The panels share the column beside the map with the persons, as tabs.
    side_tab(page, "panels")
    expect(page.locator("#panel-group-team")).to_be_visible(timeout=20_000)


def _team(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#panel-group-team .panel-person-name")


def _save_poul(page: Page, field: str, value: str) -> None:
    """Change one field of Poul Jensen in the edit panel, save, and go back to the panels."""
    side_tab(page, "work")
    page.locator(".person-item", has_text="Poul Jensen").click()
    box = page.locator(f"#edit-{field}")
    expect(box).to_be_visible()
    box.fill(value)
    page.locator("#edit-save").click()
    side_tab(page, "panels")


def _finding(page: Page, code: str):  # type: ignore[no-untyped-def]
    return page.locator(f"#panel-checks-body [data-code='{code}']")


def test_e2e_pnl001_declining_a_role_holder_updates_team_and_checks(
    live_app: LiveApp, page: Page
) -> None:
    _open(page, live_app, _sofie())
    expect(_team(page)).to_have_text(
        ["Mette Dahl", "Ali Hassan", "Birgitte Møller", "Dr. Ole Krag"]
    )
    expect(_finding(page, "role_holder_declined")).to_have_count(0)
    # The findings are one list for a screen reader, whatever slots they sit in.
    items = page.locator("#panel-findings").get_by_role("listitem")
    expect(items).to_have_count(2)

    # Question 4 ("Hvem af dem skal med til møderne?"): Birgitte, no.
    page.locator("#q-step").get_by_text(t("question.4", "da")).click()
    page.get_by_role(
        "button", name=t("app.q.answer_for", "da", name="Birgitte Møller", answer="Nej")
    ).click()

    side_tab(page, "panels")
    expect(_team(page)).to_have_text(["Mette Dahl", "Ali Hassan", "Dr. Ole Krag"])
    declined = _finding(page, "role_holder_declined")
    expect(declined).to_be_visible()
    expect(declined).to_contain_text("Birgitte Møller")
    # She was the region's stafetholder: that role is now uncovered.
    expect(_finding(page, "no_stafetholder_region")).to_be_visible()
    expect(page.locator("#panel-group-outside")).to_contain_text("Birgitte Møller")
    expect(items).to_have_count(4)
    shot(page, "e2e_pnl001_declined")


def test_e2e_pnl002_adding_a_municipal_stafetholder_clears_the_check(
    live_app: LiveApp, page: Page
) -> None:
    m = _sofie()
    revise_person(m, "ips", team_roles=(TeamRole.COORDINATOR,))  # Ali is no longer stafetholder
    _open(page, live_app, m)
    expect(_finding(page, "no_stafetholder_municipality")).to_be_visible()

    # Mette Dahl works for the municipality: make her stafetholder and save.
    side_tab(page, "work")
    page.locator(".person-item", has_text="Mette Dahl").click()
    roles = page.locator("#edit-team_roles")
    expect(roles).to_be_visible()
    roles.get_by_text(t("team_role.stafetholder", "da")).click()
    page.locator("#edit-save").click()

    side_tab(page, "panels")
    expect(_finding(page, "no_stafetholder_municipality")).to_have_count(0)
    mette = page.locator("#panel-group-team .panel-person", has_text="Mette Dahl")
    expect(mette).to_contain_text("Stafetholder")
    shot(page, "e2e_pnl002_stafetholder")


def test_e2e_pnl003_overview_sorts_by_a_tap_on_a_sort_button(live_app: LiveApp, page: Page) -> None:
    _open(page, live_app, _sofie())
    page.locator("#panel-overview-title").click()
    # The table is one Markdown component: name is the first cell of a row.
    first_name = page.locator("#panel-overview-table tbody tr:first-child td:first-child")
    expect(first_name).to_contain_text("Mette Dahl")  # by group, closest first
    rows = page.locator("#panel-overview-table tbody tr")
    expect(rows).to_have_count(14)
    button = page.locator("#panel-overview-bar button", has_text="Navn")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(first_name).to_contain_text("Ali Hassan")
    expect(button).to_have_text("Navn ▲")
    expect(button).to_have_attribute("aria-pressed", "true")
    # Changed in place, not redrawn: the keyboard focus stays on the button.
    expect(button).to_be_focused()
    expect(page.locator("#panel-overview-bar button", has_text="Gruppe")).to_have_attribute(
        "aria-pressed", "false"
    )
    page.locator("#panel-overview-bar button", has_text="Navn").click()
    expect(first_name).to_contain_text("Poul Jensen")
    expect(page.locator("#panel-overview-bar button", has_text="Navn")).to_have_text("Navn ▼")
    box = page.locator("#panel-overview-bar button").first.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44
    # A narrow panel shows each person as a card, each value under its column's name.
    ali = rows.filter(has_text="Ali Hassan")
    expect(ali.locator("td").nth(6)).to_have_text("E-mail ali.hassan@aalborg.example.dk")
    shot(page, "e2e_pnl003_sorted")


def test_e2e_pnl004_language_switch_and_chart(live_app: LiveApp, page: Page) -> None:
    _open(page, live_app, _sofie())
    expect(page.locator("#panel-team-title")).to_have_text("Patientens team")
    page.locator("#lang-switch").click()
    expect(page.locator("#panel-team-title")).to_have_text("The patient's team")
    expect(page.locator("#panel-group-private .panel-group-title")).to_have_text("Private network")
    page.locator("#panel-measures-title").click()
    expect(page.locator("#panel-chart .legendtext")).to_have_text(
        ["Close", "In between", "Further away"]
    )
    expect(page.locator("[data-measure='size'] .panel-measure-value")).to_have_text("14")


def test_e2e_pnl007_open_sections_follow_a_change_in_place(live_app: LiveApp, page: Page) -> None:
    _open(page, live_app, _sofie())
    page.locator("#panel-overview-title").click()
    page.locator("#panel-measures-title").click()
    expect(page.locator("#panel-chart .main-svg").first).to_be_visible()
    expect(page.locator("[data-measure='size'] .panel-measure-value")).to_have_text("14")
    # Mark the drawn table and chart: a change must update them, not replace them.
    page.evaluate(
        "() => { document.querySelector('#panel-overview-table').dataset.mark = 'kept';"
        " document.querySelector('#panel-chart').dataset.mark = 'kept'; }"
    )
    _save_poul(page, "role", "Bedstefar")
    poul = page.locator("#panel-overview-table tbody tr", has_text="Poul Jensen")
    expect(poul).to_contain_text("Bedstefar")
    expect(page.locator("#panel-overview-table[data-mark='kept']")).to_have_count(1)
    expect(page.locator("#panel-chart[data-mark='kept']")).to_have_count(1)


def test_e2e_pnl008_a_row_moving_up_the_overview_moves_alone(live_app: LiveApp, page: Page) -> None:
    """The other rows keep their elements and their places; only the moved row moves.

    React moved every row between the old and the new place of a row that
    moves up (13 here; some 50 ms of a drop at 1,000 rows).
    """
    _open(page, live_app, _sofie())
    page.locator("#panel-overview-title").click()
    rows = page.locator("#panel-overview-table tbody tr")
    expect(rows).to_have_count(14)
    page.locator("#panel-overview-bar button", has_text="Navn").click()
    first_name = page.locator("#panel-overview-table tbody tr:first-child td:first-child")
    expect(first_name).to_contain_text("Ali Hassan")
    last_name = page.locator("#panel-overview-table tbody tr:last-child td:first-child")
    expect(last_name).to_contain_text("Poul Jensen")
    page.evaluate(
        """() => {
          const body = document.querySelector('#panel-overview-table tbody');
          window.__rowsBefore = Array.from(body.children);
          window.__rowsAdded = 0;
          new MutationObserver((changes) => changes.forEach((c) => {
            window.__rowsAdded += c.addedNodes.length;
          })).observe(body, {childList: true});
        }"""
    )
    _save_poul(page, "name", "Abel Jensen")
    expect(first_name).to_contain_text("Abel Jensen")
    expect(rows).to_have_count(14)
    moved = page.evaluate(
        """() => {
          const now = Array.from(document.querySelector('#panel-overview-table tbody').children);
          const before = window.__rowsBefore;
          return {
            added: window.__rowsAdded,
            kept: now.filter((row) => before.includes(row)).length,
            sameOrder: now.slice(1).every((row, i) => row === before[i]),
          };
        }"""
    )
    assert moved == {"added": 1, "kept": 14, "sameOrder": True}
    shot(page, "e2e_pnl008_moved_up")


def test_e2e_pnl005_hostile_name_is_shown_as_text(live_app: LiveApp, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    m = _sofie()
    hostile = "<img src=x onerror=alert(1)>"
    m.persons.append(
        Person(id="x", name=hostile, sector="professional", distance=0.3, care_sector="region")
    )
    revise_patient(m, cpr="010190-1234")
    _open(page, live_app, m)
    expect(page.locator("#panel-group-team")).to_contain_text(hostile)
    # In the overview's Markdown table too: the text, not an image.
    page.locator("#panel-overview-title").click()
    row = page.locator("#panel-overview-table tbody tr", has_text="onerror")
    expect(row.locator("td").first).to_have_text("Navn " + hostile)
    assert page.locator("#panel-root img").count() == 0
    text = page.locator("#panel-root").inner_text()
    assert "1234" not in text and "010190" not in text
    assert dialogs == []


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_e2e_pnl006_no_sideways_scrolling(
    live_app: LiveApp, page: Page, size: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    _open(page, live_app, _sofie())
    for section in ("overview", "measures"):
        page.locator(f"#panel-{section}-title").click()
    expect(page.locator("#panel-overview-table")).to_be_visible()
    expect(page.locator("#panel-chart .main-svg").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0]
    panel = page.locator("#panel-root").bounding_box()
    assert panel is not None and panel["x"] + panel["width"] <= size[0]
    for summary in page.locator(".panel-summary").all():
        box = summary.bounding_box()
        assert box is not None and box["height"] >= 44
    shot(page, f"e2e_pnl006_{size[0]}")
    assert re.search(r"\S", page.locator("#panel-overview-body").inner_text())
