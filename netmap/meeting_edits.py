"""The rules of editing a map's meetings: pure functions, map in, new map out.

The edits a user makes (:class:`~netmap.editing.AddMeeting`,
:class:`~netmap.editing.RecordMeeting` …, part of
:data:`netmap.editing.EditOp`) call these. Each raises a
:class:`~netmap.errors.NetmapError` that names the field, the value and what
is allowed, and changes nothing in place.

Appointing a stafetholder or a forløbskoordinator at a meeting (seed 000,
"Afslutning af mødet"; seed 002, "Stafetholder": *"En fagperson fra hver
sektor"*) also sets the team role on that person, and takes it from whoever
held it in the same sector of care before: one holder per role and sector.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from netmap.errors import NetmapError, invalid_input
from netmap.i18n import DEFAULT_LANG, Lang, catalogue, t
from netmap.meetings import Agreement, AgreementStatus, Meeting
from netmap.model import CareSector, NetworkMap, Person, TeamRole

__all__ = [
    "APPOINTMENTS",
    "NotAppointable",
    "UnknownPerson",
    "add_agreement",
    "add_meeting",
    "follow_up_agreement",
    "mark_ready",
    "meeting_or_error",
    "record_meeting",
    "remove_meeting",
]


#: Each appointment field: the team role and the sector of care it is for.
APPOINTMENTS: dict[str, tuple[TeamRole, CareSector]] = {
    "stafetholder_region": (TeamRole.STAFETHOLDER, CareSector.REGION),
    "stafetholder_municipality": (TeamRole.STAFETHOLDER, CareSector.MUNICIPALITY),
    "coordinator_region": (TeamRole.COORDINATOR, CareSector.REGION),
    "coordinator_municipality": (TeamRole.COORDINATOR, CareSector.MUNICIPALITY),
}


def _rebuilt(network_map: NetworkMap, **changes: Any) -> NetworkMap:
    """The map with ``changes``, its map-wide checks run again."""
    fields = {name: getattr(network_map, name) for name in NetworkMap.model_fields}
    fields.update(changes)
    try:
        return NetworkMap.model_validate(fields)
    except ValidationError as exc:
        raise invalid_input(exc) from None


def meeting_or_error(network_map: NetworkMap, meeting_id: str) -> Meeting:
    try:
        return network_map.meeting(meeting_id)
    except KeyError:
        # Each meeting with its date, written in the reader's language.
        known = [(m.id, m.date) for m in network_map.meetings]
        raise NetmapError("meetings.meeting_not_found", id=meeting_id, known=known) from None


def _with_meeting(network_map: NetworkMap, meeting: Meeting, **changes: Any) -> NetworkMap:
    """The map with ``meeting`` (same id) replaced by a copy with ``changes``, validated."""
    data = {**meeting.model_dump(), **changes}
    try:
        updated = Meeting.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, where=meeting.id) from None
    meetings = [updated if m.id == meeting.id else m for m in network_map.meetings]
    return _rebuilt(network_map, meetings=meetings)


def _next_id(prefix: str, taken: set[str]) -> str:
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


class UnknownPerson(NetmapError):
    """An id given for a meeting field that is neither a person on the map nor the patient."""

    def __init__(self, field: str, person_id: str, patient_id: str | None = None) -> None:
        self.field = field
        if patient_id is None:  # an appointment: only a professional will do
            super().__init__("meetings.unknown_professional", field=field, id=person_id)
        else:
            super().__init__(
                "meetings.unknown_person", field=field, id=person_id, patient=patient_id
            )

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        field = catalogue(lang).get(f"field.{self.field}", self.field)
        return t(self.key, lang, **{**self.params, "field": field})


def _check_on_map(network_map: NetworkMap, field: str, ids: tuple[str, ...]) -> None:
    known = {p.id for p in network_map.persons} | {network_map.patient.id}
    for person_id in ids:
        if person_id not in known:
            raise UnknownPerson(field, person_id, network_map.patient.id)


def _check_appointable(person: Person, field: str) -> None:
    role, care_sector = APPOINTMENTS[field]
    if person.is_professional and person.care_sector is care_sector:
        return
    if not person.is_professional:
        actual = ("meetings.actual_sector", {"sector": person.sector.value})
    elif person.care_sector is None:
        actual = ("meetings.actual_no_care_sector", {})
    else:
        actual = ("meetings.actual_care_sector", {"care_sector": person.care_sector.value})
    raise NotAppointable(person, role, care_sector, actual)


class NotAppointable(NetmapError):
    """A role for one sector of care given to someone who is not a professional there."""

    def __init__(
        self,
        person: Person,
        role: TeamRole,
        care_sector: CareSector,
        actual: tuple[str, dict[str, str]],
    ) -> None:
        self.person = person
        self.role = role
        self.care_sector = care_sector
        self.actual = actual
        super().__init__(
            "meetings.not_appointable",
            name=person.name,
            id=person.id,
            role=role.value,
            care_sector=care_sector.value,
        )

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        key, params = self.actual
        shown = {
            k: t(f"sector.{v}", lang) if k == "sector" else t(f"care_sector.{v}", lang)
            for k, v in params.items()
        }
        return t(
            self.key,
            lang,
            name=self.person.name,
            id=self.person.id,
            role=t(f"team_role.{self.role.value}", lang).lower(),
            care_sector=t(f"care_sector.{self.care_sector.value}", lang),
            actual=t(key, lang, **shown),
        )


def add_meeting(network_map: NetworkMap, meeting_id: str | None, **plan: Any) -> NetworkMap:
    """The map with a new meeting (``plan``: date, time, meeting_kind, place, purpose)."""
    meeting_id = meeting_id or _next_id("m", {m.id for m in network_map.meetings})
    data = {k: v for k, v in plan.items() if v is not None}
    try:
        meeting = Meeting.model_validate({"id": meeting_id, **data})
    except ValidationError as exc:
        raise invalid_input(exc) from None
    return _rebuilt(network_map, meetings=[*network_map.meetings, meeting])


def remove_meeting(network_map: NetworkMap, meeting_id: str) -> NetworkMap:
    """The map without the meeting (one added by mistake)."""
    meeting_or_error(network_map, meeting_id)
    return _rebuilt(network_map, meetings=[m for m in network_map.meetings if m.id != meeting_id])


def mark_ready(network_map: NetworkMap, meeting_id: str, version: int) -> NetworkMap:
    """Mark "the map is ready for the meeting": ``version`` is the one prepared with."""
    meeting = meeting_or_error(network_map, meeting_id)
    if meeting.held:
        raise NetmapError("meetings.already_held", id=meeting.id, date=meeting.date)
    return _with_meeting(network_map, meeting, prepared_with=version)


def record_meeting(
    network_map: NetworkMap,
    meeting_id: str,
    *,
    attended: tuple[str, ...] | None = None,
    apologies: tuple[str, ...] | None = None,
    appointed: dict[str, str] | None = None,
    next_meeting: dt.date | None = None,
) -> NetworkMap:
    """After the meeting: only what is given is changed; the meeting is then held.

    ``appointed`` maps fields of :data:`APPOINTMENTS` to person ids; each sets
    the team role on that person (see the module docstring).
    """
    meeting = meeting_or_error(network_map, meeting_id)
    changes: dict[str, Any] = {"held": True}
    for field, ids in (("attended", attended), ("apologies", apologies)):
        if ids is not None:
            _check_on_map(network_map, field, ids)
            changes[field] = ids
    if next_meeting is not None:
        changes["next_meeting"] = next_meeting
    appointed = appointed or {}
    persons = list(network_map.persons)
    for field, person_id in appointed.items():
        persons = _appoint(persons, field, person_id)
    if appointed:
        changes["appointed"] = meeting.appointed.model_copy(update=appointed)
    updated = _with_meeting(network_map, meeting, **changes)
    return _rebuilt(updated, persons=persons) if appointed else updated


def add_agreement(
    network_map: NetworkMap,
    meeting_id: str,
    agreement_id: str | None,
    *,
    who: str,
    what: str,
    by: dt.date | None = None,
) -> NetworkMap:
    """One more line on the meeting's aftaleark."""
    meeting = meeting_or_error(network_map, meeting_id)
    _check_on_map(network_map, "who", (who,))
    agreement_id = agreement_id or _next_id("a", {a.id for a in meeting.agreements})
    try:
        agreement = Agreement(id=agreement_id, who=who, what=what, by=by)
    except ValidationError as exc:
        raise invalid_input(exc, where=meeting.id) from None
    return _with_meeting(network_map, meeting, agreements=(*meeting.agreements, agreement))


