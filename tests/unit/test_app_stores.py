"""No store fires its callbacks just by being drawn (a request per callback per page load).

dash-core-components' Store, when it mounts, sets its ``data`` to what its
backing store holds unless the two are equal: a memory store holds nothing
(``undefined``), a local or session store holds ``null`` when nothing was
kept. So a memory store given ``data=None`` (sent as ``null``), or a local or
session store given no data at all (``undefined``), fires every callback that
takes it as an Input on every page load. Checked here on the layout of every
page, as the browser receives it.
"""

from __future__ import annotations

from typing import Any

import pytest
from app_client import app_client
from history_maps import build_history_map

from netmap.app import create_app
from netmap.store.sqlite import SqliteStore


def _stores(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [store for child in node for store in _stores(child)]
    if not isinstance(node, dict):
        return []
    found = (
        [node]
        if node.get("type") == "Store" and node.get("namespace") == "dash_core_components"
        else []
    )
    for value in node.get("props", {}).values():
        found.extend(_stores(value))
    return found


def _mount_fires(store: dict[str, Any]) -> bool:
    props = store["props"]
    kind = props.get("storage_type", "memory")
    if kind == "memory":
        return "data" in props and props["data"] is None
    return "data" not in props


@pytest.mark.parametrize("screen", ["start", "map", "history", "meetings"])
def test_appstore001_no_store_fires_when_it_mounts(store: SqliteStore, screen: str) -> None:
    built = build_history_map(store, meetings=3, persons=20)
    path = {"start": "/", "map": "/map/{id}", "history": "/map/{id}/history"}.get(
        screen, "/map/{id}/meetings"
    )
    client = app_client(create_app(store))
    answer = client.get("/_dash-layout", headers={"X-Netmap-Page": path.format(id=built.map_id)})
    assert answer.status_code == 200
    stores = _stores(answer.get_json())
    # The page itself came with the layout (not only the shell's stores).
    assert len(stores) > (8 if screen == "start" else 12), [s["props"]["id"] for s in stores]
    firing = [s["props"]["id"] for s in stores if _mount_fires(s)]
    assert firing == []
