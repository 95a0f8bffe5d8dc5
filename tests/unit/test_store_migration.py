"""Opening a schema-1 database (every version a whole map JSON) migrates it to
shared parts, and every version loads byte for byte as it was written.

``tests/fixtures/store_v1.db`` was written by the store of commit 88f04c2
(``tests/fixtures/make_store_v1.py``); the other cases build a schema-1 file
from the SQL of that time, kept here. Fictional data only.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netmap.changes import ChangeSummary
from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore, StoreCorrupt, StoreError
from netmap.store import schema as schema_module
from netmap.store.sqlite import APPLICATION_ID, SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store_v1.db"

#: The tables of schema 1, as ``netmap/store/sqlite.py`` created them until schema 2.
SCHEMA_V1 = """
CREATE TABLE maps (
    map_id     TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE versions (
    seq           INTEGER PRIMARY KEY,
    map_id        TEXT NOT NULL REFERENCES maps(map_id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    saved_at      TEXT NOT NULL,
    author        TEXT NOT NULL,
    based_on      INTEGER,
    restored_from INTEGER,
    note          TEXT,
    changes_json  TEXT NOT NULL,
    patient_name  TEXT NOT NULL,
    masked_cpr    TEXT NOT NULL,
    map_json      TEXT NOT NULL,
    UNIQUE (map_id, version)
) STRICT;
CREATE TRIGGER versions_append_only BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'netmap: versions are append-only');
END;
"""

_V1_COLUMNS = (
    "map_id, version, saved_at, author, based_on, restored_from, note, changes_json,"
    " patient_name, masked_cpr, map_json"
)


def old_rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(f"SELECT seq, {_V1_COLUMNS} FROM versions ORDER BY seq").fetchall()


def test_mig001_a_database_written_by_the_old_code_keeps_every_version_byte_for_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "maps.db"
    shutil.copy(FIXTURE, path)
    before = old_rows(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        old_list = raw.execute("SELECT map_id, created_at FROM maps ORDER BY map_id").fetchall()
    assert len(before) == 12 and len({row[1] for row in before}) == 2
    with SqliteStore(path) as store:
        for _seq, map_id, version, *_rest, map_json in before:
            # The text as written, byte for byte, and the map it reads as today
            # (the map format has moved on since: schema_version 2, meetings).
            assert store.stored_json(map_id, version) == map_json
            loaded = store.load(map_id, version).map
            assert loaded == NetworkMap.model_validate_json(map_json)
        for map_id in {row[1] for row in before}:
            history = store.history(map_id)
            old = [row for row in before if row[1] == map_id]
            assert [
                (v.version, v.saved_at.isoformat(), v.author, v.based_on, v.restored_from, v.note)
                for v in history
            ] == [row[2:8] for row in old]
            assert [v.changes for v in history] == [
                ChangeSummary.model_validate_json(row[8]) for row in old
            ]
            kept = store._connection().execute(
                "SELECT changes_json FROM versions WHERE map_id = ? ORDER BY version", (map_id,)
            )
            assert [row[0] for row in kept] == [row[8] for row in old]  # byte for byte
        summaries = {s.map_id: s for s in store.list_maps()}
        assert sorted((m, c) for m, c in old_list) == sorted(
            (s.map_id, s.created_at.isoformat()) for s in summaries.values()
        )
        # The newest map in the fixture's save order is listed first, as before.
        assert next(iter(summaries)) == before[-1][1]
        conn = store._connection()
        assert (
            conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        )  # 3 added the export log
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "versions_v1" not in names
        assert {"versions_append_only", "parts_append_only", "erasure_pending"} <= names
        # Every old text was cut into parts; none had to be kept whole.
        assert conn.execute("SELECT count(*) FROM versions WHERE map_json IS NULL").fetchone()[
            0
        ] == len(before)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The old rows' space is given back (VACUUM after the migration).
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        assert pages * conn.execute("PRAGMA page_size").fetchone()[0] < FIXTURE.stat().st_size
        # The migrated map goes on as any other.
        latest = store.load(before[0][1])
        moved = latest.map.detached()
        moved.persons = [*moved.persons, Person(id="z", name="Zara", sector="kin", distance=0.5)]
        saved = store.save(latest.map_id, moved, base_version=latest.version, author="K")
        assert saved.version == latest.version + 1
        assert store.load(latest.map_id).map == moved


def _schema_1_database(path: Path, texts: list[str]) -> str:
    """A schema-1 file with one map whose versions are ``texts`` (as stored, unchecked)."""
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("PRAGMA journal_mode = WAL")
        for statement in SCHEMA_V1.split(";\nCREATE"):
            raw.execute(statement if statement.startswith("\n") else f"CREATE{statement}")
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute("PRAGMA user_version = 1")
        raw.execute("INSERT INTO maps VALUES ('m1', '2026-01-01T00:00:00+00:00')")
        for version, text in enumerate(texts, start=1):
            raw.execute(
                f"INSERT INTO versions ({_V1_COLUMNS}) VALUES"
                " ('m1', ?, '2026-01-02T00:00:00+00:00', 'hånd', ?, NULL, NULL, '{}', 'X', '', ?)",
                (version, version - 1 or None, text),
            )
    finally:
        raw.close()
    return "m1"


def _good(name: str = "Testa Testesen") -> str:
    network_map = NetworkMap(
        patient=Patient(name=name),
        persons=[Person(id="a", name="Anna Fiktiv", sector="kin", distance=0.5)],
    )
    return network_map.model_dump_json(exclude_none=True)


def test_mig002_texts_that_do_not_cut_are_kept_whole_and_damage_stays_visible(
    tmp_path: Path,
) -> None:
    path = tmp_path / "maps.db"
    pretty = NetworkMap.model_validate_json(_good()).model_dump_json(indent=2)
    texts = [_good(), pretty, "{ikke json", _good("Ny Testesen")]
    map_id = _schema_1_database(path, texts)
    with SqliteStore(path) as store:
        for version, text in enumerate(texts, start=1):
            assert store.stored_json(map_id, version) == text
        assert store.load(map_id, 2).map == NetworkMap.model_validate_json(pretty)
        with pytest.raises(StoreCorrupt) as info:
            store.load(map_id, 3)
        assert info.value.version == 3
        assert store.load(map_id).map.patient.name == "Ny Testesen"
        # Restoring a version kept whole keeps it whole, byte for byte.
        restored = store.restore(map_id, 2, author="K")
        assert store.stored_json(map_id, restored.version) == pretty
        kept = store._connection().execute(
            "SELECT version FROM versions WHERE map_json IS NOT NULL ORDER BY version"
        )
        assert [row[0] for row in kept] == [2, 3, 5]


def test_mig003_a_migration_that_fails_leaves_the_old_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "maps.db"
    map_id = _schema_1_database(path, [_good(), _good("To Testesen"), _good("Tre Testesen")])
    before = old_rows(path)
    calls = {"n": 0}
    real_split = schema_module.split

    def failing_split(text: str) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real_split(text)

    monkeypatch.setattr(schema_module, "split", failing_split)
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert info.value.key == "store.cannot_open"
    assert old_rows(path) == before
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    monkeypatch.setattr(schema_module, "split", real_split)
    with SqliteStore(path) as store:
        assert store.load(map_id).map.patient.name == "Tre Testesen"


def test_mig004_the_append_only_guarantee_holds_after_migration(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    shutil.copy(FIXTURE, path)
    SqliteStore(path).close()
    raw = sqlite3.connect(path)
    try:
        for table, column in (("versions", "author"), ("parts", "json")):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(f"UPDATE {table} SET {column} = 'X'")
    finally:
        raw.close()
