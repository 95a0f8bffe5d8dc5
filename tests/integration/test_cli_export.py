"""``netmap export`` and ``netmap export-log`` through the real CLI.

The consent gate on the day of export (given exactly a year ago: allowed; a
year and a day: refused; withdrawn: refused; none: refused; ``--redact`` and
``--for-patient`` always allowed); no CPR number unless ``--include-cpr``;
redacted files without names, phone numbers or e-mails; the export log.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from share_support import Cli, year_before
from sharing_maps import CPR_RE, big_map, demo_map

from netmap.interchange import dump_json
from netmap.model import NetworkMap
from netmap.store import open_store


def _text(path: Path, fmt: str) -> str:
    """What a reader (or a mail gateway) finds in the file: the text of a PDF's
    pages (its raw bytes hold ten-digit offsets), a PNG's bytes, else the text."""
    data = path.read_bytes()
    if fmt in ("pdf", "team-pack"):
        assert data.startswith(b"%PDF")
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
        return data.decode("latin-1")
    return data.decode("utf-8-sig")


#: The formats for the team (gated) and the user's own (never gated).
TEAM_FORMATS = ["csv", "fhir", "png", "svg", "pdf", "team-pack"]
OWN_FORMATS = ["json", "graphml"]
ALL_FORMATS = TEAM_FORMATS + OWN_FORMATS
#: The team formats whose text can be read back (a PNG is pixels).
TEXT_TEAM_FORMATS = [f for f in TEAM_FORMATS if f != "png"]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys, tmp_path / "maps.db")


def _import(cli: Cli, tmp_path: Path, network_map: NetworkMap, name: str = "kort") -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(dump_json(network_map, include_cpr=True), encoding="utf-8")
    return cli.import_map(path)


def _consent(cli: Cli, map_id: str, case: str) -> None:
    today = date.today()
    if case == "none":
        return
    if case == "one_year":
        cli.ok("consent", map_id, "--given-on", year_before(today).isoformat())
    elif case == "one_year_and_a_day":
        cli.ok("consent", map_id, "--given-on", (year_before(today) - timedelta(1)).isoformat())
    else:
        cli.ok("consent", map_id, "--given-on", year_before(today).isoformat())
        cli.ok("consent", map_id, "--withdraw")


@pytest.fixture
def sofie(cli: Cli, tmp_path: Path) -> str:
    return _import(cli, tmp_path, demo_map(None))


@pytest.mark.parametrize("case", ["one_year", "one_year_and_a_day", "withdrawn", "none"])
def test_cliexp001_the_consent_gate(cli: Cli, tmp_path: Path, case: str) -> None:
    map_id = _import(cli, tmp_path, demo_map(None))
    _consent(cli, map_id, case)
    allowed = case == "one_year"
    logged = 0
    for fmt in TEAM_FORMATS:
        out = tmp_path / f"team-{fmt}"
        code, stdout, err = cli("export", map_id, "--format", fmt, "-o", out)
        if allowed:
            assert code == 0, err
            assert out.exists()
            logged += 1
        else:
            assert code != 0 and stdout == ""
            assert len(err.strip().splitlines()) == 1
            assert f"netmap consent {map_id} --given-on" in err
            why = {
                "none": "ikke registreret noget samtykke",
                "one_year_and_a_day": "Samtykket udløb den",
                "withdrawn": "trukket tilbage den",
            }[case]
            assert why in err
            assert not out.exists()
        for flag in ("--redact", "--for-patient"):
            other = tmp_path / f"{flag[2:]}-{fmt}"
            cli.ok("export", map_id, "--format", fmt, "-o", other, flag)
            assert other.exists()
            logged += 1
    for fmt in OWN_FORMATS:
        cli.ok("export", map_id, "--format", fmt, "-o", tmp_path / f"own.{fmt}")
        logged += 1
    log = json.loads(cli.ok("export-log", map_id, "--json"))
    assert len(log) == logged  # refused exports are not logged


def _outputs(cli: Cli, map_id: str, folder: Path, *extra: str) -> dict[str, str]:
    texts = {}
    for fmt in ALL_FORMATS:
        path = folder / f"{fmt}{''.join(extra)}.out"
        cli.ok("export", map_id, "--format", fmt, "-o", path, *extra)
        texts[f"{fmt} {' '.join(extra)}"] = _text(path, fmt)
    return texts


