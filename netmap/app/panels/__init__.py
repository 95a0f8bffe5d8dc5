"""The live panels beside the map: team, checks, contact overview, measures.

Every panel is rendered by a pure builder from :func:`netmap.analysis.analyse`
(see the builder modules); :mod:`netmap.app.panels.callbacks` only validates
the callback inputs, loads the map from the store and calls the builders.
All component ids start with ``panel-``.
"""

from netmap.app.panels.callbacks import register_panel_callbacks
from netmap.app.panels.layout import panels_for, panels_layout

__all__ = ["panels_for", "panels_layout", "register_panel_callbacks"]
