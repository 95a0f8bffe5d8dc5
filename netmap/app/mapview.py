"""The map as cytoscape elements: pure builders, no callbacks.

The rings, the sector lines and the sector labels are locked, non-grabbable
elements that ignore taps; the patient sits locked in the centre; every
person is a grabbable node placed by :mod:`netmap.geometry`. Cytoscape's y
axis points down, so map y is negated here and in :func:`map_point`.

Node ids carry a prefix (``p:`` for persons) so that no person id, however it
was typed, can collide with a background element.
"""

from __future__ import annotations

from typing import Any

from netmap.analysis.since import SinceMeeting
from netmap.app.light import is_light
from netmap.editing import answer_of
from netmap.geometry import RINGS, SECTOR_ORDER, position_of, radius_of, wedge_of
from netmap.i18n import Lang, t
from netmap.layout import (
    FONT_SIZE,
    MAP_RADIUS,
    PATIENT_SIZE,
    SECTOR_LABEL_RADIUS,
    Placed,
    layout,
    quick_layout,
)
from netmap.marks import MARKS, SECTOR_COLOURS, marks_of
from netmap.marks import SECTOR_SHAPES as _SECTOR_SHAPES
from netmap.model import NetworkMap, Person

__all__ = [
    "MAP_RADIUS",
    "MARKS",
    "PERSON_PREFIX",
    "build_elements",
    "map_point",
    "marks_of",
    "node_id",
    "stylesheet",
]

PERSON_PREFIX = "p:"
#: The font of the map: the page's own, so the layout's label widths hold.
_FONT = '"Noto Sans", "DejaVu Sans", system-ui, sans-serif'


def node_id(person_id: str) -> str:
    """The cytoscape id of a person."""
    return PERSON_PREFIX + person_id


def map_point(x: float, y: float) -> tuple[float, float]:
    """Cytoscape pixel coordinates (y down) back to map units (y up).

    >>> map_point(125.0, -250.0)
    (0.5, 1.0)
    """
    return (x / MAP_RADIUS, -y / MAP_RADIUS)


def _pixel(point: tuple[float, float], radius: float = 1.0) -> dict[str, float]:
    return {
        "x": round(point[0] * radius * MAP_RADIUS, 2),
        "y": round(-point[1] * radius * MAP_RADIUS, 2),
    }


def _background(lang: Lang) -> list[dict[str, Any]]:
    fixed = {"locked": True, "grabbable": False, "selectable": False}
    elements: list[dict[str, Any]] = []
    for i, ring in enumerate(RINGS, start=1):
        elements.append(
            {
                "data": {
                    "id": f"bg:ring{i}",
                    "size": round(2 * radius_of(ring) * MAP_RADIUS, 2),
                },
                "position": {"x": 0.0, "y": 0.0},
                "classes": "ring",
                **fixed,
            }
        )
    elements.append(
        {
            "data": {"id": "bg:centre"},
            "position": {"x": 0.0, "y": 0.0},
            "classes": "anchor",
            **fixed,
        }
    )
    for sector in SECTOR_ORDER:
        start, end = wedge_of(sector)
        anchor = f"bg:edge-{sector.value}"
        elements.append(
            {
                "data": {"id": anchor},
                "position": _pixel(position_of(sector, 1.0, start)),
                "classes": "anchor",
                **fixed,
            }
        )
        elements.append(
            {
                "data": {"id": f"bg:line-{sector.value}", "source": "bg:centre", "target": anchor},
                "classes": "sector-line",
                "selectable": False,
            }
        )
        elements.append(
            {
                "data": {
                    "id": f"bg:label-{sector.value}",
                    "label": t(f"sector.{sector.value}", lang),
                },
                "position": _pixel(
                    position_of(sector, 1.0, (start + end) / 2), SECTOR_LABEL_RADIUS
                ),
                "classes": f"sector-label label-{sector.value}",
                **fixed,
            }
        )
    return elements


