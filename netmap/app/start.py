"""The start page: the list of maps, a new map, the demo map, delete with confirmation."""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx, dcc, html
from pydantic import ValidationError

from netmap.app.lang import tab_lang
from netmap.app.state import MapId, acting, clicked, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import Lang, format_datetime, t
from netmap.model import NetworkMap, Patient
from netmap.service import AUTHOR
from netmap.store import MapNotFound, MapStore, MapSummary

__all__ = [
    "demo_map",
    "existing_demo",
    "map_rows",
    "open_or_create_demo",
    "register_start_callbacks",
    "start_layout",
]


def demo_map() -> NetworkMap:
    """The fictional demo patient shipped in ``netmap/demo/sofie.graphml``."""
    from netmap.interchange import load_map

    data = (resources.files("netmap") / "demo" / "sofie.graphml").read_bytes()
    return load_map(data)


def existing_demo(store: MapStore) -> str | None:
    """The id of a demo map already in the store (its first version is the demo), if any.

    Only maps named like the demo patient are read, one version each.
    """
    demo = demo_map()
    for summary in store.list_maps():
        if summary.patient_name != demo.patient.name or summary.masked_cpr:
            continue
        try:
            first = store.load(summary.map_id, 1).map
        except NetmapError:
            continue
        if first == demo:
            return summary.map_id
    return None


def open_or_create_demo(store: MapStore, lock: threading.Lock) -> str:
    """The demo map's id: the one in the store, or a new copy if there is none.

    Under ``lock`` so that two quick clicks (two requests on two threads)
    cannot both find none and make two copies.
    """
    with lock:
        found = existing_demo(store)
        if found is not None:
            return found
        return store.create(demo_map(), author=AUTHOR).map_id


def _when(summary: MapSummary, lang: Lang) -> str:
    return format_datetime(summary.updated_at, lang)


def map_rows(summaries: list[MapSummary], lang: Lang, pending_delete: str | None) -> Any:
    """The table of maps (or a sentence if there are none)."""
    if not summaries:
        return html.P(t("app.start.none", lang), id="start-empty")
    header = html.Tr(
        [
            html.Th(t("app.start.col_patient", lang)),
            html.Th(t("app.start.col_changed", lang)),
            html.Th(t("app.start.col_versions", lang)),
            html.Th(""),
        ]
    )
    rows: list[Any] = []
    for s in summaries:
        name_cell = [html.Span(s.patient_name, className="patient-name")]
        if s.masked_cpr:
            name_cell.append(html.Span(s.masked_cpr, className="cpr"))
        rows.append(
            html.Tr(
                [
                    html.Td(name_cell),
                    html.Td(_when(s, lang)),
                    html.Td(str(s.version_count), className="num"),
                    html.Td(
                        [
                            dcc.Link(
                                t("app.start.open", lang),
                                href=f"/map/{s.map_id}",
                                className="btn btn-primary",
                                id={"type": "open-map", "map": s.map_id},
                            ),
                            html.Button(
                                t("app.start.delete", lang),
                                id={"type": "delete-map", "map": s.map_id},
                                className="btn btn-danger",
                                n_clicks=0,
                            ),
                        ],
                        className="actions",
                    ),
                ],
                className="map-row",
            )
        )
        if s.map_id == pending_delete:
            rows.append(
                html.Tr(
                    html.Td(
                        html.Div(
                            [
                                html.P(
                                    t(
                                        "app.start.confirm_delete",
                                        lang,
                                        name=s.patient_name,
                                        count=s.version_count,
                                    )
                                ),
                                html.Button(
                                    t("app.start.confirm_yes", lang),
                                    id={"type": "confirm-delete", "map": s.map_id},
                                    className="btn btn-danger",
                                    n_clicks=0,
                                ),
                                html.Button(
                                    t("app.start.confirm_no", lang),
                                    id={"type": "cancel-delete", "map": s.map_id},
                                    className="btn",
                                    n_clicks=0,
                                ),
                            ],
                            className="confirm",
                            role="alertdialog",
                        ),
                        colSpan=4,
                    )
                )
            )
    return html.Table([html.Thead(header), html.Tbody(rows)], className="map-table")


def start_layout(store: MapStore, lang: Lang) -> Any:
    """The start page for ``lang``."""
    return html.Main(
        [
            html.P(t("app.start.intro", lang), className="intro"),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(t("app.start.new_heading", lang)),
                            html.Label(t("app.start.patient_name", lang), htmlFor="new-name"),
                            dcc.Input(id="new-name", type="text", maxLength=120, className="field"),
                            html.Label(t("app.start.cpr", lang), htmlFor="new-cpr"),
                            dcc.Input(
                                id="new-cpr",
                                type="text",
                                maxLength=11,
                                className="field",
                                autoComplete="off",
                            ),
                            html.Small(t("app.start.cpr_hint", lang), className="hint"),
                            html.Button(
                                t("app.start.create", lang),
                                id="new-create",
                                className="btn btn-primary btn-big",
                                n_clicks=0,
                            ),
                        ],
                        className="card",
                    ),
                    html.Section(
                        [
                            html.H2(t("app.start.demo_heading", lang)),
                            html.P(t("app.start.demo_text", lang)),
                            html.Button(
                                t("app.start.demo_button", lang),
                                id="open-demo",
                                className="btn btn-big",
                                n_clicks=0,
                            ),
                        ],
                        className="card",
                    ),
                ],
                className="start-cards",
            ),
            html.Div(id="start-message", role="status", className="notice"),
            html.Section(
                [
                    html.H2(t("app.start.list_heading", lang)),
                    html.Div(
                        map_rows(store.list_maps(), lang, None),
                        id="map-list",
                    ),
                ],
                className="card",
            ),
            dcc.Store(id="pending-delete", data=None),
        ],
        className="start-page",
    )


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
            key = "app.start.deleted" if erased else "app.start.delete_pending"
            message = t(key, lang, name=name)
        except MapNotFound as exc:
            message = html.Span(exc.message(lang), className="error")
    return map_rows(page.store.list_maps(), lang, pending), message
