"""Send the browser only the panel parts that changed since it last drew them.

Dash redraws every component it receives, and on a 60-person map the team
panel alone is a few hundred of them. A drop usually changes one group or none,
so the panel callback fingerprints each part (a group, the invite list, a
finding) and keeps the fingerprints the browser has drawn in a small store;
the next answer carries only the parts whose fingerprint differs, or nothing.

Sent into fixed slots (one output per part, :func:`changed_values`), an
unchanged part costs the browser nothing. (A :class:`dash.Patch` of a
container's children would only save bytes: Dash's renderer re-mounts every
child of a container whose ``children`` changed.)

The fingerprints come back from the client, which can send anything: they are
parsed first, and anything unexpected simply means "draw everything".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Annotated, Any

import dash
from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder
from pydantic import Field, TypeAdapter, ValidationError

__all__ = ["MAX_PARTS", "changed_values", "fingerprint", "parse_fingerprints"]

#: More parts than any section has (the checks: a message and nine codes).
MAX_PARTS = 16
_Fingerprints = TypeAdapter(
    list[Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")]],
)


_PLOTLY = PlotlyJSONEncoder()


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
    """A stable fingerprint of one component tree (SHA-1 of its JSON).

    The JSON is the standard library's, components turned into dicts by
    :func:`plain`: plotly's encoder tries up to nine conversions on each
    component and Dash's ``to_plotly_json`` looks up every property name the
    component could have (a 60-person panel's parts: 2–3 times slower).

    >>> from dash import html
    >>> fingerprint(html.P("a")) == fingerprint(html.P("a")) != fingerprint(html.P("b"))
    True
    """
    encoded = json.dumps(part, default=plain, sort_keys=True).encode()
    return hashlib.sha1(encoded, usedforsecurity=False).hexdigest()


def parse_fingerprints(before: Any, limit: int = MAX_PARTS) -> list[str] | None:
    """The fingerprints the browser says it has drawn, or ``None`` if malformed.

    They come back from the client, which can send anything: at most
    ``limit`` of them, each 40 hex digits.

    >>> parse_fingerprints(["0" * 40]), parse_fingerprints("x"), parse_fingerprints([1])
    (['0000000000000000000000000000000000000000'], None, None)
    """
    try:
        parsed = _Fingerprints.validate_python(before)
    except ValidationError:
        return None
    return parsed if len(parsed) <= limit else None


def changed_values(values: Sequence[Any], before: Any) -> tuple[list[Any], list[str]]:
    """Each of ``values``, or :data:`dash.no_update` where the browser has it already.

    For outputs that are replaced whole (titles, the error line): every
    property Dash sets is one more update of the whole page in the browser.

    >>> sent, kept = changed_values(["a", None], None)
    >>> sent
    ['a', None]
    >>> changed_values(["a", "b"], kept)[0] == [dash.no_update, "b"]
    True
    """
    now = [fingerprint(value) for value in values]
    drawn = parse_fingerprints(before)
    if drawn is None or len(drawn) != len(now):
        return list(values), now
    return [
        dash.no_update if old == new else value
        for value, old, new in zip(values, drawn, now, strict=True)
    ], now
