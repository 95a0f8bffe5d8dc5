"""Inert HTML: a subtree with nothing interactive in it, drawn by one Dash component.

Dash wraps every component it draws, and each wrapped component costs the
browser work on every update of the page (its renderer asks each one
whether it changed) and one more update whenever it is drawn anew. The
team panel's lists were some 170 components on a 60-person map, and a drop
that moved one person drew 60 of them anew. Text that nothing listens to
needs none of that: :class:`Inert` carries a plain tree of elements
(:func:`el`) that ``assets/netmap-inert.js`` turns into React elements
inside one wrapper. The DOM is the same as the ``html.*`` components would
give, so the page looks and reads the same.

Building the tree is cheap too (plain dicts, where an ``html.Li`` costs some
50 µs to make), and so is its fingerprint (:mod:`netmap.app.regions`).

Only the tags and attributes in :data:`TAGS` and :data:`ATTRIBUTES` are
drawn (the script checks again); texts are React's, so always escaped.
"""

from __future__ import annotations

import re
from typing import Any

from netmap.app.scripted import ScriptedComponent

__all__ = ["ATTRIBUTES", "TAGS", "Inert", "Node", "as_html_json", "el"]

#: The elements a tree may hold (anything else is refused here and drawn as a span there).
TAGS = frozenset(
    {
        *("div", "span", "p", "ul", "ol", "li", "h3", "h4", "strong", "em", "details", "summary"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
#: The attributes an element may have: its class, id, role, title, a header
#: cell's scope and ``aria-*``/``data-*``.
ATTRIBUTES = re.compile(r"className|id|role|title|scope|(aria|data)-[a-z][a-z0-9-]*")

#: One element: ``{"tag": …, "props": {…}, "children": …}`` (children: text, element or list).
Node = dict[str, Any]


def el(tag: str, children: Any = None, **props: str) -> Node:
    """One element of an inert tree; ``data_person="x"`` is ``data-person="x"``.

    >>> el("li", ["Mor", " · ", "mor"], className="panel-person", data_person="mor")
    {'tag': 'li', 'props': {'className': 'panel-person', 'data-person': 'mor'}, \
'children': ['Mor', ' · ', 'mor']}
    >>> el("script")
    Traceback (most recent call last):
    ...
    ValueError: not an inert element: 'script'
    """
    if tag not in TAGS:
        raise ValueError(f"not an inert element: {tag!r}")
    attributes = {}
    for name, value in props.items():
        attribute = name.replace("_", "-") if name.startswith(("aria_", "data_")) else name
        if not ATTRIBUTES.fullmatch(attribute):
            raise ValueError(f"not an inert attribute: {name!r}")
        attributes[attribute] = value
    node: Node = {"tag": tag, "props": attributes}
    if children is not None:
        node["children"] = children
    return node


class Inert(ScriptedComponent):
    """One Dash component drawing a tree of :func:`el` elements (``window.netmap_inert``)."""

    _namespace = "netmap_inert"
    _type = "Inert"
    PROPS = ("id", "tree")

    def __init__(self, tree: Any, id: str | None = None) -> None:
        super().__init__(id=id, tree=tree)


def as_html_json(value: Any) -> Any:
    """``value`` (JSON, as the browser gets it) with each Inert tree written as
    the ``html.*`` components it draws, as their JSON: for tests that compare
    what is shown with ``html.*`` trees.

    >>> from dash import html
    >>> import json
    >>> from plotly.utils import PlotlyJSONEncoder
    >>> def sent(v): return json.loads(json.dumps(v, cls=PlotlyJSONEncoder))
    >>> tree = Inert(el("ul", [el("li", "Mor", className="x")]))
    >>> as_html_json(sent(tree)) == sent(html.Ul([html.Li("Mor", className="x")]))
    True
    """
    if isinstance(value, list):
        return [as_html_json(item) for item in value]
    if not isinstance(value, dict):
        return value
    if value.get("namespace") == Inert._namespace:
        return _element_json(value.get("props", {}).get("tree"))
    return {key: as_html_json(item) for key, item in value.items()}


def _element_json(node: Any) -> Any:
    if isinstance(node, list):
        return [_element_json(item) for item in node]
    if not isinstance(node, dict):
        return node
    props = dict(node.get("props", {}))
    if "children" in node:
        props["children"] = _element_json(node["children"])
    return {"props": props, "type": node["tag"].capitalize(), "namespace": "dash_html_components"}
