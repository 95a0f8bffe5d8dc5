"""The app over HTTP, without a browser: pages, limits and hostile callback bodies.

A client can POST anything to ``/_dash-update-component`` (TECH-NOTES); these
tests build the requests the way the browser does, from
``/_dash-dependencies``, and check that bad values are answered with an error
and change nothing in the store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netmap.app import MAX_REQUEST_BYTES
from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore

APP_DIR = Path(__file__).resolve().parents[2] / "netmap" / "app"


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[Person(id="mor", name="Mor Testesen", sector="family", distance=0.2)],
    )
    return store.create(m, author="test").map_id


def _callback(client: Any, input_id: str) -> dict[str, Any]:
    for dep in client.get("/_dash-dependencies").get_json():
        if [i["id"] for i in dep["inputs"]] == [input_id]:
            return dep
    raise AssertionError(f"no callback with the single input {input_id}")


def _outputs(output: str) -> list[dict[str, str]]:
    parts = output.strip(".").split("...")
    result = []
    for part in parts:
        component, prop = part.split(".", 1)
        result.append({"id": component, "property": prop.split("@")[0]})
    return result


def _drop_body(client: Any, value: Any, state: dict[str, Any]) -> dict[str, Any]:
    dep = _callback(client, "drag-op")
    states = {"map-state": state, "history": {"undo": [], "redo": []}, "lang": "da"}
    return {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": [{"id": "drag-op", "property": "data", "value": value}],
        "changedPropIds": ["drag-op.data"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": states.get(s["id"])}
            for s in dep["state"]
        ],
    }


def _post(client: Any, body: Any) -> Any:
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_apphttp001_pages_are_served(client: Any, map_id: str) -> None:
    assert client.get("/").status_code == 200
    assert client.get(f"/map/{map_id}").status_code == 200
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "map-state" in layout and "lang" in layout


def test_apphttp002_a_valid_drop_is_saved(client: Any, store: SqliteStore, map_id: str) -> None:
    # (-156.25, 0) pixels is 9 o'clock at radius 0.625 of the outer ring (250 px),
    # which is distance (0.625 - 0.25) / 0.75 = 0.5: kin, middle.
    body = _drop_body(client, {"id": "mor", "x": -156.25, "y": 0}, {"map_id": map_id, "version": 1})
    response = _post(client, body)
    assert response.status_code == 200
    reply = response.get_json()["response"]
    assert reply["map-state"]["data"] == {"map_id": map_id, "version": 2}
    mor = store.load(map_id).map.person("mor")
    assert (mor.sector.value, mor.distance, mor.angle) == (
        "kin",
        pytest.approx(0.5),
        pytest.approx(90),
    )


@pytest.mark.parametrize(
    "value",
    [
        {"id": "mor", "x": "left", "y": 0},
        {"id": "mor", "x": 1e308 * 10, "y": 0},
        {"id": "mor", "x": 0, "y": 0, "extra": 1},
        {"id": "nobody", "x": 1, "y": 1},
        {"id": None, "x": 1, "y": 1},
        "<img src=x onerror=alert(1)>",
        [],
    ],
)
def test_apphttp003_malformed_drop_gets_an_error_and_changes_nothing(
    client: Any, store: SqliteStore, map_id: str, value: Any
) -> None:
    before = store.load(map_id)
    body = _drop_body(client, value, {"map_id": map_id, "version": 1})
    raw = json.dumps(body).replace("Infinity", "1e999")
    response = client.post("/_dash-update-component", data=raw, content_type="application/json")
    assert response.status_code == 200
    notice = response.get_json()["response"]["notice-store"]["data"]
    assert notice["kind"] == "error"
    assert notice["text"].startswith("Ændringen blev ikke gemt")
    after = store.load(map_id)
    assert (after.version, after.map) == (before.version, before.map)


@pytest.mark.parametrize(
    "state",
    [None, {"map_id": "../etc", "version": 1}, {"map_id": "x", "version": 0}, "abc"],
)
def test_apphttp004_forged_map_state_is_refused(
    client: Any, store: SqliteStore, map_id: str, state: Any
) -> None:
    body = _drop_body(client, {"id": "mor", "x": 10, "y": 10}, state)
    notice = _post(client, body).get_json()["response"]["notice-store"]["data"]
    assert notice["kind"] == "error"
    assert store.load(map_id).version == 1


def test_apphttp005_body_that_is_not_an_object_is_a_400(client: Any) -> None:
    for raw in ('"text"', "[1]", "{broken", ""):
        response = client.post("/_dash-update-component", data=raw, content_type="application/json")
        assert response.status_code == 400, raw
        assert "JSON" in response.get_data(as_text=True)


def test_apphttp006_request_bodies_are_size_limited(client: Any) -> None:
    response = client.post(
        "/_dash-update-component",
        data=b"{" + b" " * (MAX_REQUEST_BYTES + 1) + b"}",
        content_type="application/json",
    )
    assert response.status_code == 413


def test_apphttp007_no_raw_html_anywhere_in_the_app() -> None:
    for source in APP_DIR.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "dangerously_allow_html" not in text, source
        # No Markdown either (the overview table was one, its user text escaped;
        # it is plain data now: test_panels_safety.py).
        assert "dcc.Markdown" not in text, source


def test_apphttp008_the_layout_is_drawn_for_the_page_that_names_itself(
    client: Any, map_id: str
) -> None:
    # The page's policy is no-referrer: its script names the page in
    # X-Netmap-Page, and the layout comes with that page already drawn.
    named = client.get("/_dash-layout", headers={"X-Netmap-Page": f"/map/{map_id}"})
    assert "Mor Testesen" in named.get_data(as_text=True)
    assert "Mor Testesen" not in client.get("/_dash-layout").get_data(as_text=True)
    # Only a path on this server counts; anything else draws the empty frame.
    for odd in ("//evil.example/map/x", "http://evil.example/", "map/" + map_id):
        answer = client.get("/_dash-layout", headers={"X-Netmap-Page": odd})
        assert "Mor Testesen" not in answer.get_data(as_text=True), odd


def _tap_body(
    client: Any, changed: list[str], tap: Any, click: Any, state: dict[str, Any]
) -> dict[str, Any]:
    """A body for the person-tap callback as dash-renderer builds it."""
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if [i["id"] for i in d["inputs"]] == ["map-cy", "person-click"]
    )
    states = {
        "map-state": state,
        "history": {"undo": [], "redo": []},
        "lang": "da",
        "mode": "select",
        "q-step": 2,
        "connect-from": None,
    }
    return {
        "output": dep["output"],
        "outputs": _outputs(dep["output"]),
        "inputs": [
            {"id": "map-cy", "property": "tapNodeData", "value": tap},
            {"id": "person-click", "property": "data", "value": click},
        ],
        "changedPropIds": changed,
        "state": [
            {"id": s["id"], "property": s["property"], "value": states.get(s["id"])}
            for s in dep["state"]
        ],
    }


def test_apphttp009_the_tap_or_click_in_a_merged_call_counts(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # Dash merges what changed while a callback waited into one call; the
    # first of it that is a user's action counts, not simply the first.
    tap = {"pid": "mor", "timeStamp": 1234.5}
    body = _tap_body(
        client,
        ["person-click.data", "map-cy.tapNodeData"],
        tap,
        None,
        {"map_id": map_id, "version": 1},
    )
    response = _post(client, body)
    assert response.status_code == 200
    assert response.get_json()["response"]["map-state"]["data"]["version"] == 2
    assert store.load(map_id).map.person("mor").knows_how_i_am is True
    # A click in the list (the browser passes on real clicks only) answers too.
    body = _tap_body(
        client,
        ["person-click.data"],
        None,
        {"pid": "mor", "click": 3},
        {"map_id": map_id, "version": 2},
    )
    assert _post(client, body).status_code == 200
    assert store.load(map_id).map.person("mor").knows_how_i_am is False
    # Nothing that is an action: nothing saved.
    body = _tap_body(client, ["person-click.data"], None, None, {"map_id": map_id, "version": 3})
    assert _post(client, body).status_code == 204
    assert store.load(map_id).version == 3
