"""The store's tables, and the steps that bring an older database up to date.

Schema 3 adds the export log (one row per export of a map). Schema 2 keeps
each map's persons, ties, head and tail once as *parts*
(:mod:`netmap.store.parts`); a version row lists their ids. Schema 1 kept the
whole map's JSON in every version; :func:`migrate_1_to_2` cuts those texts
into parts on open, and a text that does not cut exactly stays whole in
``versions.map_json`` so every version loads byte for byte as it was written.

Adding a table: put its ``CREATE TABLE`` in a constant of its own, join it to
``_TABLES`` (new databases get it at once) and add a step that creates it to
``MIGRATIONS`` (existing ones), bumping ``SCHEMA_VERSION``. A step's SQL never
changes once released. **A table with rows about one map needs a ``map_id``
column**: erasure deletes the map's rows from every table that has one
(:mod:`netmap.store.erasure`), so nothing else is needed for it to be erased.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from netmap.store.export_log import EXPORT_LOG_SCHEMA
from netmap.store.part_rows import add_parts
from netmap.store.parts import split

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "create_schema", "migrate_1_to_2", "migrate_2_to_3"]

#: Kept in ``PRAGMA user_version``; bump it and add a step to ``MIGRATIONS``.
SCHEMA_VERSION = 3

_MAPS = """
CREATE TABLE maps (
    map_id     TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;
"""

#: What schema 2 added (also the SQL of :func:`migrate_1_to_2`: never change it).
_SCHEMA_2 = """
CREATE TABLE parts (
    part_id INTEGER PRIMARY KEY,
    map_id  TEXT NOT NULL REFERENCES maps(map_id) ON DELETE CASCADE,
    hash    BLOB NOT NULL,
    json    TEXT NOT NULL,
    UNIQUE (map_id, hash)
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
    head          INTEGER,
    tail          INTEGER,
    persons       BLOB,
    ties          BLOB,
    map_json      TEXT,
    CHECK ((map_json IS NULL) = (head IS NOT NULL AND tail IS NOT NULL
                                 AND persons IS NOT NULL AND ties IS NOT NULL)),
    UNIQUE (map_id, version)
) STRICT;

CREATE TRIGGER versions_append_only BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'netmap: versions are append-only');
END;

CREATE TRIGGER parts_append_only BEFORE UPDATE ON parts
BEGIN
    SELECT RAISE(ABORT, 'netmap: parts are append-only');
END;

CREATE TABLE erasure_pending (
    erased_id TEXT PRIMARY KEY,
    since     TEXT NOT NULL
) STRICT;
"""

#: Every table of the current schema, for a new database.
_TABLES = _MAPS + _SCHEMA_2 + EXPORT_LOG_SCHEMA


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): that would COMMIT the caller's transaction first.
    for statement in script.split(";\n\n"):
        if statement.strip():
            conn.execute(statement)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the current tables in an empty database (inside the caller's transaction)."""
    _execute_script(conn, _TABLES)


def migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Cut every version's whole map JSON into shared parts (inside the caller's transaction)."""
    conn.execute("ALTER TABLE versions RENAME TO versions_v1")
    conn.execute("DROP TRIGGER IF EXISTS versions_append_only")
    _execute_script(conn, _SCHEMA_2)
    known: dict[str, dict[bytes, int]] = {}
    rows = conn.execute(
        "SELECT seq, map_id, version, saved_at, author, based_on, restored_from, note,"
        " changes_json, patient_name, masked_cpr, map_json FROM versions_v1 ORDER BY seq"
    )
    for *meta, map_json in rows:  # one row at a time: old databases can be large
        parts = split(map_json)
        if parts is None:
            kept: tuple[object, ...] = (None, None, None, None, map_json)
        else:
            recipe = add_parts(conn, meta[1], parts, known.setdefault(meta[1], {}))
            kept = (recipe.head, recipe.tail, recipe.persons, recipe.ties, None)
        conn.execute(
            "INSERT INTO versions (seq, map_id, version, saved_at, author, based_on,"
            " restored_from, note, changes_json, patient_name, masked_cpr,"
            " head, tail, persons, ties, map_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*meta, *kept),
        )
    conn.execute("DROP TABLE versions_v1")


def migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Add the export log (:mod:`netmap.store.export_log`; inside the caller's transaction)."""
    _execute_script(conn, EXPORT_LOG_SCHEMA)


#: ``MIGRATIONS[n]`` takes a database from schema ``n`` to ``n + 1`` (0 is empty:
#: it gets the current tables at once).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: migrate_1_to_2,
    2: migrate_2_to_3,
}
