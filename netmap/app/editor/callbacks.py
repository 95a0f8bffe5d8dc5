"""The editor's callbacks: parse what the browser sent, make one edit, save.

Every callback here does the same three things: parse its inputs with the
models of :mod:`netmap.app.state` and :mod:`netmap.editing`, call pure
functions, and save through :func:`netmap.app.saving.commit` (the edit
service, :mod:`netmap.service`) with the version the tab last saw, so that
a stale tab gets a clear conflict message instead of overwriting someone
else's change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx

from netmap.analysis.since import SinceMeeting
from netmap.app.editor.add_form import ERROR_SLOTS, add_op, error_slots
from netmap.app.editor.drawn_map import settled_data
from netmap.app.editor.elements import map_elements, selected_of, step_of
from netmap.app.editor.layout import edit_panel_parts, person_list, question_help
from netmap.app.editor.person_list import list_query, list_update, list_view
from netmap.app.editor.search import callbacks as search_callbacks
from netmap.app.editor.settle import callbacks as settle_callbacks
from netmap.app.editor.settle import prepare
from netmap.app.editor.side_tabs import callbacks as side_tab_callbacks
from netmap.app.feedback import PERSON_TEXT_FIELDS, person_feedback
from netmap.app.handoff import just_saved_of
from netmap.app.lang import tab_lang
from netmap.app.mapview import map_point
from netmap.app.meetings.since import since_cache_of, since_for
from netmap.app.panels.callbacks import PANEL_INPUTS, analysis_cache_of, panel_region
from netmap.app.panels.region import PANEL_OUTPUTS
from netmap.app.panels.render import PanelAnalysis
from netmap.app.regions import Update, update
from netmap.app.saving import (
    SAVE_STATES,
    SAVED_OUTPUTS,
    Outcome,
    commit,
    edit_order_of,
    error_outcome,
    notice,
    redo,
    set_saved,
    undo,
)
from netmap.app.state import (
    DragOp,
    MapState,
    Settled,
    acting,
    clicked,
    counts_valid,
    parse,
    user_action,
)
from netmap.app.wiring import Callbacks, Page
from netmap.editing import (
    EditOp,
    answer_value,
    parse_edit,
)
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap, PersonId
from netmap.store import MapNotFound, MapStore

__all__ = [
    "DropView",
    "MapRegion",
    "draw_drop",
    "drop_view",
    "edit_panel_region",
    "map_region",
    "register_editor_callbacks",
]

#: The notice under the map, from ``notice-store`` (a :class:`Notice` made by
#: the server); a conflict shows at the top of the window instead, with the
#: reload button, and a refused drop puts the person back (netmap-putback.js:
#: where they were picked up, which is where the tab's version has them).
_NOTICE_JS = """
function(notice) {
  var hidden = {display: "none"};
  if (!notice || typeof notice.text !== "string") { return ["", "", "", "toast", hidden]; }
  var kind = ["ok", "error", "conflict"].indexOf(notice.kind) >= 0 ? notice.kind : "error";
  // A refused drop: the person goes back (netmap-putback.js).
  if (window.netmapDropAnswered) { window.netmapDropAnswered(kind); }
  if (kind === "conflict") {
    return ["", "", notice.text, "toast is-on", {display: "inline-flex"}];
  }
  return [notice.text, "notice-" + kind, "", "toast", hidden];
}
"""


_UNCHANGED = dash.no_update


def _outputs(outcome: Outcome) -> tuple[Any, Any, Any, Any]:
    """The tab's state, notice and stacks, and the same state for ``map-view`` (redraw)."""
    return outcome.state, outcome.notice, outcome.history, outcome.state


def _bad_request(exc: NetmapError, lang: Lang) -> tuple[Any, Any, Any, Any]:
    return _outputs(error_outcome(exc, lang))


#: What the map, the list and the edit panel are drawn from besides the map
#: (on_drop reads them to draw the drop's result in its own answer).
_VIEW_STATES = (
    State("lang", "data"),
    State("selected", "data"),
    State("connect-from", "data"),
    State("q-step", "value"),
    State("mode", "value"),
    State("person-list-query", "data"),
    State("person-list-drawn", "data"),
    State("edit-panel-drawn", "data"),
    # The panels, drawn in the drop's answer too (draw_drop).
    *(State(component, prop) for component, prop in PANEL_INPUTS),
)


