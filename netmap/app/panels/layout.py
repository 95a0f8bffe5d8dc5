"""The panels column: drawn with the page, redrawn in parts by the callback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from dash import dcc, html
from dash.development.base_component import Component

from netmap.app.panels.region import PANEL_OUTPUTS, panel_outputs
from netmap.app.panels.render import PanelContent, render_panels
from netmap.app.panels.slots import CHECK_SLOTS, MESSAGE, TEAM_SLOTS, slot_divs
from netmap.app.state import OverviewSort
from netmap.i18n import parse_lang, t
from netmap.store.base import StoredMap

__all__ = ["SECTIONS", "panels_for", "panels_layout"]

#: The panel sections, in the order they are shown, and whether they start open.
SECTIONS: tuple[tuple[str, bool], ...] = (
    ("team", True),
    ("checks", True),
    ("overview", False),
    ("measures", False),
)


def _body(name: str, filled: dict[str, Any]) -> Component:
    # Team and checks are fixed slots (see slots.py). The overview and the
    # measures bodies get their frames (lazy_sections.py) only when they are opened,
    # so neither the table nor plotly.js is drawn for a section nobody
    # looks at.
    if name == "team":
        return html.Div(slot_divs("team", TEAM_SLOTS, filled), id="panel-team-body")
    if name == "checks":
        codes = [slot for slot in CHECK_SLOTS if slot != MESSAGE]
        listing = html.Div(
            slot_divs("checks", codes, filled),
            id="panel-findings",
            className="panel-findings",
            role="list",
        )
        message = slot_divs("checks", [MESSAGE], filled)
        return html.Div([*message, listing], id="panel-checks-body")
    return html.Div(filled.get(f"panel-{name}-body"), id=f"panel-{name}-body")


def _section(name: str, is_open: bool, lang: str, filled: dict[str, Any]) -> Component:
    return html.Details(
        id=f"panel-{name}",
        open=is_open,
        className="panel-section",
        children=[
            html.Summary(
                filled.get(f"panel-{name}-title") or t(f"panels.title.{name}", parse_lang(lang)),
                id=f"panel-{name}-title",
                className="panel-summary",
            ),
            _body(name, filled),
        ],
    )


def panels_layout(lang: str, content: PanelContent | None = None) -> Component:
    """The panels column, drawn with ``content`` or empty until the callback fills it.

    With ``content`` the panel-drawn store gets the fingerprints of what is
    drawn, so the callback's first answer already sends only what changed.
    Without, ``lang`` only sets the first headings.
    """
    filled: dict[str, Any] = {}
    drawn = None
    if content is not None:
        values, drawn, live = panel_outputs(content, None)
        assert not live  # nothing drawn before: everything is in the values
        filled = dict(zip(PANEL_OUTPUTS, values, strict=True))
    return html.Div(
        id="panel-root",
        className="panel-root",
        children=[
            dcc.Store(id="panel-overview-sort", data={"column": "group", "descending": False}),
            # What the browser has drawn of the panels (netmap.app.regions);
            # no data rather than None when nothing is drawn (shell.memory_store).
            dcc.Store(id="panel-drawn", data=drawn) if drawn else dcc.Store(id="panel-drawn"),
            html.Div(
                filled.get("panel-error"), id="panel-error", className="panel-error", role="alert"
            ),
            *(_section(name, is_open, lang, filled) for name, is_open in SECTIONS),
        ],
    )


def panels_for(today: Callable[[], date]) -> Callable[..., Component]:
    """The panels of an editor page: drawn for the stored map it shows, as of ``today()``.

    The lazy sections start closed and empty, as in the callback.
    """

    def panels(lang: str, stored: StoredMap | None = None) -> Component:
        if stored is None:
            return panels_layout(lang)
        content = render_panels(
            stored.map, parse_lang(lang), OverviewSort(), as_of=today(), opened=frozenset()
        )
        return panels_layout(lang, content)

    return panels
