"""The callbacks of "Del med teamet": draw it, record or withdraw consent, make a file.

Each parses the browser's values (:mod:`netmap.app.share.intents`), makes one
domain operation — an edit saved with :func:`netmap.app.saving.commit`, or
:func:`netmap.export.run.make_export` (the CLI's own gate and log) — and
returns what changed, drawn by :mod:`netmap.app.share.view` and
:mod:`netmap.app.share.layout`. No rule lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import dash
from dash import Input, Output, State, ctx

from netmap.analysis.overview import contact_overview
from netmap.app.download import download_data
from netmap.app.feedback import ERROR_CLASS
from netmap.app.lang import tab_lang
from netmap.app.saving import (
    SAVE_STATES,
    SAVED_OUTPUTS,
    Outcome,
    commit,
    edit_order_of,
    set_saved,
)
from netmap.app.share.intents import (
    ShareChoice,
    export_options,
    record_intent,
    share_choice_intent,
    withdraw_intent,
)
from netmap.app.share.layout import button_id, consent_details, log_table, print_overview
from netmap.app.share.preview import serve_previews
from netmap.app.share.view import share_view
from netmap.app.state import MapState, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError
from netmap.export.gate import MAP_FORMATS, ExportRefused
from netmap.export.run import MEDIA_TYPES, file_name, make_export
from netmap.i18n import Lang, t
from netmap.service import author_of
from netmap.store import MapStore

__all__ = [
    "download",
    "draw_share",
    "on_download",
    "on_record_consent",
    "on_share_choice",
    "on_withdraw_consent",
    "register_share_callbacks",
]

_KEEP = dash.no_update
_GOOD = "save-status"
_BAD = ERROR_CLASS  # red (feedback.css): "save-status field-error" drew in the saved green
_HIDDEN = {"display": "none"}
_FORMATS = MAP_FORMATS

callbacks = Callbacks()


def register_share_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], date] = date.today
) -> None:
    """Wire the share section's callbacks and serve its previews."""
    callbacks.register(app, Page(app=app, store=store, order=edit_order_of(app), today=today))
    serve_previews(app, store, today)


def _who(value: Any) -> str | None:
    return value.strip()[:200] if isinstance(value, str) and value.strip() else None


@callbacks.callback(
    Output("share-summary-state", "children"),
    Output("share-consent-state", "children"),
    Output("share-consent-state", "className"),
    Output("share-consent-details", "children"),
    Output("share-record", "children"),
    Output("share-withdraw", "disabled"),
    Output("share-blocked", "children"),
    *[Output(button_id(fmt), "disabled") for fmt in _FORMATS],
    Output("share-include-cpr", "style"),
    Output("share-cpr-warning", "style"),
    Output("share-log", "children"),
    Output("share-print-overview", "children"),
    Input("map-view", "data"),
    Input("share-for-whom", "value"),
    Input("share-include-cpr", "value"),
    State("map-state", "data"),
    State("lang", "data"),
)
def draw_share(
    page: Page, _view: Any, for_whom: Any, cpr: Any, state_data: Any, lang_data: Any
) -> Any:
    """The consent's state, what may be downloaded and the log, for the tab's version."""
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        network_map = page.store.load(state.map_id, state.version).map
        records = page.store.export_log(state.map_id)
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    choice = ShareChoice.from_browser(for_whom, cpr, None)
    view = share_view(network_map, records, choice, page.today(), lang)
    return (
        f" · {view.state}",
        view.state,
        f"share-state share-state-{view.status.value}",
        consent_details(view.details),
        view.record_label,
        not view.can_withdraw,
        view.blocked or "",
        *[button.disabled for button in view.buttons],
        {} if view.cpr_possible else _HIDDEN,
        {} if choice.include_cpr and view.cpr_possible else _HIDDEN,
        log_table(view.log, lang),
        print_overview(contact_overview(network_map), lang),
    )


def _consent_answer(outcome: Outcome, done: str, lang: Lang) -> tuple[Any, ...]:
    """The outputs of a consent save: saved, refused (the field's error) or unchanged."""
    if outcome.saved:
        return (outcome.state, outcome.notice, outcome.history, "", done, _GOOD, outcome.state)
    if isinstance(outcome.notice, dict):
        text = outcome.notice.get("text", "")
        return (_KEEP, outcome.notice, _KEEP, text, t("app.patient.not_saved", lang), _BAD, _KEEP)
    return (_KEEP, _KEEP, _KEEP, "", done, _GOOD, _KEEP)


_CONSENT_OUTPUTS = (
    Output("share-consent-status", "children", allow_duplicate=True),
    Output("share-consent-status", "className", allow_duplicate=True),
    Output("map-view", "data", allow_duplicate=True),
)


