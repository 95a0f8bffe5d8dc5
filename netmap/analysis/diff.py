"""What changed between two versions of a map, for the meeting (issue 11, "What changed").

:func:`diff` is pure: two maps in, one :class:`MapDiff` out. Persons are
matched by their stable id, so a person removed and added again with the same
id is the same person (only what differs about them is listed), and a tie
is the pair of ids, so renaming both of its ends changes no tie. Groups and
checks come from :mod:`netmap.analysis` (:func:`~netmap.analysis.groups.group_of`,
:func:`~netmap.analysis.checks.run_checks`), never derived again here.

Readings: ``moved`` lists persons whose distance changed (closer or further;
``from_band``/``to_band`` show whether the band changed); a change of angle
alone is no move. A person removed from the map also leaves their group
(``team_left`` …). Answers are written as ``yes``, ``no``, ``undecided``
(question 4) or ``unknown`` (questions 2–3 not asked). Checks are compared
by code, both as of the same day.

>>> from netmap.model import NetworkMap, Patient, Person
>>> old = NetworkMap(patient=Patient(name="Testa"), persons=[
...     Person(id="mor", name="Mor", sector="family", distance=0.5)])
>>> new = NetworkMap(patient=Patient(name="Testa"), persons=[
...     Person(id="mor", name="Mor", sector="family", distance=0.2, attends_meetings="yes")])
>>> d = diff(old, new, from_version=3, to_version=4, as_of=date(2026, 1, 1))
>>> [(m.id, m.from_band.value, m.to_band.value) for m in d.moved]
[('mor', 'middle', 'close')]
>>> d.report()["answers_changed"]
[{'id': 'mor', 'question': 'attends_meetings', 'from': 'undecided', 'to': 'yes'}]
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field

from netmap.analysis.checks import CheckCode, Finding, run_checks
from netmap.analysis.groups import Group, group_of
from netmap.model import Attendance, Band, NetworkMap, Person, Sector, StrictModel

__all__ = [
    "DETAIL_FIELDS",
    "QUESTIONS",
    "AnswerChange",
    "AnswerCode",
    "DetailsChange",
    "MapDiff",
    "Move",
    "SectorChange",
    "diff",
]

Question = Literal["knows_how_i_am", "can_help", "attends_meetings"]
AnswerCode = Literal["yes", "no", "undecided", "unknown"]
QUESTIONS: tuple[Question, ...] = ("knows_how_i_am", "can_help", "attends_meetings")
#: "Changed role, organisation or contact details" — and the name, roles and marks.
DETAIL_FIELDS = (
    "name",
    "role",
    "organisation",
    "care_sector",
    "phone",
    "email",
    "helps_with",
    "team_roles",
    "primary_contact",
)


class _Part(StrictModel):
    # "from" is a Python keyword: the field is from_, its JSON key "from".
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class Move(_Part, frozen=True):
    id: str
    from_distance: float
    to_distance: float
    from_band: Band
    to_band: Band


class SectorChange(_Part, frozen=True):
    id: str
    from_: Sector = Field(alias="from")
    to: Sector


class DetailsChange(_Part, frozen=True):
    id: str
    fields: list[str]


class AnswerChange(_Part, frozen=True):
    id: str
    question: Question
    from_: AnswerCode = Field(alias="from")
    to: AnswerCode


class MapDiff(_Part):
    """Everything that changed from one version to another (JSON: :meth:`report`)."""

    from_: int | None = Field(default=None, alias="from")
    to: int | None = None
    persons_added: list[str] = Field(default_factory=list)
    persons_removed: list[str] = Field(default_factory=list)
    moved: list[Move] = Field(default_factory=list)
    sector_changed: list[SectorChange] = Field(default_factory=list)
    details_changed: list[DetailsChange] = Field(default_factory=list)
    answers_changed: list[AnswerChange] = Field(default_factory=list)
    ties_added: list[tuple[str, str]] = Field(default_factory=list)
    ties_removed: list[tuple[str, str]] = Field(default_factory=list)
    team_joined: list[str] = Field(default_factory=list)
    team_left: list[str] = Field(default_factory=list)
    ad_hoc_joined: list[str] = Field(default_factory=list)
    ad_hoc_left: list[str] = Field(default_factory=list)
    private_joined: list[str] = Field(default_factory=list)
    private_left: list[str] = Field(default_factory=list)
    checks_appeared: list[CheckCode] = Field(default_factory=list)
    checks_resolved: list[CheckCode] = Field(default_factory=list)
    # For the plain-language description only; not part of the JSON.
    names: dict[str, str] = Field(default_factory=dict, exclude=True)
    findings_appeared: list[Finding] = Field(default_factory=list, exclude=True)
    findings_resolved: list[Finding] = Field(default_factory=list, exclude=True)

    @property
    def is_empty(self) -> bool:
        """Nothing changed (the version numbers aside)."""
        return self.report() == MapDiff(from_=self.from_, to=self.to).report()

    def report(self) -> dict[str, Any]:
        """The JSON object of ``netmap diff --json``."""
        return self.model_dump(mode="json")


def _answer(value: bool | Attendance | None) -> AnswerCode:
    if value is None:
        return "unknown"
    if isinstance(value, Attendance):
        return value.value
    return "yes" if value else "no"


class _Found:
    """The per-person lists, gathered before the one MapDiff is built."""

    def __init__(self) -> None:
        self.moved: list[Move] = []
        self.sector_changed: list[SectorChange] = []
        self.details_changed: list[DetailsChange] = []
        self.answers_changed: list[AnswerChange] = []


def _compare(before: Person, after: Person, found: _Found) -> None:
    if before.distance != after.distance:
        # Values straight from two valid persons: built without validating again.
        found.moved.append(
            Move.model_construct(
                id=after.id,
                from_distance=before.distance,
                to_distance=after.distance,
                from_band=before.band,
                to_band=after.band,
            )
        )
    if before.sector is not after.sector:
        found.sector_changed.append(SectorChange(id=after.id, from_=before.sector, to=after.sector))
    fields = [f for f in DETAIL_FIELDS if getattr(before, f) != getattr(after, f)]
    if fields:
        found.details_changed.append(DetailsChange.model_construct(id=after.id, fields=fields))
    for question in QUESTIONS:
        old, new = _answer(getattr(before, question)), _answer(getattr(after, question))
        if old != new:
            found.answers_changed.append(
                AnswerChange.model_construct(id=after.id, question=question, from_=old, to=new)
            )


def _groups(network_map: NetworkMap) -> dict[str, Group]:
    # group_of per person: the same rule as derive_groups, without its sorting.
    return {p.id: group_of(p) for p in network_map.persons}


def _joined_left(
    old: dict[str, Group], new: dict[str, Group], group: Group
) -> tuple[list[str], list[str]]:
    joined = [i for i, g in new.items() if g is group and old.get(i) is not group]
    left = [i for i, g in old.items() if g is group and new.get(i) is not group]
    return joined, left


def diff(
    old: NetworkMap,
    new: NetworkMap,
    *,
    from_version: int | None = None,
    to_version: int | None = None,
    as_of: date | None = None,
) -> MapDiff:
    """What changed from ``old`` to ``new``; checks as of ``as_of`` (default today).

    Lists follow the order of the map they come from (``new`` for what is
    there now, ``old`` for what is gone).
    """
    as_of = date.today() if as_of is None else as_of
    old_persons = {p.id: p for p in old.persons}
    new_persons = {p.id: p for p in new.persons}
    found = _Found()
    for person in new.persons:
        before = old_persons.get(person.id)
        # Persons are frozen and shared between versions: most are the same object.
        if before is not None and before is not person and before != person:
            _compare(before, person, found)
    old_ties = {t.ends for t in old.ties}
    new_ties = {t.ends for t in new.ties}

    old_groups, new_groups = _groups(old), _groups(new)
    team_joined, team_left = _joined_left(old_groups, new_groups, Group.TEAM)
    ad_hoc_joined, ad_hoc_left = _joined_left(old_groups, new_groups, Group.AD_HOC)
    private_joined, private_left = _joined_left(old_groups, new_groups, Group.PRIVATE)

    old_findings = run_checks(old, as_of=as_of)
    new_findings = run_checks(new, as_of=as_of)
    old_codes = {f.code for f in old_findings}
    new_codes = {f.code for f in new_findings}
    appeared = [f for f in new_findings if f.code not in old_codes]
    resolved = [f for f in old_findings if f.code not in new_codes]
    return MapDiff(
        from_=from_version,
        to=to_version,
        persons_added=[p.id for p in new.persons if p.id not in old_persons],
        persons_removed=[p.id for p in old.persons if p.id not in new_persons],
        moved=found.moved,
        sector_changed=found.sector_changed,
        details_changed=found.details_changed,
        answers_changed=found.answers_changed,
        ties_added=[t.ends for t in new.ties if t.ends not in old_ties],
        ties_removed=[t.ends for t in old.ties if t.ends not in new_ties],
        team_joined=team_joined,
        team_left=team_left,
        ad_hoc_joined=ad_hoc_joined,
        ad_hoc_left=ad_hoc_left,
        private_joined=private_joined,
        private_left=private_left,
        checks_appeared=[f.code for f in appeared],
        checks_resolved=[f.code for f in resolved],
        names={p.id: p.name for p in old.persons} | {p.id: p.name for p in new.persons},
        findings_appeared=appeared,
        findings_resolved=resolved,
    )
