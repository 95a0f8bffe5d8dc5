"""The frame around every page: header, language switch, routing, shared stores."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import dash
from dash import Input, Output, State, ctx, dcc, html
from flask import has_request_context, request

from netmap.app.editor.layout import editor_layout
from netmap.app.history import history_page
from netmap.app.lang import server_lang, tab_lang
from netmap.app.meetings.layout import meetings_path_id
from netmap.app.meetings.page import meetings_page
from netmap.app.meetings.since import since_cache_of, since_for
from netmap.app.regions import fingerprints, update
from netmap.app.start.layout import start_layout
from netmap.app.state import MapState, clicked, path_map_id, path_map_page
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.store import MapStore

__all__ = [
    "TODAY_CONFIG",
    "first_layout",
    "header",
    "page_parts",
    "register_shell_callbacks",
    "shell_layout",
]

#: The Flask config key holding ``create_app``'s ``today`` (the checks' date).
TODAY_CONFIG = "NETMAP_TODAY"


def header(lang: Lang, on_map: bool) -> Any:
    """Title, a way back to the list of maps, and the visible language switch."""
    other = "en" if lang == "da" else "da"
    # The start page's one h1 is the app's name; a map page's is the patient's name.
    brand = html.Span if on_map else html.H1
    left: list[Any] = [
        brand(t("app.title", lang), className="brand"),
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


def memory_store(store_id: str, data: Any = None) -> Any:
    """A ``dcc.Store`` in the page's memory that does not fire its callbacks when drawn.

    A Store, when it mounts, sets its ``data`` to what its backing store
    holds unless the two are equal: in memory that is nothing (undefined),
    so a store given ``None`` (null) would fire every callback that takes it
    as an Input, once per page load (tests/unit/test_app_stores.py).
    """
    return dcc.Store(id=store_id) if data is None else dcc.Store(id=store_id, data=data)


def page_parts(path: Any, lang: Lang) -> dict[str, Any]:
    """The routed page as the one part of its region (:mod:`netmap.app.regions`):
    the path and language it is drawn for.

    >>> page_parts("/map/a", "da")
    {'page': ['/map/a', 'da']}
    """
    return {"page": [path, lang]}


def shell_layout(page: Any = None, state: Any = None, drawn: dict[str, str] | None = None) -> Any:
    """The static frame; ``page`` is filled in by the routing callback.

    ``page``, ``state`` and ``drawn`` (the ``page-drawn`` store: what it was
    drawn for, :func:`page_parts`) let :func:`first_layout` send the first
    page with the frame itself.
    """
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            # Given None: a local store holds null when nothing was kept
            # (memory_store says why).
            dcc.Store(id="lang", storage_type="local", data=None),
            memory_store("map-state", state),
            # Written by every save but a drop (which draws itself): redraw the
            # map, the list, the edit panel and the patient header.
            memory_store("map-view", state),
            dcc.Store(id="history", data={"undo": [], "redo": []}),
            dcc.Store(id="selected"),
            dcc.Store(id="connect-from"),
            dcc.Store(id="notice-store"),
            # A drop ({id, x, y}, netmap-drag.js); {} until the first (fired on
            # mount, on_drop would run on every page, the start page too, where
            # the editor states it reads are missing; test_editor_console).
            dcc.Store(id="drag-op", data={}),
            memory_store("page-drawn", drawn),
            html.Div(page, id="page"),
        ],
        className="app",
    )


def _page_path() -> str | None:
    """The path of the page asking for the layout (same origin only), if known.

    The page's own script names it in ``X-Netmap-Page`` (assets/
    netmap-request-order.js); a browser without that script names it in the
    ``Referer`` (same-origin requests only).
    """
    if not has_request_context():
        return None
    named = request.headers.get("X-Netmap-Page", "")
    if named.startswith("/") and not named.startswith("//") and len(named) <= 512:
        return named
    if not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    return parts.path if parts.netloc == request.host else None


def first_layout(store: MapStore, panels: Any, app: dash.Dash) -> Any:
    """The frame with the page already in it, for the page the browser shows.

    Without it the browser first gets an empty frame and asks the routing
    callback for the page: one more round trip, and every callback of the new
    page then runs once more (Dash runs the callbacks of inserted components
    even with ``prevent_initial_call``). The page is drawn in the server's
    language; a tab that chose the other one gets it redrawn by the routing
    callback. Without a usable page name the frame comes empty as before.
    """
    path = _page_path()
    if path is None:
        return shell_layout()
    lang = server_lang(app)
    map_id = path_map_id(path)
    meetings_of = meetings_path_id(path)
    history_of = _history_id(path)
    if history_of is not None:
        page, state = history_page(app, store, history_of, lang), None
    elif meetings_of is not None:
        page, state = meetings_page(store, meetings_of, lang, _today(app))
    elif map_id is None:
        if path.rstrip("/") != "":
            return shell_layout()
        page, state = start_layout(store, lang), None
    else:
        page, state = _editor_page(store, map_id, lang, panels, app)
    on_map = map_id is not None or meetings_of is not None or history_of is not None
    frame = html.Div([header(lang, on_map), page])
    return shell_layout(frame, state, fingerprints(page_parts(path, lang)))


def _history_id(path: Any) -> str | None:
    """The map id in ``/map/<id>/history`` (:mod:`netmap.app.history`), or None."""
    found = path_map_page(path)
    return found[0] if found is not None and found[1] == "history" else None


def _today(app: dash.Dash) -> date:
    """The app's today (``create_app(today=…)``, kept for the pages drawn here)."""
    today: Any = app.server.config.get(TODAY_CONFIG, date.today)
    return today() if callable(today) else date.today()