@dataclass(frozen=True)
class MapRegion:
    """What the map callback sends: the map's elements, the list and the labels.

    ``elements`` is ``None`` when left out (``map_region(elements=False)``);
    ``list_children`` and ``list_drawn`` are :data:`dash.no_update` when the
    browser has them; ``updates`` are the list items' changed properties
    (``(component id, {property: value})``, for :func:`dash.set_props`).
    """

    elements: list[dict[str, Any]] | None
    list_children: Any
    list_drawn: Any
    version_label: str
    tap_help: str
    updates: list[tuple[Any, dict[str, Any]]]


def map_region(
    network_map: NetworkMap,
    version: int,
    lang: Lang,
    ui: tuple[Any, Any, Any, Any, Any],
    drawn_data: Any,
    since: SinceMeeting | None = None,
    *,
    elements: bool = True,
) -> MapRegion:
    """The map and the person list for ``network_map`` (pure: no store, no Dash context).

    ``ui`` is the raw (selected, connect-from, q-step, mode, person-list-query)
    the tab sent, ``drawn_data`` its ``person-list-drawn``; ``since`` the marks
    of what changed since the last meeting. Without ``elements`` the map's
    elements (its layout) are left out (``None``): a drop's answer, whose map
    follows in a second request (:mod:`.settle`).
    """
    selected, _connect_from, step_value, mode_value, query_value = ui
    step = step_of(step_value)
    mode = "connect" if mode_value == "connect" else "select"
    chosen = selected_of(selected)
    # Light mode: the list shows the persons found by its search (editor.search).
    query = list_query(query_value)
    view = list_view(network_map, step, chosen, query, lang)
    shown, updates = list_update(view.rows, view.structure, drawn_data)
    # Someone added, removed or renamed, or the step or language changed:
    # the list is drawn anew (its items come with their leaves set).
    whole = shown.whole
    children = person_list(network_map, lang, step, chosen, query, view) if whole else _UNCHANGED
    return MapRegion(
        elements=map_elements(network_map, lang, ui[:4], since) if elements else None,
        list_children=children,
        list_drawn=shown.drawn if shown.drawn != drawn_data else _UNCHANGED,
        version_label=t("app.editor.version", lang, version=version),
        tap_help=question_help(step, mode, lang),
        updates=updates,
    )


def edit_panel_region(network_map: NetworkMap, selected: Any, lang: Lang, drawn: Any) -> Update:
    """The edit panel for the chosen person (or the hint), sent if not drawn already.

    ``drawn`` is the ``edit-panel-drawn`` store (:mod:`netmap.app.regions`).
    """
    person_id = selected_of(selected)
    try:
        person = network_map.person(person_id) if person_id else None
    except KeyError:
        person = None
    return update(edit_panel_parts(network_map, person, lang), drawn)


@dataclass(frozen=True)
class DropView:
    """What a drop's answer sets besides the panels, made from the saved map.

    Made while the store writes the version (:func:`drop_view` as the
    service's ``while_saving``), so that it costs no time beyond the disk's
    fsync; ``analysis`` is the panels' analysis, kept once the save is done.
    """

    map_id: str
    version: int
    props: list[tuple[Any, dict[str, Any]]]
    analysis: tuple[tuple[str, int, date | None], PanelAnalysis]


def drop_view(
    page: Page, map_id: str, version: int, network_map: NetworkMap, view: tuple[Any, ...]
) -> DropView:
    """The list, the edit panel and the panels' analysis for a drop's answer.

    ``view`` holds the raw values of :data:`_VIEW_STATES`. Pure but for the
    since-last-meeting baseline (cached; read from the store at most once).
    """
    app = page.app
    lang_data, selected, connect_from, step, mode, query, list_drawn, panel_drawn = view[:8]
    lang = tab_lang(app, lang_data)
    since = since_for(page.store, since_cache_of(app), map_id, network_map)
    # The map's layout is not drawn here: it follows in a second request
    # (settle.settle_map, fired by map-pending), so that the panels and the
    # list do not wait for it; cytoscape shows the person where dropped.
    region = map_region(
        network_map,
        version,
        lang,
        (selected, connect_from, step, mode, query),
        list_drawn,
        since,
        elements=False,
    )
    props: list[tuple[Any, dict[str, Any]]] = [
        ("version-label", {"children": region.version_label}),
    ]
    if region.list_children is not _UNCHANGED:
        props.append(("person-list", {"children": region.list_children}))
    if region.list_drawn is not _UNCHANGED:
        props.append(("person-list-drawn", {"data": region.list_drawn}))
    props.extend(region.updates)
    panel = edit_panel_region(network_map, selected, lang, panel_drawn)
    if panel.send:
        props.append(("edit-panel", {"children": panel.send["panel"]}))
        props.append(("edit-panel-drawn", {"data": panel.drawn}))
    as_of = page.today()
    analysis = ((map_id, version, as_of), PanelAnalysis.of(network_map, as_of))
    return DropView(map_id, version, props, analysis)


