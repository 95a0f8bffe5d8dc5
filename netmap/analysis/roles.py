"""Who holds each role in Patientens team, for the region and for the municipality.

Seed 002, "Stafetholder": *"En fagperson fra hver sektor"* — one stafetholder
from the region (psychiatry) and one from the municipality; seed 000,
"Forløbskoordinatorer": likewise one course coordinator from each; seed 004,
Bilag 3: psychiatry's social worker leads the meetings (any care sector
counts here). Only members of Patientens team count
(:func:`netmap.analysis.groups.in_team`): a role holder the patient said *no*
to leaves the role uncovered. The checks (:mod:`netmap.analysis.checks`) and
the team pack read the same slots.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from netmap.analysis.groups import closest_first, in_team
from netmap.model import CareSector, NetworkMap, Person, StrictModel, TeamRole

__all__ = ["ROLE_SLOTS", "RoleSlot", "role_slots"]

#: The roles the team needs, each with the care sector it is needed from
#: (None: from either).
ROLE_SLOTS: tuple[tuple[TeamRole, CareSector | None], ...] = (
    (TeamRole.STAFETHOLDER, CareSector.REGION),
    (TeamRole.STAFETHOLDER, CareSector.MUNICIPALITY),
    (TeamRole.COORDINATOR, CareSector.REGION),
    (TeamRole.COORDINATOR, CareSector.MUNICIPALITY),
    (TeamRole.MEETING_LEAD, None),
)


class RoleSlot(StrictModel):
    """One role the team needs and the team members holding it, closest first."""

    role: TeamRole
    care_sector: CareSector | None = None
    holders: list[str] = Field(default_factory=list)


def role_slots(network_map: NetworkMap, ordered: Sequence[Person] | None = None) -> list[RoleSlot]:
    """Each role of :data:`ROLE_SLOTS` with the ids of the team members holding it
    (``ordered``: :func:`~netmap.analysis.groups.closest_first`, when the caller has it).

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="P"), persons=[
    ...     Person(id="sr", name="SR", sector="professional", distance=0.3,
    ...            care_sector="region", team_roles="stafetholder,meeting_lead"),
    ...     Person(id="no", name="No", sector="professional", distance=0.3,
    ...            care_sector="municipality", team_roles="stafetholder",
    ...            attends_meetings="no")])
    >>> [(s.role.value, s.care_sector and s.care_sector.value, s.holders)
    ...  for s in role_slots(m)][:2]
    [('stafetholder', 'region', ['sr']), ('stafetholder', 'municipality', [])]
    >>> role_slots(m)[-1].holders
    ['sr']
    """
    team = [p for p in closest_first(network_map, ordered) if in_team(p)]
    return [
        RoleSlot(
            role=role,
            care_sector=care_sector,
            holders=[
                p.id
                for p in team
                if role in p.team_roles and (care_sector is None or p.care_sector is care_sector)
            ],
        )
        for role, care_sector in ROLE_SLOTS
    ]
