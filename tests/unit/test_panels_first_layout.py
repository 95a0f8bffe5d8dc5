"""The first page comes with the layout, so the editor and its panels start at once.

The browser names the page it shows in the ``Referer`` of its request for
``/_dash-layout``; the layout then carries that page, and the routing callback
does nothing for a page already shown.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from app_client import app_client
from panels_support import by_id, sofie

from netmap.app import create_app
from netmap.app.regions import fingerprints
from netmap.app.shell import page_parts
from netmap.store.sqlite import SqliteStore


def _layout(store: SqliteStore, referrer: str | None) -> Any:
    client = app_client(create_app(store))
    headers = {"Referer": referrer} if referrer else {}
    response = client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def test_pnl090_the_editor_page_comes_with_the_layout(store: SqliteStore) -> None:
    stored = store.create(sofie(), author="test")
    layout = _layout(store, f"http://localhost/map/{stored.map_id}")
    state = by_id(layout, "map-state")["props"]["data"]
    assert (state["map_id"], state["version"]) == (stored.map_id, stored.version)
    # Each page gets its own tab id: another tab's saves are told from its own.
    assert re.fullmatch(r"[0-9a-f]{32}", state["tab"])
    again = _layout(store, f"http://localhost/map/{stored.map_id}")
    assert by_id(again, "map-state")["props"]["data"]["tab"] != state["tab"]
    # The panels come drawn, with the fingerprints of what is drawn.
    assert "Birgitte Møller" in json.dumps(by_id(layout, "panel-group-team"), ensure_ascii=False)
    assert by_id(layout, "panel-findings")
    assert by_id(layout, "panel-drawn")["props"]["data"]["panel-slot-team-team"]
    # So are the person list and the edit panel (the callbacks skip the first call).
    assert "Birgitte Møller" in json.dumps(by_id(layout, "person-list"), ensure_ascii=False)
    assert by_id(layout, "person-list-drawn")["props"]["data"]["list"]
    assert by_id(layout, "edit-panel")["props"]["children"]
    shown = fingerprints(page_parts(f"/map/{stored.map_id}", "da"))
    assert by_id(layout, "page-drawn")["props"]["data"] == shown


@pytest.mark.parametrize(
    "referrer", [None, "http://elsewhere.example.dk/map/abc", "http://localhost/nope"]
)
def test_pnl091_unknown_or_foreign_page_gets_the_empty_frame(
    store: SqliteStore, referrer: str | None
) -> None:
    store.create(sofie(), author="test")
    layout = _layout(store, referrer)
    assert by_id(layout, "page")["props"].get("children") is None
    # No map: the store is drawn without data (it would fire on mount; shell.memory_store).
    assert by_id(layout, "map-state")["props"].get("data") is None
    assert "panel-team-body" not in json.dumps(layout)


def _route(store: SqliteStore, pathname: str, lang: Any, drawn: Any) -> Any:
    app = create_app(store)
    key = next(k for k in app.callback_map if "page.children" in k)
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in key.strip(".").split("...")
    ]
    return app_client(app).post(
        "/_dash-update-component",
        json={
            "output": key,
            "outputs": outputs,
            "inputs": [
                {"id": "url", "property": "pathname", "value": pathname},
                {"id": "lang", "property": "data", "value": lang},
            ],
            "changedPropIds": ["url.pathname"],
            "state": [
                {"id": "map-state", "property": "data", "value": None},
                {"id": "page-drawn", "property": "data", "value": drawn},
            ],
        },
    )


def test_pnl092_routing_skips_only_the_page_already_shown(store: SqliteStore) -> None:
    stored = store.create(sofie(), author="test")
    path = f"/map/{stored.map_id}"
    shown = fingerprints(page_parts(path, "da"))
    assert _route(store, path, None, shown).status_code == 204  # nothing to do
    # Another language, another page, nothing shown yet or junk: the page is drawn.
    other = fingerprints(page_parts("/", "da"))
    for lang, drawn in (("en", shown), (None, other), (None, None), (None, {"path": path})):
        response = _route(store, path, lang, drawn)
        assert response.status_code == 200
        reply = response.get_json()["response"]
        assert reply["page-drawn"]["data"] == fingerprints(page_parts(path, lang or "da"))
        assert reply["map-state"]["data"]["map_id"] == stored.map_id


def test_pnl093_the_panels_drawn_with_the_page_are_what_the_callback_would_send(
    store: SqliteStore,
) -> None:
    # The panel callback skips its first call (prevent_initial_call): what the
    # page comes with must be exactly what it would have sent, so asking it
    # with the page's fingerprints changes nothing.
    stored = store.create(sofie(), author="test")
    app = create_app(store, today=lambda: date(2026, 11, 22))
    client = app_client(app)
    page = client.get(
        "/_dash-layout", headers={"Referer": f"http://localhost/map/{stored.map_id}"}
    ).get_json()
    key = next(k for k in app.callback_map if "...panel-drawn.data" in k)
    values = {
        "map-state": by_id(page, "map-state")["props"]["data"],
        "map-view": by_id(page, "map-view")["props"]["data"],
        "lang": None,
        "panel-overview-sort": by_id(page, "panel-overview-sort")["props"]["data"],
        "panel-overview-title": None,
        "panel-measures-title": None,
        "panel-drawn": by_id(page, "panel-drawn")["props"]["data"],
    }
    body = {
        "output": key,
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in key.strip(".").split("...")
        ],
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in app.callback_map[key]["inputs"]
        ],
        "changedPropIds": ["map-view.data"],
        "state": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in app.callback_map[key]["state"]
        ],
    }
    assert client.post("/_dash-update-component", json=body).get_json()["response"] == {}
    # With nothing drawn, the same call draws everything.
    values["panel-drawn"] = None
    body["state"] = [dict(s, value=values[s["id"]]) for s in body["state"]]
    sent = client.post("/_dash-update-component", json=body).get_json()["response"]
    assert "Birgitte Møller" in json.dumps(sent["panel-slot-team-team"], ensure_ascii=False)