def _editor_page(
    store: MapStore, map_id: str, lang: Lang, panels: Any, app: dash.Dash
) -> tuple[Any, Any]:
    try:
        stored = store.load(map_id)
    except NetmapError as exc:
        return html.Main(html.P(exc.message(lang), className="notice-error")), None
    state = MapState(
        map_id=stored.map_id, version=stored.version, tab=uuid.uuid4().hex
    ).model_dump()
    since = since_for(store, since_cache_of(app), map_id, stored.map)
    layout = editor_layout(
        stored.map, stored.version, lang, panels(lang, stored), map_id=map_id, since=since
    )
    return layout, state


def register_shell_callbacks(app: dash.Dash, store: MapStore, panels: Any) -> None:
    """Routing (``/`` and ``/map/<id>``) and the language switch."""
    callbacks.register(app, Page(app=app, store=store, extras={"panels": panels}))


callbacks = Callbacks()


@callbacks.callback(
    Output("page", "children"),
    Output("map-state", "data"),
    Output("history", "data"),
    Output("selected", "data"),
    Output("connect-from", "data"),
    Output("notice-store", "data"),
    Output("page-drawn", "data"),
    Input("url", "pathname"),
    Input("lang", "data"),
    State("map-state", "data"),
    State("page-drawn", "data"),
)
def route(page: Page, pathname: Any, lang_data: Any, state_data: Any, drawn: Any) -> Any:
    lang = tab_lang(page.app, lang_data)
    shown = update(page_parts(pathname, lang), drawn)
    if not shown.send:
        # This page is shown already, e.g. sent with the layout (first_layout).
        raise dash.exceptions.PreventUpdate
    map_id = path_map_id(pathname)
    meetings_of = meetings_path_id(pathname)
    history_of = _history_id(pathname)
    on_map = map_id is not None or meetings_of is not None or history_of is not None
    language_only = ctx.triggered_id == "lang"
    state: Any
    if history_of is not None:
        content, state = history_page(page.app, page.store, history_of, lang), None
    elif meetings_of is not None:
        content, state = meetings_page(page.store, meetings_of, lang, _today(page.app))
        if language_only and isinstance(state_data, dict):
            state = dash.no_update
    elif map_id is None:
        content = start_layout(page.store, lang)
        state = None
    else:
        content, state = _editor_page(page.store, map_id, lang, page.extras["panels"], page.app)
        if language_only and isinstance(state_data, dict):
            # The tab keeps the version it saw: a language switch is no reload.
            state = dash.no_update
    frame = html.Div([header(lang, on_map), content])
    if language_only:
        unchanged = dash.no_update
        return frame, state, unchanged, unchanged, unchanged, unchanged, shown.drawn
    return frame, state, {"undo": [], "redo": []}, None, None, None, shown.drawn


@callbacks.callback(
    Output("lang", "data"),
    Input("lang-switch", "n_clicks"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def switch_language(page: Page, clicks: Any, lang_data: Any) -> Any:
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    return "en" if tab_lang(page.app, lang_data) == "da" else "da"


callbacks.clientside(
    # A tab that chose no language keeps the server's (create_app's <html lang>).
    "function(lang) { if (lang) { document.documentElement.lang = lang; } return ''; }",
    Output("page", "title"),
    Input("lang", "data"),
)
