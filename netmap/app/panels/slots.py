"""The fixed slots of the team and checks sections, one Dash output each.

Dash's renderer re-mounts every child of a component whose ``children``
change (a :class:`dash.Patch` too: the whole ``children`` prop counts as
changed), and each re-mounted component makes every mounted component on the
page re-check the store. So each part of a section (a group, the invite
list, one kind of finding) gets a fixed ``html.Div`` of its own in the static
layout, and the panel callback writes only the slots whose content changed.

The slots are ``display: contents``: they draw no box of their own, so the
team groups are still the items of the team body's grid and an empty slot
takes no room.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html
from dash.development.base_component import Component

from netmap.analysis.checks import CheckCode
from netmap.analysis.groups import GROUP_ORDER

__all__ = [
    "CHECK_SLOTS",
    "MESSAGE",
    "TEAM_SLOTS",
    "slot_divs",
    "slot_id",
    "slot_values",
]

#: The slot for a section's message: no map open, or (checks) no warnings.
MESSAGE = "message"
#: The team section: the message, the patient, the groups, the invite list.
TEAM_SLOTS: tuple[str, ...] = (MESSAGE, "patient", *(g.value for g in GROUP_ORDER), "invite")
#: The checks section: the message, then one slot per check code in the
#: order :func:`netmap.analysis.checks.run_checks` reports them.
CHECK_SLOTS: tuple[str, ...] = (MESSAGE, *(code.value for code in CheckCode))

_NO_BOX = {"display": "contents"}


def slot_id(section: str, slot: str) -> str:
    """The component id of one slot.

    >>> slot_id("team", "invite")
    'panel-slot-team-invite'
    """
    return f"panel-slot-{section}-{slot}"


def slot_divs(
    section: str, slots: Sequence[str], filled: Mapping[str, Any] | None = None
) -> list[Component]:
    """The slot elements of ``section``, each with its part from ``filled`` (by slot id)."""
    filled = filled or {}
    return [
        html.Div(filled.get(slot_id(section, slot)), id=slot_id(section, slot), style=_NO_BOX)
        for slot in slots
    ]


def slot_values(slots: Sequence[str], parts: Mapping[str, Any]) -> list[Any]:
    """Each slot's children: its part, or ``None`` (an empty slot).

    >>> slot_values(("message", "team"), {"team": "x"})
    [None, 'x']
    """
    unknown = set(parts) - set(slots)
    if unknown:  # a builder and the layout disagree: fail loudly, not blank
        raise ValueError(f"no slot for {sorted(unknown)}")
    return [parts.get(slot) for slot in slots]
