"""Wiring only: validate the inputs, load the map, analyse, call the builders.

No rule, measure or text is computed here; see :mod:`netmap.analysis` and the
builder modules of this package.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx
from pydantic import ValidationError

from netmap.app.handoff import JustSaved, just_saved_of
from netmap.app.lang import server_lang
from netmap.app.panels.layout import SECTIONS
from netmap.app.panels.overview import SORT_BUTTON_TYPE
from netmap.app.panels.region import PANEL_OUTPUTS, panel_outputs
from netmap.app.panels.render import (
    ALL_SECTIONS,
    PanelAnalysis,
    PanelContent,
    render_analysis,
    render_error,
    render_panels,
)
from netmap.app.state import OverviewSort, PanelInputs, acting, clicked
from netmap.app.wiring import Callbacks, Page, one_per_app
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import DEFAULT_LANG, Lang, parse_lang, t
from netmap.store.base import MapStore

__all__ = [
    "AnalysisCache",
    "is_open",
    "next_sort",
    "register_panel_callbacks",
    "update_panels",
]

#: How many analyses one app keeps (a few tabs, a few versions each).
_CACHE_SIZE = 16


class AnalysisCache:
    """The last few analyses, by map, version and date.

    A stored version never changes, so its analysis on a given day never does
    either. The three panel callbacks of one drop, and every sort click,
    share one analysis instead of each computing its own.
    """

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, int, date | None], PanelAnalysis] = OrderedDict()
        # One analysis at a time: the callbacks of one drop arrive together
        # and the second waits for the first's result instead of redoing it.
        self._lock = threading.Lock()

    def get(
        self, key: tuple[str, int, date | None], compute: Callable[[], PanelAnalysis]
    ) -> PanelAnalysis:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                found = compute()
                self._items[key] = found
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
            self._items.move_to_end(key)
            return found

    def put(self, key: tuple[str, int, date | None], analysis: PanelAnalysis) -> None:
        """Keep ``analysis`` for ``key`` (made elsewhere, e.g. while a drop was saved)."""
        with self._lock:
            self._items[key] = analysis
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def update_panels(
    store: MapStore,
    today: Callable[[], date],
    map_state: Any,
    lang: Any,
    sort: Any,
    default_lang: Lang = DEFAULT_LANG,
    *,
    opened: frozenset[str] = ALL_SECTIONS,
    cache: AnalysisCache | None = None,
    just_saved: JustSaved | None = None,
) -> PanelContent:
    """Everything the panels show for these raw callback inputs.

    An empty ``lang`` store means ``default_lang`` (the language the server
    was started with). A malformed input or a map that cannot be loaded gives
    an error message in the user's language and empty panels; nothing is
    ever written. Only the lazy sections in ``opened`` are built; ``cache``
    (if given) is asked for the analysis first; ``just_saved`` for a map a
    save of this process just handed over (then the store is not read again).
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
    map_id, version = inputs.map_state.map_id, inputs.map_state.version
    network_map = just_saved.take(map_id, version) if just_saved else None
    if network_map is None:
        try:
            # Loaded even when the analysis is cached: a deleted map must not show.
            network_map = store.load(map_id, version).map
        except NetmapError as exc:
            return render_error(exc.message(inputs.lang), inputs.lang)
    as_of = today()
    loaded = network_map
    if cache is None:
        analysis = PanelAnalysis.of(loaded, as_of)
    else:
        analysis = cache.get((map_id, version, as_of), lambda: PanelAnalysis.of(loaded, as_of))
    return render_analysis(analysis, inputs.lang, inputs.sort, opened)


def is_open(section: str, clicks: Any) -> bool:
    """Whether a panel section is open after ``clicks`` clicks on its heading.

    Dash does not report a ``<details>`` element's ``open`` back, but every
    click on its ``<summary>`` (also Enter or Space on it) toggles it.

    >>> is_open("team", None), is_open("overview", None), is_open("overview", 3)
    (True, False, True)
    """
    start = dict(SECTIONS)[section]
    count = clicks if clicked(clicks) else 0
    return start != (count % 2 == 1)


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


