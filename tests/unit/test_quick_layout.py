"""netmap.layout.quick_layout: the light mode's layout keeps every distance, is fast,
and keeps markers apart where the angle room at their radius allows."""

from __future__ import annotations

import math
import random
import time

import pytest

from netmap.geometry import radius_of, sector_at, wedge_of
from netmap.layout import MAP_RADIUS, SIZES, Placed, quick_layout
from netmap.model import Person, Sector
from tests.sharing_maps import big_map

_SECTORS = list(Sector)


def _persons(count: int, seed: int = 3) -> list[Person]:
    rng = random.Random(seed)
    return [
        Person(
            id=f"q{i}",
            name=f"Testperson {i}",
            sector=_SECTORS[i % len(_SECTORS)],
            distance=round(rng.uniform(0.05, 1.0), 3),
        )
        for i in range(count)
    ]


def _overlaps(drawn: list[Placed]) -> int:
    return sum(
        1
        for i, a in enumerate(drawn)
        for b in drawn[i + 1 :]
        if max(abs(a.x - b.x), abs(a.y - b.y)) < (a.size + b.size) / 2
    )


@pytest.mark.parametrize("count", [60, 300, 2000])
def test_qlay001_every_person_is_drawn_at_their_own_distance_in_their_sector(count: int) -> None:
    persons = _persons(count)
    drawn = quick_layout(persons)
    assert set(drawn) == {p.id for p in persons}
    for person in persons:
        placed = drawn[person.id]
        assert math.hypot(placed.x, placed.y) == pytest.approx(
            radius_of(person.distance) * MAP_RADIUS, abs=1e-6
        )
        angle = math.degrees(math.atan2(-placed.x, -placed.y)) % 360.0
        assert sector_at(angle) is person.sector


@pytest.mark.parametrize(
    ("count", "distance"), [(5, 0.2), (7, 0.5), (10, 0.9), (4, 0.05), (9, 0.75)]
)
def test_qlay002_no_two_markers_overlap_where_the_angle_room_allows(
    count: int, distance: float
) -> None:
    # All at one distance: the room is the arc of that radius in the wedge.
    radius = radius_of(distance) * MAP_RADIUS
    start, end = wedge_of(Sector.KIN)
    assert count * (SIZES[-1] + 5) * 1.415 <= math.radians(end - start) * radius
    persons = [
        Person(id=f"x{i}", name=f"X{i}", sector="kin", distance=distance) for i in range(count)
    ]
    assert _overlaps(list(quick_layout(persons).values())) == 0


def test_qlay003_a_small_spread_map_has_no_overlaps_and_big_markers() -> None:
    drawn = list(quick_layout(_persons(60)).values())
    assert _overlaps(drawn) == 0
    assert max(p.size for p in drawn) == SIZES[0]


def test_qlay004_a_person_placed_by_hand_keeps_the_angle_when_it_is_free() -> None:
    persons = [
        *_persons(40),
        Person(id="hand", name="Hånd", sector="leisure", distance=0.6, angle=170.0),
    ]
    placed = quick_layout(persons)["hand"]
    angle = math.degrees(math.atan2(-placed.x, -placed.y)) % 360.0
    assert angle == pytest.approx(170.0, abs=3.0)


def test_qlay005_labels_are_the_name_below_the_marker_with_the_full_text_kept() -> None:
    person = big_map(3).persons[0]
    placed = quick_layout([person])[person.id]
    assert placed.compact and not placed.leader
    assert placed.label.replace("\n", " ") == person.name
    assert person.role and person.role in placed.full.replace("\n", " ")
    assert placed.label_dx == 0 and placed.label_dy > placed.size / 2


def test_qlay006_two_thousand_persons_are_placed_fast() -> None:
    persons = _persons(2000, seed=11)
    quick_layout(_persons(50))  # numpy warmed up
    started = time.perf_counter()
    drawn = quick_layout(persons)
    elapsed = time.perf_counter() - started
    assert len(drawn) == 2000
    # The full layout takes tens of seconds here; the quick one well under 2 s
    # even on a shared 2-core machine (about 0.3 s alone).
    assert elapsed < 2.0, elapsed
