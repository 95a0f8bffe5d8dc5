"""Where a person sits on the map, and what a point on the map means.

The map is a unit circle around the patient (DOMAIN.md, "The map"; seed 001,
appendix "Netværket i Patientens team"). Five sectors (felter) are equal
wedges of 72°, in the fixed order of :class:`~netmap.model.Sector`, the first
starting at 12 o'clock and running counter-clockwise, the same direction as
``Person.angle``. Three rings at the band limits 1/3, 2/3 and 1 guide the eye;
the distance itself is continuous in (0, 1].

The patient sits inside an inner circle of radius :data:`INNER_RADIUS`, and a
distance d is drawn at radius ``INNER_RADIUS + d * (1 - INNER_RADIUS)``
(:func:`radius_of`, inverted by :func:`distance_of`). Without that offset the
persons closest to the patient (often the most important ones) would be drawn
on top of the patient and of each other.

Coordinates are mathematical: x to the right, y **up**, the patient at
(0, 0) and the outer ring (distance 1) at radius 1. A screen with y pointing down (like
cytoscape) flips the sign of y.

This module is pure (no Dash, no drawing) so that the app, the exporters and
the tests agree on one geometry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from netmap.model import Band, Person, Sector, band_of

__all__ = [
    "INNER_RADIUS",
    "MIN_DISTANCE",
    "RINGS",
    "SECTOR_ORDER",
    "WEDGE_DEGREES",
    "angle_in_wedge",
    "default_angles",
    "distance_of",
    "effective_angles",
    "placement_at",
    "position_of",
    "radius_of",
    "sector_at",
    "wedge_of",
]

#: The drawing order of the sectors, counter-clockwise from 12 o'clock.
SECTOR_ORDER: tuple[Sector, ...] = tuple(Sector)
WEDGE_DEGREES = 360.0 / len(SECTOR_ORDER)
#: The three guide rings (band limits, DOMAIN.md): close, middle, distant.
RINGS: tuple[float, float, float] = (1 / 3, 2 / 3, 1.0)
#: A drop right on the patient still needs a distance > 0 (the model's rule).
MIN_DISTANCE = 0.05
#: Radius of the inner circle around the patient: distance 0 is drawn here.
INNER_RADIUS = 0.25


def radius_of(distance: float) -> float:
    """The drawn radius of a distance: ``INNER_RADIUS + distance * (1 - INNER_RADIUS)``.

    >>> radius_of(0.0), radius_of(1 / 3), radius_of(2 / 3), radius_of(1.0)
    (0.25, 0.5, 0.75, 1.0)
    """
    return INNER_RADIUS + distance * (1.0 - INNER_RADIUS)


def distance_of(radius: float) -> float:
    """The distance drawn at ``radius`` (the inverse of :func:`radius_of`, not clamped).

    >>> distance_of(0.625)
    0.5
    """
    return (radius - INNER_RADIUS) / (1.0 - INNER_RADIUS)


def wedge_of(sector: Sector) -> tuple[float, float]:
    """The wedge of a sector as (start, end) in degrees counter-clockwise from 12.

    >>> wedge_of(Sector.FAMILY)
    (0.0, 72.0)
    >>> wedge_of(Sector.PROFESSIONAL)
    (288.0, 360.0)
    """
    index = SECTOR_ORDER.index(sector)
    return (index * WEDGE_DEGREES, (index + 1) * WEDGE_DEGREES)


def sector_at(angle: float) -> Sector:
    """The sector whose wedge holds ``angle`` (degrees, any value; taken mod 360).

    A boundary belongs to the wedge that starts there.

    >>> sector_at(0.0).value, sector_at(71.9).value, sector_at(72.0).value
    ('family', 'family', 'kin')
    >>> sector_at(-1.0).value
    'professional'
    """
    normal = angle % 360.0
    index = min(int(normal // WEDGE_DEGREES), len(SECTOR_ORDER) - 1)
    return SECTOR_ORDER[index]


def angle_in_wedge(sector: Sector, angle: float) -> bool:
    """Whether ``angle`` lies inside the wedge of ``sector``."""
    return sector_at(angle) is sector


def position_of(sector: Sector, distance: float, angle: float | None = None) -> tuple[float, float]:
    """The point (x, y), y up, for a sector, a distance and an optional angle.

    Without an angle, or with one outside the sector's wedge (the sector is
    the truth, e.g. after a form changed it), the middle of the wedge is used.

    >>> x, y = position_of(Sector.FAMILY, 0.5, 0.0)
    >>> round(x, 9) == 0.0, round(y, 9)
    (True, 0.625)
    >>> x, y = position_of(Sector.KIN, 1.0, 90.0)
    >>> round(x, 9), round(y, 9)
    (-1.0, 0.0)
    """
    if angle is None or not angle_in_wedge(sector, angle):
        start, end = wedge_of(sector)
        angle = (start + end) / 2
    return _point(radius_of(distance), angle)


def _point(radius: float, angle: float) -> tuple[float, float]:
    theta = math.radians(angle)
    return (-radius * math.sin(theta), radius * math.cos(theta))


def placement_at(x: float, y: float) -> tuple[Sector, float, float]:
    """Sector, distance and angle of a point (x, y), y up, e.g. a drop point.

    The exact inverse of :func:`position_of` inside the map. The distance is
    clamped into [MIN_DISTANCE, 1]: a drop beyond the outer ring lands on it,
    a drop on the patient or inside the inner circle just outside it.

    >>> sector, distance, angle = placement_at(0.0, -0.625)
    >>> sector.value, distance, angle
    ('leisure', 0.5, 180.0)
    >>> placement_at(3.0, 4.0)[1]
    1.0
    """
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"not a point on the map: ({x}, {y})")
    distance = min(max(distance_of(math.hypot(x, y)), MIN_DISTANCE), 1.0)
    angle = math.degrees(math.atan2(-x, y)) % 360.0
    if angle >= 360.0:
        angle = 0.0
    return sector_at(angle), distance, angle


def default_angles(sector: Sector, count: int) -> list[float]:
    """``count`` angles spread evenly inside a sector's wedge, away from its edges.

    >>> default_angles(Sector.FAMILY, 1)
    [36.0]
    >>> default_angles(Sector.KIN, 3)
    [90.0, 108.0, 126.0]
    """
    start, end = wedge_of(sector)
    step = (end - start) / (count + 1)
    return [start + step * (i + 1) for i in range(count)]


def effective_angles(persons: Iterable[Person]) -> dict[str, float]:
    """The angle each person is drawn at, by id.

    A person keeps an angle that lies in their own wedge. The others are
    spread evenly over their sector's wedge, in the order given, separately
    for each band: persons in different bands are already apart by their
    distance, so each band can use the whole wedge.

    >>> people = [Person(id=i, name=i, sector="kin", distance=d) for i, d in
    ...           [("a", 0.2), ("b", 0.9), ("c", 0.3)]]
    >>> effective_angles(people)
    {'a': 96.0, 'c': 120.0, 'b': 108.0}
    """
    result: dict[str, float] = {}
    unplaced: dict[tuple[Sector, Band], list[str]] = {}
    for person in persons:
        if person.angle is not None and angle_in_wedge(person.sector, person.angle):
            result[person.id] = person.angle
        else:
            unplaced.setdefault((person.sector, band_of(person.distance)), []).append(person.id)
    for (sector, _band), ids in unplaced.items():
        for person_id, angle in zip(ids, default_angles(sector, len(ids)), strict=True):
            result[person_id] = angle
    return result


def _band_radii(band: Band) -> tuple[float, float]:
    limits = {Band.CLOSE: (0.0, RINGS[0]), Band.MIDDLE: RINGS[:2], Band.DISTANT: RINGS[1:]}
    low, high = limits[band]
    return radius_of(low), radius_of(high)


#: Room a person needs along a band (map units) before a tight band uses its wedge's edges.
_ROOM_X = 0.3
_SLOTS = 11


def _wide_angles(spread: Sequence[Person]) -> dict[str, float]:
    """Angles for bands too narrow for an even spread: out to the wedge's edges.

    The even spread keeps a gap of one step at both edges; in the close band
    that gap is what two persons need to stand apart, so a band whose even
    spread is tighter than a person's width uses the whole wedge (minus half
    a slot at each edge).
    """
    groups: dict[tuple[Sector, Band], list[str]] = {}
    for person in spread:
        groups.setdefault((person.sector, band_of(person.distance)), []).append(person.id)
    result: dict[str, float] = {}
    for (sector, band), ids in groups.items():
        count = len(ids)
        if count < 2:
            continue
        start, end = wedge_of(sector)
        middle = sum(_band_radii(band)) / 2
        chord = 2 * middle * math.sin(math.radians((end - start) / (count + 1)) / 2)
        if chord >= _ROOM_X:
            continue
        margin = (end - start) / _SLOTS / 2
        step = (end - start - 2 * margin) / (count - 1)
        for i, person_id in enumerate(ids):
            result[person_id] = start + margin + i * step
    return result
