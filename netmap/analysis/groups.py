"""Who belongs where: the groups the map derives and the invite list.

Seed 001, appendix "Netværket i Patientens team (netværkskort)": *"Ud fra
netværkskortet udpeges følgende konkrete personer: Patienten; de fagpersoner,
som skal indgå i Patientens team; øvrige personer, som kan inddrages ad-hoc
(...) arbejdsplads og/eller uddannelsesinstitution; øvrige personer fra
patientens private netværk"*, read as in DOMAIN.md ("What the map derives"):

* **Patientens team** — professionals the patient wants at the meetings, those
  holding a team role, the primary contact and, while the patient has not
  decided, professionals in the close or middle band (seed 001, 5.3: *"alle
  relevante fagpersoner, der har signifikant kontakt med borgeren"*). A
  professional the patient said *no* to is never in the team: the patient's
  wish wins, even over a team role or being the primary contact.
* **Ad-hoc** — work/school persons, whatever the patient answered; one the
  patient said *yes* to is still ad-hoc but is on the invite list.
* **Private network** — family, kin, leisure.
* Professionals who are none of the above (declined, or undecided and in the
  distant band) are :attr:`Group.OUTSIDE`: on the map and in the overview, but
  not in the team this time. Seed 001, 5.3: *"Deltagelsen besluttes fra gang
  til gang."*

Team roles and the primary-contact mark count only on professionals: imported
data may carry them on a relative or a boss, and the seeds give those roles to
professionals only (seed 002, "Stafetholder": *"En fagperson fra hver
sektor"*), so there they are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import Field

from netmap.i18n import Lang, sort_key
from netmap.model import (
    Attendance,
    Band,
    NetworkMap,
    Person,
    Sector,
    StrictModel,
)

__all__ = [
    "GROUP_ORDER",
    "Group",
    "Groups",
    "by_closeness",
    "by_name",
    "closest_first",
    "derive_groups",
    "group_of",
    "in_team",
    "invite_list",
]


class Group(StrEnum):
    """The group a person on the map belongs to (the patient is not a person)."""

    TEAM = "team"
    AD_HOC = "ad_hoc"
    PRIVATE = "private"
    OUTSIDE = "outside"


#: The order groups are listed in: seed 001's order, then the professionals outside.
GROUP_ORDER: tuple[Group, ...] = (Group.TEAM, Group.AD_HOC, Group.PRIVATE, Group.OUTSIDE)

_PRIVATE_SECTORS = frozenset({Sector.FAMILY, Sector.KIN, Sector.LEISURE})
_SIGNIFICANT_BANDS = frozenset({Band.CLOSE, Band.MIDDLE})


class Groups(StrictModel):
    """The patient's id and the ids in each group, each group closest first."""

    patient: str
    team: list[str] = Field(default_factory=list)
    ad_hoc: list[str] = Field(default_factory=list)
    private: list[str] = Field(default_factory=list)
    outside: list[str] = Field(
        default_factory=list,
        description="Professionals not in the team this time (declined, or undecided and distant).",
    )

    def of(self, group: Group) -> list[str]:
        """The ids in ``group``."""
        return list(getattr(self, group.value))


def in_team(person: Person) -> bool:
    """Whether a person belongs to Patientens team (seed 001; DOMAIN.md).

    >>> from netmap.model import Person
    >>> def pro(**kw): return Person(id="x", name="X", sector="professional", **kw)
    >>> in_team(pro(distance=0.9, attends_meetings="yes"))
    True
    >>> in_team(pro(distance=0.5))                       # undecided, middle band
    True
    >>> in_team(pro(distance=0.9))                       # undecided, distant
    False
    >>> in_team(pro(distance=0.2, attends_meetings="no", team_roles="stafetholder"))
    False
    >>> in_team(Person(id="m", name="M", sector="family", distance=0.1, attends_meetings="yes"))
    False
    """
    if not person.is_professional or person.attends_meetings is Attendance.NO:
        return False
    if person.attends_meetings is Attendance.YES or person.team_roles or person.primary_contact:
        return True
    return person.band in _SIGNIFICANT_BANDS


def group_of(person: Person) -> Group:
    """The group of one person (see the module docstring for the rules).

    >>> from netmap.model import Person
    >>> group_of(Person(id="c", name="C", sector="work_school", distance=0.2)).value
    'ad_hoc'
    >>> group_of(Person(id="k", name="K", sector="kin", distance=0.9)).value
    'private'
    """
    if person.is_professional:
        return Group.TEAM if in_team(person) else Group.OUTSIDE
    if person.sector in _PRIVATE_SECTORS:
        return Group.PRIVATE
    return Group.AD_HOC


