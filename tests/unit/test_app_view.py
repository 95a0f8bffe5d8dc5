"""The editor's view without HTTP: map + the tab's UI state -> what each region shows."""

from __future__ import annotations

import dash

from netmap.app.editor.callbacks import edit_panel_region, map_region
from netmap.app.editor.person_list import drawn_for
from netmap.editing import DropPerson
from netmap.model import NetworkMap

#: Nobody chosen, no line started, step 1, select mode, no search.
UI = (None, None, 1, "select", "")


def test_appview001_a_drop_changes_one_row_and_nothing_else_of_the_list(
    small_map: NetworkMap,
) -> None:
    drawn = drawn_for(small_map, "da")
    moved = DropPerson(id="mor", x=0.0, y=-0.9).apply(small_map)
    region = map_region(moved, 7, "da", UI, drawn)
    assert region.list_children is dash.no_update
    assert region.version_label == "Version 7"
    # One Patch of the list's rows, for Mor's row only (Rådgiver's is left alone).
    ((component_id, props),) = region.updates
    operations = props["rows"].to_plotly_json()["operations"]
    assert component_id == "person-rows"
    assert [op["location"] for op in operations] == [["mor"]]
    assert operations[0]["params"]["value"]["row"].startswith("person-row sector-")
    assert any(e["data"].get("pid") == "mor" for e in region.elements)


def test_appview002_a_list_drawn_for_something_else_is_drawn_anew(small_map: NetworkMap) -> None:
    region = map_region(small_map, 1, "en", UI, {"list": "0" * 16})
    assert region.list_children is not dash.no_update
    assert region.list_drawn == drawn_for(small_map, "en")
    assert region.updates == []


def test_appview003_the_edit_panel_fingerprint_says_when_it_would_look_the_same(
    small_map: NetworkMap,
) -> None:
    nobody = edit_panel_region(small_map, None, "da", None)
    mor = edit_panel_region(small_map, "mor", "da", nobody.drawn)
    assert nobody.whole and mor.send and not mor.whole
    moved_other = DropPerson(id="sr", x=0.5, y=0.5).apply(small_map)
    assert edit_panel_region(moved_other, "mor", "da", mor.drawn).send == {}
    assert edit_panel_region(small_map, "nobody", "da", nobody.drawn).send == {}
    # Anything else from the client: drawn anew.
    assert edit_panel_region(small_map, "mor", "da", "0" * 40).whole
