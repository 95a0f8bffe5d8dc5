"""The map as cytoscape elements: pure builders, no callbacks.

The rings, the sector lines and the sector labels are locked, non-grabbable
elements that ignore taps; the patient sits locked in the centre; every
person is a grabbable node placed by :mod:`netmap.geometry`. Cytoscape's y
axis points down, so map y is negated here and in :func:`map_point`.

Node ids carry a prefix (``p:`` for persons) so that no person id, however it
was typed, can collide with a background element.
"""

from __future__ import annotations

import math
from typing import Any

from netmap.analysis.since import SinceMeeting
from netmap.editing import answer_of
from netmap.geometry import RINGS, SECTOR_ORDER, position_of, positions, radius_of, wedge_of
from netmap.i18n import Lang, t
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

#: Pixels (at zoom 1) of the outer ring's radius.
MAP_RADIUS = 250.0
PERSON_PREFIX = "p:"
_LABEL_RADIUS = 1.13
#: Persons whose centres are closer than this (map units) are drawn smaller.
_CROWDED = 0.15


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
                "position": _pixel(position_of(sector, 1.0, (start + end) / 2), _LABEL_RADIUS),
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
    crowded: bool = False,
) -> str:
    classes = ["person", f"sector-{person.sector.value}"]
    if crowded:
        classes.append("crowded")
    if person.id == selected:
        classes.append("chosen")
    if person.id in tied:
        classes.append("tied")
    if person.id == connect_from:
        classes.append("connect-from")
    if question in (2, 3, 4):
        classes.append(f"answer-{answer_of(person, question)}")
    return " ".join(classes)


def _crowded(points: dict[str, tuple[float, float]]) -> set[str]:
    """Persons drawn so close to another that full-size nodes would overlap."""
    if len(points) > 400:
        # Quadratic check; beyond this size every node is drawn small anyway.
        return set(points)
    items = list(points.items())
    crowded: set[str] = set()
    for i, (a, pa) in enumerate(items):
        for b, pb in items[i + 1 :]:
            if math.dist(pa, pb) < _CROWDED:
                crowded.update((a, b))
    return crowded


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
    points = positions(network_map.persons)
    crowded = _crowded(points)
    added = set(since.added) if since is not None else set()
    for person in network_map.persons:
        lines = [person.name]
        # Where persons crowd, the name alone (role and marks are in the list).
        if person.id not in crowded:
            if person.role:
                lines.append(person.role)
            marks = marks_of(person)
            if marks:
                lines.append(marks)
        elements.append(
            {
                "data": {
                    "id": node_id(person.id),
                    "pid": person.id,
                    "label": "\n".join(lines),
                    "sector": person.sector.value,
                },
                "position": _pixel(points[person.id]),
                "classes": _person_classes(
                    person,
                    selected=selected,
                    tied=tied,
                    connect_from=connect_from,
                    question=question,
                    crowded=person.id in crowded,
                )
                + (" new-since" if person.id in added else ""),
                "grabbable": True,
            }
        )
    if since is not None:
        elements += since_marks(since, set(points))
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


def stylesheet(show_since: bool = True) -> list[dict[str, Any]]:
    """The cytoscape stylesheet: sector colours and shapes, marks, rings.

    ``show_since``: draw the marks of what changed since the last meeting.
    """
    styles: list[dict[str, Any]] = [
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
                "width": 54,
                "height": 54,
                "background-color": "#243b53",
                "color": "#ffffff",
                "font-size": 10,
                "font-weight": "bold",
                "text-valign": "center",
                "text-halign": "center",
                "text-wrap": "wrap",
                "text-max-width": 50,
                "events": "no",
            },
        },
        {
            "selector": ".person",
            "style": {
                "label": "data(label)",
                "width": 38,
                "height": 38,
                "border-width": 2,
                "border-color": "#486581",
                "font-size": 12,
                "color": "#102a43",
                "text-valign": "bottom",
                "text-margin-y": 3,
                "text-wrap": "wrap",
                "text-max-width": 110,
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.7,
                "text-background-padding": 1,
                "z-index": 10,
            },
        },
        {
            "selector": ".person.crowded",
            "style": {"width": 24, "height": 24, "font-size": 9, "text-max-width": 70},
        },
        *_SINCE_STYLES,
        *_STATE_STYLES,
        *([] if show_since else _SINCE_HIDDEN),
    ]
    for sector, colour in SECTOR_COLOURS.items():
        styles.insert(
            5,
            {
                "selector": f".sector-{sector}",
                "style": {"background-color": colour, "shape": _SECTOR_SHAPES[sector]},
            },
        )
    return styles
