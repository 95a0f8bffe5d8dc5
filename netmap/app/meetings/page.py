"""Loading what the meetings page shows: the map, its baselines, the body.

The one place the page reads the store: the version the tab sees, the
version the last meeting was prepared with (for "what changed",
:func:`netmap.analysis.preparation.prepared_for`) and the one the last held
meeting was prepared with (for the order of the guided pass, as in
``netmap meeting prepare``). Everything shown is then drawn by the pure
functions of :mod:`netmap.app.meetings.layout`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from dash import html

from netmap.analysis.diff import diff
from netmap.analysis.preparation import prepared_for
from netmap.app.meetings.layout import BodyInputs, meetings_layout
from netmap.app.meetings.prepare import prepare_steps
from netmap.app.meetings.view import chosen_meeting
from netmap.app.state import MapState
from netmap.consent import consent_state
from netmap.errors import NetmapError
from netmap.i18n import Lang
from netmap.meetings import latest_held
from netmap.model import NetworkMap
from netmap.store import MapStore

__all__ = ["Loaded", "load_page", "meetings_page", "participants_of"]


@dataclass(frozen=True)
class Loaded:
    """The page's data for one version of one map."""

    network_map: NetworkMap
    version: int
    body: BodyInputs | None


def participants_of(choice: Any, meeting_id: str) -> list[str] | None:
    """This meeting's own participant list from the tab's ``invite-choice`` store, if any.

    >>> participants_of({"m1": ["a", "b"]}, "m1"), participants_of({"m1": "x"}, "m1")
    (['a', 'b'], None)
    """
    if not isinstance(choice, dict):
        return None
    ids = choice.get(meeting_id)
    if isinstance(ids, list) and all(isinstance(i, str) for i in ids) and len(ids) <= 2000:
        return ids
    return None


def load_page(
    store: MapStore,
    map_id: str,
    version: int | None,
    *,
    choice: Any = None,
    step: Any = None,
    invite: Any = None,
    include_cpr: bool = False,
    today: dt.date,
) -> Loaded:
    """Load a version (None: the latest) and what its meeting body is drawn from."""
    stored = store.load(map_id, version)
    network_map = stored.map
    meeting = chosen_meeting(network_map, choice, today)
    if meeting is None:
        return Loaded(network_map, stored.version, None)
    since = prepared_for(network_map)
    changes = None
    if since is not None and since.prepared_with is not None:
        old = store.load(map_id, since.prepared_with)
        changes = diff(
            old.map, network_map, from_version=old.version, to_version=stored.version, as_of=today
        )
    held = latest_held(list(network_map.meetings))
    at_last = None
    if held is not None and held.prepared_with is not None:
        at_last = store.load(map_id, held.prepared_with).map
    body = BodyInputs(
        network_map=network_map,
        map_id=map_id,
        meeting=meeting,
        changes=changes,
        since=since,
        steps=prepare_steps(network_map, at_last),
        step=step if type(step) is int else None,
        participants=participants_of(invite, meeting.id),
        include_cpr=include_cpr,
        consent=consent_state(network_map.consent, today),
    )
    return Loaded(network_map, stored.version, body)


def meetings_page(store: MapStore, map_id: str, lang: Lang, today: dt.date) -> tuple[Any, Any]:
    """The page for the latest version, and the tab's new state (None if not found)."""
    try:
        loaded = load_page(store, map_id, None, today=today)
    except NetmapError as exc:
        return html.Main(html.P(exc.message(lang), className="notice-error")), None
    state = MapState(map_id=map_id, version=loaded.version, tab=uuid.uuid4().hex).model_dump()
    page = meetings_layout(loaded.network_map, map_id, loaded.version, loaded.body, lang)
    return page, state
