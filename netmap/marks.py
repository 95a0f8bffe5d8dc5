"""How the map marks a person: sector colours and shapes, and the answer and role marks.

One vocabulary for the editor (:mod:`netmap.app.mapview`) and the exported
pictures (:mod:`netmap.export`), so that a printed map reads like the one on
the screen. Pure: no Dash, no drawing. The legend texts are ``app.mark.<key>``
in the catalogues.
"""

from __future__ import annotations

from netmap.model import Attendance, Person

__all__ = ["MARKS", "SECTOR_COLOURS", "SECTOR_SHAPES", "mark_keys", "marks_of"]

#: The small marks under a person's name, in this order (legend in app.json).
MARKS: dict[str, str] = {
    "knows": "♥",
    "helps": "✚",
    "meets_yes": "☑",
    "meets_no": "☒",
    "role": "★",
    "primary": "◆",
}

SECTOR_COLOURS: dict[str, str] = {
    "family": "#f4a261",
    "kin": "#e9c46a",
    "leisure": "#8ecae6",
    "work_school": "#b5e48c",
    "professional": "#cdb4db",
}
#: A shape per sector as well as a colour, for readers who cannot tell the colours apart
#: (cytoscape's shape names).
SECTOR_SHAPES: dict[str, str] = {
    "family": "ellipse",
    "kin": "round-rectangle",
    "leisure": "round-diamond",
    "work_school": "round-hexagon",
    "professional": "round-rectangle",
}


def mark_keys(person: Person) -> list[str]:
    """The keys of :data:`MARKS` that apply to a person, in order.

    >>> mark_keys(Person(id="a", name="A", sector="kin", distance=1, knows_how_i_am=True,
    ...                  attends_meetings="no"))
    ['knows', 'meets_no']
    """
    keys = []
    if person.knows_how_i_am:
        keys.append("knows")
    if person.can_help:
        keys.append("helps")
    if person.attends_meetings is Attendance.YES:
        keys.append("meets_yes")
    elif person.attends_meetings is Attendance.NO:
        keys.append("meets_no")
    if person.team_roles:
        keys.append("role")
    if person.primary_contact:
        keys.append("primary")
    return keys


def marks_of(person: Person) -> str:
    """The marks for a person's answers and roles, e.g. ``'♥ ✚ ☑'``.

    >>> marks_of(Person(id="a", name="A", sector="kin", distance=1, can_help=True))
    '✚'
    """
    return " ".join(MARKS[key] for key in mark_keys(person))
