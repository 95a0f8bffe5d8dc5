"""Set only the person list's properties that changed, on the items already drawn.

Dash 4's renderer re-mounts every component under a ``children`` that changes,
and each re-mounted component costs one update of the whole page (about 1 ms
on a 60-person map); redrawing the person list on every drop cost some 250 of
them. So the list is drawn once (and again only when its structure changes,
see :func:`netmap.app.editor.list_structure`), and afterwards the map
callback sets single properties of the changed persons' items with
``dash.set_props``: the class of the row (sector), of the button (chosen), its
``aria-pressed``, the marks and the answer buttons.

Not pattern-matching outputs: the renderer finds each component of an
``ALL`` output by a linear search of the page, some 360 searches per drop
(≈100 ms). ``set_props`` looks up only the components that change.

What the browser has drawn is kept in the ``person-list-drawn`` store as a
fingerprint per person; the client can send anything there, so it is parsed
and anything unexpected means "draw the whole list".
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netmap.app.light import MAX_QUERY, listed
from netmap.app.mapview import marks_of
from netmap.editing import answer_of
from netmap.i18n import Lang
from netmap.model import MAX_PERSONS, NetworkMap

__all__ = [
    "ANSWERS",
    "DrawnList",
    "ListLeaves",
    "changed_leaves",
    "drawn_for",
    "drawn_list",
    "leaf_fingerprints",
    "list_leaves",
    "list_structure",
]

#: The answers a person can be given in steps 2–4, in the order shown.
ANSWERS = ("yes", "no", "unknown")


@dataclass(frozen=True)
class ListLeaves:
    """The person list's small, often-changing properties, by person id.

    Keys are person ids; for the answer buttons, ``(person id, answer)``.
    """

    row_class: dict[str, str]
    item_class: dict[str, str]
    item_pressed: dict[str, str]
    marks: dict[str, str]
    answer_class: dict[tuple[str, str], str]
    answer_pressed: dict[tuple[str, str], str]


def list_leaves(
    network_map: NetworkMap, step: int, selected: str | None, query: str = "", lang: Lang = "da"
) -> ListLeaves:
    """What each drawn list item shows that a drop, an answer or a tap can change.

    Only for the persons the list shows (in light mode those that match
    ``query``, at most 50: :func:`netmap.app.light.listed`).

    >>> from netmap.model import Patient, Person
    >>> m = NetworkMap(patient=Patient(name="Testa"), persons=[
    ...     Person(id="mor", name="Mor", sector="family", distance=0.2, can_help=True)])
    >>> leaves = list_leaves(m, 3, "mor")
    >>> leaves.row_class["mor"], leaves.item_class["mor"], leaves.marks["mor"]
    ('person-row sector-family', 'person-item chosen', '✚')
    >>> leaves.answer_class[("mor", "yes")], leaves.answer_pressed[("mor", "no")]
    ('btn answer answer-yes on', 'false')
    """
    leaves = ListLeaves({}, {}, {}, {}, {}, {})
    for person in listed(network_map, lang, query)[0]:
        chosen = person.id == selected
        leaves.row_class[person.id] = f"person-row sector-{person.sector.value}"
        leaves.item_class[person.id] = "person-item" + (" chosen" if chosen else "")
        leaves.item_pressed[person.id] = "true" if chosen else "false"
        leaves.marks[person.id] = marks_of(person)
        if step in (2, 3, 4):
            current = answer_of(person, step)
            for answer in ANSWERS:
                on = answer == current
                key = (person.id, answer)
                leaves.answer_class[key] = f"btn answer answer-{answer}" + (" on" if on else "")
                leaves.answer_pressed[key] = "true" if on else "false"
    return leaves


def list_structure(network_map: NetworkMap, lang: Lang, step: int, query: str = "") -> str:
    """What the drawn list is made of; the list is redrawn only when this changes.

    Everything else an item shows comes from :func:`list_leaves`.

    >>> from netmap.model import Patient, Person
    >>> m = NetworkMap(patient=Patient(name="Testa"), persons=[
    ...     Person(id="mor", name="Mor", sector="family", distance=0.2)])
    >>> moved = NetworkMap(patient=m.patient, persons=[
    ...     Person(id="mor", name="Mor", sector="kin", distance=0.9)])
    >>> list_structure(m, "da", 1) == list_structure(moved, "da", 1) != list_structure(m, "en", 1)
    True
    """
    shown, more = listed(network_map, lang, query)
    shape: list[Any] = [lang, step if step in (2, 3, 4) else 1, query, more]
    # In the order the list shows them (by name in ``lang``).
    shape += [(p.id, p.name, p.role) for p in shown]
    return hashlib.sha1(json.dumps(shape).encode(), usedforsecurity=False).hexdigest()


_Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]


class DrawnList(BaseModel):
    """What the browser's person list shows: its structure and each person's leaves."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    structure: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")]
    leaves: dict[Annotated[str, Field(max_length=100)], _Fingerprint] = Field(
        max_length=MAX_PERSONS
    )
    #: The search text the list was drawn for (light mode: netmap.app.light).
    query: str = Field("", max_length=MAX_QUERY)


