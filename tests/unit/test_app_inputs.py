"""Every callback checks what the browser sent; the demo button opens the one demo map.

A click count that is not a whole number of at least 1 (a forged request, a
button just drawn) counts as no click: the callback changes nothing and Dash
answers 204. The other values are parsed with the models of
``netmap.app.state`` and a bad one gets a one-line error (test_app_http).
"""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from app_client import app_client

from netmap.app import create_app
from netmap.app.start.demo import demo_map, existing_demo, open_or_create_demo
from netmap.editing import RemovePerson
from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore

GARBAGE_CLICKS = ["3", 1.5, -1, True, [1], {"n": 1}, "x" * 1000]


def _dep(client: Any, input_id: str, prop: str) -> dict[str, Any]:
    for dep in client.get("/_dash-dependencies").get_json():
        if {"id": input_id, "property": prop} in dep["inputs"]:
            return dep
    raise AssertionError(f"no callback with the input {input_id}.{prop}")


def _outputs(output: str) -> list[dict[str, str]]:
    result: list[dict[str, str]] = []
    if "." not in output:
        return result  # a callback without outputs (Dash names it by a hash)
    for part in output.strip(".").split("..."):
        component, prop = part.split(".", 1)
        result.append({"id": component, "property": prop.split("@")[0]})
    return result


def _fire(client: Any, input_id: str, prop: str, value: Any, states: dict[str, Any]) -> Any:
    """POST the callback fired by ``input_id.prop`` as the browser would, with ``value``."""
    dep = _dep(client, input_id, prop)
    outputs = _outputs(dep["output"])
    body = {
        "output": dep["output"],
        "inputs": [
            {
                "id": i["id"],
                "property": i["property"],
                "value": value if (i["id"], i["property"]) == (input_id, prop) else None,
            }
            for i in dep["inputs"]
        ],
        "changedPropIds": [f"{input_id}.{prop}"],
        "state": [
            {"id": s["id"], "property": s["property"], "value": states.get(s["id"])}
            for s in dep["state"]
        ],
    }
    if outputs:
        # One output is sent as an object, several as a list; none are left out
        # (dash-renderer does so).
        body["outputs"] = outputs if len(outputs) > 1 else outputs[0]
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[Person(id="mor", name="Mor Testesen", sector="family", distance=0.2)],
    )
    return store.create(m, author="test").map_id


def test_appinput001_the_demo_button_opens_the_demo_map_there_is(store: SqliteStore) -> None:
    assert existing_demo(store) is None
    lock = threading.Lock()
    first = open_or_create_demo(store, lock)
    assert open_or_create_demo(store, lock) == first
    # Edited since, it is still the demo map; a map of another patient is not.
    stored = store.load(first)
    edited = RemovePerson(id=stored.map.persons[0].id).apply(stored.map)
    store.save(first, edited, base_version=stored.version, author="test")
    store.create(NetworkMap(patient=Patient(name="Testa Testesen")), author="test")
    assert open_or_create_demo(store, lock) == first
    assert [s.patient_name for s in store.list_maps()].count(demo_map().patient.name) == 1


