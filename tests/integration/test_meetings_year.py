"""A year of meetings in the store: 60 persons, 12 meetings, and the diff from first to last."""

from __future__ import annotations

import datetime as dt

from netmap.analysis.diff import diff
from netmap.editing import parse_edit
from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore

SECTORS = ("family", "kin", "leisure", "work_school", "professional")


def _start() -> NetworkMap:
    persons = [
        Person(id=f"n{i}", name=f"Person {i}", sector=SECTORS[i % 5], distance=0.1 + 0.01 * i)
        for i in range(60)
    ]
    return NetworkMap(patient=Patient(id="p0", name="Testa Testesen"), persons=persons)


def test_year001_twelve_meetings_and_the_diff_from_first_to_last(store: SqliteStore) -> None:
    stored = store.create(_start(), author="test")
    map_id = stored.map_id

    def edit(**payload: object) -> None:
        nonlocal stored
        changed = parse_edit(payload).apply(stored.map)
        stored = store.save(map_id, changed, base_version=stored.version, author="test")

    for month in range(1, 13):
        edit(kind="add_meeting", date=dt.date(2026, month, 10).isoformat(), meeting_kind="other")
        meeting = f"m{month}"
        # Before each meeting one person moves to the outer ring.
        person = f"n{month * 4}"
        edit(kind="move_person", id=person, sector=SECTORS[month * 4 % 5], distance=1.0)
        edit(kind="mark_meeting_ready", meeting=meeting, version=stored.version)
        edit(kind="record_meeting", meeting=meeting, attended=["p0", person])
    edit(kind="add_person", id="ny", name="Ny Person", sector="leisure", distance=0.5)

    history = store.history(map_id)
    assert len(history) == 1 + 12 * 4 + 1
    first, last = store.load(map_id, 1).map, store.load(map_id).map
    assert [m.id for m in last.meetings] == [f"m{i}" for i in range(1, 13)]
    assert all(m.held and m.prepared_with is not None for m in last.meetings)
    found = diff(first, last, from_version=1, to_version=stored.version, as_of=dt.date(2027, 1, 1))
    moved = [f"n{month * 4}" for month in range(1, 13)]
    assert [m.id for m in found.moved] == moved
    assert all(m.to_distance == 1.0 and m.to_band.value == "distant" for m in found.moved)
    assert found.persons_added == ["ny"] and found.persons_removed == []
    assert found.sector_changed == found.details_changed == found.answers_changed == []
    # Since the last meeting's version only the new person.
    since = diff(store.load(map_id, last.meetings[-1].prepared_with or 1).map, last)
    assert since.persons_added == ["ny"] and since.moved == []
