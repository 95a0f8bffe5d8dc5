"""The contact overview as CSV for Danish Excel: BOM, semicolons, Danish headers, safe cells."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sharing_maps import big_map, demo_map

from netmap.analysis.overview import contact_overview
from netmap.export.csv_export import COLUMNS, overview_csv, safe_cell
from netmap.export.redact import Audience, prepare
from netmap.model import NetworkMap, Patient, Person

DA_HEADERS = [
    "Navn",
    "Rolle/relation",
    "Organisation",
    "Telefon",
    "E-mail",
    "Kan hjælpe med",
    "Gruppe",
    "Felt",
    "Afstand",
    "Sektor",
    "Roller i teamet",
    "Primær kontaktperson",
    "Med til møderne",
    "Inviteres til næste møde",
    "Kortets dato",
]


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("network_map", [demo_map(), big_map(200)], ids=["demo", "200"])
def test_csv001_round_trips_with_danish_headers(network_map: NetworkMap) -> None:
    rows = _read(overview_csv(network_map))
    assert rows[0] == DA_HEADERS
    overview = contact_overview(network_map)
    assert len(rows) == 1 + len(overview)
    for row, expected in zip(rows[1:], overview, strict=True):
        assert len(row) == len(COLUMNS)
        assert row[0] == expected.name
        assert row[4] == (expected.email or "")
        assert row[3] == (f"'{expected.phone}" if expected.phone else "")
        assert (
            row[-1]
            == {date(2026, 11, 10): "10-11-2026", date(2026, 11, 20): "20-11-2026"}[
                network_map.map_date
            ]
        )


def test_csv002_english_headers() -> None:
    rows = _read(overview_csv(demo_map(), "en"))
    assert rows[0][:5] == ["Name", "Role/relation", "Organisation", "Phone", "E-mail"]
    assert {row[8] for row in rows[1:]} <= {"Close", "In between", "Further away"}


def test_csv003_formula_injection_is_defused() -> None:
    evil = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(
                id="e",
                name='=HYPERLINK("http://x.example";"klik")',
                sector="leisure",
                distance=0.5,
                role="+SUM(A1:A9)",
                organisation="-2+3",
                helps_with="@cmd",
                phone="+45 20 11 22 33",
            )
        ],
        map_date=date(2026, 3, 1),
    )
    (row,) = _read(overview_csv(evil))[1:]
    assert row[0] == '\'=HYPERLINK("http://x.example";"klik")'
    assert row[1] == "'+SUM(A1:A9)"
    assert row[2] == "'-2+3"
    assert row[3] == "'+45 20 11 22 33"
    assert row[5] == "'@cmd"
    assert row[-1] == "01-03-2026"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@"))


def test_csv004_unshared_persons_only_by_role_in_the_team_csv() -> None:
    team = prepare(demo_map(), Audience.TEAM)
    text = overview_csv(team).decode("utf-8-sig")
    assert "Mads Jensen" not in text and "Lillebror" in text
    assert "Poul Jensen" not in text and "Farfar" in text
    assert "Lene Jensen" in text  # Mor comes to the meetings: shared


@pytest.mark.parametrize("text", ["\tx", "\rx", "=1", "ok", ""])
def test_csv005_safe_cell(text: str) -> None:
    safe = safe_cell(text)
    assert safe == (f"'{text}" if text[:1] in ("\t", "\r", "=") else text)