@pytest.mark.parametrize("size", [0, 200], ids=["demo", "200"])
def test_cliexp002_no_cpr_unless_asked_and_redacted_has_no_names(
    cli: Cli, tmp_path: Path, size: int
) -> None:
    network_map = demo_map(None) if size == 0 else big_map(size)
    map_id = _import(cli, tmp_path, network_map)
    cli.ok("consent", map_id, "--given-on", date.today().isoformat(), "--by", "KP Test")
    texts: dict[str, str] = {}
    for extra in ((), ("--redact",), ("--for-patient",)):
        texts.update(_outputs(cli, map_id, tmp_path, *extra))
    for where, text in texts.items():
        assert not re.search(CPR_RE, text), where
    redacted = {k: v for k, v in texts.items() if "--redact" in k}
    for where, raw in redacted.items():
        text = " ".join(raw.split())  # a PDF breaks lines where it likes
        for person in network_map.persons:
            for value in (person.name, person.phone, person.email):
                assert value is None or value not in text, (where, value)
        assert network_map.patient.name not in text
        assert "KP Test" not in text
    with_cpr = tmp_path / "with-cpr.fhir.json"
    cli.ok("export", map_id, "-o", with_cpr, "--include-cpr")
    assert re.search(CPR_RE, with_cpr.read_text(encoding="utf-8"))


def test_cliexp003_an_unshared_person_appears_only_by_role(
    cli: Cli, sofie: str, tmp_path: Path
) -> None:
    cli.ok("consent", sofie, "--given-on", date.today().isoformat())
    for fmt in TEXT_TEAM_FORMATS:
        cli.ok("export", sofie, "--format", fmt, "-o", tmp_path / f"t.{fmt}")
        text = " ".join(_text(tmp_path / f"t.{fmt}", fmt).split())
        # Mads Jensen (Lillebror) and Poul Jensen (Farfar) said no to the meetings.
        assert "Mads Jensen" not in text and "Lillebror" in text
        assert "Poul Jensen" not in text and "Farfar" in text
        assert "Birgitte" in text  # a picture may put her surname on the next line
        if fmt in ("csv", "fhir", "team-pack"):  # the map picture shows no phone numbers
            assert "Birgitte Møller" in text and "+45 97 64 30 00" in text


def test_cliexp004_export_log_after_three_exports_and_one_refused(
    cli: Cli, sofie: str, tmp_path: Path
) -> None:
    code, _, _ = cli("export", sofie, "--format", "csv", "-o", tmp_path / "a.csv")
    assert code != 0  # no consent yet
    cli.ok("consent", sofie, "--given-on", date.today().isoformat())
    cli.ok("export", sofie, "-o", tmp_path / "a.csv", "--to", "Jobcenter Aalborg", "--by", "KP")
    cli.ok("export", sofie, "--format", "fhir", "-o", tmp_path / "b.json", "--include-cpr")
    cli.ok("export", sofie, "--format", "json", "-o", tmp_path / "c.json", "--redact")
    log = json.loads(cli.ok("export-log", sofie, "--json"))
    assert [(e["format"], e["version"]) for e in log] == [("csv", 2), ("fhir", 2), ("json", 2)]
    assert log[0]["author"] == "KP" and log[0]["recipient"] == "Jobcenter Aalborg"
    assert log[1]["include_cpr"] is True and log[1]["recipient"] is None
    assert log[2]["redacted"] is True and log[2]["for_patient"] is False
    assert all(e["map_id"] == sofie for e in log)
    text = cli.ok("export-log", sofie[:8], "--lang", "en")
    assert "3" in text.splitlines()[0]
    assert "to Jobcenter Aalborg" in text and "with CPR number" in text
    # Erasing the map erases its log.
    cli.ok("delete", sofie, "--yes")
    with open_store(cli.db) as store:
        conn = store._connection()  # type: ignore[attr-defined]
        assert conn.execute("SELECT count(*) FROM export_log").fetchone()[0] == 0


def test_cliexp005_text_formats_to_stdout(cli: Cli, sofie: str, tmp_path: Path) -> None:
    cli.ok("consent", sofie, "--given-on", date.today().isoformat())
    code, out, err = cli("export", sofie, "--format", "csv", "-o", "-")
    assert code == 0, err
    assert out.startswith("\ufeffNavn;Rolle/relation;")
    assert "CSV" in err
    code, out, err = cli("export", sofie, "--format", "json", "-o", "-", "--redact")
    assert code == 0 and json.loads(out)["patient"]["name"] == "Patienten"


@pytest.mark.parametrize(
    ("args", "key_words"),
    [
        (["--format", "csv", "--redact", "--for-patient"], ["--redact", "--for-patient"]),
        (["--format", "png", "--redact", "--include-cpr"], ["--include-cpr"]),
        (["-o", "kort.txt"], ["--format", "kort.txt"]),
        (["-o", "-"], ["--format"]),
    ],
)
def test_cliexp006_bad_options_write_and_log_nothing(
    cli: Cli, sofie: str, tmp_path: Path, args: list[str], key_words: list[str]
) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.out")]
    code, out, err = cli("export", sofie, *args)
    assert code != 0 and out == ""
    for word in key_words:
        assert word in err
    assert list(tmp_path.glob("x.out")) == []
    assert json.loads(cli.ok("export-log", sofie, "--json")) == []
