"""Groups and invite list, one row per rule and boundary of DOMAIN.md.

Expected values are written from DOMAIN.md ("What the map derives") and seed
001's appendix, not from running the code: group 2 = professionals the patient
wants at the meetings, role holders, the primary contact and — while
undecided — professionals in the close or middle band (close d ≤ 1/3,
middle 1/3 < d ≤ 2/3); a professional the patient said *no* to is never in
the team; work/school = ad-hoc; family, kin, leisure = private; the invite list
is the patient, the team and every other person the patient said *yes* to.
Team roles and the primary-contact mark count only on professionals (our
documented reading for imported data).
"""

from __future__ import annotations

from typing import Any

import pytest
from analysis_support import PATIENT_ID, make_map, person
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.analysis import Group, derive_groups, group_of, in_team, invite_list

# (case, sector, distance, extra fields, expected group, expected on invite list)
CASES: list[tuple[str, str, float, dict[str, Any], Group, bool]] = [
    # Professionals — the patient's answer to question 4 first.
    ("pro_yes_distant", "professional", 0.9, {"attends_meetings": "yes"}, Group.TEAM, True),
    ("pro_yes_close", "professional", 0.1, {"attends_meetings": "yes"}, Group.TEAM, True),
    ("pro_no_close", "professional", 0.1, {"attends_meetings": "no"}, Group.OUTSIDE, False),
    ("pro_no_middle", "professional", 0.5, {"attends_meetings": "no"}, Group.OUTSIDE, False),
    # Undecided: the band decides, at its exact boundaries.
    ("pro_undecided_close", "professional", 0.2, {}, Group.TEAM, True),
    ("pro_undecided_exactly_one_third", "professional", 1 / 3, {}, Group.TEAM, True),
    ("pro_undecided_just_above_third", "professional", 0.34, {}, Group.TEAM, True),
    ("pro_undecided_exactly_two_thirds", "professional", 2 / 3, {}, Group.TEAM, True),
    ("pro_undecided_just_distant", "professional", 0.67, {}, Group.OUTSIDE, False),
    ("pro_undecided_outer_ring", "professional", 1.0, {}, Group.OUTSIDE, False),
    # Role holders and the primary contact are in the team even when distant ...
    (
        "pro_stafetholder_distant",
        "professional",
        0.9,
        {"team_roles": "stafetholder"},
        Group.TEAM,
        True,
    ),
    (
        "pro_coordinator_distant",
        "professional",
        0.9,
        {"team_roles": "coordinator"},
        Group.TEAM,
        True,
    ),
    (
        "pro_meeting_lead_distant",
        "professional",
        0.9,
        {"team_roles": "meeting_lead"},
        Group.TEAM,
        True,
    ),
    (
        "pro_primary_contact_distant",
        "professional",
        0.9,
        {"primary_contact": True},
        Group.TEAM,
        True,
    ),
    # ... but the patient's no wins over a role and over being the primary contact.
    (
        "pro_stafetholder_declined",
        "professional",
        0.1,
        {"team_roles": "stafetholder,coordinator", "attends_meetings": "no"},
        Group.OUTSIDE,
        False,
    ),
    (
        "pro_primary_contact_declined",
        "professional",
        0.1,
        {"primary_contact": True, "attends_meetings": "no"},
        Group.OUTSIDE,
        False,
    ),
    # Work/school: ad-hoc whatever the answer; a yes puts them on the invite list.
    ("work_undecided_close", "work_school", 0.1, {}, Group.AD_HOC, False),
    ("work_yes", "work_school", 0.6, {"attends_meetings": "yes"}, Group.AD_HOC, True),
    ("work_no", "work_school", 0.6, {"attends_meetings": "no"}, Group.AD_HOC, False),
    # Private network: family, kin, leisure; a yes invites them.
    ("family_undecided", "family", 0.1, {}, Group.PRIVATE, False),
    ("family_yes", "family", 0.2, {"attends_meetings": "yes"}, Group.PRIVATE, True),
    ("kin_yes_distant", "kin", 0.9, {"attends_meetings": "yes"}, Group.PRIVATE, True),
    ("kin_no", "kin", 0.2, {"attends_meetings": "no"}, Group.PRIVATE, False),
    ("leisure_undecided", "leisure", 0.5, {}, Group.PRIVATE, False),
    ("leisure_yes", "leisure", 0.5, {"attends_meetings": "yes"}, Group.PRIVATE, True),
    # Roles on non-professionals (possible in imported data) do not make them team.
    ("family_with_role", "family", 0.1, {"team_roles": "stafetholder"}, Group.PRIVATE, False),
    ("leisure_primary_contact", "leisure", 0.1, {"primary_contact": True}, Group.PRIVATE, False),
    (
        "work_with_role_yes",
        "work_school",
        0.1,
        {"team_roles": "coordinator", "attends_meetings": "yes"},
        Group.AD_HOC,
        True,
    ),
]


