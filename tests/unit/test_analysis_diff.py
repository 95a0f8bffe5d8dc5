"""diff(old, new): every kind of change, table-driven, against the issue's JSON shape.

Each case starts from one fictional map, changes it, and states the whole
report that must come out: every key not named must be an empty list.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from netmap.analysis.diff import MapDiff, diff
from netmap.analysis.diff_text import describe_diff
from netmap.model import Consent, NetworkMap, Patient, Person, Tie
from tests.revise import revise

AS_OF = date(2026, 7, 1)
ISSUE_KEYS = {
    "from", "to", "persons_added", "persons_removed", "moved", "sector_changed",
    "details_changed", "answers_changed", "ties_added", "ties_removed", "team_joined",
    "team_left", "checks_appeared", "checks_resolved",
}  # fmt: skip


def _base() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Test", sector="family", distance=0.2, can_help=True),
            Person(id="ven", name="Ven Test", sector="leisure", distance=0.5),
            Person(id="chef", name="Chef Test", sector="work_school", distance=0.6),
            Person(
                id="sr",
                name="Rådgiver Region",
                sector="professional",
                distance=0.4,
                care_sector="region",
                team_roles="stafetholder,coordinator",
                phone="+45 70 20 30 40",
            ),
            Person(
                id="ips",
                name="IPS Kommune",
                sector="professional",
                distance=0.5,
                care_sector="municipality",
                team_roles="stafetholder,coordinator",
                email="ips@example.dk",
            ),
        ],
        ties=[Tie(a="mor", b="ven"), Tie(a="sr", b="ips")],
        consent_given_on=date(2026, 1, 10),
    )


def _person(m: NetworkMap, person_id: str, **changes: Any) -> NetworkMap:
    persons = [revise(p, **changes) if p.id == person_id else p for p in m.persons]
    return m.model_copy(update={"persons": persons})


def _without(m: NetworkMap, person_id: str) -> NetworkMap:
    return m.model_copy(
        update={
            "persons": [p for p in m.persons if p.id != person_id],
            "ties": [t for t in m.ties if person_id not in t.ends],
        }
    )


def _renamed_both_ends(m: NetworkMap) -> NetworkMap:
    m = _person(m, "mor", name="Mor Omdøbt")
    return _person(m, "ven", name="Ven Omdøbt")


def _readded(m: NetworkMap) -> NetworkMap:
    # Removed in between (as a version of its own), now back with the same id.
    back = revise(m.person("ven"), distance=0.3, role="Bedste ven")
    gone = _without(m, "ven")
    return gone.model_copy(update={"persons": [*gone.persons, back]})


def _consent_expired(m: NetworkMap) -> NetworkMap:
    return m.model_copy(update={"consent": Consent(given_on=date(2025, 1, 10))})


CASES: list[tuple[str, Callable[[NetworkMap], NetworkMap], Callable[[NetworkMap], NetworkMap], dict[str, Any]]] = [  # noqa: E501
    ("no change", lambda m: m, lambda m: m, {}),
    (
        "person added",
        lambda m: m,
        lambda m: m.model_copy(
            update={"persons": [*m.persons, Person(id="ny", name="Ny", sector="kin", distance=0.9)]}
        ),
        {"persons_added": ["ny"], "private_joined": ["ny"]},
    ),
    (
        "professional removed",
        lambda m: m,
        lambda m: _without(m, "ips"),
        {
            "persons_removed": ["ips"],
            "ties_removed": [["ips", "sr"]],
            "team_left": ["ips"],
            "checks_appeared": ["no_stafetholder_municipality", "no_coordinator_municipality"],
        },
    ),
    (
        "removed and re-added with the same id",
        lambda m: m,
        _readded,
        {
            "moved": [
                {"id": "ven", "from_distance": 0.5, "to_distance": 0.3,
                 "from_band": "middle", "to_band": "close"}
            ],
            "details_changed": [{"id": "ven", "fields": ["role"]}],
            "ties_removed": [["mor", "ven"]],
        },
    ),
    (
        "moved within its band",
        lambda m: m,
        lambda m: _person(m, "mor", distance=0.3),
        {
            "moved": [
                {"id": "mor", "from_distance": 0.2, "to_distance": 0.3,
                 "from_band": "close", "to_band": "close"}
            ]
        },
    ),
    ("angle alone is no move", lambda m: m, lambda m: _person(m, "mor", angle=40.0), {}),
    (
        "professional leaves the team by moving out of the middle band",
        lambda m: _person(m, "ips", team_roles=(), distance=0.6),
        lambda m: _person(m, "ips", team_roles=(), distance=0.8),
        {
            "moved": [
                {"id": "ips", "from_distance": 0.6, "to_distance": 0.8,
                 "from_band": "middle", "to_band": "distant"}
            ],
            "team_left": ["ips"],
        },
    ),
    (
        "changed sector: work to leisure",
        lambda m: m,
        lambda m: _person(m, "chef", sector="leisure"),
        {
            "sector_changed": [{"id": "chef", "from": "work_school", "to": "leisure"}],
            "ad_hoc_left": ["chef"],
            "private_joined": ["chef"],
        },
    ),
    (
        "role, organisation and contact details",
        lambda m: m,
        lambda m: _person(m, "sr", role="Socialrådgiver", organisation="Psykiatrien",
                          phone="+45 70 20 30 41"),
        {"details_changed": [{"id": "sr", "fields": ["role", "organisation", "phone"]}]},
    ),
    (
        "a tie whose ends were both renamed",
        lambda m: m,
        _renamed_both_ends,
        {
            "details_changed": [
                {"id": "mor", "fields": ["name"]},
                {"id": "ven", "fields": ["name"]},
            ]
        },
    ),
    (
        "ties added and removed",
        lambda m: m,
        lambda m: m.model_copy(update={"ties": [Tie(a="sr", b="ips"), Tie(a="mor", b="sr")]}),
        {"ties_added": [["mor", "sr"]], "ties_removed": [["mor", "ven"]]},
    ),
    (
        "answers changed, all three questions",
        lambda m: m,
        lambda m: _person(m, "ven", knows_how_i_am=True, can_help=False, attends_meetings="yes"),
        {
            "answers_changed": [
                {"id": "ven", "question": "knows_how_i_am", "from": "unknown", "to": "yes"},
                {"id": "ven", "question": "can_help", "from": "unknown", "to": "no"},
                {"id": "ven", "question": "attends_meetings", "from": "undecided", "to": "yes"},
            ]
        },
    ),
    (
        "declined professional leaves the team and a role check appears",
        lambda m: m,
        lambda m: _person(m, "sr", attends_meetings="no"),
        {
            "answers_changed": [
                {"id": "sr", "question": "attends_meetings", "from": "undecided", "to": "no"}
            ],
            "team_left": ["sr"],
            "checks_appeared": [
                "no_stafetholder_region", "no_coordinator_region", "role_holder_declined"
            ],
        },
    ),
    (
        "nobody left to get help from",
        lambda m: m,
        lambda m: _person(m, "mor", can_help=None),
        {
            "answers_changed": [
                {"id": "mor", "question": "can_help", "from": "yes", "to": "unknown"}
            ],
            "checks_appeared": ["no_help_person"],
        },
    ),
    (
        "consent renewed",
        _consent_expired,
        lambda m: m.model_copy(update={"consent": Consent(given_on=date(2026, 6, 1))}),
        {"checks_resolved": ["consent_expired"]},
    ),
]  # fmt: skip


def _empty(from_version: int, to_version: int) -> dict[str, Any]:
    return json.loads(json.dumps(MapDiff(from_=from_version, to=to_version).report()))


@pytest.mark.parametrize(
    ("old_of", "new_of", "expected"),
    [pytest.param(old, new, exp, id=name) for name, old, new, exp in CASES],
)
def test_diff001_every_kind_of_change(
    old_of: Callable[[NetworkMap], NetworkMap],
    new_of: Callable[[NetworkMap], NetworkMap],
    expected: dict[str, Any],
) -> None:
    base = _base()
    found = diff(old_of(base), new_of(base), from_version=3, to_version=7, as_of=AS_OF)
    report = json.loads(json.dumps(found.report()))
    assert report == {**_empty(3, 7), **expected}
    assert found.is_empty is (not expected)


def test_diff002_json_has_exactly_the_issues_keys_plus_the_groups() -> None:
    report = diff(_base(), _base(), from_version=1, to_version=2, as_of=AS_OF).report()
    extra = {"ad_hoc_joined", "ad_hoc_left", "private_joined", "private_left"}
    assert set(report) == ISSUE_KEYS | extra
    assert (report["from"], report["to"]) == (1, 2)
    assert all(report[key] == [] for key in set(report) - {"from", "to"})


def test_diff003_plain_words_in_danish_and_english() -> None:
    base = _base()
    new = _person(_without(base, "chef"), "ips", team_roles=(), distance=0.8)
    new = _person(new, "ven", attends_meetings="yes")
    found = diff(base, new, as_of=AS_OF)
    da = describe_diff(found, "da")
    assert "Taget af kortet: Chef Test" in da
    assert "Rykket længere væk: IPS Kommune (midt imellem → længere væk)" in da
    assert "Nye svar: Ven Test – med til møderne: ikke besluttet → ja" in da
    assert "Ikke længere i Patientens team: IPS Kommune" in da
    assert any(line.startswith("Nyt at være opmærksom på: ") for line in da)
    en = describe_diff(found, "en")
    assert "Taken off the map: Chef Test" in en
    assert "No longer in Patientens team: IPS Kommune" in en
    assert describe_diff(diff(base, base, as_of=AS_OF), "en") == ["No changes."]
    renewed = diff(_consent_expired(base), base, as_of=AS_OF)
    assert describe_diff(renewed, "da")[0].startswith("Ikke længere et problem: Samtykket fra")
