"""Geometry of the map, against values computed by hand.

The wedges follow DOMAIN.md's sector order (family, kin, leisure,
work_school, professional), 72° each, counter-clockwise from 12 o'clock;
rings at 1/3, 2/3, 1. x to the right, y up.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netmap.geometry import (
    MIN_DISTANCE,
    RINGS,
    default_angles,
    effective_angles,
    placement_at,
    position_of,
    positions,
    sector_at,
    wedge_of,
)
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
        # 12 o'clock, half-way out.
        (Sector.FAMILY, 0.5, 0.0, (0.0, 0.5)),
        # 60° counter-clockwise from 12: up and to the left.
        (Sector.FAMILY, 1.0, 60.0, (-S3, 0.5)),
        # 9 o'clock.
        (Sector.KIN, 1.0, 90.0, (-1.0, 0.0)),
        # 6 o'clock, a third out.
        (Sector.LEISURE, 1 / 3, 180.0, (0.0, -1 / 3)),
        # 240°: down and to the right (4 o'clock).
        (Sector.WORK_SCHOOL, 1.0, 240.0, (S3, -0.5)),
        # 3 o'clock.
        (Sector.WORK_SCHOOL, 0.5, 270.0, (0.5, 0.0)),
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
        ((0.0, 0.5), (Sector.FAMILY, 0.5, 0.0)),
        ((-1.0, 0.0), (Sector.KIN, 1.0, 90.0)),
        ((0.0, -0.25), (Sector.LEISURE, 0.25, 180.0)),
        ((0.5, 0.0), (Sector.WORK_SCHOOL, 0.5, 270.0)),
        ((0.5, S3), (Sector.PROFESSIONAL, 1.0, 330.0)),
        # Beyond the outer ring: clamped to it, the direction kept.
        ((0.0, 3.0), (Sector.FAMILY, 1.0, 0.0)),
        # On the patient: just outside the centre, distance > 0 as the model needs.
        ((0.0, 0.0), (Sector.FAMILY, MIN_DISTANCE, 0.0)),
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
    if MIN_DISTANCE <= math.hypot(x, y) <= 1:
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
    assert points["a"] == pytest.approx((0.0, -0.5), abs=1e-12)
    assert points["b"] == pytest.approx((-1.0, 0.0), abs=1e-12)
