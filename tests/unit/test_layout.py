"""netmap.layout: crowded maps stay readable, and every distance is kept as drawn."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.geometry import SECTOR_ORDER, radius_of, sector_at
from netmap.i18n import t
from netmap.layout import (
    _HARD_WEIGHT,
    _MARKER_WEIGHT,
    FRAME,
    MAP_RADIUS,
    PATIENT_SIZE,
    SIZES,
    Placed,
    _apart,
    _apart_spots,
    _Bitmap,
    _boxes,
    label_lines,
    layout,
    sector_label_box,
)
from netmap.model import Band, Person, Sector, band_of
from tests.e2e.test_map_readable import close_band_map, sixty_person_map
from tests.sharing_maps import big_map, demo_map

#: The border cytoscape draws outside a marker's size (mapview: border-width 2, and 6
#: for a chosen person, whose box may then touch a neighbour's).
BORDER = 2.0
NAMES = {sector: t(f"sector.{sector.value}", "da") for sector in SECTOR_ORDER}


def _box(placed: Placed) -> tuple[float, float, float, float]:
    half = placed.size / 2 + BORDER
    return (placed.x - half, placed.y - half, placed.x + half, placed.y + half)


def _overlap(a: tuple[float, ...], b: tuple[float, ...], slack: float = 0.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def _marker_pairs(drawn: dict[str, Placed]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for (a, pa), (b, pb) in itertools.combinations(drawn.items(), 2)
        if _overlap(_box(pa), _box(pb))
    ]


def _label_pairs(drawn: dict[str, Placed]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for (a, pa), (b, pb) in itertools.combinations(drawn.items(), 2)
        # More than a hair (1 px), as the browser test counts them.
        if _overlap(pa.label_box, pb.label_box, slack=1.0)
    ]


def _angle(placed: Placed) -> float:
    return math.degrees(math.atan2(-placed.x, -placed.y)) % 360.0


def _check_markers(persons: list[Person], drawn: dict[str, Placed]) -> None:
    """No two markers overlap, none covers the patient or a sector name, each is in
    its own sector and band, at its own radius unless drawn very small."""
    assert _marker_pairs(drawn) == []
    patient = (-PATIENT_SIZE / 2, -PATIENT_SIZE / 2, PATIENT_SIZE / 2, PATIENT_SIZE / 2)
    names = [sector_label_box(sector, text) for sector, text in NAMES.items()]
    for person in persons:
        placed = drawn[person.id]
        assert not _overlap(_box(placed), patient), person.id
        assert not any(_overlap(_box(placed), name) for name in names), person.id
        assert sector_at(_angle(placed)) is person.sector, person.id
        radius = math.hypot(placed.x, placed.y) / MAP_RADIUS
        if placed.size > SIZES[-2]:  # only the two smallest sizes move in or out
            assert radius == pytest.approx(radius_of(person.distance)), person.id
        low, high = {
            Band.CLOSE: (0.25, 0.5),
            Band.MIDDLE: (0.5, 0.75),
            Band.DISTANT: (0.75, 1.0),
        }[band_of(person.distance)]
        assert low - 1e-9 <= radius <= high + 1e-9, person.id


_SECTOR = st.sampled_from(list(Sector))


@st.composite
def crowded_maps(draw: st.DrawFn) -> list[Person]:
    """Up to 40 persons, up to 15 of them in one sector's close band, some placed by hand."""
    crowd_sector = draw(_SECTOR)
    crowd = draw(st.integers(0, 15))
    same = draw(st.booleans())  # all the crowd at one distance (as the add form puts them)
    persons = []
    for i in range(crowd):
        distance = 0.2 if same else draw(st.floats(0.05, 1 / 3))
        persons.append(Person(id=f"c{i}", name=f"Tæt {i}", sector=crowd_sector, distance=distance))
    for i in range(draw(st.integers(0, 25))):
        sector = draw(_SECTOR)
        start = SECTOR_ORDER.index(sector) * 72.0
        angle = draw(st.none() | st.floats(start, start + 71.9))
        band = draw(st.sampled_from([(0.34, 2 / 3), (0.67, 1.0)]))
        persons.append(
            Person(
                id=f"o{i}",
                name=draw(st.sampled_from(["Bo", "Ali Hassan", "Birgitte Møller"])),
                role=draw(st.none() | st.sampled_from(["Mor", "Bostøttemedarbejder"])),
                sector=sector,
                distance=draw(st.floats(*band)),
                angle=angle,
            )
        )
    return persons


