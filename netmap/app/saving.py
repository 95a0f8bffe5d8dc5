"""The app's side of saving: what the tab holds → the edit service → what the tab holds next.

A callback turns the browser's values into one :data:`~netmap.editing.EditOp`
(its intent), and :func:`commit` does the rest: parse the tab's state and
undo stacks, take the request's number from the ``X-Netmap-Seq`` header
(``netmap/app/assets/netmap-request-order.js``), call
:func:`netmap.service.save_edit` and turn its answer into the three values the
tab keeps (``map-state``, ``notice-store``, ``history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import dash
from dash import Output, State
from flask import has_request_context, request
from pydantic import Field

from netmap import service
from netmap.app.state import MapState, Notice, NoticeKind, parse
from netmap.app.wiring import one_per_app
from netmap.editing import EditOp
from netmap.errors import InvalidInput, NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap
from netmap.service import Conflict, EditOrder, History, Overtaken, Restored, WhileSaving
from netmap.store import MapStore

__all__ = [
    "SAVED_OUTPUTS",
    "SAVE_STATES",
    "SEQ_HEADER",
    "Outcome",
    "commit",
    "edit_order_of",
    "error_outcome",
    "notice",
    "redo",
    "request_seq",
    "set_saved",
    "undo",
]

SEQ_HEADER = "X-Netmap-Seq"
#: What every save writes: the tab's state (its version), the notice, the undo stacks.
SAVED_OUTPUTS = (
    Output("map-state", "data", allow_duplicate=True),
    Output("notice-store", "data", allow_duplicate=True),
    Output("history", "data", allow_duplicate=True),
)
#: What a save reads: the tab's state, its undo stacks and its language.
SAVE_STATES = (State("map-state", "data"), State("history", "data"), State("lang", "data"))
Seq = Annotated[int, Field(ge=1, le=10**15)]
_EXTENSION = "netmap.edit_order"
_UNCHANGED = dash.no_update


@dataclass(frozen=True)
class Outcome:
    """What a save did: the tab's new state, the notice and the undo stacks."""

    state: dict[str, Any] | Any
    notice: dict[str, Any] | Any
    history: dict[str, Any] | Any
    saved: bool = False
    #: The map at the tab's new version (after a save), to draw without loading it.
    after: NetworkMap | None = None
    #: Why nothing was saved, when the edit was refused (its fields: feedback.py).
    error: NetmapError | None = None
    #: Nothing saved because someone else saved meanwhile (the tab must reload).
    conflict: bool = False
    #: What ``while_saving`` made of ``after`` during the save (``Saved.prepared``).
    prepared: object = None


def notice(kind: NoticeKind, text: str) -> dict[str, Any]:
    """The value of ``notice-store`` for a one-line message under the map."""
    return Notice(kind=kind, text=text).model_dump()


def set_saved(outcome: Outcome, *, view: bool = True, autosaved: bool = False) -> None:
    """Set what a save changed in the page with :func:`dash.set_props`, not as outputs.

    The tab's ``map-state``, ``notice-store`` and ``history`` (what is not
    ``no_update``) and, with ``view``, ``map-view`` (which redraws the map,
    the list and the edit panel). With ``autosaved`` the edit panel's own
    saves first write ``edit-autosaved``, so that the panel, which shows the
    change already, is not redrawn (a redraw takes the focus out of a field).

    The edit panel's callbacks save so: a callback with an output outside the
    panel is called by Dash whenever the panel is drawn anew (its inputs are
    new components), and one whose outputs all lie inside it is not.
    """
    if autosaved and outcome.saved and isinstance(outcome.state, dict):
        dash.set_props("edit-autosaved", {"data": {"version": outcome.state["version"]}})
    for component, value in (
        ("map-state", outcome.state),
        ("notice-store", outcome.notice),
        ("history", outcome.history),
    ):
        if value is not _UNCHANGED:
            dash.set_props(component, {"data": value})
    if view and outcome.state is not _UNCHANGED:
        dash.set_props("map-view", {"data": outcome.state})


def error_outcome(exc: NetmapError, lang: Lang) -> Outcome:
    """Nothing saved; the notice says why."""
    key = "app.bad_request" if isinstance(exc, InvalidInput) else "app.error"
    text = t(key, lang, message=exc.message(lang))
    return Outcome(_UNCHANGED, notice("error", text), _UNCHANGED, error=exc)


def _conflict(lang: Lang) -> Outcome:
    text = t("app.conflict", lang)
    return Outcome(_UNCHANGED, notice("conflict", text), _UNCHANGED, conflict=True)


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


def edit_order_of(app: dash.Dash) -> EditOrder:
    """The app's one :class:`~netmap.service.EditOrder` (made by ``create_app``)."""
    return one_per_app(app, _EXTENSION, EditOrder)


def commit(
    store: MapStore,
    state_data: Any,
    history_data: Any,
    op: EditOp,
    lang: Lang,
    *,
    order: EditOrder | None = None,
    while_saving: WhileSaving | None = None,
) -> Outcome:
    """Save ``op`` on the version the tab saw; the tab's next state, notice and stacks.

    ``while_saving``: see :func:`netmap.service.save_edit`.
    """
    try:
        state = parse(MapState, state_data)
        history = parse(History, history_data or {})
        result = service.save_edit(
            store,
            state.map_id,
            state.version,
            op,
            tab=state.tab,
            seq=request_seq(),
            order=order,
            while_saving=while_saving,
        )
    except NetmapError as exc:
        return error_outcome(exc, lang)
    if isinstance(result, Overtaken):
        return Outcome(_UNCHANGED, _UNCHANGED, _UNCHANGED)
    if isinstance(result, Conflict):
        return _conflict(lang)
    if not result.changed and not result.caught_up:
        return Outcome(_UNCHANGED, _UNCHANGED, _UNCHANGED)
    # A catch-up: what the tab asks for is saved already, by its own newer
    # version whose answer never reached it; the tab moves on to it.
    return Outcome(
        state.at(result.version).model_dump(exclude_none=True),
        notice("ok", result.notice(op, lang)),
        history.pushed(result.base if result.changed else state.version).model_dump(),
        saved=True,
        after=result.after,
        prepared=result.prepared,
    )


def _restore(
    store: MapStore, state_data: Any, history_data: Any, lang: Lang, *, forward: bool
) -> Outcome:
    try:
        state = parse(MapState, state_data)
        history = parse(History, history_data or {})
        step = service.redo if forward else service.undo
        result = step(store, state.map_id, state.version, history, tab=state.tab)
    except NetmapError as exc:
        return error_outcome(exc, lang)
    if result is None:
        key = "app.nothing_to_redo" if forward else "app.nothing_to_undo"
        return Outcome(_UNCHANGED, notice("ok", t(key, lang)), _UNCHANGED)
    if not isinstance(result, Restored):
        return _conflict(lang)
    return Outcome(
        state.at(result.saved.version).model_dump(exclude_none=True),
        notice("ok", t("app.redone" if forward else "app.undone", lang)),
        result.history.model_dump(),
        saved=True,
    )


def undo(store: MapStore, state_data: Any, history_data: Any, lang: Lang) -> Outcome:
    """Save the content of the version before the last edit as a new version."""
    return _restore(store, state_data, history_data, lang, forward=False)


def redo(store: MapStore, state_data: Any, history_data: Any, lang: Lang) -> Outcome:
    """Save again the content an undo took away, as a new version."""
    return _restore(store, state_data, history_data, lang, forward=True)
