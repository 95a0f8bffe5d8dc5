"""Where every person's marker and label go on the drawn map, so that it stays readable.

:mod:`netmap.geometry` says where a person *belongs* (their sector, their
distance and, if they were placed by hand, their angle). This module draws a
whole map at once so that no two markers overlap, no marker covers the patient
or a sector's name, and the labels run into each other as little as possible
(issue 12: at 60 persons, and with 15 persons in one sector's close band).

The freedom it uses, in this order:

1. **The angle within the sector.** Each person is drawn at the radius of
   their own distance (:func:`netmap.geometry.radius_of`) and, where the
   preferred angle (their own, else the even spread of
   :func:`netmap.geometry.effective_angles`) is taken, at the nearest free
   angle inside their wedge.
2. **Marker size.** Where no angle is free, the marker is drawn smaller
   (:data:`SIZES`).
3. **A few pixels in or out**, only where even the smallest marker finds no
   free angle at the exact radius (many persons at one distance): never out
   of the person's band, and the stored distance is never changed.
4. **Label placement.** A label goes below its marker, else above, beside
   or at a corner; else further out, away from the patient (also outside the
   outer ring, in :data:`FRAME`), with a leader line back to the marker.
   Other persons' markers, the patient and the sector names are obstacles:
   where no spot is free, a label takes the one that covers no sector name
   or patient, then least of another marker, then least of other labels; a
   second pass (:func:`_repair`, maps up to :data:`_BIG` persons) moves the
   labels that still cover something, now that all are known.
5. **A compact form.** A label that finds no free place with its role and
   marks is shortened to the name alone (``compact``); the map shows the full
   label on hover, focus or tap.

Coordinates are the editor's pixels at zoom 1 (:data:`MAP_RADIUS` = the outer
ring), y **down** like cytoscape and the exported pictures. Pure: no Dash.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from netmap.geometry import (
    SECTOR_ORDER,
    _wide_angles,
    angle_in_wedge,
    effective_angles,
    radius_of,
    wedge_of,
)
from netmap.marks import marks_of
from netmap.model import Band, Person, Sector, band_of

__all__ = [
    "FONT_SIZE",
    "FRAME",
    "LINE_HEIGHT",
    "MAP_RADIUS",
    "PATIENT_SIZE",
    "SECTOR_LABEL_RADIUS",
    "SIZES",
    "Placed",
    "label_box",
    "label_lines",
    "layout",
    "positions",
    "quick_layout",
    "sector_label_box",
]

#: Pixels (at zoom 1) of the outer ring's radius.
MAP_RADIUS = 250.0
#: Marker diameters (px), largest first: a marker is drawn smaller only where it must.
SIZES: tuple[float, ...] = (30.0, 24.0, 18.0, 14.0, 10.0)
#: What a crowded band tries, in order: the marker sizes at the exact radius,
#: then a small marker moved a few px in or out within the band before the
#: smallest (which expands on hover).
_ATTEMPTS: tuple[tuple[float, bool], ...] = (
    *((size, False) for size in SIZES[:-1]),
    (SIZES[-2], True),
    (SIZES[-1], False),
    (SIZES[-1], True),
)
#: The patient's marker (px), inside the inner circle (radius 62 px).
PATIENT_SIZE = 54.0
#: The sector names sit this far out (outer ring = 1).
SECTOR_LABEL_RADIUS = 1.13
#: The persons' label font (px at zoom 1): at the editor's default fit on a
#: 1366×768 laptop (zoom ≈ 0.9) that is at least 11 px on the screen.
FONT_SIZE = 12.5
#: Estimated width of one character of a label and the height of one line (px):
#: DejaVu/Noto Sans at 13 px average ≈ 0.58 em; cytoscape's line height is 1 em.
CHAR_WIDTH = 0.57 * FONT_SIZE
LINE_HEIGHT = 1.16 * FONT_SIZE
#: Room kept around a marker (its border and a hair), and around a label.
_MARKER_PAD = 2.5
_LABEL_PAD = 2.0
#: A label line is wrapped at spaces beyond this many characters.
_WRAP = 18
#: Where labels may go (px, y down): the rings' height and a little, so a label
#: never makes the whole map smaller on a laptop's screen (its map is wider
#: than high: 1366×768 fits the map by its height), and wider than the rings,
#: so that a crowded map's labels find room beside the outer ring.
FRAME: tuple[float, float, float, float] = (-400.0, -250.0, 400.0, 292.0)
#: The sector names: bold 17 px, about 9.5 px a character, 22 px high.
_SECTOR_CHAR = 10.5
_SECTOR_HEIGHT = 22.0
#: Steps when looking for a free angle (px along the arc) or radius (px).
_ARC_STEP = 3.0
_RADIAL_STEP = 3.0
#: Beyond this many persons labels look at fewer spots (the search stays fast).
_BIG = 120
#: Where no spot is free, what a label's cell over a sector name or the patient,
#: and over another person's marker, weighs against a cell over another label.
_HARD_WEIGHT = 1_000_000
_MARKER_WEIGHT = 1_000
#: At most this many rounds of moving the labels that cover something (:func:`_repair`).
_REPAIR_ROUNDS = 2

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    """One person as drawn: marker centre and size, and where the label sits.

    ``label_dx``/``label_dy`` is the label's centre relative to the marker's;
    ``leader`` says the label stands apart (draw a line to it); ``compact``
    that it shows the name alone (the full text on hover, focus or tap).
    """

    x: float
    y: float
    size: float
    label: str
    full: str
    label_dx: float
    label_dy: float
    leader: bool
    compact: bool

    @property
    def label_box(self) -> Box:
        """The label's box (px, y down)."""
        return self.box_of(*label_box(self.label))

    def box_of(self, width: float, height: float) -> Box:
        """The label's box (px, y down), given its size (:func:`label_box` of its text)."""
        cx, cy = self.x + self.label_dx, self.y + self.label_dy
        return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def _wrap(text: str) -> list[str]:
    """Break a line at spaces once it is longer than :data:`_WRAP` characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > _WRAP:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines or [text]


def label_lines(person: Person, *, compact: bool = False) -> str:
    """A person's label: name, role and marks on lines of their own (the name alone if compact).

    >>> label_lines(Person(id="a", name="Mor", role="Mor", sector="family", distance=0.2,
    ...                    knows_how_i_am=True))
    'Mor\\nMor\\n♥'
    >>> label_lines(Person(id="a", name="Testperson Nummer7 Æblegård", role="Ven",
    ...                    sector="leisure", distance=0.2), compact=True)
    'Testperson Nummer7\\nÆblegård'
    """
    lines = _wrap(person.name)
    if not compact:
        if person.role:
            lines.extend(_wrap(person.role))
        marks = marks_of(person)
        if marks:
            lines.append(marks)
    return "\n".join(lines)


def label_box(label: str) -> tuple[float, float]:
    """The estimated (width, height) of a label in px at zoom 1, with its padding.

    >>> label_box("Mor")
    (25.37, 18.5)
    """
    lines = label.split("\n")
    # The marks (♥ ✚ ☑ …) are about one em wide, letters about 0.6 em.
    width = max(
        sum(FONT_SIZE if ord(char) > 0x2000 else CHAR_WIDTH for char in line) for line in lines
    )
    width += 2 * _LABEL_PAD
    return round(width, 2), round(len(lines) * LINE_HEIGHT + 2 * _LABEL_PAD, 2)


def _point(radius_px: float, angle: float) -> tuple[float, float]:
    """Pixels (y down) of a radius and an angle (degrees counter-clockwise from 12)."""
    theta = math.radians(angle)
    return (-radius_px * math.sin(theta), -radius_px * math.cos(theta))


def sector_label_box(sector: Sector, text: str) -> Box:
    """The box (px, y down) of a sector's name outside the outer ring."""
    start, end = wedge_of(sector)
    cx, cy = _point(SECTOR_LABEL_RADIUS * MAP_RADIUS, (start + end) / 2)
    half_w, half_h = len(text) * _SECTOR_CHAR / 2 + 2, _SECTOR_HEIGHT / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


