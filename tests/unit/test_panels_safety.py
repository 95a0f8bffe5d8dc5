"""User text reaches the browser only as plain strings; the CPR number never does.

The one exception to "only html components" is the overview table, one
component whose cells are plain strings and whose only links are tel: and
mailto: addresses (read back strictly by ``table_rows``); its script, like
every script of ours, draws React text and never writes HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from panels_support import AS_OF, as_json, nodes, sofie, table_rows, texts
from revise import revise_patient

import netmap.app
from netmap.app.panels.overview import OVERVIEW_TABLE
from netmap.app.panels.render import PanelContent, render_panels
from netmap.app.state import SORT_COLUMNS, OverviewSort
from netmap.model import NetworkMap, Person

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "**fed** [link](javascript:alert(1))",
    "<script>alert('x')</script>",
]


def _hostile_map() -> NetworkMap:
    m = sofie()
    # A serial in none of Sofie's phone numbers (shown as tel: links, digits together).
    revise_patient(m, cpr="010190-7391")
    m.persons.append(
        Person(
            id="x",
            name=HOSTILE[0],
            sector="professional",
            distance=0.3,
            care_sector="region",
            role=HOSTILE[1],
            helps_with=HOSTILE[2],
        )
    )
    return m


def _trees(content: PanelContent) -> list[Any]:
    assert content.overview is not None and content.measures is not None
    return [content.team, content.checks, content.overview.filled(), content.measures.filled()]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_pnl080_only_html_components_and_text_children(lang: str, column: str) -> None:
    content = render_panels(_hostile_map(), lang, OverviewSort(column=column), as_of=AS_OF)  # type: ignore[arg-type]
    tables = []
    for tree in _trees(content):
        for node in nodes(as_json(tree)):
            assert "dangerously_allow_html" not in node["props"]
            if node["props"].get("id") == OVERVIEW_TABLE:
                assert node["type"] == "OverviewTable"
                tables.append(node["props"])
            elif node["props"].get("id") != "panel-chart":
                # Everything else: html.* elements with plain string children.
                assert node["namespace"] == "dash_html_components", node["type"]
    shown = [s for tree in _trees(content)[:2] for s in texts(tree)]
    for text in HOSTILE[:1]:
        assert text in shown  # the team shows names: verbatim, as a string child
    (table,) = tables
    _, rows = table_rows(table["labels"], table["rows"])  # plain strings, safe links only
    cells = [cell for row in rows for cell in row.values()]
    for text in HOSTILE:
        assert text in cells  # escaped, it reads back exactly


def test_pnl081_no_cpr_in_any_panel_output() -> None:
    content = render_panels(_hostile_map(), "da", OverviewSort(), as_of=AS_OF)
    everything = str(as_json(list(content.as_outputs())))
    assert "tel:+4598123456" in everything
    assert "7391" not in everything
    assert "010190" not in everything


def test_pnl082_no_script_of_ours_writes_html() -> None:
    assets = Path(netmap.app.__file__).parent / "assets"
    scripts = sorted(assets.glob("*.js"))
    assert any(p.name == "netmap-overview-table.js" for p in scripts)
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "dangerouslySetInnerHTML"):
            assert sink not in text, f"{script.name} uses {sink}"
