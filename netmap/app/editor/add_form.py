"""The add form's pure parts: the browser's values as one ``AddPerson``, and
each error put next to the field it is about.

The form asks for a name, a sector, how close the person is (a band, nothing
chosen at first) and a role; :mod:`netmap.app.editor.callbacks` saves the
edit and :mod:`netmap.app.editor.layout` draws the form.
"""

from __future__ import annotations

from typing import Any, Literal

from netmap.editing import AddPerson, new_person_id, parse_edit
from netmap.errors import InvalidInput, NetmapError, describe_problem
from netmap.i18n import Lang, t
from netmap.model import NetworkMap

__all__ = ["ERROR_SLOTS", "ErrorSlot", "add_op", "error_slots"]

#: Where an error of the add form is shown: under Navn, under the closeness
#: choice, or (anything else) above the button.
ErrorSlot = Literal["add-name-error", "add-band-error", "add-error"]
ERROR_SLOTS: tuple[ErrorSlot, ...] = ("add-name-error", "add-band-error", "add-error")
_FIELD_SLOT: dict[str, ErrorSlot] = {"name": "add-name-error", "band": "add-band-error"}
_CLOSENESS_KINDS = frozenset({"netmap.closeness_missing", "netmap.closeness_twice"})


def add_op(network_map: NetworkMap, name: Any, sector: Any, role: Any, band: Any) -> AddPerson:
    """The add form's values as an ``AddPerson`` with a fresh readable id.

    Raises ``InvalidInput`` (every problem, without a "where": each is shown
    next to its own field).

    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="Testa"))
    >>> op = add_op(m, "Mor Test", "family", "", "close")
    >>> op.id, op.placed_at() < 1 / 3
    ('mor-test', True)
    """
    payload = {"kind": "add_person", "name": name, "sector": sector, "role": role, "band": band}
    op = parse_edit(payload)
    assert isinstance(op, AddPerson)
    return op.model_copy(update={"id": new_person_id(network_map, op.name)})


def _slot(kind: str, field: str | None) -> ErrorSlot:
    if kind in _CLOSENESS_KINDS:
        return "add-band-error"
    return _FIELD_SLOT.get(field or "", "add-error")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def error_slots(exc: NetmapError, lang: Lang) -> dict[ErrorSlot, str]:
    """Each error slot's text for ``exc`` ("" where nothing is wrong).

    >>> from netmap.errors import InvalidInput
    >>> try:
    ...     parse_edit({"kind": "add_person", "name": " ", "sector": "kin"})
    ... except InvalidInput as exc:
    ...     slots = error_slots(exc, "da")
    >>> slots["add-name-error"]
    'Feltet «navn»: må ikke være tomt'
    >>> slots["add-band-error"][:30], slots["add-error"]
    ('Vælg, hvor tæt på personen er:', '')
    """
    found: dict[ErrorSlot, list[str]] = {slot: [] for slot in ERROR_SLOTS}
    if isinstance(exc, InvalidInput):
        for problem in exc.problems:
            if problem.kind in _CLOSENESS_KINDS:
                # Said as a question to answer, not as a field of the edit.
                text = t(f"error.{problem.kind.removeprefix('netmap.')}", lang)
            else:
                text = describe_problem(problem, lang)
            found[_slot(problem.kind, problem.field)].append(text)
    else:
        found["add-error"].append(t("app.error", lang, message=exc.message(lang)))
    return {slot: " ".join(_sentence(text) for text in texts) for slot, texts in found.items()}
