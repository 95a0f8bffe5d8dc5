"""The history page of one map (``/map/<id>/history``): its frame, drawn with the data."""

from __future__ import annotations

import uuid
from typing import Any

from dash import dcc, html

from netmap.app.attrs import attrs
from netmap.app.history.data import HistoryData, TimelineCache, load_history
from netmap.app.history.view import ENTRIES_SHOWN, timeline_region
from netmap.app.state import MapState
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.store import MapStore

__all__ = ["history_layout", "history_page", "latest_label"]


def latest_label(version: int, lang: Lang) -> str:
    return t("history.latest", lang, version=version)


def _compare_form(latest: int, lang: Lang) -> Any:
    def number(field: str, value: int) -> Any:
        return html.Div(
            [
                html.Label(t(f"history.compare_{field}", lang), htmlFor=f"hist-{field}"),
                dcc.Input(
                    id=f"hist-{field}",
                    type="number",
                    min=1,
                    max=latest,
                    step=1,
                    value=value,
                    className="field hist-number",
                ),
            ],
            className="form-row",
        )

    return html.Fieldset(
        [
            html.Legend(t("history.compare_heading", lang)),
            html.P(t("history.compare_help", lang), className="muted"),
            html.Div(
                [
                    number("from", max(1, latest - 1)),
                    number("to", latest),
                    html.Button(
                        t("history.compare", lang), id="hist-compare", className="btn btn-primary"
                    ),
                ],
                className="hist-compare-row",
            ),
        ],
        className="hist-compare",
    )


def history_layout(data: HistoryData, trends: Any, lang: Lang) -> Any:
    """The whole page: heading, time line, the version viewer and compare form, the trends."""
    latest = data.latest
    heading = html.Div(
        [
            html.H1(t("history.heading", lang, name=latest.map.patient.name)),
            dcc.Link(
                t("history.back_to_map", lang),
                href=f"/map/{latest.map_id}",
                id="hist-back",
                className="btn",
            ),
            html.Span(latest_label(latest.version, lang), id="hist-latest"),
        ],
        className="editor-heading hist-heading",
    )
    viewer = html.Section(
        [
            html.Div(
                html.P(t("history.pick", lang), className="muted"),
                id="hist-version",
            ),
            _compare_form(latest.version, lang),
            html.Div(id="hist-diff", **attrs(aria_live="polite")),
        ],
        className="card hist-viewer",
        **attrs(aria_label=t("history.viewer_label", lang)),
    )
    timeline = html.Section(
        [
            html.H2(t("history.timeline_heading", lang)),
            html.P(t("history.timeline_help", lang), className="muted"),
            html.Div(timeline_region(data.entries, ENTRIES_SHOWN, lang), id="hist-timeline"),
        ],
        className="card hist-timeline-card",
    )
    return html.Main(
        [
            heading,
            html.Div(
                id="hist-notice", className="notice", role="status", **attrs(aria_live="polite")
            ),
            html.Div([timeline, viewer], className="hist-grid"),
            html.Section(trends, id="hist-trends", className="card hist-trends-card"),
        ],
        className="history-page",
    )


def history_page(
    store: MapStore, map_id: str, lang: Lang, cache: TimelineCache | None = None
) -> Any:
    """The page, with the tab's state (the latest version it saw) in ``hist-state``.

    ``cache``: the app's :class:`~netmap.app.history.data.TimelineCache`.
    """
    try:
        data = load_history(store, map_id, cache)
    except NetmapError as exc:
        return html.Main(html.P(exc.message(lang), className="notice-error"))
    state = MapState(map_id=map_id, version=data.latest.version, tab=uuid.uuid4().hex)
    return html.Div(
        [
            dcc.Store(id="hist-state", data=state.model_dump()),
            dcc.Store(id="hist-shown", data=ENTRIES_SHOWN),
            dcc.Store(id="hist-viewed"),
            dcc.Store(id="hist-focus"),
            # The trends come in a second answer (callbacks.draw_trends): the
            # time line is on the screen before plotly is even loaded.
            history_layout(data, html.P(t("trends.loading", lang), className="muted"), lang),
        ]
    )
