"""Fictional maps for the analysis tests (no real names or contact details)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from netmap.model import NetworkMap, Patient, Person, Tie

REPO = Path(__file__).resolve().parents[2]
SOFIE = REPO / "netmap" / "demo" / "sofie.graphml"
PATIENT_ID = "p0"


def person(pid: str, sector: str = "professional", distance: float = 0.5, **fields: Any) -> Person:
    """A person with a made-up name; every other field as given."""
    return Person(id=pid, name=f"Test {pid}", sector=sector, distance=distance, **fields)


def make_map(
    *persons: Person,
    ties: Sequence[tuple[str, str]] = (),
    consent_given_on: date | None = None,
) -> NetworkMap:
    return NetworkMap(
        patient=Patient(id=PATIENT_ID, name="Testa Testesen"),
        persons=list(persons),
        ties=[Tie(a=a, b=b) for a, b in ties],
        consent_given_on=consent_given_on,
    )
