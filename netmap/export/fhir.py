"""The map as a FHIR R4 ``Bundle`` (type ``collection``) for the team's systems.

Built as plain data and validated with the ``fhir.resources`` models of R4
(its ``R4B`` package carries Patient, RelatedPerson, Practitioner,
PractitionerRole, CareTeam and Consent in their R4 shape), so what is written
is what the models accept:

* ``Patient`` — the name; the CPR number as an identifier (system
  ``urn:oid:1.2.208.176.1.2``, ten digits) only with ``include_cpr``.
* ``RelatedPerson`` — each person outside the professionals (family, kin,
  leisure, work and school), with their relation as text and telecom.
* ``Practitioner`` + ``PractitionerRole`` — each professional; the role holds
  the organisation (by name), the role as text and telecom.
* ``CareTeam`` — subject the Patient; participants the members of Patientens
  team (:func:`netmap.analysis.groups.in_team`), each with their roles as
  CodeableConcepts of netmap's own code system (stafetholder,
  forløbskoordinator, mødeleder, primær kontaktperson; Danish display).
* ``Consent`` — status ``active`` while valid, ``inactive`` when expired,
  ``rejected`` when withdrawn; ``dateTime`` the day it was given; provision
  period the year it is valid. No Consent resource without one on record.

The map is the one prepared for its audience (:mod:`netmap.export.redact`).
Resource ids are ``urn:uuid:`` with letters only besides the version and
variant digits: a mail gateway that scans attachments for CPR numbers
(``\\d{6}-?\\d{4}``) cannot mistake one for a CPR number.
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, date, datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from netmap.analysis.groups import in_team
from netmap.consent import ConsentStatus, consent_state
from netmap.i18n import Lang, t
from netmap.model import NetworkMap, Person

__all__ = ["CPR_SYSTEM", "TEAM_ROLE_SYSTEM", "fhir_bundle", "fhir_json"]

#: The OID of the Danish CPR register (as used by the Danish FHIR core profiles).
CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
#: netmap's own code system for the roles in Patientens team.
TEAM_ROLE_SYSTEM = "https://netmap.example.dk/fhir/CodeSystem/team-role"
_CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
_LOINC = "http://loinc.org"
_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_CONSENT_STATUS = {
    ConsentStatus.VALID: "active",
    ConsentStatus.EXPIRING: "active",
    ConsentStatus.EXPIRED: "inactive",
    ConsentStatus.WITHDRAWN: "rejected",
}


def _letter_uuid() -> str:
    """A random version-4 UUID whose hex digits are the letters a–f, except the
    version and variant nibbles (about 77 random bits)."""
    nibbles = [secrets.choice("abcdef") for _ in range(32)]
    nibbles[12] = "4"
    nibbles[16] = secrets.choice("ab")
    return f"urn:uuid:{uuid.UUID(''.join(nibbles))}"


def _name(text: str) -> dict[str, Any]:
    words = text.split()
    name: dict[str, Any] = {"text": text}
    if len(words) > 1:
        name["family"] = words[-1]
        name["given"] = words[:-1]
    return name


def _telecom(person: Person) -> list[dict[str, str]]:
    telecom = []
    if person.phone:
        telecom.append({"system": "phone", "value": person.phone})
    if person.email:
        telecom.append({"system": "email", "value": person.email})
    return telecom


def _text_concept(text: str | None) -> list[dict[str, str]]:
    return [{"text": text}] if text else []


def _role_concepts(person: Person, lang: Lang) -> list[dict[str, Any]]:
    codes = [(role.value, t(f"team_role.{role.value}", "da")) for role in person.team_roles]
    if person.primary_contact:
        codes.append(("primary_contact", t("export.fhir.primary_contact", "da")))
    concepts: list[dict[str, Any]] = [
        {
            "coding": [{"system": TEAM_ROLE_SYSTEM, "code": code, "display": display}],
            "text": display if lang == "da" else t(f"export.fhir.role.{code}", lang),
        }
        for code, display in codes
    ]
    return concepts + _text_concept(person.role)


def _entry(full_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": full_url, "resource": resource}


def _consent(network_map: NetworkMap, today: date, patient_url: str) -> dict[str, Any] | None:
    consent = network_map.consent
    if consent is None:
        return None
    state = consent_state(consent, today)
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "status": _CONSENT_STATUS[state.status],
        "scope": {
            "coding": [{"system": _CONSENT_SCOPE, "code": "patient-privacy"}],
        },
        "category": [
            {"coding": [{"system": _LOINC, "code": "59284-0", "display": "Patient Consent"}]}
        ],
        "patient": {"reference": patient_url},
        "dateTime": consent.given_on.isoformat(),
        "performer": [{"reference": patient_url}],
        "policyRule": {"coding": [{"system": _ACT_CODE, "code": "OPTIN"}]},
        "provision": {
            "type": "permit",
            "period": {
                "start": consent.given_on.isoformat(),
                "end": (state.valid_until or consent.given_on).isoformat(),
            },
        },
    }
    return resource


def fhir_bundle(
    network_map: NetworkMap, *, today: date, lang: Lang = "da", now: datetime | None = None
) -> Bundle:
    """The map as a validated R4 Bundle (the map as prepared for its audience).

    >>> from netmap.model import NetworkMap, Patient, Person
    >>> m = NetworkMap(patient=Patient(name="Testa Testesen", cpr="010203-1234"), persons=[
    ...     Person(id="sr", name="Rådgiver Test", sector="professional", distance=0.3,
    ...            team_roles="coordinator", organisation="Jobcenter Test")])
    >>> bundle = fhir_bundle(m, today=date(2026, 12, 1))
    >>> [e.resource.__resource_type__ for e in bundle.entry]
    ['Patient', 'Practitioner', 'PractitionerRole', 'CareTeam']
    >>> bundle.entry[0].resource.identifier[0].value
    '0102031234'
    """
    patient = network_map.patient
    patient_url = _letter_uuid()
    patient_resource: dict[str, Any] = {
        "resourceType": "Patient",
        "name": [_name(patient.name)],
    }
    if patient.cpr:
        patient_resource["identifier"] = [
            {"system": CPR_SYSTEM, "value": patient.cpr.replace("-", "")}
        ]
    entries = [_entry(patient_url, patient_resource)]
    participants: list[dict[str, Any]] = []
    for person in network_map.persons:
        telecom = _telecom(person)
        if not person.is_professional:
            related: dict[str, Any] = {
                "resourceType": "RelatedPerson",
                "patient": {"reference": patient_url},
                "name": [_name(person.name)],
            }
            if person.role:
                related["relationship"] = _text_concept(person.role)
            if telecom:
                related["telecom"] = telecom
            entries.append(_entry(_letter_uuid(), related))
            continue
        practitioner_url, role_url = _letter_uuid(), _letter_uuid()
        entries.append(
            _entry(practitioner_url, {"resourceType": "Practitioner", "name": [_name(person.name)]})
        )
        role: dict[str, Any] = {
            "resourceType": "PractitionerRole",
            "practitioner": {"reference": practitioner_url, "display": person.name},
        }
        if person.organisation:
            role["organization"] = {"display": person.organisation}
        if person.role:
            role["code"] = _text_concept(person.role)
        if telecom:
            role["telecom"] = telecom
        entries.append(_entry(role_url, role))
        if in_team(person):
            participant: dict[str, Any] = {
                "member": {"reference": role_url, "display": person.name}
            }
            roles = _role_concepts(person, lang)
            if roles:
                participant["role"] = roles
            participants.append(participant)
    care_team: dict[str, Any] = {
        "resourceType": "CareTeam",
        "status": "active",
        "name": t("export.fhir.care_team", lang, name=patient.name),
        "subject": {"reference": patient_url, "display": patient.name},
    }
    if participants:
        care_team["participant"] = participants
    entries.append(_entry(_letter_uuid(), care_team))
    consent = _consent(network_map, today, patient_url)
    if consent is not None:
        entries.append(_entry(_letter_uuid(), consent))
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": moment.isoformat(),
            "entry": entries,
        }
    )


def fhir_json(network_map: NetworkMap, *, today: date, lang: Lang = "da") -> bytes:
    """The Bundle as pretty-printed JSON (UTF-8)."""
    bundle = fhir_bundle(network_map, today=today, lang=lang)
    data = json.loads(bundle.model_dump_json())
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