@settings(max_examples=60, deadline=None)
@given(crowded_maps())
def test_lay001_no_two_markers_overlap_on_crowded_maps(persons: list[Person]) -> None:
    drawn = layout(persons, NAMES)
    assert set(drawn) == {p.id for p in persons}
    _check_markers(persons, drawn)
    for placed in drawn.values():
        box = placed.label_box
        assert FRAME[0] - 1 <= box[0] and box[2] <= FRAME[2] + 1  # inside the fitted view


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("sixty", sixty_person_map),
        ("close_band", close_band_map),
        ("close_band_same_distance", lambda: close_band_map(same_distance=True)),
        ("demo", demo_map),
    ],
)
def test_lay002_the_test_maps_are_readable(name: str, build: object) -> None:
    network_map = build()  # type: ignore[operator]
    drawn = layout(network_map.persons, NAMES)
    _check_markers(list(network_map.persons), drawn)
    # The browser test measures the same on the screen (tests/e2e/test_map_readable.py).
    assert len(_label_pairs(drawn)) <= len(network_map.persons) // 10, name


def test_lay003_a_two_hundred_person_map_gets_a_marker_each_without_overlap() -> None:
    persons = list(big_map(200).persons)
    _check_markers(persons, layout(persons, NAMES))


def test_lay004_a_crowded_band_is_drawn_smaller_and_compact_with_the_full_label_kept() -> None:
    drawn = layout(close_band_map(same_distance=True).persons, NAMES)
    crowd = [drawn[f"f{i}"] for i in range(15)]
    # The whole band is drawn at one smaller size, the rest of the map full size.
    assert len({p.size for p in crowd}) == 1
    assert crowd[0].size < SIZES[0]
    assert drawn["ven"].size == SIZES[0]
    # Labels apart from their marker have a leader line; a compact label is the name
    # alone, and the full label (name, role, marks) is kept for hover, focus or tap.
    assert any(p.leader for p in crowd)
    for person in close_band_map(same_distance=True).persons:
        placed = drawn[person.id]
        assert placed.full == label_lines(person)
        assert placed.label in (label_lines(person), label_lines(person, compact=True))
        assert placed.compact is (placed.label != placed.full)


def test_lay005_a_person_placed_by_hand_keeps_the_spot_when_it_is_free() -> None:
    alone = Person(id="a", name="A", sector="kin", distance=0.5, angle=100.0)
    placed = layout([alone])["a"]
    theta = math.radians(100.0)
    r = radius_of(0.5) * MAP_RADIUS
    assert (placed.x, placed.y) == pytest.approx((-r * math.sin(theta), -r * math.cos(theta)))
    # Two placed on the same spot: the second moves along the band, same radius.
    twin = alone.model_copy(update={"id": "b"})
    both = layout([alone, twin])
    assert (both["a"].x, both["a"].y) == pytest.approx((placed.x, placed.y))
    assert math.hypot(both["b"].x, both["b"].y) == pytest.approx(r)
    assert _marker_pairs(both) == []


def test_lay006_the_layout_changes_no_stored_distance() -> None:
    persons = list(close_band_map(same_distance=True).persons)
    before = [p.model_dump() for p in persons]
    layout(persons, NAMES)
    assert [p.model_dump() for p in persons] == before


@settings(max_examples=40, deadline=None)
@given(
    boxes=st.lists(
        st.tuples(st.floats(-330, 320), st.floats(-310, 320), st.floats(0, 90), st.floats(0, 50)),
        min_size=1,
        max_size=30,
    ),
    spots=st.lists(
        st.tuples(st.floats(-330, 320), st.floats(-310, 320), st.floats(0, 120), st.floats(0, 60)),
        min_size=1,
        max_size=40,
    ),
)
def test_lay007_many_boxes_at_once_count_as_one_by_one(
    boxes: list[tuple[float, float, float, float]],
    spots: list[tuple[float, float, float, float]],
) -> None:
    # The label search asks the bitmap about hundreds of spots at once
    # (counts); it must find exactly what asking one by one (taken) finds.
    bitmap = _Bitmap()
    bitmap.add_circle(0.0, 0.0, 29.5)
    for x, y, w, h in boxes:
        bitmap.add_box((x, y, x + w, y + h))
    asked = [(x, y, x + w, y + h) for x, y, w, h in spots]
    assert bitmap.counts(np.array(asked)).tolist() == [bitmap.taken(box) for box in asked]


