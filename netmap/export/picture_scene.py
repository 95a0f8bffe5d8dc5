"""The map as a list of drawing primitives, laid out once for SVG, PNG and PDF alike.

The persons sit where the editor puts them (:func:`netmap.layout.positions`),
in the editor's sector colours and shapes, with its marks
(:mod:`netmap.marks`). What a printed sheet needs beyond the screen is done
here: every label is placed where it runs into no other label, node or sector
name (below the person, else above, right or left; where nothing is free, the
name alone), and a legend explains every colour, shape, mark, line and ring.

Coordinates are page units with y pointing **down** (about one pixel at
96 dpi); the page is :data:`PAGE_WIDTH` × the scene's height, A4 landscape
in shape. The map's outer ring has radius :data:`MAP_RADIUS`, the editor's
scale, so the room the layout keeps between labels fits these font sizes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

from netmap.export.picture_fonts import text_width, wrap_text
from netmap.export.picture_options import RenderOptions, date_text, footer_text
from netmap.geometry import INNER_RADIUS, RINGS, SECTOR_ORDER, radius_of, wedge_of
from netmap.i18n import Lang, t
from netmap.layout import positions
from netmap.marks import MARKS, SECTOR_COLOURS, SECTOR_SHAPES, mark_keys
from netmap.model import NetworkMap, Person, Sector

__all__ = [
    "MAP_RADIUS",
    "PAGE_WIDTH",
    "Circle",
    "Item",
    "KeyEntry",
    "Line",
    "Polygon",
    "Rect",
    "Scene",
    "Text",
    "key_line",
    "map_scene",
    "node_shape",
    "subtitle_text",
    "texts_of",
]

PAGE_WIDTH = 1120.0
#: Page units of the outer ring's radius (the editor's 250 px at zoom 1).
MAP_RADIUS = 250.0
_MAP_CX = 370.0
#: Room above the map for the title, and around the outer ring for labels.
_HEADER = 92.0
_MAP_MARGIN = 86.0
_LEGEND_X = 760.0
_LEGEND_WIDTH = PAGE_WIDTH - _LEGEND_X - 28.0

_NODE_RADIUS = 13.0
_NAME_SIZE = 12.0
_ROLE_SIZE = 10.5
_MARK_SIZE = 12.0
#: The name alone, smaller, where the map is crowded.
_SMALL_SIZE = 9.0
_LABEL_WIDTH = 125.0
_OTHER_NODE_MARGIN = 6.0
_LINE_GAP = 1.22
_SECTOR_LABEL_SIZE = 15.0
_SECTOR_LABEL_RADIUS = 1.24

_INK = "#102a43"
_MUTED = "#486581"
_RING = "#9aa5b1"
_TIE = "#627d98"
_PATIENT = "#243b53"
_WHITE = "#ffffff"


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float
    dash: tuple[float, float] | None = None


class Circle(NamedTuple):
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None
    width: float = 1.0
    dash: tuple[float, float] | None = None


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None
    width: float = 1.0
    radius: float = 0.0


class Polygon(NamedTuple):
    points: tuple[tuple[float, float], ...]
    fill: str | None
    stroke: str | None
    width: float = 1.0


class Text(NamedTuple):
    """One line of text; ``y`` is its baseline, ``anchor`` start/middle/end."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    anchor: str = "start"
    fill: str = _INK


Item = Line | Circle | Rect | Polygon | Text


_Box = tuple[float, float, float, float]


def _tint(colour: str, keep: float) -> str:
    """``colour`` mixed with white (``keep`` of the colour): no transparency needed."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * keep) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _screen(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    """Page point of map radius ``radius`` (1 = outer ring) at a geometry angle."""
    theta = math.radians(angle)
    return (cx - radius * MAP_RADIUS * math.sin(theta), cy - radius * MAP_RADIUS * math.cos(theta))


def node_shape(
    sector: Sector, x: float, y: float, r: float, *, stroke: str = _MUTED, width: float = 1.5
) -> Item:
    """A person's node: the sector's colour and the editor's shape for it."""
    fill = SECTOR_COLOURS[sector.value]
    shape = SECTOR_SHAPES[sector.value]
    if shape == "ellipse":
        return Circle(x, y, r, fill, stroke, width)
    if shape == "round-diamond":
        s = r * 1.2
        return Polygon(((x, y - s), (x + s, y), (x, y + s), (x - s, y)), fill, stroke, width)
    if shape == "round-hexagon":
        points = tuple(
            (x + r * 1.08 * math.cos(math.radians(a)), y + r * 1.08 * math.sin(math.radians(a)))
            for a in range(0, 360, 60)
        )
        return Polygon(points, fill, stroke, width)
    return Rect(x - r, y - r, 2 * r, 2 * r, fill, stroke, width, radius=r * 0.35)


