"""The map by keyboard: the empty layer ``netmap-map-keys.js`` fills with one button
per person, and the sentence that says what the keys do.

dash-cytoscape draws on a canvas a keyboard cannot reach; the script keeps a
transparent button over each person's marker in ``#map-keys`` (Tab goes from
person to person, the arrow keys move one and save it once as a drop when they
rest, Enter opens the person's panel). ``#map-keys-help``, right after the
map box, describes every button (``aria-describedby``) and is shown while the
focus is on the map.
"""

from __future__ import annotations

from typing import Any

from dash import html

from netmap.i18n import Lang, t

__all__ = ["map_keys_help", "map_keys_layer"]


def map_keys_layer() -> Any:
    """The layer for the buttons, to put inside the map box after the canvas."""
    # Dash draws no children here, so it never redraws what the script made.
    return html.Div(id="map-keys", className="map-keys")


def map_keys_help(lang: Lang) -> Any:
    """What the keys do, to put right after the map box (shown while the map has focus)."""
    return html.P(t("a11y.map_keys_help", lang), id="map-keys-help", className="map-keys-help")
