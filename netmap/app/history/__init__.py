"""The history page of a map: sittings and meetings on one time line, any version
read only, two versions compared, a version restored, and the trends across meetings.

``/map/<id>/history`` (routed by :data:`netmap.app.shell.MAP_PAGES`). The
layout is :mod:`.layout`, the pure regions :mod:`.view`, the browser's values
:mod:`.intents`, the store reads :mod:`.data` and the callbacks :mod:`.callbacks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import dash

from netmap.i18n import Lang
from netmap.store import MapStore

__all__ = ["history_page", "register_history_callbacks", "today_of"]

_TODAY = "netmap.history.today"


def today_of(app: dash.Dash) -> Callable[[], dt.date]:
    """The app's "today" (``create_app(today=…)``; the trends leave out later meetings)."""
    found = app.server.extensions.get(_TODAY)
    return found if callable(found) else dt.date.today


def history_page(app: dash.Dash, store: MapStore, map_id: str, lang: Lang) -> Any:
    """The history page of ``map_id`` in ``lang``."""
    from netmap.app.history.data import timeline_cache_of
    from netmap.app.history.layout import history_page as page

    return page(store, map_id, lang, timeline_cache_of(app))


def register_history_callbacks(
    app: dash.Dash, store: MapStore, today: Callable[[], dt.date]
) -> None:
    """Wire the history page's callbacks (view, compare, restore, more) to ``app``."""
    from netmap.app.history.callbacks import callbacks
    from netmap.app.history.data import timeline_cache_of
    from netmap.app.wiring import Page

    app.server.extensions[_TODAY] = today
    timeline_cache_of(app)  # made now, before requests come in on several threads
    callbacks.register(app, Page(app=app, store=store, today=today))
