"""Send only the person list's rows that changed, to the list already drawn.

The list is one component (:class:`netmap.app.editor.rows.PersonRows`): its
rows by person id, as plain data (:func:`list_rows`). It is drawn once (and
again only when its structure changes, see :func:`list_structure`); after
that an edit sends only the rows of the persons it changed, as one
:class:`dash.Patch` of ``rows``: the row's class (sector), the button's
(chosen) and its ``aria-pressed``, the marks and the answer buttons.

What the browser has drawn is kept in the ``person-list-drawn`` store, in
the one format of :mod:`netmap.app.regions`: the list's structure (part
``list``, its frame) and one part per person (``person:<id>``, the row). The
search text the list is drawn for (light mode) is kept beside it, in
``person-list-query``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash

from netmap.app.light import MAX_QUERY, listed
from netmap.app.mapview import marks_of
from netmap.app.regions import Update, fingerprint, fingerprints, update
from netmap.editing import answer_of
from netmap.i18n import Lang, t
from netmap.model import MAX_PERSONS, NetworkMap, Person

__all__ = [
    "ANSWERS",
    "LIST_PARTS",
    "ROWS_ID",
    "ListLeaves",
    "ListView",
    "answer_label",
    "drawn_for",
    "list_leaves",
    "list_parts",
    "list_query",
    "list_rows",
    "list_structure",
    "list_update",
    "list_view",
]

#: Who the list shows, in order, and how many more match (:func:`netmap.app.light.listed`).
Listing = tuple[list[Person], int]

#: The id of the list's one component (:class:`netmap.app.editor.rows.PersonRows`).
ROWS_ID = "person-rows"

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
    network_map: NetworkMap,
    step: int,
    selected: str | None,
    query: str = "",
    lang: Lang = "da",
    listing: Listing | None = None,
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
    for person in (listing or listed(network_map, lang, query))[0]:
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


def list_structure(
    network_map: NetworkMap, lang: Lang, step: int, query: str = "", listing: Listing | None = None
) -> str:
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
    shown, more = listing or listed(network_map, lang, query)
    shape: list[Any] = [lang, step if step in (2, 3, 4) else 1, query, more]
    # In the order the list shows them (by name in ``lang``).
    shape += [(p.id, p.name, p.role) for p in shown]
    return fingerprint(shape)


#: The parts of the list's region: its structure and one per person.
LIST_PARTS = MAX_PERSONS + 1


def list_query(value: Any) -> str:
    """The ``person-list-query`` store as sent by the browser ("" if unusable)."""
    return value if isinstance(value, str) and len(value) <= MAX_QUERY else ""


def answer_label(question: int, answer: str, lang: Lang) -> str:
    """An answer button's text ("ved ikke" is "ikke besluttet" in step 4)."""
    if question == 4 and answer == "unknown":
        return t("app.q.answer_undecided", lang)
    return t(f"app.q.answer_{answer}", lang)


def list_rows(
    network_map: NetworkMap,
    step: int,
    selected: str | None,
    query: str = "",
    lang: Lang = "da",
    listing: Listing | None = None,
) -> dict[str, dict[str, Any]]:
    """Each listed person's row, as :class:`~netmap.app.editor.rows.PersonRows` draws it.

    The name and role, the leaves of :func:`list_leaves`, and in steps 2–4
    the answer buttons with their texts.

    >>> from netmap.model import Patient, Person
    >>> m = NetworkMap(patient=Patient(name="Testa"), persons=[
    ...     Person(id="mor", name="Mor", sector="family", distance=0.2)])
    >>> row = list_rows(m, 2, "mor")["mor"]
    >>> row["row"], row["item"], row["pressed"], [a["text"] for a in row["answers"]]
    ('person-row sector-family', 'person-item chosen', 'true', ['Ja', 'Nej', 'Ved ikke'])
    """
    listing = listing or listed(network_map, lang, query)
    leaves = list_leaves(network_map, step, selected, query, lang, listing)
    # The answers' texts are the same for every person of the step.
    texts = [(answer, answer_label(step, answer, lang)) for answer in ANSWERS]
    rows: dict[str, dict[str, Any]] = {}
    for person in listing[0]:
        row: dict[str, Any] = {
            "name": person.name,
            "role": person.role or "",
            "row": leaves.row_class[person.id],
            "item": leaves.item_class[person.id],
            "pressed": leaves.item_pressed[person.id],
            "marks": leaves.marks[person.id],
        }
        if step in (2, 3, 4):
            row["answers"] = [
                {
                    "a": answer,
                    "text": text,
                    "className": leaves.answer_class[(person.id, answer)],
                    "pressed": leaves.answer_pressed[(person.id, answer)],
                    "label": t("app.q.answer_for", lang, name=person.name, answer=text),
                }
                for answer, text in texts
            ]
        rows[person.id] = row
    return rows