def draw_drop(
    page: Page,
    network_map: NetworkMap,
    state: dict[str, Any],
    view: tuple[Any, ...],
    made: object = None,
    drop: int | None = None,
) -> None:
    """Set what a drop changed on the page, in the drop's own answer (``dash.set_props``).

    ``state`` is the tab's new ``map-state``, ``view`` the raw values of
    :data:`_VIEW_STATES`: the list, the edit panel and the panels come with
    the save's answer. ``made`` is the :class:`DropView` made during the
    save, if it was (for this version). The map's new layout follows in one
    more request: ``map-pending`` (with ``drop``, the browser's number of
    the drop) fires :func:`netmap.app.editor.settle.settle_map`, which takes
    the saved map from the handoff (no store load).
    """
    map_id, version = state["map_id"], state["version"]
    drawn = made if isinstance(made, DropView) else None
    if drawn is None or (drawn.map_id, drawn.version) != (map_id, version):
        drawn = drop_view(page, map_id, version, network_map, view)
    for component_id, props in drawn.props:
        dash.set_props(component_id, props)
    analysis_cache_of(page.app).put(*drawn.analysis)
    _draw_panels(page, network_map, state, view[8:], drop)
    prepare(page, map_id, version, network_map, view[:5])


def _draw_panels(
    page: Page,
    network_map: NetworkMap,
    state: dict[str, Any],
    values: tuple[Any, ...],
    drop: int | None,
) -> None:
    handoff = just_saved_of(page.app)
    handoff.put(state["map_id"], state["version"], network_map)
    outputs, now, live = panel_region(page.app, page.store, page.today, state, values)
    for component_id, value in zip(PANEL_OUTPUTS, outputs, strict=True):
        if value is not _UNCHANGED:
            dash.set_props(component_id, {"children": value})
    for component_id, props in live.items():
        dash.set_props(component_id, props)
    if now != values[-1]:
        dash.set_props("panel-drawn", {"data": now})
    # For the map's layout, drawn by the request map-pending fires (settle.py).
    handoff.put(state["map_id"], state["version"], network_map)
    pending = {"map_id": state["map_id"], "version": state["version"], "drop": drop}
    dash.set_props("map-pending", {"data": pending})


def _load_map(store: MapStore, state_data: Any) -> tuple[MapState, NetworkMap] | None:
    try:
        state = parse(MapState, state_data)
        return state, store.load(state.map_id, state.version).map
    except (NetmapError, MapNotFound):
        return None


def _fresh_trigger() -> bool:
    """Whether the callback was fired by a user action (not a new button appearing)."""
    return user_action(ctx.triggered)


def register_editor_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], date] = date.today
) -> None:
    """Wire the editor page's callbacks (declared below) to ``app`` and ``store``.

    ``today`` is the panels' date (a drop draws the panels too).
    """
    page = Page(app=app, store=store, order=edit_order_of(app), today=today)
    callbacks.register(app, page)
    side_tab_callbacks.register(app, page)
    search_callbacks.register(app, page)
    settle_callbacks.register(app, page)


callbacks = Callbacks()
#: The edit panel's field inputs, in the order of on_save's inputs after the button
#: (``helps_with`` stands for the text area's n_blur, ``sector`` and ``distance``
#: for the browser's "settled" reports: their values come as states).
_PANEL_FIELDS = (
    "name",
    "role",
    "organisation",
    "care_sector",
    "phone",
    "email",
    "helps_with",
    "q2",
    "q3",
    "q4",
    "team_roles",
    "primary",
    "sector",
    "distance",
)
#: What a save writes, and ``map-view`` to redraw the map, the list, the edit
#: panel and the patient header from it (a drop draws them itself: on_drop).
_SAVE_OUTPUTS = (*SAVED_OUTPUTS, Output("map-view", "data", allow_duplicate=True))


