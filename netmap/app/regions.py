"""Send the browser only the parts of a region that changed since it drew them.

Dash redraws every component it receives, and its renderer re-mounts every
child of a ``children`` that changes (each re-mount costs one update of the
whole page; a :class:`dash.Patch` would only save bytes). A save usually
changes one part of what the page shows, or none. So every region that is
updated in place (the person list, the edit panel, the panels, the patient
header, the meetings page's body, the routed page itself) is cut into named
*parts*, and the browser keeps, in a small store next to the region, what it
has drawn: one flat ``{part name: fingerprint}`` dict, each fingerprint 16
hex digits (:func:`fingerprint`). A callback computes the parts now, and
:func:`update` says which to send and what the store then holds.

Not sending a part is also what keeps a half-typed field: a form whose part
did not change is not drawn anew, so what the user typed there but has not
saved survives a save elsewhere.

A region may have a *frame*: a part that, when it differs, means the rest
cannot be set on what is drawn (the person list's structure, a panel
section's frame, the meeting shown); then every part is sent
(:attr:`Update.whole`), and the caller draws the region whole.

The store comes back from the client, which can send anything: it is parsed
first (:func:`parse_drawn`, a bounded size), and anything unexpected simply
means "draw everything".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

__all__ = [
    "MAX_NAME",
    "MAX_PARTS",
    "Drawn",
    "Update",
    "fingerprint",
    "fingerprints",
    "parse_drawn",
    "plain",
    "update",
]

#: What the browser has drawn of one region: part name -> fingerprint.
Drawn = dict[str, str]

#: The most parts a region has unless its caller says otherwise.
MAX_PARTS = 64
#: The longest part name (a person id is at most 100 characters; a panel's
#: live values are named by their component id and property).
MAX_NAME = 300

_HEX16 = re.compile(r"[0-9a-f]{16}")
_PLOTLY = PlotlyJSONEncoder()
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS

#: What a component's ``__dict__`` holds besides its properties (Dash's bookkeeping).
_NOT_PROPS = frozenset(
    {
        "available_properties",
        "available_wildcard_properties",
        "_prop_names",
        "_valid_wildcard_attributes",
    }
)


def plain(value: Any) -> Any:
    """What a component (or a figure, a date …) is in JSON, for :func:`fingerprint`.

    A component as ``Component.to_plotly_json`` has it: its properties are
    the attributes it was given (``aria-*`` and ``data-*`` included), read
    here straight from the instance, which costs a third of asking for each
    of its known property names.

    >>> from dash import html
    >>> plain(html.P("a", className="b")) == html.P("a", className="b").to_plotly_json()
    True
    """
    if isinstance(value, Component):
        props = {k: v for k, v in vars(value).items() if k not in _NOT_PROPS}
        return {"props": props, "type": value._type, "namespace": value._namespace}
    return _PLOTLY.default(value)


def fingerprint(part: Any) -> str:
    """A stable fingerprint of one part (16 hex digits of the SHA-1 of its JSON).

    Any JSON value or component tree, as sorted-key JSON from orjson with
    components turned into dicts by :func:`plain` (plotly's encoder tries up
    to nine conversions on each component, and Dash's ``to_plotly_json``
    looks up every property name the component could have; the standard
    library's encoder with the same ``default`` takes twice as long on a
    60-person drop). What orjson cannot encode (an integer beyond 64 bits)
    is encoded by the standard library. 64 bits: a region has at most a few
    thousand parts, and a part is only compared with its own former self.

    >>> from dash import html
    >>> fingerprint(html.P("a")) == fingerprint(html.P("a")) != fingerprint(html.P("b"))
    True
    >>> len(fingerprint(["any", {"json": 1}])), fingerprint(2**70) == fingerprint(2**70 + 1)
    (16, False)
    """
    try:
        encoded = orjson.dumps(part, default=plain, option=_ORJSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is one
        encoded = json.dumps(part, default=plain, sort_keys=True).encode()
    return hashlib.sha1(encoded, usedforsecurity=False).hexdigest()[:16]


def fingerprints(parts: Mapping[str, Any]) -> Drawn:
    """The store's value once every one of ``parts`` is drawn (a page sent whole).

    >>> fingerprints({"a": 1}) == {"a": fingerprint(1)}
    True
    """
    return {name: fingerprint(part) for name, part in parts.items()}


def parse_drawn(value: Any, limit: int = MAX_PARTS) -> Drawn | None:
    """What the browser says it has drawn, or ``None`` if it is not usable.

    It comes back from the client, which can send anything: a dict of at
    most ``limit`` parts, each name a string of at most :data:`MAX_NAME`
    characters, each fingerprint 16 hex digits (checked in that order, so a
    huge value costs nothing).

    >>> parse_drawn({"a": "0" * 16})
    {'a': '0000000000000000'}
    >>> [parse_drawn(v) for v in (None, "x", [1], {"a": "zz"}, {"a": 5}, {1: "0" * 16})]
    [None, None, None, None, None, None]
    >>> parse_drawn({"a": "0" * 16, "b": "0" * 16}, limit=1) is None
    True
    """
    if not isinstance(value, dict) or len(value) > limit:
        return None
    for name, print_ in value.items():
        if not (isinstance(name, str) and len(name) <= MAX_NAME):
            return None
        if not (isinstance(print_, str) and _HEX16.fullmatch(print_)):
            return None
    return dict(value)


@dataclass(frozen=True)
class Update:
    """Which parts to send, and what the browser has drawn after they are."""

    #: The parts to send, by name (every part when :attr:`whole`).
    send: dict[str, Any]
    #: The store's new value: the fingerprint of every part now.
    drawn: Drawn
    #: Nothing usable was drawn, or the frame changed: draw the region whole.
    whole: bool

    def value(self, name: str, keep: Any) -> Any:
        """The part ``name`` if it is to be sent, else ``keep`` (e.g. ``dash.no_update``)."""
        return self.send.get(name, keep)


def update(
    parts: Mapping[str, Any],
    before: Any,
    *,
    frame: str | None = None,
    limit: int = MAX_PARTS,
) -> Update:
    """The parts whose fingerprint differs from what was drawn (``before``, raw).

    ``before`` is the region's store as the client sent it (parsed here, at
    most ``limit`` parts: several regions may share one store, each looking
    only at its own names). ``frame`` names the part that, when it
    changed, means every part is sent.

    >>> first = update({"a": 1, "b": 2}, None)
    >>> sorted(first.send), first.whole
    (['a', 'b'], True)
    >>> again = update({"a": 1, "b": 3}, first.drawn)
    >>> again.send, again.whole
    ({'b': 3}, False)
    >>> sorted(update({"a": 9, "b": 3}, again.drawn, frame="a").send)
    ['a', 'b']
    >>> update({"a": 1, "b": 3}, again.drawn).send
    {}
    """
    now = fingerprints(parts)
    drawn = parse_drawn(before, limit)
    if drawn is None or (frame is not None and drawn.get(frame) != now[frame]):
        return Update(send=dict(parts), drawn=now, whole=True)
    send = {name: part for name, part in parts.items() if drawn.get(name) != now[name]}
    return Update(send=send, drawn=now, whole=False)
