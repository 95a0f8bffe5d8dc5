"""Checks on the map: what is missing or worth a word before the next meeting.

Each check has a stable code, a plain-language message in the catalogue
(``analysis.check.<code>``), the persons it concerns and the seed section it
comes from (DOMAIN.md, "What the map derives" and "Consent and privacy").
Role checks count only the members of Patientens team
(:func:`netmap.analysis.groups.in_team`): a role holder the patient said *no*
to leaves the role uncovered and raises :attr:`CheckCode.ROLE_HOLDER_DECLINED`.

Consent follows the one rule of :mod:`netmap.consent` (valid to and including
the same date a year later; a consent dated after the check date counts as
valid). Readings where the seeds are silent: only an explicit
*yes* to question 3 (``can_help``) makes someone a person the patient can get
help from — a filled-in "what they can help with" alone does not; only
professionals hold team roles (see :mod:`netmap.analysis.groups`).

The check "map not updated since the last meeting" (:attr:`CheckCode.MAP_OUTDATED`)
needs to know when the map was last changed, which the map itself does not
hold: the caller passes it (``map_changed_at``; the CLI takes the store's last
version that changed more than the meetings). Without it the map's own date
(``map_date``) is used; with neither the check is not made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import Field

from netmap.analysis.groups import closest_first, in_team
from netmap.analysis.roles import role_slots

# consent_valid_until is re-exported: the one rule lives in netmap.consent.
from netmap.consent import ConsentStatus, consent_state, consent_valid_until
from netmap.i18n import DEFAULT_LANG, Lang, format_date, t
from netmap.meetings import latest_held, meetings_in_order
from netmap.model import Attendance, CareSector, NetworkMap, Person, StrictModel, TeamRole

__all__ = [
    "SOURCES",
    "CheckCode",
    "Finding",
    "consent_valid_until",
    "run_checks",
]


class CheckCode(StrEnum):
    """Stable codes of the checks; the app and the CLI key on these."""

    CONSENT_MISSING = "consent_missing"
    CONSENT_EXPIRED = "consent_expired"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NO_STAFETHOLDER_REGION = "no_stafetholder_region"
    NO_STAFETHOLDER_MUNICIPALITY = "no_stafetholder_municipality"
    NO_COORDINATOR_REGION = "no_coordinator_region"
    NO_COORDINATOR_MUNICIPALITY = "no_coordinator_municipality"
    ROLE_HOLDER_NO_CARE_SECTOR = "role_holder_no_care_sector"
    NO_HELP_PERSON = "no_help_person"
    TEAM_MEMBER_UNREACHABLE = "team_member_unreachable"
    ROLE_HOLDER_DECLINED = "role_holder_declined"
    MAP_OUTDATED = "map_outdated"


# The source documents (shared/seeds), by the titles a social worker knows them by.
MEETING_GUIDE = "Drejebog for møder i Patientens team"  # seed 000
COLLABORATION_MODEL = "Tværsektoriel samarbejdsmodel for Patientens team"  # seed 001
TEAM_LEAFLET = "Patientens team – samarbejde på tværs af sektorer"  # seed 002

#: The document and section each check comes from.
SOURCES: dict[CheckCode, str] = {
    CheckCode.CONSENT_MISSING: f"{TEAM_LEAFLET}: Samtykke",
    CheckCode.CONSENT_EXPIRED: f"{TEAM_LEAFLET}: Samtykke",
    CheckCode.CONSENT_WITHDRAWN: f"{TEAM_LEAFLET}: Samtykke",
    CheckCode.NO_STAFETHOLDER_REGION: f"{TEAM_LEAFLET}: Stafetholder",
    CheckCode.NO_STAFETHOLDER_MUNICIPALITY: f"{TEAM_LEAFLET}: Stafetholder",
    CheckCode.NO_COORDINATOR_REGION: f"{MEETING_GUIDE}: Forløbskoordinatorer",
    CheckCode.NO_COORDINATOR_MUNICIPALITY: f"{MEETING_GUIDE}: Forløbskoordinatorer",
    CheckCode.ROLE_HOLDER_NO_CARE_SECTOR: f"{TEAM_LEAFLET}: Stafetholder",
    CheckCode.NO_HELP_PERSON: f"{COLLABORATION_MODEL}: 5.7 Udarbejdelse af en fælles plan"
    " (kriseplan)",
    CheckCode.TEAM_MEMBER_UNREACHABLE: f"{COLLABORATION_MODEL}: Bilag Netværkskortet, trin 4",
    CheckCode.ROLE_HOLDER_DECLINED: f"{COLLABORATION_MODEL}: 5.3 Sammensætning af Patientens team",
    CheckCode.MAP_OUTDATED: f"{COLLABORATION_MODEL}: Bilag Netværkskortet, Hvornår bruges det?",
}


class Finding(StrictModel):
    """One check that fired: its code, the persons concerned, and its source."""

    code: CheckCode
    persons: list[str] = Field(default_factory=list)
    source: str
    params: dict[str, Any] = Field(
        default_factory=dict, description="Values for the message (names, dates)."
    )

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The plain-language message in ``lang``.

        >>> f = Finding(code="consent_missing", source=SOURCES[CheckCode.CONSENT_MISSING])
        >>> f.message("en")[:28]
        'There is no consent recorded'
        """
        # Dates are kept as dates and written in the reader's language.
        params = {
            name: format_date(value, lang) if isinstance(value, date) else value
            for name, value in self.params.items()
        }
        return t(f"analysis.check.{self.code.value}", lang, **params)


