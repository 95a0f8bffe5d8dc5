"""The one way the app finds the language to show: the tab's choice, else the server's.

``netmap serve --lang en`` puts the server's language into the Flask config
(``create_app(default_lang=...)``); a tab that switched language keeps its
choice in the ``lang`` store (local storage). Every callback and layout asks
here, so a fresh tab on any page follows the server.
"""

from __future__ import annotations

from typing import Any

import dash

from netmap.i18n import Lang, parse_lang

__all__ = ["LANG_CONFIG", "server_lang", "tab_lang"]

#: The Flask config key holding the language the server was started with.
LANG_CONFIG = "NETMAP_LANG"


def server_lang(app: dash.Dash) -> Lang:
    """The language the server was started with (``netmap serve --lang``)."""
    return parse_lang(app.server.config.get(LANG_CONFIG, "da"))


def tab_lang(app: dash.Dash, lang_data: Any) -> Lang:
    """The language the tab chose (the ``lang`` store), else the server's."""
    return parse_lang(lang_data) if isinstance(lang_data, str) else server_lang(app)