class _Bitmap:
    """What is taken, in cells of 2 px, one Python int of bits per row.

    Asking "is this box (or circle) free?" is a few AND operations per row;
    :meth:`counts` asks about hundreds of boxes at once (a label's spots
    apart from its marker) from a per-row prefix sum in numpy, which halves
    the time of a whole layout at 60 to 200 persons. Shapes are rounded
    outwards to whole cells, so "free" never hides an overlap.
    """

    _CELL = 2.0
    _EXTENT: Box = (-420.0, -300.0, 420.0, 320.0)

    def __init__(self) -> None:
        x1, y1, x2, y2 = self._EXTENT
        self._cols = math.ceil((x2 - x1) / self._CELL)
        self._rows = [0] * math.ceil((y2 - y1) / self._CELL)
        # Each row's taken cells left of each column (a prefix sum per row), kept
        # for :meth:`counts`; rows changed since are brought up to date there.
        self._prefix = np.zeros((len(self._rows), self._cols + 1), dtype=np.int32)
        self._dirty: set[int] = set()

    def _prefixes(self) -> np.ndarray[Any, np.dtype[np.int32]]:
        if self._dirty:
            changed = sorted(self._dirty)
            width = (self._cols + 7) // 8
            raw = b"".join(self._rows[r].to_bytes(width, "little") for r in changed)
            cells = np.unpackbits(
                np.frombuffer(raw, dtype=np.uint8).reshape(len(changed), width),
                axis=1,
                bitorder="little",
            )[:, : self._cols]
            self._prefix[changed, 1:] = cells.cumsum(axis=1, dtype=np.int32)
            self._dirty.clear()
        return self._prefix

    def cells(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Every cell, 1 where taken: an ``(rows, cols)`` array."""
        width = (self._cols + 7) // 8
        raw = b"".join(row.to_bytes(width, "little") for row in self._rows)
        bits = np.unpackbits(
            np.frombuffer(raw, dtype=np.uint8).reshape(len(self._rows), width),
            axis=1,
            bitorder="little",
        )[:, : self._cols]
        return bits.astype(np.int64)

    def spans(self, boxes: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, Any]:
        """The cells under many boxes (an ``(n, 4)`` array): first and last column,
        top and bottom row (exclusive), rounded outwards as :meth:`counts` does."""
        x0, y0, _x2, _y2 = self._EXTENT
        c = self._CELL
        spans = np.stack(
            [
                np.floor((boxes[:, 0] - x0) / c),
                np.ceil((boxes[:, 2] - x0) / c),
                np.floor((boxes[:, 1] - y0) / c),
                np.ceil((boxes[:, 3] - y0) / c),
            ],
            axis=1,
        ).astype(np.int64)
        np.clip(spans[:, :2], 0, self._cols, out=spans[:, :2])
        np.clip(spans[:, 2:], 0, len(self._rows), out=spans[:, 2:])
        return spans

    def counts(self, boxes: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, Any]:
        """:meth:`taken` of many boxes at once (an ``(n, 4)`` array), cell for cell the same."""
        return self.weighted(boxes, ((self, 1),))

    def weighted(
        self,
        boxes: np.ndarray[Any, np.dtype[np.float64]],
        bitmaps: Sequence[tuple[_Bitmap, int]],
    ) -> np.ndarray[Any, Any]:
        """The sum of :meth:`counts` of several bitmaps of this extent, each times its
        weight (the cells under the boxes are found once)."""
        x0, y0, _x2, _y2 = self._EXTENT
        c, rows, cols = self._CELL, len(self._rows), self._cols
        first = np.maximum(0, np.floor((boxes[:, 0] - x0) / c)).astype(np.intp)
        last = np.minimum(cols, np.ceil((boxes[:, 2] - x0) / c)).astype(np.intp)
        top = np.maximum(0, np.floor((boxes[:, 1] - y0) / c)).astype(np.intp)
        bottom = np.minimum(rows, np.ceil((boxes[:, 3] - y0) / c)).astype(np.intp)
        empty = (last <= first) | (bottom <= top)
        if empty.all():
            return np.zeros(len(boxes), dtype=np.int64)
        first, last = np.minimum(first, cols)[:, None], np.maximum(last, 0)[:, None]
        height = int((bottom - top)[~empty].max())
        row = top[:, None] + np.arange(height)[None, :]
        within = row < bottom[:, None]
        row = np.minimum(row, rows - 1)
        found = np.zeros(len(boxes), dtype=np.int64)
        for bitmap, weight in bitmaps:
            prefix = bitmap._prefixes()
            found += ((prefix[row, last] - prefix[row, first]) * within).sum(axis=1) * weight
        return np.where(empty, 0, found)

    def least_taken(
        self,
        spots: Sequence[tuple[float, float]],
        w: float,
        h: float,
        hard: _Bitmap,
        markers: _Bitmap,
    ) -> int | None:
        """The index of the first of ``spots`` (label centres) where a ``w`` × ``h``
        box inside :data:`FRAME` covers least, or ``None`` if none is inside: the
        cells under it of ``hard`` times :data:`_HARD_WEIGHT`, of ``markers`` times
        :data:`_MARKER_WEIGHT` and of this bitmap, as :meth:`weighted` counts them.

        Row by row, a box's count stopped once it reaches the least so far (it
        cannot be the first least then); the box and its cells worked out inline
        (a big map's last resort, thousands of boxes a layout).
        """
        x0, y0, _x2, _y2 = self._EXTENT
        c = self._CELL
        left, top, right, bottom = FRAME
        half_w, half_h = w / 2, h / 2
        best, least = None, 0
        for index, (cx, cy) in enumerate(spots):
            x1, y1, x2, y2 = cx - half_w, cy - half_h, cx + half_w, cy + half_h
            if x1 < left or y1 < top or x2 > right or y2 > bottom:
                continue
            first = int((x1 - x0) / c)
            mask = ((1 << (math.ceil((x2 - x0) / c) - first)) - 1) << first
            under = slice(int((y1 - y0) / c), math.ceil((y2 - y0) / c))
            rows = zip(self._rows[under], hard._rows[under], markers._rows[under], strict=True)
            total = 0
            for own, fixed, marker in rows:
                total += (
                    (fixed & mask).bit_count() * _HARD_WEIGHT
                    + (marker & mask).bit_count() * _MARKER_WEIGHT
                    + (own & mask).bit_count()
                )
                if best is not None and total >= least:
                    break
            if best is None or total < least:
                best, least = index, total
        return best

    def _mask(self, x1: float, x2: float) -> int:
        c = self._CELL
        first = max(0, math.floor((x1 - self._EXTENT[0]) / c))
        last = min(self._cols, math.ceil((x2 - self._EXTENT[0]) / c))
        return ((1 << (last - first)) - 1) << first if last > first else 0

    def _row_range(self, y1: float, y2: float) -> range:
        c = self._CELL
        first = max(0, math.floor((y1 - self._EXTENT[1]) / c))
        return range(first, min(len(self._rows), math.ceil((y2 - self._EXTENT[1]) / c)))

    def first_free(
        self, spots: Iterable[tuple[float, float]], w: float, h: float
    ) -> tuple[float, float] | None:
        """The first of ``spots`` (label centres) where a ``w`` × ``h`` box lies inside
        :data:`FRAME` with nothing taken under it; ``None`` if there is none.

        The hot path of the label search (tens of thousands of boxes a layout):
        the box, the frame and the cells are worked out inline. Inside the frame
        a box lies inside the extent, so the cells need no clipping.
        """
        x0, y0, _x2, _y2 = self._EXTENT
        c = self._CELL
        rows = self._rows
        left, top, right, bottom = FRAME
        half_w, half_h = w / 2, h / 2
        for cx, cy in spots:
            x1, y1, x2, y2 = cx - half_w, cy - half_h, cx + half_w, cy + half_h
            if x1 < left or y1 < top or x2 > right or y2 > bottom:
                continue
            first = int((x1 - x0) / c)
            mask = ((1 << (math.ceil((x2 - x0) / c) - first)) - 1) << first
            for row in rows[int((y1 - y0) / c) : math.ceil((y2 - y0) / c)]:
                if row & mask:
                    break
            else:
                return cx, cy
        return None

    def taken(self, box: Box) -> int:
        """How many of a box's cells are taken (one box: what :meth:`counts` must match)."""
        mask = self._mask(box[0], box[2])
        rows = self._rows
        count = 0
        for r in self._row_range(box[1], box[3]):
            count += (rows[r] & mask).bit_count()
        return count

    def add_box(self, box: Box) -> None:
        mask = self._mask(box[0], box[2])
        for r in self._row_range(box[1], box[3]):
            self._rows[r] |= mask
            self._dirty.add(r)

    def _circle_rows(self, x: float, y: float, radius: float) -> Iterator[tuple[int, int]]:
        c, top = self._CELL, self._EXTENT[1]
        for r in self._row_range(y - radius, y + radius):
            low, high = top + r * c, top + (r + 1) * c
            dy = 0.0 if low <= y <= high else min(abs(low - y), abs(high - y))
            half = math.sqrt(max(0.0, radius * radius - dy * dy))
            yield r, self._mask(x - half, x + half)

    def add_circle(self, x: float, y: float, radius: float) -> None:
        for r, mask in self._circle_rows(x, y, radius):
            self._rows[r] |= mask
            self._dirty.add(r)


def _circle_box(x: float, y: float, r: float, box: Box) -> bool:
    nx = min(max(x, box[0]), box[2])
    ny = min(max(y, box[1]), box[3])
    return math.hypot(x - nx, y - ny) < r


def _band_px(band: Band) -> tuple[float, float]:
    low, high = {Band.CLOSE: (0.0, 1 / 3), Band.MIDDLE: (1 / 3, 2 / 3), Band.DISTANT: (2 / 3, 1)}[
        band
    ]
    return radius_of(low) * MAP_RADIUS, radius_of(high) * MAP_RADIUS


#: A marker drawn: its centre (px, y down), reach (half its box's side, with a
#: pad), and its radius and angle from the patient.
_Marker = tuple[float, float, float, float, float]


def _marker(x: float, y: float, reach: float) -> _Marker:
    return (x, y, reach, math.hypot(x, y), _angle_of(x, y))


def _angle_of(x: float, y: float) -> float:
    """The angle (degrees counter-clockwise from 12) of a point in px, y down."""
    return math.degrees(math.atan2(-x, -y)) % 360.0


def _box_spans(radius: float, box: Box, near: float) -> list[tuple[float, float]]:
    """Where on the circle of ``radius`` a point lies inside ``box``: angle intervals.

    Exact: the circle meets the box's four sides at most eight times; each arc
    between two meeting points is inside or outside as its middle is. Angles
    are unwrapped to lie within 180° of ``near``.

    The marker search calls this thousands of times a layout, so
    :func:`_angle_of` and :func:`_point` are written out here: the same
    operations in the same order, so the same numbers.
    """
    x1, y1, x2, y2 = box
    atan2, degrees, sin, cos, radians = math.atan2, math.degrees, math.sin, math.cos, math.radians
    cuts: list[float] = []
    for edge in (x1, x2):
        if abs(edge) < radius:
            h = math.sqrt(radius * radius - edge * edge)
            if y1 <= h <= y2:
                cuts.append(degrees(atan2(-edge, -h)) % 360.0)
            if y1 <= -h <= y2:
                cuts.append(degrees(atan2(-edge, h)) % 360.0)
    for edge in (y1, y2):
        if abs(edge) < radius:
            w = math.sqrt(radius * radius - edge * edge)
            if x1 <= w <= x2:
                cuts.append(degrees(atan2(-w, -edge)) % 360.0)
            if x1 <= -w <= x2:
                cuts.append(degrees(atan2(w, -edge)) % 360.0)
    if not cuts:
        x, y = _point(radius, near)
        inside = x1 < x < x2 and y1 < y < y2
        return [(near - 180.0, near + 180.0)] if inside else []
    cuts = sorted([(a - near + 180.0) % 360.0 + near - 180.0 for a in cuts])
    spans = []
    low = near - 180.0
    for high in [*cuts, near + 180.0]:
        theta = radians((low + high) / 2)
        x, y = -radius * sin(theta), -radius * cos(theta)
        if x1 < x < x2 and y1 < y < y2:
            spans.append((low, high))
        low = high
    return spans


def _blocked(
    radius: float,
    reach: float,
    wanted: float,
    wedge: tuple[float, float],
    others: Sequence[_Marker],
    boxes: Sequence[Box],
) -> list[tuple[float, float]]:
    """The angles (merged intervals, degrees) where a marker at ``radius`` would touch
    another marker's box or a sector name (the marker's own box grown by ``reach``)."""
    spans: list[tuple[float, float]] = []
    half = (wedge[1] - wedge[0]) / 2
    for x, y, other_reach, other_r, other_a in others:
        room = reach + other_reach
        if abs(other_r - radius) >= room * 1.415:
            continue
        # Too far round the circle from every angle the marker may take.
        slack = math.degrees(room * 1.415 / radius) + 1.0
        if abs((other_a - wedge[0] - half + 180.0) % 360.0 - 180.0) - half > slack:
            continue
        spans.extend(_box_spans(radius, (x - room, y - room, x + room, y + room), wanted))
    for x1, y1, x2, y2 in boxes:
        grown = (x1 - reach, y1 - reach, x2 + reach, y2 + reach)
        nearest = (min(max(0.0, grown[0]), grown[2]), min(max(0.0, grown[1]), grown[3]))
        if math.hypot(*nearest) < radius:
            spans.extend(_box_spans(radius, grown, wanted))
    spans.sort()
    merged: list[tuple[float, float]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _nearest_free(
    wanted: float, first: float, last: float, blocked: list[tuple[float, float]]
) -> float | None:
    """The angle in [first, last] nearest ``wanted`` outside every blocked interval."""
    candidates = [min(max(wanted, first), last), first, last]
    for low, high in blocked:
        candidates.extend((low - 1e-6, high + 1e-6))
    best: float | None = None
    for angle in candidates:
        if not first <= angle <= last:
            continue
        if any(low < angle < high for low, high in blocked):
            continue
        if best is None or abs(angle - wanted) < abs(best - wanted):
            best = angle
    return best


def _place_marker(
    person: Person,
    wanted: float,
    size: float,
    others: Sequence[_Marker],
    boxes: Sequence[Box],
    move: bool = False,
) -> tuple[float, float] | None:
    """The free spot (x, y) nearest the wanted angle for a marker of ``size``, or None.

    At the person's own radius; with ``move`` (the last resort, see
    :data:`_ATTEMPTS`) also in or out, a step at a time, never out of the
    person's band.
    """
    start, end = wedge_of(person.sector)
    exact = radius_of(person.distance) * MAP_RADIUS
    low, high = _band_px(band_of(person.distance))
    reach = size / 2 + _MARKER_PAD
    radii = [exact]
    if move:
        k = 1
        while k * _RADIAL_STEP < high - low:
            radii.extend(
                r
                for r in (exact - k * _RADIAL_STEP, exact + k * _RADIAL_STEP)
                if low + 1 <= r <= high - 1
            )
            k += 1
    for radius in radii:
        if radius - reach < PATIENT_SIZE / 2 + _MARKER_PAD:
            continue
        # The marker's centre stays a marker's reach inside its own wedge.
        margin = math.degrees(math.asin(min(1.0, reach / radius)))
        first, last = start + margin, end - margin
        if first > last:
            continue
        blocked = _blocked(radius, reach, wanted, (first, last), others, boxes)
        angle = _nearest_free(wanted, first, last, blocked)
        if angle is not None:
            return _point(radius, angle)
    return None


def _markers(
    persons: Sequence[Person], angles: dict[str, float], boxes: Sequence[Box]
) -> dict[str, tuple[float, float, float]]:
    """Every marker (x, y, size), one sector's band at a time, closest bands first.

    A band's persons all get the largest size at which every one of them
    finds a free spot (so the first do not take the room of the last); where
    even the smallest does not do, the rest sit at their wanted angle.
    """
    groups: dict[tuple[Band, Sector], list[Person]] = {}
    for person in persons:
        groups.setdefault((band_of(person.distance), person.sector), []).append(person)
    drawn: dict[str, tuple[float, float, float]] = {}
    in_sector: dict[Sector, list[_Marker]] = {}
    bands = list(Band)
    for (_band, sector), group in sorted(
        groups.items(), key=lambda item: (bands.index(item[0][0]), item[0][1].value)
    ):
        index = SECTOR_ORDER.index(sector)
        # The neighbouring wedges' markers too: a box near a sector line reaches over it.
        fixed = [
            m
            for step in (-1, 0, 1)
            for m in in_sector.get(SECTOR_ORDER[(index + step) % len(SECTOR_ORDER)], [])
        ]
        placed: dict[str, tuple[float, float, float]] = {}
        others: list[_Marker] = []
        tried: tuple[float, bool] | None = None
        for size, move in _ATTEMPTS:
            # Moving in or out, a marker first tries its exact radius, as the
            # attempt before at this size did, among the same markers: those
            # that attempt placed come out the same, so they are kept.
            if not (move and tried == (size, False)):
                others = list(fixed)
                placed = {}
            tried = (size, move)
            for person in group[len(placed) :]:
                spot = _place_marker(person, angles[person.id], size, others, boxes, move)
                if spot is None:
                    if (size, move) != _ATTEMPTS[-1]:
                        break
                    spot = _point(radius_of(person.distance) * MAP_RADIUS, angles[person.id])
                placed[person.id] = (*spot, size)
                others.append(_marker(*spot, size / 2 + _MARKER_PAD))
            if len(placed) == len(group):
                break
        drawn.update(placed)
        in_sector.setdefault(sector, []).extend(
            _marker(x, y, size / 2 + _MARKER_PAD) for x, y, size in placed.values()
        )
    return drawn


def _beside(
    x: float, y: float, reach: float, width: float, height: float
) -> Iterator[tuple[float, float]]:
    """Label centres right beside the marker, best first: below, above, the sides, corners."""
    gap = reach + 3  # clear of the marker by more than one bitmap cell
    yield (x, y + gap + height / 2)
    yield (x, y - gap - height / 2)
    yield (x + gap + width / 2, y)
    yield (x - gap - width / 2, y)
    for sx in (1, -1):
        for sy in (1, -1):
            yield (x + sx * (gap * 0.7 + width / 2), y + sy * (gap * 0.7 + height / 2))
    for shift in (0.25, -0.25, 0.45, -0.45):
        yield (x + shift * width, y + gap + height / 2)
        yield (x + shift * width, y - gap - height / 2)


def _rings(count: int) -> list[tuple[float, list[tuple[float, float]]]]:
    """Rings of directions (as cos, sin of a turn from "outwards"), nearest turn first."""
    rings = []
    for k in range(1, count + 1):
        spots = 8 + 3 * k
        turns = [(j + 1) // 2 * (1 if j % 2 else -1) * 2 * math.pi / spots for j in range(spots)]
        rings.append((k * 11.0, [(math.cos(a), math.sin(a)) for a in turns]))
    return rings


_RINGS = _rings(15)
_FEW_RINGS = [(far, turns[::2]) for far, turns in _RINGS[:5]]


def _apart(
    x: float, y: float, reach: float, width: float, height: float, many: bool
) -> Iterator[tuple[float, float]]:
    """Label centres apart from the marker (with a leader line): rings further and
    further out, on each ring the direction away from the patient first.

    The label search uses :func:`_apart_spots`, the same as arrays."""
    radius = math.hypot(x, y)
    ox, oy = (x / radius, y / radius) if radius else (0.0, -1.0)
    base = reach + 9
    half_w, half_h = width / 2, height / 2
    for far, turns in _FEW_RINGS if many else _RINGS:
        for c, s in turns:
            ux, uy = ox * c - oy * s, ox * s + oy * c
            out = base + far + abs(ux) * half_w + abs(uy) * half_h
            yield (x + ux * out, y + uy * out)


def _ring_arrays(rings: list[tuple[float, list[tuple[float, float]]]]) -> tuple[Any, Any, Any]:
    far = [ring_far for ring_far, turns in rings for _ in turns]
    return (
        np.array(far, dtype=np.float64),
        np.array([c for _far, turns in rings for c, _s in turns], dtype=np.float64),
        np.array([s for _far, turns in rings for _c, s in turns], dtype=np.float64),
    )


#: :func:`_apart`'s rings as arrays, spot by spot in its order.
_RING_ARRAYS = _ring_arrays(_RINGS)
_FEW_RING_ARRAYS = _ring_arrays(_FEW_RINGS)

#: A label's candidate centres (x and y arrays), in the order they are tried.
_Spots = tuple[np.ndarray[Any, np.dtype[np.float64]], np.ndarray[Any, np.dtype[np.float64]]]


def _apart_spots(
    x: float, y: float, reach: float, width: float, height: float, many: bool
) -> _Spots:
    """:func:`_apart`'s spots as arrays: the same operations in the same order, so
    the same numbers."""
    radius = math.hypot(x, y)
    ox, oy = (x / radius, y / radius) if radius else (0.0, -1.0)
    base = reach + 9
    half_w, half_h = width / 2, height / 2
    far, c, s = _FEW_RING_ARRAYS if many else _RING_ARRAYS
    ux, uy = ox * c - oy * s, ox * s + oy * c
    out = base + far + np.abs(ux) * half_w + np.abs(uy) * half_h
    return x + ux * out, y + uy * out


def _beside_spots(x: float, y: float, reach: float, width: float, height: float) -> _Spots:
    spots = list(_beside(x, y, reach, width, height))
    return (
        np.array([cx for cx, _cy in spots], dtype=np.float64),
        np.array([cy for _cx, cy in spots], dtype=np.float64),
    )


def _boxes(spots: _Spots, width: float, height: float) -> tuple[Any, Any]:
    """The label boxes at ``spots`` (an ``(n, 4)`` array) and which lie inside :data:`FRAME`."""
    cx, cy = spots
    boxes = np.stack([cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2], axis=1)
    inside = (
        (boxes[:, 0] >= FRAME[0])
        & (boxes[:, 1] >= FRAME[1])
        & (boxes[:, 2] <= FRAME[2])
        & (boxes[:, 3] <= FRAME[3])
    )
    return boxes, inside


def _first_free_apart(
    obstacles: _Bitmap, spots: _Spots, w: float, h: float, many: bool
) -> tuple[float, float] | None:
    """The first of ``spots`` (apart from the marker, :func:`_apart_spots`) where
    a ``w`` × ``h`` label is free and inside :data:`FRAME`; ``None`` if none is.

    The hundreds of a map at once (:meth:`_Bitmap.counts`); a big map's few
    dozen one by one (:meth:`_Bitmap.first_free`, as the spots beside): numpy's
    cost per call is more than that, and the answer is the same (a box inside
    the frame is free exactly where it counts 0).
    """
    if many:
        return obstacles.first_free(zip(spots[0].tolist(), spots[1].tolist(), strict=True), w, h)
    boxes, inside = _boxes(spots, w, h)
    found = np.flatnonzero(inside & (obstacles.counts(boxes) == 0))
    if not found.size:
        return None
    return float(spots[0][found[0]]), float(spots[1][found[0]])


def _label_shapes(person: Person) -> list[tuple[str, float, float]]:
    """The label's text and box (width, height): whole, then the name alone if shorter."""
    full = label_lines(person)
    short = label_lines(person, compact=True)
    shapes = [(full, *label_box(full))]
    if short != full:
        shapes.append((short, *label_box(short)))
    return shapes


def _place_label(
    person: Person,
    marker: tuple[float, float, float],
    shapes: list[tuple[str, float, float]],
    obstacles: _Bitmap,
    hard: _Bitmap,
    markers: _Bitmap,
    many: bool,
) -> Placed:
    """Where a person's label (its ``shapes``, :func:`_label_shapes`) goes.
    ``obstacles`` is everything drawn so far, ``hard`` what a label must not
    cover even where nothing is free (the patient and the sector names),
    ``markers`` the other persons' markers.

    The first free spot wins, in the order of :func:`_beside` and
    :func:`_apart` (:meth:`_Bitmap.first_free`, :func:`_first_free_apart`).
    Where none is free, the spot that
    covers least: first no sector name or the patient, then as little of
    another person's marker as the room allows, then of other labels.
    """
    x, y, size = marker
    reach = size / 2 + 2
    full, short = shapes[0][0], shapes[-1][0]
    # Beside the marker with the whole label, then with the name alone; only
    # then apart (leader lines take room from others), and the name alone
    # where it covers no sector name and least of the rest if nothing is free.
    for apart in (False, True):
        # A big map (many persons) looks apart for the name alone.
        for text, w, h in shapes[-1:] if apart and many else shapes:
            if apart:
                spots = _apart_spots(x, y, reach, w, h, many)
                found = _first_free_apart(obstacles, spots, w, h, many)
            else:
                found = obstacles.first_free(_beside(x, y, reach, w, h), w, h)
            if found is not None:
                return Placed(
                    x, y, size, text, full, found[0] - x, found[1] - y, apart, text != full
                )
    # The last shape tried is the name alone, apart: its ``spots`` serve again.
    least = _least_taken(obstacles, hard, markers, (x, y, reach), shapes[-1][1:], spots, many)
    if least is None:  # no spot inside the frame: below the marker all the same
        least = (x, y + reach + 3 + shapes[-1][2] / 2, False)
    cx, cy, leader = least
    return Placed(x, y, size, short, full, cx - x, cy - y, leader, short != full)


def _least_taken(
    obstacles: _Bitmap,
    hard: _Bitmap,
    markers: _Bitmap,
    marker: tuple[float, float, float],
    shape: tuple[float, float],
    apart_spots: _Spots,
    many: bool,
) -> tuple[float, float, bool] | None:
    """The centre of the label's spot (beside, then ``apart_spots``, of the
    label's ``shape``) that covers least (see :func:`_place_label`) and whether
    it stands apart; None if no spot is inside :data:`FRAME`.

    A cell of a sector name or the patient counts more than any label could
    cover of markers, a cell of a marker more than any label could cover of
    other labels (a label box at zoom 1 is well under 1000 cells of 2 px).
    """
    x, y, reach = marker
    w, h = shape
    if many:
        # A big map's 8 spots one by one: numpy's cost per call is more than
        # the counting (the first spot that covers least, as numpy's argmin).
        spots = [
            *itertools.islice(_beside(x, y, reach, w, h), 4),
            *zip(apart_spots[0][:4].tolist(), apart_spots[1][:4].tolist(), strict=True),
        ]
        best = obstacles.least_taken(spots, w, h, hard, markers)
        return None if best is None else (*spots[best], best >= 4)
    beside = _beside_spots(x, y, reach, w, h)
    spots_xy = (
        np.concatenate([beside[0], apart_spots[0]]),
        np.concatenate([beside[1], apart_spots[1]]),
    )
    boxes, inside = _boxes(spots_xy, w, h)
    if not inside.any():
        return None
    among = np.flatnonzero(inside)
    weights = ((hard, _HARD_WEIGHT), (markers, _MARKER_WEIGHT), (obstacles, 1))
    chosen = int(among[np.argmin(obstacles.weighted(boxes[among], weights))])
    return float(spots_xy[0][chosen]), float(spots_xy[1][chosen]), chosen >= len(beside[0])


class _Covers:
    """What a label at one of many spots would cover, to compare the spots (:func:`_repair`).

    The patient, the sector names and the markers are fixed: a table of sums
    of their weighted cells (:data:`_HARD_WEIGHT`, :data:`_MARKER_WEIGHT`)
    answers for any box in four look-ups. The labels move: the cells a box
    shares with each label (cell spans as :meth:`_Bitmap.spans`) are summed.
    """

    def __init__(self, hard: _Bitmap, markers: _Bitmap, labels: Sequence[Box]) -> None:
        self._grid = hard
        cells = hard.cells() * _HARD_WEIGHT + markers.cells() * _MARKER_WEIGHT
        self._table = np.zeros((cells.shape[0] + 1, cells.shape[1] + 1), dtype=np.int64)
        self._table[1:, 1:] = cells.cumsum(axis=0).cumsum(axis=1)
        self.labels = hard.spans(np.array(labels, dtype=np.float64).reshape(-1, 4))

    def spans(self, boxes: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, Any]:
        return self._grid.spans(boxes)

    def cost(self, spans: np.ndarray[Any, Any], own: int) -> np.ndarray[Any, Any]:
        """The weighted cells under each box of ``spans`` (label ``own`` left out)."""
        first, last, top, bottom = (spans[:, i] for i in range(4))
        table = self._table
        fixed = table[bottom, last] - table[top, last] - table[bottom, first] + table[top, first]
        # Only the labels near these boxes can share a cell with them.
        others = self.labels
        near = (
            (others[:, 0] < last.max())
            & (others[:, 1] > first.min())
            & (others[:, 2] < bottom.max())
            & (others[:, 3] > top.min())
        )
        near[own] = False
        others = others[near]
        wide = np.minimum(last[:, None], others[None, :, 1]) - np.maximum(
            first[:, None], others[None, :, 0]
        )
        high = np.minimum(bottom[:, None], others[None, :, 3]) - np.maximum(
            top[:, None], others[None, :, 2]
        )
        shared = np.maximum(wide, 0) * np.maximum(high, 0)
        return np.asarray(fixed + shared.sum(axis=1))


def _repair(
    order: Sequence[Person],
    result: dict[str, Placed],
    drawn: dict[str, tuple[float, float, float]],
    hard: _Bitmap,
    markers: _Bitmap,
    many: bool,
) -> None:
    """Move the labels that cover something, now that every label is known.

    The first pass (:func:`_place_label`) places one label at a time, so an
    early label may take the spot a later one needed. Here each label that
    covers another label or a marker looks again at all its spots, with all
    the others in place, and moves where it covers less (a free spot with
    the whole label first, in the first pass's order; else the name alone
    where it covers least), for a few rounds or until none moves.
    """
    covers = _Covers(hard, markers, [result[p.id].label_box for p in order])
    for _round in range(_REPAIR_ROUNDS):
        moved = False
        for index, person in enumerate(order):
            current = int(covers.cost(covers.labels[index : index + 1], index)[0])
            if current == 0:
                continue
            x, y, size = drawn[person.id]
            found = _least_covered(person, (x, y, size), covers, index, many)
            if found is None or found[1] >= current:
                continue
            placed = found[0]
            result[person.id] = placed
            covers.labels[index] = covers.spans(np.array([placed.label_box]))[0]
            moved = True
        if not moved:
            break


def _least_covered(
    person: Person, marker: tuple[float, float, float], covers: _Covers, own: int, many: bool
) -> tuple[Placed, int] | None:
    """A label's best spot by :class:`_Covers` and what it covers, or None (none in the frame)."""
    x, y, size = marker
    reach = size / 2 + 2
    shapes = _label_shapes(person)
    full = shapes[0][0]
    tries: list[tuple[str, float, float, bool, _Spots]] = []
    for apart in (False, True):
        for text, w, h in shapes[-1:] if apart and many else shapes:
            spots = (
                _apart_spots(x, y, reach, w, h, many) if apart else _beside_spots(x, y, reach, w, h)
            )
            tries.append((text, w, h, apart, spots))
    best: tuple[Placed, int] | None = None
    for text, w, h, apart, spots in tries:
        boxes, inside = _boxes(spots, w, h)
        among = np.flatnonzero(inside)
        if not among.size:
            continue
        cost = covers.cost(covers.spans(boxes[among]), own)
        pick = int(np.argmin(cost))
        spot = int(among[pick])
        placed = Placed(
            x,
            y,
            size,
            text,
            full,
            float(spots[0][spot]) - x,
            float(spots[1][spot]) - y,
            apart,
            text != full,
        )
        if cost[pick] == 0:
            return placed, 0
        # Where nothing is free: the name alone (the last shape), where it covers least.
        if text == shapes[-1][0] and (best is None or int(cost[pick]) < best[1]):
            best = (placed, int(cost[pick]))
    return best


def layout(
    persons: Sequence[Person], sector_names: dict[Sector, str] | None = None
) -> dict[str, Placed]:
    """Every person's marker and label as drawn, by id (see the module's docstring).

    ``sector_names`` are the sector labels drawn outside the ring (their
    boxes are kept free); without them a generous width is assumed.

    >>> people = [Person(id=f"x{i}", name=f"X{i}", sector="kin", distance=0.2) for i in range(9)]
    >>> drawn = list(layout(people).values())
    >>> all(max(abs(a.x - b.x), abs(a.y - b.y)) >= (a.size + b.size) / 2
    ...     for i, a in enumerate(drawn) for b in drawn[i + 1:])
    True
    """
    names = tuple((sector, (sector_names or {}).get(sector, "M" * 15)) for sector in SECTOR_ORDER)
    return dict(_layout(tuple(persons), names))


@functools.lru_cache(maxsize=16)
def _layout(
    persons: tuple[Person, ...], names: tuple[tuple[Sector, str], ...]
) -> dict[str, Placed]:
    angles = effective_angles(persons)
    own = [p for p in persons if p.angle is not None and angle_in_wedge(p.sector, p.angle)]
    # By id: ``p not in own`` compared whole models, n × |own| of them.
    own_ids = {p.id for p in own}
    spread = [p for p in persons if p.id not in own_ids]
    angles.update(_wide_angles(spread))
    boxes = [sector_label_box(sector, text) for sector, text in names]
    # Placed by hand first (nearest their own angle), then the spread, closest first.
    drawn = _markers([*own, *sorted(spread, key=lambda p: p.distance)], angles, boxes)
    obstacles, hard, markers = _Bitmap(), _Bitmap(), _Bitmap()
    for bitmap in (obstacles, hard):
        bitmap.add_circle(0.0, 0.0, PATIENT_SIZE / 2 + _MARKER_PAD)
        for box in boxes:
            bitmap.add_box(box)
    for x, y, size in drawn.values():
        half = size / 2 + 2  # the border is drawn outside the marker's size
        obstacles.add_box((x - half, y - half, x + half, y + half))
        markers.add_box((x - half, y - half, x + half, y + half))
    many = len(persons) > _BIG
    result: dict[str, Placed] = {}
    order: list[Person] = []
    # The longest labels first (they fit in the fewest places, as in packing
    # bins), then the persons nearest the patient (they have the least room).
    # Each label's texts and sizes, worked out once: the order, the search and
    # the bitmap all need them.
    shapes = {p.id: _label_shapes(p) for p in persons}
    for person in sorted(persons, key=lambda p: (-len(shapes[p.id][0][0]), p.distance, p.id)):
        label = shapes[person.id]
        placed = _place_label(person, drawn[person.id], label, obstacles, hard, markers, many)
        obstacles.add_box(placed.box_of(*next((w, h) for t, w, h in label if t == placed.label)))
        result[person.id] = placed
        order.append(person)
    if not many:  # a big map: the first pass alone (the layout stays fast)
        _repair(order, result, drawn, hard, markers, many)
    return {p.id: result[p.id] for p in persons}


def positions(persons: Sequence[Person]) -> dict[str, tuple[float, float]]:
    """Every person's drawn point (x, y), y up, by id: the markers of :func:`layout`.

    Each person sits at the radius of their own distance, at their own angle
    or the even spread (:func:`effective_angles`), moved along the band only as
    far as needed so that no two markers overlap. Only the picture moves: the
    stored distance is not changed.

    >>> people = [Person(id=i, name=i, sector="kin", distance=0.2) for i in "abc"]
    >>> a, b, c = positions(people).values()
    >>> min(math.dist(a, b), math.dist(a, c), math.dist(b, c)) > 0.1
    True
    """
    return {
        pid: (placed.x / MAP_RADIUS, -placed.y / MAP_RADIUS)
        for pid, placed in layout(persons).items()
    }


#: Markers per search of :func:`quick_layout`: candidate angles tried at once.
_QUICK_TRIES = 64


def _quick_size(radii: Sequence[float], band: Band, wedge_degrees: float) -> float:
    """The largest marker size at which markers at these radii (px) fit loosely in a band.

    Loosely: all of them in half the band's area, and those within one
    marker's width of each other's radius side by side along the arc.
    """
    low, high = _band_px(band)
    area = (high * high - low * low) * math.radians(wedge_degrees) / 2
    ordered = sorted(radii)
    for size in SIZES[:-1]:
        cell = size + 2 * _MARKER_PAD
        if len(ordered) * cell * cell > 0.5 * area:
            continue
        # The most markers within one cell of radius, against the arc there.
        first, fits = 0, True
        for last, radius in enumerate(ordered):
            while radius - ordered[first] >= cell:
                first += 1
            # Boxes side by side on a slant along the arc need up to √2 × their width.
            if (last - first + 2) * cell * 1.415 > math.radians(wedge_degrees) * ordered[first]:
                fits = False
                break
        if fits:
            return size
    return SIZES[-1]


def _quick_spot(
    radius: float, wanted: float, wedge: tuple[float, float], reach: float, others: Any
) -> tuple[float, float] | None:
    """The free angle at ``radius`` nearest ``wanted`` in ``wedge`` (vectorised), as (x, y).

    ``others`` is an (n, 5) array of the markers near that radius: x, y,
    reach, radius and angle. None where no angle is free.
    """
    margin = math.degrees(math.asin(min(1.0, reach / radius)))
    first, last = wedge[0] + margin, wedge[1] - margin
    if first > last:
        first = last = (wedge[0] + wedge[1]) / 2
    start = min(max(wanted, first), last)
    if len(others) == 0:
        return _point(radius, start)
    step = math.degrees(_ARC_STEP / radius)
    offsets = np.arange(1, int((last - first) / step) + 2) * step
    # Nearest first: start, then start ± step, ± 2 steps …, inside the wedge.
    candidates = np.concatenate(
        [[start], np.column_stack((start + offsets, start - offsets)).ravel()]
    )
    candidates = candidates[(candidates >= first) & (candidates <= last)]
    slack = math.degrees(2 * (reach + float(others[:, 2].max())) / radius) + 1.0
    for chunk in range(0, len(candidates), _QUICK_TRIES):
        tried = candidates[chunk : chunk + _QUICK_TRIES]
        # Only the markers round the circle from these angles can touch them.
        middle, half = (tried.max() + tried.min()) / 2, (tried.max() - tried.min()) / 2
        apart = np.abs((others[:, 4] - middle + 180.0) % 360.0 - 180.0)
        close = others[apart <= half + slack]
        angles = np.radians(tried)
        xs, ys = -radius * np.sin(angles), -radius * np.cos(angles)
        if len(close) == 0:
            return float(xs[0]), float(ys[0])
        room = close[:, 2][None, :] + reach
        hit = (np.abs(xs[:, None] - close[:, 0][None, :]) < room) & (
            np.abs(ys[:, None] - close[:, 1][None, :]) < room
        )
        free = np.flatnonzero(~hit.any(axis=1))
        if len(free):
            return float(xs[free[0]]), float(ys[free[0]])
    return None


def quick_layout(persons: Sequence[Person]) -> dict[str, Placed]:
    """A fast layout for a large map: markers at their own distance, labels hidden.

    For maps too large for :func:`layout` (whose label placement and marker
    search take seconds beyond a few hundred persons). Every person is drawn
    at the radius of their own distance (never moved in or out: it is the
    patient's answer), at the nearest free angle in their wedge to their own
    angle or the even spread; one marker size per sector's band, the largest
    that fits loosely. Where a band is too full for that, markers overlap.
    Labels are the name alone, below the marker (``compact``: the map shows
    them on hover, focus or tap only).

    >>> people = [Person(id=f"x{i}", name=f"X{i}", sector="kin", distance=0.5)
    ...           for i in range(9)]
    >>> drawn = list(quick_layout(people).values())
    >>> all(max(abs(a.x - b.x), abs(a.y - b.y)) >= (a.size + b.size) / 2
    ...     for i, a in enumerate(drawn) for b in drawn[i + 1:])
    True
    >>> {round(math.hypot(p.x, p.y), 6) for p in drawn} == {radius_of(0.5) * MAP_RADIUS}
    True
    """
    return dict(_quick_layout(tuple(persons)))


@functools.lru_cache(maxsize=16)
def _quick_layout(persons: tuple[Person, ...]) -> dict[str, Placed]:
    angles = effective_angles(persons)
    own = [p for p in persons if p.angle is not None and angle_in_wedge(p.sector, p.angle)]
    # By id: ``p not in own`` compared whole models, n × |own| of them.
    own_ids = {p.id for p in own}
    spread = [p for p in persons if p.id not in own_ids]
    angles.update(_wide_angles(spread))
    radii: dict[tuple[Sector, Band], list[float]] = {}
    for person in persons:
        key = (person.sector, band_of(person.distance))
        radii.setdefault(key, []).append(radius_of(person.distance) * MAP_RADIUS)
    sizes = {
        key: _quick_size(group, key[1], wedge_of(key[0])[1] - wedge_of(key[0])[0])
        for key, group in radii.items()
    }
    # The markers placed so far, by sector: rows of x, y, reach, radius, angle.
    placed = {s: np.zeros((len(persons), 5)) for s in SECTOR_ORDER}
    filled = dict.fromkeys(SECTOR_ORDER, 0)
    result: dict[str, Placed] = {}
    for person in [*own, *sorted(spread, key=lambda p: p.distance)]:
        band = band_of(person.distance)
        wedge = wedge_of(person.sector)
        fits = sizes[(person.sector, band)]
        radius = radius_of(person.distance) * MAP_RADIUS
        index = SECTOR_ORDER.index(person.sector)
        # This sector's markers and its neighbours' (a box near a sector line reaches over it).
        nearby = np.concatenate(
            [
                placed[sector][: filled[sector]]
                for sector in (
                    SECTOR_ORDER[(index + step) % len(SECTOR_ORDER)] for step in (-1, 0, 1)
                )
            ]
        )
        # Where no angle is free even for the smallest, the room does not
        # allow more: the marker overlaps (the distance is never changed).
        spot, size, reach = None, fits, fits / 2 + _MARKER_PAD
        for smaller in SIZES[SIZES.index(fits) :]:
            size, reach = smaller, smaller / 2 + _MARKER_PAD
            others = nearby[np.abs(nearby[:, 3] - radius) < (nearby[:, 2] + reach) * 1.415]
            spot = _quick_spot(radius, angles[person.id], wedge, reach, others)
            if spot is not None:
                break
        x, y = spot if spot is not None else _point(radius, angles[person.id])
        placed[person.sector][filled[person.sector]] = (x, y, reach, radius, _angle_of(x, y))
        filled[person.sector] += 1
        short, full = label_lines(person, compact=True), label_lines(person)
        height = label_box(short)[1]
        result[person.id] = Placed(
            x, y, size, short, full, 0.0, size / 2 + 3 + height / 2, False, True
        )
    return {p.id: result[p.id] for p in persons}
