"""The frame around every page: header, language switch, routing, shared stores."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, ctx, dcc, html

from netmap.app.editor import editor_layout
from netmap.app.editor_callbacks import app_default
from netmap.app.start import start_layout
from netmap.app.state import MapState, parse_lang_store, path_map_id
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.store import MapStore

__all__ = ["header", "register_shell_callbacks", "shell_layout"]


def header(lang: Lang, on_map: bool) -> Any:
    """Title, a way back to the list of maps, and the visible language switch."""
    other = "en" if lang == "da" else "da"
    left: list[Any] = [
        html.Span(t("app.title", lang), className="brand"),
        html.Span(t("app.subtitle", lang), className="brand-sub"),
    ]
    if on_map:
        left.insert(0, dcc.Link(t("app.back_to_start", lang), href="/", className="btn back"))
    return html.Header(
        [
            html.Div(left, className="header-left"),
            html.Button(
                t("app.switch_lang", lang),
                id="lang-switch",
                className="btn lang-switch",
                lang=other,
                title=t("app.switch_lang_label", lang),
            ),
        ],
        className="app-header",
    )


def shell_layout() -> Any:
    """The static frame; the page itself is rendered by the routing callback."""
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="lang", storage_type="local"),
            dcc.Store(id="map-state", data=None),
            dcc.Store(id="history", data={"undo": [], "redo": []}),
            dcc.Store(id="selected", data=None),
            dcc.Store(id="connect-from", data=None),
            dcc.Store(id="notice-store", data=None),
            dcc.Store(id="drag-op", data=None),
            html.Div(id="page"),
        ],
        className="app",
    )


def _editor_page(store: MapStore, map_id: str, lang: Lang, panels: Any) -> tuple[Any, Any]:
    try:
        stored = store.load(map_id)
    except NetmapError as exc:
        return html.Main(html.P(exc.message(lang), className="notice-error")), None
    state = MapState(map_id=stored.map_id, version=stored.version).model_dump()
    return editor_layout(stored.map, stored.version, lang, panels(lang)), state


def register_shell_callbacks(app: dash.Dash, store: MapStore, panels: Any) -> None:
    """Routing (``/`` and ``/map/<id>``) and the language switch."""

    @app.callback(
        Output("page", "children"),
        Output("map-state", "data"),
        Output("history", "data"),
        Output("selected", "data"),
        Output("connect-from", "data"),
        Output("notice-store", "data"),
        Input("url", "pathname"),
        Input("lang", "data"),
        State("map-state", "data"),
    )
    def route(pathname: Any, lang_data: Any, state_data: Any) -> Any:
        lang = parse_lang_store(lang_data, app_default(app))
        map_id = path_map_id(pathname)
        on_map = map_id is not None
        language_only = ctx.triggered_id == "lang"
        if map_id is None:
            page = start_layout(store, lang)
            state: Any = None
        else:
            body, state = _editor_page(store, map_id, lang, panels)
            page = body
            if language_only and isinstance(state_data, dict):
                # The tab keeps the version it saw: a language switch is no reload.
                state = dash.no_update
        frame = html.Div([header(lang, on_map), page])
        if language_only:
            return frame, state, dash.no_update, dash.no_update, dash.no_update, dash.no_update
        return frame, state, {"undo": [], "redo": []}, None, None, None

    @app.callback(
        Output("lang", "data"),
        Input("lang-switch", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def switch_language(clicks: Any, lang_data: Any) -> Any:
        if not clicks:
            raise dash.exceptions.PreventUpdate
        return "en" if parse_lang_store(lang_data, app_default(app)) == "da" else "da"

    app.clientside_callback(
        "function(lang) { document.documentElement.lang = lang || 'da'; return ''; }",
        Output("page", "title"),
        Input("lang", "data"),
    )
