"""Changing a person or the patient of a map in a test.

Patients, persons and ties are frozen values: a test that wants a map with
one of them different replaces it with a validated copy.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from netmap.model import NetworkMap

M = TypeVar("M", bound=BaseModel)


def revise(model: M, **changes: Any) -> M:
    """A validated copy of ``model`` with ``changes``."""
    return type(model).model_validate({**model.model_dump(), **changes})


def revise_person(network_map: NetworkMap, person_id: str, **changes: Any) -> None:
    """Replace person ``person_id`` on ``network_map`` by a copy with ``changes``."""
    network_map.person(person_id)  # KeyError for a typo in the test
    network_map.persons = [
        revise(p, **changes) if p.id == person_id else p for p in network_map.persons
    ]


def revise_patient(network_map: NetworkMap, **changes: Any) -> None:
    """Replace the patient on ``network_map`` by a copy with ``changes``."""
    network_map.patient = revise(network_map.patient, **changes)
