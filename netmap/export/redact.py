"""Export preparation: the map as each audience may see it (NetworkMap → NetworkMap).

Every exporter (picture, team pack, CSV, FHIR, JSON, GraphML) draws what it is
handed, so who may see what is decided here, once, before any of them runs:

* :data:`Audience.TEAM` — the members of Patientens team. A person not shared
  (:func:`netmap.analysis.sharing.shared_with_team`) keeps their place on the
  map but is shown by role only ("Mor"; without a role, a word for their
  sector), with no name, organisation, contact details or notes. Meetings keep
  their date, time, place, purpose and the next meeting they set (for the
  team pack's invitation), not who came or what was agreed.
* :data:`Audience.REDACTED` — the whiteboard picture anyone may see (DOMAIN.md,
  "Consent and privacy": *no CPR or other identifying details*): everyone by
  role, or by initials when there is no role; no organisation, phone, e-mail or
  notes; the patient as "Patienten"; who recorded the consent left out. Sectors,
  distances, ties, answers and team roles are kept: the structure is the map.
* :data:`Audience.PATIENT` — the patient's own copy: everything.
* :data:`Audience.OWN` — the user's own data between tools (JSON, GraphML).

The CPR number is removed for every audience unless ``include_cpr`` is given
(never for :data:`Audience.REDACTED`). Person ids are slugs of names
(``mette-dahl``), so every audience but the user's own gets neutral ids
(``person-1`` …) and ties follow them.
"""

from __future__ import annotations

from enum import StrEnum

from netmap.analysis.sharing import shared_with_team
from netmap.i18n import DEFAULT_LANG, Lang, t
from netmap.meetings import Meeting
from netmap.model import NetworkMap, Patient, Person, Tie

__all__ = ["Audience", "initials", "prepare", "role_label"]


class Audience(StrEnum):
    """Who an export is for."""

    OWN = "own"
    TEAM = "team"
    REDACTED = "redacted"
    PATIENT = "patient"


def role_label(person: Person, lang: Lang = DEFAULT_LANG) -> str:
    """How a person not shared is shown: their role, else a word for their sector.

    >>> from netmap.model import Person
    >>> role_label(Person(id="m", name="Mette Dahl", sector="family", distance=0.2, role="Mor"))
    'Mor'
    >>> role_label(Person(id="k", name="Kim Test", sector="leisure", distance=0.8), "en")
    'Friend or acquaintance'
    """
    return person.role or t(f"export.sector_person.{person.sector.value}", lang)


def initials(name: str) -> str:
    """The initials of a name: "Mette Dahl" → "M.D.", "Anne-Marie Ås" → "A.Å.".

    >>> initials("Mette Dahl"), initials("Anne-Marie Ås"), initials("  ")
    ('M.D.', 'A.Å.', '')
    """
    return "".join(f"{word[0].upper()}." for word in name.split() if word[0].isalnum())


def _anonymous(person: Person, new_id: str, name: str) -> Person:
    # Frozen and already valid: only fields are dropped and a label set.
    return person.model_copy(
        update={
            "id": new_id,
            "name": name,
            "role": None if name == person.role else person.role,
            "organisation": None,
            "phone": None,
            "email": None,
            "helps_with": None,
        }
    )


def _redacted_name(person: Person, lang: Lang) -> str:
    return person.role or initials(person.name) or role_label(person, lang)


def prepare(
    network_map: NetworkMap,
    audience: Audience,
    *,
    include_cpr: bool = False,
    lang: Lang = DEFAULT_LANG,
) -> NetworkMap:
    """The map as ``audience`` may see it; ``network_map`` itself is not changed.

    >>> from netmap.model import NetworkMap, Patient, Person, Tie
    >>> m = NetworkMap(patient=Patient(id="p0", name="Testa Testesen", cpr="010203-1234"),
    ...     persons=[Person(id="mette", name="Mette Dahl", sector="family", distance=0.2,
    ...                     role="Mor", phone="+45 20 30 40 50"),
    ...              Person(id="sr", name="Rådgiver Test", sector="professional",
    ...                     distance=0.4)],
    ...     ties=[Tie(a="mette", b="sr")])
    >>> team = prepare(m, Audience.TEAM)
    >>> [(p.id, p.name, p.phone) for p in team.persons], team.patient.cpr, team.ties[0].ends
    ([('person-1', 'Mor', None), ('person-2', 'Rådgiver Test', None)], None, ('person-1', \
'person-2'))
    >>> r = prepare(m, Audience.REDACTED)
    >>> r.patient.name, [p.name for p in r.persons]
    ('Patienten', ['Mor', 'R.T.'])
    >>> prepare(m, Audience.PATIENT, include_cpr=True).patient.cpr
    '010203-1234'
    """
    patient = network_map.patient
    cpr = patient.cpr if include_cpr and audience is not Audience.REDACTED else None
    if audience is Audience.OWN or audience is Audience.PATIENT:
        kept = Patient(id=patient.id, name=patient.name, cpr=cpr)
        return network_map.model_copy(
            update={
                "patient": kept,
                "persons": list(network_map.persons),
                "ties": list(network_map.ties),
            }
        )
    ids = {p.id: f"person-{i}" for i, p in enumerate(network_map.persons, start=1)}
    persons: list[Person] = []
    for person in network_map.persons:
        new_id = ids[person.id]
        if audience is Audience.REDACTED:
            persons.append(_anonymous(person, new_id, _redacted_name(person, lang)))
        elif shared_with_team(person):
            persons.append(person.model_copy(update={"id": new_id}))
        else:
            persons.append(_anonymous(person, new_id, role_label(person, lang)))
    ties = [Tie(a=ids[tie.a], b=ids[tie.b]) for tie in network_map.ties]
    consent = network_map.consent
    if audience is Audience.REDACTED:
        name = t("export.patient_redacted", lang)
        shown = Patient(id="patient", name=name)
        if consent is not None:
            consent = consent.model_copy(update={"recorded_by": None})
    else:
        shown = Patient(id="patient", name=patient.name, cpr=cpr)
    return NetworkMap(
        patient=shown,
        persons=persons,
        ties=ties,
        consent=consent,
        map_date=network_map.map_date,
        meetings=_planned(network_map) if audience is Audience.TEAM else [],
    )


def _planned(network_map: NetworkMap) -> list[Meeting]:
    """The meetings as the team's invitation needs them: when, where, why, and the
    next meeting a held one set.

    Who came, sent apologies, was appointed or agreed to what names persons
    by their ids, and belongs to the minutes, not to a file for the team.
    """
    return [
        Meeting(
            id=m.id,
            date=m.date,
            time=m.time,
            meeting_kind=m.meeting_kind,
            place=m.place,
            purpose=m.purpose,
            held=m.held,
            next_meeting=m.next_meeting,
        )
        for m in network_map.meetings
    ]
