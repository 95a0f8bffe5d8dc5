"""Meetings of Patientens team, held on the map so every change is a version.

Seeds 000 (Drejebog), 002 and 004: the map is updated before each meeting;
at the end of a meeting a stafetholder and a forløbskoordinator are appointed
from each sector of care, the agreements are written on the *aftaleark* (who
does what, by when) and the next meeting is set. "Deltagelsen besluttes fra
gang til gang" (seed 001, 5.3): who came and who sent apologies is recorded
per meeting.

Why on :class:`~netmap.model.NetworkMap` and not in a table of their own: a
meeting refers to the map (the version it was prepared with, the persons who
came, the team roles it appointed), the store already keeps every version of
the map, and an export of the map then carries its meetings. A meeting keeps
person ids, not copies of names: a person removed from the map later is still
named in the version the meeting was held with.

Readings where the seeds are silent: the ids in ``attended``, ``apologies``,
the appointments and an agreement's ``who`` are checked against the map when
they are recorded (:mod:`netmap.editing`), not on every later version, so
removing a person never invalidates a past meeting. The patient is named by
the patient's id.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from netmap.fields import LongText, PersonId, ShortText, StrictModel, clean_text

__all__ = [
    "MAX_AGREEMENTS",
    "MAX_MEETINGS",
    "Agreement",
    "AgreementStatus",
    "Appointments",
    "Meeting",
    "MeetingKind",
    "latest_held",
    "meetings_in_order",
]

#: A meeting a month for 15 years; bounds memory and work on hostile input.
MAX_MEETINGS = 200
#: Far more than one aftaleark holds.
MAX_AGREEMENTS = 100
MAX_AGREEMENT_TEXT = 500


class MeetingKind(StrEnum):
    """What kind of meeting (seed 000: first meeting, later network meetings;
    seed 004: the discharge conference)."""

    FIRST = "first_meeting"
    NETWORK = "network_meeting"
    DISCHARGE = "discharge_conference"
    OTHER = "other"


class AgreementStatus(StrEnum):
    """How an agreement stood when it was followed up at the next meeting."""

    DONE = "done"
    NOT_DONE = "not_done"
    CARRIED_OVER = "carried_over"


MeetingId = Annotated[
    str, BeforeValidator(clean_text), Field(min_length=1, max_length=20, pattern=r"^[a-z0-9-]+$")
]
AgreementText = Annotated[
    str, BeforeValidator(clean_text), Field(min_length=1, max_length=MAX_AGREEMENT_TEXT)
]


class Agreement(StrictModel, frozen=True):
    """One line of the aftaleark: who does what, by when."""

    id: MeetingId
    who: PersonId = Field(description="A person on the map, or the patient's id.")
    what: AgreementText
    by: dt.date | None = Field(default=None, description="By when (optional).")
    follow_up: AgreementStatus | None = Field(
        default=None, description="Asked at the next meeting: done, not done or carried over."
    )


class Appointments(StrictModel, frozen=True):
    """The role holders a meeting appointed, one per role and sector of care."""

    stafetholder_region: PersonId | None = None
    stafetholder_municipality: PersonId | None = None
    coordinator_region: PersonId | None = None
    coordinator_municipality: PersonId | None = None

    @property
    def is_empty(self) -> bool:
        return self == Appointments()


class Meeting(StrictModel, frozen=True):
    """A meeting of Patientens team: the plan and, once held, its outcome."""

    id: MeetingId
    date: dt.date
    time: dt.time | None = None
    meeting_kind: MeetingKind = MeetingKind.NETWORK
    place: ShortText = Field(default=None, description="A place or a video link.")
    purpose: LongText = None
    prepared_with: int | None = Field(
        default=None, ge=1, description="The version of the map the meeting was prepared with."
    )
    held: bool = Field(default=False, description="The outcome has been recorded.")
    attended: tuple[PersonId, ...] = ()
    apologies: tuple[PersonId, ...] = Field(default=(), description="Sent apologies (afbud).")
    appointed: Appointments = Field(default_factory=Appointments)
    agreements: tuple[Agreement, ...] = Field(default=(), max_length=MAX_AGREEMENTS)
    next_meeting: dt.date | None = Field(default=None, description="The date of the next meeting.")

    @field_validator("time", mode="after")
    @classmethod
    def _to_the_minute(cls, value: dt.time | None) -> dt.time | None:
        # Meetings are set to the minute; "14:00:30" from another tool is 14:00.
        return None if value is None else value.replace(second=0, microsecond=0, tzinfo=None)

    @field_validator("attended", "apologies")
    @classmethod
    def _unique(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _consistent(self) -> Meeting:
        both = set(self.attended) & set(self.apologies)
        if both:
            raise PydanticCustomError(
                "netmap.attended_and_apologies",
                "{ids} both came and sent apologies",
                {"ids": ", ".join(sorted(both))},
            )
        ids = [a.id for a in self.agreements]
        if len(set(ids)) != len(ids):
            raise PydanticCustomError(
                "netmap.duplicate_id", "the id {id} is used twice", {"id": _first_repeat(ids)}
            )
        return self

    @property
    def starts(self) -> tuple[dt.date, dt.time]:
        """For ordering: the date, then the time (a meeting with no time first)."""
        return (self.date, self.time or dt.time.min)


def _first_repeat(ids: list[str]) -> str:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            return item
        seen.add(item)
    return ""


def meetings_in_order(meetings: list[Meeting]) -> list[Meeting]:
    """Meetings by date and time, then id (stable output).

    >>> a = Meeting(id="m2", date=dt.date(2026, 3, 1))
    >>> b = Meeting(id="m1", date=dt.date(2026, 5, 1))
    >>> [m.id for m in meetings_in_order([b, a])]
    ['m2', 'm1']
    """
    return sorted(meetings, key=lambda m: (*m.starts, m.id))


def latest_held(meetings: list[Meeting]) -> Meeting | None:
    """The last meeting whose outcome is recorded, or None.

    >>> latest_held([Meeting(id="m1", date=dt.date(2026, 3, 1))]) is None
    True
    """
    held = [m for m in meetings_in_order(meetings) if m.held]
    return held[-1] if held else None
