"""Store speed and size, by hand: ``python3 benchmarks/bench_store.py`` prints medians.

Measures what the app does on every edit (save on top of the latest version)
and on opening (list, load), for a 60-person map and a 2,000-person map
(``MAX_PERSONS``); then what a long history costs (issue 8 item 11, issue 11):
bytes per version for small edits of a 60-person map, save, load and the
refusal of a stale save at 1 against 3,000 versions, the check of the file at
open on 1,000 versions, and migrating 1,000 versions of schema 1.
``--quick`` skips the 2,000-person part. Fictional data only.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from netmap.editing import SetAnswer
from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.service import Conflict, save_edit
from netmap.store import ConflictError, SqliteStore, StoredMap
from netmap.store.sqlite import APPLICATION_ID

SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def make_map(persons: int, salt: int = 0) -> NetworkMap:
    people = [
        Person(
            id=f"p{k}",
            name=f"Fiktiv Person {k}",
            sector=SECTORS[k % 5],
            distance=((k * 7 + salt) % 97 + 1) / 98,
            phone="+45 20 11 22 33",
            email=f"person{k}@example.dk",
            helps_with="Indkøb og samtaler",
        )
        for k in range(persons)
    ]
    ties = [Tie(a=f"p{k}", b=f"p{k + 1}") for k in range(0, persons - 1, 2)]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=people, ties=ties)


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_size(store: SqliteStore, size: int, repeat: int) -> None:
    maps = [make_map(size, salt) for salt in range(repeat + 1)]
    stored = store.create(maps[0], author="bench")
    state = {"version": stored.version, "i": 0}

    def save() -> None:
        state["i"] += 1
        saved = store.save(
            stored.map_id, maps[state["i"]], base_version=state["version"], author="bench"
        )
        state["version"] = saved.version

    def load_cached() -> None:
        store.load(stored.map_id)

    def load_parsed() -> None:
        store._cache.clear()
        store.load(stored.map_id, 1)

    print(f"save, {size} persons: {median_ms(save, repeat):.1f} ms")
    print(f"load latest, {size} persons (cached): {median_ms(load_cached, repeat):.1f} ms")
    print(f"load v1, {size} persons (parsed): {median_ms(load_parsed, repeat):.1f} ms")


def moved(stored: StoredMap, step: int) -> NetworkMap:
    """A small edit: one person placed a little further out."""
    new = stored.map.detached()
    k = step % len(new.persons)
    new.persons[k] = new.persons[k].model_copy(update={"distance": 0.3 + (step % 600) / 1000})
    return new


def grow(store: SqliteStore, stored: StoredMap, versions: int, author: str = "bench") -> StoredMap:
    """Small edits until the map has ``versions`` versions."""
    step = 0
    while stored.version < versions:
        step += 1
        stored = store.save(
            stored.map_id, moved(stored, step), base_version=stored.version, author=author
        )
    return stored


def file_bytes(store: SqliteStore) -> int:
    conn = store._connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(conn.execute("PRAGMA page_count").fetchone()[0]) * int(
        conn.execute("PRAGMA page_size").fetchone()[0]
    )


def time_saves(store: SqliteStore, start: StoredMap, repeat: int) -> float:
    """Median of ``repeat`` small edits saved one after the other from ``start``."""
    state = {"stored": start}
    steps = iter(range(10_000, 20_000))

    def save() -> None:
        current = state["stored"]
        new = moved(current, next(steps))
        state["stored"] = store.save(
            current.map_id, new, base_version=current.version, author="bench"
        )

    return median_ms(save, repeat)


def time_parsed_load(store: SqliteStore, map_id: str, repeat: int) -> float:
    def load_parsed() -> None:
        store._cache.clear()
        store.load(map_id)

    return median_ms(load_parsed, repeat)


def time_stale_refusals(store: SqliteStore, map_id: str, repeat: int) -> tuple[float, float]:
    """A tab on a stale version (another author saved after it): the store's
    refusal, and the edit service's (which asks what came since)."""
    latest = store.load(map_id)
    stale = latest.version
    store.save(map_id, moved(latest, 77), base_version=stale, author="other")

    def refuse() -> None:
        try:
            store.save(map_id, latest.map, base_version=stale, author="bench")
        except ConflictError:
            return
        raise AssertionError("the stale save was not refused")

    op = SetAnswer(id="p1", question=3, answer="yes")

    def refuse_in_the_app() -> None:
        result = save_edit(store, map_id, stale, op, tab="faneA", seq=None)
        assert isinstance(result, Conflict)

    return median_ms(refuse, repeat), median_ms(refuse_in_the_app, repeat)


