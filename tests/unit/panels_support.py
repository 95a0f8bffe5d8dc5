"""Helpers for the panel tests: the Sofie demo map and component trees as JSON.

Like vizro's ``assert_component_equal``, trees are compared as the JSON Dash
sends to the browser, so a test sees exactly what the user's browser gets.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from plotly.utils import PlotlyJSONEncoder

from netmap.app.inert import Inert, as_html_json
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


_CELL = re.compile(r"^\*(?P<label>[^*]*)\* (?P<text>.*)$")
_REFERENCE = re.compile(r"&#(\d+);")
#: A phone or e-mail cell's link: escaped text, a tel:/mailto: URL of safe characters only.
_LINK = re.compile(
    r"^\[(?P<text>[^\[\]()]*)\]\((?P<url>(?:tel:\+?[0-9]+|mailto:[A-Za-z0-9@.\-_+%]+))\)"
    r"(?P<rest>[^\[\]()]*)$"
)


def _literal(escaped: str) -> str:
    """Markdown text written as plain text plus numeric references, decoded.

    Fails when any ASCII punctuation is left raw: Markdown would read it.
    """
    raw = _REFERENCE.sub("", escaped)
    left = [c for c in raw if c in string.punctuation]
    assert not left, f"unescaped {left} in {escaped!r}"
    return _REFERENCE.sub(lambda m: chr(int(m.group(1))), escaped)


def md_table(
    markdown: str, links: dict[tuple[int, str], str] | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The headings and the rows of a GFM table as the overview writes it.

    Each row maps a heading to its cell's text ("" when empty); each filled
    cell must start with its heading as emphasis (``*Navn* Ali``). A cell may
    be one link (``[text](tel:…)`` or ``mailto:``, then plain text): its text
    is the link's text and what follows; the URL goes to ``links`` under
    ``(row index, heading)`` when a dict is given.
    """
    lines = markdown.split("\n")
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines), lines
    headings = [_literal(cell) for cell in lines[0][2:-2].split(" | ")]
    assert lines[1] == "|" + " --- |" * len(headings)
    rows = []
    for line in lines[2:]:
        cells = line[2:-2].split(" | ")
        assert len(cells) == len(headings), line
        row = {}
        for heading, cell in zip(headings, cells, strict=True):
            if cell.strip() == "":
                row[heading] = ""
                continue
            match = _CELL.match(cell)
            assert match, cell
            assert _literal(match["label"]) == heading
            link = _LINK.match(match["text"])
            if link:
                row[heading] = _literal(link["text"]) + _literal(link["rest"])
                if links is not None:
                    links[(len(rows), heading)] = link["url"]
                continue
            row[heading] = _literal(match["text"])
        rows.append(row)
    return headings, rows
