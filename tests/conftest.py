"""Shared fixtures: fictional maps only."""

from __future__ import annotations

import pytest

from netmap.model import NetworkMap, Patient, Person, Tie


@pytest.fixture
def small_map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(id="p0", name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(
                id="sr",
                name="Rådgiver Test",
                sector="professional",
                distance=0.4,
                care_sector="region",
                phone="+45 70 20 30 40",
            ),
        ],
        ties=[Tie(a="sr", b="mor")],
    )
