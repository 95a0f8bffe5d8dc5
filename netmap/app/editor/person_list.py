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

What the browser has drawn is kept in the ``person-list-drawn`` store, in
the one format of :mod:`netmap.app.regions`: the list's structure (part
``list``, its frame) and one part per person (``person:<id>``). The search
text the list is drawn for (light mode) is kept beside it, in
``person-list-query``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netmap.app.light import MAX_QUERY, listed
from netmap.app.mapview import marks_of
from netmap.app.regions import Update, fingerprint, fingerprints, update
from netmap.editing import answer_of
from netmap.i18n import Lang
from netmap.model import MAX_PERSONS, NetworkMap

__all__ = [
    "ANSWERS",
    "LIST_PARTS",
    "ListLeaves",
    "drawn_for",
    "list_leaves",
    "list_parts",
    "list_query",
    "list_structure",
    "list_update",
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
    return fingerprint(shape)


#: The parts of the list's region: its structure and one per person.
LIST_PARTS = MAX_PERSONS + 1


def list_query(value: Any) -> str:
    """The ``person-list-query`` store as sent by the browser ("" if unusable)."""
    return value if isinstance(value, str) and len(value) <= MAX_QUERY else ""


def drawn_for(
    network_map: NetworkMap,
    lang: Lang,
    step: int = 1,
    selected: str | None = None,
    query: str = "",
) -> dict[str, str]:
    """The store's value for a list drawn whole (with the page: step 1, nobody chosen)."""
    leaves = list_leaves(network_map, step, selected, query, lang)
    return fingerprints(list_parts(leaves, list_structure(network_map, lang, step, query)))


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


def list_parts(leaves: ListLeaves, structure: str) -> dict[str, Any]:
    """The list's parts: its structure (the frame) and each person's leaves to set."""
    parts: dict[str, Any] = {"list": structure}
    for person_id in leaves.row_class:
        parts[f"person:{person_id}"] = _props_of(leaves, person_id)
    return parts


def list_update(
    leaves: ListLeaves, structure: str, before: Any
) -> tuple[Update, list[tuple[dict[str, str], dict[str, str]]]]:
    """What to send, and the (component id, properties) to set on the items drawn.

    Only persons whose part differs from ``before`` (the store, raw) are set;
    with another structure, or nothing usable drawn, the :class:`Update` is
    ``whole``: the list is drawn anew.

    >>> wanted = ListLeaves({"a": "row"}, {"a": "item"}, {"a": "false"}, {"a": ""}, {}, {})
    >>> first, updates = list_update(wanted, "s", None)
    >>> first.whole, updates
    (True, [])
    >>> moved = ListLeaves({"a": "row2"}, {"a": "item"}, {"a": "false"}, {"a": ""}, {}, {})
    >>> up, updates = list_update(moved, "s", first.drawn)
    >>> [component["type"] for component, _ in updates]
    ['person-row', 'person-item', 'person-marks']
    >>> list_update(moved, "s", up.drawn)[1]
    []
    """
    up = update(list_parts(leaves, structure), before, frame="list", limit=LIST_PARTS)
    if up.whole:
        return up, []
    return up, [prop for name, props in up.send.items() if name != "list" for prop in props]
