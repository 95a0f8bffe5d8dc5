"""The map page's marks of what changed since the last meeting, from the store.

:func:`since_for` finds the version the last meeting was prepared with
(:func:`netmap.analysis.preparation.prepared_for`), loads it once per app
(versions never change, so a small cache keyed by map and version is safe;
it keeps at most :data:`_KEPT` old versions in memory) and hands both maps
to :func:`netmap.analysis.since.since_meeting`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import dash
from dash import dcc, html

from netmap.analysis.preparation import prepared_for
from netmap.analysis.since import SinceMeeting, since_meeting
from netmap.app.choices import check_items
from netmap.app.wiring import one_per_app
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap
from netmap.store import MapStore

__all__ = ["BaselineCache", "since_cache_of", "since_for", "since_toggle"]

_KEPT = 8


class BaselineCache:
    """Old versions by (map id, version), the least recently used dropped first."""

    def __init__(self) -> None:
        self._maps: OrderedDict[tuple[str, int], NetworkMap] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: MapStore, map_id: str, version: int) -> NetworkMap:
        key = (map_id, version)
        with self._lock:
            found = self._maps.get(key)
            if found is not None:
                self._maps.move_to_end(key)
                return found
        loaded = store.load(map_id, version).map
        with self._lock:
            self._maps[key] = loaded
            while len(self._maps) > _KEPT:
                self._maps.popitem(last=False)
        return loaded

    def forget(self, map_id: str) -> None:
        """Drop every version of a map (it was erased)."""
        with self._lock:
            for key in [k for k in self._maps if k[0] == map_id]:
                del self._maps[key]


def since_cache_of(app: dash.Dash) -> BaselineCache:
    """The app's one cache (made by ``create_app`` before requests come in)."""
    return one_per_app(app, "netmap.since_cache", BaselineCache)


def since_for(
    store: MapStore, cache: BaselineCache, map_id: str, network_map: NetworkMap
) -> SinceMeeting | None:
    """The marks for ``network_map`` since its last prepared meeting, or None (no meeting)."""
    meeting = prepared_for(network_map)
    if meeting is None or meeting.prepared_with is None:
        return None
    try:
        old = cache.get(store, map_id, meeting.prepared_with)
    except NetmapError:
        return None
    return since_meeting(old, network_map, meeting.prepared_with)


def since_toggle(since: SinceMeeting | None, lang: Lang) -> Any:
    """On the map page: what the marks mean, and a box to show or hide them.

    Drawn only when a meeting was prepared (there is a "since").
    """
    if since is None:
        return html.Div(id="since-box", hidden=True)
    summary = t(
        "meetings_app.since.summary",
        lang,
        version=since.from_version,
        added=len(since.added),
        moved=len(since.moved),
    )
    return html.Div(
        [
            check_items(
                "since-toggle",
                options=[{"label": t("meetings_app.since.toggle", lang), "value": "show"}],
                value=["show"],
                class_name="choice-row",
            ),
            html.P(summary, id="since-summary", className="muted"),
            html.P(t("meetings_app.since.key", lang), className="muted"),
        ],
        id="since-box",
        className="since-box",
    )


def meetings_link(map_id: str | None, lang: Lang) -> Any:
    """The map page's way to its meetings (``/map/<id>/meetings``)."""
    if map_id is None:
        return html.Span()
    return dcc.Link(
        t("meetings_app.link", lang),
        href=f"/map/{map_id}/meetings",
        id="meetings-link",
        className="btn meetings-link",
    )