def _person_classes(
    person: Person,
    *,
    selected: str | None,
    tied: set[str],
    connect_from: str | None,
    question: int | None,
    compact: bool = False,
) -> str:
    classes = ["person", f"sector-{person.sector.value}"]
    if compact:
        classes.append("compact")
    if person.id == selected:
        classes.append("chosen")
    if person.id in tied:
        classes.append("tied")
    if person.id == connect_from:
        classes.append("connect-from")
    if question in (2, 3, 4):
        classes.append(f"answer-{answer_of(person, question)}")
    return " ".join(classes)


def _leader(person: Person, placed: Placed) -> list[dict[str, Any]]:
    """A label standing apart: a line from the marker to the label's nearest edge."""
    x1, y1, x2, y2 = placed.label_box
    end = (min(max(placed.x, x1), x2), min(max(placed.y, y1), y2))
    anchor = f"lbl:{person.id}"
    return [
        {
            "data": {"id": anchor},
            "position": {"x": round(end[0], 2), "y": round(end[1], 2)},
            "classes": "anchor label-anchor",
            "locked": True,
            "grabbable": False,
            "selectable": False,
        },
        {
            "data": {"id": f"lead:{person.id}", "source": node_id(person.id), "target": anchor},
            "classes": "leader",
            "selectable": False,
        },
    ]


def _person_element(person: Person, placed: Placed, classes: str) -> dict[str, Any]:
    return {
        "data": {
            "id": node_id(person.id),
            "pid": person.id,
            "label": placed.label,
            "full": placed.full,
            "size": placed.size,
            "lx": round(placed.label_dx, 2),
            "ly": round(placed.label_dy, 2),
            "sector": person.sector.value,
        },
        "position": {"x": round(placed.x, 2), "y": round(placed.y, 2)},
        "classes": classes,
        "grabbable": True,
    }


def build_elements(
    network_map: NetworkMap,
    lang: Lang,
    *,
    selected: str | None = None,
    connect_from: str | None = None,
    question: int | None = None,
    since: SinceMeeting | None = None,
) -> list[dict[str, Any]]:
    """All elements of the map: background, patient, persons and ties.

    ``selected`` is the person shown in the side panel (persons tied to them
    are marked), ``connect_from`` the first person tapped in connect mode and
    ``question`` the guiding question (2–4) whose answers colour the persons;
    ``since`` marks what changed since the last meeting (:func:`since_marks`).
    """
    elements = _background(lang)
    elements.append(
        {
            "data": {"id": "patient", "label": network_map.patient.name},
            "position": {"x": 0.0, "y": 0.0},
            "classes": "patient",
            "locked": True,
            "grabbable": False,
        }
    )
    focus = selected if selected is not None else connect_from
    tied = network_map.tied_to(focus) if focus is not None else set()
    names = {sector: t(f"sector.{sector.value}", lang) for sector in SECTOR_ORDER}
    # A large map: the quick layout, no labels until hover, focus or tap (netmap.app.light).
    light = is_light(network_map)
    drawn = quick_layout(network_map.persons) if light else layout(network_map.persons, names)
    added = set(since.added) if since is not None else set()
    leaders: list[dict[str, Any]] = []
    for person in network_map.persons:
        placed = drawn[person.id]
        classes = _person_classes(
            person,
            selected=selected,
            tied=tied,
            connect_from=connect_from,
            question=question,
            compact=placed.compact,
        )
        if person.id in added:
            classes += " new-since"
        if light:
            classes += " unlabelled"
        elements.append(_person_element(person, placed, classes))
        if placed.leader:
            leaders.extend(_leader(person, placed))
    elements.extend(leaders)
    if since is not None:
        elements += since_marks(since, set(drawn))
    for tie in network_map.ties:
        classes = "tie focus" if focus in tie.ends else "tie"
        elements.append(
            {
                "data": {
                    "id": f"tie:{tie.a}|{tie.b}",
                    "source": node_id(tie.a),
                    "target": node_id(tie.b),
                },
                "classes": classes,
                "selectable": False,
            }
        )
    return elements


