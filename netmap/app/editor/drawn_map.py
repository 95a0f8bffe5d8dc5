"""Send the map only the elements a new layout changed, not all of them.

A drop moves one person, and the layout that follows
(:mod:`netmap.app.editor.settle`) moves a few more, their labels and
leader lines: 41 of 284 elements on the 60-person benchmark map, 123 of
2,686 on the 1,000-person one (8 KB of 44 KB, 32 KB of 461 KB). Yet every
layout was sent whole, parsed by the browser, kept by Dash and compared
element by element by dash-cytoscape.

So the server remembers the last few element lists it sent
(:class:`SentElements`, by a random token), and the tab keeps the token of
the list its map was drawn from (the ``map-drawn`` store, set together
with the map's elements). A layout is then sent as a :class:`Patch`
against that list: the elements that are new or changed, and the ids of
those gone. The browser makes the new list from the one it has
(``settle.APPLY_JS``) and dash-cytoscape applies the difference as before.
Both the layout after a drop and every other redraw of the map (a tap, a
new step, an undo: ``callbacks.render_map``) come this way.
A token the server does not know (another process, forgotten, another
map's, or anything the client made up) means the list is sent whole, and
so does a patch that would not be smaller.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash

from netmap.app.wiring import one_per_app

__all__ = [
    "Patch",
    "SentElements",
    "element_patch",
    "parse_token",
    "sent_of",
    "settled_data",
]

Elements = list[dict[str, Any]]
#: Lists kept for the tabs' next layouts: a few tabs, each needs only its last.
_KEPT = 8
_TOKEN = re.compile(r"[0-9a-f]{16}")


def parse_token(value: Any) -> tuple[str, str] | None:
    """The (map id, token) of a ``map-drawn`` value from the browser, or ``None``.

    >>> parse_token({"map_id": "m1", "token": "0123456789abcdef"})
    ('m1', '0123456789abcdef')
    >>> [parse_token(v) for v in (None, {}, {"map_id": "m1", "token": "x"}, {"token": 5})]
    [None, None, None, None]
    """
    if not isinstance(value, dict):
        return None
    map_id, token = value.get("map_id"), value.get("token")
    if not (isinstance(map_id, str) and 0 < len(map_id) <= 100):
        return None
    if not (isinstance(token, str) and _TOKEN.fullmatch(token)):
        return None
    return map_id, token


class SentElements:
    """The element lists sent most recently, by token (per app, bounded)."""

    def __init__(self, size: int = _KEPT) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[str, Elements]] = OrderedDict()

    def remember(self, map_id: str, elements: Elements) -> str:
        """Keep ``elements`` (sent for ``map_id``) and return their new token."""
        token = secrets.token_hex(8)
        with self._lock:
            self._items[token] = (map_id, elements)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return token

    def get(self, map_id: str, token: str) -> Elements | None:
        """The list sent under ``token``, if it was sent for ``map_id`` and is still kept."""
        with self._lock:
            found = self._items.get(token)
            if found is not None:
                self._items.move_to_end(token)
        if found is None or found[0] != map_id:
            return None
        return found[1]


def sent_of(app: dash.Dash) -> SentElements:
    """The app's one :class:`SentElements`."""
    return one_per_app(app, "netmap.sent_elements", SentElements)


@dataclass(frozen=True)
class Patch:
    """What turns one element list into another: ``put`` new or changed, ``removed`` ids."""

    put: Elements
    removed: list[str]

    def as_data(self) -> dict[str, Any]:
        """The patch as the ``map-settled`` store carries it."""
        return {"put": self.put, "removed": self.removed}


def _element_id(element: dict[str, Any]) -> str:
    return str(element["data"]["id"])


def element_patch(before: Elements, after: Elements) -> Patch | None:
    """The patch from ``before`` to ``after``, or ``None`` when sending ``after`` is as good.

    Elements are matched by their ``data.id``; an element is put when it
    is new or differs in anything. ``None`` too for a list with an id twice
    (a patch by id could not make it).

    >>> a = {"data": {"id": "a"}, "position": {"x": 0, "y": 0}}
    >>> b = {"data": {"id": "b"}}
    >>> moved = {"data": {"id": "a"}, "position": {"x": 5, "y": 0}}
    >>> c = {"data": {"id": "c"}}
    >>> many = [{"data": {"id": f"n{i}"}} for i in range(8)]
    >>> patch = element_patch([a, b, *many], [moved, c, *many])
    >>> [e["data"]["id"] for e in patch.put], patch.put[0]["position"], patch.removed
    (['a', 'c'], {'x': 5, 'y': 0}, ['b'])
    >>> element_patch([a], [moved]) is None  # not smaller than the list itself
    True
    """
    old = {_element_id(element): element for element in before}
    new_ids = [_element_id(element) for element in after]
    if len(old) != len(before) or len(set(new_ids)) != len(after):
        return None
    put = [element for key, element in zip(new_ids, after, strict=True) if old.get(key) != element]
    kept = set(new_ids)
    removed = [key for key in old if key not in kept]
    if 2 * (len(put) + len(removed)) > len(after):
        return None
    return Patch(put=put, removed=removed)


def settled_data(
    app: dash.Dash,
    map_id: str,
    version: int,
    drop: int | None,
    ui: Sequence[Any],
    drawn: Any,
    elements: Elements,
    *,
    whole: bool = False,
) -> dict[str, Any]:
    """What ``map-settled`` carries: ``elements`` and what they were drawn for.

    ``drop`` is the browser's number of the drop laid out (``None`` for any
    other redraw), ``ui`` the raw (lang, selected, connect-from, q-step,
    mode) they are drawn for: ``settle.APPLY_JS`` draws them only if the tab
    still has these. ``drawn`` is the tab's ``map-drawn``.
    """
    settled = {"map_id": map_id, "version": version, "drop": drop, "ui": list(ui)}
    return {**settled, **_sent(app, map_id, drawn, elements, whole)}


def _sent(
    app: dash.Dash, map_id: str, drawn: Any, elements: Elements, whole: bool
) -> dict[str, Any]:
    """``elements`` as a patch or whole, and their new token.

    The patch is made against the tab's list if the server still has it for
    ``map_id`` (and not ``whole``); ``elements`` are kept under a new token
    either way.
    """
    sent = sent_of(app)
    known = parse_token(drawn)
    base = None
    if known is not None and known[0] == map_id and not whole:
        base = sent.get(map_id, known[1])
    patch = element_patch(base, elements) if base is not None else None
    token = sent.remember(map_id, elements)
    if patch is None or known is None:
        return {"token": token, "elements": elements}
    return {"token": token, "base": known[1], **patch.as_data()}