def analysis_cache_of(app: dash.Dash) -> AnalysisCache:
    """The app's one :class:`AnalysisCache` (the panels and a drop share it)."""
    return one_per_app(app, "netmap.analysis_cache", AnalysisCache)


#: What the panels are drawn from besides the map: the language, the overview's
#: sort, the clicks on the lazy sections' titles, and what the browser has drawn.
PANEL_INPUTS = (
    ("lang", "data"),
    ("panel-overview-sort", "data"),
    ("panel-overview-title", "n_clicks"),
    ("panel-measures-title", "n_clicks"),
    ("panel-drawn", "data"),
)


def panel_region(
    app: dash.Dash,
    store: MapStore,
    today: Callable[[], date],
    map_state: Any,
    values: tuple[Any, ...],
) -> tuple[list[Any], dict[str, str], dict[str, dict[str, Any]]]:
    """The panel outputs, what the browser then has drawn, and the live properties to set.

    ``values`` are the raw values of :data:`PANEL_INPUTS`, in that order.
    """
    lang, sort, overview_clicks, measures_clicks, drawn = values
    opened = frozenset(
        name
        for name, clicks in (("overview", overview_clicks), ("measures", measures_clicks))
        if is_open(name, clicks)
    )
    content = update_panels(
        store,
        today,
        map_state,
        lang,
        sort,
        server_lang(app),
        opened=opened,
        cache=analysis_cache_of(app),
        just_saved=just_saved_of(app),
    )
    return panel_outputs(content, drawn)


def register_panel_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], date] = date.today
) -> None:
    """Register the panel callbacks on ``app``; they read ``store`` and never write.

    One callback draws every section, so a drop costs the browser one request
    and one update. The team and checks parts each have a slot of their own
    and are sent only when they changed since the browser last drew them
    (:mod:`netmap.app.panels.slots`, :mod:`netmap.app.regions`); the
    overview and the measures (with the chart) are built only while open, and
    then a drop sets only their changed texts and the chart's figure
    (:mod:`netmap.app.panels.lazy_sections`).
    """
    callbacks.register(app, Page(app=app, store=store, today=today))


callbacks = Callbacks()


@callbacks.callback(
    *(Output(component, "children") for component in PANEL_OUTPUTS),
    Output("panel-drawn", "data"),
    # Written by every save but a drop, whose answer draws the panels itself
    # (editor.callbacks.draw_drop); the version drawn is the tab's newest.
    Input("map-view", "data"),
    Input("lang", "data"),
    Input("panel-overview-sort", "data"),
    Input("panel-overview-title", "n_clicks"),
    Input("panel-measures-title", "n_clicks"),
    State("panel-drawn", "data"),
    State("map-state", "data"),
    # The page comes with the panels drawn (panels_for); a page put in by
    # the routing callback runs it anyway (Dash does for new components).
    prevent_initial_call=True,
)
def draw_panels(
    page: Page,
    _view: Any,
    lang: Any,
    sort: Any,
    overview_clicks: Any,
    measures_clicks: Any,
    drawn: Any,
    map_state: Any,
) -> tuple[Any, ...]:
    """Every panel section for the tab's map, sending only what changed."""
    values, now, live = panel_region(
        page.app,
        page.store,
        page.today,
        map_state,
        (lang, sort, overview_clicks, measures_clicks, drawn),
    )
    # A drop with the overview or measures open: a few properties of
    # components the browser has (see lazy_sections.py), not a redraw.
    for component_id, props in live.items():
        dash.set_props(component_id, props)
    return (*values, now if now != drawn else dash.no_update)


@callbacks.callback(
    Output("panel-overview-sort", "data"),
    Input({"type": SORT_BUTTON_TYPE, "column": ALL}, "n_clicks"),
    State("panel-overview-sort", "data"),
    prevent_initial_call=True,
)
def sort_overview(page: Page, _clicks: list[int | None], current: Any) -> Any:
    """The overview's new sort after a click on a column's button."""
    # Redrawn buttons arrive with n_clicks None: only a real click sorts.
    trigger = acting(ctx.triggered)
    if not isinstance(trigger, dict):
        return dash.no_update
    try:
        return next_sort(current, trigger.get("column")).model_dump()
    except ValidationError:
        return dash.no_update
