"""The contact overview (seed 001's netværksoverblik, appendix step 4)."""

from __future__ import annotations

from analysis_support import make_map, person

from netmap.analysis import Group, contact_overview


def test_anovw001_one_row_per_person_sorted_by_group_then_closeness() -> None:
    m = make_map(
        person("gp", "professional", 0.9, attends_meetings="no"),
        person("friend", "leisure", 0.5),
        person("mum", "family", 0.1),
        person("boss", "work_school", 0.4),
        person("ips", "professional", 0.3),
        person("sr", "professional", 0.1, attends_meetings="yes"),
    )
    rows = contact_overview(m)
    assert [(r.id, r.group) for r in rows] == [
        ("sr", Group.TEAM),
        ("ips", Group.TEAM),
        ("boss", Group.AD_HOC),
        ("mum", Group.PRIVATE),
        ("friend", Group.PRIVATE),
        ("gp", Group.OUTSIDE),
    ]


def test_anovw002_row_carries_contact_help_band_roles_and_invitation() -> None:
    m = make_map(
        person(
            "sr",
            "professional",
            0.5,
            role="Socialrådgiver",
            organisation="Psykiatrien",
            care_sector="region",
            phone="+45 70 12 34 56",
            email="sr@example.dk",
            helps_with="Bolig",
            team_roles="coordinator,stafetholder",
            primary_contact=True,
        ),
        person("aunt", "kin", 0.9, team_roles="stafetholder", attends_meetings="yes"),
    )
    sr, aunt = contact_overview(m)
    assert (sr.name, sr.role, sr.organisation, sr.care_sector) == (
        "Test sr",
        "Socialrådgiver",
        "Psykiatrien",
        "region",
    )
    assert (sr.phone, sr.email, sr.helps_with) == ("+45 70 12 34 56", "sr@example.dk", "Bolig")
    assert (sr.sector, sr.band, sr.group) == ("professional", "middle", Group.TEAM)
    assert [r.value for r in sr.team_roles] == ["stafetholder", "coordinator"]
    assert sr.primary_contact and sr.invited
    # Roles count only on professionals, so the overview does not show them on a relative.
    assert aunt.team_roles == [] and aunt.group is Group.PRIVATE and aunt.invited


def test_anovw003_empty_map_has_no_rows() -> None:
    assert contact_overview(make_map()) == []
