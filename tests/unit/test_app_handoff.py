"""A drop hands its saved map to the panels once: one store load per drop, no more."""

from __future__ import annotations

from datetime import date
from typing import Any

from netmap.app.handoff import JustSaved
from netmap.app.panels.callbacks import update_panels
from netmap.store import SqliteStore
from tests.counting_store import CountingStore


def test_apphand001_the_panels_draw_from_the_handed_map_once(
    store: SqliteStore, small_map: Any
) -> None:
    stored = store.create(small_map, author="test")
    counting = CountingStore(store)
    handoff = JustSaved()
    handoff.put(stored.map_id, stored.version, stored.map)
    state = {"map_id": stored.map_id, "version": stored.version}
    today = lambda: date(2026, 3, 1)  # noqa: E731
    first = update_panels(counting, today, state, "da", None, just_saved=handoff)  # type: ignore[arg-type]
    assert first.error is None and counting.loads == 0
    # Taken once: the next request reads the store, and a deleted map is refused.
    store.delete(stored.map_id)
    again = update_panels(counting, today, state, "da", None, just_saved=handoff)  # type: ignore[arg-type]
    assert counting.loads == 1 and again.error is not None
