"""What the panel callback writes, and the fingerprints of what the browser then has.

One pure function for both places that draw the panels: the callback (which
sends only what changed since the browser last drew it) and the page sent
with the layout (which is drawn in full, with the fingerprints to match, so
the first drop already sends only the changed parts).
"""

from __future__ import annotations

from typing import Any

from netmap.app.panels.patch import changed_parts, changed_values
from netmap.app.panels.render import PanelContent
from netmap.app.panels.slots import CHECK_SLOTS, TEAM_SLOTS, slot_id, slot_values

__all__ = ["PANEL_OUTPUTS", "measures_children", "panel_outputs"]

#: The components whose ``children`` the panel callback writes, in its output order.
PANEL_OUTPUTS: tuple[str, ...] = (
    "panel-error",
    "panel-team-title",
    *(slot_id("team", slot) for slot in TEAM_SLOTS),
    "panel-checks-title",
    *(slot_id("checks", slot) for slot in CHECK_SLOTS),
    "panel-overview-title",
    "panel-overview-body",
    "panel-measures-title",
    "panel-measures-body",
)


def measures_children(content: PanelContent) -> list[Any]:
    """The measures section: the chart (when there is one) above the numbers.

    The chart is created here rather than in the static layout so that the
    browser loads plotly.js only once somebody opens the section.
    """
    from dash import dcc

    measures = content.measures if isinstance(content.measures, list) else [content.measures]
    if content.chart is None:
        return measures
    graph = dcc.Graph(
        id="panel-chart",
        figure=content.chart,
        config={"displayModeBar": False, "responsive": True},
        className="panel-chart",
    )
    return [graph, *measures]


def _parts(children: Any) -> list[Any]:
    return children if isinstance(children, list) else [children]


def panel_outputs(content: PanelContent, before: Any) -> tuple[list[Any], dict[str, list[str]]]:
    """The value of each of :data:`PANEL_OUTPUTS`, and the fingerprints drawn after it.

    ``before`` is the ``panel-drawn`` store (what the browser says it has); a
    part it has already is :data:`dash.no_update`. Team and checks: each slot
    only when its part changed. The lazy sections are built only while open
    and then sent whole (as a Patch of their changed parts, which saves bytes,
    not work in the browser).
    """
    drawn = before if isinstance(before, dict) else {}
    now: dict[str, list[str]] = {}
    team, now["team"] = changed_values(slot_values(TEAM_SLOTS, content.team), drawn.get("team"))
    checks, now["checks"] = changed_values(
        slot_values(CHECK_SLOTS, content.checks), drawn.get("checks")
    )
    overview, now["overview"] = changed_parts(_parts(content.overview), drawn.get("overview"))
    measures, now["measures"] = changed_parts(measures_children(content), drawn.get("measures"))
    head = [
        content.error,
        content.team_title,
        content.checks_title,
        content.overview_title,
        content.measures_title,
    ]
    (error, team_title, checks_title, overview_title, measures_title), now["head"] = changed_values(
        head, drawn.get("head")
    )
    values = [
        error,
        team_title,
        *team,
        checks_title,
        *checks,
        overview_title,
        overview,
        measures_title,
        measures,
    ]
    return values, now
