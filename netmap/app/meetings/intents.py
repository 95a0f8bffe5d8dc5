"""What the meetings page's forms ask for: the browser's values → one meeting edit, or errors.

Pure functions, no Dash: each takes the raw values the browser sent (any of
them may be anything) and the map the tab sees, and returns the
:data:`~netmap.editing.EditOp` to save or, per field, the message to show
next to it (in the user's language; nothing is saved then). The edit is also
tried on the map here, so a rule of :mod:`netmap.meeting_edits` that refuses
it (a stafetholder who is not a professional of that sector, …) is shown at
its field too, not only as a notice.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from netmap.editing import (
    AddAgreement,
    AddMeeting,
    EditOp,
    FollowUpAgreement,
    MarkMeetingReady,
    RecordMeeting,
    RemoveMeeting,
    SetAnswer,
)
from netmap.errors import NetmapError, describe_problem, problems_from
from netmap.i18n import Lang, t
from netmap.meeting_edits import APPOINTMENTS, NotAppointable, UnknownPerson
from netmap.model import NetworkMap

__all__ = [
    "ADD_FIELDS",
    "AGREEMENT_FIELDS",
    "RECORD_FIELDS",
    "Checked",
    "add_agreement_intent",
    "add_meeting_intent",
    "answer_intent",
    "follow_up_intent",
    "ready_intent",
    "record_intent",
    "remove_intent",
]

#: The fields of each form, in the order their error slots are drawn.
ADD_FIELDS = ("date", "time", "meeting_kind", "place", "purpose")
RECORD_FIELDS = ("attended", "apologies", *APPOINTMENTS, "next_meeting")
AGREEMENT_FIELDS = ("who", "what", "by")

#: An edit to save, or the message for each field that is wrong (one of the two).
Checked = tuple[EditOp | None, dict[str, str]]


def _text(value: Any) -> str | None:
    """A text field's value: stripped, or None when empty or not text."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _ids(value: Any) -> tuple[Any, ...]:
    """A checklist's value as a tuple (anything but a list is nothing ticked)."""
    return tuple(value) if isinstance(value, list) else ()


def _errors(exc: ValidationError, fields: tuple[str, ...], lang: Lang) -> dict[str, str]:
    """One message per field of the form (a problem outside the form goes to the first)."""
    found: dict[str, str] = {}
    for problem in problems_from(exc):
        field = problem.field if problem.field in fields else fields[0]
        found.setdefault(field, describe_problem(problem, lang))
    return found


def _tried(op: EditOp, network_map: NetworkMap, fields: tuple[str, ...], lang: Lang) -> Checked:
    """``op`` if the map takes it, else its refusal at the field it is about."""
    try:
        op.apply(network_map)
    except (UnknownPerson, NotAppointable) as exc:
        field = exc.field if isinstance(exc, UnknownPerson) else _appointment_field(exc)
        return None, {field if field in fields else fields[0]: exc.message(lang)}
    except NetmapError as exc:
        return None, {fields[0]: exc.message(lang)}
    return op, {}


def _appointment_field(exc: NotAppointable) -> str:
    for field, (role, care_sector) in APPOINTMENTS.items():
        if role is exc.role and care_sector is exc.care_sector:
            return field
    return "attended"


def add_meeting_intent(network_map: NetworkMap, values: dict[str, Any], lang: Lang) -> Checked:
    """The add form (date, time, meeting_kind, place, purpose) → ``AddMeeting``.

    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="P"))
    >>> op, errors = add_meeting_intent(m, {"date": "2026-12-10", "time": "14:00",
    ...     "meeting_kind": "network_meeting", "place": " Jobcentret "}, "da")
    >>> op.date.isoformat(), op.place, errors
    ('2026-12-10', 'Jobcentret', {})
    >>> add_meeting_intent(m, {"date": "", "meeting_kind": "network_meeting"}, "da")[1]
    {'date': 'Skriv mødets dato.'}
    """
    data = {f: _text(values.get(f)) for f in ADD_FIELDS}
    if data["date"] is None:
        return None, {"date": t("meetings_app.error.date_missing", lang)}
    try:
        op = AddMeeting.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        return None, _errors(exc, ADD_FIELDS, lang)
    return _tried(op, network_map, ADD_FIELDS, lang)


