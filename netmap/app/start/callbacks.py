"""The start page's callbacks: create a map, open the demo, delete with confirmation."""

from __future__ import annotations

import threading
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx, html
from pydantic import ValidationError

from netmap.app.history.data import timeline_cache_of
from netmap.app.lang import tab_lang
from netmap.app.meetings.since import since_cache_of
from netmap.app.start.demo import open_or_create_demo
from netmap.app.start.layout import map_rows
from netmap.app.state import MapId, acting, clicked, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import t
from netmap.model import NetworkMap, Patient
from netmap.service import AUTHOR
from netmap.store import MapNotFound, MapStore

__all__ = ["register_start_callbacks"]


def register_start_callbacks(app: dash.Dash, store: MapStore) -> None:
    """Create, open the demo, and delete (after an explicit confirmation)."""
    # One lock per app: two quick demo clicks must not make two copies.
    callbacks.register(app, Page(app=app, store=store, extras={"demo_lock": threading.Lock()}))


callbacks = Callbacks()


@callbacks.callback(
    Output("url", "pathname", allow_duplicate=True),
    Output("start-message", "children"),
    Input("new-create", "n_clicks"),
    Input("new-name", "n_submit"),
    State("new-name", "value"),
    State("new-cpr", "value"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def create_map(page: Page, _clicks: Any, _submit: Any, name: Any, cpr: Any, lang_data: Any) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    try:
        if not isinstance(name, str | None) or not isinstance(cpr, str | None):
            raise NetmapError("app.bad_form")
        try:
            patient = Patient(name=name or "", cpr=cpr)
        except ValidationError as exc:
            raise invalid_input(exc, where=t("app.start.new_heading", lang)) from None
        stored = page.store.create(NetworkMap(patient=patient), author=AUTHOR)
    except NetmapError as exc:
        return dash.no_update, html.Span(exc.message(lang), className="error")
    return f"/map/{stored.map_id}", t("app.start.created", lang)


@callbacks.callback(
    Output("url", "pathname", allow_duplicate=True),
    Input("open-demo", "n_clicks"),
    prevent_initial_call=True,
)
def open_demo(page: Page, clicks: Any) -> Any:
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    return f"/map/{open_or_create_demo(page.store, page.extras['demo_lock'])}"


@callbacks.callback(
    Output("map-list", "children"),
    Output("start-message", "children", allow_duplicate=True),
    Input({"type": "delete-map", "map": ALL}, "n_clicks"),
    Input({"type": "confirm-delete", "map": ALL}, "n_clicks"),
    Input({"type": "cancel-delete", "map": ALL}, "n_clicks"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def delete_flow(page: Page, _d: Any, _c: Any, _x: Any, lang_data: Any) -> Any:
    lang = tab_lang(page.app, lang_data)
    trigger = acting(ctx.triggered)
    if not isinstance(trigger, dict):
        raise dash.exceptions.PreventUpdate
    try:
        map_id = parse(MapId, trigger.get("map"))
    except NetmapError as exc:
        return dash.no_update, html.Span(exc.message(lang), className="error")
    kind = trigger.get("type")
    message: Any = ""
    pending: str | None = None
    if kind == "delete-map":
        pending = map_id
    elif kind == "confirm-delete":
        try:
            name = page.store.load(map_id).map.patient.name
            erased = page.store.delete(map_id).complete  # False: traces may still be on disk
            # Nothing of the erased map stays in the app's memory either.
            timeline_cache_of(page.app).forget(map_id)
            since_cache_of(page.app).forget(map_id)
            key = "app.start.deleted" if erased else "app.start.delete_pending"
            message = t(key, lang, name=name)
        except MapNotFound as exc:
            message = html.Span(exc.message(lang), className="error")
    return map_rows(page.store.list_maps(), lang, pending), message
