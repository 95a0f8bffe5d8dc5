"""What the browser may send: small pydantic models for every callback input.

Anyone who can reach the server can POST any value to any callback
(TECH-NOTES, "Security-relevant library facts"), so every value a callback
reads from the client is parsed here first. A value that does not parse
raises :class:`~netmap.errors.InvalidInput`, shown to the user as one line;
nothing is loaded or saved.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, TypeAdapter, ValidationError

from netmap.errors import invalid_input
from netmap.i18n import Lang
from netmap.model import PersonId, StrictModel
from netmap.service import History

__all__ = [
    "SORT_COLUMNS",
    "DragOp",
    "History",
    "MapId",
    "MapState",
    "Mode",
    "Notice",
    "NoticeKind",
    "OverviewSort",
    "PanelInputs",
    "Settled",
    "SortColumn",
    "TabId",
    "acting",
    "clicked",
    "counts_valid",
    "parse",
    "path_map_id",
    "path_map_page",
    "user_action",
]

_MAP_ID_RE = r"^[A-Za-z0-9_-]{1,64}$"
MapId = Annotated[str, Field(pattern=_MAP_ID_RE)]
Mode = Literal["select", "connect"]
TabId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class MapState(StrictModel):
    """The map a tab is editing and the version it last saw (the app contract)."""

    map_id: MapId
    version: int = Field(ge=1)
    #: A random id the page gives the tab, so that the tab's own saves can be
    #: told from another tab's (:mod:`netmap.service`).
    tab: TabId | None = None

    def at(self, version: int) -> MapState:
        """The same tab on ``version``."""
        return MapState(map_id=self.map_id, version=version, tab=self.tab)


class DragOp(StrictModel):
    """A drop reported by the browser: the person and the pixel position."""

    id: PersonId
    x: float = Field(allow_inf_nan=False)
    y: float = Field(allow_inf_nan=False)
    #: The page's number of this drop (``window.__netmapDrops``): the map's
    #: layout that follows is drawn only if no drop came after it (settle.py).
    n: int | None = Field(default=None, ge=0, le=10**15)


class Settled(StrictModel):
    """The browser's word that one of the edit panel's stepping controls has come to rest.

    Arrow keys step through the sector radios one by one, and the distance
    slider's thumb step by step; the browser (``netmap-choice-settle.js``)
    reports the control once, when the keys rest, the pointer is let go or
    the focus leaves it, for the person whose panel it was. The panel starts
    with ``n`` 0 (no report yet), so that a store drawn anew is no report.
    """

    pid: PersonId
    n: int = Field(ge=1)


NoticeKind = Literal["ok", "error", "conflict"]


SortColumn = Literal[
    "name",
    "sector",
    "band",
    "role",
    "organisation",
    "phone",
    "email",
    "helps_with",
    "group",
    "team_roles",
]
#: The overview's columns, in the order they are shown.
SORT_COLUMNS: tuple[SortColumn, ...] = get_args(SortColumn)


class OverviewSort(StrictModel):
    """Which overview column the table is sorted by, and which way.

    The default, by group, keeps the analysis' own order (group, then closeness).
    """

    column: SortColumn = "group"
    descending: bool = False


class PanelInputs(StrictModel):
    """All inputs of the panel callback, validated together."""

    map_state: MapState | None = None
    lang: Lang = "da"
    sort: OverviewSort = Field(default_factory=OverviewSort)


#: Properties that count a user's actions (a click, Enter in a field, leaving a field).
_COUNTERS = ("n_clicks", "n_submit", "n_blur")


def clicked(value: Any) -> bool:
    """Whether a click count says the user acted: a whole number of at least 1.

    ``None`` and 0 (a button just drawn) and anything that is not a
    non-negative whole number (a forged request) count as no click: the
    callback then changes nothing.

    >>> clicked(1), clicked(0), clicked(None), clicked("3"), clicked(True), clicked(-1)
    (True, False, False, False, False, False)
    """
    return type(value) is int and value >= 1


def counts_valid(triggered: list[dict[str, Any]]) -> bool:
    """Whether every counter among what fired a callback is ``None`` or a whole number >= 0.

    >>> counts_valid([{"prop_id": "a.n_clicks", "value": None}])
    True
    >>> counts_valid([{"prop_id": "a.n_blur", "value": 1.5}])
    False
    """
    for item in triggered:
        prop = str(item.get("prop_id", ""))
        value = item.get("value")
        if (
            prop.rsplit(".", 1)[-1] in _COUNTERS
            and value is not None
            and not (clicked(value) or (type(value) is int and value == 0))
        ):
            return False
    return True


def _is_action(item: dict[str, Any]) -> bool:
    prop = str(item.get("prop_id", ""))
    value = item.get("value")
    if prop.rsplit(".", 1)[-1] in _COUNTERS:
        return clicked(value)
    return bool(value)


def acting(triggered: list[dict[str, Any]]) -> Any:
    """The id of the component whose change was the user's action, or None.

    Dash fires a callback once for everything that changed since it last
    asked: a tap on the map that comes while the callback waits (behind a
    save, say) is merged with the person items that were just redrawn, and
    those come first, with ``n_clicks`` None. So every item of
    ``ctx.triggered`` is looked at, not the first: the first real action
    wins (a counter must be a real click count, :func:`clicked`; any other
    property, a tap, must be set). Nothing counts when a counter is forged
    (:func:`counts_valid`). A pattern-matching id comes back as its dict.

    >>> acting([{"prop_id": "undo.n_clicks", "value": 2}])
    'undo'
    >>> acting([
    ...     {"prop_id": '{"pid":"a","type":"person-item"}.n_clicks', "value": None},
    ...     {"prop_id": "map-cy.tapNodeData", "value": {"pid": "b"}},
    ... ])
    'map-cy'
    >>> acting([{"prop_id": '{"pid":"a","type":"person-item"}.n_clicks', "value": 1}])
    {'pid': 'a', 'type': 'person-item'}
    >>> acting([{"prop_id": "undo.n_clicks", "value": "x"}]), acting([])
    (None, None)
    """
    if not triggered or not counts_valid(triggered):
        return None
    for item in triggered:
        if _is_action(item):
            component = str(item.get("prop_id", "")).rsplit(".", 1)[0]
            if component.startswith("{"):
                try:
                    parsed = json.loads(component)
                except ValueError:
                    return None
                return parsed if isinstance(parsed, dict) else None
            return component
    return None


def user_action(triggered: list[dict[str, Any]]) -> bool:
    """Whether what fired a callback (Dash's ``ctx.triggered``) holds a user's action.

    See :func:`acting` (which also says whose): a button that just appeared
    fires with ``None``, which is no action, but does not hide a real one
    that Dash merged into the same call.

    >>> user_action([{"prop_id": "undo.n_clicks", "value": 2}])
    True
    >>> user_action([{"prop_id": "undo.n_clicks", "value": "x"}]), user_action([])
    (False, False)
    >>> user_action([
    ...     {"prop_id": '{"pid":"a","type":"answer"}.n_clicks', "value": None},
    ...     {"prop_id": '{"pid":"b","type":"answer"}.n_clicks', "value": 3},
    ... ])
    True
    """
    return acting(triggered) is not None


class Notice(StrictModel):
    """The one-line message under the map."""

    kind: NoticeKind
    text: str


@functools.lru_cache(maxsize=64)
def _adapter(model: Any) -> TypeAdapter[Any]:
    # Building an adapter compiles a validator: once per type, not per request.
    return TypeAdapter(model)


def parse(model: Any, value: Any, where: str | None = None) -> Any:
    """Parse ``value`` as ``model`` (a model class or type) or raise ``InvalidInput``."""
    try:
        return _adapter(model).validate_python(value)
    except ValidationError as exc:
        raise invalid_input(exc, where=where) from None


def path_map_id(pathname: Any) -> str | None:
    """The map id in ``/map/<id>``, or None for any other path.

    >>> path_map_id("/map/abc-12"), path_map_id("/"), path_map_id("/map/<x>")
    ('abc-12', None, None)
    """
    if not isinstance(pathname, str):
        return None
    match = re.fullmatch(r"/map/([A-Za-z0-9_-]{1,64})/?", pathname)
    return match.group(1) if match else None


def path_map_page(pathname: Any) -> tuple[str, str] | None:
    """The map id and the page name in ``/map/<id>/<page>``, or None for any other path.

    >>> path_map_page("/map/abc-12/history"), path_map_page("/map/abc-12"), path_map_page(3)
    (('abc-12', 'history'), None, None)
    """
    if not isinstance(pathname, str):
        return None
    match = re.fullmatch(r"/map/([A-Za-z0-9_-]{1,64})/([a-z]{1,32})/?", pathname)
    return (match.group(1), match.group(2)) if match else None