@callbacks.callback(
    # The map's elements, put on the map by settle.APPLY_JS (a patch when it can).
    Output("map-settled", "data", allow_duplicate=True),
    Output("person-list", "children"),
    Output("person-list-drawn", "data"),
    Output("version-label", "children"),
    Output("tap-help", "children"),
    Input("map-view", "data"),
    Input("lang", "data"),
    Input("selected", "data"),
    Input("connect-from", "data"),
    Input("q-step", "value"),
    Input("mode", "value"),
    State("person-list-query", "data"),
    State("person-list-drawn", "data"),
    # What to draw: the tab's newest version (a drop writes map-state only).
    State("map-state", "data"),
    State("map-drawn", "data"),
    # The page comes with all of this drawn (editor_layout); a page put in
    # by the routing callback runs it anyway (Dash does for new components).
    prevent_initial_call=True,
)
def render_map(
    page: Page,
    _view: Any,
    lang_data: Any,
    selected: Any,
    connect_from: Any,
    step: Any,
    mode: Any,
    query: Any,
    drawn_data: Any,
    state_data: Any,
    map_drawn: Any,
) -> Any:
    lang = tab_lang(page.app, lang_data)
    loaded = _load_map(page.store, state_data)
    if loaded is None:
        raise dash.exceptions.PreventUpdate
    state, network_map = loaded
    ui = (selected, connect_from, step, mode, query)
    since = since_for(page.store, since_cache_of(page.app), state.map_id, network_map)
    region = map_region(network_map, state.version, lang, ui, drawn_data, since)
    for component_id, props in region.updates:
        dash.set_props(component_id, props)
    # Drawn by settle.APPLY_JS if the tab still has this version and these
    # choices (else a newer answer draws it), as a patch against its map.
    choices = (lang_data, selected, connect_from, step, mode)
    elements = region.elements or []
    settled = settled_data(
        page.app, state.map_id, state.version, None, choices, map_drawn, elements
    )
    return (
        settled,
        region.list_children,
        region.list_drawn,
        region.version_label,
        region.tap_help,
    )


@callbacks.callback(
    Output("edit-panel", "children"),
    Output("edit-panel-drawn", "data"),
    Input("selected", "data"),
    Input("map-view", "data"),
    Input("lang", "data"),
    State("edit-autosaved", "data"),
    State("edit-panel-drawn", "data"),
    State("map-state", "data"),  # the newest version, as render_map
    prevent_initial_call=True,  # drawn with the page (nobody chosen yet)
)
def render_edit_panel(
    page: Page,
    selected: Any,
    _view: Any,
    lang_data: Any,
    autosaved: Any,
    drawn: Any,
    state_data: Any,
) -> Any:
    lang = tab_lang(page.app, lang_data)
    loaded = _load_map(page.store, state_data)
    if loaded is None:
        raise dash.exceptions.PreventUpdate
    state, network_map = loaded
    panel = edit_panel_region(network_map, selected, lang, drawn)
    if (
        ctx.triggered_id == "map-view"
        and isinstance(autosaved, dict)
        and autosaved.get("version") == state.version
    ):
        # The panel saved this version itself: it already shows it, and a
        # re-render would take the focus out of the field the user is in.
        return _UNCHANGED, panel.drawn
    if not panel.send:
        # Someone else was moved or answered: this panel would look the
        # same, and redrawing its ~80 components costs the browser dearly.
        raise dash.exceptions.PreventUpdate
    return panel.send["panel"], panel.drawn


# The notice is drawn in the browser: a save's answer brings its text, and
# a second round trip for it would cost every edit one more request.
callbacks.clientside(
    _NOTICE_JS,
    Output("notice-text", "children"),
    Output("notice-text", "className"),
    Output("conflict-text", "children"),
    Output("conflict-toast", "className"),
    Output("reload", "style"),
    Input("notice-store", "data"),
    prevent_initial_call=True,  # the page starts without a notice
)


