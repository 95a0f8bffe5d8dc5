"""The map commands end to end: import, list, show, history, export, delete,
restore, backup; ``--lang``, ``--db`` and ``NETMAP_DB``.

Most tests run the CLI in-process through :func:`netmap.cli.main` (the same
entry point as ``python -m netmap``, with its one-line errors and exit codes);
the "done when" check of the issue runs in real subprocesses.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

from netmap.cli import main
from netmap.interchange import dump_json, load_json, read_map
from netmap.model import NetworkMap, Patient
from netmap.store import open_store

SOFIE_BYTES = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()
MAP_ID = re.compile(r"^[0-9a-f]{32}$")


class Cli:
    """Runs ``netmap ARGS`` in-process; returns (exit code, stdout, stderr)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["netmap", *map(str, args)])
        with pytest.raises(SystemExit) as info:
            main()
        out, err = self.capsys.readouterr()
        code = info.value.code
        return (code if isinstance(code, int) else 1), out, err

    def ok(self, *args: str | Path) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys)


@pytest.fixture
def sofie_file(tmp_path: Path) -> Path:
    path = tmp_path / "sofie.graphml"
    path.write_bytes(SOFIE_BYTES)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "maps.db"


def _import(cli: Cli, file: Path, db: Path, *extra: str) -> str:
    out = cli.ok("import", file, "--db", db, *extra)
    last = out.strip().splitlines()[-1]
    assert MAP_ID.match(last), out
    return last


def test_cli001_import_prints_the_id_alone_on_the_last_line(
    cli: Cli, sofie_file: Path, db: Path
) -> None:
    out = cli.ok("import", sofie_file, "--db", db)
    lines = out.strip().splitlines()
    assert MAP_ID.match(lines[-1])
    assert "Sofie Jensen" in lines[0] and "14 personer" in lines[0] and "10 streger" in lines[0]
    stored = open_store(db)
    try:
        assert stored.load(lines[-1]).map == read_map(sofie_file)
    finally:
        stored.close()


def test_cli002_list_shows_id_name_masked_cpr_changed_and_versions(
    cli: Cli, tmp_path: Path, db: Path
) -> None:
    with_cpr = tmp_path / "testa.json"
    m = NetworkMap(patient=Patient(id="p0", name="Testa Testesen", cpr="010203-1234"))
    with_cpr.write_text(dump_json(m, include_cpr=True), encoding="utf-8")
    map_id = _import(cli, with_cpr, db)
    out = cli.ok("list", "--db", db)
    header, row = out.strip().splitlines()
    assert header.split() == ["Id", "Patient", "CPR", "Sidst", "ændret", "Versioner"]
    assert row.startswith(map_id)
    assert "Testa Testesen" in row and "010203-xxxx" in row and "1234" not in row
    assert re.search(r"\d{2}\.\d{2}\.\d{4} \d{2}\.\d{2}\s+1$", row)
    english = cli.ok("list", "--db", db, "--lang", "en")
    assert "Last changed" in english and "Versions" in english


def test_cli003_show_masks_cpr_unless_asked(cli: Cli, tmp_path: Path, db: Path) -> None:
    path = tmp_path / "testa.json"
    m = NetworkMap(patient=Patient(id="p0", name="Testa Testesen", cpr="010203-1234"))
    path.write_text(dump_json(m, include_cpr=True), encoding="utf-8")
    map_id = _import(cli, path, db)
    shown = cli.ok("show", map_id, "--db", db)
    assert "Patient: Testa Testesen (CPR: 010203-xxxx)" in shown
    assert "1234" not in shown
    assert "010203-1234" in cli.ok("show", map_id, "--db", db, "--show-cpr")


def test_cli004_show_lists_persons_by_sector_and_ties(cli: Cli, sofie_file: Path, db: Path) -> None:
    map_id = _import(cli, sofie_file, db)
    shown = cli.ok("show", map_id[:8], "--db", db)
    assert "Personer (14):" in shown
    assert "Streger mellem personer (10):" in shown
    for sector in ("Familie:", "Slægt:", "Fritid / andre:", "Arbejde / skole:", "Fagpersoner:"):
        assert f"  {sector}" in shown
    sr_line = next(line for line in shown.splitlines() if "Birgitte Møller" in line)
    assert "Stafetholder, Mødeleder" in sr_line and "primær kontaktperson" in sr_line
    # The tie mor–bror, its ends in Danish name order (Lene < Mads).
    assert "  - Lene Jensen – Mads Jensen" in shown
    english = cli.ok("show", map_id, "--db", db, "--lang", "en")
    assert "Persons (14):" in english and "Professionals:" in english


