"""Geometry of the map, against values computed by hand.

The wedges follow DOMAIN.md's sector order (family, kin, leisure,
work_school, professional), 72° each, counter-clockwise from 12 o'clock;
rings at 1/3, 2/3, 1. x to the right, y up. A distance d is drawn at radius
r = 0.25 + 0.75·d (the patient sits inside the inner circle of radius 0.25),
so d = 1/3 → 0.5, d = 1/2 → 0.625, d = 2/3 → 0.75, d = 1 → 1.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netmap.geometry import (
    INNER_RADIUS,
    MIN_DISTANCE,
    RINGS,
    default_angles,
    distance_of,
    effective_angles,
    placement_at,
    position_of,
    radius_of,
    sector_at,
    wedge_of,
)
from netmap.layout import layout, positions
from netmap.model import Person, Sector

S3 = math.sqrt(3) / 2  # sin 60° = cos 30°


def test_geo001_wedges_in_domain_order_72_degrees_each() -> None:
    assert [wedge_of(s) for s in Sector] == [
        (0.0, 72.0),
        (72.0, 144.0),
        (144.0, 216.0),
        (216.0, 288.0),
        (288.0, 360.0),
    ]
    assert RINGS == (1 / 3, 2 / 3, 1.0)


@pytest.mark.parametrize(
    ("angle", "sector"),
    [
        (0.0, Sector.FAMILY),
        (36.0, Sector.FAMILY),
        (72.0, Sector.KIN),
        (143.999, Sector.KIN),
        (180.0, Sector.LEISURE),
        (250.0, Sector.WORK_SCHOOL),
        (300.0, Sector.PROFESSIONAL),
        (359.999, Sector.PROFESSIONAL),
        (360.0, Sector.FAMILY),
        (-30.0, Sector.PROFESSIONAL),
    ],
)
def test_geo002_sector_at_angle(angle: float, sector: Sector) -> None:
    assert sector_at(angle) is sector


@pytest.mark.parametrize(
    ("sector", "distance", "angle", "point"),
    [
        # 12 o'clock, half-way out: r = 0.25 + 0.75 * 0.5 = 0.625.
        (Sector.FAMILY, 0.5, 0.0, (0.0, 0.625)),
        # 60° counter-clockwise from 12: up and to the left.
        (Sector.FAMILY, 1.0, 60.0, (-S3, 0.5)),
        # 9 o'clock.
        (Sector.KIN, 1.0, 90.0, (-1.0, 0.0)),
        # 6 o'clock, a third out: r = 0.25 + 0.25 = 0.5.
        (Sector.LEISURE, 1 / 3, 180.0, (0.0, -0.5)),
        # 240°: down and to the right (4 o'clock).
        (Sector.WORK_SCHOOL, 1.0, 240.0, (S3, -0.5)),
        # 3 o'clock, r = 0.625.
        (Sector.WORK_SCHOOL, 0.5, 270.0, (0.625, 0.0)),
        # Close to the patient: r = 0.25 + 0.75 * 0.2 = 0.4, still clear of the centre.
        (Sector.FAMILY, 0.2, 0.0, (0.0, 0.4)),
        # 330°: up and to the right (1 o'clock).
        (Sector.PROFESSIONAL, 1.0, 330.0, (0.5, S3)),
    ],
)
def test_geo003_position_of_hand_computed(
    sector: Sector, distance: float, angle: float, point: tuple[float, float]
) -> None:
    x, y = position_of(sector, distance, angle)
    assert x == pytest.approx(point[0], abs=1e-12)
    assert y == pytest.approx(point[1], abs=1e-12)


def test_geo004_no_angle_or_angle_outside_wedge_uses_the_middle_of_the_wedge() -> None:
    # Kin's wedge is 72°–144°: the middle is 108°.
    expected = (-math.sin(math.radians(108)), math.cos(math.radians(108)))
    assert position_of(Sector.KIN, 1.0) == pytest.approx(expected)
    # 10° lies in the family wedge, not in kin's: the sector wins.
    assert position_of(Sector.KIN, 1.0, 10.0) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        # d = (r - 0.25) / 0.75.
        ((0.0, 0.625), (Sector.FAMILY, 0.5, 0.0)),
        ((-1.0, 0.0), (Sector.KIN, 1.0, 90.0)),
        ((0.0, -0.4375), (Sector.LEISURE, 0.25, 180.0)),
        ((0.5, 0.0), (Sector.WORK_SCHOOL, 1 / 3, 270.0)),
        ((0.5, S3), (Sector.PROFESSIONAL, 1.0, 330.0)),
        # Beyond the outer ring: clamped to it, the direction kept.
        ((0.0, 3.0), (Sector.FAMILY, 1.0, 0.0)),
        # On the patient: just outside the centre, distance > 0 as the model needs.
        ((0.0, 0.0), (Sector.FAMILY, MIN_DISTANCE, 0.0)),
        # Inside the inner circle (r = 0.2 < 0.25): the same.
        ((0.0, -0.2), (Sector.LEISURE, MIN_DISTANCE, 180.0)),
    ],
)
def test_geo005_placement_at_hand_computed(
    point: tuple[float, float], expected: tuple[Sector, float, float]
) -> None:
    sector, distance, angle = placement_at(*point)
    assert sector is expected[0]
    assert distance == pytest.approx(expected[1])
    assert angle == pytest.approx(expected[2])


def test_geo006_placement_rejects_non_finite_points() -> None:
    with pytest.raises(ValueError):
        placement_at(float("nan"), 0.0)
    with pytest.raises(ValueError):
        placement_at(0.0, float("inf"))


@given(
    st.floats(-2, 2, allow_nan=False),
    st.floats(-2, 2, allow_nan=False),
)
def test_geo007_placement_round_trips_through_position(x: float, y: float) -> None:
    sector, distance, angle = placement_at(x, y)
    assert 0 < distance <= 1
    assert 0 <= angle < 360
    px, py = position_of(sector, distance, angle)
    if INNER_RADIUS + 0.75 * MIN_DISTANCE <= math.hypot(x, y) <= 1:
        assert (px, py) == pytest.approx((x, y), abs=1e-9)
    # Whatever the point, the result lies on the ray from the centre through it.
    if math.hypot(x, y) > 1e-9:
        assert math.atan2(py, px) == pytest.approx(math.atan2(y, x), abs=1e-6) or (
            abs(abs(math.atan2(py, px) - math.atan2(y, x)) - 2 * math.pi) < 1e-6
        )


def test_geo008_default_angles_spread_evenly_inside_the_wedge() -> None:
    assert default_angles(Sector.FAMILY, 1) == [36.0]
    assert default_angles(Sector.LEISURE, 2) == [168.0, 192.0]
    assert default_angles(Sector.PROFESSIONAL, 3) == [306.0, 324.0, 342.0]
    assert default_angles(Sector.KIN, 0) == []


def _p(pid: str, sector: str, distance: float, angle: float | None = None) -> Person:
    return Person(id=pid, name=pid, sector=sector, distance=distance, angle=angle)


def test_geo009_effective_angles_keep_own_angles_and_spread_the_rest_per_band() -> None:
    persons = [
        _p("a", "professional", 0.2),
        _p("b", "professional", 0.25),
        _p("c", "professional", 0.9, angle=300.0),
        _p("d", "professional", 0.9),
        _p("e", "family", 0.5, angle=200.0),  # outside family's wedge: spread
    ]
    assert effective_angles(persons) == {
        "a": 312.0,  # close band, 2 persons: 288 + 24, 288 + 48
        "b": 336.0,
        "c": 300.0,  # its own angle
        "d": 324.0,  # distant band, alone: the middle
        "e": 36.0,  # the middle of family's wedge
    }


def test_geo010_positions_of_persons() -> None:
    points = positions([_p("a", "leisure", 0.5), _p("b", "kin", 1.0, angle=90.0)])
    # Alone in its wedge: the middle (180°), r = 0.625.
    assert points["a"] == pytest.approx((0.0, -0.625), abs=1e-12)
    assert points["b"] == pytest.approx((-1.0, 0.0), abs=1e-12)


def test_geo011_rings_and_radii_follow_one_formula() -> None:
    assert INNER_RADIUS == 0.25
    assert [radius_of(r) for r in RINGS] == pytest.approx([0.5, 0.75, 1.0])
    assert radius_of(0.0) == pytest.approx(0.25)
    assert radius_of(0.2) == pytest.approx(0.4)
    assert distance_of(0.4375) == pytest.approx(0.25)
    assert distance_of(0.75) == pytest.approx(2 / 3)


@given(st.floats(MIN_DISTANCE, 1.0), st.floats(0.0, 359.999))
def test_geo012_position_and_placement_are_exact_inverses(distance: float, angle: float) -> None:
    sector = sector_at(angle)
    back = placement_at(*position_of(sector, distance, angle))
    assert back[0] is sector
    assert back[1] == pytest.approx(distance, abs=1e-9)
    assert back[2] == pytest.approx(angle, abs=1e-6) or abs(back[2] - angle) > 359.99


def _angle(point: tuple[float, float]) -> float:
    return math.degrees(math.atan2(-point[0], point[1])) % 360.0


def test_geo013_the_close_band_of_the_demo_is_spread_apart() -> None:
    # The Sofie seed: Mor 0.2 (family); Mette 0.25, Ali 0.3 (close band) and
    # Birgitte 0.35 (middle band) in the professional wedge, none with an angle.
    persons = [
        _p("mor", "family", 0.2),
        _p("bostotte", "professional", 0.25),
        _p("ips", "professional", 0.3),
        _p("sr", "professional", 0.35),
    ]
    points = positions(persons)
    for a, b in [("bostotte", "ips"), ("bostotte", "sr"), ("ips", "sr"), ("mor", "sr")]:
        dx = abs(points[a][0] - points[b][0])
        dy = abs(points[a][1] - points[b][1])
        # Apart by at least a full-size marker (34 px = 0.136) across or down;
        # their labels are placed by netmap.layout (tests/unit/test_layout.py).
        assert max(dx, dy) >= 0.136, (a, b)
    for person in persons:
        # Drawn at the radius of its own distance, in its own sector.
        assert math.hypot(*points[person.id]) == pytest.approx(radius_of(person.distance))
        assert sector_at(_angle(points[person.id])) is person.sector
    # Nobody sits on the patient (radius 0.25 holds the patient's node).
    assert min(math.hypot(*p) for p in points.values()) >= 0.25


def test_geo014_a_crowded_close_band_gives_every_person_a_point_of_their_own() -> None:
    persons = [_p(f"x{i}", "leisure", 0.05 + 0.025 * i) for i in range(12)]
    points = positions(persons)
    values = list(points.values())
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            # 0.05 map units = 12 px: the nodes may touch, never coincide.
            assert math.dist(a, b) >= 0.05
    for person in persons:
        assert 0.25 <= math.hypot(*points[person.id]) <= 0.5
        assert sector_at(_angle(points[person.id])) is Sector.LEISURE
    # Drawing changes nothing stored.
    assert [p.distance for p in persons] == pytest.approx([0.05 + 0.025 * i for i in range(12)])


def test_geo015_long_labels_do_not_run_into_each_other() -> None:
    # The Sofie seed's professionals with their roles: "Bostøttemedarbejder"
    # is one word of 19 letters, about 125 px at 12.5 px; the labels are
    # placed (beside the marker, or apart with a leader line) so that no two
    # boxes overlap, each box as wide as its longest line.
    roles = {"bostotte": "Bostøttemedarbejder", "ips": "IPS-konsulent", "sr": "Socialrådgiver"}
    names = {"bostotte": "Mette Dahl", "ips": "Ali Hassan", "sr": "Birgitte Møller"}
    distances = {"bostotte": 0.25, "ips": 0.3, "sr": 0.35}
    persons = [
        Person(id=i, name=names[i], role=roles[i], sector="professional", distance=distances[i])
        for i in roles
    ]
    drawn = layout(persons)
    for a, b in [("bostotte", "ips"), ("bostotte", "sr"), ("ips", "sr")]:
        one, other = drawn[a].label_box, drawn[b].label_box
        apart = one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
        assert apart, (a, b, one, other)
    for person_id, placed in drawn.items():
        width = max(len(names[person_id]), len(roles[person_id])) * 0.57 * 12.5
        assert placed.label_box[2] - placed.label_box[0] >= width, person_id
