"""``netmap meeting paper``: the invitation and the aftaleark as PDF through the real CLI."""

from __future__ import annotations

import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest
from cli_support import SOFIE_BYTES, Cli
from pypdf import PdfReader


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys)


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_clip001_invitation_and_agreement_sheet(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    source = tmp_path / "sofie.graphml"
    source.write_bytes(SOFIE_BYTES)
    sofie = cli.imported(source, db)
    # Papers need a valid consent: given today, so the test does not age.
    cli.ok("consent", sofie, "--db", db, "--given-on", date.today().isoformat())
    cli.ok("meeting", "add", sofie, "--db", db, "--date", "2026-12-10", "--kind", "netværksmøde",
           "--place", "Jobcentret")  # fmt: skip
    cli.ok("meeting", "record", sofie, "m1", "--db", db, "--attended", "patient,sr",
           "--next", "2027-01-15")  # fmt: skip
    cli.ok("meeting", "agreement", sofie, "m1", "--db", db, "--who", "sr", "--what", "Sende planen")

    invitation = tmp_path / "invitation.pdf"
    out = cli.ok("meeting", "paper", sofie, "m1", "--invitation", "-o", invitation, "--db", db)
    assert str(invitation) in out
    text = _text(invitation)
    assert "Invitation til møde i Patientens team" in text
    assert "Sofie Jensens ønsker til mødet" in text and "Jobcentret" in text
    assert stat.S_IMODE(invitation.stat().st_mode) == 0o600

    sheet = tmp_path / "aftaleark.pdf"
    cli.ok("meeting", "paper", sofie, "1", "--agreements", "-o", sheet, "--db", db)
    text = _text(sheet)
    assert "Sende planen" in text and "Birgitte Møller" in text and "15.01.2027" in text

    assert "--invitation" in cli.fails("meeting", "paper", sofie, "m1", "-o", sheet, "--db", db)
    assert "m9" in cli.fails(
        "meeting", "paper", sofie, "m9", "--invitation", "-o", sheet, "--db", db
    )


def test_clip002_papers_pass_the_consent_gate_and_are_logged(cli: Cli, tmp_path: Path) -> None:
    """A paper leaves netmap like any export: refused without consent, logged with it."""
    db = tmp_path / "maps.db"
    source = tmp_path / "sofie.graphml"
    # Sofie with a (fictional) CPR number on record.
    with_cpr = SOFIE_BYTES.replace(
        b'<key id="d0"',
        b'<key id="dc" for="graph" attr.name="cpr" attr.type="string" />\n  <key id="d0"',
    ).replace(
        b'<data key="d0">Sofie Jensen</data>',
        b'<data key="d0">Sofie Jensen</data><data key="dc">010190-1234</data>',
    )
    source.write_bytes(with_cpr)
    sofie = cli.imported(source, db)
    cli.ok("meeting", "add", sofie, "--db", db, "--date", "2026-12-10", "--kind", "netværksmøde")
    cli.ok("consent", sofie, "--db", db, "--withdraw", "--on", date.today().isoformat())

    # No valid consent: one line says why, nothing is written and nothing is logged.
    for which in ("--invitation", "--agreements"):
        refused = tmp_path / f"refused{which}.pdf"
        err = cli.fails("meeting", "paper", sofie, "m1", which, "-o", refused, "--db", db)
        assert "samtykke" in err.lower() and "netmap consent" in err
        assert not refused.exists()
    assert json.loads(cli.ok("export-log", sofie, "--db", db, "--json")) == []

    # The patient's own copy needs no consent, and is logged as hers.
    own = tmp_path / "own.pdf"
    cli.ok("meeting", "paper", sofie, "m1", "--invitation", "--for-patient", "-o", own, "--db", db)
    assert "Sofie Jensens ønsker til mødet" in _text(own)

    # With a consent today: the invitation for the team, with the CPR number only when asked.
    cli.ok("consent", sofie, "--db", db, "--given-on", date.today().isoformat())
    team = tmp_path / "team.pdf"
    out = cli.ok("meeting", "paper", sofie, "m1", "--invitation", "-o", team, "--db", db,
                 "--to", "Jobcenter Aalborg", "--by", "KP")  # fmt: skip
    assert "CPR" not in out and "010190-1234" not in _text(team)
    sheet = tmp_path / "sheet.pdf"
    out = cli.ok("meeting", "paper", sofie, "m1", "--agreements", "--include-cpr", "-o", sheet,
                 "--db", db)  # fmt: skip
    assert "CPR" in out  # the warning that the file holds the full number
    assert "010190-1234" in _text(sheet)
    log = json.loads(cli.ok("export-log", sofie, "--db", db, "--json"))
    assert [(e["format"], e["for_patient"], e["include_cpr"]) for e in log] == [
        ("invitation", True, False),
        ("invitation", False, False),
        ("agreements", False, True),
    ]
    assert log[1]["author"] == "KP" and log[1]["recipient"] == "Jobcenter Aalborg"
    text = cli.ok("export-log", sofie, "--db", db)
    assert "mødeinvitation (PDF)" in text and "aftaleark (PDF)" in text
    # A paper belongs to a meeting of the map, and is never made without names.
    assert "m9" in cli.fails(
        "meeting", "paper", sofie, "m9", "--invitation", "-o", team, "--db", db
    )
