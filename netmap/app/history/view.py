"""The history page's regions as pure functions: data in, Dash components out.

Nothing here reads the store or the browser: the layout and the callbacks
(:mod:`netmap.app.history.layout`, :mod:`netmap.app.history.callbacks`) load
what is needed and hand it over, so each region can be built and checked in a
unit test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import dash_cytoscape as cyto
from dash import dcc, html

from netmap.analysis.diff import MapDiff
from netmap.analysis.diff_text import describe_diff
from netmap.analysis.sittings import Entry, Sitting
from netmap.analysis.trends import TrendPoint
from netmap.analysis.trends_text import METRICS, Metric, metric_values, trend_sentence, trend_table
from netmap.app.attrs import attrs
from netmap.app.mapview import build_elements, stylesheet
from netmap.i18n import Lang, format_date, format_datetime, sort_key, t
from netmap.marks import SECTOR_COLOURS
from netmap.meetings import Meeting
from netmap.model import NetworkMap, Sector

__all__ = [
    "ENTRIES_SHOWN",
    "author_label",
    "diff_region",
    "entry_item",
    "timeline_region",
    "trend_figure",
    "trends_region",
    "version_region",
]

#: Entries drawn at first (newest first); "show more" adds as many again.
#: Twenty is months of meetings and sittings: the time line shows 6-8 at a
#: time, and each drawn entry costs the page (a map of 1,000 versions has
#: 60-odd; drawing all of them took a third of the page's time in Chromium).
ENTRIES_SHOWN = 20


def author_label(author: str, lang: Lang) -> str:
    """Who saved: the app (any tab) in words, a command-line author by name.

    >>> author_label("app:0123abcd", "en"), author_label("kp", "en")
    ('In the app', 'kp')
    """
    if author == "app" or author.startswith("app:"):
        return t("history.by_app", lang)
    return author


def _versions_text(sitting: Sitting, lang: Lang) -> str:
    if sitting.count == 1:
        return t("history.one_version", lang, version=sitting.first)
    return t("history.versions", lang, first=sitting.first, last=sitting.last, count=sitting.count)


def _when(sitting: Sitting, lang: Lang) -> str:
    start, end = format_datetime(sitting.start, lang), format_datetime(sitting.end, lang)
    if start == end:
        return start
    # The same day: the date once ("22.11.2026 14.05–14.40").
    same_day = sitting.start.astimezone().date() == sitting.end.astimezone().date()
    if same_day:
        tail = end.removeprefix(format_date(sitting.end.astimezone().date(), lang))
        return f"{start}–{tail.lstrip(', ').strip()}"
    return f"{start} – {end}"


def _view_button(version: int, since: int, entry: str, lang: Lang) -> Any:
    """Show ``version`` read only, with what changed since version ``since``.

    ``entry`` names the entry the button is in (two entries may show one version).
    """
    return html.Button(
        t("history.view", lang, version=version),
        id={"type": "hist-view", "v": version, "f": since, "e": entry},
        className="btn btn-small",
    )


def _sitting_item(sitting: Sitting, lang: Lang) -> Any:
    summary = "; ".join(sitting.notes) if sitting.notes else sitting.changes.describe(lang)
    if sitting.restored_from is not None:
        summary = f"{t('changes.restored', lang, version=sitting.restored_from)}: {summary}"
    # Few components per entry: the page draws hundreds of them.
    where = f" · {author_label(sitting.author, lang)} · {_versions_text(sitting, lang)}"
    return html.Li(
        [
            html.Div(
                [
                    html.B(t("history.kind.sitting", lang)),
                    " ",
                    html.Time(_when(sitting, lang), dateTime=sitting.end.isoformat()),
                    where,
                ],
                className="hist-line",
            ),
            html.P(summary, className="hist-summary"),
            _view_button(sitting.last, sitting.before or sitting.first, f"s{sitting.first}", lang),
        ],
        className="hist-entry hist-sitting",
        tabIndex="-1",  # "show more" moves the focus to the first entry it adds
    )


def _meeting_item(meeting: Meeting, lang: Lang) -> Any:
    when = (
        format_date(meeting.date, lang)
        if meeting.time is None
        else format_datetime(dt.datetime.combine(meeting.date, meeting.time), lang)
    )
    details: list[str] = [t(f"meeting_kind.{meeting.meeting_kind.value}", lang)]
    if meeting.place:
        details.append(meeting.place)
    details.append(t("history.meeting_held" if meeting.held else "history.meeting_planned", lang))
    parts: list[Any] = [
        html.Div(
            [
                html.B(t("history.kind.meeting", lang)),
                " ",
                html.Time(when, dateTime=meeting.date.isoformat()),
                f" · {' · '.join(details)}",
            ],
            className="hist-line",
        )
    ]
    if meeting.purpose:
        parts.append(html.P(meeting.purpose, className="hist-summary"))
    if meeting.prepared_with is not None:
        parts.append(
            html.P(
                t("history.prepared_with", lang, version=meeting.prepared_with), className="muted"
            )
        )
        since = max(1, meeting.prepared_with - 1)
        parts.append(_view_button(meeting.prepared_with, since, f"m-{meeting.id}", lang))
    return html.Li(parts, className="hist-entry hist-meeting", tabIndex="-1")


def entry_item(entry: Entry, lang: Lang) -> Any:
    """One line of the time line."""
    if entry.sitting is not None:
        return _sitting_item(entry.sitting, lang)
    assert entry.meeting is not None
    return _meeting_item(entry.meeting, lang)


def timeline_region(entries: Sequence[Entry], shown: int, lang: Lang) -> list[Any]:
    """The newest ``shown`` entries, and a button for the rest if there are more."""
    items = [entry_item(entry, lang) for entry in entries[:shown]]
    region: list[Any] = [
        html.Ol(items, className="hist-timeline", id="hist-entries")
        if items
        else html.P(t("history.empty", lang), className="muted")
    ]
    hidden = len(entries) - shown
    if hidden > 0:
        region.append(html.P(t("history.more_hidden", lang, count=hidden), className="muted"))
        region.append(html.Button(t("history.show_more", lang), id="hist-more", className="btn"))
    return region


def _person_rows(network_map: NetworkMap, lang: Lang) -> Any:
    persons = sorted(network_map.persons, key=lambda p: (p.distance, sort_key(p.name, lang)))
    if not persons:
        return html.P(t("app.list.empty", lang), className="muted")
    return html.Ul(
        [
            html.Li(
                f"{p.name} – {t(f'sector.{p.sector.value}', lang)}, "
                f"{t(f'band.{p.band.value}', lang)}" + (f" ({p.role})" if p.role else "")
            )
            for p in persons
        ],
        className="hist-persons",
    )


def version_region(
    network_map: NetworkMap, version: int, latest: int, saved_at: str, lang: Lang
) -> list[Any]:
    """One version, read only: the map drawn without edit controls, its persons as text."""
    heading = t("history.viewing", lang, version=version, when=saved_at)
    restore: Any
    if version == latest:
        restore = html.P(t("history.is_latest", lang), className="muted")
    else:
        restore = html.Button(
            t("history.restore", lang, version=version),
            id="hist-restore",
            className="btn btn-primary",
        )
    return [
        html.H2(heading, id="hist-viewing", tabIndex="-1"),
        html.P(t("history.read_only", lang), className="muted"),
        html.Div(
            cyto.Cytoscape(
                id="hist-cy",
                elements=build_elements(network_map, lang),
                stylesheet=stylesheet(),
                layout={"name": "preset", "fit": True, "padding": 6},
                autoRefreshLayout=False,
                userZoomingEnabled=False,
                userPanningEnabled=False,
                boxSelectionEnabled=False,
                autoungrabify=True,
                autounselectify=True,
                responsive=True,
                className="map-canvas",
                style={"width": "100%", "height": "100%"},
            ),
            className="map-box hist-map",
            role="img",
            **attrs(aria_label=t("history.map_label", lang, version=version)),
        ),
        html.Details(
            [html.Summary(t("history.persons_heading", lang)), _person_rows(network_map, lang)],
            open=False,
        ),
        html.Div(restore, className="button-row"),
    ]


def diff_region(found: MapDiff, lang: Lang) -> list[Any]:
    """What changed from one version to another, in plain words, one line per kind."""
    return [
        html.H3(t("history.diff_heading", lang, old=found.from_, new=found.to)),
        html.Ul([html.Li(line) for line in describe_diff(found, lang)], className="hist-diff"),
    ]


# --- trends -------------------------------------------------------------------


def _line(x: list[str], y: list[float | None], name: str, colour: str) -> dict[str, Any]:
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": name,
        "mode": "lines+markers",
        "line": {"color": colour, "width": 3},
    }


def trend_figure(points: Sequence[TrendPoint], metric: Metric, lang: Lang) -> dict[str, Any]:
    """A plotly figure (as the plain dict plotly.js takes: building ``go.Figure`` objects
    with their validation cost more than the rest of the page) of one measure."""
    dates = [p.date.isoformat() for p in points]
    if metric == "sectors":
        data = [
            _line(
                dates,
                [metric_values(p, metric)[i] for p in points],
                t(f"sector.{sector.value}", lang),
                SECTOR_COLOURS[sector.value],
            )
            for i, sector in enumerate(Sector)
        ]
    else:
        values = [metric_values(p, metric)[0] for p in points]
        data = [_line(dates, values, t(f"trends.metric.{metric}", lang), "#08519c")]
    layout = {
        "height": 260,
        "margin": {"l": 8, "r": 8, "t": 40, "b": 8},
        "title": {"text": t(f"trends.title.{metric}", lang), "font": {"size": 14}, "x": 0.01},
        "showlegend": metric == "sectors",
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"type": "date", "tickformat": "%d.%m.%Y" if lang == "da" else "%b %d, %Y"},
        "yaxis": {
            "rangemode": "tozero",
            "automargin": True,
            "ticksuffix": " %" if metric == "professional_share" else "",
            "tickformat": ".0f" if metric == "professional_share" else "d",
        },
        "separators": ",." if lang == "da" else ".,",
        "plot_bgcolor": "#ffffff",
    }
    return {"data": data, "layout": layout}


def _table(points: Sequence[TrendPoint], metric: Metric, lang: Lang) -> Any:
    headings, rows = trend_table(points, metric, lang)
    return html.Table(
        [
            html.Caption(t(f"trends.title.{metric}", lang)),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headings])),
            html.Tbody(
                [
                    html.Tr([html.Th(row[0], scope="row"), *(html.Td(c) for c in row[1:])])
                    for row in rows
                ]
            ),
        ],
        className="hist-table",
    )


def trends_region(points: Sequence[TrendPoint], lang: Lang) -> list[Any]:
    """A chart per measure across the meetings, each with a sentence and a table."""
    heading = html.H2(t("trends.heading", lang))
    if not points:
        return [heading, html.P(t("trends.no_points", lang), className="muted")]
    charts = []
    for metric in METRICS:
        charts.append(
            html.Figure(
                [
                    # The sentence and the table say what the chart shows.
                    html.Div(
                        dcc.Graph(
                            id=f"hist-chart-{metric}",
                            figure=trend_figure(points, metric, lang),
                            config={"displayModeBar": False, "responsive": True},
                            className="hist-chart",
                        ),
                        **attrs(aria_hidden="true"),
                    ),
                    html.Figcaption(
                        trend_sentence(points, metric, lang), className="hist-sentence"
                    ),
                    html.Details(
                        [html.Summary(t("trends.as_table", lang)), _table(points, metric, lang)]
                    ),
                ],
                className="hist-trend",
                id=f"hist-trend-{metric}",
            )
        )
    return [heading, html.Div(charts, className="hist-trends")]
