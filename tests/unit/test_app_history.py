"""The history page over HTTP: its layout, compare, restore (and a conflict), forged input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from app_client import app_client
from history_maps import build_history_map

from netmap.analysis.diff import diff
from netmap.analysis.diff_text import describe_diff
from netmap.app import create_app
from netmap.app.history.view import author_label
from netmap.model import NetworkMap, Patient, Person
from netmap.service import Conflict, restore_version
from netmap.store import ConflictError, MapNotFound, SqliteStore

TAB = "ab" * 16


@pytest.fixture
def app_and_map(store: SqliteStore) -> tuple[Any, Any]:
    built = build_history_map(store, meetings=3, persons=20)
    return app_client(create_app(store)), built


def _layout(client: Any, path: str) -> str:
    answer = client.get("/_dash-layout", headers={"X-Netmap-Page": path})
    assert answer.status_code == 200
    # Dash writes "/" as \u002f in its JSON.
    return str(answer.get_data(as_text=True)).replace("\\u002f", "/")


def _fire(client: Any, input_id: str, prop: str, value: Any, states: dict[str, Any]) -> Any:
    """POST the callback fired by ``input_id.prop`` as the browser would."""
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if {"id": input_id, "property": prop} in d["inputs"]
    )
    outputs = [
        {"id": part.split(".", 1)[0], "property": part.split(".", 1)[1].split("@")[0]}
        for part in dep["output"].strip(".").split("...")
    ]
    inputs = []
    for i in dep["inputs"]:
        if i["id"].startswith("{"):
            inputs.append([])  # a pattern (ALL) with no buttons drawn
        else:
            fired = (i["id"], i["property"]) == (input_id, prop)
            inputs.append(
                {"id": i["id"], "property": i["property"], "value": value if fired else None}
            )
    body = {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{input_id}.{prop}"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": states.get(s["id"])}
            for s in dep["state"]
        ],
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _state(built: Any, version: int | None = None) -> dict[str, Any]:
    return {"map_id": built.map_id, "version": version or built.versions, "tab": TAB}


def test_hist001_layout_has_the_time_line_viewer_and_trends(
    app_and_map: tuple[Any, Any],
) -> None:
    client, built = app_and_map
    text = _layout(client, f"/map/{built.map_id}/history")
    assert text.count('"hist-entry hist-meeting"') == 3
    assert text.count('"hist-entry hist-sitting"') == built.sittings
    assert f"Nyeste: version {built.versions}" in text
    assert f'"href":"/map/{built.map_id}"' in text
    # The charts come in their own answer, after the page.
    assert text.count('"type":"Graph"') == 0 and '"id":"hist-trends"' in text
    charts = _fire(client, "hist-state", "data", _state(built), {"lang": "da"})
    assert json.dumps(charts.get_json()["response"]).count('"type": "Graph"') == 4
    assert '"id":"hist-compare"' in text


def test_hist002_an_unknown_map_says_so(store: SqliteStore) -> None:
    client = app_client(create_app(store))
    text = _layout(client, "/map/nope123/history")
    assert "hist-entries" not in text and "notice-error" in text


def test_hist003_the_map_page_links_to_its_history(app_and_map: tuple[Any, Any]) -> None:
    client, built = app_and_map
    text = _layout(client, f"/map/{built.map_id}")
    assert f'"href":"/map/{built.map_id}/history"' in text
    assert '"id":"history-link"' in text


def test_hist004_compare_shows_the_version_and_the_diff(
    app_and_map: tuple[Any, Any], store: SqliteStore
) -> None:
    client, built = app_and_map
    answer = _fire(
        client,
        "hist-compare",
        "n_clicks",
        1,
        {"hist-from": 1, "hist-to": "4", "hist-state": _state(built), "lang": "en"},
    )
    assert answer.status_code == 200
    response = answer.get_json()["response"]
    old, new = store.load(built.map_id, 1).map, store.load(built.map_id, 4).map
    lines = [
        li["props"]["children"] for li in response["hist-diff"]["children"][1]["props"]["children"]
    ]
    assert lines == describe_diff(diff(old, new), "en")
    viewer = json.dumps(response["hist-version"])
    assert "Version 4 (" in viewer and '"autoungrabify": true' in viewer
    assert "Restore version 4" in viewer
    assert response["hist-viewed"]["data"] == 4


@pytest.mark.parametrize("bad", [None, 0, "x", 2.5, 10**6, [1]])
def test_hist005_a_version_out_of_range_is_named(app_and_map: tuple[Any, Any], bad: Any) -> None:
    client, built = app_and_map
    answer = _fire(
        client,
        "hist-compare",
        "n_clicks",
        1,
        {"hist-from": 1, "hist-to": bad, "hist-state": _state(built), "lang": "da"},
    )
    response = answer.get_json()["response"]
    assert response["hist-diff"]["children"]["props"]["children"] == (
        f"Til version: skriv et helt tal fra 1 til {built.versions}."
    )
    assert set(response) == {"hist-diff"}


def test_hist006_restore_saves_a_new_version_from_the_tab(
    app_and_map: tuple[Any, Any], store: SqliteStore
) -> None:
    client, built = app_and_map
    answer = _fire(
        client,
        "hist-restore",
        "n_clicks",
        1,
        {"hist-viewed": 1, "hist-state": _state(built), "hist-shown": 100, "lang": "da"},
    )
    response = answer.get_json()["response"]
    newest = store.history(built.map_id, after=built.versions)
    assert [(v.version, v.restored_from, v.author) for v in newest] == [
        (built.versions + 1, 1, f"app:{TAB}")
    ]
    assert store.load(built.map_id).map == store.load(built.map_id, 1).map
    assert response["hist-state"]["data"]["version"] == built.versions + 1
    assert f"Kortet er nu version {built.versions + 1}" in json.dumps(
        response["hist-notice"], ensure_ascii=False
    )
    assert "Gendannet fra version 1" in json.dumps(response["hist-timeline"], ensure_ascii=False)


def test_hist007_restore_after_another_save_is_a_conflict(
    app_and_map: tuple[Any, Any], store: SqliteStore
) -> None:
    client, built = app_and_map
    latest = store.load(built.map_id)
    store.save(
        built.map_id,
        latest.map.model_copy(update={"persons": latest.map.persons[:-1]}),
        base_version=latest.version,
        author="other",
    )
    answer = _fire(
        client,
        "hist-restore",
        "n_clicks",
        1,
        {"hist-viewed": 1, "hist-state": _state(built), "hist-shown": 100, "lang": "da"},
    )
    response = answer.get_json()["response"]
    assert store.load(built.map_id).version == built.versions + 1
    assert "Intet er gendannet" in json.dumps(response["hist-notice"], ensure_ascii=False)
    assert set(response) == {"hist-notice"}


@pytest.mark.parametrize("clicks", ["1", 1.5, -1, True, None, 0])
def test_hist008_forged_clicks_change_nothing(
    app_and_map: tuple[Any, Any], store: SqliteStore, clicks: Any
) -> None:
    client, built = app_and_map
    for button in ("hist-restore", "hist-compare", "hist-more", "hist-reload"):
        answer = _fire(
            client,
            button,
            "n_clicks",
            clicks,
            {"hist-viewed": 1, "hist-state": _state(built), "hist-from": 1, "hist-to": 2},
        )
        assert answer.status_code == 204, button
    assert store.load(built.map_id).version == built.versions


@pytest.mark.parametrize(
    "state", [None, {"map_id": "../x", "version": 1}, {"map_id": "a", "version": 0}, "x"]
)
def test_hist009_a_forged_tab_state_is_refused(
    app_and_map: tuple[Any, Any], store: SqliteStore, state: Any
) -> None:
    client, built = app_and_map
    answer = _fire(
        client,
        "hist-restore",
        "n_clicks",
        1,
        {"hist-viewed": 1, "hist-state": state, "hist-shown": 100},
    )
    assert "notice-error" in json.dumps(answer.get_json()["response"])
    assert store.load(built.map_id).version == built.versions


def test_hist010_restore_version_refuses_a_stale_base(store: SqliteStore) -> None:
    m = NetworkMap(
        patient=Patient(name="P"), persons=[Person(id="a", name="A", sector="kin", distance=0.5)]
    )
    first = store.create(m, author="t")
    second = store.save(
        first.map_id, m.model_copy(update={"persons": []}), base_version=1, author="t"
    )
    assert restore_version(store, first.map_id, 1, 1, tab=None) == Conflict(first.map_id, 1, 2)
    with pytest.raises(ConflictError):
        store.restore(first.map_id, 1, author="t", base_version=1)
    done = restore_version(store, first.map_id, second.version, 1, tab=TAB)
    assert not isinstance(done, Conflict) and done.version == 3
    # Already the latest: nothing added.
    again = restore_version(store, first.map_id, 3, 1, tab=TAB)
    assert not isinstance(again, Conflict) and again.version == 3


def test_hist011_author_label() -> None:
    assert author_label(f"app:{TAB}", "da") == "I appen"
    assert author_label("app", "en") == "In the app"
    assert author_label("Kontaktperson Test", "da") == "Kontaktperson Test"


def test_hist012_version_briefs_match_the_history(
    app_and_map: tuple[Any, Any], store: SqliteStore
) -> None:
    _client, built = app_and_map
    briefs = store.version_briefs(built.map_id)
    full = store.history(built.map_id)
    assert [
        (b.version, b.saved_at, b.author, b.restored_from, b.note, b.changes) for b in briefs
    ] == [(v.version, v.saved_at, v.author, v.restored_from, v.note, v.changes) for v in full]
    with pytest.raises(MapNotFound):
        store.version_briefs("nope")
