"""The meetings page's callbacks: parse what the browser sent, make one meeting edit, save.

Each callback parses the tab's state with :mod:`netmap.app.state`, turns the
form's values into one edit with :mod:`netmap.app.meetings.intents` (or gets
the message for each wrong field), saves with
:func:`netmap.app.saving.commit` and lets the new ``map-state`` redraw the
body (:func:`draw_body`). Nothing here decides a rule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import dash
from dash import ALL, Input, Output, State, ctx

from netmap.analysis.papers import agreement_sheet, invitation
from netmap.app.download import download_data
from netmap.app.feedback import ERROR_CLASS
from netmap.app.lang import tab_lang
from netmap.app.mapview import stylesheet
from netmap.app.meetings.intents import (
    ADD_FIELDS,
    AGREEMENT_FIELDS,
    RECORD_FIELDS,
    Checked,
    add_agreement_intent,
    add_meeting_intent,
    answer_intent,
    follow_up_intent,
    ready_intent,
    record_intent,
    remove_intent,
)
from netmap.app.meetings.layout import (
    BODY_SLOTS,
    MEETING_PART,
    body_parts,
    prepare_children,
)
from netmap.app.meetings.page import load_page, participants_of
from netmap.app.meetings.papers_view import agreement_sheet_view, invitation_view
from netmap.app.meetings.view import chosen_meeting, meeting_options
from netmap.app.regions import update
from netmap.app.saving import SAVE_STATES, SAVED_OUTPUTS, commit, notice
from netmap.app.state import MapState, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.errors import NetmapError
from netmap.export.gate import ExportFormat, ExportOptions, ExportRefused
from netmap.export.run import MEDIA_TYPES, MadeExport, file_name, make_export
from netmap.i18n import Lang, format_date, t
from netmap.model import NetworkMap
from netmap.service import author_of

__all__ = ["callbacks"]

callbacks = Callbacks()
_KEEP = dash.no_update


def _current(page: Page, state_data: Any) -> tuple[MapState, NetworkMap] | None:
    try:
        state = parse(MapState, state_data)
        return state, page.store.load(state.map_id, state.version).map
    except NetmapError:
        return None


def _cpr(value: Any) -> bool:
    return isinstance(value, list) and "cpr" in value


@callbacks.callback(
    Output("meeting-head", "children"),
    *[Output(f"slot-{name}", "children") for name in BODY_SLOTS],
    Output("meeting-drawn", "data"),
    Output("meeting-body", "hidden"),
    Output("section-prepare", "hidden"),
    Output("meeting-choice", "options"),
    Output("meeting-choice", "value"),
    Output("meeting-none", "hidden"),
    Output("meetings-version", "children"),
    Input("map-state", "data"),
    Input("meeting-choice", "value"),
    Input("lang", "data"),
    State("prepare-step", "data"),
    State("invite-choice", "data"),
    State("paper-cpr-on", "data"),
    State("meeting-drawn", "data"),
    prevent_initial_call=True,
)
def draw_body(
    page: Page,
    state_data: Any,
    choice: Any,
    lang_data: Any,
    step: Any,
    invite: Any,
    cpr_on: Any,
    drawn: Any,
) -> Any:
    """The chosen meeting, redrawn from the version the tab sees after every save.

    Only the slots whose content changed are sent (the rest keep what the
    user typed and has not saved yet, e.g. a half-written agreement while the
    outcome is saved).
    """
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        loaded = load_page(
            page.store,
            state.map_id,
            state.version,
            choice=choice,
            step=step,
            invite=invite,
            include_cpr=cpr_on is True,
            today=page.today(),
        )
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    options = meeting_options(loaded.network_map, lang)
    inputs = loaded.body
    chosen = inputs.meeting.id if inputs else None
    body = update(body_parts(inputs, lang), drawn, frame=MEETING_PART)
    sent = [body.value(name, _KEEP) for name in ("head", *BODY_SLOTS)]
    version = t("app.editor.version", lang, version=loaded.version)
    # The choice is sent only when it changed: setting it again would draw the pass anew.
    choice_out = chosen if chosen != choice else _KEEP
    return (
        *sent,
        body.drawn if body.drawn != drawn else _KEEP,
        inputs is None,
        inputs is None,
        options,
        choice_out,
        bool(options),
        version,
    )


def _form_errors(errors: dict[str, str], fields: tuple[str, ...]) -> list[str]:
    return [errors.get(f, "") for f in fields]


def _save(page: Page, op_or_errors: Checked, saves: tuple[Any, Any, Any], lang: Lang) -> Any:
    """(map-state, notice, history, errors, saved?) after trying to save one edit."""
    op, errors = op_or_errors
    state_data, history_data, _ = saves
    if op is None:
        return _KEEP, _KEEP, _KEEP, errors, False
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    return outcome.state, outcome.notice, outcome.history, {}, outcome.saved


@callbacks.callback(
    *SAVED_OUTPUTS,
    *[Output(f"add-{f}-error", "children") for f in ADD_FIELDS],
    Output("add-status", "children"),
    Output("meeting-choice", "value", allow_duplicate=True),
    Input("add-save", "n_clicks"),
    *[State(f"add-{f}", "value") for f in ADD_FIELDS],
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_add(page: Page, _clicks: Any, *values: Any) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    form, saves = dict(zip(ADD_FIELDS, values[: len(ADD_FIELDS)], strict=True)), values[-3:]
    lang = tab_lang(page.app, saves[2])
    loaded = _current(page, saves[0])
    if loaded is None:
        raise dash.exceptions.PreventUpdate
    before = {m.id for m in loaded[1].meetings}
    state, note, history, errors, saved = _save(
        page, add_meeting_intent(loaded[1], form, lang), saves, lang
    )
    chosen: Any = _KEEP
    if saved:
        after = _current(page, state)
        new = [m.id for m in after[1].meetings if m.id not in before] if after else []
        chosen = new[0] if new else _KEEP
    status = t("meetings_app.saved", lang) if saved else ""
    return state, note, history, *_form_errors(errors, ADD_FIELDS), status, chosen


@callbacks.callback(
    *SAVED_OUTPUTS,
    *[Output(f"record-{f}-error", "children") for f in RECORD_FIELDS],
    Output("record-status", "children"),
    Input("record-save", "n_clicks"),
    *[State(f"record-{f}", "value") for f in RECORD_FIELDS],
    State("meeting-choice", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_record(page: Page, _clicks: Any, *values: Any) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    n = len(RECORD_FIELDS)
    form, choice, saves = dict(zip(RECORD_FIELDS, values[:n], strict=True)), values[n], values[-3:]
    lang = tab_lang(page.app, saves[2])
    loaded = _current(page, saves[0])
    meeting = chosen_meeting(loaded[1], choice, page.today()) if loaded else None
    if loaded is None or meeting is None:
        raise dash.exceptions.PreventUpdate
    checked = record_intent(loaded[1], meeting.id, form, lang)
    state, note, history, errors, saved = _save(page, checked, saves, lang)
    status = t("meetings_app.saved", lang) if saved else ""
    if errors:
        status = t("meetings_app.not_saved", lang)
    return state, note, history, *_form_errors(errors, RECORD_FIELDS), status


@callbacks.callback(
    *SAVED_OUTPUTS,
    *[Output(f"agreement-{f}-error", "children") for f in AGREEMENT_FIELDS],
    # Once added, the form is empty again (its slot is not redrawn by the save).
    *[Output(f"agreement-{f}", "value") for f in AGREEMENT_FIELDS],
    Input("agreement-add", "n_clicks"),
    *[State(f"agreement-{f}", "value") for f in AGREEMENT_FIELDS],
    State("meeting-choice", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_agreement(page: Page, _clicks: Any, *values: Any) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    n = len(AGREEMENT_FIELDS)
    form, choice, saves = (
        dict(zip(AGREEMENT_FIELDS, values[:n], strict=True)),
        values[n],
        values[-3:],
    )
    lang = tab_lang(page.app, saves[2])
    loaded = _current(page, saves[0])
    meeting = chosen_meeting(loaded[1], choice, page.today()) if loaded else None
    if loaded is None or meeting is None:
        raise dash.exceptions.PreventUpdate
    checked = add_agreement_intent(loaded[1], meeting.id, form, lang)
    state, note, history, errors, saved = _save(page, checked, saves, lang)
    cleared = [None, "", ""] if saved else [_KEEP] * len(AGREEMENT_FIELDS)
    return state, note, history, *_form_errors(errors, AGREEMENT_FIELDS), *cleared


def _one_edit(page: Page, saves: tuple[Any, ...], make: Any) -> Any:
    """Save the edit ``make(map, lang)`` asks for; its error (if any) as the notice."""
    lang = tab_lang(page.app, saves[2])
    loaded = _current(page, saves[0])
    if loaded is None:
        raise dash.exceptions.PreventUpdate
    op, errors = make(loaded, lang)
    if op is None:
        if not errors:
            raise dash.exceptions.PreventUpdate
        return _KEEP, notice("error", next(iter(errors.values()))), _KEEP
    outcome = commit(page.store, saves[0], saves[1], op, lang, order=page.order)
    return outcome.state, outcome.notice, outcome.history


@callbacks.callback(
    *SAVED_OUTPUTS,
    Output("meeting-choice", "value", allow_duplicate=True),
    Input("meeting-remove", "n_clicks"),
    State("meeting-choice", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_remove(page: Page, _clicks: Any, choice: Any, *saves: Any) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    saved = _one_edit(page, saves, lambda loaded, lang: remove_intent(loaded[1], choice, lang))
    return (*saved, None)


@callbacks.callback(
    Output("prepare-step", "data"),
    Input({"prepare_nav": ALL}, "n_clicks"),
    State("prepare-step", "data"),
    prevent_initial_call=True,
)
def on_prepare_nav(page: Page, _clicks: Any, step: Any) -> Any:
    if not user_action(ctx.triggered) or not isinstance(ctx.triggered_id, dict):
        raise dash.exceptions.PreventUpdate
    action = ctx.triggered_id.get("prepare_nav")
    current = step if type(step) is int and 0 <= step <= 10_000 else 0
    moves = {"start": 0, "back": max(current - 1, 0), "next": current + 1, "stop": None}
    if action not in moves:
        raise dash.exceptions.PreventUpdate
    return moves[action]


@callbacks.callback(
    Output("prepare-panel", "children"),
    Input("prepare-step", "data"),
    Input("meeting-choice", "value"),
    Input("lang", "data"),
    State("map-state", "data"),
    prevent_initial_call=True,
)
def draw_prepare(page: Page, step: Any, choice: Any, lang_data: Any, state_data: Any) -> Any:
    """The guided pass at its step: the only callback that draws it.

    A save made in the pass does not redraw it (the answer shown is the one
    just given, and the focus stays on it); the next step is drawn from the
    version the tab has by then.
    """
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        loaded = load_page(
            page.store, state.map_id, state.version, choice=choice, step=step, today=page.today()
        )
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    return prepare_children(loaded.body, lang)


callbacks.clientside(
    # The pass moved to another step: once that step is drawn, put the focus
    # on its heading, so a keyboard user goes on from the top of the step
    # (Tab reaches its answers next). A redraw of the same step (an answer
    # saved) puts the focus back where it was (assets/netmap-meetings.js).
    """function(children, step) {
      if (step === null || step === undefined) { window.__netmapPrepareStep = null; return ""; }
      if (window.__netmapPrepareStep === step) {
        // The same step drawn again (an answer saved): the focus stays put.
        if (window.netmapPrepareRefocus) { setTimeout(window.netmapPrepareRefocus, 0); }
        return "";
      }
      var h = document.getElementById("prepare-heading");
      if (!h || h.getAttribute("data-step") !== String(step)) { return ""; }
      window.__netmapPrepareStep = step;
      setTimeout(function () { h.focus(); }, 0);
      return "";
    }""",
    Output("prepare-step-focus", "children"),
    Input("prepare-panel", "children"),
    State("prepare-step", "data"),
    prevent_initial_call=True,
)


@callbacks.callback(
    *SAVED_OUTPUTS,
    Input({"prepare_q": ALL, "person": ALL}, "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_prepare_answer(page: Page, _values: Any, *saves: Any) -> Any:
    found = ctx.triggered_id
    if not isinstance(found, dict) or not ctx.triggered or len(ctx.triggered) != 1:
        raise dash.exceptions.PreventUpdate  # a redraw, not an answer
    question, person, answer = (
        found.get("prepare_q"),
        found.get("person"),
        ctx.triggered[0]["value"],
    )
    if question not in (2, 3, 4):
        raise dash.exceptions.PreventUpdate
    return _one_edit(
        page, saves, lambda loaded, lang: answer_intent(loaded[1], person, question, answer, lang)
    )


@callbacks.callback(
    *SAVED_OUTPUTS,
    Input({"prepare_follow": ALL, "meeting": ALL}, "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_prepare_follow_up(page: Page, _values: Any, *saves: Any) -> Any:
    found = ctx.triggered_id
    if not isinstance(found, dict) or not ctx.triggered or len(ctx.triggered) != 1:
        raise dash.exceptions.PreventUpdate
    status = ctx.triggered[0]["value"]
    if status is None:
        raise dash.exceptions.PreventUpdate

    def make(loaded: tuple[MapState, NetworkMap], lang: Lang) -> Checked:
        network_map = loaded[1]
        meeting, agreement = found.get("meeting"), found.get("prepare_follow")
        try:
            current = network_map.meeting(str(meeting))
            same = any(a.id == agreement and a.follow_up == status for a in current.agreements)
        except KeyError:
            same = False
        if same:
            return None, {}
        return follow_up_intent(network_map, meeting, agreement, status, lang)

    return _one_edit(page, saves, make)


@callbacks.callback(
    *SAVED_OUTPUTS,
    Output("prepare-step", "data", allow_duplicate=True),
    Input({"prepare_ready": ALL}, "n_clicks"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_prepare_ready(page: Page, _clicks: Any, *saves: Any) -> Any:
    found = ctx.triggered_id
    if not user_action(ctx.triggered) or not isinstance(found, dict):
        raise dash.exceptions.PreventUpdate
    meeting_id = found.get("prepare_ready")
    state, note, history = _one_edit(
        page,
        saves,
        lambda loaded, lang: ready_intent(loaded[1], meeting_id, loaded[0].version, lang),
    )
    lang = tab_lang(page.app, saves[2])
    loaded = _current(page, saves[0])
    if isinstance(note, dict) and note.get("kind") == "ok" and loaded is not None:
        meeting = loaded[1].meeting(str(meeting_id))
        text = t("meetings_app.prepare.done", lang, date=format_date(meeting.date, lang))
        note = notice("ok", text)
        return state, note, history, None
    return state, note, history, _KEEP


@callbacks.callback(
    Output("invite-choice", "data"),
    Output("invitation-paper", "children"),
    Output("sheet-paper", "children"),
    Output("invite-participants", "value"),
    Output("paper-cpr-on", "data"),
    Input("invite-participants", "value"),
    Input("invite-reset", "n_clicks"),
    Input("paper-cpr", "value"),
    State("invite-choice", "data"),
    State("map-state", "data"),
    State("meeting-choice", "value"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def on_papers(
    page: Page,
    ids: Any,
    _reset: Any,
    cpr: Any,
    choice: Any,
    state_data: Any,
    meeting: Any,
    lang_data: Any,
) -> Any:
    """Who is invited (this meeting only) and whether the papers carry the CPR number."""
    lang = tab_lang(page.app, lang_data)
    loaded = _current(page, state_data)
    found = chosen_meeting(loaded[1], meeting, page.today()) if loaded else None
    if loaded is None or found is None:
        raise dash.exceptions.PreventUpdate
    network_map = loaded[1]
    stored = dict(choice) if isinstance(choice, dict) else {}
    known = {network_map.patient.id} | {p.id for p in network_map.persons}
    if ctx.triggered_id == "invite-reset":
        stored.pop(found.id, None)
    elif ctx.triggered_id == "invite-participants" and isinstance(ids, list):
        stored[found.id] = [i for i in ids if isinstance(i, str) and i in known]
    participants = participants_of(stored, found.id)
    inv = invitation(
        network_map, found.id, participants=participants, include_cpr=_cpr(cpr), lang=lang
    )
    sheet = agreement_sheet(network_map, found.id, include_cpr=_cpr(cpr), lang=lang)
    value = [p.id for p in inv.participants] if ctx.triggered_id == "invite-reset" else _KEEP
    papers = invitation_view(inv, lang), agreement_sheet_view(sheet, lang)
    return stored, *papers, value, _cpr(cpr)


# A refused paper in the error style (feedback.css), never the saved green.
_GOOD, _BAD = "save-status", ERROR_CLASS
_PAPER_STATES = (
    State("invite-choice", "data"),
    State("paper-cpr", "value"),
    State("paper-for-patient", "value"),
    State("map-state", "data"),
    State("meeting-choice", "value"),
    State("lang", "data"),
)


def paper_export(page: Page, paper: str, *values: Any) -> tuple[MadeExport | None, str, str, str]:
    """One paper through :func:`netmap.export.run.make_export`, like every export.

    The consent gate (a paper for the team needs a valid consent; the
    patient's own copy does not), then the file and its export log row,
    recorded here, before the file is handed over. Answers the file (or
    ``None`` when refused), its file name, the line to show beside the
    buttons and its class.
    """
    choice, cpr, for_patient, state_data, meeting, lang_data = values
    lang = tab_lang(page.app, lang_data)
    loaded = _current(page, state_data)
    found = chosen_meeting(loaded[1], meeting, page.today()) if loaded else None
    if loaded is None or found is None:
        raise dash.exceptions.PreventUpdate
    state, network_map = loaded
    invited = participants_of(choice, found.id) if paper == "invitation" else None
    try:
        options = ExportOptions(
            format=ExportFormat(paper),
            for_patient=isinstance(for_patient, list) and "patient" in for_patient,
            include_cpr=_cpr(cpr),
            meeting=found.id,
            participants=tuple(invited) if invited is not None else None,
        )
        made = make_export(
            network_map,
            options,
            map_id=state.map_id,
            version=state.version,
            author=author_of(state.tab),
            today=page.today(),
            now=datetime.now(UTC),
            lang=lang,
        )
        # Recorded before it is handed over: a paper not in the log did not leave.
        page.store.record_export(made.record)
    except ExportRefused as exc:
        return None, "", t("meetings_app.paper.blocked", lang, reason=exc.state.message(lang)), _BAD
    except NetmapError as exc:
        return None, "", exc.message(lang), _BAD
    name = file_name(options, state.version, page.today(), lang)
    return made, name, t("share_app.made", lang, file=name), _GOOD


def _statuses(paper: str, line: str, kind: str) -> list[Any]:
    """The status line of ``paper`` set, the other paper's cleared."""
    out: list[Any] = []
    for one in ("invitation", "agreements"):
        out += [line, kind] if one == paper else ["", _GOOD]
    return out


_STATUS_OUTPUTS = [
    Output(f"paper-{one}-status", prop)
    for one in ("invitation", "agreements")
    for prop in ("children", "className")
]


@callbacks.callback(
    Output("paper-print", "data"),
    *_STATUS_OUTPUTS,
    Input("print-invitation", "n_clicks"),
    Input("print-agreements", "n_clicks"),
    *_PAPER_STATES,
    prevent_initial_call=True,
)
def on_print(page: Page, _a: Any, _b: Any, *values: Any) -> Any:
    """Print a paper: through the gate and into the log first, then the browser prints."""
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    paper = "agreements" if ctx.triggered_id == "print-agreements" else "invitation"
    made, _name, line, kind = paper_export(page, paper, *values)
    if made is None:
        return _KEEP, *_statuses(paper, line, kind)
    printed = t("meetings_app.paper.made_print", tab_lang(page.app, values[-1]))
    return {"paper": paper, "at": made.record.exported_at.isoformat()}, *_statuses(
        paper, printed, kind
    )


callbacks.clientside(
    # Print only the paper asked for (assets/meetings-print.css reads data-print).
    """function(go) {
      if (!go || !go.paper) { return ""; }
      document.body.setAttribute("data-print", go.paper);
      window.print();
      return "";
    }""",
    Output("print-done", "children"),
    Input("paper-print", "data"),
    prevent_initial_call=True,
)


@callbacks.callback(
    Output("paper-download", "data"),
    *_STATUS_OUTPUTS,
    Input("pdf-invitation", "n_clicks"),
    Input("pdf-agreements", "n_clicks"),
    *_PAPER_STATES,
    prevent_initial_call=True,
)
def on_pdf(page: Page, _a: Any, _b: Any, *values: Any) -> Any:
    """A paper as PDF: through the gate and into the log, then downloaded."""
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    paper = "agreements" if ctx.triggered_id == "pdf-agreements" else "invitation"
    made, name, line, kind = paper_export(page, paper, *values)
    if made is None:
        return _KEEP, *_statuses(paper, line, kind)
    data = download_data(made.payload, name, MEDIA_TYPES[ExportFormat(paper)])
    return data, *_statuses(paper, line, kind)


@callbacks.callback(
    Output("map-cy", "stylesheet"),
    Input("since-toggle", "value"),
    prevent_initial_call=True,
)
def on_since_toggle(page: Page, value: Any) -> Any:
    """The map page's toggle: show or hide what changed since the last meeting."""
    return stylesheet(show_since=isinstance(value, list) and "show" in value)
