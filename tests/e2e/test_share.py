""" "Del med teamet" in a browser: consent, downloads, the log, disabled buttons, printing.

The app's "today" is the fixture's TODAY (01.03.2026). Names are fictional
(the demo map's, netmap/demo/sofie.graphml).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from netmap.app.start.demo import demo_map
from netmap.model import Consent, NetworkMap
from tests.e2e.axe import describe, serious, violations
from tests.e2e.conftest import TODAY, LiveApp, shot, wait_for_map

pytestmark = pytest.mark.e2e

TEAM_FORMATS = ("png", "svg", "pdf", "team-pack", "csv", "fhir")


def _demo(consent: Consent | None) -> NetworkMap:
    return demo_map().model_copy(update={"consent": consent})


def _open_share(page: Page, live_app: LiveApp, map_id: str) -> None:
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    page.locator("#share-summary").click()
    expect(page.locator("#share-consent-state")).not_to_be_empty()


def _assert_accessible_section(page: Page) -> None:
    found = serious(violations(page, context="#share-details"))
    assert not found, describe(found)


def _wait_for_picture(page: Page, element_id: str) -> None:
    # Polled with evaluate: wait_for_function evaluates a string, which the CSP forbids.
    for _ in range(120):
        width = page.evaluate("(id) => document.getElementById(id).naturalWidth", element_id)
        if width > 1000:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"{element_id} shows no picture")


def _download(page: Page, fmt: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"#share-dl-{fmt}").click()
    download = info.value
    path = target / download.suggested_filename
    download.save_as(path)
    return path


def test_e2e_share001_record_consent_download_and_see_the_log(
    live_app: LiveApp, page: Page, tmp_path: Path
) -> None:
    map_id = live_app.create_map(_demo(None))
    _open_share(page, live_app, map_id)
    state = page.locator("#share-consent-state")
    expect(state).to_have_text("Der er ikke registreret noget samtykke")
    for fmt in TEAM_FORMATS:
        expect(page.locator(f"#share-dl-{fmt}")).to_be_disabled()
    expect(page.locator("#share-dl-json")).to_be_enabled()
    expect(page.locator("#share-blocked")).to_contain_text("registrere samtykket ovenfor")
    # A bad date: the error next to the field, nothing saved.
    page.fill("#share-given-on", "30.02.2026")
    page.click("#share-record")
    expect(page.locator("#share-given-on-error")).to_have_text(
        "Samtykke givet den: 30.02.2026 er ikke en dato. Skriv den som dd.mm.åååå, fx 01.03.2026."
    )
    assert live_app.store.load(map_id).version == 1
    # A real one: a version, and the buttons for the team come alive.
    page.fill("#share-who", "KP Test")
    page.fill("#share-given-on", "01.03.2026")
    page.click("#share-record")
    expect(state).to_have_text("Samtykket er gyldigt til og med 01.03.2027")
    expect(page.locator("#share-given-on-error")).to_have_text("")
    expect(page.locator("#version-label")).to_have_text("Version 2")
    consent = live_app.store.load(map_id).map.consent
    assert consent is not None and (consent.given_on, consent.recorded_by) == (TODAY, "KP Test")
    expect(page.locator("#share-dl-team-pack")).to_be_enabled()
    expect(page.locator("#share-blocked")).to_have_text("")
    # The previews are real pictures.
    for kind in ("map", "pack"):
        preview = page.locator(f"#share-preview-{kind}")
        expect(preview).to_have_attribute("src", f"/share-preview/{map_id}/2/{kind}.png?for=team")
        _wait_for_picture(page, f"share-preview-{kind}")
    page.fill("#share-recipient", "Jobcenter Test")
    pack = _download(page, "team-pack", tmp_path)
    assert pack.name == "teampakke-v2-2026-03-01.pdf"
    reader = PdfReader(pack)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Birgitte Møller" in text and "Ali Hassan" in text  # the team's names
    assert "Anna Holm" not in text  # not shared: by role only
    assert "Fortroligt – delt med samtykke af 01.03.2026" in text
    picture = _download(page, "png", tmp_path)
    with Image.open(picture) as image:
        assert image.format == "PNG" and image.width >= 2000
    expect(page.locator("#share-download-status")).to_contain_text("er hentet")
    rows = page.locator(".share-log-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("PNG-billede")
    expect(rows.nth(0)).to_contain_text("KP Test")
    expect(rows.nth(1)).to_contain_text("teampakke (PDF)")
    expect(rows.nth(1)).to_contain_text("Jobcenter Test")
    log = live_app.store.export_log(map_id)
    assert [(r.format, r.version, r.recipient) for r in log] == [
        ("team-pack", 2, "Jobcenter Test"),
        ("png", 2, "Jobcenter Test"),
    ]
    page.locator("#share-details").scroll_into_view_if_needed()
    shot(page, "e2e_share001_share_section")
    _assert_accessible_section(page)


def test_e2e_share002_expired_consent_disables_and_says_why_redacted_still_allowed(
    live_app: LiveApp, page: Page, tmp_path: Path
) -> None:
    # Given 28.02.2025: valid up to and including 28.02.2026, expired on TODAY.
    map_id = live_app.create_map(_demo(Consent(given_on=date(2025, 2, 28))))
    _open_share(page, live_app, map_id)
    expect(page.locator("#share-consent-state")).to_have_text(
        "Samtykket udløb den 28.02.2026 (givet den 28.02.2025)"
    )
    expect(page.locator("#share-summary")).to_contain_text("udløb den 28.02.2026")
    for fmt in TEAM_FORMATS:
        expect(page.locator(f"#share-dl-{fmt}")).to_be_disabled()
    blocked = page.locator("#share-blocked")
    expect(blocked).to_contain_text("Samtykket udløb den 28.02.2026")
    expect(blocked).to_contain_text("registrere samtykket ovenfor")
    shot(page, "e2e_share002_expired")
    _assert_accessible_section(page)  # disabled buttons, the reason
    # Without names: allowed without consent, and logged as such.
    page.get_by_label("Alle – uden navne og kontaktoplysninger (tavlebillede)").check()
    expect(page.locator("#share-dl-png")).to_be_enabled()
    expect(blocked).to_have_text("")
    picture = _download(page, "png", tmp_path)
    assert picture.name == "netvaerkskort-uden-navne-v1-2026-03-01.png"
    with Image.open(picture) as image:
        assert image.format == "PNG"
    expect(page.locator(".share-log-table tbody tr")).to_have_count(1)
    expect(page.locator(".share-log-table")).to_contain_text("uden navne")
    (record,) = live_app.store.export_log(map_id)
    assert record.redacted and record.format == "png"


def test_e2e_share003_withdraw_then_the_team_files_say_withdrawn(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_demo(Consent(given_on=date(2026, 1, 5))))
    _open_share(page, live_app, map_id)
    expect(page.locator("#share-record")).to_have_text("Forny samtykke")
    page.fill("#share-withdraw-on", "03.04.2026")  # after today
    page.click("#share-withdraw")
    expect(page.locator("#share-withdraw-on-error")).to_contain_text("03.04.2026")
    expect(page.locator("#share-withdraw-on-error")).to_contain_text("ligger i fremtiden")
    page.fill("#share-withdraw-on", "")
    page.click("#share-withdraw")
    expect(page.locator("#share-consent-state")).to_have_text(
        "Samtykket blev trukket tilbage den 01.03.2026"
    )
    expect(page.locator("#share-dl-csv")).to_be_disabled()
    expect(page.locator("#share-withdraw")).to_be_disabled()
    expect(page.locator("#share-blocked")).to_contain_text("trukket tilbage den 01.03.2026")
    consent = live_app.store.load(map_id).map.consent
    assert consent is not None and consent.withdrawn_on == TODAY


def test_e2e_share004_the_patient_decides_who_is_shared_in_the_edit_panel(
    live_app: LiveApp, page: Page
) -> None:
    map_id = live_app.create_map(_demo(None))
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    page.locator("#person-list button.person-item", has_text="Anna Holm").click()
    expect(page.locator("#edit-share")).to_be_visible()
    default = page.get_by_label("Standard (kun rollen vises)")
    expect(default).to_be_checked()
    page.locator("#edit-share").get_by_label("Ja – navn og kontakt").check()
    expect(page.locator("#version-label")).to_have_text("Version 2")
    anna = next(p for p in live_app.store.load(map_id).map.persons if p.name == "Anna Holm")
    assert anna.share_with_team is True


def test_e2e_share005_printing_gives_the_map_legend_and_overview_not_the_controls(
    live_app: LiveApp, page: Page, tmp_path: Path
) -> None:
    map_id = live_app.create_map(_demo(None))
    page.goto(live_app.map_url(map_id))
    wait_for_map(page)
    expect(page.locator("#share-print-overview table")).to_have_count(1)
    expect(page.locator("#share-print-overview")).to_be_hidden()  # on screen: not shown
    page.emulate_media(media="print")
    for shown in ("#map-cy", ".legend", "#share-print-overview table", "#patient-name"):
        expect(page.locator(shown).first).to_be_visible()
    for hidden in (".toolbar", ".work-col", ".panels-col", "#share-details", ".app-header"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("#share-print-overview")).to_contain_text("Birgitte Møller")
    shot(page, "e2e_share005_print")
    pdf = page.pdf(format="A4")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 3
    box = reader.pages[0].mediabox
    # A4 portrait: 210 × 297 mm = 595.3 × 841.9 points.
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Kontaktoversigt" in text and "Mette Dahl" in text
    assert "Fortryd" not in text and "Tilføj person" not in text  # no controls
