"""Edits a user makes to a map, as small validated operations.

The app never lets a client send a whole map. A click, a drop or a form
becomes one of the operations below (a strict pydantic model, parsed with
:func:`parse_edit`), and ``op.apply(map)`` returns the new map or raises a
:class:`~netmap.errors.NetmapError` that says what is wrong. Nothing is
changed in place: the caller saves the returned map as a new version.

The guiding questions 2–4 (DOMAIN.md; seed 001, appendix "Netværket i
Patientens team") are answered per person with :class:`SetAnswer` or, when
the pair taps a person on the map, :class:`CycleAnswer`.
"""

from __future__ import annotations

import re
import unicodedata
from abc import abstractmethod
from datetime import date
from datetime import time as dt_time
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from netmap import meeting_edits
from netmap.errors import NetmapError, invalid_input
from netmap.fields import Name
from netmap.geometry import placement_at
from netmap.meetings import AgreementStatus, MeetingId, MeetingKind
from netmap.model import (
    Attendance,
    Band,
    CareSector,
    Consent,
    NetworkMap,
    Patient,
    Person,
    PersonId,
    Sector,
    StrictModel,
    TeamRole,
    Tie,
    distance_in_band,
)

__all__ = [
    "ANSWER_FIELDS",
    "AddAgreement",
    "AddMeeting",
    "AddPerson",
    "Answer",
    "CycleAnswer",
    "DropPerson",
    "Edit",
    "EditOp",
    "FollowUpAgreement",
    "MarkMeetingReady",
    "MovePerson",
    "PersonChanges",
    "Question",
    "RecordConsent",
    "RecordMeeting",
    "RemoveMeeting",
    "RemovePerson",
    "SetAnswer",
    "ToggleTie",
    "UpdatePatient",
    "UpdatePatientDetails",
    "UpdatePerson",
    "WithdrawConsent",
    "answer_of",
    "answer_value",
    "new_person_id",
    "parse_edit",
]


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


#: Optional free text from a form; "" means empty. Lengths, phone numbers and
#: e-mail addresses are checked by :class:`~netmap.model.Person` itself.
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]

#: Drop points are in map units (outer ring = 1); anything far beyond is junk.
_MAX_COORDINATE = 100.0

Question = Literal[2, 3, 4]
Answer = Literal["yes", "no", "unknown"]
#: The person field that holds the answer to each question.
ANSWER_FIELDS: dict[int, str] = {2: "knows_how_i_am", 3: "can_help", 4: "attends_meetings"}
#: Tapping a person cycles through the answers in this order.
_CYCLE: dict[str, Answer] = {"unknown": "yes", "yes": "no", "no": "unknown"}


def _person_or_error(network_map: NetworkMap, person_id: str) -> Person:
    try:
        return network_map.person(person_id)
    except KeyError:
        raise NetmapError("editing.person_not_found", id=person_id) from None


def _with_persons(network_map: NetworkMap, persons: list[Person], ties: list[Tie]) -> NetworkMap:
    # Every other field (consent, dates, meetings …) is carried over as it is.
    fields = {name: getattr(network_map, name) for name in NetworkMap.model_fields}
    try:
        return NetworkMap.model_validate({**fields, "persons": persons, "ties": ties})
    except ValidationError as exc:
        raise invalid_input(exc) from None


def _replace(network_map: NetworkMap, person: Person) -> NetworkMap:
    persons = [person if p.id == person.id else p for p in network_map.persons]
    if person.primary_contact:
        # One primary contact per map: naming a new one moves the mark.
        persons = [
            p.model_copy(update={"primary_contact": False})
            if p.primary_contact and p.id != person.id
            else p
            for p in persons
        ]
    return _with_persons(network_map, persons, list(network_map.ties))


def _validated_person(data: dict[str, Any], where: str) -> Person:
    # An optional field left out is None; passing None explicitly trips the
    # length constraint on ``str | None`` fields in the model (a TypeError).
    data = {k: v for k, v in data.items() if v is not None and v != ""}
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, where=where) from None


_SLUG_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss"})


