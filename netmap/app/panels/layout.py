"""The static skeleton of the panels; the callbacks fill in every section."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from netmap.app.panels.slots import CHECK_SLOTS, MESSAGE, TEAM_SLOTS, slot_divs
from netmap.i18n import parse_lang, t

__all__ = ["SECTIONS", "panels_layout"]

#: The panel sections, in the order they are shown, and whether they start open.
SECTIONS: tuple[tuple[str, bool], ...] = (
    ("team", True),
    ("checks", True),
    ("overview", False),
    ("measures", False),
)


def _body(name: str) -> Component:
    # Team and checks are fixed slots (see slots.py). The measures body gets
    # the chart (a dcc.Graph) only when it is opened, so plotly.js is not
    # loaded for a section nobody looks at.
    if name == "team":
        return html.Div(slot_divs("team", TEAM_SLOTS), id="panel-team-body")
    if name == "checks":
        codes = [slot for slot in CHECK_SLOTS if slot != MESSAGE]
        listing = html.Div(
            slot_divs("checks", codes), id="panel-findings", className="panel-findings", role="list"
        )
        return html.Div([*slot_divs("checks", [MESSAGE]), listing], id="panel-checks-body")
    return html.Div(id=f"panel-{name}-body")


def _section(name: str, is_open: bool, lang: str) -> Component:
    return html.Details(
        id=f"panel-{name}",
        open=is_open,
        className="panel-section",
        children=[
            html.Summary(
                t(f"panels.title.{name}", parse_lang(lang)),
                id=f"panel-{name}-title",
                className="panel-summary",
            ),
            _body(name),
        ],
    )


def panels_layout(lang: str) -> Component:
    """The panels column, empty until the callbacks have read the map.

    ``lang`` only sets the first headings; the callbacks redraw every text
    when the language changes.
    """
    return html.Div(
        id="panel-root",
        className="panel-root",
        children=[
            dcc.Store(id="panel-overview-sort", data={"column": "group", "descending": False}),
            # Fingerprints of the parts the browser has drawn (see patch.py).
            dcc.Store(id="panel-drawn", data=None),
            html.Div(id="panel-error", className="panel-error", role="alert"),
            *(_section(name, is_open, lang) for name, is_open in SECTIONS),
        ],
    )