@pytest.mark.parametrize("many", [False, True])
def test_lay008_the_spots_apart_are_those_of_the_generator(many: bool) -> None:
    for x, y in ((0.0, 0.0), (-17.5, -134.7), (201.3, 66.2)):
        xs, ys = _apart_spots(x, y, 9.0, 55.0, 14.5, many)
        assert list(zip(xs.tolist(), ys.tolist(), strict=True)) == list(
            _apart(x, y, 9.0, 55.0, 14.5, many)
        )


def _labels_under_markers(drawn: dict[str, Placed]) -> list[tuple[str, str]]:
    """A label over another person's marker (its box with the border), model coordinates."""
    return [
        (a, b)
        for a, pa in drawn.items()
        for b, pb in drawn.items()
        if a != b and _overlap(pa.label_box, _box(pb), slack=0.5)
    ]


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("sixty", sixty_person_map),
        ("close_band", close_band_map),
        ("close_band_same_distance", lambda: close_band_map(same_distance=True)),
        ("demo", demo_map),
    ],
)
def test_lay009_no_label_lies_under_another_persons_marker(name: str, build: object) -> None:
    # Other persons' markers (and the patient) are obstacles for a label; the
    # 60-person map had 36 labels partly under another marker before.
    network_map = build()  # type: ignore[operator]
    drawn = layout(network_map.persons, NAMES)
    assert _labels_under_markers(drawn) == [], name
    patient = (-PATIENT_SIZE / 2, -PATIENT_SIZE / 2, PATIENT_SIZE / 2, PATIENT_SIZE / 2)
    assert not [pid for pid, p in drawn.items() if _overlap(p.label_box, patient)], name


@settings(max_examples=30, deadline=None)
@given(crowded_maps())
def test_lay010_labels_avoid_other_markers_where_the_room_allows(persons: list[Person]) -> None:
    # Crowded maps of up to 40 persons: at most one label in ten under another marker.
    drawn = layout(persons, NAMES)
    assert len(_labels_under_markers(drawn)) <= max(1, len(persons) // 10)


_TAKEN = st.lists(
    st.tuples(st.floats(-330, 320), st.floats(-310, 320), st.floats(0, 90), st.floats(0, 50)),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(
    taken=st.tuples(_TAKEN, _TAKEN, _TAKEN),
    spots=st.lists(st.tuples(st.floats(-420, 420), st.floats(-300, 320)), min_size=1, max_size=40),
    size=st.tuples(st.floats(1, 120), st.floats(1, 60)),
)
def test_lay011_a_big_maps_spots_asked_one_by_one_are_those_numpy_finds(
    taken: tuple[list[tuple[float, float, float, float]], ...],
    spots: list[tuple[float, float]],
    size: tuple[float, float],
) -> None:
    # A big map's label search asks about its few spots one by one (first_free,
    # least_taken); they must pick the spot that counts and weighted pick.
    obstacles, hard, markers = _Bitmap(), _Bitmap(), _Bitmap()
    for bitmap, boxes in zip((obstacles, hard, markers), taken, strict=True):
        for x, y, w, h in boxes:
            bitmap.add_box((x, y, x + w, y + h))
    w, h = size
    boxes, inside = _boxes((np.array([s[0] for s in spots]), np.array([s[1] for s in spots])), w, h)
    free = np.flatnonzero(inside & (obstacles.counts(boxes) == 0))
    assert obstacles.first_free(spots, w, h) == (spots[int(free[0])] if free.size else None)
    among = np.flatnonzero(inside)
    weights = ((hard, _HARD_WEIGHT), (markers, _MARKER_WEIGHT), (obstacles, 1))
    least = None
    if among.size:
        least = int(among[np.argmin(obstacles.weighted(boxes[among], weights))])
    assert obstacles.least_taken(spots, w, h, hard, markers) == least
