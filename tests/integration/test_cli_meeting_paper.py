"""``netmap meeting paper``: the invitation and the aftaleark as PDF through the real CLI."""

from __future__ import annotations

import io
import stat
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
    cli.ok("consent", sofie, "--db", db, "--given-on", "2026-03-01")
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
