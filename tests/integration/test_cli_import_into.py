"""``netmap import FILE --into MAP`` and ``netmap diff`` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from cli_support import MAP_ID, SOFIE_BYTES, Cli

from netmap.interchange import dump_json, read_map
from netmap.model import NetworkMap, Patient
from netmap.store import open_store


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    return Cli(monkeypatch, capsys)


@pytest.fixture
def sofie_file(tmp_path: Path) -> Path:
    path = tmp_path / "sofie.graphml"
    path.write_bytes(SOFIE_BYTES)
    return path


def _updated_by_another_tool(source: Path, target: Path) -> None:
    """What Gephi or Network Canvas would hand back: Mor moved out, a new friend, one answer."""
    graph = nx.read_graphml(source)
    graph.nodes["mor"]["distance"] = 0.5
    graph.nodes["anna"]["attends_meetings"] = "yes"
    graph.add_node("kim", kind="person", name="Kim Vest", sector="leisure", distance=0.4)
    graph.add_edge("kim", "anna")
    for key in ("consent_given_on", "map_date"):
        graph.graph.pop(key, None)  # another tool knows nothing of these
    nx.write_graphml(graph, target)


def test_imp001_import_into_saves_a_version_and_diff_shows_exactly_the_change(
    cli: Cli, sofie_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "maps.db"
    map_id = cli.imported(sofie_file, db)
    cli.ok("meeting", "add", map_id, "--db", db, "--date", "2026-12-10", "--kind", "first_meeting")
    cli.ok("meeting", "ready", map_id, "m1", "--db", db)  # version 3 marks version 2
    updated = tmp_path / "fra-gephi.graphml"
    _updated_by_another_tool(sofie_file, updated)
    out = cli.ok("import", updated, "--into", map_id[:8], "--db", db)
    assert "gemt som version 4 af kortet for Sofie Jensen" in out
    assert "1 person tilføjet (Kim Vest)" in out
    assert len(cli.ok("list", "--db", db).strip().splitlines()) == 2  # still one map
    report = json.loads(cli.ok("diff", map_id, "--db", db, "--json"))
    assert (report["from"], report["to"]) == (2, 4)
    assert report["persons_added"] == ["kim"]
    assert report["persons_removed"] == []
    assert report["moved"] == [
        {"id": "mor", "from_distance": 0.2, "to_distance": 0.5,
         "from_band": "close", "to_band": "middle"}
    ]  # fmt: skip
    assert report["answers_changed"] == [
        {"id": "anna", "question": "attends_meetings", "from": "undecided", "to": "yes"}
    ]
    assert report["ties_added"] == [["anna", "kim"]] and report["ties_removed"] == []
    assert report["private_joined"] == ["kim"]
    assert report["sector_changed"] == report["details_changed"] == []
    store = open_store(db)
    try:
        latest = store.load(map_id).map
    finally:
        store.close()
    # What the file could not say is kept: the consent, the map's date, the meeting.
    original = read_map(sofie_file)
    assert latest.consent_given_on == original.consent_given_on
    assert latest.map_date == original.map_date
    assert [m.id for m in latest.meetings] == ["m1"]
    text = cli.ok("diff", map_id, "--db", db)
    assert "siden det blev gjort klar til mødet 10.12.2026 (version 2 til version 4)" in text
    assert "Nye på kortet: Kim Vest" in text
    assert "Rykket længere væk: Lene Jensen (tæt på → midt imellem)" in text
    again = cli.ok("import", updated, "--into", map_id, "--db", db)
    assert "Intet er gemt" in again


def test_imp002_a_file_for_another_patient_is_refused_unless_yes(
    cli: Cli, sofie_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "maps.db"
    map_id = cli.imported(sofie_file, db)
    other = tmp_path / "anden.json"
    other.write_text(
        dump_json(NetworkMap(patient=Patient(name="Testa Testesen", cpr="010203-1234")),
                  include_cpr=True),
        encoding="utf-8",
    )  # fmt: skip
    err = cli.fails("import", other, "--into", map_id, "--db", db)
    assert "handler om Testa Testesen (010203-xxxx), men kortet er for Sofie Jensen" in err
    assert "--yes" in err and "1234" not in err
    store = open_store(db)
    try:
        assert len(store.history(map_id)) == 1
    finally:
        store.close()
    out = cli.ok("import", other, "--into", map_id, "--yes", "--db", db)
    assert "version 2" in out
    err = cli.fails("import", other, "--into", "ffff", "--db", db)
    assert "ffff" in err


def test_imp003_import_into_and_diff_in_real_processes(sofie_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "maps.db"

    def netmap(*args: str | Path) -> str:
        return subprocess.run(
            [sys.executable, "-m", "netmap", *map(str, args), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout

    map_id = netmap("import", sofie_file).strip().splitlines()[-1]
    assert MAP_ID.match(map_id)
    updated = tmp_path / "opdateret.graphml"
    _updated_by_another_tool(sofie_file, updated)
    netmap("import", updated, "--into", map_id)
    report = json.loads(netmap("diff", map_id, "--json"))
    assert (report["from"], report["to"]) == (1, 2)  # no meeting prepared: from the first
    assert report["persons_added"] == ["kim"]
    assert [m["id"] for m in report["moved"]] == ["mor"]
    back = json.loads(netmap("diff", map_id, "--from", "2", "--to", "1", "--json"))
    assert back["persons_removed"] == ["kim"] and back["ties_removed"] == [["anna", "kim"]]
