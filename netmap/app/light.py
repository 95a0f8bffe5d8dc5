"""The editor's light mode for large maps: what changes beyond :data:`LIGHT_ABOVE` persons.

A map may hold up to 2,000 persons (``netmap.model.MAX_PERSONS``), but the
full drawing does not scale: the label placement of :func:`netmap.layout.layout`
takes seconds beyond a few hundred persons, and every Dash component on the
page costs the browser work on each update. Above :data:`LIGHT_ABOVE`
persons the editor therefore shows the map in a lighter form, and says so
(:func:`light_note`):

- the map is drawn by :func:`netmap.layout.quick_layout` (each person still
  at their own distance), without labels until hover, focus or tap;
- the person list shows at most :data:`LIST_CAP` persons, with a search
  field to find the others (:func:`listed`);
- the team panel's groups show at most :data:`LIST_CAP` persons each, the
  rest behind "Vis flere" (:func:`capped`);
- cytoscape does not watch the page's size (``responsive`` off).

Pure: no callbacks here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from dash import dcc, html

from netmap.analysis.groups import by_name
from netmap.app.inert import Node, el
from netmap.i18n import Lang, format_number, t
from netmap.model import NetworkMap, Person

__all__ = [
    "LIGHT_ABOVE",
    "LIST_CAP",
    "capped",
    "is_light",
    "light_note",
    "listed",
    "matches",
    "more_item",
    "search_box",
]

#: Beyond this many persons the editor shows the map in light mode.
LIGHT_ABOVE = 250
#: The most persons a list shows in light mode.
LIST_CAP = 50
#: The longest search text looked for (longer is cut).
MAX_QUERY = 100

T = TypeVar("T")


def is_light(persons: int | NetworkMap) -> bool:
    """Whether a map of this size (or this map) is shown in light mode.

    >>> is_light(250), is_light(251)
    (False, True)
    """
    count = persons if isinstance(persons, int) else len(persons.persons)
    return count > LIGHT_ABOVE


def matches(person: Person, query: str) -> bool:
    """Whether the search text is in the person's name, role or organisation (any case).

    >>> p = Person(id="a", name="Åse Testesen", role="Nabo", sector="leisure", distance=0.5)
    >>> matches(p, "åse"), matches(p, "NABO"), matches(p, "mor"), matches(p, "  ")
    (True, True, False, True)
    """
    words = query.casefold().split()
    text = " ".join(filter(None, (person.name, person.role, person.organisation))).casefold()
    return all(word in text for word in words)


def listed(network_map: NetworkMap, lang: Lang, query: str = "") -> tuple[list[Person], int]:
    """The persons the list shows (in name order) and how many more match.

    Below the light mode's size: everybody, whatever the search. In light mode:
    the first :data:`LIST_CAP` persons whose name, role or organisation holds
    the search text.

    >>> from netmap.model import Patient
    >>> m = NetworkMap(patient=Patient(name="T"), persons=[
    ...     Person(id=f"p{i}", name=f"Person {i:03}", sector="kin", distance=0.5)
    ...     for i in range(300)])
    >>> shown, more = listed(m, "da")
    >>> len(shown), more, shown[0].name
    (50, 250, 'Person 000')
    >>> [p.name for p in listed(m, "da", "person 299")[0]], listed(m, "da", "29")[1]
    (['Person 299'], 0)
    """
    persons = by_name(network_map.persons, lang)
    if not is_light(network_map):
        return persons, 0
    found = [p for p in persons if matches(p, query[:MAX_QUERY])]
    return found[:LIST_CAP], max(0, len(found) - LIST_CAP)


def capped(items: Sequence[T], cap: int = LIST_CAP) -> tuple[list[T], list[T]]:
    """The first ``cap`` items, and the rest.

    >>> capped([1, 2, 3], 2)
    ([1, 2], [3])
    """
    return list(items[:cap]), list(items[cap:])


def more_item(rest: Sequence[str], lang: Lang) -> Node:
    """A list item for the persons beyond the cap: "og N flere", opened by "Vis flere".

    An inert element (:mod:`netmap.app.inert`); the rest are plain text in
    one paragraph.
    """
    summary = el(
        "summary",
        [
            t("light.more", lang, count=len(rest)),
            " · ",
            el("span", t("light.show_more", lang), className="light-show-more"),
        ],
    )
    rest_text = el("p", "; ".join(rest), className="light-rest")
    return el("li", el("details", [summary, rest_text]), className="light-more")


def light_note(network_map: NetworkMap, lang: Lang) -> Any:
    """The note above a large map saying it is shown in light mode, and why (else None)."""
    if not is_light(network_map):
        return None
    count = format_number(len(network_map.persons), lang)
    return html.P(
        t("light.note", lang, persons=count, cap=LIST_CAP),
        id="light-note",
        className="light-note",
        role="note",
    )


def search_box(lang: Lang) -> Any:
    """The search field above the list: a labelled search input with a hint."""
    return html.Div(
        [
            html.Label(t("light.search_label", lang), htmlFor="person-search"),
            dcc.Input(
                id="person-search",
                type="search",
                value="",
                maxLength=MAX_QUERY,
                autoComplete="off",
                className="person-search",
            ),
            html.P(t("light.search_hint", lang), id="person-search-hint", className="muted"),
        ],
        className="person-search-box",
        role="search",
    )
