"""Saving a tab's edit on top of the tab's own newer versions.

A tab sends its saves faster than it learns their new version numbers
(arrow keys on a choice, quick taps, fields left one after the other), and
Dash drops the answer of a callback that was fired again while it ran. So a
tab can be behind the store on versions that are its own work. Such a save
is no conflict: the edit is applied to the newest version. A version saved
by anyone else in between still is one, and stays one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from netmap.app.state import MapState
from netmap.model import NetworkMap
from netmap.store import ConflictError, MapStore

__all__ = ["AUTHOR", "OWN_RETRIES", "Saved", "author_of", "save_on_own_newest"]

#: The author of versions saved from the app (until there is a user identity).
AUTHOR = "app"
#: How many times one save may move on to the tab's own newer version. Each
#: time means another save of the same tab landed meanwhile, so this bounds a
#: burst of the tab's own saves, not time.
OWN_RETRIES = 20


@dataclass(frozen=True)
class Saved:
    """What a save did: the version the edit was applied to, and the new one (if any)."""

    base: int
    before: NetworkMap
    after: NetworkMap
    version: int | None


def author_of(state: MapState) -> str:
    """``app:<tab>`` for a tab that has an id, else ``app``."""
    return f"{AUTHOR}:{state.tab}" if state.tab else AUTHOR


def save_on_own_newest(
    store: MapStore, state: MapState, change: Callable[[NetworkMap], NetworkMap]
) -> Saved:
    """Apply ``change`` to the version the tab saw, or to its own newest, and save it.

    Raises :class:`~netmap.store.ConflictError` when a version of someone
    else (another tab, an import, the CLI) came after the one the tab saw.
    """
    author = author_of(state)
    base = state.version
    for attempt in range(OWN_RETRIES):
        before = store.load(state.map_id, base).map
        after = change(before)
        if after == before:
            return Saved(base, before, after, None)
        try:
            stored = store.save(state.map_id, after, base_version=base, author=author)
        except ConflictError:
            if state.tab is None or attempt == OWN_RETRIES - 1:
                raise
            newer = [v for v in store.history(state.map_id) if v.version > base]
            if not newer or any(v.author != author for v in newer):
                raise
            base = newer[-1].version
            continue
        return Saved(base, before, after, stored.version)
    raise AssertionError("unreachable: the last attempt returns or raises")
