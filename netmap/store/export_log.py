"""The ``export_log`` table: one row per export of a map (:mod:`netmap.export.log`).

Rows have a ``map_id`` (with a foreign key to ``maps``), so erasing a map
erases its log too. Rows are never changed: a trigger refuses updates.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from netmap.export.log import ExportRecord
from netmap.store.base import MapNotFound

__all__ = ["EXPORT_LOG_SCHEMA", "insert_export", "select_exports"]

EXPORT_LOG_SCHEMA = """
CREATE TABLE IF NOT EXISTS export_log (
    seq         INTEGER PRIMARY KEY,
    map_id      TEXT NOT NULL REFERENCES maps(map_id) ON DELETE CASCADE,
    exported_at TEXT NOT NULL,
    author      TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    format      TEXT NOT NULL,
    redacted    INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    for_patient INTEGER NOT NULL CHECK (for_patient IN (0, 1)),
    include_cpr INTEGER NOT NULL CHECK (include_cpr IN (0, 1)),
    recipient   TEXT
) STRICT;

CREATE INDEX IF NOT EXISTS export_log_map ON export_log (map_id, seq);

CREATE TRIGGER IF NOT EXISTS export_log_append_only BEFORE UPDATE ON export_log
BEGIN
    SELECT RAISE(ABORT, 'netmap: the export log is append-only');
END;
"""


def _require_map(conn: sqlite3.Connection, map_id: str) -> None:
    if conn.execute("SELECT 1 FROM maps WHERE map_id = ?", (map_id,)).fetchone() is None:
        raise MapNotFound(map_id)


def insert_export(conn: sqlite3.Connection, record: ExportRecord) -> None:
    """Add one row (inside the caller's transaction); ``MapNotFound`` without the map."""
    _require_map(conn, record.map_id)
    conn.execute(
        "INSERT INTO export_log (map_id, exported_at, author, version, format, redacted,"
        " for_patient, include_cpr, recipient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.map_id,
            record.exported_at.isoformat(),
            record.author,
            record.version,
            record.format,
            int(record.redacted),
            int(record.for_patient),
            int(record.include_cpr),
            record.recipient,
        ),
    )


def select_exports(conn: sqlite3.Connection, map_id: str) -> list[ExportRecord]:
    """The map's exports, oldest first; ``MapNotFound`` without the map."""
    _require_map(conn, map_id)
    rows = conn.execute(
        "SELECT map_id, exported_at, author, version, format, redacted, for_patient,"
        " include_cpr, recipient FROM export_log WHERE map_id = ? ORDER BY seq",
        (map_id,),
    ).fetchall()
    return [
        ExportRecord(
            map_id=row[0],
            exported_at=datetime.fromisoformat(row[1]),
            author=row[2],
            version=row[3],
            format=row[4],
            redacted=bool(row[5]),
            for_patient=bool(row[6]),
            include_cpr=bool(row[7]),
            recipient=row[8],
        )
        for row in rows
    ]