@callbacks.callback(
    *SAVED_OUTPUTS,
    Output("share-given-on-error", "children"),
    *_CONSENT_OUTPUTS,
    Input("share-record", "n_clicks"),
    Input("share-given-on", "n_submit"),
    State("share-given-on", "value"),
    State("share-who", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_record_consent(
    page: Page,
    _clicks: Any,
    _submit: Any,
    given_on: Any,
    who: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    """Record or renew the consent: one version, or the date field's error."""
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    op, problem = record_intent(given_on, _who(who), page.today(), lang)
    if op is None:
        return (_KEEP, _KEEP, _KEEP, problem, t("app.patient.not_saved", lang), _BAD, _KEEP)
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    return _consent_answer(outcome, t("share_app.consent.saved", lang), lang)


@callbacks.callback(
    *SAVED_OUTPUTS,
    Output("share-withdraw-on-error", "children"),
    *_CONSENT_OUTPUTS,
    Input("share-withdraw", "n_clicks"),
    State("share-withdraw-on", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_withdraw_consent(
    page: Page,
    _clicks: Any,
    withdrawn_on: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    """Withdraw the consent (kept on record with the day): one version."""
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    op, problem = withdraw_intent(withdrawn_on, page.today(), lang)
    if op is None:
        return (_KEEP, _KEEP, _KEEP, problem, t("app.patient.not_saved", lang), _BAD, _KEEP)
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    return _consent_answer(outcome, t("share_app.consent.withdrawn", lang), lang)


@callbacks.callback(
    Output("share-download", "data"),
    Output("share-download-status", "children"),
    Output("share-download-status", "className"),
    Output("share-recipient-error", "children"),
    Output("share-log", "children", allow_duplicate=True),
    *[Input(button_id(fmt), "n_clicks") for fmt in _FORMATS],
    State("share-for-whom", "value"),
    State("share-include-cpr", "value"),
    State("share-recipient", "value"),
    State("share-who", "value"),
    State("map-state", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_download(page: Page, *values: Any) -> Any:
    """Make the file the button asks for, through the CLI's gate and log, and send it."""
    if not user_action(ctx.triggered) or not isinstance(ctx.triggered_id, str):
        raise dash.exceptions.PreventUpdate
    fmt = ctx.triggered_id.removeprefix("share-dl-")
    return download(page, fmt, *values[len(_FORMATS) :])


def download(
    page: Page,
    fmt: str,
    for_whom: Any,
    cpr: Any,
    recipient: Any,
    who: Any,
    state_data: Any,
    lang_data: Any,
) -> tuple[Any, ...]:
    """The file (``dcc.Download`` data), the status line and its class, the "to whom"
    field's error and the log: what a download button's click returns."""
    lang = tab_lang(page.app, lang_data)
    today = page.today()
    try:
        state = parse(MapState, state_data)
        options, problem = export_options(
            fmt, ShareChoice.from_browser(for_whom, cpr, recipient), lang
        )
        if options is None:
            return _KEEP, t("app.patient.not_saved", lang), _BAD, problem, _KEEP
        stored = page.store.load(state.map_id, state.version)
        made = make_export(
            stored.map,
            options,
            map_id=state.map_id,
            version=stored.version,
            author=_who(who) or author_of(state.tab),
            today=today,
            now=datetime.now(UTC),
            lang=lang,
        )
        # Recorded before it is sent: an export that is not in the log did not happen.
        page.store.record_export(made.record)
        records = page.store.export_log(state.map_id)
    except ExportRefused as exc:
        # The CLI's refusal names its command; the app says what to do here.
        blocked = t("share_app.blocked", lang, reason=exc.state.message(lang))
        return _KEEP, blocked, _BAD, "", _KEEP
    except NetmapError as exc:
        return _KEEP, exc.message(lang), _BAD, "", _KEEP
    name = file_name(options, stored.version, today, lang)
    data = download_data(made.payload, name, MEDIA_TYPES[options.format])
    view = share_view(stored.map, records, ShareChoice(), today, lang)
    return data, t("share_app.made", lang, file=name), _GOOD, "", log_table(view.log, lang)


@callbacks.callback(
    # No outputs: what the save changes is set with dash.set_props (saving.set_saved),
    # so that drawing the edit panel anew does not call this (editor.callbacks.on_save).
    Input("edit-share", "value"),
    State("selected", "data"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_share_choice(
    page: Page, value: Any, selected: Any, state_data: Any, history_data: Any, lang_data: Any
) -> None:
    """The edit panel's "share with the team": the patient's choice, saved as one version."""
    if not ctx.triggered_id:
        # No one chose anything.
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    try:
        op = share_choice_intent(selected, value)
    except NetmapError as exc:
        dash.set_props("notice-store", {"data": {"kind": "error", "text": exc.message(lang)}})
        return
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    # As the edit panel's own saves: the map and the version label are redrawn,
    # the panel is not (it shows the choice already; a redraw takes the focus).
    set_saved(outcome, view=outcome.saved, autosaved=True)


callbacks.clientside(
    # The previews' addresses follow the tab's version and choice; nothing is
    # asked of the server until the section is open (Dash does not report a
    # <details> element's "open": every click on its summary, or Enter or
    # Space there, toggles it, so an odd count is open).
    """function(clicks, state, forWhom, lang) {
        var keep = window.dash_clientside.no_update;
        if (!clicks || clicks % 2 === 0 || !state || !state.map_id) { return [keep, keep]; }
        var query = '?for=' + encodeURIComponent(forWhom || 'team')
            + (lang ? '&lang=' + encodeURIComponent(lang) : '');
        var base = '/share-preview/' + encodeURIComponent(state.map_id) + '/'
            + encodeURIComponent(state.version) + '/';
        return [base + 'map.png' + query, base + 'pack.png' + query];
    }""",
    Output("share-preview-map", "src"),
    Output("share-preview-pack", "src"),
    Input("share-summary", "n_clicks"),
    Input("map-state", "data"),
    Input("share-for-whom", "value"),
    Input("lang", "data"),
)