class _Label(NamedTuple):
    lines: tuple[Text, ...]
    box: _Box
    short: bool


class KeyEntry(NamedTuple):
    """A person drawn with a number where the map had no room for their name."""

    number: int
    name: str
    role: str | None
    sector: Sector


class Scene(NamedTuple):
    width: float
    height: float
    items: list[Item]
    #: Persons drawn with a number instead of their name (the map had no room).
    key: list[KeyEntry]


_Line = tuple[str, float, bool, str]


def _label_lines(person: Person, *, full: bool, small: bool = False) -> list[_Line]:
    name_size = _SMALL_SIZE if small else _NAME_SIZE
    lines = [
        (text, name_size, True, _INK)
        for text in wrap_text(person.name, name_size, _LABEL_WIDTH, True)
    ]
    if full:
        if person.role:
            lines += [
                (text, _ROLE_SIZE, False, _MUTED)
                for text in wrap_text(person.role, _ROLE_SIZE, _LABEL_WIDTH)
            ]
        marks = " ".join(MARKS[key] for key in mark_keys(person))
        if marks:
            lines.append((marks, _MARK_SIZE, False, _INK))
    return lines


def _size_of(lines: list[_Line]) -> tuple[float, float]:
    """Width and height of a label's box."""
    width = max(text_width(text, size, bold) for text, size, bold, _ in lines) + 4
    height = sum(size * _LINE_GAP for _, size, _, _ in lines) + 2
    return width, height


def _box_at(x: float, y: float, size: tuple[float, float], where: str) -> _Box:
    """The box of a label of ``size`` put at ``where`` around the node at (x, y)."""
    width, height = size
    gap = _NODE_RADIUS + 2
    vertical, _, side = where.partition("-")
    if vertical == "side":
        top = y - height / 2
        left = x + gap if side == "right" else x - gap - width
    else:
        top = y + gap if vertical == "below" else y - gap - height
        if side == "right":
            left = x - _NODE_RADIUS
        elif side == "left":
            left = x + _NODE_RADIUS - width
        else:
            left = x - width / 2
    return (left, top, left + width, top + height)


def _texts_in(lines: list[_Line], box: _Box) -> tuple[Text, ...]:
    texts = []
    baseline = box[1] + 1
    centre = (box[0] + box[2]) / 2
    for text, size, bold, colour in lines:
        baseline += size * _LINE_GAP
        texts.append(Text(centre, baseline - size * 0.28, text, size, bold, "middle", colour))
    return tuple(texts)


#: Where a label may go, in order of preference: under the node as in the editor,
#: beside it, over it, then shifted half a label sideways (still touching the node).
_PLACES = (
    "below",
    "side-right",
    "side-left",
    "above",
    "below-right",
    "below-left",
    "above-right",
    "above-left",
)


def _free_label(
    person: Person, x: float, y: float, obstacles: list[_Box], bounds: _Box
) -> _Label | None:
    """The first free place for the full label, else the name alone, else a smaller name.

    None when every place runs into a label, a node or the edge: the person is
    then numbered instead (a label over another is unreadable on paper).
    """
    reach = 2 * _LABEL_WIDTH
    near = [
        box
        for box in obstacles
        if box[0] < x + reach and box[2] > x - reach and box[1] < y + 150 and box[3] > y - 150
    ]
    variants = [
        _label_lines(person, full=True),
        _label_lines(person, full=False),
        _label_lines(person, full=False, small=True),
    ]
    for lines in variants:
        size = _size_of(lines)
        for where in _PLACES:
            left, top, right, bottom = box = _box_at(x, y, size, where)
            if left < bounds[0] or right > bounds[2] or top < bounds[1] or bottom > bounds[3]:
                continue
            # Boxes that merely touch do not overlap.
            if not any(left < o[2] and o[0] < right and top < o[3] and o[1] < bottom for o in near):
                return _Label(_texts_in(lines, box), box, short=len(lines) < len(variants[0]))
    return None


