"""The export log in the store: rows per map, kept in order, erased with the map."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netmap.export.log import ExportRecord
from netmap.model import NetworkMap, Patient
from netmap.store import MapNotFound, SqliteStore


def _record(map_id: str, fmt: str = "csv", **kw: object) -> ExportRecord:
    return ExportRecord.model_validate(
        {
            "map_id": map_id,
            "exported_at": datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
            "author": "kp",
            "version": 1,
            "format": fmt,
            **kw,
        }
    )


def test_elog001_rows_in_order_per_map_and_erased_with_it(store: SqliteStore) -> None:
    a = store.create(NetworkMap(patient=Patient(name="Testa A")), author="kp").map_id
    b = store.create(NetworkMap(patient=Patient(name="Testa B")), author="kp").map_id
    store.record_export(_record(a, "csv", recipient="Jobcenter"))
    store.record_export(_record(b, "fhir"))
    store.record_export(_record(a, "json", redacted=True))
    assert [(r.format, r.recipient, r.redacted) for r in store.export_log(a)] == [
        ("csv", "Jobcenter", False),
        ("json", None, True),
    ]
    assert store.export_log(b)[0] == _record(b, "fhir")
    store.delete(a)
    with pytest.raises(MapNotFound):
        store.export_log(a)
    with pytest.raises(MapNotFound):
        store.record_export(_record(a))
    assert len(store.export_log(b)) == 1
    raw = sqlite3.connect(store.path)
    assert raw.execute("SELECT count(*) FROM export_log WHERE map_id = ?", (a,)).fetchone() == (0,)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("UPDATE export_log SET author = 'x'")
    raw.close()


def test_elog002_a_database_of_schema_2_gets_the_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as store:
        map_id = store.create(NetworkMap(patient=Patient(name="Testa")), author="kp").map_id
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE export_log")
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    with SqliteStore(path) as store:
        assert store.export_log(map_id) == []
        store.record_export(_record(map_id))
        assert len(store.export_log(map_id)) == 1
