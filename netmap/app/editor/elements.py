"""The map's cytoscape elements for a tab's raw choices (pure).

Both the editor's callbacks and the layout that follows a drop
(:mod:`netmap.app.editor.settle`) draw the map from the same browser values;
here, so that neither imports the other.
"""

from __future__ import annotations

from typing import Any

from netmap.analysis.since import SinceMeeting
from netmap.app.mapview import build_elements
from netmap.i18n import Lang
from netmap.model import NetworkMap

__all__ = ["map_elements", "selected_of", "step_of"]


def step_of(value: Any) -> int:
    """The question step (1–4) the browser sent; 1 for anything else.

    >>> step_of(3), step_of("3"), step_of(None)
    (3, 1, 1)
    """
    return value if value in (1, 2, 3, 4) else 1


def selected_of(value: Any) -> str | None:
    """A person id the browser sent as chosen, or None if it cannot be one."""
    return value if isinstance(value, str) and 0 < len(value) <= 100 else None


def map_elements(
    network_map: NetworkMap,
    lang: Lang,
    ui: tuple[Any, Any, Any, Any],
    since: SinceMeeting | None = None,
) -> list[dict[str, Any]]:
    """The map's cytoscape elements for the tab's raw (selected, connect-from, q-step, mode)."""
    selected, connect_from, step_value, mode_value = ui
    mode = "connect" if mode_value == "connect" else "select"
    return build_elements(
        network_map,
        lang,
        selected=selected_of(selected),
        connect_from=selected_of(connect_from) if mode == "connect" else None,
        question=step_of(step_value),
        since=since,
    )
