"""Keeping a tab's edits of one person in the order the tab made them.

The page numbers its callback requests as it sends them (the ``X-Netmap-Seq``
header, ``netmap/app/assets/netmap-request-order.js``). On a threaded server two saves
of the same tab can still be taken up in the other order: the distance
slider's 0.65 after its 0.7. An edit that sets a person's fields outright
(the edit panel, a drop) must then not undo the newer one, so it is skipped.
Edits that change something relative to what is there (an answer cycled, a
tie toggled) and edits of other persons are not held back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import dash
from flask import has_request_context, request
from pydantic import Field

from netmap.app.state import MapState, parse

__all__ = ["SEQ_HEADER", "EditOrder", "edit_order_of", "request_seq", "subject_of"]

SEQ_HEADER = "X-Netmap-Seq"
Seq = Annotated[int, Field(ge=1, le=10**15)]
_EXTENSION = "netmap.edit_order"
#: Remembered (map, tab, subject) keys; the oldest are forgotten first.
_MAX_KEYS = 10_000


def subject_of(op: Any) -> str | None:
    """What an edit sets outright, as a key; ``None`` for an edit relative to what is there.

    The edit panel and the patient form send their whole form each time, so
    a newer save holds everything an older one of the same form did.
    """
    kind = getattr(op, "kind", None)
    if kind == "update_person":
        return f"person:{op.id}"
    if kind in ("drop_person", "move_person"):
        return f"place:{op.id}"
    if kind == "set_answer":
        return f"answer:{op.id}:{op.question}"
    if kind in ("update_patient", "update_patient_details"):
        return "patient"
    return None


def request_seq() -> int | None:
    """The number the page gave the current request, if it sent one.

    Raises ``InvalidInput`` for a header that is there but not a number in range.
    """
    if not has_request_context():
        return None
    value = request.headers.get(SEQ_HEADER)
    if value is None:
        return None
    number: int = parse(Seq, value, SEQ_HEADER)
    return number


class EditOrder:
    """The newest numbered edit of each subject, per map and tab, in this server process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._newest: OrderedDict[tuple[str, str, str], int] = OrderedDict()

    @contextmanager
    def turn(self, state: MapState, subject: str | None, seq: int | None) -> Iterator[bool]:
        """Hold the turn to save an edit of ``subject``; ``False`` if a newer one came first.

        The check and the save inside the ``with`` block happen under one
        lock, so no edit of this process comes in between.
        """
        with self._lock:
            if seq is None or state.tab is None or subject is None:
                yield True
                return
            key = (state.map_id, state.tab, subject)
            newest = self._newest.get(key)
            if newest is not None and seq < newest:
                yield False
                return
            yield True
            self._newest[key] = seq
            self._newest.move_to_end(key)
            while len(self._newest) > _MAX_KEYS:
                self._newest.popitem(last=False)


def edit_order_of(app: dash.Dash) -> EditOrder:
    """The app's one :class:`EditOrder` (made by ``create_app``)."""
    order = app.server.extensions.get(_EXTENSION)
    if not isinstance(order, EditOrder):
        order = app.server.extensions.setdefault(_EXTENSION, EditOrder())
    return order  # type: ignore[no-any-return]
