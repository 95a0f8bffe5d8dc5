"""The history page's callbacks: show a version (and what changed), restore it, show more.

Each parses what the browser sent (:mod:`netmap.app.history.intents`,
:class:`~netmap.app.state.MapState`), reads or saves through the store and the
edit service, and returns the regions :mod:`netmap.app.history.view` draws.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx, dcc, html

from netmap import service
from netmap.analysis.diff import diff
from netmap.app.history.data import load_history, load_trends, timeline_cache_of
from netmap.app.history.intents import (
    Compare,
    VersionNumber,
    compare_from_button,
    compare_from_form,
)
from netmap.app.history.layout import latest_label
from netmap.app.history.view import (
    ENTRIES_SHOWN,
    diff_region,
    timeline_region,
    trends_region,
    version_region,
)
from netmap.app.lang import tab_lang
from netmap.app.state import MapState, clicked, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError
from netmap.i18n import Lang, format_datetime, t

__all__ = ["callbacks", "on_more", "on_reload", "on_restore", "on_show", "show"]

callbacks = Callbacks()
_SAME = dash.no_update


def _error(exc: NetmapError, lang: Lang) -> Any:
    return html.P(exc.message(lang), className="notice-error")


def show(page: Page, state: MapState, wanted: Compare, lang: Lang) -> tuple[Any, Any]:
    """The viewer (version ``to`` read only) and the diff region (``from_`` → ``to``)."""
    new = page.store.load(state.map_id, wanted.to)
    old = page.store.load(state.map_id, wanted.from_)
    found = diff(
        old.map, new.map, from_version=old.version, to_version=new.version, as_of=page.today()
    )
    latest = max(state.version, new.version)
    viewer = version_region(new.map, new.version, latest, format_datetime(new.saved_at, lang), lang)
    return viewer, diff_region(found, lang)


@callbacks.callback(
    Output("hist-version", "children"),
    Output("hist-diff", "children"),
    Output("hist-from", "value"),
    Output("hist-to", "value"),
    Output("hist-viewed", "data"),
    Input({"type": "hist-view", "v": ALL, "f": ALL, "e": ALL}, "n_clicks"),
    Input("hist-compare", "n_clicks"),
    State("hist-from", "value"),
    State("hist-to", "value"),
    State("hist-state", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_show(
    page: Page,
    _views: Any,
    _compare: Any,
    from_value: Any,
    to_value: Any,
    state_data: Any,
    lang_data: Any,
) -> Any:
    """A time line button or the compare form: show one version and what changed."""
    lang = tab_lang(page.app, lang_data)
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    try:
        state = parse(MapState, state_data)
        if ctx.triggered_id == "hist-compare":
            wanted = compare_from_form(from_value, to_value, state.version)
        else:
            wanted = compare_from_button(ctx.triggered_id)
        viewer, changes = show(page, state, wanted, lang)
    except NetmapError as exc:
        return _SAME, _error(exc, lang), _SAME, _SAME, _SAME
    return viewer, changes, wanted.from_, wanted.to, wanted.to


callbacks.clientside(
    # A version shown: the keyboard's focus goes to its heading (and it scrolls into view).
    "function(children) { var h = document.getElementById('hist-viewing');"
    " if (h) { h.focus(); h.scrollIntoView({block: 'nearest'}); }"
    " return window.dash_clientside.no_update; }",
    Output("hist-focus", "data"),
    Input("hist-version", "children"),
    prevent_initial_call=True,
)


@callbacks.callback(
    Output("hist-trends", "children"),
    Input("hist-state", "data"),
    State("lang", "data"),
)
def draw_trends(page: Page, state_data: Any, lang_data: Any) -> Any:
    """The trend charts, after the page: one point per meeting, on the version it is measured on."""
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        data = load_history(page.store, state.map_id, timeline_cache_of(page.app))
        return trends_region(load_trends(page.store, data, page.today()), lang)
    except NetmapError as exc:
        return _error(exc, lang)


def _redrawn(page: Page, map_id: str, shown: int, lang: Lang) -> tuple[Any, int]:
    data = load_history(page.store, map_id, timeline_cache_of(page.app))
    return timeline_region(data.entries, shown, lang), data.latest.version


@callbacks.callback(
    Output("hist-state", "data"),
    Output("hist-notice", "children"),
    Output("hist-timeline", "children"),
    Output("hist-latest", "children"),
    Output("hist-version", "children", allow_duplicate=True),
    Input("hist-restore", "n_clicks"),
    State("hist-viewed", "data"),
    State("hist-state", "data"),
    State("hist-shown", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_restore(
    page: Page, clicks: Any, viewing: Any, state_data: Any, shown: Any, lang_data: Any
) -> Any:
    """Save the version shown again as the newest version (as ``netmap restore`` does)."""
    lang = tab_lang(page.app, lang_data)
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    try:
        state = parse(MapState, state_data)
        version = parse(VersionNumber, viewing, "hist-viewed")
        result = service.restore_version(
            page.store, state.map_id, state.version, version, tab=state.tab
        )
    except NetmapError as exc:
        return _SAME, _error(exc, lang), _SAME, _SAME, _SAME
    if isinstance(result, service.Conflict):
        notice = [
            html.P(t("history.conflict", lang), className="notice-conflict"),
            html.Button(t("app.reload", lang), id="hist-reload", className="btn btn-primary"),
        ]
        return _SAME, notice, _SAME, _SAME, _SAME
    entries, latest = _redrawn(page, state.map_id, _shown(shown), lang)
    if result.version == state.version:
        text = t("history.restore_unchanged", lang, version=version)
    else:
        text = t("history.restored", lang, version=version, new=result.version)
    notice = [
        html.P(text, className="notice-ok"),
        dcc.Link(t("history.back_to_map", lang), href=f"/map/{state.map_id}", className="btn"),
    ]
    viewer = html.P(t("history.pick", lang), className="muted")
    return state.at(latest).model_dump(), notice, entries, latest_label(latest, lang), viewer


def _shown(value: Any) -> int:
    return value if type(value) is int and 0 < value <= 10**6 else ENTRIES_SHOWN


callbacks.clientside(
    # "Show more": the keyboard's focus goes to the first entry it added (the
    # button may be gone, and the list is long); drawn by then or a frame later.
    "function(shown) { var tries = 0; (function focus() {"
    " var items = document.querySelectorAll('#hist-entries > li');"
    f" var first = items[shown - {ENTRIES_SHOWN}];"
    " if (first) { first.focus(); } else if (tries++ < 10) { requestAnimationFrame(focus); }"
    " })(); return window.dash_clientside.no_update; }",
    Output("hist-focus", "data", allow_duplicate=True),
    Input("hist-shown", "data"),
    prevent_initial_call=True,
)


@callbacks.callback(
    Output("hist-timeline", "children", allow_duplicate=True),
    Output("hist-shown", "data"),
    Input("hist-more", "n_clicks"),
    State("hist-shown", "data"),
    State("hist-state", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_more(page: Page, clicks: Any, shown: Any, state_data: Any, lang_data: Any) -> Any:
    """Show as many older entries again."""
    lang = tab_lang(page.app, lang_data)
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    more = _shown(shown) + ENTRIES_SHOWN
    try:
        state = parse(MapState, state_data)
        entries, _latest = _redrawn(page, state.map_id, more, lang)
    except NetmapError as exc:
        return _error(exc, lang), _SAME
    return entries, more


@callbacks.callback(
    Output("hist-state", "data", allow_duplicate=True),
    Output("hist-notice", "children", allow_duplicate=True),
    Output("hist-timeline", "children", allow_duplicate=True),
    Output("hist-latest", "children", allow_duplicate=True),
    Input("hist-reload", "n_clicks"),
    State("hist-state", "data"),
    State("hist-shown", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_reload(page: Page, clicks: Any, state_data: Any, shown: Any, lang_data: Any) -> Any:
    """After a conflict: the newest history, and the tab now knows the latest version."""
    lang = tab_lang(page.app, lang_data)
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    try:
        state = parse(MapState, state_data)
        entries, latest = _redrawn(page, state.map_id, _shown(shown), lang)
    except NetmapError as exc:
        return _SAME, _error(exc, lang), _SAME, _SAME
    return state.at(latest).model_dump(), None, entries, latest_label(latest, lang)
