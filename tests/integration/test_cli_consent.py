"""``netmap consent``: show, record, renew and withdraw, each a version."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from share_support import SOFIE_BYTES, Cli

from netmap.store import open_store


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys, tmp_path / "maps.db")


@pytest.fixture
def map_id(cli: Cli, tmp_path: Path) -> str:
    path = tmp_path / "sofie.graphml"
    path.write_bytes(SOFIE_BYTES)
    return cli.import_map(path)


def test_clicons001_record_show_withdraw(cli: Cli, map_id: str) -> None:
    today = date.today()
    out = cli.ok("consent", map_id, "--given-on", today.isoformat(), "--by", "KP Test")
    assert "version 2" in out
    assert "Samtykket er gyldigt til og med" in out
    assert "Registreret af: KP Test" in out
    shown = cli.ok("consent", map_id[:6], "--lang", "en")
    assert shown.startswith("The consent is valid up to and including")
    out = cli.ok("consent", map_id, "--withdraw")
    assert "Samtykket blev trukket tilbage den" in out
    history = cli.ok("history", map_id)
    assert "KP Test · Samtykke fornyet" in history  # the demo map had one
    assert "Samtykke trukket tilbage" in history
    with open_store(cli.db) as store:
        consent = store.load(map_id).map.consent
    assert consent is not None
    assert (consent.given_on, consent.recorded_by, consent.withdrawn_on) == (
        today,
        "KP Test",
        today,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--given-on", "2026-02-30"], ["--given-on", "2026-02-30"]),
        (["--given-on", "1/3-2026"], ["--given-on", "ÅÅÅÅ-MM-DD"]),
        (["--given-on", (date.today() + timedelta(days=1)).isoformat()], ["i fremtiden"]),
        (["--withdraw", "--on", "2026-02-28"], ["28.02.2026", "01.03.2026"]),
        (["--given-on", "2026-01-01", "--withdraw"], ["--given-on", "--withdraw"]),
        (["--on", "2026-01-01"], ["--on", "--withdraw"]),
        (["--by", "KP"], ["--by", "--given-on"]),
    ],
)
def test_clicons002_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, map_id: str, args: list[str], words: list[str]
) -> None:
    code, out, err = cli("consent", map_id, *args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    for word in words:
        assert word in err
    assert cli.ok("history", map_id).count("Version ") == 1


def test_clicons003_withdraw_before_given_names_both_dates(cli: Cli, map_id: str) -> None:
    cli.ok("consent", map_id, "--given-on", "2026-05-01")
    code, _, err = cli("consent", map_id, "--withdraw", "--on", "2026-04-30", "--lang", "en")
    assert code != 0
    assert "Apr 30, 2026" in err and "May 1, 2026" in err and "withdrawn on" in err


def test_clicons004_nothing_to_withdraw_without_consent(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "blank.json"
    path.write_text('{"patient": {"name": "Testa Testesen"}}', encoding="utf-8")
    map_id = cli.import_map(path)
    assert cli.ok("consent", map_id) == "Der er ikke registreret noget samtykke\n"
    code, _, err = cli("consent", map_id, "--withdraw")
    assert code != 0 and "intet at trække tilbage" in err