def record_intent(
    network_map: NetworkMap, meeting_id: str, values: dict[str, Any], lang: Lang
) -> Checked:
    """The outcome form → ``RecordMeeting`` (an empty appointment changes no role).

    >>> import datetime as dt
    >>> from netmap.meetings import Meeting
    >>> from netmap.model import Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"), persons=[
    ...     Person(id="mor", name="Mor", sector="family", distance=0.2)],
    ...     meetings=[Meeting(id="m1", date=dt.date(2026, 12, 10))])
    >>> op, errors = record_intent(m, "m1", {"attended": ["p0"], "apologies": ["mor"]}, "en")
    >>> op.attended, op.apologies, errors
    (('p0',), ('mor',), {})
    >>> record_intent(m, "m1", {"stafetholder_region": "mor"}, "da")[1]["stafetholder_region"][:40]
    'Mor (mor) kan ikke udpeges som stafethol'
    """
    attended, apologies = _ids(values.get("attended")), _ids(values.get("apologies"))
    both = [i for i in attended if i in apologies]
    if both:
        names = ", ".join(_name(network_map, i) for i in both)
        return None, {"apologies": t("meetings_app.error.both", lang, names=names)}
    data: dict[str, Any] = {
        "meeting": meeting_id,
        "attended": attended,
        "apologies": apologies,
        "next_meeting": _text(values.get("next_meeting")),
    }
    for field in APPOINTMENTS:
        data[field] = _text(values.get(field))
    try:
        op = RecordMeeting.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        return None, _errors(exc, RECORD_FIELDS, lang)
    return _tried(op, network_map, RECORD_FIELDS, lang)


def add_agreement_intent(
    network_map: NetworkMap, meeting_id: str, values: dict[str, Any], lang: Lang
) -> Checked:
    """The agreement form (who, what, by) → ``AddAgreement``.

    >>> import datetime as dt
    >>> from netmap.meetings import Meeting
    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"),
    ...     meetings=[Meeting(id="m1", date=dt.date(2026, 12, 10))])
    >>> add_agreement_intent(m, "m1", {"who": "p0", "what": " "}, "da")[1]
    {'what': 'Skriv, hvad der er aftalt.'}
    """
    who, what = _text(values.get("who")), _text(values.get("what"))
    errors: dict[str, str] = {}
    if who is None:
        errors["who"] = t("meetings_app.error.who_missing", lang)
    if what is None:
        errors["what"] = t("meetings_app.error.what_missing", lang)
    if errors:
        return None, errors
    data = {"meeting": meeting_id, "who": who, "what": what, "by": _text(values.get("by"))}
    try:
        op = AddAgreement.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        return None, _errors(exc, AGREEMENT_FIELDS, lang)
    return _tried(op, network_map, AGREEMENT_FIELDS, lang)


def _name(network_map: NetworkMap, person_id: str) -> str:
    if person_id == network_map.patient.id:
        return network_map.patient.name
    try:
        return network_map.person(person_id).name
    except KeyError:
        return str(person_id)


def _single(op_type: Any, data: dict[str, Any], network_map: NetworkMap, lang: Lang) -> Checked:
    try:
        op = op_type.model_validate(data)
    except ValidationError as exc:
        return None, _errors(exc, ("form",), lang)
    return _tried(op, network_map, ("form",), lang)


def follow_up_intent(
    network_map: NetworkMap, meeting_id: Any, agreement_id: Any, status: Any, lang: Lang
) -> Checked:
    """Done / not done / carried over for one agreement of the last meeting."""
    data = {"meeting": meeting_id, "agreement": agreement_id, "status": status}
    return _single(FollowUpAgreement, data, network_map, lang)


def ready_intent(network_map: NetworkMap, meeting_id: Any, version: int, lang: Lang) -> Checked:
    """ "The map is ready for the meeting": the version the tab sees is the one prepared."""
    data = {"meeting": meeting_id, "version": version}
    return _single(MarkMeetingReady, data, network_map, lang)


def remove_intent(network_map: NetworkMap, meeting_id: Any, lang: Lang) -> Checked:
    return _single(RemoveMeeting, {"meeting": meeting_id}, network_map, lang)


def answer_intent(
    network_map: NetworkMap, person_id: Any, question: int, answer: Any, lang: Lang
) -> Checked:
    """A guiding question answered again in the preparation (None: already so)."""
    data = {"id": person_id, "question": question, "answer": answer}
    op, errors = _single(SetAnswer, data, network_map, lang)
    if op is not None and op.apply(network_map) == network_map:
        return None, {}
    return op, errors
