"""The meetings page (``/map/<id>/meetings``) and the map page's marks since the last meeting.

Modules: :mod:`~netmap.app.meetings.layout` (the page), ``view``,
``papers_view`` and ``prepare`` (pure: map in, components out), ``intents``
(pure: the browser's values → one meeting edit, or errors per field),
``page`` (loading from the store), ``callbacks`` (module level, via
:mod:`netmap.app.wiring`) and ``since`` (the map page's marks and toggle).
This package file stays light: the editor imports ``since`` from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dash

    from netmap.store import MapStore

__all__ = ["register_meetings_callbacks"]


def register_meetings_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], date] = date.today
) -> None:
    """Wire the meetings page's callbacks (and the map page's toggle) to ``app``."""
    from netmap.app.meetings.callbacks import callbacks
    from netmap.app.meetings.since import since_cache_of
    from netmap.app.saving import edit_order_of
    from netmap.app.wiring import Page

    since_cache_of(app)  # made now, before requests come in on several threads
    callbacks.register(app, Page(app=app, store=store, order=edit_order_of(app), today=today))