def follow_up_agreement(
    network_map: NetworkMap, meeting_id: str, agreement_id: str, status: AgreementStatus | None
) -> NetworkMap:
    """Done, not done or carried over, as asked at the next meeting (None: not asked yet)."""
    meeting = meeting_or_error(network_map, meeting_id)
    if agreement_id not in {a.id for a in meeting.agreements}:
        known = ", ".join(a.id for a in meeting.agreements) or "–"
        raise NetmapError(
            "meetings.agreement_not_found", id=agreement_id, meeting=meeting.id, known=known
        )
    agreements = tuple(
        a.model_copy(update={"follow_up": status}) if a.id == agreement_id else a
        for a in meeting.agreements
    )
    return _with_meeting(network_map, meeting, agreements=agreements)


def _appoint(persons: list[Person], field: str, person_id: str) -> list[Person]:
    role, care_sector = APPOINTMENTS[field]
    by_id = {p.id: p for p in persons}
    if person_id not in by_id:
        raise UnknownPerson(field, person_id)
    _check_appointable(by_id[person_id], field)
    updated = []
    for person in persons:
        roles = set(person.team_roles)
        if person.id == person_id:
            roles.add(role)
        elif person.is_professional and person.care_sector is care_sector:
            # One holder per role and sector of care: the role moves.
            roles.discard(role)
        if roles != set(person.team_roles):
            person = person.model_copy(update={"team_roles": _ordered(roles)})
        updated.append(person)
    return updated


def _ordered(roles: set[TeamRole]) -> tuple[TeamRole, ...]:
    order = list(TeamRole)
    return tuple(sorted(roles, key=order.index))
