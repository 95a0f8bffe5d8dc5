"""A drop's map is laid out one request after its answer (editor/settle.py).

What a stale layout would look like is never sent: only the version the tab
is on, drawn from that version's own map (handed over by the drop or read
from the store), never another version's, and nothing for a map erased.
"""

from __future__ import annotations

from typing import Any

import dash
import pytest

from netmap.app.editor.elements import map_elements
from netmap.app.editor.settle import settle_map
from netmap.app.handoff import just_saved_of
from netmap.app.wiring import Page
from netmap.editing import DropPerson
from netmap.model import NetworkMap
from netmap.store import SqliteStore
from tests.counting_store import CountingStore

UI = ("da", None, None, 1, "select")  # lang, selected, connect-from, q-step, mode


def _page(store: Any) -> Page:
    return Page(app=dash.Dash(__name__), store=store)


def _positions(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["data"]["id"]: e.get("position") for e in elements if "pid" in e["data"]}


def _state(map_id: str, version: int) -> dict[str, Any]:
    return {"map_id": map_id, "version": version}


def _pending(map_id: str, version: int, drop: int | None = 3) -> dict[str, Any]:
    return {"map_id": map_id, "version": version, "drop": drop}


def test_appsettle001_the_handed_map_is_laid_out_without_a_store_load(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    moved = DropPerson(id="mor", x=0.0, y=-0.9).apply(stored.map)
    saved = store.save(stored.map_id, moved, base_version=1, author="test")
    counting = CountingStore(store)
    page = _page(counting)
    just_saved_of(page.app).put(stored.map_id, saved.version, moved)
    settled = settle_map(page, _pending(stored.map_id, 2), _state(stored.map_id, 2), None, *UI)
    assert counting.loads == 0
    assert settled["version"] == 2 and settled["drop"] == 3 and settled["ui"] == list(UI)
    assert settled["elements"] == map_elements(moved, "da", UI[1:])
    # The moved person is where version 2 has them, not where version 1 had them.
    old = _positions(map_elements(stored.map, "da", UI[1:]))
    assert _positions(settled["elements"])["p:mor"] != old["p:mor"]


def test_appsettle002_a_version_the_tab_has_left_is_not_laid_out(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    # Two quick drops: the first's layout comes after the second's answer.
    stored = store.create(small_map, author="test")
    page = _page(store)
    with pytest.raises(dash.exceptions.PreventUpdate):
        settle_map(page, _pending(stored.map_id, 1), _state(stored.map_id, 2), None, *UI)
    # Another map's pending on this tab is not drawn either.
    with pytest.raises(dash.exceptions.PreventUpdate):
        settle_map(page, _pending("0" * 32, 1), _state(stored.map_id, 1), None, *UI)


def test_appsettle003_undo_redo_and_another_tab_are_laid_out_from_their_own_version(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    moved = DropPerson(id="mor", x=0.0, y=-0.9).apply(stored.map)
    store.save(stored.map_id, moved, base_version=1, author="tab-a")
    # An undo saves version 1's content again as version 3; another tab saves 4.
    store.save(stored.map_id, stored.map, base_version=2, author="tab-a")
    other = DropPerson(id="sr", x=0.5, y=0.1).apply(stored.map)
    store.save(stored.map_id, other, base_version=3, author="tab-b")
    page = _page(store)
    # The handoff holds version 2's map: it is not taken for any other version.
    just_saved_of(page.app).put(stored.map_id, 2, moved)
    for version, expected in ((3, stored.map), (4, other)):
        settled = settle_map(
            page, _pending(stored.map_id, version), _state(stored.map_id, version), None, *UI
        )
        assert settled["elements"] == map_elements(expected, "da", UI[1:])
    assert just_saved_of(page.app).take(stored.map_id, 2) is moved


def test_appsettle004_an_erased_map_is_not_laid_out(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    store.delete(stored.map_id)
    with pytest.raises(dash.exceptions.PreventUpdate):
        settle_map(_page(store), _pending(stored.map_id, 1), _state(stored.map_id, 1), None, *UI)


def test_appsettle005_malformed_values_draw_nothing(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    state = _state(stored.map_id, 1)
    for pending in (None, {}, {"map_id": "x", "version": 1}, _pending(stored.map_id, 0), "1"):
        with pytest.raises(dash.exceptions.PreventUpdate):
            settle_map(_page(store), pending, state, None, *UI)
    with pytest.raises(dash.exceptions.PreventUpdate):
        settle_map(_page(store), _pending(stored.map_id, 1), {"version": "x"}, None, *UI)


def test_appsettle006_the_choices_drawn_for_come_back_with_the_elements(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    # The browser draws them only if the tab still has these choices (APPLY_JS).
    stored = store.create(small_map, author="test")
    ui = ("en", "mor", None, 2, "select")
    pending = _pending(stored.map_id, 1, None)
    settled = settle_map(_page(store), pending, _state(stored.map_id, 1), None, *ui)
    assert settled["ui"] == list(ui) and settled["drop"] is None
    assert settled["elements"] == map_elements(stored.map, "en", ui[1:])
    chosen = [e for e in settled["elements"] if e["data"].get("pid") == "mor"]
    assert "chosen" in chosen[0]["classes"]


def _patched(elements: list[dict[str, Any]], settled: dict[str, Any]) -> list[dict[str, Any]]:
    """What the browser makes of a patch (settle.APPLY_JS), as a list."""
    put = {e["data"]["id"]: e for e in settled["put"]}
    kept = [
        put.pop(e["data"]["id"], e) for e in elements if e["data"]["id"] not in settled["removed"]
    ]
    return kept + list(put.values())


def _by_id(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["data"]["id"]: e for e in elements}


def test_appsettle009_a_layout_comes_as_a_patch_against_what_the_tab_drew(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    page = _page(store)
    first = settle_map(page, _pending(stored.map_id, 1), _state(stored.map_id, 1), None, *UI)
    assert "put" not in first  # nothing drawn from a known list yet: whole
    drawn = {"map_id": stored.map_id, "token": first["token"]}
    moved = DropPerson(id="mor", x=0.0, y=-0.9).apply(stored.map)
    store.save(stored.map_id, moved, base_version=1, author="test")
    second = settle_map(page, _pending(stored.map_id, 2), _state(stored.map_id, 2), drawn, *UI)
    assert "elements" not in second and second["base"] == first["token"]
    assert second["token"] != first["token"]
    expected = map_elements(moved, "da", UI[1:])
    assert 0 < len(second["put"]) < len(expected)
    after = _patched(first["elements"], second)
    assert _by_id(after) == _by_id(expected) and len(after) == len(expected)
    # The person moved is among what is put, where version 2 has them.
    assert _by_id(second["put"])["p:mor"] == _by_id(expected)["p:mor"]


def test_appsettle010_a_list_the_server_does_not_have_for_this_map_means_whole(
    store: SqliteStore, small_map: NetworkMap
) -> None:
    stored = store.create(small_map, author="test")
    other = store.create(small_map, author="test")
    page = _page(store)
    first = settle_map(page, _pending(other.map_id, 1), _state(other.map_id, 1), None, *UI)
    whole = map_elements(stored.map, "da", UI[1:])
    pending = _pending(stored.map_id, 1)
    for drawn in (
        {"map_id": other.map_id, "token": first["token"]},  # another map's list
        {"map_id": stored.map_id, "token": first["token"]},  # not sent for this map
        {"map_id": stored.map_id, "token": "0" * 16},  # never sent
        {"map_id": stored.map_id, "token": "<script>"},  # made up
        "x",
    ):
        settled = settle_map(page, pending, _state(stored.map_id, 1), drawn, *UI)
        assert settled["elements"] == whole and "put" not in settled
    # The tab could not apply a patch: whole, even for a list the server has.
    mine = settle_map(page, pending, _state(stored.map_id, 1), None, *UI)
    drawn = {"map_id": stored.map_id, "token": mine["token"]}
    again = settle_map(page, {**pending, "whole": True}, _state(stored.map_id, 1), drawn, *UI)
    assert again["elements"] == whole


def test_appsettle007_the_layout_is_begun_once_the_answer_is_sent_and_taken_once(
    client: Any, store: SqliteStore, small_map: NetworkMap
) -> None:
    import json

    from netmap.app.editor.settle import Begun

    stored = store.create(small_map, author="test")
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if [i["id"] for i in d["inputs"]] == ["drag-op"]
    )
    values = {"map-state": _state(stored.map_id, 1), "history": {}, "lang": "da", "q-step": 1}
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
            for part in dep["output"].strip(".").split("...")
        ],
        "inputs": [
            {"id": "drag-op", "property": "data", "value": {"id": "mor", "x": 0, "y": -200}}
        ],
        "changedPropIds": ["drag-op.data"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": values.get(s["id"])}
            for s in dep["state"]
        ],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    side = response.get_json()["sideUpdate"]
    assert "map-cy" not in side  # the layout is not in the drop's answer
    assert side["map-pending"]["data"] == {"map_id": stored.map_id, "version": 2, "drop": None}
    response.close()  # the answer is sent: the layout is begun
    begun = client.application.extensions["netmap.layouts_begun"]
    assert isinstance(begun, Begun)
    saved = store.load(stored.map_id, 2).map
    ui = ("da", None, None, 1, None)
    key = json.dumps(list(ui), sort_keys=True)
    assert begun.take(stored.map_id, 2, key) == map_elements(saved, "da", ui[1:])
    assert begun.take(stored.map_id, 2, key) is None  # taken once


def test_appsettle008_a_layout_begun_for_other_choices_or_versions_is_not_used() -> None:
    from netmap.app.editor.settle import Begun

    begun = Begun(size=2)
    begun.begin("m", 2, "chosen:a", lambda: [{"data": {"id": "a"}}])
    assert begun.take("m", 2, "chosen:b") is None  # drawn anew for the choices now
    assert begun.take("m", 2, "chosen:a") is None  # and not kept
    begun.begin("m", 3, "x", lambda: [])
    assert begun.take("m", 4, "x") is None and begun.take("m", 3, "x") == []
    for version in (5, 6, 7):  # the oldest go first
        begun.begin("m", version, "x", lambda: [])
    assert begun.take("m", 5, "x") is None and begun.take("m", 7, "x") == []

    def broken() -> list[dict[str, Any]]:
        raise ValueError("laid out again by settle_map")

    begun.begin("m", 8, "x", broken)
    assert begun.take("m", 8, "x") is None
