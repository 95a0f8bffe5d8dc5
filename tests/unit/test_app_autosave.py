"""The edit panel's autosave over HTTP: one field left is one save, nothing more.

Drawing the panel makes Dash call the autosave with every field "changed" at
once; that must save nothing (it raced with the edit that redrew the panel and
replaced its notice). And the distance slider shows two decimals: leaving it
alone must not round away where the person was dropped.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from netmap.model import NetworkMap, Patient, Person
from netmap.store import SqliteStore

#: Where a drag put the person: more decimals than the slider shows.
DROPPED = 0.9053286075617125
TAB = "0123456789abcdef0123456789abcdef"
SEQ = "X-Netmap-Seq"


@pytest.fixture
def map_id(store: SqliteStore) -> str:
    m = NetworkMap(
        patient=Patient(name="Testa Testesen"),
        persons=[
            Person(id="mor", name="Mor Testesen", sector="family", distance=DROPPED, angle=2.0)
        ],
    )
    return store.create(m, author="test").map_id


def _form(name: str = "Mor Testesen", distance: float = round(DROPPED, 2)) -> dict[str, Any]:
    """The panel's fields as the browser holds them for the person above."""
    return {
        "edit-save.n_clicks": None,
        "edit-name.value": name,
        "edit-role.value": "",
        "edit-organisation.value": "",
        "edit-care_sector.value": "",
        "edit-phone.value": "",
        "edit-email.value": "",
        "edit-helps_with.n_blur": None,
        "edit-q2.value": "unknown",
        "edit-q3.value": "unknown",
        "edit-q4.value": "unknown",
        "edit-team_roles.value": [],
        "edit-primary_contact.value": [],
        # As the panel is drawn: no report yet.
        "edit-sector-settled.data": {"pid": "mor", "n": 0},
        "edit-distance-settled.data": {"pid": "mor", "n": 0},
        # States: saved when the browser reports the control settled (edit-*-settled).
        "edit-sector.value": "family",
        "edit-distance.value": distance,
    }


def _moved(form: dict[str, Any], n: int = 1) -> dict[str, Any]:
    """``form`` with the browser's word that the slider has come to rest."""
    return {**form, "edit-distance-settled.data": {"pid": "mor", "n": n}}


MOVED = ["edit-distance-settled.data"]


