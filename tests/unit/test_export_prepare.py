"""Export preparation: who is shared, and the map as each audience may see it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sharing_maps import CPR, CPR_RE, big_map, demo_map

from netmap.analysis.sharing import shared_with_team
from netmap.export.redact import Audience, prepare
from netmap.interchange import dump_json
from netmap.model import Consent, NetworkMap, Person

CONSENT = Consent(given_on=date(2026, 11, 1), recorded_by="KP Test")


@pytest.mark.parametrize(
    ("fields", "shared"),
    [
        ({"sector": "professional"}, True),
        ({"sector": "professional", "attends_meetings": "no"}, True),
        ({"sector": "family"}, False),
        ({"sector": "family", "attends_meetings": "yes"}, True),
        ({"sector": "work_school", "attends_meetings": "undecided"}, False),
        ({"sector": "leisure", "attends_meetings": "yes", "share_with_team": False}, False),
        ({"sector": "kin", "share_with_team": True}, True),
        ({"sector": "professional", "share_with_team": False}, False),
    ],
)
def test_prep001_share_rule_and_the_patients_choice(fields: dict[str, str], shared: bool) -> None:
    person = Person.model_validate({"id": "x", "name": "X Test", "distance": 0.5, **fields})
    assert shared_with_team(person) is shared


def _texts(network_map: NetworkMap) -> str:
    return dump_json(network_map, include_cpr=True)


def test_prep002_team_shows_unshared_persons_by_role_only() -> None:
    sofie = demo_map(CONSENT)
    team = prepare(sofie, Audience.TEAM)
    by_place = {(p.sector, p.distance): p for p in team.persons}
    for person in sofie.persons:
        shown = by_place[(person.sector, person.distance)]
        if shared_with_team(person):
            assert (shown.name, shown.phone, shown.email) == (
                person.name,
                person.phone,
                person.email,
            )
        else:
            assert shown.name == person.role
            assert (shown.phone, shown.email, shown.organisation, shown.helps_with) == (
                None,
                None,
                None,
                None,
            )
            assert person.name not in _texts(team)
    # Mads Jensen (Lillebror) is not shared; Lene Jensen (Mor) comes to the meetings.
    names = [p.name for p in team.persons]
    assert "Lillebror" in names and "Mads Jensen" not in names and "Lene Jensen" in names
    assert team.patient.cpr is None and team.patient.name == "Sofie Jensen"
    assert len(team.ties) == len(sofie.ties)


def test_prep003_a_person_without_role_is_shown_by_the_sectors_word() -> None:
    m = demo_map().model_copy(
        update={
            "persons": [
                Person(id="k", name="Kim Hemmelig", sector="leisure", distance=0.4),
            ],
            "ties": [],
        }
    )
    (shown,) = prepare(m, Audience.TEAM).persons
    assert shown.name == "Ven eller bekendt"
    (shown_en,) = prepare(m, Audience.TEAM, lang="en").persons
    assert shown_en.name == "Friend or acquaintance"


@pytest.mark.parametrize("network_map", [demo_map(CONSENT), big_map(200, CONSENT)])
def test_prep004_redacted_has_no_names_contacts_or_cpr_and_keeps_the_structure(
    network_map: NetworkMap,
) -> None:
    redacted = prepare(network_map, Audience.REDACTED)
    text = _texts(redacted)
    for person in network_map.persons:
        for value in (person.name, person.phone, person.email, person.organisation):
            if value:
                assert value not in text, value
        assert f'"{person.id}"' not in text  # ids are slugs of names
    assert network_map.patient.name not in text
    assert "KP Test" not in text
    assert redacted.patient.name == "Patienten"
    assert not re.search(CPR_RE, text)

    # The structure: same sectors, distances, answers, roles and ties.
    def shape(m: NetworkMap) -> list[tuple[object, ...]]:
        return [
            (p.sector, p.distance, p.attends_meetings, p.can_help, p.team_roles) for p in m.persons
        ]

    assert shape(redacted) == shape(network_map)
    assert len(redacted.ties) == len(network_map.ties)


def test_prep005_cpr_only_when_asked_and_never_redacted() -> None:
    sofie = demo_map(CONSENT)
    for audience in Audience:
        assert prepare(sofie, audience).patient.cpr is None
    assert prepare(sofie, Audience.TEAM, include_cpr=True).patient.cpr == CPR
    assert prepare(sofie, Audience.PATIENT, include_cpr=True).patient.cpr == CPR
    assert prepare(sofie, Audience.REDACTED, include_cpr=True).patient.cpr is None


def test_prep006_the_patients_copy_has_everything_but_cpr() -> None:
    sofie = demo_map(CONSENT)
    copy = prepare(sofie, Audience.PATIENT)
    assert copy.persons == sofie.persons and copy.ties == sofie.ties
    assert copy.consent == sofie.consent
    assert sofie.patient.cpr == CPR  # the map itself is not changed
