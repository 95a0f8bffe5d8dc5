"""Erasure is honest: a deleted map leaves no trace in the database, ``-wal`` or
``-shm`` files — or the store says it could not finish yet, and finishes later.

Another program holding a read transaction (a second ``sqlite3`` connection,
here in the same process and in another one) pins the WAL's old pages. The
bytes of the three files are searched for the patient's name, the persons'
names, the CPR number and the phone numbers, as they were stored. Fictional
data only.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from netmap.cli import main
from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import SqliteStore, open_store
from tests.app_client import app_client
from tests.revise import revise_person

#: Short waits: a reader that is there stays there for the whole test.
WAIT_S = 0.2


def secret_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Hemmelig Slettesen", cpr="050607-2468"),
        persons=[
            Person(
                id="a",
                name="Fortrolig Ambrosius",
                sector="professional",
                distance=0.4,
                care_sector="region",
                phone="+45 31 41 59 26",
            ),
            Person(id="b", name="Diskret Balthasar", sector="family", distance=0.2),
        ],
        ties=[Tie(a="a", b="b")],
    )


def kept_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Bliver Beholdsen"),
        persons=[Person(id="m", name="Mor Beholdsen", sector="family", distance=0.3)],
    )


def secrets_of(store: SqliteStore, map_id: str) -> list[bytes]:
    """The names, CPR and phone numbers exactly as the store wrote them."""
    stored = json.loads(store.stored_json(map_id, store.load(map_id).version))
    values = [stored["patient"]["name"], stored["patient"]["cpr"]]
    for person in stored["persons"]:
        values.append(person["name"])
        if "phone" in person:
            values.append(person["phone"])
    assert len(values) == 5
    return [value.encode() for value in values]


def traces(db: Path, secrets: list[bytes]) -> list[tuple[str, bytes]]:
    """Which secrets are in which of the database's three files."""
    found = []
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db}{suffix}")
        raw = path.read_bytes() if path.exists() else b""
        found += [(suffix or "db", secret) for secret in secrets if secret in raw]
    return found


def fill(store: SqliteStore) -> tuple[str, str, list[bytes]]:
    """A map to keep and a map (with a few versions) to erase, and its secrets."""
    kept = store.create(kept_map(), author="K").map_id
    gone = store.create(secret_map(), author="K")
    current = gone
    for step in range(3):
        moved = current.map.detached()
        revise_person(moved, "a", distance=0.5 + step / 10)
        current = store.save(gone.map_id, moved, base_version=current.version, author="K")
    return kept, gone.map_id, secrets_of(store, gone.map_id)


