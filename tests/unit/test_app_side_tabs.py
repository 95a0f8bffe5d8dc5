"""The side column's tabs (netmap/app/editor/side_tabs.py): roles, names and which panel shows."""

from __future__ import annotations

from typing import Any

import pytest
from dash import html

from netmap.app.editor.layout import editor_layout
from netmap.app.editor.side_tabs import TABS, side_tabs, tab_props
from netmap.i18n import t
from netmap.model import NetworkMap, Patient


def _walk(component: Any) -> list[Any]:
    found = [component]
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found.extend(_walk(child))
    elif children is not None and hasattr(children, "to_plotly_json"):
        found.extend(_walk(children))
    return found


def _by_id(component: Any) -> dict[str, Any]:
    return {c.id: c for c in _walk(component) if isinstance(getattr(c, "id", None), str)}


@pytest.mark.parametrize("chosen", [*TABS, "nonsense"])
def test_exactly_one_tab_is_chosen_and_only_its_panel_shows(chosen: str) -> None:
    props = tab_props(chosen)
    shown = chosen if chosen in TABS else "work"
    for name in TABS:
        on = name == shown
        assert props[f"side-tab-{name}"]["aria-selected"] == ("true" if on else "false")
        assert props[f"side-tab-{name}"]["tabIndex"] == ("0" if on else "-1")
        assert props[f"side-panel-{name}"]["hidden"] is (not on)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_tabs_have_roles_names_and_point_at_their_panels(lang: str) -> None:
    column = side_tabs(html.Div(id="w"), html.Div(id="p"), lang, chosen="panels")  # type: ignore[arg-type]
    parts = _by_id(column)
    tablist = [c for c in _walk(column) if getattr(c, "role", None) == "tablist"]
    assert len(tablist) == 1
    assert tablist[0].to_plotly_json()["props"]["aria-label"] == t("app.tabs.label", lang)  # type: ignore[arg-type]
    for name in TABS:
        tab = parts[f"side-tab-{name}"].to_plotly_json()["props"]
        panel = parts[f"side-panel-{name}"].to_plotly_json()["props"]
        assert tab["role"] == "tab" and tab["type"] == "button"
        assert tab["children"] == t(f"app.tabs.{name}", lang)  # type: ignore[arg-type]
        assert tab["aria-controls"] == f"side-panel-{name}"
        assert panel["role"] == "tabpanel"
        assert panel["aria-labelledby"] == f"side-tab-{name}"
    assert parts["side-tab-panels"].to_plotly_json()["props"]["aria-selected"] == "true"
    assert parts["side-panel-work"].hidden is True
    # What each panel holds.
    assert "w" in _by_id(parts["side-panel-work"]) and "p" in _by_id(parts["side-panel-panels"])


def test_editor_page_puts_the_work_and_the_panels_into_the_tabs() -> None:
    page = editor_layout(
        NetworkMap(patient=Patient(name="Testa Testesen")), 1, "da", html.Div(id="panels-here")
    )
    parts = _by_id(page)
    work = _by_id(parts["side-panel-work"])
    assert {"edit-panel", "add-name", "person-list"} <= set(work)
    assert "panels-here" in _by_id(parts["side-panel-panels"])
    assert "map-cy" not in _by_id(parts["side-col"])
    # The persons tab is the first one shown (the add form is where one starts).
    assert parts["side-panel-work"].hidden is False