def new_person_id(network_map: NetworkMap, name: str) -> str:
    """A readable id for a new person, unique on the map.

    >>> m = NetworkMap(patient=Patient(name="Testa"))
    >>> new_person_id(m, "Søren Ærø")
    'soeren-aeroe'
    >>> new_person_id(m, "<img src=x>")
    'img-src-x'
    """
    folded = unicodedata.normalize("NFKD", name.lower().translate(_SLUG_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:40] or "person"
    taken = {p.id for p in network_map.persons} | {network_map.patient.id}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def answer_of(person: Person, question: int) -> Answer:
    """A person's answer to question 2, 3 or 4 as yes / no / unknown.

    >>> answer_of(Person(id="a", name="A", sector="kin", distance=1, can_help=False), 3)
    'no'
    """
    value = getattr(person, ANSWER_FIELDS[question])
    if value is True or value is Attendance.YES:
        return "yes"
    if value is False or value is Attendance.NO:
        return "no"
    return "unknown"


def answer_value(question: int, answer: Answer) -> bool | Attendance | None:
    """The value a person's field holds for ``answer`` to question 2, 3 or 4.

    >>> answer_value(3, "unknown") is None, answer_value(4, "unknown")
    (True, <Attendance.UNDECIDED: 'undecided'>)
    """
    if question == 4:
        return {"yes": Attendance.YES, "no": Attendance.NO, "unknown": Attendance.UNDECIDED}[answer]
    return {"yes": True, "no": False, "unknown": None}[answer]


class Edit(StrictModel):
    """What every edit says about itself, besides how it changes a map.

    ``about()`` names what the edit is about (a person's fields, a person's
    place, one answer, a tie, the patient), and ``sets_outright`` whether it
    sets that to a value (a form sent whole, a drop: a newer one of the same
    subject holds everything an older one did) or changes it relative to what
    is there (a tap that cycles an answer, a tie toggled, a person added or
    removed). The edit service keeps a tab's edits of one subject that set
    it outright in the order the tab made them (:mod:`netmap.service`).
    """

    #: Whether the edit sets its subject to a value (True) or changes it
    #: relative to what is there (False).
    sets_outright: ClassVar[bool]
    #: A whole form sent at once: its notice is a plain "Gemt." (the form
    #: shows its own status), not a sentence about one change.
    from_form: ClassVar[bool] = False

    @abstractmethod
    def about(self) -> str:
        """What the edit is about, as a short key (``person:<id>``, ``patient`` …)."""

    @abstractmethod
    def apply(self, network_map: NetworkMap) -> NetworkMap:
        """The map after the edit; raises ``NetmapError`` for an edit that cannot be made."""


class AddPerson(Edit):
    """Question 1: a new person in their sector, as close as the patient says.

    How close is the patient's choice, never a default: either a ``band``
    (the add form's close / in between / further away, placed in the middle
    of the band by :func:`~netmap.model.distance_in_band`) or an exact
    ``distance`` (a drop, an import). Neither is refused: a professional
    left in the middle band by default would join the team unasked.

    >>> AddPerson(name="Ven", sector="leisure", band="distant").placed_at()
    0.8333333333333334
    >>> AddPerson(name="Ven", sector="leisure", distance=0.2).placed_at()
    0.2
    """

    sets_outright: ClassVar[bool] = False
    kind: Literal["add_person"] = "add_person"
    id: PersonId | None = None
    name: Name
    sector: Sector
    role: OptionalText = None
    band: Annotated[Band | None, BeforeValidator(_blank_to_none)] = None
    distance: float | None = Field(
        default=None, gt=0, le=1, allow_inf_nan=False, validate_default=True
    )

    @field_validator("distance", mode="after")
    @classmethod
    def _closeness_given(cls, distance: float | None, info: ValidationInfo) -> float | None:
        # A field validator (run also for the default: validate_default), so
        # a missing closeness is reported together with a missing name.
        if "band" not in info.data:
            return distance  # the band itself was wrong: that error says it
        band = info.data["band"]
        if band is None and distance is None:
            raise PydanticCustomError("netmap.closeness_missing", "say how close the person is", {})
        if band is not None and distance is not None:
            raise PydanticCustomError(
                "netmap.closeness_twice", "give a band or a distance, not both", {}
            )
        return distance

    def placed_at(self) -> float:
        """The new person's distance: the one given, or the middle of the band."""
        if self.distance is not None:
            return self.distance
        assert self.band is not None  # the validator above
        return distance_in_band(self.band)

    def about(self) -> str:
        return f"person:{self.id}" if self.id else "persons"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        person_id = self.id or new_person_id(network_map, self.name)
        person = _validated_person(
            {
                "id": person_id,
                "name": self.name,
                "sector": self.sector,
                "distance": self.placed_at(),
                "role": self.role,
            },
            where=self.name,
        )
        return _with_persons(network_map, [*network_map.persons, person], list(network_map.ties))


class PersonChanges(StrictModel):
    """The fields a form may change; only the fields sent are changed."""

    name: Name | None = None
    sector: Sector | None = None
    distance: float | None = Field(default=None, gt=0, le=1, allow_inf_nan=False)
    role: OptionalText = None
    organisation: OptionalText = None
    care_sector: Annotated[CareSector | None, BeforeValidator(_blank_to_none)] = None
    phone: OptionalText = None
    email: OptionalText = None
    helps_with: OptionalText = None
    knows_how_i_am: bool | None = None
    can_help: bool | None = None
    attends_meetings: Attendance | None = None
    team_roles: tuple[TeamRole, ...] | None = None
    primary_contact: bool | None = None
    #: None (sent explicitly) goes back to the default rule.
    share_with_team: bool | None = None

    #: Fields that cannot be emptied: sending None for them means "unchanged".
    _REQUIRED: ClassVar[frozenset[str]] = frozenset(
        {"name", "sector", "distance", "attends_meetings", "team_roles", "primary_contact"}
    )

    def updates(self) -> dict[str, Any]:
        given = self.model_dump(include=self.model_fields_set)
        return {k: v for k, v in given.items() if not (v is None and k in self._REQUIRED)}


class UpdatePerson(Edit):
    """The side panel: change any of a person's fields."""

    sets_outright: ClassVar[bool] = True
    from_form: ClassVar[bool] = True
    kind: Literal["update_person"] = "update_person"
    id: PersonId
    changes: PersonChanges

    def about(self) -> str:
        return f"person:{self.id}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        old = _person_or_error(network_map, self.id)
        updates = self.changes.updates()
        if "sector" in updates and updates["sector"] != old.sector:
            # The old angle lies in the old wedge: let the new sector spread it.
            updates.setdefault("angle", None)
        data = {**old.model_dump(), **updates}
        return _replace(network_map, _validated_person(data, where=old.name))


class MovePerson(Edit):
    """The keyboard and form alternative to dragging: sector and distance."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["move_person"] = "move_person"
    id: PersonId
    sector: Sector
    distance: float = Field(gt=0, le=1, allow_inf_nan=False)
    angle: float | None = Field(default=None, allow_inf_nan=False)

    def about(self) -> str:
        return f"place:{self.id}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        old = _person_or_error(network_map, self.id)
        angle = self.angle
        if angle is None and self.sector == old.sector:
            angle = old.angle
        data = {**old.model_dump(), "sector": self.sector, "distance": self.distance}
        data["angle"] = angle
        return _replace(network_map, _validated_person(data, where=old.name))


class DropPerson(Edit):
    """A person dropped at (x, y) on the map (y up, outer ring at radius 1)."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["drop_person"] = "drop_person"
    id: PersonId
    x: float = Field(ge=-_MAX_COORDINATE, le=_MAX_COORDINATE, allow_inf_nan=False)
    y: float = Field(ge=-_MAX_COORDINATE, le=_MAX_COORDINATE, allow_inf_nan=False)

    def about(self) -> str:
        return f"place:{self.id}"

    def as_move(self) -> MovePerson:
        sector, distance, angle = placement_at(self.x, self.y)
        return MovePerson(id=self.id, sector=sector, distance=distance, angle=angle)

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        return self.as_move().apply(network_map)


class RemovePerson(Edit):
    """Take a person off the map, with every tie they had."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["remove_person"] = "remove_person"
    id: PersonId

    def about(self) -> str:
        return f"person:{self.id}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        _person_or_error(network_map, self.id)
        persons = [p for p in network_map.persons if p.id != self.id]
        ties = [t for t in network_map.ties if self.id not in t.ends]
        return _with_persons(network_map, persons, ties)


class ToggleTie(Edit):
    """Draw a line between two persons, or take it away if it is there."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["toggle_tie"] = "toggle_tie"
    a: PersonId
    b: PersonId

    def about(self) -> str:
        return f"tie:{min(self.a, self.b)}:{max(self.a, self.b)}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        for person_id in (self.a, self.b):
            _person_or_error(network_map, person_id)
        try:
            tie = Tie(a=self.a, b=self.b)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        ties = [t for t in network_map.ties if t.ends != tie.ends]
        if len(ties) == len(network_map.ties):
            ties.append(tie)
        return _with_persons(network_map, list(network_map.persons), ties)


class SetAnswer(Edit):
    """Answer question 2, 3 or 4 for one person."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["set_answer"] = "set_answer"
    id: PersonId
    question: Question
    answer: Answer

    def about(self) -> str:
        return f"answer:{self.id}:{self.question}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        old = _person_or_error(network_map, self.id)
        field = ANSWER_FIELDS[self.question]
        person = old.model_copy(update={field: answer_value(self.question, self.answer)})
        return _replace(network_map, person)


class CycleAnswer(Edit):
    """A tap on a person in question 2–4: unknown → yes → no → unknown."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["cycle_answer"] = "cycle_answer"
    id: PersonId
    question: Question

    def about(self) -> str:
        return f"answer:{self.id}:{self.question}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        old = _person_or_error(network_map, self.id)
        answer = _CYCLE[answer_of(old, self.question)]
        return SetAnswer(id=self.id, question=self.question, answer=answer).apply(network_map)


class UpdatePatient(Edit):
    """The patient's name and CPR number (optional)."""

    sets_outright: ClassVar[bool] = True
    from_form: ClassVar[bool] = True
    kind: Literal["update_patient"] = "update_patient"
    name: Name
    cpr: str | None = None

    def about(self) -> str:
        return "patient"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        try:
            patient = Patient(id=network_map.patient.id, name=self.name, cpr=self.cpr)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        return network_map.model_copy(update={"patient": patient})


class UpdatePatientDetails(Edit):
    """The patient form: name and CPR (via :class:`UpdatePatient`) and the two dates."""

    sets_outright: ClassVar[bool] = True
    from_form: ClassVar[bool] = True
    kind: Literal["update_patient_details"] = "update_patient_details"
    patient: UpdatePatient
    consent_given_on: date | None = None
    map_date: date | None = None

    def about(self) -> str:
        return "patient"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        """The map with the new details; persons and ties are untouched."""
        renamed = self.patient.apply(network_map)
        # The form holds only the day consent was given: the same day keeps the
        # consent on record as it is (who recorded it, a withdrawal).
        consent = network_map.consent
        if self.consent_given_on is None:
            consent = None
        elif consent is None or consent.given_on != self.consent_given_on:
            consent = Consent(given_on=self.consent_given_on)
        return renamed.model_copy(update={"consent": consent, "map_date": self.map_date})


def _today(given: date | None) -> date:
    return date.today() if given is None else given


def _consent_error(problem: str, value: date, **params: Any) -> NetmapError:
    # The message names the field (given on / withdrawn on) and the value;
    # NetmapError writes the dates as the reader's language does.
    return NetmapError(f"editing.consent_{problem}", value=value, **params)


class RecordConsent(Edit):
    """Record the patient's consent, or renew it (a new date replaces the old).

    A consent cannot be dated in the future, nor before the day an earlier
    consent was withdrawn (that would quietly undo the withdrawal).
    """

    sets_outright: ClassVar[bool] = True
    kind: Literal["record_consent"] = "record_consent"
    given_on: date
    recorded_by: OptionalText = None
    today: date | None = Field(default=None, description="The day of the edit (default: today).")

    def about(self) -> str:
        return "consent"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        today = _today(self.today)
        if self.given_on > today:
            raise _consent_error("given_in_future", self.given_on, today=today)
        old = network_map.consent
        if old is not None and old.withdrawn_on is not None and self.given_on < old.withdrawn_on:
            raise _consent_error(
                "given_before_withdrawal", self.given_on, withdrawn_on=old.withdrawn_on
            )
        try:
            consent = Consent(given_on=self.given_on, recorded_by=self.recorded_by)
        except ValidationError as exc:
            raise invalid_input(exc) from None
        return network_map.model_copy(update={"consent": consent})


class WithdrawConsent(Edit):
    """The patient withdraws consent: kept on record with the day, no longer valid."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["withdraw_consent"] = "withdraw_consent"
    withdrawn_on: date | None = Field(default=None, description="Default: the day of the edit.")
    today: date | None = Field(default=None, description="The day of the edit (default: today).")

    def about(self) -> str:
        return "consent"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        today = _today(self.today)
        on = self.withdrawn_on or today
        old = network_map.consent
        if old is None:
            raise NetmapError("editing.consent_none_to_withdraw")
        if old.withdrawn_on is not None:
            raise NetmapError("editing.consent_already_withdrawn", withdrawn_on=old.withdrawn_on)
        if on > today:
            raise _consent_error("withdrawn_in_future", on, today=today)
        if on < old.given_on:
            raise _consent_error("withdrawn_before_given", on, given_on=old.given_on)
        consent = old.model_copy(update={"withdrawn_on": on})
        return network_map.model_copy(update={"consent": consent})


# --- meetings (the rules are in netmap.meeting_edits) ---------------------------


class AddMeeting(Edit):
    """Plan a meeting: date, time, kind, place or video link, purpose."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["add_meeting"] = "add_meeting"
    id: MeetingId | None = None
    date: date
    time: dt_time | None = None
    meeting_kind: MeetingKind = MeetingKind.NETWORK
    place: OptionalText = None
    purpose: OptionalText = None

    def about(self) -> str:
        return f"meeting:{self.id}" if self.id else "meetings"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        plan = self.model_dump(exclude={"kind", "id"})
        return meeting_edits.add_meeting(network_map, self.id, **plan)


class RemoveMeeting(Edit):
    """Take a meeting off the map (one added by mistake)."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["remove_meeting"] = "remove_meeting"
    meeting: MeetingId

    def about(self) -> str:
        return f"meeting:{self.meeting}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        return meeting_edits.remove_meeting(network_map, self.meeting)


class MarkMeetingReady(Edit):
    """Mark "the map is ready for the meeting": the version it was prepared with."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["mark_meeting_ready"] = "mark_meeting_ready"
    meeting: MeetingId
    version: int = Field(ge=1, description="The stored version the pair has just looked over.")

    def about(self) -> str:
        return f"meeting-ready:{self.meeting}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        return meeting_edits.mark_ready(network_map, self.meeting, self.version)


class RecordMeeting(Edit):
    """After the meeting: who came, who sent apologies, who was appointed, the next date.

    Only the fields sent are changed; recording marks the meeting as held.
    """

    sets_outright: ClassVar[bool] = False
    kind: Literal["record_meeting"] = "record_meeting"
    meeting: MeetingId
    attended: tuple[PersonId, ...] | None = None
    apologies: tuple[PersonId, ...] | None = None
    stafetholder_region: PersonId | None = None
    stafetholder_municipality: PersonId | None = None
    coordinator_region: PersonId | None = None
    coordinator_municipality: PersonId | None = None
    next_meeting: date | None = None

    def about(self) -> str:
        return f"meeting:{self.meeting}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        appointed = {
            f: getattr(self, f) for f in meeting_edits.APPOINTMENTS if getattr(self, f) is not None
        }
        return meeting_edits.record_meeting(
            network_map,
            self.meeting,
            attended=self.attended,
            apologies=self.apologies,
            appointed=appointed,
            next_meeting=self.next_meeting,
        )


