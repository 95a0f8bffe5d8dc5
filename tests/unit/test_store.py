"""The SQLite store: versions, conflicts, restore, erasure, backup, bad input.

Fictional maps only. Expected values follow the store contract in
``netmap/store/base.py`` (append-only versions numbered 1, 2, …; a stale base is
refused and the rejected map handed back; an unchanged map adds no version).
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import threading
from datetime import UTC, date
from pathlib import Path

import pytest

from netmap.errors import InvalidInput
from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import (
    ConflictError,
    MapNotFound,
    MapStore,
    SqliteStore,
    StoreCorrupt,
    StoreError,
    VersionNotFound,
    open_store,
)
from netmap.store.sqlite import APPLICATION_ID, SCHEMA_VERSION
from netmap.store.stored_json import StoredJson


def make_map(patient: str = "Testa Testesen", cpr: str | None = "010203-1234") -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name=patient, cpr=cpr),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(
                id="sr",
                name="Rådgiver Test",
                sector="professional",
                distance=0.4,
                care_sector="region",
                phone="+45 20 11 22 33",
                email="raadgiver@example.dk",
            ),
        ],
        ties=[Tie(a="sr", b="mor")],
        consent_given_on=date(2026, 1, 10),
    )


def with_person(base: NetworkMap, pid: str, name: str) -> NetworkMap:
    new = base.model_copy(deep=True)
    new.persons.append(Person(id=pid, name=name, sector="leisure", distance=0.8))
    return new


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    with SqliteStore(tmp_path / "maps.db") as opened:
        yield opened  # type: ignore[misc]


def test_st001_create_gives_version_1_and_an_unguessable_id(store: SqliteStore) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    second = store.create(make_map("Anden Testesen"), author="Kontaktperson")
    assert first.version == 1
    assert re.fullmatch(r"[0-9a-f]{32}", first.map_id)
    assert first.map_id != second.map_id
    assert first.map == make_map()
    assert store.load(first.map_id).map == make_map()
    assert first.saved_at.tzinfo is not None
    assert first.saved_at.utcoffset() == UTC.utcoffset(None)


def test_st002_save_appends_numbered_versions(store: SqliteStore) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    v2_map = with_person(first.map, "anna", "Anna Fiktiv")
    v2 = store.save(first.map_id, v2_map, base_version=1, author="Patient")
    v3_map = with_person(v2.map, "erik", "Erik Fiktiv")
    v3 = store.save(first.map_id, v3_map, base_version=2, author="Kontaktperson")
    assert (v2.version, v3.version) == (2, 3)
    assert store.load(first.map_id).map == v3_map
    assert store.load(first.map_id, 1).map == make_map()
    assert store.load(first.map_id, 2).map == v2_map
    history = store.history(first.map_id)
    assert [(h.version, h.based_on, h.author) for h in history] == [
        (1, None, "Kontaktperson"),
        (2, 1, "Patient"),
        (3, 2, "Kontaktperson"),
    ]
    assert history[0].summary == "Kort oprettet med 2 personer og 1 streg"
    assert history[1].summary == "1 person tilføjet (Anna Fiktiv)"
    assert history[2].describe("en") == "1 person added (Erik Fiktiv)"
    assert history[2].changes is not None
    assert [p.id for p in history[2].changes.added] == ["erik"]


def test_st003_stale_save_is_refused_and_the_map_handed_back(store: SqliteStore) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    store.save(
        first.map_id, with_person(first.map, "anna", "Anna Fiktiv"), base_version=1, author="A"
    )
    mine = with_person(first.map, "erik", "Erik Fiktiv")
    expected = mine.model_copy(deep=True)
    with pytest.raises(ConflictError) as info:
        store.save(first.map_id, mine, base_version=1, author="B")
    assert info.value.rejected is mine
    assert info.value.rejected == expected
    assert (info.value.base_version, info.value.current_version) == (1, 2)
    assert "version 2" in info.value.message("da") and "version 1" in info.value.message("da")
    assert len(store.history(first.map_id)) == 2
    assert "erik" not in [p.id for p in store.load(first.map_id).map.persons]


@pytest.mark.parametrize("base", [0, 2, 99, -1])
def test_st004_a_base_that_is_not_the_latest_is_a_conflict(store: SqliteStore, base: int) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    mine = with_person(first.map, "anna", "Anna Fiktiv")
    with pytest.raises(ConflictError) as info:
        store.save(first.map_id, mine, base_version=base, author="B")
    assert info.value.rejected == mine
    assert len(store.history(first.map_id)) == 1


def test_st005_unchanged_map_adds_no_version_but_stale_base_still_refused(
    store: SqliteStore,
) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    same = store.save(first.map_id, make_map(), base_version=1, author="Kontaktperson")
    assert same.version == 1
    assert same.saved_at == first.saved_at
    assert len(store.history(first.map_id)) == 1
    v2 = store.save(first.map_id, with_person(first.map, "a", "Anna"), base_version=1, author="K")
    with pytest.raises(ConflictError):
        store.save(first.map_id, v2.map, base_version=1, author="K")


def test_st006_restore_appends_the_old_map_as_a_new_version(store: SqliteStore) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    v2 = store.save(
        first.map_id, with_person(first.map, "anna", "Anna"), base_version=1, author="K"
    )
    restored = store.restore(first.map_id, 1, author="Patient")
    assert restored.version == 3
    assert restored.map == make_map()
    assert store.load(first.map_id, 2).map == v2.map  # nothing rewritten
    last = store.history(first.map_id)[-1]
    assert (last.restored_from, last.based_on, last.author) == (1, 2, "Patient")
    assert last.summary == "Gendannet fra version 1: 1 person fjernet (Anna)"
    assert last.describe("en") == "Restored from version 1: 1 person removed (Anna)"
    # Restoring what is already the latest adds nothing.
    assert store.restore(first.map_id, 1, author="Patient").version == 3
    assert len(store.history(first.map_id)) == 3


def test_st007_unknown_map_and_version(store: SqliteStore) -> None:
    first = store.create(make_map(), author="Kontaktperson")
    missing = "0" * 32
    for call in (
        lambda: store.load(missing),
        lambda: store.load(missing, 1),
        lambda: store.history(missing),
        lambda: store.restore(missing, 1, author="K"),
        lambda: store.delete(missing),
        lambda: store.save(missing, make_map(), base_version=1, author="K"),
    ):
        with pytest.raises(MapNotFound) as info:
            call()
        assert missing in info.value.message("da")
    with pytest.raises(VersionNotFound) as vinfo:
        store.load(first.map_id, 2)
    assert vinfo.value.message("da") == f"Kortet {first.map_id} har ingen version 2."
    with pytest.raises(VersionNotFound):
        store.restore(first.map_id, 5, author="K")
    assert len(store.history(first.map_id)) == 1


def test_st008_list_most_recently_saved_first(store: SqliteStore) -> None:
    a = store.create(make_map("Alfa Testesen"), author="K")
    b = store.create(make_map("Beta Testesen", cpr=None), author="K")
    assert [m.map_id for m in store.list_maps()] == [b.map_id, a.map_id]
    renamed = make_map("Alfa Nyesen", cpr="311299-9999")
    store.save(a.map_id, renamed, base_version=1, author="K")
    listed = store.list_maps()
    assert [m.map_id for m in listed] == [a.map_id, b.map_id]
    assert (listed[0].patient_name, listed[0].masked_cpr) == ("Alfa Nyesen", "311299-xxxx")
    assert (listed[0].latest_version, listed[0].version_count) == (2, 2)
    assert (listed[1].patient_name, listed[1].masked_cpr) == ("Beta Testesen", "")
    assert listed[0].created_at <= listed[0].updated_at


def test_st009_cpr_is_kept_in_full_but_listed_masked(store: SqliteStore) -> None:
    first = store.create(make_map(), author="K")
    assert store.load(first.map_id).map.patient.cpr == "010203-1234"
    assert store.list_maps()[0].masked_cpr == "010203-xxxx"


def test_st010_delete_erases_every_version_and_leaves_no_trace(
    store: SqliteStore, tmp_path: Path
) -> None:
    keep = store.create(make_map("Bliver Testesen"), author="K")
    gone = store.create(make_map("Slettes Fiktivsen", cpr="050607-2468"), author="K")
    store.save(
        gone.map_id, with_person(gone.map, "x", "Hemmelig Fiktivperson"), base_version=1, author="K"
    )
    # Large versions too: their JSON spills into overflow pages.
    big = gone.map.model_copy(deep=True)
    for k in range(40):
        big.persons.append(
            Person(
                id=f"b{k}",
                name=f"Stor{k} Fiktivsen",
                sector="kin",
                distance=0.5,
                helps_with="Fortroligt " * 80,
            )
        )
    store.save(gone.map_id, big, base_version=2, author="K")
    erasure = store.delete(gone.map_id)
    assert erasure.complete and erasure.map_id == gone.map_id  # nobody else reads the file
    assert [m.map_id for m in store.list_maps()] == [keep.map_id]
    with pytest.raises(MapNotFound):
        store.load(gone.map_id)
    with pytest.raises(MapNotFound):
        store.load(gone.map_id, 1)
    assert store.load(keep.map_id).map == make_map("Bliver Testesen")
    # While the store is still open: neither the file, its WAL nor the shared
    # memory file keeps the data (versions and their parts alike).
    for name in ("maps.db", "maps.db-wal", "maps.db-shm"):
        path = tmp_path / name
        if path.exists():
            raw = path.read_bytes()
            for secret in (
                b"Slettes Fiktivsen",
                b"Hemmelig Fiktivperson",
                b"050607",
                b"Fortroligt",
                b"Stor7 Fiktivsen",
            ):
                assert secret not in raw, (name, secret)
    assert (
        b"Bliver Testesen"
        in (tmp_path / "maps.db").read_bytes() + (tmp_path / "maps.db-wal").read_bytes()
    )


def test_st011_backup_is_a_complete_single_file_copy(store: SqliteStore, tmp_path: Path) -> None:
    a = store.create(make_map("Alfa Testesen"), author="K")
    store.save(a.map_id, with_person(a.map, "anna", "Anna"), base_version=1, author="K")
    b = store.create(make_map("Beta Testesen"), author="K")
    target = tmp_path / "kopi" / "backup.db"
    store.backup(target)
    assert not Path(f"{target}-wal").exists()
    with sqlite3.connect(target) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with SqliteStore(target) as copy:
        assert [m.map_id for m in copy.list_maps()] == [b.map_id, a.map_id]
        assert copy.history(a.map_id) == store.history(a.map_id)
        assert copy.load(a.map_id, 1).map == make_map("Alfa Testesen")
    # An existing file is not overwritten unless asked; the database itself never.
    before = target.read_bytes()
    store.create(make_map("Gamma Testesen"), author="K")
    with pytest.raises(StoreError) as info:
        store.backup(target)
    assert info.value.key == "store.backup_exists"
    assert target.read_bytes() == before
    store.backup(target, overwrite=True)
    with SqliteStore(target) as copy:
        assert len(copy.list_maps()) == 3
    with pytest.raises(StoreError) as same:
        store.backup(tmp_path / "maps.db", overwrite=True)
    assert same.value.key == "store.backup_same_file"
    assert [p.name for p in target.parent.iterdir()] == ["backup.db"]  # no temp files left


def test_st012_pragmas_wal_full_sync_foreign_keys_secure_delete(
    store: SqliteStore, tmp_path: Path
) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    with sqlite3.connect(tmp_path / "maps.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # kept in the file
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_st013_versions_cannot_be_updated_even_by_hand(store: SqliteStore, tmp_path: Path) -> None:
    first = store.create(make_map(), author="K")
    with sqlite3.connect(tmp_path / "maps.db") as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute("UPDATE versions SET author = 'X' WHERE map_id = ?", (first.map_id,))
    assert store.history(first.map_id)[0].author == "K"


def _insert_raw_version(path: Path, map_id: str, version: int, map_json: str) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO versions (map_id, version, saved_at, author, based_on, note,"
            " changes_json, patient_name, masked_cpr, map_json)"
            " VALUES (?, ?, '2026-01-01T00:00:00+00:00', 'hånd', ?, NULL, '{}', 'X', '', ?)",
            (map_id, version, version - 1, map_json),
        )


@pytest.mark.parametrize(
    ("map_json", "in_danish", "in_english"),
    [
        ("{ikke json", "Version 2 af kortet", "Version 2 of map"),
        (
            '{"patient": {"name": "X"}, "persons": [{"id": "a", "name": "A",'
            ' "sector": "family", "distance": 5}]}',
            "afstand",
            "distance",
        ),
    ],
)
def test_st014_a_damaged_version_is_reported_clearly(
    store: SqliteStore, tmp_path: Path, map_json: str, in_danish: str, in_english: str
) -> None:
    first = store.create(make_map(), author="K")
    _insert_raw_version(tmp_path / "maps.db", first.map_id, 2, map_json)
    with pytest.raises(StoreCorrupt) as info:
        store.load(first.map_id)
    assert info.value.version == 2
    assert first.map_id in info.value.message("da")
    assert in_danish in info.value.message("da")
    assert in_english in info.value.message("en")
    # The rest still works: the list, the history, the good version, and a repair.
    assert store.list_maps()[0].latest_version == 2
    assert len(store.history(first.map_id)) == 2
    assert store.load(first.map_id, 1).map == make_map()
    repaired = store.save(first.map_id, make_map(), base_version=2, author="K")
    assert repaired.version == 3
    assert store.load(first.map_id).map == make_map()


def test_st015_invalid_map_is_refused_and_nothing_changes(store: SqliteStore) -> None:
    first = store.create(make_map(), author="K")
    bad = first.map.model_copy(deep=True)
    # Appending to the list bypasses assignment validation; the store checks again.
    bad.persons.append(Person(id="mor", name="Dobbelt Id", sector="kin", distance=0.5))
    with pytest.raises(InvalidInput) as info:
        store.save(first.map_id, bad, base_version=1, author="K")
    assert "mor" in info.value.message("da")
    with pytest.raises(InvalidInput):
        store.create(bad, author="K")
    dangling = first.map.model_copy(deep=True)
    dangling.ties.append(Tie(a="mor", b="ukendt"))
    with pytest.raises(InvalidInput) as info:
        store.save(first.map_id, dangling, base_version=1, author="K")
    assert "ukendt" in info.value.message("da")
    with pytest.raises(TypeError):
        store.save(first.map_id, first.map.model_dump(), base_version=1, author="K")  # type: ignore[arg-type]
    assert len(store.history(first.map_id)) == 1
    assert len(store.list_maps()) == 1
    assert store.load(first.map_id).map == make_map()


@pytest.mark.parametrize(
    ("author", "summary", "key"),
    [
        ("", None, "store.author_invalid"),
        ("   ", None, "store.author_invalid"),
        ("x" * 201, None, "store.author_invalid"),
        ("a\x00b", None, "store.author_invalid"),
        ("K", "x" * 1001, "store.note_invalid"),
        ("K", "linje\x1b", "store.note_invalid"),
    ],
)
def test_st016_bad_author_or_note_is_refused(
    store: SqliteStore, author: str, summary: str | None, key: str
) -> None:
    first = store.create(make_map(), author="K")
    new = with_person(first.map, "anna", "Anna")
    with pytest.raises(StoreError) as info:
        store.save(first.map_id, new, base_version=1, author=author, summary=summary)
    assert info.value.key == key
    assert info.value.message("da") and info.value.message("en")
    assert len(store.history(first.map_id)) == 1


def test_st017_a_note_is_kept_in_the_savers_words(store: SqliteStore) -> None:
    first = store.create(make_map(), author="K", summary="  Tegnet til første møde  ")
    store.save(first.map_id, with_person(first.map, "a", "Anna"), base_version=1, author="K")
    history = store.history(first.map_id)
    assert history[0].note == history[0].summary == "Tegnet til første møde"
    assert history[0].describe("en") == "Tegnet til første møde"
    assert history[1].note is None


def test_st018_a_file_that_is_not_ours_is_left_alone(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as info:
        SqliteStore(junk)
    assert info.value.key == "store.not_a_database"
    assert junk.read_bytes() == b"this is not a database at all" * 100
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE notes (x)")
    with pytest.raises(StoreError) as info:
        SqliteStore(other)
    assert info.value.key == "store.not_netmap"
    with sqlite3.connect(other) as raw:
        assert raw.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    with pytest.raises(StoreError) as info:
        SqliteStore(tmp_path)
    assert info.value.key == "store.cannot_open"


def test_st019_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    SqliteStore(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert info.value.key == "store.schema_too_new"
    assert str(SCHEMA_VERSION + 1) in info.value.message("da")


def test_st020_reopened_store_has_everything(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    with SqliteStore(path) as first_store:
        first = first_store.create(make_map(), author="K")
        first_store.save(
            first.map_id, with_person(first.map, "a", "Anna"), base_version=1, author="K"
        )
    with SqliteStore(path) as again:
        assert again.load(first.map_id).version == 2
        assert again.load(first.map_id, 1).map == make_map()


def test_st021_closed_store_says_so(tmp_path: Path) -> None:
    closed = SqliteStore(tmp_path / "maps.db")
    closed.close()
    closed.close()  # twice is fine
    with pytest.raises(StoreError) as info:
        closed.list_maps()
    assert info.value.key == "store.closed"


def test_st022_loaded_maps_are_the_callers_own(store: SqliteStore) -> None:
    first = store.create(make_map(), author="K")
    first.map.persons[0] = first.map.persons[0].model_copy(update={"name": "Ændret Lokalt"})
    first.map.map_date = date(2020, 1, 1)
    loaded = store.load(first.map_id)
    loaded.map.persons.clear()
    loaded.map.ties.append(Tie(a="x", b="y"))
    assert store.load(first.map_id).map == make_map()


def test_st023_one_store_used_from_several_threads(store: SqliteStore) -> None:
    ids = [store.create(make_map(f"Tråd{i} Testesen"), author="K").map_id for i in range(4)]
    errors: list[BaseException] = []

    def work(map_id: str) -> None:
        try:
            current = store.load(map_id)
            for n in range(15):
                new = with_person(current.map, f"q{n}", f"Person {n}")
                current = store.save(map_id, new, base_version=current.version, author="K")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(map_id,)) for map_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for map_id in ids:
        assert store.load(map_id).version == 16
        assert len(store.load(map_id).map.persons) == 2 + 15


def test_st024_open_store_makes_a_private_folder_and_file(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "mappe" / "netmap.db"
    opened = open_store(path)
    try:
        assert isinstance(opened, MapStore)
        assert isinstance(opened, SqliteStore)
        opened.create(make_map(), author="K")
    finally:
        opened.close()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_st025_nulls_are_never_meaningful_so_stored_json_is_lossless() -> None:
    # The store writes maps without null fields; that is lossless only while every
    # field that may be None also defaults to None.
    from pydantic import BaseModel

    from netmap.model import Patient as PatientModel

    def check(model: type[BaseModel]) -> None:
        for name, field in model.model_fields.items():
            if field.is_required():
                continue
            default = field.get_default(call_default_factory=True)
            annotation = str(field.annotation)
            if "None" in annotation:
                assert default is None, f"{model.__name__}.{name}"

    for model in (NetworkMap, PatientModel, Person, Tie):
        check(model)
    full = make_map()
    assert NetworkMap.model_validate_json(StoredJson().dump(full)) == full


def test_st026_a_writer_holding_the_lock_too_long_gives_busy_not_loss(tmp_path: Path) -> None:
    path = tmp_path / "maps.db"
    with SqliteStore(path, timeout=0.2) as impatient:
        first = impatient.create(make_map(), author="K")
        blocker = sqlite3.connect(path, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")
            new = with_person(first.map, "anna", "Anna")
            with pytest.raises(StoreError) as info:
                impatient.save(first.map_id, new, base_version=1, author="K")
            assert info.value.key == "store.busy"
            assert "prøv igen" in info.value.message("da")
            assert impatient.load(first.map_id).version == 1  # readers are not blocked (WAL)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert impatient.save(first.map_id, new, base_version=1, author="K").version == 2


def test_st027_before_commit_is_called_once_written_before_the_commit(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "a.db") as store, SqliteStore(tmp_path / "a.db") as other:
        first = store.create(make_map(), author="kp")
        seen: list[int] = []
        changed = first.map.model_copy(update={"patient": Patient(name="Testa Anden")})
        # Another connection does not see the version yet: only the commit is left.
        saved = store.save(
            first.map_id,
            changed,
            base_version=1,
            author="kp",
            before_commit=lambda: seen.append(other.load(first.map_id).version),
        )
        assert saved.version == 2 and seen == [1]
        assert other.load(first.map_id).version == 2
        # Nothing to add, or refused: no commit of a version, no call.
        store.save(first.map_id, changed, base_version=2, author="kp", before_commit=seen.clear)
        with pytest.raises(ConflictError):
            store.save(
                first.map_id, first.map, base_version=1, author="kp", before_commit=seen.clear
            )
        assert seen == [1]