def since_marks(since: SinceMeeting, on_map: set[str]) -> list[dict[str, Any]]:
    """A faint ghost where each moved person was, and a trace from it to them.

    Background-like: locked, not grabbable, ignoring taps.
    """
    elements: list[dict[str, Any]] = []
    for moved in since.moved:
        if moved.id not in on_map:
            continue
        ghost = f"ghost:{moved.id}"
        elements.append(
            {
                "data": {"id": ghost},
                "position": _pixel((moved.x, moved.y)),
                "classes": "ghost",
                "locked": True,
                "grabbable": False,
                "selectable": False,
            }
        )
        elements.append(
            {
                "data": {"id": f"trace:{moved.id}", "source": ghost, "target": node_id(moved.id)},
                "classes": "trace",
                "selectable": False,
            }
        )
    return elements


#: What changed since the last meeting: new persons ringed, ghosts and traces faint.
_SINCE_STYLES: list[dict[str, Any]] = [
    {
        "selector": ".ghost",
        "style": {
            "width": 30,
            "height": 30,
            "background-opacity": 0,
            "border-width": 2,
            "border-style": "dashed",
            "border-color": "#829ab1",
            "events": "no",
            "z-index": 1,
        },
    },
    {
        "selector": ".trace",
        "style": {
            "width": 2,
            "line-style": "dashed",
            "line-color": "#9fb3c8",
            "target-arrow-shape": "triangle",
            "target-arrow-color": "#9fb3c8",
            "curve-style": "straight",
            "events": "no",
            "z-index": 1,
        },
    },
    {
        "selector": ".person.new-since",
        "style": {"underlay-color": "#f0b429", "underlay-opacity": 0.55, "underlay-padding": 7},
    },
]
#: The same, hidden (the map page's toggle).
_SINCE_HIDDEN: list[dict[str, Any]] = [
    {"selector": ".ghost, .trace", "style": {"display": "none"}},
    {"selector": ".person.new-since", "style": {"underlay-opacity": 0}},
]


#: Ties, and what a person's border says: tied to the chosen one, chosen, first of a
#: new line, an answer (yes, no, not yet).
_STATE_STYLES: list[dict[str, Any]] = [
    {
        "selector": ".tie",
        "style": {"width": 3, "line-color": "#627d98", "curve-style": "straight"},
    },
    {"selector": ".tie.focus", "style": {"width": 5, "line-color": "#c026d3"}},
    {
        "selector": ".person.tied",
        "style": {"border-width": 5, "border-color": "#c026d3", "border-style": "double"},
    },
    {
        "selector": ".person.chosen",
        "style": {
            "border-width": 6,
            "border-color": "#102a43",
            "underlay-opacity": 0.25,
            "underlay-color": "#102a43",
            "underlay-padding": 8,
        },
    },
    {
        # Just added with the form: marked for a moment (netmap-add-form.js).
        "selector": ".person.just-added",
        "style": {
            "underlay-opacity": 0.45,
            "underlay-color": "#f59e0b",
            "underlay-padding": 12,
            "border-width": 6,
            "border-color": "#b45309",
        },
    },
    {
        "selector": ".person.connect-from",
        "style": {"border-width": 6, "border-color": "#c026d3", "border-style": "dashed"},
    },
    {"selector": ".person.answer-yes", "style": {"border-width": 6, "border-color": "#2f855a"}},
    {"selector": ".person.answer-no", "style": {"border-width": 6, "border-color": "#c53030"}},
    {
        "selector": ".person.answer-unknown",
        "style": {"border-width": 3, "border-color": "#9aa5b1", "border-style": "dotted"},
    },
]


