"""What the panel callback writes, and the fingerprints of what the browser then has.

One pure function for both places that draw the panels: the callback (which
sends only what changed since the browser last drew it) and the page sent
with the layout (which is drawn in full, with the fingerprints to match, so
the first drop already sends only the changed parts).
"""

from __future__ import annotations

from typing import Any

import dash

from netmap.app.panels.lazy_sections import LiveSection, LiveValues, parse_fingerprints
from netmap.app.panels.patch import changed_values, fingerprint
from netmap.app.panels.render import PanelContent
from netmap.app.panels.slots import CHECK_SLOTS, TEAM_SLOTS, slot_id, slot_values

__all__ = ["PANEL_OUTPUTS", "panel_outputs"]

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


def _lazy(section: LiveSection | None, before: Any) -> tuple[Any, Any, LiveValues]:
    """The children of a lazy section's body, its fingerprints, and its live values to set.

    Closed (``section`` is ``None``): whatever the browser has stays, unless
    it has nothing comparable, then the body is emptied. Open: the whole frame
    when it differs from the drawn one, else only the changed live values.
    """
    drawn = parse_fingerprints(before)
    if section is None:
        if drawn is not None:
            return dash.no_update, drawn, {}
        return [], [fingerprint([])], {}
    now = section.fingerprints()
    if drawn is None or len(drawn) != len(now) or drawn[0] != now[0]:
        return section.filled(), now, {}
    return dash.no_update, now, section.changed(drawn)


def panel_outputs(
    content: PanelContent, before: Any
) -> tuple[list[Any], dict[str, list[str]], LiveValues]:
    """The value of each of :data:`PANEL_OUTPUTS`, the fingerprints drawn after
    it, and the live properties to set (``{id: {property: value}}``, for
    :func:`dash.set_props`).

    ``before`` is the ``panel-drawn`` store (what the browser says it has); a
    part it has already is :data:`dash.no_update`. Team and checks: each slot
    only when its part changed. The lazy sections (built only while open,
    :mod:`netmap.app.panels.lazy_sections`): their frame when it changed, otherwise
    only their changed live values. With nothing drawn before there are no
    live values: everything is in the outputs.
    """
    drawn = before if isinstance(before, dict) else {}
    now: dict[str, list[str]] = {}
    team, now["team"] = changed_values(slot_values(TEAM_SLOTS, content.team), drawn.get("team"))
    checks, now["checks"] = changed_values(
        slot_values(CHECK_SLOTS, content.checks), drawn.get("checks")
    )
    overview, now["overview"], live = _lazy(content.overview, drawn.get("overview"))
    measures, now["measures"], live_measures = _lazy(content.measures, drawn.get("measures"))
    live.update(live_measures)
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
    return values, now, live