def _background(cx: float, cy: float, lang: Lang) -> tuple[list[Item], list[_Box]]:
    items: list[Item] = []
    boxes: list[_Box] = []
    for sector in SECTOR_ORDER:
        start, end = wedge_of(sector)
        steps = 24
        outer = [_screen(cx, cy, 1.0, start + (end - start) * i / steps) for i in range(steps + 1)]
        inner = [
            _screen(cx, cy, INNER_RADIUS, end - (end - start) * i / steps) for i in range(steps + 1)
        ]
        items.append(Polygon(tuple(outer + inner), _tint(SECTOR_COLOURS[sector.value], 0.22), None))
    for ring in RINGS[:-1]:
        items.append(Circle(cx, cy, radius_of(ring) * MAP_RADIUS, None, _RING, 1.2, (5.0, 4.0)))
    items.append(Circle(cx, cy, MAP_RADIUS, None, _RING, 1.6))
    items.append(Circle(cx, cy, INNER_RADIUS * MAP_RADIUS, _WHITE, _RING, 1.2))
    for sector in SECTOR_ORDER:
        start, _end = wedge_of(sector)
        x1, y1 = _screen(cx, cy, INNER_RADIUS, start)
        x2, y2 = _screen(cx, cy, 1.0, start)
        items.append(Line(x1, y1, x2, y2, _RING, 1.6))
    for sector in SECTOR_ORDER:
        start, end = wedge_of(sector)
        label = t(f"sector.{sector.value}", lang)
        x, y = _screen(cx, cy, _SECTOR_LABEL_RADIUS, (start + end) / 2)
        width = text_width(label, _SECTOR_LABEL_SIZE, True)
        # Beside the circle the label leans away from it, so it never reaches into the rings.
        sx = math.sin(math.radians((start + end) / 2))
        left = x - width / 2 - sx * width * 0.35
        left = min(max(left, 6.0), _LEGEND_X - 16 - width)
        items.append(
            Text(
                left + width / 2,
                y + _SECTOR_LABEL_SIZE * 0.35,
                label,
                _SECTOR_LABEL_SIZE,
                True,
                "middle",
                "#334e68",
            )
        )
        boxes.append(
            (left - 3, y - _SECTOR_LABEL_SIZE * 0.7, left + width + 3, y + _SECTOR_LABEL_SIZE * 0.6)
        )
    return items, boxes


def _patient(network_map: NetworkMap, cx: float, cy: float) -> tuple[list[Item], _Box]:
    radius = INNER_RADIUS * MAP_RADIUS * 0.88
    size = 12.0
    lines = wrap_text(network_map.patient.name, size, radius * 1.6, True)
    while (
        len(lines) > 3 or any(text_width(x, size, True) > radius * 1.85 for x in lines)
    ) and size > 7:
        size -= 1
        lines = wrap_text(network_map.patient.name, size, radius * 1.6, True)
    items: list[Item] = [Circle(cx, cy, radius, _PATIENT, None)]
    height = len(lines) * size * _LINE_GAP
    baseline = cy - height / 2 + size * 0.95
    for line in lines:
        items.append(Text(cx, baseline, line, size, True, "middle", _WHITE))
        baseline += size * _LINE_GAP
    return items, (cx - radius, cy - radius, cx + radius, cy + radius)