@pytest.mark.parametrize(
    ("case", "sector", "distance", "fields", "group", "invited"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_angrp001_each_rule_alone(
    case: str, sector: str, distance: float, fields: dict[str, Any], group: Group, invited: bool
) -> None:
    subject = person("x", sector, distance, **fields)
    m = make_map(subject)
    groups = derive_groups(m)

    assert group_of(subject) is group
    assert in_team(subject) is (group is Group.TEAM)
    assert groups.of(group) == ["x"]
    for other in (g for g in Group if g is not group):
        assert groups.of(other) == []
    assert invite_list(m) == ([PATIENT_ID, "x"] if invited else [PATIENT_ID])


def test_angrp002_all_cases_together_and_patient_first() -> None:
    # A map holds one primary contact: take the rows without one plus one with one.
    together = [c for c in CASES if not c[3].get("primary_contact")]
    together.append(next(c for c in CASES if c[3].get("primary_contact")))
    persons = [
        person(case, sector, distance, **fields)
        for case, sector, distance, fields, _, _ in together
    ]
    m = make_map(*persons)
    groups = derive_groups(m)
    for case, _, _, _, group, invited in together:
        assert case in groups.of(group), case
        assert (case in invite_list(m)) is invited, case
    assert groups.patient == PATIENT_ID
    assert invite_list(m)[0] == PATIENT_ID
    every_id = groups.team + groups.ad_hoc + groups.private + groups.outside
    assert sorted(every_id) == sorted(p.id for p in persons)


def test_angrp003_empty_map() -> None:
    m = make_map()
    groups = derive_groups(m)
    assert (groups.patient, groups.team, groups.ad_hoc, groups.private, groups.outside) == (
        PATIENT_ID,
        [],
        [],
        [],
        [],
    )
    assert invite_list(m) == [PATIENT_ID]


def test_angrp004_groups_listed_closest_first_then_by_name() -> None:
    m = make_map(
        person("far", "professional", 0.6),
        person("near", "professional", 0.1),
        person("bob", "professional", 0.3, attends_meetings="yes"),
        person("amy", "professional", 0.3, attends_meetings="yes"),
    )
    # Equal distances are ordered by name: "Test amy" before "Test bob".
    assert derive_groups(m).team == ["near", "amy", "bob", "far"]


def test_angrp005_invite_list_order_patient_team_then_others_in_group_order() -> None:
    m = make_map(
        person("mum", "family", 0.1, attends_meetings="yes"),
        person("boss", "work_school", 0.5, attends_meetings="yes"),
        person("sr", "professional", 0.4),
        person("gp", "professional", 0.9, attends_meetings="no"),
    )
    assert invite_list(m) == [PATIENT_ID, "sr", "boss", "mum"]


def test_angrp006_invite_list_has_no_duplicates() -> None:
    m = make_map(
        person(
            "sr",
            "professional",
            0.2,
            attends_meetings="yes",
            team_roles="stafetholder",
            primary_contact=True,
        ),
    )
    assert invite_list(m) == [PATIENT_ID, "sr"]


_person_fields = st.fixed_dictionaries(
    {
        "sector": st.sampled_from(["family", "kin", "leisure", "work_school", "professional"]),
        "distance": st.floats(min_value=0.01, max_value=1.0),
        "attends_meetings": st.sampled_from(["yes", "no", "undecided"]),
        "team_roles": st.sampled_from(["", "stafetholder", "coordinator,meeting_lead"]),
    }
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_person_fields, max_size=15), st.data())
def test_angrp007_invariants_for_any_map(fields: list[dict[str, Any]], data: st.DataObject) -> None:
    persons = [person(f"x{i}", **f) for i, f in enumerate(fields)]
    if persons and data.draw(st.booleans()):
        chosen = data.draw(st.integers(0, len(persons) - 1))
        persons[chosen] = persons[chosen].model_copy(update={"primary_contact": True})
    m = make_map(*persons)
    groups = derive_groups(m)
    invited = invite_list(m)
    by_id = {p.id: p for p in persons}
    # Every person is in exactly one group.
    every = groups.team + groups.ad_hoc + groups.private + groups.outside
    assert sorted(every) == sorted(by_id)
    # The team holds only professionals, never one the patient said no to.
    assert all(by_id[i].is_professional for i in groups.team)
    assert all(by_id[i].attends_meetings.value != "no" for i in groups.team)
    # The invite list: the patient first, the whole team, every yes, no no, no repeats.
    assert invited[0] == PATIENT_ID and len(set(invited)) == len(invited)
    assert set(groups.team) <= set(invited)
    assert {p.id for p in persons if p.attends_meetings.value == "yes"} <= set(invited)
    assert not any(by_id[i].attends_meetings.value == "no" for i in invited[1:])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([0.1, 0.5, 0.5, 0.9]),
            st.sampled_from(["Åse", "Aalborg", "anna", "Bo", "Ærø"]),
        ),
        max_size=30,
    )
)
def test_groups_by_closeness_is_distance_then_name_then_id(rows: list[tuple[float, str]]) -> None:
    """Closest first; equal distances by name in Danish order, then by id (the fast sort)."""
    from netmap.analysis.groups import by_closeness
    from netmap.i18n import sort_key
    from netmap.model import Person

    persons = [
        Person(id=f"p{i:02d}", name=name, sector="kin", distance=d)
        for i, (d, name) in enumerate(rows)
    ]
    expected = sorted(persons, key=lambda p: (p.distance, sort_key(p.name), p.id))
    assert [p.id for p in by_closeness(persons)] == [p.id for p in expected]
