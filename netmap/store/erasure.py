"""Erasing a map so that no trace of it stays in the database file, ``-wal`` or ``-shm``.

Three things make an erasure complete:

1. Every row of the map goes, from *every* table that has a ``map_id``
   column (:func:`delete_rows` finds them; a new per-map table, such as an
   export log, is erased without changing this module: give it a ``map_id``
   column).
2. ``secure_delete`` (set on every connection) writes zeros over the deleted
   content, in the pages that held it and in freed pages.
3. The WAL, which still holds the old page images, is checkpointed into the
   file and truncated to nothing (:func:`checkpoint_truncate`).

Step 3 cannot finish while another connection reads the database (another
netmap, a backup program, ``sqlite3`` in a terminal): its snapshot pins the
old pages. The map's id is then kept in ``erasure_pending`` (an id is a random
name, nothing personal) and every store that opens, writes to or closes the
database tries step 3 again until it succeeds. Until then nobody is told that
the map is erased.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["checkpoint_truncate", "delete_rows", "per_map_tables"]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def per_map_tables(conn: sqlite3.Connection) -> list[str]:
    """Every table with a ``map_id`` column, ``maps`` itself last (it is the parent)."""
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    found = [
        name
        for name in names
        if any(col[1] == "map_id" for col in conn.execute(f"PRAGMA table_info({_quoted(name)})"))
    ]
    return sorted(found, key=lambda name: name == "maps")


def delete_rows(conn: sqlite3.Connection, map_id: str) -> bool:
    """Delete the map's rows from every per-map table; whether the map existed."""
    existed = False
    for table in per_map_tables(conn):
        cursor = conn.execute(f"DELETE FROM {_quoted(table)} WHERE map_id = ?", (map_id,))
        existed = existed or (table == "maps" and cursor.rowcount > 0)
    return existed


def checkpoint_truncate(
    conn: sqlite3.Connection, path: Path, wait_s: float, timeout_s: float
) -> bool:
    """Copy the WAL into the file and empty it; whether that fully succeeded.

    Waits at most ``wait_s`` for other connections' reads to end (then the
    connection's usual ``timeout_s`` is set back). Must be called outside a
    transaction.
    """
    conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
    if busy:
        return False
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
