"""A lazy panel section as a frame drawn rarely and a few properties set often.

Dash 4's renderer re-mounts every component under a ``children`` prop that
changes, and every re-mounted component makes each mounted component on the
page re-check the store. A section that is redrawn on every drop (the contact
overview, the measures with their chart) therefore keeps its structure (the
*frame*) and changes only a few properties of a few components (the *live*
values: the overview's rows, the chart's figure, one text per
measure). The frame is drawn again only when it changes itself (another
language, another sort, a map without persons).

In the one format of :mod:`netmap.app.regions` the frame is a section's
frame part, named by its body's id, and each live value a part of its own
(:meth:`LiveSection.parts`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dash.development.base_component import Component

__all__ = ["MAX_LIVE", "LiveSection", "LiveValues", "live_key"]

#: Component id (see :func:`live_key`) -> property -> value.
LiveValues = dict[str, dict[str, Any]]

#: More parts than any section has (the overview: the frame, six properties
#: of each of ten sort buttons and the table's text).
MAX_LIVE = 128


def live_key(component_id: str | dict[str, Any]) -> str:
    """A component id as :func:`dash.set_props` and the renderer spell it.

    A pattern-matching id is its JSON with sorted keys and no spaces.

    >>> live_key("panel-chart"), live_key({"type": "panel-sort", "column": "name"})
    ('panel-chart', '{"column":"name","type":"panel-sort"}')
    """
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


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

    def parts(self, name: str) -> dict[str, Any]:
        """The section's parts: the frame (``name``), each live value ``name/<id>/<property>``.

        >>> from dash import html
        >>> LiveSection([html.P(id="n")], {"n": {"children": "3"}}).parts("body")["body/n/children"]
        '3'
        """
        parts: dict[str, Any] = {name: self.frame}
        for component_id, props in self.live.items():
            for prop, value in props.items():
                parts[f"{name}/{component_id}/{prop}"] = value
        return parts

    def filled(self) -> list[Any]:
        """A copy of the frame with every live value in place, to draw it whole."""
        frame = copy.deepcopy(self.frame)
        components = _by_id(frame)
        for component_id, props in self.live.items():
            for prop, value in props.items():
                setattr(components[component_id], prop, value)
        return frame

    def changed(self, name: str, sent: Mapping[str, Any]) -> LiveValues:
        """The live values among the parts ``sent`` (named as by :meth:`parts`)."""
        changed: LiveValues = {}
        for component_id, props in self.live.items():
            for prop, value in props.items():
                if f"{name}/{component_id}/{prop}" in sent:
                    changed.setdefault(component_id, {})[prop] = value
        return changed