def _finding(code: CheckCode, persons: Sequence[Person] = (), **params: Any) -> Finding:
    return Finding(
        code=code,
        persons=[p.id for p in persons],
        source=SOURCES[code],
        params=params,
    )


def _names(persons: list[Person]) -> str:
    return ", ".join(p.name for p in persons)


def _consent(network_map: NetworkMap, as_of: date) -> list[Finding]:
    state = consent_state(network_map.consent, as_of)
    if state.status is ConsentStatus.MISSING:
        return [_finding(CheckCode.CONSENT_MISSING)]
    if state.status is ConsentStatus.WITHDRAWN:
        assert state.withdrawn_on is not None
        return [_finding(CheckCode.CONSENT_WITHDRAWN, withdrawn_on=state.withdrawn_on)]
    if state.status is ConsentStatus.EXPIRED:
        assert state.given_on is not None and state.valid_until is not None
        return [
            _finding(
                CheckCode.CONSENT_EXPIRED,
                given_on=state.given_on,
                valid_until=state.valid_until,
            )
        ]
    return []


_ROLE_CHECKS: dict[tuple[TeamRole, CareSector | None], CheckCode] = {
    (TeamRole.STAFETHOLDER, CareSector.REGION): CheckCode.NO_STAFETHOLDER_REGION,
    (TeamRole.STAFETHOLDER, CareSector.MUNICIPALITY): CheckCode.NO_STAFETHOLDER_MUNICIPALITY,
    (TeamRole.COORDINATOR, CareSector.REGION): CheckCode.NO_COORDINATOR_REGION,
    (TeamRole.COORDINATOR, CareSector.MUNICIPALITY): CheckCode.NO_COORDINATOR_MUNICIPALITY,
}


def _roles(network_map: NetworkMap, persons: Sequence[Person], team: list[Person]) -> list[Finding]:
    # The slots of netmap.analysis.roles (team members only); no check for the meeting lead.
    findings = [
        _finding(_ROLE_CHECKS[(slot.role, slot.care_sector)])
        for slot in role_slots(network_map, persons)
        if not slot.holders and (slot.role, slot.care_sector) in _ROLE_CHECKS
    ]
    # A role counts only for the care sector its holder belongs to: without one
    # the checks above say the role is missing, so say what to fill in.
    counted = {role for role, _ in _ROLE_CHECKS}
    unplaced = [p for p in team if p.care_sector is None and counted & set(p.team_roles)]
    if unplaced:
        findings.append(_persons_finding(CheckCode.ROLE_HOLDER_NO_CARE_SECTOR, unplaced))
    return findings


