"""What the browser may send: small pydantic models for every callback input.

Anyone who can reach the server can POST any value to any callback
(TECH-NOTES, "Security-relevant library facts"), so every value a callback
reads from the client is parsed here first. A value that does not parse
raises :class:`~netmap.errors.InvalidInput`, shown to the user as one line;
nothing is loaded or saved.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from netmap.errors import invalid_input
from netmap.i18n import Lang, parse_lang
from netmap.model import PersonId, StrictModel
from netmap.service import History

__all__ = [
    "DragOp",
    "History",
    "MapId",
    "MapState",
    "Mode",
    "Notice",
    "NoticeKind",
    "TabId",
    "parse",
    "parse_lang_store",
    "parse_optional",
    "path_map_id",
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


NoticeKind = Literal["ok", "error", "conflict"]


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


def parse_optional(model: Any, value: Any) -> Any:
    """Like :func:`parse`, but ``None`` stays ``None``."""
    return None if value is None else parse(model, value)


def parse_lang_store(value: Any, default: Lang = "da") -> Lang:
    """The language in the ``lang`` store; anything else is the default."""
    return parse_lang(value) if isinstance(value, str) else default


def path_map_id(pathname: Any) -> str | None:
    """The map id in ``/map/<id>``, or None for any other path.

    >>> path_map_id("/map/abc-12"), path_map_id("/"), path_map_id("/map/<x>")
    ('abc-12', None, None)
    """
    if not isinstance(pathname, str):
        return None
    match = re.fullmatch(r"/map/([A-Za-z0-9_-]{1,64})/?", pathname)
    return match.group(1) if match else None
