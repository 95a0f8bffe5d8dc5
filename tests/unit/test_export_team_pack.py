"""The team pack PDF: map, contact overview, team and roles, invitation, checks, footer."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from export_support import FAKE_CPR, generated_map, sofie
from pypdf import PdfReader

from netmap.analysis import analyse
from netmap.export.pdf_blocks import column_widths
from netmap.export.pdf_draw import FONT, new_document
from netmap.export.picture_options import RenderOptions
from netmap.export.team_pack import team_pack_pdf
from netmap.model import NetworkMap

CPR_RE = re.compile(r"\d{6}-?\d{4}")
SHARED = RenderOptions(export_date=date(2026, 12, 1), version=7, consent_date=date(2026, 5, 4))
FOOTER = "Fortroligt – delt med samtykke af 04.05.2026"


def pages_of(data: bytes) -> list[str]:
    assert data[:5] == b"%PDF-"
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo() -> NetworkMap:
    return sofie()


@pytest.fixture(scope="module")
def demo_pages(demo: NetworkMap) -> list[str]:
    return pages_of(team_pack_pdf(demo, SHARED))


@pytest.fixture(scope="module")
def big() -> NetworkMap:
    return generated_map(200)


@pytest.fixture(scope="module")
def big_pages(big: NetworkMap) -> list[str]:
    return pages_of(team_pack_pdf(big, SHARED))


def test_pack001_footer_date_and_version_on_every_page(demo_pages: list[str]) -> None:
    count = len(demo_pages)
    assert count >= 4
    for number, page in enumerate(demo_pages, start=1):
        assert FOOTER in page
        assert f"Side {number} af {count}" in page
        assert "Version 7" in page
        assert "Kortets dato: 10.11.2026" in page


def test_pack002_team_names_and_contact_overview(demo: NetworkMap, demo_pages: list[str]) -> None:
    text = flat(" ".join(demo_pages))
    for person in demo.persons:
        assert person.name in text
    for heading in (
        "Kontaktoversigt",
        "Rolle / relation",
        "Organisation",
        "Telefon",
        "E-mail",
        "Kan hjælpe med",
    ):
        assert heading in text
    # Contact details as given (the phone number kept whole), and what they help with.
    assert "+45 20 11 22 33" in text
    assert "anna.holm@example.dk" in text
    assert "Praktisk hjælp, kører til møder" in text


def test_pack003_groups_and_role_holders(demo: NetworkMap, demo_pages: list[str]) -> None:
    text = flat(" ".join(demo_pages))
    for title in (
        "Forslag til Patientens team",
        "Fagpersoner i Patientens team",
        "Kan inddrages efter behov",
        "Privat netværk",
    ):
        assert title in text
    # Who holds each role, from the analysis: the demo's social worker is the region's
    # stafetholder; nobody is the region's coordinator.
    assert "Stafetholder – Region (psykiatrien) Birgitte Møller" in text
    assert "Forløbskoordinator – Region (psykiatrien) ikke udpeget endnu" in text
    assert "Forløbskoordinator – Kommune Ali Hassan" in text


def test_pack004_invitation_lists_the_invited(demo: NetworkMap, demo_pages: list[str]) -> None:
    invitation = next(p for p in demo_pages if "Invitation til møde i Patientens team" in p)
    text = flat(invitation)
    for label in (
        "Borgerens navn:",
        "Mødetid/dato:",
        "Mødested/lokale/opkaldslink:",
        "Deltagere (navn og titel/rolle):",
        "Formål med mødet:",
    ):
        assert label in text
    invited = analyse(demo, as_of=SHARED.export_date).invite
    names = {p.id: p.name for p in demo.persons} | {demo.patient.id: demo.patient.name}
    for person_id in invited:
        assert names[person_id] in text
    not_invited = {p.name for p in demo.persons if p.id not in invited}
    assert not_invited and not any(name in text for name in not_invited)


def test_pack005_open_checks_with_sources(demo: NetworkMap, demo_pages: list[str]) -> None:
    text = flat(" ".join(demo_pages))
    assert "Åbne tjek" in text
    for finding in analyse(demo, as_of=SHARED.export_date).findings:
        assert flat(finding.message("da"))[:40] in text
        assert flat(finding.source)[:30] in text


def test_pack006_no_cpr_unless_asked(demo: NetworkMap, demo_pages: list[str]) -> None:
    assert not CPR_RE.search(" ".join(demo_pages))
    asked = pages_of(team_pack_pdf(demo, SHARED.model_copy(update={"include_cpr": True})))
    assert FAKE_CPR in " ".join(asked)


def test_pack007_two_hundred_persons(big: NetworkMap, big_pages: list[str]) -> None:
    text = flat(" ".join(big_pages))
    missing = [p.name for p in big.persons if p.name not in text]
    assert missing == []
    assert all(FOOTER in page for page in big_pages)
    assert not CPR_RE.search(text)


def test_pack008_english(demo: NetworkMap) -> None:
    pages = pages_of(team_pack_pdf(demo, SHARED.model_copy(update={"lang": "en"})))
    text = flat(" ".join(pages))
    assert "Confidential – shared with consent of May 4, 2026" in text
    assert "Contact overview" in text
    assert "Kontaktoversigt" not in text


def test_pack009_columns_fit_their_longest_word() -> None:
    pdf = new_document(SHARED, title="t")
    pdf.add_page()
    rows = [["Ali", "Bostøttemedarbejder", "ali.hassan@aalborg.example.dk", "kort"]]
    widths = column_widths(pdf, ["Navn", "Rolle", "E-mail", "Kan"], rows, (1, 1, 1, 3))
    assert sum(widths) == pytest.approx(pdf.epw)
    pdf.set_font(FONT, "", 9.5)
    assert widths[1] > pdf.get_string_width("Bostøttemedarbejder")
    assert widths[2] > pdf.get_string_width("ali.hassan@aalborg.example.dk")
    # The free width goes by weight: the last column gets the most.
    assert widths[3] == max(widths)


def test_pack010_long_texts_wrap_and_rows_stay_whole(demo: NetworkMap) -> None:
    long_help = " ".join(["Hjælper med praktiske ting i hverdagen og samtaler."] * 18)
    persons = [p.model_copy(update={"helps_with": long_help[:1000]}) for p in demo.persons]
    pages = pages_of(team_pack_pdf(demo.model_copy(update={"persons": persons}), SHARED))
    text = flat(" ".join(pages))
    for person in demo.persons:
        assert person.name in text
    # Each row is on one page: every overview page holds as many whole help texts
    # as it holds names (a row cut by the page break would leave a part behind).
    first = next(i for i, p in enumerate(pages) if "Kontaktoversigt" in p)
    after = next(i for i, p in enumerate(pages) if "Forslag til Patientens team" in p)
    assert after - first > 1
    whole = flat(long_help[:1000])
    for page in pages[first:after]:
        body = flat(page)
        names = sum(1 for p in demo.persons if p.name in body)
        assert names > 0
        assert body.count(whole) == names