def test_appinput002_two_clicks_at_once_make_one_copy(store: SqliteStore) -> None:
    lock = threading.Lock()
    found: list[str] = []
    threads = [
        threading.Thread(target=lambda: found.append(open_or_create_demo(store, lock)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(set(found)) == 1 and len(found) == 4
    assert len(store.list_maps()) == 1


def test_appinput003_demo_over_http_two_clicks_one_map_and_garbage_none(
    client: Any, store: SqliteStore
) -> None:
    for garbage in GARBAGE_CLICKS:
        response = _fire(client, "open-demo", "n_clicks", garbage, {})
        assert response.status_code == 204, garbage
    assert store.list_maps() == []
    paths = [
        _fire(client, "open-demo", "n_clicks", n, {}).get_json()["response"]["url"]["pathname"]
        for n in (1, 2)
    ]
    assert paths[0] == paths[1] == f"/map/{store.list_maps()[0].map_id}"
    assert len(store.list_maps()) == 1


@pytest.mark.parametrize(
    ("input_id", "prop"),
    [
        ("undo", "n_clicks"),
        ("redo", "n_clicks"),
        ("edit-remove", "n_clicks"),
        ("edit-close", "n_clicks"),
        ("reload", "n_clicks"),
        ("add-submit", "n_clicks"),
        ("edit-save", "n_clicks"),
        # The patient form's button is read in the browser, which sends this.
        ("patient-submit", "data"),
        ("new-create", "n_clicks"),
        ("lang-switch", "n_clicks"),
    ],
)
def test_appinput004_a_garbage_click_count_changes_nothing(
    client: Any, store: SqliteStore, map_id: str, input_id: str, prop: str
) -> None:
    states = {
        "map-state": {"map_id": map_id, "version": 1},
        "history": {"undo": [1], "redo": [1]},
        "selected": "mor",
        "lang": "da",
        "add-name": "Ny Testperson",
        "add-sector": "kin",
        "new-name": "Ny Patient",
        "patient-name-input": "Nyt Navn",
    }
    for garbage in GARBAGE_CLICKS:
        response = _fire(client, input_id, prop, garbage, states)
        assert response.status_code == 204, (input_id, garbage, response.get_data(as_text=True))
    assert store.load(map_id).version == 1
    assert len(store.list_maps()) == 1


def test_appinput005_a_fresh_tab_on_the_start_page_follows_serve_lang(
    store: SqliteStore,
) -> None:
    client = app_client(create_app(store, default_lang="en"))
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/"})
    assert "There are no maps yet." in layout.get_data(as_text=True)
    # The tab chose no language (lang store empty): messages are the server's.
    response = _fire(client, "new-create", "n_clicks", 1, {"new-name": "", "lang": None})
    message = json.dumps(response.get_json()["response"]["start-message"])
    assert "New map" in message and "must not be empty" in message
    danish = app_client(create_app(store))
    assert '<html lang="da">' in danish.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("band", "lang", "error", "distance"),
    [
        (None, "da", "vælg, hvor tæt på personen er: Tæt på, Midt imellem eller Længere væk", None),
        (None, "en", "choose how close the person is: Close, In between or Further away", None),
        ("far", "da", "hvor tæt på (band)", None),
        ("close", "da", "", 1 / 6),
        ("distant", "en", "", 5 / 6),
    ],
)
def test_appinput006_the_add_form_needs_how_close(
    client: Any,
    store: SqliteStore,
    map_id: str,
    band: Any,
    lang: str,
    error: str,
    distance: float | None,
) -> None:
    states = {
        "map-state": {"map_id": map_id, "version": 1},
        "history": {"undo": [], "redo": []},
        "lang": lang,
        "add-name": "Psykolog Testsen",
        "add-sector": "professional",
        "add-role": "Psykolog",
        "add-band": band,
    }
    response = _fire(client, "add-submit", "n_clicks", 1, states)
    answer = response.get_json()["response"]
    if error:
        # Said under the closeness choice, nowhere else.
        assert error.lower() in answer["add-band-error"]["children"].lower()
        assert answer["add-name-error"]["children"] == answer["add-error"]["children"] == ""
        assert "add-name" not in answer  # what was typed is kept
        assert store.load(map_id).version == 1
        return
    added = store.load(map_id).map.persons[-1]
    assert (added.name, added.distance) == ("Psykolog Testsen", pytest.approx(distance))
    # The form is emptied for the next person, the choice asked again, the
    # new person handed to the browser to mark (not opened: no "selected").
    assert answer["add-name"]["value"] == "" and answer["add-band"]["data"] is None
    assert answer["add-flash"]["data"]["id"] == added.id
    assert "selected" not in answer


def test_appinput007_every_add_error_next_to_its_own_field(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    states = {
        "map-state": {"map_id": map_id, "version": 1},
        "history": {"undo": [], "redo": []},
        "lang": "da",
        "add-name": "   ",
        "add-sector": "kin",
        "add-band": None,
    }
    answer = _fire(client, "add-submit", "n_clicks", 1, states).get_json()["response"]
    assert answer["add-name-error"]["children"] == "Feltet «navn»: må ikke være tomt"
    assert answer["add-band-error"]["children"].startswith("Vælg, hvor tæt på personen er:")
    assert answer["add-error"]["children"] == ""
    assert store.load(map_id).version == 1
