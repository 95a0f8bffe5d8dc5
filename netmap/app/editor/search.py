"""The person list's search field in light mode (a large map: :mod:`netmap.app.light`).

The list then shows at most 50 persons; typing in the field shows the first
50 whose name, role or organisation hold the text. The text is kept in the
``person-list-query`` store, beside what the list has drawn, so the map
callback draws the same persons after a drop or a tap.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State

from netmap.app.editor.layout import person_list
from netmap.app.editor.person_list import list_view
from netmap.app.lang import tab_lang
from netmap.app.light import MAX_QUERY
from netmap.app.state import MapState, parse
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError
from netmap.i18n import Lang
from netmap.model import NetworkMap
from netmap.store import MapNotFound

__all__ = ["callbacks", "list_for_query"]

callbacks = Callbacks()


def _query(value: Any) -> str:
    return value.strip()[:MAX_QUERY] if isinstance(value, str) else ""


def _selected(value: Any) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def list_for_query(
    network_map: NetworkMap, lang: Lang, step: int, selected: str | None, query: str
) -> tuple[Any, dict[str, str], str]:
    """The list's children for a search, what the browser then has drawn, and the search."""
    view = list_view(network_map, step, selected, query, lang)
    return person_list(network_map, lang, step, selected, query, view), view.drawn(), query


@callbacks.callback(
    Output("person-list", "children", allow_duplicate=True),
    Output("person-list-drawn", "data", allow_duplicate=True),
    Output("person-list-query", "data"),
    Input("person-search", "value"),
    State("map-state", "data"),
    State("lang", "data"),
    State("q-step", "value"),
    State("selected", "data"),
    prevent_initial_call=True,
)
def on_search(
    page: Page, value: Any, state_data: Any, lang_data: Any, step: Any, selected: Any
) -> Any:
    try:
        state = parse(MapState, state_data)
        network_map = page.store.load(state.map_id, state.version).map
    except (NetmapError, MapNotFound):
        raise dash.exceptions.PreventUpdate from None
    step_value = step if step in (1, 2, 3, 4) else 1
    lang = tab_lang(page.app, lang_data)
    return list_for_query(network_map, lang, step_value, _selected(selected), _query(value))
