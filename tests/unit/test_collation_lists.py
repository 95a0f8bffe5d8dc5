"""Every sorted list of persons follows the language's dictionary order.

Danish: … Z, Æ, Ø, Å, and "Aa" is Å (ICU's collation, netmap.i18n.sort_key);
English: Å and Æ with the A's, Ø with the O's. Issue 12 item 6.
"""

from __future__ import annotations

from typing import Any

import pytest

from netmap.analysis import analyse
from netmap.analysis.groups import by_name
from netmap.app.editor.layout import person_list
from netmap.app.editor.person_list import list_structure
from netmap.app.editor.rows import PersonRows
from netmap.app.inert import Inert
from netmap.app.panels.overview import sort_rows
from netmap.app.state import OverviewSort
from netmap.cli.maps import _show_lines
from netmap.i18n import Lang
from netmap.model import NetworkMap, Patient, Person, Tie

#: In the map's (stored) order: neither alphabet.
NAMES = ["Åse", "Zenia", "Aage", "Ærø", "Øjvind", "anna", "Ole"]
ORDER: dict[Lang, list[str]] = {
    "da": ["anna", "Ole", "Zenia", "Ærø", "Øjvind", "Aage", "Åse"],
    "en": ["Aage", "Ærø", "anna", "Åse", "Øjvind", "Ole", "Zenia"],
}
CASES = [(lang, order) for lang, order in ORDER.items()]


def _map() -> NetworkMap:
    persons = [
        Person(id=f"p{i}", name=name, sector="leisure", distance=0.5, role="Ven")
        for i, name in enumerate(NAMES)
    ]
    ties = [Tie(a="p0", b="p1"), Tie(a="p2", b="p3"), Tie(a="p4", b="p5")]
    return NetworkMap(patient=Patient(name="Testa Testesen"), persons=persons, ties=ties)


def _texts(node: Any, class_name: str) -> list[str]:
    """The text of every component with ``class_name``, in page order."""
    found: list[str] = []
    if isinstance(node, PersonRows):  # the person list: its rows in their order
        return [node.rows[pid]["name"] for pid in node.order] if class_name == "person-name" else []
    if isinstance(node, Inert):  # an inert tree (netmap.app.inert): its elements are dicts
        return _texts(node.tree, class_name)
    if isinstance(node, list):
        return [text for item in node for text in _texts(item, class_name)]
    if isinstance(node, dict):
        props, children = node.get("props", {}), node.get("children")
        if props.get("className") == class_name and isinstance(children, str):
            found.append(children)
        return found + (_texts(children, class_name) if children is not None else [])
    if getattr(node, "className", None) == class_name and isinstance(node.children, str):
        found.append(node.children)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _texts(child, class_name)
    return found


@pytest.mark.parametrize(("lang", "expected"), CASES)
def test_coll001_by_name(lang: Lang, expected: list[str]) -> None:
    assert [p.name for p in by_name(_map().persons, lang)] == expected


@pytest.mark.parametrize(("lang", "expected"), CASES)
@pytest.mark.parametrize("step", [1, 2])
def test_coll002_the_person_list_on_the_map_page(
    lang: Lang, expected: list[str], step: int
) -> None:
    assert _texts(person_list(_map(), lang, step, None), "person-name") == expected


def test_coll003_the_list_is_redrawn_when_its_order_would_change() -> None:
    m = _map()
    assert list_structure(m, "da", 1) != list_structure(m, "en", 1)
    renamed = m.model_copy(
        update={
            "persons": [
                p.model_copy(update={"name": "Åge"}) if p.id == "p5" else p for p in m.persons
            ]
        }
    )
    assert list_structure(m, "da", 1) != list_structure(renamed, "da", 1)


@pytest.mark.parametrize(("lang", "expected"), CASES)
def test_coll004_the_contact_overview_by_name(lang: Lang, expected: list[str]) -> None:
    rows = analyse(_map()).overview
    assert [r.name for r in sort_rows(rows, OverviewSort(column="name"), lang)] == expected
    backwards = sort_rows(rows, OverviewSort(column="name", descending=True), lang)
    assert [r.name for r in backwards] == expected[::-1]


@pytest.mark.parametrize(("lang", "expected"), CASES)
def test_coll005_netmap_show_lists_equally_close_persons_and_the_ties_by_name(
    lang: Lang, expected: list[str]
) -> None:
    lines = list(_show_lines(_map(), False, lang))
    persons = [line.split("- ", 1)[1].split(" (")[0] for line in lines if line.startswith("    - ")]
    assert persons == expected
    ties = [line[4:] for line in lines if line.startswith("  - ")]
    pairs = {
        "da": ["anna – Øjvind", "Zenia – Åse", "Ærø – Aage"],
        "en": ["Aage – Ærø", "anna – Øjvind", "Åse – Zenia"],
    }
    assert ties == pairs[lang]