@contextmanager
def reader_in_this_process(db: Path) -> Iterator[sqlite3.Connection]:
    """A second connection holding a read transaction (its snapshot pins the WAL)."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM versions").fetchone()
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


READER_SRC = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM versions").fetchone()
print("reading", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


@contextmanager
def reader_in_another_process(db: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", READER_SRC, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "reading"
        yield proc
    finally:
        release(proc)


def release(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        assert proc.stdin is not None
        proc.stdin.write("done\n")
        proc.stdin.flush()
        proc.wait(timeout=20)


def test_era001_no_reader_erased_at_once_and_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    with SqliteStore(db, erasure_wait=WAIT_S) as store:
        kept, gone, secrets = fill(store)
        assert traces(db, secrets)  # the search finds them while they are there
        erasure = store.delete(gone)
        assert erasure.complete and erasure.reason is None and erasure.files == []
        assert traces(db, secrets) == []
        assert not store.erasure_pending()
        assert store.load(kept).map == kept_map()


def test_era002_reader_in_this_process_pending_then_finished_by_the_next_save(
    tmp_path: Path,
) -> None:
    db = tmp_path / "maps.db"
    with SqliteStore(db, erasure_wait=WAIT_S) as store:
        kept, gone, secrets = fill(store)
        with reader_in_this_process(db) as reader:
            erasure = store.delete(gone)
            # Not told "deleted": the names are still on disk, and it says why.
            assert not erasure.complete
            assert erasure.reason == "in_use"
            assert str(db) in erasure.files and f"{db}-wal" in erasure.files
            assert traces(db, secrets)
            assert store.erasure_pending()
            # The map itself is gone from netmap at once.
            assert [m.map_id for m in store.list_maps()] == [kept]
            # Saves while the reader stays: still pending, never a false "done".
            latest = store.load(kept)
            moved = latest.map.detached()
            revise_person(moved, "m", distance=0.6)
            store.save(kept, moved, base_version=latest.version, author="K")
            assert store.erasure_pending()
            assert reader.in_transaction
        # The reader is gone: the next save is the next chance, and takes it.
        latest = store.load(kept)
        moved = latest.map.detached()
        revise_person(moved, "m", distance=0.7)
        store.save(kept, moved, base_version=latest.version, author="K")
        assert not store.erasure_pending()
        assert traces(db, secrets) == []
        assert store.load(kept).version == 3


def test_era003_reader_in_another_process_finished_at_the_next_open(tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    store = SqliteStore(db, erasure_wait=WAIT_S)
    kept, gone, secrets = fill(store)
    with reader_in_another_process(db) as reader:
        erasure = store.delete(gone)
        assert not erasure.complete and erasure.reason == "in_use"
        store.close()  # a chance too, but the reader is still there
        assert store.erasure_pending()
        assert traces(db, secrets)
        release(reader)
        # Another store (as another netmap would) finishes it when it opens.
        with SqliteStore(db, erasure_wait=WAIT_S) as later:
            assert not later.erasure_pending()
            assert traces(db, secrets) == []
            assert later.load(kept).map == kept_map()
            raw = later._connection().execute("SELECT count(*) FROM erasure_pending")
            assert raw.fetchone()[0] == 0


def test_era004_close_is_a_chance_too(tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    store = SqliteStore(db, erasure_wait=WAIT_S)
    _kept, gone, secrets = fill(store)
    with reader_in_this_process(db):
        assert not store.delete(gone).complete
    store.close()
    assert not store.erasure_pending()
    assert traces(db, secrets) == []


def test_era005_every_table_with_a_map_id_is_erased(tmp_path: Path) -> None:
    # A per-map table added later (an export log, say) needs nothing but a map_id column.
    db = tmp_path / "maps.db"
    with SqliteStore(db, erasure_wait=WAIT_S) as store:
        kept, gone, secrets = fill(store)
        conn = store._connection()
        conn.execute("CREATE TABLE later_log (map_id TEXT NOT NULL, note TEXT) STRICT")
        conn.execute(
            "INSERT INTO later_log VALUES (?, 'Sendt til Fortrolig Ambrosius'), (?, 'beholdt')",
            (gone, kept),
        )
        assert store.delete(gone).complete
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if any(c[1] == "map_id" for c in conn.execute(f"PRAGMA table_info({row[0]})"))
        ]
        assert {"maps", "versions", "parts", "export_log", "later_log"} <= set(tables)
        for table in tables:
            left = conn.execute(f"SELECT count(*) FROM {table} WHERE map_id = ?", (gone,))
            assert left.fetchone()[0] == 0, table
        assert conn.execute("SELECT note FROM later_log").fetchall() == [("beholdt",)]
        assert traces(db, secrets) == []


class Cli:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self.monkeypatch, self.capsys = monkeypatch, capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["netmap", *map(str, args)])
        with pytest.raises(SystemExit) as info:
            main()
        out, err = self.capsys.readouterr()
        code = info.value.code
        return (code if isinstance(code, int) else 1), out, err


def test_era006_cli_delete_says_it_is_not_finished_and_a_later_command_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    monkeypatch.setattr("netmap.store.sqlite.ERASURE_WAIT_S", WAIT_S)
    cli = Cli(monkeypatch, capsys)
    db = tmp_path / "maps.db"
    with SqliteStore(db) as store:
        _kept, gone, secrets = fill(store)
    with reader_in_another_process(db) as reader:
        code, out, err = cli("delete", gone, "--yes", "--db", db)
        assert code == 75, err
        assert "ikke slettet helt" in out and "et andet program har databasen åben" in out
        assert "er slettet med" not in out
        assert f"{db}-wal" in out
        assert traces(db, secrets)
        # Every command that opens the database says so while it lasts.
        code, out, err = cli("list", "--db", db, "--lang", "en")
        assert code == 0
        assert "erasure is not quite finished" in err and str(db) in err
        release(reader)
        code, out, err = cli("list", "--db", db)
        assert code == 0 and err == ""
    assert traces(db, secrets) == []


def test_era007_cli_delete_without_a_reader_says_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NETMAP_DB", raising=False)
    cli = Cli(monkeypatch, capsys)
    db = tmp_path / "maps.db"
    with SqliteStore(db) as store:
        _kept, gone, secrets = fill(store)
    code, out, _err = cli("delete", gone, "--yes", "--db", db, "--lang", "en")
    assert code == 0
    assert out.strip() == f"The map of Hemmelig Slettesen ({gone}) is deleted with all 4 versions."
    assert traces(db, secrets) == []


def _confirm_delete_body(client: Any, map_id: str) -> dict[str, Any]:
    for dep in client.get("/_dash-dependencies").get_json():
        ids = [i["id"] for i in dep["inputs"]]
        if any("confirm-delete" in str(i) for i in ids):
            break
    else:
        raise AssertionError("no delete callback")
    inputs: list[Any] = []
    for spec in dep["inputs"]:
        kind = json.loads(spec["id"])["type"]
        clicks = 1 if kind == "confirm-delete" else None
        inputs.append(
            [{"id": {"map": map_id, "type": kind}, "property": "n_clicks", "value": clicks}]
        )
    trigger = json.dumps({"map": map_id, "type": "confirm-delete"}, separators=(",", ":"))
    return {
        "output": dep["output"],
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
            for part in dep["output"].strip(".").split("...")
        ],
        "inputs": inputs,
        "changedPropIds": [f"{trigger}.n_clicks"],
        "state": [{"id": s["id"], "property": s["property"], "value": "da"} for s in dep["state"]],
    }


def test_era008_the_apps_slet_ja_says_not_finished_while_a_reader_holds_on(
    tmp_path: Path,
) -> None:
    from netmap.app import create_app

    db = tmp_path / "maps.db"
    store = SqliteStore(db, erasure_wait=WAIT_S)
    try:
        kept, gone, secrets = fill(store)
        client = app_client(create_app(store))
        with reader_in_this_process(db):
            response = client.post(
                "/_dash-update-component",
                data=json.dumps(_confirm_delete_body(client, gone)),
                content_type="application/json",
            )
            assert response.status_code == 200
            text = response.get_data(as_text=True)
            assert "ikke slettet helt endnu" in text
            assert "er slettet." not in text
        response = client.post(
            "/_dash-update-component",
            data=json.dumps(_confirm_delete_body(client, kept)),
            content_type="application/json",
        )
        assert "Kortet for Bliver Beholdsen er slettet." in response.get_data(as_text=True)
        assert traces(db, secrets) == []
    finally:
        store.close()


def test_era009_open_store_and_a_migrated_map_erase_the_same_way(tmp_path: Path) -> None:
    db = tmp_path / "maps.db"
    store = open_store(db)
    try:
        assert isinstance(store, SqliteStore)
        _kept, gone, secrets = fill(store)
        assert store.delete(gone).complete
        assert traces(db, secrets) == []
    finally:
        store.close()


def test_era010_the_apps_slet_ja_leaves_nothing_of_the_map_in_its_caches(
    tmp_path: Path,
) -> None:
    """The history page keeps briefs (names in the change summaries) in memory: gone too."""
    from netmap.app import create_app
    from netmap.app.history.data import load_history, timeline_cache_of

    with SqliteStore(tmp_path / "maps.db") as store:
        kept, gone, _secrets = fill(store)
        app = create_app(store)
        cache = timeline_cache_of(app)
        for map_id in (kept, gone):
            load_history(store, map_id, cache)
        client = app_client(app)
        response = client.post(
            "/_dash-update-component",
            data=json.dumps(_confirm_delete_body(client, gone)),
            content_type="application/json",
        )
        assert "er slettet." in response.get_data(as_text=True)
        assert list(cache._maps) == [kept]