@dataclass(frozen=True)
class ListView:
    """The list for one map and the tab's choices: who, in order, and each row.

    Made once per redraw (:func:`list_view`): who is listed is sorted once
    (by name, in the language's order) for the rows, the structure and the
    list drawn whole.
    """

    #: The listed persons' ids, in the order shown.
    order: list[str]
    #: How many more match than are shown (light mode), else 0.
    more: int
    rows: dict[str, dict[str, Any]]
    structure: str

    def drawn(self) -> dict[str, str]:
        """The ``person-list-drawn`` store once this list is drawn whole."""
        return fingerprints(list_parts(self.rows, self.structure))


def list_view(
    network_map: NetworkMap, step: int, selected: str | None, query: str = "", lang: Lang = "da"
) -> ListView:
    """The list's order, rows and structure (:class:`ListView`)."""
    listing = listed(network_map, lang, query)
    return ListView(
        order=[person.id for person in listing[0]],
        more=listing[1],
        rows=list_rows(network_map, step, selected, query, lang, listing),
        structure=list_structure(network_map, lang, step, query, listing),
    )


def drawn_for(
    network_map: NetworkMap,
    lang: Lang,
    step: int = 1,
    selected: str | None = None,
    query: str = "",
) -> dict[str, str]:
    """The store's value for a list drawn whole (with the page: step 1, nobody chosen)."""
    return list_view(network_map, step, selected, query, lang).drawn()


def list_parts(rows: dict[str, dict[str, Any]], structure: str) -> dict[str, Any]:
    """The list's parts: its structure (the frame) and each person's row."""
    parts: dict[str, Any] = {"list": structure}
    for person_id, row in rows.items():
        parts[f"person:{person_id}"] = row
    return parts


def list_update(
    rows: dict[str, dict[str, Any]], structure: str, before: Any
) -> tuple[Update, list[tuple[str, dict[str, Any]]]]:
    """What to send, and the properties to set on the list drawn (one Patch of its rows).

    Only persons whose row differs from ``before`` (the store, raw) are sent;
    with another structure, or nothing usable drawn, the :class:`Update` is
    ``whole``: the list is drawn anew.

    >>> first, updates = list_update({"a": {"row": "r"}}, "s", None)
    >>> first.whole, updates
    (True, [])
    >>> up, updates = list_update({"a": {"row": "r2"}}, "s", first.drawn)
    >>> [(i, sorted(p["rows"].to_plotly_json()["operations"][0])) for i, p in updates]
    [('person-rows', ['location', 'operation', 'params'])]
    >>> list_update({"a": {"row": "r2"}}, "s", up.drawn)[1]
    []
    """
    up = update(list_parts(rows, structure), before, frame="list", limit=LIST_PARTS)
    if up.whole:
        return up, []
    changed = {name.removeprefix("person:"): row for name, row in up.send.items() if name != "list"}
    if not changed:
        return up, []
    patch = dash.Patch()
    for person_id, row in changed.items():
        patch[person_id] = row
    return up, [(ROWS_ID, {"rows": patch})]
