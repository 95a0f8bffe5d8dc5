"""The FHIR R4 Bundle, validated with the fhir.resources R4 (R4B package) models."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent as FhirConsent
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.relatedperson import RelatedPerson
from sharing_maps import CPR_RE, big_map, demo_map

from netmap.analysis.groups import in_team
from netmap.export.fhir import CPR_SYSTEM, TEAM_ROLE_SYSTEM, fhir_json
from netmap.export.redact import Audience, prepare
from netmap.model import Consent, NetworkMap

TODAY = date(2026, 12, 1)
VALID = Consent(given_on=date(2026, 3, 1))
TYPES = {
    "Patient": FhirPatient,
    "RelatedPerson": RelatedPerson,
    "Practitioner": Practitioner,
    "PractitionerRole": PractitionerRole,
    "CareTeam": CareTeam,
    "Consent": FhirConsent,
}


def _bundle(network_map: NetworkMap, **kw: Any) -> dict[str, Any]:
    data = json.loads(fhir_json(network_map, today=TODAY, **kw))
    Bundle.model_validate(data)  # the whole bundle, as read back
    for entry in data["entry"]:
        resource = entry["resource"]
        TYPES[resource["resourceType"]].model_validate(resource)
    return data


def _of(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("network_map", [demo_map(VALID), big_map(200, VALID)], ids=["demo", "200"])
def test_fhir001_bundle_validates_and_holds_everyone(network_map: NetworkMap) -> None:
    team = prepare(network_map, Audience.TEAM)
    data = _bundle(team)
    assert data["type"] == "collection"
    professionals = [p for p in team.persons if p.is_professional]
    assert len(_of(data, "Patient")) == 1
    assert len(_of(data, "RelatedPerson")) == len(team.persons) - len(professionals)
    assert len(_of(data, "Practitioner")) == len(professionals)
    assert len(_of(data, "PractitionerRole")) == len(professionals)
    (care_team,) = _of(data, "CareTeam")
    assert len(care_team.get("participant", [])) == sum(in_team(p) for p in team.persons)
    (patient,) = _of(data, "Patient")
    assert care_team["subject"]["reference"] == data["entry"][0]["fullUrl"]
    assert "identifier" not in patient
    assert not re.search(CPR_RE, json.dumps(data))
    urls = [e["fullUrl"] for e in data["entry"]]
    assert len(set(urls)) == len(urls)


def test_fhir002_cpr_only_with_include_cpr() -> None:
    data = _bundle(prepare(demo_map(VALID), Audience.TEAM, include_cpr=True))
    (patient,) = _of(data, "Patient")
    assert patient["identifier"] == [{"system": CPR_SYSTEM, "value": "0102031234"}]


def test_fhir003_care_team_roles_are_coded_with_danish_display() -> None:
    data = _bundle(prepare(demo_map(VALID), Audience.TEAM))
    (care_team,) = _of(data, "CareTeam")
    codes: dict[str, set[str]] = {}
    for participant in care_team["participant"]:
        for role in participant.get("role", []):
            for coding in role.get("coding", []):
                assert coding["system"] == TEAM_ROLE_SYSTEM
                codes.setdefault(participant["member"]["display"], set()).add(coding["display"])
    assert codes["Birgitte Møller"] == {"Stafetholder", "Mødeleder", "Primær kontaktperson"}
    assert codes["Ali Hassan"] == {"Stafetholder", "Forløbskoordinator"}
    roles = {r["practitioner"]["display"]: r for r in _of(data, "PractitionerRole")}
    assert roles["Ali Hassan"]["organization"] == {"display": "Jobcenter Aalborg"}
    assert {"system": "email", "value": "ali.hassan@aalborg.example.dk"} in roles["Ali Hassan"][
        "telecom"
    ]


@pytest.mark.parametrize(
    ("consent", "status"),
    [
        (VALID, "active"),
        (Consent(given_on=date(2025, 11, 30)), "inactive"),
        (Consent(given_on=date(2026, 3, 1), withdrawn_on=date(2026, 6, 1)), "rejected"),
    ],
)
def test_fhir004_consent_status_date_and_one_year(consent: Consent, status: str) -> None:
    data = _bundle(prepare(demo_map(consent), Audience.PATIENT))
    (resource,) = _of(data, "Consent")
    assert resource["status"] == status
    assert resource["dateTime"] == consent.given_on.isoformat()
    period = resource["provision"]["period"]
    assert period["start"] == consent.given_on.isoformat()
    assert date.fromisoformat(period["end"]) == consent.given_on.replace(
        year=consent.given_on.year + 1
    )


def test_fhir005_no_consent_resource_without_consent() -> None:
    assert _of(_bundle(prepare(demo_map(None), Audience.PATIENT)), "Consent") == []