def test_cli005_export_graphml_is_read_by_networkx_with_same_persons_and_ties(
    cli: Cli, sofie_file: Path, db: Path, tmp_path: Path
) -> None:
    map_id = _import(cli, sofie_file, db)
    target = tmp_path / "ud.graphml"
    out = cli.ok("export", map_id, "--format", "graphml", "-o", target, "--db", db)
    assert str(target) in out
    exported = nx.read_graphml(target)
    original = nx.read_graphml(io.BytesIO(SOFIE_BYTES))
    assert dict(exported.nodes(data=True)) == dict(original.nodes(data=True))
    assert {frozenset(e) for e in exported.edges} == {frozenset(e) for e in original.edges}


def test_cli006_export_json_round_trips_and_cpr_only_when_asked(
    cli: Cli, tmp_path: Path, db: Path
) -> None:
    path = tmp_path / "testa.json"
    m = NetworkMap(patient=Patient(id="p0", name="Testa Testesen", cpr="010203-1234"))
    path.write_text(dump_json(m, include_cpr=True), encoding="utf-8")
    map_id = _import(cli, path, db)
    plain, full = tmp_path / "plain.json", tmp_path / "full.json"
    cli.ok("export", map_id, "-o", plain, "--db", db)  # format from the suffix
    out = cli.ok("export", map_id, "--format", "json", "-o", full, "--include-cpr", "--db", db)
    assert "CPR" in out
    assert "1234" not in plain.read_text(encoding="utf-8")
    assert load_json(full.read_bytes()) == m
    code, _, err = cli("export", map_id, "-o", tmp_path / "kort.txt", "--db", db)
    assert code == 2 and "--format" in err


def test_cli007_history_restore_and_export_of_an_old_version(
    cli: Cli, sofie_file: Path, db: Path, tmp_path: Path
) -> None:
    map_id = _import(cli, sofie_file, db, "--author", "Kontaktperson Test")
    original = read_map(sofie_file)
    store = open_store(db)
    try:
        # Without the teacher, who has no ties.
        persons = [p for p in original.persons if p.id != "laerer"]
        changed = original.model_copy(update={"persons": persons})
        store.save(map_id, changed, base_version=1, author=f"app:{'0123abcd' * 4}")
    finally:
        store.close()
    history = cli.ok("history", map_id, "--db", db).strip().splitlines()
    assert len(history) == 3  # header and two versions
    assert history[1].startswith("  Version 1 · ") and "Kontaktperson Test" in history[1]
    assert "Importeret fra sofie.graphml" in history[1]
    # Saved in the app: the tab is named by the start of its id, not 32 digits.
    assert history[2].startswith("  Version 2 · ") and " · app (fane 0123abcd) · " in history[2]
    out = cli.ok("restore", map_id, "1", "--db", db)
    assert "Version 1 er gendannet som ny version 3." in out
    old = tmp_path / "v1.json"
    cli.ok("export", map_id, "--version", "1", "-o", old, "--db", db)
    assert read_map(old) == original
    latest = tmp_path / "v3.json"
    cli.ok("export", map_id, "-o", latest, "--db", db)
    assert read_map(latest) == original
    again = cli.ok("restore", map_id, "3", "--db", db, "--lang", "en")
    assert "nothing changed" in again
    assert len(cli.ok("history", map_id, "--db", db).strip().splitlines()) == 4