class AddAgreement(Edit):
    """One line of the aftaleark: who (a person or the patient) does what, by when."""

    sets_outright: ClassVar[bool] = False
    kind: Literal["add_agreement"] = "add_agreement"
    meeting: MeetingId
    id: MeetingId | None = None
    who: PersonId
    what: str
    by: date | None = None

    def about(self) -> str:
        return f"meeting:{self.meeting}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        return meeting_edits.add_agreement(
            network_map, self.meeting, self.id, who=self.who, what=self.what, by=self.by
        )


class FollowUpAgreement(Edit):
    """At the next meeting: done, not done or carried over (None: not asked yet)."""

    sets_outright: ClassVar[bool] = True
    kind: Literal["follow_up_agreement"] = "follow_up_agreement"
    meeting: MeetingId
    agreement: MeetingId
    status: AgreementStatus | None

    def about(self) -> str:
        return f"agreement:{self.meeting}:{self.agreement}"

    def apply(self, network_map: NetworkMap) -> NetworkMap:
        return meeting_edits.follow_up_agreement(
            network_map, self.meeting, self.agreement, self.status
        )


EditOp = Annotated[
    AddPerson
    | UpdatePerson
    | MovePerson
    | DropPerson
    | RemovePerson
    | ToggleTie
    | SetAnswer
    | CycleAnswer
    | UpdatePatient
    | UpdatePatientDetails
    # Meetings (rules in netmap.meeting_edits).
    | AddMeeting
    | RemoveMeeting
    | MarkMeetingReady
    | RecordMeeting
    | AddAgreement
    | FollowUpAgreement
    # Consent (rules in netmap.consent).
    | RecordConsent
    | WithdrawConsent,
    Field(discriminator="kind"),
]
_EDIT_ADAPTER: TypeAdapter[EditOp] = TypeAdapter(EditOp)


def parse_edit(payload: Any, where: str | None = None) -> EditOp:
    """Parse a client's payload into one edit, or raise ``InvalidInput``.

    >>> parse_edit({"kind": "toggle_tie", "a": "mor", "b": "far"}).kind
    'toggle_tie'
    """
    try:
        return _EDIT_ADAPTER.validate_python(payload)
    except ValidationError as exc:
        raise invalid_input(exc, where=where) from None
