"""What the panel callback writes, and what the browser then has drawn.

One pure function for both places that draw the panels: the callback (which
sends only what changed since the browser last drew it) and the page sent
with the layout (which is drawn in full, with the fingerprints to match, so
the first drop already sends only the changed parts).

The parts (:mod:`netmap.app.regions`, one ``panel-drawn`` store): each
output replaced whole (a title, a team or checks slot, the error line) is a
part named by its component id; a lazy section is a frame named by its
body's id with its live values (:meth:`LiveSection.parts`).
"""

from __future__ import annotations

from typing import Any

import dash

from netmap.app.panels.lazy_sections import MAX_LIVE, LiveSection, LiveValues
from netmap.app.panels.render import PanelContent
from netmap.app.panels.slots import CHECK_SLOTS, TEAM_SLOTS, slot_id, slot_values
from netmap.app.regions import Drawn, fingerprints, parse_drawn, update

__all__ = ["PANEL_OUTPUTS", "PANEL_PARTS", "panel_outputs"]

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


#: The lazy sections' bodies, whose parts are a frame and its live values.
_LAZY = ("panel-overview-body", "panel-measures-body")
#: The most parts the panels have: every output, and each lazy section's live values.
PANEL_PARTS = len(PANEL_OUTPUTS) + len(_LAZY) * MAX_LIVE


def _lazy(
    name: str, section: LiveSection | None, drawn: Drawn | None
) -> tuple[Any, Drawn, LiveValues]:
    """The children of a lazy section's body, its drawn parts, and its live values to set.

    Closed (``section`` is ``None``): whatever the browser has stays, unless
    it has nothing comparable, then the body is emptied. Open: the whole frame
    when it differs from the drawn one, else only the changed live values.
    """
    if section is None:
        if drawn is not None and name in drawn:
            mine = {k: v for k, v in drawn.items() if k == name or k.startswith(f"{name}/")}
            return dash.no_update, mine, {}
        return [], fingerprints({name: []}), {}
    up = update(section.parts(name), drawn, frame=name, limit=PANEL_PARTS)
    if up.whole:
        return section.filled(), up.drawn, {}
    return dash.no_update, up.drawn, section.changed(name, up.send)


def panel_outputs(content: PanelContent, before: Any) -> tuple[list[Any], Drawn, LiveValues]:
    """The value of each of :data:`PANEL_OUTPUTS`, what the browser has drawn
    after it, and the live properties to set (``{id: {property: value}}``,
    for :func:`dash.set_props`).

    ``before`` is the ``panel-drawn`` store (what the browser says it has); a
    part it has already is :data:`dash.no_update`. Team and checks: each slot
    only when its part changed. The lazy sections (built only while open,
    :mod:`netmap.app.panels.lazy_sections`): their frame when it changed, otherwise
    only their changed live values. With nothing drawn before there are no
    live values: everything is in the outputs.
    """
    drawn = parse_drawn(before, PANEL_PARTS)
    whole = {
        "panel-error": content.error,
        "panel-team-title": content.team_title,
        **dict(zip(_ids("team", TEAM_SLOTS), slot_values(TEAM_SLOTS, content.team), strict=True)),
        "panel-checks-title": content.checks_title,
        **dict(
            zip(_ids("checks", CHECK_SLOTS), slot_values(CHECK_SLOTS, content.checks), strict=True)
        ),
        "panel-overview-title": content.overview_title,
        "panel-measures-title": content.measures_title,
    }
    fixed = update(whole, drawn, limit=PANEL_PARTS)
    values = {name: fixed.value(name, dash.no_update) for name in whole}
    now = dict(fixed.drawn)
    live: LiveValues = {}
    for name, section in zip(_LAZY, (content.overview, content.measures), strict=True):
        values[name], section_drawn, section_live = _lazy(name, section, drawn)
        now.update(section_drawn)
        live.update(section_live)
    return [values[name] for name in PANEL_OUTPUTS], now, live


def _ids(section: str, slots: tuple[str, ...]) -> list[str]:
    return [slot_id(section, slot) for slot in slots]