def by_name(persons: Iterable[Person], lang: Lang) -> list[Person]:
    """Persons in the dictionary order of ``lang`` (Danish: … Z, Æ, Ø, Å; "Aa" as Å);
    equal names keep the map's order.

    >>> from netmap.model import Person
    >>> ps = [Person(id=n.lower(), name=n, sector="kin", distance=0.5)
    ...       for n in ("Åse", "Ærø", "Aalborg", "Zenia", "Øjvind", "anna")]
    >>> [p.name for p in by_name(ps, "da")]
    ['anna', 'Zenia', 'Ærø', 'Øjvind', 'Aalborg', 'Åse']
    """
    return sorted(persons, key=lambda p: sort_key(p.name, lang))


def by_closeness(persons: list[Person]) -> list[Person]:
    """Persons closest first; equal distances by name, then id (stable output).

    >>> from netmap.model import Person
    >>> ps = [Person(id="b", name="Bo", sector="kin", distance=0.5),
    ...       Person(id="a", name="Al", sector="kin", distance=0.5),
    ...       Person(id="c", name="Cy", sector="kin", distance=0.1)]
    >>> [p.id for p in by_closeness(ps)]
    ['c', 'a', 'b']
    """
    # By distance first; the names' sort keys (the slow part: ICU) only where
    # distances are equal. The same order as sorting by (distance, name, id).
    ordered = sorted(persons, key=_distance)
    out: list[Person] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and ordered[end].distance == ordered[start].distance:
            end += 1
        run = ordered[start:end]
        if len(run) > 1:
            run.sort(key=lambda p: (sort_key(p.name), p.id))
        out.extend(run)
        start = end
    return out


def _distance(person: Person) -> float:
    return person.distance


def closest_first(
    network_map: NetworkMap, ordered: Sequence[Person] | None = None
) -> Sequence[Person]:
    """The map's persons by :func:`by_closeness`: ``ordered`` when the caller has
    them so already, else sorted now (the sort is most of a group's cost)."""
    return by_closeness(network_map.persons) if ordered is None else ordered


def derive_groups(network_map: NetworkMap, ordered: Sequence[Person] | None = None) -> Groups:
    """The groups of seed 001's appendix, each listed closest first.

    ``ordered``: the map's persons as :func:`by_closeness` orders them, when the
    caller has them already (:func:`closest_first`; one analysis sorts once).

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"), persons=[
    ...     Person(id="sr", name="SR", sector="professional", distance=0.3),
    ...     Person(id="gp", name="GP", sector="professional", distance=0.9),
    ...     Person(id="boss", name="Boss", sector="work_school", distance=0.5),
    ...     Person(id="mum", name="Mum", sector="family", distance=0.2)])
    >>> g = derive_groups(m)
    >>> g.patient, g.team, g.ad_hoc, g.private, g.outside
    ('p0', ['sr'], ['boss'], ['mum'], ['gp'])
    """
    buckets: dict[Group, list[str]] = {group: [] for group in GROUP_ORDER}
    for person in closest_first(network_map, ordered):
        buckets[group_of(person)].append(person.id)
    return Groups(
        patient=network_map.patient.id,
        team=buckets[Group.TEAM],
        ad_hoc=buckets[Group.AD_HOC],
        private=buckets[Group.PRIVATE],
        outside=buckets[Group.OUTSIDE],
    )


def invite_list(network_map: NetworkMap, ordered: Sequence[Person] | None = None) -> list[str]:
    """Who to invite to the next meeting: the patient first, then the team,
    then every other person the patient said *yes* to (DOMAIN.md, seed 001:
    *"Hvem af dem skal med til møderne?"*), in group order, closest first.

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(id="p0", name="P"), persons=[
    ...     Person(id="mum", name="Mum", sector="family", distance=0.2, attends_meetings="yes"),
    ...     Person(id="dad", name="Dad", sector="family", distance=0.2),
    ...     Person(id="sr", name="SR", sector="professional", distance=0.3)])
    >>> invite_list(m)
    ['p0', 'sr', 'mum']
    """
    rank = {group: i for i, group in enumerate(GROUP_ORDER)}
    grouped = sorted(
        ((group_of(p), p) for p in closest_first(network_map, ordered)),
        key=lambda pair: rank[pair[0]],
    )
    invited = [network_map.patient.id]
    for group, person in grouped:
        if group is Group.TEAM or person.attends_meetings is Attendance.YES:
            invited.append(person.id)
    return invited
