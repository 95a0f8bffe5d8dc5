"""``netmap meetings`` and ``netmap meeting …`` end to end, on Sofie's demo map."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_support import SOFIE_BYTES, Cli

from netmap.store import open_store


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "maps.db"


@pytest.fixture
def sofie(cli: Cli, tmp_path: Path, db: Path) -> str:
    path = tmp_path / "sofie.graphml"
    path.write_bytes(SOFIE_BYTES)
    return cli.imported(path, db)


def test_clim001_plan_prepare_record_and_list_a_meeting(cli: Cli, sofie: str, db: Path) -> None:
    out = cli.ok(
        "meeting", "add", sofie, "--db", db, "--date", "2026-12-10", "--time", "10:00",
        "--kind", "Netværksmøde", "--place", "Jobcentret", "--purpose", "Plan for praktik",
    )  # fmt: skip
    assert "Gemt som version 2." in out and "m1  10.12.2026 10.00  Netværksmøde" in out
    out = cli.ok("meeting", "ready", sofie, "1", "--db", db)
    assert "forberedt med version 2" in out and "version 3" in out
    out = cli.ok(
        "meeting", "record", sofie, "2026-12-10", "--db", db,
        "--attended", "patient,mor", "--attended", "sr", "--apologies", "laege",
        "--stafetholder-region", "laege", "--coordinator-municipality", "bostotte",
        "--next", "2027-01-15",
    )  # fmt: skip
    assert "Deltog: Sofie Jensen (patienten), Birgitte Møller, Lene Jensen" in out
    assert "Stafetholder for regionen: Dr. Ole Krag" in out
    cli.ok(
        "meeting", "agreement", sofie, "m1", "--db", db, "--who", "patient",
        "--what", "Søge to praktikpladser", "--by", "2027-01-10",
    )  # fmt: skip
    report = json.loads(cli.ok("meetings", sofie, "--db", db, "--json"))
    (meeting,) = report["meetings"]
    assert report["version"] == 5
    assert meeting["prepared_with"] == 2 and meeting["held"] is True
    assert meeting["attended"] == ["p0", "mor", "sr"] and meeting["apologies"] == ["laege"]
    assert meeting["agreements"][0]["who"] == "p0" and meeting["next_meeting"] == "2027-01-15"
    store = open_store(db)
    try:
        latest = store.load(sofie).map
        history = [v.describe("da") for v in store.history(sofie)]
    finally:
        store.close()
    # Appointing moved the roles: one stafetholder per sector of care.
    assert "stafetholder" in latest.person("laege").team_roles
    assert "stafetholder" not in latest.person("sr").team_roles
    assert latest.person("bostotte").team_roles == ("coordinator",)
    assert history[1:] == [
        "Møde 10.12.2026: planlagt",
        "Møde 10.12.2026: kortet er klar til mødet",
        "Oplysninger ændret om Ali Hassan, Birgitte Møller, Dr. Ole Krag og 1 mere,"
        " møde 10.12.2026: deltagere, udpegede eller næste møde noteret",
        "Møde 10.12.2026: aftaler ændret",
    ]
    text = cli.ok("meetings", sofie, "--db", db, "--lang", "en")
    assert "Meetings for Sofie Jensen: 1" in text and "(held)" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "--date", "10-12-2026", "--kind", "other"], "«dato»: værdien 10-12-2026"),
        (["add", "--date", "2026-12-10", "--kind", "fest"], "network_meeting (Netværksmøde)"),
        # A date with a time in it is refused in words, not pydantic's code.
        (
            ["add", "--date", "2026-12-10T10:00", "--kind", "other"],
            "værdien 2026-12-10T10:00 er ikke en dato – skriv datoen alene som ÅÅÅÅ-MM-DD",
        ),
        (["add", "--date", "2026-12-10", "--kind", "other", "--time", "9.30"], "TT:MM"),
        (["record", "m9"], "Mødet m9 findes ikke"),
    ],
)
def test_clim002_bad_input_names_field_value_and_what_is_allowed(
    cli: Cli, sofie: str, db: Path, args: list[str], expected: str
) -> None:
    command, *rest = args
    err = cli.fails("meeting", command, sofie, *rest, "--db", db)
    assert expected in err, err
    store = open_store(db)
    try:
        assert len(store.history(sofie)) == 1  # nothing saved
    finally:
        store.close()


def test_clim003_appointing_a_relative_is_refused_with_the_reason(
    cli: Cli, sofie: str, db: Path
) -> None:
    cli.ok("meeting", "add", sofie, "--db", db, "--date", "2026-12-10", "--kind", "first_meeting")
    err = cli.fails("meeting", "record", sofie, "m1", "--db", db, "--stafetholder-region", "mor")
    assert "Lene Jensen (mor) kan ikke udpeges som stafetholder" in err
    err = cli.fails(
        "meeting", "record", sofie, "m1", "--db", db, "--coordinator-region", "egl", "--lang", "en"
    )
    assert "only a professional from Region (psychiatry)" in err
    err = cli.fails("meeting", "follow-up", sofie, "m1", "a1", "halvt", "--db", db)
    assert "carried_over (Videreført)" in err


def _warnings(cli: Cli, map_id: str, db: Path) -> list[str]:
    report = json.loads(cli.ok("analyse", map_id, "--db", db, "--json"))
    return [w["code"] for w in report["warnings"]]


def test_clim004_analyse_says_the_map_is_outdated_until_it_is_updated_or_ready(
    cli: Cli, sofie: str, db: Path
) -> None:
    # Held "tomorrow" so that every version saved now is from before it.
    held_on = (date.today() + timedelta(days=1)).isoformat()
    next_on = (date.today() + timedelta(days=60)).isoformat()
    cli.ok("meeting", "add", sofie, "--db", db, "--date", held_on, "--kind", "first_meeting")
    assert "map_outdated" not in _warnings(cli, sofie, db)  # no meeting held yet
    cli.ok("meeting", "record", sofie, "m1", "--db", db, "--attended", "patient", "--next", next_on)
    assert "map_outdated" in _warnings(cli, sofie, db)
    text = cli.ok("analyse", sofie, "--db", db)
    assert "Kortet er ikke opdateret siden mødet" in text
    cli.ok("meeting", "add", sofie, "--db", db, "--date", next_on, "--kind", "network_meeting")
    assert "map_outdated" in _warnings(cli, sofie, db)  # planning is not updating
    cli.ok("meeting", "ready", sofie, "m2", "--db", db)
    assert "map_outdated" not in _warnings(cli, sofie, db)


def test_clim005_prepare_lists_untouched_first_and_last_meetings_agreements(
    cli: Cli, sofie: str, db: Path
) -> None:
    cli.ok("meeting", "add", sofie, "--db", db, "--date", "2026-11-20", "--kind", "first_meeting")
    cli.ok("meeting", "ready", sofie, "m1", "--db", db)
    cli.ok(
        "meeting", "record", sofie, "m1", "--db", db, "--attended", "patient",
        "--coordinator-municipality", "bostotte", "--next", "2027-01-15",
    )  # fmt: skip
    cli.ok("meeting", "agreement", sofie, "m1", "--db", db, "--who", "ips", "--what", "Ring")
    cli.ok("meeting", "add", sofie, "--db", db, "--date", "2027-01-15", "--kind", "other")
    lines = cli.ok("meeting", "prepare", sofie, "--db", db).splitlines()
    people = [line.strip() for line in lines if line.startswith("    ") and ":" not in line]
    # Appointing moved the coordinator role: those two changed, so they come last.
    assert people[-2:] == [
        "Mette Dahl – Fagpersoner  (ændret siden sidste møde)",
        "Ali Hassan – Fagpersoner  (ændret siden sidste møde)",
    ]
    assert people[0] == "Lene Jensen – Familie" and len(people) == 14
    assert "    m1 a1: Ali Hassan – Ring [ikke fulgt op endnu]" in lines
    ready = f"  Når kortet er klar til mødet 15.01.2027: netmap meeting ready {sofie[:8]} m2"
    assert lines[-1] == ready