def _persons(
    network_map: NetworkMap, cx: float, cy: float, fixed: list[_Box], bounds: _Box
) -> tuple[list[Item], bool, list[KeyEntry]]:
    points = {
        pid: (cx + x * MAP_RADIUS, cy - y * MAP_RADIUS)
        for pid, (x, y) in positions(network_map.persons).items()
    }
    items: list[Item] = []
    for tie in network_map.ties:
        (x1, y1), (x2, y2) = points[tie.a], points[tie.b]
        items.append(Line(x1, y1, x2, y2, _TIE, 1.4))
    for person in network_map.persons:
        x, y = points[person.id]
        items.append(node_shape(person.sector, x, y, _NODE_RADIUS))
    # Other persons' nodes keep a margin free around them: a label right beside
    # someone else's node reads as theirs.
    room = _NODE_RADIUS + _OTHER_NODE_MARGIN
    node_boxes = [(pid, (x - room, y - room, x + room, y + room)) for pid, (x, y) in points.items()]
    placed: list[_Box] = list(fixed)
    labels: list[Item] = []
    shortened = False
    numbered: list[Person] = []
    # Closest first: the persons nearest the patient get the best places.
    for person in sorted(network_map.persons, key=lambda p: (p.distance, p.id)):
        x, y = points[person.id]
        others = [box for pid, box in node_boxes if pid != person.id]
        label = _free_label(person, x, y, placed + others, bounds)
        if label is None:
            numbered.append(person)
            continue
        placed.append(label.box)
        shortened = shortened or label.short
        left, top, right, bottom = label.box
        labels.append(Rect(left, top, right - left, bottom - top, _WHITE, None, radius=2.0))
        labels.extend(label.lines)
    # Numbered in reading order of the map: sector by sector, closest first.
    numbered.sort(key=lambda p: (SECTOR_ORDER.index(p.sector), p.distance, p.id))
    key = []
    for number, person in enumerate(numbered, start=1):
        x, y = points[person.id]
        size = 10.0 if number < 100 else 8.0
        labels.append(Text(x, y + size * 0.36, str(number), size, True, "middle"))
        key.append(KeyEntry(number, person.name, person.role, person.sector))
    return items + labels, shortened, key


def _legend_rows(lang: Lang, shortened: bool, numbered: bool) -> list[tuple[str, str]]:
    """(kind, text) pairs; kind names the sample drawn before the text."""
    rows: list[tuple[str, str]] = [("heading", t("picture.legend.sectors", lang))]
    rows += [(f"sector:{s.value}", t(f"sector.{s.value}", lang)) for s in SECTOR_ORDER]
    rows.append(("heading", t("picture.legend.marks", lang)))
    rows += [(f"mark:{key}", t(f"app.mark.{key}", lang)) for key in MARKS]
    rows.append(("heading", t("picture.legend.lines", lang)))
    rows += [
        ("patient", t("picture.legend.patient", lang)),
        ("tie", t("picture.legend.tie", lang)),
        ("rings", t("picture.legend.rings", lang)),
    ]
    if shortened:
        rows.append(("note", t("picture.legend.short", lang)))
    if numbered:
        rows.append(("note", t("picture.legend.numbered", lang)))
    return rows


def _legend(lang: Lang, top: float, shortened: bool, *, numbered: bool) -> list[Item]:
    x0 = _LEGEND_X
    items: list[Item] = [Text(x0, top + 16, t("picture.legend.title", lang), 16, True)]
    y = top + 30
    text_x = x0 + 30
    size = 12.0
    for kind, text in _legend_rows(lang, shortened, numbered):
        if kind == "note":
            y += 6
        if kind == "heading":
            y += 10
            items.append(Text(x0, y + 12, text, 12.5, True, fill=_MUTED))
            y += 20
            continue
        width = _LEGEND_WIDTH - (text_x - x0) if kind != "note" else _LEGEND_WIDTH
        lines = wrap_text(text, size, width)
        height = max(20.0, len(lines) * size * _LINE_GAP + 6)
        mid = y + height / 2
        sample_x = x0 + 11
        if kind.startswith("sector:"):
            items.append(node_shape(Sector(kind.split(":", 1)[1]), sample_x, mid, 8))
        elif kind.startswith("mark:"):
            items.append(Text(sample_x, mid + 5, MARKS[kind.split(":", 1)[1]], 14, False, "middle"))
        elif kind == "patient":
            items.append(Circle(sample_x, mid, 8, _PATIENT, None))
        elif kind == "tie":
            items.append(Line(x0, mid, x0 + 22, mid, _TIE, 1.8))
        elif kind == "rings":
            items.append(Circle(sample_x, mid, 10, None, _RING, 1.2, (3.0, 2.5)))
            items.append(Circle(sample_x, mid, 5, None, _RING, 1.2, (3.0, 2.5)))
        line_x = x0 if kind == "note" else text_x
        baseline = mid - (len(lines) - 1) * size * _LINE_GAP / 2 + size * 0.36
        for line in lines:
            items.append(
                Text(line_x, baseline, line, size, False, fill=_INK if kind != "note" else _MUTED)
            )
            baseline += size * _LINE_GAP
        y += height
    return items


