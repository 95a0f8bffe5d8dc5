"""The conflict toast every page with the notice has (editor.callbacks._NOTICE_JS fills it).

A save refused because the map changed elsewhere shows at the top of the
window, whatever is scrolled into view, with the way out (reload).
"""

from __future__ import annotations

from typing import Any

from dash import html

from netmap.i18n import Lang, t

__all__ = ["conflict_toast"]


def conflict_toast(lang: Lang) -> Any:
    """The (empty) toast: its ``role=alert`` line and the reload button, hidden until needed."""
    return html.Div(
        [
            html.P(id="conflict-text", role="alert"),
            html.Button(
                t("app.reload", lang),
                id="reload",
                className="btn btn-primary",
                style={"display": "none"},
            ),
        ],
        id="conflict-toast",
        className="toast",
    )
