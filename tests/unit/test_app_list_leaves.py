"""The person list is drawn once; edits set single properties on its items.

Dash 4 re-mounts every component under a ``children`` that changes, one page
update each, so the map callback must not send the list again for a drop, an
answer or a tap (see netmap/app/list_leaves.py). These tests check which
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

from netmap.app import create_app
from netmap.app.editor import ANSWERS, list_leaves, list_structure
from netmap.app.list_leaves import LIST_LEAVES
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
        {"kind": "add_person", "id": "ny", "name": "Ny Testesen", "sector": "leisure"},
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
        yield create_app(store).server.test_client(), map_id


def _render_body(
    client: Any, map_id: str, drawn: Any, shown: dict[tuple[str, str], dict[str, str]]
) -> dict[str, Any]:
    """The browser's request; ``shown`` is by (type, property): person id -> value."""
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if d["output"].startswith("..map-cy.elements")
    )
    plain = ["map-cy", "person-list", "person-list-drawn", "version-label", "tap-help"]
    props = ["elements", "children", "data", "children", "children"]
    outputs: list[Any] = [{"id": i, "property": p} for i, p in zip(plain, props, strict=True)]
    states: list[Any] = [{"id": "person-list-drawn", "property": "data", "value": drawn}]
    for pattern, prop in LIST_LEAVES:
        values = shown.get((pattern["type"], prop), {})
        ids = {pid: {"type": pattern["type"], "pid": pid} for pid in values}
        outputs.append([{"id": ids[pid], "property": prop} for pid in values])
        states.append(
            [{"id": ids[pid], "property": prop, "value": value} for pid, value in values.items()]
        )
    inputs = {
        "map-state": {"map_id": map_id, "version": 1},
        "lang": "da",
        "selected": None,
        "connect-from": None,
        "q-step": 1,
        "mode": "select",
    }
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": inputs[i["id"]]}
            for i in dep["inputs"]
        ],
        "changedPropIds": ["map-state.data"],
        "state": states,
    }


def _post(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def _shown_as_drawn(m: NetworkMap) -> dict[tuple[str, str], dict[str, str]]:
    leaves = list_leaves(m, 1, None)
    return {
        ("person-row", "className"): dict(leaves.row_class),
        ("person-item", "className"): dict(leaves.item_class),
        ("person-item", "aria-pressed"): dict(leaves.item_pressed),
        ("person-marks", "children"): dict(leaves.marks),
    }


def test_applist006_nothing_of_the_list_is_sent_when_the_browser_has_it(
    client_and_map: tuple[Any, str],
) -> None:
    client, map_id = client_and_map
    m = _map()
    response = _post(
        client,
        _render_body(client, map_id, list_structure(m, "da", 1), _shown_as_drawn(m)),
    )
    assert "person-list" not in response and "person-list-drawn" not in response
    assert not any(key.startswith("{") for key in response), response.keys()
    assert "map-cy" in response and "version-label" in response


def test_applist007_only_the_item_that_differs_is_set(client_and_map: tuple[Any, str]) -> None:
    client, map_id = client_and_map
    m = _map()
    shown = _shown_as_drawn(m)
    # The browser still shows Mor in the kin sector and without marks changed.
    shown[("person-row", "className")]["mor"] = "person-row sector-kin"
    response = _post(client, _render_body(client, map_id, list_structure(m, "da", 1), shown))
    leaf_keys = [key for key in response if key.startswith("{")]
    assert leaf_keys == ['{"pid":"mor","type":"person-row"}']
    assert response[leaf_keys[0]] == {"className": "person-row sector-family"}


def test_applist008_a_list_drawn_for_something_else_is_drawn_anew(
    client_and_map: tuple[Any, str],
) -> None:
    client, map_id = client_and_map
    m = _map()
    response = _post(client, _render_body(client, map_id, "0" * 40, _shown_as_drawn(m)))
    assert response["person-list-drawn"]["data"] == list_structure(m, "da", 1)
    text = json.dumps(response["person-list"]["children"], ensure_ascii=False)
    assert "Mor Testesen" in text and "Rådgiver Test" in text
    assert not any(key.startswith("{") for key in response)
