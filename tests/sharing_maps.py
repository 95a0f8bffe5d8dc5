"""Fictional maps for the export tests: the demo map with a CPR number, and a big one."""

from __future__ import annotations

from datetime import date
from importlib import resources

from netmap.interchange import from_graphml
from netmap.model import Consent, NetworkMap, Patient, Person, Sector, Tie

#: A fictional CPR number: what must never leak.
CPR = "010203-1234"
CPR_RE = r"\d{6}-?\d{4}"


def demo_map(consent: Consent | None = None) -> NetworkMap:
    """Sofie's demo map with a CPR number and the given consent."""
    sofie = from_graphml((resources.files("netmap") / "demo" / "sofie.graphml").read_bytes())
    patient = Patient(id=sofie.patient.id, name=sofie.patient.name, cpr=CPR)
    return sofie.model_copy(update={"patient": patient, "consent": consent})


_SECTORS = list(Sector)
_ROLES = {
    Sector.FAMILY: "Søster",
    Sector.KIN: "Fætter",
    Sector.LEISURE: "Ven",
    Sector.WORK_SCHOOL: "Kollega",
    Sector.PROFESSIONAL: "Sagsbehandler",
}


def big_map(count: int = 200, consent: Consent | None = None) -> NetworkMap:
    """``count`` fictional persons over every sector, each with contact details,
    every fifth without a role, ties between neighbours.

    Distances have two decimals: a float such as 0.4472135954999579 holds ten
    digits in a row and would look like a CPR number to the checks.
    """
    persons = []
    for i in range(count):
        sector = _SECTORS[i % len(_SECTORS)]
        persons.append(
            Person(
                id=f"p{i}",
                name=f"Testperson Nummer{i} Æblegård",
                sector=sector,
                distance=round(0.05 + (i % 19) * 0.05, 2),
                role=None if i % 5 == 4 else _ROLES[sector],
                organisation="Testkommune" if sector is Sector.PROFESSIONAL else None,
                care_sector=("region", "municipality", "other")[i % 3]
                if sector is Sector.PROFESSIONAL
                else None,
                phone=f"+45 21 {10 + i // 100} {i % 100:02d} 33",
                email=f"test{i}@example.dk",
                helps_with=f"Hjælp nummer {i}",
                attends_meetings=("yes", "no", "undecided")[i % 3],
                team_roles=("stafetholder",) if i in (4, 9) else (),
            )
        )
    ties = [Tie(a=f"p{i}", b=f"p{i + 1}") for i in range(0, count - 1, 2)]
    return NetworkMap(
        patient=Patient(id="p-main", name="Testa Testesen", cpr=CPR),
        persons=persons,
        ties=ties,
        consent=consent,
        map_date=date(2026, 11, 20),
    )
