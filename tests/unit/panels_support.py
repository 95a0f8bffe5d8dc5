"""Helpers for the panel tests: the Sofie demo map and component trees as JSON.

Like vizro's ``assert_component_equal``, trees are compared as the JSON Dash
sends to the browser, so a test sees exactly what the user's browser gets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from plotly.utils import PlotlyJSONEncoder

from netmap.app.inert import Inert, as_html_json
from netmap.app.state import SORT_COLUMNS
from netmap.i18n import Lang, t
from netmap.interchange import read_map
from netmap.model import NetworkMap

SOFIE = Path(__file__).resolve().parents[2] / "netmap" / "demo" / "sofie.graphml"
#: A day on which Sofie's consent (given 2026-03-01) is still valid.
AS_OF = date(2026, 11, 22)


def sofie() -> NetworkMap:
    return read_map(SOFIE)


def as_json(tree: Any) -> Any:
    """The tree as the browser receives it, each inert subtree as the ``html.*``
    components it draws (:func:`netmap.app.inert.as_html_json`)."""
    return as_html_json(json.loads(json.dumps(tree, cls=PlotlyJSONEncoder)))


def assert_component_equal(left: Any, right: Any) -> None:
    assert as_json(left) == as_json(right)


def nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component in the tree (as JSON dicts), depth first.

    A plain dict (a section's parts by slot) counts as the list of its values.
    """
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)
    elif isinstance(tree, dict) and tree.get("namespace") == Inert._namespace:
        yield from nodes(as_html_json(tree))
    elif isinstance(tree, dict) and "props" in tree and "type" in tree:
        yield tree
        yield from nodes(tree["props"].get("children"))
    elif isinstance(tree, dict):
        yield from nodes(list(tree.values()))


def texts(tree: Any) -> list[str]:
    """Every plain string shown as a child anywhere in the tree."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict) and "props" in value:
            walk(value["props"].get("children"))
        elif isinstance(value, dict):
            walk(list(value.values()))

    walk(as_json(tree))
    return found


def by_id(tree: Any, wanted: Any) -> dict[str, Any]:
    """The one component with id ``wanted``."""
    hits = [n for n in nodes(as_json(tree)) if n["props"].get("id") == wanted]
    assert len(hits) == 1, f"{wanted!r}: {len(hits)} components"
    return hits[0]


def with_attr(tree: Any, attr: str, value: str) -> list[dict[str, Any]]:
    """Components whose property ``attr`` (e.g. ``data-person``) equals ``value``."""
    return [n for n in nodes(as_json(tree)) if n["props"].get(attr) == value]


def names_in(component: dict[str, Any]) -> list[str]:
    """The person names (``panel-person-name`` spans) inside a component."""
    return [
        n["props"]["children"]
        for n in nodes(component)
        if n["props"].get("className") == "panel-person-name"
    ]


def headings(lang: Lang) -> list[str]:
    """The overview table's headings in ``lang`` (its frame has them; a drop sends rows)."""
    return [t(f"panels.column.{column}", lang) for column in SORT_COLUMNS]


#: The only links the table may hold: a tel:/mailto: URL of safe characters.
_LINK = re.compile(r"^(?:tel:\+?[0-9]+|mailto:[A-Za-z0-9@.\-_+%]+)$")


def table_rows(
    labels: list[str], rows: list[Any], links: dict[tuple[int, str], str] | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The headings and the rows of the overview's table as its script draws them.

    Each row maps a heading to its cell's text ("" when empty), as shown: a
    link's text and what follows it. Every cell is ``[]``, ``[text]`` or
    ``[text, href, rest]`` of strings, the href a safe tel:/mailto: URL; it
    goes to ``links`` under ``(row index, heading)`` when a dict is given.
    """
    assert all(isinstance(label, str) for label in labels)
    shown = []
    for row in rows:
        assert set(row) == {"key", "cells"} and isinstance(row["key"], str), row
        cells = row["cells"]
        assert len(cells) == len(labels), row
        texts: dict[str, str] = {}
        for heading, cell in zip(labels, cells, strict=True):
            assert isinstance(cell, list) and all(isinstance(part, str) for part in cell), cell
            assert len(cell) in (0, 1, 3), cell
            if len(cell) == 3:
                assert _LINK.match(cell[1]), cell
                if links is not None:
                    links[(len(shown), heading)] = cell[1]
            texts[heading] = " ".join(part for part in (cell[:1] + cell[2:]) if part)
        shown.append(texts)
    return labels, shown