def _persons_finding(code: CheckCode, persons: list[Person]) -> Finding:
    # ``count`` picks the message's form: "vedkommende" for one, "de" for more.
    return _finding(code, persons, names=_names(persons), count=len(persons))


def _outdated(network_map: NetworkMap, changed_at: datetime | None) -> list[Finding]:
    """Seed 001, appendix: the map is used "som en del af forberedelsen af de
    tværfaglige møder". Fires when a next meeting is recorded (on the last held
    meeting, or planned after it), no meeting after it is marked ready, and the
    map has not changed since the last held meeting began.
    """
    previous = latest_held(network_map.meetings)
    if previous is None:
        return []
    upcoming = [
        m
        for m in meetings_in_order(network_map.meetings)
        if not m.held and m.starts > previous.starts
    ]
    following = previous.next_meeting or (upcoming[0].date if upcoming else None)
    if following is None or any(m.prepared_with is not None for m in upcoming):
        return []
    # A meeting without a time: a change on its day may have been made before it.
    held_at = datetime.combine(previous.date, previous.time or time.max)
    changes = [changed_at] if changed_at is not None else []
    if network_map.map_date is not None:
        changes.append(datetime.combine(network_map.map_date, time.max))
    if not changes or max(changes) > held_at:
        return []
    return [_finding(CheckCode.MAP_OUTDATED, previous=previous.date, next=following)]


def run_checks(
    network_map: NetworkMap,
    *,
    as_of: date | None = None,
    map_changed_at: datetime | None = None,
    ordered: Sequence[Person] | None = None,
) -> list[Finding]:
    """Every check that fires for the map as of ``as_of`` (default: today).

    ``map_changed_at`` is when the map was last changed (local time, no time
    zone), for :attr:`CheckCode.MAP_OUTDATED`. Findings come in the order of
    :class:`CheckCode`; persons in a finding are listed closest first
    (``ordered``: :func:`~netmap.analysis.groups.closest_first`, when the caller has it).

    >>> from netmap.model import NetworkMap, Patient
    >>> m = NetworkMap(patient=Patient(name="P"), consent_given_on=date(2025, 1, 1))
    >>> [f.code.value for f in run_checks(m, as_of=date(2026, 1, 1))]  # day 365: valid
    ['no_stafetholder_region', 'no_stafetholder_municipality', 'no_coordinator_region', \
'no_coordinator_municipality', 'no_help_person']
    >>> [f.code.value for f in run_checks(m, as_of=date(2026, 1, 2))][0]  # day 366
    'consent_expired'
    """
    as_of = date.today() if as_of is None else as_of
    persons = closest_first(network_map, ordered)
    team = [p for p in persons if in_team(p)]
    findings = _consent(network_map, as_of)
    findings += _roles(network_map, persons, team)

    # Seed 001, question 3 ("Hvem kan du tale med eller få hjælp fra?") feeds the
    # crisis plan's "hvem gør hvad"; only an explicit yes counts.
    if not any(p.can_help is True for p in persons):
        findings.append(_finding(CheckCode.NO_HELP_PERSON))

    unreachable = [p for p in team if p.phone is None and p.email is None]
    if unreachable:
        findings.append(_persons_finding(CheckCode.TEAM_MEMBER_UNREACHABLE, unreachable))

    declined = [
        p
        for p in persons
        if p.is_professional and p.team_roles and p.attends_meetings is Attendance.NO
    ]
    if declined:
        findings.append(_persons_finding(CheckCode.ROLE_HOLDER_DECLINED, declined))
    findings += _outdated(network_map, map_changed_at)
    return findings
