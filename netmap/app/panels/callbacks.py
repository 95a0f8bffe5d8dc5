"""Wiring only: validate the inputs, load the map, analyse, call the builders.

No rule, measure or text is computed here; see :mod:`netmap.analysis` and the
builder modules of this package.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx
from pydantic import ValidationError

from netmap.app.panels.inputs import OverviewSort, PanelInputs
from netmap.app.panels.overview import SORT_BUTTON_TYPE
from netmap.app.panels.render import PanelContent, render_error, render_panels
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import DEFAULT_LANG, Lang, parse_lang, t
from netmap.store.base import MapStore

__all__ = ["next_sort", "register_panel_callbacks", "update_panels"]


def update_panels(
    store: MapStore,
    today: Callable[[], date],
    map_state: Any,
    lang: Any,
    sort: Any,
    default_lang: Lang = DEFAULT_LANG,
) -> PanelContent:
    """Everything the panels show for these raw callback inputs.

    An empty ``lang`` store means ``default_lang`` (the language the server
    was started with). A malformed input or a map that cannot be loaded gives
    an error message in the user's language and empty panels; nothing is
    ever written.
    """
    try:
        inputs = PanelInputs.model_validate(
            {"map_state": map_state, "lang": lang or default_lang, "sort": sort or {}}
        )
    except ValidationError as exc:
        shown = parse_lang(lang) if lang else default_lang
        return render_error(
            invalid_input(exc, where=t("panels.where", shown)).message(shown), shown
        )
    if inputs.map_state is None:
        return render_panels(None, inputs.lang, inputs.sort)
    try:
        stored = store.load(inputs.map_state.map_id, inputs.map_state.version)
    except NetmapError as exc:
        return render_error(exc.message(inputs.lang), inputs.lang)
    return render_panels(stored.map, inputs.lang, inputs.sort, as_of=today())


def next_sort(current: Any, column: Any) -> OverviewSort:
    """The sort after a click on ``column``: the same column again flips the order.

    >>> next_sort({"column": "name", "descending": False}, "name").descending
    True
    >>> next_sort({"column": "name", "descending": True}, "band").model_dump()
    {'column': 'band', 'descending': False}
    """
    try:
        before = OverviewSort.model_validate(current or {})
    except ValidationError:
        before = OverviewSort()
    clicked = OverviewSort.model_validate({"column": column})
    if clicked.column == before.column:
        return OverviewSort(column=before.column, descending=not before.descending)
    return clicked


def register_panel_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], date] = date.today
) -> None:
    """Register the panel callbacks on ``app``; they read ``store`` and never write."""

    @app.callback(
        Output("panel-error", "children"),
        Output("panel-team-title", "children"),
        Output("panel-team-body", "children"),
        Output("panel-checks-title", "children"),
        Output("panel-checks-body", "children"),
        Output("panel-overview-title", "children"),
        Output("panel-overview-body", "children"),
        Output("panel-measures-title", "children"),
        Output("panel-measures-body", "children"),
        Output("panel-chart", "figure"),
        Input("map-state", "data"),
        Input("lang", "data"),
        Input("panel-overview-sort", "data"),
    )
    def _panels(map_state: Any, lang: Any, sort: Any) -> tuple[Any, ...]:
        # create_app keeps the language the server was started with here.
        default_lang = parse_lang(app.server.config.get("NETMAP_LANG"))
        return update_panels(store, today, map_state, lang, sort, default_lang).as_outputs()

    @app.callback(
        Output("panel-overview-sort", "data"),
        Input({"type": SORT_BUTTON_TYPE, "column": ALL}, "n_clicks"),
        State("panel-overview-sort", "data"),
        prevent_initial_call=True,
    )
    def _sort(_clicks: list[int | None], current: Any) -> Any:
        # Redrawn buttons arrive with n_clicks None: only a real click sorts.
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            return dash.no_update
        try:
            return next_sort(current, trigger.get("column")).model_dump()
        except ValidationError:
            return dash.no_update
