"""``netmap analyse`` run as a real command on the example map and a stored map."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netmap.interchange import read_map
from netmap.store import open_store

REPO = Path(__file__).resolve().parents[2]
SOFIE = REPO / "netmap" / "demo" / "sofie.graphml"


def _run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "netmap", "analyse", *args]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO)


def test_clian001_json_for_the_example_map() -> None:
    done = _run(str(SOFIE), "--as-of", "2026-11-22", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"patient", "groups", "invite", "warnings", "overview", "measures"}
    assert report["patient"] == {"id": "p0", "name": "Sofie Jensen"}
    assert sorted(report["groups"]["team"]) == ["bostotte", "ips", "laege", "sr"]
    assert sorted(report["groups"]["ad_hoc"]) == ["chef", "laerer"]
    assert sorted(report["invite"]) == sorted(["p0", "sr", "ips", "laege", "bostotte", "mor"])
    assert report["invite"][0] == "p0"
    codes = {w["code"] for w in report["warnings"]}
    assert codes == {"no_coordinator_region", "team_member_unreachable"}
    # Danish by default.
    assert any("forløbskoordinator" in w["message"] for w in report["warnings"])
    assert report["measures"]["size"] == 14


def test_clian002_readable_report_in_english() -> None:
    done = _run(str(SOFIE), "--as-of", "2026-11-22", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Network map of Sofie Jensen – analysis as of Nov 22, 2026")
    assert "The team cannot reach Dr. Ole Krag" in done.stdout


def test_clian003_as_of_changes_the_consent_check() -> None:
    # Consent given 2026-03-01: valid through 2027-03-01, expired the day after.
    done = _run(str(SOFIE), "--as-of", "2027-03-02", "--json")
    codes = {w["code"] for w in json.loads(done.stdout)["warnings"]}
    assert "consent_expired" in codes


def test_clian004_bad_date_is_one_line_in_the_users_language() -> None:
    done = _run(str(SOFIE), "--as-of", "22/11/2026")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "ÅÅÅÅ-MM-DD" in lines[0] and "22/11/2026" in lines[0]
    assert "Traceback" not in done.stderr


def test_clian005_missing_file_is_one_line(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "nowhere.graphml"), "--lang", "en")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "nowhere.graphml" in done.stderr


def test_clian006_map_from_the_store_by_id(tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    store = open_store(db)
    try:
        stored = store.create(read_map(SOFIE), author="test")
    finally:
        store.close()
    done = _run(stored.map_id, "--as-of", "2026-11-22", "--json", db=db)
    assert done.returncode == 0, done.stderr
    assert sorted(json.loads(done.stdout)["groups"]["team"]) == ["bostotte", "ips", "laege", "sr"]

    # The start of the id is enough, as for the other commands.
    short = _run(stored.map_id[:4], "--as-of", "2026-11-22", "--json", db=db)
    assert short.returncode == 0, short.stderr
    assert json.loads(short.stdout)["patient"]["name"] == "Sofie Jensen"

    missing = _run("no-such-map", db=db)
    assert missing.returncode == 2
    assert "no-such-map" in missing.stderr


def test_clian007_a_map_id_without_a_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "maps.db"
    done = _run("no-such-map", db=db)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "no-such-map" in done.stderr
    assert not db.exists() and not db.parent.exists()
