"""The network map (netværkskort): the one domain model every layer uses.

See ``shared/DOMAIN.md`` ("The map") and seed 001, appendix "Netværket i
Patientens team (netværkskort)". Every model is strict: unknown fields are
rejected and assignments are validated. Errors raised here carry a stable
``netmap.*`` type so the boundaries can say, in Danish or English, which field,
which value and what is allowed (see :mod:`netmap.errors`).
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from netmap.cpr import mask_cpr, normalise_cpr
from netmap.fields import (
    MAX_ID_LENGTH,
    MAX_LONG_TEXT,
    MAX_NAME_LENGTH,
    MAX_SHORT_TEXT,
    Email,
    LongText,
    Name,
    PersonId,
    Phone,
    ShortText,
    StrictModel,
    blank_to_none,
)
from netmap.meetings import MAX_MEETINGS, Meeting

__all__ = [
    "MAX_ID_LENGTH",
    "MAX_LONG_TEXT",
    "MAX_NAME_LENGTH",
    "MAX_PERSONS",
    "MAX_SHORT_TEXT",
    "MAX_TIES",
    "SCHEMA_VERSION",
    "Attendance",
    "Band",
    "CareSector",
    "Consent",
    "LongText",
    "NetworkMap",
    "Patient",
    "Person",
    "PersonId",
    "Sector",
    "ShortText",
    "StrictModel",
    "TeamRole",
    "Tie",
    "band_of",
    "distance_in_band",
]

#: 2 added meetings; a file of format 1 (no meetings) is read as it is.
#: 3: consent became an object (given on, recorded by, withdrawn on); a map of
#: format 1 or 2 has ``consent_given_on``, read as ``consent.given_on`` (``_upgrade``).
SCHEMA_VERSION: Literal[3] = 3
#: The documented limit of persons on one map (the issue asks for at least 1,000).
MAX_PERSONS = 2000
#: Far above any drawn map; bounds memory and work on hostile input.
MAX_TIES = 20000


class Sector(StrEnum):
    """The five fields (felter) of the map, in drawing order."""

    FAMILY = "family"
    KIN = "kin"
    LEISURE = "leisure"
    WORK_SCHOOL = "work_school"
    PROFESSIONAL = "professional"


class Band(StrEnum):
    """Closeness bands for analysis; see :func:`band_of`."""

    CLOSE = "close"
    MIDDLE = "middle"
    DISTANT = "distant"


class CareSector(StrEnum):
    """Which sector of care a professional belongs to."""

    REGION = "region"
    MUNICIPALITY = "municipality"
    OTHER = "other"


class Attendance(StrEnum):
    """Question 4: should this person come to the meetings?"""

    YES = "yes"
    NO = "no"
    UNDECIDED = "undecided"


class TeamRole(StrEnum):
    """Roles in Patientens team (seeds 000, 001, 002, 004)."""

    STAFETHOLDER = "stafetholder"
    COORDINATOR = "coordinator"
    MEETING_LEAD = "meeting_lead"


def band_of(distance: float) -> Band:
    """The band of a distance: close d ≤ 1/3, middle d ≤ 2/3, distant beyond.

    Compared as ``3·d ≤ 1`` so that the float nearest 1/3 lands where a person
    reading DOMAIN.md expects.

    >>> [band_of(d).value for d in (1 / 3, 0.34, 2 / 3, 0.67)]
    ['close', 'middle', 'middle', 'distant']
    """
    if 3 * distance <= 1:
        return Band.CLOSE
    if 3 * distance <= 2:
        return Band.MIDDLE
    return Band.DISTANT


def distance_in_band(band: Band) -> float:
    """Where a person placed in ``band`` (and not yet dragged) sits: the middle of the band.

    The add form asks how close a new person is (close / in between / further
    away); the band decides who joins the team while the patient has not
    decided (DOMAIN.md), so a new person's distance is the patient's choice,
    never a default. The middle keeps the person clear of the band limits.

    >>> [round(distance_in_band(b), 3) for b in Band]
    [0.167, 0.5, 0.833]
    >>> all(band_of(distance_in_band(b)) is b for b in Band)
    True
    """
    lower = {Band.CLOSE: 0, Band.MIDDLE: 1, Band.DISTANT: 2}[band]
    return (2 * lower + 1) / 6


class Patient(StrictModel, frozen=True):
    """The patient at the centre of the map."""

    id: PersonId = "patient"
    name: Name
    cpr: str | None = Field(
        default=None,
        description="DDMMYY-SSSS; stored in full, shown masked (see masked_cpr).",
    )

    @field_validator("cpr", mode="before")
    @classmethod
    def _valid_cpr(cls, value: Any) -> Any:
        value = blank_to_none(value)
        if value is None:
            return None
        if not isinstance(value, str):
            raise PydanticCustomError("netmap.cpr_invalid", "CPR must be text", {"value": value})
        try:
            return normalise_cpr(value)
        except ValueError:
            raise PydanticCustomError(
                "netmap.cpr_invalid",
                "not a CPR number (DDMMYY-SSSS with a real date): {value}",
                {"value": mask_cpr(value) if len(value) >= 6 else value},
            ) from None

    @property
    def masked_cpr(self) -> str:
        """The CPR number as shown everywhere unless the user asks for it in full."""
        return mask_cpr(self.cpr)

    def __repr_args__(self) -> Any:
        # Keep the full CPR out of logs and tracebacks.
        for key, value in super().__repr_args__():
            yield key, (mask_cpr(value) if key == "cpr" and value else value)


class Person(StrictModel, frozen=True):
    """A person on the map, placed by the patient in a sector at a distance."""

    id: PersonId
    name: Name
    sector: Sector
    distance: float = Field(
        gt=0, le=1, allow_inf_nan=False, description="Emotional distance, 1 = outer ring."
    )
    angle: float | None = Field(
        default=None,
        allow_inf_nan=False,
        description="Degrees on the map, counter-clockwise from 12 o'clock, in [0, 360).",
    )
    role: ShortText = None
    organisation: ShortText = None
    care_sector: CareSector | None = None
    phone: Phone = None
    email: Email = None
    helps_with: LongText = None
    knows_how_i_am: bool | None = Field(default=None, description="Question 2; None = not asked")
    can_help: bool | None = Field(default=None, description="Question 3; None = not asked")
    attends_meetings: Attendance = Attendance.UNDECIDED
    team_roles: tuple[TeamRole, ...] = ()
    primary_contact: bool = False
    share_with_team: bool | None = Field(
        default=None,
        description="The patient's choice; None = the default rule "
        "(netmap.analysis.sharing.shared_with_team).",
    )

    @field_validator("angle")
    @classmethod
    def _normalise_angle(cls, value: float | None) -> float | None:
        if value is None:
            return None
        angle = math.fmod(value, 360.0)
        if angle < 0:
            angle += 360.0
        # fmod of a tiny negative number can round up to exactly 360.
        return 0.0 if angle >= 360.0 else angle

    @field_validator("care_sector", "attends_meetings", mode="before")
    @classmethod
    def _blank_enum(cls, value: Any) -> Any:
        return blank_to_none(value)

    @field_validator("team_roles", mode="before")
    @classmethod
    def _split_roles(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("team_roles")
    @classmethod
    def _sorted_unique_roles(cls, value: tuple[TeamRole, ...]) -> tuple[TeamRole, ...]:
        order = list(TeamRole)
        return tuple(sorted(set(value), key=order.index))

    @property
    def band(self) -> Band:
        return band_of(self.distance)

    @property
    def is_professional(self) -> bool:
        return self.sector is Sector.PROFESSIONAL


class Tie(StrictModel, frozen=True):
    """A line the patient drew between two persons who know each other.

    Ties are undirected; the two ends are kept in sorted order so that a tie and
    its reverse are the same tie.
    """

    a: PersonId
    b: PersonId

    def model_post_init(self, context: Any, /) -> None:
        # Not a model validator: those run again for every tie each time a map
        # holding it is built, and a map is built several times per edit.
        if self.a == self.b:
            raise PydanticCustomError(
                "netmap.tie_self", "a tie needs two different persons: {id}", {"id": self.a}
            )
        if self.a > self.b:
            # Frozen: object.__setattr__ sets the sorted ends once, at creation.
            a, b = self.b, self.a
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)

    @property
    def ends(self) -> tuple[str, str]:
        return (self.a, self.b)


class Consent(StrictModel, frozen=True):
    """The patient's consent to share the map with Patientens team (seed 002, Samtykke).

    Valid for one year at a time (:func:`netmap.consent.consent_valid_until`);
    a withdrawn consent stays on record with the day it was withdrawn.
    """

    given_on: date = Field(description="The day the patient gave (or last renewed) consent.")
    recorded_by: ShortText = Field(default=None, description="Who recorded it.")
    withdrawn_on: date | None = Field(default=None, description="The day it was withdrawn.")

    @model_validator(mode="after")
    def _withdrawn_after_given(self) -> Consent:
        if self.withdrawn_on is not None and self.withdrawn_on < self.given_on:
            raise PydanticCustomError(
                "netmap.consent_withdrawn_before_given",
                "withdrawn on {value}, before it was given on {given_on}",
                # Dates: written in the reader's language (netmap.errors).
                {"value": self.withdrawn_on, "given_on": self.given_on},
            )
        return self


class NetworkMap(StrictModel):
    """One patient's network map: persons, ties, consent, the map's date, meetings."""

    schema_version: Literal[3] = SCHEMA_VERSION
    patient: Patient
    persons: list[Person] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    consent: Consent | None = Field(
        default=None, description="The patient's consent to sharing (valid one year)."
    )
    map_date: date | None = Field(default=None, description="When the map was last drawn.")
    meetings: list[Meeting] = Field(
        default_factory=list, description="Meetings of Patientens team (netmap.meetings)."
    )

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Read a map of format 1 or 2: ``consent_given_on`` became ``consent.given_on``
        (format 1 is format 2 without meetings).

        Old files, stored versions and callers that still pass
        ``consent_given_on=`` all go through here.
        """
        if not isinstance(data, dict):
            return data
        if data.get("schema_version", SCHEMA_VERSION) in (1, 2) or "consent_given_on" in data:
            data = dict(data)
            if data.get("schema_version") in (1, 2):
                data["schema_version"] = SCHEMA_VERSION
            if "consent_given_on" in data:
                given_on = data.pop("consent_given_on")
                if "consent" in data:
                    raise PydanticCustomError(
                        "netmap.consent_twice", "consent and consent_given_on are both given", {}
                    )
                data["consent"] = None if given_on in (None, "") else {"given_on": given_on}
        return data

    @property
    def consent_given_on(self) -> date | None:
        """The day consent was given, withdrawn or not (None if never)."""
        return None if self.consent is None else self.consent.given_on

    @model_validator(mode="after")
    def _consistent(self) -> NetworkMap:
        if len(self.persons) > MAX_PERSONS:
            raise PydanticCustomError(
                "netmap.too_many_persons",
                "a map holds at most {max} persons, this one has {count}",
                {"max": MAX_PERSONS, "count": len(self.persons)},
            )
        if len(self.ties) > MAX_TIES:
            raise PydanticCustomError(
                "netmap.too_many_ties",
                "a map holds at most {max} ties, this one has {count}",
                {"max": MAX_TIES, "count": len(self.ties)},
            )
        # Runs on every map built or saved (twice per edit): set operations
        # first, the loops that name the culprit only when something is wrong.
        persons, ties = self.persons, self.ties
        ids = [person.id for person in persons]
        person_ids = set(ids)
        if len(person_ids) != len(ids) or self.patient.id in person_ids:
            seen = {self.patient.id}
            for person_id in ids:
                if person_id in seen:
                    raise PydanticCustomError(
                        "netmap.duplicate_id", "the id {id} is used twice", {"id": person_id}
                    )
                seen.add(person_id)
        primaries = [person.id for person in persons if person.primary_contact]
        if len(primaries) > 1:
            raise PydanticCustomError(
                "netmap.several_primary_contacts",
                "only one primary contact person, found {ids}",
                {"ids": ", ".join(primaries)},
            )
        ends = [(tie.a, tie.b) for tie in ties]
        drawn = set(ends)
        used = {a for a, _ in drawn}
        used.update(b for _, b in drawn)
        if len(drawn) != len(ends) or not used <= person_ids:
            tie_ends: set[tuple[str, str]] = set()
            for a, b in ends:
                for end in (a, b):
                    if end not in person_ids:
                        raise PydanticCustomError(
                            "netmap.tie_unknown_person",
                            "a tie refers to {id}, who is not a person on the map",
                            {"id": end},
                        )
                if (a, b) in tie_ends:
                    raise PydanticCustomError(
                        "netmap.duplicate_tie",
                        "the tie between {a} and {b} is drawn twice",
                        {"a": a, "b": b},
                    )
                tie_ends.add((a, b))
        if self.meetings:
            self._check_meetings()
        return self

    def _check_meetings(self) -> None:
        if len(self.meetings) > MAX_MEETINGS:
            raise PydanticCustomError(
                "netmap.too_many_meetings",
                "a map holds at most {max} meetings, this one has {count}",
                {"max": MAX_MEETINGS, "count": len(self.meetings)},
            )
        seen: set[str] = set()
        for meeting in self.meetings:
            if meeting.id in seen:
                raise PydanticCustomError(
                    "netmap.duplicate_id", "the id {id} is used twice", {"id": meeting.id}
                )
            seen.add(meeting.id)

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting with this id; ``KeyError`` if there is none."""
        for meeting in self.meetings:
            if meeting.id == meeting_id:
                return meeting
        raise KeyError(meeting_id)

    def person(self, person_id: str) -> Person:
        """The person with this id; ``KeyError`` if there is none."""
        for person in self.persons:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def detached(self) -> NetworkMap:
        """A copy that shares nothing mutable with this map.

        As good as ``model_copy(deep=True)`` at a fraction of the cost (the
        store hands one out on every load): patients, persons and ties are
        frozen values with immutable fields, so only the lists need copying.
        """
        return self.model_copy(
            update={
                "persons": list(self.persons),
                "ties": list(self.ties),
                "meetings": list(self.meetings),
            }
        )

    def tied_to(self, person_id: str) -> set[str]:
        """Ids of the persons tied to ``person_id``."""
        return {t.b if t.a == person_id else t.a for t in self.ties if person_id in t.ends}