def subtitle_text(network_map: NetworkMap, options: RenderOptions) -> str:
    """Map date, version, print date and (only when asked for) the CPR number."""
    lang = options.lang
    parts = [
        t("picture.map_date", lang, date=date_text(network_map.map_date, lang))
        if network_map.map_date
        else t("picture.no_map_date", lang)
    ]
    if options.version is not None:
        parts.append(t("picture.version", lang, version=options.version))
    parts.append(t("picture.exported", lang, date=date_text(options.export_date, lang)))
    if options.include_cpr and network_map.patient.cpr:
        parts.append(t("picture.cpr", lang, cpr=network_map.patient.cpr))
    return " · ".join(parts)


def key_line(entry: KeyEntry, lang: Lang) -> str:
    """One line of the list of numbered persons: number, name, role, field."""
    parts = [
        entry.name,
        *([entry.role] if entry.role else []),
        t(f"sector.{entry.sector.value}", lang),
    ]
    return f"{entry.number}. " + " · ".join(parts)


def _key_items(key: list[KeyEntry], top: float, lang: Lang) -> tuple[list[Item], float]:
    """The numbered persons in three columns under the map; returns items and height."""
    columns = 3
    column_width = (PAGE_WIDTH - 56) / columns
    size = 10.0
    items: list[Item] = [Text(28, top + 16, t("picture.key.title", lang), 13, True, fill=_MUTED)]
    per_column = math.ceil(len(key) / columns)
    bottom = top + 26
    for index, entry in enumerate(key):
        column, row_in_column = divmod(index, per_column)
        if row_in_column == 0:
            y = top + 26
        x = 28 + column * column_width
        for line in wrap_text(key_line(entry, lang), size, column_width - 12):
            y += size * _LINE_GAP
            items.append(Text(x, y, line, size))
        bottom = max(bottom, y)
    return items, bottom - top + 8


def map_scene(
    network_map: NetworkMap, options: RenderOptions, *, frame: bool = True, key_below: bool = True
) -> Scene:
    """The whole picture: title, map, legend and footer (``frame=False``: map and legend only).

    Persons the map has no room to name carry a number; with ``key_below`` the
    list of numbers is drawn under the map (the PDFs print it as a table).

    >>> from datetime import date
    >>> from netmap.model import Patient
    >>> scene = map_scene(NetworkMap(patient=Patient(name="Testa")),
    ...                   RenderOptions(export_date=date(2026, 12, 1)))
    >>> list(texts_of(scene))[:2]
    ['Netværkskort – Testa', 'Kortet har ingen dato · Udskrevet 01.12.2026']
    """
    lang = options.lang
    top = _HEADER if frame else 8.0
    cy = top + _MAP_MARGIN + MAP_RADIUS
    map_bottom = cy + MAP_RADIUS + _MAP_MARGIN
    items: list[Item] = []
    if frame:
        items.append(
            Text(28, 42, t("picture.title", lang, name=network_map.patient.name), 22, True)
        )
        items.append(Text(28, 68, subtitle_text(network_map, options), 12, False, fill=_MUTED))
    background, sector_boxes = _background(_MAP_CX, cy, lang)
    patient_items, patient_box = _patient(network_map, _MAP_CX, cy)
    bounds = (4.0, top - 6, _LEGEND_X - 14, map_bottom)
    persons, shortened, key = _persons(
        network_map, _MAP_CX, cy, [*sector_boxes, patient_box], bounds
    )
    items += background + persons + patient_items
    items += _legend(lang, top, shortened, numbered=bool(key))
    height = map_bottom
    if key and key_below:
        key_items, key_height = _key_items(key, map_bottom, lang)
        items += key_items
        height += key_height
    height += 34.0 if frame else 4.0
    if frame:
        items.append(Text(28, height - 14, footer_text(options), 11, True, fill=_MUTED))
    return Scene(PAGE_WIDTH, height, [Rect(0, 0, PAGE_WIDTH, height, _WHITE, None), *items], key)


def texts_of(scene: Scene) -> Iterable[str]:
    """Every text drawn, in order (for tests and checks)."""
    return (item.text for item in scene.items if isinstance(item, Text))
