"""Shared fixtures: fictional maps only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netmap.model import NetworkMap, Patient, Person, Tie
from netmap.store import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    """An empty store in a file of the test's own."""
    with SqliteStore(tmp_path / "netmap.db") as opened:
        yield opened


@pytest.fixture
def client(store: SqliteStore) -> Any:
    """The app on ``store``, as a Flask test client (callbacks over HTTP)."""
    from app_client import app_client

    from netmap.app import create_app

    return app_client(create_app(store))


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
