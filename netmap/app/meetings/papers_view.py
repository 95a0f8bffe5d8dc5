"""The meeting's papers on the page: the invitation and the aftaleark, ready to print.

Pure: :class:`~netmap.analysis.papers.Invitation` /
:class:`~netmap.analysis.papers.AgreementSheet` in, Dash components out. The
layout follows the seeds' templates (seed 001, seed 004 Bilag 2) field by
field; the print stylesheet (``assets/meetings-print.css``) prints only the
paper asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from netmap.analysis.papers import AgreementLine, AgreementSheet, Invitation, Participant
from netmap.i18n import Lang, format_date, format_datetime, t

__all__ = ["agreement_sheet_view", "invitation_view", "when_text"]


def when_text(day: dt.date, at: dt.time | None, lang: Lang) -> str:
    """A meeting's date, and its time when one is set.

    >>> when_text(dt.date(2026, 12, 10), dt.time(14, 0), "da")
    '10.12.2026 14.00'
    >>> when_text(dt.date(2026, 12, 10), None, "da")
    '10.12.2026'
    """
    if at is None:
        return format_date(day, lang)
    return format_datetime(dt.datetime.combine(day, at), lang)


def _row(label: str, value: Any) -> Any:
    return html.Div([html.Dt(label), html.Dd(value or "–")], className="paper-row")


def _people(people: list[Participant], lang: Lang) -> Any:
    if not people:
        return "–"
    return html.Ul([html.Li(f"{p.name} – {p.title}" if p.title else p.name) for p in people])


def invitation_view(inv: Invitation, lang: Lang) -> Any:
    """The invitation as the template (seed 004, Bilag 2) has it."""
    who = inv.patient_name if inv.cpr is None else f"{inv.patient_name}, {inv.cpr}"
    return html.Article(
        [
            html.H3(t("meetings_app.paper.invitation_title", lang)),
            html.P(t(f"meeting_kind.{inv.meeting_kind.value}", lang), className="muted"),
            html.Dl(
                [
                    _row(t("meetings_app.paper.patient", lang), who),
                    _row(t("meetings_app.paper.when", lang), when_text(inv.date, inv.time, lang)),
                    _row(t("meetings_app.paper.place", lang), inv.place),
                    _row(
                        t("meetings_app.paper.participants", lang),
                        _people(inv.participants, lang),
                    ),
                    _row(t("meetings_app.paper.apologies", lang), _people(inv.apologies, lang)),
                    _row(t("meetings_app.paper.purpose", lang), inv.purpose),
                ],
                className="paper-fields",
            ),
            html.H4(t("meetings_app.paper.agenda", lang)),
            html.Ol([html.Li(item) for item in inv.agenda], className="paper-agenda"),
        ],
        id="paper-invitation",
        className="paper",
    )


def _status(line: AgreementLine, lang: Lang) -> str:
    if line.follow_up is None:
        return t("meetings_app.paper.not_followed_up", lang)
    return t(f"agreement_status.{line.follow_up.value}", lang)


def _agreements(lines: list[AgreementLine], lang: Lang, *, follow_up: bool) -> Any:
    if not lines:
        return html.P(t("meetings_app.paper.none", lang), className="muted")
    head = [
        t("meetings_app.paper.who", lang),
        t("meetings_app.paper.what", lang),
        t("meetings_app.paper.by", lang),
    ]
    if follow_up:
        head.append(t("meetings_app.paper.status", lang))
    rows = []
    for line in lines:
        cells = [line.who, line.what, format_date(line.by, lang) if line.by else "–"]
        if follow_up:
            cells.append(_status(line, lang))
        rows.append(html.Tr([html.Td(c) for c in cells]))
    return html.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(rows)],
        className="paper-table",
    )


def agreement_sheet_view(sheet: AgreementSheet, lang: Lang) -> Any:
    """The aftaleark (seed 001): name, date, participants, follow-up, agreements, next."""
    who = sheet.patient_name if sheet.cpr is None else f"{sheet.patient_name}, {sheet.cpr}"
    nxt = format_date(sheet.next_meeting, lang) if sheet.next_meeting else None
    return html.Article(
        [
            html.H3(t("meetings_app.paper.sheet_title", lang)),
            html.Dl(
                [
                    _row(t("meetings_app.paper.name", lang), who),
                    _row(t("meetings_app.paper.date", lang), format_date(sheet.meeting_date, lang)),
                    _row(
                        t("meetings_app.paper.attendees", lang),
                        _people(sheet.participants, lang),
                    ),
                ],
                className="paper-fields",
            ),
            html.H4(t("meetings_app.paper.follow_up", lang)),
            _agreements(sheet.follow_up, lang, follow_up=True),
            html.H4(t("meetings_app.paper.agreements", lang)),
            _agreements(sheet.agreements, lang, follow_up=False),
            html.Dl([_row(t("meetings_app.paper.next", lang), nxt)], className="paper-fields"),
        ],
        id="paper-agreements",
        className="paper",
    )
