"""The panel layout and callbacks: ids, validation, loading, and the wire.

The last tests post to Dash's ``/_dash-update-component`` with Flask's test
client, as any client on the network could, to check that malformed values
give a clear message and change nothing in the store.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import dash
import pytest
from app_client import app_client
from dash import dcc, html
from panels_support import (
    AS_OF,
    as_json,
    by_id,
    headings,
    names_in,
    nodes,
    sofie,
    table_rows,
    texts,
)
from plotly.utils import PlotlyJSONEncoder
from revise import revise_patient, revise_person

from netmap.analysis import measure_name
from netmap.app.panels import panels_layout, register_panel_callbacks
from netmap.app.panels.callbacks import AnalysisCache, is_open, next_sort, update_panels
from netmap.app.panels.measures import CHART, plain_details_id, plain_id, value_id
from netmap.app.panels.overview import OVERVIEW_TABLE
from netmap.app.panels.render import render_panels
from netmap.app.panels.slots import CHECK_SLOTS, TEAM_SLOTS
from netmap.app.regions import fingerprint, plain
from netmap.app.state import OverviewSort
from netmap.store.base import MapStore, StoredMap


@pytest.fixture
def stored(store: MapStore) -> StoredMap:
    return store.create(sofie(), author="test")


def _state(stored: StoredMap) -> dict[str, Any]:
    return {"map_id": stored.map_id, "version": stored.version}


def _today() -> date:
    return AS_OF


def test_pnl060_layout_ids_all_start_with_panel() -> None:
    tree = as_json(panels_layout("da"))
    ids = [n["props"]["id"] for n in nodes(tree) if "id" in n["props"]]
    assert ids
    for i in ids:
        assert (i["type"] if isinstance(i, dict) else i).startswith("panel-"), i
    assert by_id(tree, "panel-team-title")["props"]["children"] == "Patientens team"
    assert by_id(panels_layout("en"), "panel-checks-title")["props"]["children"] == "Checks"


def test_pnl061_callbacks_read_the_shell_stores_and_write_only_panel_ids(
    store: MapStore,
) -> None:
    app = dash.Dash(__name__)
    register_panel_callbacks(app, store, _today)
    outputs = [part for key in app.callback_map for part in key.strip(".").split("...")]
    assert outputs and all(part.startswith("panel-") for part in outputs)
    inputs = {
        i["id"]
        for cb in app.callback_map.values()
        for i in cb["inputs"]
        if isinstance(i["id"], str)
    }
    # map-view: written by every save but a drop, which draws the panels itself.
    assert {"map-view", "lang"} <= inputs
    states = {s["id"] for cb in app.callback_map.values() for s in cb["state"]}
    assert "map-state" in states  # the version drawn: the tab's newest


def test_pnl062_update_panels_renders_the_stored_map(store: MapStore, stored: StoredMap) -> None:
    content = update_panels(store, _today, _state(stored), "da", None)
    assert content.error is None
    assert "Birgitte Møller" in texts(content.team)
    assert content.checks_title == "Tjek (2)"
    assert content.overview is not None and content.measures is not None
    _, rows = table_rows(headings("da"), content.overview.live[OVERVIEW_TABLE]["rows"])
    assert "Dr. Sara Friis" in [row["Navn"] for row in rows]
    assert content.measures.live[CHART]["figure"].layout.barmode == "stack"


def test_pnl063_update_panels_uses_the_injected_today(store: MapStore, stored: StoredMap) -> None:
    # Consent given 2026-03-01 is valid 365 days: up to 2027-03-01.
    codes = []
    for day in (date(2027, 3, 1), date(2027, 3, 2)):
        content = update_panels(store, lambda d=day: d, _state(stored), "da", None)
        codes.append(
            [
                n["props"]["data-code"]
                for n in nodes(as_json(content.checks))
                if "data-code" in n["props"]
            ]
        )
    assert "consent_expired" not in codes[0]
    assert "consent_expired" in codes[1]


def test_pnl064_no_map_open(store: MapStore) -> None:
    content = update_panels(store, _today, None, "en", None)
    assert content.error is None
    assert texts(content.team) == ["No map is open."]


@pytest.mark.parametrize(
    ("map_state", "field"),
    [
        ({"map_id": "x", "version": 0}, "version"),
        ({"map_id": "", "version": 1}, "map_id"),
        ({"map_id": "x" * 65, "version": 1}, "map_id"),
        ({"map_id": "<script>", "version": 1}, "map_id"),
        ({"map_id": "x", "version": 1, "evil": True}, "evil"),
        ("not a dict", None),
    ],
)
def test_pnl065_malformed_map_state_is_a_clear_error(
    store: MapStore, stored: StoredMap, map_state: Any, field: str | None
) -> None:
    content = update_panels(store, _today, map_state, "da", None)
    message = texts(content.error)[0]
    assert message.startswith("Panelerne")
    if field:
        assert field in message
    assert texts(content.team) == ["Der er ikke åbnet noget kort."]


def test_pnl069_empty_language_store_means_the_servers_language(
    store: MapStore, stored: StoredMap
) -> None:
    content = update_panels(store, _today, _state(stored), None, None, "en")
    assert content.team_title == "The patient's team"


def test_pnl066_bad_language_or_sort_is_refused(store: MapStore, stored: StoredMap) -> None:
    bad_lang = update_panels(store, _today, _state(stored), "fr", None)
    assert bad_lang.error is not None
    bad_sort = update_panels(store, _today, _state(stored), "en", {"column": "cpr"})
    assert "The panels" in texts(bad_sort.error)[0]


def test_pnl067_unknown_map_names_it(store: MapStore) -> None:
    content = update_panels(store, _today, {"map_id": "nope", "version": 1}, "en", None)
    assert "nope" in texts(content.error)[0]


def test_pnl068_next_sort_flips_or_switches() -> None:
    assert next_sort({"column": "band", "descending": False}, "band").descending is True
    assert next_sort(None, "name").model_dump() == {"column": "name", "descending": False}
    assert next_sort({"column": "junk"}, "phone").column == "phone"
    with pytest.raises(ValueError):
        next_sort(None, "cpr")


def _app(store: MapStore) -> dash.Dash:
    app = dash.Dash(__name__)
    app.layout = html.Div(
        [dcc.Store(id="map-state"), dcc.Store(id="lang", data="da"), panels_layout("da")]
    )
    register_panel_callbacks(app, store, _today)
    return app


def _post(app: dash.Dash, output: str, values: dict[str, Any]) -> dict[str, Any]:
    """POST to the callback writing ``output``, with its inputs taken from ``values``."""
    return _reply(app, output, values)["response"]


def _reply(app: dash.Dash, output: str, values: dict[str, Any]) -> dict[str, Any]:
    """The whole JSON answer: ``response`` (the outputs) and ``sideUpdate``
    (what the callback set with ``dash.set_props``), if any."""
    key = next(k for k in app.callback_map if output in k)
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in key.strip(".").split("...")
    ]
    inputs = app.callback_map[key]["inputs"]
    states = app.callback_map[key]["state"]
    client = app_client(app)
    response = client.post(
        "/_dash-update-component",
        json={
            "output": key,
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [
                {"id": i["id"], "property": i["property"], "value": values.get(i["id"])}
                for i in inputs
            ],
            "changedPropIds": ["map-state.data"],
            "state": [
                {"id": i["id"], "property": i["property"], "value": values.get(i["id"])}
                for i in states
            ],
        },
    )
    assert response.status_code == 200
    reply: dict[str, Any] = response.get_json()
    return reply


def _all(app: dash.Dash, map_state: Any, lang: Any, sort: Any) -> dict[str, Any]:
    """Every panel output, with the overview and the measures opened (one click each)."""
    values = {
        "map-state": map_state,
        "lang": lang,
        "panel-overview-sort": sort,
        "panel-overview-title": 1,
        "panel-measures-title": 1,
    }
    response: dict[str, Any] = {}
    for output in ("panel-error", "panel-overview-body", "panel-measures-body"):
        response.update(_post(app, output, values))
    return response


def test_pnl070_over_the_wire_renders_sofie_in_english(store: MapStore, stored: StoredMap) -> None:
    response = _all(_app(store), _state(stored), "en", {"column": "name", "descending": False})
    assert response["panel-error"]["children"] is None
    assert response["panel-team-title"]["children"] == "The patient's team"
    table = by_id(response["panel-overview-body"]["children"], OVERVIEW_TABLE)
    _, rows = table_rows(table["props"]["labels"], table["props"]["rows"])
    assert rows[0]["Name"] == "Ali Hassan"  # sorted by name


def test_pnl071_over_the_wire_garbage_changes_nothing(store: MapStore, stored: StoredMap) -> None:
    before = store.history(stored.map_id)
    response = _all(_app(store), {"map_id": {"$ne": 1}, "version": "1; DROP"}, "da", [1, 2])
    assert texts(response["panel-error"]["children"])[0].startswith("Panelerne")
    assert store.history(stored.map_id) == before
    assert len(store.list_maps()) == 1


def test_pnl072_closed_sections_send_nothing_and_no_chart(
    store: MapStore, stored: StoredMap
) -> None:
    # Overview and measures start closed (layout): no table, no plotly graph.
    app = _app(store)
    values = {"map-state": _state(stored), "lang": "da", "panel-overview-sort": None}
    first = _post(app, "panel-overview-body", values)
    assert first["panel-overview-body"]["children"] == []
    assert first["panel-measures-body"]["children"] == []
    # Opened (one click on the heading): the table, and the chart above the numbers.
    opened = {**values, "panel-overview-title": 1, "panel-measures-title": 1}
    table = _post(app, "panel-overview-body", opened)["panel-overview-body"]["children"]
    assert by_id(table, OVERVIEW_TABLE)["type"] == "OverviewTable"
    assert by_id(table, "panel-overview-bar")
    reply = _reply(app, "panel-measures-body", opened)
    assert "sideUpdate" not in reply  # drawn whole, nothing set on top
    measures = reply["response"]["panel-measures-body"]["children"]
    assert measures[0]["namespace"] == "dash_core_components"
    assert measures[0]["props"]["id"] == CHART
    assert measures[0]["props"]["figure"]["layout"]["barmode"] == "stack"
    drawn = reply["response"]["panel-drawn"]["data"]
    # Closed again (a second click): nothing is sent, what is drawn stays.
    closed = {**opened, "panel-measures-title": 2, "panel-drawn": drawn}
    again = _reply(app, "panel-measures-body", closed)
    assert again["response"] == {} and "sideUpdate" not in again


def test_pnl073_is_open_counts_clicks_on_the_heading() -> None:
    assert is_open("team", None) and not is_open("team", 1) and is_open("team", 2)
    assert not is_open("overview", 0) and is_open("overview", 1)
    assert not is_open("measures", "1") and not is_open("measures", True)


def test_pnl074_one_analysis_per_version_and_day(store: MapStore, stored: StoredMap) -> None:
    cache = AnalysisCache(size=2)
    calls: list[int] = []

    def counted(value: int) -> Any:
        calls.append(value)
        return value

    assert cache.get(("m", 1, AS_OF), lambda: counted(1)) == 1
    assert cache.get(("m", 1, AS_OF), lambda: counted(99)) == 1
    assert cache.get(("m", 2, AS_OF), lambda: counted(2)) == 2
    assert cache.get(("m", 3, AS_OF), lambda: counted(3)) == 3
    # Size 2: the oldest (version 1) was dropped and is computed again.
    assert cache.get(("m", 1, AS_OF), lambda: counted(4)) == 4
    assert calls == [1, 2, 3, 4]
    # Through update_panels: the same analysis, and a deleted map still refuses.
    first = update_panels(store, _today, _state(stored), "da", None, cache=cache)
    again = update_panels(store, _today, _state(stored), "en", None, cache=cache)
    assert texts(first.team)[0] != "" and again.team_title == "The patient's team"
    store.delete(stored.map_id)
    gone = update_panels(store, _today, _state(stored), "da", None, cache=cache)
    assert gone.error is not None


TEAM_IDS = [f"panel-slot-team-{slot}" for slot in TEAM_SLOTS]
CHECK_IDS = [f"panel-slot-checks-{slot}" for slot in CHECK_SLOTS]


def _sent(response: dict[str, Any], ids: list[str]) -> list[str]:
    """The slot ids among ``ids`` that the response writes."""
    return [i for i in ids if i in response]


def test_pnl075_slots_in_the_layout_one_output_each(store: MapStore, stored: StoredMap) -> None:
    layout = as_json(panels_layout("da"))
    # The team body holds exactly its slots; every check code has one inside the list.
    team_body = by_id(layout, "panel-team-body")["props"]["children"]
    assert [c["props"]["id"] for c in team_body] == TEAM_IDS
    assert all(c["props"]["style"] == {"display": "contents"} for c in team_body)
    findings = by_id(layout, "panel-findings")
    assert findings["props"]["role"] == "list"
    assert [c["props"]["id"] for c in findings["props"]["children"]] == CHECK_IDS[1:]
    # The first answer writes every slot, empty ones too.
    first = _post(_app(store), "panel-error", {"map-state": _state(stored), "lang": "da"})
    assert _sent(first, TEAM_IDS) == TEAM_IDS and _sent(first, CHECK_IDS) == CHECK_IDS
    team = {i: first[i]["children"] for i in TEAM_IDS}
    assert team["panel-slot-team-message"] is None
    assert by_id(team["panel-slot-team-team"], "panel-group-team")
    assert names_in(by_id(team["panel-slot-team-outside"], "panel-group-outside")) == [
        "Jesper Bak",
        "Dr. Sara Friis",
    ]
    assert by_id(team["panel-slot-team-invite"], "panel-invite")
    # Sofie's two findings (test_panels_checks.py) in their own slots, the rest empty.
    filled = [i for i in CHECK_IDS if first[i]["children"] is not None]
    assert filled == [
        "panel-slot-checks-no_coordinator_region",
        "panel-slot-checks-team_member_unreachable",
    ]


def test_pnl076_the_same_map_again_sends_no_slot(store: MapStore, stored: StoredMap) -> None:
    app = _app(store)
    values: dict[str, Any] = {"map-state": _state(stored), "lang": "da"}
    first = _post(app, "panel-error", values)
    drawn = first["panel-drawn"]["data"]
    # One part per slot, named by its component (netmap.app.regions).
    assert set(TEAM_IDS) | set(CHECK_IDS) <= set(drawn)
    # The same map again, with what the browser drew: nothing to redraw at all.
    again = _post(app, "panel-error", {**values, "panel-drawn": drawn})
    assert _sent(again, TEAM_IDS) == [] and _sent(again, CHECK_IDS) == []
    assert "panel-team-title" not in again and "panel-error" not in again
    assert "panel-drawn" not in again
    # Another language: every text changes, so every filled slot and the titles.
    english = _post(app, "panel-error", {**values, "lang": "en", "panel-drawn": drawn})
    assert english["panel-team-title"]["children"] == "The patient's team"
    assert "panel-slot-team-message" not in english  # empty before and after
    assert _sent(english, TEAM_IDS) == TEAM_IDS[1:]


def test_pnl077_a_change_in_one_group_sends_that_slot_only(
    store: MapStore, stored: StoredMap
) -> None:
    app = _app(store)
    values: dict[str, Any] = {"map-state": _state(stored), "lang": "da"}
    drawn = _post(app, "panel-error", values)["panel-drawn"]["data"]

    def after(**changes: Any) -> dict[str, Any]:
        changed = stored.map.model_copy(deep=True)
        person = changes.pop("person", None)
        if person:
            revise_person(changed, person, **changes)
        else:
            revise_patient(changed, **changes)
        # A map of its own each, all compared with what Sofie's first drawing left.
        other = store.create(changed, author="test")
        return _post(
            app, "panel-error", {**values, "map-state": _state(other), "panel-drawn": drawn}
        )

    # Mads (private network, said no to meetings): only the private group.
    mads = after(person="bror", name="Mads Testsen")
    assert _sent(mads, TEAM_IDS) == ["panel-slot-team-private"]
    assert "Mads Testsen" in names_in(mads["panel-slot-team-private"]["children"])
    assert _sent(mads, CHECK_IDS) == []
    # Lene (private network, said yes): her group and the invite list.
    lene = after(person="mor", name="Lene Testsen")
    assert _sent(lene, TEAM_IDS) == ["panel-slot-team-private", "panel-slot-team-invite"]
    # The patient: her block and the invite list (she is invited first).
    patient = after(name="Ny Testnavn")
    assert _sent(patient, TEAM_IDS) == ["panel-slot-team-patient", "panel-slot-team-invite"]
    assert "Ny Testnavn" in texts(patient["panel-slot-team-patient"]["children"])
    # Dr. Ole Krag gets an e-mail address: he is reachable, one finding goes
    # and nothing in the team changes (contact details are not shown there).
    ole = after(person="laege", email="ole.krag@example.dk")
    assert _sent(ole, TEAM_IDS) == []
    assert _sent(ole, CHECK_IDS) == ["panel-slot-checks-team_member_unreachable"]
    assert ole["panel-slot-checks-team_member_unreachable"]["children"] is None
    assert ole["panel-checks-title"]["children"] == "Tjek (1)"


@pytest.mark.parametrize(
    "drawn", [None, "x", {"team": ["zz"]}, {"team": ["0" * 40] * 99}, {"team": 5}, [1]]
)
def test_pnl078_garbage_fingerprints_mean_draw_everything(
    store: MapStore, stored: StoredMap, drawn: Any
) -> None:
    response = _post(
        _app(store),
        "panel-error",
        {"map-state": _state(stored), "lang": "da", "panel-drawn": drawn},
    )
    assert _sent(response, TEAM_IDS) == TEAM_IDS
    assert "Birgitte Møller" in texts(response["panel-slot-team-team"]["children"])


def test_pnl079_no_map_shows_the_message_and_empties_every_block(store: MapStore) -> None:
    app = _app(store)
    drawn = _post(
        app, "panel-error", {"map-state": _state(store.create(sofie(), author="t")), "lang": "en"}
    )["panel-drawn"]["data"]
    empty = _post(app, "panel-error", {"map-state": None, "lang": "en", "panel-drawn": drawn})
    assert texts(empty["panel-slot-team-message"]["children"]) == ["No map is open."]
    assert texts(empty["panel-slot-checks-message"]["children"]) == ["No map is open."]
    # Every block that was drawn is emptied; the slots that were empty stay untouched.
    assert all(empty[i]["children"] is None for i in TEAM_IDS[1:])
    assert _sent(empty, CHECK_IDS) == [
        "panel-slot-checks-message",
        "panel-slot-checks-no_coordinator_region",
        "panel-slot-checks-team_member_unreachable",
    ]


def _opened(stored: StoredMap, drawn: Any = None, lang: str = "da") -> dict[str, Any]:
    return {
        "map-state": _state(stored),
        "lang": lang,
        "panel-overview-title": 1,
        "panel-measures-title": 1,
        "panel-drawn": drawn,
    }


def test_pnl100_open_sections_the_same_map_again_sends_nothing(
    store: MapStore, stored: StoredMap
) -> None:
    app = _app(store)
    first = _reply(app, "panel-error", _opened(stored))
    drawn = first["response"]["panel-drawn"]["data"]
    again = _reply(app, "panel-error", _opened(stored, drawn))
    assert again["response"] == {}
    assert "sideUpdate" not in again


def _revised(store: MapStore, stored: StoredMap, person: str, **changes: Any) -> StoredMap:
    changed = stored.map.model_copy(deep=True)
    revise_person(changed, person, **changes)
    return store.create(changed, author="test")


def test_pnl101_a_new_band_sets_the_table_text_and_the_figure_only(
    store: MapStore, stored: StoredMap
) -> None:
    app = _app(store)
    drawn = _post(app, "panel-error", _opened(stored))["panel-drawn"]["data"]
    # Poul Jensen (kin) moves from far away (0.85) to close (0.2).
    other = _revised(store, stored, "farfar", distance=0.2)
    reply = _reply(app, "panel-error", _opened(other, drawn))
    # Neither section is redrawn: no body, only properties of drawn components.
    assert "panel-overview-body" not in reply["response"]
    assert "panel-measures-body" not in reply["response"]
    side = reply["sideUpdate"]
    # The table's rows, the chart's figure, and the two measures that count
    # bands: by band (close 4 -> 5, further away 5 -> 4) and close private
    # persons (Lene, Anna -> and Poul), and the plain line on closeness with
    # its details. Nothing else.
    assert set(side) == {
        OVERVIEW_TABLE,
        CHART,
        value_id("by_band"),
        value_id("close_private"),
        plain_id("close"),
        plain_details_id("close"),
    }
    assert side[plain_id("close")] == {"children": "Du har sat 5 personer tæt på dig."}
    assert list(side[OVERVIEW_TABLE]) == ["rows"]  # the headings stay
    _, rows = table_rows(headings("da"), side[OVERVIEW_TABLE]["rows"])
    (poul,) = [row for row in rows if row["Navn"] == "Poul Jensen"]
    assert poul["Afstand"] == "Tæt på"
    assert side[value_id("by_band")] == {"children": "Tæt på 5, Midt imellem 5, Længere væk 4"}
    assert side[value_id("close_private")] == {"children": "3"}
    # Kin: close 0 -> 1, further away 1 -> 0 (test_panels_measures.py pnl050).
    assert [trace["x"] for trace in side[CHART]["figure"]["data"]] == [
        [1, 1, 1, 0, 2],
        [1, 1, 0, 1, 2],
        [0, 0, 1, 1, 2],
    ]


def test_pnl102_a_new_role_sets_the_table_text_only(store: MapStore, stored: StoredMap) -> None:
    app = _app(store)
    drawn = _post(app, "panel-error", _opened(stored))["panel-drawn"]["data"]
    other = _revised(store, stored, "farfar", role="Bedstefar")
    reply = _reply(app, "panel-error", _opened(other, drawn))
    assert set(reply["sideUpdate"]) == {OVERVIEW_TABLE}
    assert "panel-overview-body" not in reply["response"]
    assert "panel-measures-body" not in reply["response"]
    assert "Bedstefar" in str(reply["sideUpdate"][OVERVIEW_TABLE]["rows"])


def test_pnl103_a_sort_sets_two_buttons_and_the_text(store: MapStore, stored: StoredMap) -> None:
    app = _app(store)
    drawn = _post(app, "panel-error", _opened(stored))["panel-drawn"]["data"]
    # Sorted by name instead of group: the group button lets go, the name
    # button is pressed, the rows are in the new order. Nothing is redrawn
    # (the clicked button keeps the keyboard focus).
    by_name = {**_opened(stored, drawn), "panel-overview-sort": {"column": "name"}}
    reply = _reply(app, "panel-error", by_name)
    assert "panel-overview-body" not in reply["response"]
    assert "panel-measures-body" not in reply["response"]
    side = reply["sideUpdate"]
    name = '{"column":"name","type":"panel-sort"}'
    group = '{"column":"group","type":"panel-sort"}'
    assert set(side) == {name, group, OVERVIEW_TABLE}
    assert side[name] == {
        "children": "Navn ▲",
        "className": "panel-sort-button is-active",
        "title": "Sorteret efter Navn, stigende. Tryk for at vende.",
        "aria-label": "Sorteret efter Navn, stigende. Tryk for at vende.",
        "aria-pressed": "true",
        "data-sort": "ascending",
    }
    assert side[group] == {
        "children": "Gruppe",
        "className": "panel-sort-button",
        "title": "Sortér efter Gruppe",
        "aria-label": "Sortér efter Gruppe",
        "aria-pressed": "false",
        "data-sort": "none",
    }
    _, rows = table_rows(headings("da"), side[OVERVIEW_TABLE]["rows"])
    assert [row["Navn"] for row in rows[:3]] == ["Ali Hassan", "Anna Holm", "Birgitte Møller"]


def test_pnl105_another_language_redraws_both_frames(store: MapStore, stored: StoredMap) -> None:
    app = _app(store)
    drawn = _post(app, "panel-error", _opened(stored))["panel-drawn"]["data"]
    english = _reply(app, "panel-error", _opened(stored, drawn, lang="en"))
    assert "sideUpdate" not in english
    overview = english["response"]["panel-overview-body"]["children"]
    assert "Tap a heading to sort." in texts(overview)
    measures = english["response"]["panel-measures-body"]["children"]
    assert measure_name("size", "en") in texts(measures)
    assert measure_name("size", "da") not in texts(measures)


@pytest.mark.parametrize("garbage", ["x", {"overview": ["zz"]}, {"overview": 5}, [1]])
def test_pnl104_garbage_fingerprints_draw_the_open_sections_whole(
    store: MapStore, stored: StoredMap, garbage: Any
) -> None:
    reply = _reply(_app(store), "panel-error", _opened(stored, garbage))
    assert "sideUpdate" not in reply
    assert by_id(reply["response"]["panel-overview-body"]["children"], OVERVIEW_TABLE)
    assert by_id(reply["response"]["panel-measures-body"]["children"], CHART)


def test_pnl110_fingerprints_are_of_the_json_dash_sends() -> None:
    # fingerprint() turns components into dicts itself (patch.plain), faster
    # than plotly's encoder: it must still see exactly what Dash would send.
    content = render_panels(sofie(), "da", OverviewSort(), as_of=AS_OF)
    assert content.overview is not None and content.measures is not None
    parts = [
        *content.team.values(),
        *content.checks.values(),
        content.overview.filled(),
        content.measures.filled(),  # with the chart's figure
    ]
    for part in parts:
        ours = json.loads(json.dumps(part, default=plain, sort_keys=True))
        assert ours == json.loads(json.dumps(part, cls=PlotlyJSONEncoder, sort_keys=True))
    assert len({fingerprint(part) for part in parts}) == len(parts)


def test_pnl111_the_measures_are_made_only_once_their_section_is_open(stored: StoredMap) -> None:
    from netmap.analysis import analyse
    from netmap.app.panels.render import PanelAnalysis, render_analysis

    analysis = PanelAnalysis.of(stored.map, AS_OF)
    closed = render_analysis(analysis, "da", OverviewSort(), frozenset())
    assert closed.measures is None and analysis._measures == []
    opened = render_analysis(analysis, "da", OverviewSort(), frozenset({"measures"}))
    assert opened.measures is not None
    whole = analyse(stored.map, as_of=AS_OF)
    assert analysis.measures() == whole.measures and analysis._measures == [whole.measures]
    assert {k: v for k, v in whole if k != "measures"} == dict(analysis.core)
    # The same panels as drawn from the whole analysis before (render_panels).
    drawn = render_panels(stored.map, "da", OverviewSort(), as_of=AS_OF, opened=frozenset())
    assert as_json(drawn.team) == as_json(closed.team)