@callbacks.callback(
    *SAVED_OUTPUTS,
    Input("drag-op", "data"),
    State("map-state", "data"),
    State("history", "data"),
    *_VIEW_STATES,
    prevent_initial_call=True,
)
def on_drop(page: Page, drag: Any, state_data: Any, history_data: Any, *view: Any) -> Any:
    if drag is None or drag == {}:  # the store before the first drop (shell.py)
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, view[0])
    try:
        drop = parse(DragOp, drag)
        x, y = map_point(drop.x, drop.y)
        op = parse_edit({"kind": "drop_person", "id": drop.id, "x": x, "y": y})
    except NetmapError as exc:
        return _bad_request(exc, lang)[:3]
    outcome = commit(
        page.store,
        state_data,
        history_data,
        op,
        lang,
        order=page.order,
        # The answer is made while the store writes (and fsyncs) the version.
        while_saving=lambda map_id, version, saved: drop_view(page, map_id, version, saved, view),
    )
    if outcome.after is not None:
        # One round trip draws it all, from the saved map (no store load).
        draw_drop(page, outcome.after, outcome.state, view, outcome.prepared, drop.n)
    return _outputs(outcome)[:3]


#: What the add form sets after an add: its fields, its own message lines and
#: the person to highlight (``add-flash``).
_ADD_OUTPUTS = (
    Output("add-name", "value"),
    Output("add-role", "value"),
    Output("add-band", "data", allow_duplicate=True),
    *(Output(slot, "children", allow_duplicate=slot == "add-band-error") for slot in ERROR_SLOTS),
    Output("add-status", "children"),
    Output("add-flash", "data"),
)