def test_cli008_delete_needs_confirmation(
    cli: Cli, sofie_file: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_id = _import(cli, sofie_file, db)
    # No terminal and no --yes: refused, one line, map kept.
    code, out, err = cli("delete", map_id, "--db", db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "--yes" in err and "alle versioner" in err
    assert map_id in cli.ok("list", "--db", db)
    # A person at a terminal says no, then yes.
    monkeypatch.setattr("netmap.cli.maps.interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    code, out, _ = cli("delete", map_id, "--db", db)
    assert code == 1 and "og dets ene version for altid" in out and "Intet er slettet." in out
    assert map_id in cli.ok("list", "--db", db)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    out = cli.ok("delete", map_id, "--db", db)
    assert "er slettet" in out
    assert map_id not in cli.ok("list", "--db", db)
    code, _, err = cli("show", map_id, "--db", db)
    assert code == 2 and f"Der findes intet kort med id {map_id}." in err


def test_cli009_delete_yes_and_english(cli: Cli, sofie_file: Path, db: Path) -> None:
    map_id = _import(cli, sofie_file, db)
    out = cli.ok("delete", map_id, "--yes", "--db", db, "--lang", "en")
    assert out.strip() == f"The map of Sofie Jensen ({map_id}) is deleted with its one version."
    code, _, err = cli("history", map_id, "--db", db, "--lang", "en")
    assert code == 2 and err.startswith("Error: ")


def test_cli010_netmap_db_environment_and_db_option(
    cli: Cli, sofie_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = tmp_path / "env" / "maps.db"
    from_option = tmp_path / "opt" / "maps.db"
    monkeypatch.setenv("NETMAP_DB", str(from_env))
    map_id = _import_no_db(cli, sofie_file)
    assert from_env.exists()
    assert map_id in cli.ok("list")
    assert "Der er ingen kort" in cli.ok("list", "--db", from_option)
    assert not from_option.exists()  # listing creates no database


def _import_no_db(cli: Cli, file: Path) -> str:
    last = cli.ok("import", file).strip().splitlines()[-1]
    assert MAP_ID.match(last)
    return last


def test_cli011_map_named_by_a_unique_prefix(cli: Cli, sofie_file: Path, db: Path) -> None:
    first = _import(cli, sofie_file, db)
    assert "Sofie Jensen" in cli.ok("show", first[:10], "--db", db)
    # Ids are hex: among 17 maps two start with the same character.
    ids = [first]
    while len({i[0] for i in ids}) == len(ids):
        ids.append(_import(cli, sofie_file, db))
    starts = [i[0] for i in ids]
    shared = next(c for c in starts if starts.count(c) > 1)
    code, _, err = cli("show", shared, "--db", db)
    assert code == 2
    assert f"{starts.count(shared)} kort har et id, der begynder med {shared}" in err


def test_cli012_backup_holds_every_map(
    cli: Cli, sofie_file: Path, db: Path, tmp_path: Path
) -> None:
    map_id = _import(cli, sofie_file, db)
    copy = tmp_path / "kopi.db"
    assert "1 kort" in cli.ok("backup", copy, "--db", db)
    restored = open_store(copy)
    try:
        assert restored.load(map_id).map == read_map(sofie_file)
    finally:
        restored.close()
    code, _, err = cli("backup", copy, "--db", db)
    assert code == 2 and "findes allerede" in err
    cli.ok("backup", copy, "--overwrite", "--db", db)
    code, _, err = cli("backup", tmp_path / "x.db", "--db", tmp_path / "ingen.db")
    assert code == 2 and "ingen database" in err


def test_cli013_bad_author_refused_before_the_store_is_opened(
    cli: Cli, sofie_file: Path, db: Path
) -> None:
    code, _, err = cli("import", sofie_file, "--db", db, "--author", "   ")
    assert code == 2 and "Hvem der gemmer" in err
    assert not db.exists()


def test_cli014_done_when_import_then_export_in_real_processes(
    sofie_file: Path, db: Path, tmp_path: Path
) -> None:
    def netmap(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "netmap", *map(str, args), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    map_id = netmap("import", sofie_file).stdout.strip().splitlines()[-1]
    assert MAP_ID.match(map_id)
    target = tmp_path / "sofie-ud.graphml"
    netmap("export", map_id, "--format", "graphml", "-o", target)
    exported = nx.read_graphml(target)
    original = nx.read_graphml(sofie_file)
    assert dict(exported.nodes(data=True)) == dict(original.nodes(data=True))
    assert {frozenset(e) for e in exported.edges} == {frozenset(e) for e in original.edges}
    assert exported.graph == original.graph
