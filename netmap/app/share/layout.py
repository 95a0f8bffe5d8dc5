"""The "Del med teamet" section of the map page, and the edit panel's share choice.

:func:`share_section` is the section's frame (drawn with the page);
:func:`consent_details` and :func:`log_table` draw the parts that change,
from a :class:`~netmap.app.share.view.ShareView`. Every id starts with ``share-``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from netmap.analysis.overview import OverviewRow
from netmap.analysis.sharing import shared_with_team
from netmap.app.attrs import attrs
from netmap.app.choices import check_items, radio_items
from netmap.app.inert import Inert, el
from netmap.app.share.intents import FOR_WHOM, share_choice_value
from netmap.app.share.view import LogRow
from netmap.export.gate import MAP_FORMATS, ExportFormat
from netmap.i18n import Lang, t
from netmap.model import Person

__all__ = [
    "PREVIEWS",
    "button_id",
    "consent_details",
    "log_table",
    "print_overview",
    "share_field",
    "share_section",
]

#: The two previews: the map as a picture, the team pack's first page.
PREVIEWS = ("map", "pack")


def button_id(fmt: ExportFormat) -> str:
    """The id of a format's download button.

    >>> button_id(ExportFormat.TEAM_PACK)
    'share-dl-team-pack'
    """
    return f"share-dl-{fmt.value}"


def _row(label: str, field_id: str, component: Any, hint: str | None = None) -> Any:
    parts: list[Any] = [html.Label(label, htmlFor=field_id), component]
    if hint:
        parts.append(html.Div(hint, className="muted field-hint", id=f"{field_id}-hint"))
    parts.append(html.Div(id=f"{field_id}-error", className="field-error", role="alert"))
    return html.Div(parts, className="form-row")


def _text(field_id: str, placeholder: str = "", max_length: int = 200, **extra: Any) -> Any:
    return dcc.Input(
        id=field_id,
        type="text",
        value="",
        placeholder=placeholder,
        maxLength=max_length,
        autoComplete="off",
        className="field",
        **extra,
    )


def _consent_block(lang: Lang) -> Any:
    day = t("share_app.date_placeholder", lang)
    return html.Fieldset(
        [
            html.Legend(t("share_app.consent.heading", lang)),
            html.P(id="share-consent-state", className="share-state", role="status"),
            html.Ul(id="share-consent-details", className="share-consent-details"),
            _row(
                t("share_app.consent.given_on", lang),
                "share-given-on",
                _text("share-given-on", day, 10),
                t("share_app.consent.given_on_hint", lang),
            ),
            html.Button(id="share-record", className="btn btn-primary"),
            _row(
                t("share_app.consent.withdrawn_on", lang),
                "share-withdraw-on",
                _text("share-withdraw-on", day, 10),
                t("share_app.consent.withdrawn_on_hint", lang),
            ),
            html.Button(
                t("share_app.consent.withdraw", lang),
                id="share-withdraw",
                className="btn btn-danger",
            ),
            html.Span(
                id="share-consent-status",
                className="save-status",
                role="status",
                **attrs(aria_live="polite"),
            ),
        ],
        className="share-consent",
    )


def _files_block(lang: Lang) -> Any:
    buttons = [
        html.Button(t(f"export.format.{fmt.value}", lang), id=button_id(fmt), className="btn")
        for fmt in MAP_FORMATS
    ]
    return html.Fieldset(
        [
            html.Legend(t("share_app.files.heading", lang)),
            html.Div(
                t("share_app.for_whom", lang), className="form-label", id="share-for-whom-label"
            ),
            html.Div(
                radio_items(
                    "share-for-whom",
                    options=[
                        {"label": t(f"share_app.for_whom.{value}", lang), "value": value}
                        for value in FOR_WHOM
                    ],
                    value="team",
                    class_name="choice-grid share-for-whom",
                ),
                role="group",
                **attrs(aria_labelledby="share-for-whom-label"),
            ),
            check_items(
                "share-include-cpr",
                options=[{"label": t("share_app.include_cpr", lang), "value": "cpr"}],
                value=[],
                class_name="choice-row",
            ),
            html.P(
                t("share_app.cpr_warning", lang),
                id="share-cpr-warning",
                className="share-warning",
                role="alert",
                style={"display": "none"},
            ),
            _row(
                t("share_app.recipient", lang),
                "share-recipient",
                _text("share-recipient", max_length=200),
                t("share_app.recipient_hint", lang),
            ),
            html.P(id="share-blocked", className="share-blocked", role="status"),
            html.Div(buttons, className="button-row share-buttons"),
            dcc.Loading(
                html.Div(
                    id="share-download-status",
                    className="save-status",
                    role="status",
                    **attrs(aria_live="polite"),
                ),
                type="dot",
            ),
            dcc.Download(id="share-download"),
        ],
        className="share-files",
    )


def _previews(lang: Lang) -> Any:
    figures = [
        html.Figure(
            [
                html.Img(
                    id=f"share-preview-{kind}",
                    alt=t(f"share_app.preview.{kind}_alt", lang),
                    className="share-preview",
                ),
                html.Figcaption(t(f"share_app.preview.{kind}", lang)),
            ],
            className="share-figure",
        )
        for kind in PREVIEWS
    ]
    return html.Div(
        [
            html.H3(t("share_app.preview.heading", lang)),
            html.Div(figures, className="share-previews"),
            html.P(t("share_app.preview.no_cpr", lang), className="muted"),
        ],
        className="share-preview-block",
    )


def share_section(lang: Lang) -> Any:
    """The section's frame, and the contact overview for printing; drawn by ``draw_share``."""
    details = html.Details(
        [
            html.Summary(
                [
                    html.Span(t("share_app.heading", lang), className="share-title"),
                    html.Span(id="share-summary-state", className="share-summary-state"),
                ],
                id="share-summary",
            ),
            html.P(t("share_app.intro", lang), className="muted"),
            _row(
                t("share_app.who", lang),
                "share-who",
                _text("share-who", persistence=True, persistence_type="local"),
                t("share_app.who_hint", lang),
            ),
            _consent_block(lang),
            _files_block(lang),
            _previews(lang),
            html.H3(t("share_app.log.heading", lang)),
            html.P(t("share_app.log.help", lang), className="muted"),
            html.Div(id="share-log", className="share-log"),
        ],
        id="share-details",
        className="card share-card",
    )
    # Only on paper (assets/print.css): the page printed is the map, its
    # legend and this overview, without the controls.
    printed = html.Section(
        [
            html.H2(t("share_app.print.overview", lang)),
            html.Div(id="share-print-overview"),
        ],
        className="print-only print-overview",
    )
    return html.Div([details, printed], className="share-region")


