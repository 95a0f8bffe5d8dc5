"""The contact overview (seed 001's *netværksoverblik*): one row per person.

Seed 001, appendix, step 4: *"Fagpersonerne, personerne fra det private
netværk og deres kontaktoplysninger samt kort beskrivelse af, hvad de kan
hjælpe med, skrives ind i netværksoverblikket."* Rows are sorted by group
(team, ad-hoc, private, professionals outside the team), then closest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from netmap.analysis.groups import GROUP_ORDER, Group, closest_first, group_of, invite_list
from netmap.memo import ByIdentity
from netmap.model import (
    Attendance,
    Band,
    CareSector,
    NetworkMap,
    Person,
    Sector,
    StrictModel,
    TeamRole,
)
from netmap.phone import is_allocated

__all__ = ["OverviewRow", "contact_overview"]


class OverviewRow(StrictModel, frozen=True):
    """One person in the overview: who, where on the map, how to reach them.

    Frozen: the rows of a person who did not change are shared between the
    overviews of versions (:func:`contact_overview`).
    """

    id: str
    name: str
    sector: Sector
    band: Band
    distance: float
    role: str | None = None
    organisation: str | None = None
    care_sector: CareSector | None = None
    phone: str | None = None
    #: A possible number outside the allocated ranges: kept, but worth a check.
    phone_unallocated: bool = False
    email: str | None = None
    helps_with: str | None = None
    group: Group
    team_roles: list[TeamRole] = Field(default_factory=list)
    primary_contact: bool = False
    attends_meetings: Attendance = Attendance.UNDECIDED
    knows_how_i_am: bool | None = None
    can_help: bool | None = None
    invited: bool = False


def contact_overview(
    network_map: NetworkMap,
    ordered: Sequence[Person] | None = None,
    invited: Sequence[str] | None = None,
) -> list[OverviewRow]:
    """The overview rows, by group then closeness.

    ``ordered`` and ``invited``: :func:`~netmap.analysis.groups.closest_first` and
    :func:`~netmap.analysis.groups.invite_list` of the map, when the caller has them.

    Team roles and the primary-contact mark are shown only for professionals,
    the only persons they count for (see :mod:`netmap.analysis.groups`).

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="mum", name="Mum", sector="family", distance=0.2),
    ...     Person(id="sr", name="SR", sector="professional", distance=0.4,
    ...            team_roles="coordinator")])
    >>> [(r.id, r.group.value, r.band.value, len(r.team_roles)) for r in contact_overview(m)]
    [('sr', 'team', 'middle', 1), ('mum', 'private', 'close', 0)]
    """
    ordered = closest_first(network_map, ordered)
    invitees = set(invite_list(network_map, ordered) if invited is None else invited)
    rank = {group: i for i, group in enumerate(GROUP_ORDER)}
    rows = [_row(person, group_of(person), person.id in invitees) for person in ordered]
    # sorted() is stable: within a group the closeness order above is kept.
    return sorted(rows, key=lambda row: rank[row.group])


#: Validating a row costs some 10 µs: 10 ms of every save of a 1,000-person
#: map, for the one or two rows a drop changes. So a person's row is made once
#: per person object (persons are frozen, and a new version shares those it
#: did not change), group and invitation.
_ROWS: ByIdentity[OverviewRow] = ByIdentity()


def _row(person: Person, group: Group, invited: bool) -> OverviewRow:
    """The overview row of ``person`` (made once per person, group and invitation)."""
    return _ROWS.get(person, (group, invited), lambda p: _new_row(p, group, invited))


def _new_row(person: Person, group: Group, invited: bool) -> OverviewRow:
    return OverviewRow(
        id=person.id,
        name=person.name,
        sector=person.sector,
        band=person.band,
        distance=person.distance,
        role=person.role,
        organisation=person.organisation,
        care_sector=person.care_sector,
        phone=person.phone,
        phone_unallocated=person.phone is not None and not is_allocated(person.phone),
        email=person.email,
        helps_with=person.helps_with,
        group=group,
        team_roles=list(person.team_roles) if person.is_professional else [],
        primary_contact=person.primary_contact and person.is_professional,
        attends_meetings=person.attends_meetings,
        knows_how_i_am=person.knows_how_i_am,
        can_help=person.can_help,
        invited=invited,
    )
