"""Set only the person list's properties that changed, on the items already drawn.

Dash 4's renderer re-mounts every component under a ``children`` that changes,
and each re-mounted component costs one update of the whole page (about 1 ms
on a 60-person map). Redrawing the person list on every drop cost some 250 of
them. So the list is drawn once (and again only when its structure changes,
see :func:`netmap.app.editor.list_structure`), and afterwards the map callback
writes single properties through pattern-matching outputs: the class of the
row (sector), of the button (chosen), its ``aria-pressed``, the marks, and the
answer buttons. Each property is compared with what the browser has (sent as
state) and left alone when equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash
from dash import ALL

from netmap.app.editor import ListLeaves

__all__ = ["LIST_LEAVES", "leaf_updates"]

#: (component id pattern, property) for each field of :class:`ListLeaves`, in order.
LIST_LEAVES: tuple[tuple[dict[str, Any], str], ...] = (
    ({"type": "person-row", "pid": ALL}, "className"),
    ({"type": "person-item", "pid": ALL}, "className"),
    ({"type": "person-item", "pid": ALL}, "aria-pressed"),
    ({"type": "person-marks", "pid": ALL}, "children"),
    ({"type": "answer", "pid": ALL, "a": ALL}, "className"),
    ({"type": "answer", "pid": ALL, "a": ALL}, "aria-pressed"),
)
_FIELDS = ("row_class", "item_class", "item_pressed", "marks", "answer_class", "answer_pressed")


def _key(component_id: Any) -> Any:
    if not isinstance(component_id, dict):
        return None
    if component_id.get("type") == "answer":
        return (component_id.get("pid"), component_id.get("a"))
    return component_id.get("pid")


def leaf_updates(
    wanted: ListLeaves,
    outputs: Sequence[Any],
    drawn: Sequence[Any],
) -> list[list[Any]]:
    """For each of :data:`LIST_LEAVES`, the value per drawn component or ``no_update``.

    ``outputs`` and ``drawn`` are Dash's ``ctx.outputs_list`` and
    ``ctx.states_list`` for those patterns (lists of ``{"id", "property"}``,
    the states with their ``"value"``). A component the browser has and that
    already shows the wanted value, or that ``wanted`` does not know, is left
    alone.

    >>> leaves = ListLeaves({"a": "x"}, {}, {}, {}, {}, {})
    >>> out = [[{"id": {"type": "person-row", "pid": "a"}, "property": "className"}]]
    >>> leaf_updates(leaves, out + [[]] * 5, [[{**out[0][0], "value": "y"}]] + [[]] * 5)[0]
    ['x']
    >>> leaf_updates(leaves, out + [[]] * 5, [[{**out[0][0], "value": "x"}]] + [[]] * 5)[0] == [
    ...     dash.no_update]
    True
    """
    result: list[list[Any]] = []
    for field, ids, states in zip(_FIELDS, outputs, drawn, strict=True):
        values: Mapping[Any, str] = getattr(wanted, field)
        shown = {_key(entry.get("id")): entry.get("value") for entry in states or []}
        column = []
        for entry in ids or []:
            key = _key(entry.get("id"))
            value = values.get(key)
            column.append(dash.no_update if value is None or shown.get(key) == value else value)
        result.append(column)
    return result