def drawn_for(network_map: NetworkMap, lang: Lang) -> dict[str, Any]:
    """The store's value for a list drawn with the page (step 1, nobody chosen)."""
    leaves = leaf_fingerprints(list_leaves(network_map, 1, None, "", lang))
    return DrawnList(structure=list_structure(network_map, lang, 1), leaves=leaves).model_dump()


def drawn_list(value: Any) -> DrawnList | None:
    """The ``person-list-drawn`` store as sent by the browser; None if unusable."""
    try:
        return DrawnList.model_validate(value)
    except ValidationError:
        return None


def _props_of(leaves: ListLeaves, person_id: str) -> list[tuple[dict[str, str], dict[str, str]]]:
    """Every (component id, properties) the leaves set for one person."""
    props = [
        ({"type": "person-row", "pid": person_id}, {"className": leaves.row_class[person_id]}),
        (
            {"type": "person-item", "pid": person_id},
            {
                "className": leaves.item_class[person_id],
                "aria-pressed": leaves.item_pressed[person_id],
            },
        ),
        ({"type": "person-marks", "pid": person_id}, {"children": leaves.marks[person_id]}),
    ]
    for answer in ANSWERS:
        key = (person_id, answer)
        if key in leaves.answer_class:
            props.append(
                (
                    {"type": "answer", "pid": person_id, "a": answer},
                    {
                        "className": leaves.answer_class[key],
                        "aria-pressed": leaves.answer_pressed[key],
                    },
                )
            )
    return props


def leaf_fingerprints(leaves: ListLeaves) -> dict[str, str]:
    """A short fingerprint of each person's leaves, by person id."""
    return {
        person_id: hashlib.sha1(
            json.dumps(_props_of(leaves, person_id), sort_keys=True).encode(),
            usedforsecurity=False,
        ).hexdigest()[:16]
        for person_id in leaves.row_class
    }


def changed_leaves(
    leaves: ListLeaves, drawn: DrawnList
) -> tuple[list[tuple[dict[str, str], dict[str, str]]], DrawnList]:
    """The (component id, properties) to set, and what the browser then shows.

    Only persons whose fingerprint differs from ``drawn`` are set.

    >>> wanted = ListLeaves({"a": "row"}, {"a": "item"}, {"a": "false"}, {"a": ""}, {}, {})
    >>> drawn = DrawnList(structure="0" * 40, leaves={"a": "0" * 16})
    >>> updates, now = changed_leaves(wanted, drawn)
    >>> [component["type"] for component, _ in updates]
    ['person-row', 'person-item', 'person-marks']
    >>> changed_leaves(wanted, now)[0]
    []
    """
    now = leaf_fingerprints(leaves)
    updates = [
        update
        for person_id, fingerprint in now.items()
        if drawn.leaves.get(person_id) != fingerprint
        for update in _props_of(leaves, person_id)
    ]
    return updates, DrawnList(structure=drawn.structure, leaves=now, query=drawn.query)
