"""``netmap share``: the patient's per-person choice, listed and recorded as a version."""

from __future__ import annotations

from datetime import date
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


def test_clishare001_list_then_record_the_patients_choice(
    cli: Cli, map_id: str, tmp_path: Path
) -> None:
    listed = cli.ok("share", map_id)
    assert "Anna Holm (Veninde) – kun rollen vises (standard)" in listed
    assert "Birgitte Møller (Socialrådgiver) – deles med teamet (standard)" in listed
    out = cli.ok("share", map_id, "anna holm", "--yes", "--by", "KP Test")
    assert "version 2" in out and "Anna Holm (Veninde) – deles med teamet (patientens valg)" in out
    out = cli.ok("share", map_id, "Birgitte Møller", "--no", "--lang", "en")
    assert "Birgitte Møller (Socialrådgiver) – shown by role only (the patient's choice)" in out
    with open_store(cli.db) as store:
        stored = store.load(map_id)
        persons = {p.name: p for p in stored.map.persons}
        assert persons["Anna Holm"].share_with_team is True
        assert persons["Birgitte Møller"].share_with_team is False
        assert stored.version == 3
    # The choice reaches the team's files: a consent, then the CSV.
    cli.ok("consent", map_id, "--given-on", date.today().isoformat())
    target = tmp_path / "team.csv"
    cli.ok("export", map_id, "--format", "csv", "-o", target)
    text = target.read_text(encoding="utf-8-sig")
    assert "Anna Holm" in text and "Birgitte Møller" not in text and "Socialrådgiver" in text
    out = cli.ok("share", map_id, "Anna Holm", "--default")
    assert "Anna Holm (Veninde) – kun rollen vises (standard)" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--yes"], ["Angiv personen"]),
        (["Anna Holm"], ["--yes", "--no", "--default"]),
        (["Ingen Sådan", "--no"], ["Ingen Sådan", "netmap show"]),
    ],
)
def test_clishare002_bad_input_is_one_line_and_changes_nothing(
    cli: Cli, map_id: str, args: list[str], words: list[str]
) -> None:
    code, out, err = cli("share", map_id, *args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    for word in words:
        assert word in err
    with open_store(cli.db) as store:
        assert store.load(map_id).version == 1
