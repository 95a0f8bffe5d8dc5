"""The meeting's papers as data: the invitation and the agreement sheet (aftaleark).

Seed 001, appendix "Skabelon for dagsorden til møder i Patientens team" (seed
004, Bilag 2): patient, time, place or link, participants with name and
title/role, apologies, purpose and the seven agenda items, item 2 with the
patient's name filled in. Seed 001, "AFTALEARK – MØDER i PATIENTENS TEAM":
name, meeting date, participants with their function, follow-up on the last
meeting's agreements, the new agreements and the next meeting.

Pure functions over the map; a renderer (print, PDF) lays them out. The CPR
number is in a paper only when asked for (``include_cpr``), as everywhere.
The invitation's participants default to the invite list
(:func:`netmap.analysis.groups.invite_list`); the caller may pass others for
this one meeting without changing the map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import Field

from netmap.analysis.groups import invite_list
from netmap.cpr import mask_cpr
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.meeting_edits import meeting_or_error
from netmap.meetings import Agreement, AgreementStatus, MeetingKind, meetings_in_order
from netmap.model import NetworkMap, StrictModel

__all__ = [
    "AGENDA_ITEMS",
    "AgreementLine",
    "AgreementSheet",
    "Invitation",
    "Participant",
    "agreement_sheet",
    "invitation",
    "possessive",
]

#: The template's agenda, in order (catalogue keys ``papers.agenda.<n>``).
AGENDA_ITEMS = 7


class Participant(StrictModel):
    """Someone at the meeting: name and title, role or function."""

    id: str
    name: str
    title: str


class AgreementLine(StrictModel):
    """One agreement as the sheet shows it."""

    id: str
    who: str = Field(description="The name of who does it.")
    what: str
    by: dt.date | None = None
    follow_up: AgreementStatus | None = None


class Invitation(StrictModel):
    """The invitation of one meeting (the agenda template filled in)."""

    patient_name: str
    cpr: str | None = Field(description="Masked unless asked for in full; None if not known.")
    date: dt.date
    time: dt.time | None = None
    meeting_kind: MeetingKind
    place: str | None = None
    participants: list[Participant]
    apologies: list[Participant] = Field(default_factory=list)
    purpose: str | None = None
    agenda: list[str]


class AgreementSheet(StrictModel):
    """The aftaleark of one meeting."""

    patient_name: str
    cpr: str | None
    meeting_date: dt.date
    participants: list[Participant]
    follow_up: list[AgreementLine] = Field(description="The last meeting's agreements.")
    agreements: list[AgreementLine]
    next_meeting: dt.date | None = None


def possessive(name: str, lang: Lang) -> str:
    """A name as the owner of something: Danish *Sofies*, *Lars'*; English *Sofie's*, *Lars'*.

    >>> possessive("Sofie Jensen", "da"), possessive("Lars", "da"), possessive("Max", "da")
    ('Sofie Jensens', "Lars'", "Max'")
    >>> possessive("Sofie", "en"), possessive("Lars", "en")
    ("Sofie's", "Lars'")
    """
    if lang == "da":
        return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"
    return f"{name}'" if name[-1:].lower() == "s" else f"{name}'s"


def _cpr(network_map: NetworkMap, include_cpr: bool) -> str | None:
    cpr = network_map.patient.cpr
    return (cpr if include_cpr else mask_cpr(cpr)) or None


def _name(network_map: NetworkMap, person_id: str) -> str:
    if person_id == network_map.patient.id:
        return network_map.patient.name
    try:
        return network_map.person(person_id).name
    except KeyError:
        return person_id  # off the map since


def _participant(network_map: NetworkMap, person_id: str, lang: Lang) -> Participant:
    if person_id == network_map.patient.id:
        title = t("papers.patient", lang)
    else:
        try:
            person = network_map.person(person_id)
        except KeyError:
            return Participant(id=person_id, name=person_id, title="")
        roles = [
            t(f"team_role.{r.value}", lang) for r in person.team_roles if person.is_professional
        ]
        parts = [person.role or t(f"sector.{person.sector.value}", lang), *roles]
        if person.organisation:
            parts.append(person.organisation)
        title = ", ".join(parts)
    return Participant(id=person_id, name=_name(network_map, person_id), title=title)


def invitation(
    network_map: NetworkMap,
    meeting_id: str,
    *,
    participants: Sequence[str] | None = None,
    include_cpr: bool = False,
    lang: Lang = DEFAULT_LANG,
) -> Invitation:
    """The invitation of a meeting; ``participants`` (ids) default to the invite list.

    >>> from netmap.meetings import Meeting
    >>> from netmap.model import Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="Sofie"), persons=[
    ...     Person(id="sr", name="Birgitte", sector="professional", distance=0.3,
    ...            role="Socialrådgiver")],
    ...     meetings=[Meeting(id="m1", date=dt.date(2026, 12, 10))])
    >>> inv = invitation(m, "m1")
    >>> [(p.name, p.title) for p in inv.participants], inv.agenda[1]
    ([('Sofie', 'Patient'), ('Birgitte', 'Socialrådgiver')], 'Sofies ønsker til mødet')
    """
    meeting = meeting_or_error(network_map, meeting_id)
    ids = list(participants) if participants is not None else invite_list(network_map)
    apologies = [i for i in meeting.apologies if i not in ids]
    name = network_map.patient.name
    return Invitation(
        patient_name=name,
        cpr=_cpr(network_map, include_cpr),
        date=meeting.date,
        time=meeting.time,
        meeting_kind=meeting.meeting_kind,
        place=meeting.place,
        participants=[_participant(network_map, i, lang) for i in ids],
        apologies=[_participant(network_map, i, lang) for i in apologies],
        purpose=meeting.purpose,
        agenda=[
            t(f"papers.agenda.{n}", lang, owner=possessive(name, lang))
            for n in range(1, AGENDA_ITEMS + 1)
        ],
    )


def _lines(network_map: NetworkMap, agreements: Sequence[Agreement]) -> list[AgreementLine]:
    return [
        AgreementLine(
            id=a.id, who=_name(network_map, a.who), what=a.what, by=a.by, follow_up=a.follow_up
        )
        for a in agreements
    ]


def agreement_sheet(
    network_map: NetworkMap,
    meeting_id: str,
    *,
    include_cpr: bool = False,
    lang: Lang = DEFAULT_LANG,
) -> AgreementSheet:
    """The aftaleark of a meeting: who came, last time's agreements, the new ones.

    >>> from netmap.meetings import Agreement, Meeting
    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(id="p0", name="Sofie"), meetings=[
    ...     Meeting(id="m1", date=dt.date(2026, 9, 1), held=True,
    ...             agreements=[Agreement(id="a1", who="p0", what="Søge job", follow_up="done")]),
    ...     Meeting(id="m2", date=dt.date(2026, 12, 10), held=True, attended=("p0",))])
    >>> sheet = agreement_sheet(m, "m2")
    >>> [(a.who, a.what, a.follow_up.value) for a in sheet.follow_up]
    [('Sofie', 'Søge job', 'done')]
    """
    meeting = meeting_or_error(network_map, meeting_id)
    earlier = [
        m for m in meetings_in_order(network_map.meetings) if m.held and m.starts < meeting.starts
    ]
    return AgreementSheet(
        patient_name=network_map.patient.name,
        cpr=_cpr(network_map, include_cpr),
        meeting_date=meeting.date,
        participants=[_participant(network_map, i, lang) for i in meeting.attended],
        follow_up=_lines(network_map, earlier[-1].agreements) if earlier else [],
        agreements=_lines(network_map, meeting.agreements),
        next_meeting=meeting.next_meeting,
    )
