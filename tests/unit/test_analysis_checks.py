"""Checks, one table row per rule and boundary (DOMAIN.md; seeds 000–002).

Expected values come from the seeds as DOMAIN.md reads them: consent is valid
for one year at a time (seed 002, "Samtykke"; to and including the same date a
year later, see netmap.consent);
a stafetholder and a course coordinator from each sector of care, region and
municipality (seed 002 "Stafetholder", seed 000 "Forløbskoordinatorer"),
counting only members of Patientens team; someone the patient can get help
from (seed 001, question 3 and the crisis plan, 5.7); contact details for
every team member (seed 001, appendix step 4); a role holder the patient said
no to leaves the role uncovered and is itself a check.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from analysis_support import make_map, person

from netmap.analysis import CheckCode, Finding, run_checks
from netmap.meetings import Meeting
from netmap.model import Consent, NetworkMap, Person


def consent_year_before(day: date) -> date:
    """The same date a year before (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


AS_OF = date(2026, 11, 22)
ALL_ROLE_CODES = {
    "no_stafetholder_region",
    "no_stafetholder_municipality",
    "no_coordinator_region",
    "no_coordinator_municipality",
}


def _full_team(**overrides: dict[str, Any]) -> list[Person]:
    """A team that covers every role, is reachable, and has a helper."""
    fields: dict[str, dict[str, Any]] = {
        "reg": {
            "care_sector": "region",
            "team_roles": "stafetholder,coordinator",
            "email": "reg@example.dk",
            "attends_meetings": "yes",
        },
        "mun": {
            "care_sector": "municipality",
            "team_roles": "stafetholder,coordinator",
            "email": "mun@example.dk",
            "attends_meetings": "yes",
            "can_help": True,
        },
    }
    for pid, change in overrides.items():
        fields[pid] = {**fields[pid], **change}
    return [person(pid, "professional", f.pop("distance", 0.3), **f) for pid, f in fields.items()]


def _codes(m: NetworkMap, as_of: date = AS_OF) -> set[str]:
    return {f.code.value for f in run_checks(m, as_of=as_of)}


def _finding(m: NetworkMap, code: str, as_of: date = AS_OF) -> Finding:
    (found,) = [f for f in run_checks(m, as_of=as_of) if f.code.value == code]
    return found


def test_anchk001_full_team_with_valid_consent_raises_nothing() -> None:
    m = make_map(*_full_team(), consent_given_on=AS_OF - timedelta(days=10))
    assert run_checks(m, as_of=AS_OF) == []


@pytest.mark.parametrize(
    ("given_on", "as_of", "expected"),
    [
        (None, date(2026, 1, 1), "consent_missing"),
        (date(2025, 1, 1), date(2025, 1, 1), None),  # given today
        (date(2025, 1, 1), date(2025, 12, 31), None),  # day 364
        (date(2025, 1, 1), date(2026, 1, 1), None),  # the same date a year later: valid
        (date(2025, 1, 1), date(2026, 1, 2), "consent_expired"),  # a year and a day
        (date(2024, 1, 1), date(2025, 1, 1), None),  # over 29 February: day 366, still valid
        (date(2024, 1, 1), date(2025, 1, 2), "consent_expired"),
        (date(2024, 2, 29), date(2025, 2, 28), None),  # no 29 February next year
        (date(2024, 2, 29), date(2025, 3, 1), "consent_expired"),
        (date(2020, 6, 1), date(2026, 11, 22), "consent_expired"),
    ],
    ids=[
        "missing",
        "same_day",
        "day364",
        "one_year",
        "one_year_one_day",
        "leap_one_year",
        "leap_one_year_one_day",
        "feb29_valid",
        "feb29_expired",
        "old",
    ],
)
def test_anchk002_consent(given_on: date | None, as_of: date, expected: str | None) -> None:
    m = make_map(*_full_team(), consent_given_on=given_on)
    consent_codes = _codes(m, as_of) & {"consent_missing", "consent_expired"}
    assert consent_codes == ({expected} if expected else set())


def test_anchk003_expired_consent_message_names_the_dates() -> None:
    m = make_map(*_full_team(), consent_given_on=date(2025, 1, 1))
    found = _finding(m, "consent_expired", date(2026, 1, 2))
    assert "01.01.2025" in found.message("da")
    assert "Jan 1, 2026" in found.message("en")  # the last valid day
    assert found.persons == []


def test_anchk004_as_of_defaults_to_today() -> None:
    today = date.today()
    one_year_ago = consent_year_before(today)
    fresh = make_map(*_full_team(), consent_given_on=one_year_ago)
    stale = make_map(*_full_team(), consent_given_on=one_year_ago - timedelta(days=1))
    assert run_checks(fresh) == []
    assert [f.code.value for f in run_checks(stale)] == ["consent_expired"]


# (case, overrides of the full team, extra persons, role codes expected)
ROLE_CASES: list[tuple[str, dict[str, dict[str, Any]], list[Person], set[str]]] = [
    ("covered", {}, [], set()),
    (
        "region_holds_nothing",
        {"reg": {"team_roles": ""}},
        [],
        {"no_stafetholder_region", "no_coordinator_region"},
    ),
    (
        "municipality_only_coordinator",
        {"mun": {"team_roles": "coordinator"}},
        [],
        {"no_stafetholder_municipality"},
    ),
    # A role holder in care sector "other" (GP, union) covers neither sector.
    (
        "other_sector_does_not_count",
        {"reg": {"care_sector": "other"}},
        [],
        {"no_stafetholder_region", "no_coordinator_region"},
    ),
    (
        "care_sector_unknown",
        {"mun": {"care_sector": None}},
        [],
        {"no_stafetholder_municipality", "no_coordinator_municipality"},
    ),
    # A role holder the patient said no to is not in the team: the role is uncovered.
    (
        "region_holder_declined",
        {"reg": {"attends_meetings": "no"}},
        [],
        {"no_stafetholder_region", "no_coordinator_region"},
    ),
    # Undecided and distant, but a role holder: in the team, so the role is covered.
    (
        "undecided_distant_holder",
        {"reg": {"attends_meetings": "undecided", "distance": 0.95}},
        [],
        set(),
    ),
    # A relative marked as stafetholder (imported data) does not cover the role.
    (
        "relative_with_role",
        {"reg": {"team_roles": ""}},
        [
            person(
                "aunt",
                "kin",
                0.2,
                team_roles="stafetholder,coordinator",
                care_sector="region",
                attends_meetings="yes",
            )
        ],
        {"no_stafetholder_region", "no_coordinator_region"},
    ),
    # The meeting lead is not a stafetholder or coordinator.
    (
        "meeting_lead_only",
        {"reg": {"team_roles": "meeting_lead"}},
        [],
        {"no_stafetholder_region", "no_coordinator_region"},
    ),
]


@pytest.mark.parametrize(
    ("case", "overrides", "extra", "expected"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES]
)
def test_anchk005_role_checks_count_only_team_members(
    case: str, overrides: dict[str, dict[str, Any]], extra: list[Person], expected: set[str]
) -> None:
    m = make_map(*_full_team(**overrides), *extra, consent_given_on=AS_OF)
    assert _codes(m) & ALL_ROLE_CODES == expected


def test_anchk006_declined_role_holder_raises_its_own_check() -> None:
    m = make_map(*_full_team(reg={"attends_meetings": "no"}), consent_given_on=AS_OF)
    found = _finding(m, "role_holder_declined")
    assert found.persons == ["reg"]
    assert "Test reg" in found.message("da")
    assert "Test reg" in found.message("en")


def test_anchk006b_declined_role_holder_message_speaks_of_one_person() -> None:
    m = make_map(*_full_team(reg={"attends_meetings": "no"}), consent_given_on=AS_OF)
    da = _finding(m, "role_holder_declined").message("da")
    assert "vedkommende har en rolle" in da and " de har " not in da


@pytest.mark.parametrize(
    ("care_sector", "roles", "fires"),
    [
        (None, "stafetholder", True),
        (None, "coordinator", True),
        (None, "meeting_lead", False),  # counted for neither care sector
        ("region", "stafetholder", False),
        ("other", "stafetholder", False),
    ],
)
def test_anchk006c_role_holder_without_care_sector_is_told_to_set_it(
    care_sector: str | None, roles: str, fires: bool
) -> None:
    # The municipality's stafetholder forgot "Hører til": the role check fires,
    # and a second finding says what to fill in.
    extra = {"care_sector": care_sector} if care_sector else {}
    holder = person("new", "professional", 0.3, team_roles=roles, **extra)
    m = make_map(*_full_team(), holder, consent_given_on=AS_OF)
    assert ("role_holder_no_care_sector" in _codes(m)) is fires
    if fires:
        found = _finding(m, "role_holder_no_care_sector")
        assert found.persons == ["new"]
        assert "«Hører til»" in found.message("da") and "vedkommende" in found.message("da")
        assert "“Belongs to”" in found.message("en")


def test_anchk006d_no_care_sector_hint_for_a_professional_outside_the_team() -> None:
    declined = person("far", "professional", 0.3, team_roles="stafetholder", attends_meetings="no")
    m = make_map(*_full_team(), declined, consent_given_on=AS_OF)
    assert "role_holder_no_care_sector" not in _codes(m)


def test_anchk007_declined_relative_with_role_is_not_a_role_holder() -> None:
    relative = person("aunt", "kin", 0.2, team_roles="stafetholder", attends_meetings="no")
    m = make_map(*_full_team(), relative, consent_given_on=AS_OF)
    assert "role_holder_declined" not in _codes(m)


@pytest.mark.parametrize(
    ("can_help_values", "fires"),
    [
        ([], True),
        ([None], True),
        ([False, None], True),
        ([True], False),
        ([False, True], False),
    ],
    ids=["nobody", "not_asked", "all_no", "one_yes", "one_of_two"],
)
def test_anchk008_no_help_person(can_help_values: list[bool | None], fires: bool) -> None:
    team = _full_team(mun={"can_help": None})
    helpers = [
        person(f"h{i}", "leisure", 0.5, can_help=v, attends_meetings="no")
        for i, v in enumerate(can_help_values)
    ]
    m = make_map(*team, *helpers, consent_given_on=AS_OF)
    assert ("no_help_person" in _codes(m)) is fires


def test_anchk009_a_declined_professional_can_still_be_the_help_person() -> None:
    team = _full_team(mun={"can_help": None})
    gp = person("gp", "professional", 0.9, can_help=True, attends_meetings="no")
    assert "no_help_person" not in _codes(make_map(*team, gp, consent_given_on=AS_OF))


@pytest.mark.parametrize(
    ("fields", "unreachable"),
    [
        ({"attends_meetings": "yes"}, True),  # team member, no phone or e-mail
        ({"distance": 0.3}, True),  # undecided and close: in the team
        ({"attends_meetings": "yes", "email": "x@example.dk"}, False),
        ({"attends_meetings": "yes", "phone": "+45 70 12 34 56"}, False),
        ({"attends_meetings": "no"}, False),  # not in the team
        ({"distance": 0.9}, False),  # undecided and distant: not in the team
    ],
    ids=["yes_no_contact", "undecided_close", "email_only", "phone_only", "declined", "distant"],
)
def test_anchk010_team_member_unreachable(fields: dict[str, Any], unreachable: bool) -> None:
    subject = person("x", "professional", fields.pop("distance", 0.5), **fields)
    m = make_map(*_full_team(), subject, consent_given_on=AS_OF)
    codes = _codes(m)
    assert ("team_member_unreachable" in codes) is unreachable
    if unreachable:
        found = _finding(m, "team_member_unreachable")
        assert found.persons == ["x"]
        assert "Test x" in found.message("da")


def test_anchk011_private_persons_without_contact_details_are_fine() -> None:
    m = make_map(
        *_full_team(), person("mum", "family", 0.1, attends_meetings="yes"), consent_given_on=AS_OF
    )
    assert run_checks(m, as_of=AS_OF) == []


def test_anchk012_empty_map() -> None:
    # Nothing drawn yet: no consent, no roles, nobody to get help from.
    assert [f.code.value for f in run_checks(make_map(), as_of=AS_OF)] == [
        "consent_missing",
        "no_stafetholder_region",
        "no_stafetholder_municipality",
        "no_coordinator_region",
        "no_coordinator_municipality",
        "no_help_person",
    ]


def test_anchk013_every_code_has_a_source_and_messages_in_both_languages() -> None:
    # One map that fires every check at once.
    declined = person(
        "reg",
        "professional",
        0.2,
        care_sector="region",
        team_roles="stafetholder",
        attends_meetings="no",
    )
    silent = person("sil", "professional", 0.2, care_sector="municipality")
    unplaced = person("ups", "professional", 0.3, team_roles="coordinator")
    m = make_map(declined, silent, unplaced, consent_given_on=date(2020, 1, 1))
    held = Meeting(id="m1", date=AS_OF, held=True, next_meeting=AS_OF + timedelta(days=30))
    m = m.model_copy(update={"meetings": [held]})
    findings = run_checks(m, as_of=AS_OF, map_changed_at=datetime(2020, 1, 1))
    codes = [f.code for f in findings]
    assert set(codes) == set(CheckCode) - {
        CheckCode.CONSENT_MISSING,
        CheckCode.CONSENT_WITHDRAWN,
    }
    assert codes == sorted(codes, key=list(CheckCode).index)
    withdrawn = m.model_copy(
        update={"consent": Consent(given_on=date(2020, 1, 1), withdrawn_on=date(2020, 2, 1))}
    )
    findings += [f for f in run_checks(withdrawn, as_of=AS_OF) if f.code.startswith("consent")]
    for f in findings:
        assert f.source.split(": ")[0] in TITLES, f.code
        da, en = f.message("da"), f.message("en")
        assert da and en and da != en
        assert "{" not in da and "{" not in en


#: The titles of seeds 000-002, as printed on the documents.
TITLES = {
    "Drejebog for møder i Patientens team",
    "Tværsektoriel samarbejdsmodel for Patientens team",
    "Patientens team – samarbejde på tværs af sektorer",
}


def test_anchk014_sources_name_the_seed_sections() -> None:
    m = make_map(consent_given_on=None)
    sources = {f.code.value: f.source for f in run_checks(m, as_of=AS_OF)}
    leaflet = "Patientens team – samarbejde på tværs af sektorer"  # seed 002
    assert sources["consent_missing"] == f"{leaflet}: Samtykke"
    assert sources["no_stafetholder_region"] == f"{leaflet}: Stafetholder"
    assert sources["no_coordinator_municipality"] == (
        "Drejebog for møder i Patientens team: Forløbskoordinatorer"  # seed 000
    )


@pytest.mark.parametrize(
    ("withdrawn_on", "as_of", "expected"),
    [
        (date(2025, 6, 1), date(2025, 5, 31), None),  # withdrawal recorded ahead: not yet
        (date(2025, 6, 1), date(2025, 6, 1), "consent_withdrawn"),
        (date(2025, 6, 1), date(2027, 1, 1), "consent_withdrawn"),  # withdrawn wins over expired
    ],
)
def test_anchk015_withdrawn_consent(withdrawn_on: date, as_of: date, expected: str | None) -> None:
    m = make_map(*_full_team()).model_copy(
        update={"consent": Consent(given_on=date(2025, 1, 1), withdrawn_on=withdrawn_on)}
    )
    found = _codes(m, as_of) & {"consent_missing", "consent_expired", "consent_withdrawn"}
    assert found == ({expected} if expected else set())
    if expected:
        assert "01.06.2025" in _finding(m, expected, as_of).message("da")