def _save(
    client: Any,
    map_id: str,
    form: dict[str, Any],
    changed: list[str],
    headers: dict[str, str] | None = None,
) -> Any:
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if any(i["id"] == "edit-name" for i in d["inputs"])
    )
    states = {
        "edit-helps_with": "",
        "edit-sector": form["edit-sector.value"],
        "edit-distance": form["edit-distance.value"],
        "selected": "mor",
        "map-state": {"map_id": map_id, "version": 1, "tab": TAB},
        "history": {"undo": [], "redo": []},
        "lang": "da",
    }
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        component, prop = part.split(".", 1)
        outputs.append({"id": component, "property": prop.split("@")[0]})
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [{**i, "value": form[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
        "changedPropIds": changed,
        "state": [{**s, "value": states[s["id"]]} for s in dep["state"]],
    }
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers or {},
    )


def test_appsave001_drawing_the_panel_saves_nothing(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # Even with a form that differs from the store: no person changed every field at once.
    form = _form(name="Mor Testesen-Andersen")
    response = _save(client, map_id, form, list(form))
    assert response.status_code == 204
    assert store.load(map_id).version == 1


def test_appsave002_leaving_one_field_saves_it_and_keeps_the_dropped_distance(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    response = _save(client, map_id, _form(name="Mor Testesen-Andersen"), ["edit-name.value"])
    assert response.status_code == 200
    stored = store.load(map_id)
    assert stored.version == 2
    mor = stored.map.person("mor")
    assert mor.name == "Mor Testesen-Andersen"
    assert mor.distance == DROPPED
    assert mor.angle == 2.0


def test_appsave003_an_untouched_slider_is_no_change(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    response = _save(client, map_id, _moved(_form()), MOVED)
    assert response.status_code == 204
    assert store.load(map_id).version == 1


def test_appsave004_a_moved_slider_is_saved(client: Any, store: SqliteStore, map_id: str) -> None:
    response = _save(client, map_id, _moved(_form(distance=0.3)), MOVED)
    assert response.status_code == 200
    mor = store.load(map_id).map.person("mor")
    assert mor.distance == pytest.approx(0.3)


def test_appsave005_changes_that_arrive_together_are_all_saved(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # Dash merges changes made in quick succession into one call.
    form = {
        **_moved(_form(distance=0.3), 2),
        "edit-sector.value": "professional",
        "edit-sector-settled.data": {"pid": "mor", "n": 1},
    }
    response = _save(client, map_id, form, ["edit-sector-settled.data", *MOVED])
    assert response.status_code == 200
    mor = store.load(map_id).map.person("mor")
    assert (mor.sector.value, mor.distance) == ("professional", pytest.approx(0.3))


def test_appsave006_an_older_slider_step_arriving_late_does_not_undo_a_newer_one(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # The page numbered them 2 (0.7) and 1 (0.65); the server took 2 first.
    newer = _save(client, map_id, _moved(_form(distance=0.7), 2), MOVED, {SEQ: "2"})
    assert newer.status_code == 200
    older = _save(client, map_id, _moved(_form(distance=0.65), 1), MOVED, {SEQ: "1"})
    assert older.status_code == 204
    stored = store.load(map_id)
    assert stored.version == 2 and stored.map.person("mor").distance == pytest.approx(0.7)
    # In the order the page sent them, both are saved.
    again = _save(client, map_id, _moved(_form(distance=0.3), 3), MOVED, {SEQ: "3"})
    assert again.status_code == 200
    assert store.load(map_id).map.person("mor").distance == pytest.approx(0.3)


def test_appsave007_a_malformed_request_number_saves_nothing(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    for bad in ("x", "-1", "0", "1" * 20):
        response = _save(client, map_id, _moved(_form(distance=0.3)), MOVED, {SEQ: bad})
        assert response.status_code == 200
        # Set beside the panel's own outputs (dash.set_props: saving.set_saved).
        notice = response.get_json()["sideUpdate"]["notice-store"]["data"]
        assert notice["kind"] == "error" and SEQ in notice["text"], bad
    assert store.load(map_id).version == 1


def _settled(sector: str, pid: Any = "mor") -> dict[str, Any]:
    return {
        **_form(),
        "edit-sector.value": sector,
        "edit-sector-settled.data": {"pid": pid, "n": 3},
    }


def test_appsave010_a_sector_stepped_through_is_saved_only_when_it_settles(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # Arrow keys check each sector on the way; the radios' value is no trigger.
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if any(i["id"] == "edit-name" for i in d["inputs"])
    )
    assert not any(i["id"] == "edit-sector" for i in dep["inputs"])
    assert {"id": "edit-sector", "property": "value"} in dep["state"]
    response = _save(client, map_id, _settled("work_school"), ["edit-sector-settled.data"])
    assert response.status_code == 200
    stored = store.load(map_id)
    assert (stored.version, stored.map.person("mor").sector.value) == (2, "work_school")


@pytest.mark.parametrize("pid", ["ven", None, 7])
def test_appsave011_a_settled_sector_for_another_panel_or_malformed_saves_nothing(
    client: Any, store: SqliteStore, map_id: str, pid: Any
) -> None:
    response = _save(client, map_id, _settled("work_school", pid), ["edit-sector-settled.data"])
    assert response.status_code == 204
    assert store.load(map_id).version == 1


def test_appsave012_the_slider_is_saved_only_when_it_settles(
    client: Any, store: SqliteStore, map_id: str
) -> None:
    # Arrow keys on the thumb step the slider's value; the value is no trigger.
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if any(i["id"] == "edit-name" for i in d["inputs"])
    )
    assert not any(i["id"] == "edit-distance" for i in dep["inputs"])
    assert {"id": "edit-distance", "property": "value"} in dep["state"]
    assert {"id": "edit-distance-settled", "property": "data"} in dep["inputs"]
    # The stores as drawn (n 0), a report for another panel, a malformed one: nothing.
    for report in ({"pid": "mor", "n": 0}, {"pid": "ven", "n": 4}, {"n": 4}, None):
        form = {**_form(distance=0.6), "edit-distance-settled.data": report}
        assert _save(client, map_id, form, MOVED).status_code == 204, report
    assert store.load(map_id).version == 1
    assert _save(client, map_id, _moved(_form(distance=0.6), 5), MOVED).status_code == 200
    stored = store.load(map_id)
    assert (stored.version, stored.map.person("mor").distance) == (2, pytest.approx(0.6))


def test_appsave013_the_panels_callbacks_have_no_output_outside_the_panel(client: Any) -> None:
    # Dash calls a callback whenever its inputs are drawn anew unless all of
    # its outputs are in what was drawn: each redraw of the panel called the
    # save, remove, close and share callbacks (editor.callbacks, above on_save).
    from netmap.app.editor.layout import edit_panel
    from netmap.model import NetworkMap, Patient, Person

    person = Person(id="mor", name="Mor Testesen", sector="family", distance=0.3)
    panel = edit_panel(NetworkMap(patient=Patient(name="T"), persons=[person]), person, "da")
    inside = {c.id for c in panel._traverse() if isinstance(getattr(c, "id", None), str)}
    panel_callbacks = [
        d
        for d in client.get("/_dash-dependencies").get_json()
        if any(i["id"] in inside for i in d["inputs"])
    ]
    assert len(panel_callbacks) >= 4
    for dep in panel_callbacks:
        assert all(i["id"] in inside for i in dep["inputs"]), dep["inputs"]
        outputs = [p.split(".")[0] for p in dep["output"].strip(".").split("...") if "." in p]
        assert set(outputs) <= inside, outputs
