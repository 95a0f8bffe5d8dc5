"""The editor's side column: the work (edit panel, add form, list) and the panels, as tabs.

So that the map gets most of the screen, everything beside it shares one
column, one tab at a time: "Personer" (the chosen person, the add form, the
list) and "Team og tjek" (the team, the checks, the overview, the measures).
The tabs follow the WAI-ARIA tabs pattern: a ``tablist`` of ``tab`` buttons
with ``aria-selected`` and ``aria-controls``, one ``tabpanel`` each, only the
chosen tab in the Tab order, arrow keys, Home and End to move between them
(``netmap/app/assets/netmap-tabs.js``). Which tab is shown lives in the
``side-tab`` store (kept for the browser tab's session) and is switched in
the browser, without a round trip.

Tapping a person on the map or choosing a question 2–4 shows "Personer"
again, where the chosen person's panel and the answers are.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, dcc, html

from netmap.app.attrs import attrs
from netmap.app.wiring import Callbacks
from netmap.i18n import Lang, t

__all__ = ["TABS", "callbacks", "side_tabs", "tab_props"]

#: The tabs, in order: the tab's name and its label key.
TABS: tuple[str, ...] = ("work", "panels")
DEFAULT_TAB = "work"


def tab_props(chosen: str) -> dict[str, dict[str, Any]]:
    """Each tab's and tab panel's properties when ``chosen`` is shown (anything else: the first).

    >>> props = tab_props("panels")
    >>> props["side-tab-panels"]["aria-selected"], props["side-tab-panels"]["tabIndex"]
    ('true', '0')
    >>> props["side-panel-work"]["hidden"], props["side-panel-panels"]["hidden"]
    (True, False)
    """
    chosen = chosen if chosen in TABS else DEFAULT_TAB
    props: dict[str, dict[str, Any]] = {}
    for name in TABS:
        on = name == chosen
        props[f"side-tab-{name}"] = {
            "aria-selected": "true" if on else "false",
            "tabIndex": "0" if on else "-1",
            "className": "side-tab is-on" if on else "side-tab",
        }
        props[f"side-panel-{name}"] = {"hidden": not on}
    return props


def side_tabs(work: Any, panels: Any, lang: Lang, chosen: str = DEFAULT_TAB) -> Any:
    """The side column: the tab list, then the two tab panels (``work`` and ``panels``)."""
    props = tab_props(chosen)
    contents = {"work": work, "panels": panels}
    tabs = [
        html.Button(
            t(f"app.tabs.{name}", lang),
            id=f"side-tab-{name}",
            role="tab",
            type="button",
            className=props[f"side-tab-{name}"]["className"],
            tabIndex=props[f"side-tab-{name}"]["tabIndex"],
            **attrs(
                aria_selected=props[f"side-tab-{name}"]["aria-selected"],
                aria_controls=f"side-panel-{name}",
            ),
        )
        for name in TABS
    ]
    panels_ = [
        html.Div(
            contents[name],
            id=f"side-panel-{name}",
            role="tabpanel",
            className="side-panel",
            hidden=props[f"side-panel-{name}"]["hidden"],
            **attrs(aria_labelledby=f"side-tab-{name}"),
        )
        for name in TABS
    ]
    return html.Div(
        [
            # The tab survives a language switch and a reload (the tab's session
            # only): drawn with no data, the store takes the session's value.
            dcc.Store(id="side-tab", storage_type="session", data=None),
            html.Div(
                tabs,
                role="tablist",
                className="side-tabs",
                **attrs(aria_label=t("app.tabs.label", lang)),
            ),
            *panels_,
        ],
        id="side-col",
        className="side-col",
    )


#: Browser-only callbacks, registered with the editor's (register_editor_callbacks).
callbacks = Callbacks()

# Which tab: a click on a tab (the keyboard clicks too, netmap-tabs.js), or
# "Personer" when a question 2–4 is chosen (the answers are in the list). A
# tap on a person on the map shows "Personer" too (netmap-tabs.js clicks the
# tab), since the edit panel opens there; a drag keeps the tab the user looks
# at. Every input is on the editor page only (Dash refuses a callback whose
# inputs are missing).
callbacks.clientside(
    """
function(_work, _panels, step, tab) {
  var trig = (window.dash_clientside.callback_context.triggered || [])[0];
  var id = trig ? trig.prop_id.split(".")[0] : "";
  var next = tab;
  if (id === "side-tab-panels") { next = "panels"; }
  else if (id === "side-tab-work") { next = "work"; }
  else if (id === "q-step" && [2, 3, 4].indexOf(step) >= 0) { next = "work"; }
  return next === tab ? window.dash_clientside.no_update : next;
}
""",
    Output("side-tab", "data"),
    Input("side-tab-work", "n_clicks"),
    Input("side-tab-panels", "n_clicks"),
    Input("q-step", "value"),
    State("side-tab", "data"),
    prevent_initial_call=True,
)

# The tab's state on the page (the same as tab_props).
callbacks.clientside(
    """
function(chosen) {
  var tabs = ["work", "panels"];
  if (tabs.indexOf(chosen) < 0) { chosen = "work"; }
  var out = [];
  tabs.forEach(function (name) {
    var on = name === chosen;
    out.push(on ? "true" : "false", on ? "0" : "-1", on ? "side-tab is-on" : "side-tab", !on);
  });
  return out;
}
""",
    *(
        Output(component, prop)
        for name in TABS
        for component, prop in (
            (f"side-tab-{name}", "aria-selected"),
            (f"side-tab-{name}", "tabIndex"),
            (f"side-tab-{name}", "className"),
            (f"side-panel-{name}", "hidden"),
        )
    ),
    Input("side-tab", "data"),
    prevent_initial_call=True,
)
