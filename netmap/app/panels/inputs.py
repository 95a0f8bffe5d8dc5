"""Pydantic models for everything a client sends to the panel callbacks.

Anyone who can reach the server can POST any value to any callback, so the
panel callbacks accept nothing they have not validated here first.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from netmap.app.state import MapState
from netmap.i18n import Lang
from netmap.model import StrictModel

__all__ = ["SORT_COLUMNS", "OverviewSort", "PanelInputs", "SortColumn"]

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
    """All inputs of the panel callback, validated together.

    ``map_state`` is the app contract's :class:`~netmap.app.state.MapState`.
    """

    map_state: MapState | None = None
    lang: Lang = "da"
    sort: OverviewSort = Field(default_factory=OverviewSort)
