"""Versions share their unchanged persons and ties (netmap.store.parts, schema 2).

Expected values come from the requirement (issue 11: a small edit of a
60-person map costs at most 2 KB) and from the stored JSON itself: every
version must load byte for byte as it was written. Fictional data only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import SqliteStore, StoreCorrupt
from netmap.store.parts import StoredParts, join, split
from netmap.store.stored_json import StoredJson
from tests.revise import revise_patient, revise_person
from tests.unit.test_interchange_properties import MAP_SETTINGS, SETTINGS, network_maps

SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def sixty() -> NetworkMap:
    people = [
        Person(
            id=f"p{k}",
            name=f"Fiktiv Person {k}",
            sector=SECTORS[k % 5],
            distance=(k % 97 + 1) / 98,
            phone="+45 20 11 22 33",
            email=f"person{k}@example.dk",
            helps_with="Indkøb og samtaler",
        )
        for k in range(60)
    ]
    ties = [Tie(a=f"p{k}", b=f"p{k + 1}") for k in range(0, 59, 2)]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=people, ties=ties)


def file_bytes(store: SqliteStore) -> int:
    conn = store._connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * conn.execute("PRAGMA page_size").fetchone()[0])


@MAP_SETTINGS
@given(network_maps())
def test_stpart001_the_stored_json_cuts_into_its_parts_and_joins_back(
    network_map: NetworkMap,
) -> None:
    writer = StoredJson()
    parts = writer.parts(network_map)
    text = network_map.model_dump_json(exclude_none=True)
    assert join(parts) == text
    assert split(text) == parts
    assert parts.persons == tuple(p.model_dump_json(exclude_none=True) for p in network_map.persons)


@pytest.mark.parametrize(
    "text",
    [
        "{ikke json",
        "",
        "[]",
        '{"persons":[],"ties":[]}',  # no head before the persons
        '{"a":1, "persons":[],"ties":[]}',  # not compact
        '{"a":1,"persons":[1,2],"ties":[]}',  # persons that are not objects
        '{"a":1,"ties":[],"persons":[]}',  # ties first
        '{"a":1,"persons":[{"id":"x"}],"notes":1,"ties":[]}',
        '{"a":"\\"persons\\":[","b":2}',  # the key only inside a string
        '{"a":1,"persons":[{"id":"x"}],"ties":[{"a":"x"}',
    ],
)
def test_stpart002_other_shapes_are_not_cut(text: str) -> None:
    assert split(text) is None


@SETTINGS
@given(st.text(alphabet='{}[],:"\\ apersontie1', max_size=60))
def test_stpart003_a_cut_is_always_exact(text: str) -> None:
    parts = split(text)
    assert parts is None or join(parts) == text


def test_stpart004_a_small_edit_of_a_60_person_map_costs_at_most_2_kb(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "maps.db") as store:
        first = store.create(sixty(), author="K")
        one_version = file_bytes(store)
        current = first
        for step in range(200):
            moved = current.map.detached()
            revise_person(moved, f"p{step % 60}", distance=0.3 + step / 1000)
            current = store.save(
                first.map_id, moved, base_version=current.version, author="app:0123456789abcdef"
            )
        assert current.version == 201
        per_version = (file_bytes(store) - one_version) / 200
        assert per_version <= 2048, per_version
        # One new person part per move; the 60 persons, 30 ties, head and tail once.
        parts = store._connection().execute("SELECT count(*) FROM parts").fetchone()[0]
        assert parts == 60 + 30 + 2 + 200


def test_stpart005_every_version_loads_byte_for_byte(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "maps.db") as store:
        texts = []
        current = store.create(sixty(), author="K")
        texts.append(current.map.model_dump_json(exclude_none=True))
        edits = [
            lambda m: revise_person(m, "p3", name='Ændret Navn 😀 "citat"'),
            lambda m: setattr(m, "ties", m.ties[:-1]),
            lambda m: revise_patient(m, cpr="010203-1234"),
            lambda m: m.persons.append(Person(id="ny", name="Ny", sector="kin", distance=1.0)),
            lambda m: setattr(m, "persons", [p for p in m.persons if p.id != "p59"]),
        ]
        for edit in edits:
            new = current.map.detached()
            edit(new)
            current = store.save(current.map_id, new, base_version=current.version, author="K")
            texts.append(new.model_dump_json(exclude_none=True))
        current = store.restore(current.map_id, 2, author="K")
        texts.append(texts[1])
        store._cache.clear()
        for version, text in enumerate(texts, start=1):
            assert store.stored_json(current.map_id, version) == text
            loaded = store.load(current.map_id, version).map
            assert loaded.model_dump_json(exclude_none=True) == text


def test_stpart006_restoring_and_unchanged_saves_add_no_parts(store: SqliteStore) -> None:
    first = store.create(sixty(), author="K")
    moved = first.map.detached()
    revise_person(moved, "p1", distance=0.99)
    second = store.save(first.map_id, moved, base_version=1, author="K")
    count = store._connection().execute("SELECT count(*) FROM parts").fetchone()[0]
    assert store.save(first.map_id, second.map, base_version=2, author="K").version == 2
    assert store.restore(first.map_id, 1, author="K").version == 3
    assert store.restore(first.map_id, 3, author="K").version == 3  # equal: nothing added
    assert store._connection().execute("SELECT count(*) FROM parts").fetchone()[0] == count
    assert store.load(first.map_id).map == first.map


def test_stpart007_parts_are_append_only_too(store: SqliteStore) -> None:
    store.create(sixty(), author="K")
    raw = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE parts SET json = '{}'")
    finally:
        raw.close()


def test_stpart008_a_missing_part_is_reported_as_a_damaged_version(store: SqliteStore) -> None:
    first = store.create(sixty(), author="K")
    moved = first.map.detached()
    revise_person(moved, "p1", name="Kun I Version To")
    store.save(first.map_id, moved, base_version=1, author="K")
    store._cache.clear()
    raw = sqlite3.connect(store.path)
    try:
        raw.execute("DELETE FROM parts WHERE json LIKE '%Kun I Version To%'")
        raw.commit()
    finally:
        raw.close()
    with pytest.raises(StoreCorrupt) as info:
        store.load(first.map_id)
    assert info.value.version == 2 and "missing" in info.value.message("en")
    assert store.load(first.map_id, 1).map == first.map


def test_stpart009_parts_are_per_map(store: SqliteStore) -> None:
    # The same person on two maps is two parts: erasing one map leaves the other whole.
    a = store.create(sixty(), author="K")
    b = store.create(sixty(), author="K")
    conn = store._connection()
    assert conn.execute("SELECT count(DISTINCT map_id) FROM parts").fetchone()[0] == 2
    assert store.delete(a.map_id).complete
    assert store.load(b.map_id).map == sixty()
    assert conn.execute("SELECT count(DISTINCT map_id) FROM parts").fetchone()[0] == 1


def test_stpart010_stored_parts_list_head_and_tail_first() -> None:
    parts = StoredParts("{h", ("{p}",), ("{t}",), "}")
    assert parts.all() == ["{h", "}", "{p}", "{t}"]


def _parts_count(store: SqliteStore) -> int:
    return int(store._connection().execute("SELECT count(*) FROM parts").fetchone()[0])


def test_stpart011_a_part_of_an_older_version_is_found_again_not_added(
    store: SqliteStore,
) -> None:
    # The save after a save of this store's looks up only the parts its
    # latest version does not have; a person moved back is such a part, and
    # it is in the table already (from version 1).
    first = store.create(sixty(), author="K")
    moved = first.map.detached()
    revise_person(moved, "p1", distance=0.99)
    store.save(first.map_id, moved, base_version=1, author="K")
    count = _parts_count(store)
    back = store.load(first.map_id).map.detached()
    revise_person(back, "p1", distance=first.map.person("p1").distance)
    third = store.save(first.map_id, back, base_version=2, author="K")
    assert _parts_count(store) == count
    again = store.load(first.map_id).map.detached()
    revise_person(again, "p2", distance=0.98)
    store.save(first.map_id, again, base_version=third.version, author="K")
    assert _parts_count(store) == count + 1
    store._cache.clear()
    assert store.load(first.map_id, 3).map == first.map
    assert store.load(first.map_id, 4).map == again


def test_stpart012_a_version_another_process_wrote_is_not_taken_as_known(
    tmp_path: Path,
) -> None:
    # Store "a" remembers the parts of the version it saved last; store "b"
    # (another process on the same file) saves after it. a's next save must
    # look up b's parts, not trust what it remembers.
    path = tmp_path / "maps.db"
    with SqliteStore(path) as a, SqliteStore(path) as b:
        first = a.create(sixty(), author="K")
        moved = first.map.detached()
        revise_person(moved, "p1", distance=0.99)
        a.save(first.map_id, moved, base_version=1, author="a")
        elsewhere = b.load(first.map_id).map.detached()
        elsewhere.persons.append(Person(id="ny", name="Ny Person", sector="kin", distance=0.5))
        b.save(first.map_id, elsewhere, base_version=2, author="b")
        mine = a.load(first.map_id).map.detached()
        revise_person(mine, "p2", distance=0.97)
        fourth = a.save(first.map_id, mine, base_version=3, author="a")
        assert fourth.version == 4
        # b's new person is one part, shared by versions 3 and 4, not added again.
        assert _parts_count(a) == 60 + 30 + 2 + 1 + 1 + 1
    with SqliteStore(path) as fresh:
        assert fresh.load(first.map_id, 4).map == mine
        assert fresh.stored_json(first.map_id, 4) == mine.model_dump_json(exclude_none=True)