#: The map's background: rings, sector lines and labels, the patient.
_BACKGROUND_STYLES: list[dict[str, Any]] = [
    {
        "selector": ".ring",
        "style": {
            "width": "data(size)",
            "height": "data(size)",
            "shape": "ellipse",
            "background-opacity": 0,
            "border-width": 2,
            "border-color": "#9aa5b1",
            "border-style": "dashed",
            "events": "no",
            "z-index": 0,
        },
    },
    {
        "selector": ".anchor",
        "style": {"width": 1, "height": 1, "opacity": 0, "events": "no"},
    },
    {
        "selector": ".sector-line",
        "style": {"width": 2, "line-color": "#9aa5b1", "events": "no", "z-index": 0},
    },
    {
        "selector": ".sector-label",
        "style": {
            "label": "data(label)",
            "width": 1,
            "height": 1,
            "background-opacity": 0,
            "font-size": 17,
            "font-weight": "bold",
            "color": "#334e68",
            "text-valign": "center",
            "text-halign": "center",
            "events": "no",
        },
    },
    {
        "selector": ".patient",
        "style": {
            "label": "data(label)",
            # Inside the inner circle (radius 0.25 = 62 px), clear of everyone.
            "width": PATIENT_SIZE,
            "height": PATIENT_SIZE,
            "background-color": "#243b53",
            "color": "#ffffff",
            # As large as a person's label (at least 11 px at the default fit,
            # tests/e2e/test_map_fits.py); a long name that reaches past the
            # circle stays legible on its dark outline.
            "font-size": FONT_SIZE,
            "font-weight": "bold",
            "text-valign": "center",
            "text-halign": "center",
            "text-wrap": "wrap",
            "text-max-width": PATIENT_SIZE - 4,
            "text-outline-color": "#243b53",
            "text-outline-width": 2,
            "events": "no",
        },
    },
]

#: Persons, their labels and leader lines (full, compact or, on a large map, none).
_PERSON_STYLES: list[dict[str, Any]] = [
    {
        "selector": ".person",
        "style": {
            "label": "data(label)",
            "width": "data(size)",
            "height": "data(size)",
            "border-width": 2,
            "border-color": "#486581",
            "font-size": FONT_SIZE,
            "font-family": _FONT,
            "color": "#102a43",
            # The label's centre is where netmap.layout put it (lx, ly from the marker).
            "text-valign": "center",
            "text-halign": "center",
            "text-margin-x": "data(lx)",
            "text-margin-y": "data(ly)",
            "text-wrap": "wrap",
            "text-max-width": 400,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": 1,
            "z-index": 10,
        },
    },
    {
        "selector": ".leader",
        "style": {"width": 1, "line-color": "#829ab1", "events": "no", "z-index": 1},
    },
    {"selector": ".leader.hidden", "style": {"display": "none"}},
    # Light mode (a large map): no label until hover, focus or tap.
    {"selector": ".person.unlabelled", "style": {"label": ""}},
    {
        # Compact: the name alone; the whole label on hover, focus or tap (chosen).
        "selector": ".person.expanded, .person.chosen",
        "style": {
            "label": "data(full)",
            "text-background-opacity": 1,
            "text-border-width": 1,
            "text-border-color": "#486581",
            "text-border-opacity": 1,
            "z-index": 20,
        },
    },
]


def stylesheet(show_since: bool = True) -> list[dict[str, Any]]:
    """The cytoscape stylesheet: sector colours and shapes, marks, rings.

    ``show_since``: draw the marks of what changed since the last meeting.
    """
    sectors = [
        {
            "selector": f".sector-{sector}",
            "style": {"background-color": colour, "shape": _SECTOR_SHAPES[sector]},
        }
        for sector, colour in SECTOR_COLOURS.items()
    ]
    return [
        *_BACKGROUND_STYLES,
        *sectors,
        *_PERSON_STYLES,
        *_SINCE_STYLES,
        *_STATE_STYLES,
        *([] if show_since else _SINCE_HIDDEN),
    ]
