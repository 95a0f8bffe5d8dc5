"""The person list is drawn once; edits set single properties on its items.

Dash 4 re-mounts every component under a ``children`` that changes, one page
update each, so the map callback must not send the list again for a drop, an
answer or a tap (see netmap/app/editor/person_list.py). These tests check which
edits change the list's structure and which only its leaves, and, over HTTP,
that the callback sends exactly the properties that differ from what the
browser says it shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_client import app_client

from netmap.app import create_app
from netmap.app.editor.person_list import ANSWERS, drawn_for, list_leaves, list_structure
from netmap.editing import parse_edit
from netmap.model import NetworkMap, Patient, Person


def _map() -> NetworkMap:
    return NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=0.2),
            Person(id="sr", name="Rådgiver Test", sector="professional", distance=0.4, role="SR"),
        ],
    )


def _edit(m: NetworkMap, **op: Any) -> NetworkMap:
    return parse_edit(op).apply(m)


# --- pure: what is structure and what is a leaf -------------------------------


def test_applist001_a_drop_changes_only_the_rows_sector_class() -> None:
    before = _map()
    after = _edit(before, kind="move_person", id="mor", sector="kin", distance=0.9)
    assert list_structure(before, "da", 1) == list_structure(after, "da", 1)
    old, new = list_leaves(before, 1, None), list_leaves(after, 1, None)
    assert new.row_class == {"mor": "person-row sector-kin", "sr": old.row_class["sr"]}
    assert (old.item_class, old.marks) == (new.item_class, new.marks)


def test_applist002_answers_change_marks_and_answer_buttons_not_structure() -> None:
    before = _map()
    after = _edit(before, kind="set_answer", id="sr", question=3, answer="yes")
    assert list_structure(before, "da", 3) == list_structure(after, "da", 3)
    old, new = list_leaves(before, 3, None), list_leaves(after, 3, None)
    assert (old.marks["sr"], new.marks["sr"]) == ("", "✚")
    assert old.answer_pressed[("sr", "unknown")] == "true"
    assert new.answer_pressed[("sr", "yes")] == "true"
    assert new.answer_pressed[("sr", "unknown")] == "false"
    assert new.answer_class[("sr", "yes")].endswith(" on")
    assert set(new.answer_class) == {(p, a) for p in ("mor", "sr") for a in ANSWERS}


def test_applist003_choosing_a_person_marks_only_that_item() -> None:
    leaves = list_leaves(_map(), 1, "sr")
    assert leaves.item_class == {"mor": "person-item", "sr": "person-item chosen"}
    assert leaves.item_pressed == {"mor": "false", "sr": "true"}
    assert leaves.answer_class == {}  # no answer buttons in step 1


@pytest.mark.parametrize(
    "op",
    [
        {
            "kind": "add_person",
            "id": "ny",
            "name": "Ny Testesen",
            "sector": "leisure",
            "band": "close",
        },
        {"kind": "remove_person", "id": "mor"},
        {"kind": "update_person", "id": "mor", "changes": {"name": "Mormor Testesen"}},
        {"kind": "update_person", "id": "sr", "changes": {"role": "Sygeplejerske"}},
    ],
)
def test_applist004_adding_removing_renaming_or_a_new_role_redraws_the_list(
    op: dict[str, Any],
) -> None:
    before = _map()
    assert list_structure(before, "da", 1) != list_structure(parse_edit(op).apply(before), "da", 1)


def test_applist005_step_and_language_are_structure() -> None:
    m = _map()
    shapes = {list_structure(m, lang, step) for lang in ("da", "en") for step in (1, 2, 3, 4)}
    assert len(shapes) == 8


# --- over HTTP: the map callback sends only what differs ----------------------


@pytest.fixture
def client_and_map(tmp_path: Path) -> Iterator[tuple[Any, str]]:
    from netmap.store import SqliteStore

    with SqliteStore(tmp_path / "netmap.db") as store:
        map_id = store.create(_map(), author="test").map_id
        yield app_client(create_app(store)), map_id


def _call(client: Any, first_output: str, values: dict[str, Any]) -> Any:
    """POST to the callback whose outputs start with ``first_output``, as the browser does."""
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if d["output"].startswith(f"..{first_output}")
    )
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": part.split(".")[0], "property": part.split(".")[1]}
            for part in dep["output"].strip(".").split("...")
        ],
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in dep["inputs"]
        ],
        "changedPropIds": ["map-view.data"],
        "state": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in dep["state"]
        ],
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _render(
    client: Any, map_id: str, drawn: Any, selected: str | None = None, map_drawn: Any = None
) -> dict[str, Any]:
    """The map callback's answer, as the browser gets it (outputs and side updates)."""
    values = {
        "map-view": {"map_id": map_id, "version": 1},
        "map-state": {"map_id": map_id, "version": 1},
        "lang": "da",
        "selected": selected,
        "connect-from": None,
        "q-step": 1,
        "mode": "select",
        "person-list-query": "",
        "person-list-drawn": drawn,
        "map-drawn": map_drawn,
    }
    response = _call(client, "map-settled.data", values)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_applist006_nothing_of_the_list_is_sent_when_the_browser_has_it(
    client_and_map: tuple[Any, str],
) -> None:
    client, map_id = client_and_map
    answer = _render(client, map_id, drawn_for(_map(), "da"))
    assert "person-list" not in answer["response"]
    assert "person-list-drawn" not in answer["response"]
    assert "sideUpdate" not in answer
    assert "map-settled" in answer["response"] and "version-label" in answer["response"]