@callbacks.callback(
    *_SAVE_OUTPUTS,
    *_ADD_OUTPUTS,
    Input("add-submit", "n_clicks"),
    Input("add-name", "n_submit"),
    State("add-name", "value"),
    State("add-sector", "value"),
    State("add-role", "value"),
    State("add-band", "data"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_add(
    page: Page,
    clicks: Any,
    submits: Any,
    name: Any,
    sector: Any,
    role: Any,
    band: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    """Add the person and keep the form where it is (the new person is not opened).

    The form is emptied for the next person (the sector stays: people are
    often added one family at a time); ``add-flash`` makes the browser put
    the focus back in Navn and highlight the new person on the map and in
    the list for a moment.
    """
    if not _fresh_trigger():
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    loaded = _load_map(page.store, state_data)
    keep = (_UNCHANGED, _UNCHANGED, _UNCHANGED)
    no_errors = ("",) * len(ERROR_SLOTS)
    try:
        if loaded is None:
            raise NetmapError("app.editor.not_found")
        op = add_op(loaded[1], name, sector, role, band)
    except NetmapError as exc:
        # Each said next to its field; nothing typed is lost.
        errors = error_slots(exc, lang)
        return (*_UNCHANGED_SAVE, *keep, *(errors[s] for s in ERROR_SLOTS), "", _UNCHANGED)
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    if not outcome.saved:
        # A conflict: the notice under the map offers to reload.
        return (*_outputs(outcome), *keep, *no_errors, "", _UNCHANGED)
    text = outcome.notice.get("text", "") if isinstance(outcome.notice, dict) else ""
    flash = {"id": op.id, "n": _count(clicks) + _count(submits)}
    return (*_outputs(outcome), "", "", None, *no_errors, text, flash)


_UNCHANGED_SAVE = (_UNCHANGED, _UNCHANGED, _UNCHANGED, _UNCHANGED)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# The closeness buttons of the add form: a click chooses (in the browser, no
# request); the chosen one is pressed, the others not (also after an add
# empties the choice).
callbacks.clientside(
    """
function(_clicks) {
  var trigger = window.dash_clientside.callback_context.triggered_id;
  if (!trigger || typeof trigger.band !== "string") { return window.dash_clientside.no_update; }
  return trigger.band;
}
""",
    Output("add-band", "data", allow_duplicate=True),
    Input({"type": "add-band", "band": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
callbacks.clientside(
    """
function(band) {
  var ids = window.dash_clientside.callback_context.outputs_list[0];
  var chosen = typeof band === "string";
  return [
    ids.map(function (o) { return o.id.band === band ? "true" : "false"; }),
    ids.map(function (o) { return o.id.band === band ? "btn band-choice on" : "btn band-choice"; }),
    chosen ? "" : window.dash_clientside.no_update
  ];
}
""",
    Output({"type": "add-band", "band": ALL}, "aria-pressed"),
    Output({"type": "add-band", "band": ALL}, "className"),
    # A choice answers the question: its error goes.
    Output("add-band-error", "children", allow_duplicate=True),
    Input("add-band", "data"),
    prevent_initial_call=True,
)
# After an add: the focus back in Navn, the form in view, the new person
# highlighted for a moment (netmap-add-form.js).
callbacks.clientside(
    """
function(flash) {
  if (window.netmapAddForm) { window.netmapAddForm.added(flash); }
  return window.dash_clientside.no_update;
}
""",
    Output("add-flash-done", "data"),
    Input("add-flash", "data"),
    prevent_initial_call=True,
)


# Every field is saved when it is left (text fields send their value on
# blur or Enter: debounce=True; the text area reports n_blur) or changed
# (choices; the sector and the distance slider when they have come to rest,
# see netmap-choice-settle.js: arrow keys step through them), so closing the
# tab loses nothing typed. "Gem
# ændringer" stays as the explicit way to do the same.
#
# The panel's callbacks (save, remove, close; share.callbacks.on_share_choice)
# have every input inside the panel and no output outside it: what a save
# changes elsewhere is set with dash.set_props (saving.set_saved). Dash calls
# a callback whenever its inputs are drawn anew unless all of its outputs are
# inside what was drawn, so each redraw of the panel called them all, and an
# input outside the panel made Dash call the save where there was no panel
# ("A nonexistent object was used in an Input", tests/e2e/test_editor_console.py).
@callbacks.callback(
    Output("edit-status", "children"),
    Output("edit-status", "className"),
    Output("edit-saved", "children"),
    *(Output(f"edit-{f}-error", "children") for f in PERSON_TEXT_FIELDS),
    Input("edit-save", "n_clicks"),
    Input("edit-name", "value"),
    Input("edit-role", "value"),
    Input("edit-organisation", "value"),
    Input("edit-care_sector", "value"),
    Input("edit-phone", "value"),
    Input("edit-email", "value"),
    Input("edit-helps_with", "n_blur"),
    Input("edit-q2", "value"),
    Input("edit-q3", "value"),
    Input("edit-q4", "value"),
    Input("edit-team_roles", "value"),
    Input("edit-primary_contact", "value"),
    Input("edit-sector-settled", "data"),
    Input("edit-distance-settled", "data"),
    State("edit-helps_with", "value"),
    State("edit-sector", "value"),
    State("edit-distance", "value"),
    State("selected", "data"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_save(page: Page, clicks: Any, *values: Any) -> Any:
    """Save the edit panel: ``values`` are the fields' inputs, then the states."""
    fields = dict(zip(_PANEL_FIELDS, values[: len(_PANEL_FIELDS)], strict=True))
    helps_with, sector, distance, selected, *saving = values[len(_PANEL_FIELDS) :]
    state_data, history_data, lang_data = saving
    reports = {
        "edit-sector-settled.data": fields["sector"],
        "edit-distance-settled.data": fields["distance"],
    }
    fields["helps_with"] = helps_with  # the text area reports n_blur; its value is a state
    # The sector and the distance are saved when they have come to rest: states too.
    fields["sector"], fields["distance"] = sector, distance
    triggered = {str(item.get("prop_id")) for item in ctx.triggered}
    forged = not counts_valid(ctx.triggered)
    if triggered <= reports.keys() and not any(
        _settled_for(reports[prop], selected) for prop in triggered
    ):
        # The control came to rest in another person's panel (or the report
        # is bad, or none yet): nothing to save for the person shown now.
        raise dash.exceptions.PreventUpdate
    if forged or not ctx.triggered_id or ("edit-save.n_clicks" in triggered and not clicks):
        # No one changed anything: a forged click count, or the panel's
        # fields arriving all at once (Dash no longer calls this when the
        # panel is drawn, but a request may say so). Saving here would race
        # with the edit that redrew the panel and take its notice. (Changes
        # made in quick succession can arrive merged into one call, so more
        # than one field is no such sign.)
        raise dash.exceptions.PreventUpdate
    outcome = _save_person(page, selected, fields, state_data, history_data, lang_data)
    lang = tab_lang(page.app, lang_data)
    shown = person_feedback(outcome, "edit-save.n_clicks" in triggered, lang)
    if shown is None:
        raise dash.exceptions.PreventUpdate
    # A refused field is told under the field, not under the map as well.
    if outcome.error is None or not any(shown.errors.values()):
        # The panel shows the change already: map-view redraws all but it.
        set_saved(outcome, autosaved=True)
    return (
        shown.status,
        shown.status_class,
        shown.near_button,
        *(shown.errors[f] for f in PERSON_TEXT_FIELDS),
    )


def _settled_for(settled: Any, selected: Any) -> bool:
    """Whether the browser's "settled" report is about the person ``selected``."""
    try:
        return bool(parse(Settled, settled).pid == selected)
    except NetmapError:
        return False


@callbacks.callback(
    Input("edit-remove", "n_clicks"),
    State("selected", "data"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_remove(
    page: Page, clicks: Any, selected: Any, state_data: Any, history_data: Any, lang_data: Any
) -> None:
    """Remove the person shown (no outputs, as every callback of the panel: on_save)."""
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    try:
        op = parse_edit({"kind": "remove_person", "id": selected})
    except NetmapError as exc:
        set_saved(error_outcome(exc, lang))
        return
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    if outcome.saved:
        dash.set_props("selected", {"data": None})
    set_saved(outcome)


@callbacks.callback(
    Input("edit-close", "n_clicks"),
    prevent_initial_call=True,
)
def on_close(page: Page, clicks: Any) -> None:
    """Close the panel (no outputs, as every callback of the panel: on_save)."""
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    dash.set_props("selected", {"data": None})


@callbacks.callback(
    *_SAVE_OUTPUTS,
    Output("selected", "data", allow_duplicate=True),
    Output("connect-from", "data", allow_duplicate=True),
    Input("map-cy", "tapNodeData"),
    Input("person-click", "data"),
    State("mode", "value"),
    State("q-step", "value"),
    State("connect-from", "data"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_person_tap(
    page: Page,
    tap: Any,
    item: Any,
    mode: Any,
    step: Any,
    connect_from: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    lang = tab_lang(page.app, lang_data)
    # The person tapped on the map or clicked in the list (netmap-person-rows.js);
    # Dash may merge both into one call: the first that is an action counts.
    trigger = acting(ctx.triggered)
    sources = {"map-cy": tap, "person-click": item}
    source = sources.get(trigger) if isinstance(trigger, str) else None
    person_id = source.get("pid") if isinstance(source, dict) else None
    if person_id is None:
        # A tap on the patient or the background: nothing to do.
        raise dash.exceptions.PreventUpdate
    nothing = (_UNCHANGED, _UNCHANGED, _UNCHANGED, _UNCHANGED)
    step = step_of(step)
    try:
        if mode == "connect":
            first = selected_of(connect_from)
            if first is None or first == person_id:
                loaded = _load_map(page.store, state_data)
                name = loaded[1].person(person_id).name if loaded else person_id
                hint = notice("ok", t("app.mode.connect_first", lang, name=name))
                return (_UNCHANGED, hint, _UNCHANGED, _UNCHANGED, _UNCHANGED, person_id)
            op: EditOp = parse_edit({"kind": "toggle_tie", "a": first, "b": person_id})
            return (
                *_outputs(commit(page.store, state_data, history_data, op, lang, order=page.order)),
                _UNCHANGED,
                None,
            )
        if step in (2, 3, 4):
            op = parse_edit({"kind": "cycle_answer", "id": person_id, "question": step})
            return (
                *_outputs(commit(page.store, state_data, history_data, op, lang, order=page.order)),
                _UNCHANGED,
                _UNCHANGED,
            )
        person_id = parse(PersonId, person_id)
    except NetmapError as exc:
        return (*_bad_request(exc, lang), _UNCHANGED, _UNCHANGED)
    except KeyError:
        raise dash.exceptions.PreventUpdate from None
    return (*nothing, person_id, _UNCHANGED)


@callbacks.callback(
    *_SAVE_OUTPUTS,
    Input("answer-click", "data"),
    State("q-step", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_answer(
    page: Page, click: Any, step: Any, state_data: Any, history_data: Any, lang_data: Any
) -> Any:
    # The answer button clicked ({pid, a, click}: netmap-person-rows.js).
    lang = tab_lang(page.app, lang_data)
    if not isinstance(click, dict):
        raise dash.exceptions.PreventUpdate
    trigger = click
    try:
        op = parse_edit(
            {
                "kind": "set_answer",
                "id": trigger.get("pid"),
                "question": step,
                "answer": trigger.get("a"),
            }
        )
    except NetmapError as exc:
        return _bad_request(exc, lang)
    return _outputs(commit(page.store, state_data, history_data, op, lang, order=page.order))


@callbacks.callback(
    Output("work-col", "className"),
    Input("q-step", "value"),
    prevent_initial_call=True,  # step 1 is what the page starts with
)
def on_step(page: Page, step: Any) -> str:
    # While answering questions 2–4 the list with the answers comes first.
    return "work-col answering" if step_of(step) in (2, 3, 4) else "work-col"


@callbacks.callback(
    Output("connect-from", "data", allow_duplicate=True),
    Input("mode", "value"),
    State("connect-from", "data"),
    prevent_initial_call=True,
)
def on_mode(page: Page, _mode: Any, connect_from: Any) -> Any:
    if connect_from is None:
        # Nothing to forget; a write would redraw the whole map once more.
        raise dash.exceptions.PreventUpdate
    return None


@callbacks.callback(
    *_SAVE_OUTPUTS,
    Input("undo", "n_clicks"),
    Input("redo", "n_clicks"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_undo_redo(
    page: Page, _undo: Any, _redo: Any, state_data: Any, history_data: Any, lang_data: Any
) -> Any:
    trigger = acting(ctx.triggered)
    if trigger is None:
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    action = redo if trigger == "redo" else undo
    return _outputs(action(page.store, state_data, history_data, lang))


@callbacks.callback(
    Output("map-state", "data", allow_duplicate=True),
    Output("notice-store", "data", allow_duplicate=True),
    Output("map-view", "data", allow_duplicate=True),
    Input("reload", "n_clicks"),
    State("map-state", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_reload(page: Page, clicks: Any, state_data: Any, lang_data: Any) -> Any:
    if not clicked(clicks):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        latest = page.store.load(state.map_id)
    except NetmapError as exc:
        return _UNCHANGED, error_outcome(exc, lang).notice, _UNCHANGED
    newest = state.at(latest.version).model_dump(exclude_none=True)
    return newest, notice("ok", t("app.reloaded", lang)), newest


def _save_person(
    page: Page,
    selected: Any,
    fields: dict[str, Any],
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Outcome:
    """Save the edit panel's fields as one ``update_person`` (nothing if unchanged)."""
    lang = tab_lang(page.app, lang_data)
    name = fields["name"]
    distance = fields["distance"]
    loaded = _load_map(page.store, state_data)
    if loaded is not None and isinstance(distance, int | float):
        try:
            shown = round(loaded[1].person(selected).distance, 2)
        except (KeyError, TypeError):
            shown = None
        if shown == distance:
            # The slider shows the distance to two decimals; left alone, it
            # must not round away where the person was dropped.
            distance = None
    try:
        for key in ("q2", "q3", "q4"):
            if fields[key] not in ("yes", "no", "unknown"):
                raise NetmapError("app.bad_form")
        if not isinstance(fields["primary"], list):
            raise NetmapError("app.bad_form")
        changes = {
            "name": name,
            "role": fields["role"],
            "organisation": fields["organisation"],
            "care_sector": fields["care_sector"],
            "phone": fields["phone"],
            "email": fields["email"],
            "helps_with": fields["helps_with"],
            "knows_how_i_am": answer_value(2, fields["q2"]),
            "can_help": answer_value(3, fields["q3"]),
            "attends_meetings": answer_value(4, fields["q4"]),
            "team_roles": fields["team_roles"],
            "primary_contact": fields["primary"] == ["yes"],
            "sector": fields["sector"],
        }
        if distance is not None:
            changes["distance"] = distance
        op = parse_edit(
            {"kind": "update_person", "id": selected, "changes": changes},
            where=name if isinstance(name, str) and name else None,
        )
    except NetmapError as exc:
        return error_outcome(exc, lang)
    return commit(page.store, state_data, history_data, op, lang, order=page.order)
