"""The patient form on the editor page: name, CPR number, consent and map date.

The fields are checked one by one with the model (so each error appears under
its own field, in the user's language) and, only when all are valid, saved as
one edit through :func:`netmap.app.editor.callbacks.commit`, with the same
version check (a stale tab gets the conflict notice) and undo as every other
edit. On any error nothing is saved.

The CPR number never travels to the browser in full: the field starts empty
and an empty field keeps the stored number (deleting it is a separate box).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
from dash import Input, Output, State
from pydantic import Field, StrictBool, TypeAdapter, ValidationError

from netmap.app.editor.layout import PATIENT_FIELDS, patient_parts
from netmap.app.feedback import ERROR_CLASS, FormFeedback, field_messages
from netmap.app.lang import tab_lang
from netmap.app.regions import update
from netmap.app.saving import SAVE_STATES, SAVED_OUTPUTS, Outcome, commit, edit_order_of
from netmap.app.state import MapState, parse
from netmap.app.wiring import Callbacks, Page
from netmap.editing import UpdatePatient, UpdatePatientDetails
from netmap.errors import NetmapError, invalid_input
from netmap.i18n import Lang, t
from netmap.model import Patient, StrictModel
from netmap.store import MapStore

__all__ = [
    "PatientForm",
    "PatientSubmit",
    "check_patient_form",
    "patient_feedback",
    "patient_outputs",
    "register_patient_form",
]

_DATE: TypeAdapter[date] = TypeAdapter(date)


class PatientForm(StrictModel):
    """What the browser sends from the form (any value may be anything)."""

    name: Any = None
    cpr: Any = None
    cpr_clear: Any = None
    consent: Any = None
    map_date: Any = None
    #: The browser's word that a date field holds a date typed only in part
    #: (its value then reads as empty): ``True``, or anything else for no.
    consent_incomplete: Any = None
    map_date_incomplete: Any = None


class PatientSubmit(StrictModel):
    """What the browser sends when the form is sent (netmap's clientside script below)."""

    seq: int = Field(ge=0)
    consent_incomplete: StrictBool
    map_date_incomplete: StrictBool


def _date(value: Any, lang: Lang, incomplete: bool = False) -> tuple[date | None, str | None]:
    if incomplete:
        # Empty to the page, but not to the user: nothing is saved, not even "no date".
        return None, t("app.patient.incomplete_date", lang)
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

    A date typed only in part (the browser reads it as empty) is no date to save:

    >>> op, errors = check_patient_form(PatientForm(name="Ny", map_date_incomplete=True), p, "en")
    >>> op is None, sorted(errors)
    (True, ['map_date'])
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
    consent, problem = _date(form.consent, lang, form.consent_incomplete is True)
    if problem:
        errors["consent"] = problem
    map_date, problem = _date(form.map_date, lang, form.map_date_incomplete is True)
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


def patient_feedback(errors: dict[str, str], outcome: Outcome | None, lang: Lang) -> FormFeedback:
    """What the form shows: each field's error, and the line beside "Gem".

    It says the patient's details are saved only when they are: after a
    save, or when the map holds them already (nothing new). A field with an
    error (``errors``), a refused save or a conflict say that nothing is saved.

    >>> patient_feedback({"map_date": "Halv dato"}, None, "en").status
    'Nothing was saved. Correct the field with the error.'
    >>> fb = patient_feedback({}, Outcome(None, None, None, saved=True), "en")
    >>> fb.ok, fb.status
    (True, "The patient's details are saved.")
    """
    empty = dict.fromkeys(_FIELDS, "")
    if errors:
        return FormFeedback({**empty, **errors}, t("app.patient.not_saved", lang), ok=False)
    if outcome is not None and outcome.error is not None:
        by_field, rest = field_messages(outcome.error, ("name", "cpr"), lang)
        status = " ".join(rest) or t("app.patient.not_saved", lang)
        return FormFeedback({**empty, **by_field}, status, ok=False)
    if outcome is not None and outcome.conflict:
        return FormFeedback(empty, t("app.edit.not_saved", lang), ok=False)
    return FormFeedback(empty, t("app.patient.saved", lang), ok=True)


# Sending the form first asks the date fields whether they hold a date typed
# only in part: such a field's value reads as empty, and an empty date would
# otherwise be saved as "no date" with "Patientens oplysninger er gemt.".
callbacks_js = """
function(_clicks, _submitName, _submitCpr) {
  var trig = (window.dash_clientside.callback_context.triggered || [])[0];
  if (!trig || typeof trig.value !== "number" || trig.value < 1) {
    return window.dash_clientside.no_update;
  }
  function partial(id) {
    var field = document.getElementById(id);
    return !!(field && field.validity && field.validity.badInput);
  }
  return {
    seq: Date.now(),
    consent_incomplete: partial("patient-consent"),
    map_date_incomplete: partial("patient-map_date")
  };
}
"""


def register_patient_form(app: dash.Dash, store: MapStore) -> None:
    """Save the patient form; keep the heading and the form in step with the map."""
    callbacks.register(app, Page(app=app, store=store, order=edit_order_of(app)))


callbacks = Callbacks()
callbacks.clientside(
    callbacks_js,
    Output("patient-submit", "data"),
    Input("patient-save", "n_clicks"),
    Input("patient-name-input", "n_submit"),
    Input("patient-cpr", "n_submit"),
    prevent_initial_call=True,
)


@callbacks.callback(
    *SAVED_OUTPUTS,
    *[Output(f"patient-{f}-error", "children") for f in _FIELDS],
    Output("patient-status", "children"),
    Output("patient-status", "className"),
    Output("patient-cpr", "value"),
    Output("map-view", "data", allow_duplicate=True),
    Input("patient-submit", "data"),
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
    submit: Any,
    name: Any,
    cpr: Any,
    cpr_clear: Any,
    consent: Any,
    map_date: Any,
    state_data: Any,
    history_data: Any,
    lang_data: Any,
) -> Any:
    try:
        sent = parse(PatientSubmit, submit)
    except NetmapError:
        # No click of the page's own (or a forged one): nothing to do.
        raise dash.exceptions.PreventUpdate from None
    lang = tab_lang(page.app, lang_data)
    keep = dash.no_update
    try:
        state = parse(MapState, state_data)
        current = page.store.load(state.map_id, state.version).map
        form = PatientForm(
            name=name,
            cpr=cpr,
            cpr_clear=cpr_clear,
            consent=consent,
            map_date=map_date,
            consent_incomplete=sent.consent_incomplete,
            map_date_incomplete=sent.map_date_incomplete,
        )
    except NetmapError as exc:
        message = exc.message(lang)
        return (keep, keep, keep, message, "", "", "", message, ERROR_CLASS, keep, keep)
    op, errors = check_patient_form(form, current.patient, lang)
    outcome = None
    if op is not None:
        outcome = commit(page.store, state_data, history_data, op, lang, order=page.order)
    shown = patient_feedback(errors, outcome, lang)
    lines = [shown.errors[f] for f in _FIELDS]
    if outcome is None or not (outcome.saved or outcome.conflict):
        # Refused before saving, or nothing new: the map and its notice stay.
        cpr_value = "" if shown.ok else keep
        return (keep, keep, keep, *lines, shown.status, shown.status_class, cpr_value, keep)
    notice = {"kind": "ok", "text": shown.status} if outcome.saved else outcome.notice
    return (
        *(outcome.state, notice, outcome.history),
        *(*lines, shown.status, shown.status_class, "" if outcome.saved else keep),
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
    Output("patient-drawn", "data"),
    Input("map-view", "data"),
    State("lang", "data"),
    State("map-state", "data"),  # the newest version (a drop writes map-state only)
    State("patient-drawn", "data"),
    prevent_initial_call=True,
)
def show_patient(page: Page, _view: Any, lang_data: Any, state_data: Any, drawn: Any) -> Any:
    # After any save, undo or redo: the heading and the form show the map's
    # values, only the parts that changed (a field being typed in stays).
    lang = tab_lang(page.app, lang_data)
    try:
        state = parse(MapState, state_data)
        network_map = page.store.load(state.map_id, state.version).map
    except NetmapError:
        raise dash.exceptions.PreventUpdate from None
    shown = update(patient_parts(network_map, lang), drawn)
    if not shown.send:
        raise dash.exceptions.PreventUpdate
    return (*patient_outputs(shown.send), shown.drawn)


def patient_outputs(sent: dict[str, Any]) -> list[Any]:
    """``show_patient``'s outputs for the patient parts ``sent`` (the rest unchanged).

    The CPR part sets the field's hint and the "remove" box (shown, and
    unticked: the number it would remove changed).

    >>> patient_outputs({"name": "Testa"})[2], patient_outputs({"cpr": None})[5:]
    ('Testa', ['DDMMÅÅ-XXXX', {'display': 'none'}, []])
    """
    keep = dash.no_update
    heading = sent.get("heading", [keep, keep])
    cpr: list[Any] = [keep, keep, keep]
    if "cpr" in sent:
        masked = sent["cpr"]
        cpr = [masked or "DDMMÅÅ-XXXX", {} if masked else {"display": "none"}, []]
    return [
        *heading,
        sent.get("name", keep),
        sent.get("consent", keep),
        sent.get("map_date", keep),
        *cpr,
    ]