def test_applist007_only_the_changed_persons_items_are_set(
    client_and_map: tuple[Any, str],
) -> None:
    client, map_id = client_and_map
    drawn = drawn_for(_map(), "da")
    answer = _render(client, map_id, drawn, selected="sr")
    assert "person-list" not in answer["response"]
    # One Patch of the list's rows (netmap/app/editor/rows.py): Rådgiver's row only.
    (patched,) = answer["sideUpdate"]["person-rows"]["rows"]["operations"]
    assert list(answer["sideUpdate"]) == ["person-rows"]
    assert (patched["operation"], patched["location"]) == ("Assign", ["sr"])
    row = patched["params"]["value"]
    assert row["row"] == "person-row sector-professional"
    assert (row["item"], row["pressed"], row["marks"]) == ("person-item chosen", "true", "")
    # The browser now shows Rådgiver chosen; Mor's fingerprint is unchanged.
    now = answer["response"]["person-list-drawn"]["data"]
    assert now["person:mor"] == drawn["person:mor"] != now["person:sr"] != drawn["person:sr"]
    again = _render(client, map_id, now, selected="sr")
    assert "sideUpdate" not in again and "person-list-drawn" not in again["response"]


@pytest.mark.parametrize(
    "drawn",
    [
        None,
        {"list": "0" * 16},
        {"list": "x", "person:mor": []},
        {"structure": "0" * 40, "leaves": {}},
        "junk",
    ],
)
def test_applist008_a_list_drawn_for_something_else_or_unknown_is_drawn_anew(
    client_and_map: tuple[Any, str], drawn: Any
) -> None:
    client, map_id = client_and_map
    answer = _render(client, map_id, drawn)
    assert answer["response"]["person-list-drawn"]["data"] == drawn_for(_map(), "da")
    text = json.dumps(answer["response"]["person-list"]["children"], ensure_ascii=False)
    assert "Mor Testesen" in text and "Rådgiver Test" in text
    assert "sideUpdate" not in answer


# --- the edit panel is redrawn only when it would look different ---------------


def _edit_panel_post(client: Any, map_id: str, selected: Any, drawn: Any) -> Any:
    values = {
        "selected": selected,
        "map-view": {"map_id": map_id, "version": 1},
        "map-state": {"map_id": map_id, "version": 1},
        "lang": "da",
        "edit-autosaved": None,
        "edit-panel-drawn": drawn,
    }
    return _call(client, "edit-panel.children", values)


def test_applist009_the_edit_panel_is_not_redrawn_when_it_would_look_the_same(
    client_and_map: tuple[Any, str],
) -> None:
    client, map_id = client_and_map
    first = _edit_panel_post(client, map_id, "mor", None)
    assert first.status_code == 200
    reply = first.get_json()["response"]
    assert "Mor Testesen" in json.dumps(reply["edit-panel"]["children"], ensure_ascii=False)
    drawn = reply["edit-panel-drawn"]["data"]
    # Another edit elsewhere (same panel for Mor): nothing is sent.
    assert _edit_panel_post(client, map_id, "mor", drawn).status_code == 204
    # Another person chosen: drawn anew.
    other = _edit_panel_post(client, map_id, "sr", drawn).get_json()["response"]
    assert "Rådgiver Test" in json.dumps(other["edit-panel"]["children"], ensure_ascii=False)


def test_applist010_a_redraw_of_the_map_is_a_patch_against_the_tab_s_map(
    client_and_map: tuple[Any, str],
) -> None:
    # A tap draws the map anew for the chosen person (render_map): sent as a
    # patch against the list the tab's map was drawn from (editor/drawn_map.py),
    # for this version and these choices (settle.APPLY_JS checks them).
    client, map_id = client_and_map
    first = _render(client, map_id, drawn_for(_map(), "da"))["response"]["map-settled"]["data"]
    assert "elements" in first and first["ui"] == ["da", None, None, 1, "select"]
    assert first["version"] == 1 and first["drop"] is None
    token = {"map_id": map_id, "token": first["token"]}
    tapped = _render(client, map_id, drawn_for(_map(), "da"), selected="sr", map_drawn=token)
    settled = tapped["response"]["map-settled"]["data"]
    assert settled["base"] == first["token"] and "elements" not in settled
    assert settled["ui"] == ["da", "sr", None, 1, "select"]
    chosen = [e for e in settled["put"] if e["data"].get("pid") == "sr"]
    assert chosen and "chosen" in chosen[0]["classes"]
    assert len(settled["put"]) < len(first["elements"])
