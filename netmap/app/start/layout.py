"""The start page's layout: the list of maps, a new map, the demo map."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from netmap.i18n import Lang, format_datetime, t
from netmap.store import MapStore, MapSummary

__all__ = ["map_rows", "start_layout"]


def _when(summary: MapSummary, lang: Lang) -> str:
    return format_datetime(summary.updated_at, lang)


def map_rows(summaries: list[MapSummary], lang: Lang, pending_delete: str | None) -> Any:
    """The table of maps (or a sentence if there are none)."""
    if not summaries:
        return html.P(t("app.start.none", lang), id="start-empty")
    header = html.Tr(
        [
            html.Th(t("app.start.col_patient", lang)),
            html.Th(t("app.start.col_changed", lang)),
            html.Th(t("app.start.col_versions", lang)),
            html.Th(""),
        ]
    )
    rows: list[Any] = []
    for s in summaries:
        name_cell = [html.Span(s.patient_name, className="patient-name")]
        if s.masked_cpr:
            name_cell.append(html.Span(s.masked_cpr, className="cpr"))
        rows.append(
            html.Tr(
                [
                    html.Td(name_cell),
                    html.Td(_when(s, lang)),
                    html.Td(str(s.version_count), className="num"),
                    html.Td(
                        [
                            dcc.Link(
                                t("app.start.open", lang),
                                href=f"/map/{s.map_id}",
                                className="btn btn-primary",
                                id={"type": "open-map", "map": s.map_id},
                            ),
                            html.Button(
                                t("app.start.delete", lang),
                                id={"type": "delete-map", "map": s.map_id},
                                className="btn btn-danger",
                                n_clicks=0,
                            ),
                        ],
                        className="actions",
                    ),
                ],
                className="map-row",
            )
        )
        if s.map_id == pending_delete:
            rows.append(
                html.Tr(
                    html.Td(
                        html.Div(
                            [
                                html.P(
                                    t(
                                        "app.start.confirm_delete",
                                        lang,
                                        name=s.patient_name,
                                        count=s.version_count,
                                    )
                                ),
                                html.Button(
                                    t("app.start.confirm_yes", lang),
                                    id={"type": "confirm-delete", "map": s.map_id},
                                    className="btn btn-danger",
                                    n_clicks=0,
                                ),
                                html.Button(
                                    t("app.start.confirm_no", lang),
                                    id={"type": "cancel-delete", "map": s.map_id},
                                    className="btn",
                                    n_clicks=0,
                                ),
                            ],
                            className="confirm",
                            role="alertdialog",
                        ),
                        colSpan=4,
                    )
                )
            )
    return html.Table([html.Thead(header), html.Tbody(rows)], className="map-table")


def start_layout(store: MapStore, lang: Lang) -> Any:
    """The start page for ``lang``."""
    return html.Main(
        [
            html.P(t("app.start.intro", lang), className="intro"),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(t("app.start.new_heading", lang)),
                            html.Label(t("app.start.patient_name", lang), htmlFor="new-name"),
                            dcc.Input(id="new-name", type="text", maxLength=120, className="field"),
                            html.Label(t("app.start.cpr", lang), htmlFor="new-cpr"),
                            dcc.Input(
                                id="new-cpr",
                                type="text",
                                maxLength=11,
                                className="field",
                                autoComplete="off",
                            ),
                            html.Small(t("app.start.cpr_hint", lang), className="hint"),
                            html.Button(
                                t("app.start.create", lang),
                                id="new-create",
                                className="btn btn-primary btn-big",
                                n_clicks=0,
                            ),
                        ],
                        className="card",
                    ),
                    html.Section(
                        [
                            html.H2(t("app.start.demo_heading", lang)),
                            html.P(t("app.start.demo_text", lang)),
                            html.Button(
                                t("app.start.demo_button", lang),
                                id="open-demo",
                                className="btn btn-big",
                                n_clicks=0,
                            ),
                        ],
                        className="card",
                    ),
                ],
                className="start-cards",
            ),
            html.Div(id="start-message", role="status", className="notice"),
            html.Section(
                [
                    html.H2(t("app.start.list_heading", lang)),
                    html.Div(
                        map_rows(store.list_maps(), lang, None),
                        id="map-list",
                    ),
                ],
                className="card",
            ),
            dcc.Store(id="pending-delete"),
        ],
        className="start-page",
    )
