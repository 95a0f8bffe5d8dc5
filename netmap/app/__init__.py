"""The map editor: a Dash app built by a factory around a store.

``create_app(store)`` builds a fresh app with no global state (no module-level
app, no pages registry), so tests and ``netmap serve`` each get their own.
``/`` is the start page, ``/map/<map_id>`` the editor, ``/map/<map_id>/meetings``
its meetings. Every callback parses
its inputs with pydantic models; request bodies are limited in size.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path

import dash
from plotly.io import json as plotly_json

from netmap.i18n import Lang, t
from netmap.store import MapStore

__all__ = ["ASSETS_FOLDER", "MAX_REQUEST_BYTES", "create_app"]

#: The package's own ``assets/`` folder (CSS and the scripts): package data, so
#: an installed wheel serves them too (a folder outside the package is not shipped).
ASSETS_FOLDER = Path(str(files("netmap.app") / "assets"))
#: Dash sets no request size limit (TECH-NOTES); a drag or a form is a few kB.
MAX_REQUEST_BYTES = 2 * 1024 * 1024


def create_app(
    store: MapStore,
    *,
    today: Callable[[], date] = date.today,
    default_lang: Lang = "da",
) -> dash.Dash:
    """A new Dash app editing the maps in ``store``.

    ``today`` is passed to the panels (the checks depend on the date);
    ``default_lang`` is the language before the user picks one.
    """
    from netmap.app.editor.callbacks import register_editor_callbacks
    from netmap.app.editor.settle import begun_of
    from netmap.app.handoff import just_saved_of
    from netmap.app.lang import LANG_CONFIG
    from netmap.app.meetings import register_meetings_callbacks
    from netmap.app.panels import panels_for, register_panel_callbacks
    from netmap.app.saving import edit_order_of
    from netmap.app.shell import TODAY_CONFIG, first_layout, register_shell_callbacks
    from netmap.app.start.callbacks import register_start_callbacks

    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_FOLDER),
        title=t("app.title", default_lang),
        suppress_callback_exceptions=True,
        update_title="",  # no "Updating..." in the tab title
        serve_locally=True,
    )
    # The page's language before any script runs: the server's (serve --lang).
    app.index_string = app.index_string.replace("<html>", f'<html lang="{default_lang}">', 1)
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.server.config[LANG_CONFIG] = default_lang
    app.server.config[TODAY_CONFIG] = today
    # Dash writes every answer with plotly's JSON: its "orjson" engine (chosen
    # whenever orjson is installed) first copies the whole answer in Python
    # and is 4-5 times slower here than the standard library's encoder (a
    # drop's answer on a 60-person map: ~10 ms against ~2 ms). Process-wide,
    # and the same answer either way.
    plotly_json.config.default_engine = "json"
    # Made now, before requests come in on several threads.
    edit_order_of(app)
    just_saved_of(app)
    begun_of(app)
    # A function: Dash calls it for every page load, with the page's URL known.
    panels = panels_for(today)
    app.layout = lambda: first_layout(store, panels, app)
    register_shell_callbacks(app, store, panels)
    register_start_callbacks(app, store)
    register_editor_callbacks(app, store, today)
    from netmap.app.editor.patient import register_patient_form
    from netmap.app.security import protect

    register_patient_form(app, store)
    from netmap.app.history import register_history_callbacks

    register_history_callbacks(app, store, today)
    register_panel_callbacks(app, store, today)
    register_meetings_callbacks(app, store, today)

    from netmap.app.share.callbacks import register_share_callbacks

    register_share_callbacks(app, store, today)
    protect(app)  # last: the CSP hashes every inline script registered above
    return app