def bench_history(folder: Path, repeat: int = 30) -> None:
    """Bytes per version, and save / load / stale refusal at 1 and 3,000 versions."""
    with SqliteStore(folder / "h.db") as store:
        short = store.create(make_map(60), author="bench")
        empty = file_bytes(store)
        long = grow(store, store.create(make_map(60), author="bench"), 3000)
        per_version = (file_bytes(store) - empty) / 2999
        print(f"bytes per version, small edits of a 60-person map: {per_version:,.0f}")
        for label, start in (("1 version", short), ("3,000 versions", long)):
            print(f"save, {label}: {time_saves(store, start, repeat):.2f} ms")
            parsed = time_parsed_load(store, start.map_id, repeat)
            print(f"load latest, {label} (parsed): {parsed:.2f} ms")
        for label, start in (("1 version", short), ("3,000 versions", long)):
            alone, service = time_stale_refusals(store, start.map_id, repeat)
            print(f"stale save refused, {label}: {alone:.2f} ms")
            print(f"stale save refused through the edit service, {label}: {service:.2f} ms")


#: Schema 1 (every version a whole map JSON), to time its migration.
SCHEMA_V1 = [
    "CREATE TABLE maps (map_id TEXT PRIMARY KEY, created_at TEXT NOT NULL) STRICT",
    "CREATE TABLE versions (seq INTEGER PRIMARY KEY, map_id TEXT NOT NULL REFERENCES"
    " maps(map_id) ON DELETE CASCADE, version INTEGER NOT NULL CHECK (version >= 1),"
    " saved_at TEXT NOT NULL, author TEXT NOT NULL, based_on INTEGER, restored_from INTEGER,"
    " note TEXT, changes_json TEXT NOT NULL, patient_name TEXT NOT NULL,"
    " masked_cpr TEXT NOT NULL, map_json TEXT NOT NULL, UNIQUE (map_id, version)) STRICT",
    "CREATE TRIGGER versions_append_only BEFORE UPDATE ON versions"
    " BEGIN SELECT RAISE(ABORT, 'netmap: versions are append-only'); END",
]


def bench_open(folder: Path, versions: int = 1000) -> None:
    """Opening (with its quick_check) a database of 1,000 versions; migrating one."""
    path = folder / "o.db"
    with SqliteStore(path) as store:
        stored = grow(store, store.create(make_map(60), author="bench"), versions)
        texts = [store.stored_json(stored.map_id, v) for v in range(1, versions + 1)]
    size = path.stat().st_size
    opening = median_ms(lambda: SqliteStore(path).close(), 15)
    print(f"open a {versions:,}-version database ({size / 1e6:.1f} MB): {opening:.1f} ms")
    conn = sqlite3.connect(path)
    check = median_ms(lambda: conn.execute("PRAGMA quick_check(1)").fetchall(), 15)
    conn.close()
    print(f"  of which quick_check: {check:.1f} ms")
    old = folder / "v1.db"
    raw = sqlite3.connect(old, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    for statement in SCHEMA_V1:
        raw.execute(statement)
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 1")
    raw.execute("BEGIN")
    raw.execute("INSERT INTO maps VALUES ('m', '2026-01-01T00:00:00+00:00')")
    raw.executemany(
        "INSERT INTO versions (map_id, version, saved_at, author, changes_json, patient_name,"
        " masked_cpr, map_json) VALUES ('m', ?, '2026-01-01T00:00:00+00:00', 'bench', '{}',"
        " 'Testa', '', ?)",
        list(enumerate(texts, start=1)),
    )
    raw.execute("COMMIT")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    before = old.stat().st_size
    start = time.perf_counter()
    SqliteStore(old).close()
    took = time.perf_counter() - start
    print(
        f"migrate {versions:,} versions of schema 1: {took:.2f} s,"
        f" {before / 1e6:.1f} MB -> {old.stat().st_size / 1e6:.1f} MB"
    )


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder, SqliteStore(Path(folder) / "b.db") as store:
        bench_size(store, 60, 30)
        if not quick:
            bench_size(store, 2000, 7)
        small = make_map(10)
        for _ in range(200):
            store.create(small, author="bench")
        count = len(store.list_maps())
        print(f"list_maps, {count} maps: {median_ms(store.list_maps, 20):.1f} ms")
        bench_history(Path(folder))
        bench_open(Path(folder))


if __name__ == "__main__":
    main()
