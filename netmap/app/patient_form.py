"""The patient form on the editor page: name, CPR number, consent and map date.

The fields are checked one by one with the model (so each error appears under
its own field, in the user's language) and, only when all are valid, saved as
one edit through :func:`netmap.app.editor_callbacks.commit`, with the same
version check (a stale tab gets the conflict notice) and undo as every other
edit. On any error nothing is saved.

The CPR number never travels to the browser in full: the field starts empty
and an empty field keeps the stored number (deleting it is a separate box).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
from dash import Input, Output, State, ctx
from pydantic import TypeAdapter, ValidationError

from netmap.app.editor import PATIENT_FIELDS
from netmap.app.lang import tab_lang
from netmap.app.saving import SAVE_STATES, SAVED_OUTPUTS, commit, edit_order_of
from netmap.app.state import MapState, parse, user_action
from netmap.app.wiring import Callbacks, Page
from netmap.editing import UpdatePatient, UpdatePatientDetails
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import Lang, t
from netmap.model import Patient, StrictModel
from netmap.store import MapStore

__all__ = ["PatientForm", "check_patient_form", "register_patient_form"]

_DATE: TypeAdapter[date] = TypeAdapter(date)


class PatientForm(StrictModel):
    """What the browser sends from the form (any value may be anything)."""

    name: Any = None
    cpr: Any = None
    cpr_clear: Any = None
    consent: Any = None
    map_date: Any = None


def _date(value: Any, lang: Lang) -> tuple[date | None, str | None]:
    if value in (None, ""):
        return None, None
    try:
        return _DATE.validate_python(value), None
    except ValidationError:
        shown = value if isinstance(value, str) and len(value) <= 40 else "…"
        return None, t("app.patient.bad_date", lang, value=shown)


def check_patient_form(
    form: PatientForm, current: Patient, lang: Lang
) -> tuple[UpdatePatientDetails | None, dict[str, str]]:
    """The edit the form asks for, or the error for each field that is wrong.

    An empty CPR field keeps the stored number; the delete box removes it.

    >>> p = Patient(name="Test Testesen", cpr="010190-1234")
    >>> op, errors = check_patient_form(PatientForm(name="Ny", cpr=""), p, "en")
    >>> op.patient.name, op.patient.cpr, errors
    ('Ny', '010190-1234', {})
    >>> op, errors = check_patient_form(PatientForm(name="", consent="2026-13-01"), p, "en")
    >>> op is None, sorted(errors)
    (True, ['consent', 'name'])
    """
    errors: dict[str, str] = {}
    name = form.name if isinstance(form.name, str) else None
    try:
        Patient.model_validate({"name": name})
    except ValidationError as exc:
        errors["name"] = invalid_input(exc).message(lang)
    typed = form.cpr.strip() if isinstance(form.cpr, str) else ""
    clear = form.cpr_clear == ["clear"]
    cpr = None if clear else (typed or current.cpr)
    if typed and not clear:
        try:
            cpr = Patient(name="x", cpr=typed).cpr
        except ValidationError as exc:
            errors["cpr"] = invalid_input(exc).message(lang)
    consent, problem = _date(form.consent, lang)
    if problem:
        errors["consent"] = problem
    map_date, problem = _date(form.map_date, lang)
    if problem:
        errors["map_date"] = problem
    if errors:
        return None, errors
    try:
        op = UpdatePatientDetails(
            patient=UpdatePatient.model_validate({"name": name, "cpr": cpr}),
            consent_given_on=consent,
            map_date=map_date,
        )
    except ValidationError as exc:
        return None, {"name": invalid_input(exc).message(lang)}
    return op, {}


_FIELDS = PATIENT_FIELDS
_GOOD = "save-status"
_BAD = "save-status field-error"


def register_patient_form(app: dash.Dash, store: MapStore) -> None:
    """Save the patient form; keep the heading and the form in step with the map."""
    callbacks.register(app, Page(app=app, store=store, order=edit_order_of(app)))


callbacks = Callbacks()


@callbacks.callback(
    *SAVED_OUTPUTS,
    *[Output(f"patient-{f}-error", "children") for f in _FIELDS],
    Output("patient-status", "children"),
    Output("patient-status", "className"),
    Output("patient-cpr", "value"),
    Output("map-view", "data", allow_duplicate=True),
    Input("patient-save", "n_clicks"),
    Input("patient-name-input", "n_submit"),
    Input("patient-cpr", "n_submit"),
    State("patient-name-input", "value"),
    State("patient-cpr", "value"),
    State("patient-cpr-clear", "value"),
    State("patient-consent", "value"),
    State("patient-map_date", "value"),
    *SAVE_STATES,
    prevent_initial_call=True,
)
def on_patient_save(
    page: Page,
    _clicks: Any,
    _submit_name: Any,
    _submit_cpr: Any,
    name: Any,
    cpr: Any,
    cpr_clear: Any,
    consent: Any,
    map_date: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    if not user_action(ctx.triggered):
        raise dash.exceptions.PreventUpdate
    lang = tab_lang(page.app, lang_data)
    keep = dash.no_update
    try:
        state = parse(MapState, state_data)
        current = page.store.load(state.map_id, state.version).map
        form = PatientForm(
            name=name, cpr=cpr, cpr_clear=cpr_clear, consent=consent, map_date=map_date
        )
    except NetmapError as exc:
        message = exc.message(lang)
        return (keep, keep, keep, message, "", "", "", message, _BAD, keep, keep)
    op, errors = check_patient_form(form, current.patient, lang)
    if op is None:
        texts = [errors.get(f, "") for f in _FIELDS]
        return (keep, keep, keep, *texts, t("app.patient.not_saved", lang), _BAD, keep, keep)
    outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    if outcome.saved:
        status = t("app.patient.saved", lang)
        notice = {"kind": "ok", "text": status}
        return (
            *(outcome.state, notice, outcome.history),
            *("", "", "", "", status, _GOOD, ""),
            outcome.state,
        )
    if not isinstance(outcome.notice, dict):
        # Nothing changed: nothing to save, the form already shows the map.
        status = t("app.patient.saved", lang)
        return (keep, keep, keep, "", "", "", "", status, _GOOD, "", keep)
    status = outcome.notice["text"]
    return (
        *(outcome.state, outcome.notice, outcome.history),
        *("", "", "", "", status, _BAD, keep),
        outcome.state,
    )


@callbacks.callback(
    Output("patient-name", "children"),
    Output("patient-cpr-shown", "children"),
    Output("patient-name-input", "value"),
    Output("patient-consent", "value"),
    Output("patient-map_date", "value"),
    Output("patient-cpr", "placeholder"),
    Output("patient-cpr-clear", "style"),
    Output("patient-cpr-clear", "value"),
    Input("map-view", "data"),
    State("lang", "data"),
    State("map-state", "data"),  # the newest version (a drop writes map-state only)
    prevent_initial_call=True,
)
def show_patient(page: Page, _view: Any, lang_data: Any, state_data: Any) -> Any:
    # After any save, undo or redo: the heading and the form show the map's values.
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        network_map = page.store.load(state.map_id, state.version).map
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    patient = network_map.patient
    return (
        patient.name,
        t("app.editor.cpr", lang, cpr=patient.masked_cpr) if patient.cpr else "",
        patient.name,
        network_map.consent_given_on.isoformat() if network_map.consent_given_on else "",
        network_map.map_date.isoformat() if network_map.map_date else "",
        patient.masked_cpr if patient.cpr else "DDMMÅÅ-XXXX",
        {} if patient.cpr else {"display": "none"},
        [],
    )