#: The contact overview's columns on paper.
PRINT_COLUMNS = ("name", "role", "organisation", "phone", "email", "helps_with")


def print_overview(rows: Sequence[OverviewRow], lang: Lang) -> Any:
    """The contact overview as a plain table for the printed page.

    An inert tree (:mod:`netmap.app.inert`): one component, where as Dash
    components a 60-person table was some 430, each mounted anew on every
    save (and each mount a whole-page update in the browser).
    """
    if not rows:
        return html.P(t("panels.overview.empty", lang))
    head = el(
        "tr", [el("th", t(f"share_app.print.column.{c}", lang), scope="col") for c in PRINT_COLUMNS]
    )
    body = [el("tr", [el("td", getattr(row, c) or "") for c in PRINT_COLUMNS]) for row in rows]
    return Inert(el("table", [el("thead", head), el("tbody", body)], className="print-table"))


def consent_details(details: list[str]) -> list[Any]:
    """The consent's record under its state (given on, recorded by)."""
    return [html.Li(line) for line in details]


def log_table(rows: list[LogRow], lang: Lang) -> Any:
    """The export log as a table, newest first (an inert tree, as :func:`print_overview`)."""
    if not rows:
        return html.P(t("share_app.log.empty", lang), className="muted")
    columns = ("when", "who", "version", "format", "kind", "to")
    head = el("tr", [el("th", t(f"share_app.log.{c}", lang), scope="col") for c in columns])
    body = [el("tr", [el("td", getattr(row, c)) for c in columns]) for row in rows]
    return Inert(el("table", [el("thead", head), el("tbody", body)], className="share-log-table"))


def share_field(person: Person, lang: Lang) -> Any:
    """The edit panel's "share with the team": the rule's default, or the patient's yes or no."""
    rule = shared_with_team(person.model_copy(update={"share_with_team": None}))
    rule_text = t("share_app.person.shared" if rule else "share_app.person.role_only", lang)
    options = [
        {"label": t("share_app.edit.share_default", lang, rule=rule_text), "value": "default"},
        {"label": t("share_app.edit.share_yes", lang), "value": "yes"},
        {"label": t("share_app.edit.share_no", lang), "value": "no"},
    ]
    return html.Div(
        [
            html.Div(
                t("share_app.edit.share", lang), id="edit-share-label", className="form-label"
            ),
            html.Div(
                radio_items(
                    "edit-share",
                    options=options,
                    value=share_choice_value(person.share_with_team),
                ),
                role="group",
                **attrs(aria_labelledby="edit-share-label"),
            ),
            html.Div(t("share_app.edit.share_hint", lang), className="muted field-hint"),
        ],
        className="form-row",
    )
