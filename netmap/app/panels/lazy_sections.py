"""A lazy panel section as a frame drawn rarely and a few properties set often.

Dash 4's renderer re-mounts every component under a ``children`` prop that
changes, and every re-mounted component makes each mounted component on the
page re-check the store. A section that is redrawn on every drop (the contact
overview, the measures with their chart) therefore keeps its structure (the
*frame*) and changes only a few properties of a few components (the *live*
values: the overview's Markdown text, the chart's figure, one text per
measure). The frame is drawn again only when it changes itself (another
language, another sort, a map without persons).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from dash.development.base_component import Component

from netmap.app.panels import patch
from netmap.app.panels.patch import fingerprint

__all__ = ["LiveSection", "LiveValues", "live_key", "parse_fingerprints"]

#: Component id (see :func:`live_key`) -> property -> value.
LiveValues = dict[str, dict[str, Any]]

#: More than any section has (the overview: the frame, six properties of
#: each of ten sort buttons and the table's text).
_MAX_FINGERPRINTS = 128


def live_key(component_id: str | dict[str, Any]) -> str:
    """A component id as :func:`dash.set_props` and the renderer spell it.

    A pattern-matching id is its JSON with sorted keys and no spaces.

    >>> live_key("panel-chart"), live_key({"type": "panel-sort", "column": "name"})
    ('panel-chart', '{"column":"name","type":"panel-sort"}')
    """
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def parse_fingerprints(before: Any) -> list[str] | None:
    """The fingerprints the browser says a section has, or ``None`` if malformed."""
    return patch.parse_fingerprints(before, _MAX_FINGERPRINTS)


def _by_id(tree: Any) -> dict[str, Component]:
    found: dict[str, Component] = {}
    stack = list(tree) if isinstance(tree, list) else [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Component):
            component_id = getattr(node, "id", None)
            if isinstance(component_id, (str, dict)):
                found[live_key(component_id)] = node
            stack.append(getattr(node, "children", None))
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return found


@dataclass(frozen=True)
class LiveSection:
    """One lazy section: its ``frame`` and the ``live`` properties set inside it.

    Every id in ``live`` must be a component of ``frame`` (checked here: a
    live value without a place would silently never be shown).

    >>> from dash import html
    >>> section = LiveSection([html.Div(html.P(id="n"))], {"n": {"children": "3"}})
    >>> section.filled()[0].children.children
    '3'
    >>> section.frame[0].children.children is None
    True
    """

    frame: list[Any]
    live: LiveValues = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = set(self.live) - set(_by_id(self.frame))
        if missing:
            raise ValueError(f"live values without a component: {sorted(missing)}")

    def fingerprints(self) -> list[str]:
        """The frame's fingerprint, then one per live value in order."""
        return [
            fingerprint(self.frame),
            *(fingerprint(value) for props in self.live.values() for value in props.values()),
        ]

    def filled(self) -> list[Any]:
        """A copy of the frame with every live value in place, to draw it whole."""
        frame = copy.deepcopy(self.frame)
        components = _by_id(frame)
        for component_id, props in self.live.items():
            for prop, value in props.items():
                setattr(components[component_id], prop, value)
        return frame

    def changed(self, drawn: list[str]) -> LiveValues:
        """The live values whose fingerprint differs from ``drawn`` (same frame)."""
        now = self.fingerprints()
        changed: LiveValues = {}
        index = 1
        for component_id, props in self.live.items():
            for prop, value in props.items():
                if drawn[index] != now[index]:
                    changed.setdefault(component_id, {})[prop] = value
                index += 1
        return changed
