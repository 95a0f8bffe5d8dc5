"""Fictional maps for the export tests: the demo map and generated large maps."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from netmap.interchange import read_map
from netmap.model import NetworkMap, Patient, Person, Sector, Tie

REPO = Path(__file__).resolve().parents[2]
SOFIE = REPO / "netmap" / "demo" / "sofie.graphml"
#: A made-up CPR number (real date, 10 digits): must never appear unless asked for.
FAKE_CPR = "010190-1234"

_FIRST = ["Ida", "Ole", "Åse", "Søren", "Birthe", "Jørgen", "Mette", "Kasper", "Lærke", "Niels"]
_LAST = ["Østergaard", "Holm", "Kjær", "Mølgaard", "Bæk", "Dahl", "Lund", "Friis"]
_ROLES = {
    Sector.FAMILY: ["Mor", "Far", "Søster", "Kæreste"],
    Sector.KIN: ["Moster", "Fætter", "Farmor"],
    Sector.LEISURE: ["Ven", "Nabo", "Træner"],
    Sector.WORK_SCHOOL: ["Kollega", "Leder", "Underviser"],
    Sector.PROFESSIONAL: ["Sagsbehandler", "Psykolog", "IPS-konsulent", "Socialrådgiver"],
}


def sofie() -> NetworkMap:
    """The demo map with a (fake) CPR number, so tests can check it stays out."""
    network_map = read_map(SOFIE)
    patient = network_map.patient.model_copy(update={"cpr": FAKE_CPR})
    return network_map.model_copy(update={"patient": patient})


def generated_map(size: int, *, ties: int | None = None, seed: int = 3) -> NetworkMap:
    """``size`` fictional persons over the five sectors, some with answers and roles."""
    rng = random.Random(seed)
    sectors = list(Sector)
    persons = []
    for i in range(size):
        sector = sectors[i % len(sectors)]
        professional = sector is Sector.PROFESSIONAL
        persons.append(
            Person(
                id=f"p{i}",
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}",
                sector=sector,
                distance=round(rng.uniform(0.08, 1.0), 3),
                role=rng.choice(_ROLES[sector]),
                organisation="Jobcenter Aalborg" if professional else None,
                care_sector=rng.choice(["region", "municipality"]) if professional else None,
                phone=f"+45 20 11 {i % 100:02d} {i // 100 + 30}" if i % 3 else None,
                email=f"person{i}@example.dk" if i % 2 else None,
                helps_with="Praktisk hjælp og samtaler om, hvordan det går" if i % 4 == 0 else None,
                knows_how_i_am=rng.random() < 0.4,
                can_help=rng.random() < 0.4,
                attends_meetings=rng.choice(["yes", "no", "undecided"]),
                team_roles=("stafetholder",) if professional and i % 15 == 4 else (),
            )
        )
    count = size if ties is None else ties
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < min(count, size * (size - 1) // 2):
        a, b = sorted(rng.sample(range(size), 2))
        pairs.add((f"p{a}", f"p{b}"))
    return NetworkMap(
        patient=Patient(name="Testa Testesen", cpr=FAKE_CPR),
        persons=persons,
        ties=[Tie(a=a, b=b) for a, b in sorted(pairs)],
        consent_given_on=date(2026, 5, 4),
        map_date=date(2026, 11, 20),
    )
